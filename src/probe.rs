//! The registry's side of `doctor` (DESIGN.md §16), read only: `GET /v2/` and its
//! `WWW-Authenticate` challenge, the token request for one repository's scope, the actions a
//! token grants (its JWT `access` claim, else a `HEAD` of the manifest), the registry's error
//! text mapped to a known cause, and ICR's namespaces API in each region. Nothing is written
//! or pushed, and no redirect is followed; a credential goes only to the realm the registry
//! names when that realm is on the registry's own host name (any port), or, for an ICR host an
//! IAM token is for, another such host (never `cp.icr.io`), and over plain http only to a
//! loopback address. Each request has a timeout, and all of them one deadline. Answers are capped and read against a
//! deadline; every string a server sends is scrubbed to one line before it is shown.
//! `CR_EXT_RESOLVE` (`HOST=IP:PORT,…`) sends one host's requests to another address, as curl's
//! `--resolve` does: TLS is still checked against the host's name.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use base64::Engine as _;
use reqwest::Url;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, LOCATION};
use serde_json::Value;

use crate::credential::{iam, jwt};
use crate::env;
use crate::registry;
use crate::secret::{Secret, one_line};

/// The manifest types a client accepts, for the read-only probe.
const MANIFEST_TYPES: &str = "application/vnd.oci.image.index.v1+json, \
application/vnd.oci.image.manifest.v1+json, \
application/vnd.docker.distribution.manifest.list.v2+json, \
application/vnd.docker.distribution.manifest.v2+json";

/// The longest a server's text is quoted in a message.
const QUOTE: usize = 300;

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// No connection (refused, no route, no such host).
    Unreachable(String),
    /// The TLS handshake or the certificate failed.
    Tls(String),
    /// No (full) answer within the timeout.
    TimedOut(String),
    /// An answer too large, or cut off.
    Broken(String),
    /// A 3xx: not followed. The host and port it pointed at.
    Redirect { status: u16, to: String },
    /// The request was refused before it was sent (plain http to a host that is not loopback).
    Refused(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unreachable(why) => write!(f, "cannot connect ({why})"),
            Failure::Tls(why) => write!(f, "TLS failed ({why})"),
            Failure::TimedOut(why) | Failure::Broken(why) | Failure::Refused(why) => {
                f.write_str(why)
            }
            Failure::Redirect { status, to } => {
                write!(f, "it answered {status}, a redirect to {to}, which was not followed")
            }
        }
    }
}

/// An answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// The HTTP status.
    pub(crate) status: u16,
    /// The headers.
    pub(crate) headers: HeaderMap,
    /// The body (at most [`iam::MAX_ANSWER`] bytes), as text.
    pub(crate) body: String,
    /// The URL that answered: `http://` when a loopback registry speaks no TLS.
    pub(crate) url: Url,
}

/// How a request authenticates.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Auth<'a> {
    /// Not at all.
    None,
    /// Basic: registry username and password (for the token request).
    Basic(&'a str, &'a Secret),
    /// Bearer: a registry token or an IAM token.
    Bearer(&'a Secret),
}

/// The HTTP client of a diagnosis: a timeout per request and a deadline for them all, no
/// redirects, `CR_EXT_RESOLVE`.
pub(crate) struct Http {
    client: reqwest::blocking::Client,
    direct: reqwest::blocking::Client,
    timeout: Duration,
    deadline: Instant,
    overall: Duration,
    resolved: Vec<(String, SocketAddr)>,
}

/// `CR_EXT_RESOLVE`: `HOST=IP:PORT` pairs, comma-separated.
///
/// # Errors
/// A pair that is not `HOST=IP:PORT`.
pub(crate) fn resolve_setting() -> Result<Vec<(String, SocketAddr)>, String> {
    let Some(value) = env::get(env::CR_EXT_RESOLVE) else { return Ok(Vec::new()) };
    value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (host, addr) = pair.split_once('=').ok_or_else(|| one_line(pair))?;
            let addr: SocketAddr = addr.trim().parse().map_err(|_| one_line(pair))?;
            let host = registry::validate_host(host.trim()).map_err(|_| one_line(pair))?;
            Ok((host, addr))
        })
        .collect::<Result<_, String>>()
        .map_err(|pair| format!("{} has '{pair}', not HOST=IP:PORT", env::CR_EXT_RESOLVE))
}

