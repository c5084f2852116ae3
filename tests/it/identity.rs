//! Identities without an API key, against the stand-ins of `support::fake_identity` (IAM's
//! `cr-token` grant and the VPC instance metadata service, on loopback): the exact requests
//! for a profile ID, name and CRN, from flags and from the environment; every bad token file
//! (missing, FIFO, directory, huge, binary, not a JWT, expired, rewritten while read); IAM
//! refusing, failing, rate limiting, redirecting, answering too much or stalling; the metadata
//! service off, on another API version, answering nonsense or hanging; `--as profile`;
//! `--dry-run`, `-v` and `status`; the credential helper caching a profile's token, then
//! fetching a new one with the rotated token file once the cached one nears expiry. No
//! token ever shows in any output.

use crate::support::fake_identity::{
    ACCOUNT, Api, FakeIdentity, PROFILES, cr_token, profile_token,
};
use crate::support::http::{HttpServer, Reply};
use crate::support::{World, now, out};
use serde_json::{Value, json};

/// A world with the token file `cr.jwt` holding a fresh compute-resource token, and IAM
/// taking it.
struct Pod {
    world: World,
    iam: FakeIdentity,
    token: String,
    file: std::path::PathBuf,
}

impl Pod {
    /// `cr-ext token` for profile ci-builder with the pod's token file, at IAM `iam`.
    fn token_at(&self, iam: &str) -> assert_cmd::Command {
        let mut cmd = self.world.cmd();
        cmd.args(["token", "--profile", "ci-builder", "--iam-endpoint", iam, "--cr-token-file"])
            .arg(&self.file);
        cmd
    }
}

fn pod() -> Pod {
    let token = cr_token(1, 3600);
    let iam = FakeIdentity::iam(std::slice::from_ref(&token));
    let mut world = World::new();
    world.env("IAM_ENDPOINT", &iam.url());
    let file = world.root.path().join("cr.jwt");
    std::fs::write(&file, format!("{token}\n")).unwrap();
    Pod { world, iam, token, file }
}

/// The form fields of a recorded request.
fn form(request: &str) -> Vec<(String, String)> {
    let body = request.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    url::form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn head(request: &str) -> String {
    request.split_once("\r\n\r\n").map_or(request, |(h, _)| h).to_owned()
}

fn assert_no_secret(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "a secret leaked: {text}");
        let signature = secret.rsplit('.').next().unwrap();
        assert!(!text.contains(signature), "a token's signature leaked: {text}");
    }
}

#[test]
fn the_cr_token_grant_names_the_profile_by_id_name_or_crn() {
    let p = pod();
    let profile = &PROFILES[0];
    for (given, field) in
        [(profile.id, "profile_id"), (profile.name, "profile_name"), (profile.crn, "profile_crn")]
    {
        let a = p
            .world
            .cmd()
            .args(["token", "--profile", given, "--cr-token-file"])
            .arg(&p.file)
            .assert()
            .success();
        let (stdout, stderr) = out(&a);
        assert_eq!(stdout, *p.iam.issued().last().unwrap(), "the token IAM issued, as it is");
        assert_no_secret(&stderr, &[&p.token]);
        let request = p.iam.requests().last().unwrap().clone();
        assert!(request.starts_with("POST /identity/token HTTP/1.1\r\n"), "{request}");
        let h = head(&request).to_ascii_lowercase();
        assert!(h.contains("\r\ncontent-type: application/x-www-form-urlencoded"), "{h}");
        assert!(h.contains("\r\naccept: application/json"), "{h}");
        assert!(!h.contains("\r\nauthorization:"), "{h}");
        assert_eq!(
            form(&request),
            vec![
                ("grant_type".to_owned(), "urn:ibm:params:oauth:grant-type:cr-token".to_owned()),
                ("cr_token".to_owned(), p.token.clone()),
                (field.to_owned(), given.to_owned()),
            ]
        );
    }
    assert_eq!(p.iam.requests().len(), 3);
}

