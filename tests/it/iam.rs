//! Credentials without the ibmcloud CLI: API keys exchanged at IAM (a real HTTP server on
//! loopback stands in for IAM and checks each request exactly), `--as apikey|refresh`, the
//! session fast path through the CLI's config.json, `cr-ext token`, and every IAM fault, down
//! to hostile ones: redirects (never followed), proxies, huge or stalled answers, secrets IAM
//! echoes back.

#![allow(clippy::many_single_char_names)] // w, a, o, e: world, assert, stdout, stderr.

use std::io::Read;
use std::net::TcpListener;

use crate::support::http::{HttpServer, Reply};
use crate::support::{World, jwt_expiring_in, now, out};
use mockito::{Matcher, Mock, Server};
use predicates::prelude::*;
use serde_json::{Value, json};

const KEY: &str = "tEsT-aPi-KeY_0123456789abcdefghijklmnopqrstuv";
const REFRESH: &str = "OKA_refresh-token-from-iam.0123456789";

fn apikey_body(key: &str) -> String {
    format!(
        "grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey={key}&response_type=cloud_iam"
    )
}

/// An IAM token endpoint that expects exactly one API-key grant for `KEY`.
fn iam_grant(server: &mut Server, access: &str) -> Mock {
    server
        .mock("POST", "/identity/token")
        .match_header("content-type", "application/x-www-form-urlencoded")
        .match_header("accept", "application/json")
        .match_body(Matcher::Exact(apikey_body(KEY)))
        .with_status(200)
        .with_header("content-type", "application/json")
        .with_body(
            json!({
                "access_token": access,
                "refresh_token": REFRESH,
                "token_type": "Bearer",
                "expires_in": 3600,
                "expiration": now() + 3600,
                "scope": "ibm openid"
            })
            .to_string(),
        )
        .expect(1)
        .create()
}

/// A world with a client and IAM at `server`, and no ibmcloud at all.
fn ci_world(server: &Server) -> World {
    let mut w = World::new();
    w.env("IAM_ENDPOINT", &server.url()).env("IBMCLOUD_API_KEY", KEY);
    w.client("podman");
    w
}

fn assert_no_secret(w: &World, texts: &[&str], secrets: &[&str]) {
    let recorded = w.all_recorded_argv_and_env();
    for s in secrets {
        for t in texts.iter().copied().chain([recorded.as_str()]) {
            assert!(!t.contains(s), "secret leaked into: {t}");
        }
    }
}

#[test]
fn api_key_is_exchanged_for_a_bearer_token_without_ibmcloud() {
    let mut server = Server::new();
    let access = jwt_expiring_in(3600);
    let grant = iam_grant(&mut server, &access);
    let w = ci_world(&server);
    let run = w.cmd().args(["login", "-r", "us-south"]).assert().success();
    grant.assert();
    let call = &w.calls("podman")[0];
    assert_eq!(call.argv, ["login", "-u", "iambearer", "--password-stdin", "us.icr.io"]);
    assert_eq!(call.stdin, access.as_bytes());
    let (stdout, stderr) = out(&run);
    assert_no_secret(&w, &[&stdout, &stderr], &[KEY, &access, REFRESH]);
}

#[test]
fn api_key_from_file_at_file_and_stdin_is_trimmed() {
    let mut server = Server::new();
    let access = jwt_expiring_in(3600);
    let m = server
        .mock("POST", "/identity/token")
        .match_body(Matcher::Exact(apikey_body(KEY)))
        .with_body(json!({"access_token": access}).to_string())
        .expect(3)
        .create();
    let mut w = World::new();
    w.env("IAM_ENDPOINT", &server.url());
    w.client("docker");
    let file = w.root.path().join("key.txt");
    std::fs::write(&file, format!("  {KEY}\n\n")).unwrap();
    w.cmd().args(["login", "-q", "--apikey-file"]).arg(&file).assert().success();
    w.cmd()
        .args(["login", "-q", "--apikey-stdin"])
        .write_stdin(format!("\t{KEY}\r\n"))
        .assert()
        .success();
    w.env("IBMCLOUD_API_KEY", &format!("@{}", file.display()));
    w.cmd().args(["login", "-q"]).assert().success();
    m.assert();
    let calls = w.calls("docker");
    assert_eq!(calls.len(), 3);
    assert!(calls.iter().all(|c| c.stdin == access.as_bytes()));
}

