#!/usr/bin/env bash
# Runs the whole test suite: unit and integration tests always, and the end-to-end tests
# (real registry, real docker/podman/buildah/skopeo, real shells) when their tools are
# installed. Missing tools are installed with scripts/e2e-setup.sh when this runs as root
# with apt-get; otherwise the end-to-end tests are reported as ignored, with the reason.
# CR_EXT_E2E=1 (set by .ci/run) turns missing tools into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

e2e=1
if ! check=$(scripts/e2e-setup.sh --check); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: $check; installing them with scripts/e2e-setup.sh"
    scripts/e2e-setup.sh
  elif [ "${CR_EXT_E2E:-}" = 1 ]; then
    echo "test.sh: CR_EXT_E2E=1 but $check, and this user cannot install them" >&2
    exit 1
  else
    e2e=0
    echo "test.sh: $check (run as root, or scripts/e2e-setup.sh);"
    echo "test.sh: END-TO-END TESTS WILL NOT RUN: each is listed as 'ignored' below"
  fi
fi

if [ "$e2e" = 1 ]; then
  export CR_EXT_E2E=1
  cargo test --locked --all-targets -- --include-ignored
else
  cargo test --locked --all-targets
fi
