//! The ibmcloud CLI plugin protocol, built from the clap tree so it never drifts from the real
//! commands: `SendMetadata` (the plugin's JSON description) and `SendCompletion` (candidates
//! for the CLI's own bash completion).

use std::fmt::Write as _;

use clap::{Arg, Command, CommandFactory};
use serde_json::{Value, json};

use crate::cli::Cli;

/// The plugin's name and namespace (`cr` belongs to IBM's container-registry plugin).
pub(crate) const NAMESPACE: &str = "cr-ext";
/// The IBM Cloud CLI plugin SDK version cr-ext declares: the Go SDK's current release, whose
/// protocol (metadata keys, `SendCompletion`, VPC sessions) this implementation follows.
const SDK_VERSION: &str = "1.12.1";

fn version(text: &str) -> Value {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    json!({
        "Major": parts.next().unwrap_or(0),
        "Minor": parts.next().unwrap_or(0),
        "Build": parts.next().unwrap_or(0),
    })
}

fn first_line(text: Option<&clap::builder::StyledStr>) -> String {
    text.map(|t| t.to_string().lines().next().unwrap_or("").trim_end_matches('.').to_owned())
        .unwrap_or_default()
}

/// Visible options (not positionals), without clap's own help and version.
fn visible_flags(cmd: &Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments().filter(|a| {
        !a.is_hide_set() && !a.is_positional() && !matches!(a.get_id().as_str(), "help" | "version")
    })
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
}

fn flag_json(arg: &Arg) -> Value {
    let long = arg.get_long().unwrap_or_default();
    let name = match arg.get_short() {
        Some(short) => format!("{short},{long}"),
        None => long.to_owned(),
    };
    json!({
        "Name": name,
        "Description": first_line(arg.get_help()),
        "HasValue": takes_value(arg),
        "Hidden": false,
    })
}

fn usage(path: &str, sub: &Command, flags: &[&Arg]) -> String {
    let mut usage = format!("${{COMMAND_NAME}} {NAMESPACE} {path}");
    for arg in flags {
        let long = arg.get_long().unwrap_or_default();
        let names = match arg.get_short() {
            Some(short) => format!("-{short}, --{long}"),
            None => format!("--{long}"),
        };
        if takes_value(arg) {
            let value =
                arg.get_value_names().and_then(|v| v.first()).map_or("VALUE", |v| v.as_str());
            let _ = write!(usage, " [{names} {value}]");
        } else {
            let _ = write!(usage, " [{names}]");
        }
    }
    for arg in sub.get_positionals().filter(|a| !a.is_hide_set()) {
        let value = arg.get_value_names().and_then(|v| v.first()).map_or("ARG", |v| v.as_str());
        usage.push(' ');
        usage.push_str(&value.to_uppercase());
    }
    usage
}

