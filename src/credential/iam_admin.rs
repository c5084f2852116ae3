//! IAM's admin APIs (DESIGN.md §12) as the caller: service IDs, access policies, API keys and
//! the role catalogue. Every request carries `Authorization: Bearer <token>`, `Accept` and
//! `Content-Type: application/json`; it goes over HTTPS (plain http only to loopback, as for the
//! token API), with the same timeouts, no redirects and answer cap as the token exchange. What
//! IAM documents about each call lives here: which answers are retried (429 and 5xx, except a
//! create's 5xx, after which the name is looked up first, since a lost answer may hide a service
//! ID that was made), a service ID's delete answering 409 while its keys go, a policy that
//! exists answering 409 `policy_conflict_error`, pages that follow `next.start`, and the roles
//! looked up by display name. IAM's errors
//! (`{"trace","errors":[{"code","message","details","message_code"}],"status_code"}`) become
//! messages with all of those, scrubbed. With `dry_run`, requests are printed (secrets as
//! `****`) and nothing is sent.

use std::fmt::Write as _;
use std::time::Duration;

use reqwest::Url;
use serde_json::{Value, json};

use super::iam::{self, Retry};
use crate::error::{AdminAnswer, Error, Result};
use crate::secret::{Secret, scrub};

/// The Container Registry service's name in IAM.
pub(crate) const SERVICE_NAME: &str = "container-registry";
/// IAM's built-in service roles, which Container Registry uses (it has none of its own): the
/// role CRN is this and the display name. Used when the role catalogue cannot be read.
pub(crate) const BUILTIN_SERVICE_ROLE: &str = "crn:v1:bluemix:public:iam::::serviceRole:";
/// How often a service ID's delete is sent while IAM answers 409 (its keys are being deleted).
const DELETE_ATTEMPTS: u32 = 5;
/// How often a service ID's create is sent while IAM answers 5xx (each after a look-up).
const CREATE_ATTEMPTS: u32 = 3;
/// The wait before the second attempt; it doubles for each one after.
const BACKOFF: Duration = Duration::from_millis(500);
/// Most pages of one list followed (100 policies each at IAM's default).
pub(crate) const MAX_PAGES: usize = 100;

/// A request, as `--dry-run` shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Request {
    pub(crate) method: &'static str,
    pub(crate) path: String,
    pub(crate) body: Option<Value>,
    /// Which failed answers are tried again at once.
    pub(crate) retry: Retry,
}

impl Request {
    fn new(method: &'static str, path: String, body: Option<Value>) -> Self {
        Request { method, path, body, retry: Retry::All }
    }
}

/// What a policy create came to.
#[derive(Debug, PartialEq)]
pub(crate) enum Granted {
    /// IAM made the policy (its answer).
    New(Value),
    /// A policy with the same subject, role and resource exists (409 `policy_conflict_error`);
    /// its id when IAM named it.
    Existing(Option<String>),
}

/// An IAM admin client for one caller.
pub(crate) struct Admin {
    endpoint: Url,
    token: Secret,
    timeout: Duration,
    http: Option<reqwest::blocking::Client>,
    /// Requests printed instead of sent.
    pub(crate) dry_run: bool,
}

impl Admin {
    /// A client for `endpoint` acting with the access token `token`.
    ///
    /// # Errors
    /// A bad endpoint, or the TLS backend cannot start.
    pub(crate) fn new(
        endpoint: &str,
        token: Secret,
        timeout: Duration,
        dry_run: bool,
    ) -> Result<Self> {
        let endpoint = iam::validate_endpoint(endpoint)?;
        let http = if dry_run { None } else { Some(iam::client(&endpoint, timeout)?) };
        Ok(Admin { endpoint, token, timeout, http, dry_run })
    }

