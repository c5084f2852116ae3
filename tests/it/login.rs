//! `cr-ext login` end to end with fakes: the real binary, a fake `ibmcloud` emitting the CLI's
//! documented formats, and fake clients that record argv and stdin; and what hostile input gets:
//! secrets echoed in disguise, special files, absurd numbers, a closed stdout, trace files.

use std::os::unix::fs::PermissionsExt;

use crate::support::{Response, World, jwt, jwt_expiring_in, out};
use predicates::prelude::*;
use serde_json::{Value, json};

const LOGIN_US: [&str; 5] = ["login", "-u", "iambearer", "--password-stdin", "us.icr.io"];

fn logged_in_world(token: &str, clients: &[&str]) -> World {
    let w = World::new();
    w.ibmcloud_session(token);
    for c in clients {
        w.client(c);
    }
    w
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn stderr_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stderr.clone()).unwrap()
}

#[test]
fn token_reaches_client_only_on_stdin_byte_exact() {
    let token = jwt_expiring_in(3600);
    let w = logged_in_world(&token, &["podman"]);
    let a = w.cmd().args(["login", "--region", "us-south"]).assert().success();

    let calls = w.calls("podman");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].argv, LOGIN_US);
    assert_eq!(calls[0].stdin, token.as_bytes(), "stdin must be the raw token, no newline");
    for text in [stdout_of(&a), stderr_of(&a), w.all_recorded_argv_and_env()] {
        assert!(!text.contains(&token), "token leaked: {text}");
        assert!(!text.contains(&token[token.len() - 20..]), "token tail leaked: {text}");
    }
}

#[test]
fn human_output_follows_the_plugin_style() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    w.cmd()
        .args(["login", "-r", "us-south"])
        .assert()
        .success()
        .stdout("")
        .stderr("Logging 'podman' in to 'us.icr.io'...\nLogged in to 'us.icr.io'.\nOK\n");
}

#[test]
fn quiet_prints_nothing_on_success() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    w.cmd().args(["login", "-q", "-r", "us-south"]).assert().success().stdout("").stderr("");
    assert_eq!(w.calls("podman").len(), 1);
}

#[test]
fn every_region_and_legacy_name_reaches_its_domain() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["docker"]);
    let cases = [
        ("global", "icr.io"),
        ("au-syd", "au.icr.io"),
        ("ap-south", "au.icr.io"),
        ("br-sao", "br.icr.io"),
        ("ca-mon", "ca2.icr.io"),
        ("ca-tor", "ca.icr.io"),
        ("eu-de", "de.icr.io"),
        ("eu-central", "de.icr.io"),
        ("eu-es", "es.icr.io"),
        ("eu-gb", "uk.icr.io"),
        ("uk-south", "uk.icr.io"),
        ("in-che", "in.icr.io"),
        ("in-mum", "in2.icr.io"),
        ("jp-osa", "jp2.icr.io"),
        ("jp-tok", "jp.icr.io"),
        ("ap-north", "jp.icr.io"),
        ("us-south", "us.icr.io"),
    ];
    for (region, _) in cases {
        w.cmd().args(["login", "-q", "--region", region]).assert().success();
        w.cmd().args(["login", "-q", "--private", "--region", region]).assert().success();
    }
    let hosts: Vec<String> = w.calls("docker").into_iter().map(|c| c.argv[4].clone()).collect();
    let want: Vec<String> =
        cases.iter().flat_map(|(_, d)| [(*d).to_owned(), format!("private.{d}")]).collect();
    assert_eq!(hosts, want);
    for call in w.calls("docker") {
        assert_eq!(call.argv[..4], ["login", "-u", "iambearer", "--password-stdin"]);
    }
}

