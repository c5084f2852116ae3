//! The IAM token API over HTTPS (reqwest, rustls): the API-key grant, with timeouts, retries of
//! 429 and 5xx (not 501) honouring `Retry-After`, and IAM's errors turned into messages with
//! their errorCode, requestId and a hint. A credential never goes over plain `http://` except
//! directly (no proxy) to a loopback address; https honours `HTTPS_PROXY` and `NO_PROXY`. No
//! redirect is ever followed (a 307 would re-send the key anywhere), answers are capped at
//! 1 MiB, and every field of an answer is scrubbed before it reaches a message.

use std::io::Read as _;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::output;
use crate::secret::{Secret, scrub};

/// IAM's public endpoint.
pub(crate) const DEFAULT_ENDPOINT: &str = "https://iam.cloud.ibm.com";
/// IAM's private endpoint.
pub(crate) const PRIVATE_ENDPOINT: &str = "https://private.iam.cloud.ibm.com";
/// At most this many requests per grant.
const ATTEMPTS: u32 = 3;
/// Longest `Retry-After` cr-ext waits for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// Largest IAM answer read (a token answer is a few kB).
pub(crate) const MAX_ANSWER: u64 = 1 << 20;

/// What IAM gave back. Its `Debug` shows only `****` for the tokens.
#[derive(Debug)]
pub(crate) struct Tokens {
    /// The access token (raw JWT).
    pub(crate) access_token: Secret,
    /// The refresh token, when IAM sent one.
    pub(crate) refresh_token: Option<Secret>,
}

/// An endpoint as it may be shown: no `user:password@`, no query.
#[must_use]
pub(crate) fn display_url(url: &Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string().trim_end_matches('/').to_owned()
}

/// Whether `url`'s host is loopback (`localhost`, 127.0.0.0/8, ::1).
#[must_use]
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Checks an endpoint URL: https, or http to a loopback host only. A password in it is
/// remembered as a secret, so it is redacted wherever it might show.
///
/// # Errors
/// Not a URL, another scheme, or plain http to a non-loopback host.
pub(crate) fn validate_endpoint(endpoint: &str) -> Result<Url> {
    let hint = "give an https:// URL, e.g. --iam-endpoint https://iam.cloud.ibm.com";
    let url = Url::parse(endpoint.trim_end_matches('/')).map_err(|e| {
        Error::usage(format!("invalid IAM endpoint '{}': {e}", strip_userinfo(endpoint)), hint)
    })?;
    if let Some(password) = url.password() {
        crate::secret::remember(password);
        if let Ok(decoded) = urlencoding_decode(password) {
            crate::secret::remember(&decoded);
        }
    }
    let shown = display_url(&url);
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::usage(
            format!("refusing to send a credential over plain http to '{shown}'"),
            hint,
        )),
        other => Err(Error::usage(format!("IAM endpoint '{shown}' has scheme '{other}'"), hint)),
    }
}

/// `scheme://user:pw@host` → `scheme://host`, for text that did not even parse as a URL.
fn strip_userinfo(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}{}", &text[..s + 3], &text[at + 1..]),
        _ => text.to_owned(),
    }
}

