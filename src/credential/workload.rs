//! Identities without an API key (DESIGN.md §14): a trusted profile reached with a
//! compute-resource token (a pod's projected service-account token, Code Engine's token),
//! exchanged at IAM with the `cr-token` grant, or with the VPC instance metadata service (an
//! instance identity token, then an IAM token for the instance's or a named profile). The
//! compute-resource token is read like a file an attacker wrote (a regular file, capped, text
//! shaped like an unexpired JWT, not caught mid-rewrite) and read again on every exchange,
//! since projected tokens rotate. The metadata service is spoken to directly, never through
//! a proxy, and over plain http only at its own addresses or loopback. Every token on the way
//! (compute-resource, instance, access) is a `Secret`; the requests can be shown, masked, for
//! `--dry-run` and traces.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use serde_json::{Value, json};

use super::iam::{self, Retry};
use super::jwt;
use crate::error::{Error, Result};
use crate::files::{self, ReadError};
use crate::output::trace;
use crate::secret::{MASK, Secret, one_line, sanitize};

/// A path as messages show it: on one line, without escape sequences.
fn shown_path(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// Where IBM's SDKs look for a compute-resource token, in their order: the projected
/// service-account tokens of IKS and OpenShift, then Code Engine's.
pub(crate) const DEFAULT_TOKEN_PATHS: [&str; 3] = [
    "/var/run/secrets/tokens/vault-token",
    "/var/run/secrets/tokens/sa-token",
    "/var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token",
];
/// The VPC instance metadata service.
pub(crate) const METADATA_ENDPOINT: &str = "http://api.metadata.cloud.ibm.com";
/// The metadata service's link-local address (the SDKs' default).
const METADATA_IP: &str = "169.254.169.254";
/// The metadata API version sent, and its paths (the instance token, the IAM token).
const METADATA_API: (&str, &str, &str) =
    ("2022-03-01", "/instance_identity/v1/token", "/instance_identity/v1/iam_token");
/// The later API version whose paths were renamed, tried when the first answers 404.
const METADATA_API_RENAMED: (&str, &str, &str) =
    ("2025-08-26", "/identity/v1/token", "/identity/v1/iam_tokens");
/// Seconds the instance identity token lives: it is used once, at once.
const INSTANCE_TOKEN_SECS: u32 = 300;
/// Largest token file read (a projected token is 1–2 kB).
const MAX_TOKEN_FILE: u64 = 64 << 10;
/// Reads of a token file caught changing before giving up.
const READ_TRIES: u32 = 4;
/// The `cr-token` grant.
const CR_TOKEN_GRANT: &str = "urn:ibm:params:oauth:grant-type:cr-token";

/// A trusted profile as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Profile {
    /// `Profile-…`.
    Id(String),
    /// `crn:…`.
    Crn(String),
    /// Anything else: the profile's name.
    Name(String),
}

impl Profile {
    /// Reads a profile given by `source` (a flag or a variable).
    ///
    /// # Errors
    /// Empty, too long, or holding spaces or control characters.
    pub(crate) fn parse(text: &str, source: &str) -> Result<Profile> {
        let text = text.trim();
        let bad = text.is_empty()
            || text.len() > 512
            || text.chars().any(|c| c.is_control() || c.is_whitespace());
        if bad {
            return Err(Error::usage(
                format!("the trusted profile from {source} ('{}') cannot be one", sanitize(text)),
                "give the profile's ID (Profile-…), its name, or its CRN (`ibmcloud iam trusted-profiles` lists them)",
            ));
        }
        Ok(if text.starts_with("Profile-") {
            Profile::Id(text.to_owned())
        } else if text.starts_with("crn:") {
            Profile::Crn(text.to_owned())
        } else {
            Profile::Name(text.to_owned())
        })
    }

    /// The `cr-token` grant's form field for it.
    fn field(&self) -> (&'static str, &str) {
        match self {
            Profile::Id(id) => ("profile_id", id),
            Profile::Crn(crn) => ("profile_crn", crn),
            Profile::Name(name) => ("profile_name", name),
        }
    }

