//! The credential helper `docker-credential-cr-ext` and `cr-ext configure`, with the real binary
//! started under the helper's name: the protocol (get, store, erase, list, version, usage),
//! which hosts get a token, where the token comes from, the token cache against a loopback
//! IAM handing out short-lived tokens, failures, concurrency, and configure's file edits.
//! The real clients driving the helper are in tests/e2e.rs.

#![allow(clippy::many_single_char_names)] // w, a, o, e: world, assert, stdout, stderr.

use crate::support;
use std::io::Write as _;
use std::os::unix::fs::PermissionsExt;

use crate::support::http::{HttpServer, Reply};
use crate::support::{World, jwt, jwt_expiring_in, now, out};
use mockito::{Matcher, Server};
use predicates::prelude::*;
use serde_json::{Value, json};

const NOT_FOUND: &str = "credentials not found in native keychain\n";
const KEY: &str = "hElPeR-kEy_0123456789abcdefghijklmnopqrstuv";
const OTHER_KEY: &str = "OtHeR-kEy_0123456789abcdefghijklmnopqrstuvw";

/// A world with the helper on PATH and a CLI session whose cached token is `token`.
fn session_world(token: &str) -> World {
    let w = World::new();
    w.install_helper();
    w.cli_config(&json!({ "IAMToken": format!("Bearer {token}") }));
    w
}

fn answer(host: &str, token: &str) -> String {
    format!("{}\n", json!({"ServerURL": host, "Username": "iambearer", "Secret": token}))
}

#[test]
fn get_answers_icr_hosts_with_a_fresh_session_token_and_nothing_on_stderr() {
    let token = jwt_expiring_in(3600);
    let w = session_world(&token);
    for (server, host) in [
        ("us.icr.io", "us.icr.io"),
        ("https://de.icr.io/v2/", "de.icr.io"),
        ("  icr.io\n", "icr.io"),
        ("private.jp.icr.io", "private.jp.icr.io"),
        ("registry.ng.bluemix.net", "registry.ng.bluemix.net"),
    ] {
        w.helper("get")
            .write_stdin(server)
            .assert()
            .success()
            .stdout(answer(host, &token))
            .stderr("");
    }
    assert!(w.calls("ibmcloud").is_empty());
}

#[test]
fn other_hosts_get_not_found_and_no_token() {
    let token = jwt_expiring_in(3600);
    let w = session_world(&token);
    for server in [
        "docker.io",
        "https://index.docker.io/v1/",
        "cp.icr.io",
        "127.0.0.1:5000",
        "evil.icr.io",
        "us.icr.io.evil.com",
        "",
    ] {
        w.helper("get").write_stdin(server).assert().code(1).stdout(NOT_FOUND).stderr("");
    }
    // A docker config that sends every host to cr-ext (credsStore) changes nothing.
    std::fs::create_dir_all(w.home.join(".docker")).unwrap();
    std::fs::write(w.home.join(".docker/config.json"), r#"{"credsStore":"cr-ext"}"#).unwrap();
    w.helper("get").write_stdin("ghcr.io").assert().code(1).stdout(NOT_FOUND);
}

#[test]
fn a_host_recorded_by_configure_is_served() {
    let token = jwt_expiring_in(3600);
    let w = session_world(&token);
    w.helper("get").write_stdin("127.0.0.1:5999").assert().code(1).stdout(NOT_FOUND);
    w.cmd()
        .args(["configure", "-q", "--registry", "127.0.0.1:5999", "-c", "podman"])
        .env("PATH", format!("{}:{}", w.bin.display(), support::SYSTEM_PATH))
        .assert()
        .success();
    w.helper("get")
        .write_stdin("127.0.0.1:5999")
        .assert()
        .success()
        .stdout(answer("127.0.0.1:5999", &token));
    w.helper("get").write_stdin("127.0.0.1:6000").assert().code(1).stdout(NOT_FOUND);
}

#[test]
fn without_a_credential_it_says_why_on_stderr_in_one_line() {
    let w = World::new();
    w.install_helper();
    let a = w.helper("get").write_stdin("us.icr.io").assert().code(1).stdout(NOT_FOUND);
    let (_, e) = out(&a);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.starts_with(
            "docker-credential-cr-ext: the IBM Cloud CLI (`ibmcloud`) is not on PATH (hint: "
        ),
        "{e}"
    );

    // A session whose token is about to expire, and an ibmcloud that is not logged in.
    let w = session_world(&jwt_expiring_in(120));
    w.fake("ibmcloud").respond(
        "ibmcloud",
        "json",
        &support::Response::fail(1, "FAILED\nNot logged in. Use 'ibmcloud login' to log in.\n"),
    );
    let a = w.helper("get").write_stdin("us.icr.io").assert().code(1).stdout(NOT_FOUND);
    let (_, e) = out(&a);
    assert!(e.contains("not logged in to IBM Cloud") && e.contains("ibmcloud login"), "{e}");
    assert_eq!(e.lines().count(), 1);
}

