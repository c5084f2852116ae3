//! Turns the parsed `login` arguments, the environment and the CLI config into a validated
//! `LoginPlan`: which client, which registry, which username. It spawns nothing and prints
//! nothing; what it wants said goes into `notes` and `warnings`.

use std::time::Duration;

use crate::cli::LoginArgs;
use crate::clients::{self, Client};
use crate::credential::CredentialPlan;
use crate::credential::session::CliConfig;
use crate::error::{Error, Result};
use crate::output::sanitize;
use crate::registry;

/// A validated login: everything needed to run it.
#[derive(Debug)]
pub struct LoginPlan {
    /// The client to log in.
    pub client: Client,
    /// The registry host (`us.icr.io`, `127.0.0.1:5000`).
    pub registry: String,
    /// The registry username, which tells ICR what kind of secret follows.
    pub username: &'static str,
    /// Where the secret comes from.
    pub credential: CredentialPlan,
    /// Bound on every child.
    pub timeout: Duration,
    /// Choices cr-ext made that the user should hear about.
    pub notes: Vec<String>,
    /// Things that look wrong but do not stop the login.
    pub warnings: Vec<String>,
}

/// Builds the plan for `cr-ext login`.
///
/// # Errors
/// Unknown region, malformed `--registry`, no client or a missing named client, an unusable
/// API key.
pub fn login(args: &LoginArgs, config: &CliConfig) -> Result<LoginPlan> {
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    let env_region = std::env::var("CR_EXT_REGION").ok().filter(|v| !v.trim().is_empty());
    let registry =
        resolve_registry(args, env_region.as_deref(), config, &mut notes, &mut warnings)?;
    let client = clients::choose(args.client)?;
    let credential = CredentialPlan::new(&args.credential, args.as_, args.private, config)?;
    Ok(LoginPlan {
        client,
        registry,
        username: credential.username(),
        credential,
        timeout: Duration::from_secs(args.credential.timeout),
        notes,
        warnings,
    })
}

fn resolve_registry(
    args: &LoginArgs,
    env_region: Option<&str>,
    config: &CliConfig,
    notes: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<String> {
    if let Some(host) = &args.registry {
        let host = registry::validate_host(host).map_err(|why| {
            Error::usage(
                format!("invalid --registry '{}': {why}", sanitize(host)),
                "give HOST[:PORT], e.g. --registry us.icr.io or --registry 127.0.0.1:5000",
            )
        })?;
        if host == "cp.icr.io" || host.starts_with("cp.icr.io:") {
            warnings.push(
                "cp.icr.io is IBM's entitled registry: it takes username 'cp' and an entitlement \
                 key, not an IAM token; this login is likely to be refused"
                    .into(),
            );
        }
        return Ok(host);
    }
    let region = if let Some((name, source)) = args
        .region
        .as_deref()
        .map(|r| (r, "--region"))
        .or_else(|| env_region.map(|r| (r, "CR_EXT_REGION")))
    {
        registry::find(name).ok_or_else(|| {
            Error::usage(
                format!("unknown region '{}' (from {source})", sanitize(name)),
                format!("valid regions: {}", registry::all_names().join(", ")),
            )
        })?
    } else {
        if let Some(problem) = &config.problem {
            warnings.push(problem.clone());
        }
        match config.region() {
            Some(name) => registry::find(name).unwrap_or_else(|| {
                let global = registry::global();
                notes.push(format!(
                    "the targeted region '{}' has no registry of its own; using the global \
                     registry {}",
                    sanitize(name),
                    if args.private { global.private_domain } else { global.domain }
                ));
                global
            }),
            None => registry::global(),
        }
    };
    Ok(if args.private { region.private_domain } else { region.domain }.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(extra: &[&str]) -> LoginArgs {
        let cli = crate::cli::Cli::try_parse_from(
            ["cr-ext", "login"].iter().chain(extra.iter()).copied(),
        )
        .unwrap();
        match cli.command {
            crate::cli::Command::Login(a) => a,
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
        let host = resolve_registry(&args(extra), env, &config(cfg), &mut notes, &mut Vec::new())?;
        Ok((host, notes))
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