#[test]
fn region_comes_from_env_then_cli_config_then_global() {
    let mut w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    w.cmd().args(["login", "-q"]).assert().success();
    w.cli_config(&json!({"Region": "eu-gb", "Other": {"kept": true}}));
    w.cmd().args(["login", "-q"]).assert().success();
    w.env("CR_EXT_REGION", "jp-osa");
    w.cmd().args(["login", "-q"]).assert().success();
    w.cmd().args(["login", "-q", "--region", "br-sao"]).assert().success();
    let hosts: Vec<String> = w.calls("podman").into_iter().map(|c| c.argv[4].clone()).collect();
    assert_eq!(hosts, ["icr.io", "uk.icr.io", "jp2.icr.io", "br.icr.io"]);
}

#[test]
fn config_dir_is_found_as_the_cli_finds_it() {
    let mut w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    let write = |dir: &std::path::Path, region: &str| {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("config.json"), json!({ "Region": region }).to_string()).unwrap();
    };
    write(&w.home.join(".bluemix"), "eu-de");
    w.cmd().args(["login", "-q"]).assert().success();
    write(&w.home.join(".ibmcloud"), "eu-gb"); // .ibmcloud wins over .bluemix
    w.cmd().args(["login", "-q"]).assert().success();
    let other = w.root.path().join("other");
    write(&other.join(".bluemix"), "jp-tok");
    w.env("IBMCLOUD_HOME", other.to_str().unwrap());
    w.cmd().args(["login", "-q"]).assert().success();
    let cfg = w.root.path().join("cfg");
    write(&cfg, "au-syd");
    w.env("IBMCLOUD_CONFIG_HOME", cfg.to_str().unwrap());
    w.cmd().args(["login", "-q"]).assert().success();
    let hosts: Vec<String> = w.calls("podman").into_iter().map(|c| c.argv[4].clone()).collect();
    assert_eq!(hosts, ["de.icr.io", "uk.icr.io", "jp.icr.io", "au.icr.io"]);
}

#[test]
fn targeted_region_without_registry_uses_global_and_says_so() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    w.cli_config(&json!({"Region": "us-east"}));
    w.cmd()
        .arg("login")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "note: the targeted region 'us-east' has no registry of its own; using the global registry icr.io",
        ));
    assert_eq!(w.calls("podman")[0].argv[4], "icr.io");
}

#[test]
fn corrupt_cli_config_is_reported_not_fatal_and_left_untouched() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    let dir = w.home.join(".bluemix");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.json"), "{\"Region\": \"eu-").unwrap();
    w.cmd()
        .arg("login")
        .assert()
        .success()
        .stderr(predicate::str::contains("warning:").and(predicate::str::contains("config.json")));
    assert_eq!(std::fs::read(dir.join("config.json")).unwrap(), b"{\"Region\": \"eu-");
    assert_eq!(w.calls("podman")[0].argv[4], "icr.io");
}

#[test]
fn detection_order_is_docker_podman_buildah_skopeo() {
    for (present, chosen) in [
        (&["skopeo", "buildah", "podman", "docker"][..], "docker"),
        (&["skopeo", "buildah", "podman"][..], "podman"),
        (&["skopeo", "buildah"][..], "buildah"),
        (&["skopeo"][..], "skopeo"),
    ] {
        let w = logged_in_world(&jwt_expiring_in(3600), present);
        w.cmd().args(["login", "-q"]).assert().success();
        for c in present {
            let want = usize::from(*c == chosen);
            assert_eq!(w.calls(c).len(), want, "{present:?}: {c}");
        }
    }
}

#[test]
fn client_flag_beats_env_beats_detection() {
    let mut w = logged_in_world(&jwt_expiring_in(3600), &["docker", "podman", "skopeo"]);
    w.env("CR_EXT_CLIENT", "skopeo");
    w.cmd().args(["login", "-q"]).assert().success();
    assert_eq!((w.calls("skopeo").len(), w.calls("docker").len()), (1, 0));
    w.cmd().args(["login", "-q", "--client", "podman"]).assert().success();
    assert_eq!(w.calls("podman").len(), 1);
    assert_eq!(w.calls("skopeo").len(), 1);
    assert_eq!(w.calls("docker").len(), 0);
}