    /// The profile as given.
    #[must_use]
    pub(crate) fn as_str(&self) -> &str {
        self.field().1
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&sanitize(self.as_str()))
    }
}

/// Where the compute-resource token is.
#[derive(Debug, Clone)]
pub(crate) enum TokenSource {
    /// In this file, named by `from` (`--cr-token-file`, `IBMCLOUD_CR_TOKEN`, cr-ext's config).
    File { path: PathBuf, from: &'static str },
    /// In `IBMCLOUD_CR_TOKEN` itself.
    Env(Secret),
    /// Handed over by the caller: a pod's service-account token in a kubelet's request.
    Given(Secret),
    /// In the first of [`DEFAULT_TOKEN_PATHS`] that exists.
    Defaults,
}

/// An identity without an API key.
#[derive(Debug, Clone)]
pub(crate) enum Workload {
    /// A compute-resource token, exchanged for the profile's access token.
    CrToken { profile: Profile, token: TokenSource },
    /// The VPC instance metadata service, for the instance's profile or the one named.
    Vpc { endpoint: Url, from: &'static str, profile: Option<Profile> },
}

/// A request as it may be shown: every token `****`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shown {
    /// `POST`, `PUT`.
    pub(crate) method: &'static str,
    /// The URL with its query.
    pub(crate) url: String,
    /// The headers cr-ext sets (besides `User-Agent`).
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body, as sent but masked.
    pub(crate) body: Option<String>,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            write!(f, " -H '{name}: {value}'")?;
        }
        if let Some(body) = &self.body {
            write!(f, " -d '{body}'")?;
        }
        Ok(())
    }
}

impl Shown {
    /// As JSON, for `--dry-run --output json`.
    #[must_use]
    pub(crate) fn to_json(&self) -> Value {
        let headers: serde_json::Map<String, Value> =
            self.headers.iter().map(|(n, v)| ((*n).to_owned(), json!(v))).collect();
        json!({ "method": self.method, "url": self.url, "headers": headers, "body": self.body })
    }
}

/// The `Shown` form of the token API's request with `fields` (a secret's value is `None`).
#[must_use]
pub(crate) fn shown_grant(iam: &Url, fields: &[(&str, Option<&str>)]) -> Shown {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        form.append_pair(name, value.unwrap_or(MASK));
    }
    Shown {
        method: "POST",
        url: format!("{}/identity/token", iam::display_url(iam)),
        headers: vec![
            ("Content-Type", "application/x-www-form-urlencoded".into()),
            ("Accept", "application/json".into()),
        ],
        body: Some(form.finish().replace("%2A%2A%2A%2A", MASK)),
    }
}

/// Checks a metadata service URL: https anywhere; plain http only to the service's own
/// addresses and loopback.
///
/// # Errors
/// Not a URL, another scheme, or plain http elsewhere.
pub(crate) fn metadata_endpoint(text: &str, from: &str) -> Result<Url> {
    let hint = format!(
        "give the instance's metadata service, e.g. {METADATA_ENDPOINT} (or https://api.metadata.cloud.ibm.com with secure metadata on)"
    );
    let url = Url::parse(text.trim().trim_end_matches('/')).map_err(|e| {
        Error::usage(
            format!("invalid metadata endpoint '{}' (from {from}): {e}", sanitize(text)),
            &hint,
        )
    })?;
    let host = url.host_str().unwrap_or_default();
    let local = host.eq_ignore_ascii_case("api.metadata.cloud.ibm.com")
        || host == METADATA_IP
        || iam::is_loopback(&url);
    match url.scheme() {
        "https" => Ok(url),
        "http" if local => Ok(url),
        "http" => Err(Error::usage(
            format!(
                "refusing plain http to '{}' (from {from}): the instance token is a secret, and plain http goes only to the metadata service itself",
                iam::display_url(&url)
            ),
            hint,
        )),
        other => Err(Error::usage(
            format!("metadata endpoint '{}' has scheme '{other}'", iam::display_url(&url)),
            hint,
        )),
    }
}

