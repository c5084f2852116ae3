//! A token server for the Docker registry token protocol (DESIGN.md §16), plain HTTP on a free
//! loopback port, for a real `docker-registry` whose `auth.token` points at it. It holds users
//! (name, password, the actions each may have) and answers `GET /token?service=…&scope=…` with
//! Basic auth: a wrong or unknown user gets 401, anyone else an ES256 JWT (the signing cert in
//! its `x5c` header, the same cert the registry trusts as `rootcertbundle`) whose `access` claim
//! grants the requested actions the user holds; no Authorization header gets an anonymous token
//! that grants nothing. Every request is recorded, parsed, with what it was granted.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
use serde_json::{Value, json};

use super::http::{HttpServer, Reply};
use super::registry::{run, self_signed};

/// The `service` the registry names in its challenge and the token's `aud`.
pub const SERVICE: &str = "cr-ext-e2e-registry";
/// The token's `iss`, which the registry checks.
pub const ISSUER: &str = "cr-ext-e2e-token-server";

/// The body of every 401 this server sends.
pub const UNAUTHORIZED_BODY: &str =
    r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#;

/// One entry of a token's `access` claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    /// `repository` (or whatever type the scope named).
    pub kind: String,
    /// `NS/REPO`.
    pub name: String,
    /// The requested actions the user holds, in the order requested.
    pub actions: Vec<String>,
}

/// One request the server received, parsed, and what it answered.
#[derive(Clone, Debug)]
pub struct TokenRequest {
    /// The request target as sent (`/token?…`).
    pub target: String,
    /// The Basic user name, when there was an Authorization header.
    pub user: Option<String>,
    /// The Basic password, when there was an Authorization header.
    pub password: Option<String>,
    pub service: Option<String>,
    /// containers/image sends `account=<user>` too.
    pub account: Option<String>,
    /// Every `scope` parameter, decoded (`repository:NS/REPO:pull,push`).
    pub scopes: Vec<String>,
    /// 200, 401 or 404.
    pub status: u16,
    /// The token's `access` claim (empty when refused or anonymous).
    pub granted: Vec<Grant>,
}

impl TokenRequest {
    /// The actions granted on repository `name`, if the token named it.
    pub fn actions_on(&self, name: &str) -> Option<Vec<&str>> {
        self.granted
            .iter()
            .find(|g| g.kind == "repository" && g.name == name)
            .map(|g| g.actions.iter().map(String::as_str).collect())
    }
}

struct User {
    name: String,
    password: String,
    actions: Vec<String>,
}

pub struct TokenServer {
    http: HttpServer,
    /// Holds `key.pem`, `key.pk8` and `cert.pem` (the registry's `rootcertbundle`).
    pub dir: tempfile::TempDir,
    log: Arc<Mutex<Vec<TokenRequest>>>,
}

impl TokenServer {
    /// Starts a server for `users`: (name, password, actions), e.g.
    /// `("pusher", "pw", &["pull", "push"])`. It answers at once: no readiness wait is needed.
    pub fn start(users: &[(&str, &str, &[&str])]) -> TokenServer {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let path = |name: &str| d.join(name).to_str().unwrap().to_owned();
        self_signed(d, "/CN=cr-ext e2e token signer", &[]);
        // ring reads PKCS#8 DER; OpenSSL's P-256 key carries its public key, as ring requires.
        run(std::process::Command::new("openssl").args([
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            &path("key.pem"),
            "-outform",
            "DER",
            "-out",
            &path("key.pk8"),
        ]));
        let cert_der = run(std::process::Command::new("openssl").args([
            "x509",
            "-in",
            &path("cert.pem"),
            "-outform",
            "DER",
        ]))
        .stdout;
        let key = EcdsaKeyPair::from_pkcs8(
            &ECDSA_P256_SHA256_FIXED_SIGNING,
            &std::fs::read(d.join("key.pk8")).unwrap(),
            &SystemRandom::new(),
        )
        .expect("ring reads the P-256 PKCS#8 key");
        let signer = Signer {
            key,
            x5c: base64::engine::general_purpose::STANDARD.encode(cert_der),
            rng: SystemRandom::new(),
            serial: AtomicU64::new(0),
        };
        let users: Vec<User> = users
            .iter()
            .map(|(name, password, actions)| User {
                name: (*name).to_owned(),
                password: (*password).to_owned(),
                actions: actions.iter().map(|a| (*a).to_owned()).collect(),
            })
            .collect();
        let log = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&log);
        let http = HttpServer::start_with(move |head| {
            let (request, reply) = answer(head, &users, &signer);
            record.lock().unwrap().push(request);
            reply
        });
        TokenServer { http, dir, log }
    }

    /// `http://127.0.0.1:PORT/token`, the registry's `auth.token.realm`.
    pub fn realm(&self) -> String {
        format!("{}/token", self.http.url())
    }

    /// The PEM certificate whose key signs the tokens: the registry's `rootcertbundle`.
    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("cert.pem")
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<TokenRequest> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests arrived so far.
    pub fn count(&self) -> usize {
        self.log.lock().unwrap().len()
    }

    /// The requests that came with Basic credentials of `user`.
    pub fn requests_by(&self, user: &str) -> Vec<TokenRequest> {
        self.requests().into_iter().filter(|r| r.user.as_deref() == Some(user)).collect()
    }

    /// Every request as received (head and body), unparsed.
    pub fn raw_requests(&self) -> Vec<String> {
        self.http.requests()
    }
}

