//! Where files live on each platform, one rule per place (README, "Paths"): the user's home,
//! the ibmcloud CLI's home, docker's `config.json`, the containers tools' credentials files,
//! and cr-ext's own config and cache directories. Each rule is a pure function of a [`Place`]
//! (the platform, the uid, the environment), so the Windows and macOS rules are tested on
//! Linux too; [`Place::here`] is the running process's. XDG variables are honoured on every
//! platform; a relative one is ignored, as the XDG rules say.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::env;
pub(crate) use crate::sys::Platform;

/// A platform, a user and an environment to resolve paths in.
pub(crate) struct Place<'a> {
    /// The platform whose rules apply.
    pub(crate) platform: Platform,
    /// The user's uid (Unix only: the containers tools' runtime directory names it).
    pub(crate) uid: Option<u32>,
    /// The environment: a variable's value when set and not empty.
    pub(crate) var: &'a dyn Fn(&str) -> Option<OsString>,
}

impl Place<'static> {
    /// The running process: this platform, this uid, this environment.
    #[must_use]
    pub(crate) fn here() -> Place<'static> {
        Place { platform: crate::sys::PLATFORM, uid: crate::sys::uid(), var: &env::get_os }
    }
}

impl Place<'_> {
    /// The path in variable `key`, when set and not empty.
    #[must_use]
    pub(crate) fn path_var(&self, key: &str) -> Option<PathBuf> {
        (self.var)(key).filter(|v| !v.is_empty()).map(PathBuf::from)
    }

    /// An XDG variable's directory, when it is set to an absolute path.
    fn xdg(&self, key: &str) -> Option<PathBuf> {
        self.path_var(key).filter(|p| p.is_absolute() || p.has_root())
    }

    /// The user's home as docker and the containers tools find it: `HOME` on Unix,
    /// `USERPROFILE` on Windows.
    #[must_use]
    pub(crate) fn home(&self) -> Option<PathBuf> {
        match self.platform {
            Platform::Windows => self.path_var(env::USERPROFILE),
            Platform::Linux | Platform::Macos => self.path_var(env::HOME),
        }
    }

    /// The directory holding the ibmcloud CLI's `.ibmcloud` (or `.bluemix`): `IBMCLOUD_HOME`,
    /// else `BLUEMIX_HOME`, else the CLI's own idea of home (`HOME` on Unix; on Windows
    /// `HOMEDRIVE` + `HOMEPATH`, else `USERPROFILE`, as the CLI's `UserHomeDir` does).
    #[must_use]
    pub(crate) fn ibmcloud_home(&self) -> Option<PathBuf> {
        if let Some(home) =
            self.path_var(env::IBMCLOUD_HOME).or_else(|| self.path_var(env::BLUEMIX_HOME))
        {
            return Some(home);
        }
        match self.platform {
            Platform::Windows => {
                let drive = (self.var)(env::HOMEDRIVE).unwrap_or_default();
                let mut path = drive;
                path.push((self.var)(env::HOMEPATH).unwrap_or_default());
                if path.is_empty() {
                    self.path_var(env::USERPROFILE)
                } else {
                    Some(PathBuf::from(path))
                }
            }
            Platform::Linux | Platform::Macos => self.path_var(env::HOME),
        }
    }

    /// docker's credentials file: `$DOCKER_CONFIG/config.json`, else
    /// `<home>/.docker/config.json` (`/.docker/config.json` with no home at all).
    #[must_use]
    pub(crate) fn docker_config(&self) -> PathBuf {
        self.path_var(env::DOCKER_CONFIG).map_or_else(
            || {
                self.home()
                    .unwrap_or_else(|| PathBuf::from("/"))
                    .join(".docker")
                    .join("config.json")
            },
            |dir| dir.join("config.json"),
        )
    }

    /// The file the containers tools read first and write (containers-auth.json(5)):
    /// `$REGISTRY_AUTH_FILE`; else on Linux `$XDG_RUNTIME_DIR/containers/auth.json`, else
    /// `/run/containers/UID/auth.json`; on macOS and Windows `<home>/.config/containers/auth.json`.
    #[must_use]
    pub(crate) fn containers_first(&self) -> PathBuf {
        if let Some(file) = self.path_var(env::REGISTRY_AUTH_FILE) {
            return file;
        }
        match self.platform {
            Platform::Linux => self.path_var(env::XDG_RUNTIME_DIR).map_or_else(
                || PathBuf::from(format!("/run/containers/{}/auth.json", self.uid.unwrap_or(0))),
                |dir| dir.join("containers").join("auth.json"),
            ),
            Platform::Macos | Platform::Windows => self
                .home()
                .unwrap_or_else(|| PathBuf::from("/"))
                .join(".config")
                .join("containers")
                .join("auth.json"),
        }
    }

    /// The containers tools' persistent credentials file, on every platform:
    /// `${XDG_CONFIG_HOME:-<home>/.config}/containers/auth.json`.
    #[must_use]
    pub(crate) fn containers_persistent(&self) -> Option<PathBuf> {
        let base = self.xdg(env::XDG_CONFIG_HOME).or_else(|| Some(self.home()?.join(".config")))?;
        Some(base.join("containers").join("auth.json"))
    }

    /// cr-ext's own config directory: `$XDG_CONFIG_HOME/cr-ext`, else `~/.config/cr-ext`
    /// (Linux), `~/Library/Application Support/cr-ext` (macOS), `%APPDATA%\cr-ext` (Windows).
    /// On macOS a `~/.config/cr-ext` that earlier versions wrote is kept in use while the
    /// Library one does not exist, so an upgrade loses no recorded `configure`.
    #[must_use]
    pub(crate) fn config_dir(&self) -> Option<PathBuf> {
        let base = self.xdg(env::XDG_CONFIG_HOME).or_else(|| match self.platform {
            Platform::Linux => Some(self.home()?.join(".config")),
            Platform::Macos => {
                let home = self.home()?;
                let library = home.join("Library").join("Application Support");
                let earlier = home.join(".config");
                let earlier_only =
                    !library.join("cr-ext").exists() && earlier.join("cr-ext").is_dir();
                Some(if earlier_only { earlier } else { library })
            }
            Platform::Windows => self.path_var(env::APPDATA),
        })?;
        Some(base.join("cr-ext"))
    }

    /// cr-ext's cache directory (the credential helper's tokens): `$XDG_CACHE_HOME/cr-ext`,
    /// else `~/.cache/cr-ext` (Linux), `~/Library/Caches/cr-ext` (macOS),
    /// `%LOCALAPPDATA%\cr-ext` (Windows).
    #[must_use]
    pub(crate) fn cache_dir(&self) -> Option<PathBuf> {
        let base = self.xdg(env::XDG_CACHE_HOME).or_else(|| match self.platform {
            Platform::Linux => Some(self.home()?.join(".cache")),
            Platform::Macos => Some(self.home()?.join("Library").join("Caches")),
            Platform::Windows => self.path_var(env::LOCALAPPDATA),
        })?;
        Some(base.join("cr-ext"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place<'a>(
        platform: Platform,
        vars: &'a [(&'a str, &'a str)],
    ) -> (Platform, impl Fn(&str) -> Option<OsString> + 'a) {
        (platform, move |k: &str| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.into()))
    }

    macro_rules! at {
        ($platform:expr, $vars:expr) => {{
            let (platform, var) = place($platform, $vars);
            move |f: &dyn Fn(&Place) -> Option<PathBuf>| {
                f(&Place { platform, uid: Some(1000), var: &var })
            }
        }};
    }

    #[allow(clippy::unnecessary_wraps)] // Compared with what the rules return.
    fn p(s: &str) -> Option<PathBuf> {
        Some(PathBuf::from(s))
    }

    #[test]
    fn linux_follows_xdg_and_the_containers_runtime_directory() {
        let vars = [("HOME", "/h")];
        let linux = at!(Platform::Linux, &vars);
        assert_eq!(linux(&|x| x.config_dir()), p("/h/.config/cr-ext"));
        assert_eq!(linux(&|x| x.cache_dir()), p("/h/.cache/cr-ext"));
        assert_eq!(linux(&|x| Some(x.docker_config())), p("/h/.docker/config.json"));
        assert_eq!(linux(&|x| Some(x.containers_first())), p("/run/containers/1000/auth.json"));
        assert_eq!(linux(&|x| x.containers_persistent()), p("/h/.config/containers/auth.json"));
        assert_eq!(linux(&|x| x.ibmcloud_home()), p("/h"));
        let vars = [
            ("HOME", "/h"),
            ("XDG_RUNTIME_DIR", "/run/user/7"),
            ("XDG_CONFIG_HOME", "/x"),
            ("XDG_CACHE_HOME", "relative"),
        ];
        let linux = at!(Platform::Linux, &vars);
        assert_eq!(linux(&|x| Some(x.containers_first())), p("/run/user/7/containers/auth.json"));
        assert_eq!(linux(&|x| x.config_dir()), p("/x/cr-ext"));
        // A relative XDG directory is ignored, as the XDG rules say.
        assert_eq!(linux(&|x| x.cache_dir()), p("/h/.cache/cr-ext"));
    }

    #[test]
    fn macos_uses_library_unless_xdg_says_otherwise_and_has_no_runtime_file() {
        let vars = [("HOME", "/Users/a"), ("XDG_RUNTIME_DIR", "/tmp/r")];
        let mac = at!(Platform::Macos, &vars);
        assert_eq!(mac(&|x| x.config_dir()), p("/Users/a/Library/Application Support/cr-ext"));
        assert_eq!(mac(&|x| x.cache_dir()), p("/Users/a/Library/Caches/cr-ext"));
        assert_eq!(
            mac(&|x| Some(x.containers_first())),
            p("/Users/a/.config/containers/auth.json")
        );
        let vars = [("HOME", "/Users/a"), ("XDG_CONFIG_HOME", "/c"), ("XDG_CACHE_HOME", "/k")];
        let mac = at!(Platform::Macos, &vars);
        assert_eq!(mac(&|x| x.config_dir()), p("/c/cr-ext"));
        assert_eq!(mac(&|x| x.cache_dir()), p("/k/cr-ext"));
        assert_eq!(mac(&|x| x.containers_persistent()), p("/c/containers/auth.json"));
    }

    #[test]
    fn macos_keeps_using_the_config_an_earlier_version_wrote() {
        let home = tempfile::tempdir().unwrap();
        let h = home.path().to_str().unwrap().to_owned();
        let vars = [("HOME", h.as_str())];
        let mac = at!(Platform::Macos, &vars);
        let library = home.path().join("Library/Application Support/cr-ext");
        assert_eq!(mac(&|x| x.config_dir()), Some(library.clone()));
        std::fs::create_dir_all(home.path().join(".config/cr-ext")).unwrap();
        assert_eq!(mac(&|x| x.config_dir()), Some(home.path().join(".config/cr-ext")));
        std::fs::create_dir_all(&library).unwrap();
        assert_eq!(mac(&|x| x.config_dir()), Some(library));
    }

    #[test]
    fn windows_uses_the_profile_appdata_and_the_clis_home_rule() {
        let vars = [
            ("USERPROFILE", r"C:\Users\a"),
            ("HOMEDRIVE", "D:"),
            ("HOMEPATH", r"\home\a"),
            ("APPDATA", r"C:\Users\a\AppData\Roaming"),
            ("LOCALAPPDATA", r"C:\Users\a\AppData\Local"),
            ("HOME", "/ignored"),
        ];
        let win = at!(Platform::Windows, &vars);
        assert_eq!(win(&|x| x.home()), p(r"C:\Users\a"));
        assert_eq!(win(&|x| x.ibmcloud_home()), p(r"D:\home\a"));
        assert_eq!(
            win(&|x| x.config_dir()),
            Some(PathBuf::from(r"C:\Users\a\AppData\Roaming").join("cr-ext"))
        );
        assert_eq!(
            win(&|x| x.cache_dir()),
            Some(PathBuf::from(r"C:\Users\a\AppData\Local").join("cr-ext"))
        );
        assert_eq!(
            win(&|x| Some(x.docker_config())),
            Some(PathBuf::from(r"C:\Users\a").join(".docker").join("config.json"))
        );
        assert_eq!(
            win(&|x| Some(x.containers_first())),
            Some(PathBuf::from(r"C:\Users\a").join(".config").join("containers").join("auth.json"))
        );
        let vars = [("USERPROFILE", r"C:\Users\b"), ("IBMCLOUD_HOME", r"E:\ic")];
        let win = at!(Platform::Windows, &vars);
        assert_eq!(win(&|x| x.ibmcloud_home()), p(r"E:\ic"));
        let vars = [("USERPROFILE", r"C:\Users\b")];
        let win = at!(Platform::Windows, &vars);
        assert_eq!(win(&|x| x.ibmcloud_home()), p(r"C:\Users\b"));
        assert_eq!(win(&|x| x.config_dir()), None);
    }

    #[test]
    fn explicit_files_win_everywhere() {
        for platform in [Platform::Linux, Platform::Macos, Platform::Windows] {
            let vars = [("REGISTRY_AUTH_FILE", "/a.json"), ("DOCKER_CONFIG", "/d")];
            let any = at!(platform, &vars);
            assert_eq!(any(&|x| Some(x.containers_first())), p("/a.json"));
            assert_eq!(
                any(&|x| Some(x.docker_config())),
                Some(PathBuf::from("/d").join("config.json"))
            );
        }
    }
}
