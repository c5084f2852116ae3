//! `cr-ext status`: who the IBM Cloud credential names and until when its token is valid, then,
//! for each supported client on PATH, the ICR logins stored in its credentials file. It reads
//! only; it never prints a secret; every string from a token or a file is sanitized (one
//! line each) before it is shown; a corrupt credentials file is reported, not fatal. Errors
//! keep their kind: the exit code and hint are those `login` would give.

use std::fmt::Write as _;
use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{Value, json};

use crate::cli::{As, OutputFormat, StatusArgs};
use crate::clients::{self, Client, ClientKind, HELPER, HELPER_SUFFIX};
use crate::credential::session::CliConfig;
use crate::credential::{CredentialPlan, jwt};
use crate::error::{Error, Result, exit};
use crate::error_json;
use crate::files::{self, ReadError};
use crate::output::{self, Printer, remaining, utc};
use crate::registry::is_icr;
use crate::secret::one_line;

/// One ICR login stored by a client.
#[derive(Debug, PartialEq)]
pub struct Entry {
    /// The registry host as stored.
    pub registry: String,
    /// The registry username, when the file holds the secret.
    pub username: Option<String>,
    /// The credential helper holding the secret instead (`credHelpers`, `credsStore`).
    pub helper: Option<String>,
    /// For `iambearer`: when the stored token expires.
    pub expires_at: Option<i64>,
    /// What could not be read about this entry.
    pub problem: Option<String>,
}

/// The ICR entries of a credentials file's JSON.
#[must_use]
pub fn entries(doc: &Value) -> Vec<Entry> {
    let helpers = doc.get("credHelpers").and_then(Value::as_object);
    let store = doc.get("credsStore").and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut hosts: Vec<String> = Vec::new();
    if let Some(auths) = doc.get("auths").and_then(Value::as_object) {
        hosts.extend(auths.keys().cloned());
    }
    if let Some(helpers) = helpers {
        hosts.extend(helpers.keys().filter(|h| !hosts.contains(h)).cloned().collect::<Vec<_>>());
    }
    hosts.retain(|h| is_icr(h));
    hosts.sort();
    hosts
        .into_iter()
        .map(|host| {
            let mut entry = Entry {
                registry: host.clone(),
                username: None,
                helper: None,
                expires_at: None,
                problem: None,
            };
            if let Some(helper) = helpers.and_then(|h| h.get(&host)).and_then(Value::as_str) {
                entry.helper = Some(helper.to_owned());
                return entry;
            }
            let auth =
                doc["auths"][&host].get("auth").and_then(Value::as_str).filter(|a| !a.is_empty());
            match (auth, store) {
                (Some(auth), _) => read_auth(auth, &mut entry),
                (None, Some(store)) => entry.helper = Some(store.to_owned()),
                (None, None) => entry.problem = Some("no auth stored".into()),
            }
            entry
        })
        .collect()
}

fn read_auth(auth: &str, entry: &mut Entry) {
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(auth.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let Some((user, secret)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
        entry.problem = Some("its auth is not base64 of user:secret".into());
        return;
    };
    entry.username = Some(user.to_owned());
    if user == "iambearer" {
        match jwt::decode(secret) {
            Ok(claims) => entry.expires_at = Some(claims.exp),
            Err(why) => entry.problem = Some(format!("the stored token is {why}")),
        }
    }
}

/// A client's credentials file, read.
struct ClientReport {
    client: Client,
    file: PathBuf,
    entries: Vec<Entry>,
    problem: Option<String>,
    /// Hosts whose `credHelpers` entry names cr-ext, in any file the client reads.
    helper_hosts: Vec<String>,
}

/// Hosts served by cr-ext's credential helper for a client.
fn helper_hosts(kind: ClientKind) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for file in clients::files_read(kind) {
        let Ok(bytes) = files::read_capped(&file, files::CONFIG_CAP) else { continue };
        let Ok(doc) = serde_json::from_slice::<Value>(&bytes) else { continue };
        let Some(helpers) = doc.get("credHelpers").and_then(Value::as_object) else { continue };
        for (host, helper) in helpers {
            if helper.as_str() == Some(HELPER_SUFFIX) && !hosts.contains(host) {
                hosts.push(host.clone());
            }
        }
    }
    hosts
}