#[test]
fn the_session_is_refreshed_through_ibmcloud_when_its_token_is_stale() {
    let fresh = jwt_expiring_in(3600);
    let w = session_world(&jwt_expiring_in(120));
    w.ibmcloud_session(&fresh);
    w.helper("get")
        .write_stdin("us.icr.io")
        .assert()
        .success()
        .stdout(answer("us.icr.io", &fresh))
        .stderr("");
    assert_eq!(w.calls("ibmcloud").len(), 1);
    assert_eq!(w.calls("ibmcloud")[0].argv, ["iam", "oauth-tokens", "--output", "json"]);
}

#[test]
fn store_erase_list_version_and_usage() {
    let w = World::new();
    w.install_helper();
    w.helper("store")
        .write_stdin(
            r#"{"ServerURL":"us.icr.io","Username":"iambearer","Secret":"s3cret-from-docker"}"#,
        )
        .assert()
        .success()
        .stdout("")
        .stderr("");
    w.helper("erase").write_stdin("us.icr.io").assert().success().stdout("").stderr("");
    let a = w.helper("list").assert().success();
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["us.icr.io"], json!("iambearer"));
    assert_eq!(doc["private.in2.icr.io"], json!("iambearer"));
    assert!(doc.get("cp.icr.io").is_none());
    w.helper("version")
        .assert()
        .success()
        .stdout(format!("docker-credential-cr-ext (cr-ext {})\n", env!("CARGO_PKG_VERSION")));
    for bad in ["", "fetch", "--bogus"] {
        w.helper(bad).assert().code(1).stdout(predicate::str::starts_with(
            "Usage: docker-credential-cr-ext <get|store|erase|list|version>",
        ));
    }
    let mut two = w.helper("get");
    two.arg("extra").assert().code(1).stdout(predicate::str::starts_with("Usage:"));
}

/// A loopback IAM that hands out the given access tokens in order.
fn iam_handing_out(tokens: &[&str]) -> HttpServer {
    HttpServer::start(
        tokens
            .iter()
            .map(|t| {
                Reply::status(
                    "200 OK",
                    &[("Content-Type", "application/json")],
                    &json!({"access_token": t, "expires_in": 400}).to_string(),
                )
            })
            .collect(),
    )
}

fn cache_dir(w: &World) -> std::path::PathBuf {
    w.home.join(".cache/cr-ext")
}

/// The one cached token's file (not its lock).
fn token_file(w: &World) -> std::path::PathBuf {
    std::fs::read_dir(cache_dir(w))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .unwrap()
}

#[test]
fn tokens_from_api_keys_are_cached_then_renewed_inside_the_margin() {
    // The margin is the larger of 5 minutes and a fifth of the token's life: 300 s here.
    let token = |left: i64, n: &str| jwt(&json!({"exp": now() + left, "iat": now() - 30, "n": n}));
    let (a1, a2) = (token(400, "first"), token(400, "second"));
    let iam = iam_handing_out(&[&a1, &a2]);
    let mut w = World::new();
    w.install_helper();
    w.env("IBMCLOUD_API_KEY", KEY).env("IAM_ENDPOINT", &iam.url());
    w.helper("get")
        .write_stdin("us.icr.io")
        .assert()
        .success()
        .stdout(answer("us.icr.io", &a1))
        .stderr("");
    w.helper("get").write_stdin("de.icr.io").assert().success().stdout(answer("de.icr.io", &a1));
    assert_eq!(iam.requests().len(), 1, "the second get must come from the cache");
    // Age the cached entry by hand instead of waiting: its token is replaced by one with 330 s
    // left (outside the margin: served), then by one with 270 s left (inside: renewed).
    let entry = token_file(&w);
    let rewrite = |access: &str| {
        let mut doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&entry).unwrap()).unwrap();
        doc["access_token"] = json!(access);
        std::fs::write(&entry, doc.to_string()).unwrap();
    };
    let outside = token(330, "outside");
    rewrite(&outside);
    w.helper("get")
        .write_stdin("us.icr.io")
        .assert()
        .success()
        .stdout(answer("us.icr.io", &outside));
    assert_eq!(iam.requests().len(), 1, "outside the margin the cached token is served");
    rewrite(&token(270, "inside"));
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &a2));
    assert_eq!(iam.requests().len(), 2, "inside the margin a new token is fetched");

    let dir = cache_dir(&w);
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    // The token file and the lock that lets one get fetch while the others wait.
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "lock"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777, 0o600);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!text.contains(KEY), "the API key must never be cached");
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["access_token"], json!(a2));
}

#[test]
fn switching_keys_never_serves_the_other_keys_token() {
    let (t1, t2) =
        (jwt_expiring_in(3600), jwt(&json!({"exp": now() + 3600, "iat": now(), "who": "other"})));
    let iam = iam_handing_out(&[&t1, &t2]);
    let mut w = World::new();
    w.install_helper();
    w.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", KEY);
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t1));
    w.env("IBMCLOUD_API_KEY", OTHER_KEY);
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t2));
    let requests = iam.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].contains(&format!("apikey={OTHER_KEY}")), "{requests:?}");
    w.env("IBMCLOUD_API_KEY", KEY);
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t1));
    assert_eq!(iam.requests().len(), 2);
}

