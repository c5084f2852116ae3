#!/usr/bin/env bash
# Builds, checks and tests cr-ext for the other platforms from this Linux x86_64 machine, with
# the recipe of DESIGN.md section 13: the rustup toolchain has no other target's std, so
# Debian's rustc-web (1.96, with std's sources) is unpacked, not installed, and std is built
# from source (-Zbuild-std, RUSTC_BOOTSTRAP=1) with the machine's stable cargo.
#
#   x86_64-pc-windows-gnu      linked with Debian's mingw-w64; the unit tests and the smoke
#                              tests run under Wine, which is not Windows. Wine 8 lacks
#                              bcryptprimitives.dll's ProcessPrng, which Rust's std imports,
#                              so a small mingw-built DLL that forwards it to advapi32's
#                              RtlGenRandom is put beside each Rust executable.
#   aarch64-unknown-linux-gnu  linked with Debian's gcc-aarch64-linux-gnu; the unit tests and
#                              the smoke tests run under qemu-aarch64 (user mode).
#   aarch64-apple-darwin,      type-checked only (`cargo check --all-targets`): there is no
#   x86_64-apple-darwin        macOS SDK or linker here. ring's C code is compiled by clang
#                              against a stub TargetConditionals.h.
#
# Usage: scripts/cross.sh check TARGET   type-check the library, binaries and unit tests
#                                        (macOS: every target, integration tests too)
#        scripts/cross.sh test TARGET    run the unit tests under the emulator
#        scripts/cross.sh smoke TARGET   run scripts/cross/smoke.sh under the emulator
#        scripts/cross.sh build TARGET   build the release binary (for scripts/dist.sh)
#        scripts/cross.sh all            every step for every target (what .ci/run runs)
# As root with apt-get it installs what it needs and unpacks the toolchain under
# ${CR_EXT_CROSS_DIR:-$HOME/.cache/cr-ext-cross}. Each step says how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:?usage: scripts/cross.sh check|test|smoke|build TARGET, or scripts/cross.sh all}
dir=${CR_EXT_CROSS_DIR:-$HOME/.cache/cr-ext-cross}
version=1.96.0+dfsg1-1~deb12u2
llvm=1:22.1.8-1~deb12u1
windows=x86_64-pc-windows-gnu arm=aarch64-unknown-linux-gnu
macs=(aarch64-apple-darwin x86_64-apple-darwin)

if [ "$action" = all ]; then
  start=$SECONDS
  for t in "$windows" "$arm"; do
    for a in check test smoke; do "$0" "$a" "$t"; done
  done
  for t in "${macs[@]}"; do "$0" check "$t"; done
  echo "cross: all targets took $((SECONDS - start)) s"
  exit 0
fi
target=${2:?usage: scripts/cross.sh check|test|smoke|build TARGET}

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

# Wine 8 has no bcryptprimitives.dll: a ProcessPrng that calls RtlGenRandom.
shim() {
  [ -f "$dir/shim/bcryptprimitives.dll" ] && return
  mkdir -p "$dir/shim"
  cat >"$dir/shim/shim.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    return SystemFunction036(data, (ULONG)len);
}
C
  x86_64-w64-mingw32-gcc -shared -o "$dir/shim/bcryptprimitives.dll" "$dir/shim/shim.c" -ladvapi32
}

# ring includes <TargetConditionals.h>, which only the macOS SDK has: the macros it reads.
mac_headers() {
  mkdir -p "$dir/mac-include"
  cat >"$dir/mac-include/TargetConditionals.h" <<'H'
#define TARGET_OS_MAC 1
#define TARGET_OS_OSX 1
#define TARGET_OS_IPHONE 0
#define TARGET_OS_IOS 0
#define TARGET_OS_WATCH 0
#define TARGET_OS_TV 0
#define TARGET_OS_SIMULATOR 0
#define TARGET_OS_EMBEDDED 0
H
}

runner=() exe=""
case "$target" in
  "$windows")
    step "packages" packages gcc-mingw-w64-x86-64 wine64
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
    export WINEDEBUG=-all WINEPREFIX=$dir/wineprefix
    # wineserver outlives the programs it ran, holding their stdout: a pipe reading this
    # script's output would never end. Stop it when the step is done.
    trap 'wineserver -k 2>/dev/null || true' EXIT
    runner=(wine) exe=.exe
    ;;
  "$arm")
    step "packages" packages gcc-aarch64-linux-gnu qemu-user
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
    export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
    runner=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
    ;;
  aarch64-apple-darwin | x86_64-apple-darwin)
    step "packages" packages clang
    mac_headers
    var=${target//-/_}
    export "CC_$var=clang"
    export "CFLAGS_$var=-ffreestanding -nostdlibinc -DRING_CORE_NOSTDLIBINC=1 -I$dir/mac-include"
    ;;
  *) echo "cross: unknown target $target" >&2; exit 2 ;;
esac
step "toolchain" toolchain
root=$dir/root
export RUSTC=$root/usr/bin/rustc LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR=$dir/target
build_std=(-Zbuild-std=std,panic_abort --target "$target" --locked)
out=$CARGO_TARGET_DIR/$target/debug

case "$action" in
  check)
    if [ ${#runner[@]} -eq 0 ]; then
      # No emulator for macOS: check everything, the integration tests (Unix fakes) too.
      step "check $target (every target)" cargo check "${build_std[@]}" --all-targets
    else
      # The integration tests drive Linux-side fakes; the emulated targets run smoke tests.
      step "check $target (library, binary)" cargo check "${build_std[@]}" --lib --bins
      step "check $target (unit tests)" cargo check "${build_std[@]}" --lib --profile test
    fi
    ;;
  test)
    [ ${#runner[@]} -gt 0 ] || { echo "cross: $target cannot run here (no emulator)" >&2; exit 2; }
    step "build $target (unit tests)" cargo test "${build_std[@]}" --lib --no-run
    tests=$(ls -t "$out"/deps/cr_ext-*"$exe" | grep -v '\.d$' | head -n 1)
    if [ -n "$exe" ]; then step "shim" shim; cp "$dir/shim/bcryptprimitives.dll" "$(dirname "$tests")/"; fi
    step "unit tests under ${runner[0]}" timeout 900 "${runner[@]}" "$tests"
    ;;
  smoke)
    [ ${#runner[@]} -gt 0 ] || { echo "cross: $target cannot run here (no emulator)" >&2; exit 2; }
    step "build $target (binary)" cargo build "${build_std[@]}" --bin cr-ext
    if [ -n "$exe" ]; then
      step "shim" shim
      x86_64-w64-mingw32-gcc -O2 -o "$dir/fake.exe" scripts/cross/fake.c
      export FAKE_EXE=$dir/fake.exe SHIM_DLL=$dir/shim/bcryptprimitives.dll
    fi
    BIN=$out RUNNER="${runner[*]}" EXE=$exe step "smoke tests under ${runner[0]}" \
      timeout 600 scripts/cross/smoke.sh
    ;;
  build)
    step "build $target (release)" cargo build "${build_std[@]}" --release --bin cr-ext
    ;;
  *) echo "usage: scripts/cross.sh check|test|smoke|build TARGET, or scripts/cross.sh all" >&2; exit 2 ;;
esac
