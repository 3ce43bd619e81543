# scan.sh - `ddbtui scan` against dynalite, cross-checked with the AWS CLI (--raw) and with boto3's
# TypeDeserializer (plain JSON).
#
# The plain form is the one of docs/plain-json.md (ddb/attr.h): S string, N number with every
# digit, BOOL, NULL null, M object, L array, B its base64 text, SS array of strings, NS array of
# numbers, BS array of base64 strings. So, against boto3's view: Decimal compared exactly (never
# as a float; a number must come out as a JSON number), sets as sorted lists, Binary as base64.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
TYPES=scan-types
BIG=scan-big
N_BIG=2500
BIG38=12345678901234567890123456789012345678

# --- two tables: every attribute type, and enough ~1 KB items for several 1 MB pages ---
/usr/bin/python3 - "$TYPES" "$BIG" "$N_BIG" <<'PY' || fail scan_setup "boto3 could not create the tables"
import base64, boto3, os, sys
types_t, big_t, n_big = sys.argv[1], sys.argv[2], int(sys.argv[3])
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
for t in (types_t, big_t):
    ddb.create_table(TableName=t,
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}],
                     BillingMode="PAY_PER_REQUEST")
    ddb.get_waiter("table_exists").wait(TableName=t, WaiterConfig={"Delay": 0.1})
B = lambda raw: {"B": raw}  # boto3 base64-encodes bytes on the wire
items = [
    {"pk": {"S": "every-type"}, "sk": {"N": "1"},
     "s": {"S": "héllo wörld · 東京 · 🎉 · مرحبا · שלום"},
     "empty_s": {"S": ""},
     "big": {"N": "12345678901234567890123456789012345678"},
     "neg_big": {"N": "-98765432109876543210987654321098765432"},
     "neg_exp": {"N": "1.5E-7"},
     "tiny": {"N": "-2.5e-120"},
     "frac": {"N": "3.14159265358979323846264338327950288"},
     "zero": {"N": "0"},
     "b": B(bytes([0, 1, 2, 253, 254, 255]) + "é".encode()),
     "ss": {"SS": ["b", "a", "ünïcode", "😀"]},
     "ns": {"NS": ["1", "-2.5", "12345678901234567890123456789012345678", "1E-100"]},
     "bs": {"BS": [b"\x00", b"\xff\xfe", b"abc"]},
     "t": {"BOOL": True}, "f": {"BOOL": False}, "nul": {"NULL": True},
     "m": {"M": {"inner": {"S": "x"}, "n": {"N": "99999999999999999999999999999999999999"},
                 "deep": {"M": {"l": {"L": [{"N": "1"}, {"S": "two"}, {"M": {"three": {"BOOL": False}}}]}}},
                 "ss": {"SS": ["z", "y"]}}},
     "l": {"L": [{"S": "a"}, {"N": "-0.000001"}, {"NULL": True}, {"L": []}, {"M": {}},
                 {"B": b"\x10\x20"}, {"NS": ["7", "8"]}, {"BOOL": True}]},
     "empty_l": {"L": []}, "empty_m": {"M": {}},
     "quote": {"S": "a \"quoted\" \\ back\\slash\nnew line\ttab \u0001 control"}},
    {"pk": {"S": "Ünïcödé-ключ-鍵-🔑"}, "sk": {"N": "-1.25E-3"}, "v": {"S": "unicode key"}},
    {"pk": {"S": "only-keys"}, "sk": {"N": "12345678901234567890123456789012345678"}},
]
for it in items:
    ddb.put_item(TableName=types_t, Item=it)
pad = "x" * 1000
reqs = [{"PutRequest": {"Item": {"pk": {"S": f"item-{i:05d}"}, "sk": {"N": str(i)},
                                  "pad": {"S": pad}, "n": {"N": f"{i}.{i:032d}"}}}}
        for i in range(n_big)]
for i in range(0, len(reqs), 25):
    left = {big_t: reqs[i:i + 25]}
    while left:
        r = ddb.batch_write_item(RequestItems=left)
        left = r.get("UnprocessedItems") or {}
PY

