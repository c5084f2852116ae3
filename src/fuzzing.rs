//! The entry points of the fuzz targets under `fuzz/` (built only with the `fuzzing` feature,
//! so a normal build exposes nothing): one function per parser of outside input, each taking
//! the fuzzer's bytes, calling the real parser and asserting what must hold for any input. No
//! panic, first; then, where it is cheap, a property: a decoded token re-encodes to the same
//! claims, a normalized host is normalized already, a token is served only to ICR, an edit of
//! a credentials file keeps every other host, and a known secret or an escape sequence never
//! reaches an error message.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::credential::{iam, iam_admin, jwt, session};
use crate::ibmcloud::{self, IbmcloudConfig};
use crate::secret::{self, Secret};
use crate::{authfile, env, kubelet, probe, registry};

/// A secret the targets remember before each input; the seeds hold it where IAM, the CLI or
/// a file could echo one. No message may show it.
const SECRET: &str = "Fz0-s3cretApiKey-0123456789abcdefXYZ";
/// "Now" for the expiry checks: 2023-11-14.
const NOW: i64 = 1_700_000_000;
/// The helper reads at most this much of its stdin (`commands::helper`'s `MAX_INPUT`).
const HELPER_MAX_INPUT: usize = 64 << 10;
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const B64URL: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Forgets what earlier inputs made secret (each would otherwise be scrubbed for ever after,
/// slowing every input down) and remembers [`SECRET`].
fn fresh_secrets() {
    secret::forget_all();
    secret::remember(SECRET);
}

/// A message as `output` shows it (scrubbed on its way out): no known secret, no control
/// character but newline and tab (an escape sequence from outside could rewrite the terminal).
fn assert_printable(message: &str) {
    assert_clean(&secret::scrub(message));
}

/// Text that is already scrubbed (IAM's error fields): the same, before any output.
fn assert_clean(message: &str) {
    assert!(!message.contains(SECRET), "a secret in a message: {message:?}");
    assert!(
        !message.chars().any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a control character in a message: {message:?}"
    );
}

/// The words of 24 or more token characters that fixed message texts hold (a run of the input
/// that is part of one is the message's own word, not a quote).
const FIXED_WORDS: &[&str] = &["kubernetes.io/dockerconfigjson"];

/// A message that must not quote its input: no run of 24 or more token characters of the
/// input appears in it, but for the fixed texts' own long words ([`FIXED_WORDS`]).
fn assert_not_quoted(message: &str, input: &str) {
    let is_token_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=' | '+' | '/');
    let fixed = |run: &str| FIXED_WORDS.iter().any(|w| w.contains(run));
    for run in input.split(|c| !is_token_char(c)).filter(|r| r.len() >= 24 && !fixed(r)) {
        assert!(!message.contains(run), "the message {message:?} quotes its input");
    }
}

/// A directory for the files the file readers read, one per process.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("cr-ext-fuzz")
            .tempdir()
            .expect("a temporary directory")
            .keep()
    })
}

/// Writes `data` to the scratch file `name` and returns its path.
fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, data).expect("the scratch file is writable");
    path
}