#[test]
fn no_client_on_path_names_all_four_and_runs_nothing() {
    let w = logged_in_world(&jwt_expiring_in(3600), &[]);
    w.cmd().arg("login").assert().code(1).stderr(predicate::str::contains(
        "error: no container client found on PATH (looked for docker, podman, buildah, skopeo)\nhint: install",
    ));
    assert_eq!(w.calls("ibmcloud").len(), 0);
}

#[test]
fn named_client_missing_is_named() {
    let mut w = logged_in_world(&jwt_expiring_in(3600), &["docker"]);
    w.cmd()
        .args(["login", "--client", "buildah"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("container client 'buildah' is not on PATH"));
    w.env("CR_EXT_CLIENT", "skopeo");
    w.cmd()
        .arg("login")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("'skopeo' is not on PATH"));
    w.cmd().args(["login", "--client", "rkt"]).assert().code(2);
    assert_eq!(w.calls("docker").len(), 0);
}

#[test]
fn old_cli_without_output_flag_falls_back_to_text_and_ignores_uaa() {
    let token = jwt_expiring_in(3600);
    let w = World::new();
    w.fake("ibmcloud")
        .respond(
            "ibmcloud",
            "json",
            &Response::fail(1, "FAILED\nIncorrect Usage: flag provided but not defined: -output\n"),
        )
        .respond(
            "ibmcloud",
            "iam",
            &Response::out(format!("UAA token:  Bearer uaa.uaa.uaa\nIAM token:  Bearer {token}\n")),
        );
    w.client("podman");
    w.cmd().args(["login", "-q"]).assert().success();
    let calls: Vec<Vec<String>> = w.calls("ibmcloud").into_iter().map(|c| c.argv).collect();
    assert_eq!(
        calls,
        [vec!["iam", "oauth-tokens", "--output", "json"], vec!["iam", "oauth-tokens"]]
    );
    assert_eq!(w.calls("podman")[0].stdin, token.as_bytes());
}

#[test]
fn ibmcloud_runs_with_stdin_closed() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    w.cmd().args(["login", "-q"]).write_stdin("y\nsecret answer\n").assert().success();
    assert_eq!(w.calls("ibmcloud")[0].stdin, b"");
    assert!(w.calls("ibmcloud")[0].env.contains("IBMCLOUD_COLOR=false"));
}

/// Runs `login` against a broken `ibmcloud` and checks the exit code, the message, that no
/// client ran and that nothing token-like was printed.
fn assert_bad_session(w: &World, code: i32, message: &str) {
    let a = w.cmd().args(["login", "--timeout", "2"]).assert().code(code);
    let err = stderr_of(&a);
    assert!(err.starts_with("FAILED\nerror: "), "{err}");
    assert!(err.contains(message), "want {message:?} in {err}");
    assert!(err.contains("\nhint: "), "{err}");
    assert!(!err.contains("eyJ"), "token-like text leaked: {err}");
    // The client may have been started early (waiting on stdin, as in a shell pipeline), but
    // it must have been killed before its stdin closed: no login attempt, not a byte read.
    assert_eq!(w.completed("podman").len(), 0, "no login may be attempted");
    assert!(w.calls("podman").iter().all(|c| c.stdin.is_empty()));
}

#[test]
fn ibmcloud_missing_exits_4() {
    let w = World::new();
    w.client("podman");
    assert_bad_session(&w, 4, "the IBM Cloud CLI (`ibmcloud`) is not on PATH");
}

#[test]
fn not_logged_in_exits_4_on_stdout_or_stderr() {
    let msg = "FAILED\nNot logged in. Use 'ibmcloud login' to log in.\n";
    for r in
        [Response::fail(1, msg), Response { stdout: msg.into(), code: 1, ..Response::default() }]
    {
        let w = World::new();
        w.client("podman");
        w.fake("ibmcloud").respond("ibmcloud", "json", &r).respond("ibmcloud", "iam", &r);
        assert_bad_session(&w, 4, "not logged in to IBM Cloud");
        assert_eq!(w.calls("ibmcloud").len(), 1, "a clear 'not logged in' needs no second try");
    }
}