fn urlencoding_decode(text: &str) -> std::result::Result<String, std::string::FromUtf8Error> {
    let bytes: Vec<u8> = url::form_urlencoded::parse(format!("x={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default();
    String::from_utf8(bytes)
}

/// The HTTP client for IAM: timeouts, no redirects, and a proxy only for https.
///
/// # Errors
/// The TLS backend cannot start.
pub(crate) fn client(endpoint: &Url, timeout: Duration) -> Result<reqwest::blocking::Client> {
    build_client(endpoint, timeout, endpoint.scheme() == "http")
}

/// The HTTP client for a service on this machine's link (the VPC metadata service): as
/// [`client`], and never through a proxy.
///
/// # Errors
/// The TLS backend cannot start.
pub(crate) fn client_direct(
    endpoint: &Url,
    timeout: Duration,
) -> Result<reqwest::blocking::Client> {
    build_client(endpoint, timeout, true)
}

fn build_client(
    endpoint: &Url,
    timeout: Duration,
    direct: bool,
) -> Result<reqwest::blocking::Client> {
    let mut builder = reqwest::blocking::Client::builder()
        .connect_timeout(timeout)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("cr-ext/", env!("CARGO_PKG_VERSION")));
    if direct {
        // Plain http is allowed only to loopback (and the metadata service), and only
        // directly: a proxy would see the credential in clear text.
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| Error::IamUnavailable {
        endpoint: display_url(endpoint),
        reason: root_cause(&e.without_url()),
    })
}

/// Exchanges an API key for tokens (`grant_type=urn:ibm:params:oauth:grant-type:apikey`).
///
/// # Errors
/// IAM unreachable, rejecting the key, failing, redirecting, or answering without a token.
pub(crate) fn apikey_grant(endpoint: &Url, apikey: &Secret, timeout: Duration) -> Result<Tokens> {
    let form = [
        ("grant_type", "urn:ibm:params:oauth:grant-type:apikey"),
        ("apikey", apikey.expose()),
        ("response_type", "cloud_iam"),
    ];
    let url = endpoint.join("/identity/token").map_err(|e| Error::IamUnavailable {
        endpoint: display_url(endpoint),
        reason: e.to_string(),
    })?;
    let http = client(endpoint, timeout)?;
    let (status, body) =
        send(endpoint, &url, ("POST", "grant apikey"), timeout, Retry::All, || {
            http.post(url.clone()).header("Accept", "application/json").form(&form)
        })?;
    if status == 200 { parse_tokens(&body) } else { Err(iam_error(status, &body)) }
}

/// Which failed answers [`send`] tries again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// 429 and 5xx (not 501): for requests that change nothing, or change it only once.
    All,
    /// 429 only: IAM did nothing with the request. A 5xx may come after IAM acted (a create
    /// whose answer was lost), so the caller decides what to do next.
    RateLimited,
}

/// Sends the request `make` builds, retrying 429 and (with [`Retry::All`]) 5xx (not 501) up
/// to [`ATTEMPTS`] times with backoff (or `Retry-After`); a redirect is an error, never
/// followed. Returns the final status and the body (at most [`MAX_ANSWER`]).
///
/// # Errors
/// IAM unreachable, timing out, redirecting, or answering too much.
pub(crate) fn send(
    endpoint: &Url,
    url: &Url,
    (method, what): (&str, &str),
    timeout: Duration,
    retry: Retry,
    make: impl Fn() -> reqwest::blocking::RequestBuilder,
) -> Result<(u16, String)> {
    let shown = display_url(endpoint);
    let unavailable = |reason: String| Error::IamUnavailable { endpoint: shown.clone(), reason };
    let mut attempt = 1;
    loop {
        output::trace(&format!(
            "{method} {} ({what}, attempt {attempt} of {ATTEMPTS})",
            display_url(url)
        ));
        let started = std::time::Instant::now();
        let response = match make().send() {
            Ok(r) => r,
            Err(e) => {
                let reason = if e.is_timeout() {
                    format!("no answer within {} s", timeout.as_secs())
                } else if e.is_connect() {
                    format!("cannot connect: {}", root_cause(&e.without_url()))
                } else {
                    root_cause(&e.without_url())
                };
                return Err(unavailable(reason));
            }
        };
        let status = response.status().as_u16();
        output::trace(&format!("IAM answered {status}"));
        if (300..400).contains(&status) {
            return Err(redirect(url, status, response.headers().get("location")));
        }
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|s| Duration::from_secs(s).min(MAX_RETRY_AFTER));
        let body = read_answer(response, timeout, started).map_err(unavailable)?;
        let retryable = status == 429 || (retry == Retry::All && status >= 500 && status != 501);
        if retryable && attempt < ATTEMPTS {
            let wait = retry_after.unwrap_or(Duration::from_millis(500 * (1 << (attempt - 1))));
            output::trace(&format!("retrying in {} ms", wait.as_millis()));
            std::thread::sleep(wait);
            attempt += 1;
            continue;
        }
        return Ok((status, body));
    }
}

/// A 3xx: the status and where it pointed (host and port only, never a query).
fn redirect(url: &Url, status: u16, location: Option<&reqwest::header::HeaderValue>) -> Error {
    let target = location
        .and_then(|v| v.to_str().ok())
        .and_then(|l| url.join(l).ok())
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_owned(),
            })
        })
        .map_or_else(|| "an unreadable Location".to_owned(), |h| format!("host '{}'", scrub(&h)));
    Error::IamRedirect { status, location: target }
}

/// How close to the deadline a broken-off answer counts as timed out: a server that stalls
/// until the client gives up, and closes as it does, is a stall, whichever side noticed first.
const DEADLINE_SLACK: Duration = Duration::from_millis(300);

