//! `cr-ext configure`: sets up the credential helper, as `gcloud auth configure-docker` does, for
//! docker and the containers tools at once. It writes `"credHelpers": {"<host>": "cr-ext"}`
//! into docker's config.json and the containers tools' persistent auth.json, removes every
//! stored login (`auths`) for those hosts from them and from the runtime auth.json (a stored
//! entry there shadows the helper, DESIGN.md §10), records `--registry` hosts and
//! `--apikey-file` in cr-ext's own config, and checks that `docker-credential-cr-ext` on PATH
//! is this cr-ext. Every other key is kept; files are edited under the same lock as logins and
//! written atomically; `--remove` takes out exactly the entries that name cr-ext.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::authfile;
use crate::cli::ConfigureArgs;
use crate::credential::{CredentialPlan, Input, KeyInput, Username};
use crate::dirs::Place;
use crate::error::{Error, Result, exit};
use crate::files::{self, Draft};
use crate::helper_link::{self, NAME as HELPER, SUFFIX};
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Printer, error_json};
use crate::plan::{self, ConfigurePlan};
use crate::secret::one_line;
use crate::{env, own_config, sys};

/// One change to one file.
#[derive(Clone)]
struct Change {
    file: PathBuf,
    host: String,
    what: &'static str,
    /// The other helper involved: the one replaced, or the one put back.
    helper: Option<String>,
}

impl Change {
    fn describe(&self) -> String {
        match &self.helper {
            Some(h) => format!("{} '{}'", self.what, one_line(h)),
            None => self.what.to_owned(),
        }
    }
}

/// What to do in one file: set (or, removing, unset) the helper, and drop stored logins.
struct Target {
    file: PathBuf,
    helpers: bool,
}

/// `cr-ext configure`. Every file is read and checked (and locked) before any is written, so
/// a file that cannot be edited leaves every file as it was; the report names exactly what
/// changed.
///
/// # Errors
/// A bad plan or key file, a file that is not JSON or cannot be written.
pub(crate) fn run(args: &ConfigureArgs, printer: Printer, timeout: Duration) -> Result<u8> {
    let json_mode = printer.json();
    let mut applied = Vec::new();
    let result = configure(args, printer, timeout, &mut applied);
    if let Err(e) = &result
        && json_mode
    {
        let _ = output::json(&json!({ "changes": changes_json(&applied), "error": error_json(e) }));
    }
    result
}

fn changes_json(changes: &[Change]) -> Vec<serde_json::Value> {
    changes
        .iter()
        .map(|c| json!({"file": c.file, "host": c.host, "change": c.what, "helper": c.helper}))
        .collect()
}

fn configure(
    args: &ConfigureArgs,
    printer: Printer,
    wait: Duration,
    applied: &mut Vec<Change>,
) -> Result<u8> {
    let plan = plan::configure(&args.targets, &IbmcloudConfig::default())?;
    let apikey_file = match &args.apikey_file {
        Some(path) if !args.remove => Some(checked_key_file(path)?),
        _ => None,
    };
    let identity = if args.remove { None } else { checked_identity(args)? };
    let own = own_config::load()?;
    // First every file is read, checked and changed in memory (each held under its lock)...
    let mut drafts: Vec<(Draft, Vec<Change>)> = Vec::new();
    for target in targets(&plan) {
        match draft(&target, &plan.hosts, args, &own, wait) {
            Ok(Some(drafted)) => drafts.push(drafted),
            Ok(None) => {}
            // The file the containers tools read first, where this user cannot reach it
            // (no XDG_RUNTIME_DIR, and /run/containers is root's): the tools running as this
            // user cannot read it either, so it shadows nothing and holds nothing to remove.
            Err(files::EditError::Read(files::ReadError::Io(e)))
                if !target.helpers && e.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                printer.note(&format!(
                    "{} cannot be read by this user ({e}), so the containers tools running as this user do not read it either; left alone",
                    target.file.display()
                ));
            }
            Err(e) => return Err(e.into_error(&target.file)),
        }
    }
    let changes: Vec<Change> = drafts.iter().flat_map(|(_, c)| c.iter().cloned()).collect();
    let file_key = |c: &Change| c.file.display().to_string();
    let update = own_config::Update {
        registries: &plan.extra,
        add: !args.remove,
        apikey_file: apikey_file.as_deref(),
        identity: identity.as_ref(),
        replaced: changes
            .iter()
            .filter(|_| !args.remove)
            .filter_map(|c| Some((file_key(c), c.host.clone(), c.helper.clone()?)))
            .collect(),
        restored: changes
            .iter()
            .filter(|c| args.remove && c.helper.is_some())
            .map(|c| (file_key(c), c.host.clone()))
            .collect(),
    };
    let own_draft = own_config::draft(&update, wait, args.dry_run)?;
    // ...then, when all of them can be changed, each is written; a write that fails puts
    // back the files written before it.
    if !args.dry_run {
        let all: Vec<(&Draft, &[Change])> = drafts
            .iter()
            .map(|(d, c)| (d, c.as_slice()))
            .chain(own_draft.as_ref().map(|d| (d, &[][..])))
            .collect();
        for (n, (draft, _)) in all.iter().enumerate() {
            if let Err(source) = draft.commit() {
                for (kept, changed) in all[..n].iter().rev() {
                    if let Err(e) = kept.restore() {
                        output::stderr_line(&format!(
                            "warning: cannot put {} back as it was: {e}",
                            kept.target().display()
                        ));
                        applied.extend(changed.iter().cloned());
                    }
                }
                return Err(Error::Write { path: draft.target().to_path_buf(), source });
            }
        }
    }
    applied.extend(changes.iter().cloned());
    let link = if args.remove { None } else { Some(check_link(args.dry_run)) };
    report(args, printer, &plan, &changes, own_draft.is_some(), link.as_ref())?;
    Ok(exit::SUCCESS)
}

