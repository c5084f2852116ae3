//! Reads an IBM Cloud API key from where the user put it: `--apikey-stdin`, `--apikey-file`,
//! or `IBMCLOUD_API_KEY` (the key, or `@PATH` of a file holding it, as `ibmcloud login` reads
//! it). A file may hold the bare key or the JSON that `ibmcloud iam api-key-create --file`
//! and `service-api-key-create --file` write (the key in its `apikey` field). Whatever cannot
//! be a key (NUL bytes, control characters, hundreds of bytes) is refused before anything is
//! sent, and no message quotes what was read. No flag takes the key itself, so it never shows
//! in a process list.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use super::KeyInput;
use crate::error::{Error, Result};
use crate::files::{self, ReadError};
use crate::secret::Secret;

/// Largest key file or stdin read (a JSON key file is a few hundred bytes).
const MAX_SOURCE: u64 = 64 << 10;
/// Longest key accepted (IBM Cloud API keys are 44 characters).
const MAX_KEY: usize = 512;

/// Where the key came from, for traces and messages (never the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeySource {
    /// `--apikey-stdin`.
    Stdin,
    /// `--apikey-file PATH` or `IBMCLOUD_API_KEY=@PATH`.
    File(String),
    /// `IBMCLOUD_API_KEY`.
    Env,
}

impl std::fmt::Display for KeySource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeySource::Stdin => f.write_str("stdin (--apikey-stdin)"),
            KeySource::File(path) => write!(f, "file {path}"),
            KeySource::Env => f.write_str(crate::env::IBMCLOUD_API_KEY),
        }
    }
}

/// The API key, if one was given.
///
/// # Errors
/// The key file or stdin cannot be read, or what it holds cannot be a key.
pub(crate) fn read(input: &KeyInput, env: Option<String>) -> Result<Option<(Secret, KeySource)>> {
    let (raw, source) = if *input == KeyInput::Stdin {
        let mut key = Vec::new();
        std::io::stdin()
            .take(MAX_SOURCE + 1)
            .read_to_end(&mut key)
            .map_err(|e| key_error(format!("cannot read the API key from stdin: {e}")))?;
        (key, KeySource::Stdin)
    } else if let KeyInput::File(path) = input {
        (read_file(path)?, KeySource::File(path.display().to_string()))
    } else if let Some(value) = env {
        match value.strip_prefix('@') {
            Some(path) => (read_file(Path::new(path))?, KeySource::File(path.to_owned())),
            None => (value.into_bytes(), KeySource::Env),
        }
    } else {
        return Ok(None);
    };
    let key = parse(&raw).map_err(|why| key_error(format!("the API key from {source} {why}")))?;
    Ok(Some((Secret::new(key), source)))
}

/// The key in `raw`: the bare key, or the `apikey` field of IBM Cloud's JSON key file.
///
/// # Errors
/// Why `raw` cannot be a key, never quoting it.
pub(crate) fn parse(raw: &[u8]) -> std::result::Result<String, String> {
    if raw.len() as u64 > MAX_SOURCE {
        return Err(format!("is larger than {} KiB, so it cannot be a key", MAX_SOURCE >> 10));
    }
    if raw.contains(&0) {
        return Err("holds NUL bytes, so it cannot be a key".into());
    }
    let text = std::str::from_utf8(raw).map_err(|_| "is not UTF-8 text".to_owned())?;
    let text = text.trim();
    let key = if text.starts_with('{') {
        let value: Value = serde_json::from_str(text)
            .map_err(|_| "looks like JSON but does not parse".to_owned())?;
        let key = value.get("apikey").and_then(Value::as_str).ok_or_else(|| {
            "is JSON without an 'apikey' string (expected the file `ibmcloud iam api-key-create NAME --file key.json` writes)".to_owned()
        })?;
        key.trim().to_owned()
    } else {
        text.to_owned()
    };
    if key.is_empty() {
        return Err("is empty".into());
    }
    if key.len() > MAX_KEY {
        return Err(format!("is {} bytes long; an API key is at most {MAX_KEY}", key.len()));
    }
    if key.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("holds spaces or control characters, so it cannot be a key".into());
    }
    Ok(key)
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    files::read_capped(path, MAX_SOURCE).map_err(|e| {
        let why = match e {
            ReadError::TooLarge(_) => {
                format!("is larger than {} KiB, so it cannot be a key", MAX_SOURCE >> 10)
            }
            other => other.to_string(),
        };
        key_error(format!("cannot use the API key file {}: {why}", path.display()))
    })
}

fn key_error(message: String) -> Error {
    Error::usage(
        message,
        "create a key with `ibmcloud iam api-key-create NAME --file key.json`, then pass the \
         file with --apikey-file key.json or IBMCLOUD_API_KEY=@key.json (or the bare key on \
         --apikey-stdin)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "aBcD-eFgH_0123456789abcdefghijklmnopqrstuvwx";

    #[test]
    fn takes_the_bare_key_or_the_cli_json_file() {
        assert_eq!(parse(format!("  {KEY}\n").as_bytes()).unwrap(), KEY);
        let json = format!(
            r#"{{"name":"ci","description":"","createdAt":"2026-11-29T10:00+0000","apikey":"{KEY}"}}"#
        );
        assert_eq!(parse(json.as_bytes()).unwrap(), KEY);
    }

    #[test]
    fn refuses_what_cannot_be_a_key_without_quoting_it() {
        for (raw, why) in [
            (b"".to_vec(), "empty"),
            (b"a\0b".to_vec(), "NUL"),
            (b"PATH=/bin\nHOME=/root-secretish".to_vec(), "control"),
            (b"two words".to_vec(), "spaces"),
            (vec![b'k'; 600], "at most"),
            (vec![b'k'; 70_000], "KiB"),
            (br#"{"name":"x"}"#.to_vec(), "'apikey'"),
            (br#"{"apikey":"#.to_vec(), "does not parse"),
            (vec![0xff, 0xfe], "UTF-8"),
        ] {
            let err = parse(&raw).unwrap_err();
            assert!(err.contains(why), "{why}: {err}");
            assert!(!err.contains("root-secretish"));
        }
    }
}
