//! Every environment variable cr-ext reads, named once with what it means. Code reads them
//! through these constants; the man pages' ENVIRONMENT section is generated from [`DOCUMENTED`]
//! and a test checks the README against it. A leaf: it imports nothing from the crate.

/// An IBM Cloud API key, or `@PATH` of a file holding one.
pub(crate) const IBMCLOUD_API_KEY: &str = "IBMCLOUD_API_KEY";
/// A trusted profile (ID, name or CRN) for a compute-resource token or the VPC metadata service.
pub(crate) const IBMCLOUD_CR_PROFILE: &str = "IBMCLOUD_CR_PROFILE";
/// A compute-resource token, or `@PATH` of the file holding one.
pub(crate) const IBMCLOUD_CR_TOKEN: &str = "IBMCLOUD_CR_TOKEN";
/// `true`: the VPC instance metadata service gives the identity.
pub(crate) const IBMCLOUD_VPC_CRI: &str = "IBMCLOUD_VPC_CRI";
/// The VPC instance metadata service, when `--metadata-endpoint` is not given.
pub(crate) const IBMCLOUD_VPC_METADATA_ENDPOINT: &str = "IBMCLOUD_VPC_METADATA_ENDPOINT";
/// Default container client(s) when neither `--client` nor `--all-clients` is given.
pub(crate) const CR_EXT_CLIENT: &str = "CR_EXT_CLIENT";
/// Default region(s) when none of `--region`, `--registry`, `--all-regions` is given.
pub(crate) const CR_EXT_REGION: &str = "CR_EXT_REGION";
/// IAM endpoint, when `--iam-endpoint` is not given.
pub(crate) const IAM_ENDPOINT: &str = "IAM_ENDPOINT";
/// Where the CLI's `.ibmcloud` (or `.bluemix`) directory lives.
pub(crate) const IBMCLOUD_HOME: &str = "IBMCLOUD_HOME";
/// The deprecated name of `IBMCLOUD_HOME`.
pub(crate) const BLUEMIX_HOME: &str = "BLUEMIX_HOME";
/// The CLI's config directory itself.
pub(crate) const IBMCLOUD_CONFIG_HOME: &str = "IBMCLOUD_CONFIG_HOME";
/// Seconds each request to IAM may take.
pub(crate) const IBMCLOUD_HTTP_TIMEOUT: &str = "IBMCLOUD_HTTP_TIMEOUT";
/// Tracing: `true` to stderr, `false` off, anything else a file to append to.
pub(crate) const IBMCLOUD_TRACE: &str = "IBMCLOUD_TRACE";
/// The deprecated name of `IBMCLOUD_TRACE`.
pub(crate) const BLUEMIX_TRACE: &str = "BLUEMIX_TRACE";
/// Set to `false` for the `ibmcloud` children cr-ext runs: no version-check nag.
pub(crate) const IBMCLOUD_VERSION_CHECK: &str = "IBMCLOUD_VERSION_CHECK";
/// Colour on or off.
pub(crate) const IBMCLOUD_COLOR: &str = "IBMCLOUD_COLOR";
/// The deprecated name of `IBMCLOUD_COLOR`.
pub(crate) const BLUEMIX_COLOR: &str = "BLUEMIX_COLOR";
/// Any non-empty value turns colour off.
pub(crate) const NO_COLOR: &str = "NO_COLOR";
/// Set by the ibmcloud CLI when it runs cr-ext as its plugin.
pub(crate) const IBMCLOUD_PLUGIN_NAMESPACE: &str = "IBMCLOUD_PLUGIN_NAMESPACE";
/// docker's config directory (and, when set, the containers tools' credentials file too).
pub(crate) const DOCKER_CONFIG: &str = "DOCKER_CONFIG";
/// The containers tools' credentials file.
pub(crate) const REGISTRY_AUTH_FILE: &str = "REGISTRY_AUTH_FILE";
/// The per-user runtime directory (the containers tools' default credentials file).
pub(crate) const XDG_RUNTIME_DIR: &str = "XDG_RUNTIME_DIR";
/// The user's home.
pub(crate) const HOME: &str = "HOME";
/// Where programs are found (the clients, ibmcloud, the credential helper).
pub(crate) const PATH: &str = "PATH";
/// Base of per-user config (cr-ext's own config.json, the containers tools' persistent auth.json).
pub(crate) const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
/// Base of per-user caches (the credential helper's token cache).
pub(crate) const XDG_CACHE_HOME: &str = "XDG_CACHE_HOME";
/// Seconds the credential helper waits for IAM or `ibmcloud`.
pub(crate) const CR_EXT_HELPER_TIMEOUT: &str = "CR_EXT_HELPER_TIMEOUT";
/// `1` turns the credential helper's token cache off.
pub(crate) const CR_EXT_NO_CACHE: &str = "CR_EXT_NO_CACHE";
/// The proxy for https (reqwest reads it; `doctor` names it when a registry is unreachable).
pub(crate) const HTTPS_PROXY: &str = "HTTPS_PROXY";
/// The same, as curl and others also spell it.
pub(crate) const HTTPS_PROXY_LOWER: &str = "https_proxy";
/// `HOST=IP:PORT,…`: where `doctor` connects for a registry host (as curl's `--resolve`).
pub(crate) const CR_EXT_RESOLVE: &str = "CR_EXT_RESOLVE";
/// Windows: the user's profile directory (docker's and the containers tools' home).
pub(crate) const USERPROFILE: &str = "USERPROFILE";
/// Windows: the drive of the user's home (with `HOMEPATH`, the ibmcloud CLI's home).
pub(crate) const HOMEDRIVE: &str = "HOMEDRIVE";
/// Windows: the user's home on `HOMEDRIVE`.
pub(crate) const HOMEPATH: &str = "HOMEPATH";
/// Windows: the roaming per-user config directory (cr-ext's own config).
pub(crate) const APPDATA: &str = "APPDATA";
/// Windows: the local per-user data directory (the credential helper's token cache).
pub(crate) const LOCALAPPDATA: &str = "LOCALAPPDATA";