#[test]
fn the_environment_names_the_profile_and_the_token_or_its_file() {
    let mut p = pod();
    p.world.env("IBMCLOUD_CR_PROFILE", PROFILES[1].name);
    p.world.env("IBMCLOUD_CR_TOKEN", &format!("@{}", p.file.display()));
    let a = p.world.cmd().arg("token").assert().success();
    assert_eq!(out(&a).0, p.iam.issued()[0]);
    let sent = form(&p.iam.requests()[0]);
    assert!(sent.contains(&("profile_name".into(), "mirror".into())), "{sent:?}");

    let mut w = World::new();
    w.env("IAM_ENDPOINT", &p.iam.url())
        .env("IBMCLOUD_CR_PROFILE", PROFILES[0].id)
        .env("IBMCLOUD_CR_TOKEN", &p.token);
    let a = w.cmd().args(["token", "-v"]).assert().success();
    let (stdout, stderr) = out(&a);
    assert_eq!(stdout, p.iam.issued()[1]);
    assert!(stderr.contains("credential: trusted profile Profile-0c1d2e3f-aaaa-4bbb-8ccc-000000000001 with the compute-resource token in IBMCLOUD_CR_TOKEN"), "{stderr}");
    assert!(stderr.contains("cr_token=****"), "the trace shows the request, masked: {stderr}");
    assert_no_secret(&stderr, &[&p.token, &stdout]);

    // A flag wins over the environment; two identities in the environment are refused.
    let mut w = World::new();
    w.env("IBMCLOUD_CR_PROFILE", "ci-builder")
        .env("IBMCLOUD_API_KEY", "k3y-0123456789abcdef0123456789abcdef01234");
    let a = w.cmd().arg("token").assert().code(2);
    let stderr = out(&a).1;
    assert!(stderr.contains("IBMCLOUD_CR_PROFILE and IBMCLOUD_API_KEY are all set"), "{stderr}");
    assert!(!stderr.contains("k3y-0123"), "{stderr}");
}

#[test]
fn without_a_token_file_at_any_default_path_it_says_which_it_tried() {
    let w = World::new();
    let a = w
        .cmd()
        .args(["token", "--profile", "ci-builder", "--iam-endpoint", "http://127.0.0.1:9"])
        .assert()
        .code(4);
    let stderr = out(&a).1;
    for path in [
        "/var/run/secrets/tokens/vault-token",
        "/var/run/secrets/tokens/sa-token",
        "/var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token",
    ] {
        assert!(stderr.contains(path), "{stderr}");
    }
    assert!(stderr.contains("hint:") && stderr.contains("--cr-token-file"), "{stderr}");
}

#[test]
fn bad_token_files_are_refused_before_any_request() {
    let p = pod();
    let dir = p.world.root.path();
    let fifo = dir.join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let huge = dir.join("huge");
    std::fs::write(&huge, vec![b'a'; 2 << 20]).unwrap();
    let binary = dir.join("binary");
    std::fs::write(&binary, b"\x7fELF\x02\x01\x01\0\0\0sEcReT-bytes").unwrap();
    let not_jwt = dir.join("not-jwt");
    std::fs::write(&not_jwt, "sEcReT-not-a-jwt-at-all").unwrap();
    let expired_token = cr_token(9, -120);
    let expired = dir.join("expired");
    std::fs::write(&expired, &expired_token).unwrap();
    let missing = dir.join("missing");
    let cases: [(&std::path::Path, i32, &str); 7] = [
        (&fifo, 2, "is a FIFO, not a regular file"),
        (dir, 2, "is a directory, not a regular file"),
        (&huge, 2, "larger than 64 KiB"),
        (&binary, 2, "holds NUL bytes"),
        (&not_jwt, 2, "not a JWT"),
        (&expired, 4, "expired 2 min ago; nothing was sent"),
        (&missing, 2, "it does not exist"),
    ];
    for (file, code, why) in cases {
        let started = std::time::Instant::now();
        let a = p
            .world
            .cmd()
            .args(["token", "--profile", "ci-builder", "--cr-token-file"])
            .arg(file)
            .assert()
            .code(code);
        assert!(started.elapsed().as_secs() < 10, "{why}: it must not block");
        let stderr = out(&a).1;
        assert!(stderr.contains(why), "{why}: {stderr}");
        assert!(stderr.contains("hint:"), "{stderr}");
        assert_no_secret(&stderr, &[&expired_token]);
        assert!(!stderr.contains("sEcReT"), "{stderr}");
    }
    assert!(p.iam.requests().is_empty(), "nothing may be sent: {:?}", p.iam.requests());
}

