# tui_edit.sh - editing and moving data in the headless UI against dynalite: e through a scripted
# editor (EDITOR is a small program that logs what it sees and applies a per-run step), invalid
# text reopened with the error on top, a concurrent change reported and not overwritten, a key
# change (copy, then delete, after "yes"), new items from the key template, duplicates, deletes,
# an attribute added by another client (before the save is reported; in the moment between the
# read and the write, kept), e on query results (the table, and a keys-only GSI), marks and batch
# deletes of 30 and of 1,000 items (an item changed meanwhile stops one), undo (twice in a row,
# after a restart, of an item changed since), the journal's mode, an editor command that is not
# run through a shell, read-only mode.
# Checked with the aws CLI. Screens: tests/golden/edit_*.txt, the main pane only (the tables pane's
# counts change as the tests go; UPDATE_GOLDEN=1 rewrites them).
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S=$TEST_TMP
fake_editor

for t in ed-main ed-conflict ed-key ed-new ed-del ed-bulk ed-undo ed-ro; do new_table $t; done
sleep 0.3
K1='{"pk":{"S":"alpha"},"sk":{"N":"1"}}'
ITEM1='{"pk":{"S":"alpha"},"sk":{"N":"1"},"name":{"S":"first"},"qty":{"N":"10"},"tags":{"SS":["a","b"]},"meta":{"M":{"x":{"N":"1"},"l":{"L":[{"S":"q"}]}}}}'
for t in ed-main ed-conflict ed-key ed-new ed-del ed-undo ed-ro; do put $t "$ITEM1"; done

# --- e: an attribute changed through the editor, reviewed, written ---
export XDG_STATE_HOME="$S/state.main"
fresh edit
step 1 'text = text.replace("\"first\"", "\"edited\"").replace("\"qty\": 10", "\"qty\": 11")'
tui edit <<EOF
:scan ed-main
keys e
:save-screen $S/review.full
keys y
:save-screen $S/edit_saved.full
EOF
check edit_plain_json_in_editor grep -q '"name": "first",' "$F/seen.1"
check edit_keys_first sh -c "head -3 '$F/seen.1' | tr -d '\n ' | grep -q '^{\"pk\":\"alpha\",\"sk\":1,'"
check edit_review_shows_changes grep -q '~ name  "first" → "edited"' "$S/review.full"
check edit_review_asks grep -q "y saves   e edits again   n discards" "$S/review.full"
golden review edit_review main_pane
check edit_written test "$(attr ed-main "$K1" name)" = '{"S":"edited"}'
check edit_number_written test "$(attr ed-main "$K1" qty)" = '{"N":"11"}'
check edit_set_kept test "$(attr ed-main "$K1" tags)" = '{"SS":["a","b"]}'
check edit_saved_message grep -q "saved pk=alpha, sk=1 in ed-main (u undoes it)" <(bottom edit_saved)
check edit_grid_updated grep -q "alpha .* edited" "$S/edit_saved.full"
check edit_recovery_removed sh -c "! ls '$XDG_STATE_HOME'/ddbtui/edit-*.json 2>/dev/null"
check journal_mode_0600 test "$(stat -c %a "$XDG_STATE_HOME/ddbtui/journal.jsonl")" = 600
check journal_dir_0700 test "$(stat -c %a "$XDG_STATE_HOME/ddbtui")" = 700
check journal_has_before python3 -c '
import json, sys
e = json.loads(open(sys.argv[1]).readline())
assert e["op"] == "put" and e["before"]["name"] == {"S": "first"} and e["after"]["name"] == {"S": "edited"}
' "$XDG_STATE_HOME/ddbtui/journal.jsonl"

# raw DynamoDB JSON when the grid shows it (v), from the item view too
fresh raw
step 1 'text = text.replace("{\"S\": \"edited\"}", "{\"S\": \"raw edit\"}")'
tui raw <<EOF
:scan ed-main
keys Enter v e y
:save-screen $S/raw.full
EOF
check edit_raw_in_editor grep -q '"name": {"S": "edited"}' "$F/seen.1"
check edit_raw_written test "$(attr ed-main "$K1" name)" = '{"S":"raw edit"}'
check edit_item_view_follows grep -q '"name": {"S": "raw edit"}' "$S/raw.full"

# invalid JSON, then a wrong type, reopen the editor with the error on top and the text intact
fresh invalid
step 1 'text = text.replace("\"name\": \"raw edit\",", "\"name\": \"broken\" oops,")'
step 2 'assert text.startswith("// ddbtui: not saved: line "), text
text = text.replace("\"broken\" oops,", "\"fixed\",").replace("\"b\"\n  ]", "\"b\", \"b\"\n  ]")'
step 3 'text = text.replace("\"b\", \"b\"", "\"b\", \"c\"")'
tui invalid <<EOF
:scan ed-main
keys e
:save-screen $S/invalid.full
keys y
EOF
check invalid_reopened test "$(cat "$F/count")" = 3
check invalid_error_header grep -qE '^// ddbtui: not saved: line [0-9]+, column [0-9]+' "$F/seen.2"
check invalid_text_intact grep -q '"name": "broken" oops,' "$F/seen.2"
# the line in the message is the file's line, header included
line=$(sed -nE 's#^// ddbtui: not saved: line ([0-9]+),.*#\1#p' "$F/seen.2")
check invalid_line_number sh -c "sed -n '${line}p' '$F/seen.2' | grep -q oops"
check invalid_type_error grep -qi "^// ddbtui: not saved: .*tags.*duplicate" "$F/seen.3"
check invalid_header_once test "$(grep -c '^// ddbtui' "$F/seen.3")" = 1
check invalid_saved_after_fix test "$(attr ed-main "$K1" name)" = '{"S":"fixed"}'
check invalid_set_written test "$(attr ed-main "$K1" tags)" = '{"SS":["a","b","c"]}'

