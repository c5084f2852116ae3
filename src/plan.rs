//! Turns the parsed `login` arguments, the environment and the CLI config into a validated
//! `LoginPlan`: which client, which registry, which username. It spawns nothing and prints
//! nothing; what it wants said goes into `notes` and `warnings`.

use std::time::Duration;

use clap::ValueEnum as _;

use crate::cli::{ConfigureArgs, LoginArgs, TargetArgs};
use crate::clients::{self, Client, ClientKind};
use crate::credential::CredentialPlan;
use crate::credential::session::CliConfig;
use crate::env;
use crate::error::{Error, Result};
use crate::registry;
use crate::secret::sanitize;

/// One login or logout: a client and a registry.
#[derive(Debug, Clone)]
pub struct Target {
    /// The client.
    pub client: Client,
    /// The registry host (`us.icr.io`, `127.0.0.1:5000`).
    pub registry: String,
}

/// Validated targets: every client × every registry, in the order given.
#[derive(Debug)]
pub struct Targets {
    /// The targets.
    pub all: Vec<Target>,
    /// Choices cr-ext made that the user should hear about.
    pub notes: Vec<String>,
    /// Things that look wrong but do not stop the work.
    pub warnings: Vec<String>,
}

/// A validated login: everything needed to run it.
#[derive(Debug)]
pub struct LoginPlan {
    /// What to log in to.
    pub targets: Targets,
    /// Where the secret comes from, and so the registry username.
    pub credential: CredentialPlan,
    /// Bound on every child.
    pub timeout: Duration,
}

/// Builds the plan for `cr-ext login`.
///
/// # Errors
/// Unknown region, malformed `--registry`, no client or a missing named client, an unusable
/// API key.
pub fn login(args: &LoginArgs, config: &CliConfig, timeout: u64) -> Result<LoginPlan> {
    let targets = targets(&args.targets, config)?;
    let credential =
        CredentialPlan::new(&args.credential, args.as_, args.targets.private, config, timeout)?;
    Ok(LoginPlan { targets, credential, timeout: Duration::from_secs(timeout) })
}

/// Resolves `--client`/`--all-clients` × `--region`/`--registry`/`--all-regions`.
///
/// # Errors
/// Unknown region, malformed `--registry`, no client or a missing named client.
pub fn targets(args: &TargetArgs, config: &CliConfig) -> Result<Targets> {
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let env_region = env::get(env::CR_EXT_REGION);
    let registries =
        resolve_registries(args, env_region.as_deref(), config, &mut notes, &mut warnings)?;
    let requested = if args.client.is_empty() && !args.all_clients {
        env_clients(env::get(env::CR_EXT_CLIENT).as_deref())?
    } else {
        args.client.clone()
    };
    let clients = clients::choose(&requested, args.all_clients)?;
    let targets = clients
        .iter()
        .flat_map(|client| {
            registries
                .iter()
                .map(|registry| Target { client: client.clone(), registry: registry.clone() })
        })
        .collect();
    Ok(Targets { all: targets, notes, warnings })
}

/// `CR_EXT_CLIENT`: a comma-separated list of clients, used only when no client flag is given.
fn env_clients(value: Option<&str>) -> Result<Vec<ClientKind>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    value
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            ClientKind::from_str(name, true).map_err(|_| {
                Error::usage(
                    format!("unknown client '{}' in {}", sanitize(name), env::CR_EXT_CLIENT),
                    "valid clients: docker, podman, buildah, skopeo (or unset the variable)",
                )
            })
        })
        .collect()
}

/// A `--registry` value, validated.
fn registry_flag(host: &str) -> Result<String> {
    registry::validate_host(host).map_err(|why| {
        Error::usage(
            format!("invalid --registry '{}': {why}", sanitize(host)),
            "give HOST[:PORT], e.g. --registry us.icr.io or --registry 127.0.0.1:5000",
        )
    })
}

fn is_entitled(host: &str) -> bool {
    registry::normalize(host).split(':').next() == Some(registry::ENTITLED_REGISTRY)
}

