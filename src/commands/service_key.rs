//! `cr-ext service-key`: from nothing to a least-privilege registry key in one step. `create`
//! looks the role up in IAM's catalogue, makes a service ID, one access policy per namespace
//! (and region, or the global registry's geography) on Container Registry with that role, and
//! the service ID's API key, written once to a file in the form `ibmcloud iam
//! service-api-key-create --file` writes (mode 0600, never overwritten). A policy that exists
//! already is reported as granted and left alone. If any step fails, what this run created is
//! deleted in reverse order and each rollback reported; what a failed rollback leaves is named
//! with the command that deletes it. `list` shows the service IDs cr-ext made (marked in their
//! description) with their policies and keys; `delete` removes one with its keys and policies
//! after a confirmation. `rotate` makes a service ID a new key, checks it at IAM, puts it in
//! pull secrets (`--apply`), and only then deletes its older cr-ext keys beyond `--keep`;
//! whatever fails before that deletion is undone. `create` and `rotate` defer signals: a
//! Ctrl-C or SIGTERM stops the next request and rolls back (within `exec::ROLLBACK_BOUND`, or
//! what remains is named). Ids from IAM are used only when they are ids (`api::is_id`).

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::cli::{
    CredentialArgs, RegistryArgs, ServiceKeyCommand, ServiceKeyCreateArgs, ServiceKeyDeleteArgs,
    ServiceKeyRotateArgs,
};
use crate::credential::iam_admin::{self as api, Admin, Granted, Scope, id_of};
use crate::credential::{CredentialPlan, Username, jwt};
use crate::error::{Error, Result, exit};
use crate::exec;
use crate::files;
use crate::ibmcloud::IbmcloudConfig;
use crate::kube::{self, Kubectl, Listed};
use crate::output::{self, Printer};
use crate::secret::{Secret, one_line};
use crate::{authfile, plan, registry};

/// How cr-ext marks the service IDs it made, at the start of their description.
const MARKER: &str = "[cr-ext]";
/// The account id shown by `--dry-run`, which sends nothing (not even the token exchange).
const DRY_ACCOUNT: &str = "ACCOUNT_ID";

/// `cr-ext service-key …`.
///
/// # Errors
/// No credential, IAM refusing or failing, a file that exists.
pub(crate) fn run(
    command: &ServiceKeyCommand,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    match command {
        ServiceKeyCommand::Create(args) => create(args, printer, config, timeout),
        ServiceKeyCommand::Rotate(args) => rotate(args, printer, config, timeout),
        ServiceKeyCommand::List(args) => list(&args.credential, printer, config, timeout),
        ServiceKeyCommand::Delete(args) => delete(args, printer, config, timeout),
    }
}

/// The caller: an admin client acting with the caller's access token, and the token's account.
fn caller(
    credential: &CredentialArgs,
    config: &IbmcloudConfig,
    timeout: Duration,
    dry_run: bool,
) -> Result<(Admin, String)> {
    let plan = CredentialPlan::new(&plan::credential(credential, Username::Bearer, false), config)?;
    plan.check_endpoint()?;
    let endpoint = plan.endpoint.0.clone();
    if dry_run {
        // Sends nothing: a cached session token may name the account; else a placeholder.
        let account = config
            .cached_token(0)
            .ok()
            .and_then(|t| t.claims.raw["account"]["bss"].as_str().map(str::to_owned))
            .unwrap_or_else(|| DRY_ACCOUNT.to_owned());
        let admin = Admin::new(&endpoint, Secret::new(String::new()), plan.http_timeout, true)?;
        return Ok((admin, account));
    }
    let obtained = plan.obtain(config, timeout)?;
    let claims = obtained
        .claims
        .ok_or_else(|| Error::BadToken { what: "it is not an access token".into() })?;
    let account = claims.raw["account"]["bss"]
        .as_str()
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Error::BadToken {
            what: "its claims name no account (account.bss)".into(),
        })?;
    let admin = Admin::new(&endpoint, obtained.secret, plan.http_timeout, false)?;
    Ok((admin, account))
}

/// Something this run created, to roll back if a later step fails.
enum Made {
    ServiceId { id: String },
    Policy { id: String, namespace: String },
    ApiKey { id: String },
}

impl Made {
    fn describe(&self) -> String {
        match self {
            Made::ServiceId { id } => format!("service ID {id}"),
            Made::Policy { id, namespace } => format!("policy {id} (namespace {namespace})"),
            Made::ApiKey { id } => format!("API key {id}"),
        }
    }

    /// Deletes it again (a service ID's delete waits out IAM's 409 while its keys go).
    fn undo(&self, admin: &Admin) -> Result<Value> {
        let what = format!("delete {}", self.describe());
        match self {
            Made::ServiceId { id } => admin.delete_service_id(id, &what),
            Made::Policy { id, .. } => admin.send(&api::delete_policy(id), &what),
            Made::ApiKey { id } => admin.send(&api::delete_apikey(id), &what),
        }
    }

    /// How a user deletes it by hand.
    fn command(&self, service_id: &str) -> String {
        match self {
            Made::ServiceId { id } => format!("ibmcloud iam service-id-delete {id} -f"),
            Made::Policy { id, .. } => {
                format!("ibmcloud iam service-policy-delete {service_id} {id} -f")
            }
            Made::ApiKey { id } => {
                format!("ibmcloud iam service-api-key-delete {id} {service_id} -f")
            }
        }
    }

