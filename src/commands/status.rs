//! `cr-ext status`: who the IBM Cloud credential names and until when its token is valid, then,
//! for each supported client on PATH, the ICR logins stored in its credentials file. It reads
//! only; it never prints a secret; every string from a token or a file is sanitized (one
//! line each) before it is shown; a corrupt credentials file is reported, not fatal. Errors
//! keep their kind: the exit code and hint are those `login` would give.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};

use crate::authfile::{self, Entry};
use crate::cli::StatusArgs;
use crate::clients::{self, Client, ClientKind};
use crate::credential::{CredentialPlan, Username, jwt};
use crate::error::{Error, Result, exit};
use crate::exec;
use crate::helper_link;
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Printer, error_json, remaining, utc};
use crate::plan;
use crate::secret::one_line;

/// A client's credentials file, read.
struct ClientReport {
    client: Client,
    file: PathBuf,
    entries: Vec<Entry>,
    problem: Option<String>,
    /// Hosts whose `credHelpers` entry names cr-ext, in any file the client reads.
    helper_hosts: Vec<String>,
    /// docker's `credsStore`: the keychain helper that keeps its other logins.
    store: Option<Store>,
    /// A setting that loses logins (docker's `credsStore` naming cr-ext).
    warning: Option<String>,
}

/// A `credsStore` helper (Docker Desktop's `desktop`, `osxkeychain`, `wincred`, `pass`,
/// `secretservice`): docker keeps every login without a `credHelpers` entry there, not in
/// its file.
struct Store {
    /// The name in `credsStore`.
    name: String,
    /// `docker-credential-NAME` on PATH, when it is there.
    program: Option<PathBuf>,
    /// The ICR hosts it holds (its `list`), or why they could not be listed.
    held: Option<std::result::Result<Vec<String>, String>>,
}

/// How long a keychain helper's `list` may take.
const LIST_TIMEOUT: Duration = Duration::from_secs(10);

/// The `credsStore` of docker's `doc`, with the ICR hosts it holds when its helper is on PATH.
fn read_store(doc: &serde_json::Map<String, Value>, timeout: Duration) -> Option<Store> {
    let name = authfile::creds_store(doc)?.to_owned();
    let program_name = format!("docker-credential-{name}");
    let program = which::which(&program_name).ok();
    let held = program.as_ref().map(|path| {
        let child = exec::Child {
            program: path.clone(),
            name: program_name.clone(),
            args: vec!["list".into()],
            env: Vec::new(),
        };
        match child.run(timeout.min(LIST_TIMEOUT)) {
            Ok(done) if done.success => {
                authfile::listed_icr_hosts(&done.stdout).map_err(str::to_owned)
            }
            Ok(done) => Err(format!("`{program_name} list` failed: {}", done.message())),
            Err(e) => Err(e.to_string()),
        }
    });
    Some(Store { name, program, held })
}

