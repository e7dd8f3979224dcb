#!/usr/bin/env bash
# Generates the API reference of what a notebook cell can call — NotebookRuntime, Tensors and
# SequenceModels — as one static DocC site in docs-site/ (open docs-site/index.html through any
# static file server, e.g. `python3 -m http.server -d docs-site`). Needs only the Swift toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs-site}
swift package --allow-writing-to-directory "$out" generate-documentation \
  --target NotebookRuntime --target Tensors --target SequenceModels \
  --enable-experimental-combined-documentation \
  --output-path "$out" --transform-for-static-hosting \
  --warnings-as-errors
echo "docs: open $out/documentation/ (serve the folder: python3 -m http.server -d $out)" >&2
