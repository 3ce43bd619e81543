# partiql.sh - partiql STATEMENT: items as JSON lines, ? parameters in DynamoDB JSON, paging,
# bad input, and the same items as the query builder for the same question; boto3 the oracle.
# dynalite has no PartiQL: partiql says so.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
T=pq-t

new_table $T
python3 - "$ENDPOINT" "$T" <<'PY'
import boto3, sys
d = boto3.resource("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1").Table(sys.argv[2])
with d.batch_writer() as w:
    for i in range(1, 31):
        w.put_item(Item={"pk": "a", "sk": i, "v": f"v{i}"})
    w.put_item(Item={"pk": "b", "sk": 1, "v": "other"})
PY

# bad input is refused before anything is sent, on either engine
run $DDBTUI partiql
expect partiql_needs_statement 2 'partiql needs a statement'
run $DDBTUI partiql '   '
expect partiql_empty 2 'the statement is empty'
run $DDBTUI partiql "SELECT * FROM \"$T\" WHERE pk = ?" --param '"a"'
expect partiql_param_not_ddb_json 2 '--param 1 is not a DynamoDB JSON value'
run $DDBTUI partiql "SELECT * FROM \"$T\" WHERE pk = ?" --param '{"N": "x"}'
expect partiql_param_bad_number 2 '--param 1 is not a DynamoDB JSON value'
run $DDBTUI partiql SELECT '*'
expect partiql_two_words 2 'one statement \(quote it\)'
run $DDBTUI partiql "SELECT * FROM \"$T\"" --limit 0
expect partiql_limit_zero 2 '--limit'

if [ "$TEST_ENGINE" != moto ]; then
	run $DDBTUI partiql "SELECT * FROM \"$T\""
	expect partiql_unsupported 1 'this endpoint \(http://127\.0\.0\.1:[0-9]+\) does not support ExecuteStatement'
	check partiql_unsupported_no_output test -z "$OUT"
	exit 0
fi

# moto 5.2's PartiQL is partial (docs/engines.md: BETWEEN, parameters in INSERT and UPDATE,
# UPDATE and DELETE on this table, syntax errors, parameter counts); what follows keeps to what it does as DynamoDB does
run $DDBTUI partiql "SELECT * FROM \"$T\" WHERE pk = ?" --param '{"S": "a"}'
expect partiql_select 0 '"v":"v4"'
check partiql_select_lines test "$(printf '%s\n' "$OUT" | grep -c '^{')" = 30
run $DDBTUI partiql "SELECT * FROM \"$T\" WHERE pk = ?" --param '{"S": "b"}' --raw
expect partiql_raw 0 '"v":\{"S":"other"\}'

# the query builder and PartiQL: the same items for the same question
$DDBTUI query $T --pk a --raw 2>/dev/null | sort >"$TEST_TMP/q.lines"
$DDBTUI partiql "SELECT * FROM \"$T\" WHERE pk = 'a'" --raw --all 2>/dev/null | sort >"$TEST_TMP/p.lines"
check partiql_equals_query sh -c '[ "$(wc -l <"$1/q.lines")" = 30 ] && cmp -s "$1/q.lines" "$1/p.lines"' _ "$TEST_TMP"

# writes, checked with boto3
run $DDBTUI partiql "INSERT INTO \"$T\" VALUE {'pk': 'c', 'sk': 7, 'v': 'inserted'}"
expect partiql_insert 0 ''
check partiql_insert_oracle test "$(attr $T '{"pk":{"S":"c"},"sk":{"N":"7"}}' v)" = '{"S":"inserted"}'
run $DDBTUI --read-only partiql "DELETE FROM \"$T\" WHERE pk = 'c' AND sk = 7"
expect partiql_read_only 1 'read-only'
check partiql_read_only_kept exists $T '{"pk":{"S":"c"},"sk":{"N":"7"}}' v

# --limit stops after N items
run $DDBTUI partiql "SELECT * FROM \"$T\" WHERE pk = 'a'" --limit 4
expect partiql_limit 0 '"v"'
check partiql_limit_lines test "$(printf '%s\n' "$OUT" | grep -c '^{')" = 4
