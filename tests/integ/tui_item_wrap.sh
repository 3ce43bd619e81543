# tui_item_wrap.sh - the inspector wraps long strings (issue 20, item 13): a 3,000-character
# value is cut at the pane edge until W (wrap-lines) wraps it, then every part of it is on the
# screen, its last characters included; W again scrolls sideways as before. The key is in ? too.
. tests/integ/lib.sh
S=$TEST_TMP
new_table wrap-tbl
sleep 0.3
long=$(python3 -c 'print("".join("%04d," % i for i in range(600)))')
put wrap-tbl "{\"pk\":{\"S\":\"alpha\"},\"sk\":{\"N\":\"1\"},\"long\":{\"S\":\"$long\"}}"

SIZE=200x60 screen wrap_off <<EOF
:scan wrap-tbl
keys Enter
EOF
check wrap_off_cut sh -c "! grep -q '0599,' '$S/wrap_off.txt'"
SIZE=200x60 screen wrap_on <<EOF
:scan wrap-tbl
keys Enter W
EOF
check wrap_on_end_shown sh -c "tr -d '\\n│ ' <'$S/wrap_on.txt' | grep -q '0598,0599,\"'"
check wrap_on_middle_shown sh -c "tr -d '\n│ ' <'$S/wrap_on.txt' | grep -q '0299,0300,0301'"
check wrap_on_keys_after grep -q '"pk": "alpha"' "$S/wrap_on.txt"
SIZE=200x60 screen wrap_back <<EOF
:scan wrap-tbl
keys Enter W W
EOF
check wrap_back_cut sh -c "! grep -q '0599,' '$S/wrap_back.txt'"
screen wrap_help <<EOF
:scan wrap-tbl
keys Enter ?
EOF
check wrap_in_help grep -q "wrap" "$S/wrap_help.full"