    /// What remains if the run ends now, and how to delete it.
    fn remains(&self, service_id: &str) -> String {
        format!("{} (delete it with: {})", self.describe(), self.command(service_id))
    }
}

/// The service ID of what `made` holds: the one made, else the reused one.
fn owner(made: &[Made], existing: Option<&str>) -> String {
    made.iter()
        .find_map(|m| match m {
            Made::ServiceId { id } => Some(id.clone()),
            _ => None,
        })
        .or_else(|| existing.map(str::to_owned))
        .unwrap_or_default()
}

/// Tells the signal handler what would remain if the run ended now.
fn track(made: &[Made], existing: Option<&str>) {
    let service_id = owner(made, existing);
    exec::leftovers(made.iter().rev().map(|m| m.remains(&service_id)).collect());
}

fn text_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

/// A record's `id` and `iam_id`, both real ids.
///
/// # Errors
/// Either is missing or not an id: nothing may be done with such a record.
fn ids_of(service: &Value, name: &str) -> Result<(String, String)> {
    match (id_of(service, "id"), id_of(service, "iam_id")) {
        (Some(id), Some(iam_id)) => Ok((id, iam_id)),
        _ => Err(Error::IamResponse {
            what: format!(
                "its record of service ID '{}' has no usable id and iam_id (ids are letters, digits, '-' and '_'); nothing was done with it",
                one_line(name)
            ),
        }),
    }
}

/// The description of a key cr-ext makes: marked as cr-ext's, with the moment to the
/// millisecond (IAM's `created_at` may have minutes only), which orders keys and makes a
/// lost create's key recognisable.
fn key_description(name: &str, at_ms: i64) -> String {
    format!("{MARKER} API key of {name}, made {}", api::stamp(at_ms))
}

/// When a key was made: the moment in a cr-ext description, else IAM's `created_at`.
fn key_time(key: &Value) -> i64 {
    key["description"]
        .as_str()
        .and_then(|d| d.rsplit_once(", made "))
        .and_then(|(_, at)| api::parse_time(at))
        .or_else(|| key["created_at"].as_str().and_then(api::parse_time))
        .unwrap_or(0)
}

/// Writes a key file in the form `ibmcloud iam service-api-key-create --file` writes.
fn write_key_file(
    file: &Path,
    name: &str,
    description: &str,
    key: &Value,
    secret: &Secret,
) -> Result<()> {
    let created_at = key["created_at"].as_str().map_or_else(|| format!("{}", jwt::now()), one_line);
    let key_file = json!({
        "name": name,
        "description": description,
        "createdAt": created_at,
        "apikey": secret.expose(),
    });
    let text = format!("{key_file:#}\n");
    if file == Path::new("-") {
        output::stdout(&text)
    } else {
        files::write_new_private(file, text.as_bytes())
            .map_err(|source| Error::Write { path: file.to_path_buf(), source })
    }
}

/// Refuses a key file that exists (or `-` with `--output json`) before anything is sent.
fn check_key_file(file: &Path, printer: Printer, dry_run: bool) -> Result<()> {
    let to_stdout = file == Path::new("-");
    if to_stdout && printer.json() {
        return Err(Error::usage(
            "--file - and --output json both want stdout",
            "write the key to a file, or drop --output json",
        ));
    }
    if !to_stdout && !dry_run && std::fs::symlink_metadata(file).is_ok() {
        return Err(Error::usage(
            format!("{} exists; a key file is never overwritten", file.display()),
            "give another --file, or move the old one away",
        ));
    }
    Ok(())
}

