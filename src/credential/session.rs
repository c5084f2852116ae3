//! The ibmcloud CLI session as a credential source: the access token obtained by running
//! `ibmcloud iam oauth-tokens` (JSON form, else the text form of older CLIs). What the CLI's
//! config.json holds is `crate::ibmcloud`'s.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use super::jwt::{self, Token, checked_token, strip_bearer};
use crate::error::{Error, Result};
use crate::exec::{Child, Finished, Running};
use crate::secret::sanitize;

/// A running `ibmcloud iam oauth-tokens`, started early so other children can start meanwhile.
pub(crate) struct TokenFetch {
    program: PathBuf,
    json: Running,
}

impl TokenFetch {
    /// Starts `ibmcloud iam oauth-tokens --output json`.
    ///
    /// # Errors
    /// `ibmcloud` could not start.
    pub(crate) fn start(program: &Path) -> Result<Self> {
        let json = oauth_tokens(program, &["--output", "json"]).spawn()?;
        Ok(TokenFetch { program: program.to_path_buf(), json })
    }

    /// Waits for the token; when the CLI says it does not know `--output` (older CLIs), asks
    /// again in the text form. Any other failure is reported as it is. Returns a token valid
    /// for more than [`jwt::EXPIRY_MARGIN_SECS`].
    ///
    /// # Errors
    /// `ibmcloud` is not logged in, fails, hangs, prints something unreadable, or the token
    /// is not a JWT or has expired.
    pub(crate) fn finish(mut self, timeout: Duration) -> Result<Token> {
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
pub(crate) fn parse_output(stdout: &str) -> Result<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