/// `credential::jwt`: `decode`, `checked_token` and `strip_bearer` on any text.
///
/// # Panics
/// When an invariant breaks: a decoded token whose claims, re-encoded (with or without
/// padding), decode differently; an implausible `exp` accepted; an expiry decision off by the
/// margin; an error quoting the token; `strip_bearer` giving what is not a trimmed part of
/// its input.
pub fn jwt(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    fresh_secrets();
    let stripped = jwt::strip_bearer(text);
    assert!(text.contains(stripped) && stripped == stripped.trim(), "strip_bearer: {text:?}");
    let segments: Vec<&str> = text.split('.').collect();
    match jwt::decode(text) {
        Ok(claims) => {
            assert!(claims.exp > 0 && claims.exp <= jwt::MAX_EXP, "exp {}", claims.exp);
            assert!(claims.raw.is_object());
            assert_eq!(claims.expires_in(i64::MIN), i64::MAX);
            let _ = claims.expires_in(i64::MAX);
            let body = claims.raw.to_string();
            for middle in
                [B64URL.encode(&body), base64::engine::general_purpose::URL_SAFE.encode(&body)]
            {
                let again = format!("{}.{middle}.{}", segments[0], segments[2]);
                let decoded = jwt::decode(&again).expect("re-encoded claims decode");
                assert_eq!(decoded.exp, claims.exp);
                assert_eq!(decoded.who(), claims.who());
                let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
                assert_eq!(keys(&decoded.raw), keys(&claims.raw));
            }
            match jwt::checked_token(text, NOW) {
                Ok(token) => {
                    assert!(claims.exp - NOW > jwt::EXPIRY_MARGIN_SECS);
                    assert_eq!(format!("{:?}", token.secret), "Secret(****)");
                }
                Err(e) => {
                    assert!(claims.exp - NOW <= jwt::EXPIRY_MARGIN_SECS, "{e}");
                    assert_printable(&e.to_string());
                }
            }
        }
        Err(why) => {
            assert_not_quoted(&why, text);
            assert_printable(&why);
            assert!(jwt::checked_token(text, NOW).is_err());
        }
    }
}