impl Workload {
    /// Where the identity comes from, for status and traces.
    #[must_use]
    pub(crate) fn describe(&self) -> String {
        match self {
            Workload::CrToken { profile, token } => {
                let from = match token {
                    TokenSource::File { path, from } => {
                        format!("the compute-resource token in {} (from {from})", shown_path(path))
                    }
                    TokenSource::Env(_) => {
                        format!("the compute-resource token in {}", crate::env::IBMCLOUD_CR_TOKEN)
                    }
                    TokenSource::Given(_) => "the pod's service-account token".to_owned(),
                    TokenSource::Defaults => {
                        "the compute-resource token at the default path".to_owned()
                    }
                };
                format!("trusted profile {profile} with {from}")
            }
            Workload::Vpc { endpoint, profile, .. } => {
                let whose = profile.as_ref().map_or_else(
                    || "the profile linked to the instance".to_owned(),
                    |p| format!("trusted profile {p}"),
                );
                format!("the VPC instance identity ({}) for {whose}", iam::display_url(endpoint))
            }
        }
    }

    /// What the token cache keys a token of this identity by: its kind, where the
    /// compute-resource token is (an absolute path, tagged so that no path equals another
    /// kind of place), the workload that token names (its issuer and subject: two service
    /// accounts never share a slot), the profile and the IAM endpoint; or the metadata service
    /// and profile. Never a token. `cr_token` is the token [`Self::prepare`] read and checked.
    #[must_use]
    pub(crate) fn cache_scope(&self, iam: &str, cr_token: Option<&Secret>) -> Vec<String> {
        match self {
            Workload::CrToken { profile, token } => {
                let place = match token {
                    TokenSource::File { path, .. } => format!(
                        "file:{}",
                        std::path::absolute(path).unwrap_or_else(|_| path.clone()).display()
                    ),
                    TokenSource::Env(_) => format!("env:{}", crate::env::IBMCLOUD_CR_TOKEN),
                    TokenSource::Given(_) => "given:".to_owned(),
                    TokenSource::Defaults => "defaults:".to_owned(),
                };
                let names = cr_token
                    .and_then(|t| jwt::decode(t.expose()).ok())
                    .map(|c| {
                        let claim =
                            |k: &str| c.raw.get(k).map(ToString::to_string).unwrap_or_default();
                        format!("{}\u{0}{}", claim("iss"), claim("sub"))
                    })
                    .unwrap_or_default();
                vec!["cr-token".into(), place, names, profile.as_str().to_owned(), iam.to_owned()]
            }
            Workload::Vpc { endpoint, profile, .. } => vec![
                "vpc".into(),
                endpoint.to_string(),
                profile.as_ref().map(|p| p.as_str().to_owned()).unwrap_or_default(),
                String::new(),
            ],
        }
    }

    /// The requests an exchange sends, masked (for `--dry-run`).
    #[must_use]
    pub(crate) fn requests(&self, iam: &Url) -> Vec<Shown> {
        match self {
            Workload::CrToken { profile, .. } => {
                let (field, value) = profile.field();
                vec![shown_grant(
                    iam,
                    &[
                        ("grant_type", Some(CR_TOKEN_GRANT)),
                        ("cr_token", None),
                        (field, Some(value)),
                    ],
                )]
            }
            Workload::Vpc { endpoint, profile, .. } => {
                let (put, post) = vpc_requests(endpoint, METADATA_API, profile.as_ref());
                vec![put, post]
            }
        }
    }

