//! What review and hostile use broke, each with the behaviour a user should get instead:
//! redirects and proxies on the way to IAM (real HTTP servers on loopback), redaction of
//! secrets a child or IAM echoes in disguise, terminal escapes in `status`, special files,
//! huge and stalled answers, absurd numbers, key files, environment defaults, stdout errors,
//! the old-CLI fallback, and the smaller items. Signals are in tests/signals.rs, concurrent
//! runs against real clients in tests/e2e.rs.

#![allow(clippy::many_single_char_names)] // w, a, o, e: world, assert, stdout, stderr, as in the other test files.

use std::os::unix::fs::PermissionsExt;

use crate::support::http::{HttpServer, Reply};
use crate::support::{Response, World, jwt, jwt_expiring_in, now, out};
use mockito::{Matcher, Server};
use predicates::prelude::*;
use serde_json::{Value, json};

const KEY: &str = "hArD-eNiNg_0123456789abcdefghijklmnopqrstuv";

fn api_key_world(endpoint: &str) -> World {
    let mut w = World::new();
    w.env("IAM_ENDPOINT", endpoint).env("IBMCLOUD_API_KEY", KEY);
    w.client("podman");
    w
}

fn token_answer(access: &str) -> String {
    json!({"access_token": access, "refresh_token": "r", "expires_in": 3600, "expiration": now() + 3600})
        .to_string()
}

// 1. Redirects.

#[test]
fn an_iam_redirect_is_never_followed_and_names_only_its_host() {
    // The server redirects and would also serve as the proxy that a followed redirect to a
    // plain-http host goes through: a second request here is the key leaking.
    let server = HttpServer::start(vec![Reply::status(
        "307 Temporary Redirect",
        &[("Location", "http://evil.example.com:9/identity/token?apikey=leaked-query")],
        "",
    )]);
    let mut w = api_key_world(&server.url());
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
        let w = api_key_world(&server.url());
        w.cmd()
            .arg("token")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!("HTTP {}", &permanent[..3])));
        assert_eq!(server.requests().len(), 1);
    }
}

// 2. Proxies.

#[test]
fn plain_http_to_loopback_never_goes_through_a_proxy() {
    let proxy = HttpServer::start(vec![Reply::status("502 Bad Gateway", &[], "")]);
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .with_body(token_answer(&jwt_expiring_in(3600)))
        .expect(1)
        .create();
    let mut w = api_key_world(&iam.url());
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
    w.env("IBMCLOUD_API_KEY", KEY)
        .env("IAM_ENDPOINT", "https://iam.cr-ext-test.invalid")
        .env("HTTPS_PROXY", &proxy.url())
        .env("IBMCLOUD_HTTP_TIMEOUT", "5");
    w.client("podman");
    w.cmd().arg("token").assert().code(1);
    let requests = proxy.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(requests[0].starts_with("CONNECT iam.cr-ext-test.invalid:443 "), "{requests:?}");
    assert!(!requests[0].contains(KEY), "the key travels only inside the tunnel");
    w.env("NO_PROXY", "cr-ext-test.invalid");
    w.cmd().arg("token").assert().code(1);
    assert_eq!(proxy.requests().len(), 1, "NO_PROXY must bypass the proxy");
}

// 3. Redaction after sanitizing, and of pieces.

/// A podman that fails printing `text` on stderr.
fn failing_podman(w: &World, text: &str) {
    w.fake("podman").respond("podman", "login", &Response::fail(125, text));
}

#[test]
fn a_secret_echoed_with_escapes_wrapped_or_in_pieces_is_redacted() {
    let refresh = "RtOkEn_refresh-0123456789abcdefghijklmnopqrstuvwxyz";
    let echoes = [
        format!("Error: {}\x1b[1m{}\x1b[0m{} denied\n", &KEY[..3], &KEY[3..9], &KEY[9..]),
        format!("Error: bad password\n  {}\n  {}\n", &KEY[..22], &KEY[22..]),
        format!("Error: {} {} rejected\n", &KEY[..15], &KEY[15..]),
    ];
    for echo in &echoes {
        let mut w = World::new();
        w.env("IBMCLOUD_API_KEY", KEY);
        failing_podman(&w, echo);
        for extra in [&[][..], &["--output", "json"][..]] {
            let a = w.cmd().args(["login", "--as", "apikey"]).args(extra).assert().code(1);
            let (o, e) = out(&a);
            let visible = format!("{o}{e}").replace(char::is_whitespace, "");
            assert!(!visible.contains(&KEY[3..]), "key shown in {o}{e}");
            assert!(!visible.contains(&KEY[15..]), "key piece shown in {o}{e}");
            assert!(e.contains("****") || o.contains("****"), "{o}{e}");
        }
    }
    // --as refresh: the session's refresh token, echoed with an escape inside it.
    let w = World::new();
    w.cli_config(&json!({"IAMRefreshToken": refresh}));
    failing_podman(&w, &format!("Error: {}\x1b[31m{}\n", &refresh[..10], &refresh[10..]));
    let a = w.cmd().args(["login", "--as", "refresh", "--output", "json"]).assert().code(1);
    let (o, e) = out(&a);
    let doc: Value = serde_json::from_str(&o).unwrap();
    assert!(doc["logins"][0]["error"].as_str().unwrap().contains("****"), "{o}");
    assert!(!format!("{o}{e}").contains(&refresh[10..]), "{o}{e}");
}

