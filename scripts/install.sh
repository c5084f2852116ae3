#!/usr/bin/env bash
# Installs cr-ext under PREFIX (default ~/.local): the release binary, the credential helper
# docker-credential-cr-ext (a link to it), completions for bash, zsh and fish, and the man
# pages; then, when the ibmcloud CLI is on PATH, installs the binary as its plugin
# (`ibmcloud cr-ext ...`). `cr-ext configure` then sets the helper up for the clients.
# On Linux with glibc the binary is linked statically (crt-static): a dynamically linked Rust
# program pays for the dynamic loader on every start, which is most of what the credential
# helper's `get` costs (BENCHMARKS.md); glibc 2.34 and later carry the files and dns name
# services inside libc, so name resolution needs no shared library either. Elsewhere it is
# the ordinary build. CR_EXT_BIN=PATH installs a binary built elsewhere instead of running
# cargo; the build honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${PREFIX:-$HOME/.local}

if [ -n "${CR_EXT_BIN:-}" ]; then
  bin=$CR_EXT_BIN
else
  host=$(cargo -vV | sed -n 's/^host: //p')
  case "$host" in
    *-linux-gnu)
      # --target keeps the flag off build scripts and proc-macros, which cannot be static.
      RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
        cargo build --release --locked --target "$host"
      bin=${CARGO_TARGET_DIR:-target}/$host/release/cr-ext
      ;;
    *)
      cargo build --release --locked
      bin=${CARGO_TARGET_DIR:-target}/release/cr-ext
      ;;
  esac
fi

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d" \
  "$prefix/share/man/man1"
install -m 0755 "$bin" "$prefix/bin/cr-ext"
ln -sfn cr-ext "$prefix/bin/docker-credential-cr-ext"
install -m 0644 completions/cr-ext.bash "$prefix/share/bash-completion/completions/cr-ext"
install -m 0644 completions/_cr-ext "$prefix/share/zsh/site-functions/_cr-ext"
install -m 0644 completions/cr-ext.fish "$prefix/share/fish/vendor_completions.d/cr-ext.fish"
install -m 0644 man/*.1 "$prefix/share/man/man1/"
echo "install: cr-ext, docker-credential-cr-ext, completions and man pages are in $prefix"

if command -v ibmcloud >/dev/null 2>&1; then
  ibmcloud plugin install "$prefix/bin/cr-ext" -f
  echo "install: installed as an ibmcloud plugin: ibmcloud cr-ext login"
else
  echo "install: ibmcloud is not on PATH; skipped 'ibmcloud plugin install' (cr-ext works on its own)"
fi
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "install: add $prefix/bin to PATH" ;;
esac