# compare.py MODE EXPECTED_FROM OUT : MODE raw (OUT vs `aws dynamodb scan` JSON in
# EXPECTED_FROM) or plain (OUT vs boto3's TypeDeserializer view of the table EXPECTED_FROM).
cat >"$TEST_TMP/compare.py" <<'PY'
import base64, json, os, sys
from decimal import Decimal
mode, src, out = sys.argv[1:4]
lines = open(out, encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
def die(msg):
    print(msg)
    sys.exit(1)
def key_of(item, raw):
    if raw:
        return json.dumps({"pk": item["pk"], "sk": item["sk"]}, sort_keys=True)
    return json.dumps({"pk": item["pk"], "sk": str(item["sk"])}, sort_keys=True)
got = {}
for n, line in enumerate(lines, 1):
    try:
        it = json.loads(line, parse_float=Decimal, parse_int=Decimal)
    except ValueError as e:
        die(f"line {n} is not JSON: {e}: {line[:200]}")
    k = key_of(it, mode == "raw")
    if k in got:
        die(f"item {k} printed twice")
    got[k] = it
if mode == "raw":
    exp_items = json.load(open(src, encoding="utf-8"))["Items"]
    exp = {key_of(it, True): it for it in exp_items}
    if len(exp_items) != len(lines):
        die(f"{len(lines)} lines, aws scan has {len(exp_items)} items")
    for k, it in exp.items():
        if got.get(k) != it:
            die(f"item {k}: ddbtui {json.dumps(got.get(k))[:300]} != aws {json.dumps(it)[:300]}")
    sys.exit(0)
import boto3
from boto3.dynamodb.types import TypeDeserializer, Binary
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
des = TypeDeserializer()
exp = {}
for page in ddb.get_paginator("scan").paginate(TableName=src):
    for raw in page["Items"]:
        it = {k: des.deserialize(v) for k, v in raw.items()}
        exp[key_of(it, False)] = it
if len(exp) != len(lines):
    die(f"{len(lines)} lines, boto3 scan has {len(exp)} items")
def norm(v):  # boto3's value -> what the plain form must equal (sets as sorted lists)
    if isinstance(v, Binary):
        return ("b64", base64.b64encode(v.value).decode())
    if isinstance(v, (set, frozenset)):
        return ("set", sorted((norm(x) for x in v), key=repr))
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, Decimal):
        return ("num", v)
    if isinstance(v, dict):
        return ("obj", {k: norm(x) for k, x in v.items()})
    if isinstance(v, list):
        return ("arr", [norm(x) for x in v])
    return (type(v).__name__, v)
def same(e, p, path):  # e: norm()ed expectation, p: the plain JSON value
    kind, ev = e
    if kind == "b64":
        ok = isinstance(p, str) and p == ev
    elif kind == "set":
        ok = isinstance(p, list) and len(p) == len(ev)
        if ok:
            pn = sorted((plain_as(ev[0][0], x) for x in p), key=repr)
            ok = pn == ev
    elif kind == "bool":
        ok = isinstance(p, bool) and p == ev
    elif kind == "num":  # exact: Decimal against Decimal, never a float
        ok = isinstance(p, Decimal) and p == ev
    elif kind == "obj":
        ok = isinstance(p, dict) and p.keys() == ev.keys() and all(same(ev[k], p[k], f"{path}.{k}") for k in ev)
        return ok or die(f"{path}: {p!r} != {ev!r}")
    elif kind == "arr":
        ok = isinstance(p, list) and len(p) == len(ev) and all(same(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(ev, p)))
        return ok or die(f"{path}: {p!r} != {ev!r}")
    elif kind == "NoneType":
        ok = p is None
    else:
        ok = type(p).__name__ == kind and p == ev
    return ok or die(f"{path}: ddbtui {p!r} != boto3 {ev!r} ({kind})")
def plain_as(kind, x):  # a set member of the plain form, in norm()'s shape
    if kind == "num":
        return ("num", x) if isinstance(x, Decimal) else ("bad", x)
    if kind == "b64":
        return ("b64", x)
    return (type(x).__name__, x)
for k, e in exp.items():
    if k not in got:
        die(f"item {k} missing from ddbtui's output")
    same(norm(e), got[k], k)
PY

