//! The usage examples of every command, once: `--help` shows them after the options (clap's
//! `after_help`), the man pages in their EXAMPLES section, and a test checks that the README
//! shows each command too. A leaf: it imports nothing from the crate.

/// One example: the command line, and what it does.
pub(crate) type Example = (&'static str, &'static str);

/// The examples per command (its name as typed after `cr-ext`), then a note for `--help`.
const TABLE: &[(&str, &[Example], &str)] = &[
    (
        "login",
        &[
            (
                "cr-ext login",
                "Log the first client on PATH in to the registry of the region the ibmcloud CLI targets.",
            ),
            ("cr-ext login --client podman --region eu-de", "Log podman in to de.icr.io."),
            ("cr-ext login --registry us.icr.io --dry-run", "Show the commands; run nothing."),
            (
                "cr-ext login --private --region jp-tok --output json",
                "The private endpoint private.jp.icr.io, with a JSON report.",
            ),
            (
                "cr-ext login --client docker,podman -r us-south -r eu-de",
                "Four logins with one token.",
            ),
            ("cr-ext login --all-clients --all-regions", "Every client on PATH in every region."),
            (
                "IBMCLOUD_API_KEY=@key.txt cr-ext login",
                "In CI: exchange an API key for a token at IAM; no ibmcloud CLI needed.",
            ),
            (
                "cr-ext login --as apikey --apikey-stdin < key.txt",
                "Log in as iamapikey with the key itself, for jobs longer than an hour.",
            ),
            (
                "cr-ext login --profile ci-builder",
                "In a pod or a Code Engine job: log in as a trusted profile with the compute-resource token mounted at its standard path; no API key.",
            ),
            (
                "cr-ext login --vpc-cri",
                "On a VPC virtual server: the trusted profile linked to the instance, from its metadata service; no API key.",
            ),
            (
                "cr-ext login --as profile --profile Profile-1a2b --apikey-file key.json",
                "ICR's trusted-profile login: the profile ID as username, a service-ID key the profile trusts as password.",
            ),
            (
                "ibmcloud cr-ext login --dry-run",
                "As an ibmcloud plugin: show the commands, run nothing.",
            ),
        ],
        "",
    ),
    (
        "doctor",
        &[
            (
                "cr-ext doctor us.icr.io/team-a/app",
                "Say why pulling this image is refused, and how to fix it: identity, each client's credential, what the registry grants, where the namespace is.",
            ),
            (
                "cr-ext doctor --push --client podman de.icr.io/team-a/app:v2",
                "The same for a push by podman (asks for pull and push; writes nothing).",
            ),
            (
                "cr-ext doctor",
                "Check the session and every client's set-up, for every ICR host they name.",
            ),
            (
                "cr-ext doctor us.icr.io/team-a/app --output json | jq -r .verdict",
                "One JSON document: each check's id, status, message and fix, and the verdict.",
            ),
        ],
        "Exit status: 0 when no check failed, 1 when one did, 4 when there is no usable IBM Cloud identity. Read only: nothing is written, pushed or stored.",
    ),
    (
        "kubelet-config",
        &[
            (
                "cr-ext kubelet-config --apikey-file /etc/cr-ext/pull-key.json > /etc/kubernetes/credential-providers.yaml",
                "Nodes pull from ICR with a service ID's key kept on the node; no pull secret in any namespace.",
            ),
            (
                "cr-ext kubelet-config --vpc-cri --service-account-token",
                "Each pod pulls as the trusted profile its service account's cr-ext/trusted-profile annotation names; else the VPC node's own profile.",
            ),
        ],
        "",
    ),
    (
        "token",
        &[
            (
                "cr-ext token | helm registry login -u iambearer --password-stdin us.icr.io",
                "Hand a fresh access token to another tool.",
            ),
            (
                "cr-ext token --output json",
                "The token and its expiry: {\"token\":\"...\",\"expires_at\":1767225600}.",
            ),
        ],
        "",
    ),
    (
        "configure",
        &[
            (
                "cr-ext configure",
                "Every client on PATH gets a fresh token for every public ICR domain on every pull and push; no secret is stored.",
            ),
            ("cr-ext configure --dry-run", "Show what would change."),
            ("cr-ext configure -r us-south --client docker", "Only docker, only us.icr.io."),
            (
                "cr-ext configure --registry 127.0.0.1:5000 --apikey-file key.json",
                "Also serve a registry of your own, with tokens from an API key file (recorded by path).",
            ),
            (
                "cr-ext configure --profile ci-builder --cr-token-file /var/run/secrets/tokens/sa-token",
                "In a pod: the helper logs in as a trusted profile, reading the projected token on every fetch (the path is recorded, never the token).",
            ),
            ("cr-ext configure --remove", "Take out exactly the entries that name cr-ext."),
            (
                "printf us.icr.io | docker-credential-cr-ext get",
                "What the clients run: the helper's answer, {\"ServerURL\",\"Username\":\"iambearer\",\"Secret\"}.",
            ),
        ],
        "Writes \"credHelpers\": {\"<host>\": \"cr-ext\"} into docker's config.json and the containers\n\
         tools' persistent auth.json, and removes stored logins for those hosts (they would shadow it).\n\
         The helper serves only ICR hosts and the hosts recorded with --registry.",
    ),
    (
        "pull-secret",
        &[
            (
                "cr-ext pull-secret --apikey-file key.json -n team-a > secret.yaml",
                "Print a pull secret for every ICR domain.",
            ),
            (
                "cr-ext pull-secret --apikey-file key.json -n team-a --apply --service-account default",
                "Apply it with kubectl and add it to the default service account.",
            ),
            ("IBMCLOUD_API_KEY=@key.json cr-ext pull-secret --format json", "The Secret as JSON."),
            (
                "oc get secret/pull-secret -n openshift-config -o json > current.json",
                "OpenShift: save the global pull secret...",
            ),
            (
                "cr-ext pull-secret --apikey-file key.json --merge current.json --format dockerconfigjson > merged.json",
                "...add the ICR hosts to it, keeping every other entry...",
            ),
            (
                "oc set data secret/pull-secret -n openshift-config --from-file=.dockerconfigjson=merged.json",
                "...and put it back.",
            ),
        ],
        "The secret uses username iamapikey and the API key itself: it does not expire. Use a service\n\
         ID's key with Reader access to Container Registry (cr-ext service-key create).",
    ),
    (
        "service-key create",
        &[
            ("cr-ext service-key create ci-pull --namespace team-a", "Reader: pull only."),
            (
                "cr-ext service-key create ci-push -n team-a -n team-b --role writer -r us-south",
                "Push and pull in two namespaces, in us-south only.",
            ),
            (
                "cr-ext service-key create ci-pull -n team-a --dry-run",
                "Show the requests; send nothing.",
            ),
            ("IBMCLOUD_API_KEY=@ci-pull.json cr-ext login", "Use the key."),
            (
                "cr-ext pull-secret --apikey-file ci-pull.json -n team-a --apply",
                "Or put it in a pull secret.",
            ),
        ],
        "",
    ),
    (
        "service-key rotate",
        &[
            (
                "cr-ext service-key rotate ci-pull --file ci-pull-2.json",
                "A new key in ci-pull-2.json, checked at IAM; the cr-ext keys older than the one before it are deleted.",
            ),
            (
                "cr-ext service-key rotate ci-pull --apply -n team-a -n team-b --service-account default --file k.json",
                "Also replace the pull secret all-icr-io in two namespaces with the new key.",
            ),
            (
                "cr-ext service-key rotate ci-pull --keep 1 --file k.json --dry-run",
                "Show every request and kubectl call; send and run nothing.",
            ),
            (
                "cr-ext service-key list",
                "Each service ID's policies and API keys (name, id, created; never the key).",
            ),
        ],
        "Nothing old is deleted until the new key works: a failure before that puts the pull secrets\n\
         back as they were, deletes the new key and removes its file.",
    ),
    ("regions", &[("cr-ext regions --output json", "The region table for scripts.")], ""),
    ("clients", &[("cr-ext clients", "Which supported clients are on PATH.")], ""),
    (
        "completions",
        &[(
            "cr-ext completions bash > ~/.local/share/bash-completion/completions/cr-ext",
            "Install bash completion.",
        )],
        "",
    ),
    (
        "shell-init",
        &[
            (
                "eval \"$(cr-ext shell-init bash)\"",
                "In ~/.bashrc: completion, and icr for cr-ext login.",
            ),
            ("eval \"$(cr-ext shell-init zsh)\"", "In ~/.zshrc."),
            ("cr-ext shell-init fish | source", "In ~/.config/fish/config.fish."),
            (
                "eval \"$(cr-ext shell-init bash --login-function dockerlogin --no-token-function)\"",
                "Name the login function dockerlogin; no token function.",
            ),
        ],
        "",
    ),
];

