//! End-to-end: the real cr-ext binary logs the real docker, podman, buildah and skopeo in to a
//! real registry (TLS, htpasswd) on loopback; only `ibmcloud` is faked. Proof that the right
//! secret arrived is the decoded entry of the client's credentials file, compared byte for byte
//! (bcrypt checks only 72 bytes, so the registry's acceptance proves nothing about the rest).
//!
//! These tests are `#[ignore]`d for a plain `cargo test`; `scripts/test.sh` runs them with
//! `--include-ignored` once `scripts/e2e-setup.sh` has installed the tools.

use crate::support;
use crate::support::registry::{Registry, run, tiny_image};
use crate::support::{World, jwt, jwt_expiring_in, now};
use base64::Engine as _;
use serde_json::{Value, json};

struct E2e {
    world: World,
    registry: Registry,
    token: String,
}

const API_KEY: &str = "e2e-ApiKey_0123456789abcdefghijklmnopqrstuvwxyzABCD";
const REFRESH_TOKEN: &str =
    "e2e-refresh.OKAYtoken_0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP";

/// A registry with the three IAM usernames: `iambearer`'s password is the session token
/// `ibmcloud` will print, `iamapikey`'s the API key, `iamrefresh`'s the refresh token.
fn setup() -> E2e {
    let token = jwt_expiring_in(3600);
    let registry = Registry::start(&[
        ("iambearer", &token),
        ("iamapikey", API_KEY),
        ("iamrefresh", REFRESH_TOKEN),
    ]);
    let mut world = World::new();
    world.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    world.ibmcloud_session(&token);
    E2e { world, registry, token }
}

/// The credentials file `client` writes in this world (DESIGN.md §7).
fn auth_file(w: &World, client: &str) -> std::path::PathBuf {
    if client == "docker" {
        w.home.join(".docker/config.json")
    } else {
        w.runtime.join("containers/auth.json")
    }
}

/// The decoded `user:secret` stored for `host` by `client`, if any.
fn stored(w: &World, client: &str, host: &str) -> Option<String> {
    let text = std::fs::read_to_string(auth_file(w, client)).ok()?;
    let doc: Value = serde_json::from_str(&text).expect("credentials file is JSON");
    let auth = doc["auths"][host]["auth"].as_str()?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(auth).unwrap();
    Some(String::from_utf8(bytes).unwrap())
}

fn login_stores_exact_token(client: &str) {
    let e = setup();
    let host = e.registry.host();
    let a =
        e.world.cmd().args(["login", "--client", client, "--registry", &host]).assert().success();
    let out = a.get_output();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("Logging '{client}' in to '{host}'...\nLogged in to '{host}'.\nOK\n")
    );
    let want = format!("iambearer:{}", e.token);
    assert_eq!(stored(&e.world, client, &host).as_deref(), Some(want.as_str()));
}

/// `--as apikey` with the key in a file, and `--as refresh` with the refresh token IAM (a real
/// HTTP server on loopback) returns for the key: each stored byte for byte.
fn apikey_and_refresh_logins_store_exact_secrets(client: &str) {
    let mut e = setup();
    let host = e.registry.host();
    let key_file = e.world.root.path().join("apikey.txt");
    std::fs::write(&key_file, format!("{API_KEY}\n")).unwrap();
    let login_as = |world: &World, kind: &str| {
        let args = ["login", "-q", "--as", kind, "--client", client, "--registry", &host];
        world.cmd().args(args).arg("--apikey-file").arg(&key_file).assert().success();
    };
    login_as(&e.world, "apikey");
    assert_eq!(stored(&e.world, client, &host), Some(format!("iamapikey:{API_KEY}")));

    let mut iam = mockito::Server::new();
    let grant = iam
        .mock("POST", "/identity/token")
        .match_body(mockito::Matcher::UrlEncoded("apikey".into(), API_KEY.into()))
        .with_body(
            json!({"access_token": jwt_expiring_in(3600), "refresh_token": REFRESH_TOKEN})
                .to_string(),
        )
        .expect(1)
        .create();
    e.world.env("IAM_ENDPOINT", &iam.url());
    login_as(&e.world, "refresh");
    grant.assert();
    assert_eq!(stored(&e.world, client, &host), Some(format!("iamrefresh:{REFRESH_TOKEN}")));
}