fn read_client(client: Client) -> ClientReport {
    let file = client.kind.credentials_file(crate::env::get_os);
    let (mut entries, problem) = match files::read_capped(&file, files::CONFIG_CAP) {
        Err(ReadError::Missing) => (Vec::new(), None),
        Err(e) => (Vec::new(), Some(format!("cannot read it: {e}"))),
        Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
            Ok(doc) if doc.is_object() => (entries(&doc), None),
            _ => (Vec::new(), Some("it is not valid JSON".into())),
        },
    };
    let helper_hosts = helper_hosts(client.kind);
    // Hosts the helper serves get a line of their own.
    entries.retain(|e| e.helper.as_deref() != Some(HELPER_SUFFIX));
    ClientReport { client, file, entries, problem, helper_hosts }
}

/// `cr-ext status`. Exits 0 when the credential names someone with an unexpired token; else,
/// after the whole report, 4 (expired, not logged in, rejected) or the code of what failed
/// (1 for IAM down or an unreadable config), so `cr-ext status -q` answers "am I logged in?".
///
/// # Errors
/// An unusable API key or setting given on purpose.
pub(crate) fn run(
    args: &StatusArgs,
    printer: Printer,
    config: Result<CliConfig>,
    timeout: u64,
) -> Result<u8> {
    let (config, config_error) = match config {
        Ok(c) => (c, None),
        Err(e) => (CliConfig::default(), Some(e)),
    };
    let plan = CredentialPlan::new(&args.credential, As::Bearer, false, &config, timeout)?;
    let identity = match config_error {
        Some(e) if plan.apikey.is_none() => Err(e),
        _ => identity(&plan, &config),
    };
    let now = jwt::now();
    let code = match &identity {
        Ok((_, claims)) if claims.exp > now => exit::SUCCESS,
        Ok(_) => exit::NOT_AUTHENTICATED,
        Err(e) => e.exit_code(),
    };
    if printer.quiet {
        return Ok(code);
    }
    let reports: Vec<ClientReport> = clients::detect().into_iter().map(read_client).collect();
    let helper = reports.iter().any(|r| !r.helper_hosts.is_empty()).then(clients::helper_link);
    if printer.format == OutputFormat::Json {
        output::json(&json!({
            "identity": identity.as_ref().ok().map(|(source, claims)| identity_json(source, claims, now)),
            "identity_error": identity.as_ref().err().map(error_json),
            "clients": reports.iter().map(|r| client_json(r, now)).collect::<Vec<_>>(),
            "helper": helper.as_ref().map(|h| json!({
                "name": HELPER,
                "path": h.path,
                "is_this_cr_ext": h.is_this,
            })),
        }))?;
        return Ok(code);
    }
    output::text(&render(&identity, &reports, helper.as_ref(), now))?;
    Ok(code)
}

/// The human report.
fn render(
    identity: &Result<(String, jwt::Claims)>,
    reports: &[ClientReport],
    helper: Option<&clients::HelperLink>,
    now: i64,
) -> String {
    let mut text = String::new();
    match &identity {
        Ok((source, claims)) => {
            let raw = &claims.raw;
            let who = one_line(claims.who().unwrap_or("unknown"));
            let _ = write!(text, "IBM Cloud: {who}");
            if let Some(name) =
                raw.get("name").and_then(Value::as_str).map(one_line).filter(|n| *n != who)
            {
                let _ = write!(text, " ({name})");
            }
            let _ = writeln!(text);
            for (label, value) in [
                ("iam_id", raw.get("iam_id").and_then(Value::as_str)),
                ("account", raw["account"].get("bss").and_then(Value::as_str)),
                ("sub_type", raw.get("sub_type").and_then(Value::as_str)),
            ] {
                if let Some(value) = value {
                    let _ = writeln!(text, "  {label:<9} {}", one_line(value));
                }
            }
            let _ = writeln!(text, "  {:<9} {}, from {source}", "token", validity(claims.exp, now));
        }
        Err(error) => {
            let _ = writeln!(text, "IBM Cloud: {}", one_line(&error.to_string()));
            if let Some(hint) = error.hint() {
                let _ = writeln!(text, "  hint: {}", one_line(&hint));
            }
        }
    }
    for report in reports {
        let _ = writeln!(
            text,
            "{:<8} {}",
            report.client.kind.name(),
            one_line(&report.file.display().to_string())
        );
        if let Some(problem) = &report.problem {
            let _ = writeln!(text, "  unreadable: {}", one_line(problem));
        } else if report.entries.is_empty() {
            let _ = writeln!(text, "  no ICR logins");
        }
        for entry in &report.entries {
            let _ = writeln!(text, "  {:<22} {}", one_line(&entry.registry), describe(entry, now));
        }
        if !report.helper_hosts.is_empty() {
            let hosts: Vec<String> = report.helper_hosts.iter().map(|h| one_line(h)).collect();
            let _ = writeln!(
                text,
                "  served by {HELPER} ({} host(s)): {}",
                hosts.len(),
                hosts.join(", ")
            );
        }
    }
    if let Some(h) = helper {
        let _ = match (&h.path, h.is_this) {
            (Some(path), true) => writeln!(text, "{HELPER}: {} (this cr-ext)", path.display()),
            (Some(path), false) => writeln!(
                text,
                "{HELPER}: {} is NOT this cr-ext; run `cr-ext configure` to fix",
                path.display()
            ),
            (None, _) => writeln!(
                text,
                "{HELPER}: NOT on PATH, so the clients cannot run it; run `cr-ext configure`"
            ),
        };
    }
    text
}

