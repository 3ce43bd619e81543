# io.sh - `ddbtui export` and `ddbtui import` against dynalite: export in each format, import
# into a new table, compare the two tables' scans (sorted JSON lines, sets sorted); the ddb format
# and `aws dynamodb scan` documents are lossless (38-digit numbers, binary, sets), json is
# lossless but for binary and sets (which become strings and lists, as docs/plain-json.md says),
# csv is checked cell by cell. Malformed lines are reported by number and the rest imported.
# Export and import memory stays flat on a 20,000-item table; read-only mode writes nothing.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
SRC=io-src
BIG38=12345678901234567890123456789012345678

make_table() { $DDBTUI create-table "$1" --pk pk:S --sk sk:N --gsi 'by-g:g:S' >/dev/null 2>"$TEST_TMP/create.err" ||
	fail "create_$1" "$(cat "$TEST_TMP/create.err")"; }

make_table $SRC
/usr/bin/python3 - "$SRC" <<'PY' || fail io_setup "boto3 could not write the items"
import boto3, os, sys
t = sys.argv[1]
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
items = [
    {"pk": {"S": "every-type"}, "sk": {"N": "1"}, "g": {"S": "g1"},
     "s": {"S": "héllo wörld · 東京 · 🎉"}, "empty_s": {"S": ""},
     "big": {"N": "12345678901234567890123456789012345678"},
     "neg_big": {"N": "-98765432109876543210987654321098765432"},
     "tiny": {"N": "-2.5E-120"}, "frac": {"N": "3.14159265358979323846264338327950288"},
     "b": {"B": bytes([0, 1, 2, 253, 254, 255])},
     "ss": {"SS": ["b", "a", "ünïcode"]}, "ns": {"NS": ["1", "-2.5", "12345678901234567890123456789012345678"]},
     "bs": {"BS": [b"\x00", b"\xff\xfe"]}, "t": {"BOOL": True}, "f": {"BOOL": False}, "nul": {"NULL": True},
     "m": {"M": {"inner": {"S": "x"}, "deep": {"M": {"l": {"L": [{"N": "1"}, {"S": "two"}, {"B": b"\x10"}]}}},
                 "set": {"SS": ["z", "y"]}}},
     "l": {"L": [{"S": "a"}, {"N": "-0.000001"}, {"NULL": True}, {"L": []}, {"M": {}}, {"NS": ["7", "8"]}]},
     "csv_hostile": {"S": "comma, \"quotes\" and\nnew line\r\nand CRLF"}},
    {"pk": {"S": "Ünïcödé-ключ-🔑"}, "sk": {"N": "-1.25E-3"}, "v": {"S": "unicode key"}},
    {"pk": {"S": "big-key"}, "sk": {"N": "12345678901234567890123456789012345678"}, "bin_only": {"B": b"abc"}},
    {"pk": {"S": "keys-only"}, "sk": {"N": "0"}},
]
for i in range(40):
    items.append({"pk": {"S": f"plain-{i:02d}"}, "sk": {"N": str(i)}, "g": {"S": f"g{i % 3}"},
                  "n": {"N": f"{i}.{i:030d}"}, "text": {"S": f"item, number {i}"},
                  "nested": {"M": {"a": {"L": [{"N": str(i)}, {"S": "x"}]}}}})
for it in items:
    ddb.put_item(TableName=t, Item=it)
PY

# norm.py MODE AWS_SCAN_JSON : the items as sorted JSON lines, set members sorted. MODE json:
# first as an import of the json format sees them (B -> S, SS/BS -> L of S, NS -> L of N).
cat >"$TEST_TMP/norm.py" <<'PY'
import json, sys
mode, path = sys.argv[1], sys.argv[2]
def lossy(av):
    (t, v), = av.items()
    if t == "B": return {"S": v}
    if t in ("SS", "BS"): return {"L": [{"S": x} for x in v]}
    if t == "NS": return {"L": [{"N": x} for x in v]}
    if t == "M": return {"M": {k: lossy(x) for k, x in v.items()}}
    if t == "L": return {"L": [lossy(x) for x in v]}
    return av
def norm(av):
    (t, v), = av.items()
    if t in ("SS", "NS", "BS"): return {t: sorted(v)}
    if t == "M": return {"M": {k: norm(x) for k, x in v.items()}}
    if t == "L": return {"L": [norm(x) for x in v]}
    return av
