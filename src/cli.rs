//! The command line, as clap types only. Doc comments are the help text; nothing here does I/O.
//! The core's own enums that clap parses (client, username kind, output format, colour) get
//! their command-line names and help here, so the core knows nothing of clap; `plan` turns
//! the rest into validated work.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::clients::ClientKind;
use crate::credential::Username;
use crate::examples;
use crate::output::{Color, Format};

/// Log container clients in to IBM Cloud Container Registry.
///
/// Takes an IBM Cloud credential (your CLI session's token, or an API key) and hands it, on
/// stdin only, to docker, podman, buildah or skopeo for the right ICR domains.
#[derive(Debug, Parser)]
#[command(name = "cr-ext", version, after_help = crate::error::exit::help(), propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,

    /// Output format: human-readable text, or one JSON document on stdout.
    #[arg(long, global = true, value_enum, ignore_case = true, value_name = "FORMAT",
          default_value_t = Format::Text)]
    pub(crate) output: Format,

    /// When to use colour.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub(crate) color: Color,

    /// Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is
    /// data (token, regions, clients) still print it on stdout; `status -q` prints nothing.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,

    /// Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is
    /// stopped; also the longest wait for another run's lock on a credentials file, and the
    /// longest `doctor` waits on the network (each request at most 10 s).
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 60,
          value_parser = timeout_secs)]
    pub(crate) timeout: u64,

    /// Trace each step (credential source, endpoint, children) to stderr, secrets as ****.
    /// IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file.
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Log container clients in to ICR registries with your IBM Cloud session or an API key.
    #[command(after_help = examples::help("login"))]
    Login(LoginArgs),
    /// Log container clients out of ICR registries (the same targets as login).
    Logout(LogoutArgs),
    /// Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when
    /// not logged in or the token expired).
    Status(StatusArgs),
    /// Say why a pull or push to ICR is refused, and the command that fixes it (read only).
    #[command(after_help = examples::help("doctor"))]
    Doctor(DoctorArgs),
    /// Print a fresh IAM access token (the raw JWT), for piping into other tools.
    #[command(after_help = examples::help("token"))]
    Token(TokenArgs),
    /// Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token
    /// on every pull and push and no secret is stored.
    #[command(after_help = examples::help("configure"))]
    Configure(ConfigureArgs),
    /// Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply
    /// it with kubectl).
    #[command(after_help = examples::help("pull-secret"))]
    PullSecret(PullSecretArgs),
    /// Create, list and delete least-privilege registry keys: a service ID, its Container
    /// Registry policies and its API key, in one step.
    #[command(subcommand)]
    ServiceKey(ServiceKeyCommand),
    /// Answer a kubelet's image credential request on stdin (run by the kubelet: see
    /// `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider.
    KubeletCredentialProvider(KubeletProviderArgs),
    /// Print the kubelet's CredentialProviderConfig that runs cr-ext for every ICR image.
    #[command(after_help = examples::help("kubelet-config"))]
    KubeletConfig(KubeletConfigArgs),
    /// List the ICR regions, their legacy names and registry domains.
    #[command(after_help = examples::help("regions"))]
    Regions,
    /// List the supported container clients found on PATH.
    #[command(after_help = examples::help("clients"))]
    Clients,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = examples::help("completions"))]
    Completions {
        /// The shell.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login).
    #[command(after_help = examples::help("shell-init"))]
    ShellInit(ShellInitArgs),
    /// ibmcloud plugin protocol: print the plugin metadata JSON.
    #[command(name = "SendMetadata", hide = true)]
    SendMetadata,
    /// ibmcloud plugin protocol: print completion candidates, one per line.
    #[command(name = "SendCompletion", hide = true)]
    SendCompletion {
        /// The words typed so far (namespace, command, arguments).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        words: Vec<String>,
    },
    /// Write the man pages into a directory (used by scripts/generate.sh).
    #[command(hide = true)]
    Man {
        /// Where to write cr-ext.1 and one page per command.
        #[arg(long, value_name = "DIR")]
        dir: std::path::PathBuf,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ShellInitArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub(crate) shell: InitShell,

    /// Name of the function that runs `cr-ext login`.
    #[arg(long, value_name = "NAME", default_value = "icr", value_parser = function_name)]
    pub(crate) login_function: String,

    /// Name of the function that runs `cr-ext token`.
    #[arg(long, value_name = "NAME", default_value = "icr-token", value_parser = function_name)]
    pub(crate) token_function: String,

    /// Define no `cr-ext login` function.
    #[arg(long)]
    pub(crate) no_login_function: bool,

    /// Define no `cr-ext token` function.
    #[arg(long)]
    pub(crate) no_token_function: bool,
}

/// Shells `shell-init` supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InitShell {
    /// GNU bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

/// The longest `--timeout`, seconds.
pub(crate) const MAX_TIMEOUT: u64 = 3600;

/// `--timeout`: a whole number of seconds from 1 to [`MAX_TIMEOUT`].
fn timeout_secs(value: &str) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(secs) if (1..=MAX_TIMEOUT).contains(&secs) => Ok(secs),
        _ => Err(format!("it must be a whole number of seconds from 1 to {MAX_TIMEOUT}")),
    }
}

