//! Stand-ins on loopback for what gives an identity without an API key, written from
//! DESIGN.md §14 and checked against IBM's go-sdk-core (`ContainerAuthenticator`,
//! `VpcInstanceAuthenticator`), whose requests they accept and nothing else:
//! - IAM's token endpoint for the `cr-token` grant: `POST /identity/token`, form
//!   `grant_type=urn:ibm:params:oauth:grant-type:cr-token`, `cr_token`, and exactly one of
//!   `profile_id`, `profile_name`, `profile_crn`; `Content-Type:
//!   application/x-www-form-urlencoded`, `Accept: application/json`. The compute-resource
//!   token must be one the test issued (so a torn read of a file being rewritten is caught)
//!   and unexpired; the profile must exist. A refusal has IAM's error shape.
//! - The VPC instance metadata service (API version 2022-03-01): `PUT
//!   /instance_identity/v1/token?version=2022-03-01` with `Metadata-Flavor: ibm`, JSON
//!   `{"expires_in": 5..3600}`; then `POST /instance_identity/v1/iam_token?version=…` with
//!   `Authorization: Bearer <that instance token>` and no body (the linked profile) or
//!   `{"trusted_profile":{"id"|"crn"}}`. It can instead answer only the renamed paths of API
//!   version 2025-08-26 (`/identity/v1/token`, `/identity/v1/iam_tokens`), or 404 for all.
//!
//! Every access token is a JWT of a trusted profile (`sub_type` `Profile`), recorded in the
//! order issued; every request is recorded.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::http::{HttpServer, Reply};
use super::{jwt, now};

/// The account the profiles live in.
pub const ACCOUNT: &str = "acc0unt0000000000000000000000001";

/// A trusted profile the stand-ins know.
#[derive(Clone)]
pub struct Profile {
    pub id: &'static str,
    pub name: &'static str,
    pub crn: &'static str,
}

/// The profiles: the first is the one linked to the VPC instance.
pub const PROFILES: [Profile; 2] = [
    Profile {
        id: "Profile-0c1d2e3f-aaaa-4bbb-8ccc-000000000001",
        name: "ci-builder",
        crn: "crn:v1:bluemix:public:iam-identity::a/acc0unt0000000000000000000000001::profile:Profile-0c1d2e3f-aaaa-4bbb-8ccc-000000000001",
    },
    Profile {
        id: "Profile-0c1d2e3f-aaaa-4bbb-8ccc-000000000002",
        name: "mirror",
        crn: "crn:v1:bluemix:public:iam-identity::a/acc0unt0000000000000000000000001::profile:Profile-0c1d2e3f-aaaa-4bbb-8ccc-000000000002",
    },
];

/// Which metadata API the stand-in speaks.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Api {
    /// 2022-03-01's paths.
    #[default]
    Old,
    /// Only 2025-08-26's renamed paths (the old ones answer 404).
    Renamed,
    /// Neither: every path answers 404.
    None,
}

#[derive(Default)]
struct State {
    /// Compute-resource tokens IAM takes.
    accepted: Vec<String>,
    /// Instance tokens the metadata service issued.
    instance_tokens: Vec<String>,
    /// Access tokens issued, in order.
    issued: Vec<String>,
    /// Compute-resource tokens received, in order (accepted or not).
    cr_tokens: Vec<String>,
    /// Lifetime of the access tokens issued.
    ttl: i64,
    /// Access tokens to issue next, in order, before minting new ones.
    queued: Vec<String>,
}

/// A stand-in, IAM (cr-token grant) or the metadata service.
pub struct FakeIdentity {
    server: HttpServer,
    state: Arc<Mutex<State>>,
}

/// An access token of `profile`, living `ttl` seconds.
#[must_use]
pub fn profile_token(profile: &Profile, ttl: i64, grant: &str) -> String {
    jwt(&json!({
        "iam_id": format!("iam-{}", profile.id),
        "id": format!("iam-{}", profile.id),
        "realmid": "iam",
        "sub": profile.id,
        "sub_type": "Profile",
        "name": profile.name,
        "account": {"bss": ACCOUNT},
        "iat": now(),
        "exp": now() + ttl,
        "iss": "https://iam.cloud.ibm.com/identity",
        "grant_type": grant,
        "scope": "ibm openid",
        "client_id": "default",
    }))
}

/// A compute-resource token (a projected service-account token), living `ttl` seconds;
/// `n` tells tokens apart.
#[must_use]
pub fn cr_token(n: u32, ttl: i64) -> String {
    jwt(&json!({
        "aud": ["iam"],
        "exp": now() + ttl,
        "iat": now(),
        "iss": "https://kubernetes.default.svc",
        "sub": format!("system:serviceaccount:builds:builder-{n}"),
        "kubernetes.io": {"namespace": "builds", "serviceaccount": {"name": "builder"}},
        // Long, as real ones are (about 1 kB): a torn read can cut it anywhere.
        "pad": "p".repeat(600 + n as usize),
    }))
}