/// `credential::session::parse_output`: what `ibmcloud iam oauth-tokens` prints, in either
/// form.
///
/// # Panics
/// A token that is empty, untrimmed, or not part of the (sanitized) output; an error that
/// quotes the output or shows a secret.
pub fn session_output(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    fresh_secrets();
    match session::parse_output(&text) {
        Ok(token) => {
            assert!(!token.is_empty() && token == token.trim(), "token {token:?}");
            // The text form's token is part of what was printed (JSON may escape it).
            if !secret::sanitize(&text).trim().starts_with('{') {
                assert!(secret::sanitize(&text).contains(&token), "token {token:?} not printed");
            }
            // JSON escapes may put any character in; only a well-formed token is used.
            if jwt::checked_token(&token, NOW).is_ok() {
                let jwt_char = |b: u8| b.is_ascii_alphanumeric() || b"-_=.".contains(&b);
                assert!(token.bytes().all(jwt_char), "token {token:?} used");
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert_printable(&message);
            assert_not_quoted(&message, &text);
        }
    }
}

/// `ibmcloud::IbmcloudConfig`: `load` of a config.json holding `data`, then every reading of
/// it. The target points `IBMCLOUD_CONFIG_HOME` at a directory of its own and clears the
/// variables that would take precedence (`IBMCLOUD_HTTP_TIMEOUT`, the trace and colour ones).
///
/// # Panics
/// `IBMCLOUD_CONFIG_HOME` unset; `load` failing on a small regular file; a `problem` with a
/// value, or a value without one; `Debug` depending on anything but the keys; an HTTP timeout
/// out of range; a token check passing a token that expires too soon; a message with a secret
/// or a control character.
pub fn ibmcloud_config(data: &[u8]) {
    let dir = env::get_os(env::IBMCLOUD_CONFIG_HOME).expect("the target sets IBMCLOUD_CONFIG_HOME");
    std::fs::write(Path::new(&dir).join("config.json"), data).expect("config.json is writable");
    fresh_secrets();
    let config = IbmcloudConfig::load().expect("a small regular config.json loads");
    match (&config.value, &config.problem) {
        (Value::Object(_), None) => {}
        (Value::Null, Some(problem)) => assert_printable(problem),
        (value, problem) => panic!("value {value:?} with problem {problem:?}"),
    }
    assert_eq!(
        serde_json::from_slice::<Value>(data).is_ok_and(|v| v.is_object()),
        config.problem.is_none()
    );
    let keys_only = IbmcloudConfig {
        value: config
            .value
            .as_object()
            .map_or(Value::Null, |o| o.keys().map(|k| (k.clone(), Value::Null)).collect()),
        problem: config.problem.clone(),
    };
    assert_eq!(format!("{config:?}"), format!("{keys_only:?}"), "Debug shows a value");
    for key in ["Trace", "ColorEnabled", "HTTPTimeout", "Region"] {
        if let Some(value) = config.setting(key) {
            assert!(!value.trim().is_empty());
        }
    }
    let _ = config.settings();
    match config.http_timeout() {
        Ok(timeout) => assert!(ibmcloud::HTTP_TIMEOUT_RANGE.contains(&timeout.as_secs())),
        Err(e) => assert_printable(&e.to_string()),
    }
    assert!(!config.is_vpc() || config.is_private());
    for private in [false, true] {
        if let Some(endpoint) = config.iam_endpoint(private) {
            assert!(!endpoint.trim().is_empty());
        }
    }
    if let Some(refresh) = config.refresh_token() {
        assert!(!refresh.expose().is_empty() && refresh.expose() == refresh.expose().trim());
        assert_eq!(format!("{refresh:?}"), "Secret(****)");
    }
    let session = config.session_token().map(str::to_owned);
    if let Some(token) = &session {
        assert!(!token.is_empty() && token == token.trim(), "IAMToken {token:?}");
    }
    match config.cached_token(300) {
        Ok(token) => assert!(token.claims.expires_in(jwt::now()) >= 300 - 1),
        Err(why) => {
            assert_printable(&why);
            if let Some(token) = session.filter(|t| t.len() >= 24) {
                assert!(!why.contains(&token), "the error {why:?} quotes IAMToken");
            }
        }
    }
    if let Some(region) = config.region() {
        assert!(!region.is_empty());
    }
}

/// `authfile`: `load` of a credentials file holding `data`; `icr_entries`, `helper_hosts`,
/// `creds_store`, `has_login`; `listed_icr_hosts` of the same text (a helper's `list`
/// answer); and each edit `configure` makes, on the loaded document.
///
/// # Panics
/// A readable file reported missing; a JSON object refused or anything else accepted; ICR
/// entries unsorted, repeated or not ICR; a helper name a program cannot have; `has_login`
/// disagreeing with the file; listed hosts unsorted, repeated, not ICR or not normalized; an
/// edit that misses one of its hosts or touches another host's entry.
pub fn authfile(data: &[u8]) {
    let path = scratch_file("config.json", data);
    fresh_secrets();
    // An empty or all-blank file is an empty object, as docker reads it.
    let is_object = data.iter().all(u8::is_ascii_whitespace)
        || serde_json::from_slice::<Value>(data).is_ok_and(|v| v.is_object());
    let doc = match authfile::load(&path) {
        Ok(Some(doc)) => doc,
        Ok(None) => panic!("a file that exists read as missing"),
        Err(authfile::Unusable::NotJson) => {
            assert!(!is_object, "a JSON object refused");
            return;
        }
        Err(authfile::Unusable::Read(e)) => panic!("a small regular file unreadable: {e}"),
    };
    assert!(is_object);
    let entries = authfile::icr_entries(&doc);
    assert!(entries.windows(2).all(|w| w[0].registry < w[1].registry), "entries unsorted");
    for entry in &entries {
        assert!(registry::is_icr(&entry.registry), "{} is not ICR", entry.registry);
        assert!(entry.helper.is_none() || entry.username.is_none());
        assert!(entry.expires_at.is_none() || entry.username.as_deref() == Some("iambearer"));
        if let Some(problem) = &entry.problem {
            assert_printable(&secret::scrub(problem));
        }
    }
    for host in authfile::helper_hosts(&doc, "cr-ext") {
        assert_eq!(doc["credHelpers"][&host], json!("cr-ext"));
    }
    if let Some(store) = authfile::creds_store(&doc) {
        assert!(!store.is_empty() && store.len() <= 64, "credsStore {store:?}");
        assert!(store.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)));
    }
    let auths = doc.get("auths").and_then(Value::as_object);
    let hosts: Vec<String> = entries
        .iter()
        .map(|e| registry::normalize(&e.registry))
        .take(2)
        .chain(["us.icr.io".to_owned(), "private.de.icr.io".to_owned()])
        .collect();
    for host in &hosts {
        let stored = auths.is_some_and(|a| a.keys().any(|k| registry::normalize(k) == *host));
        assert_eq!(authfile::has_login(&path, host), Some(stored), "has_login {host}");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        listed_hosts(text);
    }
    edits(&doc, &hosts);
}

