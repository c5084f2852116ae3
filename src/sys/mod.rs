//! The one home of platform code: everything that differs between Unix (Linux, macOS) and
//! Windows sits behind these few functions, in `unix.rs` and `windows.rs`. Nothing else in
//! the crate names `std::os::unix`, `std::os::windows`, `nix` or `signal-hook`. A leaf: it
//! imports nothing from the crate.
//!
//! - files: opening without blocking (a FIFO with no writer), private modes (0600/0700 on
//!   Unix; on Windows the user profile's ACL), what kind of special file a path is;
//! - children: a process tree that can be killed whole (a process group on Unix, a job object
//!   that kills on close on Windows);
//! - termination: SIGINT, SIGTERM and SIGHUP on Unix, console control events on Windows, and
//!   ending the run by the same signal once the children are stopped;
//! - the credential helper's executable beside cr-ext (a symlink on Unix, a copy on Windows);
//! - which platform this is, and the user's uid, for the path rules of `dirs`.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::*;

/// The platforms whose path rules differ (`dirs`); every other Unix follows Linux's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Platform {
    /// Linux and the other Unix systems: XDG directories, `/run/containers/UID`.
    Linux,
    /// macOS: `~/Library`, no containers runtime directory.
    Macos,
    /// Windows: `%USERPROFILE%`, `%APPDATA%`, `%LOCALAPPDATA%`.
    Windows,
}

/// The platform cr-ext was built for.
pub(crate) const PLATFORM: Platform = if cfg!(windows) {
    Platform::Windows
} else if cfg!(target_os = "macos") {
    Platform::Macos
} else {
    Platform::Linux
};
