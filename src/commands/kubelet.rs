//! `cr-ext kubelet-credential-provider`: ICR's kubelet image credential provider. The kubelet
//! runs it with one `CredentialProviderRequest` on stdin, often with no `HOME`, no `PATH` and
//! no terminal, and kills it after 60 s. For an ICR host (or a `--registry` one) it answers an
//! access token as `iambearer`, cached by the kubelet for half the token's remaining life: the
//! pod's own trusted profile when the request carries its service-account token and the
//! annotation names the profile (the token is exchanged with the `cr-token` grant, never
//! answered itself), else the node identity of its args or environment (an API key file, a
//! trusted profile with a token file, the VPC instance identity), cached like the helper's.
//! Other hosts, and `cp.icr.io`, get an empty `auth`. stdout carries the answer only; a failure
//! is exit 1 and one scrubbed line naming the host, the source and the cause. A watchdog ends
//! the run after [`DEADLINE`] whatever is still waiting.
//!
//! `cr-ext kubelet-config` prints the `CredentialProviderConfig` that runs it.

use std::io::Read as _;
use std::path::PathBuf;
use std::time::Duration;

use crate::cli::{KubeletArgs, KubeletConfigArgs, KubeletProviderArgs};
use crate::credential::workload::{self, Profile, TokenSource, Workload};
use crate::credential::{CredentialPlan, Username, iam, jwt};
use crate::error::{Error, Result, exit};
use crate::ibmcloud::IbmcloudConfig;
use crate::kubelet::{self, Request};
use crate::output::{self, Printer};
use crate::secret::{Secret, one_line, scrub};
use crate::{env, own_config, plan, registry};

/// The longest a run takes: well inside the kubelet's 60 s.
pub(crate) const DEADLINE: Duration = Duration::from_secs(45);
/// Each request to IAM or the metadata service: at most this long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Where tokens are cached when the kubelet gives no `HOME`.
pub(crate) const NODE_CACHE: &str = "/var/cache/cr-ext";

/// Whether cr-ext was started under the provider's own name.
#[must_use]
pub(crate) fn is_started_as(name: &std::ffi::OsStr) -> bool {
    crate::helper_link::started_as(name, kubelet::PROGRAM)
}

/// The provider started by the kubelet with `args` (after the subcommand): its own flags
/// only, parsed without the rest of the command tree (a pull waits for this process); the
/// trace and colour settings come from the environment.
pub(crate) fn run_provider(args: &[std::ffi::OsString]) -> u8 {
    use clap::{Args as _, FromArgMatches as _};
    let command = KubeletProviderArgs::augment_args(
        clap::Command::new(kubelet::SUBCOMMAND).bin_name(format!("cr-ext {}", kubelet::SUBCOMMAND)),
    );
    let parsed = command
        .try_get_matches_from(
            std::iter::once(kubelet::SUBCOMMAND.into()).chain(args.iter().cloned()),
        )
        .and_then(|m| KubeletProviderArgs::from_arg_matches(&m));
    let args = match parsed {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            let _ = output::stdout(&e.render().to_string());
            return exit::SUCCESS;
        }
        Err(e) => {
            let first = e.render().to_string();
            let line = first
                .lines()
                .find_map(|l| l.strip_prefix("error: "))
                .unwrap_or("invalid arguments");
            return fail(&format!("{line} (see cr-ext kubelet-credential-provider --help)"));
        }
    };
    let flags = crate::setup::Flags {
        format: output::Format::Text,
        quiet: true,
        color: output::Color::Never,
        verbose: false,
    };
    if let Err(e) = crate::setup::start(flags, None) {
        return fail(&e.to_string());
    }
    provide(&args)
}

