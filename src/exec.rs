//! The one place that starts child processes (with duct). A secret goes to a child only on its
//! stdin, written with no trailing newline and then closed; every child runs under a timeout,
//! with stdout and stderr captured. What a child printed is sanitized and redacted here before
//! it can reach an error message.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use crate::credential::Secret;
use crate::error::{Error, Result};
use crate::output::sanitize;

/// A child to run: program, arguments, and optionally a secret for its stdin.
pub struct Child<'a> {
    /// Resolved path of the program.
    pub program: PathBuf,
    /// Short name used in messages (`podman`, `ibmcloud`).
    pub name: String,
    /// Arguments; never a secret.
    pub args: Vec<OsString>,
    /// Written to stdin, then stdin is closed. `None`: stdin is /dev/null.
    pub stdin: Option<&'a Secret>,
    /// Extra environment variables.
    pub env: Vec<(&'static str, &'static str)>,
}

/// How a child ended.
#[derive(Debug)]
pub struct Finished {
    /// Whether it exited 0.
    pub success: bool,
    /// Its exit status, as text (`exit status: 125`).
    pub status: String,
    /// Captured stdout, lossily decoded; raw, may hold a secret the child printed.
    pub stdout: String,
    /// Captured stderr, lossily decoded; raw.
    pub stderr: String,
}

impl Finished {
    /// What the child said, for an error message: stderr (else stdout), control characters
    /// stripped, the secret and anything shaped like a token redacted, at most a few lines.
    #[must_use]
    pub fn message(&self, secret: Option<&Secret>) -> String {
        let text = if self.stderr.trim().is_empty() {
            &self.stdout
        } else {
            &self.stderr
        };
        let text = secret.map_or_else(|| text.clone(), |s| s.redact(text));
        let text = sanitize(&redact_tokens(&text));
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let start = lines.len().saturating_sub(8);
        lines[start..].join("\n  ")
    }
}

impl Child<'_> {
    /// The command line as a user would type it, the secret shown as `****`.
    #[must_use]
    pub fn display(&self) -> String {
        let mut line = String::new();
        if self.stdin.is_some() {
            line.push_str("printf '%s' '****' | ");
        }
        line.push_str(&self.name);
        for arg in &self.args {
            line.push(' ');
            line.push_str(&arg.to_string_lossy());
        }
        line
    }

    /// Runs the child to completion, killing it after `timeout`.
    ///
    /// # Errors
    /// The child could not start, or it ran past `timeout` (it is then killed).
    pub fn run(&self, timeout: Duration) -> Result<Finished> {
        let mut expr = duct::cmd(&self.program, &self.args)
            .stdout_capture()
            .stderr_capture()
            .unchecked();
        for (key, value) in &self.env {
            expr = expr.env(key, value);
        }
        expr = match self.stdin {
            // duct writes the bytes from a helper thread and closes the pipe after them, so a
            // client that reads to EOF sees exactly the secret and then the end of input.
            Some(secret) => expr.stdin_bytes(secret.expose().as_bytes().to_vec()),
            None => expr.stdin_null(),
        };
        let handle = expr.start().map_err(|source| Error::Spawn {
            program: self.name.clone(),
            source,
        })?;
        let output = match handle.wait_timeout(timeout) {
            Ok(Some(output)) => output,
            Ok(None) => {
                let _ = handle.kill();
                return Err(Error::TimedOut {
                    program: self.name.clone(),
                    secs: timeout.as_secs(),
                });
            }
            Err(source) => {
                return Err(Error::Spawn {
                    program: self.name.clone(),
                    source,
                });
            }
        };
        Ok(Finished {
            success: output.status.success(),
            status: output.status.to_string(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

/// Replaces anything shaped like a JWT (`eyJ…` with dots) with `****`: a safety net for tokens
/// a child echoes that cr-ext did not hand it itself.
#[must_use]
pub fn redact_tokens(text: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("eyJ") {
        out.push_str(&rest[..pos]);
        let candidate = &rest[pos..];
        let end = candidate
            .find(|c| !is_token_char(c))
            .unwrap_or(candidate.len());
        if candidate[..end].contains('.') {
            out.push_str("****");
        } else {
            out.push_str(&candidate[..end]);
        }
        rest = &candidate[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_jwt_shaped_words_only() {
        assert_eq!(redact_tokens("token eyJa.b.c here"), "token **** here");
        assert_eq!(redact_tokens("eyJabc alone"), "eyJabc alone");
        assert_eq!(redact_tokens("x=\"Bearer eyJ1.2\""), "x=\"Bearer ****\"");
    }

    #[test]
    fn message_prefers_stderr_and_redacts() {
        let f = Finished {
            success: false,
            status: "exit status: 125".into(),
            stdout: "out".into(),
            stderr: "\x1b[31mError:\x1b[0m bad s3cret\r\n".into(),
        };
        let s = Secret::new("s3cret".into());
        assert_eq!(f.message(Some(&s)), "Error: bad ****");
    }
}
