//! Files read like an attacker wrote them, and files shared with other processes. Reading:
//! only regular files (a FIFO, a device or a directory is refused without blocking: the open
//! is non-blocking), and never more than a cap, so `/dev/zero` or a 2 GB file cannot exhaust
//! memory. Sharing: an advisory lock (`flock`) on `FILE.lock` beside a credentials file, held
//! while a client or cr-ext rewrites it, with a bounded wait. Writing: to a temporary file in
//! the same directory, then renamed over the old one, keeping its mode (new files 0600), so no
//! reader ever sees half a file. Editing JSON: every key it is not told to change is kept.
//! It knows nothing of what the files mean.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::sys;

/// Cap for config and credentials files.
pub(crate) const CONFIG_CAP: u64 = 1 << 20;

/// Why a file could not be read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// It does not exist.
    Missing,
    /// It exists but is not a regular file.
    NotRegular(&'static str),
    /// It is larger than the cap.
    TooLarge(u64),
    /// Another I/O error.
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("it does not exist"),
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge(cap) => write!(f, "it is larger than {}", size(*cap)),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads a regular file of at most `cap` bytes (symlinks followed).
///
/// # Errors
/// See [`ReadError`].
pub(crate) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    // Non-blocking: opening a FIFO with no writer would otherwise wait forever.
    let file =
        sys::no_block(OpenOptions::new().read(true)).open(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => ReadError::Missing,
            // Windows refuses to open a directory at all: name what it is, as on Unix.
            _ => match std::fs::metadata(path) {
                Ok(meta) if !meta.is_file() => ReadError::NotRegular(sys::kind_of(&meta)),
                _ => ReadError::Io(e),
            },
        })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(sys::kind_of(&meta)));
    }
    let mut bytes = Vec::new();
    // /proc files claim size 0: the cap is enforced on what is read, not on what stat says.
    file.take(cap + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge(cap));
    }
    Ok(bytes)
}

/// Opens `path` for appending, created with mode 0600; refuses anything but a regular file.
///
/// # Errors
/// It cannot be opened, or it is not a regular file.
pub(crate) fn open_append_private(path: &Path) -> io::Result<File> {
    let file =
        sys::no_block(sys::private(OpenOptions::new().append(true).create(true))).open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other(format!("it is {}, not a regular file", sys::kind_of(&meta))));
    }
    Ok(file)
}

/// An advisory lock held on `FILE.lock`; released when dropped (or when the process dies).
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

/// Why a lock could not be had.
#[derive(Debug)]
pub(crate) enum LockError {
    /// Another process held it past the wait.
    Busy { lock: PathBuf, waited: Duration },
    /// The lock file could not be created or locked.
    Io { lock: PathBuf, source: io::Error },
}

/// The lock file that guards `file`: `FILE.lock` in the same directory.
#[must_use]
pub(crate) fn lock_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(".lock");
    file.with_file_name(name)
}

/// Takes the exclusive lock guarding `file`, waiting at most `wait`; calls `waiting` once if
/// the lock is busy, so the user hears what cr-ext waits for. The directory is created (0700)
/// when missing, as the clients themselves would.
///
/// # Errors
/// The lock stayed busy for `wait`, or the lock file cannot be made.
pub(crate) fn lock(
    file: &Path,
    wait: Duration,
    waiting: impl FnOnce(&Path),
) -> Result<Lock, LockError> {
    let lock = lock_path(file);
    let io_error = |source| LockError::Io { lock: lock.clone(), source };
    if let Some(dir) = lock.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        sys::create_private_dir(dir).map_err(io_error)?;
    }
    let handle = sys::no_block(sys::private(
        OpenOptions::new().read(true).write(true).create(true).truncate(false),
    ))
    .open(&lock)
    .map_err(io_error)?;
    let meta = handle.metadata().map_err(io_error)?;
    if !meta.is_file() {
        return Err(io_error(io::Error::other(format!("it is {}", sys::kind_of(&meta)))));
    }
    let start = Instant::now();
    let mut waiting = Some(waiting);
    loop {
        match handle.try_lock() {
            Ok(()) => return Ok(Lock { _file: handle }),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(io_error(e)),
        }
        let waited = start.elapsed();
        if waited >= wait {
            return Err(LockError::Busy { lock, waited });
        }
        if waited >= Duration::from_millis(200)
            && let Some(say) = waiting.take()
        {
            say(&lock);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed, given `mode`,
/// then renamed over `path`. The directory is created (0700) when missing. A file another
/// program keeps open (Windows) is waited for up to 2 s, then named in the error, unchanged.
///
/// # Errors
/// The directory or the file cannot be written.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.exists() {
        sys::create_private_dir(dir)?;
    }
    let mut temp = tempfile::Builder::new().prefix(".cr-ext-").suffix(".tmp").tempfile_in(dir)?;
    sys::set_mode(temp.as_file(), mode)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    // On Windows a rename over a file another program keeps open fails: wait a little for it
    // (a virus scanner, an editor saving), then say so. The temporary file goes either way.
    let mut tries = 0;
    loop {
        match temp.persist(path) {
            Ok(_) => return Ok(()),
            Err(e) if sys::is_in_use(&e.error) && tries < IN_USE_TRIES => {
                temp = e.file;
                tries += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) if sys::is_in_use(&e.error) => {
                return Err(io::Error::new(
                    e.error.kind(),
                    format!(
                        "it is in use by another program, which keeps it open ({}); close that program and try again",
                        e.error
                    ),
                ));
            }
            Err(e) => return Err(e.error),
        }
    }
}

