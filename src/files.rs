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
    /// It was being rewritten each time it was read.
    Changing(u32),
    /// Another I/O error.
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("it does not exist"),
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge(cap) => write!(f, "it is larger than {}", size(*cap)),
            ReadError::Changing(tries) => {
                write!(f, "it changed while it was being read, {tries} times in a row")
            }
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
    let (file, _) = open_regular(path)?;
    read_up_to(file, cap)
}

/// Reads a regular file of at most `cap` bytes that is not being rewritten: the size and
/// modification time of the open file, taken before and after the read, must agree with each
/// other and with what was read, and a file modified in the last [`SETTLE`] is read again after
/// that long and must read the same (a token file rewritten in place could otherwise be read
/// half written). A file caught changing is read again, up to `tries` times.
///
/// # Errors
/// See [`ReadError`]; [`ReadError::Changing`] when every read saw it change.
pub(crate) fn read_unchanging(path: &Path, cap: u64, tries: u32) -> Result<Vec<u8>, ReadError> {
    for attempt in 1..=tries {
        let (file, before) = open_regular(path)?;
        let reopened = file.try_clone().map_err(ReadError::Io)?;
        let bytes = read_up_to(file, cap)?;
        let after = reopened.metadata().map_err(ReadError::Io)?;
        let same = before.len() == after.len()
            && before.len() == bytes.len() as u64
            && before.modified().ok() == after.modified().ok();
        let fresh = after
            .modified()
            .ok()
            .and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
            .is_none_or(|age| age < SETTLE);
        if same && !fresh {
            return Ok(bytes);
        }
        if same {
            std::thread::sleep(SETTLE);
            if read_capped(path, cap).is_ok_and(|again| again == bytes) {
                return Ok(bytes);
            }
        } else if attempt < tries {
            std::thread::sleep(Duration::from_millis(20 * u64::from(attempt)));
        }
    }
    Err(ReadError::Changing(tries))
}

/// How long a file just modified is left to settle before [`read_unchanging`] trusts it.
const SETTLE: Duration = Duration::from_millis(100);

