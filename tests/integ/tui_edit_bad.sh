# tui_edit_bad.sh - bad input in the editor loses nothing: for each kind (a missing key attribute,
# a key attribute of the wrong type, an empty string key, an item over 400 KB, a set with
# duplicate members, an empty set, an unknown type, invalid JSON, an index's key attribute of the
# wrong type or empty; in plain JSON and in raw DynamoDB JSON) the editor is reopened with the error at the top and the user's text byte for
# byte below it, and when the user leaves it unfixed (quits without saving, or with an error like
# vim's :cq) the recovery file (0600) keeps the text, the journal gets nothing and the table is
# unchanged (a full boto3 scan before and after). tui_edit.sh has the fixed-after-an-error cases.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S=$TEST_TMP
fake_editor
export XDG_STATE_HOME="$S/state"
T=eb-main

new_table $T
sleep 0.3
put $T '{"pk":{"S":"alpha"},"sk":{"N":"1"},"name":{"S":"first"},"qty":{"N":"10"},"tags":{"SS":["a","b"]},"nums":{"NS":["1","2"]},"meta":{"M":{"x":{"N":"1"},"l":{"L":[{"S":"q"}]}}}}'
put $T '{"pk":{"S":"beta"},"sk":{"N":"2"},"name":{"S":"second"}}'
snapshot $T >"$S/before.jsonl"

# bad NAME MODE QUIT PATTERN PYTHON : e on the first row (MODE plain, or raw through the item
# view's v), the editor's first run changes the text with PYTHON, the second leaves it (QUIT
# same: saved unchanged, as after :q; cq: exits with status 1, the file untouched). PATTERN (grep
# -E) is the error expected on the header's first line.
bad() {
	local name=$1 mode=$2 quit=$3 pat=$4 keys="e" rec msg
	[ "$mode" = raw ] && keys="Enter v e"
	fresh "$name"
	step 1 "$5"
	[ "$quit" = cq ] && step 2 'sys.exit(1)'
	printf ':scan %s\nkeys %s\n:save-screen %s\n' "$T" "$keys" "$S/$name.full" |
		SIZE=400x30 tui "$name" || return
	rec=$(cat "$F/path.1")
	if [ "$mode" = raw ]; then
		check "${name}_raw_json" grep -q '"pk": {"S": "alpha"}' "$F/seen.1"
	else
		check "${name}_plain_json" grep -q '"pk": "alpha",' "$F/seen.1"
	fi
	check "${name}_text_changed" sh -c "! cmp -s '$F/seen.1' '$F/out.1'"
	check "${name}_reopened_once" test "$(cat "$F/count")" = 2
	check "${name}_error_on_top" sh -c "head -1 '$F/seen.2' | grep -qE '^// ddbtui: not saved: .*$pat'"
	# the text below the header is the text the user saved, byte for byte
	check "${name}_text_intact" /usr/bin/python3 -c '
import sys
seen, out = open(sys.argv[1], encoding="utf-8").read(), open(sys.argv[2], encoding="utf-8").read()
lines = seen.split("\n")
i = 0
while lines[i].lstrip().startswith("//"):
    i += 1
assert i >= 2 and "\n".join(lines[i:]) == out, (i, seen[:300])
' "$F/seen.2" "$F/out.1"
	check "${name}_same_file" test "$(cat "$F/path.2")" = "$rec"
	if [ "$quit" = cq ]; then
		msg="the editor exited with status 1; nothing written (your text is in $rec)"
	else
		msg="not saved: the text did not change after the error (your text is in $rec)"
	fi
	check "${name}_message" grep -qF "$msg" <(bottom "$name")
	check "${name}_recovery_kept" cmp -s "$rec" "$F/seen.2"
	check "${name}_recovery_0600" test "$(stat -c %a "$rec")" = 600
	check "${name}_table_unchanged" cmp -s "$S/before.jsonl" <(snapshot $T)
	check "${name}_no_journal" test ! -e "$XDG_STATE_HOME/ddbtui/journal.jsonl"
	rm -f "$rec"
}

