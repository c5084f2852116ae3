# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cr_ext_global_optspecs
    string join \n output= color= q/quiet timeout= v/verbose h/help V/version
end

function __fish_cr_ext_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cr_ext_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cr_ext_using_subcommand
    set -l cmd (__fish_cr_ext_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cr-ext -n "__fish_cr_ext_needs_command" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_needs_command" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_needs_command" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "login" -d 'Log container clients in to ICR registries with your IBM Cloud session or an API key'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "logout" -d 'Log container clients out of ICR registries (the same targets as login)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "status" -d 'Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when not logged in or the token expired)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "doctor" -d 'Say why a pull or push to ICR is refused, and the command that fixes it (read only)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "token" -d 'Print a fresh IAM access token (the raw JWT), for piping into other tools'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "configure" -d 'Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token on every pull and push and no secret is stored'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "pull-secret" -d 'Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply it with kubectl)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "service-key" -d 'Create, list and delete least-privilege registry keys: a service ID, its Container Registry policies and its API key, in one step'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "kubelet-credential-provider" -d 'Answer a kubelet\'s image credential request on stdin (run by the kubelet: see `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "kubelet-config" -d 'Print the kubelet\'s CredentialProviderConfig that runs cr-ext for every ICR image'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "regions" -d 'List the ICR regions, their legacy names and registry domains'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "clients" -d 'List the supported container clients found on PATH'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "shell-init" -d 'Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "SendMetadata" -d 'ibmcloud plugin protocol: print the plugin metadata JSON'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "SendCompletion" -d 'ibmcloud plugin protocol: print completion candidates, one per line'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "man" -d 'Write the man pages into a directory (used by scripts/generate.sh)'
