//! `cr-ext service-key` against the strict stand-in IAM of `support::fake_iam` (no real IAM
//! can be reached from here), which keeps state and refuses what DESIGN.md §12 says IAM
//! refuses. The tests check each request exactly (method, path, headers, JSON body) and in
//! order, and what IAM holds afterwards: the role looked up once in the catalogue (and the
//! built-in CRN when it cannot be read), the global registry as the geography `global`, a
//! policy that exists kept and reported, every page of a policy list, a service ID delete
//! answering 409, a create whose answer was lost, IAM's `details` and `message_code`, a stalled
//! answer, the rollback after a failure at each step and the commands a failed rollback names,
//! a name that exists, `--reuse`, an expired caller token, that no key shows anywhere but the
//! key file, and that the key file works with `login --apikey-file`.

#![allow(clippy::many_single_char_names)] // w, a, o, e: world, assert, stdout, stderr.

use crate::support;
use std::io::Write as _;
use std::os::unix::fs::PermissionsExt;

use crate::support::fake_iam::{ACCOUNT, CALLER_KEY, Catalogue, FakeIam, NEW_KEY, OLD_KEY, Script};
use crate::support::{World, out};
use predicates::prelude::*;
use serde_json::{Value, json};

/// The role CRN IAM has for a Container Registry role (its built-in service roles).
fn role_crn(role: &str) -> String {
    format!("crn:v1:bluemix:public:iam::::serviceRole:{role}")
}

fn world(iam: &FakeIam) -> World {
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", CALLER_KEY).env("IAM_ENDPOINT", &iam.url());
    w
}

/// (request line without the protocol, headers lower-cased, JSON body or Null).
fn parsed(request: &str) -> (String, String, Value) {
    let (head, body) = request.split_once("\r\n\r\n").unwrap_or((request, ""));
    let line = head.lines().next().unwrap().rsplit_once(' ').unwrap().0.to_owned();
    (line, head.to_ascii_lowercase(), serde_json::from_str(body).unwrap_or(Value::Null))
}

/// The admin requests (not the token exchange), as (line, body); each carried the caller's
/// token and the JSON headers.
fn admin_calls(iam: &FakeIam) -> Vec<(String, Value)> {
    iam.requests()
        .iter()
        .map(|r| parsed(r))
        .filter(|(line, _, _)| !line.starts_with("POST /identity/token"))
        .map(|(line, headers, body)| {
            assert!(
                headers
                    .contains(&format!("authorization: bearer {}", iam.token.to_ascii_lowercase())),
                "{line}: {headers}"
            );
            assert!(headers.contains("accept: application/json"), "{line}");
            assert!(headers.contains("content-type: application/json"), "{line}");
            (line, body)
        })
        .collect()
}

fn lines(calls: &[(String, Value)]) -> Vec<&str> {
    calls.iter().map(|(l, _)| l.as_str()).collect()
}

const FIND: &str =
    "GET /v1/serviceids/?account_id=a1b2c3d4e5f60718293a4b5c6d7e8f90&name=ci-pull&pagesize=100";
/// The policies of the pre-existing ci-pull, listed before a --reuse grants anything.
const OLD_POLICIES: &str = "GET /v1/policies?account_id=a1b2c3d4e5f60718293a4b5c6d7e8f90&iam_id=iam-ServiceId-old&type=access";
const ROLES: &str =
    "GET /v2/roles?service_name=container-registry&account_id=a1b2c3d4e5f60718293a4b5c6d7e8f90";

/// A policy body as cr-ext sends it: `scope` is `("region", "us-south")`, `("geography",
/// "global")` or `None` (every region).
fn policy_for(iam_id: &str, namespace: &str, scope: Option<(&str, &str)>, role_id: &str) -> Value {
    let mut attributes = vec![
        json!({"name": "accountId", "value": ACCOUNT}),
        json!({"name": "serviceName", "value": "container-registry"}),
    ];
    if let Some((name, value)) = scope {
        attributes.push(json!({"name": name, "value": value}));
    }
    attributes.push(json!({"name": "resourceType", "value": "namespace"}));
    attributes.push(json!({"name": "resource", "value": namespace}));
    json!({
        "type": "access",
        "subjects": [{"attributes": [{"name": "iam_id", "value": iam_id}]}],
        "roles": [{"role_id": role_id}],
        "resources": [{"attributes": attributes}],
    })
}

fn policy_body(namespace: &str, region: Option<&str>, role: &str) -> Value {
    policy_for("iam-ServiceId-1", namespace, region.map(|r| ("region", r)), &role_crn(role))
}

/// The description of a key create, checked to be `[cr-ext] API key of NAME, made <UTC ms>`.
fn key_description_of(body: &Value) -> String {
    let d = body["description"].as_str().unwrap().to_owned();
    let at = d.strip_prefix("[cr-ext] API key of ci-pull, made ").unwrap_or_else(|| panic!("{d}"));
    assert_eq!(at.len(), "2026-12-03T06:30:12.345Z".len(), "{d}");
    assert!(at.starts_with("20") && at.ends_with('Z') && at.as_bytes()[19] == b'.', "{d}");
    d
}

fn assert_no_key(texts: &[&str]) {
    for t in texts {
        assert!(!t.contains(NEW_KEY) && !t.contains(CALLER_KEY), "a key leaked: {t}");
    }
}

/// IAM holds nothing that a run made (what existed before is not counted).
fn assert_nothing_left(iam: &FakeIam) {
    let made = |id: &str| !id.contains("old") && !id.contains("other");
    assert!(!iam.service_ids().iter().any(|s| made(&s.id)), "{:?}", iam.service_ids());
    assert!(!iam.apikeys().iter().any(|k| made(&k.id)), "{:?}", iam.apikeys());
    assert!(
        !iam.policies().iter().any(|p| made(p["id"].as_str().unwrap())),
        "{:?}",
        iam.policies()
    );
}

#[test]
fn create_makes_the_service_id_policies_and_key_in_order() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
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
    let want = vec![
        (FIND.to_owned(), Value::Null),
        (ROLES.to_owned(), Value::Null),
        (
            "POST /v1/serviceids/".to_owned(),
            json!({"account_id": ACCOUNT, "name": "ci-pull", "description": description}),
        ),
        ("POST /v1/policies".to_owned(), policy_body("team-a", Some("us-south"), "Writer")),
        ("POST /v1/policies".to_owned(), policy_body("team-b", Some("us-south"), "Writer")),
    ];
    let calls = admin_calls(&iam);
    assert_eq!(calls[..5], want);
    // The key's description marks it as cr-ext's, with the moment it was made to the ms.
    let key_description = key_description_of(&calls[5].1);
    assert_eq!(
        calls[5],
        (
            "POST /v1/apikeys".to_owned(),
            json!({"name": "ci-pull", "iam_id": "iam-ServiceId-1", "description": key_description, "account_id": ACCOUNT, "store_value": false}),
        )
    );
    assert_eq!(calls.len(), 6);
    assert_eq!(iam.service_ids().len(), 1);
    assert_eq!(iam.policy_ids_of("iam-ServiceId-1"), ["policy-1", "policy-2"]);
    assert_eq!(iam.apikeys().len(), 1);
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let key_file: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        key_file,
        json!({"name": "ci-pull", "description": key_description, "createdAt": "2026-11-29T08:00+0000", "apikey": NEW_KEY})
    );

    // The file is never overwritten: a second run stops before sending anything.
    let before = iam.requests().len();
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never overwritten"));
    assert_eq!(iam.requests().len(), before);
}

