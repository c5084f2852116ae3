//! Shell integration generated from the one clap tree: completion scripts (clap_complete), man
//! pages (clap_mangen plus the sections clap does not know), and `shell-init` text for
//! dotfiles.

use std::fmt::Write as _;
use std::io::Write as _;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, InitShell, ShellInitArgs};
use crate::error::exit;
use crate::examples;

/// The completion script for `shell`, exactly as committed under `completions/`.
#[must_use]
pub(crate) fn completion(shell: Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "cr-ext", &mut buf);
    let script = String::from_utf8_lossy(&buf).into_owned();
    if shell == Shell::Bash { fix_bash(&script) } else { script }
}

/// Two mends to clap_complete's bash script (4.6): with a `-` in the binary name it spells the
/// state of a subcommand one way where it sets it (`cr__ext__subcmd__login`) and another in
/// the `case` that reads it (`cr__subcmd__ext__subcmd__login`), so nothing after the
/// subcommand completes; and it offers hidden subcommands (the plugin protocol's). The shell
/// tests load the result in bash and check what it completes.
fn fix_bash(script: &str) -> String {
    let hidden: Vec<String> = Cli::command()
        .get_subcommands()
        .filter(|s| s.is_hide_set())
        .map(|s| s.get_name().to_owned())
        .collect();
    script
        .replace("cr__subcmd__ext", "cr__ext")
        .lines()
        .map(|line| match line.trim_start().strip_prefix("opts=\"") {
            Some(rest) => {
                let indent = &line[..line.len() - line.trim_start().len()];
                let words: Vec<&str> = rest
                    .trim_end_matches('"')
                    .split(' ')
                    .filter(|w| !hidden.iter().any(|h| h == w))
                    .collect();
                format!("{indent}opts=\"{}\"\n", words.join(" "))
            }
            None => format!("{line}\n"),
        })
        .collect()
}

/// The man pages' FILES section: every file cr-ext reads or writes, with its path on Linux,
/// macOS and Windows (README, "Paths"; the rules are `dirs`').
const FILES: &[(&str, &str)] = &[
    (
        "~/.bluemix/config.json",
        "The ibmcloud CLI's config (~/.ibmcloud/config.json when that directory exists; see IBMCLOUD_HOME, IBMCLOUD_CONFIG_HOME). On Windows under %HOMEDRIVE%%HOMEPATH%, else %USERPROFILE%, as the CLI itself finds it. Read for the targeted region, IAM endpoints and the cached session token; never written.",
    ),
    (
        "~/.docker/config.json",
        "Where docker stores registry credentials ($DOCKER_CONFIG/config.json when DOCKER_CONFIG is set; %USERPROFILE%\\.docker\\config.json on Windows). With credsStore set (desktop, osxkeychain, wincred, pass, secretservice) the secrets are in that helper's keychain and cr-ext status says so.",
    ),
    (
        "$XDG_RUNTIME_DIR/containers/auth.json",
        "Where podman, buildah and skopeo store registry credentials on Linux (/run/containers/UID/auth.json without XDG_RUNTIME_DIR; ~/.config/containers/auth.json on macOS and Windows; $REGISTRY_AUTH_FILE when set; $DOCKER_CONFIG/config.json when DOCKER_CONFIG is set). cr-ext configure removes stored logins for the hosts it configures from it.",
    ),
    (
        "~/.config/containers/auth.json",
        "The containers tools' persistent credentials file on every platform ($XDG_CONFIG_HOME/containers/auth.json), where cr-ext configure writes their credHelpers.",
    ),
    (
        "FILE.lock",
        "The advisory lock beside each credentials file, held while cr-ext or a client it runs rewrites the file.",
    ),
    (
        "~/.config/cr-ext/config.json",
        "cr-ext's own config ($XDG_CONFIG_HOME/cr-ext/config.json; macOS ~/Library/Application Support/cr-ext/config.json; Windows %APPDATA%\\cr-ext\\config.json): the hosts recorded by configure --registry and the path of the API key file recorded by configure --apikey-file; never a key.",
    ),
    (
        "~/.cache/cr-ext/",
        "The credential helper's token cache ($XDG_CACHE_HOME/cr-ext; macOS ~/Library/Caches/cr-ext; Windows %LOCALAPPDATA%\\cr-ext; directory 0700, files 0600 on Unix, the user profile's ACL on Windows): one file per API key and IAM endpoint, named by a SHA-256 of the two, a .lock beside each, and for 10 s a failed-*.json naming a failure (its message, never a secret); never the key.",
    ),
];

/// Escapes text for roff: backslashes, and a leading `.` or `'` that would read as a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn section(out: &mut Vec<u8>, title: &str, items: &[(&str, &str)], bold_term: bool) {
    let _ = writeln!(out, ".SH \"{title}\"");
    for (term, text) in items {
        let term = roff(term);
        let _ = writeln!(
            out,
            ".TP\n{}\n{}",
            if bold_term { format!("\\fB{term}\\fR") } else { term },
            roff(text)
        );
    }
}

