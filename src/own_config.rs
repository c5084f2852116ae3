//! cr-ext's own config file, `${XDG_CONFIG_HOME:-~/.config}/cr-ext/config.json`, written by
//! `cr-ext configure` and read by the credential helper: the extra registry hosts the helper
//! serves (`registries`) and the path of an API key file (`apikey_file`; the path only, never
//! the key). Unknown keys are kept when it is edited.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::files::{self, Edited, ReadError};

/// What the file says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct OwnConfig {
    /// Extra `host[:port]`s the helper serves.
    pub(crate) registries: Vec<String>,
    /// The API key file the helper reads.
    pub(crate) apikey_file: Option<PathBuf>,
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
    let Ok(Value::Object(doc)) = serde_json::from_slice::<Value>(&bytes) else {
        return Err(Error::File { path, why: "it is not a JSON object".into() });
    };
    let registries = doc
        .get("registries")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let apikey_file = doc.get("apikey_file").and_then(Value::as_str).map(PathBuf::from);
    Ok(OwnConfig { registries, apikey_file })
}

/// Adds (`add`) or removes the `registries`, and sets the `apikey_file` when given.
/// Returns whether the file changed.
///
/// # Errors
/// The file cannot be read, is not JSON, or cannot be written.
pub(crate) fn update(
    registries: &[String],
    add: bool,
    apikey_file: Option<&Path>,
    wait: Duration,
    dry_run: bool,
) -> Result<bool> {
    let Some(path) = path() else {
        return Err(Error::usage(
            "cannot find cr-ext's config directory",
            "set HOME or XDG_CONFIG_HOME",
        ));
    };
    let edited = files::edit_json(&path, wait, dry_run, |doc| {
        let mut changed = false;
        let list = doc.entry("registries").or_insert_with(|| json!([]));
        if !list.is_array() {
            *list = json!([]);
            changed = true;
        }
        if let Some(list) = list.as_array_mut() {
            for host in registries {
                let present = list.iter().any(|v| v.as_str() == Some(host));
                if add && !present {
                    list.push(json!(host));
                    changed = true;
                } else if !add && present {
                    list.retain(|v| v.as_str() != Some(host));
                    changed = true;
                }
            }
        }
        if let Some(file) = apikey_file {
            let value = json!(file.display().to_string());
            if doc.get("apikey_file") != Some(&value) {
                doc.insert("apikey_file".into(), value);
                changed = true;
            }
        }
        if doc.get("registries").and_then(Value::as_array).is_some_and(Vec::is_empty) {
            doc.remove("registries");
        }
        changed
    });
    edited.map(|e| e == Edited::Changed).map_err(|e| e.into_error(&path))
}
