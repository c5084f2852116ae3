//! Credentials: where a registry secret comes from (an API key, used as is or exchanged at IAM;
//! a trusted profile reached with no key at all, `workload`; the CLI session's cached token,
//! the fast path; or `ibmcloud iam oauth-tokens`), chosen flags first, then the environment,
//! then the session; the JWT
//! claims reader, and the IAM settings (endpoint, HTTP timeout). It takes plain types
//! ([`Input`]): the command line is converted into them before it gets here. Secrets are
//! `secret::Secret`s.

pub(crate) mod apikey;
pub(crate) mod cache;
pub(crate) mod iam;
pub(crate) mod iam_admin;
pub(crate) mod jwt;
pub(crate) mod session;
pub(crate) mod workload;

use std::path::PathBuf;
use std::time::Duration;

use crate::env;
use crate::error::{Error, Result};
use crate::ibmcloud::{self, IbmcloudConfig};
use crate::output::trace;
use crate::secret::{Secret, sanitize};
use apikey::KeySource;
use session::TokenFetch;
use workload::{Profile, Shown, TokenSource, Workload};

/// A cached session token is used only with at least this much life left.
pub(crate) const FAST_PATH_MIN_SECS: i64 = 300;

/// Which secret the registry gets, and so the registry username (DESIGN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Username {
    /// `iambearer` with an IAM access token.
    Bearer,
    /// `iamapikey` with the API key itself.
    Apikey,
    /// `iamrefresh` with a refresh token.
    Refresh,
    /// The trusted profile's ID, with a service-ID API key as the password (ICR's
    /// trusted-profile login): the username is the ID, see [`CredentialPlan::registry_username`].
    Profile,
}

impl Username {
    /// Every kind, in the order help lists them.
    pub(crate) const ALL: [Username; 4] =
        [Username::Bearer, Username::Apikey, Username::Refresh, Username::Profile];

    /// The registry username (for [`Username::Profile`], which has none of its own, the
    /// `--as` value: the plan knows the ID).
    #[must_use]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Username::Bearer => "iambearer",
            Username::Apikey => "iamapikey",
            Username::Refresh => "iamrefresh",
            Username::Profile => "profile",
        }
    }

    /// Whether the registry gets the API key itself (no IAM exchange).
    #[must_use]
    pub(crate) fn sends_key(self) -> bool {
        matches!(self, Username::Apikey | Username::Profile)
    }
}

/// Where the user said an API key is (besides `IBMCLOUD_API_KEY`, which is always read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyInput {
    /// Nowhere: `IBMCLOUD_API_KEY`, else the CLI session.
    None,
    /// On stdin.
    Stdin,
    /// In this file (the bare key or the CLI's JSON key file).
    File(PathBuf),
}

/// An identity without an API key, as the flags (or cr-ext's config) give it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WorkloadInput {
    /// `--profile`: the trusted profile (ID, name or CRN).
    pub(crate) profile: Option<String>,
    /// `--cr-token-file`.
    pub(crate) cr_token_file: Option<PathBuf>,
    /// `--vpc-cri`.
    pub(crate) vpc: bool,
    /// `--metadata-endpoint`.
    pub(crate) metadata_endpoint: Option<String>,
    /// These come from cr-ext's config (`configure`), not flags: messages say so.
    pub(crate) from_config: bool,
}

impl WorkloadInput {
    /// Whether any of it is given.
    #[must_use]
    pub(crate) fn is_given(&self) -> bool {
        self.vpc || self.cr_token_file.is_some() || self.profile.is_some()
    }
}

/// What a command asks of the credential, in plain types.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// Where an API key comes from.
    pub(crate) key: KeyInput,
    /// An identity without a key.
    pub(crate) workload: WorkloadInput,
    /// An IAM endpoint given on the command line.
    pub(crate) iam_endpoint: Option<String>,
    /// Which secret, and so which registry username.
    pub(crate) username: Username,
    /// IAM's private endpoint.
    pub(crate) private: bool,
}

impl Input {
    /// An access token from `key`, else `IBMCLOUD_API_KEY`, else the CLI session.
    #[must_use]
    pub(crate) fn bearer(key: KeyInput) -> Self {
        Input {
            key,
            workload: WorkloadInput::default(),
            iam_endpoint: None,
            username: Username::Bearer,
            private: false,
        }
    }
}

