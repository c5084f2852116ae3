//! The IAM token API over HTTPS (reqwest, rustls): the API-key grant, with timeouts, retries of
//! 429 and 5xx (not 501) honouring `Retry-After`, and IAM's errors turned into messages with
//! their errorCode, requestId and a hint. A credential never goes over plain `http://` except
//! to a loopback address.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;
use serde_json::Value;

use super::Secret;
use crate::error::{Error, Result};
use crate::output;

/// IAM's public endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://iam.cloud.ibm.com";
/// IAM's private endpoint.
pub const PRIVATE_ENDPOINT: &str = "https://private.iam.cloud.ibm.com";
/// At most this many requests per grant.
const ATTEMPTS: u32 = 3;
/// Longest `Retry-After` cr-ext waits for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// What IAM gave back.
#[derive(Debug)]
pub struct Tokens {
    /// The access token (raw JWT).
    pub access_token: Secret,
    /// The refresh token, when IAM sent one.
    pub refresh_token: Option<Secret>,
    /// Expiry of the access token, unix seconds, when IAM said.
    pub expiration: Option<i64>,
}

/// Checks an endpoint URL: https, or http to a loopback host only.
///
/// # Errors
/// Not a URL, another scheme, or plain http to a non-loopback host.
pub fn validate_endpoint(endpoint: &str) -> Result<Url> {
    let hint = "give an https:// URL, e.g. --iam-endpoint https://iam.cloud.ibm.com";
    let url = Url::parse(endpoint.trim_end_matches('/'))
        .map_err(|e| Error::usage(format!("invalid IAM endpoint '{endpoint}': {e}"), hint))?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(Error::usage(
            format!("refusing to send a credential over plain http to '{endpoint}'"),
            hint,
        )),
        other => Err(Error::usage(format!("IAM endpoint '{endpoint}' has scheme '{other}'"), hint)),
    }
}

/// Exchanges an API key for tokens (`grant_type=urn:ibm:params:oauth:grant-type:apikey`).
///
/// # Errors
/// IAM unreachable, rejecting the key, failing, or answering without a token.
pub fn apikey_grant(endpoint: &Url, apikey: &Secret, timeout: Duration) -> Result<Tokens> {
    let form = [
        ("grant_type", "urn:ibm:params:oauth:grant-type:apikey"),
        ("apikey", apikey.expose()),
        ("response_type", "cloud_iam"),
    ];
    let url = endpoint.join("/identity/token").map_err(|e| Error::IamUnavailable {
        endpoint: endpoint.to_string(),
        reason: e.to_string(),
    })?;
    let http = reqwest::blocking::Client::builder()
        .connect_timeout(timeout)
        .timeout(timeout)
        .user_agent(concat!("cr-ext/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::IamUnavailable {
            endpoint: endpoint.to_string(),
            reason: e.to_string(),
        })?;
    let mut attempt = 1;
    loop {
        output::trace(&format!("POST {url} (grant apikey, attempt {attempt} of {ATTEMPTS})"));
        let sent = http.post(url.clone()).header("Accept", "application/json").form(&form).send();
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                // Never echo the request: reqwest's errors name only the URL, which holds no secret.
                let reason = if e.is_timeout() {
                    format!("no answer within {} s", timeout.as_secs())
                } else if e.is_connect() {
                    format!("cannot connect: {}", root_cause(&e))
                } else {
                    root_cause(&e)
                };
                return Err(Error::IamUnavailable { endpoint: endpoint.to_string(), reason });
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|s| Duration::from_secs(s).min(MAX_RETRY_AFTER));
        let body = response.text().unwrap_or_default();
        output::trace(&format!("IAM answered {status}"));
        let retryable = status == 429 || (status >= 500 && status != 501);
        if retryable && attempt < ATTEMPTS {
            let wait = retry_after.unwrap_or(Duration::from_millis(500 * (1 << (attempt - 1))));
            output::trace(&format!("retrying in {} ms", wait.as_millis()));
            std::thread::sleep(wait);
            attempt += 1;
            continue;
        }
        return if status == 200 {
            parse_tokens(&body)
        } else {
            Err(iam_error(status, &body, &[apikey]))
        };
    }
}

fn root_cause(error: &dyn std::error::Error) -> String {
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
pub fn parse_tokens(body: &str) -> Result<Tokens> {
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
        expiration: value.get("expiration").and_then(Value::as_i64),
    })
}

/// Turns an IAM error answer into an error: errorCode, errorDetails (else errorMessage),
/// requestId; the secrets sent are redacted in case IAM echoed them.
#[must_use]
pub fn iam_error(status: u16, body: &str, secrets: &[&Secret]) -> Error {
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let text = |v: &Value| v.as_str().map(|s| output::sanitize(s).trim().to_owned());
    let code = text(&value["errorCode"]);
    let mut message = text(&value["errorDetails"])
        .filter(|s| !s.is_empty())
        .or_else(|| text(&value["errorMessage"]))
        .unwrap_or_else(|| {
            if body.trim().is_empty() {
                "no details".to_owned()
            } else {
                "an answer that is not IAM's JSON".to_owned()
            }
        });
    for secret in secrets {
        message = secret.redact(&message);
    }
    Error::IamRejected { status, code, message, request_id: text(&value["context"]["requestId"]) }
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
    }

    #[test]
    fn error_answers_keep_code_details_and_request_id() {
        let body = r#"{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found.","context":{"requestId":"req-1"}}"#;
        match iam_error(400, body, &[]) {
            Error::IamRejected { status, code, message, request_id } => {
                assert_eq!((status, code.as_deref()), (400, Some("BXNIM0415E")));
                assert_eq!(message, "Provided API key could not be found.");
                assert_eq!(request_id.as_deref(), Some("req-1"));
            }
            other => panic!("{other:?}"),
        }
        let body = r#"{"errorCode":"X","errorMessage":"short","errorDetails":"long key k3y"}"#;
        let key = Secret::new("k3y".into());
        match iam_error(400, body, &[&key]) {
            Error::IamRejected { message, .. } => assert_eq!(message, "long key ****"),
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
