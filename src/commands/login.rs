//! `login` and `logout` over many targets (clients × registries): the credential is fetched
//! once; targets that write the same credentials file run one after another, different files
//! side by side, and each client runs under an advisory lock on its credentials file, so that
//! concurrent cr-ext runs never lose each other's entries; a failing target does not stop the
//! others, and the report lists them all.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};

use crate::authfile;
use crate::cli::{LoginArgs, LogoutArgs};
use crate::credential::Obtained;
use crate::credential::workload::Shown;
use crate::error::{Error, Result, exit};
use crate::exec::{Child, Finished};
use crate::files;
use crate::ibmcloud::IbmcloudConfig;
use crate::output::{self, Printer, error_json};
use crate::plan::{self, Defaults, LoginPlan, Target, Targets};
use crate::secret::scrub;

/// `cr-ext login`.
///
/// # Errors
/// A bad plan, no credential, or any target failing.
pub(crate) fn login(
    args: &LoginArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let json_mode = printer.json();
    let plan = plan::login(args, config)
        .and_then(|plan| plan.credential.check_endpoint().map(|()| plan))
        .inspect_err(|e| {
            if json_mode {
                let _ = output::json(&json!({ "logins": [], "error": error_json(e) }));
            }
        })?;
    announce(&plan.targets, printer);
    if args.dry_run {
        dry_run(&plan, config, json_mode)?;
        return Ok(exit::SUCCESS);
    }
    let targets = &plan.targets.all;
    let results: Vec<Result<()>> = if let [only] = targets.as_slice() {
        vec![login_prestarted(only, &plan, config, timeout, printer)]
    } else {
        match plan.credential.obtain(config, timeout) {
            Ok(obtained) => {
                run_grouped(targets, |t| login_target(t, &plan, &obtained, timeout, printer))
            }
            Err(e) => {
                let message = e.to_string();
                report(json_mode, &plan, targets.iter().map(|t| (t, Some(message.clone()))))?;
                return Err(e);
            }
        }
    };
    report(
        json_mode,
        &plan,
        targets.iter().zip(&results).map(|(t, r)| (t, r.as_ref().err().map(ToString::to_string))),
    )?;
    finish(results, printer, "logins")
}

fn announce(targets: &Targets, printer: Printer) {
    for warning in &targets.warnings {
        printer.warn(warning);
    }
    for note in &targets.notes {
        printer.note(note);
    }
}

/// One target with the client started while the secret is fetched and waiting on its stdin,
/// as in a shell pipeline; if no valid secret comes, it is killed before its stdin closes.
fn login_prestarted(
    target: &Target,
    plan: &LoginPlan,
    config: &IbmcloudConfig,
    timeout: Duration,
    printer: Printer,
) -> Result<()> {
    let fetch = plan.credential.begin(config)?;
    let child = login_child(target, plan.credential.registry_username());
    let _lock = lock_for(target, timeout, printer)?;
    output::trace(&format!("starting {}", child.display(true)));
    let pending = child.start_waiting_for_secret()?;
    let obtained = fetch.finish(timeout)?;
    progress_in(target, printer);
    let finished = pending.finish(&obtained.secret, timeout)?;
    check_login(target, &finished, printer, false)
}

/// The credentials file `target`'s client writes, from the environment it runs in.
fn credentials_file(target: &Target) -> PathBuf {
    target.client.kind.credentials_file(&crate::dirs::Place::here())
}

/// Takes the lock guarding `target`'s credentials file, telling the user if it must wait.
fn lock_for(target: &Target, wait: Duration, printer: Printer) -> Result<files::Lock> {
    let file = credentials_file(target);
    output::trace(&format!("locking {}", files::lock_path(&file).display()));
    files::lock(&file, wait, |lock| {
        printer.note(&format!(
            "waiting for {} (another cr-ext run is writing {})...",
            lock.display(),
            file.display()
        ));
    })
    .map_err(Error::from)
}

