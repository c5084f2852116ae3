//! `cr-ext service-key` against a loopback HTTP server standing in for IAM (no real IAM can be
//! reached from here). The stand-in answers as DESIGN.md §12 documents and records every
//! request in order; the tests check each one exactly (method, path, headers, JSON body), the
//! order of the calls, the rollback after a failure at each step, a failing rollback, a name
//! that exists, `--reuse`, IAM's error shapes, an expired caller token, that no key shows
//! anywhere but the key file, and that the key file works with `login --apikey-file`.

#![allow(clippy::many_single_char_names)] // w, a, o, e: world, assert, stdout, stderr.

use crate::support;
use std::io::Write as _;
use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, Mutex};

use crate::support::http::{HttpServer, Reply};
use crate::support::{World, jwt, now, out};
use predicates::prelude::*;
use serde_json::{Value, json};

/// The caller's API key.
const CALLER_KEY: &str = "cAlLeR-kEy_0123456789abcdefghijklmnopqrstuv";
/// The key IAM creates for the new service ID.
const NEW_KEY: &str = "nEw-SeRvIcE-kEy_0123456789abcdefghijklmnopq";
const ACCOUNT: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

/// What the stand-in should do.
#[derive(Clone, Default)]
struct Script {
    /// Requests whose line starts with one of these fail with IAM's error shape (400).
    fail: Vec<String>,
    /// The service ID exists already.
    existing: bool,
    /// The token endpoint answers 401-style for the admin APIs (an expired caller token).
    expired: bool,
}

fn caller_token() -> String {
    jwt(
        &json!({"exp": now() + 3600, "iat": now(), "iam_id": "IBMid-caller", "account": {"bss": ACCOUNT}}),
    )
}

/// The stand-in for IAM.
fn fake_iam(script: Script) -> (HttpServer, String) {
    let token = caller_token();
    let answer_token = token.clone();
    let policies = Arc::new(Mutex::new(0));
    let server = HttpServer::start_with(move |request| {
        let line = request.lines().next().unwrap_or("").to_owned();
        let json_reply = |status: &str, body: Value| {
            Reply::status(status, &[("Content-Type", "application/json")], &body.to_string())
        };
        if script.fail.iter().any(|f| line.starts_with(f.as_str())) {
            return json_reply(
                "400 Bad Request",
                json!({"trace": "trace-7f3a", "errors": [{"code": "invalid_request", "message": format!("refused: {line}")}], "status_code": 400}),
            );
        }
        if line.starts_with("POST /identity/token ") {
            let key = if request.contains(&format!("apikey={NEW_KEY}")) { "new" } else { "caller" };
            return json_reply(
                "200 OK",
                json!({"access_token": if key == "new" { jwt(&json!({"exp": now() + 3600, "iam_id": "iam-ServiceId-1"})) } else { answer_token.clone() }, "expires_in": 3600}),
            );
        }
        if script.expired {
            return json_reply(
                "401 Unauthorized",
                json!({"trace": "trace-exp", "errors": [{"code": "BXNIM0407E", "message": "The token is expired"}], "status_code": 401}),
            );
        }
        let existing = json!({"id": "ServiceId-old", "iam_id": "iam-ServiceId-old", "name": "ci-pull", "description": "[cr-ext] old"});
        if line.starts_with("GET /v1/serviceids/?") {
            let ids = if script.existing || !line.contains("name=") {
                vec![
                    existing,
                    json!({"id": "ServiceId-other", "iam_id": "iam-ServiceId-other", "name": "someone-else", "description": "made by hand"}),
                ]
            } else {
                vec![]
            };
            return json_reply("200 OK", json!({"serviceids": ids}));
        }
        if line.starts_with("POST /v1/serviceids/ ") {
            return json_reply(
                "201 Created",
                json!({"id": "ServiceId-1", "iam_id": "iam-ServiceId-1", "entity_tag": "1-x", "crn": "crn:v1:x", "name": "ci-pull", "account_id": ACCOUNT}),
            );
        }
        if line.starts_with("POST /v1/policies ") {
            let mut n = policies.lock().unwrap();
            *n += 1;
            return json_reply(
                "201 Created",
                json!({"id": format!("policy-{n}"), "type": "access"}),
            );
        }
        if line.starts_with("GET /v1/policies?") {
            return json_reply(
                "200 OK",
                json!({"policies": [{
                    "id": "policy-9",
                    "roles": [{"role_id": "crn:v1:bluemix:public:container-registry::::serviceRole:Reader", "display_name": "Reader"}],
                    "resources": [{"attributes": [{"name": "accountId", "value": ACCOUNT}, {"name": "serviceName", "value": "container-registry"}, {"name": "region", "value": "us-south"}, {"name": "resourceType", "value": "namespace"}, {"name": "resource", "value": "team-a"}]}],
                }]}),
            );
        }
        if line.starts_with("POST /v1/apikeys ") {
            return json_reply(
                "201 Created",
                json!({"id": "ApiKey-1", "apikey": NEW_KEY, "name": "ci-pull", "created_at": "2026-11-29T08:00+0000"}),
            );
        }
        if line.starts_with("DELETE ") {
            return Reply::status("204 No Content", &[], "");
        }
        json_reply("404 Not Found", json!({"errors": [{"code": "not_found", "message": line}]}))
    });
    (server, token)
}