impl Http {
    /// A client whose every request may take `timeout`, and all of them together `overall`
    /// from now.
    ///
    /// # Errors
    /// A bad `CR_EXT_RESOLVE`, or the TLS backend cannot start.
    pub(crate) fn new(timeout: Duration, overall: Duration) -> Result<Http, String> {
        let resolved = resolve_setting()?;
        let build = |direct: bool| {
            let mut builder = reqwest::blocking::Client::builder()
                .connect_timeout(timeout)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("cr-ext/", env!("CARGO_PKG_VERSION")));
            for (host, addr) in &resolved {
                let name = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
                builder = builder.resolve(name, *addr);
            }
            if direct {
                builder = builder.no_proxy();
            }
            builder.build().map_err(|e| iam::root_cause(&e))
        };
        Ok(Http {
            client: build(false)?,
            direct: build(true)?,
            timeout,
            deadline: Instant::now() + overall,
            overall,
            resolved,
        })
    }

    /// How long the next request may take: the per-request timeout (or `cap`, when shorter),
    /// and never past the deadline.
    ///
    /// # Errors
    /// The deadline has passed.
    fn allowance(&self, cap: Option<Duration>) -> Result<Duration, Failure> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failure::TimedOut(format!(
                "not asked: the diagnosis used up its {} s (--timeout)",
                self.overall.as_secs()
            )));
        }
        Ok(self.timeout.min(cap.unwrap_or(self.timeout)).min(left))
    }

    /// Whether a request to `url` stays on this machine: its host is loopback, or
    /// `CR_EXT_RESOLVE` sends it to a loopback address.
    #[must_use]
    pub(crate) fn stays_local(&self, url: &Url) -> bool {
        let name = url.host_str().unwrap_or_default();
        iam::is_loopback(url)
            || self.resolved.iter().any(|(host, addr)| {
                host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h) == name
                    && addr.ip().is_loopback()
            })
    }

    /// `method url` with `auth`. An `https://` URL that stays local and speaks no TLS is
    /// tried again over `http://` (as docker does for loopback registries). A credential
    /// never goes over plain http elsewhere.
    ///
    /// # Errors
    /// No answer: see [`Failure`].
    pub(crate) fn request(
        &self,
        method: &reqwest::Method,
        url: &Url,
        auth: Auth<'_>,
        accept: &str,
    ) -> Result<Answer, Failure> {
        self.request_with(method, url, auth, accept, &[], None)
    }

    /// [`Self::request`] with more headers, and at most `cap` for this request.
    ///
    /// # Errors
    /// No answer: see [`Failure`].
    pub(crate) fn request_with(
        &self,
        method: &reqwest::Method,
        url: &Url,
        auth: Auth<'_>,
        accept: &str,
        headers: &[(&str, &str)],
        cap: Option<Duration>,
    ) -> Result<Answer, Failure> {
        let local = self.stays_local(url);
        if url.scheme() == "http" && !local && !matches!(auth, Auth::None) {
            return Err(Failure::Refused(format!(
                "{} is plain http to another machine: cr-ext sends no credential there",
                shown(url)
            )));
        }
        let send = |url: &Url| {
            let wait = self.allowance(cap)?;
            self.send(method.clone(), url, auth, (accept, headers), local, wait)
        };
        match send(url) {
            Err(first @ (Failure::Tls(_) | Failure::Broken(_) | Failure::Unreachable(_)))
                if url.scheme() == "https" && local =>
            {
                let mut plain = url.clone();
                let _ = plain.set_scheme("http");
                // The http attempt's own failure, unless nothing listens for it either; a 400
                // is a TLS server refusing plain http (its TLS failed, then).
                match send(&plain) {
                    Ok(answer) if answer.status == 400 => Err(first),
                    Ok(answer) => Ok(answer),
                    Err(Failure::Unreachable(_)) => Err(first),
                    Err(other) => Err(other),
                }
            }
            other => other,
        }
    }

    fn send(
        &self,
        method: reqwest::Method,
        url: &Url,
        auth: Auth<'_>,
        (accept, headers): (&str, &[(&str, &str)]),
        local: bool,
        wait: Duration,
    ) -> Result<Answer, Failure> {
        let client = if local || url.scheme() == "http" { &self.direct } else { &self.client };
        crate::output::trace(&format!("{method} {}", shown(url)));
        let mut request = client.request(method, url.clone()).timeout(wait).header(ACCEPT, accept);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request = match auth {
            Auth::None => request,
            Auth::Basic(user, secret) => {
                let pair = format!("{user}:{}", secret.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                crate::secret::remember(&encoded);
                request.header(AUTHORIZATION, format!("Basic {encoded}"))
            }
            Auth::Bearer(secret) => {
                request.header(AUTHORIZATION, format!("Bearer {}", secret.expose()))
            }
        };
        let started = Instant::now();
        let response = request.send().map_err(|e| failure(&e, wait))?;
        let status = response.status().as_u16();
        crate::output::trace(&format!("{} answered {status}", shown(url)));
        if (300..400).contains(&status) {
            let to = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| url.join(l).ok())
                .map_or_else(|| "an unreadable Location".to_owned(), |u| host_port(&u));
            return Err(Failure::Redirect { status, to });
        }
        let headers = response.headers().clone();
        let body = iam::read_answer(response, wait, started).map_err(|why| {
            if why.contains("timed out") { Failure::TimedOut(why) } else { Failure::Broken(why) }
        })?;
        Ok(Answer { status, headers, body, url: url.clone() })
    }
}

