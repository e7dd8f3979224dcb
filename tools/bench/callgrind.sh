#!/bin/sh
# Instruction counts (valgrind's callgrind) of a fixed training step of both `bench models` models:
# repeatable where wall-clock rates are not (a shared, loaded machine), so a change that slows the
# engine shows up as more instructions per step.
#
#   tools/bench/callgrind.sh [steps] [top]    # after `swift build -c release --product bench`
#
# Counts `steps` (default 2) steps after one untimed step (`bench profile`), with OpenBLAS fixed
# to the Haswell kernels and one thread (counts then compare across AVX2 machines), prints
# `callgrind <model>: <instructions> instructions/step` and, when `top` > 0, the `top` most
# expensive functions. Profiles stay in .build/callgrind/<model>.out for callgrind_annotate.
set -eu
cd "$(dirname "$0")/../.."
steps=${1:-2}
top=${2:-0}
out=.build/callgrind
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
[ -x .build/release/bench ] || { echo "callgrind.sh: .build/release/bench is missing; run: swift build -c release --product bench" >&2; exit 1; }
mkdir -p "$out"
# valgrind 3.19 cannot read the DWARF 5 debug info Swift writes: profile a copy without it
# (the symbol table stays, so functions keep their names).
objcopy --strip-debug .build/release/bench "$out/bench"
for model in gru transformer; do
    OPENBLAS_CORETYPE=Haswell OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind \
        --toggle-collect='*profiledTrainingSteps*' --callgrind-out-file="$out/$model.out" \
        "$out/bench" profile "$model" "$steps" >"$out/$model.log" 2>&1 \
        || { echo "callgrind.sh: $model failed, see $out/$model.log" >&2; cat "$out/$model.log" >&2; exit 1; }
    total=$(callgrind_annotate "$out/$model.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    echo "callgrind $model: $((total / steps)) instructions/step ($steps steps, $total in all)"
    if [ "$top" -gt 0 ]; then
        callgrind_annotate "$out/$model.out" | grep -E '^ *[0-9,]+ \(' | grep -v 'PROGRAM TOTALS' | head -n "$top" \
            | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | cut -c1-160
    fi
done