fn world(server: &HttpServer) -> World {
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", CALLER_KEY).env("IAM_ENDPOINT", &server.url());
    w
}

/// (request line without the protocol, headers lower-cased, JSON body or Null).
fn parsed(request: &str) -> (String, String, Value) {
    let (head, body) = request.split_once("\r\n\r\n").unwrap_or((request, ""));
    let line = head.lines().next().unwrap().rsplit_once(' ').unwrap().0.to_owned();
    (line, head.to_ascii_lowercase(), serde_json::from_str(body).unwrap_or(Value::Null))
}

/// The admin requests (not the token exchange), as (line, body).
fn admin_calls(server: &HttpServer, token: &str) -> Vec<(String, Value)> {
    server
        .requests()
        .iter()
        .map(|r| parsed(r))
        .filter(|(line, _, _)| !line.starts_with("POST /identity/token"))
        .map(|(line, headers, body)| {
            assert!(
                headers.contains(&format!("authorization: bearer {}", token.to_ascii_lowercase())),
                "{line}: {headers}"
            );
            assert!(headers.contains("accept: application/json"), "{line}");
            assert!(headers.contains("content-type: application/json"), "{line}");
            (line, body)
        })
        .collect()
}

fn policy_body(namespace: &str, region: Option<&str>, role: &str) -> Value {
    let mut attributes = vec![
        json!({"name": "accountId", "value": ACCOUNT}),
        json!({"name": "serviceName", "value": "container-registry"}),
    ];
    if let Some(region) = region {
        attributes.push(json!({"name": "region", "value": region}));
    }
    attributes.push(json!({"name": "resourceType", "value": "namespace"}));
    attributes.push(json!({"name": "resource", "value": namespace}));
    json!({
        "type": "access",
        "subjects": [{"attributes": [{"name": "iam_id", "value": "iam-ServiceId-1"}]}],
        "roles": [{"role_id": format!("crn:v1:bluemix:public:container-registry::::serviceRole:{role}")}],
        "resources": [{"attributes": attributes}],
    })
}

fn assert_no_key(texts: &[&str]) {
    for t in texts {
        assert!(!t.contains(NEW_KEY) && !t.contains(CALLER_KEY), "a key leaked: {t}");
    }
}

#[test]
fn create_makes_the_service_id_policies_and_key_in_order() {
    let (server, token) = fake_iam(Script::default());
    let w = world(&server);
    let file = w.root.path().join("ci-pull.json");
    let a = w
        .cmd()
        .args([
            "service-key",
            "create",
            "ci-pull",
            "-n",
            "team-a",
            "-n",
            "team-b",
            "--role",
            "writer",
            "-r",
            "us-south",
            "--verbose",
            "--file",
        ])
        .arg(&file)
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    let description = "[cr-ext] Container Registry Writer access to namespace team-a, team-b";
    let calls = admin_calls(&server, &token);
    let want = vec![
        (
            format!("GET /v1/serviceids/?account_id={ACCOUNT}&name=ci-pull&pagesize=100"),
            Value::Null,
        ),
        (
            "POST /v1/serviceids/".to_owned(),
            json!({"account_id": ACCOUNT, "name": "ci-pull", "description": description}),
        ),
        ("POST /v1/policies".to_owned(), policy_body("team-a", Some("us-south"), "Writer")),
        ("POST /v1/policies".to_owned(), policy_body("team-b", Some("us-south"), "Writer")),
        (
            "POST /v1/apikeys".to_owned(),
            json!({"name": "ci-pull", "iam_id": "iam-ServiceId-1", "description": description, "account_id": ACCOUNT, "store_value": false}),
        ),
    ];
    assert_eq!(calls, want);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let key_file: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        key_file,
        json!({"name": "ci-pull", "description": description, "createdAt": "2026-11-29T08:00+0000", "apikey": NEW_KEY})
    );

    // The file is never overwritten: a second run stops before sending anything.
    let before = server.requests().len();
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never overwritten"));
    assert_eq!(server.requests().len(), before);
}

