//! The ibmcloud CLI as cr-ext finds it: where its config directory is, what its config.json
//! says (targeted region, IAM endpoints, private and VPC sessions, the cached tokens, the
//! SDK's trace, colour and HTTP-timeout settings), and where the `ibmcloud` program is. The
//! file is read once and never written: the CLI owns it. Running `ibmcloud iam oauth-tokens`
//! is a credential source, in `credential::session`.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::credential::jwt::{self, Token};
use crate::dirs::Place;
use crate::env;
use crate::error::{Error, Result};
use crate::files::{self, ReadError};
use crate::secret::{Secret, sanitize};

/// The accepted range of `IBMCLOUD_HTTP_TIMEOUT` (and the config's `HTTPTimeout`), seconds.
pub(crate) const HTTP_TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 1..=3600;
/// The HTTP timeout when none is set, seconds.
pub(crate) const DEFAULT_HTTP_TIMEOUT: u64 = 30;

/// The CLI's config directory, as the CLI finds it: `$IBMCLOUD_CONFIG_HOME`; else
/// `H/.ibmcloud` when it exists, else `H/.bluemix`, with `H` the CLI's home
/// (`Place::ibmcloud_home`: `$IBMCLOUD_HOME`, the deprecated `$BLUEMIX_HOME`, then the
/// platform's home).
pub(crate) fn config_dir(place: &Place) -> Option<PathBuf> {
    if let Some(dir) = place.path_var(crate::env::IBMCLOUD_CONFIG_HOME) {
        return Some(dir);
    }
    let home = place.ibmcloud_home()?;
    let ibmcloud = home.join(".ibmcloud");
    Some(if ibmcloud.is_dir() { ibmcloud } else { home.join(".bluemix") })
}

/// Finds `ibmcloud` on PATH.
///
/// # Errors
/// It is not there.
pub(crate) fn locate() -> Result<PathBuf> {
    which::which("ibmcloud").map_err(|_| Error::CliMissing)
}

/// The SDK's settings that decide how cr-ext prints: environment first (current name, then
/// the old `BLUEMIX_` one), then the config.
#[derive(Debug, Default, Clone)]
pub(crate) struct Settings {
    /// `IBMCLOUD_TRACE` / `BLUEMIX_TRACE` / config `Trace`.
    pub(crate) trace: Option<String>,
    /// `IBMCLOUD_COLOR` / `BLUEMIX_COLOR` / config `ColorEnabled`.
    pub(crate) color: Option<String>,
}

/// The CLI's config.json, read once. Its `Debug` lists the keys, never the values: it holds
/// the session's tokens.
#[derive(Default)]
pub(crate) struct IbmcloudConfig {
    /// Its content; `Null` when missing or corrupt.
    pub(crate) value: Value,
    /// Why it could not be used, when it exists but is not a JSON object.
    pub(crate) problem: Option<String>,
}

impl std::fmt::Debug for IbmcloudConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&String> =
            self.value.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        f.debug_struct("IbmcloudConfig")
            .field("keys", &keys)
            .field("problem", &self.problem)
            .finish()
    }
}

impl IbmcloudConfig {
    /// Reads `config.json` from the process environment's config directory. A missing file is
    /// an empty config and a corrupt one a `problem` (the CLI itself will say more); a file
    /// that cannot be read safely is an error.
    ///
    /// # Errors
    /// It is not a regular file, is larger than 1 MiB, or cannot be read.
    pub(crate) fn load() -> Result<Self> {
        let Some(path) = config_dir(&Place::here()).map(|d| d.join("config.json")) else {
            return Ok(IbmcloudConfig::default());
        };
        let bytes = match files::read_capped(&path, files::CONFIG_CAP) {
            Ok(bytes) => bytes,
            Err(ReadError::Missing) => return Ok(IbmcloudConfig::default()),
            Err(e) => return Err(Error::File { path, why: e.to_string() }),
        };
        Ok(match serde_json::from_slice::<Value>(&bytes) {
            Ok(value @ Value::Object(_)) => IbmcloudConfig { value, problem: None },
            Ok(_) | Err(_) => IbmcloudConfig {
                value: Value::Null,
                problem: Some(format!("{} is not a JSON object; ignoring it", path.display())),
            },
        })
    }

