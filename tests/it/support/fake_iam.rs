//! A stand-in for IAM on loopback (no real IAM can be reached from here), as strict as
//! DESIGN.md §12 says real IAM is: it keeps service IDs, policies and API keys as state and
//! refuses what IAM refuses. A policy must name a role from its catalogue (`GET /v2/roles`,
//! IAM's built-in `crn:v1:bluemix:public:iam::::serviceRole:…`), a real region or the
//! geography `global` (never `region=global`), and a subject it knows; a policy that exists
//! answers 409 `policy_conflict_error` naming it; policy lists come two to a page with
//! `next.start`; deleting a service ID deletes its API keys; unknown ids are 404. A `Script`
//! adds the faults: refusals, an unreadable catalogue, creates whose answer is lost, deletes
//! that answer 409 while keys go, a stalled answer, a slow one, policy and key creates whose
//! answer is lost, hostile records (ids that are not ids, no `iam_id`) and `next` links that
//! never end. API keys are listed as IAM's identity API lists them (`GET /v1/apikeys?
//! account_id=&iam_id=&pagesize=` two to a page, with an absolute `next` link carrying the
//! `pagetoken`, `created_at` to the minute, never the key), and the token exchange accepts
//! only keys that exist, answering with a token of the key's service ID (IAM's
//! `BXNIM0415E` otherwise). Every request is recorded in order.

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use super::http::{HttpServer, Reply};
use super::{jwt, now};

/// The caller's API key.
pub const CALLER_KEY: &str = "cAlLeR-kEy_0123456789abcdefghijklmnopqrstuv";
/// The key IAM creates for a service ID.
pub const NEW_KEY: &str = "nEw-SeRvIcE-kEy_0123456789abcdefghijklmnopq";
/// The keys that exist before a test: this, a '-', and their id.
pub const OLD_KEY: &str = "oLd-SeRvIcE-kEy_0123456789abcdefghijklmn";
/// The caller's account.
pub const ACCOUNT: &str = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

/// IBM Cloud regions that a policy's `region` attribute accepts.
const REGIONS: &[&str] = &[
    "au-syd", "br-sao", "ca-mon", "ca-tor", "eu-de", "eu-es", "eu-gb", "in-che", "in-mum",
    "jp-osa", "jp-tok", "us-south", "us-east",
];

/// Namespaces of the policies a pre-existing service ID has.
const OLD_NAMESPACES: &[&str] = &["team-a", "team-b", "team-c", "team-d", "team-e"];

/// Which role catalogue the stand-in has.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Catalogue {
    /// IBM Cloud's: IAM's built-in service roles, `crn:v1:bluemix:public:iam::::serviceRole:…`.
    #[default]
    Public,
    /// A cloud whose role CRNs differ (IBM's test cloud writes `crn:v1:staging:…`): only those
    /// are accepted, so a client that does not look them up fails.
    Staging,
    /// The catalogue answers 403; the public CRNs are still accepted.
    Unreadable,
}

