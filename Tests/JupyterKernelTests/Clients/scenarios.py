"""Drives the installed `swift` kernel through jupyter_client: one scenario per argument.

Exits 0 when every assertion holds; prints what it saw otherwise.
"""
import os
import signal
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def run(client, code, **options):
    """Executes `code`; returns (reply content, stdout text, list of iopub messages)."""
    msg_id = client.execute(code, **options)
    reply = client.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=TIMEOUT)
    messages = collect(client, msg_id)
    stdout = "".join(m["content"]["text"] for m in messages
                     if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
    return reply["content"], stdout, messages


def collect(client, msg_id):
    """The iopub messages of `msg_id`, up to its idle status."""
    messages = []
    while True:
        message = client.get_iopub_msg(timeout=TIMEOUT)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return messages


def replies_to(client, msg_ids):
    """The shell replies to `msg_ids`, by id (a reply to anything else, such as a kernel_info
    request the client's start-up sent again while the kernel was slow, is skipped)."""
    replies = {}
    while len(replies) < len(msg_ids):
        reply = client.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") in msg_ids:
            replies[reply["parent_header"]["msg_id"]] = reply["content"]
    return replies


def expect(condition, what):
    if not condition:
        print("FAILED:", what)
        sys.exit(1)


def crash(manager, client):
    reply, _, _ = run(client, "var kept = 41")
    expect(reply["status"] == "ok", f"declaring a variable: {reply}")
    reply, stdout, messages = run(client, 'print("before")\nlet values = [1]\nprint(values[kept])')
    expect(reply["status"] == "error" and reply["ename"] == "Crash", f"a trap is an error: {reply}")
    expect(stdout == "before\n", f"text printed before the trap survives: {stdout!r}")
    expect(any(m["msg_type"] == "error" for m in messages), "an error message on iopub")
    reply, stdout, _ = run(client, "kept += 1\nprint(kept)")
    expect(reply["status"] == "ok" and stdout == "42\n", f"state survives the trap: {reply} {stdout!r}")
    reply, _, _ = run(client, "func depth(_ n: Int) -> Int { n < 0 ? 0 : 1 + depth(n + 1) }\nprint(depth(0))")
    expect(reply["status"] == "error" and reply["ename"] == "StackOverflow", f"a stack overflow says so: {reply}")
    expect("recursed too deeply" in reply["evalue"], f"the overflow's message: {reply}")
    reply, stdout, _ = run(client, "print(kept)")
    expect(reply["status"] == "ok" and stdout == "42\n", f"state survives the overflow: {reply} {stdout!r}")


def interrupt(manager, client, by_signal):
    run(client, "var before = 7")
    msg_id = client.execute("while true { usleep(1000) }")
    time.sleep(3)
    if by_signal:
        os.kill(manager.provisioner.process.pid, signal.SIGINT)
    else:
        request = client.session.msg("interrupt_request", {})
        client.control_channel.send(request)
        control = client.get_control_msg(timeout=TIMEOUT)
        expect(control["msg_type"] == "interrupt_reply", f"interrupt_reply on control: {control}")
    reply = client.get_shell_msg(timeout=TIMEOUT)
    expect(reply["parent_header"]["msg_id"] == msg_id, "the reply is the looping cell's")
    expect(reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted",
           f"interrupted: {reply['content']}")
    collect(client, msg_id)
    reply, stdout, _ = run(client, "print(before)")
    expect(stdout == "7\n", f"state survives the interrupt: {reply} {stdout!r}")


def stop_on_error(manager, client):
    failing = client.execute("let broken: Int = \"text\"")
    queued = client.execute('print("must not run")')
    replies = replies_to(client, [failing, queued])
    expect(replies[failing]["status"] == "error" and replies[failing]["ename"] == "CompileError",
           f"compile error: {replies[failing]}")
    expect(replies[queued]["status"] == "aborted", f"queued cell aborted: {replies[queued]}")
    reply, stdout, _ = run(client, 'print("runs again")')
    expect(stdout == "runs again\n", f"later cells run: {reply} {stdout!r}")
    first = client.execute("let alsoBroken: Int = \"text\"", stop_on_error=False)
    second = client.execute('print("still runs")')
    replies = replies_to(client, [first, second])
    expect(replies[second]["status"] == "ok", f"stop_on_error=False keeps the queue: {replies[second]}")


def restart(manager, client):
    run(client, "let beforeRestart = 1")
    manager.restart_kernel(now=False)
    client.wait_for_ready(timeout=TIMEOUT)
    reply, _, _ = run(client, "print(beforeRestart)")
    expect(reply["status"] == "error" and reply["ename"] == "CompileError", f"fresh state after restart: {reply}")
    reply, stdout, _ = run(client, "print(1 + 1)")
    expect(stdout == "2\n", f"the restarted kernel runs cells: {reply} {stdout!r}")


def complete(manager, client):
    run(client, "let zebraCount = 3\nfunc zebraName() -> String { \"z\" }")
    client.complete("print(zeb", 9)
    reply = client.get_shell_msg(timeout=TIMEOUT)["content"]
    expect(reply["matches"] == ["zebraCount", "zebraName"], f"completion: {reply}")
    expect(reply["cursor_start"] == 6 and reply["cursor_end"] == 9, f"completion range: {reply}")


def execution_count(manager, client):
    first, _, messages = run(client, "1 + 1")
    second, _, _ = run(client, "2 + 2")
    expect(second["execution_count"] == first["execution_count"] + 1, f"counts: {first} {second}")
    inputs = [m for m in messages if m["msg_type"] == "execute_input"]
    expect(inputs and inputs[0]["content"]["execution_count"] == first["execution_count"], "execute_input count")
    results = [m for m in messages if m["msg_type"] == "execute_result"]
    expect(results and results[0]["content"]["data"]["text/plain"] == "2", f"execute_result: {results}")
    reply, _, messages = run(client, "let a = 1\nlet b: String = a")
    errors = [m for m in messages if m["msg_type"] == "error"]
    expect(errors and "In[" in errors[0]["content"]["evalue"] and ":2:" in errors[0]["content"]["evalue"],
           f"the error names the cell line: {errors}")


def rerun_from(manager, client):
    first, _, _ = run(client, "var steps = 0")
    expect(first["status"] == "ok", f"setup: {first}")
    second, stdout, _ = run(client, "steps += 1\nprint(steps)")
    expect(second["status"] == "ok" and stdout == "1\n", f"second cell: {second} {stdout!r}")
    run(client, "steps += 10")
    # Back to the state before the second cell (steps == 0), then the second and third again.
    reply, stdout, _ = run(client, f"%rerun-from {second['execution_count']}")
    expect(reply["status"] == "ok" and stdout == "1\n", f"%rerun-from replays from the state before: {reply} {stdout!r}")
    _, stdout, _ = run(client, "print(steps)")
    expect(stdout == "11\n", f"state after the replay: {stdout!r}")
    reply, _, messages = run(client, "%rerun-from 999")
    expect(reply["status"] == "error" and "In[999]" in reply["evalue"], f"unknown cell: {reply}")
    reply, _, _ = run(client, "%rerun-form 1")
    expect(reply["status"] == "error" and "unknown magic" in reply["evalue"], f"misspelt magic: {reply}")


SCENARIOS = {
    "crash": crash,
    "interrupt-message": lambda m, c: interrupt(m, c, by_signal=False),
    "interrupt-signal": lambda m, c: interrupt(m, c, by_signal=True),
    "stop-on-error": stop_on_error,
    "restart": restart,
    "complete": complete,
    "execution-count": execution_count,
    "rerun-from": rerun_from,
}

if __name__ == "__main__":
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=TIMEOUT)
    try:
        for name in sys.argv[1:]:
            SCENARIOS[name](manager, client)
            print("passed:", name)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