/// The variables a user sets, with what they do: the man pages' ENVIRONMENT section.
pub(crate) const DOCUMENTED: &[(&str, &str)] = &[
    (
        IBMCLOUD_API_KEY,
        "An IBM Cloud API key, or @PATH of a file holding one (the bare key, or the JSON file `ibmcloud iam api-key-create --file` writes). With it, no ibmcloud CLI is needed.",
    ),
    (
        IBMCLOUD_CR_PROFILE,
        "A trusted profile (ID Profile-..., name, or CRN) to log in as with a compute-resource token (--profile does the same); with IBMCLOUD_VPC_CRI, the profile (ID or CRN) the instance token is exchanged for.",
    ),
    (
        IBMCLOUD_CR_TOKEN,
        "A compute-resource token, or @PATH of the file holding one (--cr-token-file does the same); default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token.",
    ),
    (
        IBMCLOUD_VPC_CRI,
        "true: get the identity from the VPC instance metadata service, as --vpc-cri does.",
    ),
    (
        IBMCLOUD_VPC_METADATA_ENDPOINT,
        "The VPC instance metadata service (default http://api.metadata.cloud.ibm.com); plain http only to that host, 169.254.169.254 or loopback.",
    ),
    (
        CR_EXT_CLIENT,
        "Container client(s) to log in, comma-separated, when neither --client nor --all-clients is given. Empty means unset.",
    ),
    (
        CR_EXT_REGION,
        "Region(s) to log in to, comma-separated, when none of --region, --registry, --all-regions is given. Empty means unset.",
    ),
    (IAM_ENDPOINT, "IAM endpoint, when --iam-endpoint is not given."),
    (
        IBMCLOUD_HOME,
        "Directory holding the ibmcloud CLI's .ibmcloud (or .bluemix) directory; default $HOME (BLUEMIX_HOME is the old name).",
    ),
    (IBMCLOUD_CONFIG_HOME, "The ibmcloud CLI's config directory itself."),
    (
        IBMCLOUD_HTTP_TIMEOUT,
        "Seconds each request to IAM may take, 1 to 3600 (default 30; else the CLI config's HTTPTimeout).",
    ),
    (
        IBMCLOUD_TRACE,
        "true: trace each step to stderr, as --verbose does; false: off; any other value: a file to append the trace to (created 0600). Secrets show as ****. BLUEMIX_TRACE is the old name; else the CLI config's Trace.",
    ),
    (
        CR_EXT_HELPER_TIMEOUT,
        "Seconds the credential helper waits for IAM or ibmcloud, 1 to 600 (default 15). A failure is remembered for 10 s, so a client asking again at once does not wait again.",
    ),
    (
        CR_EXT_NO_CACHE,
        "1: the credential helper keeps no token cache (every get exchanges the API key at IAM).",
    ),
    (
        CR_EXT_RESOLVE,
        "HOST=IP:PORT pairs, comma-separated: doctor connects to IP:PORT for HOST (a registry, its token server, ICR's API), as curl's --resolve does; TLS is still checked against HOST. For a tunnel or a test registry.",
    ),
    (
        XDG_CACHE_HOME,
        "Where the credential helper caches tokens: $XDG_CACHE_HOME/cr-ext (default ~/.cache/cr-ext; macOS ~/Library/Caches/cr-ext; Windows %LOCALAPPDATA%\\cr-ext).",
    ),
    (
        XDG_CONFIG_HOME,
        "Where cr-ext keeps its own config (cr-ext/config.json; default ~/.config, macOS ~/Library/Application Support, Windows %APPDATA%) and the containers tools keep their persistent auth.json (containers/auth.json; default ~/.config on every platform).",
    ),
    (NO_COLOR, "Any non-empty value turns colour off (with --color auto)."),
    (
        IBMCLOUD_COLOR,
        "true or false: turn colour on or off (with --color auto). BLUEMIX_COLOR is the old name; else the CLI config's ColorEnabled.",
    ),
];

