"""Runs an exported notebook with papermill on the `swift` kernel, injecting one parameter.

Papermill has no Swift parameter translator of its own: this registers one (Swift `let`
declarations; a later declaration shadows the `parameters` cell's in the kernel).
Usage: papermill_run.py IN.ipynb OUT.ipynb NAME VALUE
"""
import sys

import papermill
from papermill.translators import Translator, papermill_translators


class SwiftTranslator(Translator):
    @classmethod
    def translate_none(cls, val):
        return "nil"

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_escaped_str(cls, str_val):
        return '"' + str_val.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"let {name} = {str_val}"


papermill_translators.register("swift", SwiftTranslator)
source, target, name, value = sys.argv[1:5]
papermill.execute_notebook(source, target, parameters={name: int(value)}, kernel_name="swift", progress_bar=False)
print("papermill ran", target)
