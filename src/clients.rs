//! The container clients cr-ext drives: their names, how to find them on PATH, and the argv of
//! their login command. The secret is never part of an argv built here.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// A supported container client, in detection order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientKind {
    /// Docker CLI (needs no daemon to log in).
    Docker,
    /// Podman.
    Podman,
    /// Buildah.
    Buildah,
    /// Skopeo.
    Skopeo,
}

impl ClientKind {
    /// Every client, in the order detection tries them.
    pub const ALL: [ClientKind; 4] =
        [ClientKind::Docker, ClientKind::Podman, ClientKind::Buildah, ClientKind::Skopeo];

    /// The program name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ClientKind::Docker => "docker",
            ClientKind::Podman => "podman",
            ClientKind::Buildah => "buildah",
            ClientKind::Skopeo => "skopeo",
        }
    }

    /// `login -u USER --password-stdin REGISTRY`: the same for all four clients.
    #[must_use]
    pub fn login_args(self, username: &str, registry: &str) -> Vec<OsString> {
        ["login", "-u", username, "--password-stdin", registry].map(OsString::from).to_vec()
    }
}

/// A client found on PATH.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Client {
    /// Which client.
    #[serde(rename = "name")]
    pub kind: ClientKind,
    /// Where it is.
    pub path: PathBuf,
}

/// Every supported client on PATH, in detection order.
#[must_use]
pub fn detect() -> Vec<Client> {
    ClientKind::ALL
        .into_iter()
        .filter_map(|kind| which::which(kind.name()).ok().map(|path| Client { kind, path }))
        .collect()
}

/// The requested client, or the first one found on PATH.
///
/// # Errors
/// The requested client is not on PATH, or none is.
pub fn choose(requested: Option<ClientKind>) -> Result<Client> {
    match requested {
        Some(kind) => which::which(kind.name())
            .map(|path| Client { kind, path })
            .map_err(|_| Error::ClientMissing { name: kind.name().to_owned() }),
        None => detect().into_iter().next().ok_or(Error::NoClient),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_argv_carries_no_secret_slot() {
        let argv = ClientKind::Podman.login_args("iambearer", "us.icr.io");
        assert_eq!(argv, ["login", "-u", "iambearer", "--password-stdin", "us.icr.io"]);
    }

    #[test]
    fn detection_order_is_docker_podman_buildah_skopeo() {
        let names: Vec<_> = ClientKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, ["docker", "podman", "buildah", "skopeo"]);
    }
}