fn wrong_token_is_refused(client: &str) {
    let e = setup();
    let host = e.registry.host();
    // Same claims, another header: the two differ in their first bytes, well inside bcrypt's 72.
    let wrong = jwt(&json!({"exp": now() + 3600, "kid": "other"})).replacen(
        "eyJ",
        "eyJ0eXAiOiJKV1QiLCJ",
        1,
    );
    assert_ne!(wrong.as_bytes()[..24], e.token.as_bytes()[..24]);
    e.world.ibmcloud_session(&wrong);
    let a = e.world.cmd().args(["login", "--client", client, "--registry", &host]).assert().code(1);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    let reason = if client == "docker" { "401 Unauthorized" } else { "invalid username/password" };
    assert!(err.contains(&format!("{client} could not log in to '{host}'")), "{err}");
    assert!(err.contains(reason), "the registry's reason must show: {err}");
    assert!(!err.contains(&wrong) && !err.contains(&e.token), "{err}");
    assert_eq!(stored(&e.world, client, &host), None, "nothing may be stored");
}

fn push_and_pull_need_the_stored_login(client: &str) {
    let e = setup();
    let host = e.registry.host();
    let image = tiny_image(&e.world, "hello from cr-ext\n");
    let remote = format!("docker://{host}/cr-ext/e2e:v1");
    let push =
        || e.world.system_cmd("skopeo").args(["copy", "-q", &image, &remote]).output().unwrap();
    let inspect = || e.world.system_cmd("skopeo").args(["inspect", &remote]).output().unwrap();

    let refused = push();
    assert!(!refused.status.success(), "push without login must fail");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("authentication required"));

    e.world.cmd().args(["login", "-q", "--client", client, "--registry", &host]).assert().success();
    let pushed = push();
    assert!(pushed.status.success(), "push: {}", String::from_utf8_lossy(&pushed.stderr));
    let inspected = inspect();
    assert!(inspected.status.success(), "{}", String::from_utf8_lossy(&inspected.stderr));
    let doc: Value = serde_json::from_slice(&inspected.stdout).unwrap();
    assert_eq!(doc["RepoTags"], json!(["v1"]));
    if client == "docker" {
        let out = run(e.world.system_cmd("docker").args([
            "manifest",
            "inspect",
            "--insecure",
            &format!("{host}/cr-ext/e2e:v1"),
        ]));
        let manifest: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(manifest["schemaVersion"], json!(2));
    }
}

macro_rules! e2e_tests {
    ($($client:ident),*) => { $(
        mod $client {
            #[test]
            #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
            fn login_stores_exact_bearer_token() {
                super::login_stores_exact_token(stringify!($client));
            }
            #[test]
            #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
            fn wrong_token_is_refused_and_nothing_stored() {
                super::wrong_token_is_refused(stringify!($client));
            }
            #[test]
            #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
            fn apikey_and_refresh_logins_store_exact_secrets() {
                super::apikey_and_refresh_logins_store_exact_secrets(stringify!($client));
            }
            #[test]
            #[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
            fn push_and_pull_need_the_stored_login() {
                super::push_and_pull_need_the_stored_login(stringify!($client));
            }
        }
    )* };
}

e2e_tests!(docker, podman, buildah, skopeo);

/// docker and podman, each logged in to two names of the same real registry in one call:
/// four logins from one token, all four entries stored byte for byte.
#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn two_clients_two_names_in_one_call() {
    let e = setup();
    let names = [e.registry.host(), format!("localhost:{}", e.registry.port)];
    let a = e
        .world
        .cmd()
        .args([
            "login",
            "--client",
            "docker,podman",
            "--registry",
            &names[0],
            "--registry",
            &names[1],
        ])
        .args(["--output", "json"])
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["logins"].as_array().unwrap().len(), 4);
    assert_eq!(e.world.calls("ibmcloud").len(), 1);
    let want = format!("iambearer:{}", e.token);
    for client in ["docker", "podman"] {
        for name in &names {
            assert_eq!(
                stored(&e.world, client, name).as_deref(),
                Some(want.as_str()),
                "{client} {name}"
            );
        }
    }
}