#[test]
fn other_ibmcloud_failures_show_its_message_and_status() {
    let w = World::new();
    w.client("podman");
    let r = Response::fail(2, "FAILED\nUnable to reach \x1b[31mhttps://iam.cloud.ibm.com\x1b[0m\n");
    w.fake("ibmcloud").respond("ibmcloud", "json", &r).respond("ibmcloud", "iam", &r);
    assert_bad_session(
        &w,
        1,
        "(exit status: 2): FAILED\n  Unable to reach https://iam.cloud.ibm.com",
    );
}

#[test]
fn unreadable_ibmcloud_output_is_a_clear_error() {
    let partial = format!("{{\"iam_token\": \"Bearer {}", &jwt_expiring_in(3600)[..40]);
    for (stdout, message) in [
        ("", "it printed nothing"),
        ("\n\n", "it printed nothing"),
        ("%$#@! garbage \u{1}\u{2}", "no 'IAM token:' line"),
        ("<!DOCTYPE html><html><body>Bad gateway</body></html>", "HTML"),
        (partial.as_str(), "invalid or truncated JSON"),
        ("{\"access_token\": \"x\"}", "no 'iam_token' string"),
        ("{\"iam_token\": \"Bearer not-a-jwt\"}", "not a JWT"),
        ("{\"iam_token\": \"Bearer a.b\"}", "not a JWT"),
    ] {
        let w = World::new();
        w.client("podman");
        w.fake("ibmcloud").respond("ibmcloud", "json", &Response::out(stdout));
        assert_bad_session(&w, 1, message);
    }
}

#[test]
fn hanging_ibmcloud_is_stopped_by_the_timeout() {
    let w = World::new();
    w.client("podman");
    w.fake("ibmcloud").respond("ibmcloud", "json", &Response::hang());
    let started = std::time::Instant::now();
    assert_bad_session(&w, 1, "`ibmcloud` did not finish within 2 s and was stopped");
    assert!(started.elapsed().as_secs() < 20, "took {:?}", started.elapsed());
}

#[test]
fn expired_token_exits_4_and_says_to_log_in() {
    for secs in [-3600, 5] {
        let w = logged_in_world(&jwt_expiring_in(secs), &["podman"]);
        assert_bad_session(&w, 4, "the IBM Cloud session token expire");
        let a = w.cmd().arg("login").assert();
        assert!(stderr_of(&a).contains("hint: run `ibmcloud login`"));
    }
}

#[test]
fn token_without_expiry_is_refused() {
    let w = logged_in_world(&jwt(&json!({"sub": "x"})), &["podman"]);
    assert_bad_session(&w, 1, "no 'exp'");
}

#[test]
fn unknown_region_lists_valid_names_and_exits_2() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    let a = w.cmd().args(["login", "--region", "mars-1"]).assert().code(2);
    let err = stderr_of(&a);
    assert!(err.contains("error: unknown region 'mars-1' (from --region)"), "{err}");
    assert!(err.contains("hint: valid regions: global, au-syd, ap-south, br-sao"), "{err}");
    assert_eq!(w.calls("ibmcloud").len() + w.calls("podman").len(), 0);
}

#[test]
fn malformed_registry_is_refused_with_exit_2() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    for (bad, why) in [
        ("https://us.icr.io", "scheme"),
        ("us.icr.io/ns", "path"),
        ("-p", "starts with '-'"),
        ("us.icr.io :5000", "whitespace"),
        ("us.icr.io:99999", "port"),
    ] {
        w.cmd().args(["login", &format!("--registry={bad}")]).assert().code(2).stderr(
            predicate::str::contains("invalid --registry").and(predicate::str::contains(why)),
        );
    }
    assert_eq!(w.calls("podman").len(), 0);
}

#[test]
fn registry_flag_takes_host_and_port() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["skopeo"]);
    w.cmd().args(["login", "-q", "--registry", "127.0.0.1:5000"]).assert().success();
    assert_eq!(
        w.calls("skopeo")[0].argv,
        ["login", "-u", "iambearer", "--password-stdin", "127.0.0.1:5000"]
    );
}

