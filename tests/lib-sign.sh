# lib-sign.sh: helpers of the signature, prefix and role tests (t81xx);
# source it after lib.sh.

# craft GITDIR REF SUMMARY JSON [PARENT]: append an event commit made with
# plain git to REF (a log), as a hostile peer would; prints its id.  The
# author is the one every crafted event names: 攻击者 <x@example.org> at
# CRAFT_AT (seconds; default 1767578400, 2026-01-05T10:00:00+08:00).
craft () {
	craft_sign_ craft_ "$@"
}

# signed GITDIR REF KEY SUMMARY JSON [PARENT]: the same, signed by git
# with the SSH key $HOME/KEY (as plain git signs, not zdh).
signed () {
	signed_git_=$1 signed_ref_=$2 signed_key_=$3
	shift 3
	craft_sign_ "-S$HOME/$signed_key_" "$signed_git_" "$signed_ref_" "$@"
}

# craft_sign_ SIGN GITDIR REF SUMMARY JSON [PARENT]: SIGN is git
# commit-tree's -S option, or craft_ for none.
craft_sign_ () {
	craft_s_=$1
	[ "$craft_s_" = craft_ ] && craft_s_=
	craft_parent_=${6:+-p $6}
	craft_at_="${CRAFT_AT:-1767578400} +0800"
	craft_id_=$( { printf "%s\n\n%s\n" "$4" "$5"; } |
		GIT_AUTHOR_NAME=攻击者 GIT_AUTHOR_EMAIL=x@example.org GIT_AUTHOR_DATE="$craft_at_" \
		GIT_COMMITTER_NAME=攻击者 GIT_COMMITTER_EMAIL=x@example.org \
		GIT_COMMITTER_DATE="$craft_at_" \
		git --git-dir="$2" -c gpg.format=ssh commit-tree $craft_s_ $craft_parent_ \
			4b825dc642cb6eb9a060e54bf8d69288fbee4904) &&
	git --git-dir="$2" update-ref "$3" "$craft_id_" &&
	echo "$craft_id_"
}

# keys NAME...: an ed25519 key pair NAME, NAME.pub for each (no passphrase)
keys () {
	for keys_k_
	do
		ssh-keygen -q -t ed25519 -N "" -C "$keys_k_" -f "$keys_k_" || return 1
	done
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
