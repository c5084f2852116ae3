//! `cr-ext doctor [IMAGE] [--push] [--client NAME]`: why a pull or push to ICR is refused, and
//! the command that fixes it. Checks, in order, each one line (`ok`, `warn`, `fail`): the
//! identity cr-ext's helper would use; the image (host, namespace, repository); what each
//! client will send for that host, found the way it looks (`lookup`); the registry itself
//! with that credential (its challenge, the token for the repository's scope, the actions
//! granted: `probe`); and, when access is refused or the repository is unknown, which region
//! holds the namespace. A check that cannot run because an earlier one failed is left out.
//! Read only: nothing is written, pushed or stored, and no secret is printed. Exit 0 when
//! nothing failed, 1 when a check failed, 4 when there is no usable identity.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{Value, json};

use crate::cli::DoctorArgs;
use crate::clients::{self, ClientKind};
use crate::credential::{CredentialPlan, Input, Username, jwt};
use crate::error::{Error, Result, exit};
use crate::ibmcloud::IbmcloudConfig;
use crate::lookup::{self, Lookup, Source};
use crate::output::{self, Printer, remaining, utc};
use crate::probe::{self, Answer, Auth, Failure, Http, Known, Probe};
use crate::registry::{self, ImageRef};
use crate::secret::{Secret, one_line};
use crate::{helper_link, own_config, plan};

/// The longest any one request of a diagnosis may take (`--timeout` may make it shorter).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest the namespace look-up in the other regions may take.
const REGIONS_TIMEOUT: Duration = Duration::from_secs(5);

/// A check's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Ok,
    Warn,
    Fail,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// One line of the report.
#[derive(Debug)]
struct Check {
    id: String,
    status: Status,
    message: String,
    fix: Option<String>,
}

impl Check {
    fn new(id: &str, status: Status, message: impl Into<String>, fix: Option<String>) -> Self {
        Check {
            id: id.to_owned(),
            status,
            message: one_line(&message.into()),
            fix: fix.map(|f| one_line(&f)),
        }
    }
}

/// The identity, when there is a usable one.
struct Identity {
    token: Secret,
    claims: jwt::Claims,
}

impl Identity {
    fn account(&self) -> Option<String> {
        self.claims.raw["account"].get("bss").and_then(Value::as_str).map(one_line)
    }
}

/// What one client sends, for the registry checks.
struct Sent {
    clients: Vec<ClientKind>,
    /// Registry username and password; `None`: nothing (anonymous).
    credential: Option<(String, Secret)>,
    /// In words: "the login podman stored in FILE (puller)", "cr-ext's token".
    what: String,
    /// Another credential helper answers for these clients: what it sends is not known here.
    unchecked: Option<String>,
    /// Whose policies a fix would change (see [`policy_subject`]).
    subject: String,
    /// The account the credential is of, when cr-ext can tell (its own identity's, or a
    /// stored `iambearer` token's claims).
    account: Option<String>,
    /// A stored login, not cr-ext's identity: replacing it is the fix for a refusal.
    stored: bool,
}

/// `cr-ext doctor`.
///
/// # Errors
/// A malformed IMAGE, or output that cannot be written.
pub(crate) fn run(
    args: &DoctorArgs,
    printer: Printer,
    config: Result<IbmcloudConfig>,
    timeout: Duration,
) -> Result<u8> {
    let result = diagnose(args, printer, config, timeout);
    if let Err(e) = &result
        && printer.json()
    {
        let _ =
            output::json(&json!({ "checks": [], "verdict": null, "error": output::error_json(e) }));
    }
    result
}

fn diagnose(
    args: &DoctorArgs,
    printer: Printer,
    config: Result<IbmcloudConfig>,
    timeout: Duration,
) -> Result<u8> {
    let started = std::time::Instant::now();
    let image = args.image.as_deref().map(image_argument).transpose()?;
    let bad_resolve = |why: String| {
        Error::usage(
            why,
            format!("set {}=HOST=IP:PORT[,…], or unset it", crate::env::CR_EXT_RESOLVE),
        )
    };
    probe::resolve_setting().map_err(bad_resolve)?;
    let mut checks: Vec<Check> = Vec::new();
    let own = own_config::load();
    let registries = own.as_ref().map(|o| o.registries.clone()).unwrap_or_default();
    let served = |host: &str| registry::served(host, &registries);

    // 1. Identity.
    let identity = identity(args, own.as_ref().ok(), config, timeout);
    let identity = match identity {
        Ok((source, id)) => {
            checks.push(Check::new(
                "identity",
                Status::Ok,
                describe_identity(&source, &id.claims),
                None,
            ));
            Some(id)
        }
        Err(e) => {
            checks.push(Check::new(
                "identity",
                Status::Fail,
                format!("no usable IBM Cloud identity: {e}"),
                e.hint(),
            ));
            None
        }
    };
    if let Err(e) = &own {
        checks.push(Check::new("config", Status::Warn, e.to_string(), e.hint()));
    }

    // 2. Image.
    let usable_image = match &image {
        Some(image) => image_check(image, &served, &mut checks),
        None => false,
    };

    // 3. Clients.
    let kinds = chosen_clients(&args.client, &mut checks);
    let link = helper_link::find();
    let mut sent: Vec<Sent> = Vec::new();
    match (&image, usable_image) {
        (Some(image), true) => {
            for kind in &kinds {
                let found = lookup::read(*kind).lookup(&image.host, &image.path, &served);
                checks.push(client_check(
                    *kind,
                    &image.host,
                    &found,
                    &link,
                    identity.as_ref(),
                    &served,
                ));
                add_sent(&mut sent, *kind, found, &image.host, identity.as_ref(), &served);
            }
        }
        (Some(_), false) => {}
        (None, _) => {
            for kind in &kinds {
                checks.push(setup_check(*kind, &registries, &link, identity.as_ref(), &served));
            }
        }
    }

    // 4. The registry, 5. where the namespace is: each request at most 10 s (or --timeout),
    // all of them --timeout.
    let left = timeout.saturating_sub(started.elapsed());
    let http = Http::new(timeout.min(REQUEST_TIMEOUT), left).map_err(bad_resolve)?;
    let mut verdict = None;
    if let (Some(image), true) = (&image, usable_image) {
        if sent.is_empty() {
            let own_token = own_credential(&image.host, identity.as_ref(), &served);
            sent.push(Sent {
                clients: Vec::new(),
                what: own_token.1,
                credential: own_token.0,
                unchecked: None,
                subject: policy_subject(identity.as_ref(), true),
                account: identity.as_ref().and_then(Identity::account),
                stored: false,
            });
        }
        verdict = registry_checks(&http, image, args.push, &sent, identity.as_ref(), &mut checks);
    }

    let failed = checks.iter().any(|c| c.status == Status::Fail);
    let verdict = verdict.unwrap_or_else(|| summary(&checks, image.as_ref(), args.push));
    let code = if identity.is_none() {
        exit::NOT_AUTHENTICATED
    } else if failed {
        exit::FAILURE
    } else {
        exit::SUCCESS
    };
    print_report(printer, &checks, &verdict)?;
    Ok(code)
}

