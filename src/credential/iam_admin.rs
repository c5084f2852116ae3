//! IAM's admin APIs (DESIGN.md §12) as the caller: service IDs, access policies, API keys and
//! the role catalogue. Every request carries `Authorization: Bearer <token>`, `Accept` and
//! `Content-Type: application/json`; it goes over HTTPS (plain http only to loopback, as for the
//! token API), with the same timeouts, no redirects and answer cap as the token exchange. What
//! IAM documents about each call lives here: which answers are retried (429 and 5xx, except a
//! create's 5xx, after which the name is looked up first, since a lost answer may hide a service
//! ID that was made), a service ID's delete answering 409 while its keys go, a policy that
//! exists answering 409 `policy_conflict_error`, pages that follow `next.start`, and the roles
//! looked up by display name; an API key's or a policy's create that answers 5xx is followed by
//! a look-up too (a lost key, whose value is gone, is deleted; a lost policy is the one made).
//! Identity lists follow `next` links (`pagetoken`) and stop with an error on a token seen
//! before. Ids from IAM are used only when they are ids (letters, digits, `-`, `_`), and a
//! delete never goes out without one. Once a signal was received, no new request is sent
//! unless the caller is rolling back. IAM's errors
//! (`{"trace","errors":[{"code","message","details","message_code"}],"status_code"}`) become
//! messages with all of those, scrubbed. With `dry_run`, requests are printed (secrets as
//! `****`) and nothing is sent.