#[test]
fn as_apikey_logs_in_with_the_key_and_no_network_call() {
    let mut server = Server::new();
    let m = server.mock("POST", Matcher::Any).expect(0).create();
    let w = ci_world(&server);
    w.cmd().args(["login", "-q", "--as", "apikey", "-r", "eu-de"]).assert().success();
    m.assert();
    let call = &w.calls("podman")[0];
    assert_eq!(call.argv, ["login", "-u", "iamapikey", "--password-stdin", "de.icr.io"]);
    assert_eq!(call.stdin, KEY.as_bytes());
}

#[test]
fn as_refresh_with_a_key_uses_the_refresh_token_from_iam() {
    let mut server = Server::new();
    let m = iam_grant(&mut server, &jwt_expiring_in(3600));
    let w = ci_world(&server);
    w.cmd().args(["login", "-q", "--as", "refresh"]).assert().success();
    m.assert();
    let call = &w.calls("podman")[0];
    assert_eq!(call.argv[2], "iamrefresh");
    assert_eq!(call.stdin, REFRESH.as_bytes());
}

#[test]
fn as_refresh_without_a_key_uses_the_session_refresh_token() {
    let w = World::new();
    w.client("podman").fake("ibmcloud");
    w.cli_config(&json!({"IAMRefreshToken": REFRESH, "IAMToken": "Bearer expired.x.y"}));
    w.cmd().args(["login", "-q", "--as", "refresh"]).assert().success();
    assert_eq!(w.calls("podman")[0].argv[2], "iamrefresh");
    assert_eq!(w.calls("podman")[0].stdin, REFRESH.as_bytes());
    assert_eq!(w.calls("ibmcloud").len(), 0);

    let empty = World::new();
    empty.client("podman");
    empty
        .cmd()
        .args(["login", "--as", "refresh"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("holds no refresh token"));
}

#[test]
fn as_apikey_without_a_key_is_a_usage_error() {
    let w = World::new();
    w.client("podman");
    w.cmd().args(["login", "--as", "apikey"]).assert().code(2).stderr(predicate::str::contains(
        "--as apikey logs in with an API key, and none was given",
    ));
    assert_eq!(w.calls("podman").len(), 0);
}

#[test]
fn fast_path_uses_a_fresh_cached_token_without_running_ibmcloud() {
    let token = jwt_expiring_in(3600);
    let w = World::new();
    w.client("podman").ibmcloud_session(&jwt_expiring_in(3600));
    w.cli_config(
        &json!({"IAMToken": format!("Bearer {token}"), "Region": "jp-tok", "Unknown": [1]}),
    );
    let before = std::fs::read(w.home.join(".bluemix/config.json")).unwrap();
    w.cmd().args(["login", "-q"]).assert().success();
    assert_eq!(w.calls("ibmcloud").len(), 0, "the fast path runs no ibmcloud");
    assert_eq!(w.calls("podman")[0].stdin, token.as_bytes());
    assert_eq!(w.calls("podman")[0].argv[4], "jp.icr.io");
    assert_eq!(std::fs::read(w.home.join(".bluemix/config.json")).unwrap(), before);
}

#[test]
fn stale_cached_token_falls_back_to_ibmcloud() {
    let fresh = jwt_expiring_in(3600);
    let w = World::new();
    w.client("podman").ibmcloud_session(&fresh);
    w.cli_config(&json!({"IAMToken": format!("Bearer {}", jwt_expiring_in(200))}));
    let before = std::fs::read(w.home.join(".bluemix/config.json")).unwrap();
    w.cmd().args(["login", "-q"]).assert().success();
    assert_eq!(w.calls("ibmcloud").len(), 1);
    assert_eq!(w.calls("podman")[0].stdin, fresh.as_bytes());
    assert_eq!(std::fs::read(w.home.join(".bluemix/config.json")).unwrap(), before);
}

#[test]
fn corrupt_config_falls_back_to_ibmcloud_and_is_left_untouched() {
    let fresh = jwt_expiring_in(3600);
    let w = World::new();
    w.client("podman").ibmcloud_session(&fresh);
    let dir = w.home.join(".bluemix");
    std::fs::create_dir_all(&dir).unwrap();
    let corrupt = format!("{{\"IAMToken\": \"Bearer {}", jwt_expiring_in(3600));
    std::fs::write(dir.join("config.json"), &corrupt).unwrap();
    w.cmd().args(["login", "-q"]).assert().success();
    assert_eq!(w.calls("ibmcloud").len(), 1);
    assert_eq!(w.calls("podman")[0].stdin, fresh.as_bytes());
    assert_eq!(std::fs::read_to_string(dir.join("config.json")).unwrap(), corrupt);
}

/// Runs a login against IAM answering `mock` and checks the failure.
fn assert_iam_failure(w: &World, code: i32, wants: &[&str]) -> String {
    let a = w.cmd().args(["login"]).assert().code(code);
    let (o, e) = out(&a);
    for want in wants {
        assert!(e.contains(want), "want {want:?} in {e}");
    }
    assert!(e.contains("\nhint: "), "{e}");
    assert_no_secret(w, &[&o, &e], &[KEY]);
    assert_eq!(w.completed("podman").len(), 0, "no login may be attempted");
    e
}

#[test]
fn unknown_key_shows_code_message_request_id_and_hint() {
    let mut server = Server::new();
    let m = server
        .mock("POST", "/identity/token")
        .with_status(400)
        .with_body(
            json!({"errorCode": "BXNIM0415E", "errorMessage": "Provided API key could not be found.",
                   "context": {"requestId": "req-6f2c", "requestType": "incoming.Identity_Token"}})
            .to_string(),
        )
        .expect(1)
        .create();
    let w = ci_world(&server);
    assert_iam_failure(
        &w,
        4,
        &[
            "IAM refused the request (HTTP 400, BXNIM0415E): Provided API key could not be found. (requestId req-6f2c)",
            "hint: the API key was not found in this account",
        ],
    );
    m.assert();
}

#[test]
fn unauthorized_and_forbidden_exit_4_without_retry() {
    for status in [401, 403] {
        let mut server = Server::new();
        let m = server
            .mock("POST", "/identity/token")
            .with_status(status)
            .with_body(r#"{"errorCode":"BXNIM0407E","errorMessage":"Invalid token","errorDetails":"The token is invalid"}"#)
            .expect(1)
            .create();
        let w = ci_world(&server);
        assert_iam_failure(&w, 4, &[&format!("HTTP {status}, BXNIM0407E): The token is invalid")]);
        m.assert();
    }
}

#[test]
fn rate_limit_and_server_errors_are_retried() {
    for first in [429, 503] {
        let mut server = Server::new();
        let busy = server
            .mock("POST", "/identity/token")
            .with_status(first)
            .with_header("retry-after", "1")
            .expect(1)
            .create();
        let access = jwt_expiring_in(3600);
        let ok = iam_grant(&mut server, &access);
        let w = ci_world(&server);
        let started = std::time::Instant::now();
        w.cmd().args(["login", "-q"]).assert().success();
        assert!(started.elapsed().as_millis() >= 1000, "Retry-After: 1 must be honoured");
        busy.assert();
        ok.assert();
        assert_eq!(w.calls("podman")[0].stdin, access.as_bytes());
    }
}

#[test]
fn server_errors_forever_give_up_after_three_attempts() {
    let mut server = Server::new();
    let m = server
        .mock("POST", "/identity/token")
        .with_status(500)
        .with_header("retry-after", "0")
        .with_body("upstream exploded")
        .expect(3)
        .create();
    let w = ci_world(&server);
    assert_iam_failure(&w, 1, &["HTTP 500", "hint: IAM is busy or failing"]);
    m.assert();
}

#[test]
fn not_implemented_is_not_retried() {
    let mut server = Server::new();
    let m = server.mock("POST", "/identity/token").with_status(501).expect(1).create();
    let w = ci_world(&server);
    assert_iam_failure(&w, 1, &["HTTP 501"]);
    m.assert();
}

#[test]
fn hanging_iam_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let holder = std::thread::spawn(move || {
        // Accept and read, never answer; hold the connection until the client gives up.
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        while conn.read(&mut buf).is_ok_and(|n| n > 0) {}
    });
    let mut w = World::new();
    w.env("IAM_ENDPOINT", &format!("http://{addr}"))
        .env("IBMCLOUD_API_KEY", KEY)
        .env("IBMCLOUD_HTTP_TIMEOUT", "1");
    w.client("podman");
    let started = std::time::Instant::now();
    assert_iam_failure(&w, 1, &["is unavailable: no answer within 1 s"]);
    assert!(started.elapsed().as_secs() < 10);
    holder.join().unwrap();
}

#[test]
fn connection_refused_is_reported() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut w = World::new();
    w.env("IAM_ENDPOINT", &format!("http://127.0.0.1:{port}")).env("IBMCLOUD_API_KEY", KEY);
    w.client("podman");
    assert_iam_failure(&w, 1, &["is unavailable: cannot connect"]);
}