# the editor gives up (the text unchanged after an error): nothing written, the text kept
fresh giveup
step 1 'text = text.replace("\"fixed\"", "\"never\" %%%")'
SIZE=300x30 tui giveup <<EOF
:scan ed-main
keys e
:save-screen $S/giveup.full
EOF
rec=$(cat "$F/path.1")
check giveup_message grep -q "not saved: the text did not change after the error (your text is in $rec)" <(bottom giveup)
check giveup_not_written test "$(attr ed-main "$K1" name)" = '{"S":"fixed"}'
check giveup_recovery_kept grep -q '"never" %%%' "$rec"
check giveup_recovery_0600 test "$(stat -c %a "$rec")" = 600
rm -f "$rec"

# n discards, an unchanged item writes nothing
fresh nochange
tui nochange <<EOF
:scan ed-main
keys e
:save-screen $S/nochange.full
EOF
check nochange_message grep -q "no changes: nothing written" <(bottom nochange)
check nochange_no_recovery sh -c "! ls '$XDG_STATE_HOME'/ddbtui/edit-*.json 2>/dev/null"

# --- a concurrent change between load and save is reported with both versions, not overwritten ---
fresh conflict
step 1 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'update-item', '--table-name', 'ed-conflict', '--key', '$K1', '--update-expression', 'SET qty = :q', '--expression-attribute-values', '{\":q\":{\"N\":\"99\"}}'], check=True)
text = text.replace('\"first\"', '\"mine\"')"
SIZE=100x60 tui conflict <<EOF
:scan ed-conflict
keys e y
:save-screen $S/conflict.full
keys e y
:save-screen $S/conflict_resolved.full
EOF
check conflict_reported grep -q "Not saved: pk=alpha, sk=1 changed in ed-conflict since it was loaded." "$S/conflict.full"
check conflict_not_overwritten_said grep -q "Nothing was overwritten." "$S/conflict.full"
check conflict_shows_current grep -q "The current version:" "$S/conflict.full"
check conflict_shows_mine grep -q "Your version (plain JSON):" "$S/conflict.full"
check conflict_diff grep -q '~ qty  99 → 10' "$S/conflict.full"
golden conflict edit_conflict main_pane
# e edits the user's text again on top of the current version; y then writes it knowingly
check conflict_resolved_written test "$(attr ed-conflict "$K1" name)" = '{"S":"mine"}'
check conflict_resolved_qty test "$(attr ed-conflict "$K1" qty)" = '{"N":"10"}'
# and the concurrent change alone, with nothing re-edited, stays as the other writer left it
put ed-conflict "$ITEM1"
fresh conflict2
step 1 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'update-item', '--table-name', 'ed-conflict', '--key', '$K1', '--update-expression', 'SET meta.l[0] = :q', '--expression-attribute-values', '{\":q\":{\"S\":\"theirs\"}}'], check=True)
text = text.replace('\"first\"', '\"mine\"')"
tui conflict2 <<EOF
:scan ed-conflict
keys e y
:save-screen $S/conflict2.full
keys Esc
:save-screen $S/conflict2_closed.full
EOF
check conflict_nested_detected grep -q "changed in ed-conflict since it was loaded" "$S/conflict2.full"
check conflict_not_overwritten test "$(attr ed-conflict "$K1" name)" = '{"S":"first"}'
check conflict_theirs_kept test "$(attr ed-conflict "$K1" meta)" = '{"M":{"x":{"N":"1"},"l":{"L":[{"S":"theirs"}]}}}'
check conflict_text_kept grep -q "not saved: your text is in" <(bottom conflict2_closed)
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json

# m merges: the editor opens on the current version with the user's changes done to it (both
# changed qty: the user's value, named on top); saved as it is, their meta.x stays
put ed-conflict "$ITEM1"
fresh merge
step 1 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'update-item', '--table-name', 'ed-conflict', '--key', '$K1', '--update-expression', 'SET qty = :q, meta.x = :x', '--expression-attribute-values', '{\":q\":{\"N\":\"99\"},\":x\":{\"N\":\"5\"}}'], check=True)
text = text.replace('\"first\"', '\"mine\"').replace('\"qty\": 10', '\"qty\": 11')"
step 2 'lines = text.split("\n")
assert lines[0] == "// ddbtui: not saved: your changes, done to the current version (theirs kept); save to go on", lines
assert lines[1] == "// changed by both, yours kept (check them): qty", lines
import json
body = json.loads("\n".join(l for l in lines if not l.startswith("//")))
assert body["name"] == "mine" and body["qty"] == 11 and body["meta"]["x"] == 5, body'
SIZE=100x60 tui merge <<EOF
:scan ed-conflict
keys e y
:save-screen $S/merge_conflict.full
keys m
:save-screen $S/merge_review.full
keys y
:save-screen $S/merge_saved.full
EOF
check merge_offered grep -q "m merges your changes into the current version" "$S/merge_conflict.full"
check merge_editor_ran test -f "$F/out.2"
check merge_review_mine_only grep -q '~ name  "first" → "mine"' "$S/merge_review.full"
check merge_review_both grep -q '~ qty  99 → 11' "$S/merge_review.full"
check merge_review_no_revert sh -c "! grep -q '~ meta' '$S/merge_review.full'"
check merge_saved grep -q "saved pk=alpha, sk=1 in ed-conflict" <(bottom merge_saved)
check merge_name test "$(attr ed-conflict "$K1" name)" = '{"S":"mine"}'
check merge_qty_mine test "$(attr ed-conflict "$K1" qty)" = '{"N":"11"}'
check merge_theirs_kept test "$(attr ed-conflict "$K1" meta)" = '{"M":{"x":{"N":"5"},"l":{"L":[{"S":"q"}]}}}'
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json

