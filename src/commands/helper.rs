//! `docker-credential-cr-ext`: the same executable started under the credential helper's name
//! (a link beside `cr-ext`), speaking docker's credential-helper protocol (DESIGN.md §10) to
//! docker, podman, buildah and skopeo. `get` answers with a fresh `iambearer` token for ICR
//! hosts and the hosts `cr-ext configure --registry` recorded, and "not found" for any other,
//! so a token never reaches a host nobody asked for. A failure for a served host is one line
//! with a hint on stderr (the user's terminal) and "not found" on stdout, so public images
//! still pull. `store` and `erase` store nothing and succeed; `list` names the served hosts.
//! Silent on success; never prompts; never reads the terminal.

use std::ffi::OsString;
use std::io::Read as _;
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::credential::{CredentialPlan, Input, Obtained};
use crate::error::{Error, Result, exit};
use crate::helper_link;
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{Color, Format};
use crate::secret::one_line;
use crate::setup::{self, Flags};
use crate::{env, output, own_config, registry};

/// The name the executable answers to as a credential helper.
pub(crate) const NAME: &str = helper_link::NAME;
/// What the protocol calls "no credentials for this server".
pub(crate) const NOT_FOUND: &str = "credentials not found in native keychain";
/// How long the helper waits for IAM or `ibmcloud` unless `CR_EXT_HELPER_TIMEOUT` says
/// otherwise: short, because a client runs `get` two or three times before it gives up.
const DEFAULT_TIMEOUT_SECS: u64 = 15;
/// The largest `CR_EXT_HELPER_TIMEOUT` taken.
const MAX_TIMEOUT_SECS: u64 = 600;
/// The helper's output: silent, no colour; its one line of trouble goes to stderr.
const FLAGS: Flags =
    Flags { format: Format::Text, quiet: true, color: Color::Never, verbose: false };
/// Largest stdin read: a server name, or `store`'s small JSON.
const MAX_INPUT: u64 = 64 << 10;

const USAGE: &str = "Usage: docker-credential-cr-ext <get|store|erase|list|version>\n\
\n\
The credential helper of cr-ext: docker, podman, buildah and skopeo run it to get a fresh\n\
IBM Cloud IAM token for ICR on every pull and push. Set it up with `cr-ext configure`.\n";

/// Runs the helper with its arguments (program name excluded) and returns the exit code.
pub(crate) fn run(args: &[OsString]) -> u8 {
    let action = match args {
        [one] => one.to_str(),
        _ => None,
    };
    match action {
        Some("get") => get(),
        Some("store" | "erase") => {
            // Nothing is stored: the token comes fresh on every get. Succeeding keeps a plain
            // `docker login HOST` and `docker logout HOST` working.
            let _ = read_stdin();
            exit::SUCCESS
        }
        Some("list") => list(),
        Some("version" | "--version" | "-v") => {
            print(&format!("{}\n", helper_link::VERSION), exit::SUCCESS)
        }
        Some("--help" | "-h") => print(USAGE, exit::SUCCESS),
        _ => print(USAGE, exit::FAILURE),
    }
}

fn print(text: &str, code: u8) -> u8 {
    match output::stdout(text) {
        Ok(()) => code,
        Err(_) => exit::FAILURE,
    }
}

fn read_stdin() -> std::io::Result<String> {
    let mut input = Vec::new();
    std::io::stdin().take(MAX_INPUT).read_to_end(&mut input)?;
    Ok(String::from_utf8_lossy(&input).into_owned())
}

fn get() -> u8 {
    let server = match read_stdin() {
        Ok(s) => s,
        Err(e) => {
            return not_found(Some(&Error::usage(
                format!("cannot read the server name from stdin: {e}"),
                "docker, podman, buildah and skopeo write it there",
            )));
        }
    };
    let host = registry::normalize(&server);
    let own = match own_config::load() {
        Ok(own) => own,
        Err(e) => return not_found(Some(&e)),
    };
    if !registry::served(&host, &own.registries) {
        return not_found(None);
    }
    match token(&own) {
        Ok(obtained) => {
            let answer = json!({
                "ServerURL": host,
                "Username": "iambearer",
                "Secret": obtained.secret.expose(),
            });
            print(&format!("{answer}\n"), exit::SUCCESS)
        }
        Err(e) => not_found(Some(&e)),
    }
}