/// What the stand-in should do besides answering as IAM.
#[derive(Clone, Default)]
pub struct Script {
    /// Requests whose line starts with one of these fail with IAM's error shape (400).
    pub fail: Vec<String>,
    /// A service ID `ci-pull` (made by cr-ext) and one `someone-else` exist already.
    pub existing: bool,
    /// How many policies `ci-pull` has when it exists (1 unless set).
    pub existing_policies: Option<usize>,
    /// Every admin request answers 401 (an expired caller token).
    pub expired: bool,
    pub catalogue: Catalogue,
    /// The first this many service ID creates are made, but answered 500 (the answer lost).
    pub lost_creates: u32,
    /// The first this many service ID creates answer 500 and make nothing.
    pub failed_creates: u32,
    /// The first this many service ID deletes answer 409 (its keys are still being deleted).
    pub delete_conflicts: u32,
    /// Requests whose line starts with this get a head and part of a body, then nothing for
    /// that many seconds, and the connection closes (as a proxy ends an idle one).
    pub stall: Option<(String, u64)>,
    /// Requests whose line starts with this are answered as usual after that many ms.
    pub slow: Option<(String, u64)>,
    /// The first this many policy creates are made, but answered 502 (the answer lost).
    pub lost_policy_creates: u32,
    /// The first this many API key creates are made, but answered 502 (the key lost).
    pub lost_key_creates: u32,
    /// With `existing`: this many more cr-ext keys of `ci-pull` (ApiKey-old-2…, a day apart,
    /// newer each) and one made by hand (ApiKey-hand).
    pub old_keys: u32,
    /// Merged into every service ID a list answers (hostile records: `{"iam_id": null}`); the
    /// service ID `someone-else` then has a policy too.
    pub mangle: Option<Value>,
    /// Every service ID list links a next page, the same one each time.
    pub endless_pages: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceId {
    pub id: String,
    pub iam_id: String,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ApiKey {
    pub id: String,
    pub iam_id: String,
    pub name: String,
    pub description: String,
    pub created_at: String,
    /// The key itself (what the token exchange takes).
    pub value: String,
}

#[derive(Default)]
pub struct State {
    pub service_ids: Vec<ServiceId>,
    /// Whole policies, as IAM answers them.
    pub policies: Vec<Value>,
    pub apikeys: Vec<ApiKey>,
    /// How many service IDs, policies and keys were made, for their ids.
    made: [u32; 3],
    script: Script,
    /// The request line of every request as it arrives (before any slow answer).
    arrived: Vec<String>,
}

pub struct FakeIam {
    pub server: HttpServer,
    /// The caller's access token.
    pub token: String,
    state: Arc<Mutex<State>>,
}

/// The role CRN prefix of a catalogue.
fn role_prefix(catalogue: Catalogue) -> &'static str {
    match catalogue {
        Catalogue::Staging => "crn:v1:staging:public:iam::::",
        Catalogue::Public | Catalogue::Unreadable => "crn:v1:bluemix:public:iam::::",
    }
}

fn catalogue_json(catalogue: Catalogue) -> Value {
    let prefix = role_prefix(catalogue);
    let role = |kind: &str, name: &str| json!({"display_name": name, "description": format!("{name} role"), "actions": [], "crn": format!("{prefix}{kind}:{name}")});
    let service_roles = ["Reader", "Writer", "Manager"].map(|n| role("serviceRole", n));
    let system_roles = ["Viewer", "Operator", "Editor", "Administrator"].map(|n| role("role", n));
    json!({"custom_roles": [], "service_roles": service_roles, "system_roles": system_roles})
}

fn json_reply(status: &str, body: &Value) -> Reply {
    Reply::status(status, &[("Content-Type", "application/json")], &body.to_string())
}

/// The policy API's error shape.
fn policy_error(status: &str, code: &str, message: &str) -> Reply {
    let number: u16 = status[..3].parse().unwrap();
    json_reply(
        status,
        &json!({"trace": "trace-pol", "errors": [{"code": code, "message": message}], "status_code": number}),
    )
}

/// The identity API's error shape: a `message_code` and the useful text in `details`.
fn identity_error(status: &str, code: &str, message_code: &str, details: &str) -> Reply {
    json_reply(
        status,
        &json!({"trace": "trace-id", "errors": [{"code": code, "message_code": message_code, "message": "The request was refused.", "details": details}], "status_code": &status[..3]}),
    )
}

/// A request's line (method and target), query parameters and JSON body.
struct Parsed {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    body: Value,
    headers: String,
}

impl Parsed {
    fn of(request: &str) -> Parsed {
        let (head, body) = request.split_once("\r\n\r\n").unwrap_or((request, ""));
        let line = head.lines().next().unwrap_or("");
        let mut words = line.split(' ');
        let method = words.next().unwrap_or("").to_owned();
        let target = words.next().unwrap_or("");
        let url = url::Url::parse(&format!("http://iam{target}")).unwrap();
        Parsed {
            method,
            path: url.path().to_owned(),
            query: url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
            body: serde_json::from_str(body).unwrap_or(Value::Null),
            headers: head.to_ascii_lowercase(),
        }
    }

    fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

impl FakeIam {
    pub fn start(script: Script) -> FakeIam {
        let token = jwt(
            &json!({"exp": now() + 3600, "iat": now(), "iam_id": "IBMid-caller", "account": {"bss": ACCOUNT}}),
        );
        let existing_policies = script.existing_policies.unwrap_or(1);
        let catalogue = script.catalogue;
        let existing = script.existing;
        let mut state = State { script, ..State::default() };
        if existing {
            state.service_ids.push(ServiceId {
                id: "ServiceId-old".into(),
                iam_id: "iam-ServiceId-old".into(),
                name: "ci-pull".into(),
                description: "[cr-ext] old".into(),
            });
            state.service_ids.push(ServiceId {
                id: "ServiceId-other".into(),
                iam_id: "iam-ServiceId-other".into(),
                name: "someone-else".into(),
                description: "made by hand".into(),
            });
            let old_key = |id: &str, description: &str, day: u32| ApiKey {
                id: id.into(),
                iam_id: "iam-ServiceId-old".into(),
                name: "ci-pull".into(),
                description: description.into(),
                created_at: format!("2026-11-{day:02}T08:00+0000"),
                value: format!("{OLD_KEY}-{id}"),
            };
            state.apikeys.push(old_key("ApiKey-old", "[cr-ext] old", 1));
            for n in 0..state.script.old_keys {
                let id = format!("ApiKey-old-{}", n + 2);
                state.apikeys.push(old_key(&id, "[cr-ext] older key", n + 2));
            }
            if state.script.old_keys > 0 {
                state.apikeys.push(old_key("ApiKey-hand", "made by hand", 28));
            }
            if state.script.mangle.is_some() {
                state.policies.push(json!({"id": "policy-other-1", "type": "access",
                    "subjects": [{"attributes": [{"name": "iam_id", "value": "iam-ServiceId-other"}]}],
                    "roles": [{"role_id": "crn:v1:bluemix:public:iam::::serviceRole:Writer"}],
                    "resources": [{"attributes": [{"name": "accountId", "value": ACCOUNT}, {"name": "serviceName", "value": "container-registry"}]}]}));
            }
            for (n, namespace) in OLD_NAMESPACES.iter().take(existing_policies).enumerate() {
                state.policies.push(json!({
                    "id": format!("policy-old-{}", n + 1),
                    "type": "access",
                    "subjects": [{"attributes": [{"name": "iam_id", "value": "iam-ServiceId-old"}]}],
                    "roles": [{"role_id": format!("{}serviceRole:Reader", role_prefix(catalogue)), "display_name": "Reader"}],
                    "resources": [{"attributes": [
                        {"name": "accountId", "value": ACCOUNT},
                        {"name": "serviceName", "value": "container-registry"},
                        {"name": "region", "value": "us-south"},
                        {"name": "resourceType", "value": "namespace"},
                        {"name": "resource", "value": namespace},
                    ]}],
                }));
            }
        }
        let state = Arc::new(Mutex::new(state));
        let shared = Arc::clone(&state);
        let caller = token.clone();
        let server = HttpServer::start_with(move |request| {
            // A slow answer waits without holding the state: other requests go on meanwhile.
            let slow = {
                let mut state = shared.lock().unwrap();
                state.arrived.push(request.lines().next().unwrap_or("").to_owned());
                state.script.slow.clone()
            };
            if let Some((prefix, ms)) = slow
                && request.starts_with(prefix.as_str())
            {
                std::thread::sleep(std::time::Duration::from_millis(ms));
            }
            answer(&mut shared.lock().unwrap(), &caller, &Parsed::of(request), request)
        });
        FakeIam { server, token, state }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn requests(&self) -> Vec<String> {
        self.server.requests()
    }

    /// Whether a request whose line starts with `prefix` has arrived (even if not answered:
    /// [`FakeIam::requests`] waits for the answers under way).
    pub fn arrived(&self, prefix: &str) -> bool {
        self.state.lock().unwrap().arrived.iter().any(|l| l.starts_with(prefix))
    }

    pub fn service_ids(&self) -> Vec<ServiceId> {
        self.state.lock().unwrap().service_ids.clone()
    }

    pub fn policies(&self) -> Vec<Value> {
        self.state.lock().unwrap().policies.clone()
    }

    pub fn apikeys(&self) -> Vec<ApiKey> {
        self.state.lock().unwrap().apikeys.clone()
    }

    /// The ids of the policies whose subject is `iam_id`.
    pub fn policy_ids_of(&self, iam_id: &str) -> Vec<String> {
        self.policies()
            .iter()
            .filter(|p| subject(p) == Some(iam_id))
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn subject(policy: &Value) -> Option<&str> {
    policy["subjects"][0]["attributes"][0]["value"].as_str()
}

/// A policy's resource attributes as sorted (name, value) pairs, to compare two policies.
fn resource_key(policy: &Value) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = policy["resources"][0]["attributes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            (a["name"].as_str().unwrap_or("").into(), a["value"].as_str().unwrap_or("").into())
        })
        .collect();
    pairs.sort();
    pairs
}

fn answer(state: &mut State, caller: &str, r: &Parsed, raw: &str) -> Reply {
    let line = raw.lines().next().unwrap_or("").to_owned();
    if state.script.fail.iter().any(|f| line.starts_with(f.as_str())) {
        return json_reply(
            "400 Bad Request",
            &json!({"trace": "trace-7f3a", "errors": [{"code": "invalid_request", "message": format!("refused: {line}")}], "status_code": 400}),
        );
    }
    if let Some((stall, secs)) = &state.script.stall
        && line.starts_with(stall.as_str())
    {
        return Reply::Stall {
            head: "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":".into(),
            secs: *secs,
        };
    }
    if r.method == "POST" && r.path == "/identity/token" {
        let form = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        let key = url::form_urlencoded::parse(form.as_bytes())
            .find(|(k, _)| k == "apikey")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        let token = if key == CALLER_KEY {
            caller.to_owned()
        } else if let Some(k) = state.apikeys.iter().find(|k| k.value == key) {
            jwt(&json!({"exp": now() + 3600, "iam_id": k.iam_id}))
        } else {
            return json_reply(
                "400 Bad Request",
                &json!({"errorCode": "BXNIM0415E", "errorMessage": "Provided API key could not be found.", "context": {"requestId": "req-key"}}),
            );
        };
        return json_reply("200 OK", &json!({"access_token": token, "expires_in": 3600}));
    }
    if state.script.expired {
        return json_reply(
            "401 Unauthorized",
            &json!({"trace": "trace-exp", "errors": [{"code": "BXNIM0407E", "message": "The token is expired"}], "status_code": 401}),
        );
    }
    if !r.headers.contains(&format!("authorization: bearer {}", caller.to_ascii_lowercase())) {
        return identity_error("401 Unauthorized", "BXNIM0407E", "BXNIM0407E", "no valid token");
    }
    if !r.headers.contains("accept: application/json") {
        return policy_error("406 Not Acceptable", "invalid_request", "Accept must be JSON");
    }
    if r.method != "GET"
        && r.method != "DELETE"
        && !r.headers.contains("content-type: application/json")
    {
        return policy_error("415 Unsupported Media Type", "unsupported_content_type", "JSON only");
    }
    let segments: Vec<&str> = r.path.trim_start_matches('/').split('/').collect();
    match (r.method.as_str(), segments.as_slice()) {
        ("GET", ["v2", "roles"]) => roles(state, r),
        ("POST", ["v1", "serviceids", ""]) => create_service_id(state, r),
        ("GET", ["v1", "serviceids", ""]) => list_service_ids(state, r),
        ("DELETE", ["v1", "serviceids", id]) => delete_service_id(state, id),
        ("POST", ["v1", "policies"]) => create_policy(state, r),
        ("GET", ["v1", "policies"]) => list_policies(state, r),
        ("DELETE", ["v1", "policies", id]) => {
            let before = state.policies.len();
            state.policies.retain(|p| p["id"].as_str() != Some(id));
            if state.policies.len() == before {
                return policy_error("404 Not Found", "policy_not_found", "Policy not found.");
            }
            Reply::status("204 No Content", &[], "")
        }
        ("POST", ["v1", "apikeys"]) => create_apikey(state, r),
        ("GET", ["v1", "apikeys"]) => list_apikeys(state, r),
        ("DELETE", ["v1", "apikeys", id]) => {
            let before = state.apikeys.len();
            state.apikeys.retain(|k| k.id != *id);
            if state.apikeys.len() == before {
                return identity_error(
                    "404 Not Found",
                    "not_found",
                    "BXNIM0102E",
                    "API key not found.",
                );
            }
            Reply::status("204 No Content", &[], "")
        }
        _ => policy_error("404 Not Found", "not_found", &format!("no such API: {line}")),
    }
}

fn roles(state: &State, r: &Parsed) -> Reply {
    if r.param("service_name") != Some("container-registry")
        || r.param("account_id") != Some(ACCOUNT)
    {
        return policy_error(
            "400 Bad Request",
            "invalid_request",
            "service_name and account_id are needed",
        );
    }
    if state.script.catalogue == Catalogue::Unreadable {
        return policy_error("403 Forbidden", "insufficent_permissions", "You cannot list roles.");
    }
    json_reply("200 OK", &catalogue_json(state.script.catalogue))
}

fn create_service_id(state: &mut State, r: &Parsed) -> Reply {
    let b = &r.body;
    let (Some(name), Some(description)) = (b["name"].as_str(), b["description"].as_str()) else {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0507E",
            "name and description are needed",
        );
    };
    if b["account_id"].as_str() != Some(ACCOUNT) {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0508E",
            "account_id is not the caller's",
        );
    }
    if state.script.failed_creates > 0 {
        state.script.failed_creates -= 1;
        return identity_error(
            "500 Internal Server Error",
            "internal_error",
            "BXNIM0001E",
            "try again",
        );
    }
    state.made[0] += 1;
    let id = format!("ServiceId-{}", state.made[0]);
    let service = ServiceId {
        id: id.clone(),
        iam_id: format!("iam-{id}"),
        name: name.to_owned(),
        description: description.to_owned(),
    };
    state.service_ids.push(service.clone());
    if state.script.lost_creates > 0 {
        state.script.lost_creates -= 1;
        return identity_error(
            "502 Bad Gateway",
            "bad_gateway",
            "BXNIM0002E",
            "the answer was lost",
        );
    }
    json_reply("201 Created", &service_json(&service))
}

fn service_json(s: &ServiceId) -> Value {
    json!({"id": s.id, "iam_id": s.iam_id, "entity_tag": "1-x", "crn": format!("crn:v1:bluemix:public:iam-identity::a/{ACCOUNT}::serviceid:{}", s.id), "name": s.name, "description": s.description, "account_id": ACCOUNT})
}

fn list_service_ids(state: &State, r: &Parsed) -> Reply {
    if r.param("account_id") != Some(ACCOUNT) {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0508E",
            "account_id is needed",
        );
    }
    let ids: Vec<Value> = state
        .service_ids
        .iter()
        .filter(|s| r.param("name").is_none_or(|n| n == s.name))
        .map(|s| {
            let mut record = service_json(s);
            for (k, v) in
                state.script.mangle.as_ref().and_then(Value::as_object).into_iter().flatten()
            {
                record[k] = v.clone();
            }
            record
        })
        .collect();
    let mut body = json!({"offset": 0, "limit": 100, "serviceids": ids});
    if state.script.endless_pages {
        body["next"] = json!(format!(
            "https://iam.cloud.ibm.com/v1/serviceids/?account_id={ACCOUNT}&pagesize=100&pagetoken=again"
        ));
    }
    json_reply("200 OK", &body)
}