/// The body of an answer, at most [`MAX_ANSWER`] bytes. A body that stops arriving is a
/// timeout once the deadline (`timeout` after `started`) is reached or nearly so; one that
/// breaks off before it is said to have broken off, with how long it took and why.
pub(crate) fn read_answer(
    response: reqwest::blocking::Response,
    timeout: Duration,
    started: std::time::Instant,
) -> Result<String, String> {
    if response.content_length().is_some_and(|n| n > MAX_ANSWER) {
        return Err(format!("its answer is larger than {} MiB", MAX_ANSWER >> 20));
    }
    let timed_out =
        || format!("its answer did not arrive in full within {} s (timed out)", timeout.as_secs());
    let mut body = Vec::new();
    let mut reader = response.take(MAX_ANSWER + 1);
    let mut chunk = vec![0; 16 << 10];
    // Read by read, with the deadline checked between reads: a server trickling a byte at a
    // time would otherwise keep every single read inside its own timeout, for ever.
    loop {
        if started.elapsed() >= timeout {
            return Err(timed_out());
        }
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                let elapsed = started.elapsed();
                return Err(if is_timeout(&e) || elapsed + DEADLINE_SLACK >= timeout {
                    timed_out()
                } else {
                    format!(
                        "its answer broke off after {:.1} s, before all of it arrived ({})",
                        elapsed.as_secs_f64(),
                        io_root_cause(&e)
                    )
                });
            }
        }
    }
    if body.len() as u64 > MAX_ANSWER {
        return Err(format!("its answer is larger than {} MiB", MAX_ANSWER >> 20));
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// Whether a read failed because a deadline passed. reqwest reports a body that stopped
/// arriving as "request or response body error" and keeps the timeout further down the chain
/// (inside an `io::Error`, whose own `source()` skips the error it wraps), so every link is
/// looked at, and the wrapped error of each `io::Error` too.
fn is_timeout(error: &std::io::Error) -> bool {
    let mut chain: Vec<&(dyn std::error::Error + 'static)> = vec![error];
    let mut seen = 0;
    while let Some(link) = chain.get(seen).copied() {
        seen += 1;
        if seen > 32 {
            break;
        }
        if let Some(io) = link.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
            if let Some(inner) = io.get_ref() {
                chain.push(inner);
            }
        }
        if link.downcast_ref::<reqwest::Error>().is_some_and(reqwest::Error::is_timeout)
            || link.to_string().contains("timed out")
        {
            return true;
        }
        if let Some(next) = link.source() {
            chain.push(next);
        }
    }
    false
}

/// The innermost cause of a read error, looking inside the error an `io::Error` wraps.
fn io_root_cause(error: &std::io::Error) -> String {
    match error.get_ref() {
        Some(inner) => root_cause(inner),
        None => error.to_string(),
    }
}

pub(crate) fn root_cause(error: &dyn std::error::Error) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Reads a 200 answer.
///
/// # Errors
/// The body is not JSON, or has no `access_token`.
pub(crate) fn parse_tokens(body: &str) -> Result<Tokens> {
    let what = |w: &str| Error::IamResponse { what: w.to_owned() };
    let value: Value =
        serde_json::from_str(body).map_err(|_| what("its answer is not JSON (or is truncated)"))?;
    let access = value
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| what("its answer has no access_token"))?;
    Ok(Tokens {
        access_token: Secret::new(access.to_owned()),
        refresh_token: value
            .get("refresh_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(|t| Secret::new(t.to_owned())),
    })
}

/// What an IAM error answer says, in either of IAM's shapes: the token API's
/// `{"errorCode","errorMessage","errorDetails","context":{"requestId"}}` and the admin APIs'
/// `{"trace","errors":[{"code","message"}],"status_code"}`. Every field is scrubbed, in case
/// IAM echoed a secret.
#[derive(Debug, PartialEq)]
pub(crate) struct ErrorBody {
    /// `errorCode`, else `errors[0].code`.
    pub(crate) code: Option<String>,
    /// `errorDetails`, else `errors[0].message`, `errorMessage`, `message`; else what the
    /// body was.
    pub(crate) message: String,
    /// `context.requestId`, else `trace`: what lets IBM support find the request.
    pub(crate) request_id: Option<String>,
    /// `errors[0].details`: the identity API's useful text (a string), or an object (a policy
    /// conflict's `conflicts_with`), shown as compact JSON of at most [`MAX_DETAILS`] characters.
    pub(crate) details: Option<String>,
    /// `errors[0].message_code`, the identity API's `BXNIM…` code.
    pub(crate) message_code: Option<String>,
}

/// The most of an error's `details` object that a message shows.
const MAX_DETAILS: usize = 300;

/// Reads an IAM error answer.
#[must_use]
pub(crate) fn error_body(body: &str) -> ErrorBody {
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let text = |v: &Value| v.as_str().map(|s| scrub(s).trim().to_owned()).filter(|s| !s.is_empty());
    let first = &value["errors"][0];
    let message = text(&value["errorDetails"])
        .or_else(|| text(&first["message"]))
        .or_else(|| text(&value["errorMessage"]))
        .or_else(|| text(&value["message"]))
        .unwrap_or_else(|| {
            if body.trim().is_empty() {
                "no details".to_owned()
            } else {
                "an answer that is not IAM's JSON".to_owned()
            }
        });
    let details = match &first["details"] {
        Value::String(_) => text(&first["details"]),
        Value::Null => None,
        other => {
            let shown = scrub(&other.to_string());
            Some(if shown.chars().count() > MAX_DETAILS {
                format!("{}…", shown.chars().take(MAX_DETAILS).collect::<String>())
            } else {
                shown
            })
        }
    }
    .filter(|d| *d != message);
    ErrorBody {
        code: text(&value["errorCode"]).or_else(|| text(&first["code"])),
        message,
        request_id: text(&value["context"]["requestId"]).or_else(|| text(&value["trace"])),
        details,
        message_code: text(&first["message_code"]),
    }
}

/// Turns a token API error answer into an error.
#[must_use]
pub(crate) fn iam_error(status: u16, body: &str) -> Error {
    let ErrorBody { code, message, request_id, .. } = error_body(body);
    Error::IamRejected { status, code, message, request_id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_loopback() {
        assert!(validate_endpoint("https://iam.cloud.ibm.com").is_ok());
        assert!(validate_endpoint("http://127.0.0.1:8080").is_ok());
        assert!(validate_endpoint("http://localhost:1").is_ok());
        assert!(validate_endpoint("http://[::1]:1").is_ok());
        let err = validate_endpoint("http://iam.cloud.ibm.com").unwrap_err();
        assert!(err.to_string().contains("plain http"), "{err}");
        assert_eq!(err.exit_code(), 2);
        assert!(validate_endpoint("ftp://x").is_err());
        assert!(validate_endpoint("not a url").is_err());
        let url = validate_endpoint("https://user:pa55word-x@iam.example.com/").unwrap();
        assert_eq!(display_url(&url), "https://iam.example.com");
        let err = validate_endpoint("http://user:pa55word-x@iam.example.com").unwrap_err();
        assert!(!err.to_string().contains("pa55word"), "{err}");
    }

    #[test]
    fn error_answers_keep_code_details_and_request_id() {
        let body = r#"{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found.","context":{"requestId":"req-1"}}"#;
        match iam_error(400, body) {
            Error::IamRejected { status, code, message, request_id } => {
                assert_eq!((status, code.as_deref()), (400, Some("BXNIM0415E")));
                assert_eq!(message, "Provided API key could not be found.");
                assert_eq!(request_id.as_deref(), Some("req-1"));
            }
            other => panic!("{other:?}"),
        }
        let _key = Secret::new("k3y+0123456789/abcdef".into());
        let body = r#"{"errorCode":"k3y+0123456789/abcdef","errorMessage":"short","errorDetails":"long key k3y%2B0123456789%2Fabc\u001b[2Jdef","context":{"requestId":"k3y+0123456789/abcdef"}}"#;
        match iam_error(400, body) {
            Error::IamRejected { message, code, request_id, .. } => {
                assert_eq!(message, "long key ****");
                assert_eq!(code.as_deref(), Some("****"));
                assert_eq!(request_id.as_deref(), Some("****"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_200_needs_an_access_token() {
        assert!(
            parse_tokens(r#"{"access_token":"a.b.c","refresh_token":"r","expiration":5}"#).is_ok()
        );
        assert!(parse_tokens(r#"{"token_type":"Bearer"}"#).is_err());
        assert!(parse_tokens(r#"{"access_token":"a.b"#).is_err());
    }
}
