# tui_scan.sh - the scan, item and describe views in the headless mode: golden screens of a
# table of known items (a 38-digit number, accents, CJK, an emoji, a map, sets, a list, binary,
# NULL, a string with a newline), paging 200 rows at a time (--page-size), sort, filter, raw cells, the item in
# plain and DynamoDB JSON, DescribeTable, a missing and an empty table, a narrow terminal.
#
# Screens are compared with tests/golden/scan_*.txt by golden (lib.sh: without the status and
# bottom lines, DescribeTable's times and id masked); UPDATE_GOLDEN=1 rewrites them.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S="$TEST_TMP"
BIG38=12345678901234567890123456789012345678

/usr/bin/python3 - <<'PY' || fail tui_scan_setup "boto3 could not create the tables"
import boto3, os
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
def table(name, keys):
    ks = [{"AttributeName": keys[0][0], "KeyType": "HASH"}]
    ad = [{"AttributeName": keys[0][0], "AttributeType": keys[0][1]}]
    if len(keys) > 1:
        ks.append({"AttributeName": keys[1][0], "KeyType": "RANGE"})
        ad.append({"AttributeName": keys[1][0], "AttributeType": keys[1][1]})
    ddb.create_table(TableName=name, KeySchema=ks, AttributeDefinitions=ad,
                     BillingMode="PAY_PER_REQUEST")
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1})
table("tui-scan", [("pk", "S"), ("sk", "N")])
table("tui-pages", [("id", "S")])
table("tui-empty", [("id", "S")])
table("tui-wide", [("id", "S")])
S = lambda s: {"S": s}
N = lambda n: {"N": n}
items = [
    {"pk": S("alpha"), "sk": N("1"), "name": S("plain ascii"), "qty": N("42"),
     "big": N("12345678901234567890123456789012345678"), "tags": {"SS": ["red", "blue"]},
     "meta": {"M": {"color": S("green"), "n": N("-0.5")}}, "ok": {"BOOL": True}},
    {"pk": S("東京"), "sk": N("2"), "name": S("東京タワー"), "qty": N("7"), "note": S("wide ok"),
     "ok": {"BOOL": False}},
    {"pk": S("bravo"), "sk": N("10"), "name": S("héllo wörld 🎉"), "qty": N("-3.5"),
     "note": S("multi\nline\ttext"), "nothing": {"NULL": True}},
    {"pk": S("charlie"), "sk": N("-1.25E-3"),
     "name": S("a very long string that should be cut at forty columns because it is long"),
     "qty": N("1000"), "list": {"L": [N("1"), S("two"), {"BOOL": True}]}},
    {"pk": S("delta"), "sk": N("98765432109876543210987654321098765432"), "name": S("Zebra"),
     "qty": N("99.99"), "blob": {"B": b"\x00\x01binary\xff"}},
    {"pk": S("echo"), "sk": N("0"), "name": S("中文字符测试"), "qty": N("0.001"),
     "note": S("after cjk")},
    {"pk": S("alpha"), "sk": N("2"), "name": S("Alpha two"), "qty": N("42.0"),
     "nums": {"NS": ["3", "1", "2"]}},
    {"pk": S("foxtrot"), "sk": N("5"), "qty": N("5")},
]
for it in items:
    ddb.put_item(TableName="tui-scan", Item=it)
# more attribute names than columns: a01..a20 in both items come first, then a21.. up to the cap
ddb.put_item(TableName="tui-wide", Item={"id": S("w1"), **{f"a{i:02d}": N(str(i)) for i in range(1, 41)}})
ddb.put_item(TableName="tui-wide", Item={"id": S("w2"), **{f"a{i:02d}": S("é" * i) for i in range(1, 21)}})
reqs = [{"PutRequest": {"Item": {"id": S(f"p-{i:03d}"), "n": N(str(i))}}} for i in range(450)]
for i in range(0, len(reqs), 25):
    left = {"tui-pages": reqs[i:i + 25]}
    while left:
        left = ddb.batch_write_item(RequestItems=left).get("UnprocessedItems") or {}
