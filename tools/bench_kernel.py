"""execute_request → execute_reply medians through the Jupyter protocol (run by `bench kernel`).

Usage: bench_kernel.py NOTEBOOK_EXECUTABLE [ROUNDS]. Installs the kernelspec into a temporary
prefix; prints a line per cell and link mode; says so and exits 0 when jupyter_client is missing.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

try:
    from jupyter_client.manager import start_new_kernel
except ImportError:
    print("  protocol: skipped (pip install jupyter_client)")
    sys.exit(0)

notebook, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
folder = tempfile.mkdtemp(prefix="bench-kernel-")
subprocess.run([notebook, "kernel", "install", "--prefix", folder], check=True, stdout=subprocess.DEVNULL)
os.environ["JUPYTER_PATH"] = os.path.join(folder, "share", "jupyter")
# Three kernels, interleaved round by round: the resident compiler and the linker run directly
# (the default), a new frontend process per cell (NOTEBOOK_CELL_TOOLS=frontend), and every step
# through the driver (NOTEBOOK_CELL_TOOLS=driver).
kernels = []
for name, link in (("resident", None), ("frontend", "frontend"), ("driver", "driver")):
    env = dict(os.environ)
    if link:
        env["NOTEBOOK_CELL_TOOLS"] = link
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=120, env=env)
    kernels.append((name, manager, client))
thirty = "\n".join(
    f"let valuesNN_{i} = (0..<100).map {{ Double($0) * {i + 1}.0 }}\n"
    f"func summaryNN_{i}(_ values: [Double]) -> Double {{ values.reduce(0, +) / Double(values.count) }}\n"
    f'print("mean {i}:", summaryNN_{i}(valuesNN_{i}))'
    for i in range(10))
try:
    for label, template in (("let x = 1", "let xNN = 1"), ("30-line cell", thirty)):
        times = {name: [] for name, _, _ in kernels}
        for round_ in range(rounds):
            order = kernels if round_ % 2 == 0 else list(reversed(kernels))
            for name, _, client in order:
                start = time.monotonic()
                reply = client.execute_interactive(template.replace("NN", str(round_)), timeout=120,
                                                   output_hook=lambda message: None)
                times[name].append(time.monotonic() - start)
                assert reply["content"]["status"] == "ok", reply["content"]
        for name, _, _ in kernels:
            print(f"  protocol {label:<13} {name}: execute_request→execute_reply median "
                  f"{statistics.median(times[name]):.3f} s")
finally:
    for _, manager, client in kernels:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