    /// Sends a request; `what` names it in errors ("create the service ID"). 2xx answers
    /// come back as JSON (`null` for an empty body); with `dry_run`, `null` at once.
    ///
    /// # Errors
    /// IAM unreachable, or answering an error.
    pub(crate) fn send(&self, request: &Request, what: &str) -> Result<Value> {
        if self.dry_run {
            crate::output::stdout(&show(request))?;
            return Ok(Value::Null);
        }
        let (status, body) = self.exchange(request, what)?;
        answer(status, &body, what)
    }

    /// Sends a request and returns IAM's final status and body, whatever they are.
    fn exchange(&self, request: &Request, what: &str) -> Result<(u16, String)> {
        let url = self.endpoint.join(&request.path).map_err(|e| Error::IamUnavailable {
            endpoint: iam::display_url(&self.endpoint),
            reason: e.to_string(),
        })?;
        let http = self.http.as_ref().expect("a client when not a dry run");
        let method =
            reqwest::Method::from_bytes(request.method.as_bytes()).unwrap_or(reqwest::Method::GET);
        iam::send(&self.endpoint, &url, (request.method, what), self.timeout, request.retry, || {
            let mut builder = http
                .request(method.clone(), url.clone())
                .header("Authorization", format!("Bearer {}", self.token.expose()))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
            if let Some(body) = &request.body {
                builder = builder.body(body.to_string());
            }
            builder
        })
    }

    /// Creates a service ID. A 5xx may hide one that IAM made before its answer was lost, and
    /// names are not unique, so before each new attempt the name is looked up: a service ID
    /// of that name whose id is not in `known` (those that existed before) is the one made.
    ///
    /// # Errors
    /// IAM refusing, or failing each time.
    pub(crate) fn create_service_id(
        &self,
        account: &str,
        name: &str,
        description: &str,
        known: &[String],
    ) -> Result<Value> {
        let what = "create the service ID";
        let request = create_service_id(account, name, description);
        if self.dry_run {
            return self.send(&request, what);
        }
        let mut attempt = 1;
        loop {
            let (status, body) = self.exchange(&request, what)?;
            if (200..300).contains(&status) || status < 500 || status == 501 {
                return answer(status, &body, what);
            }
            crate::output::trace(&format!(
                "IAM answered {status} to the create; looking the name up before trying again"
            ));
            let found = self
                .send(&list_service_ids(account, Some(name), None), "look the new service ID up")?;
            if let Some(made) = found["serviceids"].as_array().into_iter().flatten().find(|s| {
                s["name"].as_str() == Some(name)
                    && s["id"]
                        .as_str()
                        .is_some_and(|id| !id.is_empty() && !known.iter().any(|k| k == id))
            }) {
                crate::output::trace("IAM had made it: using that one");
                return Ok(made.clone());
            }
            if attempt >= CREATE_ATTEMPTS {
                return Err(admin_error(status, &body, what));
            }
            std::thread::sleep(BACKOFF * (1 << (attempt - 1)));
            attempt += 1;
        }
    }

