//! The one error type of cr-ext. Each variant knows its message, the hint that tells the user
//! how to fix it, and the exit code it maps to. Nothing here prints; `output` renders errors.

use std::fmt;
use std::path::PathBuf;

/// The exit codes: the one table that `--help`, the man pages and (by a test) the README show.
pub(crate) mod exit {
    /// Every requested action succeeded.
    pub(crate) const SUCCESS: u8 = 0;
    /// Something failed (a client refused the login, bad output from a child, ...).
    pub(crate) const FAILURE: u8 = 1;
    /// The command line or the environment asked for something invalid.
    pub(crate) const USAGE: u8 = 2;
    /// No usable IBM Cloud credential: no session, an expired or rejected token or key.
    pub(crate) const NOT_AUTHENTICATED: u8 = 4;
    /// Base of the codes for a fatal signal: 128 + its number.
    pub(crate) const SIGNAL_BASE: u8 = 128;
    /// Interrupted by Ctrl-C (SIGINT).
    pub(crate) const INTERRUPTED: u8 = 130;

    /// Every code: number, short text (help), long text (man page).
    pub(crate) const TABLE: &[(u8, &str, &str)] = &[
        (SUCCESS, "success", "Success."),
        (
            FAILURE,
            "failure (a client refused the login, a child failed or timed out, IAM failed, ...)",
            "Failure: a client refused the login, a child failed or timed out, IAM was unreachable or failing, a file could not be read or locked.",
        ),
        (
            USAGE,
            "usage error (bad flag or value, unknown region, malformed --registry, bad API key)",
            "Usage error: a bad flag or environment value, an unknown region, a malformed --registry, an unusable API key.",
        ),
        (
            NOT_AUTHENTICATED,
            "not authenticated with IBM Cloud (no session, expired or rejected credential)",
            "Not authenticated with IBM Cloud: no session, an expired token, a key or token IAM rejected.",
        ),
        (
            129,
            "hangup (SIGHUP): children stopped, then cr-ext ends by the signal",
            "Hangup (SIGHUP): every child was stopped, then cr-ext ended by the same signal (a shell shows 128 + 1).",
        ),
        (
            INTERRUPTED,
            "interrupted (SIGINT, Ctrl-C): children stopped, then cr-ext ends by the signal",
            "Interrupted (SIGINT, Ctrl-C): every child was stopped, then cr-ext ended by the same signal (a shell shows 128 + 2, and a shell loop stops).",
        ),
        (
            143,
            "terminated (SIGTERM): children stopped, then cr-ext ends by the signal",
            "Terminated (SIGTERM): every child was stopped, then cr-ext ended by the same signal (a shell shows 128 + 15).",
        ),
    ];

    /// The `Exit status:` block printed after `--help`.
    #[must_use]
    pub(crate) fn help() -> String {
        use std::fmt::Write as _;
        let mut text = String::from("Exit status:");
        for (code, short, _) in TABLE {
            let _ = write!(text, "\n  {code:<4} {short}");
        }
        text
    }
}

/// What an IAM admin API said when it refused a request (DESIGN.md §12's error body), scrubbed.
#[derive(Debug)]
pub(crate) struct AdminAnswer {
    /// `errors[0].code`.
    pub(crate) code: Option<String>,
    /// The identity API's `BXNIM…` code.
    pub(crate) message_code: Option<String>,
    pub(crate) message: String,
    /// What IAM added to the message (text, or an object shown as compact JSON).
    pub(crate) details: Option<String>,
    /// The trace id that lets IBM support find the request.
    pub(crate) trace: Option<String>,
}