/// A shell function name: letters, digits, `_` and `-`, not starting with `-`.
fn function_name(value: &str) -> Result<String, String> {
    let ok = !value.is_empty()
        && !value.starts_with('-')
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok { Ok(value.to_owned()) } else { Err("use letters, digits, '_' and '-' only".into()) }
}

/// `--region` values: any string (plan.rs validates it with a better message), but the region
/// and legacy names are offered to completion scripts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegionName;

impl TypedValueParser for RegionName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(crate::registry::all_names().into_iter().map(PossibleValue::new)))
    }
}

#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    #[command(flatten)]
    pub(crate) targets: TargetArgs,

    /// Registry username, which picks the secret: an access token (iambearer), the API key
    /// itself (iamapikey) or a refresh token (iamrefresh).
    #[arg(long = "as", value_enum, default_value_t = Username::Bearer, value_name = "KIND")]
    pub(crate) username: Username,

    /// Print the commands that would run (secret shown as ****); run nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

/// Which clients and registries: every client × every registry. The doc comments are the help
/// of login and logout; other commands say their own defaults with `mut_arg`.
#[derive(Debug, Args)]
pub(crate) struct TargetArgs {
    #[command(flatten)]
    pub(crate) clients: ClientArgs,

    #[command(flatten)]
    pub(crate) registries: RegistryArgs,
}

/// Which clients.
#[derive(Debug, Args)]
pub(crate) struct ClientArgs {
    /// Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client
    /// flag is given; default: first found of docker, podman, buildah, skopeo].
    #[arg(short, long, value_enum, value_name = "NAME", value_delimiter = ',')]
    pub(crate) client: Vec<ClientKind>,

    /// Every supported client found on PATH.
    #[arg(long, conflicts_with = "client")]
    pub(crate) all_clients: bool,
}

/// Which registries.
#[derive(Debug, Args)]
pub(crate) struct RegistryArgs {
    /// ICR region or legacy region name, repeatable (see `cr-ext regions`) [env:
    /// CR_EXT_REGION, when no region or registry flag is given; default: the region targeted
    /// by the ibmcloud CLI, else global].
    #[arg(short, long, value_name = "NAME", value_parser = RegionName, hide_possible_values = true)]
    pub(crate) region: Vec<String>,

    /// Registry host, repeatable, instead of or besides a region's domain.
    #[arg(long, value_name = "HOST[:PORT]")]
    pub(crate) registry: Vec<String>,

    /// Every region's registry domain (the private ones with --private).
    #[arg(long, conflicts_with = "region")]
    pub(crate) all_regions: bool,