# an attribute another client ADDS between load and save (no condition can see it): the item is
# read and compared whole before the write, so it is reported with both versions, not overwritten
put ed-conflict "$ITEM1"
fresh added
step 1 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'update-item', '--table-name', 'ed-conflict', '--key', '$K1', '--update-expression', 'SET added_meanwhile = :a', '--expression-attribute-values', '{\":a\":{\"S\":\"theirs\"}}'], check=True)
text = text.replace('\"first\"', '\"mine too\"')"
SIZE=100x60 tui added <<EOF
:scan ed-conflict
keys e y
:save-screen $S/added.full
keys Esc
EOF
check added_reported grep -q "Not saved: pk=alpha, sk=1 changed in ed-conflict since it was loaded." "$S/added.full"
check added_shown grep -q '+ added_meanwhile  "theirs"' "$S/added.full"
check added_kept test "$(attr ed-conflict "$K1" added_meanwhile)" = '{"S":"theirs"}'
check added_not_overwritten test "$(attr ed-conflict "$K1" name)" = '{"S":"first"}'
check added_not_journaled sh -c "! grep -q 'mine too' '$XDG_STATE_HOME/ddbtui/journal.jsonl'"
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json

# and one added in the moment between that read and the write: a proxy on loopback adds it just
# before it forwards the write; the edit goes as an update of the attributes edited, so it is kept
put ed-conflict "$ITEM1"
cat >"$S/window.py" <<'PY'
import http.server, os, subprocess, sys, urllib.error, urllib.request
up = os.environ["ENDPOINT"]
class H(http.server.BaseHTTPRequestHandler):
    done = False
    def log_message(self, *a):
        pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        op = self.headers.get("X-Amz-Target", "").split(".")[-1]
        if op in ("PutItem", "UpdateItem") and not H.done:
            H.done = True
            open(os.environ["WINDOW_LOG"], "w").write(op + "\n")
            subprocess.run(["aws", "--endpoint-url", up, "--region", "us-east-1", "dynamodb", "update-item",
                            "--table-name", "ed-conflict", "--key", sys.argv[1], "--update-expression",
                            "SET in_the_window = :w", "--expression-attribute-values", '{":w":{"N":"7"}}'], check=True)
        req = urllib.request.Request(up, data=body, method="POST",
                                     headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
        try:
            r = urllib.request.urlopen(req)
        except urllib.error.HTTPError as e:
            r = e
        data = r.read()
        self.send_response(r.status)
        for k, v in r.headers.items():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "date", "server"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
WINDOW_LOG="$S/window.log" /usr/bin/python3 "$S/window.py" "$K1" >"$S/window.port" 2>"$S/window.err" &
WINDOW_PID=$!
for _ in $(seq 50); do [ -s "$S/window.port" ] && break; sleep 0.1; done
fresh window
step 1 'text = text.replace("\"first\"", "\"mine\"")'
ENDPOINT_SAVED=$ENDPOINT
ENDPOINT="http://127.0.0.1:$(head -1 "$S/window.port")"
tui window <<EOF
:scan ed-conflict
keys e y
:save-screen $S/window.full
EOF
ENDPOINT=$ENDPOINT_SAVED
kill "$WINDOW_PID" 2>/dev/null
wait "$WINDOW_PID" 2>/dev/null
check window_hit grep -q UpdateItem "$S/window.log"
check window_saved test "$(attr ed-conflict "$K1" name)" = '{"S":"mine"}'
check window_added_kept test "$(attr ed-conflict "$K1" in_the_window)" = '{"N":"7"}'
check window_message grep -q "saved pk=alpha, sk=1 in ed-conflict, with attributes someone else added meanwhile kept" <(bottom window)
check window_rest_untouched test "$(attr ed-conflict "$K1" meta)" = '{"M":{"x":{"N":"1"},"l":{"L":[{"S":"q"}]}}}'
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json

# --- e on query results: Q builder, Run, then e through the editor; on a GSI's keys-only rows
# the whole item is read first ---
awsl dynamodb create-table --table-name ed-query --billing-mode PAY_PER_REQUEST \
	--attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
	AttributeName=name,AttributeType=S \
	--key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
	--global-secondary-indexes 'IndexName=by-name,KeySchema=[{AttributeName=name,KeyType=HASH}],Projection={ProjectionType=KEYS_ONLY}' >/dev/null
sleep 0.3
for i in 1 2 3; do
	put ed-query "{\"pk\":{\"S\":\"alpha\"},\"sk\":{\"N\":\"$i\"},\"name\":{\"S\":\"n$i\"},\"qty\":{\"N\":\"$i\"},\"tags\":{\"SS\":[\"a\"]}}"
done
put ed-query '{"pk":{"S":"beta"},"sk":{"N":"1"},"name":{"S":"other"},"qty":{"N":"9"}}'
KQ2='{"pk":{"S":"alpha"},"sk":{"N":"2"}}'
before_q=$(awsl dynamodb scan --table-name ed-query | python3 -c 'import json,sys; print(json.dumps(sorted(json.load(sys.stdin)["Items"], key=lambda i: (i["pk"]["S"], i["sk"]["N"])), sort_keys=True))')
fresh query
step 1 'text = text.replace("\"name\": \"n2\"", "\"name\": \"edited from a query\"")'
tui query <<EOF
:scan ed-query
keys Q Enter
type alpha
keys Enter R
:save-screen $S/query_results.full
keys j e
:save-screen $S/query_review.full
keys y
:save-screen $S/query_saved.full
EOF
check query_edit_results grep -q "Query ed-query — 3 rows" "$S/query_results.full"
check query_edit_editor_item grep -q '"sk": 2,' "$F/seen.1"
check query_edit_review grep -q '~ name  "n2" → "edited from a query"' "$S/query_review.full"
check query_edit_written test "$(attr ed-query "$KQ2" name)" = '{"S":"edited from a query"}'
check query_edit_saved_message grep -q "saved pk=alpha, sk=2 in ed-query" <(bottom query_saved)
check query_edit_grid_updated grep -q "edited from a query" "$S/query_saved.full"
# exactly the attribute edited changed, in that item alone (boto3's view of the whole table)
check query_edit_only_that /usr/bin/python3 -c '
import json, sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
items = sorted(db.scan(TableName="ed-query")["Items"], key=lambda i: (i["pk"]["S"], i["sk"]["N"]))
before = json.loads(sys.argv[2])
before[1]["name"] = {"S": "edited from a query"}
assert json.dumps(items, sort_keys=True) == json.dumps(before, sort_keys=True), items
' "$ENDPOINT" "$before_q"
# the GSI (keys only): e reads the whole item, so the editor sees every attribute
fresh queryidx
step 1 'text = text.replace("\"qty\": 3", "\"qty\": 33")'
tui queryidx <<EOF
:scan ed-query
keys Q k Right j Enter
type n3
keys Enter R
:save-screen $S/query_index.full
keys e y
:save-screen $S/query_index_saved.full
EOF
check query_index_rows grep -q "Query ed-query — 1 row" "$S/query_index.full"
check query_index_whole_item grep -q '"tags": \[' "$F/seen.1"
check query_index_written test "$(attr ed-query '{"pk":{"S":"alpha"},"sk":{"N":"3"}}' qty)" = '{"N":"33"}'
check query_index_name_kept test "$(attr ed-query '{"pk":{"S":"alpha"},"sk":{"N":"3"}}' name)" = '{"S":"n3"}'
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json

# --- a changed key: asks, then copies to the new key and deletes the old item ---
fresh key
step 1 'text = text.replace("\"alpha\"", "\"zulu\"")'
tui keyno <<EOF
:scan ed-key
keys e y
:save-screen $S/key_ask.full
type no
keys Enter Esc
EOF
check key_asks grep -q "The key changed: copy the item to pk=zulu, sk=1, then delete pk=alpha, sk=1? (type yes)" <(bottom key_ask)
check key_review_warns grep -q "The key changed (pk=alpha, sk=1 → pk=zulu, sk=1)" "$S/key_ask.full"
check key_no_keeps_old exists ed-key "$K1" name
check key_no_no_copy absent ed-key '{"pk":{"S":"zulu"},"sk":{"N":"1"}}' name
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json
fresh key
step 1 'text = text.replace("\"alpha\"", "\"zulu\"")'
tui key <<EOF
:scan ed-key
keys e y
type yes
keys Enter
:save-screen $S/key.full
EOF
check key_copied test "$(attr ed-key '{"pk":{"S":"zulu"},"sk":{"N":"1"}}' name)" = '{"S":"first"}'
check key_copy_whole test "$(attr ed-key '{"pk":{"S":"zulu"},"sk":{"N":"1"}}' tags)" = '{"SS":["a","b"]}'
check key_old_deleted test -z "$(attr ed-key "$K1" name)"
check key_message grep -q "moved pk=alpha, sk=1 to pk=zulu, sk=1 in ed-key" <(bottom key)
check key_grid_one_row grep -q "Scan ed-key — 1 row" "$S/key.full"
# a move onto a key that is taken: nothing written, the other item untouched; e reopens the text
# with that on top, and another key moves the item loaded (never the one that had the key)
put ed-key '{"pk":{"S":"kilo"},"sk":{"N":"1"},"name":{"S":"mover"}}'
put ed-key '{"pk":{"S":"lima"},"sk":{"N":"1"},"name":{"S":"someone else"}}'
fresh keytaken
step 1 'text = text.replace("\"kilo\"", "\"lima\"")'
step 2 'assert text.startswith("// ddbtui: not saved: an item with the key pk=lima, sk=1 exists in ed-key already"), text
text = text.replace("\"lima\"", "\"mike\"")'
tui keytaken <<EOF
:scan ed-key
keys / C-u
type kilo
keys Enter e y
type yes
keys Enter
:save-screen $S/key_taken.full
keys e
:save-screen $S/key_taken_review.full
keys y
type yes
keys Enter
:save-screen $S/key_taken_moved.full
EOF
check key_taken_reported grep -q "Not saved: an item with the key pk=lima, sk=1 exists in ed-key already" "$S/key_taken.full"
check key_taken_review_moves grep -q "The key changed (pk=kilo, sk=1 → pk=mike, sk=1)" "$S/key_taken_review.full"
check key_taken_moved grep -q "moved pk=kilo, sk=1 to pk=mike, sk=1 in ed-key" <(bottom key_taken_moved)
check key_taken_copy test "$(attr ed-key '{"pk":{"S":"mike"},"sk":{"N":"1"}}' name)" = '{"S":"mover"}'
check key_taken_old_gone absent ed-key '{"pk":{"S":"kilo"},"sk":{"N":"1"}}' name
check key_taken_other_kept test "$(attr ed-key '{"pk":{"S":"lima"},"sk":{"N":"1"}}' name)" = '{"S":"someone else"}'

# --- a: a new item from the key template; an existing key is refused ---
fresh new
step 1 'assert "\"pk\": \"\"" in text and "\"sk\": 0" in text, text
text = "{\"pk\": \"bravo\", \"sk\": 2, \"note\": \"new one\", \"n\": 12345678901234567890123456789012345678}"'
step 2 'text = "{\"pk\": \"alpha\", \"sk\": 1, \"note\": \"clash\"}"'
step 3 'assert text.startswith("// ddbtui: not saved: an item with the key pk=alpha, sk=1 exists in ed-new already: change the key"), text
text = text.replace("\"sk\": 1", "\"sk\": 3")'
tui new <<EOF
:scan ed-new
keys a
:save-screen $S/new_review.full
keys y
:save-screen $S/new.full
keys a y
:save-screen $S/new_clash.full
keys e
:save-screen $S/new_clash_review.full
keys y
:save-screen $S/new_clash_saved.full
EOF
check new_template grep -q '"sk": 0' "$F/seen.1"
check new_review grep -q "Write the new item pk=bravo, sk=2 to ed-new?" "$S/new_review.full"
check new_written test "$(attr ed-new '{"pk":{"S":"bravo"},"sk":{"N":"2"}}' note)" = '{"S":"new one"}'
check new_38_digits test "$(attr ed-new '{"pk":{"S":"bravo"},"sk":{"N":"2"}}' n)" = '{"N":"12345678901234567890123456789012345678"}'
check new_grid_row grep -q "Scan ed-new — 2 rows" "$S/new.full"
check new_clash_reported grep -q "Not saved: an item with the key pk=alpha, sk=1 exists in ed-new already" "$S/new_clash.full"
check new_clash_not_overwritten test "$(attr ed-new "$K1" name)" = '{"S":"first"}'
# e from that conflict: the same text, the clash said on top; still a new item (not a change of
# the item that has the key), so another key makes it a new item and the other stays
check new_clash_hint grep -q "e edits your text again, to give it another key" "$S/new_clash.full"
check new_clash_reopened grep -q '"note": "clash"' "$F/seen.3"
check new_clash_review_new grep -q "Write the new item pk=alpha, sk=3 to ed-new?" "$S/new_clash_review.full"
check new_clash_written test "$(attr ed-new '{"pk":{"S":"alpha"},"sk":{"N":"3"}}' note)" = '{"S":"clash"}'
check new_clash_other_kept test "$(attr ed-new "$K1" name)" = '{"S":"first"}'
check new_clash_other_untouched absent ed-new "$K1" note
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json

# --- p: a copy under a new key (the original's key is refused in the editor) ---
fresh dup
step 1 'text = text.replace("\"first\"", "\"copy\"")'
step 2 'assert "still has the original" in text, text
text = text.replace("\"sk\": 1", "\"sk\": 7")'
tui dup <<EOF
:scan ed-new
keys g p y
:save-screen $S/dup.full
EOF
check dup_refuses_same_key grep -q "^// ddbtui: not saved: the copy still has the original's key" "$F/seen.2"
check dup_written test "$(attr ed-new '{"pk":{"S":"alpha"},"sk":{"N":"7"}}' name)" = '{"S":"copy"}'
check dup_original_kept test "$(attr ed-new "$K1" name)" = '{"S":"first"}'

# --- x: delete after a confirmation ---
tui delno <<EOF
:scan ed-del
keys x
:save-screen $S/del_ask.full
type n
keys Enter
EOF
check del_asks grep -q "Delete pk=alpha, sk=1 from ed-del? (y/n)" <(bottom del_ask)
check del_no_kept exists ed-del "$K1" name
tui del <<EOF
:scan ed-del
keys x
type y
keys Enter
:save-screen $S/del.full
EOF
check del_deleted test -z "$(attr ed-del "$K1" name)"
check del_message grep -q "deleted pk=alpha, sk=1 from ed-del (u undoes it)" <(bottom del)
check del_grid_empty grep -q "Scan ed-del — 0 rows" "$S/del.full"

# a change between load and delete: not deleted, both versions shown; the refused write's journal
# entry is marked undone at once (u will not offer it)
put ed-del '{"pk":{"S":"beta"},"sk":{"N":"1"},"v":{"N":"1"}}'
put ed-del '{"pk":{"S":"gamma"},"sk":{"N":"1"}}'
fresh delconflict
step 1 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'update-item', '--table-name', 'ed-del', '--key', '{\"pk\":{\"S\":\"beta\"},\"sk\":{\"N\":\"1\"}}', '--update-expression', 'SET v = :q', '--expression-attribute-values', '{\":q\":{\"N\":\"2\"}}'], check=True)
text = ''"
tui delconflict <<EOF
:scan ed-del
keys / C-u
type gamma
keys Enter e / C-u
type beta
keys Enter x
type y
keys Enter
:save-screen $S/del_conflict.full
EOF
check del_conflict_reported grep -q "Not deleted: pk=beta, sk=1 changed in ed-del since it was loaded." "$S/del_conflict.full"
check del_conflict_diff grep -q "~ v  1 → 2" "$S/del_conflict.full"
check del_conflict_kept test "$(attr ed-del '{"pk":{"S":"beta"},"sk":{"N":"1"}}' v)" = '{"N":"2"}'
# the change was seen before anything was sent: no journal entry is left for u to offer
check del_conflict_not_journaled python3 -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
undone = {l["undone"] for l in lines if "undone" in l}
left = [l for l in lines if "id" in l and l["id"] not in undone and l.get("key", {}).get("pk") == {"S": "beta"}]
assert not left, left
' "$XDG_STATE_HOME/ddbtui/journal.jsonl"

