//! Credentials: where a registry secret comes from (an API key, used as is or exchanged at IAM;
//! the CLI session's cached token, the fast path; or `ibmcloud iam oauth-tokens`), the JWT
//! claims reader, and the IAM settings (endpoint, HTTP timeout). Secrets are `secret::Secret`s.

pub mod apikey;
pub(crate) mod cache;
pub mod iam;
pub(crate) mod iam_admin;
pub mod jwt;
pub mod session;

use std::time::Duration;

use crate::cli::{As, CredentialArgs};
use crate::env;
use crate::error::{Error, Result};
use crate::output::trace;
use crate::secret::Secret;
use apikey::KeySource;
use session::{CliConfig, TokenFetch};

/// A cached session token is used only with at least this much life left.
pub const FAST_PATH_MIN_SECS: i64 = 300;
/// The accepted range of `IBMCLOUD_HTTP_TIMEOUT` (and the CLI config's `HTTPTimeout`), seconds.
pub const HTTP_TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 1..=3600;
/// The HTTP timeout when none is set, seconds.
pub const DEFAULT_HTTP_TIMEOUT: u64 = 30;

/// Where the secret will come from and what it will be; validated, nothing fetched yet.
#[derive(Debug)]
pub struct CredentialPlan {
    /// The API key and where it came from, if one was given.
    pub apikey: Option<(Secret, KeySource)>,
    /// Which secret the registry gets.
    pub mode: As,
    /// IAM endpoint and where it came from (validated only when a credential goes there).
    pub endpoint: (String, &'static str),
    /// Bound on each HTTP request to IAM.
    pub http_timeout: Duration,
    /// Bound on each child process.
    pub child_timeout: Duration,
}

/// A secret ready for the registry.
#[derive(Debug)]
pub struct Obtained {
    /// The password.
    pub secret: Secret,
    /// When it expires (unix seconds), for access tokens.
    pub expires_at: Option<i64>,
}

impl CredentialPlan {
    /// Reads the API key (if any) and settles the IAM endpoint.
    ///
    /// # Errors
    /// An unreadable or empty API key, or `--as apikey` without one.
    pub fn new(
        args: &CredentialArgs,
        mode: As,
        private: bool,
        config: &CliConfig,
        timeout: u64,
    ) -> Result<Self> {
        let apikey = apikey::read(args, env::get(env::IBMCLOUD_API_KEY))?;
        if mode == As::Apikey && apikey.is_none() {
            return Err(Error::usage(
                "--as apikey logs in with an API key, and none was given",
                "pass one with IBMCLOUD_API_KEY, --apikey-file PATH or --apikey-stdin",
            ));
        }
        let private = private || config.is_private();
        let endpoint = if let Some(e) = &args.iam_endpoint {
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
        let http_timeout = http_timeout(config)?;
        Ok(CredentialPlan {
            apikey,
            mode,
            endpoint,
            http_timeout,
            child_timeout: Duration::from_secs(timeout),
        })
    }

    /// Checks the IAM endpoint when the plan will send a credential there (also for
    /// `--dry-run`, so it fails where the real run would).
    ///
    /// # Errors
    /// The endpoint is not https (or http to loopback).
    pub fn check_endpoint(&self) -> Result<()> {
        if self.apikey.is_some() && self.mode != As::Apikey {
            iam::validate_endpoint(&self.endpoint.0)?;
        }
        Ok(())
    }

    /// An access token with at least [`FAST_PATH_MIN_SECS`] to live, for the credential
    /// helper: from an API key through the token cache (a hit costs no IAM round trip), else
    /// the CLI session (its cached token, else `ibmcloud iam oauth-tokens`).
    ///
    /// # Errors
    /// No credential, IAM or `ibmcloud` failing, or a token about to expire.
    pub(crate) fn fresh_bearer(&self, config: &CliConfig) -> Result<Obtained> {
        if let Some((key, source)) = &self.apikey {
            let url = iam::validate_endpoint(&self.endpoint.0)?;
            let slot = cache::slot(key, url.as_str());
            let now = jwt::now();
            if let Some((secret, exp)) = slot.as_ref().and_then(|s| s.load(now)) {
                trace(&format!("credential: cached token for the API key from {source}"));
                return Ok(Obtained { secret, expires_at: Some(exp) });
            }
            let obtained = self.begin(config)?.finish(self.child_timeout)?;
            if let Some(slot) = slot {
                slot.store(&obtained.secret, now);
            }
            return Ok(obtained);
        }
        let obtained = self.begin(config)?.finish(self.child_timeout)?;
        let left = obtained.expires_at.map_or(0, |exp| exp.saturating_sub(jwt::now()));
        if left < FAST_PATH_MIN_SECS {
            return Err(Error::TokenExpired { expired_ago_secs: -left });
        }
        Ok(obtained)
    }

    /// The registry username for this plan.
    #[must_use]
    pub fn username(&self) -> &'static str {
        match self.mode {
            As::Bearer => "iambearer",
            As::Apikey => "iamapikey",
            As::Refresh => "iamrefresh",
        }
    }

    /// The session's cached token, for the fast path: a readable config and a token with
    /// [`FAST_PATH_MIN_SECS`] to live.
    fn fast_path(config: &CliConfig) -> std::result::Result<session::Token, String> {
        if let Some(problem) = &config.problem {
            return Err(format!("the CLI config is unusable ({problem})"));
        }
        config.cached_token(FAST_PATH_MIN_SECS)
    }

