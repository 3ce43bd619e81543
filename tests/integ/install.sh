#!/bin/bash
# install.sh - `make install` into a staging root, then the installed tool: --help and --version,
# the man page (renders without warnings; names every command, flag and default key binding the
# program has, and nothing else), the bash and zsh completions (commands, flags, table names from
# the endpoint), and `make uninstall` leaving no file behind.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
dest=$TEST_TMP/root
prefix=/usr
bin=$dest$prefix/bin/ddbtui
page=$dest$prefix/share/man/man1/ddbtui.1
bashcomp=$dest$prefix/share/bash-completion/completions/ddbtui
zshcomp=$dest$prefix/share/zsh/site-functions/_ddbtui

# A make of our own: not the caller's jobserver or flags.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$root" "$@"; }

# --- make install -------------------------------------------------------------------------------
if ! mk install DESTDIR="$dest" PREFIX=$prefix >"$TEST_TMP/make.out" 2>&1; then
	fail install "make install failed: $(tail -5 "$TEST_TMP/make.out")"
	exit 1
fi
missing=""
for f in "$bin" "$page" "$dest$prefix/share/ddbtui/default.keys" \
	"$dest$prefix/share/ddbtui/dialogue.txt" "$bashcomp" "$zshcomp"; do
	[ -f "$f" ] || missing="$missing ${f#"$dest"}"
done
if [ -z "$missing" ] && [ -x "$bin" ] && cmp -s "$root/keymaps/default.keys" \
	"$dest$prefix/share/ddbtui/default.keys"; then
	pass install_files
else
	fail install_files "missing or wrong:$missing"
fi

# --- the installed binary -----------------------------------------------------------------------
run "$bin" --help
expect installed_help 0 '^Usage: ddbtui '
run "$bin" --version
if [ "$RC" = 0 ] && grep -q '^ddbtui [0-9]' <<<"$OUT" && grep -q '^ncurses [0-9]' <<<"$OUT" &&
	grep -q '^libcurl [0-9]' <<<"$OUT" && grep -q '^OpenSSL [0-9]' <<<"$OUT" &&
	grep -q '^cJSON [0-9]' <<<"$OUT"; then
	pass installed_version
else
	fail installed_version "exit $RC: $OUT"
fi

# --- the man page -------------------------------------------------------------------------------
if ! command -v man >/dev/null 2>&1; then
	fail man_renders "man is not installed (scripts/setup.sh installs man-db)"
	exit 1
fi
warn=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
if [ -z "$warn" ]; then pass man_renders; else fail man_renders "$(head -5 <<<"$warn")"; fi
# Wide, so that no table row wraps; the text the reader sees, not the roff.
LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$page" 2>/dev/null >"$TEST_TMP/man.txt"
"$bin" --help >"$TEST_TMP/help.txt" 2>&1
"$bin" --complete-words commands >"$TEST_TMP/commands.txt" 2>&1
"$bin" --complete-words keys >"$TEST_TMP/keys.txt" 2>&1
for c in $(cut -f1 "$TEST_TMP/commands.txt"); do
	"$bin" "$c" --help >"$TEST_TMP/help.$c.txt" 2>&1
done

/usr/bin/python3 - "$TEST_TMP" <<'EOF'
import re, sys

tmp = sys.argv[1]
def read(name):
    with open(f"{tmp}/{name}", encoding="utf-8") as f:
        return f.read()

man = read("man.txt")
for a, b in (("\u2212", "-"), ("\u2010", "-"), ("\u2019", "'"), ("\u2018", "'")):
    man = man.replace(a, b)

# Sections (a line at column 0) and their subsections (a line at column 3).
sections, cur = {}, None
for line in man.splitlines():
    if re.match(r"^[A-Z][A-Z ]+$", line):
        cur = line.strip()
        sections[cur] = []
    elif cur:
        sections[cur].append(line)

def subsections(lines):
    subs, name = {}, None
    for line in lines:
        m = re.match(r"^   (\S+)( \(.*\))?$", line)
        if m:
            name = m.group(1)
            subs[name] = []
        elif name:
            subs[name].append(line)
    return subs