PY

# --- the grid: columns, moving, sorting, scrolling, raw cells, filter, the item ---
if tui grid <<EOF; then
:scan tui-scan
:save-screen $S/grid.full
keys j j > > o
:save-screen $S/sort_qty.full
keys o
:save-screen $S/sort_qty_desc.full
keys < o
:save-screen $S/sort_sk.full
keys g l
:save-screen $S/hscroll.full
keys l l l l l l l l
:save-screen $S/hscroll_end.full
keys v
:save-screen $S/raw_cells.full
keys v h h h h h h h h h / C-u
type ALPHA
keys Enter
:save-screen $S/filter.full
keys / C-u
type nothing matches this
keys Enter
:save-screen $S/filter_none.full
keys / C-u
type $BIG38
keys Enter Enter
:save-screen $S/item_plain.full
keys v
:save-screen $S/item_raw.full
keys y
:save-screen $S/item_copy.full
keys Esc / C-u Enter g Enter l l l l l
:save-screen $S/item_long.full
EOF
	for s in grid sort_qty sort_qty_desc sort_sk hscroll hscroll_end raw_cells filter filter_none \
		item_plain item_raw item_long; do
		golden $s scan_$s
	done
	check item_plain_38_digits grep -q "\"big\": $BIG38,\$" "$S/item_plain.full"
	check item_raw_38_digits grep -q "\"big\": {\"N\": \"$BIG38\"}," "$S/item_raw.full"
	check item_title_keys grep -q "Item pk=alpha, sk=1 (plain JSON)" "$S/item_plain.full"
	check item_title_raw grep -q "Item pk=alpha, sk=1 (DynamoDB JSON)" "$S/item_raw.full"
	check filter_title grep -q "2 of 8 rows (all) filter: ALPHA" "$S/filter.full"
	# y copies exactly the JSON shown: the raw item's text as on the screen, newlines included
	want_bytes=$(sed -n '2,/^ *│ }$/p' "$S/item_raw.full" | sed -E 's/^.{0,25}│ //' | head -c -1 | wc -c)
	check item_copy_bytes grep -q "copied $want_bytes bytes" <(bottom item_copy)

	# wide characters take two columns: what follows a CJK cell starts where it does elsewhere
	/usr/bin/python3 - "$S/grid.full" "$S/hscroll.full" <<'PY' && pass grid_wide_aligned || fail grid_wide_aligned "see above"
import sys, unicodedata
def dcol(line, i):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i])
def row(lines, start):
    return next(l for l in lines if l.split("│", 1)[-1].startswith(" " + start))
ok = True
def same(what, a, b):
    global ok
    if a != b:
        print(f"  {what}: column {a} != {b}"); ok = False
grid = open(sys.argv[1], encoding="utf-8").read().split("\n")
hdr = grid[1]
for r, name in (("東京", "東京タワー"), ("echo", "中文字符测试"), ("bravo", "héllo wörld 🎉"),
                ("alpha", "plain ascii")):
    line = row(grid, r)
    same(f"name of {r}", dcol(line, line.index(name)), dcol(hdr, hdr.index(" name") + 1))
# numbers are right-aligned: the qty of the CJK row ends where the others' end
tk, al = row(grid, "東京"), row(grid, "alpha")
same("qty end", dcol(tk, tk.index(" 7 ") + 2), dcol(al, al.index(" 42 ") + 3))
hs = open(sys.argv[2], encoding="utf-8").read().split("\n")
hdr = hs[1]
for r, note in (("echo", "after cjk"), ("東京", "wide ok"), ("bravo", "multi↵line→text")):
    line = row(hs, r)
    same(f"note of {r}", dcol(line, line.index(note)), dcol(hdr, hdr.index(" note") + 1))
sys.exit(0 if ok else 1)
PY
fi

