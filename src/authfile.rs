//! The credentials files of docker (`config.json`) and the containers tools (`auth.json`), and
//! the `.dockerconfigjson` of a pull secret: what their JSON means. `auths` holds stored
//! logins keyed by host in any form a client writes (`host`, `https://host`,
//! `https://host/v1/`; `registry::normalize` turns each into `host[:port]`), each with `auth` =
//! base64(`user:secret`); `credHelpers` names a helper per host; `credsStore` a helper for
//! every host without an entry of its own. Here: reading a file (regular, capped), listing
//! its ICR logins, the hosts cr-ext's helper serves, and every edit cr-ext makes. Where each
//! client's files are is `clients`'s; locking and atomic writes are `files`'.

use std::path::Path;

use base64::Engine as _;
use serde_json::{Map, Value, json};

use crate::credential::jwt;
use crate::files::{self, ReadError};
use crate::registry;
use crate::secret::Secret;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// Why a credentials file that exists cannot be used.
#[derive(Debug)]
pub(crate) enum Unusable {
    /// It cannot be read (not a regular file, too large, an I/O error).
    Read(ReadError),
    /// It is not a JSON object.
    NotJson,
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Read(e) => write!(f, "cannot read it: {e}"),
            Unusable::NotJson => f.write_str("it is not valid JSON"),
        }
    }
}

/// Reads the credentials file at `path`: `None` when it does not exist (no logins).
///
/// # Errors
/// It exists but cannot be used.
pub(crate) fn load(path: &Path) -> Result<Option<Map<String, Value>>, Unusable> {
    let bytes = match files::read_capped(path, files::CONFIG_CAP) {
        Err(ReadError::Missing) => return Ok(None),
        Err(e) => return Err(Unusable::Read(e)),
        Ok(bytes) => bytes,
    };
    files::parse_object(&bytes).map(Some).ok_or(Unusable::NotJson)
}

/// One ICR login stored by a client.
#[derive(Debug, PartialEq)]
pub(crate) struct Entry {
    /// The registry host as stored.
    pub(crate) registry: String,
    /// The registry username, when the file holds the secret.
    pub(crate) username: Option<String>,
    /// The credential helper holding the secret instead (`credHelpers`, `credsStore`).
    pub(crate) helper: Option<String>,
    /// For `iambearer`: when the stored token expires.
    pub(crate) expires_at: Option<i64>,
    /// What could not be read about this entry.
    pub(crate) problem: Option<String>,
}

/// The ICR entries of a credentials file, sorted by host.
#[must_use]
pub(crate) fn icr_entries(doc: &Map<String, Value>) -> Vec<Entry> {
    let helpers = doc.get("credHelpers").and_then(Value::as_object);
    let store = doc.get("credsStore").and_then(Value::as_str).filter(|s| !s.is_empty());
    let auths = doc.get("auths").and_then(Value::as_object);
    let mut hosts: Vec<String> = Vec::new();
    if let Some(auths) = auths {
        hosts.extend(auths.keys().cloned());
    }
    if let Some(helpers) = helpers {
        hosts.extend(helpers.keys().filter(|h| !hosts.contains(h)).cloned().collect::<Vec<_>>());
    }
    hosts.retain(|h| registry::is_icr(h));
    hosts.sort();
    hosts
        .into_iter()
        .map(|host| {
            let mut entry = Entry {
                registry: host.clone(),
                username: None,
                helper: None,
                expires_at: None,
                problem: None,
            };
            if let Some(helper) = helpers.and_then(|h| h.get(&host)).and_then(Value::as_str) {
                entry.helper = Some(helper.to_owned());
                return entry;
            }
            let auth = auths
                .and_then(|a| a.get(&host))
                .and_then(|e| e.get("auth"))
                .and_then(Value::as_str)
                .filter(|a| !a.is_empty());
            match (auth, store) {
                (Some(auth), _) => read_auth(auth, &mut entry),
                (None, Some(store)) => entry.helper = Some(store.to_owned()),
                (None, None) => entry.problem = Some("no auth stored".into()),
            }
            entry
        })
        .collect()
}

fn read_auth(auth: &str, entry: &mut Entry) {
    let decoded = B64.decode(auth.trim()).ok().and_then(|b| String::from_utf8(b).ok());
    let Some((user, secret)) = decoded.as_deref().and_then(|d| d.split_once(':')) else {
        entry.problem = Some("its auth is not base64 of user:secret".into());
        return;
    };
    entry.username = Some(user.to_owned());
    if user == "iambearer" {
        match jwt::decode(secret) {
            Ok(claims) => entry.expires_at = Some(claims.exp),
            Err(why) => entry.problem = Some(format!("the stored token is {why}")),
        }
    }
}