#[test]
fn failed_login_shows_client_message_sanitized_and_redacted() {
    let token = jwt_expiring_in(3600);
    let w = logged_in_world(&token, &[]);
    w.fake("podman").respond(
        "podman",
        "login",
        &Response::fail(
            125,
            format!("\x1b[31mError\x1b[0m: logging into \"us.icr.io\": invalid username/password ({token})\x07\n"),
        ),
    );
    let a = w.cmd().args(["login", "-r", "us-south"]).assert().code(1);
    let err = stderr_of(&a);
    assert!(
        err.contains(
            "error: podman could not log in to 'us.icr.io' (exit status: 125): Error: logging into \"us.icr.io\": invalid username/password (****)"
        ),
        "{err}"
    );
    assert!(!err.contains(&token) && !err.contains('\x1b') && !err.contains('\x07'), "{err}");
}

#[test]
fn hanging_client_is_stopped_and_reported() {
    let w = logged_in_world(&jwt_expiring_in(3600), &[]);
    w.fake("docker").respond("docker", "login", &Response::hang());
    let started = std::time::Instant::now();
    w.cmd()
        .args(["login", "--timeout", "1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`docker` did not finish within 1 s and was stopped"));
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn dry_run_prints_commands_and_runs_nothing() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    w.cmd().args(["login", "--dry-run", "-r", "eu-de"]).assert().success().stdout(
        "ibmcloud iam oauth-tokens --output json\n\
             printf '%s' '****' | podman login -u iambearer --password-stdin de.icr.io\n",
    );
    let a =
        w.cmd().args(["login", "--dry-run", "--output", "json", "-r", "eu-de"]).assert().success();
    let doc: Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(
        doc,
        json!({"dry_run": true, "requests": [], "commands": [
            ["ibmcloud", "iam", "oauth-tokens", "--output", "json"],
            ["podman", "login", "-u", "iambearer", "--password-stdin", "de.icr.io"]]})
    );
    assert_eq!(w.calls("ibmcloud").len() + w.calls("podman").len(), 0);
}

#[test]
fn json_output_is_one_document() {
    let w = logged_in_world(&jwt_expiring_in(3600), &["podman"]);
    let a =
        w.cmd().args(["login", "--output", "json", "-r", "us-south"]).assert().success().stderr("");
    let doc: Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(
        doc,
        json!({"logins": [{"client": "podman", "registry": "us.icr.io", "username": "iambearer", "ok": true, "error": null}]})
    );
}

#[test]
fn json_output_reports_failures() {
    let w = logged_in_world(&jwt_expiring_in(3600), &[]);
    w.fake("podman").respond(
        "podman",
        "login",
        &Response::fail(125, "Error: invalid username/password\n"),
    );
    let a = w.cmd().args(["login", "--output", "JSON", "-r", "us-south"]).assert().code(1);
    let doc: Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(doc["logins"][0]["ok"], json!(false));
    assert_eq!(
        doc["logins"][0]["error"],
        json!(
            "podman could not log in to 'us.icr.io' (exit status: 125): Error: invalid username/password"
        )
    );

    let w = World::new();
    w.client("podman");
    let a = w.cmd().args(["login", "--output", "json"]).assert().code(4);
    let doc: Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(doc["logins"][0]["ok"], json!(false));
    assert_eq!(doc["logins"][0]["error"], json!("the IBM Cloud CLI (`ibmcloud`) is not on PATH"));

    // Before any target is known, the document still comes, with the error.
    let a = w.cmd().args(["login", "--output", "json", "-r", "mars"]).assert().code(2);
    let doc: Value = serde_json::from_str(&stdout_of(&a)).unwrap();
    assert_eq!(doc["logins"], json!([]));
    assert_eq!(doc["error"]["exit_code"], json!(2));
    assert!(doc["error"]["hint"].as_str().unwrap().starts_with("valid regions: "));
}

