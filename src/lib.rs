//! cr-ext: logs container clients in to IBM Cloud Container Registry. `run` parses the
//! arguments and dispatches each command; `main` only prints the final error.

pub mod cli;
pub mod clients;
pub mod credential;
pub mod error;
pub mod exec;
pub mod output;
pub mod plan;
pub mod registry;

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::Parser;
use serde_json::{Value, json};

use crate::cli::{Cli, Command, LoginArgs, OutputFormat};
use crate::credential::session::{self, CliConfig};
use crate::error::{Error, Result, exit};
use crate::exec::Child;
use crate::output::Printer;
use crate::plan::LoginPlan;

/// Runs cr-ext with `args` (program name first) and returns the exit code.
///
/// # Errors
/// Any failure of the command; `main` prints it and exits with its code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<u8> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Ok(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            });
        }
    };
    output::init(cli.output, cli.quiet, cli.color);
    let printer = output::printer();
    // Children run in process groups of their own, so Ctrl-C reaches only us: stop them, then
    // leave with the documented code.
    let _ = ctrlc::set_handler(move || {
        exec::kill_all();
        printer.error(&Error::Interrupted);
        std::process::exit(i32::from(exit::INTERRUPTED));
    });
    match &cli.command {
        Command::Login(args) => login(args, printer),
        Command::Regions => {
            regions(printer);
            Ok(exit::SUCCESS)
        }
        Command::Clients => {
            clients(printer);
            Ok(exit::SUCCESS)
        }
    }
}

fn login(args: &LoginArgs, printer: Printer) -> Result<u8> {
    let json_mode = printer.format == OutputFormat::Json;
    let plan = plan::login(args, &CliConfig::load()).inspect_err(|e| {
        if json_mode {
            output::json(&json!({ "logins": [], "error": error_json(e) }));
        }
    })?;
    for warning in &plan.warnings {
        printer.warn(warning);
    }
    for note in &plan.notes {
        printer.note(note);
    }
    if args.dry_run {
        dry_run(&plan, json_mode);
        return Ok(exit::SUCCESS);
    }
    let result = login_one(&plan, printer);
    if json_mode {
        let entry = json!({
            "client": plan.client.kind.name(),
            "registry": plan.registry,
            "username": plan.username,
            "ok": result.is_ok(),
            "error": result.as_ref().err().map(|e| output::sanitize(&e.to_string())),
        });
        output::json(&json!({ "logins": [entry] }));
    }
    result.map(|()| exit::SUCCESS)
}

fn login_one(plan: &LoginPlan, printer: Printer) -> Result<()> {
    let fetch = session::TokenFetch::start(&session::locate_cli()?)?;
    // The client starts while ibmcloud runs and waits on its stdin, as in a shell pipeline;
    // if no valid token comes, it is killed before its stdin closes.
    let pending = login_child(plan).start_waiting_for_secret()?;
    let token = fetch.finish(plan.timeout)?;
    let client = plan.client.kind.name();
    printer.progress(&format!("Logging '{client}' in to '{}'...", plan.registry));
    let finished = pending.finish(&token.secret, plan.timeout)?;
    if !finished.success {
        return Err(Error::LoginFailed {
            client: client.to_owned(),
            registry: plan.registry.clone(),
            status: finished.status.clone(),
            message: finished.message(Some(&token.secret)),
        });
    }
    printer.progress(&format!("Logged in to '{}'.", plan.registry));
    printer.ok();
    Ok(())
}

fn login_child(plan: &LoginPlan) -> Child {
    Child {
        program: plan.client.path.clone(),
        name: plan.client.kind.name().to_owned(),
        args: plan.client.kind.login_args(plan.username, &plan.registry),
        env: Vec::new(),
    }
}

fn dry_run(plan: &LoginPlan, json_mode: bool) {
    let token = ["ibmcloud", "iam", "oauth-tokens", "--output", "json"];
    let login = login_child(plan);
    if json_mode {
        let argv: Vec<String> = std::iter::once(login.name.clone())
            .chain(login.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect();
        output::json(&json!({ "dry_run": true, "commands": [token, argv] }));
    } else {
        output::stdout(&format!("{}\n{}\n", token.join(" "), login.display(true)));
    }
}

fn error_json(error: &Error) -> Value {
    json!({
        "message": output::sanitize(&error.to_string()),
        "hint": error.hint(),
        "exit_code": error.exit_code(),
    })
}

fn regions(printer: Printer) {
    if printer.format == OutputFormat::Json {
        output::json(&json!(registry::REGIONS));
        return;
    }
    let mut text = format!(
        "{:<10} {:<12} {:<12} {}\n",
        "Name", "Legacy name", "Domain", "Private domain"
    );
    for r in registry::REGIONS {
        let aliases = if r.aliases.is_empty() {
            "-".to_owned()
        } else {
            r.aliases.join(",")
        };
        let _ = writeln!(
            text,
            "{:<10} {:<12} {:<12} {}",
            r.name, aliases, r.domain, r.private_domain
        );
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
