//! cr-ext's own config file, `config.json` in cr-ext's config directory (`dirs`: `${XDG_CONFIG_HOME:-~/.config}/cr-ext/` on Linux), written by
//! `cr-ext configure` and read by the credential helper: the extra registry hosts the helper
//! serves (`registries`) and where its identity comes from: the path of an API key file
//! (`apikey_file`; the path only, never the key) or an identity without a key (`identity`: a
//! trusted profile with a compute-resource token file, or the VPC instance metadata service;
//! never a token), one or the other, and the helpers `configure` replaced in each credentials file
//! (`replaced_helpers`: file, host, the helper's name), so that `configure --remove` can put
//! them back. Unknown keys are kept when it is edited.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::files::{self, Draft, ReadError};

/// What the file says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct OwnConfig {
    /// Extra `host[:port]`s the helper serves.
    pub(crate) registries: Vec<String>,
    /// The API key file the helper reads.
    pub(crate) apikey_file: Option<PathBuf>,
    /// The identity without a key the helper uses.
    pub(crate) identity: Option<Identity>,
    /// Per credentials file (its path as configure named it), per host: the helper that
    /// configure replaced there.
    pub(crate) replaced_helpers: BTreeMap<String, BTreeMap<String, String>>,
}

/// An identity without an API key, as `configure` records it (never a token).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    /// The trusted profile (ID, name or CRN).
    pub(crate) profile: Option<String>,
    /// The compute-resource token file (absent: the default paths).
    pub(crate) cr_token_file: Option<PathBuf>,
    /// The VPC instance metadata service gives the identity.
    pub(crate) vpc_cri: bool,
    /// The metadata service, when not the default.
    pub(crate) metadata_endpoint: Option<String>,
}

impl Identity {
    fn to_json(&self) -> Value {
        let mut doc = Map::new();
        if let Some(p) = &self.profile {
            doc.insert("profile".into(), json!(p));
        }
        if let Some(f) = &self.cr_token_file {
            doc.insert("cr_token_file".into(), json!(f.display().to_string()));
        }
        if self.vpc_cri {
            doc.insert("vpc_cri".into(), json!(true));
        }
        if let Some(e) = &self.metadata_endpoint {
            doc.insert("metadata_endpoint".into(), json!(e));
        }
        Value::Object(doc)
    }

    fn from_json(value: &Value) -> Option<Identity> {
        let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_owned);
        value.is_object().then(|| Identity {
            profile: text("profile"),
            cr_token_file: text("cr_token_file").map(PathBuf::from),
            vpc_cri: value.get("vpc_cri").and_then(Value::as_bool).unwrap_or(false),
            metadata_endpoint: text("metadata_endpoint"),
        })
    }
}

/// Where the file lives.
#[must_use]
pub(crate) fn path() -> Option<PathBuf> {
    crate::dirs::Place::here().config_dir().map(|d| d.join("config.json"))
}

