//! The one place that starts child processes (with duct), and the signal handler. A secret goes
//! to a child only on its stdin, written with no trailing newline and then closed; every child
//! runs under a timeout in a process tree of its own (`sys`: a process group on Unix), so a timeout or a signal (SIGINT,
//! SIGTERM, SIGHUP) stops it with all its descendants before any stdin closes. What a child
//! printed is scrubbed (sanitized, then redacted) before it can reach an error message.
//! A command that makes things it must undo (`service-key create`, `rotate`) defers signals:
//! the handler then stops the children and records the signal, the command sees it
//! ([`interrupted`]) and rolls back, and only if that takes longer than [`ROLLBACK_BOUND`]
//! does the handler end the run itself, naming what the command said would remain.

use std::ffi::OsString;
use std::io::{PipeWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crate::error::{Error, Result, exit};
use crate::output::Printer;
use crate::secret::{Secret, scrub};
use crate::sys;

/// The children running now, and the signal that stopped the run, if one did.
struct Children {
    /// The process trees of the children running now, by child pid.
    trees: Vec<(u32, std::sync::Arc<sys::Tree>)>,
    /// The fatal signal received; once set, no child may live.
    signal: Option<i32>,
}

static CHILDREN: Mutex<Children> = Mutex::new(Children { trees: Vec::new(), signal: None });

/// Whether the running command rolls back on a signal ([`defer_signals`]).
static DEFERRED: AtomicBool = AtomicBool::new(false);
/// Whether the deferring command is past its point of no return: a signal now undoes nothing.
static COMMITTED: AtomicBool = AtomicBool::new(false);
/// What would remain if the run ended now, one line each, as the deferring command keeps it.
static LEFTOVERS: Mutex<Vec<String>> = Mutex::new(Vec::new());
/// How long a deferring command may take to roll back after a signal before the handler ends
/// the run, naming what remains.
pub(crate) const ROLLBACK_BOUND: Duration = Duration::from_secs(20);

/// The printer the signal handler reports with, handed over by the run's set-up.
static PRINTER: OnceLock<Printer> = OnceLock::new();
/// Whether the handler is installed (the first child installs it), or why it could not be.
static HANDLER: OnceLock<std::result::Result<(), String>> = OnceLock::new();

/// Hands the signal handler the printer it will report with. The handler itself is installed
/// when the first child starts: a run that starts no child (the credential helper answering
/// from a cache) has nothing to stop, and the default action of a signal ends it as well.
pub(crate) fn arm(printer: Printer) {
    let _ = PRINTER.set(printer);
}

/// Installs, once, the handler for SIGINT, SIGTERM and SIGHUP: it kills every child's process
/// group, prints the error, then dies of the same signal (the default action restored and the
/// signal raised again), so that the parent sees a death by signal: a shell loop stops on
/// Ctrl-C as it would for any well-behaved program. Only if that fails does it exit with
/// 128 + the signal's number.
///
/// # Errors
/// The handler cannot be installed (the run would then leave children behind on a signal).
fn handle_signals() -> Result<()> {
    let installed = HANDLER.get_or_init(|| {
        let printer = PRINTER.get().copied().unwrap_or_else(crate::output::printer);
        sys::on_termination(move |signal| {
            stop_everything(signal);
            if DEFERRED.load(Ordering::SeqCst) {
                let doing = if COMMITTED.load(Ordering::SeqCst) {
                    "what this run made is kept; finishing"
                } else {
                    "undoing what this run made"
                };
                printer.warn(&format!(
                    "{}: {doing} (at most {} s)",
                    Error::Interrupted { signal },
                    ROLLBACK_BOUND.as_secs()
                ));
                std::thread::sleep(ROLLBACK_BOUND);
                stop_everything(signal);
                let remains = LEFTOVERS.lock().map(|l| l.clone()).unwrap_or_default();
                if !remains.is_empty() {
                    crate::output::stderr_line(&format!(
                        "the rollback did not finish within {} s; what remains: {}",
                        ROLLBACK_BOUND.as_secs(),
                        remains.join("; ")
                    ));
                }
            }
            let error = Error::Interrupted { signal };
            printer.error(&error);
            sys::die_of(signal);
            std::process::exit(i32::from(error.exit_code()));
        })
        .map_err(|e| e.to_string())
    });
    installed.clone().map_err(|why| Error::Spawn {
        program: "signal handler".into(),
        source: std::io::Error::other(why),
    })
}

/// From now on a signal does not end the run at once: the children are stopped, the signal is
/// recorded for [`interrupted`], and the command has [`ROLLBACK_BOUND`] to undo its work and
/// return; [`leftovers`] tells the handler what to name if it does not.
///
/// # Errors
/// The handler cannot be installed.
pub(crate) fn defer_signals() -> Result<()> {
    DEFERRED.store(true, Ordering::SeqCst);
    handle_signals()
}

/// The deferring command is past its point of no return: from now on a signal undoes
/// nothing, and the handler says so instead of promising a rollback.
pub(crate) fn committed() {
    COMMITTED.store(true, Ordering::SeqCst);
}

/// The signal received, if one was.
#[must_use]
pub(crate) fn interrupted() -> Option<i32> {
    CHILDREN.lock().unwrap_or_else(std::sync::PoisonError::into_inner).signal
}

/// What would remain if the run ended now (each object and the command that deletes it).
pub(crate) fn leftovers(lines: Vec<String>) {
    if let Ok(mut l) = LEFTOVERS.lock() {
        *l = lines;
    }
}

/// Records `signal` and kills every running child's process tree.
fn stop_everything(signal: i32) {
    let mut children = CHILDREN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    children.signal = Some(signal);
    for (_, tree) in &children.trees {
        tree.kill();
    }
}

/// Called by `main` before it exits: when a signal is being handled, the handler's exit
/// code is the run's, so wait for it to exit the process (a run whose children were just
/// killed must not exit 1 first). Returns the code to use if the handler somehow does not.
#[must_use]
pub(crate) fn signal_exit_code() -> Option<u8> {
    if DEFERRED.load(Ordering::SeqCst) {
        return None;
    }
    let signal = interrupted()?;
    std::thread::sleep(Duration::from_secs(5));
    Some(exit::SIGNAL_BASE.saturating_add(u8::try_from(signal).unwrap_or(0)))
}

/// Called by `main` after a deferring command's error was printed: a signal received ends the
/// run by that signal now. Returns the code to exit with if that fails.
#[must_use]
pub(crate) fn end_by_deferred_signal() -> Option<u8> {
    if !DEFERRED.load(Ordering::SeqCst) {
        return None;
    }
    let signal = interrupted()?;
    sys::die_of(signal);
    Some(exit::SIGNAL_BASE.saturating_add(u8::try_from(signal).unwrap_or(0)))
}

/// A child to run: program, arguments (never a secret), extra environment.
pub(crate) struct Child {
    /// Resolved path of the program.
    pub(crate) program: PathBuf,
    /// Short name used in messages (`podman`, `ibmcloud`).
    pub(crate) name: String,
    /// Arguments.
    pub(crate) args: Vec<OsString>,
    /// Extra environment variables.
    pub(crate) env: Vec<(&'static str, &'static str)>,
}

/// How a child ended. Its `Debug` shows the status and the size of the output, never the
/// output itself, which may hold a secret (`ibmcloud iam oauth-tokens` prints tokens).
pub(crate) struct Finished {
    /// Whether it exited 0.
    pub(crate) success: bool,
    /// Its exit status, as text (`exit status: 125`).
    pub(crate) status: String,
    /// Captured stdout, lossily decoded; raw, may hold a secret the child printed.
    pub(crate) stdout: String,
    /// Captured stderr, lossily decoded; raw.
    pub(crate) stderr: String,
}

impl std::fmt::Debug for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Finished")
            .field("success", &self.success)
            .field("status", &self.status)
            .field("stdout_bytes", &self.stdout.len())
            .field("stderr_bytes", &self.stderr.len())
            .finish()
    }
}

