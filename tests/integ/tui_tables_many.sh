# tui_tables_many.sh - an account with 161 tables (issue 20, item 5): ListTables pages to all of
# them, / filters the pane as it is typed ("10 of 161"), Esc clears it, ' jumps to a name, < and
# > change the pane's width and the width is remembered by the next run (the state directory);
# by default a wide terminal gives the pane a share of its width, not a fixed 26 columns.
# engines: dynalite moto
. tests/integ/lib.sh
S=$TEST_TMP
STATE=$XDG_STATE_HOME/ddbtui/ui-state

/usr/bin/python3 - "$ENDPOINT" <<'PY'
import sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
for name in ["t-%03d" % i for i in range(160)] + ["zeta-orders"]:
    db.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
PY

# the border's column (1-based) on the first body line of a saved screen
border_at() { /usr/bin/python3 -c "import sys; print(open(sys.argv[1]).read().split('\n')[1].index('│') + 1)" "$1"; }

screen many <<EOF
EOF
check many_all_pages grep -q "Tables (161)" "$S/many.txt"

# / filters as it is typed: the count is shown, Enter keeps the filter
screen filter <<EOF
keys /
type t-15
:save-screen $S/filter_typing.full
keys Enter
EOF
check filter_live grep -q "Tables (10 of 161)" "$S/filter_typing.full"
check filter_kept grep -q "Tables (10 of 161)" "$S/filter.txt"
check filter_rows sh -c "grep -q 't-159' '$S/filter.txt' && ! grep -q 't-149' '$S/filter.txt'"
golden filter tables_filter
screen filter_esc <<EOF
keys /
type ORDERS
keys Enter
:save-screen $S/filter_orders.full
keys Esc
EOF
check filter_any_case grep -q "Tables (1 of 161)" "$S/filter_orders.full"
check filter_esc_clears grep -q "Tables (161)" "$S/filter_esc.txt"
screen filter_none <<EOF
keys /
type nothing-like-it
keys Enter
EOF
check filter_none_says grep -q "No table name holds" "$S/filter_none.txt"

# ' jumps to the first name that starts with the text; s scans the table it landed on
screen jump <<EOF
keys '
type t-12
keys Enter s
EOF
check jump_lands grep -q "Scan t-120" "$S/jump.txt"
screen jump_esc <<EOF
keys j j '
type zeta
keys Esc s
EOF
check jump_esc_back grep -q "Scan t-002" "$S/jump_esc.txt"

# the default width: 26 columns up to 173 columns of terminal, a share of a wider one
check width_default_100 test "$(border_at "$S/many.full")" = 26
SIZE=250x30 screen wide <<EOF
EOF
check width_default_250 test "$(border_at "$S/wide.full")" = 37

# > twice: 8 columns wider, said, and the next run starts with it
screen wider <<EOF
keys > >
EOF
check width_keys test "$(border_at "$S/wider.full")" = 34
bottom_has wider "34 columns wide \(remembered\)"
screen restart <<EOF
EOF
check width_remembered test "$(border_at "$S/restart.full")" = 34
check width_state_file grep -q "^tables-width 34$" "$STATE"
# a key written meanwhile by another ddbtui stays when the width is written again
echo "other-key 7" >>"$STATE"
screen narrower <<EOF
keys <
EOF
check width_narrower test "$(border_at "$S/narrower.full")" = 30
check width_merge grep -q "^other-key 7$" "$STATE"
check width_state_mode test "$(stat -c %a "$STATE")" = 600
# however wide it was asked to be, the main pane keeps 40 columns
SIZE=70x20 screen narrow_term <<EOF
keys > > > > > > > > > >
EOF
check width_bounded test "$(border_at "$S/narrow_term.full")" -le 30
