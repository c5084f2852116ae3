#!/usr/bin/env bash
# Benchmarks the credential helper: `docker-credential-cr-ext get` for us.icr.io, started the
# way a client starts it (a new process, the server name on stdin, the answer read from
# stdout), with a warm token cache (an API key's token cached), with the session fast path
# (the CLI config's cached IAMToken), and cold (CR_EXT_NO_CACHE=1: every get exchanges the API
# key at a stand-in IAM on loopback, scripts/fake-iam.py); and, in the same run, the peer
# `docker-credential-gcloud get` with no gcloud account (its floor: it answers without any
# network). Wall time per call is measured by a small Python driver around each process.
# The same driver also starts `/bin/true` with the same stdin and stdout handling: a bare
# process start, the floor any helper pays; the get/true ratios are printed under the table.
# The bare start and the helper's rows are timed in turns, one call each per round.
# The helper is timed twice: as `cargo install` builds it (dynamically linked) and as
# scripts/install.sh builds it on Linux (statically linked).
# Prints a Markdown table; BENCHMARKS.md keeps the recorded results.
#
# Usage: scripts/bench-helper.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-300}

# The helper as `cargo install` builds it (dynamically linked) and as scripts/install.sh
# builds it on Linux (statically linked), side by side.
cargo build --release --locked -q
host=$(cargo -vV | sed -n 's/^host: //p')
RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked -q --target "$host"
bin=$PWD/target/release/cr-ext
static_bin=$PWD/target/$host/release/cr-ext
# The floor of any dynamically linked Rust program: one that reads stdin and prints a line,
# built with the same release profile.
hello=$(mktemp -d)
mkdir -p "$hello/src"
printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2024"\n[profile.release]\nlto = true\ncodegen-units = 1\nstrip = true\n' > "$hello/Cargo.toml"
printf 'use std::io::Read;\nfn main() { let mut s = String::new(); let _ = std::io::stdin().read_to_string(&mut s); println!("{{\\"ServerURL\\":\\"{s}\\"}}"); }\n' > "$hello/src/main.rs"
CARGO_TARGET_DIR="$hello/target" cargo build --release -q --manifest-path "$hello/Cargo.toml"
peer=$(command -v docker-credential-gcloud || true)

work=$(mktemp -d)
mkdir -p "$work/bin" "$work/static" "$work/warm" "$work/fast/.bluemix" "$work/cold" "$work/peer"
ln -s "$bin" "$work/bin/docker-credential-cr-ext"
ln -s "$static_bin" "$work/static/docker-credential-cr-ext"
now=$(date +%s)
. scripts/fake-jwt.sh
token=$(fake_jwt "{\"exp\":$((now + 3600)),\"iat\":$now,\"email\":\"dev@example.com\"}")
printf '{"IAMToken":"Bearer %s"}' "$token" > "$work/fast/.bluemix/config.json"

python3 scripts/fake-iam.py "$token" > "$work/iam.port" &
iam_pid=$!
trap 'kill $iam_pid 2>/dev/null; rm -rf "$work" "$hello"' EXIT
for _ in $(seq 100); do [ -s "$work/iam.port" ] && break; sleep 0.05; done
iam="http://127.0.0.1:$(cat "$work/iam.port")"

python3 - "$runs" "$work" "$iam" "$peer" "$hello/target/release/hello" <<'PY'
import os, statistics, subprocess, sys, time

runs, work, iam, peer, hello = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
helper = os.path.join(work, "bin", "docker-credential-cr-ext")
static = os.path.join(work, "static", "docker-credential-cr-ext")
# No LANG: /bin/true (C, glibc) would load the locale at start, which no Rust program does.
base = {"PATH": os.path.join(work, "bin") + ":/usr/bin:/bin"}
floor = ("bare process start: /bin/true", "/bin/true", base)
cases = [
    floor,
    ("warm cache (API key, token cached)", helper,
     dict(base, HOME=os.path.join(work, "warm"), IBMCLOUD_API_KEY="bench-key", IAM_ENDPOINT=iam)),
    ("session fast path (cached IAMToken)", helper, dict(base, HOME=os.path.join(work, "fast"))),
    ("static: warm cache", static,
     dict(base, HOME=os.path.join(work, "warm"), IBMCLOUD_API_KEY="bench-key", IAM_ENDPOINT=iam)),
    ("static: session fast path", static, dict(base, HOME=os.path.join(work, "fast"))),
    ("floor: a Rust hello world, dynamically linked", hello, base),
    ("cold: API key exchanged at loopback IAM", helper,
     dict(base, HOME=os.path.join(work, "cold"), IBMCLOUD_API_KEY="bench-key", IAM_ENDPOINT=iam,
          CR_EXT_NO_CACHE="1")),
]
if peer:
    cases.append(("peer: docker-credential-gcloud get (no account)", peer,
                  dict(base, HOME=os.path.join(work, "peer"), CLOUDSDK_CONFIG=os.path.join(work, "peer", "gcloud"))))

def once(program, env):
    start = time.perf_counter()
    p = subprocess.run([program, "get"], input=b"us.icr.io", env=env, capture_output=True)
    took = time.perf_counter() - start
    return took, p

for name, program, env in cases:
    took, p = once(program, env)  # warm-up; fills the cache for the warm case
    if program in (helper, static):
        assert p.returncode == 0 and b'"Username":"iambearer"' in p.stdout, (name, p.stdout, p.stderr)
        assert p.stderr == b"", (name, p.stderr)
# The bare start and the helper's cases take turns, one call each per round, so that a slow
# spell of the machine weighs on all of them alike and the ratios hold; the peer runs after.
ours = [c for c in cases if c[1] != peer]
times = {name: [] for name, _, _ in cases}
for _ in range(runs):
    for name, program, env in ours:
        times[name].append(once(program, env)[0] * 1000)
for name, program, env in cases[len(ours):]:
    times[name] = [once(program, env)[0] * 1000 for _ in range(max(10, runs // 20))]
results = []
for name, _, _ in cases:
    t = sorted(times[name])
    results.append((name, len(t), statistics.median(t), t[int(len(t) * 0.9) - 1]))

print("| `get us.icr.io` | runs | median | p90 |")
print("|---|---|---|---|")
for name, n, med, p90 in results:
    print(f"| {name} | {n} | {med:.2f} ms | {p90:.2f} ms |")
true_med, true_p90 = results[0][2], results[0][3]
print()
for name, _, med, p90 in results[1:6]:
    print(f"{name.split(' (')[0]} / bare start: median {med / true_med:.2f}x, p90 {p90 / true_p90:.2f}x")
if peer:
    warm = results[1][2]
    print(f"peer median / warm-cache median: {results[-1][2] / warm:.0f}x")
PY
echo
echo "machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