# --- pages of --page-size 200: 200 rows, then m for the next page, M for the rest; r starts
# over (the default pages, a small first one then 1 MB, are tui_paging.sh's) ---
if tui pages --page-size 200 <<EOF; then
:scan tui-pages
:save-screen $S/pages_first.full
keys m
:save-screen $S/pages_more.full
keys M G
:save-screen $S/pages_all.full
keys r
:save-screen $S/pages_reload.full
keys M
:save-screen $S/pages_load_all.full
EOF
	golden pages_first scan_pages_first
	golden pages_all scan_pages_all
	check pages_first_title grep -q "Scan tui-pages — 200 rows (more)" "$S/pages_first.full"
	check pages_first_hint grep -q "more: m loads the next page, M loads all" "$S/pages_first.full"
	check pages_more_title grep -q "Scan tui-pages — 400 rows (more)" "$S/pages_more.full"
	check pages_all_title grep -q "Scan tui-pages — 450 rows (all)" "$S/pages_all.full"
	check pages_all_no_hint test "$(grep -c "m loads the next page" "$S/pages_all.full")" = 0
	check pages_reload_title grep -q "Scan tui-pages — 200 rows (more)" "$S/pages_reload.full"
	check pages_load_all_title grep -q "Scan tui-pages — 450 rows (all)" "$S/pages_load_all.full"
fi

# --- the filter against an oracle: a needle matches a row when some cell's text as a value (S
# with control characters as spaces, N's digits, true/false/null, B's base64, M/L/sets as compact
# plain JSON) holds it, ASCII letters in any case. Rows are kept as text and a filter without
# JSON punctuation first looks in that text: each kind of value is tried here. ---
NEEDLES='null|TRUE|fals|1|GREEN|multi line|multi|é|WÖRLD|wörld|-0.5|color|two|red|{"color"|"green"|[3|AAFiaW5h|98765|e-3|1.25E-3|タワー|zzz'
{
	echo ":scan tui-scan"
	i=0
	printf '%s\n' "$NEEDLES" | tr '|' '\n' | while IFS= read -r n; do
		printf 'keys / C-u\ntype %s\nkeys Enter\n:save-screen %s/needle_%d.full\n' "$n" "$S" "$i"
		i=$((i + 1))
	done
} >"$S/needles.keys"
if tui needles <"$S/needles.keys"; then
	NEEDLES="$NEEDLES" /usr/bin/python3 - "$S" <<'PY' && pass filter_oracle || fail filter_oracle "see above"
import base64, boto3, json, os, re, sys
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
items = ddb.scan(TableName="tui-scan")["Items"]
def js(v):  # compact JSON as cJSON prints it; numbers as their text
    if isinstance(v, tuple): return v[1]
    if isinstance(v, str): return json.dumps(v, ensure_ascii=False)
    if v is True: return "true"
    if v is False: return "false"
    if v is None: return "null"
    if isinstance(v, list): return "[" + ",".join(js(x) for x in v) + "]"
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + js(x) for k, x in v.items()) + "}"
def plain(av):
    (t, v), = av.items()
    b64 = lambda b: base64.b64encode(b).decode()
    return {"S": lambda: v, "N": lambda: ("num", v), "B": lambda: b64(v), "BOOL": lambda: v,
            "NULL": lambda: None, "M": lambda: {k: plain(x) for k, x in v.items()},
            "L": lambda: [plain(x) for x in v], "SS": lambda: list(v),
            "NS": lambda: [("num", x) for x in v], "BS": lambda: [b64(x) for x in v]}[t]()
def cell(av):
    (t, v), = av.items()
    if t == "S":
        return "".join(" " if ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 else c for c in v)
    if t == "N": return v
    p = plain(av)
    return p if isinstance(p, str) else js(p)
low = lambda s: re.sub("[A-Z]", lambda m: m.group().lower(), s)
ok = True
for i, n in enumerate(os.environ["NEEDLES"].split("|")):
    want = sum(any(low(n) in low(cell(av)) for av in it.values()) for it in items)
    screen = open(f"{sys.argv[1]}/needle_{i}.full", encoding="utf-8").read()
    title = screen.split("\n")[0]
    m = re.search(r"(\d+) of 8 rows \(all\) filter: ", title)
    got = int(m.group(1)) if m else None
    if got != want:
        print(f"  needle {n!r}: {got} rows shown, the oracle says {want} ({title.strip()})")
        ok = False
