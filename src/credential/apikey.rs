//! Reads an IBM Cloud API key from where the user put it: `--apikey-stdin`, `--apikey-file`,
//! or `IBMCLOUD_API_KEY` (the key, or `@PATH` of a file holding it, as `ibmcloud login` reads
//! it). No flag takes the key itself, so it never shows in a process list.

use std::io::Read;
use std::path::Path;

use super::Secret;
use crate::cli::CredentialArgs;
use crate::error::{Error, Result};

/// Where the key came from, for traces and messages (never the key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
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
            KeySource::Env => f.write_str("IBMCLOUD_API_KEY"),
        }
    }
}

/// The API key, if one was given.
///
/// # Errors
/// The key file or stdin cannot be read, or the key is empty.
pub fn read(args: &CredentialArgs, env: Option<String>) -> Result<Option<(Secret, KeySource)>> {
    let (raw, source) = if args.apikey_stdin {
        let mut key = String::new();
        std::io::stdin()
            .read_to_string(&mut key)
            .map_err(|e| key_error(format!("cannot read the API key from stdin: {e}")))?;
        (key, KeySource::Stdin)
    } else if let Some(path) = &args.apikey_file {
        (read_file(path)?, KeySource::File(path.display().to_string()))
    } else if let Some(value) = env {
        match value.strip_prefix('@') {
            Some(path) => (read_file(Path::new(path))?, KeySource::File(path.to_owned())),
            None => (value, KeySource::Env),
        }
    } else {
        return Ok(None);
    };
    let key = raw.trim();
    if key.is_empty() {
        return Err(key_error(format!("the API key from {source} is empty")));
    }
    Ok(Some((Secret::new(key.to_owned()), source)))
}

fn read_file(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| key_error(format!("cannot read the API key file {}: {e}", path.display())))
}

fn key_error(message: String) -> Error {
    Error::usage(
        message,
        "create a key with `ibmcloud iam api-key-create NAME --file key.json`, then pass its \
         apikey with --apikey-file PATH, --apikey-stdin or IBMCLOUD_API_KEY=@PATH",
    )
}
