
use builtin;
use str;

set edit:completion:arg-completer[cr-ext] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'cr-ext'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'cr-ext'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log container clients in to ICR registries with your IBM Cloud session or an API key'
            cand logout 'Log container clients out of ICR registries (the same targets as login)'
            cand status 'Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when not logged in or the token expired)'
            cand doctor 'Say why a pull or push to ICR is refused, and the command that fixes it (read only)'
            cand token 'Print a fresh IAM access token (the raw JWT), for piping into other tools'
            cand configure 'Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token on every pull and push and no secret is stored'
            cand pull-secret 'Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply it with kubectl)'
            cand service-key 'Create, list and delete least-privilege registry keys: a service ID, its Container Registry policies and its API key, in one step'
            cand kubelet-credential-provider 'Answer a kubelet''s image credential request on stdin (run by the kubelet: see `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider'
            cand kubelet-config 'Print the kubelet''s CredentialProviderConfig that runs cr-ext for every ICR image'
            cand regions 'List the ICR regions, their legacy names and registry domains'
            cand clients 'List the supported container clients found on PATH'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand shell-init 'Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login)'
            cand SendMetadata 'ibmcloud plugin protocol: print the plugin metadata JSON'
            cand SendCompletion 'ibmcloud plugin protocol: print completion candidates, one per line'
            cand man 'Write the man pages into a directory (used by scripts/generate.sh)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cr-ext;login'= {
            cand -c 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]'
            cand --client 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]'
            cand -r 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]'
            cand --region 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]'
            cand --registry 'Registry host, repeatable, instead of or besides a region''s domain'
            cand --as 'Registry username, which picks the secret: an access token (iambearer), the API key itself (iamapikey) or a refresh token (iamrefresh)'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --all-clients 'Every supported client found on PATH'
            cand --all-regions 'Every region''s registry domain (the private ones with --private)'
            cand --private 'Use the regions'' private-endpoint domains (private.<domain>), and IAM''s private endpoint'
            cand --dry-run 'Print the commands that would run (secret shown as ****); run nothing'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;logout'= {
            cand -c 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]'
            cand --client 'Container client, repeatable or comma-separated [env: CR_EXT_CLIENT, when no client flag is given; default: first found of docker, podman, buildah, skopeo]'
            cand -r 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]'
            cand --region 'ICR region or legacy region name, repeatable (see `cr-ext regions`) [env: CR_EXT_REGION, when no region or registry flag is given; default: the region targeted by the ibmcloud CLI, else global]'
            cand --registry 'Registry host, repeatable, instead of or besides a region''s domain'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --all-clients 'Every supported client found on PATH'
            cand --all-regions 'Every region''s registry domain (the private ones with --private)'
            cand --private 'Use the regions'' private-endpoint domains (private.<domain>), and IAM''s private endpoint'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;status'= {
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;doctor'= {
            cand -c 'Check only this client, repeatable or comma-separated [default: every one on PATH]'
            cand --client 'Check only this client, repeatable or comma-separated [default: every one on PATH]'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --push 'Check push access too: ask the registry for pull and push (nothing is pushed)'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;token'= {
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --private 'Use IAM''s private endpoint'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;configure'= {
            cand --apikey-file 'API key file the helper reads (the path is recorded, never the key) [default: IBMCLOUD_API_KEY, else the ibmcloud CLI session]'
            cand --profile 'The helper logs in as this trusted profile (ID, name or CRN) with a compute-resource token, no API key; with --vpc-cri, the profile (ID or CRN) for the instance''s token. Recorded instead of an API key file'
            cand --cr-token-file 'The compute-resource token file the helper reads on every token it fetches (the path is recorded, never the token) [default: the first of the standard paths]'
            cand --metadata-endpoint 'The VPC instance metadata service the helper asks [default: http://api.metadata.cloud.ibm.com]'
            cand -c 'Container client, repeatable or comma-separated [default: every supported client on PATH]'
            cand --client 'Container client, repeatable or comma-separated [default: every supported client on PATH]'
            cand -r 'ICR region or legacy region name, repeatable [default: every region]'
            cand --region 'ICR region or legacy region name, repeatable [default: every region]'
            cand --registry 'Registry host, repeatable; recorded so that the helper serves it too'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --vpc-cri 'The helper gets its identity from the VPC instance metadata service'
            cand --remove 'Remove the helper: exactly the credHelpers entries that name cr-ext for these hosts'
            cand --dry-run 'Show what would change; change nothing'
            cand --all-clients 'Every supported client found on PATH (the default)'
            cand --all-regions 'Every region''s registry domain (the default when no region or registry is given)'
            cand --private 'The regions'' private-endpoint domains (private.<domain>) instead of the public ones'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;pull-secret'= {
            cand --as 'Registry username, which picks the secret: the API key itself (iamapikey, does not expire), or an access token (iambearer) or refresh token (iamrefresh), which expire'
            cand --format 'What to print: the Secret as YAML or JSON, or just its .dockerconfigjson [default: yaml; json with --output json]'
            cand --name 'The secret''s name (a DNS-1123 subdomain)'
            cand -n 'The secret''s namespace (a DNS-1123 label) [default: none in the manifest, so kubectl''s current namespace]'
            cand --namespace 'The secret''s namespace (a DNS-1123 label) [default: none in the manifest, so kubectl''s current namespace]'
            cand --merge 'Start from an existing .dockerconfigjson, auth.json or Secret (JSON): keep every other host''s entry, replace the ICR hosts'
            cand --service-account 'With --apply: add the secret to this service account''s imagePullSecrets (repeatable), keeping the entries already there'
            cand --context 'With --apply: the kubeconfig context'
            cand --kubeconfig 'With --apply: the kubeconfig file'
            cand --output-file 'Write the secret to this file (mode 0600) instead of stdout; `-` is stdout. Only a regular file or a new path is written, never a device, FIFO or directory'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand -r 'ICR region or legacy region name, repeatable [default: every region, as all-icr-io]'
            cand --region 'ICR region or legacy region name, repeatable [default: every region, as all-icr-io]'
            cand --registry 'Registry host, repeatable, besides the regions'' domains'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --apply 'Apply the secret with `kubectl apply -f -` (the manifest on kubectl''s stdin)'
            cand --force 'With --output-file: replace an existing file'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand --all-regions 'Every region''s registry domain (the default when no region or registry is given)'
            cand --private 'Add the regions'' private-endpoint domains (private.<domain>)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;service-key'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails'
            cand rotate 'Replace a service ID''s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails'
            cand list 'List the service IDs cr-ext created, with their policies and API keys (never a key''s value)'
            cand delete 'Delete a service ID with its API keys and policies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cr-ext;service-key;create'= {
            cand -n 'Container Registry namespace to grant access to, repeatable (one policy each)'
            cand --namespace 'Container Registry namespace to grant access to, repeatable (one policy each)'
            cand --role 'The access: reader (pull), writer (push and pull) or manager'
            cand -r 'Region the policies are limited to, repeatable [default: the region the ibmcloud CLI targets, else every region]'
            cand --region 'Region the policies are limited to, repeatable [default: the region the ibmcloud CLI targets, else every region]'
            cand --description 'Description of the service ID (cr-ext marks it as its own)'
            cand --file 'Where to write the API key, in the JSON form `ibmcloud iam service-api-key-create --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout [default: NAME.json]'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --reuse 'Use the service ID of that name when it exists, instead of refusing'
            cand --dry-run 'Print the requests (secrets as ****); send nothing'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;service-key;rotate'= {
            cand --file 'Where to write the new API key, in the JSON form `ibmcloud iam service-api-key-create --file` writes; created with mode 0600, never overwritten; `-` prints it on stdout'
            cand --keep 'How many of the service ID''s cr-ext keys to keep, the new one included (1 to 20): the older ones are deleted once the new key works'
            cand -n 'With --apply: the Kubernetes namespace of a pull secret, repeatable [default: kubectl''s current namespace]'
            cand --namespace 'With --apply: the Kubernetes namespace of a pull secret, repeatable [default: kubectl''s current namespace]'
            cand --secret-name 'With --apply: the pull secret''s name (a DNS-1123 subdomain)'
            cand --service-account 'With --apply: add the secret to this service account''s imagePullSecrets in each namespace (repeatable), keeping the entries already there'
            cand --context 'With --apply: the kubeconfig context'
            cand --kubeconfig 'With --apply: the kubeconfig file'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --apply 'Put the new key in the pull secret of each --namespace with `kubectl apply -f -` (the manifest on kubectl''s stdin), replacing the secret whole'
            cand --dry-run 'Print every request and kubectl call (secrets as ****); send and run nothing'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;service-key;list'= {
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;service-key;delete'= {
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -y 'Delete without asking (needed when stdin is not a terminal)'
            cand --yes 'Delete without asking (needed when stdin is not a terminal)'
            cand --dry-run 'Print the requests; send nothing'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;service-key;help'= {
            cand create 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails'
            cand rotate 'Replace a service ID''s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails'
            cand list 'List the service IDs cr-ext created, with their policies and API keys (never a key''s value)'
            cand delete 'Delete a service ID with its API keys and policies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cr-ext;service-key;help;create'= {
        }
        &'cr-ext;service-key;help;rotate'= {
        }
        &'cr-ext;service-key;help;list'= {
        }
        &'cr-ext;service-key;help;delete'= {
        }
        &'cr-ext;service-key;help;help'= {
        }
        &'cr-ext;kubelet-credential-provider'= {
            cand --registry 'Another registry host to serve besides ICR''s, repeatable'
            cand --cache-dir 'Where tokens from a node identity are cached (0700) [default: the user''s cache directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it]'
            cand --profile-annotation 'The service-account annotation naming a pod''s trusted profile (pod identity)'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;kubelet-config'= {
            cand --registry 'Another registry host to serve besides ICR''s, repeatable'
            cand --cache-dir 'Where tokens from a node identity are cached (0700) [default: the user''s cache directory; /var/cache/cr-ext when HOME is unset, as the kubelet runs it]'
            cand --profile-annotation 'The service-account annotation naming a pod''s trusted profile (pod identity)'
            cand --apikey-file 'Read an API key from this file (IBMCLOUD_API_KEY=@PATH does the same; no flag takes the key itself, so it never shows in a process list)'
            cand --profile 'Log in as this trusted profile (ID Profile-..., name, or CRN) with a compute-resource token, no API key [env: IBMCLOUD_CR_PROFILE]; with --vpc-cri, the profile (ID or CRN) to get a token for; with --as profile, the profile ID used as the registry username'
            cand --cr-token-file 'The compute-resource token (a pod''s projected service-account token, Code Engine''s token) [env: IBMCLOUD_CR_TOKEN=@PATH; default: the first of /var/run/secrets/tokens/vault-token, /var/run/secrets/tokens/sa-token, /var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token]'
            cand --metadata-endpoint 'The VPC instance metadata service [env: IBMCLOUD_VPC_METADATA_ENDPOINT; default: http://api.metadata.cloud.ibm.com]'
            cand --iam-endpoint 'IAM endpoint for API keys and refresh tokens [env: IAM_ENDPOINT; default: the CLI config''s IAMEndpoint, else https://iam.cloud.ibm.com]'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --service-account-token 'Pods pull with their own trusted profile: the kubelet sends each pod''s service-account token (audience iam; Kubernetes 1.34 and later), and the annotation names the profile'
            cand --apikey-stdin 'Read an API key from stdin'
            cand --vpc-cri 'Get the identity from the VPC instance metadata service (a VPC virtual server with the metadata service on) [env: IBMCLOUD_VPC_CRI=true]'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;regions'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;clients'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;completions'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;shell-init'= {
            cand --login-function 'Name of the function that runs `cr-ext login`'
            cand --token-function 'Name of the function that runs `cr-ext token`'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand --no-login-function 'Define no `cr-ext login` function'
            cand --no-token-function 'Define no `cr-ext token` function'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;SendMetadata'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;SendCompletion'= {
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;man'= {
            cand --dir 'Where to write cr-ext.1 and one page per command'
            cand --output 'Output format: human-readable text, or one JSON document on stdout'
            cand --color 'When to use colour'
            cand --timeout 'Seconds (1 to 3600) any child process (ibmcloud, a client) may run before it is stopped; also the longest wait for another run''s lock on a credentials file, and the longest `doctor` waits on the network (each request at most 10 s)'
            cand -q 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand --quiet 'Print nothing on stderr on success (progress, notes, OK). Commands whose purpose is data (token, regions, clients) still print it on stdout; `status -q` prints nothing'
            cand -v 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand --verbose 'Trace each step (credential source, endpoint, children) to stderr, secrets as ****. IBMCLOUD_TRACE=true does the same; IBMCLOUD_TRACE=PATH appends the trace to a file'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'cr-ext;help'= {
            cand login 'Log container clients in to ICR registries with your IBM Cloud session or an API key'
            cand logout 'Log container clients out of ICR registries (the same targets as login)'
            cand status 'Who you are to IBM Cloud, and which ICR logins each client has stored (exit 4 when not logged in or the token expired)'
            cand doctor 'Say why a pull or push to ICR is refused, and the command that fixes it (read only)'
            cand token 'Print a fresh IAM access token (the raw JWT), for piping into other tools'
            cand configure 'Set up the credential helper docker-credential-cr-ext, so that clients get a fresh token on every pull and push and no secret is stored'
            cand pull-secret 'Print a Kubernetes or OpenShift image pull secret for ICR, from an API key (or apply it with kubectl)'
            cand service-key 'Create, list and delete least-privilege registry keys: a service ID, its Container Registry policies and its API key, in one step'
            cand kubelet-credential-provider 'Answer a kubelet''s image credential request on stdin (run by the kubelet: see `cr-ext kubelet-config`); also started as cr-ext-kubelet-credential-provider'
            cand kubelet-config 'Print the kubelet''s CredentialProviderConfig that runs cr-ext for every ICR image'
            cand regions 'List the ICR regions, their legacy names and registry domains'
            cand clients 'List the supported container clients found on PATH'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand shell-init 'Print what a dotfile evaluates: completion plus short functions (icr = cr-ext login)'
            cand SendMetadata 'ibmcloud plugin protocol: print the plugin metadata JSON'
            cand SendCompletion 'ibmcloud plugin protocol: print completion candidates, one per line'
            cand man 'Write the man pages into a directory (used by scripts/generate.sh)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cr-ext;help;login'= {
        }
        &'cr-ext;help;logout'= {
        }
        &'cr-ext;help;status'= {
        }
        &'cr-ext;help;doctor'= {
        }
        &'cr-ext;help;token'= {
        }
        &'cr-ext;help;configure'= {
        }
        &'cr-ext;help;pull-secret'= {
        }
        &'cr-ext;help;service-key'= {
            cand create 'Create a service ID with Container Registry access to namespaces, and its API key (written once, to a file); undo everything if a step fails'
            cand rotate 'Replace a service ID''s API key: a new key (written to a file), checked at IAM, put in pull secrets with --apply, then the older keys beyond --keep deleted; undo everything if a step before the deletion fails'
            cand list 'List the service IDs cr-ext created, with their policies and API keys (never a key''s value)'
            cand delete 'Delete a service ID with its API keys and policies'
        }
        &'cr-ext;help;service-key;create'= {
        }
        &'cr-ext;help;service-key;rotate'= {
        }
        &'cr-ext;help;service-key;list'= {
        }
        &'cr-ext;help;service-key;delete'= {
        }
        &'cr-ext;help;kubelet-credential-provider'= {
        }
        &'cr-ext;help;kubelet-config'= {
        }
        &'cr-ext;help;regions'= {
        }
        &'cr-ext;help;clients'= {
        }
        &'cr-ext;help;completions'= {
        }
        &'cr-ext;help;shell-init'= {
        }
        &'cr-ext;help;SendMetadata'= {
        }
        &'cr-ext;help;SendCompletion'= {
        }
        &'cr-ext;help;man'= {
        }
        &'cr-ext;help;help'= {
        }
    ]
    $completions[$command]
}