use std::cell::Cell;
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
    /// Whether a received signal stops the next request (not while rolling back).
    stop_on_signal: Cell<bool>,
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
        Ok(Admin { endpoint, token, timeout, http, dry_run, stop_on_signal: Cell::new(true) })
    }

    /// From now on requests go out even after a signal: they undo what the run made.
    pub(crate) fn rolling_back(&self) {
        self.stop_on_signal.set(false);
    }

    /// Sends a request; `what` names it in errors ("create the service ID"). 2xx answers
    /// come back as JSON (`null` for an empty body); with `dry_run`, `null` at once.
    ///
    /// # Errors
    /// IAM unreachable, or answering an error.
    pub(crate) fn send(&self, request: &Request, what: &str) -> Result<Value> {
        refuse_empty_id(request)?;
        if self.dry_run {
            crate::output::stdout(&show(request))?;
            return Ok(Value::Null);
        }
        let (status, body) = self.exchange(request, what)?;
        answer(status, &body, what)
    }

    /// Sends a request and returns IAM's final status and body, whatever they are.
    fn exchange(&self, request: &Request, what: &str) -> Result<(u16, String)> {
        refuse_empty_id(request)?;
        if self.stop_on_signal.get()
            && let Some(signal) = crate::exec::interrupted()
        {
            return Err(Error::Interrupted { signal });
        }
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
    /// [`Granted::Existing`], not an error. After a 5xx the subject's policies are looked up
    /// before the create is sent again: one with the same roles and resource whose id is not
    /// in `known` (the policies there were before, and those this run made) is the one IAM
    /// made before its answer was lost.
    ///
    /// # Errors
    /// IAM refusing otherwise, or failing each time.
    pub(crate) fn create_policy(
        &self,
        request: &Request,
        what: &str,
        (account, iam_id): (&str, &str),
        known: &[String],
    ) -> Result<Granted> {
        if self.dry_run {
            return self.send(request, what).map(Granted::New);
        }
        let mut attempt = 1;
        loop {
            let (status, body) = self.exchange(request, what)?;
            if status == 409
                && let Some(existing) = policy_conflict(&body)
            {
                return Ok(existing);
            }
            if !is_lost(status) {
                return answer(status, &body, what).map(Granted::New);
            }
            crate::output::trace(&format!(
                "IAM answered {status} to the policy's create; looking it up before trying again"
            ));
            let wanted = policy_key(request.body.as_ref().unwrap_or(&Value::Null));
            let found = self.all_policies(account, iam_id)?;
            if let Some(policy) = found.iter().find(|p| policy_key(p) == wanted) {
                let id = id_of(policy, "id");
                if id.as_ref().is_some_and(|id| known.contains(id)) {
                    return Ok(Granted::Existing(id));
                }
                crate::output::trace("IAM had made it: using that one");
                return Ok(Granted::New(policy.clone()));
            }
            if attempt >= CREATE_ATTEMPTS {
                return Err(admin_error(status, &body, what));
            }
            std::thread::sleep(BACKOFF * (1 << (attempt - 1)));
            attempt += 1;
        }
    }

    /// Creates an API key (its value is only in this answer). After a 5xx the service ID's
    /// keys are looked up before the create is sent again: a key with this name and
    /// description (which holds the moment it was asked for, so it is this run's) was made
    /// but its value is lost with the answer, so it is deleted at once.
    ///
    /// # Errors
    /// IAM refusing, or failing each time.
    pub(crate) fn create_apikey(
        &self,
        account: &str,
        iam_id: &str,
        name: &str,
        description: &str,
    ) -> Result<Value> {
        let what = "create the API key";
        let request = create_apikey(account, iam_id, name, description);
        if self.dry_run {
            return self.send(&request, what);
        }
        let mut attempt = 1;
        loop {
            let (status, body) = self.exchange(&request, what)?;
            if !is_lost(status) {
                return answer(status, &body, what);
            }
            crate::output::trace(&format!(
                "IAM answered {status} to the key's create; looking it up before trying again"
            ));
            for key in self.all_apikeys(account, iam_id)? {
                if key["name"].as_str() == Some(name)
                    && key["description"].as_str() == Some(description)
                    && let Some(id) = id_of(&key, "id")
                {
                    crate::output::trace(&format!(
                        "IAM had made key {id}, but its value was in the lost answer: deleting it"
                    ));
                    self.send(
                        &delete_apikey(&id),
                        &format!("delete API key {id}, whose value was lost"),
                    )?;
                }
            }
            if attempt >= CREATE_ATTEMPTS {
                return Err(admin_error(status, &body, what));
            }
            std::thread::sleep(BACKOFF * (1 << (attempt - 1)));
            attempt += 1;
        }
    }

    /// Every item under `field` of an identity list (service IDs, API keys), following the
    /// `next` link's `pagetoken` page by page.
    ///
    /// # Errors
    /// IAM refusing or failing, or pages that do not end (a token seen before, or more than
    /// [`MAX_PAGES`]).
    pub(crate) fn all_pages(
        &self,
        page_request: impl Fn(Option<&str>) -> Request,
        field: &str,
        what: &str,
    ) -> Result<Vec<Value>> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        let mut seen: Vec<String> = Vec::new();
        for _ in 0..MAX_PAGES {
            let page = self.send(&page_request(token.as_deref()), what)?;
            items.extend(page[field].as_array().into_iter().flatten().cloned());
            token = next_pagetoken(&page);
            match &token {
                None => return Ok(items),
                Some(t) if seen.contains(t) => {
                    return Err(Error::IamResponse {
                        what: format!(
                            "its pages of {field} do not end: the next page it links is one seen before"
                        ),
                    });
                }
                Some(t) => seen.push(t.clone()),
            }
        }
        Err(Error::IamResponse {
            what: format!("its pages of {field} do not end (more than {MAX_PAGES} pages)"),
        })
    }

    /// Checks that `key` works: exchanges it for a token at IAM (`POST /identity/token`) and
    /// returns the token's `iam_id` (whose key it is). A dry run prints the exchange.
    ///
    /// # Errors
    /// IAM refusing the key, failing, or a signal received.
    pub(crate) fn check_apikey(&self, key: &Secret) -> Result<Option<String>> {
        if self.dry_run {
            crate::output::stdout(
                "POST /identity/token\n  grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=****&response_type=cloud_iam\n",
            )?;
            return Ok(None);
        }
        if self.stop_on_signal.get()
            && let Some(signal) = crate::exec::interrupted()
        {
            return Err(Error::Interrupted { signal });
        }
        let tokens = iam::apikey_grant(&self.endpoint, key, self.timeout)?;
        let claims = super::jwt::decode(tokens.access_token.expose()).map_err(|why| {
            Error::IamResponse { what: format!("its token for the new key: {why}") }
        })?;
        Ok(claims.raw["iam_id"].as_str().map(str::to_owned))
    }

    /// Every API key of the service ID `iam_id`, every page.
    ///
    /// # Errors
    /// As [`Admin::all_pages`].
    pub(crate) fn all_apikeys(&self, account: &str, iam_id: &str) -> Result<Vec<Value>> {
        self.all_pages(|t| list_apikeys(account, iam_id, t), "apikeys", "list the API keys")
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
                None => {
                    // Only the subject's own: IAM's answer is not trusted to have filtered.
                    policies.retain(|p| {
                        p["subjects"][0]["attributes"][0]["value"].as_str() == Some(iam_id)
                    });
                    return Ok(policies);
                }
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

/// Whether a create's failure may hide what IAM made: a 5xx other than 501.
fn is_lost(status: u16) -> bool {
    status >= 500 && status != 501
}

/// What makes two policies the same grant: their roles and their resource's attributes.
fn policy_key(policy: &Value) -> (Vec<String>, Vec<(String, String)>) {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let mut roles: Vec<String> =
        policy["roles"].as_array().into_iter().flatten().map(|r| text(&r["role_id"])).collect();
    roles.sort();
    let mut attributes: Vec<(String, String)> = policy["resources"][0]["attributes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| (text(&a["name"]), text(&a["value"])))
        .collect();
    attributes.sort();
    (roles, attributes)
}

/// Whether `text` is an IAM id as IAM makes them (`ServiceId-…`, `iam-ServiceId-…`,
/// `ApiKey-…`, a policy's UUID): 1 to 128 ASCII letters, digits, `-` and `_`. Nothing else
/// may reach a URL path or a terminal as an id.
#[must_use]
pub(crate) fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 128
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The id in `value[field]` when it is one ([`is_id`]).
#[must_use]
pub(crate) fn id_of(value: &Value, field: &str) -> Option<String> {
    value[field].as_str().filter(|s| is_id(s)).map(str::to_owned)
}

/// A delete whose id is empty would go to the collection itself: never sent.
fn refuse_empty_id(request: &Request) -> Result<()> {
    if request.method == "DELETE" && request.path.ends_with('/') {
        return Err(Error::IamResponse {
            what: format!("it gave no id to {} (nothing was deleted)", request.path),
        });
    }
    Ok(())
}

/// The `pagetoken` of an identity list's `next` link (absolute in practice; joined onto a
/// base when relative); `None` on the last page.
#[must_use]
pub(crate) fn next_pagetoken(page: &Value) -> Option<String> {
    let next = page["next"].as_str().filter(|n| !n.is_empty())?;
    let base = Url::parse("https://iam.cloud.ibm.com/").ok()?;
    base.join(next)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == "pagetoken")
        .map(|(_, v)| v.into_owned())
        .filter(|t| !t.is_empty())
}

/// Milliseconds since 1970 now.
#[must_use]
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A moment as IAM writes one, to the millisecond, in UTC: `2026-12-03T06:30:12.345Z`.
#[must_use]
pub(crate) fn stamp(ms: i64) -> String {
    let (days, rest) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (year, month, day) = crate::output::civil(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

/// Milliseconds since 1970 of a time as IAM writes them: `2026-11-29T08:00+0000` (minutes
/// only), `2019-01-01T12:00:00.000Z`, with `Z` or an offset `±HHMM` / `±HH:MM`.
#[must_use]
pub(crate) fn parse_time(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = text.get(from..from + len)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return None;
    }
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    let mut at = 16;
    let mut ms = 0;
    if b.get(at) == Some(&b':') {
        ms += num(at + 1, 2)? * 1000;
        at += 3;
        if b.get(at) == Some(&b'.') {
            let digits = b[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            let frac = num(at + 1, digits.min(3))?;
            ms += frac * 10_i64.pow(3 - u32::try_from(digits.min(3)).ok()?);
            at += 1 + digits;
        }
    }
    let offset = match text.get(at..)? {
        "Z" | "" => 0,
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
            if digits.len() != 4 {
                return None;
            }
            sign * (digits[..2].parse::<i64>().ok()? * 60 + digits[2..].parse::<i64>().ok()?)
        }
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute - offset) * 60_000 + ms)
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
                .filter(|id| is_id(id))
                .map(str::to_owned),
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

/// `POST /v1/policies` (not retried on 5xx: see [`Admin::create_policy`]): the role `role_id` (a CRN) on Container Registry's namespace
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
    Request {
        retry: Retry::RateLimited,
        ..Request::new(
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
/// Not retried on 5xx: see [`Admin::create_apikey`].
#[must_use]
pub(crate) fn create_apikey(account: &str, iam_id: &str, name: &str, description: &str) -> Request {
    Request {
        retry: Retry::RateLimited,
        ..Request::new(
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
}

/// `GET /v1/apikeys?account_id=…&iam_id=…&pagesize=100[&pagetoken=…]`: one page of a service
/// ID's keys (never their values).
#[must_use]
pub(crate) fn list_apikeys(account: &str, iam_id: &str, pagetoken: Option<&str>) -> Request {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("account_id", account).append_pair("iam_id", iam_id);
    query.append_pair("pagesize", "100");
    if let Some(token) = pagetoken {
        query.append_pair("pagetoken", token);
    }
    Request::new("GET", format!("/v1/apikeys?{}", query.finish()), None)
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
    fn times_are_read_in_iams_forms_and_written_to_the_millisecond() {
        let minute = parse_time("2026-11-29T08:00+0000").unwrap();
        assert_eq!(stamp(minute), "2026-11-29T08:00:00.000Z");
        assert_eq!(
            parse_time("2019-01-01T12:00:00.000Z").map(stamp).unwrap(),
            "2019-01-01T12:00:00.000Z"
        );
        assert_eq!(
            parse_time("2026-11-29T10:00:30.5+02:00").map(stamp).unwrap(),
            "2026-11-29T08:00:30.500Z"
        );
        assert_eq!(stamp(0), "1970-01-01T00:00:00.000Z");
        let now = now_ms();
        assert_eq!(parse_time(&stamp(now)), Some(now));
        for bad in ["", "2026-13-01T00:00Z", "yesterday", "2026-11-29 08:00"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_are_ids_and_deletes_need_one() {
        for good in [
            "ServiceId-1f2e",
            "iam-ServiceId-1f2e",
            "ApiKey-0a",
            "1c3c2d3e-aaaa-bbbb-cccc-000000000000",
        ] {
            assert!(is_id(good), "{good}");
        }
        for bad in ["", "..", "a/b", "x\u{1b}[2J", "a b", "ServiceId-1%2F", &"x".repeat(129)] {
            assert!(!is_id(bad), "{bad}");
        }
        assert!(refuse_empty_id(&delete_apikey("")).is_err());
        assert!(refuse_empty_id(&delete_policy("")).is_err());
        assert!(refuse_empty_id(&delete_service_id("ServiceId-1")).is_ok());
        let admin = Admin::new(
            "http://127.0.0.1:9",
            Secret::new(String::new()),
            Duration::from_secs(1),
            true,
        )
        .unwrap();
        assert!(admin.send(&delete_service_id(""), "delete").is_err(), "not even printed");
    }

    #[test]
    fn identity_pages_follow_the_next_links_pagetoken() {
        let page = json!({"next": "https://iam.cloud.ibm.com/v1/apikeys?account_id=a&pagetoken=t%202&pagesize=100"});
        assert_eq!(next_pagetoken(&page), Some("t 2".into()));
        assert_eq!(
            next_pagetoken(&json!({"next": "/v1/serviceids/?pagetoken=t3"})),
            Some("t3".into())
        );
        assert_eq!(next_pagetoken(&json!({"next": "https://iam.cloud.ibm.com/v1/apikeys"})), None);
        assert_eq!(next_pagetoken(&json!({"apikeys": []})), None);
        assert_eq!(
            list_apikeys("acc", "iam-1", Some("t 2")).path,
            "/v1/apikeys?account_id=acc&iam_id=iam-1&pagesize=100&pagetoken=t+2"
        );
        assert_eq!(create_apikey("a", "i", "n", "d").retry, Retry::RateLimited);
        assert_eq!(
            create_policy("a", "i", "r", &Scope::Everywhere, "ns").retry,
            Retry::RateLimited
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
