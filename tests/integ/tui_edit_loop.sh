# tui_edit_loop.sh - the editor is never reopened without end (issue 20, item 1): an editor that
# drops ddbtui's "// ddbtui:" lines and saves the refused text again changed nothing, so the loop
# stops at the second run, on every path that reopens it (p with the original's key, e with
# invalid JSON, e after "an item with the key exists already"); an editor that changes the text
# each time but never fixes it is opened EDITOR_MAX_TRIES (5) times at most. Each time the text
# stays in its recovery file and nothing is written. Before the fix the editor ran until its
# step 12 emptied the file.
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S=$TEST_TMP
fake_editor
export XDG_STATE_HOME="$S/state"
T=el-main
K1='{"pk":{"S":"alpha"},"sk":{"N":"1"}}'

new_table $T
sleep 0.3
put $T '{"pk":{"S":"alpha"},"sk":{"N":"1"},"name":{"S":"first"}}'
snapshot $T >"$S/before.jsonl"

# runs 2..11 drop the header lines ddbtui puts on top (PYTHON before, if given); run 12 empties
# the file, so that a loop without end ends there
strip_steps() {
	local n
	for n in 2 3 4 5 6 7 8 9 10 11; do
		step $n "$1
text = ''.join(l for l in text.splitlines(True) if not l.startswith('//'))"
	done
	step 12 "text = ''"
}
unchanged_table() { check "$1_table_unchanged" cmp -s "$S/before.jsonl" <(snapshot $T); }

# p: the copy keeps the original's key, the editor saves it back without the header
fresh dup_same
step 1 'text = text.replace("\"first\"", "\"copy\"")'
strip_steps ''
printf ':scan %s\nkeys p\n:save-screen %s\n' $T "$S/dup_same.full" | tui dup_same
check dup_same_two_runs test "$(cat "$F/count")" = 2
check dup_same_said grep -q "not saved: the text did not change after the error" <(bottom dup_same)
check dup_same_file_kept test -s "$(cat "$F/path.1")"
unchanged_table dup_same

# e: invalid JSON saved again as it was, without the header
fresh json_same
step 1 'text = text.replace("\"first\"", "\"first\" oops")'
strip_steps ''
printf ':scan %s\nkeys e\n:save-screen %s\n' $T "$S/json_same.full" | tui json_same
check json_same_two_runs test "$(cat "$F/count")" = 2
check json_same_said grep -q "did not change after the error" <(bottom json_same)
unchanged_table json_same

# a, then e at "an item with the key ... exists already": the same text again, without the header
fresh taken_same
step 1 'text = "{\"pk\": \"alpha\", \"sk\": 1, \"note\": \"clash\"}"'
strip_steps ''
printf ':scan %s\nkeys a y\n:save-screen %s\nkeys e\n:save-screen %s\n' $T "$S/taken_ask.full" \
	"$S/taken_same.full" | tui taken_same
check taken_same_refused grep -q "exists" "$S/taken_ask.full"
check taken_same_two_runs test "$(cat "$F/count")" = 2
check taken_same_said grep -q "did not change after the error" <(bottom taken_same)
unchanged_table taken_same

# p: a different text each time, always with the original's key: 5 runs, then it gives up
fresh dup_bound
step 1 'text = text.replace("\"first\"", "\"copy 1\"")'
strip_steps 'import re
text = re.sub(r"copy \d+", "copy %d" % int(open(os.path.join(os.environ["FAKE_DIR"], "count")).read()), text)'
printf ':scan %s\nkeys p\n:save-screen %s\n' $T "$S/dup_bound.full" | SIZE=200x30 tui dup_bound
check dup_bound_five_runs test "$(cat "$F/count")" = 5
check dup_bound_said grep -q "not saved: the copy still has the original's key: change a key attribute (the editor was opened too many times; your text is in" <(bottom dup_bound)
check dup_bound_file_kept grep -q '"copy 5"' "$(cat "$F/path.1")"
unchanged_table dup_bound