/// IMAGE, taken apart.
///
/// # Errors
/// It is not an image reference.
fn image_argument(text: &str) -> Result<ImageRef> {
    registry::parse_image(text).map_err(|why| {
        Error::usage(
            format!("'{}' is not an image reference: {why}", one_line(text)),
            "give HOST/NAMESPACE/REPOSITORY[:TAG], e.g. us.icr.io/team-a/app:v1",
        )
    })
}

/// The clients to check: those asked for (each once; one not on PATH is a failed check), else
/// every one on PATH.
fn chosen_clients(requested: &[ClientKind], checks: &mut Vec<Check>) -> Vec<ClientKind> {
    if requested.is_empty() {
        let found: Vec<ClientKind> = clients::detect().into_iter().map(|c| c.kind).collect();
        if found.is_empty() {
            checks.push(Check::new(
                "clients",
                Status::Warn,
                "no container client on PATH (docker, podman, buildah, skopeo)",
                Some("install one, e.g. `apt-get install podman`".into()),
            ));
        }
        return found;
    }
    let mut kinds: Vec<ClientKind> = Vec::new();
    for kind in requested {
        if kinds.contains(kind) {
            continue;
        }
        if which::which(kind.name()).is_err() {
            checks.push(Check::new(
                &format!("client:{}", kind.name()),
                Status::Fail,
                format!("{} is not on PATH", kind.name()),
                Some(format!("install {0}, or leave out --client {0}", kind.name())),
            ));
            continue;
        }
        kinds.push(*kind);
    }
    kinds
}

/// The report: one JSON document, or one line per check and the verdict (nothing with -q).
fn print_report(printer: Printer, checks: &[Check], verdict: &str) -> Result<()> {
    if printer.json() {
        return output::json(&json!({
            "checks": checks.iter().map(|c| json!({
                "id": c.id,
                "status": c.status.word(),
                "message": c.message,
                "fix": c.fix,
            })).collect::<Vec<_>>(),
            "verdict": verdict,
        }));
    }
    // -q: nothing when all is well, else the lines that are not ok, and the verdict.
    let failed = checks.iter().any(|c| c.status == Status::Fail);
    if printer.quiet && !failed {
        return Ok(());
    }
    let mut text = String::new();
    for c in checks.iter().filter(|c| !printer.quiet || c.status != Status::Ok) {
        let _ = write!(text, "{:<5} {:<16} {}", c.status.word(), c.id, c.message);
        if let Some(fix) = &c.fix {
            let _ = write!(text, "; fix: {fix}");
        }
        text.push('\n');
    }
    let _ = writeln!(text, "verdict: {}", one_line(verdict));
    output::text(&text)
}

/// The identity: the flags' when any is given, else the one the credential helper uses. An
/// API key or a workload identity is exchanged at IAM; the session's cached token is used
/// when fresh, else `ibmcloud iam oauth-tokens` renews it (as the helper would).
fn identity(
    args: &DoctorArgs,
    own: Option<&own_config::OwnConfig>,
    config: Result<IbmcloudConfig>,
    timeout: Duration,
) -> Result<(String, Identity)> {
    let c = &args.credential;
    let flagged = c.apikey_file.is_some()
        || c.apikey_stdin
        || c.profile.is_some()
        || c.cr_token_file.is_some()
        || c.vpc_cri;
    let input = match own {
        Some(own) if !flagged => Input::for_helper(own),
        _ => plan::credential(c, Username::Bearer, false),
    };
    let input =
        Input { iam_endpoint: c.iam_endpoint.clone().or(input.iam_endpoint.clone()), ..input };
    let (config, config_error) = match config {
        Ok(config) => (config, None),
        Err(e) => (IbmcloudConfig::default(), Some(e)),
    };
    let mut plan = CredentialPlan::new(&input, &config)?;
    // IAM's answer within --timeout too (it keeps IAM's own retries).
    plan.http_timeout = plan.http_timeout.min(timeout);
    if let Some(e) = config_error
        && plan.apikey.is_none()
        && plan.workload.is_none()
    {
        return Err(e);
    }
    plan.check_endpoint()?;
    let obtained = plan.obtain(&config, timeout)?;
    let claims = obtained
        .claims
        .ok_or_else(|| Error::IamResponse { what: "it gave no access token".into() })?;
    let left = claims.expires_in(jwt::now());
    if left <= jwt::EXPIRY_MARGIN_SECS {
        return Err(Error::TokenExpired { expired_ago_secs: -left });
    }
    Ok((plan.source(), Identity { token: obtained.secret, claims }))
}

fn describe_identity(source: &str, claims: &jwt::Claims) -> String {
    let raw = &claims.raw;
    let text = |k: &str| raw.get(k).and_then(Value::as_str).map(one_line);
    let who = if text("sub_type").as_deref() == Some("Profile") {
        let id = text("sub").unwrap_or_else(|| "(no ID)".into());
        match text("name") {
            Some(name) => format!("trusted profile {name} ({id})"),
            None => format!("trusted profile {id}"),
        }
    } else {
        text("email").or_else(|| text("sub")).unwrap_or_else(|| "someone".into())
    };
    let account = raw["account"].get("bss").and_then(Value::as_str).map_or_else(
        || "no account in the token".to_owned(),
        |a| format!("account {}", one_line(a)),
    );
    let now = jwt::now();
    format!(
        "{who}, {account}, from {source}; token valid until {} ({})",
        utc(claims.exp),
        remaining(claims.exp - now)
    )
}