    /// Use the regions' private-endpoint domains (private.<domain>), and IAM's private endpoint.
    #[arg(long)]
    pub(crate) private: bool,
}

#[derive(Debug, Args)]
#[command(
    mut_arg("client", |a| a.help("Container client, repeatable or comma-separated [default: every supported client on PATH]")),
    mut_arg("all_clients", |a| a.help("Every supported client found on PATH (the default)")),
    mut_arg("region", |a| a.help("ICR region or legacy region name, repeatable [default: every region]")),
    mut_arg("registry", |a| a.help("Registry host, repeatable; recorded so that the helper serves it too")),
    mut_arg("all_regions", |a| a.help("Every region's registry domain (the default when no region or registry is given)")),
    mut_arg("private", |a| a.help("The regions' private-endpoint domains (private.<domain>) instead of the public ones")),
)]
pub(crate) struct ConfigureArgs {
    #[command(flatten)]
    pub(crate) targets: TargetArgs,

    /// API key file the helper reads (the path is recorded, never the key) [default:
    /// IBMCLOUD_API_KEY, else the ibmcloud CLI session].
    #[arg(long, value_name = "PATH")]
    pub(crate) apikey_file: Option<std::path::PathBuf>,

    /// The helper logs in as this trusted profile (ID, name or CRN) with a compute-resource
    /// token, no API key; with --vpc-cri, the profile (ID or CRN) for the instance's token.
    /// Recorded instead of an API key file.
    #[arg(long, value_name = "ID|NAME|CRN", conflicts_with = "apikey_file")]
    pub(crate) profile: Option<String>,

    /// The compute-resource token file the helper reads on every token it fetches (the path
    /// is recorded, never the token) [default: the first of the standard paths].
    #[arg(long, value_name = "PATH", requires = "profile", conflicts_with = "vpc_cri")]
    pub(crate) cr_token_file: Option<std::path::PathBuf>,

    /// The helper gets its identity from the VPC instance metadata service.
    #[arg(long, conflicts_with = "apikey_file")]
    pub(crate) vpc_cri: bool,

    /// The VPC instance metadata service the helper asks [default:
    /// http://api.metadata.cloud.ibm.com].
    #[arg(long, value_name = "URL", requires = "vpc_cri")]
    pub(crate) metadata_endpoint: Option<String>,

    /// Remove the helper: exactly the credHelpers entries that name cr-ext for these hosts.
    #[arg(long)]
    pub(crate) remove: bool,

    /// Show what would change; change nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// `pull-secret --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SecretFormat {
    /// The Secret as YAML.
    Yaml,
    /// The Secret as JSON.
    Json,
    /// Just the decoded .dockerconfigjson.
    Dockerconfigjson,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // Each is a command-line switch.
#[command(
    mut_arg("region", |a| a.help("ICR region or legacy region name, repeatable [default: every region, as all-icr-io]")),
    mut_arg("registry", |a| a.help("Registry host, repeatable, besides the regions' domains")),
    mut_arg("all_regions", |a| a.help("Every region's registry domain (the default when no region or registry is given)")),
    mut_arg("private", |a| a.help("Add the regions' private-endpoint domains (private.<domain>)")),
)]
pub(crate) struct PullSecretArgs {
    /// Registry username, which picks the secret: the API key itself (iamapikey, does not
    /// expire), or an access token (iambearer) or refresh token (iamrefresh), which expire.
    #[arg(long = "as", value_enum, default_value_t = Username::Apikey, value_name = "KIND")]
    pub(crate) username: Username,

    #[command(flatten)]
    pub(crate) registries: RegistryArgs,

    /// What to print: the Secret as YAML or JSON, or just its .dockerconfigjson [default:
    /// yaml; json with --output json].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) format: Option<SecretFormat>,

    /// The secret's name (a DNS-1123 subdomain).
    #[arg(long, value_name = "NAME", default_value = "all-icr-io", value_parser = dns_subdomain)]
    pub(crate) name: String,

