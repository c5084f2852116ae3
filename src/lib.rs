//! cr-ext: logs container clients in to IBM Cloud Container Registry. `run` parses the
//! arguments, sets up output and signal handling, and dispatches to `commands`; `main` only
//! turns the result into the exit code.

pub(crate) mod cli;
pub(crate) mod clients;
pub(crate) mod commands;
pub(crate) mod credential;
pub(crate) mod env;
pub(crate) mod error;
pub(crate) mod exec;
pub(crate) mod files;
pub(crate) mod output;
pub(crate) mod own_config;
pub(crate) mod plan;
pub(crate) mod plugin;
pub(crate) mod registry;
pub(crate) mod secret;
pub(crate) mod shell;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};
use serde_json::json;

use crate::cli::{Cli, Command, OutputFormat};
use crate::commands as cmd;
use crate::credential::session::CliConfig;
use crate::error::{Error, Result, exit};
use crate::output::Settings;

/// Runs cr-ext with `args` (program name first) and returns the exit code: the command's, or
/// the error's after printing it (on stderr, and as JSON on stdout with `--output json`).
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    let started_as = args.first().map(std::path::Path::new).and_then(std::path::Path::file_name);
    if started_as.is_some_and(|name| name == cmd::helper::NAME) {
        let code = cmd::helper::run(&args[1..]);
        return exec::signal_exit_code().unwrap_or(code);
    }
    let result = dispatch(&args);
    // A signal being handled decides the exit code: the handler exits the process.
    if let Some(code) = exec::signal_exit_code() {
        return code;
    }
    match result {
        Ok(code) => code,
        Err(error) => {
            output::printer().error(&error);
            error.exit_code()
        }
    }
}

fn dispatch(args: &[OsString]) -> Result<u8> {
    let mut command = Cli::command();
    // Run by the ibmcloud CLI as a plugin: help and usage speak of `ibmcloud cr-ext`.
    if env::get_os(env::IBMCLOUD_PLUGIN_NAMESPACE).is_some() {
        command = command.bin_name(format!("ibmcloud {}", plugin::NAMESPACE));
    }
    let parsed = command.try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            output::stdout(&e.render().to_string())?;
            return Ok(exit::SUCCESS);
        }
        Err(e) => return Ok(usage_error(&e, args)),
    };
    let config = CliConfig::load();
    let settings = settings(config.as_ref().ok());
    output::init(cli.output, cli.quiet, cli.color, cli.verbose, &settings)?;
    exec::handle_signals()?;
    let printer = output::printer();
    let timeout = cli.timeout;
    if matches!(cli.output, OutputFormat::Yaml | OutputFormat::Dockerconfigjson)
        && !matches!(cli.command, Command::PullSecret(_))
    {
        return Err(Error::usage(
            "--output yaml and --output dockerconfigjson are for pull-secret only",
            "use --output text or --output json",
        ));
    }
    match &cli.command {
        Command::Login(args) => cmd::login::login(args, printer, &config?, timeout),
        Command::Logout(args) => cmd::login::logout(args, printer, &config?, timeout),
        Command::Status(args) => cmd::status::run(args, printer, config, timeout),
        Command::Token(args) => cmd::token::run(args, printer, &config?, timeout),
        Command::Configure(args) => cmd::configure::run(args, printer, timeout),
        Command::PullSecret(args) => cmd::pull_secret::run(args, printer, &config?, timeout),
        Command::ServiceKey(command) => cmd::service_key::run(command, printer, &config?, timeout),
        Command::Regions => cmd::regions::run(printer),
        Command::Clients => cmd::clients::run(printer),
        Command::Completions { shell } => cmd::shell::completions(*shell),
        Command::ShellInit(args) => cmd::shell::shell_init(args),
        Command::SendMetadata => cmd::plugin::send_metadata(),
        Command::SendCompletion { words } => cmd::plugin::send_completion(words),
        Command::Man { dir } => cmd::shell::man(dir),
    }
}

/// The SDK's settings: environment first (current name, then the old `BLUEMIX_` one), then
/// the CLI's config.json.
pub(crate) fn settings(config: Option<&CliConfig>) -> Settings {
    let pick = |names: [&str; 2], key: &str| {
        names.iter().find_map(|n| env::get(n)).or_else(|| config.and_then(|c| c.setting(key)))
    };
    Settings {
        trace: pick([env::IBMCLOUD_TRACE, env::BLUEMIX_TRACE], "Trace"),
        color: pick([env::IBMCLOUD_COLOR, env::BLUEMIX_COLOR], "ColorEnabled"),
    }
}

/// Prints clap's usage error, and with `--output json` also the JSON error document.
fn usage_error(error: &clap::Error, args: &[OsString]) -> u8 {
    let _ = error.print();
    let wants_json =
        args.windows(2).any(|w| w[0] == "--output" && w[1].eq_ignore_ascii_case("json"))
            || args.iter().any(|a| a.eq_ignore_ascii_case("--output=json"));
    if wants_json {
        let rendered = error.render().to_string();
        let message = rendered
            .lines()
            .find_map(|l| l.strip_prefix("error: "))
            .unwrap_or("invalid command line")
            .to_owned();
        let _ = output::json(&json!({
            "error": {
                "message": secret::scrub(&message),
                "hint": "see --help",
                "exit_code": exit::USAGE,
            }
        }));
    }
    exit::USAGE
}

/// The JSON form of an error, for `--output json` reports.
pub(crate) fn error_json(error: &Error) -> serde_json::Value {
    json!({
        "message": secret::scrub(&error.to_string()),
        "hint": error.hint().map(|h| secret::scrub(&h)),
        "exit_code": error.exit_code(),
    })
}