items = json.load(open(path, encoding="utf-8"))["Items"]
lines = []
for it in items:
    if mode == "json":
        it = {k: lossy(v) for k, v in it.items()}
    lines.append(json.dumps({k: norm(v) for k, v in it.items()}, sort_keys=True, ensure_ascii=False))
for l in sorted(lines):
    print(l)
PY
# same_tables NAME DST [json] : DST holds exactly SRC's items (as the json format keeps them).
same_tables() {
	local name=$1 dst=$2 mode=${3:-exact}
	awsl dynamodb scan --table-name $SRC >"$TEST_TMP/src_scan.json"
	awsl dynamodb scan --table-name "$dst" >"$TEST_TMP/dst_scan.json"
	/usr/bin/python3 "$TEST_TMP/norm.py" "$mode" "$TEST_TMP/src_scan.json" >"$TEST_TMP/src.lines"
	/usr/bin/python3 "$TEST_TMP/norm.py" exact "$TEST_TMP/dst_scan.json" >"$TEST_TMP/dst.lines"
	if [ "$(wc -l <"$TEST_TMP/src.lines")" -lt 40 ]; then
		fail "$name" "the source has only $(wc -l <"$TEST_TMP/src.lines") items"
	elif cmp -s "$TEST_TMP/src.lines" "$TEST_TMP/dst.lines"; then
		pass "$name ($(wc -l <"$TEST_TMP/dst.lines") items)"
	else
		fail "$name" "$(diff "$TEST_TMP/src.lines" "$TEST_TMP/dst.lines" | head -6 | cut -c1-300)"
	fi
}
N_SRC=44

# --- ddb: DynamoDB's export lines, lossless ---
run $DDBTUI export $SRC --format ddb
expect export_ddb_ok 0 "exported $N_SRC items of $SRC as ddb"
cp "$TEST_TMP/out" "$TEST_TMP/src.ddb"
check export_ddb_line_shape test "$(grep -c '^{"Item":{' "$TEST_TMP/src.ddb")" = $N_SRC
check export_ddb_38_digits grep -qF "\"big\":{\"N\":\"$BIG38\"}" "$TEST_TMP/src.ddb"
run $DDBTUI export $SRC
check export_default_is_ddb test "$OUT" = "$(cat "$TEST_TMP/src.ddb")"
make_table io-ddb
run $DDBTUI import io-ddb "$TEST_TMP/src.ddb"
expect import_ddb_ok 0 "imported $N_SRC items into io-ddb, rejected 0"
same_tables roundtrip_ddb_identical io-ddb

# --- json: plain JSON lines ---
run $DDBTUI export $SRC --format json
expect export_json_ok 0 "exported $N_SRC items of $SRC as json"
cp "$TEST_TMP/out" "$TEST_TMP/src.json"
check export_json_notes_binary_and_sets grep -q "2 items hold binary or set values" "$TEST_TMP/err"
check export_json_38_digits grep -qE "\"big\":$BIG38[,}]" "$TEST_TMP/src.json"
make_table io-json
run $DDBTUI import io-json "$TEST_TMP/src.json" --format json
expect import_json_ok 0 "imported $N_SRC items into io-json, rejected 0"
same_tables roundtrip_json_identical_but_binary_and_sets io-json json
run $DDBTUI export io-json --format json
check roundtrip_json_export_again_same_text test "$(sort <"$TEST_TMP/out")" = "$(sort <"$TEST_TMP/src.json")"

# --- an `aws dynamodb scan` document, from a file and from standard input ---
awsl dynamodb scan --table-name $SRC >"$TEST_TMP/aws_scan.json"
make_table io-scan
run $DDBTUI import io-scan "$TEST_TMP/aws_scan.json"
expect import_aws_scan_ok 0 "imported $N_SRC items into io-scan, rejected 0"
same_tables roundtrip_aws_scan_identical io-scan
make_table io-stdin
run sh -c "$DDBTUI import io-stdin - --format scan <'$TEST_TMP/aws_scan.json'"
expect import_stdin_scan_ok 0 "imported $N_SRC items into io-stdin"
same_tables roundtrip_stdin_identical io-stdin
make_table io-stdin2
run sh -c "cat '$TEST_TMP/src.ddb' | $DDBTUI import io-stdin2 -"
expect import_stdin_ddb_ok 0 "imported $N_SRC items into io-stdin2"