/// The hosts whose `credHelpers` entry names the helper `suffix`, in file order.
#[must_use]
pub(crate) fn helper_hosts(doc: &Map<String, Value>, suffix: &str) -> Vec<String> {
    let Some(helpers) = doc.get("credHelpers").and_then(Value::as_object) else {
        return Vec::new();
    };
    helpers.iter().filter(|(_, h)| h.as_str() == Some(suffix)).map(|(k, _)| k.clone()).collect()
}

/// Whether the file at `path` holds an `auths` entry for `host` under any key form; `None`
/// when it cannot be read.
#[must_use]
pub(crate) fn has_login(path: &Path, host: &str) -> Option<bool> {
    let doc = load(path).ok()?;
    Some(doc.is_some_and(|doc| {
        doc.get("auths")
            .and_then(Value::as_object)
            .is_some_and(|auths| auths.keys().any(|key| registry::normalize(key) == host))
    }))
}

/// The helper named by `credsStore` (docker's store for every host without a `credHelpers`
/// entry: `desktop`, `osxkeychain`, `wincred`, `pass`, `secretservice`), when it is a name a
/// program can have (letters, digits, `.`, `_`, `-`).
#[must_use]
pub(crate) fn creds_store(doc: &Map<String, Value>) -> Option<&str> {
    doc.get("credsStore").and_then(Value::as_str).filter(|name| {
        !name.is_empty()
            && name.len() <= 64
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
    })
}

/// The ICR hosts in a credential helper's answer to `list` (`{"https://us.icr.io":
/// "iambearer", …}`: server URL to username), normalized, sorted, each once.
///
/// # Errors
/// The answer is not a JSON object.
pub(crate) fn listed_icr_hosts(answer: &str) -> Result<Vec<String>, &'static str> {
    let Ok(Value::Object(listed)) = serde_json::from_str::<Value>(answer.trim()) else {
        return Err("its answer to `list` is not a JSON object");
    };
    let mut hosts: Vec<String> =
        listed.keys().map(|k| registry::normalize(k)).filter(|h| registry::is_icr(h)).collect();
    hosts.sort();
    hosts.dedup();
    Ok(hosts)
}

/// Whether `credHelpers` is there but not an object (then no edit may touch it).
#[must_use]
pub(crate) fn helpers_malformed(doc: &Map<String, Value>) -> bool {
    doc.get("credHelpers").is_some_and(|h| !h.is_object())
}