    /// The secret's namespace (a DNS-1123 label) [default: none in the manifest, so kubectl's
    /// current namespace].
    #[arg(short, long, value_name = "NAMESPACE", value_parser = dns_label)]
    pub(crate) namespace: Option<String>,

    /// Start from an existing .dockerconfigjson, auth.json or Secret (JSON): keep every other
    /// host's entry, replace the ICR hosts.
    #[arg(long, value_name = "FILE")]
    pub(crate) merge: Option<std::path::PathBuf>,

    /// Apply the secret with `kubectl apply -f -` (the manifest on kubectl's stdin).
    #[arg(long)]
    pub(crate) apply: bool,

    /// With --apply: add the secret to this service account's imagePullSecrets (repeatable),
    /// keeping the entries already there.
    #[arg(long, value_name = "NAME", requires = "apply", value_parser = dns_subdomain)]
    pub(crate) service_account: Vec<String>,

    /// With --apply: the kubeconfig context.
    #[arg(long, value_name = "NAME", requires = "apply")]
    pub(crate) context: Option<String>,

    /// With --apply: the kubeconfig file.
    #[arg(long, value_name = "PATH", requires = "apply")]
    pub(crate) kubeconfig: Option<std::path::PathBuf>,

    /// Write the secret to this file (mode 0600) instead of stdout; `-` is stdout. Only a
    /// regular file or a new path is written, never a device, FIFO or directory.
    #[arg(long, value_name = "PATH", conflicts_with = "apply")]
    pub(crate) output_file: Option<std::path::PathBuf>,