/// The image line; whether the registry checks can go on.
fn image_check(image: &ImageRef, served: &dyn Fn(&str) -> bool, checks: &mut Vec<Check>) -> bool {
    let host = one_line(&image.host);
    let path = one_line(&image.path);
    if !image.host_given {
        let (message, fix) = if image.path.contains('.') && !image.path.contains('/') {
            (
                format!("'{path}' names a registry but no image"),
                format!("{path}/NAMESPACE/REPOSITORY[:TAG]"),
            )
        } else {
            (
                format!("'{path}' names no registry, so clients read it as docker.io/{path}"),
                format!("name the ICR domain, e.g. us.icr.io/{path}"),
            )
        };
        checks.push(Check::new("image", Status::Fail, message, Some(fix)));
        return false;
    }
    if image.host == registry::ENTITLED_REGISTRY {
        checks.push(Check::new(
            "image",
            Status::Warn,
            format!("{host} is IBM's entitled registry: it takes username cp and an entitlement key, not an IBM Cloud identity"),
            Some(format!("<client> login -u cp --password-stdin {host} < entitlement-key.txt")),
        ));
    }
    let shape = format!(
        "namespace {}, repository {}, {} {}",
        one_line(image.namespace()),
        if image.repository().is_empty() {
            "(none)".to_owned()
        } else {
            one_line(image.repository())
        },
        if image.reference.contains(':') { "digest" } else { "tag" },
        one_line(&image.reference)
    );
    if let Some(new) = registry::bluemix_successor(&image.host) {
        checks.push(Check::new(
            "image",
            Status::Warn,
            format!("{host} is a deprecated name; {shape}"),
            Some(format!("use {new}/{path}")),
        ));
    } else if let Some((region, private)) = registry::region_of(&image.host) {
        let place = if private {
            format!(
                "{host} is the private endpoint of {} ({}), reachable only from IBM Cloud's private network",
                region.name, region.domain
            )
        } else {
            format!("{host} is ICR in {}", region.name)
        };
        if image.repository().is_empty() {
            checks.push(Check::new(
                "image",
                Status::Fail,
                format!(
                    "{place}, but '{path}' has no repository: ICR images are NAMESPACE/REPOSITORY"
                ),
                Some(format!("{host}/{path}/REPOSITORY")),
            ));
            return false;
        }
        checks.push(Check::new("image", Status::Ok, format!("{place}; {shape}"), None));
    } else if image.host != registry::ENTITLED_REGISTRY {
        let (status, said) = if served(&image.host) {
            (Status::Ok, "served by cr-ext's helper (configure --registry)")
        } else {
            (
                Status::Warn,
                "cr-ext never sends its IBM Cloud token there; checking what each client has stored",
            )
        };
        checks.push(Check::new(
            "image",
            status,
            format!(
                "{host} is not an ICR host: {said}; path {path}, reference {}",
                one_line(&image.reference)
            ),
            None,
        ));
    }
    true
}

/// `KIND logout` for a stored entry: the containers tools are told which file.
fn logout_command(kind: ClientKind, file: &std::path::Path, key: &str) -> String {
    if !kind.is_docker() && key.contains("://") {
        // `podman logout` looks a bare host up, so it cannot remove a URL-style key.
        let file = one_line(&file.display().to_string());
        let key = one_line(key);
        return format!("jq 'del(.auths[\"{key}\"])' {file} > {file}.new && mv {file}.new {file}");
    }
    if kind.is_docker() {
        format!("docker logout {}", one_line(key))
    } else {
        format!(
            "{} logout --authfile {} {}",
            kind.name(),
            one_line(&file.display().to_string()),
            one_line(key)
        )
    }
}

fn validity(exp: i64) -> String {
    let now = jwt::now();
    let state = if exp <= now { "EXPIRED at" } else { "valid until" };
    format!("{state} {} ({})", utc(exp), remaining(exp - now))
}

/// One client's line for the image's host.
fn client_check(
    kind: ClientKind,
    host: &str,
    found: &Lookup,
    link: &helper_link::Link,
    identity: Option<&Identity>,
    served: &dyn Fn(&str) -> bool,
) -> Check {
    let id = format!("client:{}", kind.name());
    let name = kind.name();
    let host_shown = one_line(host);
    if let Some((file, why)) = found.unreadable.first() {
        return Check::new(
            &id,
            Status::Fail,
            format!("{} cannot be read ({why}); {name} fails on it too", file.display()),
            Some(format!("repair or remove {}", file.display())),
        );
    }
    let configure = format!("cr-ext configure --client {name}");
    match &found.source {
        Source::OwnHelper { file } => {
            own_helper_check(&id, kind, host, file, link, identity, served)
        }
        Source::OtherHelper { file, name: helper, store } => {
            let program = format!("docker-credential-{helper}");
            let how = if *store {
                format!(
                    "{} sets credsStore '{helper}' and has no credHelpers entry for {host_shown}, so {name} asks {program}",
                    file.display()
                )
            } else {
                format!("{} sends {host_shown} to the helper {program}", file.display())
            };
            if which::which(&program).is_err() {
                let also = if *store {
                    ": docker fails so for every registry, not ICR's only"
                } else {
                    ""
                };
                Check::new(
                    &id,
                    Status::Fail,
                    format!("{how}, which is not on PATH{also}"),
                    Some(configure),
                )
            } else {
                Check::new(
                    &id,
                    Status::Warn,
                    format!(
                        "{how}: what it holds is not checked here (cr-ext's own credential is checked instead)"
                    ),
                    Some(configure),
                )
            }
        }
        Source::Stored(stored) => {
            stored_check(&id, kind, host, stored, found.shadowed_helper.as_deref())
        }
        Source::Nothing => {
            let read =
                found.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ");
            if served(host) {
                Check::new(
                    &id,
                    Status::Fail,
                    format!(
                        "{name} has no credential for {host_shown} (read: {read}), so it goes anonymously, and ICR refuses anonymous pulls but of IBM's public images"
                    ),
                    Some(configure),
                )
            } else {
                Check::new(
                    &id,
                    Status::Warn,
                    format!(
                        "{name} has no credential for {host_shown} (read: {read}), so it goes anonymously: enough for a public image only"
                    ),
                    Some(format!("{name} login {host_shown}")),
                )
            }
        }
    }
}