/// `authfile::listed_icr_hosts` on a helper's answer to `list`.
fn listed_hosts(answer: &str) {
    let is_object = serde_json::from_str::<Value>(answer.trim()).is_ok_and(|v| v.is_object());
    match authfile::listed_icr_hosts(answer) {
        Ok(hosts) => {
            assert!(is_object);
            assert!(hosts.windows(2).all(|w| w[0] < w[1]), "listed hosts unsorted: {hosts:?}");
            for host in &hosts {
                assert!(registry::is_icr(host), "{host} is not ICR");
                assert_eq!(&registry::normalize(host), host, "listed host not normalized");
            }
        }
        Err(_) => assert!(!is_object),
    }
}

/// `configure`'s edits of a loaded credentials file, each checked against the document before.
fn edits(before: &Map<String, Value>, hosts: &[String]) {
    let mut doc = before.clone();
    let mut noted = Vec::new();
    let malformed = authfile::helpers_malformed(&doc);
    authfile::set_helpers(&mut doc, hosts, "cr-ext", &mut |h, _, _| noted.push(h.to_owned()));
    let helpers = authfile::helper_hosts(&doc, "cr-ext");
    if !malformed {
        for host in hosts {
            assert!(helpers.contains(host), "set_helpers missed {host}");
        }
    }
    authfile::remove_helpers(&mut doc, hosts, "cr-ext", &|_| None, &mut |h, _, _| {
        noted.push(h.to_owned());
    });
    let left = authfile::helper_hosts(&doc, "cr-ext");
    assert!(hosts.iter().all(|h| !left.contains(h)), "remove_helpers left {left:?}");
    if let (Some(old), Some(new)) = (
        before.get("credHelpers").and_then(Value::as_object),
        doc.get("credHelpers").and_then(Value::as_object),
    ) {
        for (host, helper) in old.iter().filter(|(h, _)| !hosts.contains(h)) {
            assert_eq!(new.get(host), Some(helper), "another host's helper changed: {host}");
        }
    }
    let key = Secret::holding(SECRET.to_owned());
    authfile::put_logins(&mut doc, hosts, "iamapikey", &key);
    let auth = B64.encode(format!("iamapikey:{SECRET}"));
    let auths = doc["auths"].as_object().expect("put_logins leaves auths an object");
    for host in hosts {
        assert_eq!(auths[host]["auth"], json!(auth), "put_logins missed {host}");
    }
    kept_other_hosts(before, &doc, hosts);
    authfile::remove_logins(&mut doc, hosts, &mut |h, _, _| noted.push(h.to_owned()));
    let auths = doc["auths"].as_object().expect("auths stays an object");
    assert!(auths.keys().all(|k| !hosts.contains(&registry::normalize(k))), "login left");
    for note in noted {
        assert!(hosts.contains(&note), "a note about {note}, not one of the hosts");
    }
}

