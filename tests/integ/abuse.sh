# abuse.sh - 100,000 random keys and resizes in the headless UI against a seeded table: no crash,
# and (read-only) the table's data unchanged. Run under ASan/valgrind by make asan/valgrind.
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
N=${ABUSE_KEYS:-100000}
$DDBTUI schema-load >/dev/null 2>&1
$DDBTUI seed --count 300 >/dev/null 2>&1
snapshot cruddur-messages >"$TEST_TMP/before"

# gen SEED COUNT : a script of random keys (every bound key, letters, Unicode, control keys),
# typed text, commands and resizes (tiny ones included)
gen() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import random, sys
rnd = random.Random(int(sys.argv[1]))
n = int(sys.argv[2])
named = ["Enter", "Esc", "Tab", "S-Tab", "Backspace", "Space", "Up", "Down", "Left", "Right",
         "PgUp", "PgDn", "Home", "End", "Delete", "Insert", "F1", "C-c", "C-f", "C-b", "C-w",
         "C-u", "C-k", "C-a", "C-e"]
chars = list("qwertyuiopasdfghjklzxcvbnmQWERTYUIOPASDFGHJKLZXCVBNM1234567890?/:<>*.-") + ["é", "日", "😀"]
out, made = [], 0
while made < n:
    r = rnd.random()
    if r < 0.002:
        out.append(f"resize {rnd.randint(1, 160)} {rnd.randint(1, 50)}")
        made += 1
    elif r < 0.004:
        out.append(":" + rnd.choice(["scan cruddur-messages", "describe cruddur-messages", "log",
                                     "help", "conversations bayko", "seed", "nope", "scan nosuch"]))
        made += 1
    else:
        keys = []
        for _ in range(rnd.randint(1, 20)):
            keys.append(rnd.choice(named) if rnd.random() < 0.3 else rnd.choice(chars))
        # never the quit keys: the session must live through all of them
        keys = [k for k in keys if k not in ("q", "C-c")]
        if keys:
            out.append("keys " + " ".join(keys))
            made += len(keys)
print("\n".join(out))
PY
}

gen 1 "$N" >"$TEST_TMP/abuse_ro.script"
start=$(date +%s)
$DDBTUI --read-only --script "$TEST_TMP/abuse_ro.script" --size 100x30 >"$TEST_TMP/ro.out" 2>&1
rc=$?
check abuse_read_only_no_crash test "$rc" = 0
snapshot cruddur-messages >"$TEST_TMP/after"
check abuse_read_only_data_unchanged cmp -s "$TEST_TMP/before" "$TEST_TMP/after"
echo "# $N keys read-only in $(($(date +%s) - start)) s"

# writable: confirmations need typed names, so random keys may send a message or seed, but the
# process must survive every key
gen 2 $((N / 4)) >"$TEST_TMP/abuse_rw.script"
$DDBTUI --script "$TEST_TMP/abuse_rw.script" --size 80x24 >"$TEST_TMP/rw.out" 2>&1
rc=$?
check abuse_writable_no_crash test "$rc" = 0
check abuse_table_still_there sh -c "$DDBTUI describe-table >/dev/null 2>&1"