# a key attribute missing (plain; raw)
bad missing_key plain same 'the key attribute "sk" is missing' \
	'text = text.replace("\"sk\": 1,\n", "")'
bad missing_key_raw raw cq 'the key attribute "pk" is missing' \
	'text = text.replace("\"pk\": {\"S\": \"alpha\"},\n", "")'
# a key attribute of the wrong type: N for the S partition key; S for the N sort key (raw)
bad wrong_key_type plain same '"pk" must be of type S .*not N' \
	'text = text.replace("\"pk\": \"alpha\"", "\"pk\": 5")'
bad wrong_key_type_raw raw same '"sk" must be of type N .*not S' \
	'text = text.replace("\"sk\": {\"N\": \"1\"}", "\"sk\": {\"S\": \"1\"}")'
# a key attribute that is not a scalar
bad key_not_scalar plain same '"pk" must be a string, number or binary, not L' \
	'text = text.replace("\"pk\": \"alpha\"", "\"pk\": [\"alpha\"]")'
# an empty string key (plain; raw)
bad empty_key plain cq '"pk" is empty' \
	'text = text.replace("\"pk\": \"alpha\"", "\"pk\": \"\"")'
bad empty_key_raw raw same '"pk" is empty' \
	'text = text.replace("{\"S\": \"alpha\"}", "{\"S\": \"\"}")'
# over 400 KB (DynamoDB counts names and UTF-8 bytes: 205,000 two-byte characters are 410,000)
bad too_big plain same 'the item is [0-9]+ bytes: DynamoDB.s limit is 400 KB \(409600 bytes\)' \
	'text = text.replace("\"name\": \"first\"", "\"name\": \"" + "é" * 205000 + "\"")'
bad too_big_raw raw same 'DynamoDB.s limit is 400 KB' \
	'text = text.replace("\"name\": {\"S\": \"first\"}", "\"name\": {\"S\": \"first\"}, \"blob\": {\"S\": \"" + "x" * 409600 + "\"}")'
# sets: duplicate members (an NS by value: 1 and 1.0 are one number), empty sets
bad set_dup_raw raw same 'nums.*duplicate' \
	'import re
text = re.sub(r"\"NS\": \[[^\]]*\]", "\"NS\": [\"1\", \"2\", \"1.0\"]", text)'
bad set_dup plain same 'tags.*duplicate' \
	'import re
text = re.sub(r"\"tags\": \[[^\]]*\]", "\"tags\": [\"a\", \"b\", \"a\"]", text)'
bad set_empty plain same 'empty SS' \
	'import re
text = re.sub(r"\"tags\": \[[^\]]*\]", "\"tags\": []", text)'
bad set_empty_raw raw cq 'empty NS' \
	'import re
text = re.sub(r"\"NS\": \[[^\]]*\]", "\"NS\": []", text)'
# raw DynamoDB JSON that is JSON but not an attribute value
bad unknown_type_raw raw same 'name' \
	'text = text.replace("{\"S\": \"first\"}", "{\"Q\": \"first\"}")'
# invalid JSON, plain and raw; the line in the error is the file's line, header included
bad invalid_json plain same 'line [0-9]+, column [0-9]+' \
	'text = text.replace("\"name\": \"first\",", "\"name\": \"first\" oops,")'
bad invalid_json_raw raw same 'line [0-9]+, column [0-9]+' \
	'text = text.replace("\"name\": {\"S\": \"first\"},", "\"name\": {\"S\": \"first\"} oops,")'
line=$(sed -nE 's#^// ddbtui: not saved: line ([0-9]+),.*#\1#p' "$S/fake.invalid_json_raw/seen.2")
check invalid_json_raw_line sh -c "sed -n '${line}p' '$S/fake.invalid_json_raw/seen.2' | grep -q oops"
bad not_an_object plain same 'must be a JSON object' \
	'text = "[" + text + "]"'

