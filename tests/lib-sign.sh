# lib-sign.sh: helpers of the signature, prefix and role tests (t81xx);
# source it after lib.sh.

# craft GITDIR REF SUMMARY JSON [PARENT]: append an event commit made with
# plain git to REF (a log), as a hostile peer would; prints its id.  The
# author is the one every crafted event names: 攻击者 <x@example.org> at
# 2026-01-05T10:00:00+08:00.
craft () {
	craft_parent_=${5:+-p $5}
	craft_id_=$( { printf "%s\n\n%s\n" "$3" "$4"; } |
		GIT_AUTHOR_NAME=攻击者 GIT_AUTHOR_EMAIL=x@example.org \
		GIT_AUTHOR_DATE="1767578400 +0800" \
		GIT_COMMITTER_NAME=攻击者 GIT_COMMITTER_EMAIL=x@example.org \
		GIT_COMMITTER_DATE="1767578400 +0800" \
		git --git-dir="$1" commit-tree $craft_parent_ 4b825dc642cb6eb9a060e54bf8d69288fbee4904) &&
	git --git-dir="$1" update-ref "$2" "$craft_id_" &&
	echo "$craft_id_"
}

# same_after_reindex CMD...: CMD prints the same before and after zdh
# reindex (a rebuilt index reaches the same state).
same_after_reindex () {
	"$@" >before &&
	zdh reindex >/dev/null 2>&1 &&
	"$@" >after &&
	test_cmp before after
}

# craft_json REPLICA CLOCK KIND OP RECORD DATA [SEEN]: a canonical event of
# the crafted author (keys in order, no white space).
craft_json () {
	printf '{"actor":{"email":"x@example.org","name":"攻击者"},"clock":%s,"data":%s,"date":"2026-01-05T10:00:00+08:00","kind":"%s","op":"%s","record":"%s","replica":"%s","seen":%s,"v":2}' \
		"$2" "$6" "$3" "$4" "$5" "$1" "${7:-null}"
}
