
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'cr-ext' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'cr-ext'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'cr-ext' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log container clients in to ICR registries with your IBM Cloud session or an API key')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Log container clients out of ICR registries (the same targets as login)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when not logged in or the token expired)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Say why a pull or push to ICR is refused, and the command that fixes it (read only)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a fresh IAM access token (the raw JWT), for piping into other tools')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token on every pull and push and no secret is stored')
            [CompletionResult]::new('pull-secret', 'pull-secret', [CompletionResultType]::ParameterValue, 'Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply it with kubectl)')
            [CompletionResult]::new('service-key', 'service-key', [CompletionResultType]::ParameterValue, 'Create, list and delete least-privilege registry keys: a service ID, its Container Registry policies and its API key, in one step')
            [CompletionResult]::new('kubelet-credential-provider', 'kubelet-credential-provider', [CompletionResultType]::ParameterValue, 'Answer a kubelet''s image credential request on stdin (run by the kubelet: see `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider')
            [CompletionResult]::new('kubelet-config', 'kubelet-config', [CompletionResultType]::ParameterValue, 'Print the kubelet''s CredentialProviderConfig that runs cr-ext for every ICR image')
            [CompletionResult]::new('regions', 'regions', [CompletionResultType]::ParameterValue, 'List the ICR regions, their legacy names and registry domains')
            [CompletionResult]::new('clients', 'clients', [CompletionResultType]::ParameterValue, 'List the supported container clients found on PATH')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('shell-init', 'shell-init', [CompletionResultType]::ParameterValue, 'Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login)')
            [CompletionResult]::new('SendMetadata', 'SendMetadata', [CompletionResultType]::ParameterValue, 'ibmcloud plugin protocol: print the plugin metadata JSON')
            [CompletionResult]::new('SendCompletion', 'SendCompletion', [CompletionResultType]::ParameterValue, 'ibmcloud plugin protocol: print completion candidates, one per line')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into a directory (used by scripts/generate.sh)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cr-ext;login' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry host, repeatable, instead of or besides a region''s domain')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Registry username, which picks the secret: an access token (iambearer), the API key itself (iamapikey) or a refresh token (iamrefresh)')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--all-clients', '--all-clients', [CompletionResultType]::ParameterName, 'Every supported client found on PATH')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Every region''s registry domain (the private ones with --private)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Use the regions'' private-endpoint domains (private.<domain>), and IAM''s private endpoint')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the commands that would run (secret shown as ****); run nothing')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;logout' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry host, repeatable, instead of or besides a region''s domain')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--all-clients', '--all-clients', [CompletionResultType]::ParameterName, 'Every supported client found on PATH')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Every region''s registry domain (the private ones with --private)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Use the regions'' private-endpoint domains (private.<domain>), and IAM''s private endpoint')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;status' {
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;doctor' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Check only this client, repeatable or comma-separated [default: every one on PATH]')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Check only this client, repeatable or comma-separated [default: every one on PATH]')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--push', '--push', [CompletionResultType]::ParameterName, 'Check push access too: ask the registry for pull and push (nothing is pushed)')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;token' {
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Use IAM''s private endpoint')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;configure' {
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'API key file the helper reads (the path is recorded, never the key) [default: IBMCLOUD_API_KEY, else the ibmcloud CLI session]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The helper logs in as this trusted profile (ID, name or CRN) with a compute-resource token, no API key; with --vpc-cri, the profile (ID or CRN) for the instance''s token. Recorded instead of an API key file')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token file the helper reads on every token it fetches (the path is recorded, never the token) [default: the first of the standard paths]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service the helper asks [default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Container client, repeatable or comma-separated [default: every supported client on PATH]')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Container client, repeatable or comma-separated [default: every supported client on PATH]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable [default: every region]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable [default: every region]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry host, repeatable; recorded so that the helper serves it too')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'The helper gets its identity from the VPC instance metadata service')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove the helper: exactly the credHelpers entries that name cr-ext for these hosts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change; change nothing')
            [CompletionResult]::new('--all-clients', '--all-clients', [CompletionResultType]::ParameterName, 'Every supported client found on PATH (the default)')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Every region''s registry domain (the default when no region or registry is given)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'The regions'' private-endpoint domains (private.<domain>) instead of the public ones')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;pull-secret' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Registry username, which picks the secret: the API key itself (iamapikey, does not expire), or an access token (iambearer) or refresh token (iamrefresh), which expire')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to print: the Secret as YAML or JSON, or just its .dockerconfigjson [default: yaml; json with --output json]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The secret''s name (a DNS-1123 subdomain)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The secret''s namespace (a DNS-1123 label) [default: none in the manifest, so kubectl''s current namespace]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The secret''s namespace (a DNS-1123 label) [default: none in the manifest, so kubectl''s current namespace]')
            [CompletionResult]::new('--merge', '--merge', [CompletionResultType]::ParameterName, 'Start from an existing .dockerconfigjson, auth.json or Secret (JSON): keep every other host''s entry, replace the ICR hosts')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'With --apply: add the secret to this service account''s imagePullSecrets (repeatable), keeping the entries already there')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'With --apply: the kubeconfig context')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'With --apply: the kubeconfig file')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the secret to this file (mode 0600) instead of stdout; `-` is stdout. Only a regular file or a new path is written, never a device, FIFO or directory')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable [default: every region, as all-icr-io]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'ICR region or legacy region name, repeatable [default: every region, as all-icr-io]')
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Registry host, repeatable, besides the regions'' domains')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Apply the secret with `kubectl apply -f -` (the manifest on kubectl''s stdin)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --output-file: replace an existing file')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('--all-regions', '--all-regions', [CompletionResultType]::ParameterName, 'Every region''s registry domain (the default when no region or registry is given)')
            [CompletionResult]::new('--private', '--private', [CompletionResultType]::ParameterName, 'Add the regions'' private-endpoint domains (private.<domain>)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;service-key' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace a service ID''s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the service IDs cr-ext created, with their policies and API keys (never a key''s value)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service ID with its API keys and policies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cr-ext;service-key;create' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Container Registry namespace to grant access to, repeatable (one policy each)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Container Registry namespace to grant access to, repeatable (one policy each)')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The access: reader (pull), writer (push and pull) or manager')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Region the policies are limited to, repeatable [default: the region the ibmcloud CLI targets, else every region]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region the policies are limited to, repeatable [default: the region the ibmcloud CLI targets, else every region]')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description of the service ID (cr-ext marks it as its own)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Where to write the API key, in the JSON form `ibmcloud iam service-api-key-create --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout [default: NAME.json]')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--reuse', '--reuse', [CompletionResultType]::ParameterName, 'Use the service ID of that name when it exists, instead of refusing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests (secrets as ****); send nothing')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;service-key;rotate' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Where to write the new API key, in the JSON form `ibmcloud iam service-api-key-create --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'How many of the service ID''s cr-ext keys to keep, the new one included (1 to 20): the older ones are deleted once the new key works')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'With --apply: the Kubernetes namespace of a pull secret, repeatable [default: kubectl''s current namespace]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --apply: the Kubernetes namespace of a pull secret, repeatable [default: kubectl''s current namespace]')
            [CompletionResult]::new('--secret-name', '--secret-name', [CompletionResultType]::ParameterName, 'With --apply: the pull secret''s name (a DNS-1123 subdomain)')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'With --apply: add the secret to this service account''s imagePullSecrets in each namespace (repeatable), keeping the entries already there')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'With --apply: the kubeconfig context')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'With --apply: the kubeconfig file')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Put the new key in the pull secret of each --namespace with `kubectl apply -f -` (the manifest on kubectl''s stdin), replacing the secret whole')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print every request and kubectl call (secrets as ****); send and run nothing')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;service-key;list' {
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;service-key;delete' {
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (needed when stdin is not a terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the requests; send nothing')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;service-key;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace a service ID''s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the service IDs cr-ext created, with their policies and API keys (never a key''s value)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service ID with its API keys and policies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cr-ext;service-key;help;create' {
            break
        }
        'cr-ext;service-key;help;rotate' {
            break
        }
        'cr-ext;service-key;help;list' {
            break
        }
        'cr-ext;service-key;help;delete' {
            break
        }
        'cr-ext;service-key;help;help' {
            break
        }
        'cr-ext;kubelet-credential-provider' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Another registry host to serve besides ICR''s, repeatable')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where tokens from a node identity are cached (0700) [default: the user''s cache directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it]')
            [CompletionResult]::new('--profile-annotation', '--profile-annotation', [CompletionResultType]::ParameterName, 'The service-account annotation naming a pod''s trusted profile (pod identity)')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;kubelet-config' {
            [CompletionResult]::new('--registry', '--registry', [CompletionResultType]::ParameterName, 'Another registry host to serve besides ICR''s, repeatable')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where tokens from a node identity are cached (0700) [default: the user''s cache directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it]')
            [CompletionResult]::new('--profile-annotation', '--profile-annotation', [CompletionResultType]::ParameterName, 'The service-account annotation naming a pod''s trusted profile (pod identity)')
            [CompletionResult]::new('--apikey-file', '--apikey-file', [CompletionResultType]::ParameterName, 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username')
            [CompletionResult]::new('--cr-token-file', '--cr-token-file', [CompletionResultType]::ParameterName, 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]')
            [CompletionResult]::new('--metadata-endpoint', '--metadata-endpoint', [CompletionResultType]::ParameterName, 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]')
            [CompletionResult]::new('--iam-endpoint', '--iam-endpoint', [CompletionResultType]::ParameterName, 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--service-account-token', '--service-account-token', [CompletionResultType]::ParameterName, 'Pods pull with their own trusted profile: the kubelet sends each pod''s service-account token (audience iam; Kubernetes 1.34 and later), and the annotation names the profile')
            [CompletionResult]::new('--apikey-stdin', '--apikey-stdin', [CompletionResultType]::ParameterName, 'Read an API key from stdin')
            [CompletionResult]::new('--vpc-cri', '--vpc-cri', [CompletionResultType]::ParameterName, 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;regions' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;clients' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;completions' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;shell-init' {
            [CompletionResult]::new('--login-function', '--login-function', [CompletionResultType]::ParameterName, 'Name of the function that runs `cr-ext login`')
            [CompletionResult]::new('--token-function', '--token-function', [CompletionResultType]::ParameterName, 'Name of the function that runs `cr-ext token`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('--no-login-function', '--no-login-function', [CompletionResultType]::ParameterName, 'Define no `cr-ext login` function')
            [CompletionResult]::new('--no-token-function', '--no-token-function', [CompletionResultType]::ParameterName, 'Define no `cr-ext token` function')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;SendMetadata' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;SendCompletion' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Where to write cr-ext.1 and one page per command')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: human-readable text, or one JSON document on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'cr-ext;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log container clients in to ICR registries with your IBM Cloud session or an API key')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Log container clients out of ICR registries (the same targets as login)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when not logged in or the token expired)')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Say why a pull or push to ICR is refused, and the command that fixes it (read only)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a fresh IAM access token (the raw JWT), for piping into other tools')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token on every pull and push and no secret is stored')
            [CompletionResult]::new('pull-secret', 'pull-secret', [CompletionResultType]::ParameterValue, 'Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply it with kubectl)')
            [CompletionResult]::new('service-key', 'service-key', [CompletionResultType]::ParameterValue, 'Create, list and delete least-privilege registry keys: a service ID, its Container Registry policies and its API key, in one step')
            [CompletionResult]::new('kubelet-credential-provider', 'kubelet-credential-provider', [CompletionResultType]::ParameterValue, 'Answer a kubelet''s image credential request on stdin (run by the kubelet: see `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider')
            [CompletionResult]::new('kubelet-config', 'kubelet-config', [CompletionResultType]::ParameterValue, 'Print the kubelet''s CredentialProviderConfig that runs cr-ext for every ICR image')
            [CompletionResult]::new('regions', 'regions', [CompletionResultType]::ParameterValue, 'List the ICR regions, their legacy names and registry domains')
            [CompletionResult]::new('clients', 'clients', [CompletionResultType]::ParameterValue, 'List the supported container clients found on PATH')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('shell-init', 'shell-init', [CompletionResultType]::ParameterValue, 'Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login)')
            [CompletionResult]::new('SendMetadata', 'SendMetadata', [CompletionResultType]::ParameterValue, 'ibmcloud plugin protocol: print the plugin metadata JSON')
            [CompletionResult]::new('SendCompletion', 'SendCompletion', [CompletionResultType]::ParameterValue, 'ibmcloud plugin protocol: print completion candidates, one per line')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write the man pages into a directory (used by scripts/generate.sh)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cr-ext;help;login' {
            break
        }
        'cr-ext;help;logout' {
            break
        }
        'cr-ext;help;status' {
            break
        }
        'cr-ext;help;doctor' {
            break
        }
        'cr-ext;help;token' {
            break
        }
        'cr-ext;help;configure' {
            break
        }
        'cr-ext;help;pull-secret' {
            break
        }
        'cr-ext;help;service-key' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Replace a service ID''s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the service IDs cr-ext created, with their policies and API keys (never a key''s value)')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service ID with its API keys and policies')
            break
        }
        'cr-ext;help;service-key;create' {
            break
        }
        'cr-ext;help;service-key;rotate' {
            break
        }
        'cr-ext;help;service-key;list' {
            break
        }
        'cr-ext;help;service-key;delete' {
            break
        }
        'cr-ext;help;kubelet-credential-provider' {
            break
        }
        'cr-ext;help;kubelet-config' {
            break
        }
        'cr-ext;help;regions' {
            break
        }
        'cr-ext;help;clients' {
            break
        }
        'cr-ext;help;completions' {
            break
        }
        'cr-ext;help;shell-init' {
            break
        }
        'cr-ext;help;SendMetadata' {
            break
        }
        'cr-ext;help;SendCompletion' {
            break
        }
        'cr-ext;help;man' {
            break
        }
        'cr-ext;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
