//! Many targets in one call (clients × registries), `logout` and `status`, with recording
//! fakes: which credentials file each child writes (from the environment it ran with), that
//! logins writing the same file never overlap in time while different files do, partial
//! failure, and status against hand-written credential files, hostile ones included (escape
//! sequences in claims and usernames, a FIFO in place of a file).

use std::path::PathBuf;

use crate::support::{Call, Response, World, jwt, jwt_expiring_in, now, out};
use base64::Engine as _;
use mockito::Server;
use predicates::prelude::*;
use serde_json::{Value, json};

fn slow_client(w: &World, name: &str, delay_ms: u32) {
    w.fake(name).respond(
        name,
        "login",
        &Response { stdout: "Login Succeeded!\n".into(), delay_ms, ..Response::default() },
    );
}

/// The credentials file a client writes, from the environment it ran with: an independent
/// reading of DESIGN.md §7, so the test does not trust cr-ext's own grouping.
fn file_of(client: &str, call: &Call) -> PathBuf {
    let var = |k: &str| call.env_var(k).filter(|v| !v.is_empty());
    let docker = var("DOCKER_CONFIG").map(|d| PathBuf::from(d).join("config.json"));
    if client == "docker" {
        return docker
            .unwrap_or_else(|| PathBuf::from(var("HOME").unwrap()).join(".docker/config.json"));
    }
    var("REGISTRY_AUTH_FILE").map(PathBuf::from).or(docker).unwrap_or_else(|| {
        PathBuf::from(var("XDG_RUNTIME_DIR").unwrap()).join("containers/auth.json")
    })
}

fn overlap(a: &Call, b: &Call) -> bool {
    a.start < b.end && b.start < a.end
}

fn json_out(a: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_slice(&a.get_output().stdout).unwrap()
}

#[test]
fn clients_times_registries_with_one_credential_fetch() {
    let token = jwt_expiring_in(3600);
    let w = World::new();
    w.ibmcloud_session(&token).client("docker").client("podman");
    let a = w
        .cmd()
        .args([
            "login",
            "-c",
            "docker,podman",
            "-r",
            "us-south",
            "-r",
            "eu-central",
            "--output",
            "json",
        ])
        .assert()
        .success();
    assert_eq!(w.calls("ibmcloud").len(), 1, "the credential is fetched once");
    let doc = json_out(&a);
    let pairs: Vec<(String, String, bool)> = doc["logins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["client"].as_str().unwrap().into(),
                e["registry"].as_str().unwrap().into(),
                e["ok"] == json!(true),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("docker".into(), "us.icr.io".into(), true),
            ("docker".into(), "de.icr.io".into(), true),
            ("podman".into(), "us.icr.io".into(), true),
            ("podman".into(), "de.icr.io".into(), true),
        ]
    );
    for client in ["docker", "podman"] {
        let calls = w.calls(client);
        let mut hosts: Vec<&str> = calls.iter().map(|c| c.argv[4].as_str()).collect();
        hosts.sort_unstable();
        assert_eq!(hosts, ["de.icr.io", "us.icr.io"]);
        assert!(calls.iter().all(|c| c.stdin == token.as_bytes()));
    }
}

#[test]
fn same_file_in_sequence_different_files_in_parallel() {
    let w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600));
    for client in ["docker", "podman", "buildah"] {
        slow_client(&w, client, 300);
    }
    let started = std::time::Instant::now();
    w.cmd()
        .args(["login", "-q", "-c", "docker,podman,buildah", "-r", "us-south", "-r", "eu-de"])
        .assert()
        .success();
    let elapsed = started.elapsed();
    let calls: Vec<(PathBuf, Call)> = ["docker", "podman", "buildah"]
        .iter()
        .flat_map(|c| w.calls(c).into_iter().map(move |call| (file_of(c, &call), call)))
        .collect();
    assert_eq!(calls.len(), 6);
    let files: std::collections::BTreeSet<&PathBuf> = calls.iter().map(|(f, _)| f).collect();
    assert_eq!(files.len(), 2, "docker's file and the containers tools' file: {files:?}");
    let mut parallel = false;
    for (i, (fa, a)) in calls.iter().enumerate() {
        assert!(a.start > 0 && a.end > a.start);
        for (fb, b) in &calls[i + 1..] {
            if fa == fb {
                assert!(!overlap(a, b), "two logins wrote {} at once", fa.display());
            } else {
                parallel |= overlap(a, b);
            }
        }
    }
    assert!(parallel, "logins writing different files should run side by side");
    // Not asserted as a benchmark; recorded to show the shape: 4 × 300 ms, not 6 × 300 ms.
    eprintln!("6 logins over two files took {elapsed:?}");
}