impl Input {
    /// An access token for the identity `configure` recorded.
    #[must_use]
    pub(crate) fn recorded(identity: &crate::own_config::Identity) -> Self {
        Input {
            workload: WorkloadInput {
                profile: identity.profile.clone(),
                cr_token_file: identity.cr_token_file.clone(),
                vpc: identity.vpc_cri,
                metadata_endpoint: identity.metadata_endpoint.clone(),
                from_config: true,
            },
            ..Input::bearer(KeyInput::None)
        }
    }
}

impl Input {
    /// What the credential helper takes (and `doctor` with no credential flag): the identity
    /// the environment names (`IBMCLOUD_API_KEY`, `IBMCLOUD_CR_TOKEN`, `IBMCLOUD_CR_PROFILE`,
    /// `IBMCLOUD_VPC_CRI`), else the one `configure` recorded (a trusted profile, an API key
    /// file), else the ibmcloud CLI session.
    #[must_use]
    pub(crate) fn for_helper(own: &crate::own_config::OwnConfig) -> Self {
        let from_env = [
            env::IBMCLOUD_API_KEY,
            env::IBMCLOUD_CR_TOKEN,
            env::IBMCLOUD_CR_PROFILE,
            env::IBMCLOUD_VPC_CRI,
        ]
        .into_iter()
        .any(|name| env::get(name).is_some());
        match (&own.identity, &own.apikey_file) {
            _ if from_env => Input::bearer(KeyInput::None),
            (Some(identity), _) => Input::recorded(identity),
            (None, Some(path)) => Input::bearer(KeyInput::File(path.clone())),
            (None, None) => Input::bearer(KeyInput::None),
        }
    }
}

/// Where the secret will come from and what it will be; validated, nothing fetched yet.
#[derive(Debug)]
pub(crate) struct CredentialPlan {
    /// The API key and where it came from, if one was given.
    pub(crate) apikey: Option<(Secret, KeySource)>,
    /// The identity without a key, if that is the source.
    pub(crate) workload: Option<Workload>,
    /// The trusted profile ID of `--as profile`: the registry username.
    pub(crate) profile_id: Option<String>,
    /// Which secret the registry gets.
    pub(crate) username: Username,
    /// IAM endpoint and where it came from (validated only when a credential goes there).
    pub(crate) endpoint: (String, &'static str),
    /// Bound on each HTTP request to IAM.
    pub(crate) http_timeout: Duration,
}

/// A secret ready for the registry.
#[derive(Debug)]
pub(crate) struct Obtained {
    /// The password.
    pub(crate) secret: Secret,
    /// When it expires (unix seconds), for access tokens.
    pub(crate) expires_at: Option<i64>,
    /// The decoded claims, for access tokens.
    pub(crate) claims: Option<jwt::Claims>,
}

impl From<jwt::Token> for Obtained {
    fn from(token: jwt::Token) -> Self {
        Obtained {
            expires_at: Some(token.claims.exp),
            secret: token.secret,
            claims: Some(token.claims),
        }
    }
}

impl Obtained {
    fn plain(secret: Secret) -> Self {
        Obtained { secret, expires_at: None, claims: None }
    }
}

impl CredentialPlan {
    /// Reads the API key (if any) and settles the IAM endpoint.
    ///
    /// # Errors
    /// An unreadable or empty API key, `--as apikey` without one, a bad HTTP timeout setting.
    pub(crate) fn new(input: &Input, config: &IbmcloudConfig) -> Result<Self> {
        let (workload, profile_id) = choose_workload(input)?;
        let apikey = match workload {
            Some(_) => None,
            None => apikey::read(&input.key, env::get(env::IBMCLOUD_API_KEY))?,
        };
        if input.username.sends_key() && apikey.is_none() {
            return Err(Error::usage(
                format!(
                    "--as {} logs in with an API key, and none was given",
                    input.username.as_str().trim_start_matches("iam")
                ),
                if input.username == Username::Profile {
                    "pass the service-ID API key the trusted profile trusts, with IBMCLOUD_API_KEY, --apikey-file PATH or --apikey-stdin"
                } else {
                    "pass one with IBMCLOUD_API_KEY, --apikey-file PATH or --apikey-stdin"
                },
            ));
        }
        let private = input.private || config.is_private();
        let endpoint = if let Some(e) = &input.iam_endpoint {
            (e.clone(), "--iam-endpoint")
        } else if let Some(e) = env::get(env::IAM_ENDPOINT) {
            (e, env::IAM_ENDPOINT)
        } else if let Some(e) = config.iam_endpoint(private) {
            (e.to_owned(), "the CLI config")
        } else if config.is_vpc() {
            (iam::PRIVATE_ENDPOINT.to_owned(), "default (VPC private)")
        } else if private {
            (iam::PRIVATE_ENDPOINT.to_owned(), "default (private)")
        } else {
            (iam::DEFAULT_ENDPOINT.to_owned(), "default")
        };
        let http_timeout = config.http_timeout()?;
        Ok(CredentialPlan {
            apikey,
            workload,
            profile_id,
            username: input.username,
            endpoint,
            http_timeout,
        })
    }