/// The line for a client that asks cr-ext's helper (named in `file`).
fn own_helper_check(
    id: &str,
    kind: ClientKind,
    host: &str,
    file: &std::path::Path,
    link: &helper_link::Link,
    identity: Option<&Identity>,
    served: &dyn Fn(&str) -> bool,
) -> Check {
    let name = kind.name();
    let host_shown = one_line(host);
    let file = file.display();
    if !served(host) {
        return Check::new(
            id,
            Status::Fail,
            format!(
                "{file} sends {host_shown} to cr-ext's helper, which serves ICR hosts only, so {name} sends nothing"
            ),
            Some(format!("cr-ext configure --client {name} --registry {host_shown}")),
        );
    }
    match (&link.path, link.is_this) {
        (None, _) => Check::new(
            id,
            Status::Fail,
            format!(
                "{file} names the helper {} for {host_shown}, but it is not on PATH, so {name} cannot run it",
                helper_link::NAME
            ),
            Some(link_fix(None)),
        ),
        (Some(path), false) => Check::new(
            id,
            Status::Fail,
            format!(
                "{file} names the helper for {host_shown}, but {} on PATH is not this cr-ext",
                path.display()
            ),
            Some(link_fix(Some(path))),
        ),
        (Some(_), true) if identity.is_none() => Check::new(
            id,
            Status::Fail,
            format!(
                "{name} asks cr-ext's helper ({file}) for {host_shown}, and the helper has no identity to answer with"
            ),
            None,
        ),
        (Some(_), true) => Check::new(
            id,
            Status::Ok,
            format!(
                "{name} sends a fresh IAM token (iambearer) for {host_shown} from cr-ext's helper, named in {file}"
            ),
            None,
        ),
    }
}

/// The command that puts this cr-ext's helper link on PATH (what `configure` advises when it
/// cannot make the link itself), after taking `foreign` (another program of that name found
/// first) out of the way.
fn link_fix(foreign: Option<&std::path::Path>) -> String {
    let Ok(exe) = std::env::current_exe() else {
        return format!("put {} (a link to cr-ext) on PATH", helper_link::NAME);
    };
    let dir = exe.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let link = dir.join(helper_link::file_name());
    let on_path = crate::env::get_os(crate::env::PATH)
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d == dir));
    let mut fix = String::new();
    if let Some(foreign) = foreign {
        let _ = write!(
            fix,
            "rm '{}' (or put {} before it on PATH), then ",
            foreign.display(),
            dir.display()
        );
    }
    fix.push_str(&crate::sys::link_advice(&exe, &link));
    if !on_path {
        let _ = write!(fix, " and put {} on PATH", dir.display());
    }
    fix
}

/// The line for a client that sends a stored login; `shadowed`: the later file whose helper
/// entry it hides.
fn stored_check(
    id: &str,
    kind: ClientKind,
    host: &str,
    stored: &lookup::Stored,
    shadowed: Option<&std::path::Path>,
) -> Check {
    let name = kind.name();
    let host_shown = one_line(host);
    let configure = format!("cr-ext configure --client {name}");
    let file = stored.file.display();
    let user = one_line(&stored.username);
    let when = stored.expires_at.map(validity);
    let logout = logout_command(kind, &stored.file, &stored.key);
    let expired = stored.expires_at.is_some_and(|exp| exp <= jwt::now());
    if let Some(later) = shadowed {
        let status = if expired { Status::Fail } else { Status::Warn };
        return Check::new(
            id,
            status,
            format!(
                "a stored login for {} in {file} ({user}{}) is read before cr-ext's helper in {}: it shadows the helper{}",
                one_line(&stored.key),
                when.map(|w| format!(", {w}")).unwrap_or_default(),
                later.display(),
                if stored.expires_at.is_some() && !expired {
                    " and goes stale when its token expires"
                } else {
                    ""
                }
            ),
            Some(logout),
        );
    }
    if expired {
        return Check::new(
            id,
            Status::Fail,
            format!(
                "{name} sends the {user} login stored in {file} for {host_shown}, and its token is {}",
                when.unwrap_or_default()
            ),
            Some(if registry::is_icr(host) { configure } else { logout }),
        );
    }
    Check::new(
        id,
        Status::Ok,
        format!(
            "{name} sends the {user} login stored in {file} for {host_shown}{}",
            when.map(|w| format!(" ({w})")).unwrap_or_default()
        ),
        None,
    )
}

/// cr-ext's own credential for `host` (its token, when it serves the host and has an
/// identity), in words.
fn own_credential(
    host: &str,
    identity: Option<&Identity>,
    served: &dyn Fn(&str) -> bool,
) -> (Option<(String, Secret)>, String) {
    match identity {
        Some(id) if served(host) => {
            (Some(("iambearer".into(), id.token.clone())), "cr-ext's IAM token (iambearer)".into())
        }
        _ => (None, "no credential (anonymous)".into()),
    }
}

/// What `kind` will send, grouped with the clients that send the same.
fn add_sent(
    sent: &mut Vec<Sent>,
    kind: ClientKind,
    found: Lookup,
    host: &str,
    identity: Option<&Identity>,
    served: &dyn Fn(&str) -> bool,
) {
    let mut own = false;
    let mut unchecked = None;
    let mut account = None;
    let is_stored = matches!(found.source, Source::Stored(_));
    let (credential, what) = match found.source {
        Source::Stored(stored) => {
            if stored.username == "iambearer" {
                account = jwt::decode(stored.secret.expose()).ok().and_then(|c| {
                    c.raw["account"].get("bss").and_then(Value::as_str).map(one_line)
                });
            }
            (
                Some((stored.username.clone(), stored.secret)),
                format!(
                    "the {} login stored in {}",
                    one_line(&stored.username),
                    stored.file.display()
                ),
            )
        }
        Source::OtherHelper { name, .. } => {
            unchecked = Some(format!("docker-credential-{}", one_line(&name)));
            (None, format!("what docker-credential-{} holds", one_line(&name)))
        }
        _ => {
            let (credential, what) = own_credential(host, identity, served);
            own = credential.is_some();
            if own {
                account = identity.and_then(Identity::account);
            }
            (credential, what)
        }
    };
    let same = |s: &Sent| {
        s.unchecked == unchecked
            && match (&s.credential, &credential) {
                (Some((u1, s1)), Some((u2, s2))) => u1 == u2 && s1 == s2,
                (None, None) => true,
                _ => false,
            }
    };
    if let Some(group) = sent.iter_mut().find(|s| same(s)) {
        group.clients.push(kind);
    } else {
        let subject = policy_subject(identity, own);
        sent.push(Sent {
            clients: vec![kind],
            credential,
            what,
            unchecked,
            subject,
            account,
            stored: is_stored,
        });
    }
}

