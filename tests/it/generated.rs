//! The committed completions/ and man/ must be what the binary generates from today's clap
//! tree; each test names the command that regenerates them. Also the plugin protocol's output
//! as the ibmcloud CLI reads it.

use std::path::PathBuf;

use crate::support::World;
use serde_json::Value;

const REGENERATE: &str = "run scripts/generate.sh and commit completions/ and man/";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_completions_are_current() {
    for (shell, file) in [
        ("bash", "cr-ext.bash"),
        ("zsh", "_cr-ext"),
        ("fish", "cr-ext.fish"),
        ("powershell", "_cr-ext.ps1"),
        ("elvish", "cr-ext.elv"),
    ] {
        let a = World::new().cmd().args(["completions", shell]).assert().success();
        let committed = std::fs::read(repo().join("completions").join(file))
            .unwrap_or_else(|_| panic!("completions/{file} is missing: {REGENERATE}"));
        assert!(a.get_output().stdout == committed, "completions/{file} is stale: {REGENERATE}");
    }
}

#[test]
fn committed_man_pages_are_current() {
    let w = World::new();
    let dir = w.root.path().join("man");
    std::fs::create_dir(&dir).unwrap();
    w.cmd().arg("man").arg("--dir").arg(&dir).assert().success();
    let mut fresh: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    fresh.sort();
    let mut committed: Vec<String> = std::fs::read_dir(repo().join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    committed.sort();
    assert_eq!(fresh, committed, "man/ has other pages: {REGENERATE}");
    assert!(fresh.contains(&"cr-ext-login.1".to_owned()));
    for name in fresh {
        let want = std::fs::read(dir.join(&name)).unwrap();
        let have = std::fs::read(repo().join("man").join(&name)).unwrap();
        assert!(want == have, "man/{name} is stale: {REGENERATE}");
    }
}

#[test]
fn send_metadata_is_compact_json_built_from_the_commands() {
    let a = World::new().cmd().arg("SendMetadata").assert().success().stderr("");
    let out = a.get_output().stdout.clone();
    assert!(!out.ends_with(b"\n"), "no trailing newline");
    let text = String::from_utf8(out).unwrap();
    let m: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(text, m.to_string(), "compact JSON, nothing else on stdout");
    assert_eq!(m["Name"], "cr-ext");
    assert_eq!(m["Namespaces"][0]["Name"], "cr-ext");
    assert_eq!(m["DelegateBashCompletion"], true);
    assert_eq!(m["PrivateEndpointSupported"], true);
    let version: Vec<u64> =
        env!("CARGO_PKG_VERSION").split('.').map(|p| p.parse().unwrap()).collect();
    assert_eq!(
        m["Version"],
        serde_json::json!({"Major": version[0], "Minor": version[1], "Build": version[2]})
    );
    let names: Vec<&str> =
        m["Commands"].as_array().unwrap().iter().map(|c| c["Name"].as_str().unwrap()).collect();
    for want in ["login", "token", "regions", "clients", "completions", "shell-init"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.starts_with("Send") || *n == "man" || *n == "help"),
        "{names:?}"
    );
    let login = &m["Commands"].as_array().unwrap()[0];
    let flag =
        |name: &str| login["Flags"].as_array().unwrap().iter().find(|f| f["Name"] == name).cloned();
    assert_eq!(flag("c,client").unwrap()["HasValue"], true);
    assert_eq!(flag("q,quiet").unwrap()["HasValue"], false);
    assert_eq!(flag("dry-run").unwrap()["HasValue"], false);
    assert!(flag("help").is_none());
}

#[test]
fn send_completion_offers_commands_flags_and_values() {
    let w = World::new();
    let complete = |args: &[&str]| {
        let a = w.cmd().arg("SendCompletion").args(args).assert().success();
        String::from_utf8(a.get_output().stdout.clone()).unwrap()
    };
    assert_eq!(complete(&["cr-ext", "login", "--client"]), "docker\npodman\nbuildah\nskopeo\n");
    // The word being typed is passed: its completions follow the next-word reading.
    assert!(
        complete(&["cr-ext", "login", "--region", "eu-"])
            .ends_with("eu-de\neu-central\neu-es\neu-gb\n")
    );
    assert_eq!(complete(&["cr-ext", "regions", "--output", ""]), "text\njson\n");
    assert_eq!(
        complete(&["cr-ext", "pull-secret", "--format", ""]),
        "yaml\njson\ndockerconfigjson\n"
    );
    assert!(complete(&["cr-ext"]).lines().any(|l| l == "login"));
    assert!(complete(&["cr-ext", "login", "--pri"]).lines().any(|l| l == "--private"));
    // Only the words before the cursor are passed: after a whole command, its flags.
    let after_login = complete(&["cr-ext", "login"]);
    assert!(after_login.lines().any(|l| l == "--client"), "{after_login}");
    let after_switch = complete(&["cr-ext", "login", "--dry-run"]);
    assert!(after_switch.lines().any(|l| l == "--region"), "{after_switch}");
    assert!(complete(&["cr-ext", "lo"]).lines().eq(["login", "logout"]));
}

#[test]
fn help_speaks_of_ibmcloud_when_run_as_a_plugin() {
    let mut w = World::new();
    w.cmd()
        .args(["login", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Usage: cr-ext login"));
    w.env("IBMCLOUD_PLUGIN_NAMESPACE", "cr-ext");
    w.cmd()
        .args(["login", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Usage: ibmcloud cr-ext login"));
    w.cmd()
        .args(["login", "--bogus"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("Usage: ibmcloud cr-ext login"));
}

#[test]
fn readme_exit_codes_and_environment_match_the_binary() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let help = World::new().cmd().arg("--help").assert().success();
    let help = String::from_utf8(help.get_output().stdout.clone()).unwrap();
    let block = help.split("Exit status:\n").nth(1).expect("--help lists the exit codes");
    let mut codes = 0;
    for line in block.lines().take_while(|l| l.starts_with("  ")) {
        let (code, meaning) = line.trim().split_once(char::is_whitespace).unwrap();
        let row = format!("| {code} | {} |", meaning.trim());
        assert!(readme.contains(&row), "README lacks the exit-code row {row:?}");
        codes += 1;
    }
    assert_eq!(codes, 7);
    // The man page's ENVIRONMENT section is generated from src/env.rs.
    let man = std::fs::read_to_string(repo().join("man/cr-ext.1")).unwrap();
    let section = man.split(".SH \"ENVIRONMENT\"").nth(1).unwrap().split(".SH").next().unwrap();
    let mut names = 0;
    for name in section.lines().filter_map(|l| l.strip_prefix("\\fB")?.strip_suffix("\\fR")) {
        assert!(readme.contains(&format!("| `{name}` |")), "README lacks the variable {name}");
        names += 1;
    }
    assert_eq!(names, 19);
}