    /// The registry username: the `--as` kind's, or the trusted profile ID.
    #[must_use]
    pub(crate) fn registry_username(&self) -> &str {
        self.profile_id.as_deref().unwrap_or(self.username.as_str())
    }

    /// Where the secret comes from, in words (never the secret).
    #[must_use]
    pub(crate) fn source(&self) -> String {
        match (&self.workload, &self.apikey) {
            (Some(w), _) => w.describe(),
            (None, Some((_, source))) => format!("the API key from {source}"),
            (None, None) => "the ibmcloud session".into(),
        }
    }

    /// The HTTP requests getting the secret will send, every secret `****` (for `--dry-run`;
    /// `ibmcloud`'s own requests are not shown).
    #[must_use]
    pub(crate) fn requests(&self) -> Vec<Shown> {
        let iam = iam::validate_endpoint(&self.endpoint.0).ok();
        match (&self.workload, &self.apikey, iam) {
            (Some(w @ Workload::Vpc { endpoint, .. }), _, _) => w.requests(endpoint),
            (Some(w), _, Some(iam)) => w.requests(&iam),
            (None, Some(_), Some(iam)) if !self.username.sends_key() => {
                vec![workload::shown_grant(
                    &iam,
                    &[
                        ("grant_type", Some("urn:ibm:params:oauth:grant-type:apikey")),
                        ("apikey", None),
                        ("response_type", Some("cloud_iam")),
                    ],
                )]
            }
            _ => Vec::new(),
        }
    }

    /// Checks the IAM endpoint when the plan will send a credential there (also for
    /// `--dry-run`, so it fails where the real run would).
    ///
    /// # Errors
    /// The endpoint is not https (or http to loopback).
    pub(crate) fn check_endpoint(&self) -> Result<()> {
        if (self.apikey.is_some() && !self.username.sends_key())
            || matches!(self.workload, Some(Workload::CrToken { .. }))
        {
            iam::validate_endpoint(&self.endpoint.0)?;
        }
        if let Some(w) = &self.workload {
            w.prepare()?;
        }
        Ok(())
    }

    /// The secret, with its expiry and claims when it is an access token: [`Self::begin`]
    /// and [`Fetch::finish`] in one, `timeout` bounding any child.
    ///
    /// # Errors
    /// No credential, IAM or `ibmcloud` failing.
    pub(crate) fn obtain(&self, config: &IbmcloudConfig, timeout: Duration) -> Result<Obtained> {
        self.begin(config)?.finish(timeout)
    }