#[test]
fn malformed_truncated_and_tokenless_answers_are_errors() {
    for (body, want) in [
        ("<html><body>Gateway</body></html>", "not JSON"),
        (r#"{"access_token":"eyJhbGciOiJSUzI1"#, "not JSON"),
        (r#"{"token_type":"Bearer","expires_in":3600}"#, "no access_token"),
        (r#"{"access_token":"opaque-not-a-jwt"}"#, "not a JWT"),
    ] {
        let mut server = Server::new();
        let m = server.mock("POST", "/identity/token").with_body(body).expect(1).create();
        let w = ci_world(&server);
        assert_iam_failure(&w, 1, &["unexpected answer from IAM", want]);
        m.assert();
    }
}

#[test]
fn empty_or_missing_key_files_are_clear_errors() {
    let w = World::new();
    w.client("podman");
    let empty = w.root.path().join("empty.txt");
    std::fs::write(&empty, " \n").unwrap();
    w.cmd()
        .args(["login", "--apikey-file"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is empty"));
    w.cmd().args(["login", "--apikey-file", "/nonexistent/key"]).assert().code(2).stderr(
        predicate::str::contains("cannot use the API key file /nonexistent/key: it does not exist"),
    );
    let mut w2 = World::new();
    w2.env("IBMCLOUD_API_KEY", "@/nonexistent/key");
    w2.client("podman");
    w2.cmd().arg("login").assert().code(2);
    assert_eq!(w.calls("podman").len() + w2.calls("podman").len(), 0);
}

#[test]
fn plain_http_to_a_remote_endpoint_is_refused() {
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", KEY);
    w.client("podman");
    w.cmd().args(["login", "--iam-endpoint", "http://iam.cloud.ibm.com"]).assert().code(2).stderr(
        predicate::str::contains(
            "refusing to send a credential over plain http to 'http://iam.cloud.ibm.com'",
        ),
    );
    assert_eq!(w.completed("podman").len(), 0);
}

#[test]
fn endpoint_comes_from_the_cli_config_and_its_private_twin() {
    let mut public = Server::new();
    let mut private = Server::new();
    let access = jwt_expiring_in(3600);
    let pm = iam_grant(&mut public, &access);
    let vm = iam_grant(&mut private, &access);
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", KEY);
    w.client("podman");
    w.cli_config(&json!({"IAMEndpoint": public.url(), "IAMPrivateEndpoint": private.url()}));
    w.cmd().args(["login", "-q"]).assert().success();
    w.cmd().args(["login", "-q", "--private"]).assert().success();
    pm.assert();
    vm.assert();
    let hosts: Vec<String> = w.calls("podman").into_iter().map(|c| c.argv[4].clone()).collect();
    assert_eq!(hosts, ["icr.io", "private.icr.io"]);
}

#[test]
fn token_prints_the_raw_jwt_and_nothing_else() {
    let mut server = Server::new();
    let access = jwt_expiring_in(3600);
    let m = server
        .mock("POST", "/identity/token")
        .match_body(Matcher::Exact(apikey_body(KEY)))
        .with_body(json!({"access_token": access, "expiration": now() + 3600}).to_string())
        .expect(2)
        .create();
    let w = ci_world(&server);
    w.cmd().arg("token").assert().success().stdout(access.clone()).stderr("");
    let a = w.cmd().args(["token", "--output", "json"]).assert().success();
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["token"], json!(access));
    assert!((doc["expires_at"].as_i64().unwrap() - (now() + 3600)).abs() < 60);
    m.assert();

    let session = World::new();
    let fresh = jwt_expiring_in(3600);
    session.ibmcloud_session(&fresh);
    session.cmd().arg("token").assert().success().stdout(fresh);
}

#[test]
fn verbose_traces_each_step_without_secrets() {
    let mut server = Server::new();
    let access = jwt_expiring_in(3600);
    let _m = iam_grant(&mut server, &access);
    let w = ci_world(&server);
    let a = w.cmd().args(["login", "--verbose"]).assert().success();
    let (o, e) = out(&a);
    for want in [
        "trace: credential: API key from IBMCLOUD_API_KEY",
        &format!("trace: IAM endpoint {} (from IAM_ENDPOINT)", server.url()),
        "trace: POST ",
        "trace: IAM answered 200",
        "trace: starting printf '%s' '****' | podman login -u iambearer --password-stdin icr.io",
    ] {
        assert!(e.contains(want), "want {want:?} in {e}");
    }
    assert_no_secret(&w, &[&o, &e], &[KEY, &access, REFRESH]);

    let mut traced = World::new();
    traced.env("IBMCLOUD_TRACE", "true");
    traced.client("podman");
    traced.cli_config(&json!({"IAMToken": format!("Bearer {}", jwt_expiring_in(3600))}));
    traced
        .cmd()
        .arg("login")
        .assert()
        .success()
        .stderr(predicate::str::contains("trace: credential: the CLI session's cached IAMToken"));
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

fn token_answer(access: &str) -> String {
    json!({"access_token": access, "refresh_token": "r", "expires_in": 3600, "expiration": now() + 3600})
        .to_string()
}

#[test]
fn an_iam_redirect_is_never_followed_and_names_only_its_host() {
    // The server redirects and would also serve as the proxy that a followed redirect to a
    // plain-http host goes through: a second request here is the key leaking.
    let server = HttpServer::start(vec![Reply::status(
        "307 Temporary Redirect",
        &[("Location", "http://evil.example.com:9/identity/token?apikey=leaked-query")],
        "",
    )]);
    let mut w = hostile_key_world(&server.url());
    w.env("http_proxy", &server.url()).env("HTTP_PROXY", &server.url());
    let a = w.cmd().args(["login", "--verbose"]).assert().code(1);
    let (o, e) = out(&a);
    assert!(e.contains("HTTP 307"), "{e}");
    assert!(e.contains("host 'evil.example.com:9'"), "{e}");
    assert!(e.contains("redirects are never followed"), "{e}");
    assert!(!e.contains("leaked-query") && !o.contains("leaked-query"), "{e}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].starts_with("POST /identity/token "), "{requests:?}");
    assert_eq!(w.completed("podman").len(), 0);
    for permanent in ["301 Moved Permanently", "308 Permanent Redirect"] {
        let server = HttpServer::start(vec![Reply::status(permanent, &[("Location", "/x")], "")]);
        let w = hostile_key_world(&server.url());
        w.cmd()
            .arg("token")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("HTTP {}", &permanent[..3])));
        assert_eq!(server.requests().len(), 1);
    }
}

#[test]
fn plain_http_to_loopback_never_goes_through_a_proxy() {
    let proxy = HttpServer::start(vec![Reply::status("502 Bad Gateway", &[], "")]);
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .with_body(token_answer(&jwt_expiring_in(3600)))
        .expect(1)
        .create();
    let mut w = hostile_key_world(&iam.url());
    for var in ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"] {
        w.env(var, &proxy.url());
    }
    w.cmd().args(["login", "-q"]).assert().success();
    m.assert();
    assert_eq!(proxy.requests(), Vec::<String>::new());
}

#[test]
fn https_honours_https_proxy_and_no_proxy() {
    let proxy = HttpServer::start(vec![Reply::status("502 Bad Gateway", &[], "")]);
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", HOSTILE_KEY)
        .env("IAM_ENDPOINT", "https://iam.cr-ext-test.invalid")
        .env("HTTPS_PROXY", &proxy.url())
        .env("IBMCLOUD_HTTP_TIMEOUT", "5");
    w.client("podman");
    w.cmd().arg("token").assert().code(1);
    let requests = proxy.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].starts_with("CONNECT iam.cr-ext-test.invalid:443 "), "{requests:?}");
    assert!(!requests[0].contains(HOSTILE_KEY), "the key travels only inside the tunnel");
    w.env("NO_PROXY", "cr-ext-test.invalid");
    w.cmd().arg("token").assert().code(1);
    assert_eq!(proxy.requests().len(), 1, "NO_PROXY must bypass the proxy");
}

#[test]
fn every_iam_error_field_is_redacted_and_sanitized() {
    let encoded: String = HOSTILE_KEY.replace('-', "%2D").replace('_', "%5F");
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .with_status(400)
        .with_body(
            json!({
                "errorCode": HOSTILE_KEY,
                "errorMessage": format!("bad key {encoded} \u{1b}]0;pwned\u{7}"),
                "context": {"requestId": format!("req {HOSTILE_KEY}")},
            })
            .to_string(),
        )
        .expect(1)
        .create();
    let w = hostile_key_world(&iam.url());
    let a = w.cmd().args(["login", "--output", "json"]).assert().code(4);
    m.assert();
    let (o, e) = out(&a);
    for text in [&o, &e] {
        assert!(!text.contains(HOSTILE_KEY) && !text.contains(&encoded), "{text}");
        assert!(!text.contains("pwned") && !text.contains('\u{1b}'), "{text}");
    }
    assert!(e.contains("(HTTP 400, ****): bad key ****"), "{e}");
    assert!(e.contains("(requestId req ****)"), "{e}");
}

#[test]
fn an_endpoints_user_and_password_never_show() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let w = hostile_key_world(&format!("http://someone:pAsSw0rd-x9@127.0.0.1:{port}"));
    let a = w.cmd().args(["login", "--verbose"]).assert().code(1);
    let (o, e) = out(&a);
    assert!(e.contains(&format!("IAM at http://127.0.0.1:{port} is unavailable")), "{e}");
    assert!(!format!("{o}{e}").contains("pAsSw0rd-x9"), "{e}");
    assert!(!format!("{o}{e}").contains("someone:"), "{e}");
}