/// `service-key create`.
fn create(
    args: &ServiceKeyCreateArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let file = args.file.clone().unwrap_or_else(|| PathBuf::from(format!("{}.json", args.name)));
    check_key_file(&file, printer, args.dry_run)?;
    let scopes = policy_scopes(&args.region, config, printer)?;
    let (admin, account) = caller(&args.credential, config, timeout, args.dry_run)?;
    if !args.dry_run {
        exec::defer_signals()?;
    }
    let description = format!(
        "{MARKER} {}",
        args.description.clone().unwrap_or_else(|| format!(
            "Container Registry {} access to namespace {}",
            args.role.iam_name(),
            args.namespaces.join(", ")
        ))
    );

    printer.progress(&format!("Looking for service ID '{}' in account {account}...", args.name));
    let found =
        admin.send(&api::list_service_ids(&account, Some(&args.name), None), "list service IDs")?;
    let namesakes: Vec<&Value> = found["serviceids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["name"].as_str() == Some(&args.name))
        .collect();
    let known: Vec<String> = namesakes.iter().filter_map(|s| id_of(s, "id")).collect();
    let existing = namesakes.first().copied().cloned();
    if let Some(existing) = &existing
        && !args.reuse
    {
        return Err(Error::ServiceKey {
            message: format!(
                "a service ID named '{}' exists in account {account} ({})",
                one_line(&args.name),
                id_of(existing, "id").unwrap_or_else(|| "its id is not one".into())
            ),
            hint: "pass --reuse to add the policies and a key to it, or choose another name".into(),
        });
    }
    let reused = match &existing {
        Some(e) => Some(ids_of(e, &args.name)?),
        None => None,
    };
    let role_id = role_id(&admin, &account, args.role.iam_name(), printer)?;
    // The policies a reused service ID has: a policy found after a lost answer is this run's
    // only if it is not one of them.
    let before = match &reused {
        Some((_, iam_id)) if !admin.dry_run => {
            admin.all_policies(&account, iam_id)?.iter().filter_map(|p| id_of(p, "id")).collect()
        }
        _ => Vec::new(),
    };
    let mut made: Vec<Made> = Vec::new();
    let plan = Plan {
        account: &account,
        description: &description,
        existing: reused.as_ref(),
        known: &known,
        policies_before: &before,
        role_id: &role_id,
        scopes: &scopes,
        file: &file,
    };
    let result = build(args, &admin, &plan, printer, &mut made);
    match result {
        Ok(report) => {
            exec::leftovers(Vec::new());
            if printer.json() {
                output::json(&report)?;
            }
            printer.ok();
            Ok(exit::SUCCESS)
        }
        Err(error) => {
            Err(rollback(&admin, &made, error, reused.as_ref().map(|r| r.0.as_str()), printer))
        }
    }
}
/// The role's CRN: looked up once in IAM's catalogue for Container Registry by display name
/// (as IBM's Terraform provider does); IAM's built-in service role CRN when the catalogue
/// cannot be read (said as a warning), and in a dry run. A catalogue that has no such role
/// stops the run before anything is made.
fn role_id(admin: &Admin, account: &str, role: &str, printer: Printer) -> Result<String> {
    printer.progress(&format!("Looking up the role {role} of Container Registry..."));
    match admin.send(&api::list_roles(account), "list the roles of Container Registry") {
        Ok(_) if admin.dry_run => Ok(api::builtin_role(role)),
        Ok(catalogue) => api::role_in_catalogue(&catalogue, role).map_err(|why| Error::ServiceKey {
            message: format!("IAM's role catalogue does not offer the role: {why}"),
            hint: "choose another --role; `ibmcloud iam roles --service container-registry` lists them".into(),
        }),
        Err(e) => {
            let builtin = api::builtin_role(role);
            printer.warn(&format!(
                "the role catalogue could not be read ({}); using IAM's built-in {builtin}",
                one_line(&e.to_string())
            ));
            Ok(builtin)
        }
    }
}

/// What `build` works from, decided before anything is made.
struct Plan<'a> {
    account: &'a str,
    description: &'a str,
    /// The service ID to reuse: its id and iam_id.
    existing: Option<&'a (String, String)>,
    /// The ids of the service IDs of that name before this run.
    known: &'a [String],
    /// The ids of the reused service ID's policies before this run.
    policies_before: &'a [String],
    role_id: &'a str,
    scopes: &'a [Scope],
    file: &'a Path,
}

/// Steps 2 to 4: service ID, policies, key and its file. Everything made is pushed on `made`
/// (and told to the signal handler).
fn build(
    args: &ServiceKeyCreateArgs,
    admin: &Admin,
    plan: &Plan<'_>,
    printer: Printer,
    made: &mut Vec<Made>,
) -> Result<Value> {
    let Plan { account, description, existing, known, policies_before, role_id, scopes, file } =
        *plan;
    let reused = existing.map(|e| e.0.as_str());
    let (service_id, iam_id) = if let Some((id, iam_id)) = existing {
        printer.progress(&format!("Using the existing service ID '{}' ({id})...", args.name));
        (id.clone(), iam_id.clone())
    } else {
        printer.progress(&format!("Creating service ID '{}'...", args.name));
        let created = admin.create_service_id(account, &args.name, description, known)?;
        if admin.dry_run {
            ("SERVICE_ID".to_owned(), "IAM_ID".to_owned())
        } else {
            let ids = ids_of(&created, &args.name);
            if let Some(id) = id_of(&created, "id") {
                made.push(Made::ServiceId { id });
                track(made, reused);
            }
            ids?
        }
    };
    let role = args.role.iam_name();
    let mut policies = Vec::new();
    let mut granted: Vec<String> = policies_before.to_vec();
    for namespace in &args.namespaces {
        for scope in scopes {
            let within = scope.name().map(|r| format!(" in {r}")).unwrap_or_default();
            printer.progress(&format!("Granting {role} on namespace '{namespace}'{within}..."));
            let request = api::create_policy(account, &iam_id, role_id, scope, namespace);
            let what = format!("create the policy for namespace {namespace}");
            let (id, existed) = match admin.create_policy(
                &request,
                &what,
                (account, &iam_id),
                &granted,
            )? {
                Granted::New(_) if admin.dry_run => ("POLICY_ID".to_owned(), false),
                Granted::New(policy) => {
                    let id = id_of(&policy, "id").ok_or_else(|| Error::IamResponse {
                        what: "its new policy has no usable id".into(),
                    })?;
                    made.push(Made::Policy { id: id.clone(), namespace: namespace.clone() });
                    track(made, reused);
                    (id, false)
                }
                Granted::Existing(id) => {
                    let id = id.unwrap_or_default();
                    printer.note(&format!(
                            "{role} on namespace '{namespace}'{within} was granted already (policy {}); it is kept as it is",
                            if id.is_empty() { "unnamed" } else { &id }
                        ));
                    (id, true)
                }
            };
            granted.push(id.clone());
            policies.push(json!({"id": id, "namespace": namespace, "region": scope.name(), "role": role, "existed": existed}));
        }
    }
    printer.progress(&format!("Creating the API key of '{}'...", args.name));
    let key_description = key_description(&args.name, api::now_ms());
    let key = admin.create_apikey(account, &iam_id, &args.name, &key_description)?;
    if admin.dry_run {
        return Ok(Value::Null);
    }
    let key_id = id_of(&key, "id")
        .ok_or_else(|| Error::IamResponse { what: "its new API key has no usable id".into() })?;
    made.push(Made::ApiKey { id: key_id.clone() });
    track(made, reused);
    let secret = Secret::new(text_of(&key, "apikey"));
    if secret.expose().is_empty() {
        return Err(Error::IamResponse { what: "its new API key has no apikey value".into() });
    }
    // A signal during the key's create: undo, rather than hand out a key about to go.
    if let Some(signal) = exec::interrupted() {
        return Err(Error::Interrupted { signal });
    }
    // From here on the key is handed out: a signal no longer undoes the run.
    exec::committed();
    write_key_file(file, &args.name, &key_description, &key, &secret)?;
    if file != Path::new("-") {
        printer.progress(&format!("Wrote the API key to {} (mode 0600).", file.display()));
    }
    Ok(json!({
        "service_id": {"id": service_id, "iam_id": iam_id, "name": args.name, "reused": existing.is_some()},
        "policies": policies,
        "apikey": {"id": key_id, "file": file},
    }))
}