/// Reads the file; missing means empty.
///
/// # Errors
/// It is not a regular file, too large, or not a JSON object.
pub(crate) fn load() -> Result<OwnConfig> {
    let Some(path) = path() else { return Ok(OwnConfig::default()) };
    let bytes = match files::read_capped(&path, files::CONFIG_CAP) {
        Ok(b) => b,
        Err(ReadError::Missing) => return Ok(OwnConfig::default()),
        Err(e) => return Err(Error::File { path, why: e.to_string() }),
    };
    let Some(doc) = files::parse_object(&bytes) else {
        return Err(Error::File { path, why: "it is not a JSON object".into() });
    };
    let registries = doc
        .get("registries")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let apikey_file = doc.get("apikey_file").and_then(Value::as_str).map(PathBuf::from);
    let identity = doc.get(IDENTITY).and_then(Identity::from_json);
    let replaced_helpers = doc
        .get(REPLACED)
        .and_then(Value::as_object)
        .map(|files| {
            files
                .iter()
                .filter_map(|(file, hosts)| {
                    let hosts = hosts
                        .as_object()?
                        .iter()
                        .filter_map(|(h, v)| Some((h.clone(), v.as_str()?.to_owned())));
                    Some((file.clone(), hosts.collect()))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(OwnConfig { registries, apikey_file, identity, replaced_helpers })
}

const REPLACED: &str = "replaced_helpers";
const IDENTITY: &str = "identity";

/// One edit of the file.
#[derive(Debug, Default)]
pub(crate) struct Update<'a> {
    /// Hosts to add to (`add`) or remove from `registries`.
    pub(crate) registries: &'a [String],
    /// Whether the hosts are added.
    pub(crate) add: bool,
    /// The API key file to record (the identity recorded before goes).
    pub(crate) apikey_file: Option<&'a Path>,
    /// The identity without a key to record (the API key file recorded before goes).
    pub(crate) identity: Option<&'a Identity>,
    /// Helpers replaced: (file, host, helper).
    pub(crate) replaced: Vec<(String, String, String)>,
    /// Records to drop (the helper was put back): (file, host).
    pub(crate) restored: Vec<(String, String)>,
}

/// Drafts `update` of the file (see [`files::draft`]): `None` when nothing changes. Nothing
/// is written until the draft is committed.
///
/// # Errors
/// The file cannot be read, is not JSON, or its lock stays busy.
pub(crate) fn draft(update: &Update<'_>, wait: Duration, dry_run: bool) -> Result<Option<Draft>> {
    let Some(path) = path() else {
        return Err(Error::usage(
            "cannot find cr-ext's config directory",
            "set HOME or XDG_CONFIG_HOME",
        ));
    };
    let drafted = files::draft(&path, wait, dry_run, |doc| Ok(edit(doc, update)));
    drafted.map(|d| d.map(|(draft, _)| draft)).map_err(|e| e.into_error(&path))
}

/// Applies `update` to the file's object; says what changed (nothing: empty).
fn edit(doc: &mut Map<String, Value>, update: &Update<'_>) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let list = doc.entry("registries").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
        changed.push("registries");
    }
    if let Some(list) = list.as_array_mut() {
        for host in update.registries {
            let present = list.iter().any(|v| v.as_str() == Some(host));
            if update.add && !present {
                list.push(json!(host));
                changed.push("registries");
            } else if !update.add && present {
                list.retain(|v| v.as_str() != Some(host));
                changed.push("registries");
            }
        }
    }
    if doc.get("registries").and_then(Value::as_array).is_some_and(Vec::is_empty) {
        doc.shift_remove("registries");
    }
    if let Some(file) = update.apikey_file {
        let value = json!(file.display().to_string());
        if doc.get("apikey_file") != Some(&value) {
            doc.insert("apikey_file".into(), value);
            changed.push("apikey_file");
        }
        if doc.shift_remove(IDENTITY).is_some() {
            changed.push(IDENTITY);
        }
    }
    if let Some(identity) = update.identity {
        let value = identity.to_json();
        if doc.get(IDENTITY) != Some(&value) {
            doc.insert(IDENTITY.into(), value);
            changed.push(IDENTITY);
        }
        if doc.shift_remove("apikey_file").is_some() {
            changed.push("apikey_file");
        }
    }
    if !update.replaced.is_empty() || !update.restored.is_empty() {
        let records = doc.entry(REPLACED).or_insert_with(|| json!({}));
        if !records.is_object() {
            *records = json!({});
        }
        if let Some(records) = records.as_object_mut() {
            for (file, host, helper) in &update.replaced {
                let hosts = records.entry(file.clone()).or_insert_with(|| json!({}));
                if !hosts.is_object() {
                    *hosts = json!({});
                }
                if let Some(hosts) = hosts.as_object_mut() {
                    hosts.insert(host.clone(), json!(helper));
                    changed.push(REPLACED);
                }
            }
            for (file, host) in &update.restored {
                if let Some(hosts) = records.get_mut(file).and_then(Value::as_object_mut)
                    && hosts.shift_remove(host).is_some()
                {
                    changed.push(REPLACED);
                }
            }
            records.retain(|_, hosts| hosts.as_object().is_none_or(|h| !h.is_empty()));
        }
        if doc.get(REPLACED).and_then(Value::as_object).is_some_and(Map::is_empty) {
            doc.shift_remove(REPLACED);
        }
    }
    changed
}