/// The metadata the CLI reads when it discovers or installs the plugin.
#[must_use]
pub(crate) fn metadata() -> Value {
    let root = Cli::command();
    let globals: Vec<&Arg> = visible_flags(&root).collect();
    let command = |namespace: &str, path: &str, sub: &Command| {
        let flags: Vec<&Arg> = visible_flags(sub).chain(globals.iter().copied()).collect();
        json!({
            "Namespace": namespace,
            "Name": sub.get_name(),
            "Alias": "",
            "Aliases": [],
            "Description": first_line(sub.get_about()),
            "Usage": usage(path, sub, &flags),
            "Flags": flags.iter().map(|a| flag_json(a)).collect::<Vec<_>>(),
            "Hidden": false,
            "Stage": "",
        })
    };
    let mut namespaces = vec![json!({
        "ParentName": "",
        "Name": NAMESPACE,
        "Aliases": [],
        "Description": "Log container clients in to IBM Cloud Container Registry",
        "Stage": "",
    })];
    let mut commands: Vec<Value> = Vec::new();
    for sub in root.get_subcommands().filter(|s| !s.is_hide_set()) {
        let inner: Vec<&Command> = sub.get_subcommands().filter(|s| !s.is_hide_set()).collect();
        if inner.is_empty() {
            commands.push(command(NAMESPACE, sub.get_name(), sub));
            continue;
        }
        // A command with commands of its own is a namespace under cr-ext (`cr-ext service-key`).
        namespaces.push(json!({
            "ParentName": NAMESPACE,
            "Name": sub.get_name(),
            "Aliases": [],
            "Description": first_line(sub.get_about()),
            "Stage": "",
        }));
        let namespace = format!("{NAMESPACE} {}", sub.get_name());
        for cmd in inner {
            commands.push(command(
                &namespace,
                &format!("{} {}", sub.get_name(), cmd.get_name()),
                cmd,
            ));
        }
    }
    json!({
        "Name": NAMESPACE,
        "Aliases": [],
        "Version": version(env!("CARGO_PKG_VERSION")),
        "MinCliVersion": version("2.0.0"),
        "Namespaces": namespaces,
        "Commands": commands,
        "SDKVersion": version(SDK_VERSION),
        "DelegateBashCompletion": true,
        "PrivateEndpointSupported": true,
        // VPC private sessions work: IAM goes through IAMPrivateVPCEndpoint (credential/).
        "IsAccessFromVPC": true,
        "IsCobraPlugin": false,
    })
}

fn values(arg: &Arg) -> Vec<String> {
    arg.get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect()
}

/// Completion candidates for the words typed after `ibmcloud` (namespace first or not). The
/// CLI may pass the words before the cursor only, or the word being typed too: both readings
/// are answered, the candidates for a next word first, then the completions of the last word
/// taken as a prefix (bash filters by prefix anyway).
#[must_use]
pub(crate) fn complete(words: &[String]) -> Vec<String> {
    let words = match words.first() {
        Some(first) if first == NAMESPACE => &words[1..],
        _ => words,
    };
    // An empty last word can only be the word being typed.
    if words.last().is_some_and(String::is_empty) {
        return complete_last(words);
    }
    let mut next: Vec<String> = words.to_vec();
    next.push(String::new());
    let mut all = complete_last(&next);
    if !words.is_empty() {
        for candidate in complete_last(words) {
            if !all.contains(&candidate) {
                all.push(candidate);
            }
        }
    }
    all
}

