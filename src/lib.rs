//! cr-ext: logs container clients in to IBM Cloud Container Registry. `run` parses the
//! arguments and dispatches each command; `main` only prints the final error.

pub mod cli;
pub mod clients;
pub mod credential;
pub mod error;
pub mod exec;
pub mod login;
pub mod output;
pub mod plan;
pub mod plugin;
pub mod registry;
pub mod shell;
pub mod status;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::IsTerminal;

use clap::{CommandFactory, FromArgMatches};
use serde_json::json;

use crate::cli::{Cli, Command, OutputFormat};
use crate::credential::CredentialPlan;
use crate::credential::session::CliConfig;
use crate::error::{Error, Result, exit};
use crate::output::Printer;

/// Runs cr-ext with `args` (program name first) and returns the exit code.
///
/// # Errors
/// Any failure of the command; `main` prints it and exits with its code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<u8> {
    let mut command = Cli::command();
    // Run by the ibmcloud CLI as a plugin: help and usage speak of `ibmcloud cr-ext`.
    if std::env::var_os("IBMCLOUD_PLUGIN_NAMESPACE").is_some() {
        command = command.bin_name(format!("ibmcloud {}", plugin::NAMESPACE));
    }
    let parsed = command.try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Ok(if e.use_stderr() { exit::USAGE } else { exit::SUCCESS });
        }
    };
    output::init(cli.output, cli.quiet, cli.color, cli.verbose);
    let printer = output::printer();
    // Children run in process groups of their own, so Ctrl-C reaches only us: stop them, then
    // leave with the documented code.
    let _ = ctrlc::set_handler(move || {
        exec::kill_all();
        printer.error(&Error::Interrupted);
        std::process::exit(i32::from(exit::INTERRUPTED));
    });
    match &cli.command {
        Command::Login(args) => login::login(args, printer, cli.timeout),
        Command::Logout(args) => login::logout(args, printer, cli.timeout),
        Command::Status(args) => status::status(args, printer, cli.timeout),
        Command::Token(args) => token(args, printer, cli.timeout),
        Command::Regions => {
            regions(printer);
            Ok(exit::SUCCESS)
        }
        Command::Clients => {
            clients(printer);
            Ok(exit::SUCCESS)
        }
        Command::Completions { shell } => {
            output::stdout(&shell::completion(*shell));
            Ok(exit::SUCCESS)
        }
        Command::ShellInit(args) => {
            output::stdout(&shell::shell_init(args));
            Ok(exit::SUCCESS)
        }
        Command::SendMetadata => {
            // Compact, no trailing newline: the CLI parses stdout as it is.
            output::stdout(&plugin::metadata().to_string());
            Ok(exit::SUCCESS)
        }
        Command::SendCompletion { words } => {
            let candidates: String =
                plugin::complete(words).into_iter().map(|c| c + "\n").collect();
            output::stdout(&candidates);
            Ok(exit::SUCCESS)
        }
        Command::Man { dir } => {
            for (name, page) in shell::man_pages() {
                let path = dir.join(name);
                std::fs::write(&path, page).map_err(|source| Error::Write { path, source })?;
            }
            Ok(exit::SUCCESS)
        }
    }
}

fn token(args: &cli::TokenArgs, printer: Printer, timeout: u64) -> Result<u8> {
    let config = CliConfig::load();
    let plan =
        CredentialPlan::new(&args.credential, cli::As::Bearer, args.private, &config, timeout)?;
    let obtained = plan.begin(&config)?.finish(plan.child_timeout)?;
    // Printing the token is this command's whole purpose: the one place it reaches stdout.
    if printer.format == OutputFormat::Json {
        output::json(
            &json!({ "token": obtained.secret.expose(), "expires_at": obtained.expires_at }),
        );
    } else if std::io::stdout().is_terminal() {
        output::stdout(&format!("{}\n", obtained.secret.expose()));
    } else {
        // No newline into a pipe: `--password-stdin` readers take every byte.
        output::stdout(obtained.secret.expose());
    }
    Ok(exit::SUCCESS)
}

fn regions(printer: Printer) {
    if printer.format == OutputFormat::Json {
        output::json(&json!(registry::REGIONS));
        return;
    }
    let mut text =
        format!("{:<10} {:<12} {:<12} {}\n", "Name", "Legacy name", "Domain", "Private domain");
    for r in registry::REGIONS {
        let aliases = if r.aliases.is_empty() { "-".to_owned() } else { r.aliases.join(",") };
        let _ =
            writeln!(text, "{:<10} {:<12} {:<12} {}", r.name, aliases, r.domain, r.private_domain);
    }
    output::stdout(&text);
}

fn clients(printer: Printer) {
    let found = clients::detect();
    if printer.format == OutputFormat::Json {
        output::json(&json!(found));
        return;
    }
    if found.is_empty() {
        printer.note("no supported client on PATH (looked for docker, podman, buildah, skopeo)");
    }
    let mut text = String::new();
    for c in &found {
        let _ = writeln!(text, "{:<8} {}", c.kind.name(), c.path.display());
    }
    output::stdout(&text);
}