/// Every `auths` entry of `before` whose key is none of `hosts`, and every other top-level
/// key, is in `after` unchanged.
fn kept_other_hosts(before: &Map<String, Value>, after: &Map<String, Value>, hosts: &[String]) {
    if let Some(old) = before.get("auths").and_then(Value::as_object) {
        let new = after["auths"].as_object().expect("auths is an object");
        for (key, entry) in old.iter().filter(|(k, _)| !hosts.contains(&registry::normalize(k))) {
            assert_eq!(new.get(key), Some(entry), "another host's login changed: {key}");
        }
    }
    for (key, value) in
        before.iter().filter(|(k, _)| !matches!(k.as_str(), "auths" | "credHelpers"))
    {
        assert_eq!(after.get(key), Some(value), "top-level {key} changed");
    }
}

/// The credential helper's `get`: its stdin (at most 64 KiB, read lossily), normalized as
/// `commands::helper` does, and the decision to serve a token.
///
/// # Panics
/// A token served to a host that is not one of ICR's IAM hosts (or a recorded one), to the
/// entitled registry, or to a host that is not a valid HOST[:PORT]; a host that normalizes
/// differently a second time; an answer that is not one line of JSON naming the host.
pub fn helper_stdin(data: &[u8]) {
    let server = String::from_utf8_lossy(&data[..data.len().min(HELPER_MAX_INPUT)]);
    let host = registry::normalize(&server);
    assert_eq!(registry::normalize(&host), host, "normalize is not idempotent on {server:?}");
    let recorded = ["127.0.0.1:5000".to_owned(), "registry.example.com".to_owned()];
    if registry::served(&host, &[]) {
        let bare = host.strip_suffix(":443").unwrap_or(&host);
        assert!(registry::iam_hosts().contains(&bare), "served {host}");
        assert!(registry::is_icr(&host), "served {host}, not ICR");
        assert_ne!(bare, registry::ENTITLED_REGISTRY);
        assert!(registry::validate_host(&host).is_ok(), "served {host:?}, not a HOST[:PORT]");
    }
    if registry::served(&host, &recorded) && !registry::served(&host, &[]) {
        assert!(recorded.contains(&host), "served {host} as recorded");
    }
    let answer = json!({"ServerURL": host, "Username": "iambearer", "Secret": SECRET}).to_string();
    assert!(!answer.contains('\n'));
    let back: Value = serde_json::from_str(&answer).expect("the answer is JSON");
    assert_eq!(back["ServerURL"], json!(host));
}

/// IAM's answers: `iam::parse_tokens` (a 200), `iam::error_body` and `iam::iam_error` (the
/// token API's errors), `iam_admin::admin_error` (the admin APIs'), and from an admin answer
/// `role_in_catalogue` and `next_start`. The first two bytes choose the HTTP status; the rest
/// is the body.
///
/// # Panics
/// An access token empty or shown by `Debug`; any message or field with a secret or a control
/// character; a role CRN that is not one; a next page that does not round-trip into the next
/// request.
pub fn iam_answer(data: &[u8]) {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + u16::from_be_bytes([*a, *b]) % 500, rest),
        _ => return,
    };
    let body = String::from_utf8_lossy(body);
    fresh_secrets();
    match iam::parse_tokens(&body) {
        Ok(tokens) => {
            assert!(!tokens.access_token.expose().is_empty());
            let shown = format!("{tokens:?}");
            assert!(
                !shown.contains(tokens.access_token.expose())
                    || tokens.access_token.expose().len() < 8,
                "{shown}"
            );
        }
        Err(e) => {
            let message = e.to_string();
            assert_printable(&message);
            assert_not_quoted(&message, &body);
        }
    }
    let fields = iam::error_body(&body);
    for field in [&fields.code, &fields.request_id, &fields.details, &fields.message_code]
        .into_iter()
        .flatten()
        .chain([&fields.message])
    {
        assert_clean(field);
    }
    assert_printable(&iam::iam_error(status, &body).to_string());
    assert_printable(&iam_admin::admin_error(status, &body, "delete the service ID").to_string());
    let Ok(value) = serde_json::from_str::<Value>(&body) else { return };
    match iam_admin::role_in_catalogue(&value, "Reader") {
        Ok(crn) => assert!(crn.starts_with("crn:v1:") && crn.len() <= 256, "crn {crn:?}"),
        Err(why) => assert_printable(&why),
    }
    if let Some(start) = iam_admin::next_start(&value) {
        let request = iam_admin::list_policies("acct", "iam-ServiceId-1", Some(&start));
        let url = url::Url::parse(iam::DEFAULT_ENDPOINT)
            .and_then(|e| e.join(&request.path))
            .expect("the next page's request is a URL");
        assert_eq!(url.path(), "/v1/policies");
        let starts: Vec<String> =
            url.query_pairs().filter(|(k, _)| k == "start").map(|(_, v)| v.into_owned()).collect();
        assert_eq!(starts, [start], "the next page's start does not round-trip");
    }
}

