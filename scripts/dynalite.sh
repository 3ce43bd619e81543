#!/bin/sh
# dynalite.sh PORT [DATA_DIR] - starts the pinned dynalite on 127.0.0.1:PORT in the background
# (in memory, or kept on disk in DATA_DIR), waits until it answers, prints its pid.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
port=$1
data=${2:-}
log=${DYNALITE_LOG:-/dev/null}
if [ -n "$data" ]; then
	mkdir -p "$data"
	node "$root/tools/npm/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" \
		--path "$data" --createTableMs 50 --deleteTableMs 50 </dev/null >"$log" 2>&1 &
else
	node "$root/tools/npm/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$port" \
		--createTableMs 50 --deleteTableMs 50 </dev/null >"$log" 2>&1 &
fi
pid=$!
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 $pid 2>/dev/null; then
		echo "dynalite did not start on port $port" >&2
		kill $pid 2>/dev/null || true
		exit 1
	fi
	sleep 0.1
done
echo $pid
