//! Turns parsed arguments, the environment and the ibmcloud CLI's config into validated
//! work in the core's own types: the credential [`Input`], the targets (clients × registries)
//! with one resolver whose defaults depend on the command, and the login plan. It is the one
//! place where clap's types meet the core. It spawns nothing and prints nothing; what it wants
//! said goes into `notes` and `warnings`.

use crate::cli::{ClientArgs, CredentialArgs, LoginArgs, RegistryArgs, TargetArgs};
use crate::clients::{self, Client, ClientKind};
use crate::credential::{CredentialPlan, Input, KeyInput, Username, WorkloadInput};
use crate::env;
use crate::error::{Error, Result};
use crate::ibmcloud::IbmcloudConfig;
use crate::registry;
use crate::secret::sanitize;

/// One login or logout: a client and a registry.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// The client.
    pub(crate) client: Client,
    /// The registry host (`us.icr.io`, `127.0.0.1:5000`).
    pub(crate) registry: String,
}

/// Validated targets: every client × every registry, in the order given.
#[derive(Debug)]
pub(crate) struct Targets {
    /// The targets.
    pub(crate) all: Vec<Target>,
    /// Choices cr-ext made that the user should hear about.
    pub(crate) notes: Vec<String>,
    /// Things that look wrong but do not stop the work.
    pub(crate) warnings: Vec<String>,
}

/// A validated login: everything needed to run it.
#[derive(Debug)]
pub(crate) struct LoginPlan {
    /// What to log in to.
    pub(crate) targets: Targets,
    /// Where the secret comes from, and so the registry username.
    pub(crate) credential: CredentialPlan,
}

/// The credential input of `args`, for `username`; `private` asks for IAM's private endpoint.
#[must_use]
pub(crate) fn credential(args: &CredentialArgs, username: Username, private: bool) -> Input {
    let key = if args.apikey_stdin {
        KeyInput::Stdin
    } else if let Some(path) = &args.apikey_file {
        KeyInput::File(path.clone())
    } else {
        KeyInput::None
    };
    let workload = WorkloadInput {
        profile: args.profile.clone(),
        cr_token_file: args.cr_token_file.clone(),
        vpc: args.vpc_cri,
        metadata_endpoint: args.metadata_endpoint.clone(),
        from_config: false,
    };
    Input { key, workload, iam_endpoint: args.iam_endpoint.clone(), username, private }
}

/// Builds the plan for `cr-ext login`.
///
/// # Errors
/// Unknown region, malformed `--registry`, no client or a missing named client, an unusable
/// API key.
pub(crate) fn login(args: &LoginArgs, config: &IbmcloudConfig) -> Result<LoginPlan> {
    let targets = targets(&args.targets, Defaults::Login, config)?;
    let input = credential(&args.credential, args.username, args.targets.registries.private);
    let credential = CredentialPlan::new(&input, config)?;
    Ok(LoginPlan { targets, credential })
}

/// What a command does when a target flag is not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Defaults {
    /// login and logout: the clients and regions of `CR_EXT_CLIENT` and `CR_EXT_REGION`, else
    /// the first client on PATH and the region the ibmcloud CLI targets (else global);
    /// `--private` picks the private domains instead; cp.icr.io is warned about.
    Login,
    /// configure: every client on PATH and every region; `--private` picks the private
    /// domains instead; cp.icr.io is refused; `--registry` hosts come first.
    Configure,
    /// pull-secret: every region; `--private` adds the private domains.
    PullSecret,
}

/// Resolves the client flags × the registry flags, with `defaults`.
///
/// # Errors
/// Unknown region, malformed `--registry`, no client or a missing named client.
pub(crate) fn targets(
    args: &TargetArgs,
    defaults: Defaults,
    config: &IbmcloudConfig,
) -> Result<Targets> {
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let hosts = registries(&args.registries, defaults, config, &mut notes, &mut warnings)?;
    let clients = clients(&args.clients, defaults)?;
    let all = clients
        .iter()
        .flat_map(|client| {
            hosts
                .iter()
                .map(|registry| Target { client: client.clone(), registry: registry.clone() })
        })
        .collect();
    Ok(Targets { all, notes, warnings })
}

/// The clients of `--client`/`--all-clients`, else of the command's default.
///
/// # Errors
/// An unknown client in `CR_EXT_CLIENT`, no client, or a missing named client.
pub(crate) fn clients(args: &ClientArgs, defaults: Defaults) -> Result<Vec<Client>> {
    if defaults != Defaults::Login {
        return clients::choose(&args.client, args.all_clients || args.client.is_empty());
    }
    let requested = if args.client.is_empty() && !args.all_clients {
        env_clients(env::get(env::CR_EXT_CLIENT).as_deref())?
    } else {
        args.client.clone()
    };
    clients::choose(&requested, args.all_clients)
}