#[test]
fn a_tokens_signature_segment_alone_is_redacted() {
    let token = jwt_expiring_in(3600);
    let signature = token.rsplit('.').next().unwrap().to_owned();
    let w = World::new();
    w.ibmcloud_session(&token);
    failing_podman(&w, &format!("Error: signature {signature} refused\n"));
    let a = w.cmd().arg("login").assert().code(1);
    let (o, e) = out(&a);
    assert!(!e.contains(&signature) && !o.contains(&signature), "{e}");
    assert!(e.contains("signature **** refused"), "{e}");
}

// 4. IAM error fields and endpoint passwords.

#[test]
fn every_iam_error_field_is_redacted_and_sanitized() {
    let encoded: String = KEY.replace('-', "%2D").replace('_', "%5F");
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .with_status(400)
        .with_body(
            json!({
                "errorCode": KEY,
                "errorMessage": format!("bad key {encoded} \u{1b}]0;pwned\u{7}"),
                "context": {"requestId": format!("req {KEY}")},
            })
            .to_string(),
        )
        .expect(1)
        .create();
    let w = api_key_world(&iam.url());
    let a = w.cmd().args(["login", "--output", "json"]).assert().code(4);
    m.assert();
    let (o, e) = out(&a);
    for text in [&o, &e] {
        assert!(!text.contains(KEY) && !text.contains(&encoded), "{text}");
        assert!(!text.contains("pwned") && !text.contains('\u{1b}'), "{text}");
    }
    assert!(e.contains("(HTTP 400, ****): bad key ****"), "{e}");
    assert!(e.contains("(requestId req ****)"), "{e}");
}

#[test]
fn an_endpoints_user_and_password_never_show() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let w = api_key_world(&format!("http://someone:pAsSw0rd-x9@127.0.0.1:{port}"));
    let a = w.cmd().args(["login", "--verbose"]).assert().code(1);
    let (o, e) = out(&a);
    assert!(e.contains(&format!("IAM at http://127.0.0.1:{port} is unavailable")), "{e}");
    assert!(!format!("{o}{e}").contains("pAsSw0rd-x9"), "{e}");
    assert!(!format!("{o}{e}").contains("someone:"), "{e}");
}

// 5. Terminal escapes in status.

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