fn iam_error(status: &str, code: &str, message: &str) -> Reply {
    let body =
        json!({"errorCode": code, "errorMessage": message, "context": {"requestId": "req-cr-1"}});
    Reply::status(status, &[("Content-Type", "application/json")], &body.to_string())
}

fn vpc_error(status: &str, code: &str, message: &str) -> Reply {
    let body = json!({"errors": [{"code": code, "message": message}], "trace": "trace-vpc-1"});
    Reply::status(status, &[("Content-Type", "application/json")], &body.to_string())
}

fn ok(body: &Value) -> Reply {
    Reply::status("200 OK", &[("Content-Type", "application/json")], &body.to_string())
}

/// The head (lower case) and body of a recorded request.
fn split(request: &str) -> (String, &str) {
    let (head, body) = request.split_once("\r\n\r\n").unwrap_or((request, ""));
    (head.to_ascii_lowercase(), body)
}

fn has_header(head: &str, name: &str, value: &str) -> bool {
    head.lines().any(|l| l.trim() == format!("{name}: {value}").to_ascii_lowercase())
}

impl FakeIdentity {
    fn start(handler: impl Fn(&mut State, &str) -> Reply + Send + Sync + 'static) -> FakeIdentity {
        let state = Arc::new(Mutex::new(State { ttl: 3600, ..State::default() }));
        let shared = Arc::clone(&state);
        let server =
            HttpServer::start_with(move |request| handler(&mut shared.lock().unwrap(), request));
        FakeIdentity { server, state }
    }

    /// IAM's token endpoint taking the `cr-token` grant for `accepted` tokens.
    pub fn iam(accepted: &[String]) -> FakeIdentity {
        let fake = FakeIdentity::start(iam_answer);
        fake.state.lock().unwrap().accepted = accepted.to_vec();
        fake
    }

    /// The VPC instance metadata service speaking `api`.
    pub fn metadata(api: Api) -> FakeIdentity {
        FakeIdentity::start(move |state, request| metadata_answer(state, request, api))
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    /// Every request, head and body.
    pub fn requests(&self) -> Vec<String> {
        self.server.requests()
    }

    /// The access tokens issued, in order.
    pub fn issued(&self) -> Vec<String> {
        self.state.lock().unwrap().issued.clone()
    }

    /// The compute-resource tokens received, in order.
    pub fn cr_tokens(&self) -> Vec<String> {
        self.state.lock().unwrap().cr_tokens.clone()
    }

    /// Takes `token` as a compute-resource token too.
    pub fn accept(&self, token: &str) {
        self.state.lock().unwrap().accepted.push(token.to_owned());
    }

    /// Issues these access tokens next, in order (an end-to-end test's registry must know
    /// them before they are issued).
    #[allow(dead_code)] // Used by the end-to-end tests only.
    pub fn queue(&self, tokens: &[String]) {
        self.state.lock().unwrap().queued.extend(tokens.iter().cloned());
    }

    /// Issues access tokens living `ttl` seconds.
    pub fn ttl(&self, ttl: i64) {
        self.state.lock().unwrap().ttl = ttl;
    }
}

fn issue(state: &mut State, profile: &Profile, grant: &str) -> String {
    let token = if state.queued.is_empty() {
        profile_token(profile, state.ttl, grant)
    } else {
        state.queued.remove(0)
    };
    state.issued.push(token.clone());
    token
}

fn iam_answer(state: &mut State, request: &str) -> Reply {
    let (head, body) = split(request);
    if !head.starts_with("post /identity/token http/1.1") {
        return iam_error("404 Not Found", "BXNIM0102E", "Not found");
    }
    if !has_header(&head, "content-type", "application/x-www-form-urlencoded")
        || !has_header(&head, "accept", "application/json")
        || head.contains("\nauthorization:")
    {
        return iam_error("400 Bad Request", "BXNIM0109E", "Unsupported request headers");
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let field = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let names: Vec<&str> = form.iter().map(|(n, _)| n.as_str()).collect();
    let profile_fields: Vec<&&str> = names.iter().filter(|n| n.starts_with("profile_")).collect();
    let known = ["grant_type", "cr_token", "profile_id", "profile_name", "profile_crn"];
    if field("grant_type").as_deref() != Some("urn:ibm:params:oauth:grant-type:cr-token")
        || names.len() != 3
        || profile_fields.len() != 1
        || names.iter().any(|n| !known.contains(n))
    {
        return iam_error("400 Bad Request", "BXNIM0109E", "Invalid grant request");
    }
    let token = field("cr_token").unwrap_or_default();
    state.cr_tokens.push(token.clone());
    let fresh = token
        .split('.')
        .nth(1)
        .and_then(|c| {
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, c).ok()
        })
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|c| c["exp"].as_i64())
        .is_some_and(|exp| exp > now());
    if !state.accepted.contains(&token) || !fresh {
        return iam_error(
            "400 Bad Request",
            "BXNIM0407E",
            "Provided compute resource token is invalid",
        );
    }
    let wanted = field(profile_fields[0]).unwrap_or_default();
    let profile = PROFILES.iter().find(|p| match *profile_fields[0] {
        "profile_id" => p.id == wanted,
        "profile_name" => p.name == wanted,
        _ => p.crn == wanted,
    });
    let Some(profile) = profile else {
        return iam_error(
            "400 Bad Request",
            "BXNIM0541E",
            &format!("Compute resource is not trusted by profile {wanted}"),
        );
    };
    let token = issue(state, profile, "urn:ibm:params:oauth:grant-type:cr-token");
    ok(&json!({
        "access_token": token,
        "refresh_token": "not_supported",
        "token_type": "Bearer",
        "expires_in": state.ttl,
        "expiration": now() + state.ttl,
        "scope": "ibm openid",
    }))
}