fn delete_service_id(state: &mut State, id: &str) -> Reply {
    let Some(service) = state.service_ids.iter().find(|s| s.id == id).cloned() else {
        return identity_error("404 Not Found", "not_found", "BXNIM0103E", "Service ID not found.");
    };
    if state.script.delete_conflicts > 0 {
        state.script.delete_conflicts -= 1;
        return identity_error(
            "409 Conflict",
            "conflict",
            "BXNIM0510E",
            "The API keys of the service ID are still being deleted.",
        );
    }
    state.apikeys.retain(|k| k.iam_id != service.iam_id);
    state.service_ids.retain(|s| s.id != id);
    Reply::status("204 No Content", &[], "")
}

/// Why IAM would refuse a policy body, if it would.
fn invalid_policy(state: &State, b: &Value) -> Option<String> {
    if b["type"] != json!("access") {
        return Some("type must be access".into());
    }
    let subject_ok = b["subjects"].as_array().is_some_and(|s| s.len() == 1)
        && b["subjects"][0]["attributes"].as_array().is_some_and(|a| a.len() == 1)
        && b["subjects"][0]["attributes"][0]["name"] == json!("iam_id");
    let iam_id = subject(b).unwrap_or("");
    if !subject_ok || !state.service_ids.iter().any(|s| s.iam_id == iam_id) {
        return Some(format!("unknown subject '{iam_id}'"));
    }
    let catalogue = catalogue_json(state.script.catalogue);
    let valid: Vec<&Value> = ["service_roles", "system_roles"]
        .iter()
        .flat_map(|k| catalogue[*k].as_array().unwrap())
        .map(|r| &r["crn"])
        .collect();
    let roles = b["roles"].as_array().cloned().unwrap_or_default();
    if roles.is_empty() {
        return Some("a policy needs a role".into());
    }
    for role in &roles {
        if !valid.contains(&&role["role_id"]) {
            return Some(format!(
                "Invalid role_id {} for service container-registry",
                role["role_id"]
            ));
        }
    }
    let Some(attributes) = b["resources"][0]["attributes"].as_array() else {
        return Some("a policy needs resources".into());
    };
    if b["resources"].as_array().map(Vec::len) != Some(1) {
        return Some("one resource".into());
    }
    let get = |name: &str| {
        attributes.iter().find(|a| a["name"] == json!(name)).and_then(|a| a["value"].as_str())
    };
    for a in attributes {
        let name = a["name"].as_str().unwrap_or("");
        if !["accountId", "serviceName", "region", "geography", "resourceType", "resource"]
            .contains(&name)
        {
            return Some(format!("unknown resource attribute '{name}'"));
        }
    }
    if get("accountId") != Some(ACCOUNT) || get("serviceName") != Some("container-registry") {
        return Some("accountId and serviceName=container-registry are needed".into());
    }
    if let Some(region) = get("region")
        && !REGIONS.contains(&region)
    {
        return Some(format!("'{region}' is not a region"));
    }
    if let Some(geography) = get("geography")
        && (geography != "global" || get("region").is_some())
    {
        return Some(format!("geography '{geography}' is not valid here"));
    }
    if get("resource").is_some() != (get("resourceType") == Some("namespace")) {
        return Some("resourceType namespace and resource go together".into());
    }
    None
}

