#!/usr/bin/env bash
# Installs the system libraries the package links (Debian/Ubuntu), only when they are missing.
# Used by the README's Quick start and by CI; safe to run again.
set -euo pipefail
packages=(libcmark-dev libopenblas-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "bootstrap: the Swift toolchain is not on PATH (https://swift.org/install)" >&2; exit 1; }
