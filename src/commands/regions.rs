//! `cr-ext regions`: the region table, as text or JSON.

use std::fmt::Write as _;

use serde_json::json;

use crate::error::{Result, exit};
use crate::output::{self, Printer};
use crate::registry;

/// `cr-ext regions`.
///
/// # Errors
/// stdout cannot be written.
pub(crate) fn run(printer: Printer) -> Result<u8> {
    if printer.json() {
        output::json(&json!(registry::REGIONS))?;
        return Ok(exit::SUCCESS);
    }
    let mut text =
        format!("{:<10} {:<12} {:<12} {}\n", "Name", "Legacy name", "Domain", "Private domain");
    for r in registry::REGIONS {
        let aliases = if r.aliases.is_empty() { "-".to_owned() } else { r.aliases.join(",") };
        let _ =
            writeln!(text, "{:<10} {:<12} {:<12} {}", r.name, aliases, r.domain, r.private_domain);
    }
    output::stdout(&text)?;
    Ok(exit::SUCCESS)
}