#[test]
fn the_stand_in_refuses_what_iam_refuses() {
    // The old mistakes must fail here as they fail against IAM, or the tests prove nothing.
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let http = reqwest::blocking::Client::new();
    let post = |body: &Value| {
        http.post(format!("{}/v1/policies", iam.url()))
            .header("Authorization", format!("Bearer {}", iam.token))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .unwrap()
    };
    let old = "iam-ServiceId-old";
    let wrong_role = "crn:v1:bluemix:public:container-registry::::serviceRole:Reader";
    let refused = post(&policy_for(old, "team-x", Some(("region", "us-south")), wrong_role));
    assert_eq!(refused.status(), 400);
    assert!(refused.text().unwrap().contains("Invalid role_id"));
    let global_region = policy_for(old, "team-x", Some(("region", "global")), &role_crn("Reader"));
    assert_eq!(post(&global_region).status(), 400);
    let geography = policy_for(old, "team-x", Some(("geography", "global")), &role_crn("Reader"));
    assert_eq!(post(&geography).status(), 201);
    assert_eq!(post(&geography).status(), 409);
    let unknown = policy_for("iam-ServiceId-nobody", "team-x", None, &role_crn("Reader"));
    assert_eq!(post(&unknown).status(), 400);
}

#[test]
fn the_role_is_looked_up_once_in_the_catalogue_by_display_name() {
    // A cloud whose role CRNs are not the public ones: only a looked-up CRN is accepted.
    let iam = FakeIam::start(Script { catalogue: Catalogue::Staging, ..Script::default() });
    let w = world(&iam);
    let file = w.root.path().join("k.json");
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-n", "team-b"])
        .args(["-r", "us-south", "-r", "eu-de", "--role", "manager", "--file"])
        .arg(&file)
        .assert()
        .success();
    let calls = admin_calls(&iam);
    assert_eq!(lines(&calls).iter().filter(|l| l.starts_with("GET /v2/roles")).count(), 1);
    let policies: Vec<&Value> =
        calls.iter().filter(|(l, _)| l == "POST /v1/policies").map(|(_, b)| b).collect();
    assert_eq!(policies.len(), 4);
    for body in policies {
        assert_eq!(
            body["roles"],
            json!([{"role_id": "crn:v1:staging:public:iam::::serviceRole:Manager"}])
        );
    }

    // A catalogue that cannot be read: IAM's built-in CRN, said as a warning.
    let iam = FakeIam::start(Script { catalogue: Catalogue::Unreadable, ..Script::default() });
    let w = world(&iam);
    let file = w.root.path().join("k.json");
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south", "--file"])
        .arg(&file)
        .assert()
        .success();
    let (_, e) = out(&a);
    assert!(
        e.contains("the role catalogue could not be read (IAM refused to list the roles of Container Registry (HTTP 403, insufficent_permissions)")
            && e.contains("using IAM's built-in crn:v1:bluemix:public:iam::::serviceRole:Reader"),
        "{e}"
    );
    assert_eq!(admin_calls(&iam)[3].1, policy_body("team-a", Some("us-south"), "Reader"));
}

#[test]
fn the_global_registry_is_the_geography_global() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
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
            "global",
            "-r",
            "us-south",
        ])
        .args(["--output", "json", "--file"])
        .arg(&file)
        .assert()
        .success();
    let calls = admin_calls(&iam);
    assert_eq!(
        calls[3].1,
        policy_for("iam-ServiceId-1", "team-a", Some(("geography", "global")), &role_crn("Reader"))
    );
    assert_eq!(calls[4].1, policy_body("team-a", Some("us-south"), "Reader"));
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc["policies"][0]["region"], json!("global"));
    let a = w.cmd().args(["service-key", "list"]).assert().success();
    assert_eq!(
        out(&a).0,
        "ci-pull  ServiceId-1\n  Reader on namespace team-a in global\n  Reader on namespace team-a in us-south\n  API key ApiKey-1 'ci-pull' created 2026-11-29T08:00+0000\n"
    );
}

#[test]
fn the_key_file_works_wherever_a_key_is_taken() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    let file = w.root.path().join("ci-pull.json");
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-q", "--file"])
        .arg(&file)
        .assert()
        .success();
    let mut login = World::new();
    login.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", &format!("@{}", file.display()));
    login.client("podman");
    login.cmd().args(["login", "-q"]).assert().success();
    let grant =
        iam.requests().into_iter().rfind(|r| r.starts_with("POST /identity/token")).unwrap();
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
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    w.cli_config(&json!({"Region": "eu-de"}));
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file", "-", "-q"])
        .assert()
        .success();
    let (o, _) = out(&a);
    let key: Value = serde_json::from_str(&o).unwrap();
    assert_eq!(key["apikey"], json!(NEW_KEY), "--file - prints the key file on stdout");
    assert_eq!(admin_calls(&iam)[3].1, policy_body("team-a", Some("eu-de"), "Reader"));

    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    let file = w.root.path().join("k.json");
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "--file"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("policies cover every region"));
    assert_eq!(admin_calls(&iam)[3].1, policy_body("team-a", None, "Reader"));
}

/// Runs a create of `ci-pull` for team-a and team-b in us-south against `script` and returns
/// the stand-in, the admin calls, stderr and the exit code.
fn create_with(script: Script, more: &[&str]) -> (FakeIam, Vec<(String, Value)>, String, i32) {
    let iam = FakeIam::start(script);
    let mut w = world(&iam);
    w.env("IBMCLOUD_HTTP_TIMEOUT", "2");
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
        ])
        .args(more)
        .arg("--file")
        .arg(&file)
        .assert();
    let code = a.get_output().status.code().unwrap();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    if code != 0 {
        assert!(!file.exists(), "no key file after a failure");
    }
    let calls = admin_calls(&iam);
    (iam, calls, e, code)
}

/// Runs a create that fails at `step` (and at `more`) and returns the admin calls and stderr.
fn failing_at(step: &str, more: &[&str]) -> (FakeIam, Vec<(String, Value)>, String, i32) {
    let mut fail = vec![step.to_owned()];
    fail.extend(more.iter().map(|s| (*s).to_owned()));
    create_with(Script { fail, ..Script::default() }, &[])
}