/// Deletes what this run made, newest first, reporting each; returns the error to exit with:
/// the original, or one that says what remains and how to delete it.
fn rollback(
    admin: &Admin,
    made: &[Made],
    error: Error,
    existing: Option<&str>,
    printer: Printer,
) -> Error {
    if made.is_empty() {
        return error;
    }
    admin.rolling_back();
    printer.failure(&error);
    let service_id = owner(made, existing);
    // Newest first: the key, the policies, the service ID. A key whose delete failed still
    // goes when its service ID does (IAM deletes a service ID's keys with it).
    let mut remains: Vec<&Made> = Vec::new();
    for (at, item) in made.iter().enumerate().rev() {
        let pending = made[..=at].iter().rev().chain(remains.iter().copied());
        exec::leftovers(pending.map(|m| m.remains(&service_id)).collect());
        match item.undo(admin) {
            Ok(_) => {
                let keys_went = matches!(item, Made::ServiceId { .. })
                    && remains.iter().any(|r| matches!(r, Made::ApiKey { .. }));
                if keys_went {
                    remains.retain(|r| !matches!(r, Made::ApiKey { .. }));
                    output::stderr_line(&format!(
                        "rolled back: deleted {} (its API keys went with it)",
                        item.describe()
                    ));
                } else {
                    output::stderr_line(&format!("rolled back: deleted {}", item.describe()));
                }
            }
            Err(e) => {
                output::stderr_line(&format!("rollback failed: {}", one_line(&e.to_string())));
                remains.push(item);
            }
        }
    }
    let remains: Vec<String> = remains.iter().map(|item| item.remains(&service_id)).collect();
    exec::leftovers(remains.clone());
    if remains.is_empty() {
        return Error::ServiceKey {
            message: format!("{error}; everything this run created was deleted again"),
            hint: error
                .hint()
                .unwrap_or_else(|| "fix the cause above and run the command again".into()),
        };
    }
    Error::ServiceKey {
        message: format!("{error}; and the rollback did not finish: what remains: {}", remains.join("; ")),
        hint: "run the delete commands above (or `cr-ext service-key delete NAME --yes`) once IAM answers again".into(),
    }
}
/// Where the policies apply: the `--region`s (`global`, the registry icr.io, is a geography,
/// not a region); else the region the CLI targets, if it has a registry; else every region
/// (no region attribute). Says which.
fn policy_scopes(
    names: &[String],
    config: &IbmcloudConfig,
    printer: Printer,
) -> Result<Vec<Scope>> {
    if !names.is_empty() {
        let mut scopes: Vec<Scope> = Vec::new();
        for name in names {
            let scope = Scope::of_region(plan::region_named(name, "--region")?.name);
            if !scopes.contains(&scope) {
                scopes.push(scope);
            }
        }
        return Ok(scopes);
    }
    if let Some(region) = config.region().and_then(registry::find) {
        printer.note(&format!("policies are limited to {} (the region the ibmcloud CLI targets); --region changes that", region.name));
        return Ok(vec![Scope::of_region(region.name)]);
    }
    printer.note("policies cover every region (no --region given and the ibmcloud CLI targets none with a registry)");
    Ok(vec![Scope::Everywhere])
}