fn metadata_answer(state: &mut State, request: &str, api: Api) -> Reply {
    let (head, body) = split(request);
    let line = head.lines().next().unwrap_or("").to_owned();
    let (token_line, iam_line) = match api {
        Api::Old => (
            "put /instance_identity/v1/token?version=2022-03-01 http/1.1",
            "post /instance_identity/v1/iam_token?version=2022-03-01 http/1.1",
        ),
        Api::Renamed => (
            "put /identity/v1/token?version=2025-08-26 http/1.1",
            "post /identity/v1/iam_tokens?version=2025-08-26 http/1.1",
        ),
        Api::None => ("-", "-"),
    };
    let json_headers = has_header(&head, "content-type", "application/json")
        && has_header(&head, "accept", "application/json");
    if line == token_line {
        let lifetime =
            serde_json::from_str::<Value>(body).ok().and_then(|b| b["expires_in"].as_i64());
        if !has_header(&head, "metadata-flavor", "ibm") || !json_headers {
            return vpc_error(
                "400 Bad Request",
                "missing_header",
                "Metadata-Flavor: ibm is required",
            );
        }
        if !lifetime.is_some_and(|l| (5..=3600).contains(&l)) {
            return vpc_error("400 Bad Request", "bad_field", "expires_in must be 5 to 3600");
        }
        let token =
            jwt(&json!({"exp": now() + lifetime.unwrap_or(0), "sub": "crn:v1:instance:0717-x"}));
        state.instance_tokens.push(token.clone());
        return ok(&json!({
            "access_token": token,
            "created_at": "2026-12-03T09:00:00Z",
            "expires_at": "2026-12-03T09:05:00Z",
            "expires_in": lifetime,
        }));
    }
    if line == iam_line {
        let bearer = head
            .lines()
            .find_map(|l| l.strip_prefix("authorization: bearer "))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned();
        let original =
            state.instance_tokens.iter().find(|t| t.to_ascii_lowercase() == bearer).cloned();
        if original.is_none() || !json_headers {
            return vpc_error(
                "401 Unauthorized",
                "not_authorized",
                "The instance identity token is not valid",
            );
        }
        let profile = if body.trim().is_empty() {
            Some(&PROFILES[0])
        } else {
            let b: Value = serde_json::from_str(body).unwrap_or(Value::Null);
            let tp = &b["trusted_profile"];
            let keys = tp.as_object().map_or(0, serde_json::Map::len);
            if keys != 1 || b.as_object().map_or(0, serde_json::Map::len) != 1 {
                return vpc_error(
                    "400 Bad Request",
                    "bad_field",
                    "trusted_profile takes one of id, crn",
                );
            }
            PROFILES.iter().find(|p| tp["id"] == p.id || tp["crn"] == p.crn)
        };
        let Some(profile) = profile.cloned() else {
            return vpc_error(
                "400 Bad Request",
                "iam_token_failed",
                "The trusted profile is not linked to this instance",
            );
        };
        let token = issue(state, &profile, "urn:ibm:params:oauth:grant-type:cr-token");
        return ok(&json!({
            "access_token": token,
            "created_at": "2026-12-03T09:00:00Z",
            "expires_at": "2026-12-03T10:00:00Z",
            "expires_in": state.ttl,
        }));
    }
    vpc_error("404 Not Found", "not_found", "Not found")
}