#[test]
fn a_huge_iam_answer_is_refused_at_the_cap() {
    let declared = HttpServer::start(vec![Reply::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\nConnection: close\r\n\r\n{".to_vec(),
    )]);
    let w = hostile_key_world(&declared.url());
    w.cmd().arg("token").assert().code(1).stderr(predicate::str::contains("larger than 1 MiB"));
    let streamed = HttpServer::start(vec![Reply::Stream {
        head: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".into(),
        body_bytes: 3 << 20,
    }]);
    let w = hostile_key_world(&streamed.url());
    w.cmd().arg("token").assert().code(1).stderr(predicate::str::contains("larger than 1 MiB"));
}

#[test]
fn a_stalled_iam_body_says_timed_out() {
    let server = HttpServer::start(vec![Reply::Stall {
        head: "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"access_token\":".into(),
        secs: 8,
    }]);
    let mut w = hostile_key_world(&server.url());
    w.env("IBMCLOUD_HTTP_TIMEOUT", "1");
    let a = w.cmd().arg("token").assert().code(1);
    let (_, e) = out(&a);
    assert!(e.contains("timed out"), "{e}");
    assert!(!e.contains("not JSON"), "{e}");
}

#[test]
fn key_files_may_be_the_cli_json_and_nothing_that_cannot_be_a_key() {
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .match_body(Matcher::UrlEncoded("apikey".into(), HOSTILE_KEY.into()))
        .with_body(token_answer(&jwt_expiring_in(3600)))
        .expect(2)
        .create();
    let mut w = World::new();
    w.env("IAM_ENDPOINT", &iam.url());
    w.client("podman");
    let file = w.root.path().join("key.json");
    std::fs::write(
        &file,
        json!({"name": "ci", "description": "", "createdAt": "2026-11-29T08:00+0000", "apikey": HOSTILE_KEY}).to_string(),
    )
    .unwrap();
    w.cmd().args(["login", "-q", "--apikey-file"]).arg(&file).assert().success();
    w.env("IBMCLOUD_API_KEY", &format!("@{}", file.display()));
    w.cmd().args(["login", "-q"]).assert().success();
    m.assert();

    let none = iam.mock("POST", Matcher::Any).expect(0).create();
    let huge = w.root.path().join("huge.bin");
    std::fs::File::create(&huge).unwrap().set_len(100 << 20).unwrap();
    let nul = w.root.path().join("nul.txt");
    std::fs::write(&nul, b"abc\0def").unwrap();
    for (path, want) in [
        ("/proc/self/environ".to_owned(), "cannot be a key"),
        (huge.display().to_string(), "larger than 64 KiB"),
        (nul.display().to_string(), "NUL bytes"),
    ] {
        let mut bad = World::new();
        bad.env("IAM_ENDPOINT", &iam.url()).env("IBMCLOUD_API_KEY", &format!("@{path}"));
        bad.client("podman");
        let a = bad.cmd().arg("login").assert().code(2);
        let (_, e) = out(&a);
        assert!(e.contains(want), "{path}: {e}");
        assert!(!e.contains("PATH="), "{e}");
        assert_eq!(bad.calls("podman").len(), 0);
    }
    none.assert();
}