    /// With --output-file: replace an existing file.
    #[arg(long, requires = "output_file")]
    pub(crate) force: bool,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

/// A DNS-1123 subdomain (Kubernetes object names): at most 253 lower-case letters, digits,
/// '-' and '.', starting and ending with a letter or digit.
fn dns_subdomain(value: &str) -> Result<String, String> {
    let ok =
        !value.is_empty() && value.len() <= 253 && value.split('.').all(|l| dns_label(l).is_ok());
    if ok {
        Ok(value.to_owned())
    } else {
        Err("a Kubernetes name is lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters".into())
    }
}

/// A DNS-1123 label (namespaces): at most 63 lower-case letters, digits and '-', starting and
/// ending with a letter or digit.
fn dns_label(value: &str) -> Result<String, String> {
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ok = value.len() <= 63
        && edge(value.as_bytes().first())
        && edge(value.as_bytes().last())
        && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(value.to_owned())
    } else {
        Err("a namespace is lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters".into())
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum ServiceKeyCommand {
    /// Create a service ID with Container Registry access to namespaces, and its API key
    /// (written once, to a file); undo everything if a step fails.
    #[command(after_help = examples::help("service-key create"))]
    Create(ServiceKeyCreateArgs),
    /// Replace a service ID's API key: a new key (written to a file), checked at IAM, put in
    /// pull secrets with --apply, then the older keys beyond --keep deleted; undo everything
    /// if a step before the deletion fails.
    #[command(after_help = examples::help("service-key rotate"))]
    Rotate(ServiceKeyRotateArgs),
    /// List the service IDs cr-ext created, with their policies and API keys (never a key's
    /// value).
    List(ServiceKeyListArgs),
    /// Delete a service ID with its API keys and policies.
    Delete(ServiceKeyDeleteArgs),
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // Each is a command-line switch.
pub(crate) struct ServiceKeyCreateArgs {
    /// Name of the service ID (and of its API key).
    #[arg(value_name = "NAME", value_parser = service_name)]
    pub(crate) name: String,

    /// Container Registry namespace to grant access to, repeatable (one policy each).
    #[arg(short, long = "namespace", value_name = "NS", required = true, value_parser = registry_namespace)]
    pub(crate) namespaces: Vec<String>,

    /// The access: reader (pull), writer (push and pull) or manager.
    #[arg(long, value_enum, default_value_t = Role::Reader)]
    pub(crate) role: Role,

    /// Region the policies are limited to, repeatable [default: the region the ibmcloud CLI
    /// targets, else every region].
    #[arg(short, long, value_name = "NAME", value_parser = RegionName, hide_possible_values = true)]
    pub(crate) region: Vec<String>,

    /// Description of the service ID (cr-ext marks it as its own).
    #[arg(long, value_name = "TEXT")]
    pub(crate) description: Option<String>,

    /// Where to write the API key, in the JSON form `ibmcloud iam service-api-key-create --file`
    /// writes; created with mode 0600, never overwritten; `-` prints it on stdout [default:
    /// NAME.json].
    #[arg(long, value_name = "PATH")]
    pub(crate) file: Option<std::path::PathBuf>,

    /// Use the service ID of that name when it exists, instead of refusing.
    #[arg(long)]
    pub(crate) reuse: bool,

    /// Print the requests (secrets as ****); send nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // Each is a command-line switch.
pub(crate) struct ServiceKeyRotateArgs {
    /// Name of the service ID (one cr-ext created).
    #[arg(value_name = "NAME", value_parser = service_name)]
    pub(crate) name: String,

    /// Where to write the new API key, in the JSON form `ibmcloud iam service-api-key-create
    /// --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout.
    #[arg(long, value_name = "PATH", required = true)]
    pub(crate) file: std::path::PathBuf,

    /// How many of the service ID's cr-ext keys to keep, the new one included (1 to 20): the
    /// older ones are deleted once the new key works.
    #[arg(long, value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(1..=20))]
    pub(crate) keep: u32,

    /// Put the new key in the pull secret of each --namespace with `kubectl apply -f -` (the
    /// manifest on kubectl's stdin), replacing the secret whole.
    #[arg(long)]
    pub(crate) apply: bool,

    /// With --apply: the Kubernetes namespace of a pull secret, repeatable [default: kubectl's
    /// current namespace].
    #[arg(short, long = "namespace", value_name = "NAMESPACE", requires = "apply",
          value_parser = dns_label)]
    pub(crate) namespaces: Vec<String>,

    /// With --apply: the pull secret's name (a DNS-1123 subdomain).
    #[arg(long, value_name = "NAME", default_value = "all-icr-io", value_parser = dns_subdomain)]
    pub(crate) secret_name: String,

    /// With --apply: add the secret to this service account's imagePullSecrets in each
    /// namespace (repeatable), keeping the entries already there.
    #[arg(long, value_name = "NAME", requires = "apply", value_parser = dns_subdomain)]
    pub(crate) service_account: Vec<String>,

    /// With --apply: the kubeconfig context.
    #[arg(long, value_name = "NAME", requires = "apply")]
    pub(crate) context: Option<String>,

    /// With --apply: the kubeconfig file.
    #[arg(long, value_name = "PATH", requires = "apply")]
    pub(crate) kubeconfig: Option<std::path::PathBuf>,

    /// Print every request and kubectl call (secrets as ****); send and run nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ServiceKeyListArgs {
    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ServiceKeyDeleteArgs {
    /// Name of the service ID.
    #[arg(value_name = "NAME", value_parser = service_name)]
    pub(crate) name: String,

    /// Delete without asking (needed when stdin is not a terminal).
    #[arg(short, long)]
    pub(crate) yes: bool,

    /// Print the requests; send nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

/// `--role` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Role {
    /// Pull images.
    Reader,
    /// Push and pull images.
    Writer,
    /// Manage the namespace.
    Manager,
}

impl Role {
    /// IAM's name of the role.
    #[must_use]
    pub(crate) fn iam_name(self) -> &'static str {
        match self {
            Role::Reader => "Reader",
            Role::Writer => "Writer",
            Role::Manager => "Manager",
        }
    }
}

/// A service ID name: printable, 1 to 100 characters, no control characters.
fn service_name(value: &str) -> Result<String, String> {
    let ok = !value.trim().is_empty()
        && value.trim() == value
        && value.chars().count() <= 100
        && !value.chars().any(|c| c.is_control() || "/\\<>\"`$".contains(c))
        && !value.starts_with(['-', '.']);
    if ok {
        Ok(value.to_owned())
    } else {
        Err("a name is 1 to 100 printable characters, without / \\ < > \" ` $ or spaces at either end, not starting with - or . (it also names the key file NAME.json)".into())
    }
}

/// A Container Registry namespace: 4 to 30 lower-case letters, digits, '-' and '_', starting
/// with a letter or digit.
fn registry_namespace(value: &str) -> Result<String, String> {
    let ok = (4..=30).contains(&value.len())
        && value.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_owned())
    } else {
        Err("a registry namespace is 4 to 30 lower-case letters, digits, '-' and '_', starting with a letter or digit".into())
    }
}