# --- marks, and a batch delete of 30 marked rows with the count in the confirmation ---
python3 - <<'PY'
import json, os, subprocess
reqs = [{"PutRequest": {"Item": {"pk": {"S": f"del-{i:02d}"}, "sk": {"N": "1"}, "v": {"N": str(i)}}}} for i in range(30)]
reqs += [{"PutRequest": {"Item": {"pk": {"S": f"keep-{i}"}, "sk": {"N": "1"}}}} for i in range(5)]
for i in range(0, len(reqs), 25):
    left = {"ed-bulk": reqs[i:i + 25]}
    while left:
        out = subprocess.run(["aws", "--endpoint-url", os.environ["ENDPOINT"], "--region", "us-east-1",
                              "--output", "json", "dynamodb", "batch-write-item", "--request-items",
                              json.dumps(left)], check=True, capture_output=True, text=True).stdout
        left = json.loads(out).get("UnprocessedItems") or {}
PY
tui marks <<EOF
:scan ed-bulk
keys g Space Space j V
:save-screen $S/marks.full
keys * *
:save-screen $S/marks_cleared.full
keys / C-u
type del-
keys Enter *
:save-screen $S/marks_all.full
keys / C-u Enter x
:save-screen $S/marks_ask.full
type 30
keys Enter
:save-screen $S/marks_done.full
EOF
check marks_space_v grep -q "\[4 marked\]" "$S/marks.full"
check marks_column test "$(grep -c '│\*' "$S/marks.full")" = 4
golden marks edit_marks main_pane
check marks_star_toggles sh -c "! head -1 '$S/marks_cleared.full' | grep -q marked"
check marks_all_filtered grep -q "30 of 35 rows (all) filter: del- \[30 marked\]" "$S/marks_all.full"
check marks_confirm_count grep -q "Delete 30 marked items from ed-bulk? (type 30)" <(bottom marks_ask)
check marks_batch_deleted test "$(count ed-bulk)" = 5
check marks_rows_removed grep -q "Scan ed-bulk — 5 rows" "$S/marks_done.full"
check marks_done_message grep -q "deleted 30 items from ed-bulk" <(bottom marks_done)
check marks_journaled test "$(grep -c '"table":"ed-bulk","op":"delete"' "$XDG_STATE_HOME/ddbtui/journal.jsonl")" = 30
# a wrong count deletes nothing
tui marksno <<EOF
:scan ed-bulk
keys * x
type 4
keys Enter
:save-screen $S/marks_wrong.full
EOF
check marks_wrong_count grep -q "not deleted (the count typed was not 5)" <(bottom marks_wrong)
check marks_wrong_kept test "$(count ed-bulk)" = 5
# u restores a batch-deleted item (one at a time)
tui marksundo <<EOF
:scan ed-bulk
keys u
type y
keys Enter
:save-screen $S/marks_undo.full
EOF
check marks_undo_one test "$(count ed-bulk)" = 6
check marks_undo_row grep -q "Scan ed-bulk — 6 rows" "$S/marks_undo.full"