/// The examples of `command` (`login`, `service-key create`); none for a command without.
#[must_use]
pub(crate) fn of(command: &str) -> &'static [Example] {
    TABLE.iter().find(|(name, ..)| *name == command).map_or(&[], |(_, examples, _)| examples)
}

/// Every command line of every example, for the README check.
#[cfg(test)]
pub(crate) fn all() -> impl Iterator<Item = &'static str> {
    TABLE.iter().flat_map(|(_, examples, _)| examples.iter().map(|(line, _)| *line))
}

/// What `--help` shows after the options: the examples, each under its `#` comment, then the
/// command's note.
#[must_use]
pub(crate) fn help(command: &str) -> String {
    let mut text = String::from("Examples:");
    for (line, what) in of(command) {
        text.push_str("\n  # ");
        text.push_str(what);
        text.push_str("\n  ");
        text.push_str(line);
    }
    let note = TABLE.iter().find(|(name, ..)| *name == command).map_or("", |(.., note)| note);
    if !note.is_empty() {
        text.push_str("\n\n");
        text.push_str(note);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_shows_every_example() {
        let readme = include_str!("../README.md");
        for line in all() {
            assert!(readme.contains(line), "README.md lacks the example `{line}`");
        }
    }

    #[test]
    fn help_puts_each_example_under_its_comment() {
        let token = help("token");
        assert!(
            token.starts_with(
                "Examples:\n  # Hand a fresh access token to another tool.\n  cr-ext token | helm"
            ),
            "{token}"
        );
        assert!(of("no-such-command").is_empty());
        assert!(help("configure").ends_with("the hosts recorded with --registry."));
    }
}