# --- csv: header, RFC 4180 quoting, cells like the plain JSON scalar ---
run $DDBTUI export $SRC --format csv
expect export_csv_ok 0 "exported $N_SRC items of $SRC as csv"
cp "$TEST_TMP/out" "$TEST_TMP/src.csv"
/usr/bin/python3 - "$TEST_TMP/src.csv" "$TEST_TMP/aws_scan.json" <<'PY' && pass export_csv_cells || fail export_csv_cells "see above"
import base64, csv, json, sys
from decimal import Decimal
raw = open(sys.argv[1], "rb").read()
items = json.load(open(sys.argv[2], encoding="utf-8"))["Items"]
ok = True
def bad(m):
    global ok; print("  " + m); ok = False
if not raw.endswith(b"\r\n") or raw.split(b"\r\n")[0].find(b"\n") >= 0:
    bad("records do not end with CRLF")
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
header, rows = rows[0], rows[1:]
others = sorted({k for it in items for k in it} - {"pk", "sk"})
if header != ["pk", "sk"] + others:
    bad(f"header {header}")
def plain(av):  # the plain JSON value, numbers as Decimal
    (t, v), = av.items()
    return {"S": lambda: v, "N": lambda: Decimal(v), "B": lambda: v, "BOOL": lambda: v, "NULL": lambda: None,
            "M": lambda: {k: plain(x) for k, x in v.items()}, "L": lambda: [plain(x) for x in v],
            "SS": lambda: list(v), "BS": lambda: list(v), "NS": lambda: [Decimal(x) for x in v]}[t]()
def cell_ok(av, cell):
    (t, v), = av.items()
    if t in ("S", "N", "B"):
        return cell == v
    if t == "BOOL":
        return cell == ("true" if v else "false")
    if t == "NULL":
        return cell == "null"
    return json.loads(cell, parse_float=Decimal, parse_int=Decimal) == plain(av)
by_key = {(it["pk"]["S"], it["sk"]["N"]): it for it in items}
if len(rows) != len(items):
    bad(f"{len(rows)} rows, {len(items)} items")
for r in rows:
    it = by_key.get((r[0], r[1]))
    if it is None:
        bad(f"row {r[:2]} is no item"); continue
    for col, cell in zip(header, r):
        if col not in it:
            if cell != "": bad(f"{r[:2]} {col}: {cell!r} for an absent attribute")
        elif not cell_ok(it[col], cell):
            bad(f"{r[:2]} {col}: {cell!r} for {it[col]!r}")
hostile = [r for r in rows if r[0] == "every-type"][0][header.index("csv_hostile")]
if hostile != "comma, \"quotes\" and\nnew line\r\nand CRLF":
    bad(f"quoted cell read back as {hostile!r}")
sys.exit(0 if ok else 1)
PY
check export_csv_quotes_doubled grep -qF '"comma, ""quotes"" and' "$TEST_TMP/src.csv"
run $DDBTUI export $SRC --format csv --columns 'pk, big,missing'
check export_csv_columns test "$(printf '%s\n' "$OUT" | head -1)" = "$(printf 'pk,big,missing\r')"
check export_csv_columns_cells test "$(printf '%s\n' "$OUT" | grep '^every-type,')" = "$(printf 'every-type,%s,\r' $BIG38)"
make_table io-empty
run $DDBTUI export io-empty --format csv
check export_csv_empty_table_header test "$RC:$OUT" = "$(printf '0:pk,sk\r')"
run $DDBTUI export io-empty
check export_empty_table test "$RC:$OUT" = "0:"

