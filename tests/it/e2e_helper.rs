//! End-to-end for the credential helper: after `cr-ext configure --registry 127.0.0.1:PORT`,
//! with no stored login anywhere, the real docker (no daemon: `docker manifest inspect`),
//! skopeo (inspect, copy), podman and buildah (pull into vfs storage in a temporary root) reach
//! a real registry (TLS, htpasswd) through `docker-credential-cr-ext`, and fail after
//! `configure --remove`. The helper is started through a wrapper that counts its calls, so the
//! test observes that each client really asked it. Only `ibmcloud` is faked (the session's
//! cached token is the fast path).
//!
//! `#[ignore]`d for a plain `cargo test`; `scripts/test.sh` runs them with `--include-ignored`.

use crate::support;
use std::process::Output;

use crate::support::http::{HttpServer, Reply};
use crate::support::registry::{Registry, tiny_image};
use crate::support::{World, jwt_expiring_in};
use serde_json::json;

struct Setup {
    world: World,
    registry: Registry,
    image: String,
    token: String,
}

/// A registry whose `iambearer` password is the session token, a world whose helper is
/// wrapped by a call counter, and a tiny OCI image to push.
fn setup() -> Setup {
    let token = jwt_expiring_in(3600);
    let registry = Registry::start(&[("iambearer", &token)]);
    let mut world = World::new();
    world.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    world.cli_config(&json!({ "IAMToken": format!("Bearer {token}") }));
    counting_helper(&world);
    let image = tiny_image(&world, "hello through the helper\n");
    Setup { world, registry, image, token }
}

/// Installs the helper behind a wrapper that counts its calls (see [`helper_calls`]).
fn counting_helper(world: &World) {
    let wrapper = world.bin.join("docker-credential-cr-ext");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/bash\nprintf '%s %s\\n' \"${{PPID}}\" \"$1\" >> '{log}/helper.calls'\nexec -a docker-credential-cr-ext '{bin}' \"$@\"\n",
            log = world.log.display(),
            bin = assert_cmd::cargo::cargo_bin("cr-ext").display()
        ),
    )
    .unwrap();
    support::make_executable(&wrapper);
}

