//! `cr-ext clients`: the supported container clients found on PATH.

use std::fmt::Write as _;

use serde_json::json;

use crate::clients;
use crate::error::{Result, exit};
use crate::output::{self, Printer};

/// `cr-ext clients`.
///
/// # Errors
/// stdout cannot be written.
pub(crate) fn run(printer: Printer) -> Result<u8> {
    let found = clients::detect();
    if printer.json() {
        output::json(&json!(found))?;
        return Ok(exit::SUCCESS);
    }
    if found.is_empty() {
        printer.note("no supported client on PATH (looked for docker, podman, buildah, skopeo)");
    }
    let mut text = String::new();
    for c in &found {
        let _ = writeln!(text, "{:<8} {}", c.kind.name(), c.path.display());
    }
    output::text(&text)?;
    Ok(exit::SUCCESS)
}