/// What a request that got no answer failed of.
fn failure(e: &reqwest::Error, wait: Duration) -> Failure {
    let cause = one_line(&iam::root_cause(e));
    let text = format!("{e:?}").to_ascii_lowercase();
    if e.is_timeout() {
        Failure::TimedOut(format!("no answer within {} s (timed out)", wait.as_secs()))
    } else if ["certificate", "tls", "handshake", "invalidcontenttype", "corrupt message"]
        .iter()
        .any(|word| text.contains(word))
    {
        Failure::Tls(cause)
    } else if e.is_connect() {
        Failure::Unreachable(cause)
    } else {
        Failure::Broken(cause)
    }
}

/// A URL as it may be shown: scheme, host, port and path; never a query.
#[must_use]
pub(crate) fn shown(url: &Url) -> String {
    one_line(&iam::display_url(url))
}

/// `host[:port]` of a URL.
#[must_use]
pub(crate) fn host_port(url: &Url) -> String {
    let host = url.host_str().unwrap_or("?");
    one_line(&match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_owned(),
    })
}

/// A `WWW-Authenticate` challenge: its scheme (lower case) and parameters (keys lower case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Challenge {
    /// `bearer` or `basic`.
    pub(crate) scheme: String,
    /// `realm`, `service`, `scope`, …
    pub(crate) params: BTreeMap<String, String>,
}

/// Parses `Bearer realm="https://…/token",service="registry"`: values quoted (the CNCF
/// registry) or not (ICR), separated by commas and spaces.
#[must_use]
pub(crate) fn parse_challenge(header: &str) -> Option<Challenge> {
    let header = header.trim();
    let (scheme, rest) = header.split_once(char::is_whitespace).unwrap_or((header, ""));
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut params = BTreeMap::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let key = key.trim().trim_start_matches(',').trim().to_ascii_lowercase();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return None;
        }
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            value.push(escaped);
                        }
                    }
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    c => value.push(c),
                }
            }
            (value, &quoted[end?..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        params.insert(key, value);
        rest = next.trim_start().trim_start_matches(',').trim_start();
    }
    Some(Challenge { scheme: scheme.to_ascii_lowercase(), params })
}