# --- malformed lines: each reported by number, the rest imported ---
/usr/bin/python3 - "$TEST_TMP/bad.ddb" <<'PY'
import json, sys
big = "x" * 410000
good = lambda pk, sk, v: json.dumps({"Item": {"pk": {"S": pk}, "sk": {"N": str(sk)}, "v": {"S": v}}})
lines = [
    good("a", 1, "first"),                                                       # 1
    "",                                                                          # 2 blank
    '{"Item": {"pk": {"S": "m3"}, "sk": {"N": "3"}',                             # 3 cut short
    good("b", 4, "four"),                                                        # 4
    '{"Item": {"pk": {"S": "m5"}}}',                                             # 5 no sort key
    '{"Item": {"pk": {"S": "m6"}, "sk": {"S": "6"}}}',                           # 6 wrong key type
    '{"Item": {"pk": {"S": "m7"}, "sk": {"N": "7"}, "n": {"N": "12abc"}}}',      # 7 bad number
    '{"Item": {"pk": {"S": "m8"}, "sk": {"N": "8"}, "s": {"SS": []}}}',          # 8 empty set
    '{"Item": {"pk": {"S": "m9"}, "sk": {"N": "9"}, "g": {"N": "1"}}}',          # 9 GSI key type
    good("m10", 10, big),                                                        # 10 over 400 KB
    good("c", 11, "eleven"),                                                     # 11
    "[1, 2]",                                                                    # 12 not an item
    good("a", 1, "last one wins"),                                               # 13 same key as 1
]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
make_table io-bad
run $DDBTUI import io-bad "$TEST_TMP/bad.ddb"
expect import_bad_lines_exit_1 1 "imported 4 items into io-bad, rejected 8"
for n in 3 5 6 7 8 9 10 12; do
	check "import_reports_line_$n" grep -qE "^line $n: .* \(skipped\)$" "$TEST_TMP/err"
done
check import_reports_nothing_else test "$(grep -c '^line ' "$TEST_TMP/err")" = 8
check import_line_3_says_why grep -qF "line 3: not JSON: column" "$TEST_TMP/err"
check import_line_6_says_why grep -qF "line 6: sk is the sort key and must be N, not S" "$TEST_TMP/err"
check import_line_9_says_why grep -qF "line 9: g is the partition key of index by-g and must be S, not N" "$TEST_TMP/err"
check import_line_10_service_says_why grep -qE "line 10: ValidationException: .*size" "$TEST_TMP/err"
awsl dynamodb scan --table-name io-bad >"$TEST_TMP/bad_scan.json"
check import_bad_rest_imported /usr/bin/python3 -c '
import json, sys
items = {(i["pk"]["S"], i["sk"]["N"]): i["v"]["S"] for i in json.load(open(sys.argv[1]))["Items"]}
assert items == {("a", "1"): "last one wins", ("b", "4"): "four", ("c", "11"): "eleven"}, items' "$TEST_TMP/bad_scan.json"
printf '{"pk": "j1", "sk": 1}\n{"pk": "j2", "sk": 2, "n": 1e999}\n{"pk": "j3"}\n\n{"pk": "j4", "sk": 4}\n' >"$TEST_TMP/bad.json"
run $DDBTUI import io-bad "$TEST_TMP/bad.json"
expect import_bad_json_lines 1 "imported 2 items into io-bad, rejected 2"
check import_bad_json_line_2 grep -qF 'line 2: item.n: number "1e999" is out of range (skipped)' "$TEST_TMP/err"
check import_bad_json_line_3 grep -qF 'line 3: the sort key sk is missing (skipped)' "$TEST_TMP/err"
printf '{\n  "Items": [\n    {"pk": {"S": "s1"}, "sk": {"N": "1"}},\n    {"pk": {"S": "s2"}},\n    {"pk": {"S": "s3"}, "sk": {"N": "3"}}\n  ]\n}\n' >"$TEST_TMP/bad_scan_doc.json"
run $DDBTUI import io-bad "$TEST_TMP/bad_scan_doc.json"
expect import_bad_scan_item 1 "imported 2 items into io-bad, rejected 1"
check import_bad_scan_item_by_number grep -qF 'item 2: the sort key sk is missing (skipped)' "$TEST_TMP/err"
printf '{\n  "Items": [\n' >"$TEST_TMP/broken_scan_doc.json"
run $DDBTUI import io-bad "$TEST_TMP/broken_scan_doc.json"
expect import_broken_scan_document 1 "is not an aws dynamodb scan document: line 3"

# --- errors ---
run $DDBTUI import io-bad "$TEST_TMP/no-such-file"
expect import_missing_file 1 "cannot open .*no-such-file"
run $DDBTUI import no-such-table "$TEST_TMP/src.ddb"
expect import_missing_table 1 "no-such-table not found"
run $DDBTUI import io-bad
expect import_needs_two_args 2 "import needs the table and the file"
run $DDBTUI import io-bad "$TEST_TMP/src.ddb" --format csv
expect import_no_csv 2 "--format is auto, ddb, json or scan"
run $DDBTUI export $SRC --format xml
expect export_bad_format 2 "--format is ddb, json or csv"
run $DDBTUI export $SRC --columns a
expect export_columns_need_csv 2 "--columns is for --format csv"
run $DDBTUI export no-such-table
expect export_missing_table 1 "no-such-table not found"
run $DDBTUI export $SRC --limit 5
check export_limit test "$RC:$(printf '%s\n' "$OUT" | grep -c '^{"Item"')" = "0:5"