#[test]
fn a_token_file_rewritten_in_place_is_never_sent_torn() {
    let p = pod();
    let tokens: Vec<String> = (10..14).map(|n| cr_token(n, 3600)).collect();
    for t in &tokens {
        p.iam.accept(t);
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, file, tokens) = (stop.clone(), p.file.clone(), tokens.clone());
        std::thread::spawn(move || {
            let mut round = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // In place, as a careless rotation does: truncate, then write in two parts.
                use std::io::Write as _;
                let token = &tokens[round % tokens.len()];
                let mut written = std::fs::File::create(&file).unwrap();
                // Cut in the claims, or in the signature (what is left still looks like a JWT).
                let cut = if round % 2 == 0 { token.len() / 2 } else { token.len() - 8 };
                let (first, second) = token.split_at(cut);
                written.write_all(first.as_bytes()).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(2));
                written.write_all(second.as_bytes()).unwrap();
                round += 1;
                std::thread::sleep(std::time::Duration::from_millis(150));
            }
        })
    };
    let mut outcomes = Vec::new();
    for _ in 0..12 {
        let a = p
            .world
            .cmd()
            .args(["token", "--profile", "ci-builder", "--cr-token-file"])
            .arg(&p.file)
            .assert();
        let o = a.get_output();
        outcomes.push((o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned()));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    for sent in p.iam.cr_tokens() {
        assert!(tokens.contains(&sent), "a torn or mixed token reached IAM");
    }
    for (code, stderr) in &outcomes {
        match code {
            Some(0) => {}
            Some(2) => assert!(
                stderr.contains("changed while it was being read")
                    || stderr.contains("is empty")
                    || stderr.contains("is not a JWT"),
                "{stderr}"
            ),
            other => panic!("exit {other:?}: {stderr}"),
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert!(
        outcomes.iter().any(|(c, _)| *c == Some(0)),
        "some reads must get through: {outcomes:?}"
    );
}

#[test]
fn a_profile_iam_refuses_is_exit_4_with_iams_message_scrubbed() {
    let p = pod();
    let a = p
        .world
        .cmd()
        .args(["token", "--profile", "Profile-unknown", "--cr-token-file"])
        .arg(&p.file)
        .assert()
        .code(4);
    let stderr = out(&a).1;
    assert!(
        stderr.contains("trusted profile Profile-unknown was refused (HTTP 400, BXNIM0541E): Compute resource is not trusted by profile Profile-unknown (requestId req-cr-1)"),
        "{stderr}"
    );
    assert!(stderr.contains("ibmcloud iam trusted-profile-rules Profile-unknown"), "{stderr}");
    for status in ["401 Unauthorized", "403 Forbidden"] {
        let echo = p.token.clone();
        let iam = HttpServer::start(vec![Reply::status(
            status,
            &[("Content-Type", "application/json")],
            &json!({"errorCode": "BXNIM0407E", "errorMessage": format!("bad token {echo}"), "context": {"requestId": "r-2"}}).to_string(),
        )]);
        let a = p.token_at(&iam.url()).assert().code(4);
        let stderr = out(&a).1;
        assert!(stderr.contains("bad token ****"), "{status}: {stderr}");
        assert_no_secret(&stderr, &[&p.token]);
    }
}

/// A 200 with a fresh profile token.
fn granted() -> Reply {
    Reply::status(
        "200 OK",
        &[("Content-Type", "application/json")],
        &json!({"access_token": profile_token(&PROFILES[0], 3600, "cr"), "expires_in": 3600})
            .to_string(),
    )
}

#[test]
fn iam_failing_rate_limiting_redirecting_or_stalling_is_handled() {
    let p = pod();
    let run = |iam: &HttpServer| p.token_at(&iam.url()).assert();
    // 503, then 200: retried.
    let iam = HttpServer::start(vec![Reply::status("503 Service Unavailable", &[], ""), granted()]);
    run(&iam).success();
    assert_eq!(iam.requests().len(), 2);
    // 429 with Retry-After: waited for, then retried.
    let iam = HttpServer::start(vec![
        Reply::status("429 Too Many Requests", &[("Retry-After", "1")], ""),
        granted(),
    ]);
    let started = std::time::Instant::now();
    run(&iam).success();
    assert!(started.elapsed().as_millis() >= 1000, "Retry-After must be honoured");
    // A redirect is never followed: the token would go to its target.
    let elsewhere = HttpServer::start(vec![granted()]);
    let to = format!("{}/identity/token", elsewhere.url());
    let iam =
        HttpServer::start(vec![Reply::status("307 Temporary Redirect", &[("Location", &to)], "")]);
    let stderr = out(&run(&iam).code(1)).1;
    assert!(stderr.contains("307") && stderr.contains("redirect"), "{stderr}");
    assert!(elsewhere.requests().is_empty(), "the redirect target must get nothing");
    // Too large an answer.
    let iam = HttpServer::start(vec![Reply::Stream {
        head: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
            .into(),
        body_bytes: 3 << 20,
    }]);
    let stderr = out(&run(&iam).code(1)).1;
    assert!(stderr.contains("larger than 1 MiB"), "{stderr}");
    // An answer that stops arriving.
    let iam = HttpServer::start(vec![Reply::Stall {
        head: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"access".into(),
        secs: 6,
    }]);
    let mut w = World::new();
    w.env("IBMCLOUD_HTTP_TIMEOUT", "2");
    let started = std::time::Instant::now();
    let a = w
        .cmd()
        .args(["token", "--profile", "ci-builder", "--iam-endpoint", &iam.url(), "--cr-token-file"])
        .arg(&p.file)
        .assert()
        .code(1);
    assert!(started.elapsed().as_secs() < 10);
    let stderr = out(&a).1;
    assert!(stderr.contains("timed out") || stderr.contains("within 2 s"), "{stderr}");
    assert_no_secret(&stderr, &[&p.token]);
}

/// A world for the VPC instance identity at `metadata`.
fn vsi(metadata: &str) -> World {
    let mut w = World::new();
    w.env("IBMCLOUD_VPC_CRI", "true").env("IBMCLOUD_VPC_METADATA_ENDPOINT", metadata);
    w
}

#[test]
fn the_vpc_identity_takes_the_two_documented_requests() {
    let md = FakeIdentity::metadata(Api::Old);
    let w = vsi(&md.url());
    let a = w.cmd().arg("token").assert().success();
    assert_eq!(out(&a).0, md.issued()[0]);
    let requests = md.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    let put = &requests[0];
    assert!(
        put.starts_with("PUT /instance_identity/v1/token?version=2022-03-01 HTTP/1.1\r\n"),
        "{put}"
    );
    let h = head(put).to_ascii_lowercase();
    for header in
        ["metadata-flavor: ibm", "content-type: application/json", "accept: application/json"]
    {
        assert!(h.contains(&format!("\r\n{header}")), "{header}: {h}");
    }
    assert_eq!(put.split_once("\r\n\r\n").unwrap().1, r#"{"expires_in":300}"#);
    let post = &requests[1];
    assert!(
        post.starts_with("POST /instance_identity/v1/iam_token?version=2022-03-01 HTTP/1.1\r\n"),
        "{post}"
    );
    assert_eq!(post.split_once("\r\n\r\n").unwrap().1, "", "no profile named: no body");
    let claims = decode(&md.issued()[0]);
    assert_eq!(claims["sub"], PROFILES[0].id, "the profile linked to the instance");

    // A profile by ID, then by CRN; a name is refused before anything is sent.
    for (given, body) in [
        (PROFILES[1].id, json!({"trusted_profile": {"id": PROFILES[1].id}})),
        (PROFILES[1].crn, json!({"trusted_profile": {"crn": PROFILES[1].crn}})),
    ] {
        w.cmd().args(["token", "--profile", given]).assert().success();
        let post = md.requests().last().unwrap().clone();
        let sent: Value = serde_json::from_str(post.split_once("\r\n\r\n").unwrap().1).unwrap();
        assert_eq!(sent, body);
        assert!(head(&post).contains(&format!("Bearer {}", "ey")), "the instance token as Bearer");
        assert_eq!(decode(md.issued().last().unwrap())["sub"], PROFILES[1].id);
    }
    let before = md.requests().len();
    let stderr = out(&w.cmd().args(["token", "--profile", "mirror"]).assert().code(2)).1;
    assert!(stderr.contains("takes a trusted profile's ID or CRN, not a name"), "{stderr}");
    assert_eq!(md.requests().len(), before);
}

fn decode(token: &str) -> Value {
    let claims = token.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, claims).unwrap(),
    )
    .unwrap()
}

#[test]
fn the_metadata_service_off_old_unreadable_or_hanging_is_said_plainly() {
    // Off: nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let w = vsi(&format!("http://127.0.0.1:{port}"));
    let stderr = out(&w.cmd().arg("token").assert().code(1)).1;
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert!(stderr.contains("metadata service must be enabled on the instance"), "{stderr}");

    // Only the renamed paths: found after one 404.
    let md = FakeIdentity::metadata(Api::Renamed);
    let a = vsi(&md.url()).cmd().arg("token").assert().success();
    assert_eq!(out(&a).0, md.issued()[0]);
    let lines: Vec<String> =
        md.requests().iter().map(|r| r.lines().next().unwrap().to_owned()).collect();
    assert_eq!(
        lines,
        [
            "PUT /instance_identity/v1/token?version=2022-03-01 HTTP/1.1",
            "PUT /identity/v1/token?version=2025-08-26 HTTP/1.1",
            "POST /identity/v1/iam_tokens?version=2025-08-26 HTTP/1.1",
        ]
    );

    // 404 everywhere: both paths named.
    let md = FakeIdentity::metadata(Api::None);
    let stderr = out(&vsi(&md.url()).cmd().arg("token").assert().code(1)).1;
    assert!(
        stderr.contains("/instance_identity/v1/token?version=2022-03-01")
            && stderr.contains("/identity/v1/token?version=2025-08-26"),
        "{stderr}"
    );

    // Not JSON.
    let md = HttpServer::start(vec![Reply::status(
        "200 OK",
        &[("Content-Type", "text/html")],
        "<html>captive portal</html>",
    )]);
    let stderr = out(&vsi(&md.url()).cmd().arg("token").assert().code(1)).1;
    assert!(stderr.contains("instance identity token answer is not JSON"), "{stderr}");

    // Hanging.
    let md = HttpServer::start(vec![Reply::Stall { head: String::new(), secs: 8 }]);
    let mut w = vsi(&md.url());
    w.env("IBMCLOUD_HTTP_TIMEOUT", "2");
    let started = std::time::Instant::now();
    let stderr = out(&w.cmd().arg("token").assert().code(1)).1;
    assert!(started.elapsed().as_secs() < 8, "bounded by the timeout");
    assert!(stderr.contains("no answer within 2 s"), "{stderr}");

    // The instance's token refused for a profile: exit 4, the service's message.
    let md = FakeIdentity::metadata(Api::Old);
    let stderr = out(&vsi(&md.url())
        .cmd()
        .args(["token", "--profile", "Profile-not-linked"])
        .assert()
        .code(4))
    .1;
    assert!(stderr.contains("The trusted profile is not linked to this instance"), "{stderr}");
    // Plain http elsewhere is refused before anything is sent.
    let stderr = out(&vsi("http://metadata.example.com").cmd().arg("token").assert().code(2)).1;
    assert!(stderr.contains("refusing plain http"), "{stderr}");
}

#[test]
fn as_profile_logs_in_with_the_profile_id_and_the_service_id_key() {
    let mut w = World::new();
    w.client("podman");
    let key = "sErViCe-ID-kEy_0123456789abcdefghijklmnopqr";
    w.env("IBMCLOUD_API_KEY", key);
    w.cmd()
        .args([
            "login",
            "-q",
            "--as",
            "profile",
            "--profile",
            PROFILES[0].id,
            "--registry",
            "us.icr.io",
        ])
        .assert()
        .success();
    let calls = w.calls("podman");
    assert_eq!(calls[0].argv, ["login", "-u", PROFILES[0].id, "--password-stdin", "us.icr.io"]);
    assert_eq!(calls[0].stdin, key.as_bytes(), "the key, no newline");
    // No profile, a name, or no key: refused with a hint.
    let stderr = out(&w
        .cmd()
        .args(["login", "--as", "profile", "--registry", "us.icr.io"])
        .assert()
        .code(2))
    .1;
    assert!(
        stderr.contains("needs the trusted profile's ID") && stderr.contains("hint:"),
        "{stderr}"
    );
    let stderr = out(&w
        .cmd()
        .args(["login", "--as", "profile", "--profile", "ci-builder", "--registry", "us.icr.io"])
        .assert()
        .code(2))
    .1;
    assert!(stderr.contains("not 'ci-builder'"), "{stderr}");
    let bare = World::new();
    bare.client("podman");
    let stderr = out(&bare
        .cmd()
        .args(["login", "--as", "profile", "--profile", PROFILES[0].id])
        .assert()
        .code(2))
    .1;
    assert!(stderr.contains("--as profile logs in with an API key"), "{stderr}");
    assert_eq!(w.calls("podman").len(), 1);
}

#[test]
fn dry_run_shows_each_request_with_every_token_masked() {
    let p = pod();
    p.world.client("docker");
    let a = p
        .world
        .cmd()
        .args([
            "login",
            "--dry-run",
            "--profile",
            "ci-builder",
            "-r",
            "us-south",
            "--cr-token-file",
        ])
        .arg(&p.file)
        .assert()
        .success();
    let stdout = out(&a).0;
    assert_eq!(
        stdout,
        format!(
            "POST {}/identity/token -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' -d 'grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Acr-token&cr_token=****&profile_name=ci-builder'\n\
             printf '%s' '****' | docker login -u iambearer --password-stdin us.icr.io\n",
            p.iam.url()
        )
    );
    assert!(p.iam.requests().is_empty(), "a dry run sends nothing");
    let md = FakeIdentity::metadata(Api::Old);
    let w = vsi(&md.url());
    w.client("docker");
    let a = w
        .cmd()
        .args([
            "login",
            "--dry-run",
            "--output",
            "json",
            "--profile",
            PROFILES[0].id,
            "-r",
            "eu-de",
        ])
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(doc["requests"][0]["method"], "PUT");
    assert_eq!(doc["requests"][0]["headers"]["Metadata-Flavor"], "ibm");
    assert_eq!(
        doc["requests"][1]["url"],
        format!("{}/instance_identity/v1/iam_token?version=2022-03-01", md.url())
    );
    assert_eq!(doc["requests"][1]["headers"]["Authorization"], "Bearer ****");
    assert_eq!(
        doc["requests"][1]["body"],
        json!({"trusted_profile": {"id": PROFILES[0].id}}).to_string()
    );
    assert_eq!(
        doc["commands"][0],
        json!(["docker", "login", "-u", "iambearer", "--password-stdin", "de.icr.io"])
    );
    assert!(md.requests().is_empty());
    // A dry run fails where the run would: an expired token.
    std::fs::write(&p.file, cr_token(2, -30)).unwrap();
    p.world
        .cmd()
        .args(["login", "--dry-run", "--profile", "ci-builder", "--cr-token-file"])
        .arg(&p.file)
        .assert()
        .code(4);
}

#[test]
fn status_shows_the_profile_its_account_expiry_and_source() {
    let p = pod();
    let a = p
        .world
        .cmd()
        .args(["status", "--profile", "ci-builder", "--cr-token-file"])
        .arg(&p.file)
        .assert()
        .success();
    let stdout = out(&a).0;
    assert!(
        stdout
            .starts_with(&format!("IBM Cloud: trusted profile ci-builder ({})\n", PROFILES[0].id)),
        "{stdout}"
    );
    assert!(stdout.contains("  sub_type  Profile\n"), "{stdout}");
    assert!(stdout.contains(&format!("  account   {ACCOUNT}\n")), "{stdout}");
    assert!(stdout.contains("valid until") && stdout.contains(&format!("from trusted profile ci-builder with the compute-resource token in {} (from --cr-token-file)", p.file.display())), "{stdout}");
    let a = p
        .world
        .cmd()
        .args(["status", "--output", "json", "--profile", "ci-builder", "--cr-token-file"])
        .arg(&p.file)
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&out(&a).0).unwrap();
    let id = &doc["identity"];
    assert_eq!(id["sub_type"], "Profile");
    assert_eq!(id["profile"], json!({"id": PROFILES[0].id, "name": "ci-builder"}));
    assert_eq!(id["account"], ACCOUNT);
    assert!(id["expires_at"].as_i64().unwrap() > now());
    assert!(id["source"].as_str().unwrap().contains("trusted profile ci-builder"));
    assert_no_secret(&doc.to_string(), &[&p.token, &p.iam.issued()[0]]);
}