/// Candidates for the last word of `words`, taken as a prefix (empty: a new word).
fn complete_last(words: &[String]) -> Vec<String> {
    let words = match words.first() {
        Some(first) if first == NAMESPACE => &words[1..],
        _ => words,
    };
    let root = Cli::command();
    let by_prefix = |candidates: Vec<String>, prefix: &str| -> Vec<String> {
        candidates.into_iter().filter(|c| c.starts_with(prefix)).collect()
    };
    let commands = || {
        root.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name().to_owned())
            .collect()
    };
    let Some((command, rest)) = words.split_first() else {
        return commands();
    };
    if rest.is_empty() {
        return by_prefix(commands(), command);
    }
    let Some(mut sub) = root.find_subcommand(command).filter(|s| !s.is_hide_set()) else {
        return Vec::new();
    };
    let mut rest = rest;
    // Commands with commands of their own (`service-key create`).
    while sub.has_subcommands() {
        let inner = || {
            sub.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name().to_owned())
                .collect()
        };
        match rest.split_first() {
            Some((word, [])) => return by_prefix(inner(), word),
            Some((word, more)) => match sub.find_subcommand(word) {
                Some(found) => {
                    sub = found;
                    rest = more;
                }
                None => return Vec::new(),
            },
            None => return inner(),
        }
    }
    let flags: Vec<&Arg> = visible_flags(sub).chain(visible_flags(&root)).collect();
    let find_flag = |word: &str| {
        flags.iter().copied().find(|a| {
            word.strip_prefix("--").is_some_and(|l| a.get_long() == Some(l))
                || (word.len() == 2
                    && word.starts_with('-')
                    && a.get_short().is_some_and(|s| word.ends_with(s)))
        })
    };
    let current = rest.last().map_or("", String::as_str);
    if let Some(flag) = find_flag(current).filter(|a| takes_value(a)) {
        return values(flag);
    }
    if let Some(previous) = rest.len().checked_sub(2).map(|i| rest[i].as_str())
        && let Some(flag) = find_flag(previous).filter(|a| takes_value(a))
    {
        return by_prefix(values(flag), current);
    }
    let positional = sub.get_positionals().next().map(values).unwrap_or_default();
    if current.starts_with('-') || (current.is_empty() && positional.is_empty()) {
        let longs = flags.iter().filter_map(|a| a.get_long()).map(|l| format!("--{l}")).collect();
        return by_prefix(longs, current);
    }
    by_prefix(positional, current)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn metadata_lists_commands_and_flags_from_clap() {
        let m = metadata();
        assert_eq!(m["Name"], "cr-ext");
        assert_eq!(m["MinCliVersion"], json!({"Major": 2, "Minor": 0, "Build": 0}));
        assert_eq!(m["SDKVersion"], json!({"Major": 1, "Minor": 12, "Build": 1}));
        assert_eq!(m["IsAccessFromVPC"], json!(true));
        let login =
            m["Commands"].as_array().unwrap().iter().find(|c| c["Name"] == "login").unwrap();
        let flags = login["Flags"].as_array().unwrap();
        let client = flags.iter().find(|f| f["Name"] == "c,client").unwrap();
        assert_eq!(client["HasValue"], json!(true));
        let dry = flags.iter().find(|f| f["Name"] == "dry-run").unwrap();
        assert_eq!(dry["HasValue"], json!(false));
        assert!(
            login["Usage"]
                .as_str()
                .unwrap()
                .starts_with("${COMMAND_NAME} cr-ext login [-c, --client NAME]")
        );
        let names: Vec<&str> =
            m["Commands"].as_array().unwrap().iter().map(|c| c["Name"].as_str().unwrap()).collect();
        assert!(!names.iter().any(|n| n.starts_with("Send") || *n == "man"), "{names:?}");
    }

    #[test]
    fn completes_commands_flags_and_values() {
        assert!(complete_last(&words("cr-ext")).contains(&"login".to_owned()));
        assert_eq!(
            complete_last(&words("cr-ext lo")),
            ["login", "logout"]
                .iter()
                .filter(|c| commands_have(c))
                .map(|s| (*s).to_owned())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            complete_last(&words("login --client")),
            ["docker", "podman", "buildah", "skopeo"]
        );
        assert_eq!(complete_last(&words("cr-ext login -c po")), ["podman"]);
        assert!(complete_last(&words("login --region")).contains(&"eu-central".to_owned()));
        assert_eq!(complete_last(&words("login --region jp-")), ["jp-osa", "jp-tok"]);
        assert_eq!(complete_last(&words("regions --output")), ["text", "json"]);
        assert_eq!(
            complete_last(&words("pull-secret --format")),
            ["yaml", "json", "dockerconfigjson"]
        );
        assert!(complete_last(&words("login --dry")).contains(&"--dry-run".to_owned()));
        assert_eq!(complete_last(&words("completions f")), ["fish"]);
        assert!(complete_last(&words("SendMetadata x")).is_empty());
    }

    #[test]
    fn answers_both_readings_of_the_words() {
        // Only the words before the cursor: `login` is complete, so its flags come first.
        let after_login = complete(&words("cr-ext login"));
        assert!(after_login.contains(&"--dry-run".to_owned()), "{after_login:?}");
        assert!(after_login.contains(&"login".to_owned()), "{after_login:?}");
        let after_flag = complete(&words("cr-ext login --dry-run"));
        assert!(after_flag.contains(&"--client".to_owned()), "{after_flag:?}");
        assert_eq!(complete(&words("login --client")), ["docker", "podman", "buildah", "skopeo"]);
        assert!(complete(&[]).contains(&"status".to_owned()));
    }

    fn commands_have(name: &str) -> bool {
        Cli::command().find_subcommand(name).is_some()
    }
}
