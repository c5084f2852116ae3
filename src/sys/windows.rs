//! Windows: plain opens (a regular file never blocks; what is not one is refused after the
//! open by its metadata), private files left to the user profile's ACL (Windows has no
//! owner-only mode bits to set), children held in a job object that kills them all when cr-ext
//! ends however it ends (`win32job`, kill on close) and a child's tree stopped on a timeout
//! with `taskkill /T /F`, Ctrl-C, Ctrl-Break and console close through `ctrlc`, a file kept
//! open by another program named as such, and a copy of the executable as the credential
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

/// The job object cr-ext puts itself in before its first child: children inherit it, and
/// the system kills every process in it when its last handle closes, that is when cr-ext
/// exits, however it exits (an error, Ctrl-C, a kill from Task Manager). `None` when it could
/// not be made (a parent's job that forbids nesting): the trees are then stopped by
/// `taskkill` only.
static JOB: std::sync::OnceLock<Option<win32job::Job>> = std::sync::OnceLock::new();

/// Puts cr-ext in its kill-on-close job, once, before its first child starts (a child
/// inherits the job only when it is created inside it).
pub(crate) fn contain_children() {
    JOB.get_or_init(|| {
        let mut info = win32job::ExtendedLimitInfo::new();
        info.limit_kill_on_job_close();
        let job = win32job::Job::create_with_limit_info(&info).ok()?;
        job.assign_current_process().ok()?;
        Some(job)
    });
}

/// The handle that stops a started child's whole tree: `taskkill /T /F /PID` (the job object
/// of [`JOB`] stops whatever is left when cr-ext exits).
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

/// The command a user runs to put the helper at `link` by hand (a copy, as `link_helper`
/// makes; run it again after each upgrade of cr-ext).
#[must_use]
pub(crate) fn link_advice(exe: &Path, link: &Path) -> String {
    format!("copy \"{}\" \"{}\"", exe.display(), link.display())
}

/// Whether an error replacing a file means that another program holds it open (a sharing
/// violation, or access denied, which is what a rename over an open file gives).
#[must_use]
pub(crate) fn is_in_use(error: &io::Error) -> bool {
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    matches!(
        error.raw_os_error(),
        Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
    )
}

/// Puts the credential helper at `link`: a copy of the executable named `target` beside it.
///
/// # Errors
/// It cannot be copied.
pub(crate) fn link_helper(target: &Path, link: &Path) -> io::Result<()> {
    let source = link.parent().map_or_else(|| target.to_path_buf(), |dir| dir.join(target));
    std::fs::copy(source, link).map(|_| ())
}

/// No owner uid on Windows.
#[must_use]
pub(crate) fn owner_of(_meta: &Metadata) -> Option<u32> {
    None
}

/// No uid on Windows.
#[must_use]
pub(crate) fn uid() -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use std::os::windows::fs::OpenOptionsExt;

    use super::*;

    /// A file another program keeps open with no sharing cannot be replaced: the write gives
    /// a clear error after its retries and leaves the file as it was, with no temporary file
    /// beside it; once the file is closed, the write succeeds.
    #[test]
    fn a_file_in_use_is_named_and_left_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(&path, b"{\"old\": true}").unwrap();
        let held = OpenOptions::new().read(true).share_mode(0).open(&path).unwrap();
        let error = crate::files::write_atomic(&path, b"{}", 0o600).unwrap_err();
        assert!(error.to_string().contains("in use by another program"), "{error}");
        drop(held);
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"old\": true}");
        let left: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "{left:?}");
        crate::files::write_atomic(&path, b"{}", 0o600).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
    }

    /// cr-ext joins a kill-on-close job before its first child, and its children are in it
    /// (the one started before is not: children inherit the job when they are created).
    #[test]
    fn children_start_inside_the_kill_on_close_job() {
        let mut child = std::process::Command::new("cmd")
            .args(["/c", "ping", "-n", "3", "127.0.0.1"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        contain_children();
        let job = JOB.get().and_then(Option::as_ref).expect("the job was made and joined");
        let mut second = std::process::Command::new("cmd")
            .args(["/c", "ping", "-n", "3", "127.0.0.1"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let ids = job.query_process_id_list().unwrap();
        let _ = child.kill();
        let _ = second.kill();
        assert!(ids.contains(&(second.id() as usize)), "{ids:?} {}", second.id());
        assert!(!ids.contains(&(child.id() as usize)), "{ids:?} {}", child.id());
    }

    #[test]
    fn the_special_and_private_file_rules_hold() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(kind_of(&std::fs::metadata(dir.path()).unwrap()), "a directory");
        let sub = dir.path().join("a").join("b");
        create_private_dir(&sub).unwrap();
        assert!(sub.is_dir());
        assert_eq!(super::super::PLATFORM, super::super::Platform::Windows);
    }
}
