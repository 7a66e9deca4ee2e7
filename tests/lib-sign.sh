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

# two_admins_cloned: the office xq (replica xinqiao, prefix XQ, the area
# 华山) with 王芳 (XQ-U1, key wf) and 李明 (XQ-U2, key lm), both
# sub-district admins, and 张三 (XQ-U3, key zs) without a role, pushed to
# hub.git and cloned as hs (huashan, HS) where 李明 signs (t8220, t8230);
# needs lib-sync.sh
two_admins_cloned () {
	keys wf lm zs &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq config user.signingkey "$HOME/wf" &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	at xq person add 李明 --email lm@example.org --key ../lm.pub >/dev/null &&
	at xq person add 张三 --email zs@example.org --key ../zs.pub >/dev/null &&
	at xq person grant XQ-U1 subdistrict-admin &&
	at xq person grant XQ-U2 subdistrict-admin &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	at hs config user.signingkey "$HOME/lm"
}

# staff_office_cloned: the office xq (replica xinqiao, prefix XQ, the
# areas 新桥 and 华山, signatures required) with 王芳 (XQ-U1, key wf), a
# sub-district admin, and 李明 (XQ-U2, key lm), staff of 华山, pushed to
# hub.git and cloned as hs (huashan, HS), where 李明 signs and adds HS-1
# (占道经营), which xq has pulled (t8210, t8240); needs lib-sync.sh
staff_office_cloned () {
	keys wf lm &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq config user.signingkey "$HOME/wf" &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	at xq person add 李明 --email lm@example.org --key ../lm.pub >/dev/null &&
	at xq person grant XQ-U1 subdistrict-admin &&
	at xq person grant XQ-U2 area-staff --area 华山 &&
	at xq config zdh.require-signatures true &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git && at xq push >/dev/null 2>&1 &&
	zdh clone hub.git hs --replica huashan --prefix HS >/dev/null 2>&1 &&
	at hs config user.signingkey "$HOME/lm" &&
	at hs issue add 占道经营 --area 华山 >/dev/null &&
	at hs push >/dev/null 2>&1 && at xq pull >/dev/null 2>&1
}