/// `, code, message_code): message: details (trace …)`, to follow "(HTTP 409".
impl fmt::Display for AdminAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let AdminAnswer { code, message_code, message, details, trace } = self;
        for code in [code, message_code].into_iter().flatten() {
            write!(f, ", {code}")?;
        }
        match details {
            Some(details) => write!(f, "): {}: {details}", message.trim_end_matches('.'))?,
            None => write!(f, "): {message}")?,
        }
        if let Some(trace) = trace {
            write!(f, " (trace {trace})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong, with enough context to say how to fix it.
#[derive(Debug)]
pub(crate) enum Error {
    /// An argument or environment value that cannot be used.
    Usage { message: String, hint: Option<String> },
    /// `ibmcloud` is not on PATH.
    CliMissing,
    /// `ibmcloud` says there is no session.
    NotLoggedIn,
    /// The session token expired (or expires within seconds).
    TokenExpired { expired_ago_secs: i64 },
    /// `ibmcloud` exited non-zero for another reason.
    CliFailed { status: String, message: String },
    /// `ibmcloud` printed something cr-ext cannot read.
    CliOutput { what: String },
    /// The token is not a JWT or its claims are unusable.
    BadToken { what: String },
    /// No supported client on PATH.
    NoClient,
    /// The client named by `--client` or `CR_EXT_CLIENT` is not on PATH.
    ClientMissing { name: String },
    /// A child ran past `--timeout`.
    TimedOut { program: String, secs: u64 },
    /// A child could not be started.
    Spawn { program: String, source: std::io::Error },
    /// Waiting for a child that was started failed.
    Wait { program: String, source: std::io::Error },
    /// A client's login or logout failed.
    ClientFailed {
        client: String,
        action: &'static str,
        registry: String,
        status: String,
        message: String,
    },
    /// Some of several targets failed (each was reported).
    SomeFailed { failed: usize, total: usize, what: &'static str },
    /// IAM could not be reached, or kept failing (5xx, 429) after the retries.
    IamUnavailable { endpoint: String, reason: String },
    /// IAM answered 200 with something unusable.
    IamResponse { what: String },
    /// IAM refused the credential (or the request).
    IamRejected { status: u16, code: Option<String>, message: String, request_id: Option<String> },
    /// `--as refresh` without an API key, and the CLI session holds no refresh token.
    NoRefreshToken,
    /// A file could not be written.
    Write { path: PathBuf, source: std::io::Error },
    /// The CLI's config.json is not a JSON object.
    IbmcloudConfig { problem: String },
    /// A file cr-ext reads (CLI config, credentials file) is unusable.
    File { path: PathBuf, why: String },
    /// Another process held the lock on a credentials file too long.
    LockBusy { lock: PathBuf, secs: u64 },
    /// IAM answered with a redirect, which is never followed.
    IamRedirect { status: u16, location: String },
    /// An IAM admin API refused a request.
    IamAdmin { status: u16, action: String, answer: Box<AdminAnswer> },
    /// A service-key step that cannot go on (a name taken, an incomplete rollback).
    ServiceKey { message: String, hint: String },
    /// kubectl is not on PATH.
    KubectlMissing,
    /// kubectl failed.
    Kubectl { action: String, status: String, message: String },
    /// A fatal signal (SIGINT, SIGTERM, SIGHUP) stopped the run.
    Interrupted { signal: i32 },
    /// No usable identity without an API key (no token file, an expired token).
    Identity { message: String, hint: String },
    /// IAM or the metadata service refused a trusted-profile exchange.
    WorkloadRejected {
        status: u16,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
        what: String,
        hint: String,
    },
    /// The VPC instance metadata service could not be used.
    Metadata { endpoint: String, reason: String, hint: String },
    /// The credential helper's failure of a few seconds ago, not tried again yet (its
    /// message and hint, scrubbed when they were remembered).
    Remembered { message: String, hint: Option<String>, ago_secs: i64, again_in_secs: i64 },
}

impl Error {
    /// A usage error with a hint.
    pub(crate) fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), hint: Some(hint.into()) }
    }

    /// The process exit code this error maps to.
    #[must_use]
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Error::Usage { .. } => exit::USAGE,
            Error::CliMissing
            | Error::NotLoggedIn
            | Error::TokenExpired { .. }
            | Error::NoRefreshToken
            | Error::Identity { .. }
            | Error::IamAdmin { status: 401, .. } => exit::NOT_AUTHENTICATED,
            Error::IamRejected { status, .. } | Error::WorkloadRejected { status, .. }
                if *status < 500 && *status != 429 =>
            {
                exit::NOT_AUTHENTICATED
            }
            Error::Interrupted { signal } => {
                exit::SIGNAL_BASE.saturating_add(u8::try_from(*signal).unwrap_or(0))
            }
            _ => exit::FAILURE,
        }
    }

    /// What to do about it, when there is something to say.
    #[must_use]
    pub(crate) fn hint(&self) -> Option<String> {
        let hint = match self {
            Error::Usage { hint, .. } | Error::Remembered { hint, .. } => return hint.clone(),
            Error::CliMissing => {
                "install the IBM Cloud CLI (https://cloud.ibm.com/docs/cli) and run `ibmcloud login`"
            }
            Error::NotLoggedIn | Error::TokenExpired { .. } => {
                "run `ibmcloud login` (or `ibmcloud login --sso`), then try again"
            }
            Error::CliFailed { .. } | Error::CliOutput { .. } | Error::BadToken { .. } => {
                "check `ibmcloud iam oauth-tokens` by hand; `ibmcloud login` starts a fresh session"
            }
            Error::NoClient => "install podman or docker, or name one with `--client`",
            Error::ClientMissing { name } => {
                return Some(format!(
                    "install {name}, or pick another client with `--client` (see `cr-ext clients`)"
                ));
            }
            Error::TimedOut { .. } => {
                "raise the limit with `--timeout SECONDS` if the network is slow"
            }
            Error::ClientFailed { action: "log in to", .. } => {
                "check that your IAM identity has access to the registry (`ibmcloud cr namespaces`), or log in again with `ibmcloud login`"
            }
            Error::ClientFailed { .. } => "run the client's command by hand to see more",
            Error::SomeFailed { .. } => "each failure is shown above; the other targets succeeded",
            Error::IamUnavailable { .. } => {
                "check the network and the endpoint (--iam-endpoint, IAM_ENDPOINT); IAM may be busy, try again"
            }
            Error::IamResponse { .. } => {
                "check --iam-endpoint / IAM_ENDPOINT points at IBM Cloud IAM"
            }
            Error::IamRejected { code, status, .. } => {
                return Some(iam_hint(code.as_deref(), *status));
            }
            Error::NoRefreshToken => {
                "run `ibmcloud login` for a session with a refresh token, or pass an API key (IBMCLOUD_API_KEY)"
            }
            Error::IbmcloudConfig { .. } => {
                "check the file by hand; `ibmcloud login` writes a fresh one"
            }
            Error::File { .. } => {
                "make it a regular file of sane size that you can read, or move it away"
            }
            Error::LockBusy { .. } => {
                "another cr-ext run is logging in or out with the same credentials file; wait for it, or raise --timeout"
            }
            Error::IamRedirect { .. } => {
                "IAM never redirects its token API: check --iam-endpoint / IAM_ENDPOINT and any proxy in between"
            }
            Error::IamAdmin { status: 401, .. } => {
                "your IAM token was refused (expired?): run `ibmcloud login` again, or check IBMCLOUD_API_KEY"
            }
            Error::IamAdmin { status: 403, .. } => {
                "your identity lacks the IAM access to manage service IDs, policies or API keys in this account (ask an administrator for the IAM Identity Service and IAM Access Management roles)"
            }
            Error::IamAdmin { status, .. } if *status == 429 || *status >= 500 => {
                "IAM is busy or failing; try again in a minute"
            }
            Error::IamAdmin { .. } => {
                "the message above is IAM's; the trace id lets IBM support find the request"
            }
            Error::ServiceKey { hint, .. }
            | Error::Identity { hint, .. }
            | Error::WorkloadRejected { hint, .. }
            | Error::Metadata { hint, .. } => return Some(hint.clone()),
            Error::KubectlMissing => {
                "install kubectl (or oc), or leave out --apply and pipe the manifest yourself"
            }
            Error::Kubectl { .. } => {
                "check kubectl's context and access (--context, --kubeconfig, `kubectl auth can-i create secrets`)"
            }
            Error::Spawn { .. }
            | Error::Wait { .. }
            | Error::Write { .. }
            | Error::Interrupted { .. } => return None,
        };
        Some(hint.to_owned())
    }
}

