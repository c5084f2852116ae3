//! The IBM Cloud CLI session: where its config.json lives, what cr-ext reads from it (never
//! writes), and the access token obtained by running `ibmcloud iam oauth-tokens`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use super::jwt::{self, Claims, EXPIRY_MARGIN_SECS};
use crate::error::{Error, Result};
use crate::exec::{Child, Finished, Running};
use crate::files::{self, ReadError};
use crate::secret::{Secret, sanitize};

/// An IAM access token and its claims.
#[derive(Debug)]
pub struct Token {
    /// The raw JWT, without `Bearer `.
    pub secret: Secret,
    /// Its decoded claims.
    pub claims: Claims,
}

/// The CLI's config directory, as the CLI finds it: `$IBMCLOUD_CONFIG_HOME`; else
/// `H/.ibmcloud` when it exists, else `H/.bluemix`, with `H` = `$IBMCLOUD_HOME`, the
/// deprecated `$BLUEMIX_HOME`, or `$HOME`.
pub fn config_dir(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    use crate::env::{BLUEMIX_HOME, HOME, IBMCLOUD_CONFIG_HOME, IBMCLOUD_HOME};
    let set = |key: &str| env(key).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(IBMCLOUD_CONFIG_HOME) {
        return Some(dir);
    }
    let home = set(IBMCLOUD_HOME).or_else(|| set(BLUEMIX_HOME)).or_else(|| set(HOME))?;
    let ibmcloud = home.join(".ibmcloud");
    Some(if ibmcloud.is_dir() { ibmcloud } else { home.join(".bluemix") })
}

/// The CLI's config.json, read once. Its `Debug` lists the keys, never the values: it holds
/// the session's tokens.
#[derive(Default)]
pub struct CliConfig {
    /// Its content; `Null` when missing or corrupt.
    pub value: Value,
    /// Why it could not be used, when it exists but is not a JSON object.
    pub problem: Option<String>,
}

impl std::fmt::Debug for CliConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&String> =
            self.value.as_object().map(|o| o.keys().collect()).unwrap_or_default();
        f.debug_struct("CliConfig").field("keys", &keys).field("problem", &self.problem).finish()
    }
}

impl CliConfig {
    /// Reads `config.json` from the process environment's config directory. A missing file is
    /// an empty config and a corrupt one a `problem` (the CLI itself will say more); a file
    /// that cannot be read safely is an error.
    ///
    /// # Errors
    /// It is not a regular file, is larger than 1 MiB, or cannot be read.
    pub fn load() -> Result<Self> {
        let Some(path) = config_dir(crate::env::get_os).map(|d| d.join("config.json")) else {
            return Ok(CliConfig::default());
        };
        let bytes = match files::read_capped(&path, files::CONFIG_CAP) {
            Ok(bytes) => bytes,
            Err(ReadError::Missing) => return Ok(CliConfig::default()),
            Err(e) => return Err(Error::File { path, why: e.to_string() }),
        };
        Ok(match serde_json::from_slice::<Value>(&bytes) {
            Ok(value @ Value::Object(_)) => CliConfig { value, problem: None },
            Ok(_) | Err(_) => CliConfig {
                value: Value::Null,
                problem: Some(format!("{} is not a JSON object; ignoring it", path.display())),
            },
        })
    }

