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
//! - default paths that need the platform (the containers tools' runtime directory).

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub(crate) use unix::*;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub(crate) use windows::*;