# the issue's size: 1,000 marked (all rows loaded with M, filtered, * marks them) of 1,200 go in
# one batch delete; the 200 left are exactly the unmarked ones (boto3)
new_table ed-bulk1k
sleep 0.3
/usr/bin/python3 - "$ENDPOINT" <<'PY'
import sys, boto3
t = boto3.resource("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1").Table("ed-bulk1k")
with t.batch_writer() as b:
    for i in range(1200):
        b.put_item(Item={"pk": ("gone-%04d" if i < 1000 else "stay-%04d") % i, "sk": 1, "v": i})
PY
tui bulk1k <<EOF
:scan ed-bulk1k
keys M / C-u
type gone-
keys Enter *
:save-screen $S/bulk1k_marked.full
keys x
:save-screen $S/bulk1k_ask.full
type 1000
keys Enter
:save-screen $S/bulk1k_done.full
EOF
check bulk1k_marked grep -q "1000 of 1200 rows (all) filter: gone- \[1000 marked\]" "$S/bulk1k_marked.full"
check bulk1k_confirm grep -q "Delete 1000 marked items from ed-bulk1k? (type 1000)" <(bottom bulk1k_ask)
check bulk1k_message grep -q "deleted 1000 items from ed-bulk1k" <(bottom bulk1k_done)
check bulk1k_rest_left /usr/bin/python3 -c '
import sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
keys, start = [], {}
while True:
    page = db.scan(TableName="ed-bulk1k", **start)
    keys += [i["pk"]["S"] for i in page["Items"]]
    if "LastEvaluatedKey" not in page:
        break
    start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}