    /// Deletes a service ID (IAM deletes its API keys with it), sending the delete again with
    /// backoff while IAM answers 409 because those keys are still being deleted.
    ///
    /// # Errors
    /// IAM refusing, failing, or still answering 409 after [`DELETE_ATTEMPTS`].
    pub(crate) fn delete_service_id(&self, id: &str, what: &str) -> Result<Value> {
        let request = delete_service_id(id);
        if self.dry_run {
            return self.send(&request, what);
        }
        let mut attempt = 1;
        loop {
            let (status, body) = self.exchange(&request, what)?;
            if status != 409 || attempt >= DELETE_ATTEMPTS {
                return answer(status, &body, what);
            }
            let wait = BACKOFF * (1 << (attempt - 1));
            crate::output::trace(&format!(
                "IAM answered 409 (the service ID's keys are still being deleted); trying again in {} ms",
                wait.as_millis()
            ));
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// Creates a policy; one that exists already (409 `policy_conflict_error`) is
    /// [`Granted::Existing`], not an error.
    ///
    /// # Errors
    /// IAM refusing otherwise, or failing.
    pub(crate) fn create_policy(&self, request: &Request, what: &str) -> Result<Granted> {
        if self.dry_run {
            return self.send(request, what).map(Granted::New);
        }
        let (status, body) = self.exchange(request, what)?;
        if status == 409
            && let Some(existing) = policy_conflict(&body)
        {
            return Ok(existing);
        }
        answer(status, &body, what).map(Granted::New)
    }

    /// Every access policy whose subject is `iam_id`, following `next.start` page by page.
    ///
    /// # Errors
    /// IAM refusing or failing, or pages that do not end (a `start` seen before, or more
    /// than [`MAX_PAGES`]).
    pub(crate) fn all_policies(&self, account: &str, iam_id: &str) -> Result<Vec<Value>> {
        let mut policies = Vec::new();
        let mut start: Option<String> = None;
        let mut seen: Vec<String> = Vec::new();
        for _ in 0..MAX_PAGES {
            let page =
                self.send(&list_policies(account, iam_id, start.as_deref()), "list policies")?;
            policies.extend(page["policies"].as_array().into_iter().flatten().cloned());
            start = next_start(&page);
            match &start {
                None => return Ok(policies),
                Some(s) if seen.contains(s) => break,
                Some(s) => seen.push(s.clone()),
            }
        }
        Err(Error::IamResponse {
            what: format!(
                "its list of policies does not end (a page seen before, or more than {MAX_PAGES} pages)"
            ),
        })
    }
}

/// A final answer: JSON for 2xx (`null` when empty), else the error it says.
fn answer(status: u16, body: &str, what: &str) -> Result<Value> {
    if (200..300).contains(&status) {
        if body.trim().is_empty() {
            return Ok(Value::Null);
        }
        return serde_json::from_str(body)
            .map_err(|_| Error::IamResponse { what: format!("its answer to {what} is not JSON") });
    }
    Err(admin_error(status, body, what))
}

/// How `--dry-run` prints a request.
#[must_use]
pub(crate) fn show(request: &Request) -> String {
    let mut text = format!("{} {}\n  Authorization: Bearer ****\n", request.method, request.path);
    if let Some(body) = &request.body {
        let _ = writeln!(text, "  {}", scrub(&body.to_string()));
    }
    text
}

/// Turns an admin API error answer into an error naming what was refused.
#[must_use]
pub(crate) fn admin_error(status: u16, body: &str, what: &str) -> Error {
    let iam::ErrorBody { code, message, request_id, details, message_code } = iam::error_body(body);
    let details = match policy_conflict(body) {
        Some(Granted::Existing(id)) => Some(format!(
            "it conflicts with policy {}",
            id.unwrap_or_else(|| "(no id given)".into())
        )),
        _ => details,
    };
    Error::IamAdmin {
        status,
        action: what.to_owned(),
        answer: Box::new(AdminAnswer { code, message_code, message, details, trace: request_id }),
    }
}

/// Whether an error answer is a policy conflict; then the conflicting policy's id if named:
/// `errors[0].details.conflicts_with.policy` is that policy (with its `id`), or in IBM's SDK
/// models its id as a string.
fn policy_conflict(body: &str) -> Option<Granted> {
    let value: Value = serde_json::from_str(body).ok()?;
    let first = &value["errors"][0];
    (first["code"].as_str() == Some("policy_conflict_error")).then(|| {
        let policy = &first["details"]["conflicts_with"]["policy"];
        Granted::Existing(
            policy
                .as_str()
                .or_else(|| policy["id"].as_str())
                .map(|id| scrub(id).trim().to_owned())
                .filter(|id| !id.is_empty()),
        )
    })
}

/// `GET /v2/roles?service_name=container-registry&account_id=…`: the roles a policy on
/// Container Registry may grant.
#[must_use]
pub(crate) fn list_roles(account: &str) -> Request {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("service_name", SERVICE_NAME)
        .append_pair("account_id", account)
        .finish();
    Request::new("GET", format!("/v2/roles?{query}"), None)
}

/// The CRN of the role whose `display_name` is `name` among the catalogue's service roles.
///
/// # Errors
/// No such role (the error lists the service roles there are), or a CRN that is not one.
pub(crate) fn role_in_catalogue(
    catalogue: &Value,
    name: &str,
) -> std::result::Result<String, String> {
    let roles: Vec<&Value> = catalogue["service_roles"].as_array().into_iter().flatten().collect();
    if let Some(role) = roles.iter().find(|r| r["display_name"].as_str() == Some(name)) {
        return match role["crn"].as_str() {
            Some(crn) if is_crn(crn) => Ok(crn.to_owned()),
            _ => Err(format!("its role '{name}' has no usable crn")),
        };
    }
    let names: Vec<String> =
        roles.iter().filter_map(|r| r["display_name"].as_str()).map(scrub).collect();
    Err(format!(
        "Container Registry has no service role '{name}' (it has: {})",
        if names.is_empty() { "none".to_owned() } else { names.join(", ") }
    ))
}

/// A role CRN as IAM writes them: `crn:v1:` and then only letters, digits and `:-_./`.
fn is_crn(text: &str) -> bool {
    text.starts_with("crn:v1:")
        && text.len() <= 256
        && text.chars().all(|c| c.is_ascii_alphanumeric() || ":-_./".contains(c))
}

/// The built-in role CRN for a display name (`Reader` → `crn:v1:bluemix:public:iam::::serviceRole:Reader`).
#[must_use]
pub(crate) fn builtin_role(name: &str) -> String {
    format!("{BUILTIN_SERVICE_ROLE}{name}")
}

/// `POST /v1/serviceids/`. Not retried on 5xx: see [`Admin::create_service_id`].
#[must_use]
pub(crate) fn create_service_id(account: &str, name: &str, description: &str) -> Request {
    Request {
        retry: Retry::RateLimited,
        ..Request::new(
            "POST",
            "/v1/serviceids/".into(),
            Some(json!({"account_id": account, "name": name, "description": description})),
        )
    }
}

/// `GET /v1/serviceids/?account_id=…&name=…` (`name` optional), one page of up to 100.
#[must_use]
pub(crate) fn list_service_ids(
    account: &str,
    name: Option<&str>,
    pagetoken: Option<&str>,
) -> Request {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("account_id", account);
    if let Some(name) = name {
        query.append_pair("name", name);
    }
    query.append_pair("pagesize", "100");
    if let Some(token) = pagetoken {
        query.append_pair("pagetoken", token);
    }
    Request::new("GET", format!("/v1/serviceids/?{}", query.finish()), None)
}

/// `DELETE /v1/serviceids/{id}` (its API keys go with it); see [`Admin::delete_service_id`].
#[must_use]
pub(crate) fn delete_service_id(id: &str) -> Request {
    Request::new("DELETE", format!("/v1/serviceids/{}", segment(id)), None)
}

/// Where a policy applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every region: no region attribute.
    Everywhere,
    /// One IBM Cloud region (`us-south`): the `region` attribute.
    Region(String),
    /// A geography (`global`, the registry `icr.io`, which is no region): the `geography`
    /// attribute.
    Geography(String),
}

impl Scope {
    /// The scope for a registry region's name: `global` is the geography, the rest regions.
    #[must_use]
    pub(crate) fn of_region(name: &str) -> Scope {
        if name == "global" {
            Scope::Geography(name.to_owned())
        } else {
            Scope::Region(name.to_owned())
        }
    }