#[test]
fn docker_config_makes_all_four_share_one_file() {
    let mut w = World::new();
    let shared = w.root.path().join("docker-config");
    w.env("DOCKER_CONFIG", shared.to_str().unwrap());
    w.ibmcloud_session(&jwt_expiring_in(3600));
    for client in ["docker", "podman", "buildah", "skopeo"] {
        slow_client(&w, client, 150);
    }
    w.cmd().args(["login", "-q", "--all-clients", "-r", "us-south"]).assert().success();
    let calls: Vec<(PathBuf, Call)> = ["docker", "podman", "buildah", "skopeo"]
        .iter()
        .flat_map(|c| w.calls(c).into_iter().map(move |call| (file_of(c, &call), call)))
        .collect();
    assert_eq!(calls.len(), 4);
    for (i, (fa, a)) in calls.iter().enumerate() {
        assert_eq!(fa, &shared.join("config.json"));
        for (_, b) in &calls[i + 1..] {
            assert!(!overlap(a, b), "logins sharing DOCKER_CONFIG overlapped");
        }
    }
}

#[test]
fn all_regions_for_every_client_on_path() {
    let w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600)).client("docker").client("skopeo");
    w.cmd().args(["login", "-q", "--all-clients", "--all-regions", "--private"]).assert().success();
    for client in ["docker", "skopeo"] {
        let mut hosts: Vec<String> =
            w.calls(client).into_iter().map(|c| c.argv[4].clone()).collect();
        hosts.sort();
        assert_eq!(hosts.len(), 13, "{client}: {hosts:?}");
        assert!(hosts.iter().all(|h| h.starts_with("private.") && h.ends_with("icr.io")));
    }
}