fn base64_encode(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

// 8. Special files.

#[test]
fn a_fifo_or_dev_zero_as_config_is_a_clear_error_not_a_hang() {
    for special in ["fifo", "zero", "dir", "huge"] {
        let mut w = World::new();
        w.client("podman").ibmcloud_session(&jwt_expiring_in(3600));
        let dir = w.home.join(".bluemix");
        std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("config.json");
        match special {
            "fifo" => nix::unistd::mkfifo(&config, nix::sys::stat::Mode::S_IRWXU).unwrap(),
            "zero" => std::os::unix::fs::symlink("/dev/zero", &config).unwrap(),
            "dir" => std::fs::create_dir(&config).unwrap(),
            _ => std::fs::File::create(&config).unwrap().set_len(2 << 20).unwrap(),
        }
        w.env("IBMCLOUD_HTTP_TIMEOUT", "5");
        for command in [&["login"][..], &["logout"], &["token"], &["status"]] {
            let started = std::time::Instant::now();
            let a =
                w.cmd().args(command).timeout(std::time::Duration::from_secs(20)).assert().code(1);
            assert!(started.elapsed().as_secs() < 10, "{special} {command:?} took too long");
            let (_, e) = out(&a);
            let want = format!("cannot use {}: it is", config.display());
            let status_text = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
            assert!(
                e.contains(&want) || status_text.contains(&want),
                "{special} {command:?}: {e}{status_text}"
            );
        }
        assert_eq!(w.completed("podman").len(), 0);
    }
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

// 9. IAM answers: size cap and stalled bodies.

#[test]
fn a_huge_iam_answer_is_refused_at_the_cap() {
    let declared = HttpServer::start(vec![Reply::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\nConnection: close\r\n\r\n{".to_vec(),
    )]);
    let w = api_key_world(&declared.url());
    w.cmd().arg("token").assert().code(1).stderr(predicate::str::contains("larger than 1 MiB"));
    let streamed = HttpServer::start(vec![Reply::Stream {
        head: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".into(),
        body_bytes: 3 << 20,
    }]);
    let w = api_key_world(&streamed.url());
    w.cmd().arg("token").assert().code(1).stderr(predicate::str::contains("larger than 1 MiB"));
}

#[test]
fn a_stalled_iam_body_says_timed_out() {
    let server = HttpServer::start(vec![Reply::Stall {
        head: "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"access_token\":".into(),
        secs: 8,
    }]);
    let mut w = api_key_world(&server.url());
    w.env("IBMCLOUD_HTTP_TIMEOUT", "1");
    let a = w.cmd().arg("token").assert().code(1);
    let (_, e) = out(&a);
    assert!(e.contains("timed out"), "{e}");
    assert!(!e.contains("not JSON"), "{e}");
}

// 11. Absurd expiry.

#[test]
fn an_absurd_exp_is_an_invalid_token() {
    for exp in [json!(i64::MIN), json!(-5), json!(0), json!(i64::MAX)] {
        let token = jwt(&json!({"exp": exp, "email": "x@example.com"}));
        let w = World::new();
        w.client("podman").ibmcloud_session(&token);
        w.cmd()
            .arg("login")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is not a plausible time"));
        w.cmd().arg("token").assert().code(1).stdout("");
        assert_eq!(w.completed("podman").len(), 0);
        w.cli_config(&json!({"IAMToken": format!("Bearer {token}")}));
        w.cmd()
            .arg("status")
            .assert()
            .code(1)
            .stdout(predicate::str::contains("not a plausible time"));
    }
}

// 12. Bounded timeouts.

#[test]
fn out_of_range_timeouts_are_usage_errors_with_the_range() {
    for value in ["18446744073709551615", "0", "-1", "abc", "3601"] {
        let mut w = World::new();
        w.env("IBMCLOUD_API_KEY", KEY).env("IBMCLOUD_HTTP_TIMEOUT", value);
        w.client("podman");
        w.cmd().arg("login").assert().code(2).stderr(predicate::str::contains(
            "it must be a whole number of seconds from 1 to 3600",
        ));
    }
    let w = World::new();
    w.cli_config(&json!({"HTTPTimeout": 99999}));
    let mut w = w;
    w.env("IBMCLOUD_API_KEY", KEY);
    w.client("podman");
    w.cmd().arg("token").assert().code(2).stderr(predicate::str::contains("HTTPTimeout"));
    for value in ["0", "3601", "99999999999999999999999"] {
        w.cmd()
            .args(["login", "--timeout", value])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("from 1 to 3600"));
    }
}

// 13. API key files.

#[test]
fn key_files_may_be_the_cli_json_and_nothing_that_cannot_be_a_key() {
    let mut iam = Server::new();
    let m = iam
        .mock("POST", "/identity/token")
        .match_body(Matcher::UrlEncoded("apikey".into(), KEY.into()))
        .with_body(token_answer(&jwt_expiring_in(3600)))
        .expect(2)
        .create();
    let mut w = World::new();
    w.env("IAM_ENDPOINT", &iam.url());
    w.client("podman");
    let file = w.root.path().join("key.json");
    std::fs::write(
        &file,
        json!({"name": "ci", "description": "", "createdAt": "2026-11-29T08:00+0000", "apikey": KEY}).to_string(),
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

// 14. Environment defaults yield to flags.

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

// 15. status keeps the error's kind.

#[test]
fn status_gives_the_same_error_exit_code_and_hint_as_login() {
    let mut iam = Server::new();
    let _m = iam.mock("POST", "/identity/token").with_status(503).with_body("{}").create();
    let mut w = api_key_world(&iam.url());
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

// 16. stdout failures.

#[test]
fn a_failed_write_to_stdout_exits_1_and_a_closed_pipe_is_quiet() {
    let w = World::new();
    w.ibmcloud_session(&jwt_expiring_in(3600));
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("cr-ext"));
    cmd.env_clear().env("HOME", &w.home).env("PATH", w.bin.to_str().unwrap());
    let o = cmd.arg("token").stdout(full).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write standard output"));
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("cr-ext"))
        .arg("regions")
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    // A closed pipe: quiet, exit 0.
    let o = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} completions bash | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
            assert_cmd::cargo::cargo_bin("cr-ext").display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "0\n");
}

