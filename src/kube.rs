//! Image pull secrets in a cluster, through kubectl (DESIGN.md §11): the Secret's manifest, its
//! apply with the manifest on kubectl's stdin (never in its argv), a service account's
//! `imagePullSecrets` extended with a JSON-patch `add` (a merge patch would replace the list),
//! and the undo of both: the Secret that was there before put back (or the new one deleted)
//! and the entry that was added taken out again. `pull-secret --apply` and `service-key rotate
//! --apply` share it; it knows nothing of the command line.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::exec::{Child, Finished};
use crate::output;
use crate::secret::{Secret, sanitize};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The Secret, as `kubectl create secret docker-registry --dry-run=client -o json` prints it.
#[must_use]
pub(crate) fn manifest(name: &str, namespace: Option<&str>, config_json: &str) -> Value {
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

/// kubectl as the user points it: program, `--context`, `--kubeconfig`; with `dry_run`, each
/// call is printed on stdout (a secret on stdin as `****`) and none is run.
pub(crate) struct Kubectl {
    pub(crate) program: PathBuf,
    pub(crate) context: Option<String>,
    pub(crate) kubeconfig: Option<PathBuf>,
    pub(crate) timeout: Duration,
    pub(crate) dry_run: bool,
    /// kubectl's own words go to stderr (stdout holds a JSON report).
    pub(crate) say_on_stderr: bool,
}

/// What was done to one service account, to undo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Listed {
    /// The secret was listed already: nothing changed.
    Already,
    /// The secret was added at this index of `imagePullSecrets`.
    AddedAt(usize),
    /// `imagePullSecrets` was created holding only the secret.
    Created,
}

impl Kubectl {
    /// kubectl found on PATH (in a dry run, its name only).
    ///
    /// # Errors
    /// kubectl is not on PATH.
    pub(crate) fn find(
        context: Option<String>,
        kubeconfig: Option<PathBuf>,
        timeout: Duration,
        dry_run: bool,
    ) -> Result<Kubectl> {
        let program = if dry_run {
            PathBuf::from("kubectl")
        } else {
            which::which("kubectl").map_err(|_| Error::KubectlMissing)?
        };
        Ok(Kubectl { program, context, kubeconfig, timeout, dry_run, say_on_stderr: false })
    }

    fn child(&self, action: &[&str], namespace: Option<&str>) -> Child {
        let mut command: Vec<OsString> = action.iter().map(Into::into).collect();
        if let Some(ns) = namespace {
            command.extend(["--namespace".into(), ns.into()]);
        }
        if let Some(context) = &self.context {
            command.extend(["--context".into(), context.into()]);
        }
        if let Some(config) = &self.kubeconfig {
            command.extend(["--kubeconfig".into(), config.into()]);
        }
        Child {
            program: self.program.clone(),
            name: "kubectl".into(),
            args: command,
            env: Vec::new(),
        }
    }

    /// Runs `action`, its output on success; a dry run prints it and answers `None`.
    fn run(&self, action: &[&str], namespace: Option<&str>, what: &str) -> Result<Option<String>> {
        let child = self.child(action, namespace);
        if self.dry_run {
            output::stdout(&format!("{}\n", child.display(false)))?;
            return Ok(None);
        }
        checked(what, child.run(self.timeout)?).map(Some)
    }

    /// `kubectl apply -f -` with `manifest` on stdin (it holds a secret); kubectl's answer.
    ///
    /// # Errors
    /// kubectl failing.
    pub(crate) fn apply(&self, manifest: &Value, what: &str) -> Result<String> {
        let child = self.child(&["apply", "-f", "-"], None);
        if self.dry_run {
            output::stdout(&format!("{}\n", child.display(true)))?;
            return Ok(String::new());
        }
        output::trace(&format!("starting {}", child.display(true)));
        let body = Secret::holding(manifest.to_string());
        let finished = child.start_waiting_for_secret()?.finish(&body, self.timeout)?;
        checked(what, finished)
    }