impl Finished {
    /// What the child said, for an error message: stderr (else stdout), scrubbed (control
    /// characters stripped first, then every secret and anything shaped like a token
    /// redacted), at most a few lines.
    #[must_use]
    pub(crate) fn message(&self) -> String {
        let text = if self.stderr.trim().is_empty() { &self.stdout } else { &self.stderr };
        let text = scrub(text);
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let start = lines.len().saturating_sub(8);
        lines[start..].join("\n  ")
    }
}

impl Child {
    /// The command line as a user would type it; with `secret_on_stdin`, piped from `****`.
    #[must_use]
    pub(crate) fn display(&self, secret_on_stdin: bool) -> String {
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
                sys::own_process_group(cmd);
                Ok(())
            })
            // The user's API key is for cr-ext; no child needs it in its environment, where
            // it would show in /proc/PID/environ and in any crash dump.
            .env_remove(crate::env::IBMCLOUD_API_KEY);
        for (key, value) in &self.env {
            expr = expr.env(key, value);
        }
        expr
    }

    fn start(&self, expr: &duct::Expression) -> Result<Running> {
        handle_signals()?;
        sys::contain_children();
        let handle =
            expr.start().map_err(|source| Error::Spawn { program: self.name.clone(), source })?;
        let pid = handle.pids().first().copied().unwrap_or(0);
        let tree = match sys::Tree::of(pid) {
            Ok(tree) => std::sync::Arc::new(tree),
            Err(source) => {
                let _ = handle.kill();
                return Err(Error::Spawn { program: self.name.clone(), source });
            }
        };
        let mut children = CHILDREN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        children.trees.push((pid, tree.clone()));
        if children.signal.is_some() && !DEFERRED.load(Ordering::SeqCst) {
            // Started just as a signal came in: it must not outlive the run either. (A
            // deferring command's rollback runs children after the signal; the handler's
            // bound stops them.)
            tree.kill();
        }
        Ok(Running { handle, pid, tree, name: self.name.clone(), done: false })
    }

    /// Runs the child with stdin closed (/dev/null) to completion, stopping it after `timeout`.
    ///
    /// # Errors
    /// The child could not start, or it ran past `timeout`.
    pub(crate) fn run(&self, timeout: Duration) -> Result<Finished> {
        self.spawn()?.wait(timeout)
    }

    /// Starts the child with stdin closed (/dev/null); [`Running::wait`] collects it.
    ///
    /// # Errors
    /// The child could not start.
    pub(crate) fn spawn(&self) -> Result<Running> {
        self.start(&self.expression().stdin_null())
    }

    /// Starts the child with stdin on a pipe that stays open, so the child starts up while
    /// the secret is still being fetched (as a shell pipeline would). Dropping the returned
    /// [`Pending`] without [`Pending::finish`] kills the child before its stdin closes: it
    /// never reads a byte, nor an empty secret.
    ///
    /// # Errors
    /// No pipe, or the child could not start.
    pub(crate) fn start_waiting_for_secret(&self) -> Result<Pending> {
        let spawn_error = |source| Error::Spawn { program: self.name.clone(), source };
        let (reader, writer) = std::io::pipe().map_err(spawn_error)?;
        let running = self.start(&self.expression().stdin_file(reader))?;
        Ok(Pending { running, writer: Some(writer) })
    }
}

