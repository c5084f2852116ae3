//! The credential helper's token cache, so that a pull costs no IAM round trip: one file per
//! (API key, IAM endpoint) under cr-ext's cache directory (`dirs`: `${XDG_CACHE_HOME:-~/.cache}/cr-ext/` on Linux) (directory 0700, files
//! 0600, written to a temporary file then renamed), named by a SHA-256 of the pair, so that
//! switching keys or accounts can never serve another key's token. The key itself is never
//! written. A token is served while more than [`margin`] of its life is left; a corrupt or
//! foreign file is ignored (and replaced by the next store). `CR_EXT_NO_CACHE=1` turns it off.
//! One fetch at a time per slot: parallel gets wait on the slot's lock and then take the
//! token the first one stored. A failure is remembered for [`FAILURE_SECS`] (its scrubbed
//! message and hint, never a secret), so a client asking two or three times waits once.
//! A cache directory that is a symlink is not used (its target is never chmod'ed), and root
//! never writes into a directory another user owns (`sudo` keeping the user's HOME would
//! leave that user a cache they cannot write); both are said in the trace.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::jwt;
use crate::env;
use crate::files;
use crate::output::trace;
use crate::secret::Secret;
use crate::sys;

/// The cache's format version.
const VERSION: u64 = 1;
/// The least life a served token keeps: 5 minutes.
pub(crate) const MIN_MARGIN_SECS: i64 = 300;
/// How long a failure is remembered: long enough to cover a client's retries.
pub(crate) const FAILURE_SECS: i64 = 10;

/// Serve a token only while it has more than this left: the larger of 5 minutes and 20 % of
/// its whole life (`exp - iat`).
#[must_use]
pub(crate) fn margin(iat: i64, exp: i64) -> i64 {
    MIN_MARGIN_SECS.max(exp.saturating_sub(iat) / 5)
}

/// A cache entry's place: its directory and the hash of (key, endpoint).
pub(crate) struct Slot {
    dir: PathBuf,
    hash: String,
}

/// The slot for `apikey` at `endpoint`, unless the cache is off or has no usable home.
#[must_use]
pub(crate) fn slot(apikey: &Secret, endpoint: &str) -> Option<Slot> {
    slot_of(apikey.expose(), endpoint.trim_end_matches('/'))
}

/// The slot of the ibmcloud CLI session whose refresh (or access) token is `session`: it only
/// remembers failures, and a new login is a new slot.
#[must_use]
pub(crate) fn session_slot(session: &str) -> Option<Slot> {
    slot_of(session, "ibmcloud session")
}

/// The slot of an identity without an API key, named by `scope` (its kind, token file or
/// metadata service, profile and IAM endpoint; never a token).
#[must_use]
pub(crate) fn scope_slot(scope: &[String]) -> Option<Slot> {
    slot_of("identity without a key", &scope.join("\0"))
}

/// The cache directory of this run, when a command chose it (the kubelet provider's
/// `--cache-dir`).
static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Caches in `dir` for the rest of this run.
pub(crate) fn use_dir(dir: PathBuf) {
    let _ = DIR.set(dir);
}

fn slot_of(secret: &str, scope: &str) -> Option<Slot> {
    if env::get(env::CR_EXT_NO_CACHE).is_some_and(|v| v.trim() != "0") {
        return None;
    }
    let dir = DIR.get().cloned().or_else(|| crate::dirs::Place::here().cache_dir())?;
    if let Err(why) = usable(&dir) {
        trace(&format!("token cache not used: {why}"));
        return None;
    }
    let mut hasher = Sha256::new();
    hasher.update(secret.as_bytes());
    hasher.update([0]);
    hasher.update(scope.as_bytes());
    let hash = hasher.finalize().iter().fold(String::new(), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    Some(Slot { dir, hash })
}

/// Whether cr-ext may use `dir` as its cache: not a symlink, and, for root, not in a place
/// another user owns (the nearest part of it that exists).
fn usable(dir: &Path) -> Result<(), String> {
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(format!("{} is a symlink", dir.display()));
    }
    let Some(me) = sys::uid().filter(|&u| u == 0) else { return Ok(()) };
    let mut at = Some(dir);
    while let Some(path) = at {
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            return match sys::owner_of(&meta) {
                Some(owner) if owner != me => Err(format!(
                    "{} belongs to uid {owner}, and this run is uid {me} (another user's HOME, as with sudo); set XDG_CACHE_HOME for this user",
                    path.display()
                )),
                _ => Ok(()),
            };
        }
        at = path.parent();
    }
    Ok(())
}