assert sorted(keys) == ["stay-%04d" % i for i in range(1000, 1200)], (len(keys), sorted(keys)[:3])
' "$ENDPOINT"
check bulk1k_journaled test "$(grep -c '"table":"ed-bulk1k","op":"delete"' "$XDG_STATE_HOME/ddbtui/journal.jsonl")" = 1000

# a batch delete reads the marked items again first (BatchWriteItem takes no condition): one
# changed by someone else since it was loaded stops the whole delete; one deleted meanwhile is
# only left out. The journal keeps what was deleted as it was when read again.
new_table ed-bulkc
sleep 0.3
for i in 0 1 2 3; do
	awsl dynamodb put-item --table-name ed-bulkc --item "{\"pk\":{\"S\":\"c-$i\"},\"sk\":{\"N\":\"1\"},\"v\":{\"N\":\"$i\"}}"
done
KC1='{"pk":{"S":"c-1"},"sk":{"N":"1"}}'
KC2='{"pk":{"S":"c-2"},"sk":{"N":"1"}}'
fresh bulkc
step 1 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'update-item', '--table-name', 'ed-bulkc', '--key', '$KC1', '--update-expression', 'SET v = :v', '--expression-attribute-values', '{\":v\":{\"N\":\"99\"}}'], check=True)"
step 2 "subprocess.run(['aws', '--endpoint-url', os.environ['ENDPOINT'], '--region', 'us-east-1', 'dynamodb', 'delete-item', '--table-name', 'ed-bulkc', '--key', '$KC2'], check=True)"
tui bulkc <<EOF
:scan ed-bulkc
keys * e
keys x
type 4
keys Enter
:save-screen $S/bulkc_changed.full
keys r * e
keys x
type 4
keys Enter
:save-screen $S/bulkc_gone.full
EOF
check bulkc_changed_refused grep -q "not deleted: 1 of the 4 marked items changed since they were loaded (r reloads them)" <(bottom bulkc_changed)
check bulkc_gone_deleted grep -q "deleted 3 items from ed-bulkc" <(bottom bulkc_gone)
check bulkc_all_gone test "$(count ed-bulkc)" = 0
check bulkc_journal_current /usr/bin/python3 -c '
import json, os, sys
es = [json.loads(l) for l in open(sys.argv[1]) if "\"ed-bulkc\"" in l]
assert len(es) == 3, len(es)
v = {e["key"]["pk"]["S"]: e["before"]["v"]["N"] for e in es}
assert v == {"c-0": "0", "c-1": "99", "c-3": "3"}, v
' "$XDG_STATE_HOME/ddbtui/journal.jsonl"