/// The helper's calls so far: the action of each.
fn helper_calls(w: &World) -> Vec<String> {
    std::fs::read_to_string(w.log.join("helper.calls"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split(' ').nth(1).unwrap_or("").to_owned())
        .collect()
}

fn output_text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Runs `program args` and returns (success, output, helper `get` calls it caused).
fn observed(w: &World, program: &str, args: &[&str]) -> (bool, String, usize) {
    let before = helper_calls(w).len();
    let o = w.system_cmd(program).args(args).output().unwrap();
    let gets = helper_calls(w)[before..].iter().filter(|a| *a == "get").count();
    (o.status.success(), output_text(&o), gets)
}

fn storage_args(w: &World, who: &str) -> Vec<String> {
    let root = w.root.path().join(format!("{who}-storage"));
    vec![
        "--root".into(),
        root.join("root").display().to_string(),
        "--runroot".into(),
        root.join("runroot").display().to_string(),
        "--storage-driver".into(),
        "vfs".into(),
    ]
}

/// Every client's pull or inspect of the pushed image, podman and buildah into storage of
/// their own for `phase` (an image already pulled would not go to the registry); each entry:
/// (what, success, output, gets).
fn every_client(s: &Setup, phase: &str) -> Vec<(&'static str, bool, String, usize)> {
    let w = &s.world;
    let reference = format!("{}/cr-ext/helper:v1", s.registry.host());
    let docker_ref = format!("docker://{reference}");
    let mut results = Vec::new();
    let (ok, text, gets) =
        observed(w, "docker", &["manifest", "inspect", "--insecure", &reference]);
    results.push(("docker manifest inspect", ok, text, gets));
    let (ok, text, gets) = observed(w, "skopeo", &["inspect", &docker_ref]);
    results.push(("skopeo inspect", ok, text, gets));
    let podman: Vec<String> = storage_args(w, &format!("podman-{phase}"))
        .into_iter()
        .chain(["pull".into(), "-q".into(), docker_ref.clone()])
        .collect();
    let podman: Vec<&str> = podman.iter().map(String::as_str).collect();
    let (ok, text, gets) = observed(w, "podman", &podman);
    results.push(("podman pull", ok, text, gets));
    let buildah: Vec<String> = storage_args(w, &format!("buildah-{phase}"))
        .into_iter()
        .chain(["pull".into(), "-q".into(), docker_ref])
        .collect();
    let buildah: Vec<&str> = buildah.iter().map(String::as_str).collect();
    let (ok, text, gets) = observed(w, "buildah", &buildah);
    results.push(("buildah pull", ok, text, gets));
    results
}

fn push(s: &Setup) -> (bool, String, usize) {
    let remote = format!("docker://{}/cr-ext/helper:v1", s.registry.host());
    observed(&s.world, "skopeo", &["copy", "-q", &s.image, &remote])
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn every_client_pulls_and_pushes_through_the_helper_and_not_after_remove() {
    let s = setup();
    let host = s.registry.host();
    let (ok, text, _) = push(&s);
    assert!(!ok, "no login and no helper: the push must fail: {text}");

    s.world.cmd().args(["configure", "-q", "--registry", &host]).assert().success();
    // No stored login anywhere: only the helper can answer.
    for file in
        [s.world.home.join(".docker/config.json"), s.world.runtime.join("containers/auth.json")]
    {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(!text.contains("\"auth\""), "{}: {text}", file.display());
    }
    let (ok, text, gets) = push(&s);
    assert!(ok, "skopeo copy through the helper: {text}");
    assert!(gets >= 1, "skopeo copy must have asked the helper");
    let mut counts = vec![("skopeo copy (push)", gets)];
    for (what, ok, text, gets) in every_client(&s, "configured") {
        assert!(ok, "{what} through the helper failed: {text}");
        assert!(gets >= 1, "{what} never asked the helper");
        counts.push((what, gets));
    }
    eprintln!("helper get calls per command: {counts:?}");

    s.world.cmd().args(["configure", "-q", "--remove", "--registry", &host]).assert().success();
    for (what, ok, text, _) in every_client(&s, "removed") {
        assert!(!ok, "{what} must fail once the helper is removed");
        assert!(refused(&text), "{what}: {text}");
    }
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn a_stale_runtime_login_is_removed_so_the_helper_is_used() {
    let s = setup();
    let host = s.registry.host();
    s.world.cmd().args(["configure", "-q", "--registry", &host, "-c", "skopeo"]).assert().success();
    let (ok, text, _) = push(&s);
    assert!(ok, "{text}");
    // The trap: a stored login with a wrong password in the file read first.
    let runtime = s.world.runtime.join("containers/auth.json");
    let wrong = base64_encode("iambearer:wrong-password-0123456789");
    // Made here as a plain `podman login` would: configure creates nothing in the runtime
    // directory when it has nothing to remove there.
    std::fs::create_dir_all(runtime.parent().unwrap()).unwrap();
    std::fs::write(&runtime, json!({"auths": {&host: {"auth": wrong}}}).to_string()).unwrap();
    let inspect = |s: &Setup| {
        observed(&s.world, "skopeo", &["inspect", &format!("docker://{host}/cr-ext/helper:v1")])
    };
    let (ok, text, gets) = inspect(&s);
    assert!(!ok && gets == 0, "the stale entry shadows the helper: {text}");
    s.world
        .cmd()
        .args(["configure", "--registry", &host, "-c", "skopeo"])
        .assert()
        .success()
        .stderr(predicates::str::contains(format!(
            "{}: {host}: stored login removed",
            runtime.display()
        )));
    let (ok, text, gets) = inspect(&s);
    assert!(ok && gets >= 1, "{text}");
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn docker_login_without_user_and_logout_work_with_the_helper() {
    let mut s = setup();
    let host = s.registry.host();
    // `docker login HOST` with credentials already at hand checks them through the engine
    // (POST /auth), and no engine runs here: a loopback stand-in answers as the engine does
    // and records what it was sent.
    let engine = HttpServer::start(vec![Reply::status(
        "200 OK",
        &[("Content-Type", "application/json"), ("Api-Version", "1.45")],
        r#"{"Status":"Login Succeeded","IdentityToken":""}"#,
    )]);
    s.world.env("DOCKER_HOST", &format!("tcp://127.0.0.1:{}", engine.port));
    s.world.cmd().args(["configure", "-q", "--registry", &host, "-c", "docker"]).assert().success();
    let (ok, text, gets) = observed(&s.world, "docker", &["login", &host]);
    assert!(ok, "docker login through the helper: {text}");
    assert!(text.contains("Login Succeeded"), "{text}");
    assert!(gets >= 1, "{text}");
    let auth = engine
        .requests()
        .into_iter()
        .find(|r| r.contains("/auth "))
        .expect("docker asked the engine");
    assert!(
        auth.contains(&format!("\"password\":\"{}\"", s.token)),
        "the helper's token reached docker: {auth}"
    );
    assert!(
        helper_calls(&s.world).contains(&"store".to_owned()),
        "docker login stores through the helper"
    );
    let (ok, text, _) = observed(&s.world, "docker", &["logout", &host]);
    assert!(ok, "{text}");
    assert!(helper_calls(&s.world).contains(&"erase".to_owned()));
    let config = std::fs::read_to_string(s.world.home.join(".docker/config.json")).unwrap();
    assert!(!config.contains("\"auth\""), "no secret stored: {config}");
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn credsstore_cr_ext_hands_no_token_to_an_unrecorded_host() {
    let s = setup();
    let host = s.registry.host();
    let docker = s.world.home.join(".docker");
    std::fs::create_dir_all(&docker).unwrap();
    std::fs::write(docker.join("config.json"), r#"{"credsStore":"cr-ext"}"#).unwrap();
    let (ok, text, gets) = observed(
        &s.world,
        "docker",
        &["manifest", "inspect", "--insecure", &format!("{host}/cr-ext/helper:v1")],
    );
    assert!(!ok, "{text}");
    assert!(gets >= 1, "docker asked the helper, which must say not found");
    assert!(refused(&text), "{text}");
}

/// The registry's 401, as each client words it (docker: "no basic auth credentials").
fn refused(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["401", "unauthorized", "authentication required", "no basic auth credentials"]
        .iter()
        .any(|w| lower.contains(w))
}

fn base64_encode(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// The helper serving a trusted profile's token (from a compute-resource token file) to a
/// real skopeo, from its cache on the next pull, then, once the cached token nears expiry, a
/// new one exchanged with the rotated token file.
#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn the_helper_serves_a_profile_token_and_a_new_one_after_the_token_file_rotates() {
    use crate::support::fake_identity::{FakeIdentity, PROFILES, cr_token, profile_token};
    // A registry that takes this profile's tokens (bcrypt reads their common first 72 bytes).
    let registry = Registry::start(&[("iambearer", &profile_token(&PROFILES[0], 3600, "x"))]);
    let mut world = World::new();
    world.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    counting_helper(&world);
    let host = registry.host();
    let first = cr_token(1, 3600);
    let iam = FakeIdentity::iam(std::slice::from_ref(&first));
    world.env("IAM_ENDPOINT", &iam.url());
    let file = world.root.path().join("sa-token");
    std::fs::write(&file, &first).unwrap();
    // The first token lives 303 s: served from the cache while more than 300 s are left.
    iam.ttl(303);
    world
        .cmd()
        .args([
            "configure",
            "-q",
            "-c",
            "skopeo",
            "--registry",
            &host,
            "--profile",
            "ci-builder",
            "--cr-token-file",
        ])
        .arg(&file)
        .assert()
        .success();
    let image = tiny_image(&world, "pushed by a trusted profile\n");
    let remote = format!("docker://{host}/cr-ext/profile:v1");
    let (ok, text, gets) = observed(&world, "skopeo", &["copy", "-q", &image, &remote]);
    assert!(ok && gets >= 1, "push through the helper: {text}");
    let (ok, text, gets) = observed(&world, "skopeo", &["inspect", &remote]);
    assert!(ok && gets >= 1, "{text}");
    assert_eq!(iam.requests().len(), 1, "one exchange; every other get from the cache");

    let rotated = cr_token(2, 3600);
    iam.accept(&rotated);
    std::fs::write(&file, &rotated).unwrap();
    iam.ttl(3600);
    std::thread::sleep(std::time::Duration::from_secs(4));
    let (ok, text, gets) = observed(&world, "skopeo", &["inspect", &remote]);
    assert!(ok && gets >= 1, "after the rotation: {text}");
    assert_eq!(iam.cr_tokens(), [first, rotated], "the rotated file was read for the new token");
    let issued = iam.issued();
    assert_eq!(issued.len(), 2);
    assert_ne!(issued[0], issued[1]);
    // What the helper hands out now is the new token.
    let answer = world.helper("get").write_stdin(host.clone()).assert().success();
    let answer: serde_json::Value = serde_json::from_slice(&answer.get_output().stdout).unwrap();
    assert_eq!(answer["Secret"], issued[1].as_str());
}
