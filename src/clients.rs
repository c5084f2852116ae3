//! The container clients cr-ext drives: their names, how to find them on PATH, the argv of
//! their login and logout commands, and where each reads and writes credentials (what those
//! files hold is `authfile`'s). The secret is never part of an argv built here.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::dirs::Place;
use crate::error::{Error, Result};

/// A supported container client, in detection order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ClientKind {
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
    pub(crate) const ALL: [ClientKind; 4] =
        [ClientKind::Docker, ClientKind::Podman, ClientKind::Buildah, ClientKind::Skopeo];

    /// The client of that program name, in any case.
    #[must_use]
    pub(crate) fn from_name(name: &str) -> Option<ClientKind> {
        ClientKind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The program name.
    #[must_use]
    pub(crate) fn name(self) -> &'static str {
        match self {
            ClientKind::Docker => "docker",
            ClientKind::Podman => "podman",
            ClientKind::Buildah => "buildah",
            ClientKind::Skopeo => "skopeo",
        }
    }

    /// `logout REGISTRY`.
    #[must_use]
    #[allow(clippy::unused_self)] // The same for all four today; kept per client (DESIGN.md §7).
    pub(crate) fn logout_args(self, registry: &str) -> Vec<OsString> {
        ["logout", registry].map(OsString::from).to_vec()
    }

    /// Whether this is docker (its own credentials file) rather than one of the containers
    /// tools (podman, buildah, skopeo), which share theirs.
    #[must_use]
    pub(crate) fn is_docker(self) -> bool {
        self == ClientKind::Docker
    }

    /// The credentials file this client reads and writes, in the place it runs in
    /// (DESIGN.md §7, README "Paths"): docker its `config.json` (`Place::docker_config`); the
    /// containers tools `$REGISTRY_AUTH_FILE`, else `$DOCKER_CONFIG/config.json` when set, else
    /// the file they read first (`Place::containers_first`).
    #[must_use]
    pub(crate) fn credentials_file(self, place: &Place) -> PathBuf {
        use crate::env::{DOCKER_CONFIG, REGISTRY_AUTH_FILE};
        let docker_config_set = place.path_var(DOCKER_CONFIG).is_some();
        if self.is_docker() || (docker_config_set && place.path_var(REGISTRY_AUTH_FILE).is_none()) {
            return place.docker_config();
        }
        place.containers_first()
    }

    /// `login -u USER --password-stdin REGISTRY`: the same for all four clients.
    #[must_use]
    #[allow(clippy::unused_self)] // The same for all four today; kept per client (DESIGN.md §7).
    pub(crate) fn login_args(self, username: &str, registry: &str) -> Vec<OsString> {
        ["login", "-u", username, "--password-stdin", registry].map(OsString::from).to_vec()
    }
}

/// Every file a client reads credentials from, in its order (DESIGN.md §10): docker its
/// config; the containers tools the file they read first, their persistent file, then
/// docker's config. podman and buildah read first the file they log in to, which is
/// `$DOCKER_CONFIG/config.json` when `DOCKER_CONFIG` is set and `REGISTRY_AUTH_FILE` is not
/// (containers/common's default auth file); skopeo reads the runtime file first all the same.
#[must_use]
pub(crate) fn files_read(kind: ClientKind) -> Vec<PathBuf> {
    let place = Place::here();
    let docker = place.docker_config();
    if kind.is_docker() {
        return vec![docker];
    }
    let first = match kind {
        ClientKind::Podman | ClientKind::Buildah => kind.credentials_file(&place),
        _ => place.containers_first(),
    };
    let mut files = vec![first];
    files.extend(place.containers_persistent());
    files.push(docker);
    // A file read twice answers the same twice: the first reading is the one that counts.
    let mut seen = Vec::new();
    files.retain(|f| {
        let new = !seen.contains(f);
        seen.push(f.clone());
        new
    });
    files
}

/// A client found on PATH.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Client {
    /// Which client.
    #[serde(rename = "name")]
    pub(crate) kind: ClientKind,
    /// Where it is.
    pub(crate) path: PathBuf,
}

/// Every supported client on PATH, in detection order.
#[must_use]
pub(crate) fn detect() -> Vec<Client> {
    ClientKind::ALL
        .into_iter()
        .filter_map(|kind| which::which(kind.name()).ok().map(|path| Client { kind, path }))
        .collect()
}

/// The requested clients (deduplicated), every one on PATH with `all`, or else the first
/// one found.
///
/// # Errors
/// A requested client is not on PATH, or none is.
pub(crate) fn choose(requested: &[ClientKind], all: bool) -> Result<Vec<Client>> {
    if all || requested.is_empty() {
        let found = detect();
        return match found.first() {
            None => Err(Error::NoClient),
            Some(first) if !all => Ok(vec![first.clone()]),
            Some(_) => Ok(found),
        };
    }
    let mut chosen: Vec<Client> = Vec::new();
    for &kind in requested {
        if chosen.iter().any(|c| c.kind == kind) {
            continue;
        }
        let path = which::which(kind.name())
            .map_err(|_| Error::ClientMissing { name: kind.name().to_owned() })?;
        chosen.push(Client { kind, path });
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    use crate::dirs::Platform;

    #[test]
    fn login_argv_carries_no_secret_slot() {
        let argv = ClientKind::Podman.login_args("iambearer", "us.icr.io");
        assert_eq!(argv, ["login", "-u", "iambearer", "--password-stdin", "us.icr.io"]);
    }

    #[test]
    fn credentials_files_follow_each_clients_rules() {
        let file = |kind: ClientKind, pairs: &'static [(&'static str, &'static str)]| {
            let var = move |k: &str| {
                pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| OsStr::new(v).to_owned())
            };
            kind.credentials_file(&Place { platform: Platform::Linux, uid: Some(7), var: &var })
        };
        let base: &[(&str, &str)] = &[("HOME", "/h"), ("XDG_RUNTIME_DIR", "/run/user/7")];
        assert_eq!(file(ClientKind::Docker, base), PathBuf::from("/h/.docker/config.json"));
        assert_eq!(
            file(ClientKind::Podman, base),
            PathBuf::from("/run/user/7/containers/auth.json")
        );
        let docker_config: &[(&str, &str)] =
            &[("HOME", "/h"), ("DOCKER_CONFIG", "/d"), ("XDG_RUNTIME_DIR", "/r")];
        for kind in ClientKind::ALL {
            assert_eq!(file(kind, docker_config), PathBuf::from("/d/config.json"));
        }
        let auth_file: &[(&str, &str)] =
            &[("REGISTRY_AUTH_FILE", "/a.json"), ("DOCKER_CONFIG", "/d")];
        assert_eq!(file(ClientKind::Skopeo, auth_file), PathBuf::from("/a.json"));
        assert_eq!(file(ClientKind::Docker, auth_file), PathBuf::from("/d/config.json"));
    }

    #[test]
    fn detection_order_is_docker_podman_buildah_skopeo() {
        let names: Vec<_> = ClientKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, ["docker", "podman", "buildah", "skopeo"]);
    }
}