/// Whether a credential for `registry_host` may go to the token realm `realm`: https (or
/// plain http that stays on this machine), on the registry's own host name (any port), or,
/// when both are ICR hosts an IAM token is for (never the entitled registry `cp.icr.io`), on
/// another of those. `Err` says why not.
///
/// # Errors
/// Another scheme, plain http leaving the machine, or another host.
pub(crate) fn realm_allowed(http: &Http, registry_host: &str, realm: &Url) -> Result<(), String> {
    let realm_host = realm.host_str().unwrap_or_default().to_ascii_lowercase();
    let registry_name = registry_host.rsplit_once(':').map_or(registry_host, |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) { h } else { registry_host }
    });
    match realm.scheme() {
        "https" => {}
        "http" if http.stays_local(realm) => {}
        other => {
            return Err(format!(
                "its token realm {} is {other}, not https: cr-ext sent no credential there",
                shown(realm)
            ));
        }
    }
    let same = realm_host == registry_name.to_ascii_lowercase();
    let both_icr = registry::served(registry_host, &[]) && registry::served(&host_port(realm), &[]);
    if same || both_icr {
        Ok(())
    } else {
        Err(format!(
            "its challenge sends credentials to {}, another host than {}: cr-ext sent no credential there",
            host_port(realm),
            one_line(registry_host)
        ))
    }
}

/// The token request for `path` with `actions` (`pull` or `pull,push`).
///
/// # Errors
/// The realm is not a URL.
pub(crate) fn token_url(challenge: &Challenge, path: &str, actions: &str) -> Result<Url, String> {
    let realm = challenge.params.get("realm").ok_or("its challenge names no realm")?;
    let mut url = Url::parse(realm)
        .map_err(|_| format!("its challenge's realm '{}' is not a URL", one_line(realm)))?;
    {
        let mut query = url.query_pairs_mut();
        if let Some(service) = challenge.params.get("service") {
            query.append_pair("service", service);
        }
        query.append_pair("scope", &format!("repository:{path}:{actions}"));
    }
    Ok(url)
}

/// The registry token in a token server's 200 answer (`token`, else `access_token`).
///
/// # Errors
/// Not JSON, or no token in it.
pub(crate) fn token_of(body: &str) -> Result<Secret, String> {
    let value: Value = serde_json::from_str(body)
        .map_err(|_| "its answer is not JSON (or is cut off)".to_owned())?;
    ["token", "access_token"]
        .iter()
        .find_map(|k| value.get(k).and_then(Value::as_str).filter(|t| !t.trim().is_empty()))
        .map(|t| Secret::new(t.trim().to_owned()))
        .ok_or_else(|| "its answer holds no token (no 'token' or 'access_token')".to_owned())
}

/// The actions a registry token grants on `path`, when it is a JWT with an `access` claim
/// (the CNCF registry's); `None` when it is not one (then only a probe can tell).
#[must_use]
pub(crate) fn granted(token: &Secret, path: &str) -> Option<Vec<String>> {
    let claims = jwt::decode(token.expose()).ok()?;
    let access = claims.raw.get("access")?.as_array()?;
    let mut actions: Vec<String> = access
        .iter()
        .filter(|a| {
            a.get("type").and_then(Value::as_str) == Some("repository")
                && a.get("name").and_then(Value::as_str) == Some(path)
        })
        .filter_map(|a| a.get("actions").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str)
        .map(one_line)
        .collect();
    actions.sort();
    actions.dedup();
    Some(actions)
}

/// The manifest URL of `path` at `reference` on the registry that answered at `base`.
///
/// # Errors
/// A path that makes no URL.
pub(crate) fn manifest_url(base: &Url, path: &str, reference: &str) -> Result<Url, String> {
    base.join(&format!("/v2/{path}/manifests/{reference}"))
        .map_err(|_| format!("'{}' makes no manifest URL", one_line(path)))
}

/// What a read-only look at a manifest found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Probe {
    /// It is there: pull works.
    Found,
    /// The repository is there, the tag or digest is not (pull access is granted).
    NoSuchTag,
    /// No such repository (`NAME_UNKNOWN`).
    NoSuchRepository,
    /// Refused, with the registry's text.
    Refused { status: u16, text: String },
    /// Another answer.
    Other { status: u16, text: String },
}

