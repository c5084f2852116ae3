//! What a client will send to a registry host, found the way the client itself looks
//! (DESIGN.md §10): docker reads its `config.json` only, `credHelpers[host]` first (the exact
//! key), then
//! `credsStore`, then `auths` (with `credsStore` set, its `auths` are not read); the containers
//! tools read each of their files in order (the runtime or `REGISTRY_AUTH_FILE` file, their
//! persistent file, docker's config), and in each `credHelpers[host]` before `auths`, whose
//! keys are tried most specific first (`host/ns/repo`, `host/ns`, `host`); a helper that has
//! nothing sends the lookup on to the next file; `credsStore` they ignore. Read only: every
//! file is read capped, and a stored secret is kept as a [`Secret`].

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::{Map, Value};

use crate::authfile;
use crate::clients::{self, ClientKind};
use crate::credential::jwt;
use crate::helper_link;
use crate::registry;
use crate::secret::Secret;

/// Where the credential a client sends comes from.
#[derive(Debug)]
pub(crate) enum Source {
    /// cr-ext's credential helper, named in `credHelpers` (or `credsStore`) of `file`.
    OwnHelper {
        /// The file naming it.
        file: PathBuf,
    },
    /// Another credential helper.
    OtherHelper {
        /// The file naming it.
        file: PathBuf,
        /// Its name (`docker-credential-NAME`).
        name: String,
        /// Named by `credsStore` (docker's store for every host), not `credHelpers`.
        store: bool,
    },
    /// A login stored in `auths`.
    Stored(Stored),
    /// Nothing: the client goes on anonymously.
    Nothing,
}

/// A stored `auths` login.
#[derive(Debug)]
pub(crate) struct Stored {
    /// The file holding it.
    pub(crate) file: PathBuf,
    /// Its key, as stored.
    pub(crate) key: String,
    /// The registry username.
    pub(crate) username: String,
    /// The password (a token, a key).
    pub(crate) secret: Secret,
    /// For a JWT password: when it expires.
    pub(crate) expires_at: Option<i64>,
}

/// The answer for one client and host.
#[derive(Debug)]
pub(crate) struct Lookup {
    /// What the client will send.
    pub(crate) source: Source,
    /// A `credHelpers` entry naming cr-ext in a file read after the one that answered: the
    /// answer shadows it.
    pub(crate) shadowed_helper: Option<PathBuf>,
    /// Files that exist but could not be read, with why (the client fails on them too).
    pub(crate) unreadable: Vec<(PathBuf, String)>,
    /// The files looked at, in order.
    pub(crate) files: Vec<PathBuf>,
}

/// The credentials files a client reads, read once, in its order.
pub(crate) struct Files {
    kind: ClientKind,
    /// The files looked at, in order.
    paths: Vec<PathBuf>,
    /// Those that exist and hold a JSON object, in order.
    docs: Vec<(PathBuf, Map<String, Value>)>,
    /// Those that exist but could not be read, with why.
    unreadable: Vec<(PathBuf, String)>,
}

/// Reads every file `kind` reads credentials from (`clients::files_read`), each once.
#[must_use]
pub(crate) fn read(kind: ClientKind) -> Files {
    let files = clients::files_read(kind);
    let mut unreadable = Vec::new();
    let mut docs = Vec::new();
    for file in &files {
        match authfile::load(file) {
            Ok(Some(doc)) => docs.push((file.clone(), doc)),
            Ok(None) => {}
            Err(why) => unreadable.push((file.clone(), why.to_string())),
        }
    }
    Files { kind, paths: files, docs, unreadable }
}