#[test]
fn the_key_file_works_wherever_a_key_is_taken() {
    let (server, _) = fake_iam(Script::default());
    let w = world(&server);
    let file = w.root.path().join("ci-pull.json");
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-q", "--file"])
        .arg(&file)
        .assert()
        .success();
    let mut login = World::new();
    login
        .env("IAM_ENDPOINT", &server.url())
        .env("IBMCLOUD_API_KEY", &format!("@{}", file.display()));
    login.client("podman");
    login.cmd().args(["login", "-q"]).assert().success();
    let grant =
        server.requests().into_iter().rfind(|r| r.starts_with("POST /identity/token")).unwrap();
    assert!(grant.contains(&format!("apikey={NEW_KEY}")), "{grant}");
    let a = World::new()
        .cmd()
        .args(["pull-secret", "-r", "us-south", "--format", "dockerconfigjson", "--apikey-file"])
        .arg(&file)
        .assert()
        .success();
    assert!(out(&a).0.contains(NEW_KEY));
}

#[test]
fn the_region_defaults_to_the_targeted_one_else_every_region_and_says_so() {
    let (server, token) = fake_iam(Script::default());
    let w = world(&server);
    w.cli_config(&json!({"Region": "eu-de"}));
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file", "-", "-q"])
        .assert()
        .success();
    let (o, _) = out(&a);
    let key: Value = serde_json::from_str(&o).unwrap();
    assert_eq!(key["apikey"], json!(NEW_KEY), "--file - prints the key file on stdout");
    assert_eq!(admin_calls(&server, &token)[2].1, policy_body("team-a", Some("eu-de"), "Reader"));

    let (server, token) = fake_iam(Script::default());
    let w = world(&server);
    let file = w.root.path().join("k.json");
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("policies cover every region"));
    assert_eq!(admin_calls(&server, &token)[2].1, policy_body("team-a", None, "Reader"));
}

/// Runs a create that fails at `step` and returns the admin calls and stderr.
fn failing_at(step: &str, more: &[&str]) -> (Vec<(String, Value)>, String, i32) {
    let mut fail = vec![step.to_owned()];
    fail.extend(more.iter().map(|s| (*s).to_owned()));
    let (server, token) = fake_iam(Script { fail, ..Script::default() });
    let w = world(&server);
    let file = w.root.path().join("ci-pull.json");
    let a = w
        .cmd()
        .args([
            "service-key",
            "create",
            "ci-pull",
            "-n",
            "team-a",
            "-n",
            "team-b",
            "-r",
            "us-south",
            "--file",
        ])
        .arg(&file)
        .assert();
    let code = a.get_output().status.code().unwrap();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    assert!(!file.exists(), "no key file after a failure");
    (admin_calls(&server, &token), e, code)
}

fn lines(calls: &[(String, Value)]) -> Vec<&str> {
    calls.iter().map(|(l, _)| l.as_str()).collect()
}

#[test]
fn a_failure_at_each_step_rolls_back_in_reverse_order() {
    let (calls, e, code) = failing_at("POST /v1/serviceids/", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines(&calls),
        [
            "GET /v1/serviceids/?account_id=a1b2c3d4e5f60718293a4b5c6d7e8f90&name=ci-pull&pagesize=100",
            "POST /v1/serviceids/"
        ]
    );
    assert!(e.contains("IAM refused to create the service ID (HTTP 400, invalid_request): refused: POST /v1/serviceids/") && e.contains("(trace trace-7f3a)"), "{e}");

    let (calls, e, code) = failing_at("POST /v1/apikeys", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines(&calls)[1..],
        [
            "POST /v1/serviceids/",
            "POST /v1/policies",
            "POST /v1/policies",
            "POST /v1/apikeys",
            "DELETE /v1/policies/policy-2",
            "DELETE /v1/policies/policy-1",
            "DELETE /v1/serviceids/ServiceId-1"
        ]
    );
    for rolled in [
        "rolled back: deleted policy policy-2 (namespace team-b)",
        "rolled back: deleted policy policy-1 (namespace team-a)",
        "rolled back: deleted service ID ServiceId-1",
    ] {
        assert!(e.contains(rolled), "{e}");
    }
    assert!(e.contains("everything this run created was deleted again"), "{e}");

    // The second policy fails: the first and the service ID go.
    let (calls, _, _) = failing_at("POST /v1/policies", &[]);
    assert_eq!(
        lines(&calls)[1..],
        ["POST /v1/serviceids/", "POST /v1/policies", "DELETE /v1/serviceids/ServiceId-1"]
    );
}

