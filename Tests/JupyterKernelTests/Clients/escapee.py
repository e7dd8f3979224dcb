"""Runs one cell (read from CELL_FILE) that starts a process which escapes the kernel's session,
then ends the kernel as ENDING says: `shutdown` (shutdown_request), `restart` (restart_kernel)
or `sigkill` (the kernel process is killed with SIGKILL). The caller then checks that the
escaped process is gone.

With ENDING `interrupt`, the cell starts a background process holding $ESCAPEE_MARKER as an
argument (not on this script's command line, which would match itself), creates FLAG_FILE and
loops: the script interrupts it once FLAG_FILE exists and checks itself, while the kernel still
runs, that the background process went with the interrupted cell.

Usage: escapee.py CELL_FILE ENDING [FLAG_FILE]
"""
import os
import signal
import sys
import time

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


def processes_with_argument(marker):
    """Live processes whose command line holds `marker` as an argument."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as file:
                arguments = file.read().split(b"\0")
            with open(f"/proc/{entry}/stat", "rb") as file:
                state = file.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in arguments and state != b"Z":
            found.append(int(entry))
    return found


def interrupt(client, code, flag_file):
    marker = os.environ["ESCAPEE_MARKER"]
    msg_id = client.execute(code)
    deadline = time.time() + TIMEOUT
    while not os.path.exists(flag_file) and time.time() < deadline:
        time.sleep(0.05)
    if not processes_with_argument(marker):
        print("FAILED: the background process never ran")
        return 1
    client.control_channel.send(client.session.msg("interrupt_request", {}))
    reply = client.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=TIMEOUT)
    if reply["content"].get("ename") != "Interrupted":
        print("FAILED: not interrupted:", reply["content"])
        return 1
    deadline = time.time() + 5
    while processes_with_argument(marker) and time.time() < deadline:
        time.sleep(0.05)
    left = processes_with_argument(marker)
    if left:
        print("FAILED: the interrupted cell's background process is still running:", left)
        return 1
    print("ended: interrupt")
    return 0


def main(cell_file, ending, *rest):
    with open(cell_file, encoding="utf-8") as file:
        code = file.read()
    manager, client = start_new_kernel(kernel_name="swift", startup_timeout=TIMEOUT)
    try:
        if ending == "interrupt":
            return interrupt(client, code, *rest)
        msg_id = client.execute(code)
        reply = client.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = client.get_shell_msg(timeout=TIMEOUT)
        if reply["content"]["status"] != "ok":
            print("FAILED: the cell did not run:", reply["content"])
            return 1
        print("escaped")
        if ending == "sigkill":
            os.kill(manager.provisioner.process.pid, signal.SIGKILL)
            manager.provisioner.process.wait()
        elif ending == "restart":
            manager.restart_kernel(now=False)
            client.wait_for_ready(timeout=TIMEOUT)
        elif ending != "shutdown":
            print("FAILED: unknown ending", ending)
            return 1
        print("ended:", ending)
        return 0
    finally:
        client.stop_channels()
        if manager.is_alive():
            manager.shutdown_kernel(now=False)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