    /// An access token with at least [`FAST_PATH_MIN_SECS`] to live, for the credential
    /// helper: from an API key through the token cache (a hit costs no IAM round trip; on a
    /// miss one process fetches while the others wait on the slot's lock, then take its
    /// token), else the CLI session (its cached token, else `ibmcloud iam oauth-tokens`). A
    /// failure is remembered for [`cache::FAILURE_SECS`] as `describe` puts it (message and
    /// hint, scrubbed), and answered from there meanwhile: a client that asks again at once
    /// does not wait again.
    ///
    /// # Errors
    /// No credential, IAM or `ibmcloud` failing (or having failed moments ago), or a token
    /// about to expire.
    pub(crate) fn fresh_bearer(
        &self,
        config: &IbmcloudConfig,
        timeout: Duration,
        describe: &dyn Fn(&Error) -> (String, Option<String>),
    ) -> Result<Obtained> {
        let cacheable = self.apikey.is_some() || self.workload.is_some();
        let mut presented = None;
        let slot = match (&self.workload, &self.apikey) {
            (Some(w), _) => {
                let iam = match w {
                    Workload::CrToken { .. } => {
                        iam::validate_endpoint(&self.endpoint.0)?.as_str().to_owned()
                    }
                    Workload::Vpc { .. } => String::new(),
                };
                // The token presented is read and checked before the cache is asked: an
                // unusable or expired one is refused, and the slot names whom it proves.
                presented = w.prepare()?;
                cache::scope_slot(&w.cache_scope(&iam, presented.as_ref()))
            }
            (None, Some((key, _))) => {
                let url = iam::validate_endpoint(&self.endpoint.0)?;
                cache::slot(key, url.as_str())
            }
            (None, None) => config
                .refresh_token()
                .map(|t| t.expose().to_owned())
                .or_else(|| config.session_token().map(str::to_owned))
                .and_then(|session| cache::session_slot(&session)),
        };
        let recalled = |slot: &cache::Slot| {
            slot.failure(jwt::now()).map(|f| Error::Remembered {
                message: f.message,
                hint: f.hint,
                ago_secs: f.ago,
                again_in_secs: cache::FAILURE_SECS - f.ago,
            })
        };
        if let Some(failure) = slot.as_ref().and_then(recalled) {
            return Err(failure);
        }
        let cached = |slot: &cache::Slot| {
            let token = slot.load(jwt::now())?;
            if cacheable {
                trace(&format!("credential: cached token for {}", self.source()));
            }
            Some(Obtained::from(token))
        };
        let _lock = match (cacheable, &slot) {
            (true, Some(slot)) => {
                if let Some(hit) = cached(slot) {
                    return Ok(hit);
                }
                let lock = slot.lock(timeout);
                // Another get may have fetched (or failed) while this one waited.
                if let Some(hit) = cached(slot) {
                    return Ok(hit);
                }
                if let Some(failure) = recalled(slot) {
                    return Err(failure);
                }
                lock
            }
            _ => None,
        };
        // The token read for the slot is the one exchanged: the file is read once.
        let obtained = match &self.workload {
            Some(w) => self.workload_fetch(w, presented).and_then(|f| f.finish(timeout)),
            None => self.obtain(config, timeout),
        };
        let fetched = obtained.and_then(|obtained| {
            let left = obtained.expires_at.map_or(0, |exp| exp.saturating_sub(jwt::now()));
            if cacheable && left < cache::MIN_MARGIN_SECS {
                return Err(Error::IamResponse {
                    what: format!(
                        "its access token has only {left} s left, less than the 5 minutes a pull may need (is this machine's clock right?)"
                    ),
                });
            }
            if left < FAST_PATH_MIN_SECS {
                return Err(Error::TokenExpired { expired_ago_secs: -left });
            }
            Ok(obtained)
        });
        match (&fetched, &slot) {
            (Ok(obtained), Some(slot)) => {
                slot.forget_failure();
                if cacheable {
                    slot.store(&obtained.secret, jwt::now());
                }
            }
            (Err(e), Some(slot)) => {
                let (message, hint) = describe(e);
                slot.remember_failure(&message, hint.as_deref(), jwt::now());
            }
            (_, None) => {}
        }
        fetched
    }

    /// The session's cached token, for the fast path: a readable config and a token with
    /// [`FAST_PATH_MIN_SECS`] to live.
    fn fast_path(config: &IbmcloudConfig) -> std::result::Result<jwt::Token, String> {
        if let Some(problem) = &config.problem {
            return Err(format!("the CLI config is unusable ({problem})"));
        }
        config.cached_token(FAST_PATH_MIN_SECS)
    }

    /// Whether [`CredentialPlan::begin`] will run `ibmcloud` (for `--dry-run`): no API key, a
    /// bearer login, and no cached token to use.
    #[must_use]
    pub(crate) fn runs_cli(&self, config: &IbmcloudConfig) -> bool {
        self.apikey.is_none()
            && self.workload.is_none()
            && self.username == Username::Bearer
            && Self::fast_path(config).is_err()
    }