/// One of several targets, the secret already in hand.
fn login_target(
    target: &Target,
    plan: &LoginPlan,
    obtained: &Obtained,
    timeout: Duration,
    printer: Printer,
) -> Result<()> {
    let child = login_child(target, plan.credential.registry_username());
    let _lock = lock_for(target, timeout, printer)?;
    output::trace(&format!("starting {}", child.display(true)));
    progress_in(target, printer);
    let finished = child.start_waiting_for_secret()?.finish(&obtained.secret, timeout)?;
    check_login(target, &finished, printer, true)
}

fn progress_in(target: &Target, printer: Printer) {
    printer.progress(&format!(
        "Logging '{}' in to '{}'...",
        target.client.kind.name(),
        target.registry
    ));
}

fn check_login(target: &Target, finished: &Finished, printer: Printer, many: bool) -> Result<()> {
    let client = target.client.kind.name();
    output::trace(&format!("{client} exited: {}", finished.status));
    if !finished.success {
        return Err(Error::ClientFailed {
            client: client.to_owned(),
            action: "log in to",
            registry: target.registry.clone(),
            status: finished.status.clone(),
            message: finished.message(),
        });
    }
    if many {
        printer.progress(&format!("Logged '{client}' in to '{}'.", target.registry));
    } else {
        printer.progress(&format!("Logged in to '{}'.", target.registry));
    }
    Ok(())
}

fn login_child(target: &Target, username: &str) -> Child {
    Child {
        program: target.client.path.clone(),
        name: target.client.kind.name().to_owned(),
        args: target.client.kind.login_args(username, &target.registry),
        env: Vec::new(),
    }
}

/// `cr-ext logout`: "not logged in" is not an error. Whether a target was logged in is read
/// from its credentials file before the client runs (docker says nothing reliable about it).
///
/// # Errors
/// A bad plan, or any target failing.
pub(crate) fn logout(
    args: &LogoutArgs,
    printer: Printer,
    config: &IbmcloudConfig,
    timeout: Duration,
) -> Result<u8> {
    let json_mode = printer.json();
    let targets = plan::targets(&args.targets, Defaults::Login, config).inspect_err(|e| {
        if json_mode {
            let _ = output::json(&json!({ "logouts": [], "error": error_json(e) }));
        }
    })?;
    announce(&targets, printer);
    let results = run_grouped(&targets.all, |target| logout_target(target, timeout, printer));
    if json_mode {
        let entries: Vec<Value> = targets
            .all
            .iter()
            .zip(&results)
            .map(|(t, r)| {
                json!({
                    "client": t.client.kind.name(),
                    "registry": t.registry,
                    "ok": r.is_ok(),
                    "was_logged_in": r.as_ref().ok(),
                    "error": r.as_ref().err().map(|e| scrub(&e.to_string())),
                })
            })
            .collect();
        output::json(&json!({ "logouts": entries }))?;
    }
    finish(results.into_iter().map(|r| r.map(|_| ())).collect(), printer, "logouts")
}

fn logout_target(target: &Target, timeout: Duration, printer: Printer) -> Result<bool> {
    let client = target.client.kind.name();
    let _lock = lock_for(target, timeout, printer)?;
    let was_logged_in = authfile::has_login(&credentials_file(target), &target.registry);
    printer.progress(&format!("Logging '{client}' out of '{}'...", target.registry));
    let child = Child {
        program: target.client.path.clone(),
        name: client.to_owned(),
        args: target.client.kind.logout_args(&target.registry),
        env: Vec::new(),
    };
    let finished = child.run(timeout)?;
    let said = format!("{}\n{}", finished.stdout, finished.stderr).to_ascii_lowercase();
    let not_logged_in = said.contains("not logged in") || was_logged_in == Some(false);
    if finished.success || said.contains("not logged in") {
        if not_logged_in {
            printer.progress(&format!("'{client}' was not logged in to '{}'.", target.registry));
        } else {
            printer.progress(&format!("Logged '{client}' out of '{}'.", target.registry));
        }
        Ok(!not_logged_in)
    } else {
        Err(Error::ClientFailed {
            client: client.to_owned(),
            action: "log out of",
            registry: target.registry.clone(),
            status: finished.status.clone(),
            message: finished.message(),
        })
    }
}