#[test]
fn the_helper_caches_a_profile_token_and_rereads_the_rotated_file_when_it_nears_expiry() {
    let p = pod();
    p.world.install_helper().client("docker");
    p.iam.ttl(303);
    p.world
        .cmd()
        .args([
            "configure",
            "-q",
            "--client",
            "docker",
            "--profile",
            "ci-builder",
            "--cr-token-file",
        ])
        .arg(&p.file)
        .assert()
        .success();
    let dirs = p.world.home.join(".config/cr-ext/config.json");
    let recorded: Value = serde_json::from_str(&std::fs::read_to_string(&dirs).unwrap()).unwrap();
    assert_eq!(
        recorded["identity"],
        json!({"profile": "ci-builder", "cr_token_file": p.file.display().to_string()})
    );
    assert_no_secret(&recorded.to_string(), &[&p.token]);

    let get = || {
        let a = p.world.helper("get").write_stdin("us.icr.io").assert().success();
        let answer: Value = serde_json::from_str(&out(&a).0).unwrap();
        assert_eq!(answer["Username"], "iambearer");
        answer["Secret"].as_str().unwrap().to_owned()
    };
    let first = get();
    assert_eq!(first, p.iam.issued()[0]);
    assert_eq!(get(), first, "served from the cache");
    assert_eq!(p.iam.requests().len(), 1, "one exchange for two gets");
    let cache = std::fs::read_dir(p.world.home.join(".cache/cr-ext")).unwrap();
    for entry in cache {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
        assert!(!text.contains(&p.token), "the compute-resource token is never cached");
    }
    // The kubelet rotates the projected token; the cached one nears expiry (303 s, served
    // while more than 300 s are left).
    let rotated = cr_token(2, 3600);
    p.iam.accept(&rotated);
    std::fs::write(&p.file, &rotated).unwrap();
    std::thread::sleep(std::time::Duration::from_secs(4));
    p.iam.ttl(3600);
    let second = get();
    assert_ne!(second, first);
    assert_eq!(second, p.iam.issued()[1]);
    assert_eq!(p.iam.cr_tokens(), [p.token.clone(), rotated], "the file was read again");
}