#[test]
fn a_failing_target_does_not_stop_the_others() {
    let w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600)).client("docker");
    w.fake("podman").respond(
        "podman",
        "login",
        &Response::fail(125, "Error: logging into \"x\": invalid username/password\n"),
    );
    let a = w
        .cmd()
        .args(["login", "-c", "podman,docker", "-r", "us-south", "-r", "eu-de", "--output", "json"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(stderr.contains("error: podman could not log in to 'us.icr.io'"), "{stderr}");
    assert!(stderr.contains("error: podman could not log in to 'de.icr.io'"), "{stderr}");
    assert!(stderr.contains("FAILED\nerror: 2 of 4 logins failed"), "{stderr}");
    let doc = json_out(&a);
    let oks: Vec<(&str, bool)> = doc["logins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["client"].as_str().unwrap(), e["ok"].as_bool().unwrap()))
        .collect();
    assert_eq!(oks, [("podman", false), ("podman", false), ("docker", true), ("docker", true)]);
    assert_eq!(w.calls("docker").len(), 2);
}

#[test]
fn no_credential_fails_every_target_and_runs_no_client() {
    let w = World::new();
    w.client("docker").client("podman");
    w.fake("ibmcloud").respond(
        "ibmcloud",
        "json",
        &Response::fail(1, "Not logged in. Use 'ibmcloud login' to log in.\n"),
    );
    let a = w
        .cmd()
        .args(["login", "--all-clients", "-r", "us-south", "--output", "json"])
        .assert()
        .code(4);
    let doc = json_out(&a);
    assert_eq!(doc["logins"].as_array().unwrap().len(), 2);
    assert!(doc["logins"].as_array().unwrap().iter().all(|e| e["ok"] == json!(false)));
    assert_eq!(w.calls("docker").len() + w.calls("podman").len(), 0);
}

#[test]
fn logout_treats_not_logged_in_as_success() {
    let w = World::new();
    // docker 28 says "Removing login credentials" whether or not it held any: whether it was
    // logged in is read from its file.
    let docker_dir = w.home.join(".docker");
    std::fs::create_dir_all(&docker_dir).unwrap();
    std::fs::write(
        docker_dir.join("config.json"),
        r#"{"auths":{"https://us.icr.io/":{"auth":"eA=="}}}"#,
    )
    .unwrap();
    w.fake("docker").respond(
        "docker",
        "logout",
        &Response::out("Removing login credentials for us.icr.io\n"),
    );
    w.fake("podman").respond(
        "podman",
        "logout",
        &Response::fail(125, "Error: not logged into us.icr.io\n"),
    );
    let a = w
        .cmd()
        .args(["logout", "-c", "docker,podman", "-r", "us-south", "--output", "json"])
        .assert()
        .success();
    assert_eq!(w.calls("docker")[0].argv, ["logout", "us.icr.io"]);
    assert_eq!(w.calls("podman")[0].argv, ["logout", "us.icr.io"]);
    assert_eq!(
        json_out(&a),
        json!({"logouts": [
            {"client": "docker", "registry": "us.icr.io", "ok": true, "was_logged_in": true, "error": null},
            {"client": "podman", "registry": "us.icr.io", "ok": true, "was_logged_in": false, "error": null},
        ]})
    );
    // The same answer from docker for a registry it never held: not logged in.
    let a = w
        .cmd()
        .args(["logout", "-c", "docker", "-r", "eu-de", "--output", "json"])
        .assert()
        .success();
    assert_eq!(json_out(&a)["logouts"][0]["was_logged_in"], json!(false));
    w.fake("skopeo").respond("skopeo", "logout", &Response::fail(2, "Error: permission denied\n"));
    w.cmd().args(["logout", "-c", "skopeo", "-r", "eu-gb"]).assert().code(1).stderr(
        predicate::str::contains(
            "skopeo could not log out of 'uk.icr.io' (exit status: 2): Error: permission denied",
        ),
    );
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A session, a docker file with every kind of entry, and a corrupt containers file.
fn status_world() -> (World, String, String) {
    let session = jwt(&json!({
        "exp": now() + 1800, "iam_id": "IBMid-55", "email": "ana@example.com", "name": "Ana",
        "account": {"bss": "acct-9"}, "sub": "ana@example.com",
    }));
    let stored = jwt_expiring_in(600);
    let expired = jwt_expiring_in(-600);
    let w = World::new();
    w.client("docker").client("podman");
    w.cli_config(&json!({"IAMToken": format!("Bearer {session}")}));
    std::fs::create_dir_all(w.home.join(".docker")).unwrap();
    let docker = json!({
        "auths": {
            "us.icr.io": {"auth": b64(&format!("iambearer:{stored}"))},
            "uk.icr.io": {"auth": b64(&format!("iambearer:{expired}"))},
            "de.icr.io": {"auth": b64("iamapikey:the-api-key-value")},
            "jp.icr.io": {},
            "https://index.docker.io/v1/": {"auth": b64("me:dockerhub-password")},
        },
        "credsStore": "desktop",
        "credHelpers": {"au.icr.io": "ibmcloud"},
    });
    std::fs::write(w.home.join(".docker/config.json"), docker.to_string()).unwrap();
    std::fs::create_dir_all(w.runtime.join("containers")).unwrap();
    std::fs::write(w.runtime.join("containers/auth.json"), "{\"auths\": {").unwrap();
    (w, stored, expired)
}

#[test]
fn status_reports_identity_and_stored_logins_without_secrets() {
    let (w, stored, expired) = status_world();
    let a = w.cmd().args(["status", "--output", "json"]).assert().success();
    let text = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    for secret in [stored.as_str(), expired.as_str(), "the-api-key-value", "dockerhub-password"] {
        assert!(!text.contains(secret), "secret in status output");
    }
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["identity"]["email"], "ana@example.com");
    assert_eq!(doc["identity"]["iam_id"], "IBMid-55");
    assert_eq!(doc["identity"]["account"], "acct-9");
    assert_eq!(doc["identity"]["expired"], false);
    let docker = &doc["clients"][0];
    assert_eq!(docker["name"], "docker");
    assert_eq!(docker["error"], Value::Null);
    let registries: Vec<&str> = docker["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["registry"].as_str().unwrap())
        .collect();
    assert_eq!(
        registries,
        ["au.icr.io", "de.icr.io", "jp.icr.io", "uk.icr.io", "us.icr.io"],
        "docker.io is not ICR"
    );
    let entry = |host: &str| {
        docker["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["registry"] == host)
            .unwrap()
            .clone()
    };
    assert_eq!(entry("us.icr.io")["username"], "iambearer");
    assert_eq!(entry("us.icr.io")["expired"], false);
    assert_eq!(entry("uk.icr.io")["expired"], true);
    assert_eq!(entry("de.icr.io")["username"], "iamapikey");
    assert_eq!(entry("de.icr.io")["expires_at"], Value::Null);
    assert_eq!(entry("jp.icr.io")["helper"], "desktop");
    assert_eq!(entry("au.icr.io")["helper"], "ibmcloud");
    let podman = &doc["clients"][1];
    assert_eq!(podman["name"], "podman");
    assert_eq!(podman["error"], "it is not valid JSON");
}

#[test]
fn status_text_flags_expired_logins() {
    let (w, _, _) = status_world();
    let a = w.cmd().arg("status").assert().success();
    let text = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(text.starts_with("IBM Cloud: ana@example.com (Ana)\n"), "{text}");
    let line = |host: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(host))
            .unwrap_or_else(|| panic!("{host}: {text}"))
            .to_owned()
    };
    assert!(line("uk.icr.io").contains("EXPIRED"), "{text}");
    assert!(line("us.icr.io").contains("iambearer  valid until"), "{text}");
    assert!(line("jp.icr.io").contains("kept by credential helper 'desktop' (not read)"), "{text}");
    assert!(text.contains("unreadable: it is not valid JSON"), "{text}");
    assert!(!text.contains("docker.io"), "{text}");
}

/// Docker Desktop's `credsStore`: status names the keychain helper, lists the ICR hosts it
/// holds through its `list` verb (the fake answers as docker-credential-helpers do), and says
/// which hosts cr-ext's `credHelpers` entries take from it.
#[test]
fn status_names_the_keychain_that_keeps_dockers_logins() {
    let (w, _, _) = status_world();
    let docker = json!({
        "auths": {"us.icr.io": {}, "https://index.docker.io/v1/": {}},
        "credsStore": "desktop",
        "credHelpers": {"de.icr.io": "cr-ext"},
    });
    std::fs::write(w.home.join(".docker/config.json"), docker.to_string()).unwrap();
    std::fs::write(w.runtime.join("containers/auth.json"), "{}").unwrap();
    w.install_helper();
    w.fake("docker-credential-desktop").respond(
        "docker-credential-desktop",
        "list",
        &Response::out(r#"{"https://us.icr.io":"iambearer","https://index.docker.io/v1/":"me","jp.icr.io":"iamapikey"}"#),
    );
    let a = w.cmd().arg("status").assert().success();
    let text = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(
        text.contains("  us.icr.io              kept by credential helper 'desktop' (not read)\n"),
        "{text}"
    );
    assert!(
        text.contains("  other logins kept by credential helper 'desktop' (credsStore): it holds jp.icr.io, us.icr.io\n"),
        "{text}"
    );
    assert!(
        text.contains("  credHelpers win over credsStore: docker asks docker-credential-cr-ext for de.icr.io\n"),
        "{text}"
    );
    let calls = w.calls("docker-credential-desktop");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].argv, ["list"]);

    let a = w.cmd().args(["status", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let store = &doc["clients"][0]["creds_store"];
    assert_eq!(store["name"], "desktop");
    assert_eq!(store["icr_hosts"], json!(["jp.icr.io", "us.icr.io"]));
    assert_eq!(store["path"], json!(w.bin.join("docker-credential-desktop")));
    assert_eq!(doc["clients"][1]["creds_store"], Value::Null, "podman ignores credsStore");

    // A helper that fails, and one that is not installed, are named as such.
    w.respond("docker-credential-desktop", "list", &Response::fail(1, "keychain is locked"));
    let a = w.cmd().arg("status").assert().success();
    let text = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(text.contains("(credsStore): cannot list them (`docker-credential-desktop list` failed: keychain is locked)"), "{text}");
    std::fs::remove_file(w.bin.join("docker-credential-desktop")).unwrap();
    let a = w.cmd().arg("status").assert().success();
    let text = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(
        text.contains("(credsStore): docker-credential-desktop is NOT on PATH, so docker can neither read nor store them"),
        "{text}"
    );
}

#[test]
fn status_quiet_answers_am_i_logged_in_by_exit_code() {
    let (w, _, _) = status_world();
    w.cmd().args(["status", "-q"]).assert().success().stdout("").stderr("");
    w.cli_config(&json!({"IAMToken": format!("Bearer {}", jwt_expiring_in(-60))}));
    w.cmd().args(["status", "-q"]).assert().code(4).stdout("").stderr("");
    let a = w.cmd().arg("status").assert().code(4);
    assert!(String::from_utf8_lossy(&a.get_output().stdout).contains("token     EXPIRED at"));
}

#[test]
fn status_without_a_session_says_so() {
    let w = World::new();
    w.client("podman");
    let a = w.cmd().args(["status", "--output", "json"]).assert().code(4);
    let doc = json_out(&a);
    assert_eq!(doc["identity"], Value::Null);
    assert!(doc["identity_error"]["message"].as_str().unwrap().contains("not logged in"));
    assert_eq!(doc["identity_error"]["exit_code"], json!(4));
    assert!(doc["identity_error"]["hint"].as_str().unwrap().contains("ibmcloud login"));
    assert_eq!(doc["clients"][0]["entries"], json!([]));
}

// Hostile input: what a careless or malicious peer sends, and what the user gets instead.

/// The API key of the hostile-input tests below.
const HOSTILE_KEY: &str = "hArD-eNiNg_0123456789abcdefghijklmnopqrstuv";

fn hostile_key_world(endpoint: &str) -> World {
    let mut w = World::new();
    w.env("IAM_ENDPOINT", endpoint).env("IBMCLOUD_API_KEY", HOSTILE_KEY);
    w.client("podman");
    w
}

fn base64_encode(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[test]
fn status_sanitizes_claims_usernames_and_helper_names() {
    let w = World::new();
    w.fake("podman");
    let token = jwt(&json!({
        "exp": now() + 3600,
        "email": "dev@example.com\u{1b}]0;pwned-title\u{7}\u{1b}[2J",
        "name": "Dev\nIBM Cloud: forged@example.com",
        "iam_id": "IBMid-1\u{1b}[31m",
    }));
    w.cli_config(&json!({"IAMToken": format!("Bearer {token}")}));
    let b64 = |s: &str| base64_encode(s);
    let auth = w.runtime.join("containers");
    std::fs::create_dir_all(&auth).unwrap();
    std::fs::write(
        auth.join("auth.json"),
        json!({
            "auths": {"us.icr.io": {"auth": b64("evil\u{1b}[2Juser:pw")}},
            "credHelpers": {"de.icr.io": "helper\u{1b}]0;x\u{7}\nforged line"},
        })
        .to_string(),
    )
    .unwrap();
    for format in ["text", "json"] {
        let a = w.cmd().args(["status", "--output", format]).assert().success();
        let (o, e) = out(&a);
        assert!(!o.contains('\u{1b}') && !e.contains('\u{1b}'), "{o:?}");
        assert!(!o.contains("\\u001b"), "{o}");
        assert!(!o.contains("\nIBM Cloud: forged") && !o.contains("\nforged line"), "{o}");
        assert!(!o.contains("pwned-title\u{7}"), "{o:?}");
    }
    let a = w.cmd().arg("status").assert().success();
    let (o, _) = out(&a);
    assert!(
        o.starts_with("IBM Cloud: dev@example.com (Dev IBM Cloud: forged@example.com)\n"),
        "{o}"
    );
}

#[test]
fn a_fifo_as_credentials_file_is_reported_by_status_and_logout() {
    let w = World::new();
    w.fake("podman").respond(
        "podman",
        "logout",
        &Response::fail(125, "Error: not logged into icr.io\n"),
    );
    let dir = w.runtime.join("containers");
    std::fs::create_dir_all(&dir).unwrap();
    nix::unistd::mkfifo(&dir.join("auth.json"), nix::sys::stat::Mode::S_IRWXU).unwrap();
    let a = w.cmd().arg("status").timeout(std::time::Duration::from_secs(20)).assert().code(4);
    let (o, _) = out(&a);
    assert!(o.contains("unreadable: cannot read it: it is a FIFO, not a regular file"), "{o}");
    w.cmd().args(["logout", "-q"]).timeout(std::time::Duration::from_secs(20)).assert().success();
}

#[test]
fn environment_defaults_yield_to_any_flag() {
    let mut w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600));
    w.client("podman").client("docker");
    w.env("CR_EXT_CLIENT", "podman").env("CR_EXT_REGION", "eu-de");
    w.cmd().args(["login", "-q", "--all-clients"]).assert().success();
    w.cmd().args(["login", "-q", "--all-regions", "-c", "docker"]).assert().success();
    w.cmd()
        .args(["login", "-q", "--registry", "127.0.0.1:5000", "-c", "docker"])
        .assert()
        .success();
    let docker: Vec<String> = w.calls("docker").into_iter().map(|c| c.argv[4].clone()).collect();
    assert_eq!(docker.len(), 1 + 13 + 1);
    assert_eq!(docker[0], "de.icr.io");
    assert_eq!(docker[14], "127.0.0.1:5000");
    assert_eq!(w.calls("podman").len(), 1);

    let mut empty = World::new();
    empty.ibmcloud_session(&jwt_expiring_in(3600));
    empty.client("podman");
    empty.env("CR_EXT_CLIENT", "").env("CR_EXT_REGION", " ");
    empty.cmd().args(["login", "-q"]).assert().success();
    assert_eq!(empty.calls("podman")[0].argv[4], "icr.io");

    let mut bad = World::new();
    bad.env("CR_EXT_CLIENT", "rkt");
    bad.client("podman");
    bad.cmd()
        .arg("login")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown client 'rkt' in CR_EXT_CLIENT"));
    bad.cmd().args(["login", "-c", "podman", "--dry-run"]).assert().success();
}

#[test]
fn status_gives_the_same_error_exit_code_and_hint_as_login() {
    let mut iam = Server::new();
    let _m = iam.mock("POST", "/identity/token").with_status(503).with_body("{}").create();
    let mut w = hostile_key_world(&iam.url());
    w.env("IBMCLOUD_HTTP_TIMEOUT", "2");
    let login = w.cmd().arg("login").assert().code(1);
    let status = w.cmd().arg("status").assert().code(1);
    let (_, login_err) = out(&login);
    let (status_out, _) = out(&status);
    let hint = login_err.lines().find_map(|l| l.strip_prefix("hint: ")).unwrap();
    assert!(status_out.contains(&format!("hint: {hint}")), "{status_out}");
    let json = w.cmd().args(["status", "--output", "json"]).assert().code(1);
    let doc: Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    assert_eq!(doc["identity_error"]["exit_code"], json!(1));
    assert_eq!(doc["identity_error"]["hint"], json!(hint));

    let w = World::new();
    w.client("podman");
    std::fs::create_dir_all(w.home.join(".bluemix/config.json")).unwrap();
    let login = w.cmd().arg("login").assert().code(1);
    let status = w.cmd().arg("status").assert().code(1);
    let (_, e) = out(&login);
    let (o, _) = out(&status);
    assert!(e.contains("it is a directory, not a regular file"), "{e}");
    assert!(o.contains("it is a directory, not a regular file"), "{o}");
    assert!(!o.contains("not logged in"), "{o}");
}

#[test]
fn malformed_ports_and_addresses_are_refused() {
    let w = World::new();
    w.client("podman");
    for bad in ["us.icr.io:+443", "999.999.999.999", "10.0.0.256"] {
        w.cmd()
            .args(["login", "--registry", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("invalid --registry"));
    }
}
