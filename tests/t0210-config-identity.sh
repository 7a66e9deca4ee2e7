#!/bin/sh
# The identity zdh writes in every commit's author line (user.name,
# user.email, user.dept, and a person's --email, which allowed-signers
# lists): an email must be an address (name@domain, no blank, comma or
# quote), and no part may hold a control character or an invisible one
# (a zero-width space, a direction override: a name that looks like
# another's).  Refused when set (exit 1, one line, the config unchanged)
# and when written from the environment or a config edited by hand
# (nothing written); a line break or '>' never reaches a commit header.
test_description='config: user.name, user.email, user.dept checked as an identity'
. "$(dirname "$0")/lib.sh"

ZWSP=$(printf '\342\200\213')	# U+200B
RLO=$(printf '\342\200\256')	# U+202E
TAB=$(printf '\t')

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	log_count xinqiao >count.before
'

test_expect_success 'an email that is no address is refused when set' '
	test_refused "user.email '"'"'notanemail'"'"' is not an email address (such as zhangsan@example.org)" \
		config user.email notanemail &&
	for bad in "li si@example.org" "lisi@" "@example.org" "li,si@example.org" \
		"lisi＠example.org" "li@si@example.org" "\"li\"@example.org"
	do
		test_refused "user.email '"'"'$bad'"'"' is not an email address (such as zhangsan@example.org)" \
			config user.email "$bad" || return 1
	done &&
	test_refused "user.email '"'"'notanemail'"'"' is not an email address (such as zhangsan@example.org)" \
		config --global user.email notanemail &&
	test_expect_code 1 zdh config --global user.email
'

test_expect_success 'an address is kept, a Chinese domain too' '
	zdh config user.email lisi@example.org &&
	zdh config user.email 李四@例子.中国 &&
	zdh config user.email >out &&
	echo 李四@例子.中国 >expect &&
	test_cmp expect out
'

test_expect_success 'a name or dept with an invisible or control character is refused' '
	test_refused "user.name contains an invisible character (U+200B), so it would look like a name it is not" \
		config user.name "李${ZWSP}四" &&
	test_refused "user.name contains an invisible character (U+202E), so it would look like a name it is not" \
		config user.name "李四${RLO}" &&
	test_refused "user.name contains a control character (U+0009)" \
		config user.name "李${TAB}四" &&
	test_refused "user.dept contains an invisible character (U+200B), so it would look like a name it is not" \
		config user.dept "城${ZWSP}管" &&
	test_refused "user.email contains an invisible character (U+200B), so it would look like a name it is not" \
		config user.email "lisi${ZWSP}@example.org" &&
	zdh config user.name "李 四"
'

test_expect_success 'in Chinese too' '
	snapshot zh &&
	test_expect_code 1 zh config user.email notanemail 2>err &&
	echo "zdh: user.email '"'"'notanemail'"'"' 不是电子邮件地址（例如 zhangsan@example.org）" >expect &&
	test_cmp expect err &&
	check_unchanged zh
'

test_expect_success 'the environment writes no identity zdh config refuses' '
	(
		ZDH_USER_EMAIL=notanemail && export ZDH_USER_EMAIL &&
		test_refused "user.email (ZDH_USER_EMAIL) '"'"'notanemail'"'"' is not an email address (such as zhangsan@example.org)" \
			org add --kind area 华山
	) &&
	(
		ZDH_USER_NAME="王${ZWSP}芳" && export ZDH_USER_NAME &&
		test_refused "user.name (ZDH_USER_NAME) contains an invisible character (U+200B), so it would look like a name it is not" \
			org add --kind area 华山
	) &&
	(
		ZDH_USER_DEPT="城${ZWSP}管" && export ZDH_USER_DEPT &&
		test_refused "user.dept (ZDH_USER_DEPT) contains an invisible character (U+200B), so it would look like a name it is not" \
			org add --kind area 华山
	)
'

test_expect_success 'nor does a config edited by hand' '
	cp .zdh/config config.good &&
	printf "[user]\n\temail = notanemail\n" >>.zdh/config &&
	(
		unset ZDH_USER_EMAIL &&
		test_refused "user.email '"'"'notanemail'"'"' is not an email address (such as zhangsan@example.org)" \
			org add --kind area 华山
	) &&
	cp config.good .zdh/config
'

# A name with a line break could add a header line of its own (a second
# author, a forged committer), one with ">" end the address early: every
# way a name reaches a write is refused, and the log stays as it was.
test_expect_success 'a line break or > in a name never reaches a commit header' '
	forged="a <x@y> 1 +0000
committer 伪造 <f@example.org>" &&
	test_refused "the value of user.name must be one line of UTF-8 text" \
		config user.name "$forged" &&
	test_refused "user.name must not be empty or contain '"'"'<'"'"', '"'"'>'"'"' or a line break" \
		config user.name "王> 芳" &&
	(
		ZDH_USER_NAME=$forged && export ZDH_USER_NAME &&
		test_refused "user.name (ZDH_USER_NAME) must not be empty or contain '"'"'<'"'"', '"'"'>'"'"' or a line break" \
			org add --kind area 华山
	) &&
	(
		ZDH_USER_NAME="王> 芳" && export ZDH_USER_NAME &&
		test_refused "user.name (ZDH_USER_NAME) must not be empty or contain '"'"'<'"'"', '"'"'>'"'"' or a line break" \
			org add --kind area 华山
	) &&
	printf "[user]\n\tname = \"伪造\\\\ncommitter x <y>\"\n" >>.zdh/config &&
	(
		unset ZDH_USER_NAME &&
		test_refused "user.name must not be empty or contain '"'"'<'"'"', '"'"'>'"'"' or a line break" \
			org add --kind area 华山
	) &&
	cp config.good .zdh/config &&
	log_count xinqiao >count.after &&
	test_cmp count.before count.after &&
	git --git-dir=.zdh fsck --strict >fsck 2>&1 &&
	git --git-dir=.zdh log --format="%an <%ae>|%cn <%ce>" refs/zdh/log/xinqiao >authors &&
	! grep 伪造 authors
'

test_expect_success 'a person is checked the same' '
	test_refused "--email '"'"'notanemail'"'"' is not an email address (such as zhangsan@example.org)" \
		person add 王芳 --email notanemail &&
	test_refused "name contains a control character (U+0009)" \
		person add "王${TAB}芳" --email wf@example.org
'

test_done
