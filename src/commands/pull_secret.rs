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

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::authfile;
use crate::cli::{PullSecretArgs, SecretFormat};
use crate::credential::{CredentialPlan, Username};
use crate::env;
use crate::error::{Error, Result, exit};
use crate::exec::{Child, Finished};
use crate::files;
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Printer};
use crate::plan::{self, Defaults};
use crate::secret::{Secret, sanitize};
use crate::sys;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

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
    if args.username != Username::Apikey {
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
    authfile::put_logins(&mut base, &hosts, plan.username.as_str(), &obtained.secret);
    let config_json = Value::Object(base).to_string();
    let manifest = manifest(&args.name, args.namespace.as_deref(), &config_json);
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

/// The Secret, as `kubectl create secret docker-registry --dry-run=client -o json` prints it.
fn manifest(name: &str, namespace: Option<&str>, config_json: &str) -> Value {
    let mut metadata = Map::new();
    metadata.insert("name".into(), json!(name));
    if let Some(ns) = namespace {
        metadata.insert("namespace".into(), json!(ns));
    }
    json!({
        "kind": "Secret",
        "apiVersion": "v1",
        "metadata": metadata,
        "data": { ".dockerconfigjson": B64.encode(config_json) },
        "type": "kubernetes.io/dockerconfigjson",
    })
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

/// kubectl with the user's `--context` and `--kubeconfig`.
fn kubectl(args: &PullSecretArgs, program: &Path, action: &[&str], namespaced: bool) -> Child {
    let mut command: Vec<std::ffi::OsString> = action.iter().map(Into::into).collect();
    if namespaced && let Some(ns) = &args.namespace {
        command.extend(["--namespace".into(), ns.into()]);
    }
    if let Some(context) = &args.context {
        command.extend(["--context".into(), context.into()]);
    }
    if let Some(config) = &args.kubeconfig {
        command.extend(["--kubeconfig".into(), config.into()]);
    }
    Child { program: program.to_path_buf(), name: "kubectl".into(), args: command, env: Vec::new() }
}

fn checked(action: &str, finished: Finished) -> Result<String> {
    if finished.success {
        Ok(finished.stdout)
    } else {
        Err(Error::Kubectl {
            action: action.into(),
            status: finished.status.clone(),
            message: finished.message(),
        })
    }
}

/// `kubectl apply -f -` with the manifest on stdin, then each service account.
fn apply(args: &PullSecretArgs, manifest: &Value, timeout: Duration) -> Result<u8> {
    let program = which::which("kubectl").map_err(|_| Error::KubectlMissing)?;
    let child = kubectl(args, &program, &["apply", "-f", "-"], false);
    output::trace(&format!("starting {}", child.display(true)));
    let body = Secret::holding(manifest.to_string());
    let finished = child.start_waiting_for_secret()?.finish(&body, timeout)?;
    output::text(&checked("apply the secret", finished)?)?;
    for account in &args.service_account {
        add_to_service_account(args, &program, account, timeout)?;
    }
    Ok(exit::SUCCESS)
}

/// Adds the secret to `account`'s `imagePullSecrets` with a JSON patch `add` (a merge patch
/// would replace the list); changes nothing when it is already listed.
fn add_to_service_account(
    args: &PullSecretArgs,
    program: &Path,
    account: &str,
    timeout: Duration,
) -> Result<()> {
    let action = format!("read service account {account}");
    let got = kubectl(args, program, &["get", "serviceaccount", account, "-o", "json"], true)
        .run(timeout)?;
    let doc: Value = serde_json::from_str(&checked(&action, got)?).map_err(|_| Error::Kubectl {
        action,
        status: "exit status: 0".into(),
        message: "its answer is not JSON".into(),
    })?;
    let listed = doc.get("imagePullSecrets").and_then(Value::as_array);
    if listed.is_some_and(|l| l.iter().any(|e| e["name"].as_str() == Some(&args.name))) {
        output::text(&format!(
            "serviceaccount/{} already lists {}\n",
            sanitize(account),
            args.name
        ))?;
        return Ok(());
    }
    let entry = json!({"name": args.name});
    let patch = if listed.is_some() {
        json!([{"op": "add", "path": "/imagePullSecrets/-", "value": entry}])
    } else {
        json!([{"op": "add", "path": "/imagePullSecrets", "value": [entry]}])
    };
    let patch = patch.to_string();
    let finished = kubectl(
        args,
        program,
        &["patch", "serviceaccount", account, "--type", "json", "-p", &patch],
        true,
    )
    .run(timeout)?;
    output::text(&checked(&format!("patch service account {account}"), finished)?)?;
    Ok(())
}