# --- the types table: --raw equals the AWS CLI, plain equals boto3 ---
awsl dynamodb scan --table-name $TYPES >"$TEST_TMP/aws_types.json"
run $DDBTUI scan $TYPES --raw
expect scan_raw_types_ok 0 '"every-type"'
check scan_raw_types_equal_awscli /usr/bin/python3 "$TEST_TMP/compare.py" raw "$TEST_TMP/aws_types.json" "$TEST_TMP/out"
check scan_raw_keeps_38_digits grep -qF "\"N\":\"$BIG38\"" "$TEST_TMP/out"
run $DDBTUI scan $TYPES
expect scan_plain_types_ok 0 '"every-type"'
cp "$TEST_TMP/out" "$TEST_TMP/plain_types"
check scan_plain_types_equal_boto3 /usr/bin/python3 "$TEST_TMP/compare.py" plain $TYPES "$TEST_TMP/plain_types"
check scan_plain_keeps_38_digits grep -qE "\"big\":${BIG38}[,}]" "$TEST_TMP/plain_types"
check scan_plain_38_digit_key grep -qE "\"sk\":${BIG38}[,}]" "$TEST_TMP/plain_types"
check scan_plain_unicode_verbatim grep -qF '"Ünïcödé-ключ-鍵-🔑"' "$TEST_TMP/plain_types"
check scan_one_line_per_item test "$(wc -l <"$TEST_TMP/plain_types")" = 3
# the default table is --table
run $DDBTUI --table $TYPES scan
check scan_default_table_is_flag test "$OUT" = "$(cat "$TEST_TMP/plain_types")"

# --- the big table: several pages, every item exactly once, as the AWS CLI sees it ---
awsl dynamodb scan --table-name $BIG >"$TEST_TMP/aws_big.json"
run $DDBTUI --verbose scan $BIG --raw
expect scan_raw_big_ok 0 '"item-00000"'
check scan_raw_big_equal_awscli /usr/bin/python3 "$TEST_TMP/compare.py" raw "$TEST_TMP/aws_big.json" "$TEST_TMP/out"
pages=$(grep -c "Scan $BIG -> 200" "$TEST_TMP/err")
check scan_big_spans_pages test "$pages" -ge 3
run $DDBTUI scan $BIG
expect scan_plain_big_ok 0 '"item-02499"'
check scan_plain_big_count test "$(printf '%s\n' "$OUT" | grep -c '^{')" = $N_BIG
cp "$TEST_TMP/out" "$TEST_TMP/plain_big"
check scan_plain_big_equal_boto3 /usr/bin/python3 "$TEST_TMP/compare.py" plain $BIG "$TEST_TMP/plain_big"
check scan_count_equals_awscli test "$(wc -l <"$TEST_TMP/plain_big")" = \
	"$(awsl dynamodb scan --table-name $BIG --select COUNT | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["Count"])')"

# --- --limit: exactly N items, and no more asked for than needed ---
run $DDBTUI --verbose scan $BIG --limit 7
expect scan_limit_ok 0 '^\{'
check scan_limit_7_lines test "$(printf '%s\n' "$OUT" | wc -l)" = 7
check scan_limit_one_request test "$(grep -c "Scan $BIG -> 200" "$TEST_TMP/err")" = 1
check scan_limit_7_are_items /usr/bin/python3 -c '
import json, sys
items = [json.loads(l) for l in open(sys.argv[1])]
assert len(items) == 7 and len({i["pk"] for i in items}) == 7 and all(len(i["pad"]) == 1000 for i in items)' "$TEST_TMP/out"
run $DDBTUI scan $BIG --limit 1500 --raw
expect scan_limit_across_pages_ok 0 '"item-'
check scan_limit_across_pages test "$(printf '%s\n' "$OUT" | sort -u | wc -l)" = 1500
check scan_limit_prefix_of_full /usr/bin/python3 -c '
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
full = json.load(open(sys.argv[2]))["Items"]
assert got == full[:1500], "not the first 1500 items of the table"' "$TEST_TMP/out" "$TEST_TMP/aws_big.json"
run $DDBTUI scan $BIG --limit=$((N_BIG + 10))
check scan_limit_above_count test "$(printf '%s\n' "$OUT" | wc -l)" = $N_BIG

# --- an empty table: no lines, success ---
awsl dynamodb create-table --table-name scan-empty --key-schema AttributeName=id,KeyType=HASH \
	--attribute-definitions AttributeName=id,AttributeType=S --billing-mode PAY_PER_REQUEST >/dev/null
run $DDBTUI scan scan-empty
check scan_empty_table test "$RC:$OUT" = "0:"

# --- errors: missing table, bad flags ---
run $DDBTUI scan no-such-table
expect scan_missing_table 1 "no-such-table not found.*schema-load"
check scan_missing_table_no_output test -z "$OUT"
for bad in 0 -3 abc 7x "" 99999999999; do
	run $DDBTUI scan $BIG --limit "$bad"
	expect "scan_bad_limit_'$bad'" 2 "--limit must be"
done
run $DDBTUI scan $BIG --limit
expect scan_limit_needs_value 2 "needs a value"
run $DDBTUI scan a b
expect scan_too_many_args 2 "too many arguments"
run $DDBTUI scan --bogus
expect scan_unknown_flag 2 "unknown option '--bogus'"
run $DDBTUI scan --help
expect scan_help 0 "Usage: ddbtui scan \[TABLE\]"

