#!/usr/bin/env bash
# Regenerates completions/ and man/ from the clap tree, through the cr-ext binary itself.
# Run it after any change to the command line; tests/it/generated.rs fails while they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked -q
bin=target/debug/cr-ext
mkdir -p completions man
"$bin" completions bash > completions/cr-ext.bash
"$bin" completions zsh > completions/_cr-ext
"$bin" completions fish > completions/cr-ext.fish
"$bin" completions powershell > completions/_cr-ext.ps1
"$bin" completions elvish > completions/cr-ext.elv
rm -f man/*.1
"$bin" man --dir man
echo "generate: wrote completions/ and man/"