    /// The Secret `name` in `namespace` as it is now, ready to be applied again (server
    /// fields dropped); `None` when there is none. It holds a key: it travels as a [`Secret`].
    ///
    /// # Errors
    /// kubectl failing otherwise, or an answer that is not a Secret.
    pub(crate) fn current_secret(
        &self,
        name: &str,
        namespace: Option<&str>,
    ) -> Result<Option<Secret>> {
        let child = self.child(&["get", "secret", name, "-o", "json"], namespace);
        if self.dry_run {
            output::stdout(&format!("{}\n", child.display(false)))?;
            return Ok(None);
        }
        let finished = child.run(self.timeout)?;
        if !finished.success && finished.stderr.contains("NotFound") {
            return Ok(None);
        }
        let what = format!("read secret {name}{}", within(namespace));
        let text = Secret::holding(checked(&what, finished)?);
        let doc: Value = serde_json::from_str(text.expose()).map_err(|_| Error::Kubectl {
            action: what.clone(),
            status: "exit status: 0".into(),
            message: "its answer is not JSON".into(),
        })?;
        if doc["kind"] != json!("Secret") {
            return Err(Error::Kubectl {
                action: what,
                status: "exit status: 0".into(),
                message: "its answer is not a Secret".into(),
            });
        }
        // What the Secret holds (the key of an earlier rotation, still valid) is remembered for
        // redaction: a kubectl error that quotes it back must not print it.
        Self::remember_held(&doc);
        let mut metadata = Map::new();
        metadata.insert("name".into(), json!(name));
        if let Some(ns) = namespace.or_else(|| doc["metadata"]["namespace"].as_str()) {
            metadata.insert("namespace".into(), json!(ns));
        }
        for key in ["labels", "annotations"] {
            if let Some(v) = doc["metadata"].get(key) {
                metadata.insert(key.into(), v.clone());
            }
        }
        let mut again = json!({"apiVersion": "v1", "kind": "Secret", "metadata": metadata});
        for key in ["type", "data", "immutable"] {
            if let Some(v) = doc.get(key) {
                again[key] = v.clone();
            }
        }
        Ok(Some(Secret::holding(again.to_string())))
    }

    /// Remembers every secret in a Secret read from the cluster: each `data` value as it is, and
    /// decoded; inside a `.dockerconfigjson`, each registry's `password`, `auth` and the secret
    /// half of `auth`.
    fn remember_held(doc: &Value) {
        let Some(data) = doc["data"].as_object() else { return };
        for value in data.values().filter_map(Value::as_str) {
            crate::secret::remember(value);
            let Some(decoded) =
                B64.decode(value.trim()).ok().and_then(|b| String::from_utf8(b).ok())
            else {
                continue;
            };
            crate::secret::remember(&decoded);
            let Ok(config) = serde_json::from_str::<Value>(&decoded) else { continue };
            let Some(auths) = config["auths"].as_object() else { continue };
            for entry in auths.values() {
                for key in ["password", "auth", "identitytoken"] {
                    if let Some(v) = entry[key].as_str() {
                        crate::secret::remember(v);
                    }
                }
                let pair = entry["auth"].as_str().and_then(|a| B64.decode(a.trim()).ok());
                if let Some((_, secret)) = pair
                    .as_deref()
                    .and_then(|p| std::str::from_utf8(p).ok())
                    .and_then(|p| p.split_once(':'))
                {
                    crate::secret::remember(secret);
                }
            }
        }
    }

    /// Puts back what [`Kubectl::current_secret`] read (`None`: deletes the Secret).
    ///
    /// # Errors
    /// kubectl failing.
    pub(crate) fn restore_secret(
        &self,
        name: &str,
        namespace: Option<&str>,
        before: Option<&Secret>,
    ) -> Result<()> {
        let what = format!("restore secret {name}{}", within(namespace));
        match before {
            Some(old) => {
                let manifest: Value = serde_json::from_str(old.expose()).unwrap_or(Value::Null);
                self.apply(&manifest, &what).map(drop)
            }
            // `--ignore-not-found`: the apply it undoes may never have reached the server.
            None => self
                .run(&["delete", "secret", name, "--ignore-not-found"], namespace, &what)
                .map(drop),
        }
    }

