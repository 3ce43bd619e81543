# tui_forms.sh - the query builder, the create-table form, :export and :import in headless mode
# against dynalite: a query through the form finds the same items as `ddbtui query` and the AWS
# CLI with the same conditions (on the table and on a GSI, with a filter, descending, as a Scan
# when no key is given, counted), the expression shown is all #names and :values and injection
# attempts stay names and values; a table with a GSI and an LSI made through the form reads back
# from `aws dynamodb describe-table` as it was filled in, and C then Enter creates the model's
# table; an export through :export imported again with :import equals the table, the file is 0600
# and replaced whole; read-only mode refuses Create and :import. Screens are compared with
# tests/golden/form_*.txt (UPDATE_GOLDEN=1 rewrites them).
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
T=cruddur-messages
G=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
MSG="MSG#$G"
# relative file names in the UI (the screens do not show the temporary directory)
cd "$TEST_TMP" || exit 1

# same NAME A B : the two files hold the same lines
same() {
	if [ ! -s "$2" ] && [ ! -s "$3" ]; then
		fail "$1" "both empty"
	elif cmp -s "$2" "$3"; then
		pass "$1 ($(wc -l <"$2") lines)"
	else
		fail "$1" "$(diff "$2" "$3" | head -6)"
	fi
}

# The sort keys of JSON lines (ddbtui query --raw) / of an AWS CLI answer, in order.
sks_lines() { /usr/bin/python3 -c 'import json,sys; [print(json.loads(l)["sk"]["S"]) for l in sys.stdin if l.strip()]'; }
sks_aws() { /usr/bin/python3 -c 'import json,sys; [print(i["sk"]["S"]) for i in json.load(sys.stdin)["Items"]]'; }
# The sort keys shown in a grid screen, top to bottom (the cells are cut after the seconds).
sks_screen() { grep -oE '2026-11-20T[0-9]{2}:[0-9]{2}:[0-9]{2}' "$TEST_TMP/$1.txt"; }
short() { sed -E 's/^(2026-11-20T[0-9:]{8}).*/\1/'; }
count_aws() { /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["Count"])'; }
items_sorted() { /usr/bin/python3 -c 'import json,sys; [print(json.dumps(i, sort_keys=True)) for i in sorted(json.load(sys.stdin)["Items"], key=lambda i: json.dumps(i, sort_keys=True))]'; }

$DDBTUI schema-load >/dev/null 2>&1
run $DDBTUI seed --count 300 --start 2026-11-20T10:00:00+00:00
expect forms_seed 0 "seeded 300 messages"

# --- the query builder: Q on the selected table, the form filled in, the expression live ---
# rows: Table or index, Partition key, Sort key (+ values), filters, + Add a filter, Projection,
# Order, Consistent read, Count only, Run. Q puts the cursor on the partition key.
QUERY_FORM="keys Q Enter
type $MSG
keys Enter j Right Right Right Right Right Right j Enter
type 2026-11-20T11:00
keys Enter j Enter
type 2026-11-20T11:20
keys Enter a
type user_handle
keys Enter j j Enter
type bayko
keys Enter"
screen form_query <<EOF
$QUERY_FORM
EOF
golden form_query
check query_expr_key grep -qE 'key +#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2' form_query.txt
check query_expr_filter grep -qE 'filter +#n2 = :v3' form_query.txt
check query_expr_names grep -q '{"#n0":"pk","#n1":"sk","#n2":"user_handle"}' form_query.txt
check query_expr_readable grep -q 'user_handle = "bayko"' form_query.txt

screen form_query_results <<EOF
$QUERY_FORM
keys R
EOF
golden form_query_results
check query_results_title grep -q "Query cruddur-messages — 10 rows (all)" form_query_results.txt
# Q from the results goes back to the form as it was filled in
screen form_query_back <<EOF
$QUERY_FORM
keys R Q
EOF
check query_back_to_form grep -q "│    value           bayko" form_query_back.txt
sks_screen form_query_results >ui.sk
$DDBTUI query --raw --pk "$MSG" --sk 'between 2026-11-20T11:00 and 2026-11-20T11:20' \
	--filter 'user_handle = bayko' | sks_lines | short >cli.sk