# --- undo: twice in a row, after a restart, and of an item changed since ---
export XDG_STATE_HOME="$S/state.undo"
KU='{"pk":{"S":"alpha"},"sk":{"N":"1"}}'
fresh undo
step 1 'text = text.replace("\"qty\": 10", "\"qty\": 20")'
step 2 'text = text.replace("\"qty\": 20", "\"qty\": 30")'
SIZE=300x30 tui undo <<EOF
:scan ed-undo
keys e y e y
:save-screen $S/undo_0.full
keys u
:save-screen $S/undo_ask.full
type y
keys Enter
:save-screen $S/undo_1.full
keys u
type y
keys Enter
:save-screen $S/undo_2.full
keys u
:save-screen $S/undo_3.full
EOF
check undo_setup test "$(cat "$F/count")" = 2
# u says what it will change before it changes it, and asks
check undo_names_first grep -qE "undo in ed-undo: put back the old version of pk=alpha, sk=1 \(#2 put, .*\)\? \(y/n\)" <(bottom undo_ask)
check undo_first grep -q "undone #2 (put): pk=alpha, sk=1 in ed-undo is as it was before" <(bottom undo_1)
check undo_twice grep -q "undone #1 (put)" <(bottom undo_2)
check undo_restored test "$(attr ed-undo "$KU" qty)" = '{"N":"10"}'
check undo_grid grep -q "alpha .* 10" "$S/undo_2.full"
check undo_nothing_left grep -q "nothing to undo" <(bottom undo_3)
# a write in one process, undone by the next
fresh restart
step 1 'text = text.replace("\"qty\": 10", "\"qty\": 40")'
tui restart1 <<EOF
:scan ed-undo
keys e y
EOF
check restart_written test "$(attr ed-undo "$KU" qty)" = '{"N":"40"}'
tui restart2 <<EOF
keys u
type y
keys Enter
:save-screen $S/restart.full
EOF
check undo_after_restart test "$(attr ed-undo "$KU" qty)" = '{"N":"10"}'
# a delete undone after a restart
tui restart3 <<EOF
:scan ed-undo
keys x
type y
keys Enter
EOF
check restart_deleted test -z "$(attr ed-undo "$KU" qty)"
SIZE=300x30 tui restart4 <<EOF
keys u
:save-screen $S/restart4_ask.full
type y
keys Enter
EOF
check undo_names_restore grep -qE "restore the deleted item pk=alpha, sk=1 .*\(#[0-9]+ delete, .*\)\? \(y/n\)" <(bottom restart4_ask)
check undo_delete_restores test "$(attr ed-undo "$KU" qty)" = '{"N":"10"}'
check undo_delete_whole test "$(attr ed-undo "$KU" tags)" = '{"SS":["a","b"]}'
# changed since: asks first; "no" keeps the newer change, "yes" restores the older version
fresh since
step 1 'text = text.replace("\"qty\": 10", "\"qty\": 50")'
tui since1 <<EOF
:scan ed-undo
keys e y
EOF
awsl dynamodb update-item --table-name ed-undo --key "$KU" --update-expression "SET qty = :q" \
	--expression-attribute-values '{":q":{"N":"77"}}' >/dev/null