complete -c cr-ext -n "__fish_cr_ext_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -s c -l client -d 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]' -r -f -a "docker\t'Docker CLI (needs no daemon to log in)'
podman\t'Podman'
buildah\t'Buildah'
skopeo\t'Skopeo'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -s r -l region -d 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]' -r -f -a "global\t''
au-syd\t''
ap-south\t''
br-sao\t''
ca-mon\t''
ca-tor\t''
eu-de\t''
eu-central\t''
eu-es\t''
eu-gb\t''
uk-south\t''
in-che\t''
in-mum\t''
jp-osa\t''
jp-tok\t''
ap-north\t''
us-south\t''"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l registry -d 'Registry host, repeatable, instead of or besides a region\'s domain' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l as -d 'Registry username, which picks the secret: an access token (iambearer), the API key itself (iamapikey) or a refresh token (iamrefresh)' -r -f -a "bearer\t'`iambearer` with an IAM access token (from the API key, else the CLI session)'
apikey\t'`iamapikey` with the API key itself; no network call, valid until the key is revoked'
refresh\t'`iamrefresh` with a refresh token (from the API key exchange, else the CLI session)'
profile\t'the trusted profile ID (--profile) with a service-ID API key it trusts: ICR\'s trusted-profile login; no network call'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l all-clients -d 'Every supported client found on PATH'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l all-regions -d 'Every region\'s registry domain (the private ones with --private)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l private -d 'Use the regions\' private-endpoint domains (private.<domain>), and IAM\'s private endpoint'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l dry-run -d 'Print the commands that would run (secret shown as ****); run nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand login" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -s c -l client -d 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]' -r -f -a "docker\t'Docker CLI (needs no daemon to log in)'
podman\t'Podman'
buildah\t'Buildah'
skopeo\t'Skopeo'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -s r -l region -d 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]' -r -f -a "global\t''
au-syd\t''
ap-south\t''
br-sao\t''
ca-mon\t''
ca-tor\t''
eu-de\t''
eu-central\t''
eu-es\t''
eu-gb\t''
uk-south\t''
in-che\t''
in-mum\t''
jp-osa\t''
jp-tok\t''
ap-north\t''
us-south\t''"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l registry -d 'Registry host, repeatable, instead of or besides a region\'s domain' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l all-clients -d 'Every supported client found on PATH'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l all-regions -d 'Every region\'s registry domain (the private ones with --private)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -l private -d 'Use the regions\' private-endpoint domains (private.<domain>), and IAM\'s private endpoint'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand logout" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand status" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -s c -l client -d 'Check only this client, repeatable or comma-separated [default: every one on PATH]' -r -f -a "docker\t'Docker CLI (needs no daemon to log in)'
podman\t'Podman'
buildah\t'Buildah'
skopeo\t'Skopeo'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l push -d 'Check push access too: ask the registry for pull and push (nothing is pushed)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l private -d 'Use IAM\'s private endpoint'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand token" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l apikey-file -d 'API key file the helper reads (the path is recorded, never the key) [default: IBMCLOUD_API_KEY, else the ibmcloud CLI session]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l profile -d 'The helper logs in as this trusted profile (ID, name or CRN) with a compute-resource token, no API key; with --vpc-cri, the profile (ID or CRN) for the instance\'s token. Recorded instead of an API key file' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l cr-token-file -d 'The compute-resource token file the helper reads on every token it fetches (the path is recorded, never the token) [default: the first of the standard paths]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l metadata-endpoint -d 'The VPC instance metadata service the helper asks [default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -s c -l client -d 'Container client, repeatable or comma-separated [default: every supported client on PATH]' -r -f -a "docker\t'Docker CLI (needs no daemon to log in)'
podman\t'Podman'
buildah\t'Buildah'
skopeo\t'Skopeo'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -s r -l region -d 'ICR region or legacy region name, repeatable [default: every region]' -r -f -a "global\t''
au-syd\t''
ap-south\t''
br-sao\t''
ca-mon\t''
ca-tor\t''
eu-de\t''
eu-central\t''
eu-es\t''
eu-gb\t''
uk-south\t''
in-che\t''
in-mum\t''
jp-osa\t''
jp-tok\t''
ap-north\t''
us-south\t''"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l registry -d 'Registry host, repeatable; recorded so that the helper serves it too' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l vpc-cri -d 'The helper gets its identity from the VPC instance metadata service'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l remove -d 'Remove the helper: exactly the credHelpers entries that name cr-ext for these hosts'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l dry-run -d 'Show what would change; change nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l all-clients -d 'Every supported client found on PATH (the default)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l all-regions -d 'Every region\'s registry domain (the default when no region or registry is given)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -l private -d 'The regions\' private-endpoint domains (private.<domain>) instead of the public ones'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand configure" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l as -d 'Registry username, which picks the secret: the API key itself (iamapikey, does not expire), or an access token (iambearer) or refresh token (iamrefresh), which expire' -r -f -a "bearer\t'`iambearer` with an IAM access token (from the API key, else the CLI session)'
apikey\t'`iamapikey` with the API key itself; no network call, valid until the key is revoked'
refresh\t'`iamrefresh` with a refresh token (from the API key exchange, else the CLI session)'
profile\t'the trusted profile ID (--profile) with a service-ID API key it trusts: ICR\'s trusted-profile login; no network call'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l format -d 'What to print: the Secret as YAML or JSON, or just its .dockerconfigjson [default: yaml; json with --output json]' -r -f -a "yaml\t'The Secret as YAML'
json\t'The Secret as JSON'
dockerconfigjson\t'Just the decoded .dockerconfigjson'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l name -d 'The secret\'s name (a DNS-1123 subdomain)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -s n -l namespace -d 'The secret\'s namespace (a DNS-1123 label) [default: none in the manifest, so kubectl\'s current namespace]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l merge -d 'Start from an existing .dockerconfigjson, auth.json or Secret (JSON): keep every other host\'s entry, replace the ICR hosts' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l service-account -d 'With --apply: add the secret to this service account\'s imagePullSecrets (repeatable), keeping the entries already there' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l context -d 'With --apply: the kubeconfig context' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l kubeconfig -d 'With --apply: the kubeconfig file' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l output-file -d 'Write the secret to this file (mode 0600) instead of stdout; `-` is stdout. Only a regular file or a new path is written, never a device, FIFO or directory' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -s r -l region -d 'ICR region or legacy region name, repeatable [default: every region, as all-icr-io]' -r -f -a "global\t''
au-syd\t''
ap-south\t''
br-sao\t''
ca-mon\t''
ca-tor\t''
eu-de\t''
eu-central\t''
eu-es\t''
eu-gb\t''
uk-south\t''
in-che\t''
in-mum\t''
jp-osa\t''
jp-tok\t''
ap-north\t''
us-south\t''"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l registry -d 'Registry host, repeatable, besides the regions\' domains' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l apply -d 'Apply the secret with `kubectl apply -f -` (the manifest on kubectl\'s stdin)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l force -d 'With --output-file: replace an existing file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l all-regions -d 'Every region\'s registry domain (the default when no region or registry is given)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -l private -d 'Add the regions\' private-endpoint domains (private.<domain>)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand pull-secret" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -f -a "create" -d 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -f -a "rotate" -d 'Replace a service ID\'s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -f -a "list" -d 'List the service IDs cr-ext created, with their policies and API keys (never a key\'s value)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -f -a "delete" -d 'Delete a service ID with its API keys and policies'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and not __fish_seen_subcommand_from create rotate list delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -s n -l namespace -d 'Container Registry namespace to grant access to, repeatable (one policy each)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l role -d 'The access: reader (pull), writer (push and pull) or manager' -r -f -a "reader\t'Pull images'
writer\t'Push and pull images'
manager\t'Manage the namespace'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -s r -l region -d 'Region the policies are limited to, repeatable [default: the region the ibmcloud CLI targets, else every region]' -r -f -a "global\t''
au-syd\t''
ap-south\t''
br-sao\t''
ca-mon\t''
ca-tor\t''
eu-de\t''
eu-central\t''
eu-es\t''
eu-gb\t''
uk-south\t''
in-che\t''
in-mum\t''
jp-osa\t''
jp-tok\t''
ap-north\t''
us-south\t''"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l description -d 'Description of the service ID (cr-ext marks it as its own)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l file -d 'Where to write the API key, in the JSON form `ibmcloud iam service-api-key-create --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout [default: NAME.json]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l reuse -d 'Use the service ID of that name when it exists, instead of refusing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l dry-run -d 'Print the requests (secrets as ****); send nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l file -d 'Where to write the new API key, in the JSON form `ibmcloud iam service-api-key-create --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l keep -d 'How many of the service ID\'s cr-ext keys to keep, the new one included (1 to 20): the older ones are deleted once the new key works' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -s n -l namespace -d 'With --apply: the Kubernetes namespace of a pull secret, repeatable [default: kubectl\'s current namespace]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l secret-name -d 'With --apply: the pull secret\'s name (a DNS-1123 subdomain)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l service-account -d 'With --apply: add the secret to this service account\'s imagePullSecrets in each namespace (repeatable), keeping the entries already there' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l context -d 'With --apply: the kubeconfig context' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l kubeconfig -d 'With --apply: the kubeconfig file' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l apply -d 'Put the new key in the pull secret of each --namespace with `kubectl apply -f -` (the manifest on kubectl\'s stdin), replacing the secret whole'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l dry-run -d 'Print every request and kubectl call (secrets as ****); send and run nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (needed when stdin is not a terminal)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l dry-run -d 'Print the requests; send nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Replace a service ID\'s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the service IDs cr-ext created, with their policies and API keys (never a key\'s value)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a service ID with its API keys and policies'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand service-key; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l registry -d 'Another registry host to serve besides ICR\'s, repeatable' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l cache-dir -d 'Where tokens from a node identity are cached (0700) [default: the user\'s cache directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l profile-annotation -d 'The service-account annotation naming a pod\'s trusted profile (pod identity)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-credential-provider" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l registry -d 'Another registry host to serve besides ICR\'s, repeatable' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l cache-dir -d 'Where tokens from a node identity are cached (0700) [default: the user\'s cache directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l profile-annotation -d 'The service-account annotation naming a pod\'s trusted profile (pod identity)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l apikey-file -d 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l profile -d 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l cr-token-file -d 'The compute-resource token (a pod\'s projected service-account token, Code Engine\'s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l metadata-endpoint -d 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l iam-endpoint -d 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config\'s IAMEndpoint, else https://iam.cloud.ibm.com]' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l service-account-token -d 'Pods pull with their own trusted profile: the kubelet sends each pod\'s service-account token (audience iam; Kubernetes 1.34 and later), and the annotation names the profile'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l apikey-stdin -d 'Read an API key from stdin'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -l vpc-cri -d 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand kubelet-config" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand regions" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand clients" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand completions" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l login-function -d 'Name of the function that runs `cr-ext login`' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l token-function -d 'Name of the function that runs `cr-ext token`' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l no-login-function -d 'Define no `cr-ext login` function'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -l no-token-function -d 'Define no `cr-ext token` function'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand shell-init" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendMetadata" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand SendCompletion" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -l dir -d 'Where to write cr-ext.1 and one page per command' -r -F
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -l output -d 'Output format: human-readable text, or one JSON document on stdout' -r -f -a "text\t'Human-readable text'
json\t'One JSON document on stdout'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -l color -d 'When to use colour' -r -f -a "auto\t'Colour when writing to a terminal, unless NO_COLOR or IBMCLOUD_COLOR=false'
always\t'Always colour'
never\t'Never colour'"
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -l timeout -d 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run\'s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)' -r
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -s q -l quiet -d 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -s v -l verbose -d 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand man" -s V -l version -d 'Print version'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "login" -d 'Log container clients in to ICR registries with your IBM Cloud session or an API key'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "logout" -d 'Log container clients out of ICR registries (the same targets as login)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "status" -d 'Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when not logged in or the token expired)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "doctor" -d 'Say why a pull or push to ICR is refused, and the command that fixes it (read only)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "token" -d 'Print a fresh IAM access token (the raw JWT), for piping into other tools'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "configure" -d 'Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token on every pull and push and no secret is stored'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "pull-secret" -d 'Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply it with kubectl)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "service-key" -d 'Create, list and delete least-privilege registry keys: a service ID, its Container Registry policies and its API key, in one step'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "kubelet-credential-provider" -d 'Answer a kubelet\'s image credential request on stdin (run by the kubelet: see `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "kubelet-config" -d 'Print the kubelet\'s CredentialProviderConfig that runs cr-ext for every ICR image'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "regions" -d 'List the ICR regions, their legacy names and registry domains'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "clients" -d 'List the supported container clients found on PATH'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "shell-init" -d 'Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "SendMetadata" -d 'ibmcloud plugin protocol: print the plugin metadata JSON'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "SendCompletion" -d 'ibmcloud plugin protocol: print completion candidates, one per line'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "man" -d 'Write the man pages into a directory (used by scripts/generate.sh)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and not __fish_seen_subcommand_from login logout status doctor token configure pull-secret service-key kubelet-credential-provider kubelet-config regions clients completions shell-init SendMetadata SendCompletion man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and __fish_seen_subcommand_from service-key" -f -a "create" -d 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and __fish_seen_subcommand_from service-key" -f -a "rotate" -d 'Replace a service ID\'s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and __fish_seen_subcommand_from service-key" -f -a "list" -d 'List the service IDs cr-ext created, with their policies and API keys (never a key\'s value)'
complete -c cr-ext -n "__fish_cr_ext_using_subcommand help; and __fish_seen_subcommand_from service-key" -f -a "delete" -d 'Delete a service ID with its API keys and policies'
