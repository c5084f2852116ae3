//! Windows: plain opens (a regular file never blocks; what is not one is refused after the
//! open by its metadata), private files left to the user profile's ACL (Windows has no
//! owner-only mode bits to set), a child's whole tree stopped with `taskkill /T /F`, Ctrl-C,
//! Ctrl-Break and console close through `ctrlc`, and a copy of the executable as the credential
//! helper (symlinks need a privilege most users lack). Compiled and type-checked from Linux;
//! run only under Wine, which is not Windows (README, Platforms).

use std::fs::{DirBuilder, File, Metadata, OpenOptions};
use std::io;
use std::os::windows::process::CommandExt;
use std::path::Path;

/// A new process group: a Ctrl-C at the console reaches cr-ext, which stops the tree itself.
const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
/// No console window for `taskkill`.
const CREATE_NO_WINDOW: u32 = 0x0800_0000;
/// The exit status of a program ended by Ctrl-C (`STATUS_CONTROL_C_EXIT`).
const STATUS_CONTROL_C_EXIT: u32 = 0xC000_013A;

/// Opens as it is: a regular file never blocks on Windows.
pub(crate) fn no_block(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// Files are private by the user profile's ACL; there are no mode bits to set.
pub(crate) fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// Creates `dir` and its missing parents (private by the user profile's ACL).
///
/// # Errors
/// It cannot be created.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).create(dir)
}

/// Nothing to change: the user profile's ACL keeps the directory the user's.
///
/// # Errors
/// Never.
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn make_dir_private(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Windows has no permission bits: every file counts as the owner's only.
#[must_use]
pub(crate) fn mode_of(_meta: &Metadata) -> u32 {
    0o600
}

/// Nothing to set (see [`mode_of`]).
///
/// # Errors
/// Never.
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn set_mode(_file: &File, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// What a path that is not a regular file is, for messages.
#[must_use]
pub(crate) fn kind_of(meta: &Metadata) -> &'static str {
    if meta.is_dir() { "a directory" } else { "a special file" }
}

/// Starts the child in a process group of its own.
pub(crate) fn own_process_group(command: &mut std::process::Command) {
    command.creation_flags(CREATE_NEW_PROCESS_GROUP);
}

/// The handle that stops a started child's whole tree: `taskkill /T /F /PID`.
#[derive(Debug)]
pub(crate) struct Tree(u32);

impl Tree {
    /// The tree of the child `pid`.
    ///
    /// # Errors
    /// Never.
    #[allow(clippy::unnecessary_wraps)]
    pub(crate) fn of(pid: u32) -> io::Result<Tree> {
        Ok(Tree(pid))
    }

    /// Stops every process of the tree.
    pub(crate) fn kill(&self) {
        if self.0 == 0 {
            return;
        }
        let _ = std::process::Command::new("taskkill")
            .args(["/T", "/F", "/PID", &self.0.to_string()])
            .creation_flags(CREATE_NO_WINDOW)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// Runs `handler` on a thread of its own on Ctrl-C, Ctrl-Break or console close, with 2 (the
/// number Unix gives SIGINT, so messages and exit codes read alike).
///
/// # Errors
/// The handler cannot be installed.
pub(crate) fn on_termination(handler: impl FnOnce(i32) + Send + 'static) -> io::Result<()> {
    let handler = std::sync::Mutex::new(Some(handler));
    ctrlc::set_handler(move || {
        if let Some(handler) = handler.lock().ok().and_then(|mut h| h.take()) {
            handler(2);
        }
    })
    .map_err(io::Error::other)
}

/// Ends the process as Ctrl-C ends a Windows program (`STATUS_CONTROL_C_EXIT`).
pub(crate) fn die_of(_signal: i32) {
    #[allow(clippy::cast_possible_wrap)] // The NTSTATUS is an exit code as Windows sees it.
    std::process::exit(STATUS_CONTROL_C_EXIT as i32);
}

/// Puts the credential helper at `link`: a copy of the executable named `target` beside it.
///
/// # Errors
/// It cannot be copied.
pub(crate) fn link_helper(target: &Path, link: &Path) -> io::Result<()> {
    let source = link.parent().map_or_else(|| target.to_path_buf(), |dir| dir.join(target));
    std::fs::copy(source, link).map(|_| ())
}

/// No uid on Windows.
#[must_use]
pub(crate) fn uid() -> Option<u32> {
    None
}
