//! `cr-ext token`: prints a fresh IAM access token (the raw JWT) for piping into other tools.
//! The one command whose purpose is to print a secret, and the one place it reaches stdout.

use std::io::IsTerminal;
use std::time::Duration;

use serde_json::json;

use crate::cli::TokenArgs;
use crate::credential::{CredentialPlan, Username};
use crate::error::{Result, exit};
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Printer};
use crate::plan;

/// `cr-ext token`.
///
/// # Errors
/// No credential, or stdout cannot be written.
pub(crate) fn run(
    args: &TokenArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let input = plan::credential(&args.credential, Username::Bearer, args.private);
    let obtained = CredentialPlan::new(&input, config)?.obtain(config, timeout)?;
    if printer.json() {
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
