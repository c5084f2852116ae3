//! End-to-end proof that the token-auth harness is real: a real `docker-registry` with
//! `auth.token` sends the real skopeo to the loopback `TokenServer`, whose users are `pusher`
//! (pull, push), `puller` (pull) and `nobody` (no actions). The registry enforces what the
//! signed token grants: pusher pushes, puller may inspect but not push (insufficient scope),
//! nobody may do neither, a wrong password never gets a token. The token server's record shows
//! which credentials asked for which scope and what they were granted. A test of the server
//! alone (no registry) checks its answers and that its JWTs verify with the cert it publishes.
//!
//! Credentials reach skopeo in an authfile, never argv. The e2e tests are `#[ignore]`d for a
//! plain `cargo test`; `scripts/test.sh` runs them with `--include-ignored`.

use crate::support::World;
use crate::support::registry::{Registry, run, tiny_image};
use crate::support::token_server::{ISSUER, SERVICE, TokenRequest, TokenServer, UNAUTHORIZED_BODY};
use base64::Engine as _;
use serde_json::{Value, json};

const PUSHER_PW: &str = "pusher-Secret_0123456789";
const PULLER_PW: &str = "puller-Secret_0123456789";
const NOBODY_PW: &str = "nobody-Secret_0123456789";
const REPO: &str = "cr-ext/tiny";

struct Setup {
    world: World,
    tokens: TokenServer,
    registry: Registry,
    image: String,
}

fn setup() -> Setup {
    let tokens = TokenServer::start(&[
        ("pusher", PUSHER_PW, &["pull", "push"]),
        ("puller", PULLER_PW, &["pull"]),
        ("nobody", NOBODY_PW, &[]),
    ]);
    let registry = Registry::start_token_auth(&tokens);
    let mut world = World::new();
    world.with_system_path().env("SSL_CERT_FILE", registry.cert().to_str().unwrap());
    let image = tiny_image(&world, "hello from the token-auth registry\n");
    Setup { world, tokens, registry, image }
}

impl Setup {
    fn remote(&self) -> String {
        format!("docker://{}/{REPO}:v1", self.registry.host())
    }

    /// An authfile holding `user:password` for the registry.
    fn authfile(&self, user: &str, password: &str) -> std::path::PathBuf {
        let path = self.world.root.path().join(format!("auth-{user}-{}.json", password.len()));
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        let doc = json!({"auths": {self.registry.host(): {"auth": auth}}});
        std::fs::write(&path, doc.to_string()).unwrap();
        path
    }

    fn push_as(&self, user: &str, password: &str) -> std::process::Output {
        self.world
            .system_cmd("skopeo")
            .args(["copy", "-q", "--dest-authfile"])
            .arg(self.authfile(user, password))
            .args([&self.image, &self.remote()])
            .output()
            .unwrap()
    }

    fn inspect_as(&self, user: &str, password: &str) -> std::process::Output {
        self.world
            .system_cmd("skopeo")
            .args(["inspect", "--authfile"])
            .arg(self.authfile(user, password))
            .arg(self.remote())
            .output()
            .unwrap()
    }

