# dialogue.sh - the default dialogue (data/dialogue.txt) follows the seed format of
# cruddur-model.md, and the binary carries it (it is compiled in, see scripts/embed.sh).
# Lengths are Unicode code points: "café" is 4, "東京" is 2, "🎉" is 1, "🇨🇦" is 2.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
F=data/dialogue.txt

/usr/bin/python3 - "$F" <<'PY'
import re, sys
ok = True
def check(name, cond, why):
    global ok
    print(f"PASS {name}" if cond else f"FAIL {name}: {why}")
    ok = ok and cond
raw = open(sys.argv[1], "rb").read()
try:
    text = raw.decode("utf-8")
    check("dialogue_utf8", True, "")
except UnicodeDecodeError as e:
    check("dialogue_utf8", False, str(e))
    sys.exit(1)
check("dialogue_ends_with_newline", text.endswith("\n"), "the last line has no newline")
check("dialogue_no_cr", "\r" not in text, "carriage returns")
lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
pat = re.compile(r"^Person ([12]): (.+)$")
bad = [i + 1 for i, l in enumerate(lines) if not pat.match(l)]
check("dialogue_every_line_matches", not bad, f"lines {bad[:10]} are not 'Person N: <text>'")
texts = [(pat.match(l).group(1), pat.match(l).group(2)) for l in lines if pat.match(l)]
blank = [i + 1 for i, (_, t) in enumerate(texts) if not t.strip()]
check("dialogue_no_blank_message", not blank, f"blank messages on lines {blank[:10]}")
ws = [i + 1 for i, l in enumerate(lines) if l != l.rstrip() or re.match(r"^Person [12]: \s", l)]
check("dialogue_no_stray_whitespace", not ws, f"leading/trailing whitespace on lines {ws[:10]}")
alt = [i + 1 for i, (p, _) in enumerate(texts) if p != ("1" if i % 2 == 0 else "2")]
check("dialogue_alternates_from_person_1", not alt, f"out of turn on lines {alt[:10]}")
check("dialogue_at_least_100_lines", len(lines) >= 100, f"{len(lines)} lines")
lens = [len(t) for _, t in texts]  # code points
check("dialogue_max_exactly_1024", lens and max(lens) == 1024, f"longest is {max(lens) if lens else 0}")
over = [i + 1 for i, n in enumerate(lens) if n > 1024]
check("dialogue_none_over_1024", not over, f"lines {over} are over 1024 code points")
nonascii = sum(1 for _, t in texts if not t.isascii())
check("dialogue_has_unicode", nonascii >= 5, f"only {nonascii} non-ASCII lines")
short = sum(1 for n in lens if n <= 80)
check("dialogue_mostly_short", short * 2 > len(lens), f"only {short} of {len(lens)} lines are short")
sys.exit(0 if ok else 1)
PY

# The binary carries the dialogue: its longest line and its last line are in it, byte for byte.
longest=$(awk '{ if (length($0) > length(m)) m = $0 } END { print m }' "$F")
in_binary() { # NAME WHAT TEXT
	if grep -qaF -- "$3" "$DDBTUI_BIN"; then pass "$1"; else fail "$1" "$DDBTUI_BIN lacks $2"; fi
}
in_binary dialogue_embedded_longest "the dialogue's longest line" "$longest"
in_binary dialogue_embedded_last "the dialogue's last line" "$(tail -n 1 "$F")"

# embed.sh: any bytes (NUL, 0xff, no final newline) come back exactly.
printf 'a\000b\377c' >"$TEST_TMP/bytes"
if scripts/embed.sh "$TEST_TMP/bytes" "$TEST_TMP/bytes.c" test_blob 2>"$TEST_TMP/err"; then
	cat >"$TEST_TMP/main.c" <<'C'
#include <stdio.h>
extern const unsigned char test_blob[];
extern const unsigned long test_blob_len;
int main(void)
{
	fwrite(test_blob, 1, test_blob_len, stdout);
	return test_blob[test_blob_len] != 0;
}
C
	if cc -std=c11 -Wall -Wextra -Werror -o "$TEST_TMP/blob" "$TEST_TMP/main.c" "$TEST_TMP/bytes.c" 2>"$TEST_TMP/err" &&
		"$TEST_TMP/blob" >"$TEST_TMP/bytes.out"; then
		check embed_roundtrip cmp -s "$TEST_TMP/bytes" "$TEST_TMP/bytes.out"
	else
		fail embed_roundtrip "$(head -3 "$TEST_TMP/err")"
	fi
else
	fail embed_roundtrip "embed.sh failed: $(head -3 "$TEST_TMP/err")"
fi
run scripts/embed.sh "$TEST_TMP/bytes" "$TEST_TMP/x.c" 9bad
expect embed_rejects_bad_symbol 2 "not a C identifier"
