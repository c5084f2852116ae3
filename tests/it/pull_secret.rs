//! `cr-ext pull-secret`: the real kubectl as the oracle for the Secret's shape (it runs with no
//! cluster: `create secret --dry-run=client` and `label --local`), the secret proved against the
//! real registry with the real skopeo (`--authfile`), `--merge`, names, hosts, `--output-file`,
//! and `--apply` against a recording fake kubectl (no API server can run here).
//!
//! The kubectl and registry tests are `#[ignore]`d for a plain `cargo test`; `scripts/test.sh`
//! runs them with `--include-ignored`, and they fail loudly when kubectl is missing.

#![allow(clippy::many_single_char_names)] // w, a, o, e: world, assert, stdout, stderr.

use crate::support;
use std::io::Write as _;
use std::os::unix::fs::{FileTypeExt as _, PermissionsExt};

use crate::support::registry::{Registry, tiny_image};
use crate::support::{Response, World, out};
use base64::Engine as _;
use predicates::prelude::*;
use serde_json::{Value, json};

const KEY: &str = "pUlL-sEcReT_0123456789abcdefghijklmnopqrstu";
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn key_world() -> World {
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", KEY);
    w
}

/// The decoded `.dockerconfigjson` of a Secret in JSON.
fn dockerconfig(secret: &Value) -> Value {
    let b64 = secret["data"][".dockerconfigjson"].as_str().unwrap();
    serde_json::from_slice(&B64.decode(b64).unwrap()).unwrap()
}

fn kubectl() -> std::path::PathBuf {
    which::which("kubectl").unwrap_or_else(|_| {
        panic!("KUBECTL MISSING: the pull-secret oracle tests need kubectl (it is on this project's machine image)")
    })
}

fn public_domains() -> Vec<&'static str> {
    crate::support::ICR_DOMAINS.to_vec()
}

#[test]
#[ignore = "needs kubectl (the oracle); run ./scripts/test.sh"]
fn the_auths_entry_is_what_kubectl_create_secret_makes() {
    let w = key_world();
    let a = w
        .cmd()
        .args(["pull-secret", "-r", "us-south", "-n", "team-a", "--output", "json"])
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_eq!(e, "", "nothing on stderr but warnings");
    let ours: Value = serde_json::from_str(&o).unwrap();
    let theirs = std::process::Command::new(kubectl())
        .args([
            "create",
            "secret",
            "docker-registry",
            "all-icr-io",
            "--docker-server=us.icr.io",
            "--docker-username=iamapikey",
        ])
        .arg(format!("--docker-password={KEY}"))
        .args(["-n", "team-a", "--dry-run=client", "-o", "json"])
        .output()
        .unwrap();
    assert!(theirs.status.success(), "{}", String::from_utf8_lossy(&theirs.stderr));
    let theirs: Value = serde_json::from_slice(&theirs.stdout).unwrap();
    assert_eq!(dockerconfig(&ours), dockerconfig(&theirs));
    for key in ["kind", "apiVersion", "type"] {
        assert_eq!(ours[key], theirs[key], "{key}");
    }
    assert_eq!(ours["metadata"]["name"], theirs["metadata"]["name"]);
    assert_eq!(ours["metadata"]["namespace"], theirs["metadata"]["namespace"]);
    // Compact, in kubectl's key order: the same bytes, not only the same meaning.
    assert_eq!(ours["data"], theirs["data"]);
}

