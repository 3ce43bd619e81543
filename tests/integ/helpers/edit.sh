# helpers/edit.sh - the scripted editor and helpers of the editing tests (sourced after lib.sh;
# in a directory of its own so that tests/run.sh does not run it as a test). Uses $TEST_TMP,
# $DDBTUI, $ENDPOINT; sets EDITOR, unsets VISUAL.
S="$TEST_TMP"
unset VISUAL

# The scripted editor: run N saves what it sees in $FAKE_DIR/seen.N, its arguments in argv.N and
# the file's name in path.N, then runs $FAKE_DIR/step.N (python, with the file's text in `text`)
# if there is one, and saves what it leaves in the file in out.N (a step that calls sys.exit
# leaves the file as it was: an editor quit with an error, like vim's :cq).
FAKE="$S/fake-editor"
cat >"$FAKE" <<'PY'
#!/usr/bin/python3
import os, subprocess, sys
path = sys.argv[-1]
d = os.environ["FAKE_DIR"]
cf = os.path.join(d, "count")
n = int(open(cf).read()) + 1 if os.path.exists(cf) else 1
open(cf, "w").write(str(n))
text = open(path, encoding="utf-8").read()
open(os.path.join(d, f"seen.{n}"), "w", encoding="utf-8").write(text)
open(os.path.join(d, f"argv.{n}"), "w").write("\n".join(sys.argv[1:]) + "\n")
open(os.path.join(d, f"path.{n}"), "w").write(path)
step = os.path.join(d, f"step.{n}")
if os.path.exists(step):
    env = {"text": text, "subprocess": subprocess, "os": os, "sys": sys}
    exec(open(step).read(), env)
    text = env["text"]
open(path, "w", encoding="utf-8").write(text)
open(os.path.join(d, f"out.{n}"), "w", encoding="utf-8").write(text)
PY
chmod +x "$FAKE"
export EDITOR="$FAKE"

# fresh NAME : a new directory of steps for the scripted editor, in $F.
fresh() {
	F="$S/fake.$1"
	rm -rf "$F"
	mkdir -p "$F"
	export FAKE_DIR="$F"
}
# step N PYTHON : what the editor does on its Nth run.
step() { printf '%s\n' "$2" >"$F/step.$1"; }

# tui NAME [FLAGS] : runs $S/NAME.script headless in ${SIZE:-100x30} (script lines from stdin).
tui() {
	local name=$1
	shift
	cat >"$S/$name.script"
	run $DDBTUI --endpoint-url "$ENDPOINT" "$@" --script "$S/$name.script" --size "${SIZE:-100x30}"
	if [ "$RC" != 0 ]; then
		fail "tui_$name" "exit $RC: $(echo "$ERR" | head -5)"
		return 1
	fi
}
bottom() { tail -n 1 "$S/$1.txt"; }
# attr TABLE KEYJSON NAME : an attribute of an item as DynamoDB JSON (compact), "" if absent.
attr() {
	local out
	if ! out=$(awsl dynamodb get-item --table-name "$1" --key "$2" --consistent-read); then
		echo "<get-item failed>" # matches no value, and exists/absent fail
		return 1
	fi
	# an absent item: the AWS CLI prints nothing
	printf '%s' "$out" |
		python3 -c "import json,sys; d=json.loads(sys.stdin.read() or '{}').get('Item'); a=(d or {}).get('$3'); print('' if a is None else json.dumps(a, separators=(',',':')))"
}
exists() {
	local v
	v=$(attr "$1" "$2" "$3") && [ -n "$v" ]
}
absent() {
	local v
	v=$(attr "$1" "$2" "$3") && [ -z "$v" ]
}
count() { awsl dynamodb scan --table-name "$1" --select COUNT | python3 -c "import json,sys; print(json.load(sys.stdin)['Count'])"; }
# mk TABLE : a new table keyed pk (S) and sk (N); put TABLE ITEM : an item written.
mk() {
	awsl dynamodb create-table --table-name "$1" --billing-mode PAY_PER_REQUEST \
		--attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
		--key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
}
put() { awsl dynamodb put-item --table-name "$1" --item "$2" >/dev/null; }
# snapshot TABLE : every item of TABLE (boto3, consistent, all pages) as sorted JSON lines.
snapshot() {
	/usr/bin/python3 - "$ENDPOINT" "$1" <<'PY'
import json, sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
items, start = [], {}
while True:
    page = db.scan(TableName=sys.argv[2], ConsistentRead=True, **start)
    items += page["Items"]
    if "LastEvaluatedKey" not in page:
        break
    start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}
for line in sorted(json.dumps(i, sort_keys=True) for i in items):
    print(line)
PY
}
