//! IAM's admin APIs (DESIGN.md §12) as the caller: service IDs, access policies and API keys.
//! Every request carries `Authorization: Bearer <token>`, `Accept` and `Content-Type: application/json`;
//! it goes over HTTPS (plain http only to loopback, as for the token API), with the same
//! timeouts, retries, no redirects and answer cap as the token exchange. IAM's errors
//! (`{"trace","errors":[{"code","message"}],"status_code"}`) become messages with the code, the
//! message and the trace id, scrubbed. With `dry_run`, requests are printed (secrets as `****`)
//! and nothing is sent.

use std::fmt::Write as _;
use std::time::Duration;

use reqwest::Url;
use serde_json::{Value, json};

use super::iam;
use crate::error::{Error, Result};
use crate::secret::{Secret, scrub};

/// The Container Registry service's name in IAM.
pub(crate) const SERVICE_NAME: &str = "container-registry";

/// A request, as `--dry-run` shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Request {
    pub(crate) method: &'static str,
    pub(crate) path: String,
    pub(crate) body: Option<Value>,
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
        let url = self.endpoint.join(&request.path).map_err(|e| Error::IamUnavailable {
            endpoint: iam::display_url(&self.endpoint),
            reason: e.to_string(),
        })?;
        let http = self.http.as_ref().expect("a client when not a dry run");
        let method =
            reqwest::Method::from_bytes(request.method.as_bytes()).unwrap_or(reqwest::Method::GET);
        let (status, body) =
            iam::send(&self.endpoint, &url, (request.method, what), self.timeout, || {
                let mut builder = http
                    .request(method.clone(), url.clone())
                    .header("Authorization", format!("Bearer {}", self.token.expose()))
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json");
                if let Some(body) = &request.body {
                    builder = builder.body(body.to_string());
                }
                builder
            })?;
        if (200..300).contains(&status) {
            if body.trim().is_empty() {
                return Ok(Value::Null);
            }
            return serde_json::from_str(&body).map_err(|_| Error::IamResponse {
                what: format!("its answer to {what} is not JSON"),
            });
        }
        Err(admin_error(status, &body, what))
    }
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
    let iam::ErrorBody { code, message, request_id } = iam::error_body(body);
    Error::IamAdmin { status, action: what.to_owned(), code, message, trace: request_id }
}

/// `POST /v1/serviceids/`.
#[must_use]
pub(crate) fn create_service_id(account: &str, name: &str, description: &str) -> Request {
    Request {
        method: "POST",
        path: "/v1/serviceids/".into(),
        body: Some(json!({"account_id": account, "name": name, "description": description})),
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
    Request { method: "GET", path: format!("/v1/serviceids/?{}", query.finish()), body: None }
}

/// `DELETE /v1/serviceids/{id}` (its API keys go with it).
#[must_use]
pub(crate) fn delete_service_id(id: &str) -> Request {
    Request { method: "DELETE", path: format!("/v1/serviceids/{}", segment(id)), body: None }
}

/// `POST /v1/policies`: `role` on Container Registry's namespace `namespace`, in `region` (all
/// regions when `None`), for the subject `iam_id`.
#[must_use]
pub(crate) fn create_policy(
    account: &str,
    iam_id: &str,
    role: &str,
    region: Option<&str>,
    namespace: &str,
) -> Request {
    let mut attributes = vec![
        json!({"name": "accountId", "value": account}),
        json!({"name": "serviceName", "value": SERVICE_NAME}),
    ];
    if let Some(region) = region {
        attributes.push(json!({"name": "region", "value": region}));
    }
    attributes.push(json!({"name": "resourceType", "value": "namespace"}));
    attributes.push(json!({"name": "resource", "value": namespace}));
    Request {
        method: "POST",
        path: "/v1/policies".into(),
        body: Some(json!({
            "type": "access",
            "subjects": [{"attributes": [{"name": "iam_id", "value": iam_id}]}],
            "roles": [{"role_id": format!("crn:v1:bluemix:public:{SERVICE_NAME}::::serviceRole:{role}")}],
            "resources": [{"attributes": attributes}],
        })),
    }
}

/// `GET /v1/policies?account_id=…&iam_id=…`.
#[must_use]
pub(crate) fn list_policies(account: &str, iam_id: &str) -> Request {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("account_id", account)
        .append_pair("iam_id", iam_id)
        .finish();
    Request { method: "GET", path: format!("/v1/policies?{query}"), body: None }
}

/// `DELETE /v1/policies/{id}`.
#[must_use]
pub(crate) fn delete_policy(id: &str) -> Request {
    Request { method: "DELETE", path: format!("/v1/policies/{}", segment(id)), body: None }
}

/// `POST /v1/apikeys` for the service ID `iam_id`; the key is returned only in this answer.
#[must_use]
pub(crate) fn create_apikey(account: &str, iam_id: &str, name: &str, description: &str) -> Request {
    Request {
        method: "POST",
        path: "/v1/apikeys".into(),
        body: Some(json!({
            "name": name,
            "iam_id": iam_id,
            "description": description,
            "account_id": account,
            "store_value": false,
        })),
    }
}

/// `DELETE /v1/apikeys/{id}`.
#[must_use]
pub(crate) fn delete_apikey(id: &str) -> Request {
    Request { method: "DELETE", path: format!("/v1/apikeys/{}", segment(id)), body: None }
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
        let p = create_policy("acc", "iam-ServiceId-1", "Reader", Some("us-south"), "team-a");
        assert_eq!((p.method, p.path.as_str()), ("POST", "/v1/policies"));
        let body = p.body.unwrap();
        assert_eq!(
            body["roles"][0]["role_id"],
            json!("crn:v1:bluemix:public:container-registry::::serviceRole:Reader")
        );
        let names: Vec<&str> = body["resources"][0]["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["accountId", "serviceName", "region", "resourceType", "resource"]);
        let all = create_policy("acc", "i", "Writer", None, "ns").body.unwrap();
        assert_eq!(all["resources"][0]["attributes"].as_array().unwrap().len(), 4);
        assert_eq!(
            list_service_ids("a b", Some("x&y"), None).path,
            "/v1/serviceids/?account_id=a+b&name=x%26y&pagesize=100"
        );
        assert_eq!(delete_apikey("ApiKey-1/../x").path, "/v1/apikeys/ApiKey-1%2F..%2Fx");
    }

    #[test]
    fn errors_keep_code_message_and_trace_scrubbed() {
        let body = r#"{"trace":"tr-1","errors":[{"code":"not_found","message":"Service ID \u001b[2Jnot found"}],"status_code":404}"#;
        let e = admin_error(404, body, "delete the service ID");
        assert_eq!(
            e.to_string(),
            "IAM refused to delete the service ID (HTTP 404, not_found): Service ID not found (trace tr-1)"
        );
    }
}
