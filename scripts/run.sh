#!/bin/sh
# run.sh BIN - `make run`: dynalite on 127.0.0.1:8000 with data kept in .local/dynalite (unless
# something already listens there), then the program; stops the dynalite it started.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$1
pid=""
if curl -s -o /dev/null http://127.0.0.1:8000/ 2>/dev/null; then
	echo "run: something already listens on 127.0.0.1:8000; using it"
else
	pid=$("$root/scripts/dynalite.sh" 8000 "$root/.local/dynalite")
	echo "run: dynalite started on http://127.0.0.1:8000 (data in .local/dynalite)"
fi
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM
status=0
"$bin" --endpoint-url http://127.0.0.1:8000 || status=$?
exit $status