#[test]
#[ignore = "needs kubectl (the oracle); run ./scripts/test.sh"]
fn kubectl_parses_the_yaml_and_the_json_with_no_cluster() {
    let w = key_world();
    for format in ["yaml", "json"] {
        let a = w
            .cmd()
            .args(["pull-secret", "-n", "ns1", "--name", "icr-pull", "--format", format])
            .assert()
            .success();
        let manifest = a.get_output().stdout.clone();
        let mut child = std::process::Command::new(kubectl())
            .args(["label", "--local", "-f", "-", "x=y", "-o", "json"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&manifest).unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{format}: {}", String::from_utf8_lossy(&o.stderr));
        let parsed: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(parsed["metadata"]["labels"]["x"], json!("y"));
        assert_eq!(parsed["metadata"]["name"], json!("icr-pull"));
        assert_eq!(parsed["metadata"]["namespace"], json!("ns1"));
        assert_eq!(parsed["type"], json!("kubernetes.io/dockerconfigjson"));
        let auths = dockerconfig(&parsed)["auths"].as_object().unwrap().clone();
        assert_eq!(auths.keys().map(String::as_str).collect::<Vec<_>>(), public_domains());
    }
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn the_secret_works_with_the_real_skopeo_against_the_real_registry() {
    let registry = Registry::start(&[("iamapikey", KEY)]);
    let mut w = key_world();
    w.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    let image = tiny_image(&w, "hello from a pull secret\n");
    let authfile = w.root.path().join("config.json");
    let remote = format!("docker://{}/cr-ext/secret:v1", registry.host());
    let skopeo = |authfile: &std::path::Path, args: &[&str]| {
        w.system_cmd("skopeo").args(args).arg("--authfile").arg(authfile).output().unwrap()
    };
    w.cmd()
        .args([
            "pull-secret",
            "--registry",
            &registry.host(),
            "--format",
            "dockerconfigjson",
            "--output-file",
        ])
        .arg(&authfile)
        .assert()
        .success()
        .stdout("");
    let pushed = w
        .system_cmd("skopeo")
        .args(["copy", "-q", "--dest-authfile"])
        .arg(&authfile)
        .args([image.as_str(), remote.as_str()])
        .output()
        .unwrap();
    assert!(pushed.status.success(), "{}", String::from_utf8_lossy(&pushed.stderr));
    let inspected = skopeo(&authfile, &["inspect", &remote]);
    assert!(inspected.status.success(), "{}", String::from_utf8_lossy(&inspected.stderr));

    let mut wrong = World::new();
    wrong.env("IBMCLOUD_API_KEY", "WrOnG-kEy_0123456789abcdefghijklmnopqrstuvwx");
    let wrong_file = w.root.path().join("wrong.json");
    wrong
        .cmd()
        .args([
            "pull-secret",
            "--registry",
            &registry.host(),
            "--format",
            "dockerconfigjson",
            "--output-file",
        ])
        .arg(&wrong_file)
        .assert()
        .success();
    let refused = skopeo(&wrong_file, &["inspect", &remote]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("invalid username/password")
            || String::from_utf8_lossy(&refused.stderr).contains("unauthorized")
    );
}

#[test]
fn format_picks_the_shape_and_output_keeps_text_or_json() {
    let w = key_world();
    let yaml = out(&w.cmd().args(["pull-secret", "-r", "us-south"]).assert().success()).0;
    assert!(yaml.starts_with("apiVersion: v1\ndata:\n  .dockerconfigjson: "), "{yaml}");
    let as_json = |args: &[&str]| -> Value {
        let a = w.cmd().args(["pull-secret", "-r", "us-south"]).args(args).assert().success();
        serde_json::from_str(&out(&a).0).unwrap()
    };
    assert_eq!(as_json(&["--output", "json"])["kind"], json!("Secret"));
    assert_eq!(as_json(&["--format", "json"])["kind"], json!("Secret"));
    assert!(as_json(&["--format", "dockerconfigjson", "--output", "json"])["auths"].is_object());
    let both = out(&w
        .cmd()
        .args(["pull-secret", "--format", "yaml", "--output", "json"])
        .assert()
        .success())
    .0;
    assert!(both.starts_with("apiVersion: v1\n"), "--format wins over --output: {both}");
    for gone in ["yaml", "dockerconfigjson"] {
        w.cmd()
            .args(["pull-secret", "--output", gone])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invalid value"));
    }
}

#[test]
fn every_public_domain_by_default_and_private_ones_added() {
    let w = key_world();
    let a = w.cmd().args(["pull-secret", "--format", "dockerconfigjson"]).assert().success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    let auths = doc["auths"].as_object().unwrap();
    assert_eq!(auths.keys().map(String::as_str).collect::<Vec<_>>(), public_domains());
    let entry = &auths["us.icr.io"];
    assert_eq!(entry["username"], json!("iamapikey"));
    assert_eq!(entry["password"], json!(KEY));
    assert_eq!(entry["auth"], json!(B64.encode(format!("iamapikey:{KEY}"))));
    let a = w
        .cmd()
        .args(["pull-secret", "--private", "--format", "dockerconfigjson"])
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    let keys: Vec<String> = doc["auths"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 26);
    for d in public_domains() {
        assert!(keys.contains(&d.to_owned()) && keys.contains(&format!("private.{d}")), "{d}");
    }
    let a = w
        .cmd()
        .args([
            "pull-secret",
            "-r",
            "eu-de",
            "-r",
            "jp-tok",
            "--registry",
            "127.0.0.1:5000",
            "--format",
            "dockerconfigjson",
        ])
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    let keys: Vec<&str> = doc["auths"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["de.icr.io", "jp.icr.io", "127.0.0.1:5000"]);
}

#[test]
fn merge_keeps_foreign_entries_and_replaces_icr_hosts() {
    let w = key_world();
    let redhat = json!({"auth": "cmVkaGF0OnB3", "email": "ops@example.com"});
    let existing = json!({
        "auths": {
            "cloud.openshift.com": redhat,
            "quay.io": {"auth": "cXVheTpwdw=="},
            "https://us.icr.io": {"auth": "b2xkOm9sZA=="},
            "de.icr.io": {"auth": "b2xkOm9sZA=="},
        },
        "credHelpers": {"gcr.io": "gcloud"},
    });
    let file = w.root.path().join("pull-secret.json");
    std::fs::write(&file, existing.to_string()).unwrap();
    let a = w
        .cmd()
        .args([
            "pull-secret",
            "-r",
            "us-south",
            "-r",
            "eu-de",
            "--format",
            "dockerconfigjson",
            "--merge",
        ])
        .arg(&file)
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc["auths"]["cloud.openshift.com"], redhat);
    assert_eq!(doc["auths"]["quay.io"], existing["auths"]["quay.io"]);
    assert_eq!(doc["credHelpers"], existing["credHelpers"]);
    assert!(
        doc["auths"].get("https://us.icr.io").is_none(),
        "the old form of the ICR key is replaced"
    );
    assert_eq!(doc["auths"]["us.icr.io"]["password"], json!(KEY));
    assert_eq!(doc["auths"]["de.icr.io"]["password"], json!(KEY));
    assert_eq!(doc["auths"].as_object().unwrap().len(), 4);

    // A Secret (as `oc get secret -o json` prints it) merges the same way.
    let secret = json!({"kind": "Secret", "apiVersion": "v1", "type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": B64.encode(existing.to_string())}});
    std::fs::write(&file, secret.to_string()).unwrap();
    let a = w
        .cmd()
        .args(["pull-secret", "-r", "us-south", "--output", "json", "--merge"])
        .arg(&file)
        .assert()
        .success();
    let merged = dockerconfig(&serde_json::from_str(&out(&a).0).unwrap());
    assert_eq!(merged["auths"]["cloud.openshift.com"], redhat);

    std::fs::write(&file, "[1,2]").unwrap();
    w.cmd()
        .args(["pull-secret", "--merge"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a JSON object"));
}

#[test]
fn bad_names_namespaces_and_regions_are_refused() {
    let w = key_world();
    for args in [
        &["--name", "All_ICR"][..],
        &["--name", "-x"],
        &["-n", "Team"],
        &["-n", "a.b"],
        &["--namespace", "x".repeat(64).leak()],
        &["-r", "mars"],
        &["--registry", "bad host"],
        &["--service-account", "default"],
    ] {
        let a = w.cmd().arg("pull-secret").args(args).assert().code(2);
        assert!(out(&a).0.is_empty(), "{args:?}");
    }
}

#[test]
fn no_key_is_a_usage_error_with_a_hint_and_other_kinds_warn() {
    let w = World::new();
    w.cmd()
        .arg("pull-secret")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("service-api-key-create"));
    let mut iam = mockito::Server::new();
    let token = support::jwt_expiring_in(3600);
    let _m = iam
        .mock("POST", "/identity/token")
        .with_body(
            json!({"access_token": token, "refresh_token": "rEfReSh-0123456789abcdef"}).to_string(),
        )
        .create();
    let mut w = key_world();
    w.env("IAM_ENDPOINT", &iam.url());
    for (kind, user, secret) in [
        ("bearer", "iambearer", token.as_str()),
        ("refresh", "iamrefresh", "rEfReSh-0123456789abcdef"),
    ] {
        let a = w
            .cmd()
            .args(["pull-secret", "-r", "us-south", "--format", "dockerconfigjson", "--as", kind])
            .assert()
            .success();
        let (o, e) = out(&a);
        assert!(e.starts_with("warning: --as ") && e.contains("pods will fail to pull"), "{e}");
        let doc: Value = serde_json::from_str(&o).unwrap();
        assert_eq!(doc["auths"]["us.icr.io"]["username"], json!(user));
        assert_eq!(doc["auths"]["us.icr.io"]["password"], json!(secret));
        assert!(!e.contains(KEY) && !e.contains(secret));
    }
}

#[test]
fn output_file_is_0600_and_not_overwritten_without_force() {
    let w = key_world();
    let file = w.root.path().join("secret.yaml");
    w.cmd()
        .args(["pull-secret", "--output-file"])
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("apiVersion: v1\ndata:\n  .dockerconfigjson: ")
    );
    std::fs::write(&file, "keep me").unwrap();
    w.cmd()
        .args(["pull-secret", "--output-file"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    w.cmd().args(["pull-secret", "--force", "--output-file"]).arg(&file).assert().success();
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("apiVersion: v1"));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
}

/// A fake kubectl whose `get serviceaccount` answers `account`.
fn kube_world(account: &Value) -> World {
    let w = key_world();
    w.fake("kubectl")
        .respond("kubectl", "apply", &Response::out("secret/all-icr-io created\n"))
        .respond("kubectl", "get", &Response::out(account.to_string()))
        .respond("kubectl", "patch", &Response::out("serviceaccount/default patched\n"));
    w
}

#[test]
fn apply_sends_the_manifest_on_stdin_and_keeps_existing_pull_secrets() {
    let account = json!({"kind": "ServiceAccount", "metadata": {"name": "default"}, "imagePullSecrets": [{"name": "other-registry"}]});
    let w = kube_world(&account);
    let a = w
        .cmd()
        .args([
            "pull-secret",
            "-n",
            "team-a",
            "--apply",
            "--service-account",
            "default",
            "--context",
            "prod",
            "--kubeconfig",
            "/k/config",
        ])
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_eq!(o, "secret/all-icr-io created\nserviceaccount/default patched\n");
    assert_eq!(e, "");
    let calls = w.calls("kubectl");
    assert_eq!(calls.len(), 3);
    assert_eq!(
        calls[0].argv,
        ["apply", "-f", "-", "--context", "prod", "--kubeconfig", "/k/config"]
    );
    let manifest: Value = serde_json::from_slice(&calls[0].stdin).unwrap();
    assert_eq!(manifest["metadata"], json!({"name": "all-icr-io", "namespace": "team-a"}));
    assert_eq!(dockerconfig(&manifest)["auths"]["us.icr.io"]["password"], json!(KEY));
    assert_eq!(
        calls[1].argv,
        [
            "get",
            "serviceaccount",
            "default",
            "-o",
            "json",
            "--namespace",
            "team-a",
            "--context",
            "prod",
            "--kubeconfig",
            "/k/config"
        ]
    );
    assert_eq!(calls[2].argv[..6], ["patch", "serviceaccount", "default", "--type", "json", "-p"]);
    let patch: Value = serde_json::from_str(&calls[2].argv[6]).unwrap();
    assert_eq!(
        patch,
        json!([{"op": "add", "path": "/imagePullSecrets/-", "value": {"name": "all-icr-io"}}])
    );
    assert!(
        !w.all_recorded_argv_and_env().contains(KEY),
        "the key never in kubectl's argv or environment"
    );
    let b64 = B64.encode(format!("iamapikey:{KEY}"));
    assert!(!w.all_recorded_argv_and_env().contains(&b64));
}

#[test]
fn apply_creates_the_list_and_changes_nothing_when_already_listed() {
    let w = kube_world(&json!({"metadata": {"name": "builder"}}));
    w.cmd().args(["pull-secret", "--apply", "--service-account", "builder"]).assert().success();
    let patch: Value = serde_json::from_str(&w.calls("kubectl")[2].argv[6]).unwrap();
    assert_eq!(
        patch,
        json!([{"op": "add", "path": "/imagePullSecrets", "value": [{"name": "all-icr-io"}]}])
    );

    let w = kube_world(
        &json!({"metadata": {"name": "default"}, "imagePullSecrets": [{"name": "all-icr-io"}]}),
    );
    let a =
        w.cmd().args(["pull-secret", "--apply", "--service-account", "default"]).assert().success();
    assert!(out(&a).0.contains("serviceaccount/default already lists all-icr-io"));
    let calls = w.calls("kubectl");
    assert_eq!(calls.len(), 2, "no patch when already listed");
}

#[test]
fn kubectl_missing_or_failing_exits_1_with_its_redacted_message() {
    let w = key_world();
    w.cmd()
        .args(["pull-secret", "--apply"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kubectl is not on PATH"));
    let w = key_world();
    w.fake("kubectl").respond(
        "kubectl",
        "apply",
        &Response::fail(
            1,
            format!("error: secrets is forbidden: user cannot create; value was {KEY}\n"),
        ),
    );
    let a = w.cmd().args(["pull-secret", "--apply", "--verbose"]).assert().code(1);
    let (o, e) = out(&a);
    assert!(
        e.contains(
            "kubectl could not apply the secret (exit status: 1): error: secrets is forbidden"
        ),
        "{e}"
    );
    assert!(!e.contains(KEY) && !o.contains(KEY), "{e}");
    assert!(e.contains("trace: starting printf '%s' '****' | kubectl apply -f -"), "{e}");
}

#[test]
fn output_file_writes_only_regular_files_and_dash_is_stdout() {
    let w = key_world();
    // Stand-ins for /dev/null and /dev/stdout that the test owns: a FIFO and a link to it.
    let fifo = w.root.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let link = w.root.path().join("stdout-link");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let dir = w.root.path().join("a-directory");
    std::fs::create_dir(&dir).unwrap();
    for path in [&fifo, &link, &dir] {
        let a =
            w.cmd().args(["pull-secret", "--force", "--output-file"]).arg(path).assert().code(2);
        let (o, e) = out(&a);
        assert!(o.is_empty() && e.contains("not a regular file"), "{}: {e}", path.display());
        assert!(!e.contains(KEY));
    }
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is kept");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::metadata(&dir).unwrap().is_dir());

    let cwd = w.root.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let a = w
        .cmd()
        .current_dir(&cwd)
        .args(["pull-secret", "--format", "dockerconfigjson", "--output-file", "-"])
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc["auths"]["us.icr.io"]["password"], json!(KEY));
    assert!(!cwd.join("-").exists(), "`-` is stdout, not a file");
}

#[test]
fn merge_refuses_what_is_not_a_dockerconfigjson() {
    let w = key_world();
    let existing = json!({"auths": {"cloud.openshift.com": {"auth": "cmVkaGF0OnB3"}}});
    let encoded = B64.encode(existing.to_string());
    let file = w.root.path().join("in.json");
    for (bad, why) in [
        // A Secret's .data map, as `kubectl get secret -o jsonpath='{.data}'` prints it.
        (json!({".dockerconfigjson": encoded}), "no auths"),
        // A Secret without kind.
        (
            json!({"apiVersion": "v1", "data": {".dockerconfigjson": encoded}, "type": "kubernetes.io/dockerconfigjson"}),
            "no auths",
        ),
        // A Secret of another type.
        (
            json!({"kind": "Secret", "apiVersion": "v1", "data": {"token": "eA=="}, "type": "Opaque"}),
            "not of type kubernetes.io/dockerconfigjson",
        ),
        // Another kind.
        (json!({"kind": "ConfigMap", "data": {"auths": "x"}}), "a ConfigMap"),
        (json!({}), "no auths"),
        (json!({"auths": {"quay.io": "not an object"}}), "quay.io"),
    ] {
        std::fs::write(&file, bad.to_string()).unwrap();
        let a = w.cmd().args(["pull-secret", "--merge"]).arg(&file).assert().code(1);
        let (o, e) = out(&a);
        assert!(o.is_empty(), "{bad}: {o}");
        assert!(e.contains(why), "{bad}: {e}");
    }
    // What is accepted: an auths document (also an empty one) and a dockerconfigjson Secret.
    for good in [
        existing.clone(),
        json!({"auths": {}}),
        json!({"kind": "Secret", "apiVersion": "v1", "data": {".dockerconfigjson": encoded}, "type": "kubernetes.io/dockerconfigjson"}),
    ] {
        std::fs::write(&file, good.to_string()).unwrap();
        w.cmd().args(["pull-secret", "--merge"]).arg(&file).assert().success();
    }
}

#[test]
fn a_kubectl_error_quoting_the_secret_in_base64_shows_no_key() {
    let w = key_world();
    let auth = B64.encode(format!("iamapikey:{KEY}"));
    let full =
        json!({"auths": {"us.icr.io": {"username": "iamapikey", "password": KEY, "auth": auth}}});
    let auth_only = json!({"auths": {"us.icr.io": {"auth": auth}}});
    let quoted = format!(
        "Error from server (Invalid): error when creating \"STDIN\": Secret \"all-icr-io\" is invalid: \
         data[.dockerconfigjson]: {}; also {}; and auth {auth}; url-safe {}\n",
        B64.encode(full.to_string()),
        B64.encode(auth_only.to_string()),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(KEY),
    );
    w.fake("kubectl").respond("kubectl", "apply", &Response::fail(1, quoted));
    let a = w.cmd().args(["pull-secret", "--apply", "-r", "us-south"]).assert().code(1);
    let (o, e) = out(&a);
    assert!(e.contains("Secret \"all-icr-io\" is invalid"), "{e}");
    // Decode every base64 word printed, twice over: none may hold the key.
    let mut words: Vec<Vec<u8>> = format!("{o}{e}")
        .split(|c: char| !(c.is_ascii_alphanumeric() || "+/=_-".contains(c)))
        .map(|w| w.as_bytes().to_vec())
        .collect();
    for _ in 0..2 {
        let mut decoded = Vec::new();
        for word in &words {
            assert!(!String::from_utf8_lossy(word).contains(KEY), "{e}");
            for engine in [&B64, &base64::engine::general_purpose::URL_SAFE_NO_PAD] {
                if let Ok(d) = engine.decode(word) {
                    assert!(!String::from_utf8_lossy(&d).contains(KEY), "{e}");
                    let text = String::from_utf8_lossy(&d).into_owned();
                    decoded.extend(
                        text.split(|c: char| !(c.is_ascii_alphanumeric() || "+/=_-".contains(c)))
                            .map(|w| w.as_bytes().to_vec()),
                    );
                }
            }
        }
        words = decoded;
    }
}
