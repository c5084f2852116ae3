//! `cr-ext completions`, `cr-ext shell-init` and the hidden `cr-ext man`: print or write what
//! `shell.rs` generates from the clap tree.

use std::path::Path;

use crate::cli::ShellInitArgs;
use crate::error::{Error, Result, exit};
use crate::output;
use crate::shell;

/// `cr-ext completions SHELL`.
///
/// # Errors
/// stdout cannot be written.
pub(crate) fn completions(shell_name: clap_complete::Shell) -> Result<u8> {
    output::stdout(&shell::completion(shell_name))?;
    Ok(exit::SUCCESS)
}

/// `cr-ext shell-init SHELL`.
///
/// # Errors
/// stdout cannot be written.
pub(crate) fn shell_init(args: &ShellInitArgs) -> Result<u8> {
    output::stdout(&shell::shell_init(args))?;
    Ok(exit::SUCCESS)
}

/// `cr-ext man --dir DIR`.
///
/// # Errors
/// A page cannot be written.
pub(crate) fn man(dir: &Path) -> Result<u8> {
    for (name, page) in shell::man_pages() {
        let path = dir.join(name);
        std::fs::write(&path, page).map_err(|source| Error::Write { path, source })?;
    }
    Ok(exit::SUCCESS)
}