fn create_policy(state: &mut State, r: &Parsed) -> Reply {
    if let Some(why) = invalid_policy(state, &r.body) {
        return policy_error("400 Bad Request", "invalid_body", &why);
    }
    let b = &r.body;
    if let Some(existing) = state.policies.iter().find(|p| {
        subject(p) == subject(b)
            && p["roles"][0]["role_id"] == b["roles"][0]["role_id"]
            && resource_key(p) == resource_key(b)
    }) {
        return json_reply(
            "409 Conflict",
            &json!({"trace": "trace-409", "errors": [{"code": "policy_conflict_error", "message": "Failed to create policy.", "details": {"conflicts_with": {"etag": "1-abc", "policy": existing}}}], "status_code": 409}),
        );
    }
    state.made[1] += 1;
    let id = format!("policy-{}", state.made[1]);
    let mut policy = b.clone();
    policy["href"] = json!(format!("https://iam.cloud.ibm.com/v1/policies/{id}"));
    policy["id"] = json!(id);
    state.policies.push(policy.clone());
    if state.script.lost_policy_creates > 0 {
        state.script.lost_policy_creates -= 1;
        return policy_error("502 Bad Gateway", "bad_gateway", "the answer was lost");
    }
    json_reply("201 Created", &policy)
}

fn list_policies(state: &State, r: &Parsed) -> Reply {
    if r.param("account_id") != Some(ACCOUNT) {
        return policy_error("400 Bad Request", "missing_required_query_parameter", "account_id");
    }
    let mine: Vec<&Value> = state
        .policies
        .iter()
        // An empty iam_id filters nothing, as if absent.
        .filter(|p| {
            r.param("iam_id").filter(|i| !i.is_empty()).is_none_or(|i| subject(p) == Some(i))
        })
        .collect();
    let start: usize = match r.param("start") {
        None => 0,
        Some(s) => match s.strip_prefix("page-").and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => return policy_error("400 Bad Request", "invalid_request", "bad start"),
        },
    };
    let page: Vec<&Value> = mine.iter().skip(start).take(2).copied().collect();
    let mut body = json!({"limit": 2, "first": {"href": "https://iam.cloud.ibm.com/v1/policies"}, "policies": page});
    if start + 2 < mine.len() {
        let next = format!("page-{}", start + 2);
        body["next"] = json!({"href": format!("https://iam.cloud.ibm.com/v1/policies?start={next}"), "start": next});
    }
    json_reply("200 OK", &body)
}