struct Signer {
    key: EcdsaKeyPair,
    x5c: String,
    rng: SystemRandom,
    serial: AtomicU64,
}

impl Signer {
    /// An ES256 JWS: base64url(header).base64url(claims).base64url(r || s).
    fn sign(&self, claims: &Value) -> String {
        let enc = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = json!({"typ": "JWT", "alg": "ES256", "x5c": [self.x5c]});
        let input =
            format!("{}.{}", enc.encode(header.to_string()), enc.encode(claims.to_string()));
        let signature = self.key.sign(&self.rng, input.as_bytes()).unwrap();
        format!("{input}.{}", enc.encode(signature.as_ref()))
    }
}

fn answer(head: &str, users: &[User], signer: &Signer) -> (TokenRequest, Reply) {
    let target = head.lines().next().unwrap_or("").split(' ').nth(1).unwrap_or("").to_owned();
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let params: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    let param = |key: &str| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    // Scopes repeat; an old client may also join them with spaces in one parameter.
    let scopes: Vec<String> = params
        .iter()
        .filter(|(k, _)| k == "scope")
        .flat_map(|(_, v)| v.split(' ').filter(|s| !s.is_empty()).map(str::to_owned))
        .collect();
    let (user, password) =
        basic_credentials(head).map_or((None, None), |(u, p)| (Some(u), Some(p)));
    let mut request = TokenRequest {
        target: target.clone(),
        user: user.clone(),
        password: password.clone(),
        service: param("service"),
        account: param("account"),
        scopes: scopes.clone(),
        status: 200,
        granted: Vec::new(),
    };
    let json_type = [("Content-Type", "application/json")];
    if path != "/token" {
        request.status = 404;
        return (request, Reply::status("404 Not Found", &json_type, r#"{"errors":[]}"#));
    }
    let holder = users
        .iter()
        .find(|x| user.as_ref() == Some(&x.name) && password.as_ref() == Some(&x.password));
    if user.is_some() && holder.is_none() {
        request.status = 401;
        let challenge = [
            ("Content-Type", "application/json"),
            ("WWW-Authenticate", r#"Basic realm="cr-ext-e2e-token""#),
        ];
        return (request, Reply::status("401 Unauthorized", &challenge, UNAUTHORIZED_BODY));
    }
    request.granted = scopes.iter().filter_map(|s| grant(s, holder)).collect();
    let now = super::now();
    let serial = signer.serial.fetch_add(1, Ordering::Relaxed);
    let access: Vec<Value> = request
        .granted
        .iter()
        .map(|g| json!({"type": g.kind, "name": g.name, "actions": g.actions}))
        .collect();
    let claims = json!({
        "iss": ISSUER,
        "sub": user.clone().unwrap_or_default(),
        "aud": request.service.clone().unwrap_or_else(|| SERVICE.to_owned()),
        "exp": now + 300,
        "nbf": now - 10,
        "iat": now,
        "jti": format!("cr-ext-e2e-{now}-{serial}"),
        "access": access,
    });
    let token = signer.sign(&claims);
    let body = json!({
        "token": token,
        "access_token": token,
        "expires_in": 300,
        "issued_at": rfc3339(now),
    });
    (request, Reply::status("200 OK", &json_type, &body.to_string()))
}

/// `TYPE:NAME:a,b` → the actions `holder` has among a, b (none for an anonymous caller).
/// A name may not hold `:` here; registry names with a port never reach a token server's scope.
fn grant(scope: &str, holder: Option<&User>) -> Option<Grant> {
    let (kind, rest) = scope.split_once(':')?;
    let (name, actions) = rest.rsplit_once(':')?;
    let held = holder.map_or(&[][..], |u| &u.actions[..]);
    let actions = actions
        .split(',')
        .filter(|a| held.iter().any(|h| h == a || h == "*"))
        .map(str::to_owned)
        .collect();
    Some(Grant { kind: kind.to_owned(), name: name.to_owned(), actions })
}

/// The user and password of an `Authorization: Basic …` header, if there is one.
fn basic_credentials(head: &str) -> Option<(String, String)> {
    let value = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("authorization").then(|| v.trim().to_owned())
    })?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (u, p) = text.split_once(':')?;
    Some((u.to_owned(), p.to_owned()))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Seconds since the epoch as RFC 3339 UTC (`2026-01-02T03:04:05Z`), which containers/image
/// parses from `issued_at` (days to civil date: Howard Hinnant's algorithm).
fn rfc3339(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[test]
fn rfc3339_formats_known_instants() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(rfc3339(1_798_766_645), "2027-01-01T01:24:05Z");
}

#[test]
fn percent_decoding_of_scopes() {
    assert_eq!(
        percent_decode("repository%3Ans%2Fimg%3Apull%2Cpush"),
        "repository:ns/img:pull,push"
    );
    assert_eq!(percent_decode("a%2"), "a%2");
    assert_eq!(percent_decode("100%"), "100%");
}
