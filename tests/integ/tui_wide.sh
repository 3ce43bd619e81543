# tui_wide.sh - a wide terminal (issue 20, item 6): on 250 columns the grid's widest column
# follows the width (a third of the grid, not 40), and scrolling sideways keeps every key column
# pinned on the left: the partition and sort key of the table, and in a query on an index the
# index's keys as well.
# engines: dynalite moto
. tests/integ/lib.sh
S=$TEST_TMP
T=wide-t

/usr/bin/python3 - "$ENDPOINT" "$T" <<'PY'
import sys, time, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
t = sys.argv[2]
db.create_table(TableName=t, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": n, "AttributeType": k} for n, k in
                                      [("pk", "S"), ("sk", "N"), ("gk", "S"), ("gs", "N")]],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                           {"AttributeName": "sk", "KeyType": "RANGE"}],
                GlobalSecondaryIndexes=[{"IndexName": "by-gk", "Projection": {"ProjectionType": "ALL"},
                                         "KeySchema": [{"AttributeName": "gk", "KeyType": "HASH"},
                                                       {"AttributeName": "gs", "KeyType": "RANGE"}]}])
db.get_waiter("table_exists").wait(TableName=t, WaiterConfig={"Delay": 0.2})
for i in range(3):
    item = {"pk": {"S": "p%d" % i}, "sk": {"N": str(i)}, "gk": {"S": "G"}, "gs": {"N": str(10 + i)},
            "long": {"S": "x" * 100}}
    for a in range(12):  # more columns than fit: the grid scrolls sideways
        item["attr%02d" % a] = {"S": "%02d-" % a + "y" * 30}
    db.put_item(TableName=t, Item=item)
PY

# the widest column follows the terminal: 100 x's shown as 70 columns on 250, 40 on 100
SIZE=250x30 screen wide_scan <<EOF
:scan $T
EOF
check wide_cap_follows grep -qE 'x{65}' "$S/wide_scan.txt"
screen narrow_scan <<EOF
:scan $T
EOF
check narrow_cap_40 sh -c "grep -qE 'x{38}' '$S/narrow_scan.txt' && ! grep -qE 'x{40}' '$S/narrow_scan.txt'"

# the header line of the grid (the first that begins with pk), without the tables pane
export S
header() { main_pane <"$S/$1.txt" | grep -m1 -E '^ *pk '; }
export -f header main_pane
# scrolled all the way right: pk and sk stay first, the last attribute is shown
SIZE=250x30 screen wide_right <<EOF
:scan $T
keys l l l l l l l l l l l l l l l l
EOF
check scan_pins_both grep -qE '^ *pk +sk +' <(header wide_right)
check scan_scrolled bash -c "header wide_right | grep -q attr11 && ! header wide_right | grep -q attr00"

# a query on the GSI: its keys gk and gs stay pinned after pk and sk
SIZE=250x30 screen gsi_right <<EOF
keys Q k Right j Enter
type G
keys Enter R
until rows
keys 2 l l l l l l l l l l l l l l l l
EOF
check gsi_query_ran grep -q "index by-gk" "$S/gsi_right.txt"
check gsi_pins_index_keys grep -qE '^ *pk +sk +gk +gs +' <(header gsi_right)
check gsi_scrolled bash -c "header gsi_right | grep -q attr11 && ! header gsi_right | grep -q attr00"