fn create_apikey(state: &mut State, r: &Parsed) -> Reply {
    let b = &r.body;
    let iam_id = b["iam_id"].as_str().unwrap_or("");
    if !state.service_ids.iter().any(|s| s.iam_id == iam_id) {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0509E",
            "unknown iam_id",
        );
    }
    if b["account_id"].as_str() != Some(ACCOUNT)
        || b["store_value"] != json!(false)
        || !b["name"].is_string()
    {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0507E",
            "name, account_id and store_value are needed",
        );
    }
    state.made[2] += 1;
    let n = state.made[2];
    let key = ApiKey {
        id: format!("ApiKey-{n}"),
        iam_id: iam_id.to_owned(),
        name: b["name"].as_str().unwrap().to_owned(),
        description: b["description"].as_str().unwrap_or("").to_owned(),
        created_at: "2026-11-29T08:00+0000".into(),
        value: if n == 1 { NEW_KEY.to_owned() } else { format!("{NEW_KEY}-{n}") },
    };
    state.apikeys.push(key.clone());
    if state.script.lost_key_creates > 0 {
        state.script.lost_key_creates -= 1;
        return identity_error(
            "502 Bad Gateway",
            "bad_gateway",
            "BXNIM0002E",
            "the answer was lost",
        );
    }
    json_reply(
        "201 Created",
        &json!({"id": key.id, "apikey": key.value, "name": key.name, "description": key.description, "iam_id": iam_id, "account_id": ACCOUNT, "created_at": key.created_at}),
    )
}