#[derive(Debug, Args)]
pub(crate) struct LogoutArgs {
    #[command(flatten)]
    pub(crate) targets: TargetArgs,
}

#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
pub(crate) struct DoctorArgs {
    /// The image to check, HOST/NAMESPACE/REPOSITORY[:TAG|@DIGEST] (e.g.
    /// us.icr.io/team-a/app:v1); without one, the identity and every client's set-up.
    #[arg(value_name = "IMAGE")]
    pub(crate) image: Option<String>,

    /// Check push access too: ask the registry for pull and push (nothing is pushed).
    #[arg(long)]
    pub(crate) push: bool,

    /// Check only this client, repeatable or comma-separated [default: every one on PATH].
    #[arg(short, long, value_enum, value_name = "NAME", value_delimiter = ',')]
    pub(crate) client: Vec<ClientKind>,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
pub(crate) struct TokenArgs {
    /// Use IAM's private endpoint.
    #[arg(long)]
    pub(crate) private: bool,

    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

/// Where the IBM Cloud credential comes from. Without an API key: the ibmcloud CLI session.
/// The kubelet credential provider's own settings.
#[derive(Debug, Args)]
pub(crate) struct KubeletArgs {
    /// Another registry host to serve besides ICR's, repeatable.
    #[arg(long, value_name = "HOST[:PORT]")]
    pub(crate) registry: Vec<String>,

    /// Where tokens from a node identity are cached (0700) [default: the user's cache
    /// directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it].
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<std::path::PathBuf>,

    /// The service-account annotation naming a pod's trusted profile (pod identity).
    #[arg(long, value_name = "KEY", default_value = crate::kubelet::PROFILE_ANNOTATION)]
    pub(crate) profile_annotation: String,
}

#[derive(Debug, Args)]
pub(crate) struct KubeletProviderArgs {
    #[command(flatten)]
    pub(crate) kubelet: KubeletArgs,

    /// The node identity: an API key file, a trusted profile with a token file, or the VPC
    /// instance identity (the request itself arrives on stdin, so --apikey-stdin is refused).
    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
pub(crate) struct KubeletConfigArgs {
    #[command(flatten)]
    pub(crate) kubelet: KubeletArgs,

    /// Pods pull with their own trusted profile: the kubelet sends each pod's service-account
    /// token (audience iam; Kubernetes 1.34 and later), and the annotation names the profile.
    #[arg(long)]
    pub(crate) service_account_token: bool,