/// `service-key list`: the service IDs cr-ext made, with their policies and keys.
fn list(
    credential: &CredentialArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let (admin, account) = caller(credential, config, timeout, false)?;
    let all = admin.all_pages(
        |token| api::list_service_ids(&account, None, token),
        "serviceids",
        "list service IDs",
    )?;
    let mut report = Vec::new();
    for service in
        all.iter().filter(|s| s["description"].as_str().is_some_and(|d| d.starts_with(MARKER)))
    {
        let name = one_line(&text_of(service, "name"));
        let Ok((id, iam_id)) = ids_of(service, &name) else {
            printer
                .warn(&format!("service ID '{name}' has no usable id or iam_id; it is left out"));
            continue;
        };
        let policies: Vec<Value> =
            admin.all_policies(&account, &iam_id)?.iter().map(summary).collect();
        let mut keys: Vec<Value> = admin.all_apikeys(&account, &iam_id)?;
        keys.sort_by_key(|k| std::cmp::Reverse(key_time(k)));
        let keys: Vec<Value> = keys
            .iter()
            .filter_map(|k| {
                Some(json!({
                    "id": id_of(k, "id")?,
                    "name": one_line(&text_of(k, "name")),
                    "created_at": one_line(&text_of(k, "created_at")),
                    "cr_ext": k["description"].as_str().is_some_and(|d| d.starts_with(MARKER)),
                }))
            })
            .collect();
        report.push(json!({
            "name": name,
            "id": id,
            "iam_id": iam_id,
            "description": one_line(&text_of(service, "description")),
            "policies": policies,
            "apikeys": keys,
        }));
    }
    if printer.json() {
        output::json(&json!(report))?;
        return Ok(exit::SUCCESS);
    }
    let mut text = String::new();
    if report.is_empty() {
        printer.note("cr-ext has created no service ID in this account");
    }
    for entry in &report {
        let _ = writeln!(text, "{}  {}", text_of(entry, "name"), text_of(entry, "id"));
        for p in entry["policies"].as_array().into_iter().flatten() {
            let _ = writeln!(
                text,
                "  {} on namespace {}{}",
                text_of(p, "role"),
                text_of(p, "namespace"),
                p["region"]
                    .as_str()
                    .map_or_else(|| " in every region".into(), |r| format!(" in {r}"))
            );
        }
        for k in entry["apikeys"].as_array().into_iter().flatten() {
            let _ = writeln!(
                text,
                "  API key {} '{}' created {}{}",
                text_of(k, "id"),
                text_of(k, "name"),
                text_of(k, "created_at"),
                if k["cr_ext"] == json!(true) { "" } else { " (not made by cr-ext)" }
            );
        }
    }
    output::text(&text)?;
    Ok(exit::SUCCESS)
}