/// A client's line without an image: every ICR host (and recorded registry) its files name.
fn setup_check(
    kind: ClientKind,
    registries: &[String],
    link: &helper_link::Link,
    identity: Option<&Identity>,
    served: &dyn Fn(&str) -> bool,
) -> Check {
    let files = lookup::read(kind);
    let mut hosts: Vec<String> = registries.iter().cloned().chain(files.icr_hosts()).collect();
    hosts.sort();
    hosts.dedup();
    let id = format!("client:{}", kind.name());
    if hosts.is_empty() {
        return Check::new(
            &id,
            Status::Warn,
            format!("{} has no ICR login and no helper for any ICR host", kind.name()),
            Some(format!("cr-ext configure --client {}", kind.name())),
        );
    }
    let checks: Vec<Check> = hosts
        .iter()
        .map(|host| {
            let found = files.lookup(host, "", served);
            client_check(kind, host, &found, link, identity, served)
        })
        .collect();
    let worst = checks.iter().map(|c| c.status).max().unwrap_or(Status::Ok);
    let fix = checks.iter().filter(|c| c.status == worst).find_map(|c| c.fix.clone());
    // The hosts in trouble, worst first, each in full; the rest in one clause.
    let mut trouble: Vec<&Check> = checks.iter().filter(|c| c.status != Status::Ok).collect();
    trouble.sort_by_key(|c| std::cmp::Reverse(c.status));
    let fine: Vec<&str> = hosts
        .iter()
        .zip(&checks)
        .filter(|(_, c)| c.status == Status::Ok)
        .map(|(h, _)| h.as_str())
        .collect();
    let mut parts: Vec<String> = trouble.iter().map(|c| c.message.clone()).collect();
    if !fine.is_empty() {
        parts.push(format!(
            "{} host(s) fine: {}",
            fine.len(),
            fine.iter().map(|h| one_line(h)).collect::<Vec<_>>().join(", ")
        ));
    }
    Check { id, status: worst, message: parts.join("; "), fix }
}

/// The registry's checks: its challenge once, then the access each credential gets, then,
/// when refused, where the namespace is. Returns the verdict when one is certain.
fn registry_checks(
    http: &Http,
    image: &ImageRef,
    push: bool,
    sent: &[Sent],
    identity: Option<&Identity>,
    checks: &mut Vec<Check>,
) -> Option<String> {
    let host = one_line(&image.host);
    let base = reqwest::Url::parse(&format!("https://{}/v2/", image.host)).ok()?;
    let answer = match http.request(&reqwest::Method::GET, &base, Auth::None, "application/json") {
        Ok(answer) => answer,
        Err(failure) => {
            let (message, fix) = unreachable(image, &failure);
            checks.push(Check::new("registry", Status::Fail, message, Some(fix)));
            return None;
        }
    };
    let challenge = answer
        .headers
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(probe::parse_challenge)
        .find(|c| c.scheme == "bearer" || c.scheme == "basic");
    let shown_url = probe::shown(&answer.url);
    match (answer.status, &challenge) {
        (401, Some(c)) if c.scheme == "bearer" => {
            let realm = c.params.get("realm").map_or_else(|| "(none)".to_owned(), |r| one_line(r));
            checks.push(Check::new(
                "registry",
                Status::Ok,
                format!(
                    "{shown_url} answers 401 with a token challenge: realm {realm}, service {}",
                    c.params.get("service").map_or("(none)".into(), |s| one_line(s))
                ),
                None,
            ));
        }
        (401, Some(_)) => checks.push(Check::new(
            "registry",
            Status::Ok,
            format!("{shown_url} answers 401 asking for basic authentication"),
            None,
        )),
        (200, _) => checks.push(Check::new(
            "registry",
            Status::Ok,
            format!("{shown_url} answers 200 without authentication"),
            None,
        )),
        (407, _) => {
            checks.push(Check::new(
                "registry",
                Status::Fail,
                format!("a proxy answered 407 for {host}: it wants its own credentials"),
                Some(
                    "set HTTPS_PROXY=http://USER:PASSWORD@PROXY:PORT, or NO_PROXY for the registry"
                        .into(),
                ),
            ));
            return None;
        }
        (status, _) => {
            let text = probe::error_text(&answer.body);
            let subject = policy_subject(None, false);
            let asked = Asked { image, push, subject: &subject, replace: None };
            let (cause, fix) = explain(probe::cause(&text), &asked);
            checks.push(Check::new(
                "registry",
                Status::Fail,
                format!("{shown_url} answered {status} without a challenge: {text}{cause}"),
                fix.or_else(|| {
                    Some(format!("check that {host} is a registry and no proxy answers for it"))
                }),
            ));
            return None;
        }
    }
    let mut mine_refused = false;
    let mut others = false;
    for group in sent {
        let outcome = access(http, image, push, group, challenge.as_ref(), &answer);
        if outcome.refused || outcome.unknown {
            // The namespaces cr-ext can list are its own identity's account's: they say where
            // the namespace is only for a credential of that account.
            let mine = identity.and_then(Identity::account);
            if mine.is_some() && group.account == mine {
                mine_refused = true;
            } else {
                others = true;
            }
        }
        checks.push(outcome.check);
    }
    where_is_namespace(http, image, identity, (mine_refused, others), checks)
}

/// Whether to look for the namespace, and the look: when a credential of cr-ext's identity's
/// account was refused (`mine`), or one cr-ext cannot place (`others`) while it has no identity
/// (the namespace check then says it cannot list); for another account's login, a warning.
fn where_is_namespace(
    http: &Http,
    image: &ImageRef,
    identity: Option<&Identity>,
    (mine, others): (bool, bool),
    checks: &mut Vec<Check>,
) -> Option<String> {
    // The namespaces API is ICR's, for the hosts an IAM token is for (not cp.icr.io's).
    if !registry::served(&image.host, &[]) {
        return None;
    }
    if mine || (others && identity.is_none()) {
        return namespace_check(http, image, identity, checks);
    }
    if others {
        checks.push(Check::new(
            "namespace",
            Status::Warn,
            format!(
                "not searched: the refused login is not of account {}, cr-ext's identity's, whose namespaces are the ones cr-ext can list",
                identity.and_then(Identity::account).unwrap_or_else(|| "(unknown)".into())
            ),
            None,
        ));
    }
    None
}

