#!/usr/bin/env bash
# Installs what the end-to-end tests need, from Debian's packages, idempotently:
# a real registry (docker-registry), the clients podman, buildah and skopeo (docker's CLI
# too when it is missing), umoci to build a test image, bcrypt for htpasswd, PyYAML to read
# the kubelet config back, openssl for the
# TLS certificate, the shells the completion tests load, and kubectl (the pull-secret oracle;
# Debian's kubernetes-client when none is on PATH). It writes nothing itself
# outside apt's own work.
#
# Usage: scripts/e2e-setup.sh          install what is missing
#        scripts/e2e-setup.sh --check  exit 1 (naming them) when packages are missing
set -euo pipefail

packages=(docker-registry skopeo podman buildah umoci python3-bcrypt python3-yaml openssl zsh fish groff-base)
command -v docker >/dev/null 2>&1 || packages+=(docker.io)
command -v kubectl >/dev/null 2>&1 || packages+=(kubernetes-client)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done

if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -gt 0 ]; then
    echo "e2e-setup: missing packages: ${missing[*]}"
    exit 1
  fi
  exit 0
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "e2e-setup: all end-to-end packages are installed"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "e2e-setup: need root to install: ${missing[*]}" >&2
  exit 1
fi

echo "e2e-setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "e2e-setup: done"