/// A failure remembered by [`Slot::failure`].
#[derive(Debug)]
pub(crate) struct Failure {
    /// What failed, scrubbed.
    pub(crate) message: String,
    /// Its hint, scrubbed.
    pub(crate) hint: Option<String>,
    /// How long ago, in seconds.
    pub(crate) ago: i64,
}

impl Slot {
    fn file(&self) -> PathBuf {
        self.dir.join(format!("token-{}.json", &self.hash[..32]))
    }

    fn failure_file(&self) -> PathBuf {
        self.dir.join(format!("failed-{}.json", &self.hash[..32]))
    }

    fn make_dir(&self) -> bool {
        if !self.dir.exists() && sys::create_private_dir(&self.dir).is_err() {
            return false;
        }
        // The directory holds tokens: only its owner may list or enter it. `usable` refused
        // a symlink, so this never changes another directory's mode.
        let _ = sys::make_dir_private(&self.dir);
        true
    }

    /// Takes the slot's lock, so that one process fetches while the others wait, at most
    /// `wait`; `None` when it cannot be had (then the caller fetches on its own).
    #[must_use]
    pub(crate) fn lock(&self, wait: Duration) -> Option<files::Lock> {
        if !self.make_dir() {
            return None;
        }
        match files::lock(&self.file(), wait, |_| {
            trace("waiting for another get fetching the same token");
        }) {
            Ok(lock) => Some(lock),
            Err(e) => {
                trace(&format!("token cache not locked: {}", crate::error::Error::from(e)));
                None
            }
        }
    }

    /// The failure remembered at most [`FAILURE_SECS`] before `now`.
    #[must_use]
    pub(crate) fn failure(&self, now: i64) -> Option<Failure> {
        let bytes = files::read_capped(&self.failure_file(), 16 << 10).ok()?;
        let doc: Value = serde_json::from_slice(&bytes).ok()?;
        if doc["version"].as_u64() != Some(VERSION) || doc["key"].as_str() != Some(&self.hash) {
            return None;
        }
        let ago = now.checked_sub(doc["at"].as_i64()?)?;
        if !(0..FAILURE_SECS).contains(&ago) {
            return None;
        }
        Some(Failure {
            message: doc["message"].as_str()?.to_owned(),
            hint: doc["hint"].as_str().map(str::to_owned),
            ago,
        })
    }

    /// Remembers a failure at `now`: `message` and `hint` must be scrubbed already.
    pub(crate) fn remember_failure(&self, message: &str, hint: Option<&str>, now: i64) {
        let doc = json!({
            "version": VERSION,
            "key": self.hash,
            "at": now,
            "message": message,
            "hint": hint,
        });
        if self.make_dir() {
            let _ = files::write_atomic(&self.failure_file(), doc.to_string().as_bytes(), 0o600);
        }
    }

    /// Forgets a remembered failure (a fetch succeeded).
    pub(crate) fn forget_failure(&self) {
        let _ = std::fs::remove_file(self.failure_file());
    }

    /// The cached token with its claims, when present, well formed, for this slot's key, and
    /// fresh past the margin at `now`.
    #[must_use]
    pub(crate) fn load(&self, now: i64) -> Option<jwt::Token> {
        let bytes = files::read_capped(&self.file(), 64 << 10).ok()?;
        let doc: Value = serde_json::from_slice(&bytes).ok()?;
        if doc["version"].as_u64() != Some(VERSION) || doc["key"].as_str() != Some(&self.hash) {
            return None;
        }
        let token = doc["access_token"].as_str()?;
        let claims = jwt::decode(token).ok()?;
        let iat = claims.raw.get("iat").and_then(Value::as_i64).or(doc["fetched_at"].as_i64())?;
        if claims.expires_in(now) <= margin(iat, claims.exp) {
            return None;
        }
        Some(jwt::Token { secret: Secret::new(token.to_owned()), claims })
    }

    /// Stores `token`, fetched at `now`. Failing to cache is not an error: the token is good.
    pub(crate) fn store(&self, token: &Secret, now: i64) {
        let doc = json!({
            "version": VERSION,
            "key": self.hash,
            "access_token": token.expose(),
            "fetched_at": now,
        });
        if self.make_dir() {
            let _ = files::write_atomic(&self.file(), doc.to_string().as_bytes(), 0o600);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_is_the_larger_of_five_minutes_and_a_fifth() {
        assert_eq!(margin(0, 3600), 720);
        assert_eq!(margin(0, 600), 300);
        assert_eq!(margin(0, i64::MAX), i64::MAX / 5);
    }
}
