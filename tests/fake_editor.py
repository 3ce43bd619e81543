#!/usr/bin/python3
"""fake_editor.py - the scripted editor of the editing tests ($EDITOR, set by fake_editor in
tests/integ/lib.sh; in tests/, not tests/integ/, so that tests/run.sh does not run it as a test).

Run N (counted in $FAKE_DIR/count) saves what it sees in $FAKE_DIR/seen.N, its arguments in
argv.N and the file's name in path.N, then runs $FAKE_DIR/step.N (python, with the file's text in
`text`) if there is one, and saves what it leaves in the file in out.N (a step that calls sys.exit
leaves the file as it was: an editor quit with an error, like vim's :cq).
"""
import os, subprocess, sys
path = sys.argv[-1]
d = os.environ["FAKE_DIR"]
cf = os.path.join(d, "count")
n = int(open(cf).read()) + 1 if os.path.exists(cf) else 1
open(cf, "w").write(str(n))
text = open(path, encoding="utf-8").read()
open(os.path.join(d, f"seen.{n}"), "w", encoding="utf-8").write(text)
open(os.path.join(d, f"argv.{n}"), "w").write("\n".join(sys.argv[1:]) + "\n")
open(os.path.join(d, f"path.{n}"), "w").write(path)
step = os.path.join(d, f"step.{n}")
if os.path.exists(step):
    env = {"text": text, "subprocess": subprocess, "os": os, "sys": sys}
    exec(open(step).read(), env)
    text = env["text"]
open(path, "w", encoding="utf-8").write(text)
open(os.path.join(d, f"out.{n}"), "w", encoding="utf-8").write(text)