impl Files {
    /// Every ICR host the files name (a stored login or a helper), normalized, sorted, once.
    #[must_use]
    pub(crate) fn icr_hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = self
            .docs
            .iter()
            .flat_map(|(_, doc)| authfile::icr_entries(doc))
            .map(|entry| registry::normalize(&entry.registry))
            .collect();
        hosts.sort();
        hosts.dedup();
        hosts
    }

    /// What the client sends to `host` (`host[:port]`, normalized) for the repository `path`,
    /// when cr-ext's helper serves the hosts `served` says it does.
    #[must_use]
    pub(crate) fn lookup(&self, host: &str, path: &str, served: &dyn Fn(&str) -> bool) -> Lookup {
        let kind = self.kind;
        let mut lookup = Lookup {
            source: Source::Nothing,
            shadowed_helper: None,
            unreadable: self.unreadable.clone(),
            files: self.paths.clone(),
        };
        for (n, (file, doc)) in self.docs.iter().enumerate() {
            let found = if kind.is_docker() {
                docker_entry(file, doc, host)
            } else {
                containers_entry(file, doc, host, path)
            };
            let Some(source) = found else { continue };
            // cr-ext's helper answers "not found" for a host it does not serve: the
            // containers tools then read on; docker goes on anonymously.
            if matches!(source, Source::OwnHelper { .. }) && !served(host) && !kind.is_docker() {
                continue;
            }
            if !matches!(source, Source::OwnHelper { .. }) {
                lookup.shadowed_helper = self.docs[n + 1..]
                    .iter()
                    .find(|(_, later)| helper_for(later, host) == Some(helper_link::SUFFIX))
                    .map(|(f, _)| f.clone());
            }
            lookup.source = source;
            break;
        }
        lookup
    }
}

/// The helper `credHelpers` names for `host`: its exact key, as docker and containers/image
/// look it up (a `https://host` key names no helper for either).
fn helper_for<'a>(doc: &'a Map<String, Value>, host: &str) -> Option<&'a str> {
    doc.get("credHelpers")?.as_object()?.get(host)?.as_str().filter(|h| !h.is_empty())
}

fn helper_source(file: &Path, name: &str, store: bool) -> Source {
    if name == helper_link::SUFFIX {
        Source::OwnHelper { file: file.to_path_buf() }
    } else {
        Source::OtherHelper { file: file.to_path_buf(), name: name.to_owned(), store }
    }
}

fn docker_entry(file: &Path, doc: &Map<String, Value>, host: &str) -> Option<Source> {
    if let Some(helper) = helper_for(doc, host) {
        return Some(helper_source(file, helper, false));
    }
    if let Some(store) = authfile::creds_store(doc) {
        return Some(helper_source(file, store, true));
    }
    // The exact key first, then any that normalizes to the host (docker/cli's file store).
    let auths = doc.get("auths")?.as_object()?;
    if let Some(found) = auths.get(host).and_then(|entry| stored(file, host, entry)) {
        return Some(Source::Stored(found));
    }
    auths
        .iter()
        .find(|(key, _)| registry::normalize(key) == host)
        .and_then(|(key, entry)| stored(file, key, entry))
        .map(Source::Stored)
}

fn containers_entry(
    file: &Path,
    doc: &Map<String, Value>,
    host: &str,
    path: &str,
) -> Option<Source> {
    if let Some(helper) = helper_for(doc, host) {
        return Some(helper_source(file, helper, false));
    }
    let auths = doc.get("auths")?.as_object()?;
    // Most specific first: host/ns/repo, host/ns, host; then URL-style keys.
    let mut keys: Vec<String> = Vec::new();
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for n in (0..=parts.len()).rev() {
        let mut key = host.to_owned();
        for part in &parts[..n] {
            key.push('/');
            key.push_str(part);
        }
        keys.push(key);
    }
    for key in &keys {
        if let Some(found) = auths.get(key).and_then(|entry| stored(file, key, entry)) {
            return Some(Source::Stored(found));
        }
    }
    auths
        .iter()
        .filter(|(key, _)| key.contains("://"))
        .find(|(key, _)| registry::normalize(key) == host)
        .and_then(|(key, entry)| stored(file, key, entry))
        .map(Source::Stored)
}

/// An `auths` entry with a usable `auth` (base64 of `user:secret`); `None` for an empty one,
/// which the clients skip too.
fn stored(file: &Path, key: &str, entry: &Value) -> Option<Stored> {
    let auth = entry.get("auth").and_then(Value::as_str).filter(|a| !a.trim().is_empty())?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(auth.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let (username, secret) = match decoded.as_deref().and_then(|d| d.split_once(':')) {
        Some((u, s)) => (u.to_owned(), s.to_owned()),
        None => ("(unreadable)".to_owned(), String::new()),
    };
    let expires_at = jwt::decode(&secret).ok().map(|c| c.exp);
    Some(Stored {
        file: file.to_path_buf(),
        key: key.to_owned(),
        username,
        secret: Secret::new(secret),
        expires_at,
    })
}