sys.exit(0 if ok else 1)
PY
fi

# --- the filter goes through the rows in slices (here 7 rows each), a frame between two; a
# filter typed while every page is loading (here maybe before the first page) counts the rows
# that arrive too, and is over when they are ---
if DDBTUI_FILTER_SLICE_ROWS=7 tui slices <<EOF; then
pace 1
:scan tui-pages
keys M / C-u
type 9
keys Enter
pace 0
:save-screen $S/slices.full
keys / C-u
type P-1
keys Enter
:save-screen $S/slices2.full
keys G
:save-screen $S/slices3.full
EOF
	want=$(/usr/bin/python3 -c 'print(sum("9" in f"p-{i:03d}" or "9" in str(i) for i in range(450)))')
	check filter_slices_loading grep -q "Scan tui-pages — $want of 450 rows (all) filter: 9" "$S/slices.full"
	check filter_slices_over_at_the_end sh -c '! grep -q filtering "$1"' _ "$S/slices.full"
	check filter_slices grep -q "Scan tui-pages — 100 of 450 rows (all) filter: P-1" "$S/slices2.full"
	check filter_slices_said grep -q '100 of 450 rows match "P-1"' <(bottom slices2)
	# the end of the filtered rows: only ids of 100..199 shown, a screenful of them
	check filter_slices_end test "$(grep -oE "p-[0-9]{3}" "$S/slices3.full" | grep -c "^p-1")" -ge 20 \
		-a "$(grep -oE "p-[0-9]{3}" "$S/slices3.full" | grep -vc "^p-1")" = 0
fi

# --- describe, a missing table, an empty table, a narrow terminal ---
if tui other <<EOF; then
:describe tui-scan
:save-screen $S/describe.full
keys G
:save-screen $S/describe_end.full
keys y
:save-screen $S/describe_copy.full
:scan nope
:save-screen $S/missing.full
:scan tui-empty
:save-screen $S/empty.full
:describe nope
:save-screen $S/describe_missing.full
:scan tui-wide
:save-screen $S/wide.full
keys l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l
:save-screen $S/wide_end.full
:scan tui-scan
resize 60 20
:save-screen $S/narrow.full
keys j Enter
:save-screen $S/narrow_item.full
EOF
	for s in describe describe_end missing empty describe_missing wide wide_end narrow narrow_item; do
		golden $s scan_$s
	done
	check missing_error grep -q "scan nope: table not found (create it with :schema-load" <(bottom missing)
	check describe_missing_error grep -q "describe nope: table not found" <(bottom describe_missing)
	check wide_capped_at_30_columns grep -qE " a28 +a29\$" "$S/wide_end.full"
	check describe_copy grep -qE "copied [0-9]+ bytes" <(bottom describe_copy)
fi

# v after scrolling right in the inspector: the scroll is clamped to the new text, never a blank
# pane (issue 21 item 9). Maps nested 30 deep are much wider as DynamoDB JSON than as plain JSON.
new_table tui-deep
DEEP='{"S":"deep-value-0123456789"}'
for i in $(seq 1 30); do DEEP="{\"M\":{\"k$i\":$DEEP}}"; done
put tui-deep "{\"pk\":{\"S\":\"d\"},\"sk\":{\"N\":\"1\"},\"nest\":$DEEP}"
tui deep <<EOF
:scan tui-deep
keys Enter v
keys l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l l
:save-screen $S/deep_raw_right.full
keys v
:save-screen $S/deep_plain.full
EOF
# scrolled to the raw text's right end, that is past the end of every plain line: after v the
# plain text's deep lines still show (before the fix the pane was blank)
check deep_plain_not_blank bash -c "sed -n '2,22p' '$S/deep_plain.full' | grep -qE '│ *[^ ]'"