    /// Pushes as pusher and asserts it worked.
    fn pushed(&self) {
        let out = self.push_as("pusher", PUSHER_PW);
        assert!(out.status.success(), "push as pusher: {}\n{}", stderr(&out), self.registry.log());
    }
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `repository:REPO:` and the scope's actions, sorted.
fn scope_actions(scope: &str) -> Option<Vec<&str>> {
    let actions = scope.strip_prefix(&format!("repository:{REPO}:"))?;
    let mut actions: Vec<&str> = actions.split(',').collect();
    actions.sort_unstable();
    Some(actions)
}

/// `r` asked only for `actions` (sorted) on REPO and was granted exactly `granted`. When skopeo
/// retries after a 401 whose challenge names a scope, it sends that scope too, in one request,
/// its actions in the registry's order (`push,pull` or `pull,push`).
fn assert_asked(r: &TokenRequest, actions: &[&str], granted: &[&str]) {
    assert!(
        !r.scopes.is_empty()
            && r.scopes.iter().all(|s| scope_actions(s).as_deref() == Some(actions)),
        "{r:?}"
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.granted.len(), r.scopes.len(), "{r:?}");
    assert!(r.granted.iter().all(|g| g.name == REPO && g.actions == granted), "{r:?}");
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn pusher_pushes_and_puller_inspects_with_the_scopes_they_asked_for() {
    let s = setup();
    s.pushed();
    let pushes = s.tokens.requests_by("pusher");
    assert!(!pushes.is_empty(), "skopeo never asked the token server: {:?}", s.tokens.requests());
    for r in &pushes {
        assert_eq!(r.password.as_deref(), Some(PUSHER_PW));
        assert_eq!(r.account.as_deref(), Some("pusher"), "containers/image names the account");
        assert_eq!(r.service.as_deref(), Some(SERVICE));
        assert_asked(r, &["pull", "push"], &["pull", "push"]);
    }

    let before = s.tokens.count();
    let out = s.inspect_as("puller", PULLER_PW);
    assert!(out.status.success(), "inspect as puller: {}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["Digest"].as_str().is_some_and(|d| d.starts_with("sha256:")), "{doc}");
    assert_eq!(doc["Name"], format!("{}/{REPO}", s.registry.host()));
    let pulls: Vec<_> = s.tokens.requests().split_off(before);
    assert!(!pulls.is_empty(), "inspect got no token");
    for r in &pulls {
        assert_eq!(r.user.as_deref(), Some("puller"), "{r:?}");
        assert_asked(r, &["pull"], &["pull"]);
    }
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn puller_cannot_push_the_token_lacks_push() {
    let s = setup();
    let out = s.push_as("puller", PULLER_PW);
    let err = stderr(&out);
    assert!(!out.status.success(), "a pull-only user pushed: {err}");
    assert!(err.contains("initiating layer upload to /v2/cr-ext/tiny/blobs/uploads/"), "{err}");
    assert!(err.contains("denied: requested access to the resource is denied"), "{err}");
    // A valid user gets a token, only a narrower one: push is never granted.
    let asked = s.tokens.requests_by("puller");
    assert!(!asked.is_empty(), "{:?}", s.tokens.requests());
    for r in &asked {
        assert_asked(r, &["pull", "push"], &["pull"]);
    }
    let log = s.registry.log();
    let refusal = log
        .lines()
        .find(|l| l.contains("error authorizing context: insufficient scope"))
        .unwrap_or_else(|| panic!("the registry's reason: {log}"));
    assert!(refusal.contains("http.request.method=POST"), "{refusal}");

    // Nothing arrived: the repository is still unknown to one who may read it.
    let out = s.inspect_as("pusher", PUSHER_PW);
    assert!(!out.status.success(), "the refused push left an image behind");
    assert!(stderr(&out).contains("manifest unknown"), "{}", stderr(&out));
}

#[test]
#[ignore = "end-to-end: needs a real registry and clients; run ./scripts/test.sh"]
fn nobody_cannot_inspect_and_a_wrong_password_gets_no_token() {
    let s = setup();
    s.pushed();
    let out = s.inspect_as("nobody", NOBODY_PW);
    let err = stderr(&out);
    assert!(!out.status.success(), "a user with no actions read the image: {err}");
    assert!(err.contains("reading manifest v1 in"), "{err}");
    assert!(err.contains("denied: requested access to the resource is denied"), "{err}");
    let asked = s.tokens.requests_by("nobody");
    assert!(!asked.is_empty(), "{:?}", s.tokens.requests());
    for r in &asked {
        assert_asked(r, &["pull"], &[]);
    }
    let log = s.registry.log();
    assert!(
        log.lines().any(|l| l.contains("error authorizing context: insufficient scope")
            && l.contains("http.request.uri=/v2/cr-ext/tiny/manifests/v1")),
        "{log}"
    );

    let before = s.tokens.count();
    let out = s.inspect_as("puller", "not-the-password");
    let err = stderr(&out);
    assert!(!out.status.success());
    // containers/image shows a message equal to its code's default as the bare code.
    assert!(
        err.contains("unable to retrieve auth token: invalid username/password: unauthorized"),
        "{err}"
    );
    let refused = s.tokens.requests().split_off(before);
    assert!(!refused.is_empty());
    for r in &refused {
        assert_eq!((r.user.as_deref(), r.status), (Some("puller"), 401), "{r:?}");
        assert!(r.granted.is_empty());
    }
}

/// The server alone: its 401, an anonymous token, requested ∩ held, and a signature that
/// verifies with the public key of the cert in `x5c`, which is the cert it publishes.
#[test]
fn token_server_signs_what_it_grants() {
    let tokens = TokenServer::start(&[("puller", PULLER_PW, &["pull"])]);
    let http = reqwest::blocking::Client::new();
    let url = format!(
        "{}?service={SERVICE}&scope=repository%3Ans%2Fa%3Apull%2Cpush&scope=repository:ns/b:push",
        tokens.realm()
    );
    let wrong = http.get(&url).basic_auth("puller", Some("wrong")).send().unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    assert_eq!(wrong.text().unwrap(), UNAUTHORIZED_BODY);
    let unknown = http.get(&url).basic_auth("stranger", Some(PULLER_PW)).send().unwrap();
    assert_eq!(unknown.status().as_u16(), 401);

    let body: Value = serde_json::from_str(
        &http.get(&url).basic_auth("puller", Some(PULLER_PW)).send().unwrap().text().unwrap(),
    )
    .unwrap();
    assert_eq!(body["token"], body["access_token"]);
    assert_eq!(body["expires_in"], 300);
    assert!(body["issued_at"].as_str().unwrap().ends_with('Z'), "{body}");
    let (header, claims) = verified(&tokens, body["token"].as_str().unwrap());
    assert_eq!((header["typ"].as_str(), header["alg"].as_str()), (Some("JWT"), Some("ES256")));
    assert_eq!(claims["iss"], ISSUER);
    assert_eq!(claims["sub"], "puller");
    assert_eq!(claims["aud"], SERVICE);
    let now = crate::support::now();
    assert!(claims["nbf"].as_i64().unwrap() <= now && claims["exp"].as_i64().unwrap() > now);
    assert_eq!(
        claims["access"],
        json!([
            {"type": "repository", "name": "ns/a", "actions": ["pull"]},
            {"type": "repository", "name": "ns/b", "actions": []},
        ])
    );

    let anonymous: Value =
        serde_json::from_str(&http.get(&url).send().unwrap().text().unwrap()).unwrap();
    let (_, claims) = verified(&tokens, anonymous["token"].as_str().unwrap());
    assert_eq!(claims["sub"], "");
    assert!(claims["access"].as_array().unwrap().iter().all(|a| a["actions"] == json!([])));

    let seen = tokens.requests();
    assert_eq!(tokens.count(), 4);
    assert_eq!(seen.len(), tokens.raw_requests().len());
    let summary: Vec<_> =
        seen.iter().map(|r| (r.user.as_deref(), r.password.as_deref(), r.status)).collect();
    assert_eq!(
        summary,
        [
            (Some("puller"), Some("wrong"), 401),
            (Some("stranger"), Some(PULLER_PW), 401),
            (Some("puller"), Some(PULLER_PW), 200),
            (None, None, 200),
        ]
    );
    assert!(seen[2].target.starts_with(&format!("/token?service={SERVICE}&scope=")), "{seen:?}");
    assert_eq!(seen[2].scopes, ["repository:ns/a:pull,push", "repository:ns/b:push"]);
    assert_eq!(seen[2].actions_on("ns/a"), Some(vec!["pull"]));
}

/// Checks `jwt`'s ES256 signature against the published cert's key and that `x5c` holds that
/// cert; returns the header and claims.
fn verified(tokens: &TokenServer, jwt: &str) -> (Value, Value) {
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "{jwt}");
    let header: Value = serde_json::from_slice(&url.decode(parts[0]).unwrap()).unwrap();
    let claims: Value = serde_json::from_slice(&url.decode(parts[1]).unwrap()).unwrap();
    let cert = tokens.cert();
    let der = run(std::process::Command::new("openssl")
        .arg("x509")
        .arg("-in")
        .arg(&cert)
        .args(["-outform", "DER"]))
    .stdout;
    let x5c = base64::engine::general_purpose::STANDARD.encode(&der);
    assert_eq!(header["x5c"], json!([x5c]));
    let spki = run(std::process::Command::new("openssl")
        .arg("x509")
        .arg("-in")
        .arg(&cert)
        .args(["-noout", "-pubkey"]))
    .stdout;
    let spki = String::from_utf8(spki).unwrap();
    let b64: String = spki.lines().filter(|l| !l.starts_with("-----")).collect();
    let spki = base64::engine::general_purpose::STANDARD.decode(b64).unwrap();
    // A P-256 SPKI ends with the 65-byte uncompressed point.
    let point = &spki[spki.len() - 65..];
    let signature = url.decode(parts[2]).unwrap();
    ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, point)
        .verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature)
        .expect("the signature verifies with the published cert's key");
    (header, claims)
}