#[test]
fn dry_run_checks_the_iam_endpoint_as_the_real_run_does() {
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", HOSTILE_KEY).env("IAM_ENDPOINT", "http://iam.example.com");
    w.client("podman");
    w.cmd()
        .args(["login", "--dry-run"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("plain http"));
    w.cmd().args(["login", "--dry-run", "--as", "apikey"]).assert().success();
}

#[test]
fn a_vpc_session_goes_to_the_private_vpc_iam_endpoint() {
    let mut vpc = Server::new();
    let m = vpc
        .mock("POST", "/identity/token")
        .with_body(token_answer(&jwt_expiring_in(3600)))
        .expect(1)
        .create();
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", HOSTILE_KEY);
    w.client("podman");
    w.cli_config(&json!({
        "IsPrivate": true,
        "IsAccessFromVPC": true,
        "IAMEndpoint": "https://iam.cloud.ibm.com",
        "IAMPrivateEndpoint": "https://private.us-south.iam.cloud.ibm.com",
        "IAMPrivateVPCEndpoint": vpc.url(),
    }));
    w.cmd().args(["login", "-q"]).assert().success();
    m.assert();
    // The registry domain is chosen as before (--private picks the private ones).
    assert_eq!(w.calls("podman")[0].argv[4], "icr.io");
}