    /// Gets what the exchange needs before anything is sent: the compute-resource token, read
    /// now and checked (the VPC source needs nothing).
    ///
    /// # Errors
    /// No token file, an unusable or expired token.
    pub(crate) fn prepare(&self) -> Result<Option<Secret>> {
        let Workload::CrToken { token, .. } = self else { return Ok(None) };
        let (raw, source) = match token {
            TokenSource::Env(secret) => {
                (secret.expose().as_bytes().to_vec(), crate::env::IBMCLOUD_CR_TOKEN.to_owned())
            }
            TokenSource::Given(secret) => {
                (secret.expose().as_bytes().to_vec(), "the kubelet's request".to_owned())
            }
            TokenSource::File { path, from } => {
                (read_token_file(path)?, format!("{} (from {from})", shown_path(path)))
            }
            TokenSource::Defaults => {
                let path = DEFAULT_TOKEN_PATHS.iter().map(Path::new).find(|p| p.exists());
                let Some(path) = path else {
                    return Err(Error::Identity {
                        message: format!(
                            "no compute-resource token: none of {} exists",
                            DEFAULT_TOKEN_PATHS.join(", ")
                        ),
                        hint: "mount a projected service-account token with audience iam (see the README's \"No API key\" section), or name the file with --cr-token-file PATH or IBMCLOUD_CR_TOKEN=@PATH".into(),
                    });
                };
                trace(&format!("compute-resource token: {}", shown_path(path)));
                (read_token_file(path)?, shown_path(path))
            }
        };
        checked_cr_token(&raw, &source).map(Some)
    }
}

/// A token file's bytes.
fn read_token_file(path: &Path) -> Result<Vec<u8>> {
    files::read_unchanging(path, MAX_TOKEN_FILE, READ_TRIES).map_err(|e| {
        let why = match e {
            ReadError::TooLarge(_) => {
                format!("it is larger than {} KiB, so it cannot be a token", MAX_TOKEN_FILE >> 10)
            }
            other => other.to_string(),
        };
        token_error(format!(
            "cannot use the compute-resource token file {}: {why}",
            shown_path(path)
        ))
    })
}

fn token_error(message: String) -> Error {
    Error::usage(
        message,
        "point --cr-token-file (or IBMCLOUD_CR_TOKEN=@PATH) at the projected service-account token (audience iam) or Code Engine's compute-resource token",
    )
}

/// The token in `raw`: text shaped like a JWT whose expiry has not passed.
///
/// # Errors
/// Empty, binary, not a JWT, or expired; never quoting it.
fn checked_cr_token(raw: &[u8], source: &str) -> Result<Secret> {
    let refuse = |why: &str| token_error(format!("the compute-resource token from {source} {why}"));
    if raw.contains(&0) {
        return Err(refuse("holds NUL bytes, so it cannot be a token"));
    }
    let text = std::str::from_utf8(raw).map_err(|_| refuse("is not UTF-8 text"))?.trim();
    if text.is_empty() {
        return Err(refuse("is empty"));
    }
    if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(refuse("holds spaces or control characters, so it cannot be a token"));
    }
    let secret = Secret::new(text.to_owned());
    let claims = jwt::decode(text).map_err(|what| refuse(&format!("is {what}")))?;
    let left = claims.expires_in(jwt::now());
    if left <= jwt::EXPIRY_MARGIN_SECS {
        return Err(Error::Identity {
            message: format!(
                "the compute-resource token from {source} expired {}; nothing was sent",
                crate::output::remaining(left)
            ),
            hint: "projected tokens are renewed by the kubelet: check that the pod's token volume sets expirationSeconds and that the file is the projected one, not a copy".into(),
        });
    }
    Ok(secret)
}

/// Exchanges the identity for an access token at `iam` (the `cr-token` grant) or at the
/// metadata service, each request bounded by `timeout`.
///
/// # Errors
/// IAM or the metadata service unreachable, refusing, failing or answering nonsense.
pub(crate) fn exchange(
    workload: &Workload,
    cr_token: Option<&Secret>,
    iam: &Url,
    timeout: Duration,
) -> Result<jwt::Token> {
    let raw = match (workload, cr_token) {
        (Workload::CrToken { profile, .. }, Some(token)) => {
            cr_token_grant(iam, profile, token, timeout)?
        }
        (Workload::Vpc { endpoint, profile, .. }, _) => {
            vpc_token(endpoint, profile.as_ref(), timeout)?
        }
        (Workload::CrToken { .. }, None) => {
            return Err(Error::IamResponse { what: "no compute-resource token was read".into() });
        }
    };
    let what = workload.describe();
    jwt::checked_token(raw.expose(), jwt::now()).map_err(|e| match e {
        Error::BadToken { what: why } => {
            Error::IamResponse { what: format!("the access token it gave for {what} is {why}") }
        }
        Error::TokenExpired { expired_ago_secs } => Error::IamResponse {
            what: format!(
                "the access token it gave for {what} {} (is this machine's clock right?)",
                if expired_ago_secs >= 0 {
                    format!("expired {expired_ago_secs} s ago")
                } else {
                    format!("expires in {} s, too soon to use", -expired_ago_secs)
                }
            ),
        },
        other => other,
    })
}