/// The helper's bound on IAM and `ibmcloud`: `CR_EXT_HELPER_TIMEOUT` seconds.
///
/// # Errors
/// The variable is not a whole number from 1 to [`MAX_TIMEOUT_SECS`].
fn bound() -> Result<Duration> {
    let Some(value) = env::get(env::CR_EXT_HELPER_TIMEOUT) else {
        return Ok(Duration::from_secs(DEFAULT_TIMEOUT_SECS));
    };
    match value.trim().parse::<u64>() {
        Ok(secs) if (1..=MAX_TIMEOUT_SECS).contains(&secs) => Ok(Duration::from_secs(secs)),
        _ => Err(Error::usage(
            format!(
                "{} is '{}', not a number of seconds from 1 to {MAX_TIMEOUT_SECS}",
                env::CR_EXT_HELPER_TIMEOUT,
                one_line(&value)
            ),
            format!(
                "set {}=SECONDS, or unset it for {DEFAULT_TIMEOUT_SECS}",
                env::CR_EXT_HELPER_TIMEOUT
            ),
        )),
    }
}

/// The token of [`Input::for_helper`]'s identity; IAM, the metadata service and `ibmcloud`
/// bounded by [`bound`].
fn token(own: &own_config::OwnConfig) -> Result<Obtained> {
    let config = IbmcloudConfig::load()?;
    setup::start(FLAGS, Some(&config))?;
    let wait = bound()?;
    let input = Input::for_helper(own);
    let mut plan = CredentialPlan::new(&input, &config)?;
    plan.http_timeout = plan.http_timeout.min(wait);
    plan.fresh_bearer(&config, wait, &|e| describe(e, wait))
}

/// The one line (message, hint) the helper shows for `error`, scrubbed. A wait that ran out
/// names what the user can change: the helper takes no flags, so `--timeout` would not do.
fn describe(error: &Error, wait: Duration) -> (String, Option<String>) {
    let timed_out = match error {
        Error::TimedOut { .. } => true,
        Error::IamUnavailable { reason, .. } => {
            reason.contains("timed out") || reason.starts_with("no answer within")
        }
        _ => false,
    };
    let hint = if timed_out {
        Some(format!(
            "the credential helper waits {} s; if the network or IAM is just slow, set {}=SECONDS in the environment the client runs in",
            wait.as_secs(),
            env::CR_EXT_HELPER_TIMEOUT
        ))
    } else {
        error.hint()
    };
    (one_line(&error.to_string()), hint.map(|h| one_line(&h)))
}

/// "Not found" on stdout, exit 1; with an error, one line with the reason and a hint on
/// stderr, which the client passes through to the user's terminal.
fn not_found(error: Option<&Error>) -> u8 {
    if let Some(e) = error {
        let (message, hint) =
            describe(e, bound().unwrap_or(Duration::from_secs(DEFAULT_TIMEOUT_SECS)));
        let hint = hint.map(|h| format!(" (hint: {h})")).unwrap_or_default();
        output::stderr_line(&format!("{NAME}: {message}{hint}"));
    }
    print(&format!("{NOT_FOUND}\n"), exit::FAILURE);
    exit::FAILURE
}

/// `list`: every host served, with its username.
fn list() -> u8 {
    let extra = own_config::load().map(|o| o.registries).unwrap_or_default();
    let mut hosts: Map<String, Value> = Map::new();
    for host in registry::iam_hosts().into_iter().map(str::to_owned).chain(extra) {
        hosts.insert(host, json!("iambearer"));
    }
    print(&format!("{}\n", Value::Object(hosts)), exit::SUCCESS)
}