# --- an item the plain form cannot express: named by its key on stderr, the others printed,
# exit 1. DynamoDB never sends one, so a stub endpoint does (DescribeTable and Scan). ---
port=$(scripts/freeport.sh)
cat >"$TEST_TMP/stub.py" <<'PY'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        op = self.headers.get("X-Amz-Target", "").split(".")[-1]
        if op == "DescribeTable":
            body = {"Table": {"TableName": "stub", "TableStatus": "ACTIVE",
                              "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}}
        else:
            body = {"Count": 3, "ScannedCount": 3, "Items": [
                {"pk": {"S": "good-1"}, "n": {"N": "1"}},
                {"pk": {"S": "broken"}, "n": {"N": "not-a-number"}, "other": {"S": "x"}},
                {"pk": {"S": "good-2"}, "n": {"N": "2"}}]}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *a):
        pass
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
/usr/bin/python3 "$TEST_TMP/stub.py" "$port" &
stub=$!
for _ in $(seq 50); do
	curl -s -o /dev/null -X POST "http://127.0.0.1:$port/" && break
	sleep 0.1
done
run $DDBTUI --endpoint-url "http://127.0.0.1:$port" scan stub
expect scan_conversion_error_exit_1 1 'item with key \{"pk":\{"S":"broken"\}\}'
check scan_conversion_error_others_printed test "$OUT" = "$(printf '%s\n%s' '{"pk":"good-1","n":1}' '{"pk":"good-2","n":2}')"
check scan_conversion_error_says_why grep -q "not-a-number" "$TEST_TMP/err"
check scan_conversion_error_suggests_raw grep -q "1 item could not be shown as plain JSON" "$TEST_TMP/err"
run $DDBTUI --endpoint-url "http://127.0.0.1:$port" scan stub --raw
check scan_conversion_error_raw_fine test "$RC:$(printf '%s\n' "$OUT" | wc -l)" = "0:3"
kill "$stub" 2>/dev/null
wait "$stub" 2>/dev/null
true

# --- a string holding U+0000 (NUL): cJSON would cut it short, so the reply is refused, clearly,
# instead of showing (or exporting, or writing back) a shortened value; the table is untouched
awsl dynamodb create-table --table-name nul-strings --billing-mode PAY_PER_REQUEST \
	--attribute-definitions AttributeName=pk,AttributeType=S \
	--key-schema AttributeName=pk,KeyType=HASH >/dev/null
/usr/bin/python3 - "$ENDPOINT" <<'PY' || fail nul_setup "boto3 could not write the item"
import sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
db.put_item(TableName="nul-strings", Item={"pk": {"S": "a\u0000b"}, "v": {"S": "x\u0000y"}})
db.put_item(TableName="nul-strings", Item={"pk": {"S": "plain"}, "v": {"S": "\\u0000 as text"}})
PY
run $DDBTUI scan nul-strings --raw
expect nul_scan_refused 1 'Scan: a string in the reply holds U\+0000 \(NUL\), which ddbtui cannot keep intact'
check nul_scan_no_cut_value sh -c "! grep -q '\"a\"' '$TEST_TMP/out'"
run $DDBTUI export nul-strings
expect nul_export_refused 1 'U\+0000'
check nul_export_no_cut_value sh -c "! grep -q '\"S\":\"a\"' '$TEST_TMP/out'"
printf ':scan nul-strings\n:save-screen %s\n' "$TEST_TMP/nul.txt" >"$TEST_TMP/nul.script"
run $DDBTUI --script "$TEST_TMP/nul.script" --size 100x20
check nul_tui_says_why grep -q "holds U+0000 (NUL)" "$TEST_TMP/nul.txt"
check nul_tui_no_rows grep -q "Scan nul-strings — 0 rows" "$TEST_TMP/nul.txt"
# the text "\u0000" (an escaped backslash) is an ordinary string, read like any other
run $DDBTUI query nul-strings --pk plain --raw
check nul_text_is_fine test "$RC:$OUT" = '0:{"pk":{"S":"plain"},"v":{"S":"\\u0000 as text"}}'
nul_untouched() {
	/usr/bin/python3 - "$ENDPOINT" <<'PY'
import sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
it = db.get_item(TableName="nul-strings", Key={"pk": {"S": "a\u0000b"}}, ConsistentRead=True)["Item"]
assert it["v"]["S"] == "x\u0000y", it
PY
}
check nul_item_untouched nul_untouched
