#!/bin/sh
# moto.sh PORT - starts moto's server on 127.0.0.1:PORT in the background (data in memory),
# waits until it answers, prints its pid. The Python is scripts/moto-python.sh's.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
port=$1
log=${MOTO_LOG:-/dev/null}
py=$("$root/scripts/moto-python.sh")
"$py" -m moto.server -H 127.0.0.1 -p "$port" </dev/null >"$log" 2>&1 &
pid=$!
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 150 ] || ! kill -0 $pid 2>/dev/null; then
		echo "moto did not start on port $port" >&2
		kill $pid 2>/dev/null || true
		exit 1
	fi
	sleep 0.1
done
echo $pid