/// Hosts served by cr-ext's credential helper for a client, in any file it reads.
fn helper_hosts(kind: ClientKind) -> Vec<String> {
    let mut hosts: Vec<String> = Vec::new();
    for file in clients::files_read(kind) {
        let Ok(Some(doc)) = authfile::load(&file) else { continue };
        for host in authfile::helper_hosts(&doc, helper_link::SUFFIX) {
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    hosts
}

fn read_client(client: Client, timeout: Duration) -> ClientReport {
    let file = client.kind.credentials_file(&crate::dirs::Place::here());
    let mut warning = None;
    let (mut entries, problem, store) = match authfile::load(&file) {
        Ok(None) => (Vec::new(), None, None),
        Ok(Some(doc)) => {
            // Only docker keeps logins in a `credsStore`; the containers tools ignore it.
            let store = if client.kind.is_docker() {
                warning = authfile::creds_store_warning(&doc, helper_link::SUFFIX, &file);
                read_store(&doc, timeout)
            } else {
                None
            };
            (authfile::icr_entries(&doc), None, store)
        }
        Err(why) => (Vec::new(), Some(why.to_string()), None),
    };
    let helper_hosts = helper_hosts(client.kind);
    // Hosts the helper serves get a line of their own.
    entries.retain(|e| e.helper.as_deref() != Some(helper_link::SUFFIX));
    ClientReport { client, file, entries, problem, helper_hosts, store, warning }
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
    config: Result<IbmcloudConfig>,
    timeout: Duration,
) -> Result<u8> {
    let (config, config_error) = match config {
        Ok(c) => (c, None),
        Err(e) => (IbmcloudConfig::default(), Some(e)),
    };
    let input = plan::credential(&args.credential, Username::Bearer, false);
    let plan = CredentialPlan::new(&input, &config)?;
    let identity = match config_error {
        Some(e) if plan.apikey.is_none() => Err(e),
        _ => identity(&plan, &config, timeout),
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
    let reports: Vec<ClientReport> =
        clients::detect().into_iter().map(|c| read_client(c, timeout)).collect();
    let helper = reports.iter().any(|r| !r.helper_hosts.is_empty()).then(helper_link::find);
    if printer.json() {
        output::json(&json!({
            "identity": identity.as_ref().ok().map(|(source, claims)| identity_json(source, claims, now)),
            "identity_error": identity.as_ref().err().map(error_json),
            "clients": reports.iter().map(|r| client_json(r, now)).collect::<Vec<_>>(),
            "helper": helper.as_ref().map(|h| json!({
                "name": helper_link::NAME,
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
    helper: Option<&helper_link::Link>,
    now: i64,
) -> String {
    let mut text = String::new();
    match &identity {
        Ok((source, claims)) => {
            let raw = &claims.raw;
            let who = one_line(claims.who().unwrap_or("unknown"));
            if let Some((id, name)) = profile_of(claims) {
                let _ = match name {
                    Some(name) => writeln!(text, "IBM Cloud: trusted profile {name} ({id})"),
                    None => writeln!(text, "IBM Cloud: trusted profile {id}"),
                };
            } else {
                let _ = write!(text, "IBM Cloud: {who}");
                if let Some(name) =
                    raw.get("name").and_then(Value::as_str).map(one_line).filter(|n| *n != who)
                {
                    let _ = write!(text, " ({name})");
                }
                let _ = writeln!(text);
            }
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
                "  served by {} ({} host(s)): {}",
                helper_link::NAME,
                hosts.len(),
                hosts.join(", ")
            );
        }
        if let Some(store) = &report.store {
            render_store(&mut text, store, &report.helper_hosts);
        }
        if let Some(warning) = &report.warning {
            let _ = writeln!(text, "  warning: {}", one_line(warning));
        }
    }
    if let Some(h) = helper {
        let name = helper_link::NAME;
        let _ = match (&h.path, h.is_this) {
            (Some(path), true) => writeln!(text, "{name}: {} (this cr-ext)", path.display()),
            (Some(path), false) => writeln!(
                text,
                "{name}: {} is NOT this cr-ext; run `cr-ext configure` to fix",
                path.display()
            ),
            (None, _) => writeln!(
                text,
                "{name}: NOT on PATH, so the clients cannot run it; run `cr-ext configure`"
            ),
        };
    }
    text
}

/// The lines for a `credsStore`: who keeps the logins, which ICR hosts it holds, and which
/// hosts cr-ext's `credHelpers` entries take from it.
fn render_store(text: &mut String, store: &Store, helper_hosts: &[String]) {
    let name = one_line(&store.name);
    let _ = write!(text, "  other logins kept by credential helper '{name}' (credsStore)");
    match &store.held {
        None => {
            let _ = writeln!(
                text,
                ": docker-credential-{name} is NOT on PATH, so docker can neither read nor store them"
            );
        }
        Some(Ok(hosts)) if hosts.is_empty() => {
            let _ = writeln!(text, ": it holds no ICR login");
        }
        Some(Ok(hosts)) => {
            let hosts: Vec<String> = hosts.iter().map(|h| one_line(h)).collect();
            let _ = writeln!(text, ": it holds {}", hosts.join(", "));
        }
        Some(Err(why)) => {
            let _ = writeln!(text, ": cannot list them ({})", one_line(why));
        }
    }
    if !helper_hosts.is_empty() {
        let hosts: Vec<String> = helper_hosts.iter().map(|h| one_line(h)).collect();
        let _ = writeln!(
            text,
            "  credHelpers win over credsStore: docker asks {} for {}",
            helper_link::NAME,
            hosts.join(", ")
        );
    }
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
fn identity(
    plan: &CredentialPlan,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<(String, jwt::Claims)> {
    if plan.apikey.is_some() || plan.workload.is_some() {
        plan.check_endpoint()?;
        let claims = plan
            .obtain(config, timeout)?
            .claims
            .ok_or_else(|| Error::IamResponse { what: "it gave no access token".into() })?;
        return Ok((plan.source(), claims));
    }
    if let Some(problem) = &config.problem {
        return Err(Error::IbmcloudConfig { problem: problem.clone() });
    }
    let raw = config.session_token().ok_or(Error::NotLoggedIn)?;
    let claims = jwt::decode(raw).map_err(|what| Error::BadToken { what })?;
    Ok(("the ibmcloud session".into(), claims))
}

/// A trusted profile's ID and name, when the token is one's (`sub_type` `Profile`).
fn profile_of(claims: &jwt::Claims) -> Option<(String, Option<String>)> {
    let raw = &claims.raw;
    if raw.get("sub_type").and_then(Value::as_str) != Some("Profile") {
        return None;
    }
    let id = raw
        .get("sub")
        .and_then(Value::as_str)
        .or_else(|| raw.get("iam_id").and_then(Value::as_str).map(|i| i.trim_start_matches("iam-")))
        .map_or_else(|| "(no ID in the token)".to_owned(), one_line);
    Some((id, raw.get("name").and_then(Value::as_str).map(one_line)))
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
        "profile": profile_of(claims).map(|(id, name)| json!({"id": id, "name": name})),
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
        "warning": report.warning.as_deref().map(one_line),
        "creds_store": report.store.as_ref().map(|s| json!({
            "name": one_line(&s.name),
            "path": s.program,
            "icr_hosts": s.held.as_ref().and_then(|h| h.as_ref().ok()),
            "error": s.held.as_ref().and_then(|h| h.as_ref().err()).map(|e| one_line(e)),
        })),
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
