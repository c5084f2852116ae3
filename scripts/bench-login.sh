#!/usr/bin/env bash
# Benchmarks `cr-ext login` against IBM's documented shell pipeline, with the same fake
# `ibmcloud` (printing the CLI's documented formats) and fake `podman` (reads stdin to EOF,
# prints `Login Succeeded!`). Reports cr-ext's own cost over the children it runs (wall time
# minus the same children run back to back from a shell, minus that shell), its peak memory and
# the release binary's size; then the three credential paths: the session fast path (cached
# IAMToken in config.json, no ibmcloud run), the ibmcloud fake, and an API-key exchange with a
# stand-in IAM on loopback (scripts/fake-iam.py). Needs hyperfine (apt-get install hyperfine). Prints a Markdown
# table; BENCHMARKS.md keeps the recorded results.
#
# Usage: scripts/bench-login.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --locked -q
bin=$PWD/target/release/cr-ext

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
exp=$(( $(date +%s) + 3600 ))
. scripts/fake-jwt.sh
token=$(fake_jwt "{\"exp\":$exp,\"email\":\"dev@example.com\"}")

cat > "$work/bin/ibmcloud" <<FAKE
#!/bin/sh
case " \$* " in
  *" --output json"*) printf '{\n  "iam_token": "Bearer $token",\n  "uaa_token": "Bearer uaa.uaa.uaa"\n}\n' ;;
  *) printf 'IAM token:  Bearer $token\nUAA token:  Bearer uaa.uaa.uaa\n' ;;
esac
FAKE
cat > "$work/bin/podman" <<'FAKE'
#!/bin/sh
cat >/dev/null
echo 'Login Succeeded!'
FAKE
chmod +x "$work/bin/ibmcloud" "$work/bin/podman"
# The same programs, but `ibmcloud` takes 300 ms, as the real CLI (start-up plus its round trip
# to IAM) does at best.
mkdir -p "$work/slow"
sed 's|^case|sleep 0.3\ncase|' "$work/bin/ibmcloud" > "$work/slow/ibmcloud"
cp "$work/bin/podman" "$work/slow/podman"
chmod +x "$work/slow/ibmcloud"

mkdir -p "$work/fast/.bluemix"
printf '{"IAMToken":"Bearer %s","Region":"us-south"}' "$token" > "$work/fast/.bluemix/config.json"
python3 scripts/fake-iam.py "$token" > "$work/iam.port" &
iam_pid=$!
trap 'kill $iam_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -s "$work/iam.port" ] && break; sleep 0.05; done
iam="http://127.0.0.1:$(cat "$work/iam.port")"

export HOME=$work/home PATH=$work/bin:/usr/bin:/bin
cr="$bin login -q --client podman --region us-south"
pipeline="ibmcloud iam oauth-tokens | sed -ne '/IAM token/s/.* //p' | podman login -u iambearer --password-stdin us.icr.io >/dev/null"
children="ibmcloud iam oauth-tokens --output json >/dev/null; podman login -u iambearer --password-stdin us.icr.io </dev/null >/dev/null"

# Everything runs without hyperfine's shell (-N); the shell commands run under an explicit
# `sh -c`, and the cost of `sh -c :` is measured so it can be taken out again.
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/all.json" \
  "$cr" "sh -c \"$pipeline\"" "sh -c \"$children\"" "sh -c :" >/dev/null
# The credential paths, each through `env` so that all three pay the same exec.
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/paths.json" \
  "env HOME=$work/fast $cr" \
  "env HOME=$work/home $cr" \
  "env HOME=$work/home IBMCLOUD_API_KEY=bench-key IAM_ENDPOINT=$iam $cr" >/dev/null

# With the 300 ms ibmcloud: the pipeline, cr-ext through ibmcloud, cr-ext's fast path.
slow_runs=$(( runs / 10 > 10 ? runs / 10 : 10 ))
hyperfine -N --warmup 3 --runs "$slow_runs" --export-json "$work/slow.json" \
  "env PATH=$work/slow:/usr/bin:/bin sh -c \"$pipeline\"" \
  "env PATH=$work/slow:/usr/bin:/bin HOME=$work/home $cr" \
  "env PATH=$work/slow:/usr/bin:/bin HOME=$work/fast $cr" >/dev/null

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(r['median']*1000)" "$@"; }
cr_ms=$(median "$work/all.json" 0)
pipe_ms=$(median "$work/all.json" 1)
kids_ms=$(median "$work/all.json" 2)
shell_ms=$(median "$work/all.json" 3)
rss_kb=$(/usr/bin/time -f %M $cr 2>&1 >/dev/null | tail -1)
rss_iam_kb=$(IBMCLOUD_API_KEY=bench-key IAM_ENDPOINT=$iam /usr/bin/time -f %M $cr 2>&1 >/dev/null | tail -1)
fast_ms=$(median "$work/paths.json" 0)
cli_ms=$(median "$work/paths.json" 1)
iam_ms=$(median "$work/paths.json" 2)
slow_pipe_ms=$(median "$work/slow.json" 0)
slow_cli_ms=$(median "$work/slow.json" 1)
slow_fast_ms=$(median "$work/slow.json" 2)
size=$(stat -c %s "$bin")

python3 - "$cr_ms" "$pipe_ms" "$kids_ms" "$shell_ms" "$rss_kb" "$size" "$runs" "$fast_ms" "$cli_ms" "$iam_ms" "$rss_iam_kb" "$slow_pipe_ms" "$slow_cli_ms" "$slow_fast_ms" "$slow_runs" <<'PY'
import sys
(cr, pipe, kids, shell, rss, size, runs, fast, cli, iam, rss_iam,
 spipe, scli, sfast, sruns) = map(float, sys.argv[1:])
own = cr - (kids - shell)
print(f"| measure ({int(runs)} runs, medians) | value |")
print("|---|---|")
print(f"| `cr-ext login` with fakes | {cr:.2f} ms |")
print(f"| IBM's pipeline, run by `sh -c` (shell cost removed) (`ibmcloud … \\| sed … \\| podman login …`) | {pipe - shell:.2f} ms |")
print(f"| the same two children back to back (shell cost removed) | {kids - shell:.2f} ms |")
print(f"| cr-ext's own cost over its children | {own:.2f} ms |")
print(f"| pipeline / cr-ext | {(pipe - shell) / cr:.2f}x |")
print(f"| peak memory (max RSS) of `cr-ext login` | {rss / 1024:.1f} MiB |")
print(f"| peak memory of `cr-ext login` through IAM (reqwest, rustls) | {rss_iam / 1024:.1f} MiB |")
print(f"| release binary size | {size / 1024 / 1024:.2f} MiB ({int(size)} bytes) |")
print()
print("| credential path (through `env`) | median |")
print("|---|---|")
print(f"| session fast path: cached IAMToken, no `ibmcloud` run | {fast:.2f} ms |")
print(f"| `ibmcloud iam oauth-tokens` fake | {cli:.2f} ms |")
print(f"| API key exchanged at IAM on loopback | {iam:.2f} ms |")
print()
print(f"| with a 300 ms `ibmcloud` ({int(sruns)} runs, through `env`) | median | vs pipeline |")
print("|---|---|---|")
print(f"| IBM's pipeline (`sh -c`) | {spipe:.1f} ms | 1.00x |")
print(f"| `cr-ext login` through `ibmcloud` | {scli:.1f} ms | {spipe / scli:.2f}x |")
print(f"| `cr-ext login`, session fast path | {sfast:.1f} ms | {spipe / sfast:.2f}x |")
PY
echo
echo "machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