    /// Whether [`CredentialPlan::begin`] will run `ibmcloud` (for `--dry-run`): no API key, a
    /// bearer login, and no cached token to use.
    #[must_use]
    pub fn runs_cli(&self, config: &CliConfig) -> bool {
        self.apikey.is_none() && self.mode == As::Bearer && Self::fast_path(config).is_err()
    }

    /// Starts getting the secret: the cheap sources answer at once, `ibmcloud` is started and
    /// left running, and an IAM exchange waits for [`Fetch::finish`] (so a client can start
    /// up meanwhile).
    ///
    /// # Errors
    /// No usable source: no `ibmcloud`, no refresh token in the session, a bad endpoint.
    pub fn begin(&self, config: &CliConfig) -> Result<Fetch> {
        if let Some((key, source)) = &self.apikey {
            trace(&format!("credential: API key from {source}"));
            if self.mode == As::Apikey {
                trace("using the API key itself (iamapikey); no network call");
                return Ok(Fetch::Ready(Obtained { secret: key.clone(), expires_at: None }));
            }
            let (endpoint, from) = &self.endpoint;
            let url = iam::validate_endpoint(endpoint)?;
            trace(&format!("IAM endpoint {} (from {from})", iam::display_url(&url)));
            return Ok(Fetch::Iam {
                url,
                key: key.clone(),
                mode: self.mode,
                timeout: self.http_timeout,
            });
        }
        if self.mode == As::Refresh {
            trace("credential: the CLI session's refresh token (IAMRefreshToken)");
            let secret = config.refresh_token().ok_or(Error::NoRefreshToken)?;
            return Ok(Fetch::Ready(Obtained { secret, expires_at: None }));
        }
        match Self::fast_path(config) {
            Ok(token) => {
                trace(&format!(
                    "credential: the CLI session's cached IAMToken (valid {} s more); ibmcloud not run",
                    token.claims.expires_in(jwt::now())
                ));
                return Ok(Fetch::Ready(Obtained {
                    expires_at: Some(token.claims.exp),
                    secret: token.secret,
                }));
            }
            Err(why) => trace(&format!("cached IAMToken not used: {why}")),
        }
        let program = session::locate_cli()?;
        trace(&format!("running {} iam oauth-tokens --output json", program.display()));
        Ok(Fetch::Cli(Box::new(TokenFetch::start(&program)?)))
    }
}

/// A secret on its way; see [`CredentialPlan::begin`].
pub enum Fetch {
    /// Already here.
    Ready(Obtained),
    /// `ibmcloud iam oauth-tokens` is running.
    Cli(Box<TokenFetch>),
    /// An API key to exchange at IAM.
    Iam { url: reqwest::Url, key: Secret, mode: As, timeout: Duration },
}

impl Fetch {
    /// Waits for the secret.
    ///
    /// # Errors
    /// Whatever the source failed with.
    pub fn finish(self, child_timeout: Duration) -> Result<Obtained> {
        match self {
            Fetch::Ready(obtained) => Ok(obtained),
            Fetch::Cli(fetch) => {
                let token = fetch.finish(child_timeout)?;
                Ok(Obtained { expires_at: Some(token.claims.exp), secret: token.secret })
            }
            Fetch::Iam { url, key, mode, timeout } => {
                let tokens = iam::apikey_grant(&url, &key, timeout)?;
                if mode == As::Refresh {
                    let secret = tokens.refresh_token.ok_or_else(|| Error::IamResponse {
                        what: "its answer has no refresh_token".into(),
                    })?;
                    return Ok(Obtained { secret, expires_at: None });
                }
                let raw = tokens.access_token.expose().to_owned();
                let token = session::checked_token(&raw, jwt::now()).map_err(|e| match e {
                    Error::BadToken { what } => {
                        Error::IamResponse { what: format!("its access_token is {what}") }
                    }
                    other => other,
                })?;
                Ok(Obtained {
                    expires_at: Some(token.claims.exp).or(tokens.expiration),
                    secret: token.secret,
                })
            }
        }
    }
}

/// `IBMCLOUD_HTTP_TIMEOUT`, else the CLI config's `HTTPTimeout`, else 30 s.
///
/// # Errors
/// A value that is not a whole number in [`HTTP_TIMEOUT_RANGE`].
pub fn http_timeout(config: &session::CliConfig) -> Result<Duration> {
    let (value, from) = match env::get(env::IBMCLOUD_HTTP_TIMEOUT) {
        Some(v) => (v, env::IBMCLOUD_HTTP_TIMEOUT),
        None => match config.setting("HTTPTimeout") {
            Some(v) => (v, "the CLI config's HTTPTimeout"),
            None => return Ok(Duration::from_secs(DEFAULT_HTTP_TIMEOUT)),
        },
    };
    match value.trim().parse::<u64>() {
        Ok(secs) if HTTP_TIMEOUT_RANGE.contains(&secs) => Ok(Duration::from_secs(secs)),
        _ => Err(Error::usage(
            format!(
                "{from} is '{}'; it must be a whole number of seconds from {} to {}",
                crate::secret::sanitize(&value),
                HTTP_TIMEOUT_RANGE.start(),
                HTTP_TIMEOUT_RANGE.end()
            ),
            format!("unset it for the default of {DEFAULT_HTTP_TIMEOUT} s"),
        )),
    }
}