fn cr_token_grant(
    iam: &Url,
    profile: &Profile,
    token: &Secret,
    timeout: Duration,
) -> Result<Secret> {
    let (field, value) = profile.field();
    let form = [("grant_type", CR_TOKEN_GRANT), ("cr_token", token.expose()), (field, value)];
    let url = iam.join("/identity/token").map_err(|e| Error::IamUnavailable {
        endpoint: iam::display_url(iam),
        reason: e.to_string(),
    })?;
    trace(&format!(
        "{}",
        shown_grant(
            iam,
            &[("grant_type", Some(CR_TOKEN_GRANT)), ("cr_token", None), (field, Some(value))]
        )
    ));
    let http = iam::client(iam, timeout)?;
    let (status, body) =
        iam::send(iam, &url, ("POST", "grant cr-token"), timeout, Retry::All, || {
            http.post(url.clone()).header("Accept", "application/json").form(&form)
        })?;
    if status != 200 {
        let body = iam::error_body(&body);
        return Err(Error::WorkloadRejected {
            status,
            code: body.code,
            message: body.message,
            request_id: body.request_id,
            what: format!("trusted profile {profile}"),
            hint: format!(
                "check that trusted profile {profile} exists in the account and trusts this compute resource (`ibmcloud iam trusted-profile-rules {profile}`: a compute-resource rule for this cluster, namespace and service account), and that the token was projected with audience iam"
            ),
        });
    }
    Ok(iam::parse_tokens(&body)?.access_token)
}

/// The two metadata requests of API version `api`, masked.
fn vpc_requests(
    endpoint: &Url,
    api: (&str, &str, &str),
    profile: Option<&Profile>,
) -> (Shown, Shown) {
    let (version, token_path, iam_path) = api;
    let base = iam::display_url(endpoint);
    let put = Shown {
        method: "PUT",
        url: format!("{base}{token_path}?version={version}"),
        headers: vec![
            ("Content-Type", "application/json".into()),
            ("Accept", "application/json".into()),
            ("Metadata-Flavor", "ibm".into()),
        ],
        body: Some(json!({ "expires_in": INSTANCE_TOKEN_SECS }).to_string()),
    };
    let post = Shown {
        method: "POST",
        url: format!("{base}{iam_path}?version={version}"),
        headers: vec![
            ("Content-Type", "application/json".into()),
            ("Accept", "application/json".into()),
            ("Authorization", format!("Bearer {MASK}")),
        ],
        body: profile.map(|p| profile_body(p).to_string()),
    };
    (put, post)
}

/// The IAM-token request's body naming `profile` (the metadata service takes an ID or a CRN).
fn profile_body(profile: &Profile) -> Value {
    match profile {
        Profile::Crn(crn) => json!({ "trusted_profile": { "crn": crn } }),
        Profile::Id(id) | Profile::Name(id) => json!({ "trusted_profile": { "id": id } }),
    }
}

/// What went wrong talking to the metadata service at `endpoint`.
fn metadata_error(endpoint: &Url, reason: String) -> Error {
    let refused = reason.contains("cannot connect") || reason.contains("onnection refused");
    let hint = if refused {
        "the instance metadata service must be enabled on the instance: `ibmcloud is instance-update INSTANCE --metadata-service true` (or the instance's Metadata setting in the console); cr-ext only works there on a VPC virtual server".to_owned()
    } else {
        "check that this runs on a VPC virtual server with the metadata service on, and --metadata-endpoint / IBMCLOUD_VPC_METADATA_ENDPOINT if set".to_owned()
    };
    Error::Metadata { endpoint: iam::display_url(endpoint), reason, hint }
}

