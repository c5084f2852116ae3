#!/usr/bin/env bash
# Runs every fuzz target under fuzz/ (cargo-fuzz, libFuzzer) for SECONDS each, one after
# the other, starting from the committed corpus (fuzz/corpus/TARGET) and growing a scratch
# copy (fuzz/work/TARGET, not committed). Fails on the first crash, hang (-timeout=10) or
# out-of-memory (-rss_limit_mb=2048): libFuzzer writes the input to fuzz/artifacts/TARGET/
# and this script names it. Installs cargo-fuzz (`cargo install --locked`) when it is
# missing; the stable toolchain builds the targets with RUSTC_BOOTSTRAP=1 (libFuzzer's
# sanitizer flags are nightly-only otherwise). fuzz/README.md says what each target asserts
# and records the long runs.
#
# Usage: scripts/fuzz.sh [SECONDS]   (default 20)
#        FUZZ_TARGETS="jwt registry_host" scripts/fuzz.sh 60   (some targets only)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-20}
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
targets=${FUZZ_TARGETS:-$(cargo fuzz list)}
# The variables cr-ext reads before the files the targets hand it.
unset IBMCLOUD_HTTP_TIMEOUT IBMCLOUD_TRACE BLUEMIX_TRACE IBMCLOUD_COLOR BLUEMIX_COLOR
cargo fuzz build -O
for target in $targets; do
    mkdir -p "work/$target"
    echo "fuzz.sh: $target for ${seconds}s"
    log=$(mktemp)
    if ! cargo fuzz run -O "$target" "work/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz.sh: $target FAILED; the input is in fuzz/artifacts/$target/" >&2
        rm -f "$log"
        exit 1
    fi
    grep -E '^stat::number_of_executed_units|^Done' "$log" | sed "s/^/fuzz.sh: $target: /"
    rm -f "$log"
done
echo "fuzz.sh: every target ran ${seconds}s with no crash"
