# tui_rowcap.sh - the scan view keeps at most --max-rows rows: on a 450-row table with
# --max-rows 100 it stops at 100 (asking for no more), says so, and m/M load nothing more; the
# same with a parallel scan (--segments 3); without the cap every row comes.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S="$TEST_TMP"

/usr/bin/python3 - <<'PY' || fail rowcap_setup "boto3 could not create the table"
import boto3, os
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
ddb.create_table(TableName="rowcap", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                 AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                 BillingMode="PAY_PER_REQUEST")
ddb.get_waiter("table_exists").wait(TableName="rowcap", WaiterConfig={"Delay": 0.1})
reqs = [{"PutRequest": {"Item": {"id": {"S": f"r-{i:03d}"}, "n": {"N": str(i)}}}} for i in range(450)]
for i in range(0, len(reqs), 25):
    left = {"rowcap": reqs[i:i + 25]}
    while left:
        left = ddb.batch_write_item(RequestItems=left).get("UnprocessedItems") or {}
PY

# the key script of each run below
CAP=":scan rowcap
:save-screen $S/cap_first.full
keys M
:save-screen $S/cap_all.full
keys m
:save-screen $S/cap_more.full"
tui cap --max-rows 100 --verbose <<<"$CAP"
check rowcap_title grep -q "Scan rowcap — 100 rows (row cap)" "$S/cap_first.full"
check rowcap_message grep -q "row cap 100 reached (--max-rows)" "$S/cap_first.full"
check rowcap_stays_after_M grep -q "Scan rowcap — 100 rows (row cap)" "$S/cap_all.full"
check rowcap_footer grep -q "row cap 100 reached (--max-rows): the table has more" "$S/cap_all.full"
check rowcap_m_says_so grep -q "row cap 100 reached (--max-rows)" "$S/cap_more.full"

tui cap --max-rows 100 --segments 3 <<<"$CAP"
check rowcap_parallel_title grep -q "Scan rowcap — 100 rows (row cap)" "$S/cap_all.full"
check rowcap_parallel_message grep -q "row cap 100 reached (--max-rows)" "$S/cap_all.full"

tui cap --segments 3 <<<"$CAP"
check parallel_all_rows grep -q "Scan rowcap — 450 rows (all)" "$S/cap_first.full"
tui cap --max-rows 450 <<<"$CAP"
check cap_equal_to_table grep -q "Scan rowcap — 450 rows (all)" "$S/cap_all.full"

run $DDBTUI --endpoint-url "$ENDPOINT" --max-rows 0 --script "$S/cap.script"
expect rowcap_zero_refused 2 "--max-rows must be a number from 1 to 100000000"
