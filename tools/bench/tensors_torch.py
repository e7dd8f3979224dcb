#!/usr/bin/env python3
"""PyTorch's figures for the work `swift run -c release bench tensors` measures.

    /work/.venv-torch/bin/python tools/bench/tensors_torch.py [--threads N]

Uses torch.set_num_threads(N) with N = the OpenBLAS thread count of the Swift benchmark
(default: the number of cores). Timing: best of 30 repeats of ~0.02 s each, like the Swift side.
Exits cleanly with a message when torch is not installed.
"""
import argparse
import os
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    print("torch is not installed; see the header of this script")
    sys.exit(0)


def seconds_per_call(body, budget=0.02, repeats=30):
    body()
    iterations = 1
    while True:
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        if time.perf_counter() - start > budget / 4:
            break
        iterations *= 2
    iterations = max(1, iterations * 4)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        best = min(best, (time.perf_counter() - start) / iterations)
    return best


def report(name, value):
    print(f"{name:<48}{value}")


def micro(seconds):
    return f"{seconds * 1e6:.2f} µs"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print(f"PyTorch {torch.__version__} benchmark — {torch.get_num_threads()} threads")

    with torch.no_grad():
        for n in (64, 128, 256, 512):
            a, b = torch.randn(n, n), torch.randn(n, n)
            t = seconds_per_call(lambda: torch.mm(a, b))
            report(f"matmul {n}x{n}x{n}", f"{2 * n ** 3 / t / 1e9:.1f} GFLOP/s")
        qa, qb = torch.randn(64, 20, 64), torch.randn(64, 64, 20)
        t = seconds_per_call(lambda: torch.bmm(qa, qb))
        report("batched matmul 64x[20x64]·[64x20]", f"{2 * 64 * 20 * 64 * 20 / t / 1e9:.1f} GFLOP/s")

    x = torch.randn(64, 64, requires_grad=True)
    y = torch.randn(64, 64, requires_grad=True)
    xd, yd = x.detach(), y.detach()
    report("add 64x64 forward", micro(seconds_per_call(lambda: xd + yd)))

    def add_step():
        (x + y).sum().backward()

    report("add 64x64 forward+backward", micro(seconds_per_call(add_step)))
    report("tanh 64x64 forward+backward", micro(seconds_per_call(lambda: torch.tanh(x).sum().backward())))
    report("matmul 64x64 forward+backward", micro(seconds_per_call(lambda: torch.mm(x, y).sum().backward())))

    scores = torch.randn(64, 12, 32, requires_grad=True)
    weights = torch.randn(64, 12, 32)
    labels = torch.randint(0, 32, (64 * 12,))
    sd = scores.detach()
    report("softmax [64,12,32] forward", micro(seconds_per_call(lambda: torch.softmax(sd, dim=-1))))
    report("softmax [64,12,32] forward+backward",
           micro(seconds_per_call(lambda: (torch.softmax(scores, dim=-1) * weights).sum().backward())))
    report("cross-entropy [64,12,32] forward+backward",
           micro(seconds_per_call(lambda: F.cross_entropy(scores.view(-1, 32), labels).backward())))

    w1 = torch.nn.Parameter(torch.empty(64, 256).uniform_(-0.3, 0.3))
    b1 = torch.nn.Parameter(torch.zeros(256))
    w2 = torch.nn.Parameter(torch.empty(256, 64).uniform_(-0.1, 0.1))
    b2 = torch.nn.Parameter(torch.zeros(64))
    inputs = torch.randn(64, 64)
    targets = torch.randint(0, 64, (64,))
    sgd = torch.optim.SGD([w1, b1, w2, b2], lr=0.01)

    def mlp_step():
        logits = torch.relu(inputs @ w1 + b1) @ w2 + b2
        F.cross_entropy(logits, targets).backward()
        sgd.step()
        sgd.zero_grad()

    report("MLP step 64→256→64, batch 64 (fwd+bwd+SGD)", micro(seconds_per_call(mlp_step)))


if __name__ == "__main__":
    main()