/// The region `name` (given by `source`), or a usage error listing the valid names.
fn region_named(name: &str, source: &str) -> Result<&'static registry::Region> {
    registry::find(name).ok_or_else(|| {
        Error::usage(
            format!("unknown region '{}' (from {source})", sanitize(name)),
            format!("valid regions: {}", registry::all_names().join(", ")),
        )
    })
}

/// What `cr-ext configure` sets up: the clients and the hosts.
#[derive(Debug)]
pub(crate) struct ConfigurePlan {
    /// The clients whose files get the helper.
    pub clients: Vec<Client>,
    /// The hosts, in order, deduplicated.
    pub hosts: Vec<String>,
    /// The `--registry` hosts, which cr-ext's own config records.
    pub extra: Vec<String>,
}

/// Resolves `configure`'s targets: every given client, else every supported client on PATH;
/// every `--registry` and `--region`, else every region's domain (private ones with
/// `--private`). The environment defaults of `login` do not apply.
///
/// # Errors
/// Unknown region, malformed or entitled `--registry`, no client or a missing named client.
pub(crate) fn configure(args: &ConfigureArgs) -> Result<ConfigurePlan> {
    let domain =
        |r: &registry::Region| if args.private { r.private_domain } else { r.domain }.to_owned();
    let mut extra = Vec::new();
    for host in &args.registry {
        let host = registry_flag(host)?;
        if is_entitled(&host) {
            return Err(Error::usage(
                "cp.icr.io is IBM's entitled registry: it takes an entitlement key, never an IAM token, so the helper does not serve it",
                "log in to cp.icr.io with `docker login cp.icr.io -u cp` and your entitlement key",
            ));
        }
        extra.push(host);
    }
    let extra = dedup(extra);
    let mut hosts: Vec<String> = extra.clone();
    for name in &args.region {
        hosts.push(domain(region_named(name, "--region")?));
    }
    if args.all_regions || (args.region.is_empty() && args.registry.is_empty()) {
        hosts.extend(registry::REGIONS.iter().map(domain));
    }
    let clients = clients::choose(&args.client, args.all_clients || args.client.is_empty())?;
    Ok(ConfigurePlan { clients, hosts: dedup(hosts), extra })
}

/// The hosts of a pull secret: every `--region`'s domain, else every region's (as IBM's
/// `all-icr-io`); with `private`, each one's private twin too; then every `--registry`.
///
/// # Errors
/// Unknown region, malformed `--registry`.
pub(crate) fn pull_secret_hosts(
    regions: &[String],
    all_regions: bool,
    registries: &[String],
    private: bool,
) -> Result<Vec<String>> {
    let chosen: Vec<&registry::Region> =
        if regions.is_empty() && (all_regions || registries.is_empty()) {
            registry::REGIONS.iter().collect()
        } else {
            regions.iter().map(|name| region_named(name, "--region")).collect::<Result<_>>()?
        };
    let mut hosts: Vec<String> = chosen.iter().map(|r| r.domain.to_owned()).collect();
    if private {
        hosts.extend(chosen.iter().map(|r| r.private_domain.to_owned()));
    }
    for host in registries {
        hosts.push(registry_flag(host)?);
    }
    Ok(dedup(hosts))
}

