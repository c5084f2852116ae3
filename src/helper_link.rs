//! The credential helper as a program on PATH: its names (`docker-credential-cr-ext`, the
//! `cr-ext` suffix that `credHelpers` entries name), the text its `version` prints, and
//! whether the program PATH finds is this cr-ext. `status` and `configure` ask; the helper
//! protocol itself is `commands/helper.rs`.

use std::path::PathBuf;

use crate::exec::Child;

/// The credential helper's suffix: docker and containers/image run `docker-credential-<suffix>`
/// for a host whose `credHelpers` entry names it.
pub(crate) const SUFFIX: &str = "cr-ext";
/// The credential helper's program name.
pub(crate) const NAME: &str = "docker-credential-cr-ext";
/// What the helper's `version` prints; the same text from the program on PATH means it is this
/// cr-ext (a link, a copy or a wrapper).
pub(crate) const VERSION: &str =
    concat!("docker-credential-cr-ext (cr-ext ", env!("CARGO_PKG_VERSION"), ")");

/// The helper's file name on this platform (`docker-credential-cr-ext.exe` on Windows).
#[must_use]
pub(crate) fn file_name() -> String {
    format!("{NAME}{}", std::env::consts::EXE_SUFFIX)
}

/// Whether a program started as `name` (its argv\[0\]'s file name) is the credential helper:
/// `docker-credential-cr-ext`, or on Windows also with `.exe`, in any case (callers give the
/// name either way, and Windows file names ignore case).
#[must_use]
pub(crate) fn is_started_as(name: &std::ffi::OsStr) -> bool {
    started_as(name, NAME)
}

/// Whether a program started as `name` is `program`: the same rule as [`is_started_as`]
/// (on Windows also with `.exe`, in any case), for cr-ext's other names.
#[must_use]
pub(crate) fn started_as(name: &std::ffi::OsStr, program: &str) -> bool {
    let suffix = std::env::consts::EXE_SUFFIX;
    if suffix.is_empty() {
        return name == program;
    }
    let name = name.to_string_lossy().to_ascii_lowercase();
    name == program || name == format!("{program}{suffix}")
}

/// Where the credential helper resolves on PATH.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// The program PATH finds, if any.
    pub(crate) path: Option<PathBuf>,
    /// Whether it is this cr-ext (the same file, or it answers `version` as this one does).
    pub(crate) is_this: bool,
}

/// Looks `docker-credential-cr-ext` up on PATH and checks that it is this cr-ext.
#[must_use]
pub(crate) fn find() -> Link {
    let Ok(path) = which::which(NAME) else { return Link { path: None, is_this: false } };
    let same_file = match (
        std::fs::canonicalize(&path),
        std::env::current_exe().and_then(std::fs::canonicalize),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let is_this = same_file || {
        let child = Child {
            program: path.clone(),
            name: NAME.into(),
            args: vec!["version".into()],
            env: Vec::new(),
        };
        child
            .run(std::time::Duration::from_secs(5))
            .is_ok_and(|f| f.success && f.stdout.trim() == VERSION)
    };
    Link { path: Some(path), is_this }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::*;

    #[test]
    fn the_helper_answers_to_its_name_with_the_platforms_suffix() {
        let windows = std::env::consts::EXE_SUFFIX == ".exe";
        assert!(is_started_as(OsStr::new("docker-credential-cr-ext")));
        assert_eq!(is_started_as(OsStr::new("docker-credential-cr-ext.exe")), windows);
        assert_eq!(is_started_as(OsStr::new("Docker-Credential-CR-EXT.EXE")), windows);
        assert!(!is_started_as(OsStr::new("cr-ext")));
        assert!(!is_started_as(OsStr::new("docker-credential-cr-ext2")));
        assert_eq!(
            file_name(),
            format!("docker-credential-cr-ext{}", std::env::consts::EXE_SUFFIX)
        );
    }
}
