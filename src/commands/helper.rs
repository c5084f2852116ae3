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

use crate::credential::{CredentialPlan, Input, KeyInput, Obtained};
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
/// Bound on `ibmcloud` when the helper runs it.
const CHILD_TIMEOUT: Duration = Duration::from_secs(60);
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

/// The token: `IBMCLOUD_API_KEY`, else the key file `configure --apikey-file` recorded, else
/// the ibmcloud CLI session.
fn token(own: &own_config::OwnConfig) -> Result<Obtained> {
    let config = IbmcloudConfig::load()?;
    setup::start(FLAGS, Some(&config))?;
    let key = match &own.apikey_file {
        Some(path) if env::get(env::IBMCLOUD_API_KEY).is_none() => KeyInput::File(path.clone()),
        _ => KeyInput::None,
    };
    let plan = CredentialPlan::new(&Input::bearer(key), &config)?;
    plan.fresh_bearer(&config, CHILD_TIMEOUT)
}

/// "Not found" on stdout, exit 1; with an error, one line with the reason and a hint on
/// stderr, which the client passes through to the user's terminal.
fn not_found(error: Option<&Error>) -> u8 {
    if let Some(e) = error {
        let hint = e.hint().map(|h| format!(" (hint: {})", one_line(&h))).unwrap_or_default();
        output::stderr_line(&format!("{NAME}: {}{hint}", one_line(&e.to_string())));
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