SIZE=300x30 tui since2 <<EOF
keys u
type y
keys Enter
:save-screen $S/since_ask.full
type no
keys Enter
EOF
check undo_since_asks grep -qE "pk=alpha, sk=1 in ed-undo changed since that write \(#[0-9]+, .*\): overwrite it with the older version\? \(type yes\)" <(bottom since_ask)
check undo_since_no_keeps test "$(attr ed-undo "$KU" qty)" = '{"N":"77"}'
tui since3 <<EOF
keys u
type y
keys Enter
type yes
keys Enter
:save-screen $S/since_yes.full
EOF
check undo_since_yes test "$(attr ed-undo "$KU" qty)" = '{"N":"10"}'
# u acts on the table in view: a newer delete in another table is not undone from here, and
# from a table with nothing to undo it names the other table and asks (issue 21 item 1)
fresh scope
step 1 'text = text.replace("\"qty\": 10", "\"qty\": 60")'
new_table ed-scope
put ed-scope "$ITEM1"
tui scope1 <<EOF
:scan ed-undo
keys e y
:scan ed-scope
keys x
type y
keys Enter
EOF
check scope_setup test -z "$(attr ed-scope "$KU" qty)"
SIZE=300x30 tui scope2 <<EOF
:scan ed-undo
keys u
:save-screen $S/scope_ask.full
type y
keys Enter
EOF
check scope_this_table grep -q "undo in ed-undo: put back the old version of pk=alpha, sk=1" <(bottom scope_ask)
check scope_undone_here test "$(attr ed-undo "$KU" qty)" = '{"N":"10"}'
check scope_other_kept test -z "$(attr ed-scope "$KU" qty)"
SIZE=300x30 tui scope3 <<EOF
:scan ed-undo
keys u
:save-screen $S/scope_other.full
type n
keys Enter
:save-screen $S/scope_no.full
EOF
check scope_names_other grep -q "nothing to undo in ed-undo; the newest write is in another table, ed-scope: restore the deleted item pk=alpha, sk=1 there" <(bottom scope_other)
check scope_no_keeps test -z "$(attr ed-scope "$KU" qty)"
check scope_no_said grep -q "not undone" <(bottom scope_no)
tui scope4 <<EOF
:scan ed-undo
keys u
type y
keys Enter
EOF
check scope_other_yes test "$(attr ed-scope "$KU" qty)" = '{"N":"10"}'
check undo_journal_0600 test "$(stat -c %a "$XDG_STATE_HOME/ddbtui/journal.jsonl")" = 600

# --- the editor command is split at spaces and run without a shell ---
export XDG_STATE_HOME="$S/state.shell"
fresh shell
EDITOR="$FAKE; touch $S/pwned" tui shell1 <<EOF
:scan ed-main
keys e
:save-screen $S/shell1.full
EOF
check shell_not_run test ! -e "$S/pwned"
check shell_editor_error grep -q "cannot run the editor '$FAKE;'" <(bottom shell1)
check shell_no_editor_ran test ! -e "$F/count"
rm -f "$XDG_STATE_HOME"/ddbtui/edit-*.json
fresh shell
EDITOR="$FAKE --flag \$(touch $S/pwned2) \`touch $S/pwned3\`" tui shell2 <<EOF
:scan ed-main
keys e
EOF
check shell_args_literal grep -qxF '$(touch' "$F/argv.1"
check shell_args_flag grep -qxF -- '--flag' "$F/argv.1"
check shell_args_file_last sh -c "tail -1 '$F/argv.1' | grep -q 'edit-.*\.json$'"
check shell_no_substitution sh -c "test ! -e '$S/pwned2)' && test ! -e '$S/pwned2' && test ! -e '$S/pwned3'"
VISUAL="$FAKE --visual" EDITOR=/nonexistent tui shell3 <<EOF
:scan ed-main
keys e
EOF
check visual_first grep -qxF -- '--visual' "$F/argv.2"

# --- read-only: every write key is unavailable, nothing is run or written ---
export XDG_STATE_HOME="$S/state.ro"
fresh ro
ro_keys=""
for k in e a p x u; do
	tui ro_$k --read-only <<EOF
:scan ed-ro
keys $k
:save-screen $S/ro_$k.full
EOF
	grep -q "read-only mode: .* is unavailable" <(bottom ro_$k) || ro_keys="$ro_keys $k"
done
check readonly_every_key test -z "$ro_keys"
tui ro_marks --read-only <<EOF
:scan ed-ro
keys Space x
:save-screen $S/ro_marks.full
EOF
check readonly_batch grep -q "read-only mode: deleting the marked rows is unavailable" <(bottom ro_marks)
tui ro_item --read-only <<EOF
:scan ed-ro
keys Enter e
:save-screen $S/ro_item.full
EOF
check readonly_item_view grep -q "read-only mode: editing is unavailable" <(bottom ro_item)
check readonly_no_editor test ! -e "$F/count"
check readonly_unchanged test "$(attr ed-ro "$K1" name)" = '{"S":"first"}'
check readonly_no_journal test ! -e "$XDG_STATE_HOME/ddbtui/journal.jsonl"