def man_flags(lines):
    # .TP tags: a flag at the paragraph indent after a blank line, its help indented below (or
    # on the same line, after a tag shorter than the indent); not a wrapped line of a paragraph
    out = []
    for i, l in enumerate(lines):
        m = re.match(r"^ {7}(--[a-z0-9-]+)", l)
        if not m or (i > 0 and lines[i - 1].strip()):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.startswith(" " * 14) or re.match(r"^ {7}--\S{1,5} +\S", l):
            out.append(m.group(1))
    return out

def help_block(text, title):
    out, on = [], False
    for line in text.splitlines():
        if line.startswith(title):
            on = True
            continue
        if on and not line.strip():
            break
        if on:
            out.append(line.split()[0])
    return out

def check(name, ok, why):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")

def same(name, program, page):
    p, m = set(program), set(page)
    check(name, p == m and len(page) == len(m),
          f"only in the program: {sorted(p - m)}; only in the man page: {sorted(m - p)}; "
          f"listed twice in the page: {sorted(x for x in m if page.count(x) > 1)}")

for s in ("NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "KEY BINDINGS",
          "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"):
    if s not in sections:
        check("man_sections", False, f"no {s} section (have {sorted(sections)})")
        break
else:
    check("man_sections", True, "")

helptext = read("help.txt")
same("man_global_flags", help_block(helptext, "Global options"),
     man_flags(sections.get("GLOBAL OPTIONS", [])))
commands = [l.split("\t")[0] for l in read("commands.txt").splitlines()]
same("man_commands_vs_help", help_block(helptext, "Commands:"), commands)
cmd_subs = subsections(sections.get("COMMANDS", []))
same("man_commands", commands, list(cmd_subs))

bad = []
for c in commands:
    h = read(f"help.{c}.txt")
    flags = help_block(h, "Options:")
    lines = cmd_subs.get(c, [])
    if man_flags(lines) != flags:
        bad.append(f"{c}: program {flags}, man page {man_flags(lines)}")
    usage = re.match(r"Usage: (ddbtui .*?)(?: \[OPTIONS\])?$", h.splitlines()[0]).group(1)
    if not any(l.strip().startswith(usage) for l in lines):
        bad.append(f"{c}: no synopsis '{usage}'")
check("man_command_options", not bad, "; ".join(bad))

# Default key bindings: each (context, key, action) the program has is a row of its context's
# table (keys joined by ", ", the action, its help), and every row is one of them.
key_subs = subsections(sections.get("KEY BINDINGS", []))
rows = {}
for ctx, lines in key_subs.items():
    for l in lines:
        m = re.match(r"^ {7}(\S(?:.*?\S)?) {2,}([a-z][a-z0-9-]*)(?: {2,}|$)", l)
        if m:
            for k in m.group(1).split(", "):
                rows.setdefault(ctx, set()).add((k, m.group(2)))
bindings = {}
for l in read("keys.txt").splitlines():
    ctx, key, action = l.split("\t")
    bindings.setdefault(ctx, set()).add((key, action))
missing = sorted((c, k, a) for c in bindings for (k, a) in bindings[c] - rows.get(c, set()))
extra = sorted((c, k, a) for c in rows for (k, a) in rows[c] - bindings.get(c, set()))
check("man_key_bindings", bindings and not missing and not extra,
      f"not in the man page: {missing[:10]}; not bindings: {extra[:10]}")

# Environment: what --help names, and what the issue asks for; files; exit codes.
env = "\n".join(sections.get("ENVIRONMENT", []))
names = set(re.findall(r"\b(?:AWS|DDBTUI)_[A-Z_]+\b", helptext.split("Environment:")[-1]))
names |= {"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_REGION", "DDBTUI_USERS", "XDG_CONFIG_HOME",
          "XDG_STATE_HOME", "EDITOR", "VISUAL", "NO_COLOR", "DDBTUI_TRACE"}
absent = sorted(n for n in names if not re.search(r"\b" + n + r"\b", env))
check("man_environment", not absent, f"missing {absent}")
files = "\n".join(sections.get("FILES", []))
check("man_files", all(f in files for f in ("ddbtui/keys", "users.json", "journal.jsonl")),
      "FILES misses the key file, the users directory or the undo journal")
status = "\n".join(sections.get("EXIT STATUS", []))
check("man_exit_status", all(re.search(rf"^ {{7}}{n}\b", status, re.M) for n in "012"),
      "EXIT STATUS does not list 0, 1 and 2")