#[test]
fn a_failure_at_each_step_rolls_back_in_reverse_order() {
    let (iam, calls, e, code) = failing_at("POST /v1/serviceids/", &[]);
    assert_eq!(code, 1);
    assert_eq!(lines(&calls), [FIND, ROLES, "POST /v1/serviceids/"]);
    assert!(e.contains("IAM refused to create the service ID (HTTP 400, invalid_request): refused: POST /v1/serviceids/") && e.contains("(trace trace-7f3a)"), "{e}");
    assert_nothing_left(&iam);

    let (iam, calls, e, code) = failing_at("POST /v1/apikeys", &[]);
    assert_eq!(code, 1);
    assert_eq!(
        lines(&calls)[2..],
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
    assert_nothing_left(&iam);

    // The first policy is refused: the service ID goes.
    let (iam, calls, _, _) = failing_at("POST /v1/policies", &[]);
    assert_eq!(
        lines(&calls)[2..],
        ["POST /v1/serviceids/", "POST /v1/policies", "DELETE /v1/serviceids/ServiceId-1"]
    );
    assert_nothing_left(&iam);
}

#[test]
fn a_failed_key_file_write_rolls_back_the_key_too() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
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
        lines(&admin_calls(&iam))[2..],
        [
            "POST /v1/serviceids/",
            "POST /v1/policies",
            "POST /v1/apikeys",
            "DELETE /v1/apikeys/ApiKey-1",
            "DELETE /v1/policies/policy-1",
            "DELETE /v1/serviceids/ServiceId-1"
        ]
    );
    assert_nothing_left(&iam);
}

#[test]
fn a_failing_rollback_says_what_remains_and_how_to_delete_it() {
    let (iam, calls, e, code) = failing_at("POST /v1/apikeys", &["DELETE /v1/serviceids/"]);
    assert_eq!(code, 1);
    assert_eq!(lines(&calls).last(), Some(&"DELETE /v1/serviceids/ServiceId-1"));
    assert!(e.contains("rollback failed: IAM refused to delete service ID ServiceId-1"), "{e}");
    assert!(e.contains("the rollback did not finish: what remains: service ID ServiceId-1 (delete it with: ibmcloud iam service-id-delete ServiceId-1 -f)"), "{e}");
    assert_eq!(iam.service_ids().len(), 1);

    // A key of a reused service ID whose delete fails: the CLI's command for a service ID's key.
    let iam = FakeIam::start(Script {
        existing: true,
        fail: vec!["DELETE /v1/apikeys/".into()],
        ..Script::default()
    });
    let w = world(&iam);
    let file = w.root.path().join("no-such-dir/k.json");
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-b", "-r", "us-south", "--reuse"])
        .arg("--file")
        .arg(&file)
        .assert()
        .code(1);
    let (_, e) = out(&a);
    assert!(e.contains("what remains: API key ApiKey-1 (delete it with: ibmcloud iam service-api-key-delete ApiKey-1 ServiceId-old -f)"), "{e}");
    assert!(!e.contains("api-key-delete ApiKey-1 -f"), "{e}");

    // When the service ID itself was deleted, its keys went with it: nothing to name.
    let iam =
        FakeIam::start(Script { fail: vec!["DELETE /v1/apikeys/".into()], ..Script::default() });
    let w = world(&iam);
    let file = w.root.path().join("no-such-dir/k.json");
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south", "--file"])
        .arg(&file)
        .assert()
        .code(1);
    let (_, e) = out(&a);
    assert!(e.contains("its API keys went with it") && !e.contains("what remains"), "{e}");
    assert_nothing_left(&iam);
}

#[test]
fn an_existing_name_is_refused_unless_reused() {
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = world(&iam);
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
    assert_eq!(admin_calls(&iam).len(), 1, "nothing created");

    let iam = FakeIam::start(Script {
        existing: true,
        fail: vec!["POST /v1/apikeys".into()],
        ..Script::default()
    });
    let w = world(&iam);
    w.cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-b", "-r", "us-south", "--reuse"])
        .arg("--file")
        .arg(&file)
        .assert()
        .code(1);
    let calls = admin_calls(&iam);
    assert_eq!(
        lines(&calls)[2..],
        [OLD_POLICIES, "POST /v1/policies", "POST /v1/apikeys", "DELETE /v1/policies/policy-1"],
        "the reused service ID is not deleted"
    );
    assert_eq!(calls[3].1["subjects"][0]["attributes"][0]["value"], json!("iam-ServiceId-old"));
    assert_eq!(iam.policy_ids_of("iam-ServiceId-old"), ["policy-old-1"]);
}

#[test]
fn a_policy_that_exists_is_reported_as_granted_and_never_rolled_back() {
    // ci-pull has Reader on team-a in us-south (policy-old-1): a re-run with --reuse.
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = world(&iam);
    let file = w.root.path().join("k.json");
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
        ])
        .args(["--reuse", "--output", "json", "--file"])
        .arg(&file)
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(
        doc["policies"],
        json!([
            {"id": "policy-old-1", "namespace": "team-a", "region": "us-south", "role": "Reader", "existed": true},
            {"id": "policy-1", "namespace": "team-b", "region": "us-south", "role": "Reader", "existed": false},
        ])
    );
    assert_eq!(iam.policy_ids_of("iam-ServiceId-old"), ["policy-old-1", "policy-1"]);

    // The same again, failing at the key: only what this run made is deleted.
    let iam = FakeIam::start(Script {
        existing: true,
        fail: vec!["POST /v1/apikeys".into()],
        ..Script::default()
    });
    let w = world(&iam);
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
        ])
        .args(["--reuse", "--file"])
        .arg(w.root.path().join("k2.json"))
        .assert()
        .code(1);
    let (_, e) = out(&a);
    let calls = admin_calls(&iam);
    assert_eq!(
        lines(&calls)[2..],
        [
            OLD_POLICIES,
            "POST /v1/policies",
            "POST /v1/policies",
            "POST /v1/apikeys",
            "DELETE /v1/policies/policy-1"
        ]
    );
    assert!(e.contains("Reader on namespace 'team-a' in us-south was granted already (policy policy-old-1); it is kept as it is"), "{e}");
    assert!(!e.contains("policy-old-1 (namespace"), "{e}");
    assert_eq!(iam.policy_ids_of("iam-ServiceId-old"), ["policy-old-1"]);

    // Two namespaces that come to one policy: the second is the first one's.
    let (iam, _, e, code) = create_with(Script::default(), &["-n", "team-a", "--role", "reader"]);
    assert_eq!(code, 0, "{e}");
    assert_eq!(iam.policy_ids_of("iam-ServiceId-1"), ["policy-1", "policy-2"]);
    assert!(e.contains("was granted already (policy policy-1)"), "{e}");
}