/// The one service ID named `name`, by its id and iam_id; in a dry run, placeholders.
///
/// # Errors
/// None or several of that name, ids that are not ids, IAM failing.
fn find_service(admin: &Admin, account: &str, name: &str) -> Result<(Value, String, String)> {
    let found =
        admin.send(&api::list_service_ids(account, Some(name), None), "list service IDs")?;
    if admin.dry_run {
        let placeholder = json!({"id": "SERVICE_ID", "iam_id": "IAM_ID", "description": MARKER});
        return Ok((placeholder, "SERVICE_ID".into(), "IAM_ID".into()));
    }
    let namesakes: Vec<&Value> = found["serviceids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["name"].as_str() == Some(name))
        .collect();
    match namesakes.as_slice() {
        [] => Err(Error::ServiceKey {
            message: format!("no service ID named '{}' in account {account}", one_line(name)),
            hint: "see `cr-ext service-key list`".into(),
        }),
        [one] => {
            let (id, iam_id) = ids_of(one, name)?;
            Ok(((*one).clone(), id, iam_id))
        }
        many => Err(Error::ServiceKey {
            message: format!(
                "{} service IDs are named '{}' in account {account} ({})",
                many.len(),
                one_line(name),
                many.iter()
                    .map(|s| id_of(s, "id").unwrap_or_else(|| "no usable id".into()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            hint: "delete or rename the extra ones with `ibmcloud iam service-id-delete ID`".into(),
        }),
    }
}

/// `service-key delete NAME`.
fn delete(
    args: &ServiceKeyDeleteArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    if !args.yes && !args.dry_run && !std::io::stdin().is_terminal() {
        return Err(Error::usage(
            format!(
                "deleting service ID '{}' needs --yes when stdin is not a terminal",
                one_line(&args.name)
            ),
            "add --yes to delete it without asking",
        ));
    }
    let (admin, account) = caller(&args.credential, config, timeout, args.dry_run)?;
    let (service, id, iam_id) = find_service(&admin, &account, &args.name)?;
    let policy_ids: Vec<String> = if admin.dry_run {
        admin.send(&api::list_policies(&account, &iam_id, None), "list policies")?;
        vec!["POLICY_ID".to_owned()]
    } else {
        let policies = admin.all_policies(&account, &iam_id)?;
        let ids: Vec<String> = policies.iter().filter_map(|p| id_of(p, "id")).collect();
        if ids.len() < policies.len() {
            printer.warn(&format!(
                "{} of its policies have no usable id; they are left alone",
                policies.len() - ids.len()
            ));
        }
        ids
    };
    if !text_of(&service, "description").starts_with(MARKER) {
        printer.warn(&format!("service ID '{}' was not created by cr-ext", one_line(&args.name)));
    }
    if !args.yes && !args.dry_run && !confirm(&args.name, &id, policy_ids.len())? {
        return Err(Error::usage("not deleted", "answer y to delete, or pass --yes"));
    }
    for policy in &policy_ids {
        admin.send(&api::delete_policy(policy), &format!("delete policy {policy}"))?;
        printer.progress(&format!("Deleted policy {policy}."));
    }
    admin.delete_service_id(&id, "delete the service ID")?;
    printer.progress(&format!(
        "Deleted service ID '{}' ({id}) and its API keys.",
        one_line(&args.name)
    ));
    printer.ok();
    Ok(exit::SUCCESS)
}

/// Something a rotation changed before its point of no return, to undo if a later step fails.
enum Changed {
    /// The key file was written.
    File(PathBuf),
    /// The pull secret of a namespace was replaced or made: what was there before, if any.
    Secret { namespace: Option<String>, before: Option<Secret> },
    /// A service account now lists the pull secret.
    Account { namespace: Option<String>, account: String, listed: Listed },
}

impl Changed {
    /// What remains of it if it is not undone.
    fn remains(&self, secret: &str) -> Option<String> {
        match self {
            Changed::File(path) => Some(format!(
                "the key file {} (remove it with: rm '{}')",
                path.display(),
                path.display()
            )),
            Changed::Secret { namespace, before } => Some(format!(
                "secret {secret}{} holds the new key ({})",
                kube::within(namespace.as_deref()),
                if before.is_some() {
                    "it replaced the one there was"
                } else {
                    "it was not there before"
                }
            )),
            Changed::Account { listed: Listed::Already, .. } => None,
            Changed::Account { namespace, account, .. } => Some(format!(
                "service account {account}{} lists {secret} (it did not before)",
                kube::within(namespace.as_deref())
            )),
        }
    }
}

/// A rotation under way: who and what.
struct Rotation<'a> {
    args: &'a ServiceKeyRotateArgs,
    admin: &'a Admin,
    kubectl: Option<Kubectl>,
    printer: Printer,
    service_id: String,
    iam_id: String,
    key_id: String,
}

impl Rotation<'_> {
    /// Tells the signal handler what would remain if the run ended now.
    fn track(&self, changed: &[Changed]) {
        let key = Made::ApiKey { id: self.key_id.clone() }.remains(&self.service_id);
        let mut lines: Vec<String> =
            changed.iter().rev().filter_map(|c| c.remains(&self.args.secret_name)).collect();
        lines.push(key);
        exec::leftovers(lines);
    }
}

/// A signal received: stop before the next step.
fn check_signal() -> Result<()> {
    match exec::interrupted() {
        Some(signal) => Err(Error::Interrupted { signal }),
        None => Ok(()),
    }
}

/// `service-key rotate NAME`.
fn rotate(
    args: &ServiceKeyRotateArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    check_key_file(&args.file, printer, args.dry_run)?;
    let kubectl = if args.apply {
        let mut kubectl =
            Kubectl::find(args.context.clone(), args.kubeconfig.clone(), timeout, args.dry_run)?;
        kubectl.say_on_stderr = printer.json();
        Some(kubectl)
    } else {
        None
    };
    let every_region = RegistryArgs {
        region: Vec::new(),
        registry: Vec::new(),
        all_regions: false,
        private: false,
    };
    let hosts = if args.apply {
        plan::registries(
            &every_region,
            plan::Defaults::PullSecret,
            config,
            &mut Vec::new(),
            &mut Vec::new(),
        )?
    } else {
        Vec::new()
    };
    let (admin, account) = caller(&args.credential, config, timeout, args.dry_run)?;
    if !args.dry_run {
        exec::defer_signals()?;
    }
    printer.progress(&format!("Looking for service ID '{}' in account {account}...", args.name));
    let (service, service_id, iam_id) = find_service(&admin, &account, &args.name)?;
    if !text_of(&service, "description").starts_with(MARKER) {
        return Err(Error::ServiceKey {
            message: format!(
                "service ID '{}' ({service_id}) was not created by cr-ext; rotate changes only the service IDs cr-ext made",
                one_line(&args.name)
            ),
            hint: "rotate its keys by hand: `ibmcloud iam service-api-key-create`, then `ibmcloud iam service-api-key-delete`".into(),
        });
    }
    printer.progress(&format!("Listing the API keys of '{}'...", args.name));
    let before = admin.all_apikeys(&account, &iam_id)?;
    printer.progress(&format!("Creating a new API key for '{}'...", args.name));
    let description = key_description(&args.name, api::now_ms());
    let key = admin.create_apikey(&account, &iam_id, &args.name, &description)?;
    let (key_id, secret) = if admin.dry_run {
        ("NEW_APIKEY_ID".to_owned(), Secret::holding("DRY-RUN".into()))
    } else {
        let id = id_of(&key, "id").ok_or_else(|| Error::IamResponse {
            what: format!(
                "its new API key has no usable id; find the key '{description}' with `ibmcloud iam service-api-keys {service_id}` and delete it"
            ),
        })?;
        (id, Secret::new(text_of(&key, "apikey")))
    };
    let rotation = Rotation { args, admin: &admin, kubectl, printer, service_id, iam_id, key_id };
    rotation.track(&[]);
    let mut changed: Vec<Changed> = Vec::new();
    let applied = match rotate_steps(&rotation, &key, &secret, &description, &hosts, &mut changed) {
        Ok(applied) => applied,
        Err(error) => return Err(undo_rotation(&rotation, &changed, &error)),
    };
    exec::leftovers(Vec::new());
    retire_old_keys(&rotation, &before, &applied)
}

/// The steps before the point of no return: the key file, the key's check at IAM, the pull
/// secrets and service accounts. Every change is pushed on `changed`.
fn rotate_steps(
    r: &Rotation<'_>,
    key: &Value,
    secret: &Secret,
    description: &str,
    hosts: &[String],
    changed: &mut Vec<Changed>,
) -> Result<Vec<Value>> {
    let (args, admin, printer) = (r.args, r.admin, r.printer);
    if !admin.dry_run {
        if secret.expose().is_empty() {
            return Err(Error::IamResponse { what: "its new API key has no apikey value".into() });
        }
        check_signal()?;
        write_key_file(&args.file, &args.name, description, key, secret)?;
        if args.file != Path::new("-") {
            changed.push(Changed::File(args.file.clone()));
            r.track(changed);
            printer.progress(&format!(
                "Wrote the new API key to {} (mode 0600).",
                args.file.display()
            ));
        }
    }
    printer.progress("Checking that the new key works (a token exchange at IAM)...");
    if let Some(whose) = admin.check_apikey(secret)?
        && whose != r.iam_id
    {
        return Err(Error::IamResponse {
            what: format!(
                "the new key logs in as {}, not as the service ID ({})",
                one_line(&whose),
                r.iam_id
            ),
        });
    }
    let mut applied = Vec::new();
    let Some(kubectl) = &r.kubectl else {
        check_signal()?;
        return Ok(applied);
    };
    let mut doc = serde_json::Map::new();
    authfile::put_logins(&mut doc, hosts, Username::Apikey.as_str(), secret);
    let config_json = Value::Object(doc).to_string();
    let namespaces: Vec<Option<&str>> = if args.namespaces.is_empty() {
        vec![None]
    } else {
        args.namespaces.iter().map(|n| Some(n.as_str())).collect()
    };
    let name = &args.secret_name;
    for ns in namespaces {
        check_signal()?;
        printer.progress(&format!("Replacing secret {name}{}...", kube::within(ns)));
        let before = kubectl.current_secret(name, ns)?;
        let replaced = before.is_some();
        let manifest = kube::manifest(name, ns, &config_json);
        // Recorded before the apply: a kubectl killed (timeout, signal) after the server took
        // the new secret must still have it put back. Putting back is harmless if it did not.
        changed.push(Changed::Secret { namespace: ns.map(str::to_owned), before });
        r.track(changed);
        let said = kubectl.apply(&manifest, &format!("apply secret {name}{}", kube::within(ns)))?;
        kubectl.say(&said)?;
        for account in &args.service_account {
            check_signal()?;
            let listed = kubectl.add_to_service_account(ns, account, name)?;
            changed.push(Changed::Account {
                namespace: ns.map(str::to_owned),
                account: account.clone(),
                listed,
            });
            r.track(changed);
        }
        applied.push(json!({"namespace": ns, "secret": name, "replaced": replaced, "service_accounts": args.service_account}));
    }
    check_signal()?;
    Ok(applied)
}

/// Undoes a rotation that failed before its point of no return, newest change first: the
/// service accounts and secrets put back as they were, then the new key deleted and its file
/// removed. A secret that could not be put back still holds the new key, so the key is kept
/// then (deleting it would break that secret's pulls), and said so.
fn undo_rotation(r: &Rotation<'_>, changed: &[Changed], error: &Error) -> Error {
    r.admin.rolling_back();
    r.printer.failure(error);
    let name = &r.args.secret_name;
    let mut remains: Vec<String> = Vec::new();
    let mut cluster_as_it_was = true;
    for change in changed.iter().rev() {
        let Some(kubectl) = &r.kubectl else { break };
        match change {
            Changed::File(_) => {}
            Changed::Secret { namespace, before } => {
                let ns = namespace.as_deref();
                match kubectl.restore_secret(name, ns, before.as_ref()) {
                    Ok(()) if before.is_some() => output::stderr_line(&format!(
                        "rolled back: put back secret {name}{} as it was",
                        kube::within(ns)
                    )),
                    Ok(()) => output::stderr_line(&format!(
                        "rolled back: deleted secret {name}{} (there was none before)",
                        kube::within(ns)
                    )),
                    Err(e) => {
                        output::stderr_line(&format!(
                            "rollback failed: {}",
                            one_line(&e.to_string())
                        ));
                        cluster_as_it_was = false;
                        remains.extend(change.remains(name));
                    }
                }
            }
            Changed::Account { namespace, account, listed } => {
                let ns = namespace.as_deref();
                match kubectl.undo_service_account(ns, account, name, listed) {
                    Ok(()) if *listed == Listed::Already => {}
                    Ok(()) => output::stderr_line(&format!(
                        "rolled back: took {name} out of service account {account}'s imagePullSecrets{}",
                        kube::within(ns)
                    )),
                    Err(e) => {
                        output::stderr_line(&format!(
                            "rollback failed: {}",
                            one_line(&e.to_string())
                        ));
                        remains.extend(change.remains(name));
                    }
                }
            }
        }
    }
    let key = Made::ApiKey { id: r.key_id.clone() };
    if cluster_as_it_was {
        match key.undo(r.admin) {
            Ok(_) => {
                output::stderr_line(&format!("rolled back: deleted the new {}", key.describe()));
            }
            Err(e) => {
                output::stderr_line(&format!("rollback failed: {}", one_line(&e.to_string())));
                remains.push(key.remains(&r.service_id));
            }
        }
        for change in changed {
            if let Changed::File(path) = change {
                match std::fs::remove_file(path) {
                    Ok(()) => output::stderr_line(&format!(
                        "rolled back: removed the key file {}",
                        path.display()
                    )),
                    Err(_) => remains.extend(change.remains(name)),
                }
            }
        }
    } else {
        remains.push(format!(
            "the new {}, kept because a pull secret still holds it (delete it with: {} once the secret is put back)",
            key.describe(),
            key.command(&r.service_id)
        ));
    }
    exec::leftovers(remains.clone());
    if remains.is_empty() {
        return Error::ServiceKey {
            message: format!(
                "{error}; everything this run changed was undone (the old keys were not touched)"
            ),
            hint: error
                .hint()
                .unwrap_or_else(|| "fix the cause above and run the command again".into()),
        };
    }
    Error::ServiceKey {
        message: format!(
            "{error}; and the undo did not finish (the old keys were not touched): what remains: {}",
            remains.join("; ")
        ),
        hint: "deal with what remains as said above, then run the command again".into(),
    }
}

/// After the point of no return: deletes the service ID's older cr-ext keys beyond the newest
/// `--keep` (the new key counts), never a key cr-ext did not make, and reports.
fn retire_old_keys(r: &Rotation<'_>, before: &[Value], applied: &[Value]) -> Result<u8> {
    exec::committed();
    let (args, admin, printer) = (r.args, r.admin, r.printer);
    let mut mine: Vec<(&Value, String)> = Vec::new();
    for key in before {
        let Some(id) = id_of(key, "id") else {
            printer.warn("the service ID has an API key without a usable id; it is left alone");
            continue;
        };
        if id == r.key_id {
            continue;
        }
        if key["description"].as_str().is_some_and(|d| d.starts_with(MARKER)) {
            mine.push((key, id));
        } else {
            printer.note(&format!("API key {id} was not made by cr-ext; it is kept"));
        }
    }
    // Newest first; keys made in the same moment keep IAM's order.
    mine.sort_by_key(|(k, _)| std::cmp::Reverse(key_time(k)));
    let keep_old = usize::try_from(args.keep).unwrap_or(usize::MAX).saturating_sub(1);
    let kept: Vec<String> = mine.iter().take(keep_old).map(|(_, id)| id.clone()).collect();
    let doomed: Vec<String> = mine.iter().skip(keep_old).map(|(_, id)| id.clone()).collect();
    if admin.dry_run {
        printer.note(&format!(
            "then each cr-ext key of the service ID beyond the newest {} is deleted:",
            args.keep
        ));
        admin.send(&api::delete_apikey("OLD_APIKEY_ID"), "delete an old API key")?;
        return Ok(exit::SUCCESS);
    }
    let mut deleted = Vec::new();
    let mut failed: Vec<String> = Vec::new();
    for id in &doomed {
        match admin.send(&api::delete_apikey(id), &format!("delete old API key {id}")) {
            Ok(_) => {
                printer.progress(&format!("Deleted old API key {id}."));
                deleted.push(id.clone());
            }
            Err(e) => {
                failed.push(format!(
                    "{id} ({}; delete it with: {})",
                    one_line(&e.to_string()),
                    Made::ApiKey { id: id.clone() }.command(&r.service_id)
                ));
            }
        }
    }
    if !failed.is_empty() {
        return Err(Error::ServiceKey {
            message: format!(
                "the new API key {} works and is in place{}, but {} old key(s) could not be deleted: {}",
                r.key_id,
                if applied.is_empty() { "" } else { " in the pull secrets" },
                failed.len(),
                failed.join("; ")
            ),
            hint: "delete them with the commands above, or run the rotation again later".into(),
        });
    }
    if printer.json() {
        output::json(&json!({
            "service_id": {"id": r.service_id, "name": args.name},
            "apikey": {"id": r.key_id, "file": args.file, "checked": true},
            "applied": applied,
            "kept": kept,
            "deleted": deleted,
        }))?;
    } else {
        printer.progress(&format!(
            "The new API key {} works; kept {} older cr-ext key(s), deleted {}.",
            r.key_id,
            kept.len(),
            deleted.len()
        ));
    }
    printer.ok();
    Ok(exit::SUCCESS)
}

/// One policy as `list` shows it: its id, role, namespace and region.
fn summary(policy: &Value) -> Value {
    let attribute = |name: &str| {
        policy["resources"][0]["attributes"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|a| a["name"].as_str() == Some(name))
            .and_then(|a| a["value"].as_str())
            .map(one_line)
    };
    let role = policy["roles"][0]["display_name"]
        .as_str()
        .or_else(|| policy["roles"][0]["role_id"].as_str().and_then(|r| r.rsplit(':').next()))
        .map(one_line);
    json!({
        "id": one_line(&text_of(policy, "id")),
        "role": role,
        "namespace": attribute("resource"),
        "region": attribute("region").or_else(|| attribute("geography")),
    })
}

/// Asks on the terminal; only `y` or `yes` deletes.
fn confirm(name: &str, id: &str, policies: usize) -> Result<bool> {
    output::prompt(&format!(
        "Delete service ID '{}' ({id}), its API keys and {policies} polic{}? [y/N] ",
        one_line(name),
        if policies == 1 { "y" } else { "ies" }
    ));
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::usage(format!("cannot read the answer: {e}"), "pass --yes"))?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}