/// Points every host's `credHelpers` entry at `suffix`; `note` hears each change, with the
/// helper it replaced.
pub(crate) fn set_helpers(
    doc: &mut Map<String, Value>,
    hosts: &[String],
    suffix: &str,
    note: &mut impl FnMut(&str, &'static str, Option<&str>),
) {
    let helpers = doc.entry("credHelpers").or_insert_with(|| json!({}));
    let Some(helpers) = helpers.as_object_mut() else { return };
    for host in hosts {
        match helpers.get(host).map(|h| h.as_str().map(str::to_owned)) {
            Some(Some(current)) if current == suffix => {}
            Some(current) => {
                helpers.insert(host.clone(), json!(suffix));
                note(host, "helper set (replacing another helper)", current.as_deref());
            }
            None => {
                helpers.insert(host.clone(), json!(suffix));
                note(host, "helper set", None);
            }
        }
    }
}

/// Takes out exactly the hosts' `credHelpers` entries that name `suffix`: an entry whose
/// host had another helper before (`previous`) gets that helper back, any other is removed
/// (and an emptied `credHelpers` with it); `note` hears each change, with the helper put back.
pub(crate) fn remove_helpers(
    doc: &mut Map<String, Value>,
    hosts: &[String],
    suffix: &str,
    previous: &dyn Fn(&str) -> Option<String>,
    note: &mut impl FnMut(&str, &'static str, Option<&str>),
) {
    let Some(helpers) = doc.get_mut("credHelpers").and_then(Value::as_object_mut) else { return };
    for host in hosts {
        if helpers.get(host).and_then(Value::as_str) == Some(suffix) {
            if let Some(before) = previous(host).filter(|b| b != suffix) {
                helpers.insert(host.clone(), json!(before));
                note(host, "helper restored (the one configure replaced)", Some(&before));
            } else {
                helpers.shift_remove(host);
                note(host, "helper removed", None);
            }
        }
    }
    if helpers.is_empty() {
        doc.shift_remove("credHelpers");
    }
}

/// A warning when docker's `credsStore` names the helper `suffix`: docker then hands it the
/// logins to every registry without a `credHelpers` entry, and it keeps none of them
/// (`docker login` still says "Login Succeeded").
#[must_use]
pub(crate) fn creds_store_warning(
    doc: &Map<String, Value>,
    suffix: &str,
    file: &Path,
) -> Option<String> {
    (doc.get("credsStore").and_then(Value::as_str) == Some(suffix)).then(|| {
        format!(
            "docker's credsStore is {suffix} ({}): docker hands it the login to every other registry, and it keeps none of them (`docker login` says Login Succeeded, then the login is gone); set credsStore to your keychain helper, or remove it, and keep {suffix} in credHelpers",
            file.display()
        )
    })
}

/// Removes the stored logins for the hosts, under any key form (they would be used before a
/// helper); `note` hears each change.
pub(crate) fn remove_logins(
    doc: &mut Map<String, Value>,
    hosts: &[String],
    note: &mut impl FnMut(&str, &'static str, Option<&str>),
) {
    let Some(auths) = doc.get_mut("auths").and_then(Value::as_object_mut) else { return };
    let stale: Vec<String> =
        auths.keys().filter(|k| hosts.contains(&registry::normalize(k))).cloned().collect();
    for key in stale {
        auths.shift_remove(&key);
        note(&registry::normalize(&key), "stored login removed (it would shadow the helper)", None);
    }
}

/// Stores a login for every host, as `kubectl create secret docker-registry` writes them
/// (`username`, `password`, `auth`), replacing any entry for the same host whatever its key
/// form and keeping every other key and host.
pub(crate) fn put_logins(
    doc: &mut Map<String, Value>,
    hosts: &[String],
    username: &str,
    secret: &Secret,
) {
    let auths = doc.entry("auths").or_insert_with(|| json!({}));
    if !auths.is_object() {
        *auths = json!({});
    }
    let Some(auths) = auths.as_object_mut() else { return };
    auths.retain(|key, _| !hosts.contains(&registry::normalize(key)));
    let auth = B64.encode(format!("{username}:{}", secret.expose()));
    for host in hosts {
        auths.insert(
            host.clone(),
            json!({"username": username, "password": secret.expose(), "auth": auth}),
        );
    }
}

/// Reads a `.dockerconfigjson` to build on: a credentials file (`{"auths": …}`), or a
/// Kubernetes Secret of type `kubernetes.io/dockerconfigjson` (JSON, as `kubectl get secret
/// -o json` prints it) whose `data..dockerconfigjson` holds one. Anything else is refused, so
/// that a Secret's bare `.data` map, a Secret without `kind` or another kind of object never
/// stands in for the entries it would drop.
///
/// # Errors
/// Why it cannot be used, never quoting it.
pub(crate) fn read_dockerconfig(path: &Path) -> Result<Map<String, Value>, String> {
    const SHAPES: &str = "give a .dockerconfigjson or auth.json ({\"auths\": …}), or a Secret of type kubernetes.io/dockerconfigjson as JSON";
    let doc = match load(path) {
        Ok(Some(doc)) => doc,
        Ok(None) => return Err("it does not exist".into()),
        Err(Unusable::Read(e)) => return Err(e.to_string()),
        Err(Unusable::NotJson) => return Err(format!("it is not a JSON object ({SHAPES})")),
    };
    let doc = match doc.get("kind") {
        None => doc,
        Some(Value::String(kind)) if kind == "Secret" => {
            let kind_of = doc.get("type").and_then(Value::as_str).unwrap_or("none given");
            if kind_of != "kubernetes.io/dockerconfigjson" {
                return Err(format!(
                    "it is a Secret not of type kubernetes.io/dockerconfigjson (its type: {}) ({SHAPES})",
                    crate::secret::one_line(kind_of)
                ));
            }
            let inner = doc
                .get("data")
                .and_then(|d| d.get(".dockerconfigjson"))
                .and_then(Value::as_str)
                .and_then(|b| B64.decode(b.trim()).ok())
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
            match inner {
                Some(Value::Object(map)) => map,
                _ => return Err("it is a Secret without a readable data..dockerconfigjson".into()),
            }
        }
        Some(kind) => {
            let kind = kind.as_str().map_or_else(
                || "an object".to_owned(),
                |k| format!("a {}", crate::secret::one_line(k)),
            );
            return Err(format!("it is {kind}, not a pull secret ({SHAPES})"));
        }
    };
    let Some(auths) = doc.get("auths") else {
        return Err(format!("it has no auths, so it is not a .dockerconfigjson ({SHAPES})"));
    };
    let Some(auths) = auths.as_object() else {
        return Err("its auths is not a JSON object".into());
    };
    if let Some(host) = auths.iter().find(|(_, entry)| !entry.is_object()).map(|(h, _)| h) {
        return Err(format!(
            "its auths entry for {} is not a JSON object",
            crate::secret::one_line(host)
        ));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    #[test]
    fn creds_store_names_a_program_or_nothing() {
        let doc = |v: Value| v.as_object().unwrap().clone();
        assert_eq!(creds_store(&doc(json!({"credsStore": "desktop"}))), Some("desktop"));
        assert_eq!(creds_store(&doc(json!({"credsStore": "osxkeychain"}))), Some("osxkeychain"));
        for bad in [json!(""), json!("../../bin/sh"), json!("a b"), json!(7), json!("x".repeat(65))]
        {
            assert_eq!(creds_store(&doc(json!({ "credsStore": bad }))), None);
        }
        assert_eq!(creds_store(&doc(json!({}))), None);
    }

    #[test]
    fn a_helpers_list_gives_its_icr_hosts() {
        let answer = r#"{"https://us.icr.io":"iambearer","https://index.docker.io/v1/":"me",
            "de.icr.io":"iamapikey","https://us.icr.io/v1/":"iambearer"}"#;
        assert_eq!(listed_icr_hosts(answer).unwrap(), ["de.icr.io", "us.icr.io"]);
        assert_eq!(listed_icr_hosts("{}").unwrap(), Vec::<String>::new());
        assert!(listed_icr_hosts("[1]").is_err());
        assert!(listed_icr_hosts("not json").is_err());
    }

    use super::*;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    #[test]
    fn reads_users_helpers_and_bearer_expiry() {
        let b64 = |s: &str| B64.encode(s);
        let token = jwt::make(&json!({"exp": 1000}));
        let doc = object(json!({
            "auths": {
                "us.icr.io": {"auth": b64(&format!("iambearer:{token}"))},
                "de.icr.io": {"auth": b64("iamapikey:k")},
                "jp.icr.io": {},
                "docker.io": {"auth": b64("me:pw")},
                "uk.icr.io": {"auth": "!!!"},
            },
            "credsStore": "desktop",
            "credHelpers": {"au.icr.io": "ibm"},
        }));
        let got = icr_entries(&doc);
        let find = |h: &str| got.iter().find(|e| e.registry == h).unwrap();
        assert_eq!(got.len(), 5);
        assert_eq!(find("us.icr.io").expires_at, Some(1000));
        assert_eq!(find("de.icr.io").username.as_deref(), Some("iamapikey"));
        assert_eq!(find("jp.icr.io").helper.as_deref(), Some("desktop"));
        assert_eq!(find("au.icr.io").helper.as_deref(), Some("ibm"));
        assert!(find("uk.icr.io").problem.is_some());
    }

    #[test]
    fn every_key_form_of_a_host_is_one_host() {
        let hosts = vec!["us.icr.io".to_owned()];
        let mut doc = object(json!({
            "auths": {"https://us.icr.io/v1/": {}, "US.ICR.IO": {}, "de.icr.io": {}},
            "other": 1,
        }));
        let mut notes = Vec::new();
        remove_logins(&mut doc, &hosts, &mut |h, _, _| notes.push(h.to_owned()));
        assert_eq!(notes, ["us.icr.io", "us.icr.io"]);
        assert_eq!(Value::Object(doc.clone()), json!({"auths": {"de.icr.io": {}}, "other": 1}));
        put_logins(&mut doc, &hosts, "iamapikey", &Secret::holding("k".into()));
        assert_eq!(doc["auths"]["us.icr.io"]["auth"], json!(B64.encode("iamapikey:k")));
        assert!(doc["auths"].get("de.icr.io").is_some());
    }

    #[test]
    fn helpers_are_set_and_removed_exactly() {
        let hosts = vec!["us.icr.io".to_owned(), "de.icr.io".to_owned()];
        let mut doc = object(json!({"credHelpers": {"de.icr.io": "other", "gcr.io": "gcloud"}}));
        let mut notes = Vec::new();
        set_helpers(&mut doc, &hosts, "cr-ext", &mut |h, w, _| notes.push(format!("{h} {w}")));
        assert_eq!(
            notes,
            ["us.icr.io helper set", "de.icr.io helper set (replacing another helper)"]
        );
        assert_eq!(helper_hosts(&doc, "cr-ext"), ["de.icr.io", "us.icr.io"]);
        remove_helpers(&mut doc, &hosts, "cr-ext", &|_| None, &mut |_, _, _| {});
        assert_eq!(Value::Object(doc), json!({"credHelpers": {"gcr.io": "gcloud"}}));
    }
}