/// `GET /v1/apikeys`: a service ID's keys, two to a page (whatever `pagesize` asks, which
/// must be 1 to 100), the next page linked absolutely with its `pagetoken`; never a key.
fn list_apikeys(state: &State, r: &Parsed) -> Reply {
    let Some(iam_id) =
        r.param("iam_id").filter(|i| state.service_ids.iter().any(|s| s.iam_id == *i))
    else {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0509E",
            "iam_id is needed and must be a service ID of the account",
        );
    };
    if r.param("account_id") != Some(ACCOUNT) {
        return identity_error(
            "400 Bad Request",
            "invalid_request",
            "BXNIM0508E",
            "account_id must match the iam_id's account",
        );
    }
    let pagesize: usize = match r.param("pagesize").map(str::parse::<usize>) {
        None => 20,
        Some(Ok(n)) if (1..=100).contains(&n) => n,
        _ => {
            return identity_error(
                "400 Bad Request",
                "invalid_request",
                "BXNIM0507E",
                "pagesize is 1 to 100",
            );
        }
    };
    let start: usize = match r.param("pagetoken") {
        None => 0,
        Some(t) => match t.strip_prefix("keys-").and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => {
                return identity_error(
                    "400 Bad Request",
                    "invalid_request",
                    "BXNIM0507E",
                    "bad pagetoken",
                );
            }
        },
    };
    let mine: Vec<&ApiKey> = state.apikeys.iter().filter(|k| k.iam_id == iam_id).collect();
    let size = pagesize.min(2);
    let page: Vec<Value> = mine
        .iter()
        .skip(start)
        .take(size)
        .map(|k| json!({"id": k.id, "entity_tag": "1-k", "crn": format!("crn:v1:bluemix:public:iam-identity::a/{ACCOUNT}::apikey:{}", k.id), "locked": false, "created_at": k.created_at, "created_by": "IBMid-caller", "modified_at": k.created_at, "name": k.name, "description": k.description, "iam_id": k.iam_id, "account_id": ACCOUNT}))
        .collect();
    let mut body = json!({"offset": start, "limit": size, "first": format!("https://iam.cloud.ibm.com/v1/apikeys?account_id={ACCOUNT}&iam_id={iam_id}&pagesize={pagesize}"), "apikeys": page});
    if start + size < mine.len() {
        body["next"] = json!(format!(
            "https://iam.cloud.ibm.com/v1/apikeys?account_id={ACCOUNT}&iam_id={iam_id}&pagesize={pagesize}&pagetoken=keys-{}",
            start + size
        ));
    }
    json_reply("200 OK", &body)
}
