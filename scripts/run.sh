#!/bin/sh
# run.sh BIN [ENGINE] - `make run [ENGINE=moto]`: the local engine on 127.0.0.1:8000 (unless
# something already listens there), then the program; stops the engine it started. dynalite
# (the default) keeps its data in .local/dynalite; moto's server keeps it in memory, gone when
# the program ends.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$1
engine=${2:-dynalite}
pid=""
case "$engine" in
dynalite | moto) ;;
*)
	echo "run: ENGINE is dynalite or moto, not '$engine'" >&2
	exit 2
	;;
esac
if curl -s -o /dev/null http://127.0.0.1:8000/ 2>/dev/null; then
	echo "run: something already listens on 127.0.0.1:8000; using it"
elif [ "$engine" = moto ]; then
	pid=$("$root/scripts/moto.sh" 8000)
	echo "run: moto started on http://127.0.0.1:8000 (data in memory, gone when ddbtui ends)"
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