/// The line for a registry that did not answer, and its fix.
fn unreachable(image: &ImageRef, failure: &Failure) -> (String, String) {
    let host = one_line(&image.host);
    let proxy = [crate::env::HTTPS_PROXY, crate::env::HTTPS_PROXY_LOWER]
        .iter()
        .find_map(|k| crate::env::get(k));
    let through = proxy
        .as_ref()
        .and_then(|p| reqwest::Url::parse(p).ok())
        .map(|u| format!(" through the proxy {}", probe::host_port(&u)))
        .unwrap_or_default();
    let message = format!("{host}{through}: {failure}");
    let fix = match registry::region_of(&image.host) {
        Some((region, true)) => format!(
            "private endpoints answer only on IBM Cloud's private network (a VPC, classic infrastructure, a cluster); from elsewhere use {}/{}",
            region.domain,
            one_line(&image.path)
        ),
        _ => match failure {
            Failure::Tls(_) => "a proxy or firewall that intercepts TLS must have its CA trusted (SSL_CERT_FILE); else check the system clock and CA store".into(),
            Failure::TimedOut(_) if proxy.is_some() => "check HTTPS_PROXY and NO_PROXY".into(),
            _ if proxy.is_some() => "check HTTPS_PROXY and NO_PROXY, and that the proxy lets HTTPS to the registry through".into(),
            _ if image.host.contains(':') => {
                format!("check DNS, the network and the firewall for https://{host}")
            }
            _ => format!("check DNS, the network and the firewall for https://{host} (port 443)"),
        },
    };
    (message, fix)
}

/// The access line of one credential.
struct Outcome {
    check: Check,
    /// The registry refused it (for pull, or for push with --push).
    refused: bool,
    /// The repository is not there.
    unknown: bool,
}

impl Outcome {
    /// A line that says nothing was refused and nothing is missing.
    fn plain(check: Check) -> Self {
        Outcome { check, refused: false, unknown: false }
    }
}

fn access(
    http: &Http,
    image: &ImageRef,
    push: bool,
    group: &Sent,
    challenge: Option<&probe::Challenge>,
    ping: &Answer,
) -> Outcome {
    let id = if group.clients.is_empty() {
        "access".to_owned()
    } else {
        format!("access:{}", group.clients.iter().map(|k| k.name()).collect::<Vec<_>>().join(","))
    };
    let path = &image.path;
    let actions = if push { "pull,push" } else { "pull" };
    let who = &group.what;
    if let Some(helper) = &group.unchecked {
        return Outcome::plain(Check::new(
            &id,
            Status::Warn,
            format!("not checked: the credential comes from {helper}, which cr-ext does not run"),
            None,
        ));
    }
    let fail = |message: String, fix: Option<String>, refused: bool| Outcome {
        check: Check::new(&id, Status::Fail, message, fix),
        refused,
        unknown: false,
    };
    let manifest = match probe::manifest_url(&ping.url, path, &image.reference) {
        Ok(url) => url,
        Err(why) => return fail(why, None, false),
    };
    let token = match challenge {
        Some(c) if c.scheme == "bearer" => match registry_token(http, image, actions, group, c) {
            Ok(token) => Some(token),
            Err((message, fix, refused)) => return fail(message, fix, refused),
        },
        _ => None,
    };
    // The actions granted: from the token itself, else a read-only probe.
    let granted = token.as_ref().and_then(|t| probe::granted(t, path));
    if let Some(granted) = &granted {
        let has = |a: &str| granted.iter().any(|g| g == a || g == "*");
        let listed = if granted.is_empty() { "nothing".to_owned() } else { granted.join(", ") };
        if !has("pull") || (push && !has("push")) {
            let missing = if has("pull") {
                "push"
            } else if push {
                "pull and push"
            } else {
                "pull"
            };
            let asked =
                Asked { image, push, subject: &group.subject, replace: replace(group, image) };
            let (cause, fix) = explain(Some(Known::InsufficientScope), &asked);
            return Outcome {
                check: Check::new(
                    &id,
                    Status::Fail,
                    format!(
                        "{who}: the registry grants {listed} on {path}, not {missing}, so a {} will be refused{cause}",
                        if missing == "push" { "push" } else { "pull" }
                    ),
                    fix,
                ),
                refused: true,
                unknown: false,
            };
        }
    }
    let auth = match (&token, &group.credential, challenge) {
        (Some(t), _, _) => Auth::Bearer(t),
        (None, Some((user, secret)), Some(c)) if c.scheme == "basic" => Auth::Basic(user, secret),
        _ => Auth::None,
    };
    let probed = probe::probe_manifest(http, &manifest, auth);
    let asked = Asked { image, push, subject: &group.subject, replace: replace(group, image) };
    judged(&id, who, &asked, granted.as_deref(), probed)
}

/// The access line from the manifest probe (`granted`: the actions the token lists, when it
/// is a JWT that lists them).
fn judged(
    id: &str,
    who: &str,
    asked: &Asked<'_>,
    granted: Option<&[String]>,
    probed: std::result::Result<Probe, Failure>,
) -> Outcome {
    let (image, push) = (asked.image, asked.push);
    let path = &image.path;
    let fail = |message: String, fix: Option<String>, refused: bool| Outcome {
        check: Check::new(id, Status::Fail, message, fix),
        refused,
        unknown: false,
    };
    let granted_words = granted.as_ref().map_or_else(
        || {
            if push {
                "pull (push cannot be checked without writing)".to_owned()
            } else {
                "pull".to_owned()
            }
        },
        |g| g.join(", "),
    );
    match probed {
        Ok(Probe::Found) => Outcome::plain(Check::new(
            id,
            if granted.is_none() && push { Status::Warn } else { Status::Ok },
            format!(
                "{who}: granted {granted_words} on {path}; {} is there",
                one_line(&image.reference)
            ),
            None,
        )),
        Ok(Probe::NoSuchTag) => Outcome::plain(Check::new(
            id,
            if push { Status::Ok } else { Status::Fail },
            format!(
                "{who}: granted {granted_words} on {path}, which has no {}",
                one_line(&image.reference)
            ),
            (!push).then(|| {
                format!("list its tags: skopeo list-tags docker://{}/{path}", one_line(&image.host))
            }),
        )),
        Ok(Probe::NoSuchRepository) => Outcome {
            check: Check::new(
                id,
                if push { Status::Ok } else { Status::Fail },
                format!(
                    "{who}: granted {granted_words}, but {} has no repository {path}{}",
                    one_line(&image.host),
                    if push { " yet (the push creates it)" } else { "" }
                ),
                None,
            ),
            refused: false,
            unknown: !push,
        },
        Ok(Probe::Refused { status, text }) => {
            let (cause, fix) = explain(probe::cause(&text), asked);
            // Another registry's refusal of a stored login: log in again.
            let fix = fix.or_else(|| asked.replace.clone());
            fail(
                format!(
                    "{who}: the registry refused the manifest of {path}: {status} {text}{cause}"
                ),
                fix,
                true,
            )
        }
        Ok(Probe::Other { status, text }) => fail(
            format!("{who}: the registry answered {status} for the manifest of {path}: {text}"),
            None,
            false,
        ),
        Err(failure) => {
            fail(format!("{who}: reading the manifest of {path}: {failure}"), None, false)
        }
    }
}

