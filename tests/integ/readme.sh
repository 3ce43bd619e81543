# readme.sh - the README's examples stay true: the seed wizard's screen names handles that are in
# the default users directory (issue 20, item 13: "vir" was not), and the other handles its
# screens show too.
. tests/integ/lib.sh
unset DDBTUI_USERS
export XDG_CONFIG_HOME="$TEST_TMP/config"
run $DDBTUI users list
expect users_list_runs 0 andrewbrown
handles=$(sed -n 's/.*My handle (Person 1)  *\([^ ]*\) .*/\1/p; s/.*Other handle (Person 2)  *\([^ ]*\) .*/\1/p' README.md)
check readme_seed_has_handles test -n "$handles"
for h in $handles; do
	check "readme_seed_handle_$h" grep -qw -- "$h" <<<"$OUT"
done