#[test]
fn configure_records_the_vpc_identity_and_the_helper_uses_it() {
    let md = FakeIdentity::metadata(Api::Old);
    let w = World::new();
    w.install_helper().client("docker");
    w.cmd()
        .args([
            "configure",
            "-q",
            "--client",
            "docker",
            "--vpc-cri",
            "--profile",
            PROFILES[1].crn,
            "--metadata-endpoint",
            &md.url(),
        ])
        .assert()
        .success();
    let a = w.helper("get").write_stdin("de.icr.io").assert().success();
    let answer: Value = serde_json::from_str(&out(&a).0).unwrap();
    assert_eq!(answer["Secret"], md.issued()[0].as_str());
    assert_eq!(decode(&md.issued()[0])["sub"], PROFILES[1].id);
    // configure --apikey-file replaces the recorded identity.
    let key = w.root.path().join("key");
    std::fs::write(&key, "k3y-0123456789abcdef0123456789abcdef01234").unwrap();
    w.cmd()
        .args(["configure", "-q", "--client", "docker", "--apikey-file"])
        .arg(&key)
        .assert()
        .success();
    let recorded: Value = serde_json::from_str(
        &std::fs::read_to_string(w.home.join(".config/cr-ext/config.json")).unwrap(),
    )
    .unwrap();
    assert!(
        recorded.get("identity").is_none() && recorded["apikey_file"].is_string(),
        "{recorded}"
    );
}

