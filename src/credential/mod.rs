//! Credentials: where a registry secret comes from (an API key, used as is or exchanged at IAM;
//! the CLI session's cached token, the fast path; or `ibmcloud iam oauth-tokens`), the JWT
//! claims reader, and the IAM settings (endpoint, HTTP timeout). It takes plain types
//! ([`Input`]): the command line is converted into them before it gets here. Secrets are
//! `secret::Secret`s.

pub(crate) mod apikey;
pub(crate) mod cache;
pub(crate) mod iam;
pub(crate) mod iam_admin;
pub(crate) mod jwt;
pub(crate) mod session;

use std::path::PathBuf;
use std::time::Duration;

use crate::env;
use crate::error::{Error, Result};
use crate::ibmcloud::{self, IbmcloudConfig};
use crate::output::trace;
use crate::secret::Secret;
use apikey::KeySource;
use session::TokenFetch;

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
}

impl Username {
    /// Every kind, in the order help lists them.
    pub(crate) const ALL: [Username; 3] = [Username::Bearer, Username::Apikey, Username::Refresh];

    /// The registry username.
    #[must_use]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Username::Bearer => "iambearer",
            Username::Apikey => "iamapikey",
            Username::Refresh => "iamrefresh",
        }
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

/// What a command asks of the credential, in plain types.
#[derive(Debug, Clone)]
pub(crate) struct Input {
    /// Where an API key comes from.
    pub(crate) key: KeyInput,
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
        Input { key, iam_endpoint: None, username: Username::Bearer, private: false }
    }
}

/// Where the secret will come from and what it will be; validated, nothing fetched yet.
#[derive(Debug)]
pub(crate) struct CredentialPlan {
    /// The API key and where it came from, if one was given.
    pub(crate) apikey: Option<(Secret, KeySource)>,
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
        let apikey = apikey::read(&input.key, env::get(env::IBMCLOUD_API_KEY))?;
        if input.username == Username::Apikey && apikey.is_none() {
            return Err(Error::usage(
                "--as apikey logs in with an API key, and none was given",
                "pass one with IBMCLOUD_API_KEY, --apikey-file PATH or --apikey-stdin",
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
        Ok(CredentialPlan { apikey, username: input.username, endpoint, http_timeout })
    }

    /// Checks the IAM endpoint when the plan will send a credential there (also for
    /// `--dry-run`, so it fails where the real run would).
    ///
    /// # Errors
    /// The endpoint is not https (or http to loopback).
    pub(crate) fn check_endpoint(&self) -> Result<()> {
        if self.apikey.is_some() && self.username != Username::Apikey {
            iam::validate_endpoint(&self.endpoint.0)?;
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
        let slot = match &self.apikey {
            Some((key, _)) => {
                let url = iam::validate_endpoint(&self.endpoint.0)?;
                cache::slot(key, url.as_str())
            }
            None => config
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
            if let Some((_, source)) = &self.apikey {
                trace(&format!("credential: cached token for the API key from {source}"));
            }
            Some(Obtained::from(token))
        };
        let _lock = match (&self.apikey, &slot) {
            (Some(_), Some(slot)) => {
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
        let fetched = self.obtain(config, timeout).and_then(|obtained| {
            let left = obtained.expires_at.map_or(0, |exp| exp.saturating_sub(jwt::now()));
            if self.apikey.is_some() && left < cache::MIN_MARGIN_SECS {
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
                if self.apikey.is_some() {
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
            && self.username == Username::Bearer
            && Self::fast_path(config).is_err()
    }

    /// Starts getting the secret: the cheap sources answer at once, `ibmcloud` is started and
    /// left running, and an IAM exchange waits for [`Fetch::finish`] (so a client can start
    /// up meanwhile).
    ///
    /// # Errors
    /// No usable source: no `ibmcloud`, no refresh token in the session, a bad endpoint.
    pub(crate) fn begin(&self, config: &IbmcloudConfig) -> Result<Fetch> {
        if let Some((key, source)) = &self.apikey {
            trace(&format!("credential: API key from {source}"));
            if self.username == Username::Apikey {
                trace("using the API key itself (iamapikey); no network call");
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

/// A secret on its way; see [`CredentialPlan::begin`].
pub(crate) enum Fetch {
    /// Already here.
    Ready(Obtained),
    /// `ibmcloud iam oauth-tokens` is running.
    Cli(Box<TokenFetch>),
    /// An API key to exchange at IAM.
    Iam { url: reqwest::Url, key: Secret, username: Username, timeout: Duration },
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