#[test]
fn no_cache_a_corrupt_cache_and_a_foreign_cache_file() {
    let t = jwt_expiring_in(3600);
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .match_body(Matcher::UrlEncoded("apikey".into(), KEY.into()))
        .with_body(json!({"access_token": t}).to_string())
        // Two without the cache, then a cold cache, a corrupt file and a foreign one.
        .expect(5)
        .create();
    let mut w = World::new();
    w.install_helper();
    w.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", KEY).env("CR_EXT_NO_CACHE", "1");
    w.helper("get").write_stdin("us.icr.io").assert().success();
    w.helper("get").write_stdin("us.icr.io").assert().success();
    assert!(!cache_dir(&w).exists());
    let mut w = w;
    w.env("CR_EXT_NO_CACHE", "0");
    w.helper("get").write_stdin("us.icr.io").assert().success();
    let file = token_file(&w);
    std::fs::write(&file, "{corrupt").unwrap();
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t));
    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["access_token"], json!(t), "a corrupt file is replaced");
    // A file under this name holding another key's entry is not served.
    let mut foreign = doc.clone();
    foreign["key"] = json!("0".repeat(64));
    foreign["access_token"] = json!(jwt_expiring_in(3000));
    std::fs::write(&file, foreign.to_string()).unwrap();
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t));
    m.assert();
}

#[test]
fn the_recorded_key_file_is_used_and_the_environment_wins() {
    let (t1, t2) =
        (jwt_expiring_in(3600), jwt(&json!({"exp": now() + 3600, "iat": now(), "who": "env"})));
    let iam = iam_handing_out(&[&t1, &t2]);
    let mut w = World::new();
    w.install_helper();
    w.env("IAM_ENDPOINT", &iam.url());
    let key_file = w.root.path().join("key.json");
    std::fs::write(&key_file, json!({"name": "ci", "apikey": KEY}).to_string()).unwrap();
    w.cmd()
        .args(["configure", "-q", "-c", "podman", "--apikey-file"])
        .arg(&key_file)
        .env("PATH", format!("{}:{}", w.bin.display(), support::SYSTEM_PATH))
        .assert()
        .success();
    let own = std::fs::read_to_string(w.home.join(".config/cr-ext/config.json")).unwrap();
    assert!(own.contains(key_file.to_str().unwrap()) && !own.contains(KEY), "{own}");
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t1));
    assert!(iam.requests()[0].contains(&format!("apikey={KEY}")));
    w.env("IBMCLOUD_API_KEY", OTHER_KEY);
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t2));
    assert!(iam.requests()[1].contains(&format!("apikey={OTHER_KEY}")));
}

#[test]
fn a_rejected_key_or_iam_down_is_one_line_and_never_shows_the_key() {
    let mut iam = Server::new();
    let _m = iam
        .mock("POST", "/identity/token")
        .with_status(400)
        .with_body(json!({"errorCode": "BXNIM0415E", "errorMessage": format!("Provided API key {KEY} could not be found."), "context": {"requestId": "r-1"}}).to_string())
        .create();
    let mut w = World::new();
    w.install_helper();
    w.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", KEY);
    let a = w.helper("get").write_stdin("us.icr.io").assert().code(1).stdout(NOT_FOUND);
    let (_, e) = out(&a);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("BXNIM0415E") && e.contains("hint:"), "{e}");
    assert!(!e.contains(KEY), "{e}");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    w.env("IAM_ENDPOINT", &format!("http://127.0.0.1:{port}"));
    let a = w.helper("get").write_stdin("us.icr.io").assert().code(1).stdout(NOT_FOUND);
    assert!(out(&a).1.contains("cannot connect"));
}

#[test]
fn eight_gets_at_once_on_a_cold_cache_all_answer_and_leave_valid_json() {
    let t = jwt_expiring_in(3600);
    let mut iam = Server::new();
    let _m = iam
        .mock("POST", "/identity/token")
        .with_body(json!({"access_token": t}).to_string())
        .create();
    let mut w = World::new();
    w.install_helper();
    w.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", KEY);
    let runs: Vec<std::process::Child> = (0..8)
        .map(|_| {
            let mut cmd = std::process::Command::new(w.bin.join("docker-credential-cr-ext"));
            cmd.env_clear()
                .env("HOME", &w.home)
                .env("PATH", w.bin.to_str().unwrap())
                .env("IAM_ENDPOINT", iam.url())
                .env("IBMCLOUD_API_KEY", KEY)
                .arg("get")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            child.stdin.take().unwrap().write_all(b"us.icr.io").unwrap();
            child
        })
        .collect();
    for run in runs {
        let o = run.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), answer("us.icr.io", &t));
        assert!(o.stderr.is_empty());
    }
    let files: Vec<_> = std::fs::read_dir(cache_dir(&w))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "lock"))
        .collect();
    assert_eq!(files.len(), 1, "no temporary file left behind: {files:?}");
    let doc: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(doc["access_token"], json!(t));
}

#[test]
fn the_secret_never_reaches_an_argv_an_environment_or_stderr() {
    let token = jwt_expiring_in(3600);
    let w = session_world(&jwt_expiring_in(60));
    w.ibmcloud_session(&token);
    let a = w.helper("get").write_stdin("us.icr.io").assert().success();
    assert!(out(&a).1.is_empty());
    let recorded = w.all_recorded_argv_and_env();
    assert!(!recorded.contains(&token));
}