awsl dynamodb query --table-name $T \
	--key-condition-expression 'pk = :p AND sk BETWEEN :a AND :b' --filter-expression 'user_handle = :u' \
	--expression-attribute-values "{\":p\":{\"S\":\"$MSG\"},\":a\":{\"S\":\"2026-11-20T11:00\"},\":b\":{\"S\":\"2026-11-20T11:20\"},\":u\":{\"S\":\"bayko\"}}" \
	| sks_aws | short >aws.sk
same query_form_equals_cli ui.sk cli.sk
same query_form_equals_aws ui.sk aws.sk

# --- a GSI chosen from DescribeTable's list (its items are the two group rows) ---
screen form_query_gsi <<EOF
keys Q k Right j Enter
type $G
keys Enter j Left j Enter
type 2026-11-20T14
keys Enter R
EOF
check query_gsi_title grep -q "Query cruddur-messages — 2 rows (all)" form_query_gsi.txt
check query_gsi_header grep -q "│ index message-group-sk-index: message_group_uuid" form_query_gsi.txt
sks_screen form_query_gsi >ui.sk
$DDBTUI query --raw --index message-group-sk-index --pk "$G" --sk 'begins_with 2026-11-20T14' \
	| sks_lines | short >cli.sk
awsl dynamodb query --table-name $T --index-name message-group-sk-index \
	--key-condition-expression 'message_group_uuid = :g AND begins_with(sk, :s)' \
	--expression-attribute-values "{\":g\":{\"S\":\"$G\"},\":s\":{\"S\":\"2026-11-20T14\"}}" \
	| sks_aws | short >aws.sk
same query_gsi_equals_cli ui.sk cli.sk
same query_gsi_equals_aws ui.sk aws.sk

# --- descending, with a projection ---
screen form_query_desc <<EOF
keys Q Enter
type $MSG
keys Enter j Left j Enter
type 2026-11-20T14:5
keys Enter j j Enter
type sk, user_handle
keys Enter j Right j j j R
EOF
check query_desc_title grep -q "Query cruddur-messages — 10 rows (all)" form_query_desc.txt
check query_desc_columns grep -qE "│ pk +sk +user_handle *$" form_query_desc.txt
sks_screen form_query_desc >ui.sk
$DDBTUI query --raw --pk "$MSG" --sk 'begins_with 2026-11-20T14:5' --project 'sk, user_handle' \
	--desc | sks_lines | short >cli.sk
awsl dynamodb query --table-name $T --no-scan-index-forward --projection-expression 'sk, user_handle' \
	--key-condition-expression 'pk = :p AND begins_with(sk, :s)' \
	--expression-attribute-values "{\":p\":{\"S\":\"$MSG\"},\":s\":{\"S\":\"2026-11-20T14:5\"}}" \
	| sks_aws | short >aws.sk
same query_desc_equals_cli ui.sk cli.sk
same query_desc_equals_aws ui.sk aws.sk
check query_desc_descending test "$(head -1 ui.sk)" = 2026-11-20T14:59:00

# --- no partition key: a Scan, and the form says so; count only ---
screen form_count <<EOF
keys Q a
type user_handle
keys Enter j j Enter
type bayko
keys Enter G k Enter R
EOF
golden form_count
check count_scan_said grep -q "Scan on cruddur-messages: no partition key value, every item is read" form_count.txt
check count_scan_message bottom_has form_count 'Count: '
n_ui=$(grep -oE 'Count: [0-9]+ matching' form_count.txt | grep -oE '[0-9]+')
n_cli=$($DDBTUI query --count --filter 'user_handle = bayko' 2>/dev/null)
n_aws=$(awsl dynamodb scan --table-name $T --select COUNT --filter-expression 'user_handle = :u' \
	--expression-attribute-values '{":u":{"S":"bayko"}}' | count_aws)
check count_equals_cli test -n "$n_ui" -a "$n_ui" = "$n_cli"
check count_equals_aws test -n "$n_ui" -a "$n_ui" = "$n_aws"
check count_some test "${n_ui:-0}" -gt 100

