#!/usr/bin/env python3
"""creds_mfa.py DDBTUI STUB CODE - runs `ddbtui --profile mfa list-tables` on a pseudo-terminal
of its own (its controlling terminal), answers the MFA prompt with CODE, and prints what the
terminal showed (so the caller can check the prompt and that the code was not echoed) and the
exit status on the last line. DDBTUI is a command line (under valgrind, "valgrind ... ddbtui")."""
import os
import pty
import shlex
import sys
import time

ddbtui, stub, code = sys.argv[1:4]
cmd = shlex.split(ddbtui) + ["--endpoint-url", stub, "--profile", "mfa", "list-tables"]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen = b""
deadline = time.time() + 20 * float(os.environ.get("TEST_SLOW", "1"))
sent = False
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if not sent and b"MFA code" in seen:
        time.sleep(0.2)
        os.write(fd, code.encode() + b"\n")
        sent = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace"))
print("\nEXIT %d" % os.waitstatus_to_exitcode(status))