    /// The region or geography's name; `None` for every region.
    #[must_use]
    pub(crate) fn name(&self) -> Option<&str> {
        match self {
            Scope::Everywhere => None,
            Scope::Region(name) | Scope::Geography(name) => Some(name),
        }
    }
}

/// `POST /v1/policies`: the role `role_id` (a CRN) on Container Registry's namespace
/// `namespace` within `scope`, for the subject `iam_id`.
#[must_use]
pub(crate) fn create_policy(
    account: &str,
    iam_id: &str,
    role_id: &str,
    scope: &Scope,
    namespace: &str,
) -> Request {
    let mut attributes = vec![
        json!({"name": "accountId", "value": account}),
        json!({"name": "serviceName", "value": SERVICE_NAME}),
    ];
    match scope {
        Scope::Everywhere => {}
        Scope::Region(region) => attributes.push(json!({"name": "region", "value": region})),
        Scope::Geography(geo) => attributes.push(json!({"name": "geography", "value": geo})),
    }
    attributes.push(json!({"name": "resourceType", "value": "namespace"}));
    attributes.push(json!({"name": "resource", "value": namespace}));
    Request::new(
        "POST",
        "/v1/policies".into(),
        Some(json!({
            "type": "access",
            "subjects": [{"attributes": [{"name": "iam_id", "value": iam_id}]}],
            "roles": [{"role_id": role_id}],
            "resources": [{"attributes": attributes}],
        })),
    )
}

/// `GET /v1/policies?account_id=…&iam_id=…&type=access[&start=…]`: one page.
#[must_use]
pub(crate) fn list_policies(account: &str, iam_id: &str, start: Option<&str>) -> Request {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("account_id", account)
        .append_pair("iam_id", iam_id)
        .append_pair("type", "access");
    if let Some(start) = start {
        query.append_pair("start", start);
    }
    Request::new("GET", format!("/v1/policies?{}", query.finish()), None)
}

/// The token of a policy list's next page: `next.start`, absent on the last page.
#[must_use]
pub(crate) fn next_start(page: &Value) -> Option<String> {
    page["next"]["start"].as_str().filter(|s| !s.is_empty()).map(str::to_owned)
}

/// `DELETE /v1/policies/{id}`.
#[must_use]
pub(crate) fn delete_policy(id: &str) -> Request {
    Request::new("DELETE", format!("/v1/policies/{}", segment(id)), None)
}

/// `POST /v1/apikeys` for the service ID `iam_id`; the key is returned only in this answer.
#[must_use]
pub(crate) fn create_apikey(account: &str, iam_id: &str, name: &str, description: &str) -> Request {
    Request::new(
        "POST",
        "/v1/apikeys".into(),
        Some(json!({
            "name": name,
            "iam_id": iam_id,
            "description": description,
            "account_id": account,
            "store_value": false,
        })),
    )
}

/// `DELETE /v1/apikeys/{id}`.
#[must_use]
pub(crate) fn delete_apikey(id: &str) -> Request {
    Request::new("DELETE", format!("/v1/apikeys/{}", segment(id)), None)
}

/// An id as one URL path segment (IAM ids are letters, digits and '-', but never trust them).
fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_have_the_documented_shapes() {
        let reader = builtin_role("Reader");
        assert_eq!(reader, "crn:v1:bluemix:public:iam::::serviceRole:Reader");
        let region = Scope::of_region("us-south");
        let p = create_policy("acc", "iam-ServiceId-1", &reader, &region, "team-a");
        assert_eq!((p.method, p.path.as_str()), ("POST", "/v1/policies"));
        let body = p.body.unwrap();
        assert_eq!(body["roles"], json!([{"role_id": reader}]));
        let names = |body: &Value| -> Vec<String> {
            body["resources"][0]["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["name"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            names(&body),
            ["accountId", "serviceName", "region", "resourceType", "resource"]
        );
        let global = create_policy("acc", "i", &reader, &Scope::of_region("global"), "ns");
        let global = global.body.unwrap();
        assert_eq!(
            global["resources"][0]["attributes"][2],
            json!({"name": "geography", "value": "global"})
        );
        let all = create_policy("acc", "i", "r", &Scope::Everywhere, "ns").body.unwrap();
        assert_eq!(names(&all), ["accountId", "serviceName", "resourceType", "resource"]);
        assert_eq!(
            list_service_ids("a b", Some("x&y"), None).path,
            "/v1/serviceids/?account_id=a+b&name=x%26y&pagesize=100"
        );
        assert_eq!(
            list_policies("acc", "iam-1", Some("s 2")).path,
            "/v1/policies?account_id=acc&iam_id=iam-1&type=access&start=s+2"
        );
        assert_eq!(
            list_roles("acc").path,
            "/v2/roles?service_name=container-registry&account_id=acc"
        );
        assert_eq!(delete_apikey("ApiKey-1/../x").path, "/v1/apikeys/ApiKey-1%2F..%2Fx");
        assert_eq!(create_service_id("a", "n", "d").retry, Retry::RateLimited);
        assert_eq!(delete_service_id("x").retry, Retry::All);
    }

    #[test]
    fn roles_come_from_the_catalogue_by_display_name() {
        let catalogue = json!({"custom_roles": [], "service_roles": [
            {"display_name": "Reader", "crn": "crn:v1:staging:public:iam::::serviceRole:Reader"},
            {"display_name": "Writer", "crn": "not a crn"},
        ], "system_roles": [{"display_name": "Manager", "crn": "crn:v1:bluemix:public:iam::::role:Manager"}]});
        assert_eq!(
            role_in_catalogue(&catalogue, "Reader").unwrap(),
            "crn:v1:staging:public:iam::::serviceRole:Reader"
        );
        assert_eq!(
            role_in_catalogue(&catalogue, "Writer").unwrap_err(),
            "its role 'Writer' has no usable crn"
        );
        assert_eq!(
            role_in_catalogue(&catalogue, "Manager").unwrap_err(),
            "Container Registry has no service role 'Manager' (it has: Reader, Writer)"
        );
    }

    #[test]
    fn pages_end_where_next_start_is_absent() {
        assert_eq!(next_start(&json!({"next": {"href": "h", "start": "t2"}})), Some("t2".into()));
        assert_eq!(next_start(&json!({"next": {"href": "h"}})), None);
        assert_eq!(next_start(&json!({"policies": []})), None);
    }

    #[test]
    fn errors_keep_code_message_details_and_trace_scrubbed() {
        let body = r#"{"trace":"tr-1","errors":[{"code":"not_found","message":"Service ID \u001b[2Jnot found"}],"status_code":404}"#;
        let e = admin_error(404, body, "delete the service ID");
        assert_eq!(
            e.to_string(),
            "IAM refused to delete the service ID (HTTP 404, not_found): Service ID not found (trace tr-1)"
        );
        let body = r#"{"trace":"tr-2","errors":[{"code":"invalid_request","message_code":"BXNIM0507E","message":"Invalid request.","details":"The name must be at most 100 characters."}],"status_code":"400"}"#;
        assert_eq!(
            admin_error(400, body, "create the service ID").to_string(),
            "IAM refused to create the service ID (HTTP 400, invalid_request, BXNIM0507E): Invalid request: The name must be at most 100 characters. (trace tr-2)"
        );
        // A conflict's details are an object: its policy, with an id, or (IBM's SDK models) the id.
        for policy in [json!({"id": "pol-7", "type": "access"}), json!("pol-7")] {
            let body = json!({"trace": "tr-3", "errors": [{"code": "policy_conflict_error", "message": "Failed to create policy.", "details": {"conflicts_with": {"etag": "1-x", "policy": policy}}}], "status_code": 409}).to_string();
            assert_eq!(policy_conflict(&body), Some(Granted::Existing(Some("pol-7".into()))));
            assert_eq!(
                admin_error(409, &body, "create the policy").to_string(),
                "IAM refused to create the policy (HTTP 409, policy_conflict_error): Failed to create policy: it conflicts with policy pol-7 (trace tr-3)"
            );
        }
        let other =
            r#"{"errors":[{"code":"conflict","message":"Busy.","details":{"reason":"keys"}}]}"#;
        assert_eq!(policy_conflict(other), None);
        assert_eq!(
            admin_error(409, other, "delete it").to_string(),
            r#"IAM refused to delete it (HTTP 409, conflict): Busy: {"reason":"keys"}"#
        );
    }
}