/// `HEAD` of the manifest with the registry token (or the registry's basic credential); when that is not a 200, a `GET` for the
/// registry's own error text (a HEAD answer has no body). Never a write.
///
/// # Errors
/// No answer.
pub(crate) fn probe_manifest(http: &Http, url: &Url, auth: Auth<'_>) -> Result<Probe, Failure> {
    let head = http.request(&reqwest::Method::HEAD, url, auth, MANIFEST_TYPES)?;
    if head.status == 200 {
        return Ok(Probe::Found);
    }
    let get = http.request(&reqwest::Method::GET, url, auth, MANIFEST_TYPES)?;
    let text = error_text(&get.body);
    let codes = error_codes(&get.body);
    Ok(match get.status {
        200 => Probe::Found,
        404 if codes.iter().any(|c| c == "NAME_UNKNOWN") => Probe::NoSuchRepository,
        404 => Probe::NoSuchTag,
        status @ (401 | 403) => Probe::Refused { status, text },
        status => Probe::Other { status, text },
    })
}

/// The `code`s of a registry error answer (`{"errors":[{"code":…}]}`).
#[must_use]
pub(crate) fn error_codes(body: &str) -> Vec<String> {
    let Ok(value) = serde_json::from_str::<Value>(body) else { return Vec::new() };
    value
        .get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e.get("code").and_then(Value::as_str))
                .map(one_line)
                .collect()
        })
        .unwrap_or_default()
}

