//! The one place that starts child processes (with duct). A secret goes to a child only on its
//! stdin, written with no trailing newline and then closed; every child runs under a timeout in
//! a process group of its own, so a timeout or Ctrl-C stops it with all its descendants. What a
//! child printed is sanitized and redacted here before it can reach an error message.

use std::ffi::OsString;
use std::io::{PipeWriter, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

use crate::credential::Secret;
use crate::error::{Error, Result};
use crate::output::sanitize;

/// Process groups of the children running now, for [`kill_all`].
static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// A child to run: program, arguments (never a secret), extra environment.
pub struct Child {
    /// Resolved path of the program.
    pub program: PathBuf,
    /// Short name used in messages (`podman`, `ibmcloud`).
    pub name: String,
    /// Arguments.
    pub args: Vec<OsString>,
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
        let text = if self.stderr.trim().is_empty() { &self.stdout } else { &self.stderr };
        let text = secret.map_or_else(|| text.clone(), |s| s.redact(text));
        let text = sanitize(&redact_tokens(&text));
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let start = lines.len().saturating_sub(8);
        lines[start..].join("\n  ")
    }
}

impl Child {
    /// The command line as a user would type it; with `secret_on_stdin`, piped from `****`.
    #[must_use]
    pub fn display(&self, secret_on_stdin: bool) -> String {
        let mut line = String::new();
        if secret_on_stdin {
            line.push_str("printf '%s' '****' | ");
        }
        line.push_str(&self.name);
        for arg in &self.args {
            line.push(' ');
            line.push_str(&arg.to_string_lossy());
        }
        line
    }

    fn expression(&self) -> duct::Expression {
        let mut expr = duct::cmd(&self.program, &self.args)
            .stdout_capture()
            .stderr_capture()
            .unchecked()
            .before_spawn(|cmd| {
                cmd.process_group(0);
                Ok(())
            })
            // The user's API key is for cr-ext; no child needs it in its environment, where
            // it would show in /proc/PID/environ and in any crash dump.
            .env_remove("IBMCLOUD_API_KEY");
        for (key, value) in &self.env {
            expr = expr.env(key, value);
        }
        expr
    }

    fn start(&self, expr: &duct::Expression) -> Result<Running> {
        let handle =
            expr.start().map_err(|source| Error::Spawn { program: self.name.clone(), source })?;
        let pgid = handle.pids().first().copied().unwrap_or(0);
        if let Ok(mut running) = RUNNING.lock() {
            running.push(pgid);
        }
        Ok(Running { handle, pgid, name: self.name.clone(), done: false })
    }

    /// Runs the child with stdin closed (/dev/null) to completion, stopping it after `timeout`.
    ///
    /// # Errors
    /// The child could not start, or it ran past `timeout`.
    pub fn run(&self, timeout: Duration) -> Result<Finished> {
        self.spawn()?.wait(timeout)
    }

    /// Starts the child with stdin closed (/dev/null); [`Running::wait`] collects it.
    ///
    /// # Errors
    /// The child could not start.
    pub fn spawn(&self) -> Result<Running> {
        self.start(&self.expression().stdin_null())
    }

    /// Starts the child with stdin on a pipe that stays open, so the child starts up while
    /// the secret is still being fetched (as a shell pipeline would). Dropping the returned
    /// [`Pending`] without [`Pending::finish`] kills the child before its stdin closes: it
    /// never reads a byte, nor an empty secret.
    ///
    /// # Errors
    /// No pipe, or the child could not start.
    pub fn start_waiting_for_secret(&self) -> Result<Pending> {
        let spawn_error = |source| Error::Spawn { program: self.name.clone(), source };
        let (reader, writer) = std::io::pipe().map_err(spawn_error)?;
        let running = self.start(&self.expression().stdin_file(reader))?;
        Ok(Pending { running, writer: Some(writer) })
    }
}

/// A child started by [`Child::start_waiting_for_secret`].
pub struct Pending {
    running: Running,
    writer: Option<PipeWriter>,
}

impl Pending {
    /// Writes the secret (no trailing newline), closes stdin and waits up to `timeout`.
    ///
    /// # Errors
    /// The child ran past `timeout`.
    pub fn finish(mut self, secret: &Secret, timeout: Duration) -> Result<Finished> {
        if let Some(mut writer) = self.writer.take() {
            let bytes = secret.expose().as_bytes().to_vec();
            // A helper thread, so a child that never reads cannot block us past the timeout;
            // dropping the writer at its end closes the child's stdin. A child that exited
            // early makes this fail with EPIPE, which its exit status already reports.
            std::thread::spawn(move || {
                let _ = writer.write_all(&bytes);
            });
        }
        self.running.wait(timeout)
    }
}

/// A started child. Dropped before it finished, it is killed with its process group.
pub struct Running {
    handle: duct::Handle,
    pgid: u32,
    name: String,
    done: bool,
}

impl Running {
    /// Waits for the child up to `timeout` and collects its output.
    ///
    /// # Errors
    /// It ran past `timeout` (it is then killed when this `Running` drops).
    pub fn wait(&mut self, timeout: Duration) -> Result<Finished> {
        let output = match self.handle.wait_timeout(timeout) {
            Ok(Some(output)) => output,
            Ok(None) => {
                return Err(Error::TimedOut {
                    program: self.name.clone(),
                    secs: timeout.as_secs(),
                });
            }
            Err(source) => {
                return Err(Error::Spawn { program: self.name.clone(), source });
            }
        };
        self.done = true;
        Ok(Finished {
            success: output.status.success(),
            status: output.status.to_string(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

impl Drop for Running {
    /// Stops the child's whole process group unless it finished; runs before the fields drop,
    /// so a pending child dies before its stdin pipe closes.
    fn drop(&mut self) {
        if !self.done {
            kill_group(self.pgid);
            let _ = self.handle.kill();
        }
        if let Ok(mut running) = RUNNING.lock() {
            running.retain(|&p| p != self.pgid);
        }
    }
}

fn kill_group(pgid: u32) {
    if let Ok(pgid) = i32::try_from(pgid)
        && pgid > 0
    {
        let _ = killpg(Pid::from_raw(pgid), Signal::SIGKILL);
    }
}

/// Kills every running child and its descendants (on Ctrl-C: they are in their own process
/// groups, so the terminal's SIGINT does not reach them).
pub fn kill_all() {
    if let Ok(running) = RUNNING.lock() {
        for &pgid in running.iter() {
            kill_group(pgid);
        }
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
        let end = candidate.find(|c| !is_token_char(c)).unwrap_or(candidate.len());
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