/// The identity without a key of `--profile`, `--cr-token-file`, `--vpc-cri`, checked as a login
/// would check it (the token file is read only when the helper fetches: it may not be mounted
/// yet); the token file's absolute path is recorded.
fn checked_identity(args: &ConfigureArgs) -> Result<Option<own_config::Identity>> {
    if args.profile.is_none() && !args.vpc_cri {
        return Ok(None);
    }
    let cr_token_file = match &args.cr_token_file {
        Some(path) => Some(std::path::absolute(path).map_err(|e| {
            Error::usage(
                format!("cannot resolve {}: {e}", path.display()),
                "give the token file's path",
            )
        })?),
        None => None,
    };
    let identity = own_config::Identity {
        profile: args.profile.clone(),
        cr_token_file,
        vpc_cri: args.vpc_cri,
        metadata_endpoint: args.metadata_endpoint.clone(),
    };
    CredentialPlan::new(&Input::recorded(&identity), &IbmcloudConfig::default())?;
    Ok(Some(identity))
}

/// The key file must hold a usable key now; only its absolute path is recorded.
fn checked_key_file(path: &Path) -> Result<PathBuf> {
    let input =
        Input { username: Username::Apikey, ..Input::bearer(KeyInput::File(path.to_path_buf())) };
    CredentialPlan::new(&input, &IbmcloudConfig::default())?;
    std::path::absolute(path).map_err(|e| {
        Error::usage(format!("cannot resolve {}: {e}", path.display()), "give the key file's path")
    })
}

/// The files to edit: docker's config for docker; for the containers tools their persistent
/// auth.json (helpers) and the file they read first (stored logins only).
fn targets(plan: &ConfigurePlan) -> Vec<Target> {
    // One target per file, however it is spelled: two drafts of one file, each made from
    // its original, would each overwrite the other's edit.
    let mut targets: Vec<(PathBuf, Target)> = Vec::new();
    let mut add = |file: PathBuf, helpers: bool| {
        let identity = files::identity(&file);
        match targets.iter_mut().find(|(id, _)| *id == identity) {
            Some((_, t)) => t.helpers |= helpers,
            None => targets.push((identity, Target { file, helpers })),
        }
    };
    let place = Place::here();
    if plan.clients.iter().any(|c| c.kind.is_docker()) {
        add(place.docker_config(), true);
    }
    if plan.clients.iter().any(|c| !c.kind.is_docker()) {
        if let Some(persistent) = place.containers_persistent() {
            add(persistent, true);
        }
        add(place.containers_first(), false);
    }
    targets.into_iter().map(|(_, t)| t).collect()
}

/// The target's new content, checked and held under its lock; `None` when nothing changes
/// (then nothing is locked or created: a runtime file that does not exist holds no login).
fn draft(
    target: &Target,
    hosts: &[String],
    args: &ConfigureArgs,
    own: &own_config::OwnConfig,
    wait: Duration,
) -> std::result::Result<Option<(Draft, Vec<Change>)>, files::EditError> {
    let key = target.file.display().to_string();
    let previous = |host: &str| own.replaced_helpers.get(&key)?.get(host).cloned();
    files::draft(&target.file, wait, args.dry_run, |doc| {
        if authfile::helpers_malformed(doc) {
            return Err("its credHelpers is not a JSON object".into());
        }
        let mut found: Vec<Change> = Vec::new();
        let mut note = |host: &str, what, helper: Option<&str>| {
            found.push(Change {
                file: target.file.clone(),
                host: host.to_owned(),
                what,
                helper: helper.map(str::to_owned),
            });
        };
        if args.remove {
            authfile::remove_helpers(doc, hosts, SUFFIX, &previous, &mut note);
        } else {
            if target.helpers {
                authfile::set_helpers(doc, hosts, SUFFIX, &mut note);
            }
            authfile::remove_logins(doc, hosts, &mut note);
        }
        Ok(found)
    })
}

