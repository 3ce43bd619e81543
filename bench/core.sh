#!/bin/sh
# core.sh - the client core's figures: SigV4 signatures per second, and GetItem requests per
# second through the queue against a dynalite on a free loopback port, at concurrency 1 and 8.
set -eu
cd "$(dirname "$0")/.."
port=$(scripts/freeport.sh)
pid=$(scripts/dynalite.sh "$port")
trap 'kill $pid 2>/dev/null' EXIT
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
e=http://127.0.0.1:$port
./ddbtui --endpoint-url "$e" schema-load >/dev/null 2>&1
aws --endpoint-url "$e" dynamodb put-item --table-name cruddur-messages \
	--item '{"pk":{"S":"bench"},"sk":{"S":"bench"},"message":{"S":"a message of about three hundred bytes"}}'
echo "SigV4: $(build/tests/test_sigv4 --bench 200000 | grep 'signatures/s')"
for c in 1 8; do
	build/bench/getitem "$e" cruddur-messages 5000 $c
done