#[test]
fn a_failed_key_file_write_rolls_back_the_key_too() {
    let (server, token) = fake_iam(Script::default());
    let w = world(&server);
    let file = w.root.path().join("no-such-dir/ci-pull.json");
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south", "--file"])
        .arg(&file)
        .assert()
        .code(1);
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    assert_eq!(
        lines(&admin_calls(&server, &token))[1..],
        [
            "POST /v1/serviceids/",
            "POST /v1/policies",
            "POST /v1/apikeys",
            "DELETE /v1/apikeys/ApiKey-1",
            "DELETE /v1/policies/policy-1",
            "DELETE /v1/serviceids/ServiceId-1"
        ]
    );
}

#[test]
fn a_failing_rollback_says_what_remains_and_how_to_delete_it() {
    let (calls, e, code) = failing_at("POST /v1/apikeys", &["DELETE /v1/serviceids/"]);
    assert_eq!(code, 1);
    assert_eq!(lines(&calls).last(), Some(&"DELETE /v1/serviceids/ServiceId-1"));
    assert!(e.contains("rollback failed: IAM refused to delete service ID ServiceId-1"), "{e}");
    assert!(e.contains("the rollback did not finish: what remains: service ID ServiceId-1 (delete it with: ibmcloud iam service-id-delete ServiceId-1 -f)"), "{e}");
}

#[test]
fn an_existing_name_is_refused_unless_reused() {
    let (server, token) = fake_iam(Script { existing: true, ..Script::default() });
    let w = world(&server);
    let file = w.root.path().join("k.json");
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(format!(
                "a service ID named 'ci-pull' exists in account {ACCOUNT} (ServiceId-old)"
            ))
            .and(predicate::str::contains("--reuse")),
        );
    assert_eq!(admin_calls(&server, &token).len(), 1, "nothing created");

    let (server, token) = fake_iam(Script {
        existing: true,
        fail: vec!["POST /v1/apikeys".into()],
        ..Script::default()
    });
    let w = world(&server);
    w.cmd()
        .args([
            "service-key",
            "create",
            "ci-pull",
            "-n",
            "team-a",
            "-r",
            "us-south",
            "--reuse",
            "--file",
        ])
        .arg(&file)
        .assert()
        .code(1);
    let calls = admin_calls(&server, &token);
    assert_eq!(
        lines(&calls)[1..],
        ["POST /v1/policies", "POST /v1/apikeys", "DELETE /v1/policies/policy-1"],
        "the reused service ID is not deleted"
    );
    assert_eq!(calls[1].1["subjects"][0]["attributes"][0]["value"], json!("iam-ServiceId-old"));
}

#[test]
fn an_expired_caller_token_exits_4_with_a_hint() {
    let (server, _) = fake_iam(Script { expired: true, ..Script::default() });
    let w = world(&server);
    w.cmd().args(["service-key", "create", "ci-pull", "-n", "team-a"]).assert().code(4).stderr(
        predicate::str::contains("(HTTP 401, BXNIM0407E): The token is expired (trace trace-exp)")
            .and(predicate::str::contains("hint: your IAM token was refused")),
    );
}

#[test]
fn dry_run_prints_the_requests_and_sends_nothing() {
    let (server, _) = fake_iam(Script::default());
    let w = world(&server);
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south", "--dry-run"])
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    assert!(server.requests().is_empty(), "not even the token exchange");
    assert!(o.contains("POST /v1/serviceids/\n  Authorization: Bearer ****\n"), "{o}");
    assert!(o.contains("\"serviceRole:Reader\"") || o.contains("serviceRole:Reader"), "{o}");
    assert!(o.contains("POST /v1/apikeys"), "{o}");
    assert!(!w.root.path().join("ci-pull.json").exists());
}

