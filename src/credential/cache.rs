//! The credential helper's token cache, so that a pull costs no IAM round trip: one file per
//! (API key, IAM endpoint) under `${XDG_CACHE_HOME:-~/.cache}/cr-ext/` (directory 0700, files
//! 0600, written to a temporary file then renamed), named by a SHA-256 of the pair, so that
//! switching keys or accounts can never serve another key's token. The key itself is never
//! written. A token is served while more than [`margin`] of its life is left; a corrupt or
//! foreign file is ignored (and replaced by the next store). `CR_EXT_NO_CACHE=1` turns it off.

use std::path::PathBuf;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::jwt;
use crate::env;
use crate::files;
use crate::secret::Secret;
use crate::sys;

/// The cache's format version.
const VERSION: u64 = 1;
/// The least life a served token keeps: 5 minutes.
pub(crate) const MIN_MARGIN_SECS: i64 = 300;

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

/// The slot for `apikey` at `endpoint`, unless the cache is off or has no home.
#[must_use]
pub(crate) fn slot(apikey: &Secret, endpoint: &str) -> Option<Slot> {
    if env::get(env::CR_EXT_NO_CACHE).is_some_and(|v| v.trim() != "0") {
        return None;
    }
    let dir = crate::dirs::Place::here().cache_dir()?;
    let mut hasher = Sha256::new();
    hasher.update(apikey.expose().as_bytes());
    hasher.update([0]);
    hasher.update(endpoint.trim_end_matches('/').as_bytes());
    let hash = hasher.finalize().iter().fold(String::new(), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    });
    Some(Slot { dir, hash })
}

impl Slot {
    fn file(&self) -> PathBuf {
        self.dir.join(format!("token-{}.json", &self.hash[..32]))
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
        if !self.dir.exists() {
            let _ = sys::create_private_dir(&self.dir);
        }
        // The directory holds tokens: only its owner may list or enter it.
        let _ = sys::make_dir_private(&self.dir);
        let _ = files::write_atomic(&self.file(), doc.to_string().as_bytes(), 0o600);
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
