//! The ibmcloud plugin protocol's commands: `SendMetadata` and `SendCompletion`, answered from
//! what `plugin.rs` builds out of the clap tree.

use crate::error::{Result, exit};
use crate::output;
use crate::plugin;

/// `cr-ext SendMetadata`: compact JSON, no trailing newline (the CLI parses stdout as it is).
///
/// # Errors
/// stdout cannot be written.
pub(crate) fn send_metadata() -> Result<u8> {
    output::stdout(&plugin::metadata().to_string())?;
    Ok(exit::SUCCESS)
}

/// `cr-ext SendCompletion WORDS…`: one candidate per line.
///
/// # Errors
/// stdout cannot be written.
pub(crate) fn send_completion(words: &[String]) -> Result<u8> {
    let candidates: String = plugin::complete(words).into_iter().map(|c| c + "\n").collect();
    output::stdout(&candidates)?;
    Ok(exit::SUCCESS)
}