#[test]
fn the_helpers_cache_serves_only_the_workload_whose_token_is_presented() {
    let p = pod();
    p.world.install_helper();
    let iam = p.iam.url();
    // One helper get in `dir`, with IBMCLOUD_CR_TOKEN=`token`: (exit code, stdout, stderr).
    let get = |token: &str, dir: &std::path::Path| {
        let o = p
            .world
            .helper("get")
            .current_dir(dir)
            .env("IBMCLOUD_CR_PROFILE", "ci-builder")
            .env("IAM_ENDPOINT", &iam)
            .env("IBMCLOUD_CR_TOKEN", token)
            .write_stdin("us.icr.io")
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (o.status.code(), text(&o.stdout), text(&o.stderr))
    };
    let root = p.world.root.path();
    let (code, first, _) = get(&p.token, root);
    assert_eq!(code, Some(0));
    // A garbage or expired token now, with a warm cache: refused, not served the cached token.
    for bad in ["garbage-not-a-jwt".to_owned(), cr_token(5, -60)] {
        let (code, stdout, stderr) = get(&bad, root);
        assert_eq!(code, Some(1), "{stdout}");
        assert!(!stdout.contains("eyJ"), "a cached token for an unusable one: {stdout}");
        assert!(stderr.contains("not a JWT") || stderr.contains("expired"), "{stderr}");
    }
    // Two pods' token files, both named by the same relative path: two identities, two slots.
    let other = cr_token(6, 3600);
    p.iam.accept(&other);
    for (dir, token) in [("a", &p.token), ("b", &other)] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::write(root.join(dir).join("tok"), token).unwrap();
    }
    let (code_a, in_a, _) = get("@tok", &root.join("a"));
    let (code_b, in_b, _) = get("@tok", &root.join("b"));
    assert_eq!((code_a, code_b), (Some(0), Some(0)));
    assert!(in_a.contains("eyJ") && in_b.contains("eyJ") && first.contains("eyJ"));
    // Nothing unusable was sent, and pod b's token was exchanged for pod b, not served pod
    // a's cached one.
    assert_eq!(p.iam.cr_tokens(), [p.token.clone(), p.token.clone(), other]);
}