/// A child started by [`Child::start_waiting_for_secret`].
pub(crate) struct Pending {
    running: Running,
    writer: Option<PipeWriter>,
}

impl Pending {
    /// Writes the secret (no trailing newline), closes stdin and waits up to `timeout`.
    ///
    /// # Errors
    /// The child ran past `timeout`.
    pub(crate) fn finish(mut self, secret: &Secret, timeout: Duration) -> Result<Finished> {
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

/// A started child. Dropped before it finished, it is killed with its whole process tree.
pub(crate) struct Running {
    handle: duct::Handle,
    pid: u32,
    tree: std::sync::Arc<sys::Tree>,
    name: String,
    done: bool,
}

impl Running {
    /// Waits for the child up to `timeout` and collects its output.
    ///
    /// # Errors
    /// It ran past `timeout` (it is then killed when this `Running` drops).
    pub(crate) fn wait(&mut self, timeout: Duration) -> Result<Finished> {
        let output = match self.handle.wait_timeout(timeout) {
            Ok(Some(output)) => output,
            Ok(None) => {
                return Err(Error::TimedOut {
                    program: self.name.clone(),
                    secs: timeout.as_secs(),
                });
            }
            Err(source) => {
                return Err(Error::Wait { program: self.name.clone(), source });
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
    /// Stops the child's whole process tree unless it finished; runs before the fields drop,
    /// so a pending child dies before its stdin pipe closes.
    fn drop(&mut self) {
        if !self.done {
            self.tree.kill();
            let _ = self.handle.kill();
        }
        let mut children = CHILDREN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        children.trees.retain(|(p, _)| *p != self.pid);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_prefers_stderr_and_redacts() {
        let f = Finished {
            success: false,
            status: "exit status: 125".into(),
            stdout: "out".into(),
            stderr: "\x1b[31mError:\x1b[0m bad s3cret\r\n".into(),
        };
        let _ = Secret::new("s3cret-v4lue".into());
        let f = Finished { stderr: "\x1b[31mError:\x1b[0m bad s3cret-v4lue\r\n".into(), ..f };
        assert_eq!(f.message(), "Error: bad ****");
        let f = Finished { stdout: "IAM token:  Bearer s3cret-v4lue".into(), ..f };
        let debug = format!("{f:?}");
        assert!(!debug.contains("s3cret"), "{debug}");
        assert!(debug.contains("stdout_bytes: 31"), "{debug}");
    }
}