    /// A setting the SDK also reads (`Trace`, `ColorEnabled`, `HTTPTimeout`), as text.
    #[must_use]
    pub fn setting(&self, key: &str) -> Option<String> {
        match self.value.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// Whether the session is a VPC private session (`IsPrivate` and `IsAccessFromVPC`).
    #[must_use]
    pub fn is_vpc(&self) -> bool {
        self.is_private()
            && self.value.get("IsAccessFromVPC").and_then(Value::as_bool) == Some(true)
    }

    fn string(&self, key: &str) -> Option<&str> {
        self.value.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
    }

    /// Whether the session was opened on a private endpoint (`IsPrivate`).
    #[must_use]
    pub fn is_private(&self) -> bool {
        self.value.get("IsPrivate").and_then(Value::as_bool).unwrap_or(false)
    }

    /// The IAM endpoint the CLI uses: `IAMPrivateVPCEndpoint` on a VPC session,
    /// `IAMPrivateEndpoint` when `private`, else `IAMEndpoint`.
    #[must_use]
    pub fn iam_endpoint(&self, private: bool) -> Option<&str> {
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
    pub fn refresh_token(&self) -> Option<Secret> {
        self.string("IAMRefreshToken").map(|t| Secret::new(t.trim().to_owned()))
    }

    /// The session's access token as stored (`IAMToken`, without `Bearer `), not checked.
    #[must_use]
    pub fn session_token(&self) -> Option<&str> {
        self.string("IAMToken").map(strip_bearer).filter(|t| !t.is_empty())
    }

    /// The session's cached access token when it is a JWT valid for at least `min_secs` more
    /// seconds.
    ///
    /// # Errors
    /// Why it cannot be used (never quoting it).
    pub fn cached_token(&self, min_secs: i64) -> Result<Token, String> {
        let raw = self.session_token().ok_or("no IAMToken in the CLI config")?;
        let token = checked_token(raw, jwt::now()).map_err(|e| e.to_string())?;
        let left = token.claims.expires_in(jwt::now());
        if left < min_secs {
            return Err(format!("it expires in {left} s, under {min_secs} s"));
        }
        Ok(token)
    }

    /// The targeted region (`Region`), when set.
    #[must_use]
    pub fn region(&self) -> Option<&str> {
        self.value.get("Region").and_then(Value::as_str).filter(|r| !r.is_empty())
    }
}

/// Finds `ibmcloud` on PATH.
///
/// # Errors
/// It is not there.
pub fn locate_cli() -> Result<PathBuf> {
    which::which("ibmcloud").map_err(|_| Error::CliMissing)
}

/// A running `ibmcloud iam oauth-tokens`, started early so other children can start meanwhile.
pub struct TokenFetch {
    program: PathBuf,
    json: Running,
}

impl TokenFetch {
    /// Starts `ibmcloud iam oauth-tokens --output json`.
    ///
    /// # Errors
    /// `ibmcloud` could not start.
    pub fn start(program: &Path) -> Result<Self> {
        let json = oauth_tokens(program, &["--output", "json"]).spawn()?;
        Ok(TokenFetch { program: program.to_path_buf(), json })
    }

    /// Waits for the token; when the CLI says it does not know `--output` (older CLIs), asks
    /// again in the text form. Any other failure is reported as it is. Returns a token valid
    /// for more than [`EXPIRY_MARGIN_SECS`].
    ///
    /// # Errors
    /// `ibmcloud` is not logged in, fails, hangs, prints something unreadable, or the token
    /// is not a JWT or has expired.
    pub fn finish(mut self, timeout: Duration) -> Result<Token> {
        let json = self.json.wait(timeout)?;
        let raw = if json.success {
            parse_output(&json.stdout)?
        } else if not_logged_in(&json) {
            return Err(Error::NotLoggedIn);
        } else if !unknown_output_flag(&json) {
            return Err(Error::CliFailed { status: json.status.clone(), message: json.message() });
        } else {
            let text = oauth_tokens(&self.program, &[]).run(timeout)?;
            if text.success {
                parse_output(&text.stdout)?
            } else if not_logged_in(&text) {
                return Err(Error::NotLoggedIn);
            } else {
                return Err(Error::CliFailed {
                    status: text.status.clone(),
                    message: text.message(),
                });
            }
        };
        checked_token(&raw, jwt::now())
    }
}

fn oauth_tokens(program: &Path, extra: &[&str]) -> Child {
    Child {
        program: program.to_path_buf(),
        name: "ibmcloud".into(),
        args: ["iam", "oauth-tokens"].iter().chain(extra).map(OsString::from).collect(),
        // Plain, prompt-free output: no colour codes and no version-check nag.
        env: vec![
            (crate::env::IBMCLOUD_COLOR, "false"),
            (crate::env::IBMCLOUD_VERSION_CHECK, "false"),
        ],
    }
}

/// Validates a raw token: a JWT that is not expired (with the SDKs' 10 s margin).
///
/// # Errors
/// Not a JWT, no expiry, or expired.
pub fn checked_token(raw: &str, now: i64) -> Result<Token> {
    let claims = jwt::decode(raw).map_err(|what| Error::BadToken { what })?;
    let left = claims.expires_in(now);
    if left <= EXPIRY_MARGIN_SECS {
        return Err(Error::TokenExpired { expired_ago_secs: -left });
    }
    Ok(Token { secret: Secret::new(raw.to_owned()), claims })
}

/// Whether an old CLI refused `--output` (urfave's `flag provided but not defined: -output`,
/// cobra's `unknown flag: --output`).
fn unknown_output_flag(finished: &Finished) -> bool {
    [&finished.stdout, &finished.stderr].iter().any(|s| {
        s.contains("flag provided but not defined: -output")
            || s.contains("flag provided but not defined: --output")
            || s.contains("unknown flag: --output")
    })
}

fn not_logged_in(finished: &Finished) -> bool {
    [&finished.stdout, &finished.stderr].iter().any(|s| s.contains("Not logged in"))
}

/// Extracts the raw token (no `Bearer `) from either output form of `ibmcloud iam
/// oauth-tokens`. Error messages describe the output without quoting it: it may hold a token.
///
/// # Errors
/// Empty output, invalid or truncated JSON, JSON without `iam_token`, or text without an
/// `IAM token:` line.
pub fn parse_output(stdout: &str) -> Result<String> {
    let text = sanitize(stdout);
    let text = text.trim();
    let what = |what: &str| Error::CliOutput { what: what.to_owned() };
    let token = if text.is_empty() {
        return Err(what("it printed nothing"));
    } else if text.starts_with('{') {
        let value: Value =
            serde_json::from_str(text).map_err(|_| what("it printed invalid or truncated JSON"))?;
        value
            .get("iam_token")
            .and_then(Value::as_str)
            .ok_or_else(|| what("its JSON has no 'iam_token' string"))?
            .to_owned()
    } else if let Some(line) = text.lines().find_map(|l| l.trim().strip_prefix("IAM token:")) {
        line.trim().to_owned()
    } else if text.starts_with('<') {
        return Err(what("it printed HTML or XML instead of tokens"));
    } else {
        return Err(what("it printed no 'IAM token:' line"));
    };
    let token = strip_bearer(&token);
    if token.is_empty() {
        return Err(what("the IAM token it printed is empty"));
    }
    Ok(token.to_owned())
}

/// The token of `Bearer TOKEN` (scheme in any case, any spacing); text without the scheme as
/// it is, trimmed.
#[must_use]
pub fn strip_bearer(text: &str) -> &str {
    let text = text.trim();
    match text.split_once(char::is_whitespace) {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ if text.eq_ignore_ascii_case("bearer") => "",
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nothing_that_holds_a_secret_debug_prints_it() {
        let access = jwt::make(&json!({"exp": jwt::now() + 3600}));
        let config = CliConfig {
            value: json!({"IAMToken": format!("Bearer {access}"), "IAMRefreshToken": "refresh-s3cret-value"}),
            problem: None,
        };
        let token = checked_token(&access, jwt::now()).unwrap();
        let tokens = crate::credential::iam::parse_tokens(
            &json!({"access_token": access, "refresh_token": "refresh-s3cret-value"}).to_string(),
        )
        .unwrap();
        let obtained =
            crate::credential::Obtained { secret: token.secret.clone(), expires_at: None };
        let printed =
            format!("{config:?} {token:?} {tokens:?} {obtained:?} {:?}", config.refresh_token());
        assert!(printed.contains("IAMRefreshToken"), "{printed}");
        let signature = access.rsplit('.').next().unwrap();
        for secret in [access.as_str(), signature, "refresh-s3cret-value"] {
            assert!(!printed.contains(secret), "{printed}");
        }
    }

    #[test]
    fn reads_the_json_form() {
        let out = r#"{"iam_token":"Bearer a.b.c","uaa_token":"Bearer x.y.z"}"#;
        assert_eq!(parse_output(out).unwrap(), "a.b.c");
    }

    #[test]
    fn reads_the_iam_line_of_the_text_form_and_ignores_uaa() {
        let out = "UAA token:  Bearer u.u.u\nIAM token:  Bearer a.b.c\n";
        assert_eq!(parse_output(out).unwrap(), "a.b.c");
    }

    #[test]
    fn describes_bad_output_without_quoting_it() {
        for (out, want) in [
            ("", "nothing"),
            ("  \n", "nothing"),
            ("{\"iam_token\":\"Bearer eyJsecret", "truncated"),
            ("{\"other\":1}", "no 'iam_token'"),
            ("<html><body>502</body></html>", "HTML"),
            ("garbage eyJsecret", "no 'IAM token:'"),
            ("IAM token:  Bearer ", "empty"),
        ] {
            let err = parse_output(out).unwrap_err().to_string();
            assert!(err.contains(want), "{out:?}: {err}");
            assert!(!err.contains("eyJsecret"), "{err}");
        }
    }

    #[test]
    fn refuses_expired_and_nearly_expired_tokens() {
        let now = 1_000_000;
        let token = |exp: i64| jwt::make(&json!({ "exp": exp }));
        assert!(checked_token(&token(now + 11), now).is_ok());
        assert!(matches!(
            checked_token(&token(now + 10), now),
            Err(Error::TokenExpired { expired_ago_secs: -10 })
        ));
        assert!(matches!(
            checked_token(&token(now - 60), now),
            Err(Error::TokenExpired { expired_ago_secs: 60 })
        ));
        assert!(matches!(checked_token("x.y", now), Err(Error::BadToken { .. })));
    }

    #[test]
    fn config_dir_follows_the_cli_order() {
        let tmp = std::env::temp_dir().join(format!("cr-ext-cfg-{}", std::process::id()));
        std::fs::create_dir_all(tmp.join("h")).unwrap();
        let h = tmp.join("h");
        let env = |pairs: Vec<(&'static str, PathBuf)>| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone().into())
        };
        assert_eq!(
            config_dir(env(vec![("IBMCLOUD_CONFIG_HOME", "/c".into()), ("HOME", h.clone())])),
            Some(PathBuf::from("/c"))
        );
        assert_eq!(config_dir(env(vec![("HOME", h.clone())])), Some(h.join(".bluemix")));
        std::fs::create_dir_all(h.join(".ibmcloud")).unwrap();
        assert_eq!(config_dir(env(vec![("HOME", h.clone())])), Some(h.join(".ibmcloud")));
        assert_eq!(
            config_dir(env(vec![("IBMCLOUD_HOME", "/i".into()), ("HOME", h.clone())])),
            Some(PathBuf::from("/i/.bluemix"))
        );
        assert_eq!(
            config_dir(env(vec![("BLUEMIX_HOME", "/b".into())])),
            Some(PathBuf::from("/b/.bluemix"))
        );
        assert_eq!(config_dir(env(vec![])), None);
        std::fs::remove_dir_all(tmp).unwrap();
    }
}