/// The registry token for `group`'s credential from the challenge's realm, or the failed
/// line's message, fix, and whether it is a refusal.
fn registry_token(
    http: &Http,
    image: &ImageRef,
    actions: &str,
    group: &Sent,
    c: &probe::Challenge,
) -> std::result::Result<Secret, (String, Option<String>, bool)> {
    let path = &image.path;
    let who = &group.what;
    let url = match probe::token_url(c, path, actions) {
        Ok(url) => url,
        Err(why) => {
            return Err((format!("the registry's challenge is unusable: {why}"), None, false));
        }
    };
    if let Err(why) = probe::realm_allowed(http, &image.host, &url) {
        return Err((
            format!("{}: {why}", one_line(&image.host)),
            Some("log in only to registries you trust; check DNS, CR_EXT_RESOLVE and any proxy in the way".into()),
            false,
        ));
    }
    let auth = match &group.credential {
        Some((user, secret)) => Auth::Basic(user, secret),
        None => Auth::None,
    };
    let realm = probe::shown(&url);
    let answer = match http.request(&reqwest::Method::GET, &url, auth, "application/json") {
        Ok(a) => a,
        Err(Failure::Redirect { status, to }) => {
            return Err((
                format!("the token server {realm} answered {status}, a redirect to {to}: cr-ext did not follow it, so {who} went nowhere else"),
                Some("a token server should answer, not redirect; check the registry's auth set-up and any proxy in the way".into()),
                false,
            ));
        }
        Err(failure) => {
            return Err((
                format!("the token server {realm}: {failure}"),
                Some("check the network and any proxy between you and the token server; retry later if it is down".into()),
                false,
            ));
        }
    };
    match answer.status {
        200 => match probe::token_of(&answer.body) {
            Ok(token) => Ok(token),
            Err(why) => {
                Err((format!("the token server {realm} answered 200, but {why}"), None, false))
            }
        },
        status => {
            let text = probe::error_text(&answer.body);
            let asked = Asked {
                image,
                push: actions.contains("push"),
                subject: &group.subject,
                replace: replace(group, image),
            };
            let (cause, fix) = explain(probe::cause(&text), &asked);
            // Another registry's refusal of a stored login: log in again.
            let fix = fix.or_else(|| asked.replace.clone());
            Err((
                format!(
                    "the token server {realm} refused {who} for {path} ({actions}): {status} {text}{cause}"
                ),
                fix,
                true,
            ))
        }
    }
}

/// The cause a registry's text names, as a clause for the message, and its fix.
/// What a refusal is about: the registry, what was asked, and whose policy would allow it.
struct Asked<'a> {
    image: &'a ImageRef,
    push: bool,
    /// `ibmcloud iam user-policy-create dev@example.com`, `… service-policy-create
    /// ServiceId-…`, `… trusted-profile-policy-create Profile-…`: whose policies grant access.
    subject: &'a str,
    /// For a stored login: the command that replaces it.
    replace: Option<String>,
}

/// The command that replaces a group's stored login: the helper for a host cr-ext serves,
/// else a fresh login.
fn replace(group: &Sent, image: &ImageRef) -> Option<String> {
    if !group.stored {
        return None;
    }
    let names: Vec<&str> = group.clients.iter().map(|k| k.name()).collect();
    Some(if registry::served(&image.host, &[]) {
        format!("cr-ext configure --client {}", names.join(","))
    } else {
        format!("{} login {}", names.first().copied().unwrap_or("podman"), one_line(&image.host))
    })
}

/// The policy command's head for the identity that sent a credential: cr-ext's own (its
/// token names it), else a user to fill in.
fn policy_subject(identity: Option<&Identity>, own: bool) -> String {
    let claims = identity.filter(|_| own).map(|id| &id.claims.raw);
    let text = |k: &str| claims.and_then(|c| c.get(k)).and_then(Value::as_str).map(one_line);
    if let Some(id) = text("iam_id").and_then(|i| i.strip_prefix("iam-").map(str::to_owned))
        && id.starts_with("ServiceId-")
    {
        return format!("ibmcloud iam service-policy-create {id}");
    }
    if text("sub_type").as_deref() == Some("Profile")
        && let Some(id) = text("sub")
    {
        return format!("ibmcloud iam trusted-profile-policy-create {id}");
    }
    match text("email") {
        Some(email) => format!("ibmcloud iam user-policy-create {email}"),
        None => "ibmcloud iam user-policy-create USER_EMAIL".to_owned(),
    }
}

/// The cause a registry's text names, as a clause for the message, and its fix.
fn explain(known: Option<Known>, asked: &Asked<'_>) -> (String, Option<String>) {
    let image = asked.image;
    let ns = one_line(image.namespace());
    let region = registry::region_of(&image.host);
    // The global registry is a geography to IAM, not a region (ICR's registry_users page).
    let place = match region {
        Some((r, _)) if r.name == registry::global().name => {
            "--attributes \"geography=global\"".to_owned()
        }
        Some((r, _)) => format!("--region {}", r.name),
        None => String::new(),
    };
    let roles = if asked.push { "Reader,Writer" } else { "Reader" };
    let policy = format!(
        "{} --service-name container-registry {place} --resource-type namespace --resource {ns} --roles {roles}",
        asked.subject
    );
    let (cause, fix) = match known {
        _ if image.host == registry::ENTITLED_REGISTRY => (
            "cp.icr.io takes username cp and an entitlement key, and refused this one",
            Some("get the key at https://myibm.ibm.com/products-services/containerlibrary".into()),
        ),
        // Another registry's words mean what that registry means by them.
        _ if !registry::served(&image.host, &[]) => return (String::new(), None),
        None => return (String::new(), None),
        // For cr-ext's own identity the namespace check (below) says where to go; a stored
        // login is replaced.
        Some(Known::NotValidOrInactive) => (
            "most often a login to another region than the namespace's (see the namespace check), else an expired token or an inactive account",
            asked.replace.clone(),
        ),
        Some(Known::InsufficientScope) => (
            "the identity's IAM policies do not grant this action on the namespace, or a context-based restriction blocks this network",
            Some(policy),
        ),
        Some(Known::NotAuthorized) => {
            ("no IAM policy gives this identity access to the namespace", Some(policy))
        }
        Some(Known::PrivateOnly) => (
            "the account allows only private-network access",
            Some(match region {
                Some((r, _)) => format!(
                    "pull over IBM Cloud's private network from {}/{}, or (as the account's Manager) ibmcloud cr private-only --disable",
                    r.private_domain,
                    one_line(&image.path)
                ),
                None => "ibmcloud cr private-only --disable".into(),
            }),
        ),
        Some(Known::TrafficQuota) => (
            "the account's pull traffic quota for this month is used up (or wait for next month)",
            Some("ibmcloud cr quota-set --traffic MEGABYTES".into()),
        ),
        Some(Known::StorageQuota) => (
            "the account's image storage quota is used up (or delete images: ibmcloud cr image-prune-untagged)",
            Some("ibmcloud cr quota-set --storage MEGABYTES".into()),
        ),
        Some(Known::Crg0014) => (
            "IBM Cloud could not authenticate the request: an invalid or deleted API key, or a wrong account",
            asked.replace.clone().or_else(|| Some("ibmcloud iam api-keys".into())),
        ),
        Some(Known::NoCrPlugin) => (
            "the container-registry plugin of the ibmcloud CLI is missing",
            Some("ibmcloud plugin install container-registry".into()),
        ),
        Some(Known::Denied) => ("the registry denies this identity this action", Some(policy)),
    };
    (format!(" (cause: {cause})"), fix)
}

