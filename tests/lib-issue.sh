# lib-issue.sh: helpers the issue tests share; source it after lib.sh.

# field ID KEY: KEY of `zdh issue show ID --json` (top-level keys are
# indented by two spaces, one a line): a string bare, an array compact on
# one line, other values as printed, a missing key as null.
field () {
	"$ZDH" issue show "$1" --json >field.json || return 1
	awk -v k="$2" '
	BEGIN { pat = "  \"" k "\": " }
	index($0, pat) == 1 {
		v = substr($0, length(pat) + 1)
		if (v == "[") { coll = 1; out = "["; sep = ""; next }
		sub(/,$/, "", v)
		if (v ~ /^".*"$/) v = substr(v, 2, length(v) - 2)
		print v; found = 1; exit
	}
	coll && /^  \]/ { print out "]"; found = 1; exit }
	coll { x = $0; sub(/^ +/, "", x); sub(/,$/, "", x); out = out sep x; sep = "," }
	END { if (!found) print "null" }
	' field.json
}

# expect_field ID KEY VALUE
expect_field () {
	echo "$3" >field.expect &&
	field "$1" "$2" >field.actual &&
	test_cmp field.expect field.actual
}

# ops ID: the operations of ID's events, oldest first, one a line (as zdh
# log reads them; log_ops in lib.sh reads them with plain git).
ops () {
	"$ZDH" log --record "$1" --json >ops.json &&
	sed -n 's/^    "op": "\([a-z-]*\)",*$/\1/p' ops.json | awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }'
}