    /// The exchange of `w` with the compute-resource token [`Workload::prepare`] read.
    ///
    /// # Errors
    /// A bad IAM endpoint.
    fn workload_fetch(&self, w: &Workload, cr_token: Option<Secret>) -> Result<Fetch> {
        trace(&format!("credential: {}", w.describe()));
        let iam = match w {
            Workload::CrToken { .. } => {
                let (endpoint, from) = &self.endpoint;
                let url = iam::validate_endpoint(endpoint)?;
                trace(&format!("IAM endpoint {} (from {from})", iam::display_url(&url)));
                url
            }
            Workload::Vpc { endpoint, from, .. } => {
                trace(&format!("metadata service {} (from {from})", iam::display_url(endpoint)));
                endpoint.clone()
            }
        };
        Ok(Fetch::Workload {
            workload: Box::new(w.clone()),
            cr_token,
            iam,
            timeout: self.http_timeout,
        })
    }

    /// Starts getting the secret: the cheap sources answer at once, `ibmcloud` is started and
    /// left running, and an IAM exchange waits for [`Fetch::finish`] (so a client can start
    /// up meanwhile).
    ///
    /// # Errors
    /// No usable source: no `ibmcloud`, no refresh token in the session, a bad endpoint.
    pub(crate) fn begin(&self, config: &IbmcloudConfig) -> Result<Fetch> {
        if let Some(w) = &self.workload {
            return self.workload_fetch(w, w.prepare()?);
        }
        if let Some((key, source)) = &self.apikey {
            trace(&format!("credential: API key from {source}"));
            if self.username.sends_key() {
                trace(&format!(
                    "using the API key itself (username {}); no network call",
                    self.registry_username()
                ));
                return Ok(Fetch::Ready(Obtained::plain(key.clone())));
            }
            let (endpoint, from) = &self.endpoint;
            let url = iam::validate_endpoint(endpoint)?;
            trace(&format!("IAM endpoint {} (from {from})", iam::display_url(&url)));
            return Ok(Fetch::Iam {
                url,
                key: key.clone(),
                username: self.username,
                timeout: self.http_timeout,
            });
        }
        if self.username == Username::Refresh {
            trace("credential: the CLI session's refresh token (IAMRefreshToken)");
            let secret = config.refresh_token().ok_or(Error::NoRefreshToken)?;
            return Ok(Fetch::Ready(Obtained::plain(secret)));
        }
        match Self::fast_path(config) {
            Ok(token) => {
                trace(&format!(
                    "credential: the CLI session's cached IAMToken (valid {} s more); ibmcloud not run",
                    token.claims.expires_in(jwt::now())
                ));
                return Ok(Fetch::Ready(token.into()));
            }
            Err(why) => trace(&format!("cached IAMToken not used: {why}")),
        }
        let program = ibmcloud::locate()?;
        trace(&format!("running {} iam oauth-tokens --output json", program.display()));
        Ok(Fetch::Cli(Box::new(TokenFetch::start(&program)?)))
    }
}

/// The identity without a key that `input` and the environment ask for, and the profile ID of
/// `--as profile`. Flags come first; then `IBMCLOUD_VPC_CRI`, `IBMCLOUD_CR_TOKEN` and
/// `IBMCLOUD_CR_PROFILE`, which are not taken together with `IBMCLOUD_API_KEY` (cr-ext does
/// not guess between two identities).
///
/// # Errors
/// Sources that contradict each other, a profile that cannot be one, a bad metadata endpoint.
fn choose_workload(input: &Input) -> Result<(Option<Workload>, Option<String>)> {
    let w = &input.workload;
    let flag = |name: &'static str| if w.from_config { "cr-ext's config" } else { name };
    let env_profile = env::get(env::IBMCLOUD_CR_PROFILE);
    let env_token = env::get(env::IBMCLOUD_CR_TOKEN);
    let env_vpc = env_vpc()?;
    let profile = || -> Result<Option<Profile>> {
        match (&w.profile, &env_profile) {
            (Some(p), _) => Profile::parse(p, flag("--profile")).map(Some),
            (None, Some(p)) => Profile::parse(p, env::IBMCLOUD_CR_PROFILE).map(Some),
            (None, None) => Ok(None),
        }
    };
    if input.username == Username::Profile {
        if w.vpc || w.cr_token_file.is_some() {
            return Err(Error::usage(
                "--as profile logs in with a trusted profile's ID and a service-ID API key, not with a token",
                "leave out --vpc-cri and --cr-token-file, or log in with the token as --as bearer",
            ));
        }
        return match profile()? {
            Some(Profile::Id(id)) => Ok((None, Some(id))),
            Some(other) => Err(Error::usage(
                format!(
                    "--as profile needs the trusted profile's ID (Profile-…) as the registry username, not '{other}'"
                ),
                "`ibmcloud iam trusted-profile NAME --id` prints the ID",
            )),
            None => Err(Error::usage(
                "--as profile needs the trusted profile's ID, and none was given",
                "pass --profile Profile-… (or IBMCLOUD_CR_PROFILE) with the service-ID API key it trusts (IBMCLOUD_API_KEY, --apikey-file or --apikey-stdin)",
            )),
        };
    }
    let given = w.is_given();
    if given && input.key != KeyInput::None {
        return Err(Error::usage(
            "--profile, --cr-token-file or --vpc-cri with an API key flag names two identities",
            "give one of them; to log in to the registry as a trusted profile with a service-ID key, add --as profile",
        ));
    }
    if given && input.username != Username::Bearer {
        return Err(Error::usage(
            format!(
                "--as {} needs an API key; a trusted profile gives access tokens only",
                input.username.as_str().trim_start_matches("iam")
            ),
            "log in with --as bearer (the default)",
        ));
    }
    let vpc = if given {
        // `--profile` alone picks the profile; IBMCLOUD_VPC_CRI may still pick the source.
        Some(w.vpc || (w.cr_token_file.is_none() && env_vpc))
    } else if input.key != KeyInput::None || input.username != Username::Bearer {
        None
    } else {
        env_choice(env_vpc, env_token.is_some(), env_profile.is_some())?
    };
    if vpc != Some(true) && w.metadata_endpoint.is_some() {
        return Err(Error::usage(
            "--metadata-endpoint is for the VPC instance identity, and --vpc-cri is not given",
            "add --vpc-cri (or IBMCLOUD_VPC_CRI=true), or leave --metadata-endpoint out",
        ));
    }
    let Some(vpc) = vpc else { return Ok((None, None)) };
    let profile = profile()?;
    if vpc {
        return vpc_workload(w, profile, flag).map(|v| (Some(v), None));
    }
    let Some(profile) = profile else {
        return Err(Error::usage(
            "a compute-resource token needs the trusted profile to log in as, and none was given",
            "pass --profile ID|NAME|CRN (or IBMCLOUD_CR_PROFILE)",
        ));
    };
    let token = match (&w.cr_token_file, env_token) {
        (Some(path), _) => TokenSource::File { path: path.clone(), from: flag("--cr-token-file") },
        (None, Some(value)) => match value.strip_prefix('@') {
            Some(path) => TokenSource::File { path: path.into(), from: env::IBMCLOUD_CR_TOKEN },
            None => TokenSource::Env(Secret::new(value.trim().to_owned())),
        },
        (None, None) => TokenSource::Defaults,
    };
    Ok((Some(Workload::CrToken { profile, token }), None))
}

/// The identity the environment names, when no flag does: `Some(true)` the VPC instance,
/// `Some(false)` a compute-resource token, `None` neither.
///
/// # Errors
/// Two identities named at once.
fn env_choice(env_vpc: bool, env_token: bool, env_profile: bool) -> Result<Option<bool>> {
    let mut named: Vec<&str> = Vec::new();
    if env_vpc {
        named.push(env::IBMCLOUD_VPC_CRI);
    }
    if env_token {
        named.push(env::IBMCLOUD_CR_TOKEN);
    } else if env_profile && !env_vpc {
        named.push(env::IBMCLOUD_CR_PROFILE);
    }
    if !named.is_empty() && env::get(env::IBMCLOUD_API_KEY).is_some() {
        named.push(env::IBMCLOUD_API_KEY);
    }
    if named.len() > 1 {
        return Err(Error::usage(
            format!("{} are all set, and each names an identity", named.join(" and ")),
            "unset all but one, or choose with a flag (--vpc-cri, --profile, --apikey-file)",
        ));
    }
    Ok(if env_vpc {
        Some(true)
    } else if env_token || env_profile {
        Some(false)
    } else {
        None
    })
}

/// `IBMCLOUD_VPC_CRI`'s value.
fn env_vpc() -> Result<bool> {
    match env::get(env::IBMCLOUD_VPC_CRI).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(false),
        Some(v) if v == "true" || v == "1" => Ok(true),
        Some(v) if v == "false" || v == "0" => Ok(false),
        Some(v) => Err(Error::usage(
            format!("{} is '{}', not true or false", env::IBMCLOUD_VPC_CRI, sanitize(&v)),
            format!(
                "set {}=true to use the VPC instance identity, or unset it",
                env::IBMCLOUD_VPC_CRI
            ),
        )),
    }
}