#[test]
fn a_trickled_answer_ends_at_the_timeout() {
    let p = pod();
    let trickle = || {
        HttpServer::start(vec![Reply::Trickle {
            head:
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                    .into(),
            bytes: 1000,
            every_ms: 100,
        }])
    };
    let iam = trickle();
    let md = trickle();
    let mut w = vsi(&md.url());
    w.env("IBMCLOUD_HTTP_TIMEOUT", "2");
    for args in [
        vec![
            "token".to_owned(),
            "--profile".into(),
            "ci-builder".into(),
            "--iam-endpoint".into(),
            iam.url(),
            "--cr-token-file".into(),
            p.file.display().to_string(),
        ],
        vec!["token".to_owned()],
    ] {
        let started = std::time::Instant::now();
        let mut cmd = w.cmd();
        if args.len() > 1 {
            cmd.env_remove("IBMCLOUD_VPC_CRI");
        }
        let stderr = out(&cmd.args(&args).assert().code(1)).1;
        assert!(started.elapsed().as_secs() < 8, "{args:?}: {:?}", started.elapsed());
        assert!(stderr.contains("did not arrive in full within 2 s (timed out)"), "{stderr}");
    }
}

#[test]
fn an_expired_profile_token_a_redirecting_metadata_service_and_a_path_with_a_newline() {
    let p = pod();
    let stale = HttpServer::start(vec![Reply::status(
        "200 OK",
        &[("Content-Type", "application/json")],
        &json!({"access_token": profile_token(&PROFILES[0], -100, "cr")}).to_string(),
    )]);
    let stderr = out(&p.token_at(&stale.url()).assert().code(1)).1;
    assert!(
        stderr.contains("expired 100 s ago (is this machine's clock right?)")
            || stderr.contains("expired 101 s ago"),
        "{stderr}"
    );
    assert!(!stderr.contains("ibmcloud login"), "not the CLI session's advice: {stderr}");

    let elsewhere = HttpServer::start(vec![Reply::status("200 OK", &[], "{}")]);
    let to = format!("{}/steal", elsewhere.url());
    let md =
        HttpServer::start(vec![Reply::status("307 Temporary Redirect", &[("Location", &to)], "")]);
    let stderr = out(&vsi(&md.url()).cmd().arg("token").assert().code(1)).1;
    assert!(
        stderr.contains("metadata service") && stderr.contains("a redirect to host '127.0.0.1:"),
        "{stderr}"
    );
    assert!(!stderr.contains("IAM_ENDPOINT"), "{stderr}");
    assert!(elsewhere.requests().is_empty());

    let forged = p.world.root.path().join("a\nFAKE: ok\u{1b}[2J");
    let stderr = out(&p
        .world
        .cmd()
        .args(["token", "-v", "--profile", "ci-builder", "--cr-token-file"])
        .arg(&forged)
        .assert()
        .code(2))
    .1;
    assert!(stderr.lines().all(|l| !l.starts_with("FAKE")), "a forged line: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}