/// Opens `path` without blocking and checks that it is a regular file.
fn open_regular(path: &Path) -> Result<(File, std::fs::Metadata), ReadError> {
    // Non-blocking: opening a FIFO with no writer would otherwise wait forever.
    let file =
        sys::no_block(OpenOptions::new().read(true)).open(path).map_err(|e| match e.kind() {
            // A path below a regular file does not exist either (a runtime directory that
            // cannot be made).
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => ReadError::Missing,
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
    Ok((file, meta))
}

/// At most `cap` bytes of `file`.
fn read_up_to(file: File, cap: u64) -> Result<Vec<u8>, ReadError> {
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
                        "it is in use by another program, which keeps it open, or it is read-only ({}); close that program (or make the file writable) and try again",
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

/// Why a JSON file could not be edited.
#[derive(Debug)]
pub(crate) enum EditError {
    /// It cannot be read (not a regular file, too large, ...).
    Read(ReadError),
    /// It is not a JSON object; it was left untouched.
    NotJson,
    /// What it holds cannot be edited (the reason); it was left untouched.
    Refused(String),
    /// Its lock stayed busy, or the lock file could not be made.
    Lock(LockError),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Read(e) => write!(f, "{e}"),
            EditError::NotJson => f.write_str("it is not a JSON object; it was left untouched"),
            EditError::Refused(why) => write!(f, "{why}; it was left untouched"),
            EditError::Lock(LockError::Busy { lock, waited }) => write!(
                f,
                "{} stayed locked by another process for {} s",
                lock.display(),
                waited.as_secs()
            ),
            EditError::Lock(LockError::Io { lock, source }) => {
                write!(f, "cannot lock {}: {source}", lock.display())
            }
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

/// A JSON object as a credentials file holds it. An empty (or all-blank) file is an empty
/// object, as docker reads it.
#[must_use]
pub(crate) fn parse_object(bytes: &[u8]) -> Option<serde_json::Map<String, serde_json::Value>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some(serde_json::Map::new());
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// Where a write to `path` lands: through every symlink, also one whose target does not exist
/// yet (a dotfiles checkout links `config.json` before it is made), so the link stays a link.
/// A loop, or more than 40 links, gives `path` itself (the write then replaces the link).
#[must_use]
pub(crate) fn write_target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::read_link(&at) {
                Ok(next) => {
                    at = match at.parent() {
                        Some(dir) if next.is_relative() => dir.join(next),
                        _ => next,
                    };
                }
                Err(_) => return path.to_path_buf(),
            },
            _ => return at,
        }
    }
    path.to_path_buf()
}

/// The file a path names once links and `..` are resolved, so that two spellings of one file
/// (a symlinked `auth.json` pointing at docker's `config.json`, `a/../b`) compare equal; a path
/// that does not exist yet is resolved through its directory.
#[must_use]
pub(crate) fn identity(path: &Path) -> PathBuf {
    let target = write_target(path);
    if let Ok(resolved) = std::fs::canonicalize(&target) {
        return resolved;
    }
    match (target.parent(), target.file_name()) {
        (Some(dir), Some(name)) => {
            std::fs::canonicalize(dir).map_or_else(|_| target.clone(), |d| d.join(name))
        }
        _ => target,
    }
}

/// The file as it was when a [`Draft`] read it.
#[derive(Debug)]
struct Original {
    bytes: Vec<u8>,
    mode: u32,
}

/// A JSON file read and changed in memory, not yet written: held under its lock (except for
/// a dry run), so a set of files can all be checked before any is written ([`Draft::commit`]),
/// and put back as they were ([`Draft::restore`]) when a later one cannot be written.
#[derive(Debug)]
pub(crate) struct Draft {
    target: PathBuf,
    original: Option<Original>,
    doc: serde_json::Map<String, serde_json::Value>,
    _lock: Option<Lock>,
}

fn read_object(
    path: &Path,
) -> Result<(serde_json::Map<String, serde_json::Value>, Option<Original>), EditError> {
    match read_capped(path, CONFIG_CAP) {
        Ok(bytes) => {
            let mode = std::fs::metadata(path).map_or(0o600, |m| sys::mode_of(&m));
            let doc = parse_object(&bytes).ok_or(EditError::NotJson)?;
            Ok((doc, Some(Original { bytes, mode })))
        }
        Err(ReadError::Missing) => Ok((serde_json::Map::new(), None)),
        Err(e) => Err(EditError::Read(e)),
    }
}

/// Reads the JSON object in `path` (empty when the file is missing) and lets `change` edit
/// it: it returns what it changed (nothing: `None`, the file untouched) or why the file
/// cannot be edited. Nothing is locked or created unless there is something to change and
/// this is not a `dry_run`: then the lock is taken (creating the directory), the file read
/// again under it and `change` applied once more, so that nothing another process wrote in
/// between is lost. Every key `change` does not touch is kept, in its order.
///
/// # Errors
/// The file cannot be read, is not a JSON object, or `change` refuses it (then it is left
/// untouched), or its lock stays busy for `wait`.
pub(crate) fn draft<N>(
    path: &Path,
    wait: Duration,
    dry_run: bool,
    change: impl Fn(&mut serde_json::Map<String, serde_json::Value>) -> Result<Vec<N>, String>,
) -> Result<Option<(Draft, Vec<N>)>, EditError> {
    let (mut doc, original) = read_object(path)?;
    let notes = change(&mut doc).map_err(EditError::Refused)?;
    if notes.is_empty() {
        return Ok(None);
    }
    let target = write_target(path);
    if dry_run {
        return Ok(Some((Draft { target, original, doc, _lock: None }, notes)));
    }
    let lock = lock(path, wait, |_| {}).map_err(EditError::Lock)?;
    let (mut doc, original) = read_object(path)?;
    let notes = change(&mut doc).map_err(EditError::Refused)?;
    if notes.is_empty() {
        return Ok(None);
    }
    Ok(Some((Draft { target, original, doc, _lock: Some(lock) }, notes)))
}

impl Draft {
    /// The file written: where the write lands (through any symlink).
    #[must_use]
    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// Writes the changed object atomically, with the file's mode (0600 for a new file).
    ///
    /// # Errors
    /// It cannot be written; the file is then as it was.
    pub(crate) fn commit(&self) -> io::Result<()> {
        let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(self.doc.clone()))
            .map_err(io::Error::other)?;
        text.push('\n');
        let mode = self.original.as_ref().map_or(0o600, |o| o.mode);
        write_atomic(&self.target, text.as_bytes(), mode)
    }

    /// Puts the file back as it was before [`Draft::commit`]: its old bytes and mode, or no
    /// file at all when there was none.
    ///
    /// # Errors
    /// It cannot be written or removed.
    pub(crate) fn restore(&self) -> io::Result<()> {
        match &self.original {
            Some(o) => write_atomic(&self.target, &o.bytes, o.mode),
            None => match std::fs::remove_file(&self.target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
        }
    }
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
            Ok(vec!["k"])
        };
        let edit = |f: &Path| -> Result<bool, EditError> {
            match draft(f, wait, false, add)? {
                Some((d, _)) => {
                    d.commit().unwrap();
                    Ok(true)
                }
                None => Ok(false),
            }
        };
        assert!(edit(&f).unwrap());
        let mode = |f: &Path| sys::mode_of(&std::fs::metadata(f).unwrap()) & 0o777;
        if cfg!(unix) {
            assert_eq!(mode(&f), 0o600);
        }
        std::fs::write(&f, r#"{"z":{"deep":[1,2]},"a":"x"}"#).unwrap();
        sys::set_mode(&File::open(&f).unwrap(), 0o640).unwrap();
        edit(&f).unwrap();
        let text = std::fs::read_to_string(&f).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc, serde_json::json!({"z":{"deep":[1,2]},"a":"x","k":1}));
        assert!(text.find("\"z\"").unwrap() < text.find("\"a\"").unwrap(), "order kept");
        if cfg!(unix) {
            assert_eq!(mode(&f), 0o640, "the file's mode is kept");
        }
        let none = |_: &mut serde_json::Map<String, serde_json::Value>| Ok(Vec::<()>::new());
        assert!(draft(&f, wait, false, none).unwrap().is_none());
        std::fs::write(&f, "{not json").unwrap();
        assert!(matches!(edit(&f), Err(EditError::NotJson)));
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "{not json");
        let leftovers: Vec<_> = std::fs::read_dir(f.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.starts_with(".cr-ext-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn nothing_to_change_locks_and_creates_nothing_and_a_draft_restores() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("missing/auth.json");
        let wait = Duration::from_secs(1);
        let none = |_: &mut serde_json::Map<String, serde_json::Value>| Ok(Vec::<()>::new());
        assert!(draft(&f, wait, false, none).unwrap().is_none());
        assert!(!dir.path().join("missing").exists(), "no directory, no lock");
        let add = |d: &mut serde_json::Map<String, serde_json::Value>| {
            d.insert("k".into(), serde_json::json!(1));
            Ok(vec![()])
        };
        assert!(draft(&f, wait, true, add).unwrap().is_some());
        assert!(!dir.path().join("missing").exists(), "a dry run makes nothing");
        let g = dir.path().join("g.json");
        std::fs::write(&g, "  \n").unwrap();
        let (d, _) = draft(&g, wait, false, add).unwrap().unwrap();
        d.commit().unwrap();
        assert!(std::fs::read_to_string(&g).unwrap().contains("\"k\": 1"));
        d.restore().unwrap();
        assert_eq!(std::fs::read_to_string(&g).unwrap(), "  \n");
    }
}