/// How many times (100 ms apart) a replace waits for a file another program keeps open.
const IN_USE_TRIES: u32 = 20;

/// Creates `path`, which must not exist, readable by its owner only (0600), and writes
/// `bytes` to it, flushed. It never replaces a file: an existing one is `AlreadyExists`.
///
/// # Errors
/// It exists, or it cannot be created or written.
pub(crate) fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    let mut file = sys::private(OpenOptions::new().write(true).create_new(true)).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

impl From<LockError> for crate::error::Error {
    fn from(e: LockError) -> Self {
        match e {
            LockError::Busy { lock, waited } => {
                crate::error::Error::LockBusy { lock, secs: waited.as_secs() }
            }
            LockError::Io { lock, source } => crate::error::Error::Write { path: lock, source },
        }
    }
}

/// What [`edit_json`] did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Edited {
    /// The file changed (or, with `dry_run`, would have).
    Changed,
    /// Nothing to change; the file was not written.
    Unchanged,
}

/// Why a JSON file could not be edited.
#[derive(Debug)]
pub(crate) enum EditError {
    /// It cannot be read (not a regular file, too large, ...).
    Read(ReadError),
    /// It is not a JSON object; it was left untouched.
    NotJson,
    /// Its lock stayed busy, or the new content could not be written.
    Lock(LockError),
    /// The new content could not be written.
    Write(io::Error),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Read(e) => write!(f, "{e}"),
            EditError::NotJson => f.write_str("it is not a JSON object; it was left untouched"),
            EditError::Lock(LockError::Busy { lock, waited }) => write!(
                f,
                "{} stayed locked by another process for {} s",
                lock.display(),
                waited.as_secs()
            ),
            EditError::Lock(LockError::Io { lock, source }) => {
                write!(f, "cannot lock {}: {source}", lock.display())
            }
            EditError::Write(e) => write!(f, "cannot write it: {e}"),
        }
    }
}

impl EditError {
    /// The error to report for `path`: a busy lock as such, anything else naming the file.
    #[must_use]
    pub(crate) fn into_error(self, path: &Path) -> crate::error::Error {
        match self {
            EditError::Lock(e) => e.into(),
            other => crate::error::Error::File { path: path.to_path_buf(), why: other.to_string() },
        }
    }
}