# --- read-only: import and create-table refused, nothing written; export still reads ---
make_table io-ro
run $DDBTUI --read-only import io-ro "$TEST_TMP/src.ddb"
expect readonly_import_refused 1 "read-only mode: import refused"
check readonly_import_nothing_written test "$(awsl dynamodb scan --table-name io-ro --select COUNT --query Count --output text)" = 0
run $DDBTUI import io-ro "$TEST_TMP/src.ddb" --read-only
expect readonly_import_refused_flag_after 1 "read-only mode"
run $DDBTUI --read-only create-table io-ro-new --pk id:S
expect readonly_create_table_refused 1 "read-only mode: create-table refused"
check readonly_create_table_nothing_created test "$(awsl dynamodb list-tables --query 'TableNames' --output text | grep -c io-ro-new)" = 0
run $DDBTUI --read-only export $SRC --limit 3
check readonly_export_reads test "$RC:$(printf '%s\n' "$OUT" | wc -l)" = "0:3"

# --- memory: exporting (and importing) 20,000 items of ~300 bytes stays flat ---
if grep -q __asan_init "$DDBTUI_BIN" 2>/dev/null; then
	echo "SKIP export_memory_flat (an AddressSanitizer build: its shadow memory is no measure)"
else
	NBIG=20000
	BOUND_KB=$((40 * 1024))
	make_table io-big
	/usr/bin/python3 - "$TEST_TMP/big.ddb" "$NBIG" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"Item": {"pk": {"S": f"big-{i:06d}"}, "sk": {"N": str(i)},
                                      "n": {"N": f"{i}.{i:020d}"}, "pad": {"S": f"{i:06d}" + "p" * 200}}},
                           separators=(",", ":")) + "\n")
PY
	/usr/bin/time -v "$DDBTUI_BIN" import io-big "$TEST_TMP/big.ddb" >/dev/null 2>"$TEST_TMP/import_time.txt"
	import_rc=$?
	import_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TEST_TMP/import_time.txt")
	check import_big_ok test "$import_rc:$(grep -c "imported $NBIG items into io-big, rejected 0" "$TEST_TMP/import_time.txt")" = "0:1"
	/usr/bin/time -v "$DDBTUI_BIN" export io-big >"$TEST_TMP/big_export.ddb" 2>"$TEST_TMP/export_time.txt"
	export_rc=$?
	export_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TEST_TMP/export_time.txt")
	bytes=$(wc -c <"$TEST_TMP/big_export.ddb")
	/usr/bin/time -v "$DDBTUI_BIN" export io-big --limit 5000 >"$TEST_TMP/quarter.ddb" 2>"$TEST_TMP/quarter_time.txt"
	quarter_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TEST_TMP/quarter_time.txt")
	quarter_bytes=$(wc -c <"$TEST_TMP/quarter.ddb")
	check export_big_all_items test "$export_rc:$(wc -l <"$TEST_TMP/big_export.ddb")" = "0:$NBIG"
	# flat: four times the data costs no more than a page or so (1 MB a page) of extra memory
	figures=$(awk -v b="$bytes" -v e="$export_kb" -v qb="$quarter_bytes" -v q="$quarter_kb" -v i="$import_kb" -v n=$NBIG -v bound=$BOUND_KB 'BEGIN {
		printf "%d items, %.1f MB exported with peak RSS %.1f MB; a quarter (%.1f MB) with %.1f MB; importing them all %.1f MB; bound %.0f MB",
			n, b / 1e6, e / 1024, qb / 1e6, q / 1024, i / 1024, bound / 1024 }')
	if [ "${export_kb:-999999}" -lt $BOUND_KB ] && [ "${import_kb:-999999}" -lt $BOUND_KB ] &&
		[ "$bytes" -gt 6000000 ] && [ $((export_kb - ${quarter_kb:-0})) -lt 4096 ]; then
		pass "export_memory_flat ($figures)"
	else
		fail export_memory_flat "$figures"
	fi
fi
true
