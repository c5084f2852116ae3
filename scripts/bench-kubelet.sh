#!/usr/bin/env bash
# Benchmarks the kubelet credential provider: `cr-ext kubelet-credential-provider` started as
# the kubelet starts it (a new process, no HOME and no PATH, the request on stdin with a
# trailing newline, the answer read from stdout) for an ICR image, warm (the node's API key
# token cached in --cache-dir) and cold (CR_EXT_NO_CACHE=1: every run exchanges the key at a
# stand-in IAM on loopback, scripts/fake-iam.py); beside the credential helper's warm `get`
# and a bare `/bin/true` start, timed in turns, one call each per round, by a small Python
# driver. Release build, statically linked as scripts/install.sh builds it on Linux.
# Prints a Markdown table; BENCHMARKS.md keeps the recorded results.
#
# Usage: scripts/bench-kubelet.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}

host=$(cargo -vV | sed -n 's/^host: //p')
RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked -q --target "$host"
bin=$PWD/target/$host/release/cr-ext

work=$(mktemp -d)
mkdir -p "$work/bin" "$work/cache" "$work/home"
ln -s "$bin" "$work/bin/docker-credential-cr-ext"
now=$(date +%s)
. scripts/fake-jwt.sh
token=$(fake_jwt "{\"exp\":$((now + 3600)),\"iat\":$now,\"sub\":\"ServiceId-node\"}")
printf '{"apikey":"bench-key"}' > "$work/key.json"
python3 scripts/fake-iam.py "$token" > "$work/iam.port" &
iam_pid=$!
trap 'kill $iam_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/iam.port" ] && break; sleep 0.05; done
iam="http://127.0.0.1:$(cat "$work/iam.port")"

python3 - "$runs" "$work" "$iam" "$bin" <<'PY'
import os, statistics, subprocess, sys, time

runs, work, iam, binary = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
request = b'{"kind":"CredentialProviderRequest","apiVersion":"credentialprovider.kubelet.k8s.io/v1","image":"us.icr.io/ns/app"}\n'
node = {"IBMCLOUD_API_KEY": "@" + os.path.join(work, "key.json"), "IAM_ENDPOINT": iam}
provider = [binary, "kubelet-credential-provider", "--cache-dir", os.path.join(work, "cache")]
helper = os.path.join(work, "bin", "docker-credential-cr-ext")
cases = [
    ("bare process start: /bin/true", ["/bin/true"], {}, request),
    ("provider, warm (token cached)", provider, node, request),
    ("helper get, warm (token cached)", [helper, "get"],
     {"HOME": os.path.join(work, "home"), "IBMCLOUD_API_KEY": "bench-key", "IAM_ENDPOINT": iam}, b"us.icr.io"),
    ("provider, cold (loopback IAM)", provider, dict(node, CR_EXT_NO_CACHE="1"), request),
]

def once(argv, env, stdin):
    start = time.perf_counter()
    p = subprocess.run(argv, input=stdin, env=env, capture_output=True)
    return time.perf_counter() - start, p

for name, argv, env, stdin in cases:
    _, p = once(argv, env, stdin)  # warm-up; fills the caches
    if argv[0] != "/bin/true":
        assert p.returncode == 0 and p.stderr == b"", (name, p.stdout, p.stderr)
        assert b"iambearer" in p.stdout, (name, p.stdout)
times = {name: [] for name, *_ in cases}
for _ in range(runs):
    for name, argv, env, stdin in cases:
        times[name].append(once(argv, env, stdin)[0] * 1000)
print("| run | runs | median | p90 |")
print("|---|---|---|---|")
for name, *_ in cases:
    t = sorted(times[name])
    print(f"| {name} | {len(t)} | {statistics.median(t):.2f} ms | {t[int(len(t) * 0.9) - 1]:.2f} ms |")
PY
echo
echo "machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
