# tui_cols.sh - the column chooser of the scan grid (issue 17, item 1) in the headless mode: f
# lists every attribute seen with its shown/hidden mark (keys marked), Space hides, J moves, p
# pins (a pinned column stays on the left when scrolling sideways), r resets; the choice is
# remembered per table in the state directory across runs, a damaged file there is ignored with
# a warning and rewritten; = fits the widths to the rows on screen.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S="$TEST_TMP"
COLS="$XDG_STATE_HOME/ddbtui/columns"

/usr/bin/python3 - <<'PY' || fail tui_cols_setup "boto3 could not create the table"
import boto3, os
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
ddb.create_table(TableName="tui-cols",
                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                            {"AttributeName": "sk", "KeyType": "RANGE"}],
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "sk", "AttributeType": "N"}],
                 BillingMode="PAY_PER_REQUEST")
ddb.get_waiter("table_exists").wait(TableName="tui-cols", WaiterConfig={"Delay": 0.1})
S = lambda s: {"S": s}
N = lambda n: {"N": n}
for i in range(1, 7):
    ddb.put_item(TableName="tui-cols", Item={
        "pk": S(f"row{i}"), "sk": N(str(i)), "name": S("name " + "x" * i),
        "color": S(["red", "green", "blue"][i % 3]),
        "long": S(("a much longer text than the others, " * 2 if i == 2 else "a long text ") + str(i)),
        "qty": N(str(i * 11)),
        **({"rare": S("only here")} if i == 2 else {})})
PY

# --- the chooser: hide, move, pin; scrolled sideways with a pinned column; = ---
export SIZE=80x24
if tui cols <<EOF; then
:scan tui-cols
:save-screen $S/grid.full
keys f
:save-screen $S/chooser.full
keys j j Space
:save-screen $S/hidden.full
keys j J
:save-screen $S/moved.full
keys j p
:save-screen $S/pinned.full
keys Esc l l l l
:save-screen $S/pinned_scrolled.full
keys h h h h / C-u
type green
keys Enter
:save-screen $S/before_fit.full
keys =
:save-screen $S/fit.full
EOF
	for s in chooser pinned pinned_scrolled fit; do
		golden $s cols_$s
	done
	check chooser_title screen_has chooser "Columns of tui-cols"
	check chooser_keys_marked screen_has chooser "\[x\] pk .* key pinned"
	check chooser_rare_listed screen_has chooser "\[x\] rare"
	check hide_marks screen_has hidden "\[ \] "
	check hide_bottom bottom_has hidden "hidden"
	check pin_bottom bottom_has pinned "pinned: it stays on the left"
	check fit_bottom bottom_has fit "column widths fit to the 2 rows on screen"
	# the long column was as wide as a row filtered out; fitted, color comes into view
	check fit_before_cut test "$(sed -n 2p "$S/before_fit.full" | grep -c color)" = 0
	check fit_narrows test "$(sed -n 2p "$S/fit.full" | grep -c 'long  *color')" = 1
	check cols_file_written test -s "$COLS"
	check cols_file_0600 test "$(stat -c %a "$COLS")" = 600
	check cols_file_json /usr/bin/python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))["tui-cols"]
assert any(e.get("hidden") for e in j), j
assert any(e.get("pinned") and e["name"] not in ("pk", "sk") for e in j), j' "$COLS"
fi

# --- remembered: a new run shows the chosen columns; r resets (the file forgets the table) ---
if tui again <<EOF; then
:scan tui-cols
:save-screen $S/again.full
keys f r
:save-screen $S/reset.full
keys Esc
:save-screen $S/reset_grid.full
EOF
	/usr/bin/python3 - "$S/grid.full" "$S/again.full" "$S/reset_grid.full" <<'PY' && pass remembered_and_reset || fail remembered_and_reset "see above"
import sys
hdr = lambda f: open(f, encoding="utf-8").read().split("\n")[1]
g, a, r = (hdr(f) for f in sys.argv[1:])
ok = True
if g == a: print("  the remembered columns were not applied:", a); ok = False
if r != g: print("  r did not reset:\n  ", g, "\n  ", r); ok = False
sys.exit(0 if ok else 1)
PY
	check reset_bottom bottom_has reset "columns reset"
	check reset_forgets /usr/bin/python3 -c '
import json, sys
assert "tui-cols" not in json.load(open(sys.argv[1]))' "$COLS"
fi

# --- a damaged file: ignored with a warning, the grid as automatic, rewritten on a choice ---
printf '{"tui-cols": [ {"name": 3}' >"$COLS"
if tui corrupt <<EOF; then
:scan tui-cols
:save-screen $S/corrupt.full
keys f Space Esc
:save-screen $S/corrupt_after.full
EOF
	golden corrupt cols_corrupt
	check corrupt_warns bottom_has corrupt "is damaged: the remembered columns are ignored"
	check corrupt_rewritten /usr/bin/python3 -c '
import json, sys
assert "tui-cols" in json.load(open(sys.argv[1]))' "$COLS"
fi

# --- the help overlay lists f and = in the grid ---
if tui help <<EOF2; then
:scan tui-cols
keys ?
:save-screen $S/help1.full
keys Space
:save-screen $S/help2.full
keys Space
:save-screen $S/help3.full
keys Space
:save-screen $S/help4.full
EOF2
	cat "$S"/help[1-4].full >"$S/help.full"
	check help_columns screen_has help "f +columns +Choose the"
	check help_fit screen_has help "= +fit-columns +Fit the col"
fi