#[test]
fn help_lists_exit_codes() {
    World::new().cmd().arg("--help").assert().success().stdout(
        predicate::str::contains("2    usage error")
            .and(predicate::str::contains("4    not authenticated"))
            .and(predicate::str::contains("130  interrupted")),
    );
}

#[test]
fn colour_follows_flag_and_no_color() {
    let w = World::new();
    w.client("podman");
    let a = w.cmd().args(["login", "--color", "always"]).assert().code(4);
    assert!(stderr_of(&a).contains("\x1b["));
    let mut w2 = World::new();
    w2.env("NO_COLOR", "1").env("IBMCLOUD_COLOR", "true");
    w2.client("podman");
    let a = w2.cmd().arg("login").assert().code(4);
    assert!(!stderr_of(&a).contains("\x1b["));
    let a = w2.cmd().args(["login", "--color", "never"]).assert().code(4);
    assert!(!stderr_of(&a).contains("\x1b["));
}

#[test]
fn interrupt_ends_the_run_by_sigint() {
    let w = World::new();
    w.client("podman");
    w.fake("ibmcloud").respond("ibmcloud", "json", &Response::hang());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("cr-ext"))
        .arg("login")
        .env_clear()
        .env("HOME", &w.home)
        .env("PATH", &w.bin)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while w.calls("ibmcloud").is_empty() {
        assert!(std::time::Instant::now() < deadline, "ibmcloud never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert_eq!(std::os::unix::process::ExitStatusExt::signal(&status), Some(2));
}

// Hostile input: what a careless or malicious peer sends, and what the user gets instead.

/// The API key of the hostile-input tests below.
const HOSTILE_KEY: &str = "hArD-eNiNg_0123456789abcdefghijklmnopqrstuv";

/// A podman that fails printing `text` on stderr.
fn failing_podman(w: &World, text: &str) {
    w.fake("podman").respond("podman", "login", &Response::fail(125, text));
}

#[test]
fn a_secret_echoed_with_escapes_wrapped_or_in_pieces_is_redacted() {
    let refresh = "RtOkEn_refresh-0123456789abcdefghijklmnopqrstuvwxyz";
    let echoes = [
        format!(
            "Error: {}\x1b[1m{}\x1b[0m{} denied\n",
            &HOSTILE_KEY[..3],
            &HOSTILE_KEY[3..9],
            &HOSTILE_KEY[9..]
        ),
        format!("Error: bad password\n  {}\n  {}\n", &HOSTILE_KEY[..22], &HOSTILE_KEY[22..]),
        format!("Error: {} {} rejected\n", &HOSTILE_KEY[..15], &HOSTILE_KEY[15..]),
    ];
    for echo in &echoes {
        let mut w = World::new();
        w.env("IBMCLOUD_API_KEY", HOSTILE_KEY);
        failing_podman(&w, echo);
        for extra in [&[][..], &["--output", "json"][..]] {
            let a = w.cmd().args(["login", "--as", "apikey"]).args(extra).assert().code(1);
            let (o, e) = out(&a);
            let visible = format!("{o}{e}").replace(char::is_whitespace, "");
            assert!(!visible.contains(&HOSTILE_KEY[3..]), "key shown in {o}{e}");
            assert!(!visible.contains(&HOSTILE_KEY[15..]), "key piece shown in {o}{e}");
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

#[test]
fn out_of_range_timeouts_are_usage_errors_with_the_range() {
    for value in ["18446744073709551615", "0", "-1", "abc", "3601"] {
        let mut w = World::new();
        w.env("IBMCLOUD_API_KEY", HOSTILE_KEY).env("IBMCLOUD_HTTP_TIMEOUT", value);
        w.client("podman");
        w.cmd().arg("login").assert().code(2).stderr(predicate::str::contains(
            "it must be a whole number of seconds from 1 to 3600",
        ));
    }
    let w = World::new();
    w.cli_config(&json!({"HTTPTimeout": 99999}));
    let mut w = w;
    w.env("IBMCLOUD_API_KEY", HOSTILE_KEY);
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