#[test]
fn list_shows_only_what_cr_ext_made_with_policies() {
    let (server, token) = fake_iam(Script::default());
    let w = world(&server);
    let a = w.cmd().args(["service-key", "list", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 1);
    assert_eq!(doc[0]["name"], json!("ci-pull"));
    assert_eq!(
        doc[0]["policies"],
        json!([{"id": "policy-9", "role": "Reader", "namespace": "team-a", "region": "us-south"}])
    );
    assert_eq!(
        lines(&admin_calls(&server, &token)),
        [
            format!("GET /v1/serviceids/?account_id={ACCOUNT}&pagesize=100").as_str(),
            &format!("GET /v1/policies?account_id={ACCOUNT}&iam_id=iam-ServiceId-old")
        ]
    );
    let a = w.cmd().args(["service-key", "list"]).assert().success();
    assert_eq!(out(&a).0, "ci-pull  ServiceId-old\n  Reader on namespace team-a in us-south\n");
}

#[test]
fn delete_needs_yes_off_a_terminal_and_removes_policies_then_the_service_id() {
    let (server, token) = fake_iam(Script { existing: true, ..Script::default() });
    let w = world(&server);
    w.cmd()
        .args(["service-key", "delete", "ci-pull"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --yes"));
    assert!(server.requests().is_empty());
    w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().success();
    assert_eq!(
        lines(&admin_calls(&server, &token)),
        [
            format!("GET /v1/serviceids/?account_id={ACCOUNT}&name=ci-pull&pagesize=100").as_str(),
            &format!("GET /v1/policies?account_id={ACCOUNT}&iam_id=iam-ServiceId-old"),
            "DELETE /v1/policies/policy-9",
            "DELETE /v1/serviceids/ServiceId-old",
        ]
    );
    let (server, _) = fake_iam(Script::default());
    world(&server)
        .cmd()
        .args(["service-key", "delete", "nobody", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no service ID named 'nobody'"));
}

/// Runs `cr-ext ARGS` on a pseudo-terminal (util-linux `script`), typing `answer`.
fn on_a_terminal(w: &World, server: &HttpServer, args: &str, answer: &str) -> (i32, String) {
    let mut child = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{} {args}", assert_cmd::cargo::cargo_bin("cr-ext").display()),
            "/dev/null",
        ])
        .env_clear()
        .env("HOME", &w.home)
        .env("PATH", support::SYSTEM_PATH)
        .env("IBMCLOUD_API_KEY", CALLER_KEY)
        .env("IAM_ENDPOINT", server.url())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("util-linux script");
    child.stdin.take().unwrap().write_all(answer.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn delete_asks_on_a_terminal_and_only_yes_deletes() {
    let (server, token) = fake_iam(Script { existing: true, ..Script::default() });
    let w = world(&server);
    let (code, screen) = on_a_terminal(&w, &server, "service-key delete ci-pull", "n\n");
    assert_eq!(code, 2, "{screen}");
    assert!(
        screen.contains(
            "Delete service ID 'ci-pull' (ServiceId-old), its API keys and 1 policy? [y/N]"
        ),
        "{screen}"
    );
    assert!(!lines(&admin_calls(&server, &token)).iter().any(|l| l.starts_with("DELETE")));
    let (code, screen) = on_a_terminal(&w, &server, "service-key delete ci-pull", "y\n");
    assert_eq!(code, 0, "{screen}");
    assert!(lines(&admin_calls(&server, &token)).contains(&"DELETE /v1/serviceids/ServiceId-old"));
}

#[test]
fn create_reports_json_without_the_key() {
    let (server, _) = fake_iam(Script::default());
    let w = world(&server);
    let file = w.root.path().join("k.json");
    let a = w
        .cmd()
        .args([
            "service-key",
            "create",
            "ci-pull",
            "-n",
            "team-a",
            "-r",
            "us-south",
            "--output",
            "json",
            "--file",
        ])
        .arg(&file)
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    let doc: Value = serde_json::from_str(&o).unwrap();
    assert_eq!(
        doc["service_id"],
        json!({"id": "ServiceId-1", "iam_id": "iam-ServiceId-1", "name": "ci-pull", "reused": false})
    );
    assert_eq!(
        doc["policies"],
        json!([{"id": "policy-1", "namespace": "team-a", "region": "us-south", "role": "Reader"}])
    );
    assert_eq!(doc["apikey"]["id"], json!("ApiKey-1"));
}