#[test]
fn list_and_delete_follow_every_page_of_policies() {
    let iam =
        FakeIam::start(Script { existing: true, existing_policies: Some(5), ..Script::default() });
    let w = world(&iam);
    let a = w.cmd().args(["service-key", "list", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    let namespaces: Vec<&str> = doc[0]["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["namespace"].as_str().unwrap())
        .collect();
    assert_eq!(namespaces, ["team-a", "team-b", "team-c", "team-d", "team-e"]);
    let list =
        format!("GET /v1/policies?account_id={ACCOUNT}&iam_id=iam-ServiceId-old&type=access");
    assert_eq!(
        lines(&admin_calls(&iam))[1..4],
        [list.clone(), format!("{list}&start=page-2"), format!("{list}&start=page-4")]
    );

    w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().success();
    assert!(iam.policy_ids_of("iam-ServiceId-old").is_empty(), "{:?}", iam.policies());
    assert_eq!(
        iam.service_ids().iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["ServiceId-other"]
    );
    assert!(iam.apikeys().is_empty(), "the service ID's keys went with it");
}

#[test]
fn a_service_id_delete_that_answers_409_is_tried_again() {
    let iam = FakeIam::start(Script { existing: true, delete_conflicts: 2, ..Script::default() });
    let w = world(&iam);
    w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().success();
    let deletes = lines(&admin_calls(&iam))
        .iter()
        .filter(|l| **l == "DELETE /v1/serviceids/ServiceId-old")
        .count();
    assert_eq!(deletes, 3);
    assert_eq!(iam.service_ids().len(), 1);
    assert!(iam.apikeys().is_empty());

    // It gives up after a few tries, and says what IAM said: details and message_code.
    let iam = FakeIam::start(Script { existing: true, delete_conflicts: 50, ..Script::default() });
    let w = world(&iam);
    let a = w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().code(1);
    let (_, e) = out(&a);
    assert!(
        e.contains("IAM refused to delete the service ID (HTTP 409, conflict, BXNIM0510E): The request was refused: The API keys of the service ID are still being deleted. (trace trace-id)"),
        "{e}"
    );
    let deletes = lines(&admin_calls(&iam))
        .iter()
        .filter(|l| l.starts_with("DELETE /v1/serviceids/"))
        .count();
    assert_eq!(deletes, 5);

    // A rollback waits it out too.
    let (iam, calls, e, code) = create_with(
        Script { fail: vec!["POST /v1/apikeys".into()], delete_conflicts: 1, ..Script::default() },
        &[],
    );
    assert_eq!(code, 1);
    assert_eq!(lines(&calls).iter().filter(|l| l.starts_with("DELETE /v1/serviceids/")).count(), 2);
    assert!(e.contains("everything this run created was deleted again"), "{e}");
    assert_nothing_left(&iam);
}

#[test]
fn a_create_whose_answer_was_lost_is_looked_up_not_made_twice() {
    // IAM made the service ID, but its answer was a 502: the name is looked up and used.
    let (iam, calls, e, code) = create_with(Script { lost_creates: 1, ..Script::default() }, &[]);
    assert_eq!(code, 0, "{e}");
    assert_eq!(
        lines(&calls)[..5],
        [FIND, ROLES, "POST /v1/serviceids/", FIND, "POST /v1/policies"]
    );
    assert_eq!(iam.service_ids().len(), 1, "{:?}", iam.service_ids());
    assert_eq!(iam.policy_ids_of("iam-ServiceId-1").len(), 2);

    // IAM made nothing: the look-up finds nothing and the create is sent again.
    let (iam, calls, e, code) = create_with(Script { failed_creates: 1, ..Script::default() }, &[]);
    assert_eq!(code, 0, "{e}");
    assert_eq!(
        lines(&calls)[..5],
        [FIND, ROLES, "POST /v1/serviceids/", FIND, "POST /v1/serviceids/"]
    );
    assert_eq!(iam.service_ids().len(), 1);

    // IAM failing each time: three creates, each after a look-up, then IAM's error.
    let iam = FakeIam::start(Script { failed_creates: 5, ..Script::default() });
    let w = world(&iam);
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south"])
        .assert()
        .code(1);
    let (_, e) = out(&a);
    assert!(
        e.contains("IAM refused to create the service ID (HTTP 500, internal_error, BXNIM0001E)"),
        "{e}"
    );
    let posts = lines(&admin_calls(&iam)).iter().filter(|l| **l == "POST /v1/serviceids/").count();
    assert_eq!(posts, 3);
    assert!(iam.service_ids().is_empty());
}

#[test]
fn a_stalled_answer_says_it_timed_out_and_rolls_back() {
    // The answer stops until cr-ext's 2 s are up, and the connection closes then.
    let stall =
        |secs| Script { stall: Some(("POST /v1/policies".into(), secs)), ..Script::default() };
    let (iam, _, e, code) = create_with(stall(2), &[]);
    assert_eq!(code, 1);
    assert!(e.contains("its answer did not arrive in full within 2 s (timed out)"), "{e}");
    assert!(!e.contains("request or response body error"), "{e}");
    assert!(e.contains("rolled back: deleted service ID ServiceId-1"), "{e}");
    assert!(iam.service_ids().is_empty());
    // One that breaks off sooner says so, and why.
    let (_, _, e, code) = create_with(stall(1), &[]);
    assert_eq!(code, 1);
    assert!(
        e.contains("before all of it arrived (end of file before message length reached)"),
        "{e}"
    );
}

#[test]
fn an_expired_caller_token_exits_4_with_a_hint() {
    let iam = FakeIam::start(Script { expired: true, ..Script::default() });
    let w = world(&iam);
    w.cmd().args(["service-key", "create", "ci-pull", "-n", "team-a"]).assert().code(4).stderr(
        predicate::str::contains("(HTTP 401, BXNIM0407E): The token is expired (trace trace-exp)")
            .and(predicate::str::contains("hint: your IAM token was refused")),
    );
}

#[test]
fn dry_run_prints_the_requests_and_sends_nothing() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "global", "--dry-run"])
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    assert!(iam.requests().is_empty(), "not even the token exchange");
    assert!(o.contains("POST /v1/serviceids/\n  Authorization: Bearer ****\n"), "{o}");
    assert!(
        o.contains("GET /v2/roles?service_name=container-registry&account_id=ACCOUNT_ID\n"),
        "{o}"
    );
    assert!(o.contains(r#"{"role_id":"crn:v1:bluemix:public:iam::::serviceRole:Reader"}"#), "{o}");
    assert!(o.contains(r#"{"name":"geography","value":"global"}"#), "{o}");
    assert!(o.contains("POST /v1/apikeys"), "{o}");
    assert!(!w.root.path().join("ci-pull.json").exists());
}

#[test]
fn list_shows_only_what_cr_ext_made_with_policies() {
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = world(&iam);
    let a = w.cmd().args(["service-key", "list", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 1);
    assert_eq!(doc[0]["name"], json!("ci-pull"));
    assert_eq!(
        doc[0]["policies"],
        json!([{"id": "policy-old-1", "role": "Reader", "namespace": "team-a", "region": "us-south"}])
    );
    assert_eq!(
        doc[0]["apikeys"],
        json!([{"id": "ApiKey-old", "name": "ci-pull", "created_at": "2026-11-01T08:00+0000", "cr_ext": true}])
    );
    assert_eq!(
        lines(&admin_calls(&iam)),
        [
            format!("GET /v1/serviceids/?account_id={ACCOUNT}&pagesize=100").as_str(),
            &format!("GET /v1/policies?account_id={ACCOUNT}&iam_id=iam-ServiceId-old&type=access"),
            &format!("GET /v1/apikeys?account_id={ACCOUNT}&iam_id=iam-ServiceId-old&pagesize=100"),
        ]
    );
    let a = w.cmd().args(["service-key", "list"]).assert().success();
    assert_eq!(
        out(&a).0,
        "ci-pull  ServiceId-old\n  Reader on namespace team-a in us-south\n  API key ApiKey-old 'ci-pull' created 2026-11-01T08:00+0000\n"
    );
}

#[test]
fn delete_needs_yes_off_a_terminal_and_removes_policies_then_the_service_id() {
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = world(&iam);
    w.cmd()
        .args(["service-key", "delete", "ci-pull"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --yes"));
    assert!(iam.requests().is_empty());
    w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().success();
    assert_eq!(
        lines(&admin_calls(&iam)),
        [
            FIND,
            &format!("GET /v1/policies?account_id={ACCOUNT}&iam_id=iam-ServiceId-old&type=access"),
            "DELETE /v1/policies/policy-old-1",
            "DELETE /v1/serviceids/ServiceId-old",
        ]
    );
    let iam = FakeIam::start(Script::default());
    world(&iam)
        .cmd()
        .args(["service-key", "delete", "nobody", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no service ID named 'nobody'"));
}

/// Runs `cr-ext ARGS` on a pseudo-terminal (util-linux `script`), typing `answer`.
fn on_a_terminal(w: &World, iam: &FakeIam, args: &str, answer: &str) -> (i32, String) {
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
        .env("IAM_ENDPOINT", iam.url())
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
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = world(&iam);
    let (code, screen) = on_a_terminal(&w, &iam, "service-key delete ci-pull", "n\n");
    assert_eq!(code, 2, "{screen}");
    assert!(
        screen.contains(
            "Delete service ID 'ci-pull' (ServiceId-old), its API keys and 1 policy? [y/N]"
        ),
        "{screen}"
    );
    assert!(!lines(&admin_calls(&iam)).iter().any(|l| l.starts_with("DELETE")));
    let (code, screen) = on_a_terminal(&w, &iam, "service-key delete ci-pull", "y\n");
    assert_eq!(code, 0, "{screen}");
    assert!(lines(&admin_calls(&iam)).contains(&"DELETE /v1/serviceids/ServiceId-old"));
}

#[test]
fn create_reports_json_without_the_key() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    let file = w.root.path().join("k.json");
    let a = w
        .cmd()
        .args(["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south"])
        .args(["--output", "json", "--file"])
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
        json!([{"id": "policy-1", "namespace": "team-a", "region": "us-south", "role": "Reader", "existed": false}])
    );
    assert_eq!(doc["apikey"]["id"], json!("ApiKey-1"));
}

/// A name IAM would refuse, or that would put the key file elsewhere, stops before any request.
#[test]
fn a_name_with_a_slash_is_refused_before_anything_is_sent() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    for name in ["a/b", "..\\x", " ci", "ci$(id)"] {
        w.cmd()
            .args(["service-key", "create", name, "-n", "team-a"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("a name is 1 to 100 printable characters"));
    }
    assert!(iam.requests().is_empty());
}

#[test]
fn a_policy_create_whose_answer_was_lost_is_looked_up_not_taken_for_an_old_one() {
    // IAM made the first policy but answered 502: it is this run's, not "granted already".
    let (iam, calls, e, code) =
        create_with(Script { lost_policy_creates: 1, ..Script::default() }, &["--output", "json"]);
    assert_eq!(code, 0, "{e}");
    let list = format!("GET /v1/policies?account_id={ACCOUNT}&iam_id=iam-ServiceId-1&type=access");
    assert_eq!(
        lines(&calls)[2..6],
        ["POST /v1/serviceids/", "POST /v1/policies", list.as_str(), "POST /v1/policies"]
    );
    assert_eq!(iam.policy_ids_of("iam-ServiceId-1"), ["policy-1", "policy-2"]);
    assert!(!e.contains("granted already"), "{e}");

    // And so a later failure deletes it too.
    let (iam, calls, e, code) = create_with(
        Script {
            lost_policy_creates: 1,
            fail: vec!["POST /v1/apikeys".into()],
            ..Script::default()
        },
        &[],
    );
    assert_eq!(code, 1);
    assert!(lines(&calls).contains(&"DELETE /v1/policies/policy-1"), "{e}");
    assert_nothing_left(&iam);
}

#[test]
fn a_key_create_whose_answer_was_lost_leaves_no_extra_key() {
    let (iam, calls, e, code) =
        create_with(Script { lost_key_creates: 1, ..Script::default() }, &[]);
    assert_eq!(code, 0, "{e}");
    let keys = format!("GET /v1/apikeys?account_id={ACCOUNT}&iam_id=iam-ServiceId-1&pagesize=100");
    assert_eq!(
        lines(&calls)[5..],
        ["POST /v1/apikeys", keys.as_str(), "DELETE /v1/apikeys/ApiKey-1", "POST /v1/apikeys"]
    );
    // The lost key's value is gone, so it was deleted; the second is the only one.
    let ids: Vec<String> = iam.apikeys().iter().map(|k| k.id.clone()).collect();
    assert_eq!(ids, ["ApiKey-2"]);
    assert_eq!(calls[5].1["description"], calls[8].1["description"], "one create, sent twice");
}

/// Starts `cr-ext ARGS` against `iam` in `w` without waiting.
fn spawn(w: &World, iam: &FakeIam, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("cr-ext"))
        .args(args)
        .env_clear()
        .env("HOME", &w.home)
        .env("PATH", &w.bin)
        .env("XDG_RUNTIME_DIR", &w.runtime)
        .env("IBMCLOUD_API_KEY", CALLER_KEY)
        .env("IAM_ENDPOINT", iam.url())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Sends `signal` to `child` once IAM has received a request starting with `line`.
fn signal_at(iam: &FakeIam, child: &std::process::Child, line: &str, signal: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !iam.arrived(line) {
        assert!(std::time::Instant::now() < deadline, "{line} never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_signal_during_create_rolls_back_then_ends_the_run_by_it() {
    use std::os::unix::process::ExitStatusExt as _;
    // The key's answer takes 1.5 s; SIGTERM comes meanwhile.
    let iam = FakeIam::start(Script {
        slow: Some(("POST /v1/apikeys".into(), 1500)),
        ..Script::default()
    });
    let w = world(&iam);
    let file = w.root.path().join("k.json");
    let file_arg = file.to_str().unwrap();
    let child = spawn(
        &w,
        &iam,
        &["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south", "--file", file_arg],
    );
    signal_at(&iam, &child, "POST /v1/apikeys", "TERM");
    let o = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.signal(), Some(15), "dies of SIGTERM: {e}");
    for line in [
        "rolled back: deleted API key ApiKey-1",
        "rolled back: deleted policy policy-1 (namespace team-a)",
        "rolled back: deleted service ID ServiceId-1",
        "terminated (SIGTERM); everything this run created was deleted again",
    ] {
        assert!(e.contains(line), "{line}: {e}");
    }
    assert_no_key(&[&e, &String::from_utf8_lossy(&o.stdout)]);
    assert!(!file.exists(), "no key file for a key that was deleted");
    assert_nothing_left(&iam);
}

#[test]
fn a_rollback_that_outlasts_its_bound_names_what_remains() {
    use std::os::unix::process::ExitStatusExt as _;
    // The service ID's delete hangs past the 20 s bound: the handler ends the run, naming it.
    let iam = FakeIam::start(Script {
        slow: Some(("DELETE /v1/serviceids/".into(), 40_000)),
        fail: vec!["POST /v1/apikeys".into()],
        ..Script::default()
    });
    let w = world(&iam);
    let child =
        spawn(&w, &iam, &["service-key", "create", "ci-pull", "-n", "team-a", "-r", "us-south"]);
    signal_at(&iam, &child, "DELETE /v1/serviceids/", "INT");
    let started = std::time::Instant::now();
    let o = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.signal(), Some(2), "{e}");
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "bounded");
    assert!(
        e.contains("the rollback did not finish within 20 s; what remains: service ID ServiceId-1 (delete it with: ibmcloud iam service-id-delete ServiceId-1 -f)"),
        "{e}"
    );
}

#[test]
fn records_without_usable_ids_are_never_acted_on() {
    // No iam_id: IAM would list every policy of the account; nothing is listed or deleted.
    let iam = FakeIam::start(Script {
        existing: true,
        mangle: Some(json!({"iam_id": null})),
        ..Script::default()
    });
    let w = world(&iam);
    let a = w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().code(1);
    assert!(out(&a).1.contains("has no usable id and iam_id"), "{}", out(&a).1);
    assert_eq!(lines(&admin_calls(&iam)), [FIND]);
    assert_eq!(iam.policies().len(), 2, "policy-other-1 and policy-old-1 are still there");

    // An id with a terminal escape, and an empty one: never printed, never in a path.
    for id in [json!("ServiceId-old\u{1b}]0;pwned\u{7}"), json!(""), json!("..")] {
        let iam = FakeIam::start(Script {
            existing: true,
            mangle: Some(json!({"id": id})),
            ..Script::default()
        });
        let w = world(&iam);
        let a = w.cmd().args(["service-key", "delete", "ci-pull", "--yes"]).assert().code(1);
        let (o, e) = out(&a);
        assert!(!e.contains('\u{1b}') && !o.contains('\u{1b}'), "{e}");
        assert!(!lines(&admin_calls(&iam)).iter().any(|l| l.starts_with("DELETE")), "{id}");
        let a = w
            .cmd()
            .args(["service-key", "rotate", "ci-pull", "--file"])
            .arg(w.root.path().join("k.json"))
            .assert()
            .code(1);
        assert!(!out(&a).1.contains('\u{1b}'));
        assert!(!lines(&admin_calls(&iam)).iter().any(|l| !l.starts_with("GET")), "{id}");
        let a = w.cmd().args(["service-key", "list"]).assert().success();
        assert!(out(&a).1.contains("has no usable id or iam_id; it is left out"));
    }
}

#[test]
fn a_next_link_that_repeats_stops_with_an_error() {
    let iam = FakeIam::start(Script { existing: true, endless_pages: true, ..Script::default() });
    let w = world(&iam);
    let a = w.cmd().args(["service-key", "list"]).assert().code(1);
    let (o, e) = out(&a);
    assert!(
        e.contains("its pages of serviceids do not end: the next page it links is one seen before"),
        "{e}"
    );
    assert_eq!(o, "", "no duplicates printed");
    let pages =
        lines(&admin_calls(&iam)).iter().filter(|l| l.starts_with("GET /v1/serviceids/")).count();
    assert_eq!(pages, 2);
}

#[test]
fn list_shows_every_key_of_every_page_newest_first() {
    let iam = FakeIam::start(Script { existing: true, old_keys: 3, ..Script::default() });
    let w = world(&iam);
    let a = w.cmd().args(["service-key", "list"]).assert().success();
    let (o, e) = out(&a);
    assert_eq!(
        o,
        "ci-pull  ServiceId-old\n  Reader on namespace team-a in us-south\n\
         \x20 API key ApiKey-hand 'ci-pull' created 2026-11-28T08:00+0000 (not made by cr-ext)\n\
         \x20 API key ApiKey-old-4 'ci-pull' created 2026-11-04T08:00+0000\n\
         \x20 API key ApiKey-old-3 'ci-pull' created 2026-11-03T08:00+0000\n\
         \x20 API key ApiKey-old-2 'ci-pull' created 2026-11-02T08:00+0000\n\
         \x20 API key ApiKey-old 'ci-pull' created 2026-11-01T08:00+0000\n"
    );
    assert!(!o.contains(OLD_KEY) && !e.contains(OLD_KEY));
    let keys =
        format!("GET /v1/apikeys?account_id={ACCOUNT}&iam_id=iam-ServiceId-old&pagesize=100");
    assert_eq!(
        lines(&admin_calls(&iam))[2..],
        [keys.clone(), format!("{keys}&pagetoken=keys-2"), format!("{keys}&pagetoken=keys-4")]
    );
}

/// A kubectl that records each call and answers by its first two words (`get.secret`,
/// `apply.-f`, `get.serviceaccount`, `patch.serviceaccount`, `delete.secret`).
fn kubectl_world(iam: &FakeIam) -> World {
    let w = world(iam);
    w.fake("kubectl");
    let path = w.bin.join("kubectl");
    let script = std::fs::read_to_string(&path).unwrap().replace("form=$1\n", "form=$1.$2\n");
    std::fs::write(&path, script).unwrap();
    w
}

/// The Secret kubectl holds before a rotation (the old key's entry, as the server answers).
fn old_secret() -> Value {
    json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "all-icr-io", "namespace": "ns1", "resourceVersion": "7", "uid": "u-1", "creationTimestamp": "2026-11-01T08:00:00Z"}, "type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "eyJhdXRocyI6e319"}})
}

/// The API key inside a manifest kubectl was given.
fn password_in(manifest: &Value) -> String {
    use base64::Engine as _;
    let b64 = manifest["data"][".dockerconfigjson"].as_str().unwrap();
    let doc: Value =
        serde_json::from_slice(&base64::engine::general_purpose::STANDARD.decode(b64).unwrap())
            .unwrap();
    doc["auths"]["us.icr.io"]["password"].as_str().unwrap().to_owned()
}

#[test]
fn rotate_makes_checks_and_applies_a_new_key_then_deletes_the_old_beyond_keep() {
    let iam = FakeIam::start(Script { existing: true, old_keys: 3, ..Script::default() });
    let w = kubectl_world(&iam);
    w.respond("kubectl", "get.secret", &support::Response::out(old_secret().to_string())).respond(
        "kubectl",
        "apply.-f",
        &support::Response::out("secret/all-icr-io configured\n"),
    );
    let file = w.root.path().join("k.json");
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--apply", "-n", "ns1", "-n", "ns2"])
        .arg("--file")
        .arg(&file)
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    assert_eq!(o, "secret/all-icr-io configured\nsecret/all-icr-io configured\n");
    // Every request in order, the token exchanges included.
    let keys =
        format!("GET /v1/apikeys?account_id={ACCOUNT}&iam_id=iam-ServiceId-old&pagesize=100");
    let all: Vec<String> = iam.requests().iter().map(|r| parsed(r).0).collect();
    assert_eq!(
        all,
        [
            "POST /identity/token".to_owned(),
            FIND.to_owned(),
            keys.clone(),
            format!("{keys}&pagetoken=keys-2"),
            format!("{keys}&pagetoken=keys-4"),
            "POST /v1/apikeys".to_owned(),
            "POST /identity/token".to_owned(),
            "DELETE /v1/apikeys/ApiKey-old-3".to_owned(),
            "DELETE /v1/apikeys/ApiKey-old-2".to_owned(),
            "DELETE /v1/apikeys/ApiKey-old".to_owned(),
        ]
    );
    let check = &iam.requests()[6];
    assert!(check.contains(&format!("apikey={NEW_KEY}&")), "the new key is what was checked");
    let body = &admin_calls(&iam)[4].1;
    assert_eq!(body["iam_id"], json!("iam-ServiceId-old"));
    let description = key_description_of(body);
    // IAM holds the new key, the newest old one (--keep 2) and the key cr-ext did not make.
    let ids: Vec<String> = iam.apikeys().iter().map(|k| k.id.clone()).collect();
    assert_eq!(ids, ["ApiKey-old-4", "ApiKey-hand", "ApiKey-1"]);
    assert!(e.contains("API key ApiKey-hand was not made by cr-ext; it is kept"), "{e}");
    let key_file: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(key_file["apikey"], json!(NEW_KEY));
    assert_eq!(key_file["description"], json!(description));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    // kubectl: each namespace's secret read, then replaced whole by one apply.
    let calls = w.calls("kubectl");
    let argv: Vec<Vec<String>> = calls.iter().map(|c| c.argv.clone()).collect();
    assert_eq!(
        argv,
        [
            vec!["get", "secret", "all-icr-io", "-o", "json", "--namespace", "ns1"],
            vec!["apply", "-f", "-"],
            vec!["get", "secret", "all-icr-io", "-o", "json", "--namespace", "ns2"],
            vec!["apply", "-f", "-"],
        ]
    );
    for (call, ns) in [(&calls[1], "ns1"), (&calls[3], "ns2")] {
        let manifest: Value = serde_json::from_slice(&call.stdin).unwrap();
        assert_eq!(manifest["metadata"], json!({"name": "all-icr-io", "namespace": ns}));
        assert_eq!(password_in(&manifest), NEW_KEY);
    }
    assert!(!w.all_recorded_argv_and_env().contains(NEW_KEY), "no key in kubectl's argv or env");
    // The new key works wherever a key is taken.
    let mut login = World::new();
    login.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", &format!("@{}", file.display()));
    login.client("podman");
    login.cmd().args(["login", "-q"]).assert().success();
}

#[test]
fn a_rotation_that_fails_before_the_deletion_puts_everything_back() {
    let iam = FakeIam::start(Script { existing: true, old_keys: 1, ..Script::default() });
    let w = kubectl_world(&iam);
    let account = json!({"metadata": {"name": "default"}, "imagePullSecrets": [{"name": "other"}]});
    w.respond("kubectl", "get.secret", &support::Response::out(old_secret().to_string()))
        .respond("kubectl", "apply.-f", &support::Response::out("secret/all-icr-io configured\n"))
        .respond("kubectl", "get.serviceaccount", &support::Response::out(account.to_string()))
        .respond(
            "kubectl",
            "patch.serviceaccount",
            &support::Response::fail(1, "Error from server (Forbidden): cannot patch\n"),
        );
    let file = w.root.path().join("k.json");
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--apply", "-n", "ns1", "-n", "ns2"])
        .args(["--service-account", "default", "--file"])
        .arg(&file)
        .assert()
        .code(1);
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    for line in [
        "kubectl could not patch service account default (exit status: 1): Error from server (Forbidden): cannot patch",
        "rolled back: put back secret all-icr-io in namespace ns1 as it was",
        "rolled back: deleted the new API key ApiKey-1",
        "rolled back: removed the key file",
        "everything this run changed was undone (the old keys were not touched)",
    ] {
        assert!(e.contains(line), "{line}: {e}");
    }
    let calls = w.calls("kubectl");
    assert_eq!(calls.len(), 5, "ns2 was never touched");
    assert_eq!(calls[4].argv, ["apply", "-f", "-"]);
    let restored: Value = serde_json::from_slice(&calls[4].stdin).unwrap();
    assert_eq!(
        restored,
        json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "all-icr-io", "namespace": "ns1"}, "type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "eyJhdXRocyI6e319"}}),
        "the secret that was there, without the server's fields"
    );
    assert!(!file.exists());
    let ids: Vec<String> = iam.apikeys().iter().map(|k| k.id.clone()).collect();
    assert_eq!(ids, ["ApiKey-old", "ApiKey-old-2", "ApiKey-hand"], "old keys untouched");
    assert!(
        !lines(&admin_calls(&iam)).iter().any(|l| l.starts_with("DELETE /v1/apikeys/ApiKey-old"))
    );

    // A secret that did not exist before is deleted again.
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = kubectl_world(&iam);
    w.respond(
        "kubectl",
        "get.secret",
        &support::Response::fail(
            1,
            "Error from server (NotFound): secrets \"all-icr-io\" not found\n",
        ),
    )
    .respond("kubectl", "get.serviceaccount", &support::Response::out(account.to_string()))
    .respond("kubectl", "patch.serviceaccount", &support::Response::fail(1, "no\n"));
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--apply", "-n", "ns1"])
        .args(["--service-account", "default", "--file", "-", "-q"])
        .assert()
        .code(1);
    let (_, e) = out(&a);
    assert!(
        e.contains(
            "rolled back: deleted secret all-icr-io in namespace ns1 (there was none before)"
        ),
        "{e}"
    );
    assert_eq!(
        w.calls("kubectl")[4].argv,
        ["delete", "secret", "all-icr-io", "--ignore-not-found", "--namespace", "ns1"]
    );
    assert_eq!(iam.apikeys().len(), 1, "only the old key");
}

/// A kubectl apply that fails may still have reached the server (kubectl killed on a timeout
/// or a signal after the server took it): the secret is put back all the same.
#[test]
fn a_failed_apply_is_put_back_too() {
    let iam = FakeIam::start(Script { existing: true, old_keys: 1, ..Script::default() });
    let w = kubectl_world(&iam);
    let path = w.bin.join("kubectl");
    // The second call, the rotation's apply, fails; the third, the restoring apply, works.
    let script = std::fs::read_to_string(&path).unwrap().replace(
        "R=\"$D/$name.$form\"\n",
        "R=\"$D/$name.$form\"\nif [ \"$n\" = 2 ]; then echo 'Unable to connect to the server: timeout' >&2; exit 1; fi\n",
    );
    std::fs::write(&path, script).unwrap();
    w.respond("kubectl", "get.secret", &support::Response::out(old_secret().to_string())).respond(
        "kubectl",
        "apply.-f",
        &support::Response::out("secret/all-icr-io configured\n"),
    );
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--apply", "-n", "ns1", "-q", "--file"])
        .arg(w.root.path().join("k.json"))
        .assert()
        .code(1);
    let (_, e) = out(&a);
    let calls = w.calls("kubectl");
    assert_eq!(calls.len(), 3, "{e}");
    assert_eq!(calls[2].argv, ["apply", "-f", "-"]);
    let restored: Value = serde_json::from_slice(&calls[2].stdin).unwrap();
    assert_eq!(restored["data"], old_secret()["data"], "the old secret, put back");
    assert!(
        e.contains("rolled back: put back secret all-icr-io in namespace ns1 as it was"),
        "{e}"
    );
    assert!(e.contains("rolled back: deleted the new API key"), "{e}");
}

/// The old key sits in the cluster's secret until the rotation ends. When putting that secret
/// back fails and kubectl quotes the manifest it was given (as "error when applying patch"
/// does), the old key must not be printed: not as itself, not in its base64 forms.
#[test]
fn a_failed_restore_quoting_the_old_secret_prints_no_old_key() {
    use base64::Engine as _;
    const OLD_KEY: &str = "old-ApiKey_0123456789abcdefghijklmnopqrstuvwxyzAB";
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let iam = FakeIam::start(Script { existing: true, old_keys: 1, ..Script::default() });
    let w = kubectl_world(&iam);
    let path = w.bin.join("kubectl");
    // The fifth call is the restoring apply: it fails, quoting its stdin.
    let script = std::fs::read_to_string(&path).unwrap().replace(
        "R=\"$D/$name.$form\"\n",
        "R=\"$D/$name.$form\"\nif [ \"$form\" = apply.-f ] && [ \"$n\" = 5 ]; then echo \"error when applying patch: $(/bin/cat \"$L/$name.$n.stdin\")\" >&2; exit 1; fi\n",
    );
    std::fs::write(&path, script).unwrap();
    let config = json!({"auths": {"us.icr.io": {"username": "iamapikey", "password": OLD_KEY, "auth": b64(&format!("iamapikey:{OLD_KEY}"))}}});
    let blob = b64(&config.to_string());
    let mut secret = old_secret();
    secret["data"][".dockerconfigjson"] = json!(blob);
    let account = json!({"metadata": {"name": "default"}, "imagePullSecrets": [{"name": "other"}]});
    w.respond("kubectl", "get.secret", &support::Response::out(secret.to_string()))
        .respond("kubectl", "apply.-f", &support::Response::out("secret/all-icr-io configured\n"))
        .respond("kubectl", "get.serviceaccount", &support::Response::out(account.to_string()))
        .respond("kubectl", "patch.serviceaccount", &support::Response::fail(1, "Forbidden\n"));
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--apply", "-n", "ns1"])
        .args(["--service-account", "default", "-q", "--file"])
        .arg(w.root.path().join("k.json"))
        .assert()
        .code(1);
    let (o, e) = out(&a);
    assert_eq!(w.calls("kubectl").len(), 5, "the restore was tried: {e}");
    assert!(e.contains("error when applying patch"), "kubectl's words are shown: {e}");
    for leak in [OLD_KEY.to_owned(), blob.clone(), b64(&format!("iamapikey:{OLD_KEY}"))] {
        assert!(!o.contains(&leak) && !e.contains(&leak), "the old key leaked: {e}");
    }
    assert_no_key(&[&o, &e]);
}

const PATCH_NS1: &str = r#"kubectl patch serviceaccount default --type json -p [{"op":"add","path":"/imagePullSecrets/-","value":{"name":"all-icr-io"}}] --namespace ns1"#;
const PATCH_NS2: &str = r#"kubectl patch serviceaccount default --type json -p [{"op":"add","path":"/imagePullSecrets/-","value":{"name":"all-icr-io"}}] --namespace ns2"#;

#[test]
fn rotate_dry_run_shows_every_request_and_kubectl_call() {
    let iam = FakeIam::start(Script::default());
    let w = world(&iam);
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--apply", "-n", "ns1", "-n", "ns2"])
        .args(["--service-account", "default", "--file", "k.json", "--dry-run"])
        .assert()
        .success();
    let (o, e) = out(&a);
    assert!(iam.requests().is_empty());
    let shown: Vec<&str> = o.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(
        shown,
        [
            "GET /v1/serviceids/?account_id=ACCOUNT_ID&name=ci-pull&pagesize=100",
            "GET /v1/apikeys?account_id=ACCOUNT_ID&iam_id=IAM_ID&pagesize=100",
            "POST /v1/apikeys",
            "POST /identity/token",
            "kubectl get secret all-icr-io -o json --namespace ns1",
            "printf '%s' '****' | kubectl apply -f -",
            "kubectl get serviceaccount default -o json --namespace ns1",
            PATCH_NS1,
            "kubectl get secret all-icr-io -o json --namespace ns2",
            "printf '%s' '****' | kubectl apply -f -",
            "kubectl get serviceaccount default -o json --namespace ns2",
            PATCH_NS2,
            "DELETE /v1/apikeys/OLD_APIKEY_ID",
        ],
        "{o}"
    );
    assert!(o.contains("apikey=****"), "{o}");
    assert!(e.contains("beyond the newest 2 is deleted"), "{e}");
}

#[test]
fn rotate_changes_only_service_ids_cr_ext_made() {
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = world(&iam);
    w.cmd()
        .args(["service-key", "rotate", "someone-else", "--file", "k.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was not created by cr-ext"));
    assert!(lines(&admin_calls(&iam)).iter().all(|l| l.starts_with("GET")));
    w.cmd()
        .args(["service-key", "rotate", "ci-pull", "--keep", "0", "--file", "k.json"])
        .assert()
        .code(2);
}

#[test]
fn a_signal_during_rotate_deletes_the_new_key_and_keeps_the_old_ones() {
    use std::os::unix::process::ExitStatusExt as _;
    let iam = FakeIam::start(Script {
        existing: true,
        old_keys: 1,
        slow: Some(("POST /v1/apikeys".into(), 1500)),
        ..Script::default()
    });
    let w = world(&iam);
    let file = w.root.path().join("k.json");
    let child =
        spawn(&w, &iam, &["service-key", "rotate", "ci-pull", "--file", file.to_str().unwrap()]);
    signal_at(&iam, &child, "POST /v1/apikeys", "HUP");
    let o = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.signal(), Some(1), "{e}");
    assert!(e.contains("rolled back: deleted the new API key ApiKey-1"), "{e}");
    assert!(e.contains("hangup (SIGHUP); everything this run changed was undone"), "{e}");
    assert!(!file.exists());
    let ids: Vec<String> = iam.apikeys().iter().map(|k| k.id.clone()).collect();
    assert_eq!(ids, ["ApiKey-old", "ApiKey-old-2", "ApiKey-hand"]);
    assert!(
        !iam.requests().iter().any(|r| r.contains(&format!("apikey={NEW_KEY}"))),
        "never checked"
    );
}

#[test]
fn rotate_reports_json_on_stdout_and_keep_1_keeps_only_the_new_key() {
    let iam = FakeIam::start(Script { existing: true, ..Script::default() });
    let w = kubectl_world(&iam);
    w.respond(
        "kubectl",
        "get.secret",
        &support::Response::fail(1, "Error from server (NotFound)\n"),
    )
    .respond("kubectl", "apply.-f", &support::Response::out("secret/all-icr-io created\n"));
    let file = w.root.path().join("k.json");
    let a = w
        .cmd()
        .args(["service-key", "rotate", "ci-pull", "--keep", "1", "--apply", "-n", "ns1"])
        .args(["--output", "json", "--file"])
        .arg(&file)
        .assert()
        .success();
    let (o, e) = out(&a);
    assert_no_key(&[&o, &e]);
    let doc: Value = serde_json::from_str(&o).unwrap();
    assert_eq!(
        doc,
        json!({
            "service_id": {"id": "ServiceId-old", "name": "ci-pull"},
            "apikey": {"id": "ApiKey-1", "file": file, "checked": true},
            "applied": [{"namespace": "ns1", "secret": "all-icr-io", "replaced": false, "service_accounts": []}],
            "kept": [],
            "deleted": ["ApiKey-old"],
        })
    );
    assert!(e.contains("secret/all-icr-io created"), "kubectl's words on stderr: {e}");
    let ids: Vec<String> = iam.apikeys().iter().map(|k| k.id.clone()).collect();
    assert_eq!(ids, ["ApiKey-1"]);
}
