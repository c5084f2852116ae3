#!/usr/bin/env bash
# Type-checks and unit-tests cr-ext for other platforms from this Linux x86_64 machine, with
# the recipe of DESIGN.md section 13: the rustup toolchain has no other target's std, so
# Debian's rustc-web (1.96, with std's sources) is unpacked, not installed, and std is built
# from source (-Zbuild-std, RUSTC_BOOTSTRAP=1) with the machine's stable cargo. Windows
# binaries link with Debian's mingw-w64 and run under Wine, which is not Windows; Wine 8 lacks
# bcryptprimitives.dll's ProcessPrng, which Rust's std imports, so a small mingw-built DLL
# that forwards it to advapi32's RtlGenRandom is put beside each test executable.
#
# Usage: scripts/cross.sh check x86_64-pc-windows-gnu   the library, binary and unit tests
#        scripts/cross.sh test  x86_64-pc-windows-gnu   the unit tests, run under Wine
# As root with apt-get it installs what it needs (gcc-mingw-w64-x86-64, wine64) and unpacks
# the toolchain under ${CR_EXT_CROSS_DIR:-$HOME/.cache/cr-ext-cross}. Each step says how long
# it took.
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?usage: scripts/cross.sh check|test TARGET}
target=${2:?usage: scripts/cross.sh check|test TARGET}
dir=${CR_EXT_CROSS_DIR:-$HOME/.cache/cr-ext-cross}
version=1.96.0+dfsg1-1~deb12u2
llvm=1:22.1.8-1~deb12u1

updated=0
apt_update() {
  # Once a run, and only when something must be fetched: a fresh machine has no package lists.
  [ "$updated" = 1 ] || { apt-get update -q >/dev/null; updated=1; }
}

step() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "cross: $name took $((SECONDS - start)) s"
}

toolchain() {
  [ -x "$dir/root/usr/bin/rustc" ] && return
  mkdir -p "$dir/debs"
  apt_update
  (cd "$dir/debs" && apt-get download -q "rustc-web=$version" "rust-web-src=$version" \
    "libstd-rust-web-dev=$version" "libstd-rust-web-1.96=$version" "libllvm22=$llvm")
  rm -rf "$dir/root"
  for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir/root"; done
}

packages() {
  local missing=()
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  apt_update
  apt-get install -y -q "${missing[@]}" >/dev/null
}

shim() {
  [ -f "$dir/shim/bcryptprimitives.dll" ] && return
  mkdir -p "$dir/shim"
  cat > "$dir/shim/shim.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return SystemFunction036(data, (ULONG)len);
}
C
  x86_64-w64-mingw32-gcc -shared -o "$dir/shim/bcryptprimitives.dll" "$dir/shim/shim.c" -ladvapi32
}

case "$target" in
  x86_64-pc-windows-gnu) step "packages" packages gcc-mingw-w64-x86-64 wine64 ;;
  *) echo "cross: $target is not set up here yet (only x86_64-pc-windows-gnu)" >&2; exit 2 ;;
esac
step "toolchain" toolchain
root=$dir/root
export RUSTC=$root/usr/bin/rustc LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=$dir/target CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
build_std=(-Zbuild-std=std,panic_abort --target "$target" --locked)

case "$action" in
  check)
    # The integration tests drive Unix fakes (shell scripts, FIFOs, signals): not checked.
    step "check $target (library, binary)" cargo check "${build_std[@]}" --lib --bins
    step "check $target (unit tests)" cargo check "${build_std[@]}" --lib --profile test
    ;;
  test)
    step "build $target (unit tests)" cargo test "${build_std[@]}" --lib --no-run
    step "shim" shim
    exe=$(ls -t "$CARGO_TARGET_DIR/$target/debug/deps"/cr_ext-*.exe | head -n 1)
    cp "$dir/shim/bcryptprimitives.dll" "$(dirname "$exe")/"
    export WINEDEBUG=-all WINEPREFIX=$dir/wineprefix
    step "unit tests under Wine" timeout 600 wine "$exe"
    ;;
  *) echo "usage: scripts/cross.sh check|test TARGET" >&2; exit 2 ;;
esac