/// Edits the JSON object in `path` under its lock: `change` gets the object (empty when the
/// file is missing) and says whether it changed anything. A changed object is written back
/// atomically with the file's mode (0600 for a new file) unless `dry_run`; an unchanged one
/// is never written. Every key `change` does not touch is kept, in its order.
///
/// # Errors
/// The file cannot be read or is not a JSON object (then it is left untouched), its lock
/// stays busy for `wait`, or it cannot be written.
pub(crate) fn edit_json(
    path: &Path,
    wait: Duration,
    dry_run: bool,
    change: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>) -> bool,
) -> Result<Edited, EditError> {
    let _lock = lock(path, wait, |_| {}).map_err(EditError::Lock)?;
    let (mut doc, mode) = match read_capped(path, CONFIG_CAP) {
        Ok(bytes) => {
            let mode = std::fs::metadata(path).map_or(0o600, |m| sys::mode_of(&m));
            match serde_json::from_slice::<serde_json::Value>(&bytes) {
                Ok(serde_json::Value::Object(map)) => (map, mode),
                _ => return Err(EditError::NotJson),
            }
        }
        Err(ReadError::Missing) => (serde_json::Map::new(), 0o600),
        Err(e) => return Err(EditError::Read(e)),
    };
    if !change(&mut doc) {
        return Ok(Edited::Unchanged);
    }
    if !dry_run {
        let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(doc))
            .map_err(|e| EditError::Write(io::Error::other(e)))?;
        text.push('\n');
        // Through a symlink, replace what it points to, not the link.
        let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        write_atomic(&target, text.as_bytes(), mode).map_err(EditError::Write)?;
    }
    Ok(Edited::Changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_within_the_cap_only() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f.json");
        std::fs::write(&f, b"{}").unwrap();
        assert_eq!(read_capped(&f, 10).unwrap(), b"{}");
        std::fs::write(&f, vec![b'x'; 11]).unwrap();
        assert!(matches!(read_capped(&f, 10), Err(ReadError::TooLarge(10))));
        assert!(matches!(read_capped(&dir.path().join("none"), 10), Err(ReadError::Missing)));
        assert!(matches!(read_capped(dir.path(), 10), Err(ReadError::NotRegular("a directory"))));
    }

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_links_to_them_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success(),
            "mkfifo"
        );
        assert!(matches!(read_capped(&fifo, 10), Err(ReadError::NotRegular("a FIFO"))));
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("a character device"))
        ));
        let link = dir.path().join("zero");
        assert!(
            std::process::Command::new("ln")
                .arg("-s")
                .arg("/dev/zero")
                .arg(&link)
                .status()
                .unwrap()
                .success()
        );
        assert!(matches!(read_capped(&link, 10), Err(ReadError::NotRegular(_))));
    }

    #[test]
    fn a_held_lock_makes_the_second_taker_wait_then_give_up() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub/auth.json");
        let held = lock(&file, Duration::from_secs(1), |_| {}).unwrap();
        assert!(dir.path().join("sub/auth.json.lock").is_file());
        let mut told = None;
        let second = lock(&file, Duration::from_millis(300), |p| told = Some(p.to_path_buf()));
        assert!(matches!(second, Err(LockError::Busy { .. })));
        assert_eq!(told, Some(dir.path().join("sub/auth.json.lock")));
        drop(held);
        assert!(lock(&file, Duration::from_millis(300), |_| {}).is_ok());
    }

    #[test]
    fn edits_keep_other_keys_modes_and_refuse_what_is_not_json() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c/config.json");
        let wait = Duration::from_secs(1);
        let add = |d: &mut serde_json::Map<String, serde_json::Value>| {
            d.insert("k".into(), serde_json::json!(1));
            true
        };
        assert_eq!(edit_json(&f, wait, false, add).unwrap(), Edited::Changed);
        let mode = |f: &Path| sys::mode_of(&std::fs::metadata(f).unwrap()) & 0o777;
        if cfg!(unix) {
            assert_eq!(mode(&f), 0o600);
        }
        std::fs::write(&f, r#"{"z":{"deep":[1,2]},"a":"x"}"#).unwrap();
        sys::set_mode(&File::open(&f).unwrap(), 0o640).unwrap();
        edit_json(&f, wait, false, add).unwrap();
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc, serde_json::json!({"z":{"deep":[1,2]},"a":"x","k":1}));
        assert!(text.find("\"z\"").unwrap() < text.find("\"a\"").unwrap(), "order kept");
        if cfg!(unix) {
            assert_eq!(mode(&f), 0o640, "the file's mode is kept");
        }
        assert_eq!(edit_json(&f, wait, false, |_| false).unwrap(), Edited::Unchanged);
        std::fs::write(&f, "{not json").unwrap();
        assert!(matches!(edit_json(&f, wait, false, add), Err(EditError::NotJson)));
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "{not json");
        let leftovers: Vec<_> = std::fs::read_dir(f.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.starts_with(".cr-ext-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}
