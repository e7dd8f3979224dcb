#!/bin/sh
# Builds `bench` and runs tools/bench/models_compare.py (Swift vs PyTorch, interleaved).
# Arguments go to the driver: --rounds N --steps N --threads 1,2 --models gru,transformer
set -e
cd "$(dirname "$0")/../.."
swift build -c release --product bench >/dev/null
exec python3 tools/bench/models_compare.py "$@"