/// `cr-ext kubelet-credential-provider`: the answer on stdout, exit 0; or one line on
/// stderr, exit 1.
pub(crate) fn provide(args: &KubeletProviderArgs) -> u8 {
    let mut input = Vec::new();
    let read = std::io::stdin().take(kubelet::MAX_REQUEST + 1).read_to_end(&mut input);
    let request = match read
        .map_err(|e| format!("cannot read stdin: {e}"))
        .and_then(|_| kubelet::parse_request(&input))
    {
        Ok(r) => r,
        Err(why) => return fail(&format!("cannot use the kubelet's request: {why}")),
    };
    let host = kubelet::host_of(&request.image);
    if !serves(&host, &args.kubelet) {
        return answer(&kubelet::response(&request.api_version, &host, None));
    }
    if args.credential.apikey_stdin {
        return fail(&format!(
            "{host}: --apikey-stdin cannot be used: stdin holds the kubelet's request (use --apikey-file)"
        ));
    }
    let cache_dir = args.kubelet.cache_dir.clone().or_else(|| {
        (env::get(env::HOME).is_none() && env::get(env::XDG_CACHE_HOME).is_none())
            .then(|| PathBuf::from(NODE_CACHE))
    });
    if let Some(dir) = cache_dir {
        crate::credential::cache::use_dir(dir);
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let settings = (
        plan::credential(&args.credential, Username::Bearer, false),
        args.kubelet.profile_annotation.clone(),
    );
    std::thread::spawn(move || {
        let (input, annotation) = settings;
        let _ = sender.send(credential(&request, &input, &annotation).map(|c| (request, c)));
    });
    match receiver.recv_timeout(DEADLINE) {
        Ok(Ok((request, (secret, left)))) => {
            let secs = u64::try_from(left / 2).unwrap_or(0);
            answer(&kubelet::response(
                &request.api_version,
                &host,
                Some((Username::Bearer.as_str(), &secret, secs)),
            ))
        }
        Ok(Err(failed)) => {
            let (source, error) = *failed;
            let hint =
                error.hint().map(|h| format!(" (hint: {})", one_line(&h))).unwrap_or_default();
            fail(&format!("{host}: {source}: {}{hint}", one_line(&error.to_string())))
        }
        Err(_) => fail(&format!(
            "{host}: no credential within {} s (IAM or the metadata service did not answer in time)",
            DEADLINE.as_secs()
        )),
    }
}

/// Whether the provider gives credentials for `host`: an ICR host (not the entitled
/// registry), also with `:443`, or one of `--registry` or cr-ext's recorded extra hosts.
fn serves(host: &str, args: &KubeletArgs) -> bool {
    let bare = host.strip_suffix(":443").unwrap_or(host);
    if bare == registry::ENTITLED_REGISTRY {
        return false;
    }
    if registry::iam_hosts().contains(&bare) {
        return true;
    }
    let recorded = own_config::load().map(|o| o.registries).unwrap_or_default();
    args.registry.iter().chain(&recorded).any(|h| registry::normalize(h) == host)
}

/// The credential for `request`: (the token, seconds it has left), or (its source in words,
/// the error).
fn credential(
    request: &Request,
    input: &crate::credential::Input,
    annotation: &str,
) -> std::result::Result<(Secret, i64), Box<(String, Error)>> {
    let config = IbmcloudConfig::default();
    let node = "the node identity".to_owned();
    let mut plan = CredentialPlan::new(input, &config).map_err(|e| Box::new((node.clone(), e)))?;
    plan.http_timeout = plan.http_timeout.min(REQUEST_TIMEOUT);
    let has_node = plan.apikey.is_some() || plan.workload.is_some();
    let profile = request.annotations.get(annotation).and_then(|v| v.as_str());
    match (&request.service_account_token, profile) {
        (Some(token), Some(profile)) => {
            let source = format!("pod identity (trusted profile from annotation {annotation})");
            let got = pod_token(token, profile, annotation, &plan).map_err(|e| Box::new((source, e)))?;
            let left = got.claims.expires_in(jwt::now());
            Ok((got.secret, left))
        }
        (Some(_), None) if !has_node => Err(Box::new((
            "pod identity".into(),
            Error::Identity {
                message: format!(
                    "the pod's service account has no annotation {annotation}, and no node identity is configured"
                ),
                hint: format!(
                    "annotate the service account: kubectl annotate serviceaccount NAME {annotation}=PROFILE"
                ),
            },
        ))),
        _ if !has_node => Err(Box::new((
            node,
            Error::Identity {
                message: "no node identity is configured".into(),
                hint: "give the provider --apikey-file PATH, --vpc-cri or --profile NAME in its args (see cr-ext kubelet-config)".into(),
            },
        ))),
        _ => {
            let source = plan.source();
            let wait = plan.http_timeout;
            let got = plan
                .fresh_bearer(&config, wait, &|e| {
                    (one_line(&e.to_string()), e.hint().map(|h| one_line(&h)))
                })
                .map_err(|e| Box::new((source, e)))?;
            let left = got.expires_at.map_or(0, |exp| exp.saturating_sub(jwt::now()));
            Ok((got.secret, left))
        }
    }
}

/// The pod's own token: its service-account token exchanged for `profile`'s access token.
fn pod_token(
    token: &Secret,
    profile: &str,
    annotation: &str,
    plan: &CredentialPlan,
) -> Result<jwt::Token> {
    let profile = Profile::parse(profile, &format!("the annotation {annotation}"))?;
    let workload = Workload::CrToken { profile, token: TokenSource::Given(token.clone()) };
    let checked = workload.prepare()?;
    let url = iam::validate_endpoint(&plan.endpoint.0)?;
    let got = workload::exchange(&workload, checked.as_ref(), &url, plan.http_timeout)?;
    if got.secret.expose() == token.expose() {
        return Err(Error::IamResponse {
            what:
                "it answered the service-account token itself, which is never a registry password"
                    .into(),
        });
    }
    Ok(got)
}

fn answer(value: &serde_json::Value) -> u8 {
    match output::stdout(&format!("{value}\n")) {
        Ok(()) => exit::SUCCESS,
        Err(_) => exit::FAILURE,
    }
}

fn fail(line: &str) -> u8 {
    output::stderr_line(&format!("cr-ext: {}", one_line(&scrub(line))));
    exit::FAILURE
}

/// `cr-ext kubelet-config`.
///
/// # Errors
/// No identity chosen, an unusable one, an invalid host or annotation.
pub(crate) fn config(args: &KubeletConfigArgs, printer: Printer) -> Result<u8> {
    let credential = &args.credential;
    if credential.apikey_stdin {
        return Err(Error::usage(
            "the kubelet runs the provider with its request on stdin, so it cannot read a key there",
            "put the key in a file on the node and pass --apikey-file PATH",
        ));
    }
    let input = plan::credential(credential, Username::Bearer, false);
    let has_node =
        credential.apikey_file.is_some() || credential.vpc_cri || credential.profile.is_some();
    if !has_node && !args.service_account_token {
        return Err(Error::usage(
            "choose how the provider proves who it is",
            "a node identity (--apikey-file PATH, --vpc-cri, or --profile NAME with the node's token file) and/or --service-account-token for each pod's own trusted profile",
        ));
    }
    if has_node {
        CredentialPlan::new(&input, &IbmcloudConfig::default())?;
    }
    let annotation = &args.kubelet.profile_annotation;
    let qualified = annotation.split_once('/').map_or(annotation.as_str(), |(_, n)| n);
    let valid = !qualified.is_empty()
        && qualified.len() <= 63
        && qualified.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !valid {
        return Err(Error::usage(
            format!(
                "--profile-annotation '{}' is not a qualified annotation name",
                one_line(annotation)
            ),
            "give PREFIX/NAME, e.g. cr-ext/trusted-profile",
        ));
    }
    let mut env_vars: Vec<(String, String)> = Vec::new();
    let absolute = |p: &std::path::Path| {
        std::path::absolute(p).map_or_else(|_| p.display().to_string(), |a| a.display().to_string())
    };
    if let Some(file) = &credential.apikey_file {
        env_vars.push((env::IBMCLOUD_API_KEY.into(), format!("@{}", absolute(file))));
    }
    if credential.vpc_cri {
        env_vars.push((env::IBMCLOUD_VPC_CRI.into(), "true".into()));
    }
    if let Some(profile) = &credential.profile {
        env_vars.push((env::IBMCLOUD_CR_PROFILE.into(), profile.clone()));
    }
    if let Some(file) = &credential.cr_token_file {
        env_vars.push((env::IBMCLOUD_CR_TOKEN.into(), format!("@{}", absolute(file))));
    }
    if let Some(endpoint) = &credential.metadata_endpoint {
        env_vars.push((env::IBMCLOUD_VPC_METADATA_ENDPOINT.into(), endpoint.clone()));
    }
    if let Some(endpoint) = &credential.iam_endpoint {
        env_vars.push((env::IAM_ENDPOINT.into(), endpoint.clone()));
    }
    let mut provider_args = vec![
        "--cache-dir".to_owned(),
        args.kubelet.cache_dir.as_deref().map_or_else(|| NODE_CACHE.to_owned(), absolute),
    ];
    if *annotation != kubelet::PROFILE_ANNOTATION {
        provider_args.extend(["--profile-annotation".to_owned(), annotation.clone()]);
    }
    let mut extra = Vec::new();
    for host in &args.kubelet.registry {
        let host = registry::validate_host(host).map_err(|why| {
            Error::usage(
                format!("invalid --registry '{}': {why}", one_line(host)),
                "give HOST[:PORT]",
            )
        })?;
        provider_args.extend(["--registry".to_owned(), host.clone()]);
        extra.push(host);
    }
    extra.extend(own_config::load().map(|o| o.registries).unwrap_or_default());
    let document = kubelet::config_document(&kubelet::Config {
        extra,
        args: provider_args,
        env: env_vars,
        default_cache: kubelet::go_duration(600),
        token_annotation: args.service_account_token.then(|| annotation.clone()),
    });
    if printer.json() {
        output::json(&document)?;
    } else {
        output::text(&kubelet::yaml(&document))?;
    }
    Ok(exit::SUCCESS)
}