fn resolve_registries(
    args: &TargetArgs,
    env_region: Option<&str>,
    config: &CliConfig,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Vec<String>> {
    let domain =
        |r: &registry::Region| if args.private { r.private_domain } else { r.domain }.to_owned();
    let mut hosts: Vec<String> = Vec::new();
    for host in &args.registry {
        let host = registry_flag(host)?;
        if is_entitled(&host) {
            warnings.push(
                "cp.icr.io is IBM's entitled registry: it takes username 'cp' and an entitlement \
                 key, not an IAM token; this login is likely to be refused"
                    .into(),
            );
        }
        hosts.push(host);
    }
    let named: Vec<(&str, &str)> = if args.region.is_empty() {
        env_region
            .filter(|_| args.registry.is_empty() && !args.all_regions)
            .map(|r| {
                r.split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| (n, env::CR_EXT_REGION))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        args.region.iter().map(|r| (r.as_str(), "--region")).collect()
    };
    for (name, source) in named {
        hosts.push(domain(region_named(name, source)?));
    }
    if args.all_regions {
        hosts.extend(registry::REGIONS.iter().map(domain));
    }
    if hosts.is_empty() {
        if let Some(problem) = &config.problem {
            warnings.push(problem.clone());
        }
        let region = match config.region() {
            Some(name) => registry::find(name).unwrap_or_else(|| {
                let global = registry::global();
                notes.push(format!(
                    "the targeted region '{}' has no registry of its own; using the global \
                     registry {}",
                    sanitize(name),
                    domain(global)
                ));
                global
            }),
            None => registry::global(),
        };
        hosts.push(domain(region));
    }
    Ok(dedup(hosts))
}

/// `hosts` without repeats, in their first order.
fn dedup(hosts: Vec<String>) -> Vec<String> {
    let mut unique = Vec::with_capacity(hosts.len());
    for host in hosts {
        if !unique.contains(&host) {
            unique.push(host);
        }
    }
    unique
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(extra: &[&str]) -> TargetArgs {
        let cli = crate::cli::Cli::try_parse_from(
            ["cr-ext", "login"].iter().chain(extra.iter()).copied(),
        )
        .unwrap();
        match cli.command {
            crate::cli::Command::Login(a) => a.targets,
            _ => unreachable!(),
        }
    }

    fn config(region: Option<&str>) -> CliConfig {
        CliConfig {
            value: region.map_or(serde_json::Value::Null, |r| serde_json::json!({ "Region": r })),
            ..CliConfig::default()
        }
    }

    fn resolve(
        extra: &[&str],
        env: Option<&str>,
        cfg: Option<&str>,
    ) -> Result<(String, Vec<String>)> {
        let mut notes = Vec::new();
        let hosts =
            resolve_registries(&args(extra), env, &config(cfg), &mut notes, &mut Vec::new())?;
        Ok((hosts.join(" "), notes))
    }

    #[test]
    fn several_regions_registries_and_all_regions() {
        let extra =
            ["-r", "us-south", "-r", "eu-central", "--registry", "x.io:5000", "-r", "eu-de"];
        assert_eq!(resolve(&extra, None, None).unwrap().0, "x.io:5000 us.icr.io de.icr.io");
        let (hosts, _) =
            resolve(&["--all-regions", "--private"], Some("jp-tok"), Some("eu-gb")).unwrap();
        assert_eq!(hosts.split(' ').count(), 13);
        assert!(hosts.starts_with("private.icr.io private.au.icr.io"));
        assert_eq!(resolve(&[], Some("jp-tok,eu-de"), None).unwrap().0, "jp.icr.io de.icr.io");
    }

    #[test]
    fn flag_beats_env_beats_config_beats_global() {
        assert_eq!(
            resolve(&["--region", "eu-de"], Some("jp-tok"), Some("us-south")).unwrap().0,
            "de.icr.io"
        );
        assert_eq!(resolve(&[], Some("jp-tok"), Some("us-south")).unwrap().0, "jp.icr.io");
        assert_eq!(resolve(&[], None, Some("us-south")).unwrap().0, "us.icr.io");
        assert_eq!(resolve(&[], None, None).unwrap().0, "icr.io");
    }

    #[test]
    fn private_uses_the_private_domain() {
        assert_eq!(
            resolve(&["--private", "-r", "ca-mon"], None, None).unwrap().0,
            "private.ca2.icr.io"
        );
        assert_eq!(resolve(&["--private"], None, None).unwrap().0, "private.icr.io");
    }

    #[test]
    fn a_targeted_region_without_registry_falls_back_to_global_and_says_so() {
        let (host, notes) = resolve(&[], None, Some("us-east")).unwrap();
        assert_eq!(host, "icr.io");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("'us-east'"), "{notes:?}");
    }

    #[test]
    fn unknown_region_from_flag_or_env_is_a_usage_error() {
        let err = resolve(&["--region", "mars-1"], None, None).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.hint().unwrap().contains("us-south"));
        let err = resolve(&[], Some("mars-1"), None).unwrap_err();
        assert!(err.to_string().contains("CR_EXT_REGION"), "{err}");
    }
}
