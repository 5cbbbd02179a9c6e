#!/usr/bin/env bash
# Installs the Debian 12 packages cloud_tasks needs, only when something is missing.
# Usage: scripts/setup.sh [extra packages...]   (run as root, or with sudo available)
set -euo pipefail

packages=(
  g++ make cmake ninja-build pkg-config
  nlohmann-json3-dev libcli11-dev libfmt-dev libre2-dev libyaml-dev libsqlite3-dev zlib1g-dev
  libgtest-dev libgmock-dev
  libssl-dev libcurl4-openssl-dev python3-botocore
  python3 python3-jwt procps sqlite3
  "$@"
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
