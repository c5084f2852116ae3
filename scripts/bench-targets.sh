#!/usr/bin/env bash
# Benchmarks one login against many in one call, with fake clients that take 200 ms each (a
# registry round trip) and the session fast path for the token. Logins that write the same
# credentials file run one after another and different files side by side, so many targets
# across two files should take about the larger file's sequential time, not the sum.
# Needs hyperfine. Prints a Markdown table; BENCHMARKS.md keeps the recorded results.
#
# Usage: scripts/bench-targets.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
cargo build --release --locked -q
bin=$PWD/target/release/cr-ext

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home/.bluemix" "$work/run"
. scripts/fake-jwt.sh
token=$(fake_jwt "{\"exp\":$(( $(date +%s) + 3600 ))}")
printf '{"IAMToken":"Bearer %s"}' "$token" > "$work/home/.bluemix/config.json"
for client in docker podman buildah; do
  printf '#!/bin/sh\ncat >/dev/null\nsleep 0.2\necho "Login Succeeded!"\n' > "$work/bin/$client"
  chmod +x "$work/bin/$client"
done
export HOME=$work/home XDG_RUNTIME_DIR=$work/run PATH=$work/bin:/usr/bin:/bin
unset DOCKER_CONFIG REGISTRY_AUTH_FILE

cases=(
  "1|1 target (podman × us-south)|200|200|-c podman -r us-south"
  "4|4 targets, one file (podman,buildah × us-south,eu-de)|800|800|-c podman,buildah -r us-south -r eu-de"
  "6|6 targets, two files (docker,podman,buildah × us-south,eu-de)|1200|800|-c docker,podman,buildah -r us-south -r eu-de"
  "26|26 targets, two files (docker,podman × every region)|5200|2600|-c docker,podman --all-regions"
)
commands=()
for c in "${cases[@]}"; do
  commands+=("$bin login -q ${c##*|}")
done
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/t.json" "${commands[@]}" >/dev/null

echo "| targets | sum of the logins | larger file, sequential | measured median | median / larger file |"
echo "|---|---|---|---|---|"
i=0
for c in "${cases[@]}"; do
  IFS='|' read -r _ label sum larger _ <<< "$c"
  median=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median']*1000)" "$work/t.json" "$i")
  python3 -c "import sys; l,s,g,m=sys.argv[1],float(sys.argv[2]),float(sys.argv[3]),float(sys.argv[4]); print(f'| {l} | {s:.0f} ms | {g:.0f} ms | {m:.0f} ms | {m/g:.2f} |')" "$label" "$sum" "$larger" "$median"
  i=$((i + 1))
done
echo
echo "machine: $(nproc) cores, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $runs runs each"