# a second error after the first: the header is replaced, the new text kept; then given up
fresh twice
step 1 'text = text.replace("\"pk\": \"alpha\"", "\"pk\": \"\"")'
step 2 'text = text.replace("\"pk\": \"\"", "\"pk\": 7")'
printf ':scan %s\nkeys e\n:save-screen %s\n' "$T" "$S/twice.full" | SIZE=400x30 tui twice
check twice_reopened test "$(cat "$F/count")" = 3
check twice_second_error sh -c "head -1 '$F/seen.3' | grep -q 'must be of type S'"
check twice_header_once test "$(grep -c '^// ddbtui: not saved' "$F/seen.3")" = 1
check twice_new_text grep -q '"pk": 7,' "$F/seen.3"
check twice_recovery_has_it grep -q '"pk": 7,' "$(cat "$F/path.1")"
check twice_table_unchanged cmp -s "$S/before.jsonl" <(snapshot $T)
rm -f "$(cat "$F/path.1")"

# emptying the file after an error cancels on purpose: nothing written, the file removed
fresh emptied
step 1 'text = text.replace("\"sk\": 1,\n", "")'
step 2 'text = ""'
printf ':scan %s\nkeys e\n:save-screen %s\n' "$T" "$S/emptied.full" | SIZE=400x30 tui emptied
check emptied_message grep -q "the file was emptied: nothing written" <(bottom emptied)
check emptied_file_removed test ! -e "$(cat "$F/path.1")"
check emptied_table_unchanged cmp -s "$S/before.jsonl" <(snapshot $T)
check emptied_no_journal test ! -e "$XDG_STATE_HOME/ddbtui/journal.jsonl"
check no_files_left sh -c "! ls '$XDG_STATE_HOME'/ddbtui/edit-*.json 2>/dev/null"

# --- the keys of the table's indexes (a GSI on cat, an LSI on score): DynamoDB refuses a write
# with one of the wrong type or empty, so they are checked in the editor like the table's keys ---
T=eb-idx
awsl dynamodb create-table --table-name $T --billing-mode PAY_PER_REQUEST \
	--attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
	AttributeName=cat,AttributeType=S AttributeName=score,AttributeType=N \
	--key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
	--global-secondary-indexes 'IndexName=by-cat,KeySchema=[{AttributeName=cat,KeyType=HASH}],Projection={ProjectionType=KEYS_ONLY}' \
	--local-secondary-indexes 'IndexName=by-score,KeySchema=[{AttributeName=pk,KeyType=HASH},{AttributeName=score,KeyType=RANGE}],Projection={ProjectionType=ALL}' >/dev/null
sleep 0.3
KI='{"pk":{"S":"alpha"},"sk":{"N":"1"}}'
put $T '{"pk":{"S":"alpha"},"sk":{"N":"1"},"name":{"S":"first"},"cat":{"S":"c1"},"score":{"N":"5"}}'
snapshot $T >"$S/before.jsonl"
bad gsi_key_type plain same '"cat" must be of type S \(a key of the index by-cat\), not N' \
	'text = text.replace("\"cat\": \"c1\"", "\"cat\": 5")'
bad lsi_key_type raw same '"score" must be of type N \(a key of the index by-score\), not S' \
	'text = text.replace("{\"N\": \"5\"}", "{\"S\": \"five\"}")'
bad gsi_key_empty plain cq '"cat" is empty: it is a key of the index by-cat' \
	'text = text.replace("\"cat\": \"c1\"", "\"cat\": \"\"")'
# fixed after the error: written; an index key left out (the item leaves the index) is fine
fresh idx_fixed
step 1 'text = text.replace("\"cat\": \"c1\"", "\"cat\": \"\"")'
step 2 'text = text.replace("\"cat\": \"\",\n", "").replace("\"score\": 5", "\"score\": 6")'
printf ':scan %s\nkeys e y\n:save-screen %s\n' "$T" "$S/idx_fixed.full" | SIZE=300x30 tui idx_fixed
check idx_fixed_reopened test "$(cat "$F/count")" = 2
check idx_fixed_saved grep -q "saved pk=alpha, sk=1 in $T" <(bottom idx_fixed)
check idx_fixed_cat_removed absent $T "$KI" cat
check idx_fixed_score test "$(attr $T "$KI" score)" = '{"N":"6"}'
check idx_fixed_no_file sh -c "! ls '$XDG_STATE_HOME'/ddbtui/edit-*.json 2>/dev/null"