/// `pull-secret --merge FILE`: `authfile::read_dockerconfig` of a file holding `data` (a
/// `.dockerconfigjson`, an auth.json or a Secret as JSON), then the merge `pull-secret` makes:
/// every ICR domain's login put in, and the result serialized.
///
/// # Panics
/// An error that shows a secret or a control character; a merge that misses an ICR domain, drops
/// or changes another host's entry or another key, or does not serialize to JSON that reads
/// back with the same logins.
pub fn pull_secret_merge(data: &[u8]) {
    let path = scratch_file("merge.json", data);
    fresh_secrets();
    let mut doc = match authfile::read_dockerconfig(&path) {
        Ok(doc) => doc,
        Err(why) => {
            assert_printable(&why);
            // The error names what it refuses (the document's kind or type, an auths key),
            // sanitized on output: it may quote those words, so only "no secret, no control
            // character" is asserted here.
            return;
        }
    };
    assert!(doc.get("auths").is_none_or(Value::is_object), "auths not an object accepted");
    let before = doc.clone();
    let hosts: Vec<String> = registry::REGIONS.iter().map(|r| r.domain.to_owned()).collect();
    authfile::put_logins(&mut doc, &hosts, "iamapikey", &Secret::holding(SECRET.to_owned()));
    kept_other_hosts(&before, &doc, &hosts);
    let config_json = Value::Object(doc).to_string();
    let back: Value = serde_json::from_str(&config_json).expect("the merged config is JSON");
    let auth = B64.encode(format!("iamapikey:{SECRET}"));
    for host in &hosts {
        assert_eq!(back["auths"][host]["auth"], json!(auth), "merge missed {host}");
        assert_eq!(back["auths"][host]["password"], json!(SECRET));
    }
    let encoded = B64.encode(&config_json);
    assert_eq!(B64.decode(encoded).ok(), Some(config_json.into_bytes()));
}

/// `registry`: `validate_host` (`--registry HOST[:PORT]`), `normalize`, `is_icr`, `served` and
/// region look-up on any text.
///
/// # Panics
/// A validated host that is not the input lower-cased, that validates differently again, or
/// that normalization changes; normalization that is not idempotent; `is_icr` disagreeing
/// with itself on the normalized form; a region found under a name it does not have.
pub fn registry_host(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let normalized = registry::normalize(&text);
    assert_eq!(registry::normalize(&normalized), normalized, "normalize twice: {text:?}");
    assert_eq!(registry::is_icr(&text), registry::is_icr(&normalized));
    if let Ok(host) = registry::validate_host(&text) {
        assert_eq!(host, text.to_ascii_lowercase());
        assert_eq!(registry::validate_host(&host), Ok(host.clone()), "validate twice");
        assert_eq!(registry::normalize(&host), host, "a valid host normalizes to another");
        if registry::served(&host, &[]) {
            assert!(registry::is_icr(&host));
        }
    }
    if let Some(region) = registry::find(&text) {
        let name = text.trim();
        assert!(
            region.name.eq_ignore_ascii_case(name)
                || region.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        );
        assert!(registry::all_names().contains(&region.name));
    }
}

