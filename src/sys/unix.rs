//! Unix (Linux, macOS): non-blocking opens and file modes through `std::os::unix`, process
//! groups and `killpg` through `nix`, SIGINT/SIGTERM/SIGHUP through `signal-hook`.

use std::fs::{DirBuilder, File, Metadata, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// Opens without waiting for a writer (a FIFO) and never takes a controlling terminal.
pub(crate) fn no_block(options: &mut OpenOptions) -> &mut OpenOptions {
    options.custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY)
}

/// A file this opens creates is readable and writable by its owner only (0600).
pub(crate) fn private(options: &mut OpenOptions) -> &mut OpenOptions {
    options.mode(0o600)
}

/// Creates `dir` and its missing parents, each readable by its owner only (0700).
///
/// # Errors
/// It cannot be created.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

/// Makes an existing directory its owner's only (0700); it holds tokens.
///
/// # Errors
/// Its mode cannot be changed.
pub(crate) fn make_dir_private(dir: &Path) -> io::Result<()> {
    std::fs::set_permissions(dir, Permissions::from_mode(0o700))
}

/// The permission bits of a file (what an edit keeps).
#[must_use]
pub(crate) fn mode_of(meta: &Metadata) -> u32 {
    meta.permissions().mode() & 0o7777
}

/// Gives `file` the permission bits `mode`.
///
/// # Errors
/// They cannot be set.
pub(crate) fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    file.set_permissions(Permissions::from_mode(mode))
}

/// What a path that is not a regular file is, for messages.
#[must_use]
pub(crate) fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

/// Starts the child in a process group of its own, so that it and every descendant can be
/// killed at once (and a Ctrl-C at the terminal reaches cr-ext, which stops them itself).
pub(crate) fn own_process_group(command: &mut std::process::Command) {
    command.process_group(0);
}

/// The handle that kills a started child's whole tree: its process group.
#[derive(Debug)]
pub(crate) struct Tree(i32);

impl Tree {
    /// The tree of the child `pid`, started by a command given [`own_process_group`].
    ///
    /// # Errors
    /// Never on Unix (Windows makes a job object here, which can fail).
    #[allow(clippy::unnecessary_wraps)]
    pub(crate) fn of(pid: u32) -> io::Result<Tree> {
        Ok(Tree(i32::try_from(pid).unwrap_or(0)))
    }

    /// Kills every process of the tree.
    pub(crate) fn kill(&self) {
        if self.0 > 0 {
            let _ = killpg(Pid::from_raw(self.0), Signal::SIGKILL);
        }
    }
}

/// Runs `handler` on a thread of its own when SIGINT, SIGTERM or SIGHUP arrives, with the
/// signal's number; [`die_of`] then ends the process by the same signal.
///
/// # Errors
/// The handlers cannot be installed.
pub(crate) fn on_termination(handler: impl FnOnce(i32) + Send + 'static) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            handler(signal);
        }
    });
    Ok(())
}

/// Ends the process by `signal`: its default action restored and the signal raised again, so
/// that the parent sees a death by signal (a shell loop stops on Ctrl-C). Returns only if
/// that failed.
pub(crate) fn die_of(signal: i32) {
    let _ = signal_hook::low_level::emulate_default_handler(signal);
}

/// Puts the credential helper at `link`, running the executable named `target` (a name in the
/// same directory): a relative symlink.
///
/// # Errors
/// It cannot be made.
pub(crate) fn link_helper(target: &Path, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

/// Nothing to do before the first child on Unix: each child's process group is its tree.
pub(crate) fn contain_children() {}

/// The command a user runs to put the helper at `link` by hand.
#[must_use]
pub(crate) fn link_advice(exe: &Path, link: &Path) -> String {
    format!("ln -sf '{}' '{}'", exe.display(), link.display())
}

/// Whether an error replacing a file means another program holds it open: never on Unix,
/// where a rename replaces an open file.
#[must_use]
pub(crate) fn is_in_use(_error: &io::Error) -> bool {
    false
}

/// The uid that owns a file.
#[must_use]
#[allow(clippy::unnecessary_wraps)] // Windows has none.
pub(crate) fn owner_of(meta: &Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt as _;
    Some(meta.uid())
}

/// The user's uid.
#[must_use]
#[allow(clippy::unnecessary_wraps)] // Windows has none.
pub(crate) fn uid() -> Option<u32> {
    Some(nix::unistd::getuid().as_raw())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_named_and_never_block() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
        // Without no_block this open would wait forever for a writer.
        let opened = no_block(OpenOptions::new().read(true)).open(&fifo).unwrap();
        assert_eq!(kind_of(&opened.metadata().unwrap()), "a FIFO");
        let zero = std::fs::metadata("/dev/zero").unwrap();
        assert_eq!(kind_of(&zero), "a character device");
        assert_eq!(kind_of(&std::fs::metadata(dir.path()).unwrap()), "a directory");
    }

    #[test]
    fn private_files_and_directories_are_the_owners_only() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_private_dir(&sub).unwrap();
        assert_eq!(mode_of(&std::fs::metadata(&sub).unwrap()), 0o700);
        let f = sub.join("f");
        private(OpenOptions::new().write(true).create_new(true)).open(&f).unwrap();
        assert_eq!(mode_of(&std::fs::metadata(&f).unwrap()), 0o600);
    }
}