    /// A setting the SDK also reads (`Trace`, `ColorEnabled`, `HTTPTimeout`), as text.
    #[must_use]
    pub(crate) fn setting(&self, key: &str) -> Option<String> {
        match self.value.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// The trace and colour settings: environment first, then this config.
    #[must_use]
    pub(crate) fn settings(&self) -> Settings {
        let pick = |names: [&str; 2], key: &str| {
            names.iter().find_map(|n| env::get(n)).or_else(|| self.setting(key))
        };
        Settings {
            trace: pick([env::IBMCLOUD_TRACE, env::BLUEMIX_TRACE], "Trace"),
            color: pick([env::IBMCLOUD_COLOR, env::BLUEMIX_COLOR], "ColorEnabled"),
        }
    }

    /// `IBMCLOUD_HTTP_TIMEOUT`, else `HTTPTimeout`, else 30 s: the bound on each HTTP request.
    ///
    /// # Errors
    /// A value that is not a whole number in [`HTTP_TIMEOUT_RANGE`].
    pub(crate) fn http_timeout(&self) -> Result<Duration> {
        let (value, from) = match env::get(env::IBMCLOUD_HTTP_TIMEOUT) {
            Some(v) => (v, env::IBMCLOUD_HTTP_TIMEOUT),
            None => match self.setting("HTTPTimeout") {
                Some(v) => (v, "the CLI config's HTTPTimeout"),
                None => return Ok(Duration::from_secs(DEFAULT_HTTP_TIMEOUT)),
            },
        };
        match value.trim().parse::<u64>() {
            Ok(secs) if HTTP_TIMEOUT_RANGE.contains(&secs) => Ok(Duration::from_secs(secs)),
            _ => Err(Error::usage(
                format!(
                    "{from} is '{}'; it must be a whole number of seconds from {} to {}",
                    sanitize(&value),
                    HTTP_TIMEOUT_RANGE.start(),
                    HTTP_TIMEOUT_RANGE.end()
                ),
                format!("unset it for the default of {DEFAULT_HTTP_TIMEOUT} s"),
            )),
        }
    }

    /// Whether the session is a VPC private session (`IsPrivate` and `IsAccessFromVPC`).
    #[must_use]
    pub(crate) fn is_vpc(&self) -> bool {
        self.is_private()
            && self.value.get("IsAccessFromVPC").and_then(Value::as_bool) == Some(true)
    }

    fn string(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    }

    /// Whether the session was opened on a private endpoint (`IsPrivate`).
    #[must_use]
    pub(crate) fn is_private(&self) -> bool {
        self.value.get("IsPrivate").and_then(Value::as_bool).unwrap_or(false)
    }

    /// The IAM endpoint the CLI uses: `IAMPrivateVPCEndpoint` on a VPC session,
    /// `IAMPrivateEndpoint` when `private`, else `IAMEndpoint`.
    #[must_use]
    pub(crate) fn iam_endpoint(&self, private: bool) -> Option<&str> {
        if self.is_vpc() {
            self.string("IAMPrivateVPCEndpoint")
        } else if private {
            self.string("IAMPrivateEndpoint")
        } else {
            self.string("IAMEndpoint")
        }
    }

    /// The session's refresh token (`IAMRefreshToken`, stored raw).
    #[must_use]
    pub(crate) fn refresh_token(&self) -> Option<Secret> {
        self.string("IAMRefreshToken").map(|t| Secret::new(t.trim().to_owned()))
    }

    /// The session's access token as stored (`IAMToken`, without `Bearer `), not checked.
    #[must_use]
    pub(crate) fn session_token(&self) -> Option<&str> {
        self.string("IAMToken").map(jwt::strip_bearer).filter(|t| !t.is_empty())
    }

    /// The session's cached access token when it is a JWT valid for at least `min_secs` more
    /// seconds.
    ///
    /// # Errors
    /// Why it cannot be used (never quoting it).
    pub(crate) fn cached_token(&self, min_secs: i64) -> Result<Token, String> {
        let raw = self.session_token().ok_or("no IAMToken in the CLI config")?;
        let token = jwt::checked_token(raw, jwt::now()).map_err(|e| e.to_string())?;
        let left = token.claims.expires_in(jwt::now());
        if left < min_secs {
            return Err(format!("it expires in {left} s, under {min_secs} s"));
        }
        Ok(token)
    }

    /// The targeted region (`Region`), when set.
    #[must_use]
    pub(crate) fn region(&self) -> Option<&str> {
        self.value.get("Region").and_then(Value::as_str).filter(|r| !r.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn debug_lists_keys_never_tokens() {
        let access = jwt::make(&json!({"exp": jwt::now() + 3600}));
        let config = IbmcloudConfig {
            value: json!({"IAMToken": format!("Bearer {access}"), "IAMRefreshToken": "refresh-s3cret-value"}),
            problem: None,
        };
        let printed = format!("{config:?} {:?}", config.refresh_token());
        assert!(printed.contains("IAMRefreshToken"), "{printed}");
        let signature = access.rsplit('.').next().unwrap();
        for secret in [access.as_str(), signature, "refresh-s3cret-value"] {
            assert!(!printed.contains(secret), "{printed}");
        }
    }

    #[test]
    fn config_dir_follows_the_cli_order() {
        let tmp = std::env::temp_dir().join(format!("cr-ext-cfg-{}", std::process::id()));
        std::fs::create_dir_all(tmp.join("h")).unwrap();
        let h = tmp.join("h");
        let config_dir = |pairs: Vec<(&'static str, PathBuf)>| {
            let var =
                move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone().into());
            config_dir(&Place { platform: crate::dirs::Platform::Linux, uid: None, var: &var })
        };
        assert_eq!(
            config_dir(vec![("IBMCLOUD_CONFIG_HOME", "/c".into()), ("HOME", h.clone())]),
            Some(PathBuf::from("/c"))
        );
        assert_eq!(config_dir(vec![("HOME", h.clone())]), Some(h.join(".bluemix")));
        std::fs::create_dir_all(h.join(".ibmcloud")).unwrap();
        assert_eq!(config_dir(vec![("HOME", h.clone())]), Some(h.join(".ibmcloud")));
        assert_eq!(
            config_dir(vec![("IBMCLOUD_HOME", "/i".into()), ("HOME", h.clone())]),
            Some(PathBuf::from("/i/.bluemix"))
        );
        assert_eq!(
            config_dir(vec![("BLUEMIX_HOME", "/b".into())]),
            Some(PathBuf::from("/b/.bluemix"))
        );
        assert_eq!(config_dir(vec![]), None);
        std::fs::remove_dir_all(tmp).unwrap();
    }
}