fn describe(entry: &Entry, now: i64) -> String {
    if let Some(helper) = &entry.helper {
        return format!("kept by credential helper '{}' (not read)", one_line(helper));
    }
    let mut line = entry.username.as_deref().map(one_line).unwrap_or_default();
    if let Some(exp) = entry.expires_at {
        let _ = write!(line, "  {}", validity(exp, now));
    }
    if let Some(problem) = &entry.problem {
        let _ = write!(line, "  ({problem})");
    }
    line.trim().to_owned()
}

/// `valid until 2026-11-27 18:21:38 UTC (20 min left)` or `EXPIRED at … (5 min ago)`.
fn validity(exp: i64, now: i64) -> String {
    let state = if exp <= now { "EXPIRED at" } else { "valid until" };
    format!("{state} {} ({})", utc(exp), remaining(exp - now))
}

/// The claims of the credential: an API key's token from IAM, else the CLI session's cached
/// token (read as it is, even when expired: status runs nothing). Errors are those `login`
/// would give.
fn identity(plan: &CredentialPlan, config: &CliConfig) -> Result<(String, jwt::Claims)> {
    if plan.apikey.is_some() {
        plan.check_endpoint()?;
        let obtained = plan.begin(config)?.finish(plan.child_timeout)?;
        let claims = jwt::decode(obtained.secret.expose())
            .map_err(|what| Error::IamResponse { what: format!("its access_token is {what}") })?;
        return Ok(("the API key".into(), claims));
    }
    if let Some(problem) = &config.problem {
        return Err(Error::CliConfig { problem: problem.clone() });
    }
    let raw = config.session_token().ok_or(Error::NotLoggedIn)?;
    let claims = jwt::decode(raw).map_err(|what| Error::BadToken { what })?;
    Ok(("the ibmcloud session".into(), claims))
}

fn identity_json(source: &str, claims: &jwt::Claims, now: i64) -> Value {
    let raw = &claims.raw;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(one_line);
    json!({
        "source": source,
        "name": text(raw.get("name")),
        "email": text(raw.get("email")),
        "iam_id": text(raw.get("iam_id")),
        "account": text(raw["account"].get("bss")),
        "sub_type": text(raw.get("sub_type")),
        "expires_at": claims.exp,
        "expired": claims.exp <= now,
    })
}

fn client_json(report: &ClientReport, now: i64) -> Value {
    json!({
        "name": report.client.kind.name(),
        "path": report.client.path,
        "file": report.file,
        "error": report.problem.as_deref().map(one_line),
        "helper_hosts": report.helper_hosts.iter().map(|h| one_line(h)).collect::<Vec<_>>(),
        "entries": report.entries.iter().map(|e| json!({
            "registry": one_line(&e.registry),
            "username": e.username.as_deref().map(one_line),
            "helper": e.helper.as_deref().map(one_line),
            "expires_at": e.expires_at,
            "expired": e.expires_at.map(|x| x <= now),
            "problem": e.problem.as_deref().map(one_line),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_users_helpers_and_bearer_expiry() {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let token = jwt::make(&json!({"exp": 1000}));
        let doc = json!({
            "auths": {
                "us.icr.io": {"auth": b64(&format!("iambearer:{token}"))},
                "de.icr.io": {"auth": b64("iamapikey:k")},
                "jp.icr.io": {},
                "docker.io": {"auth": b64("me:pw")},
                "uk.icr.io": {"auth": "!!!"},
            },
            "credsStore": "desktop",
            "credHelpers": {"au.icr.io": "ibm"},
        });
        let got = entries(&doc);
        let find = |h: &str| got.iter().find(|e| e.registry == h).unwrap();
        assert_eq!(got.len(), 5);
        assert_eq!(find("us.icr.io").expires_at, Some(1000));
        assert_eq!(find("de.icr.io").username.as_deref(), Some("iamapikey"));
        assert_eq!(find("jp.icr.io").helper.as_deref(), Some("desktop"));
        assert_eq!(find("au.icr.io").helper.as_deref(), Some("ibm"));
        assert!(find("uk.icr.io").problem.is_some());
    }
}
