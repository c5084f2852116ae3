#!/usr/bin/env bash
# Builds the release binaries that can be linked on this Linux x86_64 machine, named as the
# IBM Cloud plugin repository names plugin binaries (NAME-GOOS-GOARCH-VERSION[.exe]), with
# their checksums, into dist/:
#
#   plugin platform  file                               built with
#   linux-amd64      cr-ext-linux-amd64-VERSION         the rustup toolchain, glibc static
#   linux-arm64      cr-ext-linux-arm64-VERSION         scripts/cross.sh build, glibc static
#   win64            cr-ext-windows-amd64-VERSION.exe   scripts/cross.sh build (mingw-w64)
#
# plus SHA256SUMS, SHA1SUMS (the plugin repository's publish request asks for SHA-1) and
# plugin-binaries.yml, the request's `binaries:` list. Each binary is run once (natively, under
# qemu-aarch64, under Wine) to print its version. macOS binaries need Apple's SDK and linker:
# the script ends by printing how to build them on a Mac. The plugin metadata (the answer to
# SendMetadata) is the same on every platform: it is built from the same source.
#
# Usage: scripts/dist.sh [URL_BASE]   URL_BASE prefixes the file names in plugin-binaries.yml
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-https://example.com/cr-ext}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
cross=${CR_EXT_CROSS_DIR:-$HOME/.cache/cr-ext-cross}
out=dist
rm -rf "$out"
mkdir -p "$out"
start=$SECONDS

# glibc linked in: the binaries start with no shared library. A host name lookup through an
# NSS module other than files and dns (mdns, systemd's resolve) still loads the host's module,
# which must match the glibc they were built with (Debian 12's 2.36); only Debian 12 ran them.
static="-C target-feature=+crt-static"
host=x86_64-unknown-linux-gnu
RUSTFLAGS="$static" cargo build --release --locked --target "$host" --bin cr-ext
cp "target/$host/release/cr-ext" "$out/cr-ext-linux-amd64-$version"
RUSTFLAGS="$static" scripts/cross.sh build aarch64-unknown-linux-gnu
cp "$cross/target/aarch64-unknown-linux-gnu/release/cr-ext" "$out/cr-ext-linux-arm64-$version"
scripts/cross.sh build x86_64-pc-windows-gnu
cp "$cross/target/x86_64-pc-windows-gnu/release/cr-ext.exe" "$out/cr-ext-windows-amd64-$version.exe"

# Each binary says its version where it can run here.
want="cr-ext $version"
check() { local got; got=$("$@" --version </dev/null | tr -d '\r'); [ "$got" = "$want" ] || { echo "dist: $* printed '$got'" >&2; exit 1; }; }
check "$out/cr-ext-linux-amd64-$version"
check qemu-aarch64 "$out/cr-ext-linux-arm64-$version"
cp "$cross/shim/bcryptprimitives.dll" "$out/"
WINEDEBUG=-all WINEPREFIX=$cross/wineprefix check wine "$out/cr-ext-windows-amd64-$version.exe"
WINEPREFIX=$cross/wineprefix wineserver -k 2>/dev/null || true
rm "$out/bcryptprimitives.dll"
for arch in amd64 arm64; do
  if readelf -d "$out/cr-ext-linux-$arch-$version" | grep -q NEEDED; then
    echo "dist: cr-ext-linux-$arch-$version needs shared libraries" >&2
    exit 1
  fi
done

cd "$out"
sha256sum cr-ext-* >SHA256SUMS
sha1sum cr-ext-* >SHA1SUMS
{
  echo "- name: cr-ext"
  echo "  version: $version"
  echo "  binaries:"
  for pair in linux-amd64:cr-ext-linux-amd64-$version linux-arm64:cr-ext-linux-arm64-$version \
    win64:cr-ext-windows-amd64-$version.exe; do
    platform=${pair%%:*} file=${pair#*:}
    printf '  - platform: %s\n    url: %s/%s\n    checksum: %s\n' \
      "$platform" "$base" "$file" "$(sha1sum "$file" | cut -d' ' -f1)"
  done
} >plugin-binaries.yml
ls -l
cat SHA256SUMS
echo "dist: built in $((SECONDS - start)) s"
cat <<MAC

macOS (platforms osx and osx-arm64) cannot be linked here: there is no Apple SDK or linker.
On a Mac with rustup, from this tree:
  rustup target add x86_64-apple-darwin aarch64-apple-darwin
  cargo build --release --locked --target x86_64-apple-darwin --bin cr-ext
  cargo build --release --locked --target aarch64-apple-darwin --bin cr-ext
  cp target/x86_64-apple-darwin/release/cr-ext  dist/cr-ext-darwin-amd64-$version
  cp target/aarch64-apple-darwin/release/cr-ext dist/cr-ext-darwin-arm64-$version
  (cd dist && shasum -a 256 cr-ext-darwin-* >>SHA256SUMS && shasum cr-ext-darwin-* >>SHA1SUMS)
and add them to plugin-binaries.yml as platforms osx and osx-arm64.
MAC
