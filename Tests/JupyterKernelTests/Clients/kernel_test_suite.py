"""jupyter_kernel_test's conformance suite against the installed `swift` kernelspec."""
import unittest

import jupyter_kernel_test


class SwiftKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "swift"
    language_name = "swift"
    file_extension = ".swift"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'fputs("oops\\n", stderr)'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": 'let greeting = "hi"\ngreeting + "!"', "result": "hi!"},
    ]
    code_display_data = [
        {"code": 'display(table: [["dot", 0.91]], columns: ["scoring", "accuracy"])', "mime": "text/html"},
        {"code": 'display("plain")', "mime": "text/plain"},
    ]
    # A compile error: the suite expects the error message alone (a trap also streams the
    # runtime's message on stderr; scenarios.py's `crash` covers traps).
    code_generate_error = 'let broken: Int = "text"'
    complete_code_samples = ["let x = 1", "func f() {\n    print(1)\n}", "// just a comment"]
    incomplete_code_samples = ["func f() {", "let a = [1,", 'let s = """\nmulti']
    invalid_code_samples = ["let a = )", "}"]


if __name__ == "__main__":
    unittest.main(verbosity=2)