/// The access token from the metadata service: the instance identity token, then the IAM
/// token for `profile` (else the instance's own). A 404 on the first request tries the later
/// API version's renamed paths once.
fn vpc_token(endpoint: &Url, profile: Option<&Profile>, timeout: Duration) -> Result<Secret> {
    let http = iam::client_direct(endpoint, timeout)?;
    let mut tried = Vec::new();
    for api in [METADATA_API, METADATA_API_RENAMED] {
        let (put, post) = vpc_requests(endpoint, api, profile);
        let url = endpoint
            .join(&format!("{}?version={}", api.1, api.0))
            .map_err(|e| metadata_error(endpoint, e.to_string()))?;
        trace(&put.to_string());
        let (status, body) = iam::send(
            endpoint,
            &url,
            ("PUT", "instance identity token"),
            timeout,
            Retry::All,
            || {
                http.put(url.clone())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Metadata-Flavor", "ibm")
                    .body(json!({ "expires_in": INSTANCE_TOKEN_SECS }).to_string())
            },
        )
        .map_err(|e| from_send(endpoint, e))?;
        if status == 404 {
            tried.push(put.url);
            continue;
        }
        if status != 200 {
            return Err(metadata_refused(endpoint, status, &body, "the instance identity token"));
        }
        let instance = metadata_token(endpoint, &body, "instance identity token")?;
        let url = endpoint
            .join(&format!("{}?version={}", api.2, api.0))
            .map_err(|e| metadata_error(endpoint, e.to_string()))?;
        trace(&post.to_string());
        let bearer = format!("Bearer {}", instance.expose());
        let (status, body) =
            iam::send(endpoint, &url, ("POST", "IAM token"), timeout, Retry::All, || {
                let request = http
                    .post(url.clone())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", &bearer);
                match profile {
                    Some(p) => request.body(profile_body(p).to_string()),
                    None => request,
                }
            })
            .map_err(|e| from_send(endpoint, e))?;
        if status != 200 {
            let whose = profile.map_or_else(
                || "the instance's trusted profile".to_owned(),
                |p| format!("trusted profile {p}"),
            );
            return Err(metadata_refused(endpoint, status, &body, &whose));
        }
        return metadata_token(endpoint, &body, "IAM token");
    }
    Err(metadata_error(
        endpoint,
        format!(
            "it answered 404 Not Found at {} (the API versions cr-ext knows); this is not the VPC instance metadata service, or it is a version cr-ext does not know",
            tried.join(" and at ")
        ),
    ))
}

/// A failed request to the metadata service, said as its own (not IAM's).
fn from_send(endpoint: &Url, error: Error) -> Error {
    match error {
        Error::IamUnavailable { reason, .. } => metadata_error(endpoint, reason),
        Error::IamRedirect { status, location } => metadata_error(
            endpoint,
            format!(
                "it answered {status}, a redirect to {location}, which is never followed (the instance token would go there)"
            ),
        ),
        other => other,
    }
}

/// A refusal by the metadata service: 4xx (not 429) is the identity refused.
fn metadata_refused(endpoint: &Url, status: u16, body: &str, what: &str) -> Error {
    let answer = iam::error_body(body);
    if (400..500).contains(&status) && status != 429 {
        return Error::WorkloadRejected {
            status,
            code: answer.code,
            message: answer.message,
            request_id: answer.request_id,
            what: format!("{what} (metadata service {})", iam::display_url(endpoint)),
            hint: "check that the instance is linked to the trusted profile or trusted by it (`ibmcloud iam trusted-profile-rules PROFILE`: a compute-resource rule of type VSI), and that --profile names that profile".into(),
        };
    }
    metadata_error(endpoint, format!("it answered {status} for {what}: {}", answer.message))
}