// 17. The text-form fallback only for an old CLI.

#[test]
fn the_text_form_is_tried_only_when_the_cli_does_not_know_output() {
    let w = World::new();
    w.client("podman");
    w.fake("ibmcloud").respond(
        "ibmcloud",
        "json",
        &Response::fail(1, "FAILED\nThe session has timed out; retry\n"),
    );
    w.cmd()
        .arg("login")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("The session has timed out; retry"));
    assert_eq!(w.calls("ibmcloud").len(), 1);

    let w = World::new();
    w.client("podman");
    w.fake("ibmcloud").respond("ibmcloud", "json", &Response::hang());
    let started = std::time::Instant::now();
    w.cmd()
        .args(["login", "--timeout", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did not finish within 1 s"));
    assert!(started.elapsed().as_secs() < 5, "one wait, not two");
    assert_eq!(w.calls("ibmcloud").len(), 1);
}

// 18. The smaller items.

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

#[test]
fn dry_run_checks_the_iam_endpoint_as_the_real_run_does() {
    let mut w = World::new();
    w.env("IBMCLOUD_API_KEY", KEY).env("IAM_ENDPOINT", "http://iam.example.com");
    w.client("podman");
    w.cmd()
        .args(["login", "--dry-run"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("plain http"));
    w.cmd().args(["login", "--dry-run", "--as", "apikey"]).assert().success();
}

#[test]
fn a_usage_error_with_json_output_prints_json() {
    let w = World::new();
    let a = w.cmd().args(["login", "--output", "json", "--bogus"]).assert().code(2);
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["error"]["exit_code"], json!(2));
    assert!(doc["error"]["message"].as_str().unwrap().contains("--bogus"), "{doc}");
    let a = w.cmd().args(["login", "--output=json", "--timeout", "0"]).assert().code(2);
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["error"]["exit_code"], json!(2));
    w.cmd().args(["login", "--bogus"]).assert().code(2).stdout("");
}

// 21. The SDK's settings: trace file, colour and timeout from env, then config.json.

#[test]
fn trace_setting_true_false_or_a_file_created_0600() {
    let token = jwt_expiring_in(3600);
    let mut w = World::new();
    w.client("podman");
    w.cli_config(&json!({"IAMToken": format!("Bearer {token}")}));
    let file = w.root.path().join("trace.log");
    w.env("IBMCLOUD_TRACE", file.to_str().unwrap());
    w.cmd().arg("login").assert().success().stderr(predicate::str::contains("trace:").not());
    w.cmd().arg("login").assert().success();
    let trace = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        trace.matches("trace: credential: the CLI session's cached IAMToken").count(),
        2,
        "{trace}"
    );
    assert!(!trace.contains(&token));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);

    let mut off = World::new();
    off.client("podman");
    off.cli_config(&json!({"IAMToken": format!("Bearer {token}"), "Trace": "true"}));
    off.cmd().arg("login").assert().success().stderr(predicate::str::contains("trace: "));
    off.env("BLUEMIX_TRACE", "false");
    off.cmd().arg("login").assert().success().stderr(predicate::str::contains("trace: ").not());

    let mut fifo = World::new();
    let path = fifo.root.path().join("trace.fifo");
    nix::unistd::mkfifo(&path, nix::sys::stat::Mode::S_IRWXU).unwrap();
    fifo.env("IBMCLOUD_TRACE", path.to_str().unwrap());
    fifo.cmd()
        .arg("regions")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot open the trace file"));
}

#[test]
fn colour_comes_from_the_cli_config_when_the_environment_is_silent() {
    let w = World::new();
    w.client("podman");
    w.cli_config(&json!({"ColorEnabled": "true"}));
    let a = w.cmd().arg("login").assert().code(4);
    assert!(out(&a).1.contains("\u{1b}["));
    let mut w = w;
    w.env("BLUEMIX_COLOR", "false");
    let a = w.cmd().arg("login").assert().code(4);
    assert!(!out(&a).1.contains("\u{1b}["));
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
    w.env("IBMCLOUD_API_KEY", KEY);
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
