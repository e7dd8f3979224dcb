#!/usr/bin/env python3
"""`bench models` against PyTorch in one run: interleaved A B A B rounds, medians, ratios.

For each round and each model, runs `.build/release/bench models STEPS THREADS MODEL` (Swift),
then tools/bench/models_torch.py STEPS THREADS MODEL (PyTorch, torch.set_num_threads(THREADS);
Swift gets OPENBLAS_NUM_THREADS=THREADS), one process per measurement, and prints every figure,
the medians and Swift / PyTorch. PyTorch is skipped cleanly when its Python has no torch.

    swift build -c release --product bench
    python3 tools/bench/models_compare.py [--rounds 5] [--steps 100] [--threads 1,2] [--models gru,transformer]

The torch interpreter is $TORCH_PYTHON (only it, when set), else /work/.venv-torch/bin/python, else python3.
Standard library only (the driver itself needs no torch).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build", "release", "bench")
TORCH_SCRIPT = os.path.join(ROOT, "tools", "bench", "models_torch.py")
RATE = re.compile(r"^(swift|torch) (\w+): ([0-9.]+) steps/s", re.M)


def torch_python():
    if os.environ.get("TORCH_PYTHON"):
        candidates = [os.environ["TORCH_PYTHON"]]
    else:
        candidates = ["/work/.venv-torch/bin/python", sys.executable, "python3"]
    for python in filter(None, candidates):
        try:
            probe = subprocess.run([python, "-c", "import torch; print(torch.__version__)"],
                                   capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return python, probe.stdout.strip()
    return None, None


def run(command, side, model):
    out = subprocess.run(command, capture_output=True, text=True)
    text = out.stdout + out.stderr
    for line in text.splitlines():
        if line.startswith("models:") and ("parameters" in line or "core" in line or "threads" in line):
            if (side, line) not in run.seen:  # configuration lines once per side
                run.seen.add((side, line))
                print(f"    [{side}] {line}")
    rates = {(s, m): float(r) for s, m, r in RATE.findall(text)}
    if out.returncode != 0 or (side, model) not in rates:
        print(f"    {side} {model}: failed (exit {out.returncode})\n" + text)
        return None
    return rates[(side, model)]


run.seen = set()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--threads", default="1", help="comma-separated thread counts, e.g. 1,2")
    parser.add_argument("--models", default="gru,transformer")
    args = parser.parse_args()
    if not os.access(BENCH, os.X_OK):
        sys.exit(f"models_compare: {BENCH} is missing; run `swift build -c release --product bench` first")
    python, version = torch_python()
    if python is None:
        print("models_compare: torch is not installed for any candidate Python; measuring Swift only")
    else:
        print(f"models_compare: PyTorch {version} via {python}")
    env_note = os.environ.get("OPENBLAS_CORETYPE", "unset")
    print(f"models_compare: shell OPENBLAS_CORETYPE={env_note} (bench re-executes itself with the recommended core); "
          f"load average {os.getloadavg()[0]:.2f}")
    models = args.models.split(",")
    summary = []
    for threads in [int(t) for t in args.threads.split(",")]:
        rates = {(side, m): [] for side in ("swift", "torch") for m in models}
        print(f"\n== {threads} thread(s), {args.rounds} rounds of {args.steps} steps, interleaved ==")
        for r in range(args.rounds):
            for m in models:
                s = run([BENCH, "models", str(args.steps), str(threads), m], "swift", m)
                t = run([python, TORCH_SCRIPT, str(args.steps), str(threads), m], "torch", m) if python else None
                if s is not None:
                    rates[("swift", m)].append(s)
                if t is not None:
                    rates[("torch", m)].append(t)
                ratio = f"  ratio {s / t:.2f}" if s and t else ""
                fs = f"{s:7.1f}" if s else "  failed"
                ft = f"{t:7.1f}" if t else "skipped"
                print(f"  round {r + 1} {m:12s} swift {fs}  torch {ft}{ratio}")
        for m in models:
            s, t = rates[("swift", m)], rates[("torch", m)]
            ms = statistics.median(s) if s else None
            mt = statistics.median(t) if t else None
            summary.append((threads, m, ms, mt))
    print("\n| threads | model | Swift (steps/s, median) | PyTorch (steps/s, median) | Swift / PyTorch |")
    print("|---|---|---|---|---|")
    for threads, m, ms, mt in summary:
        fs = f"{ms:.1f}" if ms else "—"
        ft = f"{mt:.1f}" if mt else "skipped"
        ratio = f"{ms / mt:.2f}" if ms and mt else "—"
        print(f"| {threads} | {m} | {fs} | {ft} | {ratio} |")


if __name__ == "__main__":
    main()