/// Runs `work` for every target: targets whose clients write the same credentials file one
/// after another (two writers of one file can lose an entry), different files side by side.
/// Results come back in target order.
fn run_grouped<T: Send>(targets: &[Target], work: impl Fn(&Target) -> T + Sync) -> Vec<T> {
    let mut groups: Vec<(PathBuf, Vec<usize>)> = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        let file = credentials_file(target);
        match groups.iter_mut().find(|(f, _)| *f == file) {
            Some((_, members)) => members.push(i),
            None => groups.push((file, vec![i])),
        }
    }
    for (file, members) in &groups {
        output::trace(&format!(
            "{} target(s) write {}, one after another",
            members.len(),
            file.display()
        ));
    }
    let work = &work;
    let mut results: Vec<Option<T>> = targets.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = groups
            .iter()
            .map(|(_, members)| {
                scope.spawn(move || {
                    members.iter().map(|&i| (i, work(&targets[i]))).collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (i, result) in done {
                        results[i] = Some(result);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.into_iter().flatten().collect()
}

/// The JSON report of a login: every target, with its error if it failed.
fn report<'a>(
    json_mode: bool,
    plan: &LoginPlan,
    outcomes: impl Iterator<Item = (&'a Target, Option<String>)>,
) -> Result<()> {
    if !json_mode {
        return Ok(());
    }
    let entries: Vec<Value> = outcomes
        .map(|(t, error)| {
            json!({
                "client": t.client.kind.name(),
                "registry": t.registry,
                "username": plan.credential.registry_username(),
                "ok": error.is_none(),
                "error": error.map(|e| scrub(&e)),
            })
        })
        .collect();
    output::json(&json!({ "logins": entries }))
}

/// `OK` when every target succeeded; else the one error, or each error and a summary.
fn finish(results: Vec<Result<()>>, printer: Printer, what: &'static str) -> Result<u8> {
    let total = results.len();
    let mut failures: Vec<Error> = results.into_iter().filter_map(Result::err).collect();
    match failures.len() {
        0 => {
            printer.ok();
            Ok(exit::SUCCESS)
        }
        1 if total == 1 => Err(failures.remove(0)),
        failed => {
            for e in &failures {
                printer.failure(e);
            }
            Err(Error::SomeFailed { failed, total, what })
        }
    }
}

/// Prints the commands that would run, the secret as `****`; fetches nothing.
fn dry_run(plan: &LoginPlan, config: &IbmcloudConfig, json_mode: bool) -> Result<()> {
    let source = dry_run_source(plan, config);
    let username = plan.credential.registry_username();
    let requests = plan.credential.requests();
    let logins: Vec<Child> = plan.targets.all.iter().map(|t| login_child(t, username)).collect();
    if json_mode {
        let argv = |c: &Child| -> Vec<String> {
            std::iter::once(c.name.clone())
                .chain(c.args.iter().map(|a| a.to_string_lossy().into_owned()))
                .collect()
        };
        let commands: Vec<Value> = source
            .iter()
            .map(|s| json!(s.split(' ').collect::<Vec<_>>()))
            .chain(logins.iter().map(|c| json!(argv(c))))
            .collect();
        let requests: Vec<Value> = requests.iter().map(Shown::to_json).collect();
        output::json(&json!({ "dry_run": true, "requests": requests, "commands": commands }))
    } else {
        let mut text = source.map_or_else(String::new, |s| format!("{s}\n"));
        for request in &requests {
            text.push_str(&request.to_string());
            text.push('\n');
        }
        for child in &logins {
            text.push_str(&child.display(true));
            text.push('\n');
        }
        output::text(&text)
    }
}

/// The command that would fetch the secret, when one runs (`None`: an API key, a refresh
/// token or a cached session token is used, or an HTTPS request to IAM, which `--verbose`
/// traces).
fn dry_run_source(plan: &LoginPlan, config: &IbmcloudConfig) -> Option<String> {
    plan.credential.runs_cli(config).then(|| "ibmcloud iam oauth-tokens --output json".to_owned())
}
