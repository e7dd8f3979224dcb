"""Runs an exported notebook with nbclient on the `swift` kernel and compares its text outputs
with the ones `notebook export` recorded (from `render`'s batch run).

Usage: run_exported.py NOTEBOOK.ipynb
"""
import copy
import sys

import nbclient
import nbformat


def text_outputs(cell):
    """Stream text and text/plain results of a code cell, in order."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream" and output["name"] == "stdout":
            parts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            parts.append("<" + output["data"].get("text/plain", "") + ">")
    return "".join(parts)


expected = nbformat.read(sys.argv[1], as_version=4)
notebook = copy.deepcopy(expected)
for cell in notebook.cells:
    if cell.cell_type == "code":
        cell.outputs = []
nbclient.NotebookClient(notebook, kernel_name="swift", timeout=600).execute()
failures = 0
for index, (want, got) in enumerate(zip(expected.cells, notebook.cells)):
    if want.cell_type != "code" or "parameters" in want.metadata.get("tags", []):
        continue
    if text_outputs(want) != text_outputs(got):
        failures += 1
        print(f"cell {index}: render gave {text_outputs(want)!r}, the kernel gave {text_outputs(got)!r}")
print("compared", sum(1 for c in expected.cells if c.cell_type == "code"), "code cells,", failures, "differ")
sys.exit(1 if failures else 0)