/// The VPC source for `profile`, with its metadata endpoint.
fn vpc_workload(
    w: &WorkloadInput,
    profile: Option<Profile>,
    flag: impl Fn(&'static str) -> &'static str,
) -> Result<Workload> {
    {
        if let Some(Profile::Name(name)) = &profile {
            return Err(Error::usage(
                format!(
                    "the metadata service takes a trusted profile's ID or CRN, not a name ('{}')",
                    sanitize(name)
                ),
                "pass --profile Profile-… or the profile's CRN (`ibmcloud iam trusted-profile NAME` shows both), or leave it out for the profile linked to the instance",
            ));
        }
        let (text, from) =
            match (&w.metadata_endpoint, env::get(env::IBMCLOUD_VPC_METADATA_ENDPOINT)) {
                (Some(e), _) => (e.clone(), flag("--metadata-endpoint")),
                (None, Some(e)) => (e, env::IBMCLOUD_VPC_METADATA_ENDPOINT),
                (None, None) => (workload::METADATA_ENDPOINT.to_owned(), "default"),
            };
        let endpoint = workload::metadata_endpoint(&text, from)?;
        Ok(Workload::Vpc { endpoint, from, profile })
    }
}

/// A secret on its way; see [`CredentialPlan::begin`].
pub(crate) enum Fetch {
    /// Already here.
    Ready(Obtained),
    /// `ibmcloud iam oauth-tokens` is running.
    Cli(Box<TokenFetch>),
    /// An API key to exchange at IAM.
    Iam { url: reqwest::Url, key: Secret, username: Username, timeout: Duration },
    /// An identity without a key to exchange (at IAM, or the metadata service's `iam`).
    Workload {
        workload: Box<Workload>,
        cr_token: Option<Secret>,
        iam: reqwest::Url,
        timeout: Duration,
    },
}

impl Fetch {
    /// Waits for the secret, `child_timeout` bounding `ibmcloud`.
    ///
    /// # Errors
    /// Whatever the source failed with.
    pub(crate) fn finish(self, child_timeout: Duration) -> Result<Obtained> {
        match self {
            Fetch::Ready(obtained) => Ok(obtained),
            Fetch::Cli(fetch) => Ok(fetch.finish(child_timeout)?.into()),
            Fetch::Workload { workload, cr_token, iam, timeout } => {
                Ok(workload::exchange(&workload, cr_token.as_ref(), &iam, timeout)?.into())
            }
            Fetch::Iam { url, key, username, timeout } => {
                let tokens = iam::apikey_grant(&url, &key, timeout)?;
                if username == Username::Refresh {
                    let secret = tokens.refresh_token.ok_or_else(|| Error::IamResponse {
                        what: "its answer has no refresh_token".into(),
                    })?;
                    return Ok(Obtained::plain(secret));
                }
                let raw = tokens.access_token.expose().to_owned();
                let token = jwt::checked_token(&raw, jwt::now()).map_err(|e| match e {
                    Error::BadToken { what } => {
                        Error::IamResponse { what: format!("its access_token is {what}") }
                    }
                    other => other,
                })?;
                Ok(token.into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nothing_that_holds_a_secret_debug_prints_it() {
        let access = jwt::make(&json!({"exp": jwt::now() + 3600}));
        let token = jwt::checked_token(&access, jwt::now()).unwrap();
        let tokens = iam::parse_tokens(
            &json!({"access_token": access, "refresh_token": "refresh-s3cret-value"}).to_string(),
        )
        .unwrap();
        let obtained = Obtained::from(jwt::checked_token(&access, jwt::now()).unwrap());
        let printed = format!("{token:?} {tokens:?} {obtained:?}");
        let signature = access.rsplit('.').next().unwrap();
        for secret in [access.as_str(), signature, "refresh-s3cret-value"] {
            assert!(!printed.contains(secret), "{printed}");
        }
    }
}