/// Docker Desktop's way: `credsStore` names a keychain helper, and the real docker hands it
/// the login (`store`, JSON on stdin) instead of writing it to config.json. cr-ext's login
/// still works, the token reaches the keychain byte for byte and never the file, and status
/// names the keychain and the host it now holds.
#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn docker_with_a_keychain_keeps_the_login_there() {
    let e = setup();
    let host = e.registry.host();
    let config = e.world.home.join(".docker/config.json");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, r#"{"credsStore": "desktop"}"#).unwrap();
    let keychain = "docker-credential-desktop";
    e.world.fake(keychain);
    e.world.cmd().args(["login", "--client", "docker", "--registry", &host]).assert().success();
    let stores: Vec<_> =
        e.world.calls(keychain).into_iter().filter(|c| c.argv == ["store"]).collect();
    assert_eq!(stores.len(), 1, "docker stores the login in its keychain once");
    let handed: Value = serde_json::from_slice(&stores[0].stdin).unwrap();
    assert_eq!(handed["Username"], "iambearer");
    assert_eq!(handed["Secret"].as_str(), Some(e.token.as_str()));
    assert!(handed["ServerURL"].as_str().unwrap().contains(&host), "{handed}");
    let file = std::fs::read_to_string(&config).unwrap();
    assert!(!file.contains(&e.token), "the token stays out of config.json: {file}");
    assert_eq!(stored_entry_auth(&file, &host), None);

    e.world.respond(
        keychain,
        "list",
        &support::Response::out(format!(r#"{{"https://{host}":"iambearer"}}"#)),
    );
    // Exit 4: this world has no CLI config.json for status to read a session from.
    let a = e.world.cmd().args(["status", "--output", "json"]).assert().code(4);
    let doc: Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    let docker = doc["clients"].as_array().unwrap().iter().find(|c| c["name"] == "docker").unwrap();
    assert_eq!(docker["creds_store"]["name"], "desktop");
    // The test registry is not an ICR host, so it is not listed as one; the store itself is.
    assert_eq!(docker["creds_store"]["icr_hosts"], json!([]));
    assert_eq!(docker["creds_store"]["error"], Value::Null);
}

/// The `auth` docker wrote for `host` in config.json's text, if any.
fn stored_entry_auth(file: &str, host: &str) -> Option<String> {
    let doc: Value = serde_json::from_str(file).unwrap();
    doc["auths"][host]["auth"].as_str().map(str::to_owned)
}

/// Ten cr-ext runs started at once, each logging one client in to its own real registry, all
/// writing one credentials file: the lock beside the file makes them take turns, so all ten
/// entries survive (the clients themselves rewrite the file without a lock and lose some).
fn concurrent_runs_keep_every_entry(client: &str) {
    let token = jwt_expiring_in(3600);
    let registries: Vec<Registry> =
        (0..10).map(|_| Registry::start(&[("iambearer", &token)])).collect();
    let mut world = World::new();
    let bundle = world.root.path().join("certs.pem");
    let pem: Vec<u8> = registries.iter().flat_map(|r| std::fs::read(r.cert()).unwrap()).collect();
    std::fs::write(&bundle, pem).unwrap();
    world.with_system_path().env("SSL_CERT_FILE", bundle.to_str().unwrap());
    // The session fast path: no ibmcloud run, so the ten logins start as close together as
    // they can.
    world.cli_config(&json!({ "IAMToken": format!("Bearer {token}") }));
    let runs: Vec<std::process::Child> = registries
        .iter()
        .map(|r| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("cr-ext"));
            cmd.env_clear()
                .env("HOME", &world.home)
                .env("PATH", format!("{}:{}", world.bin.display(), support::SYSTEM_PATH))
                .env("XDG_RUNTIME_DIR", &world.runtime)
                .env("SSL_CERT_FILE", &bundle)
                .args(["login", "-q", "-c", client, "--registry", &r.host()])
                .stdin(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for run in runs {
        let output = run.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let want = format!("iambearer:{token}");
    let missing: Vec<String> = registries
        .iter()
        .map(Registry::host)
        .filter(|h| stored(&world, client, h).as_deref() != Some(want.as_str()))
        .collect();
    assert!(missing.is_empty(), "{client} lost entries for {missing:?}");
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn ten_concurrent_podman_logins_keep_ten_entries() {
    concurrent_runs_keep_every_entry("podman");
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn ten_concurrent_docker_logins_keep_ten_entries() {
    concurrent_runs_keep_every_entry("docker");
}

/// A trusted profile's token, from a compute-resource token exchanged at a loopback IAM (the
/// `cr-token` grant) or from a loopback VPC metadata service, logged in with the real client
/// and stored byte for byte; then the registry takes the stored login for a push and a pull.
fn profile_login_stores_the_exchanged_token(client: &str, vpc: bool) {
    use crate::support::fake_identity::{Api, FakeIdentity, PROFILES, cr_token, profile_token};
    // bcrypt reads 72 bytes: every token of this profile shares them, header and first claims.
    let registry = Registry::start(&[("iambearer", &profile_token(&PROFILES[0], 3600, "x"))]);
    let mut world = World::new();
    world.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    let host = registry.host();
    let token = cr_token(1, 3600);
    let file = world.root.path().join("sa-token");
    std::fs::write(&file, &token).unwrap();
    let (service, extra): (FakeIdentity, Vec<String>) = if vpc {
        let md = FakeIdentity::metadata(Api::Old);
        let args = vec!["--vpc-cri".into(), "--metadata-endpoint".into(), md.url()];
        (md, args)
    } else {
        let iam = FakeIdentity::iam(std::slice::from_ref(&token));
        let args = vec![
            "--profile".into(),
            "ci-builder".into(),
            "--cr-token-file".into(),
            file.display().to_string(),
            "--iam-endpoint".into(),
            iam.url(),
        ];
        (iam, args)
    };
    let a = world
        .cmd()
        .args(["login", "--client", client, "--registry", &host])
        .args(&extra)
        .assert()
        .success();
    let (stdout, stderr) = support::out(&a);
    let issued = service.issued();
    assert_eq!(issued.len(), 1, "one exchange");
    assert_eq!(stored(&world, client, &host), Some(format!("iambearer:{}", issued[0])));
    for text in [&stdout, &stderr] {
        assert!(!text.contains(&token) && !text.contains(&issued[0]), "{text}");
    }
    // The stored login is what the registry now takes.
    let remote = format!("docker://{host}/cr-ext/profile:v1");
    let pulled = if client == "docker" {
        let image = tiny_image(&world, "pushed with a stored profile login\n");
        let copied = world
            .system_cmd("skopeo")
            .args(["copy", "-q", "--dest-authfile"])
            .arg(world.home.join(".docker/config.json"))
            .args([&image, &remote])
            .output()
            .unwrap();
        assert!(copied.status.success(), "{}", String::from_utf8_lossy(&copied.stderr));
        world
            .system_cmd("docker")
            .args(["manifest", "inspect", "--insecure", &format!("{host}/cr-ext/profile:v1")])
            .output()
            .unwrap()
    } else {
        let image = tiny_image(&world, "pushed with a stored profile login\n");
        let copied =
            world.system_cmd("skopeo").args(["copy", "-q", &image, &remote]).output().unwrap();
        assert!(copied.status.success(), "{}", String::from_utf8_lossy(&copied.stderr));
        world.system_cmd("skopeo").args(["inspect", &remote]).output().unwrap()
    };
    assert!(pulled.status.success(), "{}", String::from_utf8_lossy(&pulled.stderr));
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn podman_logs_in_with_a_compute_resource_token() {
    profile_login_stores_the_exchanged_token("podman", false);
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn skopeo_logs_in_with_a_compute_resource_token() {
    profile_login_stores_the_exchanged_token("skopeo", false);
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn docker_logs_in_with_a_compute_resource_token() {
    profile_login_stores_the_exchanged_token("docker", false);
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn docker_and_podman_log_in_with_the_vpc_instance_identity() {
    profile_login_stores_the_exchanged_token("docker", true);
    profile_login_stores_the_exchanged_token("podman", true);
}
