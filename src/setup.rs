//! The one set-up path of a run, for every command and for the credential helper alike: the
//! output (format, colour, trace, decided once from the flags and the ibmcloud SDK's settings)
//! and the signal handler, which is handed the printer it reports with (and installed by the
//! first child the run starts).

use crate::error::Result;
use crate::exec;
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Color, Format, Printer};

/// What the command line says about output.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Flags {
    /// `--output`.
    pub(crate) format: Format,
    /// `-q`.
    pub(crate) quiet: bool,
    /// `--color`.
    pub(crate) color: Color,
    /// `-v`.
    pub(crate) verbose: bool,
}

/// Sets up output and signals; `config` supplies the SDK's trace and colour settings (the
/// environment's come first either way).
///
/// # Errors
/// The trace file cannot be opened.
pub(crate) fn start(flags: Flags, config: Option<&IbmcloudConfig>) -> Result<Printer> {
    let settings = match config {
        Some(config) => config.settings(),
        None => IbmcloudConfig::default().settings(),
    };
    let printer = output::init(&output::Options {
        format: flags.format,
        quiet: flags.quiet,
        color: flags.color,
        verbose: flags.verbose,
        trace: settings.trace,
        color_setting: settings.color,
    })?;
    exec::arm(printer);
    Ok(printer)
}