    /// The node identity the provider uses (recorded by path or name, never a secret).
    #[command(flatten)]
    pub(crate) credential: CredentialArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CredentialArgs {
    /// Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes
    /// the key itself, so it never shows in a process list).
    #[arg(long, value_name = "PATH", conflicts_with = "apikey_stdin")]
    pub(crate) apikey_file: Option<std::path::PathBuf>,

    /// Read an API key from stdin.
    #[arg(long)]
    pub(crate) apikey_stdin: bool,

    /// Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource
    /// token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN)
    /// to get a token for; with --as profile, the profile ID used as the registry username.
    #[arg(long, value_name = "ID|NAME|CRN")]
    pub(crate) profile: Option<String>,

    /// The compute-resource token (a pod's projected service-account token, Code Engine's
    /// token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of
    /// /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token,
    /// /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token].
    #[arg(long, value_name = "PATH", conflicts_with_all = ["apikey_file", "apikey_stdin"])]
    pub(crate) cr_token_file: Option<std::path::PathBuf>,

    /// Get the identity from the VPC instance metadata service (a VPC virtual server with
    /// the metadata service on) [env: IBMCLOUD_VPC_CRI=true].
    #[arg(long, conflicts_with_all = ["apikey_file", "apikey_stdin", "cr_token_file"])]
    pub(crate) vpc_cri: bool,

    /// The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default:
    /// http://api.metadata.cloud.ibm.com].
    #[arg(long, value_name = "URL")]
    pub(crate) metadata_endpoint: Option<String>,

    /// IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI
    /// config's IAMEndpoint, else https://iam.cloud.ibm.com].
    #[arg(long, value_name = "URL")]
    pub(crate) iam_endpoint: Option<String>,
}

impl ValueEnum for Username {
    fn value_variants<'a>() -> &'a [Self] {
        &Username::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Username::Bearer => PossibleValue::new("bearer").help(
                "`iambearer` with an IAM access token (from the API key, else the CLI session)",
            ),
            Username::Apikey => PossibleValue::new("apikey").help(
                "`iamapikey` with the API key itself; no network call, valid until the key is revoked",
            ),
            Username::Refresh => PossibleValue::new("refresh").help(
                "`iamrefresh` with a refresh token (from the API key exchange, else the CLI session)",
            ),
            Username::Profile => PossibleValue::new("profile").help(
                "the trusted profile ID (--profile) with a service-ID API key it trusts: ICR's trusted-profile login; no network call",
            ),
        })
    }
}

impl ValueEnum for ClientKind {
    fn value_variants<'a>() -> &'a [Self] {
        &ClientKind::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            ClientKind::Docker => "Docker CLI (needs no daemon to log in)",
            ClientKind::Podman => "Podman",
            ClientKind::Buildah => "Buildah",
            ClientKind::Skopeo => "Skopeo",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Text, Format::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Format::Text => PossibleValue::new("text").help("Human-readable text"),
            Format::Json => PossibleValue::new("json").help("One JSON document on stdout"),
        })
    }
}

impl ValueEnum for Color {
    fn value_variants<'a>() -> &'a [Self] {
        &[Color::Auto, Color::Always, Color::Never]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Color::Auto => PossibleValue::new("auto")
                .help("Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false"),
            Color::Always => PossibleValue::new("always").help("Always colour"),
            Color::Never => PossibleValue::new("never").help("Never colour"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn kubernetes_names_follow_dns_1123() {
        for ok in ["all-icr-io", "a", "a.b-c", "x1"] {
            assert!(dns_subdomain(ok).is_ok(), "{ok}");
        }
        for bad in ["", "All", "-a", "a-", "a..b", "a_b", &"a".repeat(254)] {
            assert!(dns_subdomain(bad).is_err(), "{bad}");
        }
        for ok in ["default", "team-a", "a1"] {
            assert!(dns_label(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a.b", "Team", "-x", "x-", &"a".repeat(64)] {
            assert!(dns_label(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn targets_repeat_and_split_on_commas() {
        let cli = Cli::try_parse_from([
            "cr-ext",
            "login",
            "-c",
            "docker,podman",
            "-r",
            "us-south",
            "-r",
            "eu-de",
        ])
        .unwrap();
        let Command::Login(args) = cli.command else { panic!() };
        assert_eq!(args.targets.clients.client, [ClientKind::Docker, ClientKind::Podman]);
        assert_eq!(args.targets.registries.region, ["us-south", "eu-de"]);
        let err =
            Cli::try_parse_from(["cr-ext", "login", "--all-regions", "-r", "eu-de"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }
}