// configure

/// A world whose PATH has the fakes and the helper first, then the system (real clients).
fn configure_world() -> World {
    let w = World::new();
    w.install_helper();
    w.fake("docker").fake("podman");
    w
}

fn docker_config(w: &World) -> std::path::PathBuf {
    w.home.join(".docker/config.json")
}

fn persistent(w: &World) -> std::path::PathBuf {
    w.home.join(".config/containers/auth.json")
}

fn runtime(w: &World) -> std::path::PathBuf {
    w.runtime.join("containers/auth.json")
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn write(path: &std::path::Path, text: &str, mode: u32) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn configure_writes_helpers_keeps_everything_else_and_removes_shadowing_logins() {
    let w = configure_world();
    let before_docker = json!({
        "auths": {"https://us.icr.io/v1/": {"auth": "aWFtYmVhcmVyOng="}, "docker.io": {"auth": "bWU6cHc="}},
        "credsStore": "desktop",
        "credHelpers": {"gcr.io": "gcloud"},
        "proxies": {"default": {"httpProxy": "http://p:3128"}},
        "unknownKey": [1, {"deep": true}],
    });
    write(&docker_config(&w), &serde_json::to_string_pretty(&before_docker).unwrap(), 0o640);
    write(
        &runtime(&w),
        &json!({"auths": {"de.icr.io": {"auth": "eDp5"}, "quay.io": {"auth": "eDp5"}}}).to_string(),
        0o600,
    );
    let a = w.cmd().args(["configure", "-r", "us-south", "-r", "eu-de"]).assert().success();
    let (_, e) = out(&a);
    assert!(e.contains("us.icr.io: stored login removed"), "{e}");
    assert!(
        e.contains(&format!("{}: de.icr.io: stored login removed", runtime(&w).display())),
        "{e}"
    );
    let docker = read_json(&docker_config(&w));
    assert_eq!(
        docker["credHelpers"],
        json!({"gcr.io": "gcloud", "us.icr.io": "cr-ext", "de.icr.io": "cr-ext"})
    );
    assert_eq!(docker["auths"], json!({"docker.io": {"auth": "bWU6cHc="}}));
    for key in ["credsStore", "proxies", "unknownKey"] {
        assert_eq!(docker[key], before_docker[key], "{key}");
    }
    assert_eq!(std::fs::metadata(docker_config(&w)).unwrap().permissions().mode() & 0o777, 0o640);
    let containers = read_json(&persistent(&w));
    assert_eq!(containers, json!({"credHelpers": {"us.icr.io": "cr-ext", "de.icr.io": "cr-ext"}}));
    assert_eq!(std::fs::metadata(persistent(&w)).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(read_json(&runtime(&w)), json!({"auths": {"quay.io": {"auth": "eDp5"}}}));

    // A second run changes nothing and says so.
    let snapshot: Vec<Vec<u8>> = [docker_config(&w), persistent(&w), runtime(&w)]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    w.cmd()
        .args(["configure", "-r", "us-south", "-r", "eu-de"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to change"));
    let again: Vec<Vec<u8>> = [docker_config(&w), persistent(&w), runtime(&w)]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(snapshot, again);

    // --remove takes out exactly cr-ext's entries.
    w.cmd().args(["configure", "--remove", "-r", "us-south", "-r", "eu-de"]).assert().success();
    let docker = read_json(&docker_config(&w));
    assert_eq!(docker["credHelpers"], json!({"gcr.io": "gcloud"}));
    for key in ["credsStore", "proxies", "unknownKey"] {
        assert_eq!(docker[key], before_docker[key], "{key}");
    }
    assert_eq!(read_json(&persistent(&w)), json!({}));
}

#[test]
fn configure_remove_restores_a_file_it_found() {
    let w = configure_world();
    let before = json!({"auths": {"quay.io": {"auth": "eDp5"}}, "credHelpers": {"gcr.io": "gcloud"}, "x": 1});
    write(&docker_config(&w), &before.to_string(), 0o600);
    w.cmd().args(["configure", "-q"]).assert().success();
    assert_eq!(read_json(&docker_config(&w))["credHelpers"].as_object().unwrap().len(), 1 + 13);
    w.cmd().args(["configure", "-q", "--remove"]).assert().success();
    assert_eq!(read_json(&docker_config(&w)), before);
}

#[test]
fn configure_refuses_invalid_json_and_leaves_it_untouched() {
    let w = configure_world();
    write(&docker_config(&w), "{\"auths\": {", 0o600);
    w.cmd().args(["configure", "-c", "docker"]).assert().code(1).stderr(predicate::str::contains(
        format!(
            "cannot use {}: it is not a JSON object; it was left untouched",
            docker_config(&w).display()
        ),
    ));
    assert_eq!(std::fs::read_to_string(docker_config(&w)).unwrap(), "{\"auths\": {");
    write(&docker_config(&w), r#"{"credHelpers": "nonsense"}"#, 0o600);
    w.cmd()
        .args(["configure", "-c", "docker"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("credHelpers is not a JSON object"));
    assert_eq!(
        std::fs::read_to_string(docker_config(&w)).unwrap(),
        r#"{"credHelpers": "nonsense"}"#
    );
}

#[test]
fn configure_dry_run_shows_and_changes_nothing() {
    let w = configure_world();
    write(&runtime(&w), &json!({"auths": {"us.icr.io": {"auth": "eDp5"}}}).to_string(), 0o600);
    let a = w.cmd().args(["configure", "--dry-run", "-r", "us-south"]).assert().success();
    let (o, _) = out(&a);
    assert!(o.contains(&format!("{}: us.icr.io: helper set", docker_config(&w).display())), "{o}");
    assert!(
        o.contains(&format!("{}: us.icr.io: stored login removed", runtime(&w).display())),
        "{o}"
    );
    assert!(!docker_config(&w).exists() && !persistent(&w).exists());
    assert_eq!(read_json(&runtime(&w)), json!({"auths": {"us.icr.io": {"auth": "eDp5"}}}));
}

#[test]
fn configure_targets_clients_and_refuses_the_entitled_registry() {
    let w = configure_world();
    w.cmd()
        .args(["configure", "-q", "-c", "podman", "-r", "jp-tok", "--private"])
        .assert()
        .success();
    assert!(!docker_config(&w).exists(), "docker was not asked for");
    assert_eq!(read_json(&persistent(&w)), json!({"credHelpers": {"private.jp.icr.io": "cr-ext"}}));
    w.cmd()
        .args(["configure", "--registry", "cp.icr.io"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("entitled registry"));
    w.cmd().args(["configure", "--region", "mars"]).assert().code(2);
    w.cmd()
        .args(["configure", "-c", "buildah"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("'buildah' is not on PATH"));
    let bad_key = w.root.path().join("bad.json");
    std::fs::write(&bad_key, r#"{"name":"x"}"#).unwrap();
    w.cmd()
        .args(["configure", "--apikey-file"])
        .arg(&bad_key)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'apikey'"));
}

#[test]
fn configure_links_the_helper_beside_cr_ext_or_says_how() {
    // cr-ext in a directory on PATH and no helper anywhere: the link is made beside it.
    let w = World::new();
    w.fake("podman");
    let own_bin = w.root.path().join("own-bin");
    std::fs::create_dir_all(&own_bin).unwrap();
    std::fs::copy(assert_cmd::cargo::cargo_bin("cr-ext"), own_bin.join("cr-ext")).unwrap();
    let path = format!("{}:{}", own_bin.display(), w.bin.display());
    let run = |args: &[&str]| {
        support::output_when_not_busy(
            std::process::Command::new(own_bin.join("cr-ext"))
                .args(args)
                .env_clear()
                .env("HOME", &w.home)
                .env("PATH", &path)
                .env("XDG_RUNTIME_DIR", &w.runtime),
        )
    };
    let o = run(&["configure", "-c", "podman"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let link = own_bin.join("docker-credential-cr-ext");
    assert_eq!(std::fs::read_link(&link).unwrap(), std::path::PathBuf::from("cr-ext"));
    assert!(String::from_utf8_lossy(&o.stderr).contains("linked"));
    let status = run(&["status"]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(
        text.contains(&format!("docker-credential-cr-ext: {} (this cr-ext)", link.display())),
        "{text}"
    );
    assert!(
        text.contains("served by docker-credential-cr-ext (13 host(s)): icr.io, au.icr.io"),
        "{text}"
    );

    // Not on PATH: the exact command to run.
    let w2 = World::new();
    w2.fake("podman");
    let a = w2.cmd().args(["configure", "-c", "podman"]).assert().success();
    let (_, e) = out(&a);
    assert!(e.contains("docker-credential-cr-ext is not on PATH"), "{e}");
    assert!(
        e.contains(&format!("run: ln -sf '{}'", assert_cmd::cargo::cargo_bin("cr-ext").display())),
        "{e}"
    );
    let a = w2.cmd().arg("status").assert();
    assert!(out(&a).0.contains("docker-credential-cr-ext: NOT on PATH"));
}

/// Every file under `dir`, as paths relative to it (directories with a trailing `/`).
fn tree(dir: &std::path::Path) -> Vec<String> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(root).unwrap().display().to_string();
            if path.is_dir() {
                out.push(format!("{name}/"));
                walk(&path, root, out);
            } else {
                out.push(name);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn configure_checks_every_file_before_it_changes_any() {
    let w = configure_world();
    let docker_before = json!({"auths": {"us.icr.io": {"auth": "aWFtYXBpa2V5Omsx"}}}).to_string();
    write(&docker_config(&w), &docker_before, 0o600);
    write(&persistent(&w), "{\"credHelpers\": {", 0o600);
    let a = w.cmd().args(["configure", "-r", "us-south", "--output", "json"]).assert().code(1);
    let (o, _) = out(&a);
    assert_eq!(std::fs::read_to_string(docker_config(&w)).unwrap(), docker_before, "untouched");
    let report: Value = serde_json::from_str(&o).unwrap();
    assert_eq!(report["changes"], json!([]), "{o}");
    assert!(
        report["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&persistent(&w).display().to_string()),
        "{o}"
    );
    // Once the bad file is fixed, the report lists exactly what changed.
    write(&persistent(&w), "{}", 0o600);
    let a = w.cmd().args(["configure", "-r", "us-south", "--output", "json"]).assert().success();
    let report: Value = serde_json::from_str(&out(&a).0).unwrap();
    let changes: Vec<(String, String)> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["file"].as_str().unwrap().to_owned(), c["change"].as_str().unwrap().to_owned()))
        .collect();
    let docker = docker_config(&w).display().to_string();
    let containers = persistent(&w).display().to_string();
    assert_eq!(
        changes,
        [
            (docker.clone(), "helper set".to_owned()),
            (docker, "stored login removed (it would shadow the helper)".to_owned()),
            (containers, "helper set".to_owned()),
        ]
    );
}

/// The containers tools' runtime file is a link to docker's config: one file under two names.
/// configure edits it once, with every change (the helper set and the login removed), instead
/// of two edits of which the last would undo the first.
#[test]
fn configure_edits_one_file_under_two_names_once() {
    let w = configure_world();
    write(
        &docker_config(&w),
        &json!({"auths": {"us.icr.io": {"auth": "aWFtYXBpa2V5Omsx"}}}).to_string(),
        0o600,
    );
    let link = runtime(&w);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(docker_config(&w), &link).unwrap();
    w.cmd().args(["configure", "-r", "us-south", "--all-clients"]).assert().success();
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(docker_config(&w)).unwrap()).unwrap();
    assert_eq!(doc["credHelpers"]["us.icr.io"], "cr-ext", "{doc}");
    assert_eq!(doc["auths"].get("us.icr.io"), None, "{doc}");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn configure_without_a_usable_runtime_directory_edits_the_other_files() {
    // As for a user without XDG_RUNTIME_DIR, whose /run/containers/UID cannot be made: here
    // the runtime directory lies below a regular file, so it cannot be created either.
    let mut w = configure_world();
    let not_a_dir = w.root.path().join("not-a-dir");
    std::fs::write(&not_a_dir, "").unwrap();
    w.env("XDG_RUNTIME_DIR", not_a_dir.join("run").to_str().unwrap());
    w.cmd().args(["configure", "-q", "-r", "us-south"]).assert().success().stderr("");
    assert_eq!(read_json(&persistent(&w)), json!({"credHelpers": {"us.icr.io": "cr-ext"}}));
    assert_eq!(read_json(&docker_config(&w))["credHelpers"], json!({"us.icr.io": "cr-ext"}));
}

#[test]
fn configure_dry_run_creates_no_directory_and_no_lock() {
    let w = configure_world();
    let (home, run) = (tree(&w.home), tree(&w.runtime));
    let a =
        w.cmd().args(["configure", "--dry-run", "--registry", "127.0.0.1:5000"]).assert().success();
    assert!(out(&a).0.contains("helper set"));
    assert_eq!(tree(&w.home), home);
    assert_eq!(tree(&w.runtime), run);
}

#[test]
fn configure_remove_restores_the_helper_it_replaced() {
    let w = configure_world();
    let before = json!({"credHelpers": {"us.icr.io": "ibmcloud-old", "gcr.io": "gcloud"}});
    write(&docker_config(&w), &before.to_string(), 0o600);
    let a = w.cmd().args(["configure", "-r", "us-south", "-c", "docker"]).assert().success();
    assert!(out(&a).1.contains("replacing another helper"));
    assert_eq!(read_json(&docker_config(&w))["credHelpers"]["us.icr.io"], json!("cr-ext"));
    let a = w
        .cmd()
        .args(["configure", "--remove", "-r", "us-south", "-c", "docker"])
        .assert()
        .success();
    assert!(out(&a).1.contains("ibmcloud-old"), "{}", out(&a).1);
    assert_eq!(read_json(&docker_config(&w)), before);
}

#[test]
fn configure_keeps_number_forms_writes_through_a_dangling_link_and_takes_an_empty_file() {
    let w = configure_world();
    let text = "{\"big\": 123456789012345678901234567890, \"f\": 1.0, \"e\": 1e3, \"neg\": -0.50}";
    write(&docker_config(&w), text, 0o600);
    w.cmd().args(["configure", "-q", "-r", "us-south", "-c", "docker"]).assert().success();
    let written = std::fs::read_to_string(docker_config(&w)).unwrap();
    // Digits and precision are kept; an exponent is written with its sign (1e3 as 1e+3).
    for form in ["123456789012345678901234567890", "1.0", "1e+3", "-0.50"] {
        assert!(written.contains(&format!(": {form}")), "{form} in {written}");
    }

    // config.json a link to a file that does not exist yet (a dotfiles checkout).
    let w = configure_world();
    let target = w.root.path().join("dotfiles/docker.json");
    std::fs::create_dir_all(w.home.join(".docker")).unwrap();
    std::os::unix::fs::symlink("../../dotfiles/docker.json", docker_config(&w)).unwrap();
    w.cmd().args(["configure", "-q", "-r", "us-south", "-c", "docker"]).assert().success();
    assert!(std::fs::symlink_metadata(docker_config(&w)).unwrap().file_type().is_symlink());
    assert_eq!(read_json(&target), json!({"credHelpers": {"us.icr.io": "cr-ext"}}));

    for empty in ["", " \n"] {
        let w = configure_world();
        write(&docker_config(&w), empty, 0o600);
        w.cmd().args(["configure", "-q", "-r", "us-south", "-c", "docker"]).assert().success();
        assert_eq!(read_json(&docker_config(&w)), json!({"credHelpers": {"us.icr.io": "cr-ext"}}));
    }
}

#[test]
fn a_creds_store_naming_cr_ext_is_warned_about() {
    let w = configure_world();
    write(&docker_config(&w), r#"{"credsStore": "cr-ext"}"#, 0o600);
    let a = w.cmd().args(["configure", "-r", "us-south", "-c", "docker"]).assert().success();
    let (_, e) = out(&a);
    assert!(e.contains("warning: docker's credsStore is cr-ext"), "{e}");
    let a = w.cmd().arg("status").assert();
    let (o, e) = out(&a);
    assert!(o.contains("docker's credsStore is cr-ext"), "{o}{e}");
}

// The helper under failure, in parallel, and with odd cache directories.

fn stalled_iam() -> HttpServer {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    HttpServer::start(vec![Reply::Stall { head: head.into(), secs: 30 }])
}

/// Runs `get` and returns how long it took, its stderr, and whether it answered.
fn timed_get(w: &World) -> (std::time::Duration, String, bool) {
    let started = std::time::Instant::now();
    let a = w.helper("get").write_stdin("us.icr.io").assert();
    let ok = a.get_output().status.success();
    (started.elapsed(), out(&a).1, ok)
}

#[test]
fn a_hanging_iam_costs_one_short_wait_and_the_hint_names_the_variable() {
    let iam = stalled_iam();
    let mut w = World::new();
    w.install_helper();
    w.env("IBMCLOUD_API_KEY", KEY)
        .env("IAM_ENDPOINT", &iam.url())
        .env("IBMCLOUD_HTTP_TIMEOUT", "4")
        .env("CR_EXT_HELPER_TIMEOUT", "2");
    let (took, e, ok) = timed_get(&w);
    assert!(!ok);
    assert!(took < std::time::Duration::from_millis(3500), "{took:?}");
    assert!(e.contains("CR_EXT_HELPER_TIMEOUT") && !e.contains("--timeout"), "{e}");
    assert!(!e.contains(KEY));
    // The client asks again at once: the failure is remembered, IAM is not asked again.
    for _ in 0..2 {
        let (took, again, ok) = timed_get(&w);
        assert!(!ok);
        assert!(took < std::time::Duration::from_secs(1), "{took:?}");
        assert!(again.contains("CR_EXT_HELPER_TIMEOUT"), "{again}");
    }
    assert_eq!(iam.requests().len(), 1);
    // The remembered failure holds no secret.
    for file in std::fs::read_dir(cache_dir(&w)).unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        assert!(!text.contains(KEY), "{text}");
    }
}

#[test]
fn a_hanging_ibmcloud_costs_one_short_wait() {
    let mut w = session_world(&jwt_expiring_in(120));
    w.fake("ibmcloud").respond("ibmcloud", "json", &support::Response::hang());
    w.env("CR_EXT_HELPER_TIMEOUT", "2");
    let (took, e, ok) = timed_get(&w);
    assert!(!ok);
    assert!(took < std::time::Duration::from_millis(3500), "{took:?}");
    assert!(e.contains("CR_EXT_HELPER_TIMEOUT") && !e.contains("--timeout"), "{e}");
    let (took, _, ok) = timed_get(&w);
    assert!(!ok && took < std::time::Duration::from_secs(1), "{took:?}");
    assert_eq!(w.calls("ibmcloud").len(), 1);
}

#[test]
fn twenty_gets_at_once_on_a_cold_cache_make_one_iam_request() {
    let t = jwt_expiring_in(3600);
    let reply = Reply::status(
        "200 OK",
        &[("Content-Type", "application/json")],
        &json!({"access_token": t}).to_string(),
    );
    let iam = HttpServer::start_with(move |_| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        reply.clone()
    });
    let mut w = World::new();
    w.install_helper();
    w.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", KEY);
    let runs: Vec<std::process::Child> = (0..20)
        .map(|_| {
            let mut cmd = std::process::Command::new(w.bin.join("docker-credential-cr-ext"));
            cmd.env_clear()
                .env("HOME", &w.home)
                .env("PATH", w.bin.to_str().unwrap())
                .env("IAM_ENDPOINT", iam.url())
                .env("IBMCLOUD_API_KEY", KEY)
                .arg("get")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = cmd.spawn().unwrap();
            child.stdin.take().unwrap().write_all(b"us.icr.io").unwrap();
            child
        })
        .collect();
    for run in runs {
        let o = run.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), answer("us.icr.io", &t));
    }
    assert_eq!(iam.requests().len(), 1);
}

#[test]
fn a_token_with_less_than_five_minutes_left_is_never_served() {
    let short = jwt(&json!({"exp": now() + 30, "iat": now() - 3000}));
    let iam = iam_handing_out(&[&short]);
    let mut w = World::new();
    w.install_helper();
    w.env("IBMCLOUD_API_KEY", KEY).env("IAM_ENDPOINT", &iam.url());
    let a = w.helper("get").write_stdin("us.icr.io").assert().code(1).stdout(NOT_FOUND);
    let (_, e) = out(&a);
    assert!(e.contains("30 s") || e.contains("left"), "{e}");
    assert!(!e.contains(&short));
}

#[test]
fn a_symlinked_cache_directory_is_not_used_and_its_target_keeps_its_mode() {
    let t = jwt_expiring_in(3600);
    let iam = iam_handing_out(&[&t, &t]);
    let mut w = World::new();
    w.install_helper();
    w.env("IBMCLOUD_API_KEY", KEY).env("IAM_ENDPOINT", &iam.url());
    let elsewhere = w.root.path().join("shared");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(w.home.join(".cache")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, cache_dir(&w)).unwrap();
    w.helper("get").write_stdin("us.icr.io").assert().success().stdout(answer("us.icr.io", &t));
    assert_eq!(std::fs::metadata(&elsewhere).unwrap().permissions().mode() & 0o777, 0o755);
    assert!(tree(&elsewhere).is_empty(), "{:?}", tree(&elsewhere));
}

#[test]
fn root_with_another_users_home_leaves_that_users_cache_alone_and_says_so() {
    let t = jwt_expiring_in(3600);
    let iam = iam_handing_out(&[&t]);
    let mut w = World::new();
    w.install_helper();
    w.env("IBMCLOUD_API_KEY", KEY).env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_TRACE", "true");
    // HOME belongs to someone else (nobody), as with `sudo` keeping the user's HOME.
    let chown = |p: &std::path::Path| {
        nix::unistd::chown(
            p,
            Some(nix::unistd::Uid::from_raw(65534)),
            Some(nix::unistd::Gid::from_raw(65534)),
        )
    };
    std::fs::create_dir_all(w.home.join(".cache")).unwrap();
    chown(&w.home).unwrap();
    chown(&w.home.join(".cache")).unwrap();
    let a = w.helper("get").write_stdin("us.icr.io").assert().success();
    let (o, e) = out(&a);
    assert_eq!(o, answer("us.icr.io", &t));
    assert!(!cache_dir(&w).exists(), "no root-owned cache in another user's home");
    assert!(e.contains("cache") && e.contains("65534"), "{e}");
}

#[test]
fn configure_as_a_user_who_cannot_reach_the_runtime_directory() {
    // A real user without XDG_RUNTIME_DIR: nobody, started with setpriv, whose runtime
    // directory (here a root-only directory, as /run/containers is) cannot be entered.
    let w = configure_world();
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    };
    mode(w.root.path(), 0o755);
    mode(&w.runtime, 0o700);
    let nobody = (Some(nix::unistd::Uid::from_raw(65534)), Some(nix::unistd::Gid::from_raw(65534)));
    nix::unistd::chown(&w.home, nobody.0, nobody.1).unwrap();
    let run = |extra: &[&str]| {
        support::output_when_not_busy(
            std::process::Command::new("/usr/bin/setpriv")
                .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
                .arg(assert_cmd::cargo::cargo_bin("cr-ext"))
                .args(["configure", "-r", "us-south"])
                .args(extra)
                .env_clear()
                .env("HOME", &w.home)
                .env("PATH", &w.bin)
                .env("XDG_RUNTIME_DIR", w.runtime.join("1000")),
        )
    };
    let o = run(&["--dry-run"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(tree(&w.home).is_empty(), "{:?}", tree(&w.home));
    let o = run(&[]);
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{e}");
    assert!(e.contains("cannot be read by this user"), "{e}");
    assert_eq!(read_json(&persistent(&w)), json!({"credHelpers": {"us.icr.io": "cr-ext"}}));
    assert_eq!(read_json(&docker_config(&w))["credHelpers"], json!({"us.icr.io": "cr-ext"}));
}

#[test]
fn configure_puts_back_what_it_wrote_when_a_later_write_fails() {
    let w = configure_world();
    let docker_before = json!({"auths": {"us.icr.io": {"auth": "aWFtYXBpa2V5Omsx"}}}).to_string();
    write(&docker_config(&w), &docker_before, 0o640);
    // The containers tools' file links below a regular file: it reads as missing and its lock
    // can be taken, but it cannot be written.
    let plain = w.root.path().join("plain-file");
    std::fs::write(&plain, "").unwrap();
    std::fs::create_dir_all(persistent(&w).parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(plain.join("auth.json"), persistent(&w)).unwrap();
    let a = w.cmd().args(["configure", "-r", "us-south", "--output", "json"]).assert().code(1);
    let report: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(report["changes"], json!([]), "{report}");
    assert_eq!(std::fs::read_to_string(docker_config(&w)).unwrap(), docker_before);
    assert_eq!(std::fs::metadata(docker_config(&w)).unwrap().permissions().mode() & 0o777, 0o640);
}
