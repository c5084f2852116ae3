//! `cr-ext pull-secret`: a Kubernetes (or OpenShift) image pull secret for ICR from an API key,
//! in the shape `kubectl create secret docker-registry` prints (DESIGN.md §11): a `v1` Secret of
//! type `kubernetes.io/dockerconfigjson` whose `.dockerconfigjson` holds compact
//! `{"auths":{host:{"username","password","auth"}}}` for every ICR domain. Printing the secret
//! is this command's purpose: it goes to stdout (or `--output-file`, 0600), and stderr carries
//! only warnings. `--merge` starts from an existing file and keeps every other host's entry;
//! `--apply` hands the manifest to `kubectl apply -f -` on its stdin, never in its argv, and
//! adds the secret to service accounts' `imagePullSecrets` without dropping what is there.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::authfile;
use crate::cli::{PullSecretArgs, SecretFormat};
use crate::credential::{CredentialPlan, Username};
use crate::env;
use crate::error::{Error, Result, exit};
use crate::files;
use crate::ibmcloud::IbmcloudConfig;
use crate::kube::{self, Kubectl};
use crate::output::{self, Printer};
use crate::plan::{self, Defaults};
use crate::sys;

/// `cr-ext pull-secret`.
///
/// # Errors
/// No or a bad API key, a bad target or merge file, a file that exists, kubectl failing.
pub(crate) fn run(
    args: &PullSecretArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let given = args.credential.apikey_file.is_some()
        || args.credential.apikey_stdin
        || env::get(env::IBMCLOUD_API_KEY).is_some();
    if !given {
        return Err(Error::usage(
            "a pull secret is made from an API key, and none was given",
            "create a service ID key with Reader access to Container Registry (`ibmcloud iam \
             service-id-create NAME`, `ibmcloud iam service-policy-create NAME --roles Reader \
             --service-name container-registry`, `ibmcloud iam service-api-key-create KEY NAME \
             --file key.json`), then pass --apikey-file key.json, --apikey-stdin or \
             IBMCLOUD_API_KEY=@key.json",
        ));
    }
    let input = plan::credential(&args.credential, args.username, false);
    let plan = CredentialPlan::new(&input, config)?;
    let hosts = plan::registries(
        &args.registries,
        Defaults::PullSecret,
        config,
        &mut Vec::new(),
        &mut Vec::new(),
    )?;
    let bearer = args.username == Username::Bearer;
    if matches!(args.username, Username::Bearer | Username::Refresh) {
        printer.alert(&format!(
            "--as {}: the secret holds {} that expires ({}); pods will fail to pull after that. The default, --as apikey, does not expire.",
            if bearer { "bearer" } else { "refresh" },
            if bearer { "an access token" } else { "a refresh token" },
            if bearer { "within an hour" } else { "with the IAM session" },
        ));
    }
    let mut base = match &args.merge {
        Some(path) => authfile::read_dockerconfig(path)
            .map_err(|why| Error::File { path: path.clone(), why })?,
        None => Map::new(),
    };
    plan.check_endpoint()?;
    let obtained = plan.obtain(config, timeout)?;
    authfile::put_logins(&mut base, &hosts, plan.registry_username(), &obtained.secret);
    let config_json = Value::Object(base).to_string();
    let manifest = kube::manifest(&args.name, args.namespace.as_deref(), &config_json);
    if args.apply {
        return apply(args, &manifest, timeout);
    }
    let format =
        args.format.unwrap_or(if printer.json() { SecretFormat::Json } else { SecretFormat::Yaml });
    let text = match format {
        SecretFormat::Json => format!("{manifest:#}\n"),
        SecretFormat::Dockerconfigjson => format!("{config_json}\n"),
        SecretFormat::Yaml => yaml(&manifest),
    };
    match &args.output_file {
        Some(path) if path.as_os_str() != "-" => write_file(path, &text, args.force)?,
        _ => output::stdout(&text)?,
    }
    Ok(exit::SUCCESS)
}

/// The manifest as YAML. Every value is a DNS-1123 name, a fixed word or base64, none of which
/// YAML would read as anything but a plain string.
fn yaml(manifest: &Value) -> String {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut out = String::from("apiVersion: v1\ndata:\n");
    let _ = writeln!(out, "  .dockerconfigjson: {}", text(&manifest["data"][".dockerconfigjson"]));
    out.push_str("kind: Secret\nmetadata:\n");
    let _ = writeln!(out, "  name: {}", text(&manifest["metadata"]["name"]));
    if let Some(ns) = manifest["metadata"]["namespace"].as_str() {
        let _ = writeln!(out, "  namespace: {ns}");
    }
    out.push_str("type: kubernetes.io/dockerconfigjson\n");
    out
}

/// Writes the secret with mode 0600 to a new file, or with `force` over a regular one. A
/// device, FIFO, socket or directory (or a link to one: `/dev/null`, `/dev/stdout`) is never
/// replaced by a file holding the secret; `-` is stdout.
fn write_file(path: &Path, text: &str, force: bool) -> Result<()> {
    let write_error = |source| Error::Write { path: path.to_path_buf(), source };
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(Error::usage(
            format!(
                "{} is {}, not a regular file; not writing the secret there",
                path.display(),
                sys::kind_of(&meta)
            ),
            "name a regular file or a new path with --output-file, or `--output-file -` (or no --output-file) for stdout",
        ));
    }
    if force {
        return files::write_atomic(path, text.as_bytes(), 0o600).map_err(write_error);
    }
    files::write_new_private(path, text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::usage(
                format!("{} exists; not overwriting it", path.display()),
                "add --force to replace it",
            )
        } else {
            write_error(e)
        }
    })
}

/// `kubectl apply -f -` with the manifest on stdin, then each service account.
fn apply(args: &PullSecretArgs, manifest: &Value, timeout: Duration) -> Result<u8> {
    let kubectl = Kubectl::find(args.context.clone(), args.kubeconfig.clone(), timeout, false)?;
    output::text(&kubectl.apply(manifest, "apply the secret")?)?;
    for account in &args.service_account {
        kubectl.add_to_service_account(args.namespace.as_deref(), account, &args.name)?;
    }
    Ok(exit::SUCCESS)
}