/// Names of the variables a user sets (in [`DOCUMENTED`]) or the process reads; a test checks
/// that no other module spells one out.
#[cfg(test)]
const ALL: &[&str] = &[
    IBMCLOUD_API_KEY,
    IBMCLOUD_CR_PROFILE,
    IBMCLOUD_CR_TOKEN,
    IBMCLOUD_VPC_CRI,
    IBMCLOUD_VPC_METADATA_ENDPOINT,
    CR_EXT_CLIENT,
    CR_EXT_REGION,
    IAM_ENDPOINT,
    IBMCLOUD_HOME,
    BLUEMIX_HOME,
    IBMCLOUD_CONFIG_HOME,
    IBMCLOUD_HTTP_TIMEOUT,
    IBMCLOUD_TRACE,
    BLUEMIX_TRACE,
    IBMCLOUD_VERSION_CHECK,
    IBMCLOUD_COLOR,
    BLUEMIX_COLOR,
    NO_COLOR,
    IBMCLOUD_PLUGIN_NAMESPACE,
    DOCKER_CONFIG,
    REGISTRY_AUTH_FILE,
    XDG_RUNTIME_DIR,
    HOME,
    PATH,
    XDG_CONFIG_HOME,
    XDG_CACHE_HOME,
    CR_EXT_HELPER_TIMEOUT,
    CR_EXT_NO_CACHE,
    CR_EXT_RESOLVE,
    HTTPS_PROXY,
    HTTPS_PROXY_LOWER,
    USERPROFILE,
    HOMEDRIVE,
    HOMEPATH,
    APPDATA,
    LOCALAPPDATA,
];

/// The value of `key` when set and not empty (empty means unset everywhere in cr-ext).
#[must_use]
pub(crate) fn get(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.trim().is_empty())
}

/// The value of `key` as an OS string when set and not empty.
#[must_use]
pub(crate) fn get_os(key: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(key).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outside this file a variable's name may appear in tests, docs and help text, but no
    /// code reads the environment by a literal name.
    #[test]
    fn no_module_reads_a_variable_by_a_literal_name() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.ends_with("env.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
                for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
                    for name in ALL {
                        for reader in ["var(\"", "var_os(\"", "env_remove(\"", "(\""] {
                            let call = format!("{reader}{name}\"");
                            assert!(!line.contains(&call), "{}: {line}", path.display());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_documented_variable_is_known() {
        for (name, text) in DOCUMENTED {
            assert!(ALL.contains(name), "{name}");
            assert!(text.ends_with('.'), "{name}");
        }
    }
}
