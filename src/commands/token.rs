//! `cr-ext token`: prints a fresh IAM access token (the raw JWT) for piping into other tools.
//! The one command whose purpose is to print a secret, and the one place it reaches stdout.

use std::io::IsTerminal;

use serde_json::json;

use crate::cli::{As, OutputFormat, TokenArgs};
use crate::credential::CredentialPlan;
use crate::credential::session::CliConfig;
use crate::error::{Result, exit};
use crate::output::{self, Printer};

/// `cr-ext token`.
///
/// # Errors
/// No credential, or stdout cannot be written.
pub(crate) fn run(
    args: &TokenArgs,
    printer: Printer,
    config: &CliConfig,
    timeout: u64,
) -> Result<u8> {
    let plan = CredentialPlan::new(&args.credential, As::Bearer, args.private, config, timeout)?;
    let obtained = plan.begin(config)?.finish(plan.child_timeout)?;
    if printer.format == OutputFormat::Json {
        output::json(
            &json!({ "token": obtained.secret.expose(), "expires_at": obtained.expires_at }),
        )?;
    } else if std::io::stdout().is_terminal() {
        output::stdout(&format!("{}\n", obtained.secret.expose()))?;
    } else {
        // No newline into a pipe: `--password-stdin` readers take every byte.
        output::stdout(obtained.secret.expose())?;
    }
    Ok(exit::SUCCESS)
}
