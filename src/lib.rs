//! cr-ext: logs container clients in to IBM Cloud Container Registry. `run` parses the
//! arguments, sets up output and signal handling, and dispatches to `commands`; `main` only
//! turns the result into the exit code.

// Items are `pub(crate)` at most, so the compiler reports dead code; only `output.rs` prints.
#![deny(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod authfile;
mod cli;
mod clients;
mod commands;
mod credential;
mod dirs;
mod env;
mod error;
mod examples;
mod exec;
mod files;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod helper_link;
mod ibmcloud;
mod kube;
mod kubelet;
#[cfg(test)]
mod layers;
mod lookup;
mod output;
mod own_config;
mod plan;
mod plugin;
mod probe;
mod registry;
mod secret;
mod setup;
mod shell;
mod sys;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};
use serde_json::json;

use crate::cli::{Cli, Command};
use crate::commands as cmd;
use crate::error::{Result, exit};
use crate::ibmcloud::IbmcloudConfig;

/// Runs cr-ext with `args` (program name first) and returns the exit code: the command's, or
/// the error's after printing it (on stderr, and as JSON on stdout with `--output json`).
pub fn run(args: impl IntoIterator<Item = OsString>) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    let started_as = args.first().map(std::path::Path::new).and_then(std::path::Path::file_name);
    if started_as.is_some_and(helper_link::is_started_as) {
        let code = cmd::helper::run(&args[1..]);
        return exec::signal_exit_code().unwrap_or(code);
    }
    let as_provider = started_as.is_some_and(cmd::kubelet::is_started_as);
    if as_provider || args.get(1).is_some_and(|a| a == kubelet::SUBCOMMAND) {
        // The kubelet's fast path: only the provider's own flags are built and parsed.
        let own = if as_provider { &args[1..] } else { &args[2..] };
        return cmd::kubelet::run_provider(own);
    }
    let result = dispatch(&args);
    // A signal being handled decides the exit code: the handler exits the process.
    if let Some(code) = exec::signal_exit_code() {
        return code;
    }
    let code = match result {
        Ok(code) => code,
        Err(error) => {
            output::printer().error(&error);
            error.exit_code()
        }
    };
    exec::end_by_deferred_signal().unwrap_or(code)
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
    let config = IbmcloudConfig::load();
    let flags = setup::Flags {
        format: cli.output,
        quiet: cli.quiet,
        color: cli.color,
        verbose: cli.verbose,
    };
    let printer = setup::start(flags, config.as_ref().ok())?;
    let timeout = std::time::Duration::from_secs(cli.timeout);
    match &cli.command {
        Command::Login(args) => cmd::login::login(args, printer, &config?, timeout),
        Command::Logout(args) => cmd::login::logout(args, printer, &config?, timeout),
        Command::Status(args) => cmd::status::run(args, printer, config, timeout),
        Command::Doctor(args) => cmd::doctor::run(args, printer, config, timeout),
        Command::Token(args) => cmd::token::run(args, printer, &config?, timeout),
        Command::Configure(args) => cmd::configure::run(args, printer, timeout),
        Command::PullSecret(args) => cmd::pull_secret::run(args, printer, &config?, timeout),
        Command::ServiceKey(command) => cmd::service_key::run(command, printer, &config?, timeout),
        Command::KubeletCredentialProvider(args) => Ok(cmd::kubelet::provide(args)),
        Command::KubeletConfig(args) => cmd::kubelet::config(args, printer),
        Command::Regions => cmd::regions::run(printer),
        Command::Clients => cmd::clients::run(printer),
        Command::Completions { shell } => cmd::shell::completions(*shell),
        Command::ShellInit(args) => cmd::shell::shell_init(args),
        Command::SendMetadata => cmd::plugin::send_metadata(),
        Command::SendCompletion { words } => cmd::plugin::send_completion(words),
        Command::Man { dir } => cmd::shell::man(dir),
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