/// A server's error text, one line, scrubbed and shortened: the `message`s of a registry's
/// `{"errors":[…]}`, else a JSON `message`/`error`/`errorMessage`, else the body itself.
#[must_use]
pub(crate) fn error_text(body: &str) -> String {
    let from_json = serde_json::from_str::<Value>(body).ok().and_then(|value| {
        let listed: Vec<String> = value
            .get("errors")
            .and_then(Value::as_array)
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| {
                        let code = e.get("code").and_then(Value::as_str);
                        let message = e.get("message").and_then(Value::as_str);
                        match (code, message) {
                            (Some(c), Some(m)) => Some(format!("{c}: {m}")),
                            (c, m) => c.or(m).map(str::to_owned),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !listed.is_empty() {
            return Some(listed.join("; "));
        }
        ["message", "error", "errorMessage", "details"].iter().find_map(|k| {
            value.get(k).and_then(Value::as_str).map(|m| {
                match value.get("code").and_then(Value::as_str) {
                    Some(code) if !m.contains(code) => format!("{code}: {m}"),
                    _ => m.to_owned(),
                }
            })
        })
    });
    let text = one_line(from_json.as_deref().unwrap_or(body).trim());
    if text.chars().count() > QUOTE {
        format!("{}…", text.chars().take(QUOTE).collect::<String>())
    } else {
        text
    }
}

/// The causes ICR's (and its clients') refusals name (DESIGN.md §16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Known {
    /// "The login credentials are not valid, or your IBM Cloud account is not active": most
    /// often a login to another region than the namespace's.
    NotValidOrInactive,
    /// "Insufficient scope": the identity's policies, or a context-based restriction.
    InsufficientScope,
    /// "You are not authorized to access the specified resource."
    NotAuthorized,
    /// "Private-only access is enabled on this account, but this request was over the
    /// public network."
    PrivateOnly,
    /// "Your account has exceeded its pull traffic quota for the current month."
    TrafficQuota,
    /// "…exceeded its image storage quota…"
    StorageQuota,
    /// `CRG0014E An error occurred when authenticating your request with IBM Cloud`: the
    /// credential itself (an invalid API key, a wrong account ID).
    Crg0014,
    /// "'cr' is not a registered command": the container-registry CLI plugin is missing.
    NoCrPlugin,
    /// A client's rephrasing of a refusal: "denied: requested access to the resource is
    /// denied", "insufficient_scope", "unauthorized".
    Denied,
}

/// Each cause with the text that names it (lower case; the first match wins).
const KNOWN: &[(&str, Known)] = &[
    ("private-only access is enabled", Known::PrivateOnly),
    ("pull traffic quota", Known::TrafficQuota),
    ("storage quota", Known::StorageQuota),
    ("crg0014e", Known::Crg0014),
    ("error occurred when authenticating your request", Known::Crg0014),
    ("'cr' is not a registered command", Known::NoCrPlugin),
    ("login credentials are not valid", Known::NotValidOrInactive),
    ("account is not active", Known::NotValidOrInactive),
    ("authorization required", Known::NotValidOrInactive),
    ("insufficient scope", Known::InsufficientScope),
    ("insufficient_scope", Known::InsufficientScope),
    ("not authorized to access the specified resource", Known::NotAuthorized),
    ("requested access to the resource is denied", Known::Denied),
    ("denied", Known::Denied),
    ("unauthorized", Known::Denied),
];

/// The known cause a registry's (or a client's) text names.
#[must_use]
pub(crate) fn cause(text: &str) -> Option<Known> {
    let lower = text.to_ascii_lowercase();
    KNOWN.iter().find(|(needle, _)| lower.contains(needle)).map(|(_, known)| *known)
}

/// The namespaces of `account` in the region served at `domain`: ICR's
/// `GET https://DOMAIN/api/v1/namespaces` with the IAM token and the `Account` header.
///
/// # Errors
/// No answer, a refusal (with the server's text), or an answer that is not a list.
pub(crate) fn namespaces(
    http: &Http,
    domain: &str,
    iam_token: &Secret,
    account: &str,
    cap: Option<Duration>,
) -> Result<Vec<String>, String> {
    let url = Url::parse(&format!("https://{domain}/api/v1/namespaces"))
        .map_err(|_| format!("'{}' makes no URL", one_line(domain)))?;
    let answer = http
        .request_with(
            &reqwest::Method::GET,
            &url,
            Auth::Bearer(iam_token),
            "application/json",
            &[("Account", account)],
            cap,
        )
        .map_err(|f| f.to_string())?;
    let body = answer.body;
    if answer.status != 200 {
        return Err(format!("it answered {}: {}", answer.status, error_text(&body)));
    }
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&body) else {
        return Err("its answer is not a JSON list".into());
    };
    let mut names: Vec<String> = items
        .iter()
        .filter_map(|item| item.as_str().or_else(|| item.get("name").and_then(Value::as_str)))
        .map(one_line)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_quoted_or_not() {
        let cncf = parse_challenge(
            r#"Bearer realm="https://127.0.0.1:5001/token",service="registry",scope="repository:a/b:pull""#,
        )
        .unwrap();
        assert_eq!(cncf.scheme, "bearer");
        assert_eq!(cncf.params["realm"], "https://127.0.0.1:5001/token");
        assert_eq!(cncf.params["scope"], "repository:a/b:pull");
        let icr = parse_challenge("Bearer realm=https://us.icr.io/oauth/token, service=registry")
            .unwrap();
        assert_eq!(icr.params["realm"], "https://us.icr.io/oauth/token");
        assert_eq!(icr.params["service"], "registry");
        let quoted_comma =
            parse_challenge(r#"Bearer realm="https://x/t?a=1,2", service="s\"q""#).unwrap();
        assert_eq!(quoted_comma.params["realm"], "https://x/t?a=1,2");
        assert_eq!(quoted_comma.params["service"], "s\"q");
        assert_eq!(parse_challenge(r#"Basic realm="cr-ext-e2e""#).unwrap().scheme, "basic");
        for bad in ["", "Bearer realm", r#"Bearer realm="open"#, "Be arer", "Bearer a b=c"] {
            assert!(parse_challenge(bad).is_none() || bad.is_empty(), "{bad:?}");
        }
    }

    #[test]
    fn the_token_request_asks_for_one_repository() {
        let challenge =
            parse_challenge("Bearer realm=https://us.icr.io/oauth/token,service=registry").unwrap();
        let url = token_url(&challenge, "team-a/app", "pull,push").unwrap();
        assert_eq!(
            url.as_str(),
            "https://us.icr.io/oauth/token?service=registry&scope=repository%3Ateam-a%2Fapp%3Apull%2Cpush"
        );
    }

    #[test]
    fn realms_elsewhere_get_no_credential() {
        let http = Http::new(Duration::from_secs(1), Duration::from_secs(1)).unwrap();
        let url = |u: &str| Url::parse(u).unwrap();
        assert!(realm_allowed(&http, "us.icr.io", &url("https://us.icr.io/oauth/token")).is_ok());
        assert!(realm_allowed(&http, "us.icr.io", &url("https://icr.io/oauth/token")).is_ok());
        assert!(realm_allowed(&http, "cp.icr.io", &url("https://cp.icr.io/oauth/token")).is_ok());
        assert!(realm_allowed(&http, "127.0.0.1:5000", &url("http://127.0.0.1:6000/t")).is_ok());
        for (host, realm) in [
            ("us.icr.io", "https://cp.icr.io/oauth/token"),
            ("cp.icr.io", "https://us.icr.io/oauth/token"),
            ("us.icr.io", "https://de.icr.io:8443/oauth/token"),
            ("us.icr.io", "https://evil.example.com/oauth/token"),
            ("us.icr.io", "http://us.icr.io/oauth/token"),
            ("127.0.0.1:5000", "https://localhost:5000/t"),
            ("127.0.0.1:5000", "ftp://127.0.0.1/t"),
            ("us.icr.io", "https://us.icr.io.evil.com/t"),
        ] {
            assert!(realm_allowed(&http, host, &url(realm)).is_err(), "{host} {realm}");
        }
    }

    #[test]
    fn granted_actions_come_from_the_access_claim() {
        let token = Secret::new(jwt::make(&serde_json::json!({
            "exp": 4_000_000_000_i64,
            "access": [
                {"type": "repository", "name": "team-a/app", "actions": ["push", "pull"]},
                {"type": "repository", "name": "team-b/app", "actions": ["*"]},
            ],
        })));
        assert_eq!(granted(&token, "team-a/app").unwrap(), ["pull", "push"]);
        assert_eq!(granted(&token, "team-c/app").unwrap(), Vec::<String>::new());
        assert_eq!(granted(&Secret::new("opaque-token-value".into()), "a/b"), None);
    }

    #[test]
    fn token_answers_and_error_texts() {
        assert_eq!(token_of(r#"{"token":"abc.def"}"#).unwrap().expose(), "abc.def");
        assert_eq!(token_of(r#"{"access_token":"x1"}"#).unwrap().expose(), "x1");
        assert!(token_of("<html>").unwrap_err().contains("not JSON"));
        assert!(token_of(r#"{"token":""}"#).unwrap_err().contains("no token"));
        assert_eq!(
            error_text(
                r#"{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}"#
            ),
            "DENIED: requested access to the resource is denied"
        );
        assert_eq!(error_text(r#"{"code":"CRG0014E","message":"x"}"#), "CRG0014E: x");
        assert_eq!(error_text("line1\nline2\u{1b}[31m"), "line1 line2");
        assert_eq!(error_text(&"y".repeat(1000)).chars().count(), QUOTE + 1);
        assert_eq!(error_codes(r#"{"errors":[{"code":"NAME_UNKNOWN"}]}"#), ["NAME_UNKNOWN"]);
    }

    #[test]
    fn icr_messages_name_their_cause() {
        for (text, known) in [
            (
                "unauthorized: The login credentials are not valid, or your IBM Cloud account is not active",
                Known::NotValidOrInactive,
            ),
            ("Insufficient scope", Known::InsufficientScope),
            ("You are not authorized to access the specified resource.", Known::NotAuthorized),
            (
                "Private-only access is enabled on this account, but this request was over the public network.",
                Known::PrivateOnly,
            ),
            (
                "Your account has exceeded its pull traffic quota for the current month.",
                Known::TrafficQuota,
            ),
            ("Your account has exceeded its image storage quota.", Known::StorageQuota),
            ("CRG0014E: something", Known::Crg0014),
            ("FAILED 'cr' is not a registered command. See 'ibmcloud help'.", Known::NoCrPlugin),
            ("denied: requested access to the resource is denied", Known::Denied),
            (
                "unable to retrieve auth token: invalid username/password: unauthorized: The login credentials are not valid, or your IBM Cloud account is not active",
                Known::NotValidOrInactive,
            ),
        ] {
            assert_eq!(cause(text), Some(known), "{text}");
        }
        assert_eq!(cause("manifest unknown"), None);
    }
}