/// `CR_EXT_CLIENT`: a comma-separated list of clients, used only when no client flag is given.
fn env_clients(value: Option<&str>) -> Result<Vec<ClientKind>> {
    let Some(value) = value else { return Ok(Vec::new()) };
    value
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            ClientKind::from_name(name).ok_or_else(|| {
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
///
/// # Errors
/// No region has that name.
pub(crate) fn region_named(name: &str, source: &str) -> Result<&'static registry::Region> {
    registry::find(name).ok_or_else(|| {
        Error::usage(
            format!("unknown region '{}' (from {source})", sanitize(name)),
            format!("valid regions: {}", registry::all_names().join(", ")),
        )
    })
}

/// The registry hosts of `args`, in order, without repeats; see [`Defaults`].
///
/// # Errors
/// Unknown region, malformed `--registry`, cp.icr.io for configure.
pub(crate) fn registries(
    args: &RegistryArgs,
    defaults: Defaults,
    config: &IbmcloudConfig,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Vec<String>> {
    let env_region = env::get(env::CR_EXT_REGION);
    resolve(args, defaults, env_region.as_deref(), config, notes, warnings)
}

/// [`registries`] with `CR_EXT_REGION`'s value given.
fn resolve(
    args: &RegistryArgs,
    defaults: Defaults,
    env_region: Option<&str>,
    config: &IbmcloudConfig,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<Vec<String>> {
    let given: Vec<String> =
        args.registry.iter().map(|h| registry_flag(h)).collect::<Result<_>>()?;
    if given.iter().any(|h| is_entitled(h)) {
        match defaults {
            Defaults::Login => warnings.push(
                "cp.icr.io is IBM's entitled registry: it takes username 'cp' and an entitlement \
                 key, not an IAM token; this login is likely to be refused"
                    .into(),
            ),
            Defaults::Configure => {
                return Err(Error::usage(
                    "cp.icr.io is IBM's entitled registry: it takes an entitlement key, never an IAM token, so the helper does not serve it",
                    "log in to cp.icr.io with `docker login cp.icr.io -u cp` and your entitlement key",
                ));
            }
            Defaults::PullSecret => {}
        }
    }
    let mut named: Vec<(&str, &str)> =
        args.region.iter().map(|r| (r.as_str(), "--region")).collect();
    if defaults == Defaults::Login
        && named.is_empty()
        && given.is_empty()
        && !args.all_regions
        && let Some(value) = env_region
    {
        named = value
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| (n, env::CR_EXT_REGION))
            .collect();
    }
    let mut chosen: Vec<&registry::Region> = named
        .into_iter()
        .map(|(name, source)| region_named(name, source))
        .collect::<Result<_>>()?;
    let none_given = args.region.is_empty() && given.is_empty();
    if args.all_regions || (defaults != Defaults::Login && none_given) {
        chosen.extend(registry::REGIONS.iter());
    }
    let domain = |r: &registry::Region| r.domain.to_owned();
    let private_domain = |r: &registry::Region| r.private_domain.to_owned();
    let mut hosts: Vec<String> = match defaults {
        Defaults::Login | Defaults::Configure => {
            let pick = if args.private { private_domain } else { domain };
            let mut hosts = given;
            hosts.extend(chosen.iter().copied().map(pick));
            hosts
        }
        Defaults::PullSecret => {
            let mut hosts: Vec<String> = chosen.iter().copied().map(domain).collect();
            if args.private {
                hosts.extend(chosen.iter().copied().map(private_domain));
            }
            hosts.extend(given);
            hosts
        }
    };
    if hosts.is_empty() {
        if let Some(problem) = &config.problem {
            warnings.push(problem.clone());
        }
        let pick = if args.private { private_domain } else { domain };
        let region = match config.region() {
            Some(name) => registry::find(name).unwrap_or_else(|| {
                let global = registry::global();
                notes.push(format!(
                    "the targeted region '{}' has no registry of its own; using the global \
                     registry {}",
                    sanitize(name),
                    pick(global)
                ));
                global
            }),
            None => registry::global(),
        };
        hosts.push(pick(region));
    }
    Ok(dedup(hosts))
}

/// What `cr-ext configure` sets up: the clients and the hosts.
#[derive(Debug)]
pub(crate) struct ConfigurePlan {
    /// The clients whose files get the helper.
    pub(crate) clients: Vec<Client>,
    /// The hosts, in order, deduplicated.
    pub(crate) hosts: Vec<String>,
    /// The `--registry` hosts, which cr-ext's own config records.
    pub(crate) extra: Vec<String>,
}

/// Resolves `configure`'s targets ([`Defaults::Configure`]).
///
/// # Errors
/// Unknown region, malformed or entitled `--registry`, no client or a missing named client.
pub(crate) fn configure(args: &TargetArgs, config: &IbmcloudConfig) -> Result<ConfigurePlan> {
    let hosts = registries(
        &args.registries,
        Defaults::Configure,
        config,
        &mut Vec::new(),
        &mut Vec::new(),
    )?;
    let extra =
        dedup(args.registries.registry.iter().map(|h| registry_flag(h)).collect::<Result<_>>()?);
    let clients = clients(&args.clients, Defaults::Configure)?;
    Ok(ConfigurePlan { clients, hosts, extra })
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

    fn args(extra: &[&str]) -> RegistryArgs {
        let cli = crate::cli::Cli::try_parse_from(
            ["cr-ext", "login"].iter().chain(extra.iter()).copied(),
        )
        .unwrap();
        match cli.command {
            crate::cli::Command::Login(a) => a.targets.registries,
            _ => unreachable!(),
        }
    }

    fn config(region: Option<&str>) -> IbmcloudConfig {
        IbmcloudConfig {
            value: region.map_or(serde_json::Value::Null, |r| serde_json::json!({ "Region": r })),
            ..IbmcloudConfig::default()
        }
    }

    fn resolved(
        extra: &[&str],
        env: Option<&str>,
        cfg: Option<&str>,
    ) -> Result<(String, Vec<String>)> {
        let mut notes = Vec::new();
        let hosts =
            resolve(&args(extra), Defaults::Login, env, &config(cfg), &mut notes, &mut Vec::new())?;
        Ok((hosts.join(" "), notes))
    }

    #[test]
    fn several_regions_registries_and_all_regions() {
        let extra =
            ["-r", "us-south", "-r", "eu-central", "--registry", "x.io:5000", "-r", "eu-de"];
        assert_eq!(resolved(&extra, None, None).unwrap().0, "x.io:5000 us.icr.io de.icr.io");
        let (hosts, _) =
            resolved(&["--all-regions", "--private"], Some("jp-tok"), Some("eu-gb")).unwrap();
        assert_eq!(hosts.split(' ').count(), 13);
        assert!(hosts.starts_with("private.icr.io private.au.icr.io"));
        assert_eq!(resolved(&[], Some("jp-tok,eu-de"), None).unwrap().0, "jp.icr.io de.icr.io");
    }

    #[test]
    fn flag_beats_env_beats_config_beats_global() {
        assert_eq!(
            resolved(&["--region", "eu-de"], Some("jp-tok"), Some("us-south")).unwrap().0,
            "de.icr.io"
        );
        assert_eq!(resolved(&[], Some("jp-tok"), Some("us-south")).unwrap().0, "jp.icr.io");
        assert_eq!(resolved(&[], None, Some("us-south")).unwrap().0, "us.icr.io");
        assert_eq!(resolved(&[], None, None).unwrap().0, "icr.io");
    }

    #[test]
    fn private_uses_the_private_domain() {
        assert_eq!(
            resolved(&["--private", "-r", "ca-mon"], None, None).unwrap().0,
            "private.ca2.icr.io"
        );
        assert_eq!(resolved(&["--private"], None, None).unwrap().0, "private.icr.io");
    }

    #[test]
    fn a_targeted_region_without_registry_falls_back_to_global_and_says_so() {
        let (host, notes) = resolved(&[], None, Some("us-east")).unwrap();
        assert_eq!(host, "icr.io");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("'us-east'"), "{notes:?}");
    }

    fn resolved_for(defaults: Defaults, command: &str, extra: &[&str]) -> Result<String> {
        let cli = crate::cli::Cli::try_parse_from(
            ["cr-ext", command].iter().chain(extra.iter()).copied(),
        )
        .unwrap();
        let args = match cli.command {
            crate::cli::Command::Configure(a) => a.targets.registries,
            crate::cli::Command::PullSecret(a) => a.registries,
            _ => unreachable!(),
        };
        let hosts = resolve(
            &args,
            defaults,
            Some("jp-tok"),
            &config(Some("eu-de")),
            &mut Vec::new(),
            &mut Vec::new(),
        )?;
        Ok(hosts.join(" "))
    }

    #[test]
    fn configure_defaults_to_every_region_and_private_replaces() {
        let configure = |extra: &[&str]| resolved_for(Defaults::Configure, "configure", extra);
        assert_eq!(configure(&[]).unwrap().split(' ').count(), 13, "no env, no CLI region");
        assert_eq!(configure(&["--private", "-r", "us-south"]).unwrap(), "private.us.icr.io");
        assert_eq!(
            configure(&["-r", "us-south", "--registry", "x.io:5000"]).unwrap(),
            "x.io:5000 us.icr.io"
        );
        assert_eq!(configure(&["--registry", "cp.icr.io"]).unwrap_err().exit_code(), 2);
    }

    #[test]
    fn pull_secret_defaults_to_every_region_and_private_adds() {
        let secret = |extra: &[&str]| resolved_for(Defaults::PullSecret, "pull-secret", extra);
        assert_eq!(secret(&[]).unwrap().split(' ').count(), 13);
        assert_eq!(
            secret(&["--private", "-r", "us-south", "--registry", "x.io"]).unwrap(),
            "us.icr.io private.us.icr.io x.io"
        );
        assert_eq!(secret(&["--registry", "x.io"]).unwrap(), "x.io");
        assert_eq!(secret(&["--registry", "cp.icr.io"]).unwrap(), "cp.icr.io");
    }

    #[test]
    fn unknown_region_from_flag_or_env_is_a_usage_error() {
        let err = resolved(&["--region", "mars-1"], None, None).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.hint().unwrap().contains("us-south"));
        let err = resolved(&[], Some("mars-1"), None).unwrap_err();
        assert!(err.to_string().contains("CR_EXT_REGION"), "{err}");
    }
}