/// The `access_token` of a metadata answer.
fn metadata_token(endpoint: &Url, body: &str, what: &str) -> Result<Secret> {
    let value: Value = serde_json::from_str(body)
        .map_err(|_| metadata_error(endpoint, format!("its {what} answer is not JSON")))?;
    value
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty() && t.len() <= 64 << 10)
        .map(|t| Secret::new(t.to_owned()))
        .ok_or_else(|| metadata_error(endpoint, format!("its {what} answer has no access_token")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_is_an_id_a_crn_or_a_name() {
        assert_eq!(Profile::parse("Profile-1a2b", "x").unwrap().field().0, "profile_id");
        let crn = "crn:v1:bluemix:public:iam-identity::a/acct::profile:Profile-1";
        assert_eq!(Profile::parse(crn, "x").unwrap().field().0, "profile_crn");
        assert_eq!(
            Profile::parse(" ci-builder ", "x").unwrap().field(),
            ("profile_name", "ci-builder")
        );
        for bad in ["", "two words", "a\u{1b}[2J"] {
            assert_eq!(Profile::parse(bad, "--profile").unwrap_err().exit_code(), 2, "{bad:?}");
        }
    }

    #[test]
    fn plain_http_only_to_the_metadata_service() {
        for ok in
            [METADATA_ENDPOINT, "http://169.254.169.254", "http://127.0.0.1:9", "https://x.example"]
        {
            assert!(metadata_endpoint(ok, "t").is_ok(), "{ok}");
        }
        for bad in ["http://metadata.example.com", "ftp://169.254.169.254", "nope"] {
            assert_eq!(metadata_endpoint(bad, "t").unwrap_err().exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn shown_requests_mask_every_token() {
        let iam = Url::parse("https://iam.cloud.ibm.com").unwrap();
        let cr = Workload::CrToken {
            profile: Profile::Id("Profile-9".into()),
            token: TokenSource::Defaults,
        };
        let shown = cr.requests(&iam)[0].to_string();
        assert_eq!(
            shown,
            "POST https://iam.cloud.ibm.com/identity/token -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' -d 'grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Acr-token&cr_token=****&profile_id=Profile-9'"
        );
        let vpc = Workload::Vpc {
            endpoint: Url::parse(METADATA_ENDPOINT).unwrap(),
            from: "default",
            profile: Some(Profile::Crn("crn:v1:x".into())),
        };
        let shown: Vec<String> = vpc.requests(&iam).iter().map(ToString::to_string).collect();
        assert!(shown[0].starts_with("PUT http://api.metadata.cloud.ibm.com/instance_identity/v1/token?version=2022-03-01 "), "{shown:?}");
        assert!(
            shown[0].contains("'Metadata-Flavor: ibm'")
                && shown[0].ends_with(r#"-d '{"expires_in":300}'"#)
        );
        assert!(shown[1].contains("'Authorization: Bearer ****'"), "{shown:?}");
        assert!(shown[1].ends_with(r#"-d '{"trusted_profile":{"crn":"crn:v1:x"}}'"#), "{shown:?}");
    }

    #[test]
    fn a_token_must_be_an_unexpired_jwt_and_is_never_quoted() {
        let fresh =
            jwt::make(&json!({"exp": jwt::now() + 600, "sub": "system:serviceaccount:a:b"}));
        assert_eq!(checked_cr_token(format!("{fresh}\n").as_bytes(), "f").unwrap().expose(), fresh);
        let stale = jwt::make(&json!({"exp": jwt::now() - 60}));
        let err = checked_cr_token(stale.as_bytes(), "f").unwrap_err();
        assert_eq!(err.exit_code(), 4, "{err}");
        for (raw, why) in [
            (b"".to_vec(), "empty"),
            (b"a\0b".to_vec(), "NUL"),
            (vec![0xff, 0xfe], "UTF-8"),
            (b"not-a-jwt-sEcReT".to_vec(), "not a JWT"),
            (b"two sEcReT words".to_vec(), "spaces"),
        ] {
            let err = checked_cr_token(&raw, "f").unwrap_err().to_string();
            assert!(err.contains(why), "{why}: {err}");
            assert!(!err.contains("sEcReT"), "{err}");
        }
    }
}