EOF

# --- bash completion ----------------------------------------------------------------------------
out=$(bash -c 'source "$1" && complete -p ddbtui' _ "$bashcomp" 2>&1)
if [ "$out" = "complete -F _ddbtui ddbtui" ]; then
	pass bash_completion_loads
else
	fail bash_completion_loads "$out"
fi

# A table to complete, on the test's endpoint.
$DDBTUI --endpoint-url "$ENDPOINT" schema-load >/dev/null 2>&1 ||
	fail bash_complete_tables "schema-load failed"

# complete LINE WORD... : what the completion function offers for LINE, typed up to its end,
# with COMP_WORDS split as bash splits them (at = and :); prints COMPREPLY one a line.
complete_line() {
	PATH="$dest$prefix/bin:$PATH" bash -c '
		source "$1"
		COMP_LINE=$2
		COMP_POINT=${#2}
		shift 2
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_ddbtui
		printf "%s\n" "${COMPREPLY[@]}"' _ "$bashcomp" "$@" 2>&1
}
port=${ENDPOINT##*:}
host=${ENDPOINT#http://}
host=${host%:*}

out=$(complete_line "ddbtui desc" ddbtui desc)
if [ "$out" = describe-table ]; then pass bash_complete_command; else fail bash_complete_command "$out"; fi

out=$(complete_line "ddbtui " ddbtui "" | sort)
want=$(cut -f1 "$TEST_TMP/commands.txt" | sort)
if [ "$out" = "$want" ]; then pass bash_complete_commands; else fail bash_complete_commands "$out"; fi

out=$(complete_line "ddbtui scan --li" ddbtui scan --li)
if [ "$out" = --limit ]; then pass bash_complete_flag; else fail bash_complete_flag "$out"; fi

out=$(complete_line "ddbtui --max-c" ddbtui --max-c)
if [ "$out" = --max-concurrency ]; then pass bash_complete_global_flag; else fail bash_complete_global_flag "$out"; fi

out=$(complete_line "ddbtui users " ddbtui users "" | sort | tr '\n' ' ')
if [ "$out" = "add list remove " ]; then pass bash_complete_users; else fail bash_complete_users "$out"; fi

# Table names from the endpoint on the line (not from the environment).
out=$(unset AWS_ENDPOINT_URL; complete_line "ddbtui --endpoint-url $ENDPOINT describe-table cr" \
	ddbtui --endpoint-url http : "//$host" : "$port" describe-table cr)
if [ "$out" = cruddur-messages ]; then pass bash_complete_tables; else fail bash_complete_tables "$out"; fi

out=$(unset AWS_ENDPOINT_URL; complete_line "ddbtui scan --endpoint-url=$ENDPOINT --table=c" \
	ddbtui scan --endpoint-url = http : "//$host" : "$port" --table = c)
if [ "$out" = cruddur-messages ]; then pass bash_complete_table_flag; else fail bash_complete_table_flag "$out"; fi

# An endpoint that does not answer: nothing offered, and soon.
start=$(date +%s)
out=$(complete_line "ddbtui --endpoint-url http://127.0.0.1:1 scan " \
	ddbtui --endpoint-url http : //127.0.0.1 : 1 scan "")
if [ -z "$out" ] && [ $(($(date +%s) - start)) -le 4 ]; then
	pass bash_complete_tables_unreachable
else
	fail bash_complete_tables_unreachable "offered '$out' after $(($(date +%s) - start)) s"
fi

# --- zsh completion -----------------------------------------------------------------------------
if command -v zsh >/dev/null 2>&1; then
	if out=$(zsh -n "$zshcomp" 2>&1); then pass zsh_completion_parses; else fail zsh_completion_parses "$out"; fi
else
	echo "SKIP zsh_completion_parses: zsh is not installed"
fi

# --- make uninstall -----------------------------------------------------------------------------
if ! mk uninstall DESTDIR="$dest" PREFIX=$prefix >"$TEST_TMP/make.out" 2>&1; then
	fail uninstall "make uninstall failed: $(tail -5 "$TEST_TMP/make.out")"
else
	left=$(find "$dest" \( -type f -o -type l \) -printf '%P ')
	if [ -z "$left" ]; then pass uninstall; else fail uninstall "left behind: $left"; fi
fi