/// `kubelet`: a kubelet's `CredentialProviderRequest`, as the provider reads it from stdin.
///
/// # Panics
/// When an invariant breaks: an error quoting the request's service-account token or not
/// printable; an accepted request whose apiVersion is not one of the three, whose image is
/// empty, or whose host is not a lower-case first segment; an answer that is not exactly the
/// five fields the kubelet decodes, or that echoes anything but the host given.
pub fn kubelet_request(data: &[u8]) {
    fresh_secrets();
    let token = serde_json::from_slice::<Value>(data)
        .ok()
        .and_then(|v| v.get("serviceAccountToken").and_then(Value::as_str).map(str::to_owned))
        .filter(|t| t.len() >= 12);
    match kubelet::parse_request(data) {
        Err(why) => {
            assert_printable(&why);
            if let Some(token) = &token {
                assert!(!secret::scrub(&why).contains(token.as_str()), "the token in {why:?}");
            }
        }
        Ok(request) => {
            assert!(
                kubelet::VERSIONS
                    .iter()
                    .any(|v| request.api_version == format!("{}/{v}", kubelet::GROUP))
            );
            assert!(!request.image.is_empty());
            let host = kubelet::host_of(&request.image);
            assert!(!host.contains('/') && host == host.to_ascii_lowercase(), "{host:?}");
            let password = Secret::new(SECRET.to_owned());
            for credentials in [None, Some(("iambearer", &password, 1750))] {
                let answer = kubelet::response(&request.api_version, &host, credentials);
                let fields: Vec<&String> = answer.as_object().unwrap().keys().collect();
                assert_eq!(fields, ["kind", "apiVersion", "cacheKeyType", "cacheDuration", "auth"]);
                let auth = answer["auth"].as_object().unwrap();
                assert!(auth.len() <= 1 && auth.keys().all(|k| *k == host));
            }
        }
    }
}