screen form_scan_grid <<EOF
keys Q a
type user_handle
keys Enter j j Enter
type bayko
keys Enter R
EOF
check scan_grid_title grep -q "^ *Tables.*│ Scan cruddur-messages — " form_scan_grid.txt
check scan_grid_message bottom_has form_scan_grid 'no partition key value: scanning every item of cruddur-messages'

# --- injection attempts stay a value and a name ---
screen form_inject_value <<EOF
keys Q Enter
type $MSG
keys Enter a
type message
keys Enter j j Enter
type x" OR "a"="a
keys Enter G k Enter R
EOF
check inject_value_counts_zero grep -q "Count: 0 matching items (300 read)" form_inject_value.txt
check inject_value_is_a_value grep -q '":v1":{"S":"x\\" OR \\"a\\"=\\"a"}' form_inject_value.txt
check inject_value_expr grep -qE 'filter +#n1 = :v1' form_inject_value.txt
run $DDBTUI query --count --pk "$MSG" --filter 'message = x" OR "a"="a'
expect inject_value_cli_zero 0 '^0$'

screen form_inject_name <<EOF
keys Q Enter
type $MSG
keys Enter a
type sk) OR (attribute_exists(pk)
keys Enter j Left Left Left
keys G k Enter R
EOF
check inject_name_counts_zero grep -q "Count: 0 matching items (300 read)" form_inject_name.txt
check inject_name_is_a_name grep -q '"#n1":"sk) OR (attribute_exists(pk)"' form_inject_name.txt
check inject_name_expr grep -qE 'filter +attribute_exists\(#n1\)' form_inject_name.txt
run $DDBTUI query --count --pk "$MSG" --filter '"sk) OR (attribute_exists(pk)" attribute_exists'
expect inject_name_cli_zero 0 '^0$'

screen form_inject_key <<EOF
keys Q Enter
type MSG#x" OR pk <> "y
keys Enter G k Enter R
EOF
check inject_key_counts_zero grep -q "Count: 0 matching items (0 read)" form_inject_key.txt

# --- the create-table form: C opens it filled in with the model's table, cursor on Create ---
screen form_create <<EOF
keys C
EOF
golden form_create

# a table of our own: keys, on-demand billing, the GSI changed, an LSI added
# rows: Table name, Partition key, Sort key, Billing mode (+ capacity), GSI 1: name, partition
# key, sort key, projection (+ attributes), + Add a GSI, + Add an LSI, Create
screen form_create_custom <<EOF
keys C g Enter C-u
type forms-orders
keys Enter j Enter C-u
type customer
keys Enter j Enter C-u
type order_id
keys Enter Right j Enter j Enter C-u
type by-status
keys Enter j Enter C-u
type status
keys Enter j Enter C-u
type created
keys Enter Right j Right Right j Enter
type amount, currency
keys Enter j j a
type by-total
keys Enter j Enter
type total
keys Enter Right j Right
EOF
golden form_create_custom

screen form_create_done <<EOF
keys C g Enter C-u
type forms-orders
keys Enter j Enter C-u
type customer
keys Enter j Enter C-u
type order_id
keys Enter Right j Enter j Enter C-u
type by-status
keys Enter j Enter C-u
type status
keys Enter j Enter C-u
type created
keys Enter Right j Right Right j Enter
type amount, currency
keys Enter j j a
type by-total
keys Enter j Enter
type total
keys Enter Right j Right R
EOF
check create_steps grep -q "sent → CREATING → ACTIVE: created" form_create_done.txt
check create_tables_pane grep -q "^ forms-orders " form_create_done.txt
awsl dynamodb describe-table --table-name forms-orders >desc.json
cat >check_desc.py <<'PY'
import json, sys
t = json.load(open("desc.json"))["Table"]
defs = {d["AttributeName"]: d["AttributeType"] for d in t["AttributeDefinitions"]}
ks = lambda l: [(k["AttributeName"], k["KeyType"]) for k in l]
want_defs = {"customer": "S", "order_id": "N", "status": "S", "created": "N", "total": "N"}
assert defs == want_defs, defs
assert ks(t["KeySchema"]) == [("customer", "HASH"), ("order_id", "RANGE")], t["KeySchema"]
assert t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST", t.get("BillingModeSummary")
g = t["GlobalSecondaryIndexes"]
assert len(g) == 1 and g[0]["IndexName"] == "by-status", g
assert ks(g[0]["KeySchema"]) == [("status", "HASH"), ("created", "RANGE")], g
assert g[0]["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["amount", "currency"]}, g
l = t["LocalSecondaryIndexes"]
assert len(l) == 1 and l[0]["IndexName"] == "by-total", l
assert ks(l[0]["KeySchema"]) == [("customer", "HASH"), ("total", "RANGE")], l
assert l[0]["Projection"]["ProjectionType"] == "KEYS_ONLY", l
print("ok")
PY
if msg=$(/usr/bin/python3 check_desc.py 2>&1); then pass create_describe_table; else fail create_describe_table "$msg"; fi

screen form_create_exists <<EOF
keys C Enter
EOF
check create_exists_refused bottom_has form_create_exists 'table cruddur-messages already exists; nothing changed'

# --- :export and :import ---
# :export takes the table of the scan in view; the file is written whole (0600) or not at all
echo "old contents" >exp.jsonl
chmod 644 exp.jsonl
screen form_export <<EOF
:scan $T
:export exp.jsonl
EOF
golden form_export
check export_message bottom_has form_export 'exported 302 items of cruddur-messages to exp.jsonl (ddb)'
check export_mode_0600 test "$(stat -c %a exp.jsonl)" = 600
check export_lines test "$(wc -l <exp.jsonl)" = 302
check export_no_temp_left test -z "$(ls -A | grep '^\.exp\.jsonl\.')"
$DDBTUI export $T >cli_export.jsonl 2>/dev/null
sort exp.jsonl >a.sorted
sort cli_export.jsonl >b.sorted
same export_equals_cli a.sorted b.sorted

screen form_export_json <<EOF
:export exp.json json
:export exp.csv
EOF
$DDBTUI export $T --format json >cli.json 2>/dev/null
$DDBTUI export $T --format csv >cli.csv 2>/dev/null
sort exp.json >a.sorted
sort cli.json >b.sorted
same export_json_equals_cli a.sorted b.sorted
same export_csv_equals_cli exp.csv cli.csv

screen form_export_bad_dir <<EOF
:export no/such/dir/x.jsonl
EOF
check export_bad_dir_error bottom_has form_export_bad_dir 'export: cannot write next to no/such/dir/x.jsonl'
check export_bad_dir_nothing test ! -e no/such/dir/x.jsonl

# :import into the selected table (tables: cruddur-messages, forms-copy, forms-orders)
$DDBTUI create-table forms-copy --pk pk:S --sk sk:S >/dev/null 2>&1
screen form_import_plain <<EOF
$(down_to forms-copy)
:import exp.jsonl
EOF
check import_message bottom_has form_import_plain 'imported 302 items into forms-copy, rejected 0'
awsl dynamodb scan --table-name $T | items_sorted >a.items
awsl dynamodb scan --table-name forms-copy | items_sorted >b.items
same import_equals_scan a.items b.items

# rejected lines are counted and the first ones shown; the good ones still go in
cp exp.jsonl bad.jsonl
printf '{"Item":{"sk":{"S":"no partition key"}}}\nnot json\n\n{"Item":{"pk":{"S":""},"sk":{"S":"y"}}}\n{"Item":{"pk":{"S":"NEW"},"sk":{"S":"z"},"n":{"N":"1"}}}\n' >>bad.jsonl
screen form_import <<EOF
$(down_to forms-copy)
:import bad.jsonl
EOF
golden form_import
check import_rejects_counted bottom_has form_import 'imported 303 items into forms-copy, rejected 3'
check import_reject_line grep -q "line 306: pk is the partition key and may not be empty" form_import.txt
awsl dynamodb get-item --table-name forms-copy --key '{"pk":{"S":"NEW"},"sk":{"S":"z"}}' >new.json
check import_new_item grep -q '"N": "1"' new.json

# a long run of lines that are no items is read a part at a time (the loop keeps its turn)
{
	for i in $(seq 1 4500); do echo "bad line $i"; done
	echo '{"Item":{"pk":{"S":"AFTER"},"sk":{"S":"many bad lines"}}}'
} >many_bad.jsonl
screen form_import_many_bad <<EOF
$(down_to forms-copy)
:import many_bad.jsonl
EOF
check import_many_bad bottom_has form_import_many_bad 'imported 1 item into forms-copy, rejected 4500'
check import_many_bad_first grep -q "Rejected (the first 8 of 4500):" form_import_many_bad.txt

# --- read-only: Create and :import refused, nothing written ---
before_tables=$(awsl dynamodb list-tables | tr -d ' \n')
before_count=$(awsl dynamodb scan --table-name forms-copy --select COUNT | count_aws)
screen form_create_readonly --read-only <<EOF
keys C Enter
EOF
golden form_create_readonly
check readonly_create_refused bottom_has form_create_readonly 'read-only mode: create table is unavailable'
screen form_create_readonly_r --read-only <<EOF
keys C g Enter C-u
type forms-readonly
keys Enter R
EOF
check readonly_create_r_refused bottom_has form_create_readonly_r 'read-only mode: create table is unavailable'
screen form_import_readonly --read-only <<EOF
$(down_to forms-copy)
:import bad.jsonl
EOF
check readonly_import_refused bottom_has form_import_readonly 'read-only mode: import is unavailable'
check readonly_no_table test "$(awsl dynamodb list-tables | tr -d ' \n')" = "$before_tables"
check readonly_no_items test "$(awsl dynamodb scan --table-name forms-copy --select COUNT | count_aws)" = "$before_count"
# queries and exports still work read-only
screen form_readonly_query --read-only <<EOF
keys Q G k Enter R
EOF
check readonly_query_counts grep -q "Count: 302 matching items" form_readonly_query.txt
screen form_readonly_export --read-only <<EOF
:export ro.jsonl
EOF
check readonly_export_works test "$(wc -l <ro.jsonl)" = 302

# --- C then Enter creates the model's table (after it is dropped) ---
$DDBTUI drop $T --yes >/dev/null 2>&1
screen form_create_model <<EOF
keys C Enter
EOF
check model_created grep -q "sent → CREATING → ACTIVE: created" form_create_model.txt
awsl dynamodb describe-table --table-name $T >desc.json
cat >check_model.py <<'PY'
import json
t = json.load(open("desc.json"))["Table"]
ks = lambda l: [(k["AttributeName"], k["KeyType"]) for k in l]
assert ks(t["KeySchema"]) == [("pk", "HASH"), ("sk", "RANGE")], t["KeySchema"]
g = t["GlobalSecondaryIndexes"]
assert [x["IndexName"] for x in g] == ["message-group-sk-index"], g
assert ks(g[0]["KeySchema"]) == [("message_group_uuid", "HASH"), ("sk", "RANGE")], g
assert g[0]["Projection"]["ProjectionType"] == "ALL", g
pt = t["ProvisionedThroughput"]
assert (pt["ReadCapacityUnits"], pt["WriteCapacityUnits"]) == (5, 5), pt
print("ok")
PY
if msg=$(/usr/bin/python3 check_model.py 2>&1); then pass model_describe_table; else fail model_describe_table "$msg"; fi
check model_created_without_stream test "$(awsl dynamodb describe-table --table-name $T --query 'Table.StreamSpecification.StreamEnabled' --output text)" != True

# --- the Stream row (above Create): a table of the model's shape with a NEW_IMAGE stream ---
screen form_create_stream <<EOF
keys C g Enter C-u
type forms-streamed
keys Enter G k Right
EOF
check create_stream_row grep -q "Stream  *NEW_IMAGE  each record has the item as written" form_create_stream.txt
if [ "$TEST_ENGINE" = moto ]; then
	screen form_create_stream_sent <<EOF
keys C g Enter C-u
type forms-streamed
keys Enter G k Right R
EOF
	check create_stream_created grep -q "sent → CREATING → ACTIVE: created" form_create_stream_sent.txt
	check create_stream_oracle test "$(awsl dynamodb describe-table --table-name forms-streamed --query 'Table.StreamSpecification' --output json | tr -d ' \n')" = '{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}'
fi
