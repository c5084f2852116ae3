//! cr-ext: logs container clients in to IBM Cloud Container Registry. `run` parses the
//! arguments and dispatches each command; `main` only prints the final error.

pub mod cli;
pub mod clients;
pub mod credential;
pub mod error;
pub mod exec;
pub mod output;
pub mod plan;
pub mod plugin;
pub mod registry;
pub mod shell;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::IsTerminal;

use clap::{CommandFactory, FromArgMatches};
use serde_json::{Value, json};

use crate::cli::{Cli, Command, LoginArgs, OutputFormat};
use crate::credential::CredentialPlan;
use crate::credential::session::CliConfig;
use crate::error::{Error, Result, exit};
use crate::exec::Child;
use crate::output::Printer;
use crate::plan::LoginPlan;

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
        Command::Login(args) => login(args, printer),
        Command::Token(args) => token(args, printer),
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
                std::fs::write(&path, page).map_err(|source| Error::Read { path, source })?;
            }
            Ok(exit::SUCCESS)
        }
    }
}

fn login(args: &LoginArgs, printer: Printer) -> Result<u8> {
    let json_mode = printer.format == OutputFormat::Json;
    let config = CliConfig::load();
    let plan = plan::login(args, &config).inspect_err(|e| {
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
        dry_run(&plan, &config, json_mode);
        return Ok(exit::SUCCESS);
    }
    let result = login_one(&plan, &config, printer);
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

fn login_one(plan: &LoginPlan, config: &CliConfig, printer: Printer) -> Result<()> {
    let fetch = plan.credential.begin(config)?;
    // The client starts while the secret is fetched and waits on its stdin, as in a shell
    // pipeline; if no valid secret comes, it is killed before its stdin closes.
    let child = login_child(plan);
    output::trace(&format!("starting {}", child.display(true)));
    let pending = child.start_waiting_for_secret()?;
    let obtained = fetch.finish(plan.timeout)?;
    let client = plan.client.kind.name();
    printer.progress(&format!("Logging '{client}' in to '{}'...", plan.registry));
    let finished = pending.finish(&obtained.secret, plan.timeout)?;
    output::trace(&format!("{client} exited: {}", finished.status));
    if !finished.success {
        return Err(Error::LoginFailed {
            client: client.to_owned(),
            registry: plan.registry.clone(),
            status: finished.status.clone(),
            message: finished.message(Some(&obtained.secret)),
        });
    }
    printer.progress(&format!("Logged in to '{}'.", plan.registry));
    printer.ok();
    Ok(())
}

fn token(args: &cli::TokenArgs, printer: Printer) -> Result<u8> {
    let config = CliConfig::load();
    let plan = CredentialPlan::new(&args.credential, cli::As::Bearer, args.private, &config)?;
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

fn login_child(plan: &LoginPlan) -> Child {
    Child {
        program: plan.client.path.clone(),
        name: plan.client.kind.name().to_owned(),
        args: plan.client.kind.login_args(plan.username, &plan.registry),
        env: Vec::new(),
    }
}

fn dry_run(plan: &LoginPlan, config: &CliConfig, json_mode: bool) {
    let login = login_child(plan);
    let source = dry_run_source(plan, config);
    if json_mode {
        let argv: Vec<String> = std::iter::once(login.name.clone())
            .chain(login.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect();
        let commands: Vec<Value> = source
            .iter()
            .map(|s| json!(s.split(' ').collect::<Vec<_>>()))
            .chain([json!(argv)])
            .collect();
        output::json(&json!({ "dry_run": true, "commands": commands }));
    } else {
        let first = source.map_or_else(String::new, |s| format!("{s}\n"));
        output::stdout(&format!("{first}{}\n", login.display(true)));
    }
}

/// The command that would fetch the secret, when one runs (`None`: API key, refresh token or
/// cached session token, or an HTTPS request to IAM, which the trace describes).
fn dry_run_source(plan: &LoginPlan, config: &CliConfig) -> Option<String> {
    let cred = &plan.credential;
    let cached = cred.apikey.is_none()
        && cred.mode == cli::As::Bearer
        && config.problem.is_none()
        && config.cached_token(credential::FAST_PATH_MIN_SECS).is_ok();
    if cred.apikey.is_some() || cred.mode != cli::As::Bearer || cached {
        return None;
    }
    Some("ibmcloud iam oauth-tokens --output json".to_owned())
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