/// `doctor`'s readers of a registry's answers: `probe::parse_challenge` (a `WWW-Authenticate`
/// header) and `token_url`, `token_of` (a token server's answer), `granted` (the token's JWT
/// `access` claim), `error_text`, `error_codes` and `cause`. The input up to its first newline
/// is the header; the rest is the body.
///
/// # Panics
/// A challenge whose scheme or keys are not lower case (or empty); a token request whose
/// query is not the realm's, then the `service` (when the challenge names one), then one
/// `scope` for the path and actions asked; a token taken from what is not JSON with a
/// non-blank `token` or `access_token`, or one that prints; an error text or code on more
/// than one line, longer than its limit, or with a secret or a control character; granted
/// actions unsorted or repeated.
pub fn registry_answer(data: &[u8]) {
    const PATH: &str = "team-a/app";
    const ACTIONS: &str = "pull,push";
    let (header, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let header = String::from_utf8_lossy(header);
    let body = String::from_utf8_lossy(body);
    fresh_secrets();
    if let Some(challenge) = probe::parse_challenge(&header) {
        challenge_holds(&challenge, PATH, ACTIONS);
    }
    let one_line = |text: &str| {
        assert_clean(text);
        assert!(!text.contains(['\n', '\t']), "more than one line: {text:?}");
    };
    let text = probe::error_text(&body);
    one_line(&text);
    assert!(text.chars().count() <= 301, "an error text of {} chars", text.chars().count());
    for code in probe::error_codes(&body) {
        one_line(&code);
    }
    let _ = probe::cause(&text);
    let _ = probe::cause(&body);
    let json = serde_json::from_str::<Value>(&body).ok();
    let expected = json.as_ref().and_then(|v| {
        ["token", "access_token"]
            .iter()
            .find_map(|k| v.get(k).and_then(Value::as_str).filter(|t| !t.trim().is_empty()))
    });
    match probe::token_of(&body) {
        Ok(token) => {
            assert_eq!(Some(token.expose()), expected.map(str::trim), "token_of took another");
            assert_eq!(format!("{token}"), "****");
            assert_eq!(format!("{token:?}"), "Secret(****)");
            granted_holds(&token, PATH);
        }
        Err(why) => {
            assert!(expected.is_none(), "token_of refused {expected:?}");
            one_line(&why);
        }
    }
    // The body as the token itself, so that JWTs reach `granted` without a JSON wrapper.
    granted_holds(&Secret::holding(body.trim().to_owned()), PATH);
}

/// A parsed challenge's scheme and keys, and the token request made from it.
fn challenge_holds(challenge: &probe::Challenge, path: &str, actions: &str) {
    let scheme = &challenge.scheme;
    assert!(
        !scheme.is_empty()
            && scheme.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "scheme {scheme:?}"
    );
    for key in challenge.params.keys() {
        assert!(!key.is_empty() && !key.chars().any(|c| c.is_ascii_uppercase()), "key {key:?}");
    }
    match probe::token_url(challenge, path, actions) {
        Ok(url) => {
            // The realm's own query stays first (a realm may name a scope itself, as docker's
            // clients keep it too); then the service, when named; then the one scope asked.
            let pairs = |url: &url::Url| -> Vec<(String, String)> {
                url.query_pairs().into_owned().collect()
            };
            let realm = url::Url::parse(&challenge.params["realm"]).expect("the realm parsed");
            let mut expected = pairs(&realm);
            if let Some(service) = challenge.params.get("service") {
                expected.push(("service".to_owned(), service.clone()));
            }
            expected.push(("scope".to_owned(), format!("repository:{path}:{actions}")));
            assert_eq!(pairs(&url), expected, "the token request {url}");
            let mut bare = url.clone();
            bare.set_query(None);
            let mut realm_bare = realm.clone();
            realm_bare.set_query(None);
            assert_eq!(bare, realm_bare, "the token request {url} is not at the realm");
        }
        Err(why) => assert_printable(&why),
    }
}

/// The actions `granted` reads from a token: sorted, once each, one line each.
fn granted_holds(token: &Secret, path: &str) {
    if let Some(actions) = probe::granted(token, path) {
        assert!(actions.windows(2).all(|w| w[0] < w[1]), "actions {actions:?}");
        for action in &actions {
            assert_clean(action);
            assert!(!action.contains(['\n', '\t']), "action {action:?}");
        }
    }
}

/// `registry::parse_image`: an image reference as `doctor IMAGE` takes it.
///
/// # Panics
/// An accepted reference whose host is not lower case or not a valid `HOST[:PORT]` (but the
/// default `docker.io`), whose path has an empty component or a character no registry takes,
/// whose reference is empty, that parses differently when written back, or whose namespace
/// and repository do not make its path; an error with a control character.
pub fn image_ref(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let image = match registry::parse_image(&text) {
        Ok(image) => image,
        Err(why) => {
            assert!(!why.chars().any(char::is_control), "a control character in {why:?}");
            return;
        }
    };
    let host = &image.host;
    assert_eq!(*host, host.to_ascii_lowercase(), "host {host:?}");
    if image.host_given {
        assert_eq!(registry::validate_host(host).as_ref(), Ok(host), "host {host:?}");
    } else {
        assert_eq!(host, "docker.io");
    }
    let path = &image.path;
    assert!(!path.split('/').any(str::is_empty), "an empty component in {path:?}");
    assert!(
        path.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-/".contains(&b)),
        "path {path:?}"
    );
    assert!(!image.reference.is_empty());
    let written = if image.host_given {
        format!("{host}/{path}{}", image.tail)
    } else {
        format!("{path}{}", image.tail)
    };
    assert_eq!(registry::parse_image(&written).as_ref(), Ok(&image), "{written:?} of {text:?}");
    if !image.repository().is_empty() {
        assert_eq!(format!("{}/{}", image.namespace(), image.repository()), *path);
    }
}
