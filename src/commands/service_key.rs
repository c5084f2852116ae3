//! `cr-ext service-key`: from nothing to a least-privilege registry key in one step. `create`
//! looks the role up in IAM's catalogue, makes a service ID, one access policy per namespace
//! (and region, or the global registry's geography) on Container Registry with that role, and
//! the service ID's API key, written once to a file in the form `ibmcloud iam
//! service-api-key-create --file` writes (mode 0600, never overwritten). A policy that exists
//! already is reported as granted and left alone. If any step fails, what this run created is
//! deleted in reverse order and each rollback reported; what a failed rollback leaves is named
//! with the command that deletes it. `list` shows the service IDs cr-ext made (marked in their
//! description) with their policies; `delete` removes one with its keys and policies after a
//! confirmation.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::cli::{CredentialArgs, ServiceKeyCommand, ServiceKeyCreateArgs, ServiceKeyDeleteArgs};
use crate::credential::iam_admin::{self as api, Admin, Granted, Scope};
use crate::credential::{CredentialPlan, Username, jwt};
use crate::error::{Error, Result, exit};
use crate::files;
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Printer};
use crate::secret::{Secret, one_line};
use crate::{plan, registry};

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
}

fn text_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

/// `service-key create`.
fn create(
    args: &ServiceKeyCreateArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let file = args.file.clone().unwrap_or_else(|| PathBuf::from(format!("{}.json", args.name)));
    let to_stdout = file == Path::new("-");
    if to_stdout && printer.json() {
        return Err(Error::usage(
            "--file - and --output json both want stdout",
            "write the key to a file, or drop --output json",
        ));
    }
    if !to_stdout && !args.dry_run && std::fs::symlink_metadata(&file).is_ok() {
        return Err(Error::usage(
            format!("{} exists; a key file is never overwritten", file.display()),
            "give another --file, or move the old one away",
        ));
    }
    let scopes = policy_scopes(&args.region, config, printer)?;
    let (admin, account) = caller(&args.credential, config, timeout, args.dry_run)?;
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
    let known: Vec<String> = namesakes.iter().map(|s| text_of(s, "id")).collect();
    let existing = namesakes.first().copied().cloned();
    if let Some(existing) = &existing
        && !args.reuse
    {
        return Err(Error::ServiceKey {
            message: format!(
                "a service ID named '{}' exists in account {account} ({})",
                one_line(&args.name),
                one_line(&text_of(existing, "id"))
            ),
            hint: "pass --reuse to add the policies and a key to it, or choose another name".into(),
        });
    }
    let role_id = role_id(&admin, &account, args.role.iam_name(), printer)?;
    let mut made: Vec<Made> = Vec::new();
    let plan = Plan {
        account: &account,
        description: &description,
        existing: existing.as_ref(),
        known: &known,
        role_id: &role_id,
        scopes: &scopes,
        file: &file,
    };
    let result = build(args, &admin, &plan, printer, &mut made);
    match result {
        Ok(report) => {
            if printer.json() {
                output::json(&report)?;
            }
            printer.ok();
            Ok(exit::SUCCESS)
        }
        Err(error) => Err(rollback(&admin, &made, error, existing.as_ref(), printer)),
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
    /// The service ID to reuse.
    existing: Option<&'a Value>,
    /// The ids of the service IDs of that name before this run.
    known: &'a [String],
    role_id: &'a str,
    scopes: &'a [Scope],
    file: &'a Path,
}

/// Steps 2 to 4: service ID, policies, key and its file. Everything made is pushed on `made`.
fn build(
    args: &ServiceKeyCreateArgs,
    admin: &Admin,
    plan: &Plan<'_>,
    printer: Printer,
    made: &mut Vec<Made>,
) -> Result<Value> {
    let Plan { account, description, existing, known, role_id, scopes, file } = *plan;
    let service = if let Some(existing) = existing {
        printer.progress(&format!(
            "Using the existing service ID '{}' ({})...",
            args.name,
            text_of(existing, "id")
        ));
        existing.clone()
    } else {
        printer.progress(&format!("Creating service ID '{}'...", args.name));
        let created = admin.create_service_id(account, &args.name, description, known)?;
        let created =
            if admin.dry_run { json!({"id": "SERVICE_ID", "iam_id": "IAM_ID"}) } else { created };
        made.push(Made::ServiceId { id: text_of(&created, "id") });
        created
    };
    let (service_id, iam_id) = (text_of(&service, "id"), text_of(&service, "iam_id"));
    if service_id.is_empty() || iam_id.is_empty() {
        return Err(Error::IamResponse { what: "its service ID has no id or iam_id".into() });
    }
    let role = args.role.iam_name();
    let mut policies = Vec::new();
    for namespace in &args.namespaces {
        for scope in scopes {
            let within = scope.name().map(|r| format!(" in {r}")).unwrap_or_default();
            printer.progress(&format!("Granting {role} on namespace '{namespace}'{within}..."));
            let request = api::create_policy(account, &iam_id, role_id, scope, namespace);
            let what = format!("create the policy for namespace {namespace}");
            let (id, existed) = match admin.create_policy(&request, &what)? {
                Granted::New(_) if admin.dry_run => ("POLICY_ID".to_owned(), false),
                Granted::New(policy) => {
                    let id = text_of(&policy, "id");
                    if id.is_empty() {
                        return Err(Error::IamResponse { what: "its new policy has no id".into() });
                    }
                    made.push(Made::Policy { id: id.clone(), namespace: namespace.clone() });
                    (id, false)
                }
                Granted::Existing(id) => {
                    let id = id.map(|i| one_line(&i)).unwrap_or_default();
                    printer.note(&format!(
                        "{role} on namespace '{namespace}'{within} was granted already (policy {}); it is kept as it is",
                        if id.is_empty() { "unnamed" } else { &id }
                    ));
                    (id, true)
                }
            };
            policies.push(json!({"id": id, "namespace": namespace, "region": scope.name(), "role": role, "existed": existed}));
        }
    }
    printer.progress(&format!("Creating the API key of '{}'...", args.name));
    let key = admin.send(
        &api::create_apikey(account, &iam_id, &args.name, description),
        "create the API key",
    )?;
    if admin.dry_run {
        return Ok(Value::Null);
    }
    let key_id = text_of(&key, "id");
    made.push(Made::ApiKey { id: key_id.clone() });
    let secret = Secret::new(text_of(&key, "apikey"));
    if secret.expose().is_empty() {
        return Err(Error::IamResponse { what: "its new API key has no apikey value".into() });
    }
    let created_at =
        key["created_at"].as_str().map_or_else(|| format!("{}", jwt::now()), str::to_owned);
    let key_file = json!({
        "name": args.name,
        "description": description,
        "createdAt": created_at,
        "apikey": secret.expose(),
    });
    let text = format!("{key_file:#}\n");
    if file == Path::new("-") {
        output::stdout(&text)?;
    } else {
        files::write_new_private(file, text.as_bytes())
            .map_err(|source| Error::Write { path: file.to_path_buf(), source })?;
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
    existing: Option<&Value>,
    printer: Printer,
) -> Error {
    if made.is_empty() {
        return error;
    }
    printer.failure(&error);
    let service_id = made
        .iter()
        .find_map(|m| match m {
            Made::ServiceId { id } => Some(id.clone()),
            _ => None,
        })
        .or_else(|| existing.map(|e| text_of(e, "id")))
        .unwrap_or_default();
    // Newest first: the key, the policies, the service ID. A key whose delete failed still
    // goes when its service ID does (IAM deletes a service ID's keys with it).
    let mut remains: Vec<&Made> = Vec::new();
    for item in made.iter().rev() {
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
    let remains: Vec<String> = remains
        .iter()
        .map(|item| format!("{} (delete it with: {})", item.describe(), item.command(&service_id)))
        .collect();
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

/// `service-key list`: the service IDs cr-ext made, with their policies.
fn list(
    credential: &CredentialArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let (admin, account) = caller(credential, config, timeout, false)?;
    let mut mine: Vec<Value> = Vec::new();
    let mut pagetoken: Option<String> = None;
    for _ in 0..50 {
        let page = admin.send(
            &api::list_service_ids(&account, None, pagetoken.as_deref()),
            "list service IDs",
        )?;
        for service in page["serviceids"].as_array().into_iter().flatten() {
            if service["description"].as_str().is_some_and(|d| d.starts_with(MARKER)) {
                mine.push(service.clone());
            }
        }
        pagetoken = page["next"].as_str().and_then(|next| {
            url::Url::parse(next)
                .ok()?
                .query_pairs()
                .find(|(k, _)| k == "pagetoken")
                .map(|(_, v)| v.into_owned())
        });
        if pagetoken.is_none() {
            break;
        }
    }
    let mut report = Vec::new();
    for service in &mine {
        let policies: Vec<Value> = admin
            .all_policies(&account, &text_of(service, "iam_id"))?
            .iter()
            .map(summary)
            .collect();
        report.push(json!({
            "name": one_line(&text_of(service, "name")),
            "id": one_line(&text_of(service, "id")),
            "iam_id": one_line(&text_of(service, "iam_id")),
            "description": one_line(&text_of(service, "description")),
            "policies": policies,
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
    }
    output::text(&text)?;
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
    let found =
        admin.send(&api::list_service_ids(&account, Some(&args.name), None), "list service IDs")?;
    let service = if args.dry_run {
        json!({"id": "SERVICE_ID", "iam_id": "IAM_ID", "description": MARKER})
    } else {
        found["serviceids"]
            .as_array()
            .and_then(|ids| ids.iter().find(|s| s["name"].as_str() == Some(&args.name)))
            .cloned()
            .ok_or_else(|| Error::ServiceKey {
                message: format!(
                    "no service ID named '{}' in account {account}",
                    one_line(&args.name)
                ),
                hint: "see `cr-ext service-key list`".into(),
            })?
    };
    let (id, iam_id) = (text_of(&service, "id"), text_of(&service, "iam_id"));
    let policies = if admin.dry_run {
        admin.send(&api::list_policies(&account, &iam_id, None), "list policies")?;
        vec![json!({"id": "POLICY_ID"})]
    } else {
        admin.all_policies(&account, &iam_id)?
    };
    let policy_ids: Vec<String> = policies.iter().map(|p| text_of(p, "id")).collect();
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
