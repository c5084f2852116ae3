//! Shell integration in the real shells: the committed completion scripts loaded in bash, zsh
//! (its completion system driven through a pseudo-terminal, as a user's TAB drives it) and
//! fish; `shell-init` evaluated in each and its functions run; the man pages rendered by groff
//! with warnings on; and `scripts/install.sh` into a temporary PREFIX.
//!
//! bash is always there; the zsh, fish and groff tests are `#[ignore]`d for a plain `cargo
//! test` and run by `scripts/test.sh` once `scripts/e2e-setup.sh` has installed them.

use crate::support;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{World, jwt_expiring_in};

const CLIENTS: [&str; 4] = ["docker", "podman", "buildah", "skopeo"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A world with cr-ext itself, a logged-in fake ibmcloud and a fake podman on PATH.
fn shell_world() -> World {
    let mut w = World::new();
    w.with_system_path();
    std::os::unix::fs::symlink(assert_cmd::cargo::cargo_bin("cr-ext"), w.bin.join("cr-ext"))
        .unwrap();
    w.ibmcloud_session(&jwt_expiring_in(3600));
    w.client("podman");
    w
}

fn require(tool: &str) -> PathBuf {
    which::which(tool).unwrap_or_else(|_| {
        panic!("SHELL TEST TOOL MISSING: {tool}; run scripts/e2e-setup.sh as root")
    })
}

/// Runs `shell -c script` in the world; returns stdout, asserting success.
fn run_shell(w: &World, shell: &str, args: &[&str], script: &str) -> String {
    let out =
        w.system_cmd(require(shell).to_str().unwrap()).args(args).arg(script).output().unwrap();
    assert!(
        out.status.success(),
        "{shell} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Candidates, one per line, cleaned of tabs (fish descriptions) and carriage returns.
fn candidates(output: &str) -> Vec<String> {
    output
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

fn all_regions() -> Vec<String> {
    let out = Command::new(assert_cmd::cargo::cargo_bin("cr-ext"))
        .args(["regions", "--output", "json"])
        .output()
        .unwrap();
    let regions: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut names = Vec::new();
    for r in regions.as_array().unwrap() {
        names.push(r["name"].as_str().unwrap().to_owned());
        for a in r["aliases"].as_array().unwrap() {
            names.push(a.as_str().unwrap().to_owned());
        }
    }
    names
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

fn bash_complete(w: &World, setup: &str, function: &str, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "{setup}\nCOMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\n\
         COMP_POINT=${{#COMP_LINE}}\n{function} '{first}' \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = quoted.join(" "),
        cword = words.len() - 1,
        first = words[0],
    );
    candidates(&run_shell(w, "bash", &["-c"], &script))
}

#[test]
fn bash_completes_clients_and_regions() {
    let w = shell_world();
    let source = format!("source {}", repo().join("completions/cr-ext.bash").display());
    assert_eq!(
        bash_complete(&w, &source, "_cr__ext", &["cr-ext", "login", "--client", ""]),
        CLIENTS
    );
    assert_eq!(
        sorted(bash_complete(&w, &source, "_cr__ext", &["cr-ext", "login", "--region", ""])),
        sorted(all_regions())
    );
    assert_eq!(
        bash_complete(&w, &source, "_cr__ext", &["cr-ext", "login", "--as", ""]),
        ["bearer", "apikey", "refresh", "profile"]
    );
    assert_eq!(
        bash_complete(&w, &source, "_cr__ext", &["cr-ext", "regions", "--output", ""]),
        ["text", "json"]
    );
}

#[test]
fn bash_shell_init_defines_working_functions_with_completion() {
    let w = shell_world();
    let init = "eval \"$(cr-ext shell-init bash)\"";
    assert_eq!(bash_complete(&w, init, "_cr_ext_fn_icr", &["icr", "--client", ""]), CLIENTS);
    run_shell(&w, "bash", &["-c"], &format!("{init}\nicr -q --client podman --region eu-de"));
    assert_eq!(w.calls("podman")[0].argv[4], "de.icr.io");
    let out = run_shell(&w, "bash", &["-c"], &format!("{init}\nicr-token"));
    assert_eq!(out.matches('.').count(), 2, "a JWT: {out}");
    // Renamed and switched off.
    let renamed = "eval \"$(cr-ext shell-init bash --login-function dl --no-token-function)\"";
    run_shell(
        &w,
        "bash",
        &["-c"],
        &format!("{renamed}\ndl -q --client podman\n! type icr-token 2>/dev/null"),
    );
    assert_eq!(w.calls("podman").len(), 2);
}

fn zsh_complete(w: &World, setup: &str, words: &str) -> Vec<String> {
    let script = repo().join("tests/it/support/zsh-capture.zsh");
    let out = w
        .system_cmd(require("zsh").to_str().unwrap())
        .arg("-f")
        .arg(&script)
        .arg(setup)
        .arg(words)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    candidates(&String::from_utf8_lossy(&out.stdout))
}

#[test]
#[ignore = "needs zsh; run ./scripts/test.sh"]
fn zsh_completes_clients_and_regions() {
    let w = shell_world();
    let setup = format!(
        "fpath=({} $fpath); autoload -Uz compinit; compinit -u -D",
        repo().join("completions").display()
    );
    assert_eq!(zsh_complete(&w, &setup, "cr-ext login --client "), CLIENTS);
    assert_eq!(sorted(zsh_complete(&w, &setup, "cr-ext login --region ")), sorted(all_regions()));
    assert_eq!(zsh_complete(&w, &setup, "cr-ext login --region jp-"), ["jp-osa", "jp-tok"]);
}

#[test]
#[ignore = "needs zsh; run ./scripts/test.sh"]
fn zsh_shell_init_defines_working_functions_with_completion() {
    let w = shell_world();
    let init = "eval \"$(cr-ext shell-init zsh)\"";
    assert_eq!(zsh_complete(&w, init, "icr --client "), CLIENTS);
    assert_eq!(zsh_complete(&w, init, "cr-ext login --client "), CLIENTS);
    run_shell(&w, "zsh", &["-f", "-c"], &format!("{init}\nicr -q --client podman --region jp-tok"));
    assert_eq!(w.calls("podman")[0].argv[4], "jp.icr.io");
}

fn fish_complete(w: &World, setup: &str, line: &str) -> Vec<String> {
    candidates(&run_shell(
        w,
        "fish",
        &["--no-config", "-c"],
        &format!("{setup}; complete -C '{line}'"),
    ))
}

#[test]
#[ignore = "needs fish; run ./scripts/test.sh"]
fn fish_completes_clients_and_regions() {
    let w = shell_world();
    let source = format!("source {}", repo().join("completions/cr-ext.fish").display());
    assert_eq!(
        sorted(fish_complete(&w, &source, "cr-ext login --client ")),
        sorted(CLIENTS.map(String::from).to_vec())
    );
    assert_eq!(sorted(fish_complete(&w, &source, "cr-ext login --region ")), sorted(all_regions()));
}

#[test]
#[ignore = "needs fish; run ./scripts/test.sh"]
fn fish_shell_init_defines_working_functions_with_completion() {
    let w = shell_world();
    let init = "cr-ext shell-init fish | source";
    assert_eq!(
        sorted(fish_complete(&w, init, "icr --client ")),
        sorted(CLIENTS.map(String::from).to_vec())
    );
    run_shell(
        &w,
        "fish",
        &["--no-config", "-c"],
        &format!("{init}; icr -q --client podman --region br-sao"),
    );
    assert_eq!(w.calls("podman")[0].argv[4], "br.icr.io");
}

#[test]
#[ignore = "needs groff; run ./scripts/test.sh"]
fn man_pages_render_without_groff_warnings() {
    let pages: Vec<PathBuf> = std::fs::read_dir(repo().join("man"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "1"))
        .collect();
    assert!(pages.len() >= 7, "{pages:?}");
    for page in &pages {
        let out =
            Command::new(require("groff")).args(["-man", "-ww", "-z"]).arg(page).output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            page.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(page).unwrap();
        for section in ["ENVIRONMENT", "EXIT STATUS", "FILES"] {
            assert!(
                text.contains(&format!(".SH \"{section}\"")),
                "{}: no {section}",
                page.display()
            );
        }
    }
}

fn file_exists(root: &Path, rel: &str) -> bool {
    root.join(rel).is_file()
}

#[test]
fn install_script_installs_binary_completions_and_man_pages() {
    let w = shell_world();
    w.fake("ibmcloud");
    let prefix = w.root.path().join("prefix");
    let out = w
        .system_cmd(repo().join("scripts/install.sh").to_str().unwrap())
        .env("PREFIX", &prefix)
        .env("CR_EXT_BIN", assert_cmd::cargo::cargo_bin("cr-ext"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    for rel in [
        "bin/cr-ext",
        "share/bash-completion/completions/cr-ext",
        "share/zsh/site-functions/_cr-ext",
        "share/fish/vendor_completions.d/cr-ext.fish",
        "share/man/man1/cr-ext.1",
        "share/man/man1/cr-ext-login.1",
    ] {
        assert!(file_exists(&prefix, rel), "missing {rel}");
    }
    let installed = Command::new(prefix.join("bin/cr-ext")).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&installed.stdout).starts_with("cr-ext "));
    let helper = prefix.join("bin/docker-credential-cr-ext");
    assert_eq!(std::fs::read_link(&helper).unwrap(), Path::new("cr-ext"));
    let version = Command::new(&helper).arg("version").output().unwrap();
    assert!(
        String::from_utf8_lossy(&version.stdout).starts_with("docker-credential-cr-ext (cr-ext ")
    );
    let plugin = w.calls("ibmcloud");
    assert_eq!(plugin.len(), 1);
    assert_eq!(
        plugin[0].argv,
        ["plugin", "install", prefix.join("bin/cr-ext").to_str().unwrap(), "-f"]
    );

    // Without ibmcloud on PATH it says so and still succeeds.
    std::fs::remove_file(w.bin.join("ibmcloud")).unwrap();
    let mut again = w.system_cmd(repo().join("scripts/install.sh").to_str().unwrap());
    again.env("PREFIX", &prefix).env("CR_EXT_BIN", assert_cmd::cargo::cargo_bin("cr-ext"));
    let out = again.output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ibmcloud is not on PATH"));
}

#[test]
fn install_script_builds_into_cargo_target_dir_statically_on_linux() {
    // A cargo that says which host it builds for, records how it was asked to build, and
    // leaves the binary where a real build would.
    let fake = |host: &str| {
        let w = shell_world();
        let cargo = w.bin.join("cargo");
        std::fs::write(
            &cargo,
            format!(
                "#!/bin/sh
\
                 [ \"$1\" = -vV ] && {{ echo 'cargo 1.95.0'; echo 'host: {host}'; exit 0; }}
\
                 printf '%s ' \"$@\" > \"{log}/cargo.argv\"
\
                 printf '%s' \"$RUSTFLAGS\" > \"{log}/cargo.rustflags\"
\
                 dir=\"$CARGO_TARGET_DIR/release\"
\
                 [ \"$4\" = --target ] && dir=\"$CARGO_TARGET_DIR/$5/release\"
\
                 mkdir -p \"$dir\" && cp {bin} \"$dir/cr-ext\"
",
                log = w.log.display(),
                bin = assert_cmd::cargo::cargo_bin("cr-ext").display()
            ),
        )
        .unwrap();
        support::make_executable(&cargo);
        let prefix = w.root.path().join("prefix");
        let out = w
            .system_cmd(repo().join("scripts/install.sh").to_str().unwrap())
            .env("PREFIX", &prefix)
            .env("CARGO_TARGET_DIR", w.root.path().join("elsewhere"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(file_exists(&prefix, "bin/cr-ext"));
        let read = |name: &str| std::fs::read_to_string(w.log.join(name)).unwrap();
        (read("cargo.argv"), read("cargo.rustflags"))
    };
    let (argv, rustflags) = fake("x86_64-unknown-linux-gnu");
    assert_eq!(argv, "build --release --locked --target x86_64-unknown-linux-gnu ");
    assert!(rustflags.contains("-C target-feature=+crt-static"), "{rustflags:?}");
    let (argv, rustflags) = fake("aarch64-apple-darwin");
    assert_eq!(argv, "build --release --locked ");
    assert!(!rustflags.contains("crt-static"), "{rustflags:?}");
}