/// Every man page: `cr-ext.1` and `cr-ext-COMMAND.1` per visible subcommand, as committed under
/// `man/`.
#[must_use]
pub(crate) fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut root = Cli::command();
    // Building propagates the version to subcommands, which the version section needs.
    root.build();
    // (page, the command as typed after `cr-ext`, its clap command); the root page shows
    // login's examples.
    let mut pages = vec![("cr-ext".to_owned(), "login".to_owned(), root.clone())];
    for sub in root.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("cr-ext-{}", sub.get_name());
        let bin_name = format!("cr-ext {}", sub.get_name());
        // One level deeper for commands with their own commands (service-key create, ...).
        for inner in sub.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
            let inner_name = format!("{name}-{}", inner.get_name());
            let inner_bin = format!("{bin_name} {}", inner.get_name());
            let typed = format!("{} {}", sub.get_name(), inner.get_name());
            pages.push((
                inner_name.clone(),
                typed,
                inner.clone().name(inner_name).bin_name(inner_bin),
            ));
        }
        let typed = sub.get_name().to_owned();
        let sub = sub.clone().name(name.clone()).bin_name(bin_name);
        pages.push((name, typed, sub));
    }
    pages
        .into_iter()
        .map(|(name, typed, cmd)| {
            let man = clap_mangen::Man::new(cmd.clone()).date("2026-11-27");
            let mut out = Vec::new();
            let _ = man.render_title(&mut out);
            let _ = man.render_name_section(&mut out);
            let _ = man.render_synopsis_section(&mut out);
            let _ = man.render_description_section(&mut out);
            if cmd.get_arguments().any(|a| !a.is_hide_set()) {
                let _ = man.render_options_section(&mut out);
            }
            if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
                let _ = man.render_subcommands_section(&mut out);
            }
            section(&mut out, "ENVIRONMENT", crate::env::DOCUMENTED, true);
            let exit_status: Vec<(String, &str)> =
                exit::TABLE.iter().map(|(code, _, long)| (code.to_string(), *long)).collect();
            let exit_status: Vec<(&str, &str)> =
                exit_status.iter().map(|(c, l)| (c.as_str(), *l)).collect();
            section(&mut out, "EXIT STATUS", &exit_status, true);
            section(&mut out, "FILES", FILES, false);
            let examples = examples::of(&typed);
            if !examples.is_empty() {
                section(&mut out, "EXAMPLES", examples, true);
            }
            let _ = man.render_version_section(&mut out);
            (format!("{name}.1"), out)
        })
        .collect()
}

/// What `cr-ext shell-init SHELL` prints.
#[must_use]
pub(crate) fn shell_init(args: &ShellInitArgs) -> String {
    let login = (!args.no_login_function).then_some(args.login_function.as_str());
    let token = (!args.no_token_function).then_some(args.token_function.as_str());
    let functions: Vec<(&str, &str)> = [(login, "login"), (token, "token")]
        .into_iter()
        .filter_map(|(n, c)| n.map(|n| (n, c)))
        .collect();
    let mut out = String::new();
    match args.shell {
        InitShell::Bash => {
            out.push_str(
                "# cr-ext for bash: add `eval \"$(cr-ext shell-init bash)\"` to ~/.bashrc.\n",
            );
            out.push_str(&completion(Shell::Bash));
            for (name, command) in functions {
                let _ = write!(
                    out,
                    "\n{name}() {{ command cr-ext {command} \"$@\"; }}\n\
                     _cr_ext_fn_{fname}() {{\n    \
                         COMP_WORDS=(cr-ext {command} \"${{COMP_WORDS[@]:1}}\")\n    \
                         COMP_CWORD=$((COMP_CWORD + 1))\n    \
                         _cr__ext cr-ext \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
                     }}\n\
                     complete -F _cr_ext_fn_{fname} -o bashdefault -o default {name}\n",
                    fname = name.replace('-', "_"),
                );
            }
        }
        InitShell::Zsh => {
            out.push_str(
                "# cr-ext for zsh: add `eval \"$(cr-ext shell-init zsh)\"` to ~/.zshrc.\n",
            );
            out.push_str("(( $+functions[compdef] )) || { autoload -Uz compinit && compinit; }\n");
            out.push_str(&completion(Shell::Zsh));
            for (name, command) in functions {
                let _ = write!(
                    out,
                    "\n{name}() {{ command cr-ext {command} \"$@\"; }}\n\
                     _cr_ext_fn_{fname}() {{\n    \
                         words=(cr-ext {command} \"${{(@)words[2,-1]}}\")\n    \
                         (( CURRENT += 1 ))\n    \
                         _cr-ext\n\
                     }}\n\
                     compdef _cr_ext_fn_{fname} {name}\n",
                    fname = name.replace('-', "_"),
                );
            }
        }
        InitShell::Fish => {
            out.push_str("# cr-ext for fish: add `cr-ext shell-init fish | source` to ~/.config/fish/config.fish.\n");
            out.push_str(&completion(Shell::Fish));
            for (name, command) in functions {
                let _ = write!(
                    out,
                    "\nfunction {name} --wraps 'cr-ext {command}' --description 'cr-ext {command}'\n    \
                         command cr-ext {command} $argv\n\
                     end\n"
                );
            }
        }
    }
    out
}