/// What to do about an IAM error code (DESIGN.md §5 lists those seen in the field).
fn iam_hint(code: Option<&str>, status: u16) -> String {
    match code {
        Some("BXNIM0415E") => {
            "the API key was not found in this account: check it with `ibmcloud iam api-keys`, or create one".into()
        }
        Some("BXNIM0407E") => "IAM found the token invalid: run `ibmcloud login` again".into(),
        Some("BXNIM0408E") => "the refresh token expired: run `ibmcloud login` again".into(),
        Some("BXNIM0439E") => "the IBM Cloud session is inactive: run `ibmcloud login` again".into(),
        Some("BXNIM0400E") => {
            "the account requires multi-factor authentication: log in with `ibmcloud login --sso`, or use a service ID's API key".into()
        }
        Some("BXNIM0137E") => "the refresh token belongs to another client id: run `ibmcloud login` again".into(),
        _ if status == 429 || status >= 500 => "IAM is busy or failing; try again in a minute".into(),
        _ => "check the API key (IBMCLOUD_API_KEY, --apikey-file, --apikey-stdin) or run `ibmcloud login`".into(),
    }
}

/// `(HTTP 400, CODE): message (requestId ID)`.
fn refusal(
    f: &mut fmt::Formatter<'_>,
    status: u16,
    code: Option<&str>,
    message: &str,
    request_id: Option<&str>,
) -> fmt::Result {
    write!(f, "(HTTP {status}")?;
    if let Some(code) = code {
        write!(f, ", {code}")?;
    }
    write!(f, "): {message}")?;
    if let Some(id) = request_id {
        write!(f, " (requestId {id})")?;
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage { message, .. }
            | Error::ServiceKey { message, .. }
            | Error::Identity { message, .. } => f.write_str(message),
            Error::WorkloadRejected { status, code, message, request_id, what, .. } => {
                write!(f, "{what} was refused ")?;
                refusal(f, *status, code.as_deref(), message, request_id.as_deref())
            }
            Error::Metadata { endpoint, reason, .. } => {
                write!(
                    f,
                    "cannot get an identity from the VPC instance metadata service {endpoint}: {reason}"
                )
            }
            Error::CliMissing => f.write_str("the IBM Cloud CLI (`ibmcloud`) is not on PATH"),
            Error::NotLoggedIn => f.write_str("not logged in to IBM Cloud"),
            Error::TokenExpired { expired_ago_secs } if *expired_ago_secs >= 0 => {
                write!(f, "the IBM Cloud session token expired {expired_ago_secs} s ago")
            }
            Error::TokenExpired { expired_ago_secs } => write!(
                f,
                "the IBM Cloud session token expires in {} s, too soon to use",
                -expired_ago_secs
            ),
            Error::CliFailed { status, message } if message.is_empty() => {
                write!(f, "`ibmcloud iam oauth-tokens` failed ({status})")
            }
            Error::CliFailed { status, message } => {
                write!(f, "`ibmcloud iam oauth-tokens` failed ({status}): {message}")
            }
            Error::CliOutput { what } => {
                write!(f, "cannot read the output of `ibmcloud iam oauth-tokens`: {what}")
            }
            Error::BadToken { what } => write!(f, "the IBM Cloud token is unusable: {what}"),
            Error::NoClient => f.write_str(
                "no container client found on PATH (looked for docker, podman, buildah, skopeo)",
            ),
            Error::ClientMissing { name } => write!(f, "container client '{name}' is not on PATH"),
            Error::TimedOut { program, secs } => {
                write!(f, "`{program}` did not finish within {secs} s and was stopped")
            }
            Error::Spawn { program, source } => write!(f, "cannot run `{program}`: {source}"),
            Error::Wait { program, source } => {
                write!(f, "lost track of `{program}` while waiting for it: {source}")
            }
            Error::ClientFailed { client, action, registry, status, message }
                if message.is_empty() =>
            {
                write!(f, "{client} could not {action} '{registry}' ({status})")
            }
            Error::ClientFailed { client, action, registry, status, message } => {
                write!(f, "{client} could not {action} '{registry}' ({status}): {message}")
            }
            Error::SomeFailed { failed, total, what } => {
                write!(f, "{failed} of {total} {what} failed")
            }
            Error::IamUnavailable { endpoint, reason } => {
                write!(f, "IAM at {endpoint} is unavailable: {reason}")
            }
            Error::IamResponse { what } => write!(f, "unexpected answer from IAM: {what}"),
            Error::Remembered { message, ago_secs, again_in_secs, .. } => write!(
                f,
                "{message} ({ago_secs} s ago; tried again in {again_in_secs} s, not before)"
            ),
            Error::IamRejected { status, code, message, request_id } => {
                write!(f, "IAM refused the request ")?;
                refusal(f, *status, code.as_deref(), message, request_id.as_deref())
            }
            Error::NoRefreshToken => {
                f.write_str("the ibmcloud CLI session holds no refresh token (IAMRefreshToken)")
            }
            Error::Write { path, source } => write!(f, "cannot write {}: {source}", path.display()),
            Error::IbmcloudConfig { problem } => {
                write!(f, "the ibmcloud CLI config is unusable: {problem}")
            }
            Error::File { path, why } => write!(f, "cannot use {}: {why}", path.display()),
            Error::LockBusy { lock, secs } => {
                write!(f, "{} stayed locked by another process for {secs} s", lock.display())
            }
            Error::IamRedirect { status, location } => write!(
                f,
                "IAM answered with a redirect (HTTP {status}) to {location}; redirects are never followed"
            ),
            Error::IamAdmin { status, action, answer } => {
                write!(f, "IAM refused to {action} (HTTP {status}{answer}")
            }
            Error::KubectlMissing => f.write_str("kubectl is not on PATH"),
            Error::Kubectl { action, status, message } if message.is_empty() => {
                write!(f, "kubectl could not {action} ({status})")
            }
            Error::Kubectl { action, status, message } => {
                write!(f, "kubectl could not {action} ({status}): {message}")
            }
            Error::Interrupted { signal } => f.write_str(match *signal {
                1 => "hangup (SIGHUP)",
                15 => "terminated (SIGTERM)",
                _ => "interrupted",
            }),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Spawn { source, .. }
            | Error::Wait { source, .. }
            | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The result type used across cr-ext.
pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_errors_keep_their_source() {
        use std::error::Error as _;
        let io = || std::io::Error::other("broken pipe");
        for error in [
            Error::Spawn { program: "podman".into(), source: io() },
            Error::Wait { program: "podman".into(), source: io() },
            Error::Write { path: "f".into(), source: io() },
        ] {
            assert_eq!(error.source().map(ToString::to_string).as_deref(), Some("broken pipe"));
        }
        assert!(Error::NoClient.source().is_none());
        let wait = Error::Wait { program: "podman".into(), source: io() };
        assert_eq!(wait.to_string(), "lost track of `podman` while waiting for it: broken pipe");
    }

    #[test]
    fn exit_codes_follow_the_documented_table() {
        assert_eq!(Error::usage("x", "y").exit_code(), 2);
        assert_eq!(Error::NotLoggedIn.exit_code(), 4);
        assert_eq!(Error::TokenExpired { expired_ago_secs: 5 }.exit_code(), 4);
        assert_eq!(Error::CliMissing.exit_code(), 4);
        assert_eq!(Error::NoClient.exit_code(), 1);
        assert_eq!(Error::Interrupted { signal: 2 }.exit_code(), 130);
        assert_eq!(Error::Interrupted { signal: 15 }.exit_code(), 143);
        assert_eq!(Error::Interrupted { signal: 1 }.exit_code(), 129);
        for (code, _, _) in exit::TABLE {
            assert!(exit::help().contains(&format!("\n  {code:<4} ")), "{code}");
        }
    }

    #[test]
    fn every_auth_error_hints_at_ibmcloud_login() {
        for e in [Error::NotLoggedIn, Error::TokenExpired { expired_ago_secs: 1 }] {
            assert!(e.hint().unwrap().contains("ibmcloud login"), "{e}");
        }
    }
}