    /// Adds the secret `secret` to service account `account`'s `imagePullSecrets`, keeping
    /// what is listed; changes nothing when it is listed already. Says what it did on stdout.
    ///
    /// # Errors
    /// kubectl failing, or an answer that is not JSON.
    pub(crate) fn add_to_service_account(
        &self,
        namespace: Option<&str>,
        account: &str,
        secret: &str,
    ) -> Result<Listed> {
        let action = format!("read service account {account}");
        let Some(got) =
            self.run(&["get", "serviceaccount", account, "-o", "json"], namespace, &action)?
        else {
            // A dry run: the patch as it is sent when the account lists other secrets.
            let patch =
                json!([{"op": "add", "path": "/imagePullSecrets/-", "value": {"name": secret}}]);
            self.patch(namespace, account, &patch.to_string())?;
            return Ok(Listed::Already);
        };
        let doc: Value = serde_json::from_str(&got).map_err(|_| Error::Kubectl {
            action,
            status: "exit status: 0".into(),
            message: "its answer is not JSON".into(),
        })?;
        let listed = doc.get("imagePullSecrets").and_then(Value::as_array);
        if listed.is_some_and(|l| l.iter().any(|e| e["name"].as_str() == Some(secret))) {
            self.say(&format!("serviceaccount/{} already lists {secret}\n", sanitize(account)))?;
            return Ok(Listed::Already);
        }
        let entry = json!({"name": secret});
        let (patch, listed) = match listed {
            Some(list) => (
                json!([{"op": "add", "path": "/imagePullSecrets/-", "value": entry}]),
                Listed::AddedAt(list.len()),
            ),
            None => (
                json!([{"op": "add", "path": "/imagePullSecrets", "value": [entry]}]),
                Listed::Created,
            ),
        };
        let said = self.patch(namespace, account, &patch.to_string())?;
        self.say(&said)?;
        Ok(listed)
    }

    /// Takes out again what [`Kubectl::add_to_service_account`] added: a JSON patch that first
    /// tests the entry is still the secret, so nothing else is ever removed.
    ///
    /// # Errors
    /// kubectl failing.
    pub(crate) fn undo_service_account(
        &self,
        namespace: Option<&str>,
        account: &str,
        secret: &str,
        listed: &Listed,
    ) -> Result<()> {
        let patch = match listed {
            Listed::Already => return Ok(()),
            Listed::AddedAt(i) => json!([
                {"op": "test", "path": format!("/imagePullSecrets/{i}/name"), "value": secret},
                {"op": "remove", "path": format!("/imagePullSecrets/{i}")},
            ]),
            Listed::Created => json!([
                {"op": "test", "path": "/imagePullSecrets", "value": [{"name": secret}]},
                {"op": "remove", "path": "/imagePullSecrets"},
            ]),
        };
        self.patch(namespace, account, &patch.to_string()).map(drop)
    }

    /// Shows what kubectl said: on stdout, or on stderr when stdout holds a report.
    ///
    /// # Errors
    /// stdout cannot be written.
    pub(crate) fn say(&self, said: &str) -> Result<()> {
        if self.say_on_stderr {
            for line in said.lines().filter(|l| !l.trim().is_empty()) {
                output::stderr_line(line);
            }
            Ok(())
        } else {
            output::text(said)
        }
    }

    fn patch(&self, namespace: Option<&str>, account: &str, patch: &str) -> Result<String> {
        let what = format!("patch service account {account}");
        let action = ["patch", "serviceaccount", account, "--type", "json", "-p", patch];
        Ok(self.run(&action, namespace, &what)?.unwrap_or_default())
    }
}

/// ` in namespace NS`, or nothing for kubectl's current namespace.
#[must_use]
pub(crate) fn within(namespace: Option<&str>) -> String {
    namespace.map(|ns| format!(" in namespace {ns}")).unwrap_or_default()
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