/// What was found of the helper on PATH, and what was done about it.
struct LinkReport {
    link: helper_link::Link,
    created: Option<PathBuf>,
    advice: Option<String>,
}

/// Checks that `docker-credential-cr-ext` on PATH is this cr-ext; if not, links it beside the
/// running binary when that directory is on PATH and writable, else says what to run.
fn check_link(dry_run: bool) -> LinkReport {
    let link = helper_link::find();
    if link.is_this {
        return LinkReport { link, created: None, advice: None };
    }
    let exe = std::env::current_exe().ok();
    let dir = exe.as_deref().and_then(Path::parent).map(Path::to_path_buf);
    let on_path = dir.as_ref().is_some_and(|d| {
        env::get_os(env::PATH).is_some_and(|p| std::env::split_paths(&p).any(|e| same_dir(&e, d)))
    });
    if let (Some(exe), Some(dir)) = (&exe, &dir) {
        let target = dir.join(helper_link::file_name());
        if on_path && !dry_run && !target.exists() && link.path.is_none() {
            let name = exe.file_name().map_or_else(|| exe.clone(), PathBuf::from);
            if sys::link_helper(&name, &target).is_ok() {
                return LinkReport { link, created: Some(target), advice: None };
            }
        }
        let advice = format!(
            "{}{}",
            sys::link_advice(exe, &target),
            if on_path { String::new() } else { format!(" and put {} on PATH", dir.display()) }
        );
        return LinkReport { link, created: None, advice: Some(advice) };
    }
    LinkReport { link, created: None, advice: None }
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn report(
    args: &ConfigureArgs,
    printer: Printer,
    plan: &ConfigurePlan,
    changes: &[Change],
    own_changed: bool,
    link: Option<&LinkReport>,
) -> Result<()> {
    let clients: Vec<&str> = plan.clients.iter().map(|c| c.kind.name()).collect();
    if printer.json() {
        return output::json(&json!({
            "dry_run": args.dry_run,
            "remove": args.remove,
            "clients": clients,
            "hosts": plan.hosts,
            "changes": changes_json(changes),
            "own_config_changed": own_changed,
            "helper": link.map(|l| json!({
                "path": l.link.path,
                "is_this_cr_ext": l.link.is_this,
                "link_created": l.created,
                "run": l.advice,
            })),
        }));
    }
    let verb = if args.dry_run { "would change" } else { "changed" };
    let mut lines = String::new();
    for c in changes {
        let _ = writeln!(lines, "{}: {}: {}", c.file.display(), c.host, c.describe());
    }
    if args.dry_run {
        output::text(if lines.is_empty() { "nothing would change\n" } else { &lines })?;
    } else {
        for line in lines.lines() {
            printer.progress(line);
        }
    }
    if changes.is_empty() && !own_changed {
        printer.note(&format!(
            "nothing to change: {} for {} host(s) with {} already {}",
            HELPER,
            plan.hosts.len(),
            clients.join(", "),
            if args.remove { "removed" } else { "configured" }
        ));
    } else {
        printer.note(&format!(
            "{verb} {} entr{} for {} host(s) with {}",
            changes.len(),
            if changes.len() == 1 { "y" } else { "ies" },
            plan.hosts.len(),
            clients.join(", ")
        ));
    }
    if plan.clients.iter().any(|c| c.kind.is_docker()) {
        let file = Place::here().docker_config();
        if let Ok(Some(doc)) = authfile::load(&file)
            && let Some(warning) = authfile::creds_store_warning(&doc, SUFFIX, &file)
        {
            printer.warn(&warning);
        }
    }
    if let Some(l) = link {
        if let Some(created) = &l.created {
            printer.note(&format!("linked {} to this cr-ext", created.display()));
        } else if !l.link.is_this {
            let found = match &l.link.path {
                Some(p) => format!("{HELPER} on PATH is {}, which is not this cr-ext", p.display()),
                None => format!("{HELPER} is not on PATH, so the clients cannot run it"),
            };
            let advice = l.advice.as_deref().map(|a| format!("; run: {a}")).unwrap_or_default();
            printer.warn(&format!("{found}{advice}"));
        }
    }
    printer.ok();
    Ok(())
}