/// Where the namespace is: this region's list, and in parallel every other region's.
fn namespace_check(
    http: &Http,
    image: &ImageRef,
    identity: Option<&Identity>,
    checks: &mut Vec<Check>,
) -> Option<String> {
    let ns = image.namespace().to_owned();
    let ns_shown = one_line(&ns);
    let here = registry::region_of(&image.host).map(|(r, _)| r);
    let Some(id) = identity else {
        checks.push(Check::new(
            "namespace",
            Status::Warn,
            format!("cannot list the account's namespaces without an IBM Cloud identity, so where {ns_shown} is stays unknown"),
            None,
        ));
        return None;
    };
    let Some(account) = id.account() else {
        checks.push(Check::new(
            "namespace",
            Status::Warn,
            "the identity's token names no account, so its namespaces cannot be listed",
            None,
        ));
        return None;
    };
    let answers = ask_regions(http, here, &id.token, &account);
    let holding: Vec<&str> = answers
        .iter()
        .filter(|(_, names)| names.as_ref().is_ok_and(|n| n.contains(&ns)))
        .map(|(r, _)| r.domain)
        .collect();
    let (failed, unasked) = unanswered(&answers);
    let asked = answers.len() - failed;
    let using = here.map_or_else(|| one_line(&image.host), |r| r.domain.to_owned());
    let path = one_line(&image.path);
    if let Some(region) = here
        && holding.contains(&region.domain)
    {
        checks.push(Check::new(
            "namespace",
            Status::Ok,
            format!("namespace {ns_shown} is in {} (account {account}), where you are: the refusal is about access, not the region{unasked}", region.domain),
            None,
        ));
        return None;
    }
    if let Some(found) = holding.first() {
        let verdict = format!("namespace {ns_shown} is in {found}; you are using {using}");
        checks.push(Check::new(
            "namespace",
            Status::Fail,
            format!("{verdict} (account {account}){unasked}"),
            Some(format!(
                "use {found}/{path}{}{}",
                one_line(&image.tail),
                registry::REGIONS
                    .iter()
                    .find(|r| r.domain == *found)
                    .map(|r| format!(", and cr-ext configure --region {}", r.name))
                    .unwrap_or_default()
            )),
        ));
        return Some(verdict);
    }
    if asked == 0 {
        checks.push(Check::new(
            "namespace",
            Status::Warn,
            format!("no region's namespace list could be read{unasked}"),
            None,
        ));
        return None;
    }
    if failed > 0 {
        // Not all regions answered: the namespace may be in one that did not.
        checks.push(Check::new(
            "namespace",
            Status::Warn,
            format!(
                "namespace {ns_shown} is in none of the {asked} region(s) that answered (account {account}){unasked}"
            ),
            None,
        ));
        return None;
    }
    let verdict = format!("no region of account {account} has a namespace {ns_shown}");
    checks.push(Check::new(
        "namespace",
        Status::Fail,
        format!("{verdict} (all {asked} regions asked)"),
        Some(format!(
            "ibmcloud cr region-set {} && ibmcloud cr namespace-add {ns_shown}",
            here.map_or("REGION", |r| r.name)
        )),
    ));
    Some(verdict)
}

/// How many regions gave no namespace list, and a clause naming them and why.
fn unanswered(answers: &[Answered]) -> (usize, String) {
    let failed: Vec<(&str, String)> = answers
        .iter()
        .filter_map(|(r, names)| names.as_ref().err().map(|why| (r.domain, one_line(why))))
        .collect();
    if failed.is_empty() {
        return (0, String::new());
    }
    let mut reasons: Vec<&str> = failed.iter().map(|(_, why)| why.as_str()).collect();
    reasons.sort_unstable();
    reasons.dedup();
    reasons.truncate(2);
    let clause = format!(
        "; no answer from {} region(s): {} ({})",
        failed.len(),
        failed.iter().map(|(d, _)| *d).collect::<Vec<_>>().join(", "),
        reasons.join("; ")
    );
    (failed.len(), clause)
}

/// One region's namespace list, or why there is none.
type Answered = (&'static registry::Region, std::result::Result<Vec<String>, String>);

/// Every region's namespace list, asked in parallel: `here` with a request's own timeout,
/// the others with [`REGIONS_TIMEOUT`] at most.
fn ask_regions(
    http: &Http,
    here: Option<&'static registry::Region>,
    token: &Secret,
    account: &str,
) -> Vec<Answered> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = registry::REGIONS
            .iter()
            .map(|region| {
                let cap = (Some(region) != here).then_some(REGIONS_TIMEOUT);
                scope.spawn(move || {
                    (region, probe::namespaces(http, region.domain, token, account, cap))
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    })
}

/// The verdict when no single finding decides it: the first failure, else all clear.
fn summary(checks: &[Check], image: Option<&ImageRef>, push: bool) -> String {
    if let Some(first) = checks.iter().find(|c| c.status == Status::Fail) {
        return match &first.fix {
            Some(fix) => format!("{}: {}; fix: {fix}", first.id, first.message),
            None => format!("{}: {}", first.id, first.message),
        };
    }
    match image {
        Some(image) => format!(
            "nothing in the way: {} {}/{}{} should work",
            if push { "pull and push of" } else { "a pull of" },
            one_line(&image.host),
            one_line(&image.path),
            one_line(&image.tail)
        ),
        None => "nothing in the way: the identity and every client's set-up are usable".into(),
    }
}
