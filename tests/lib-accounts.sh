# lib-accounts.sh — other accounts: two of one group, for the tests of a
# repository or a hub several staff accounts write (t5185, t8040), and
# nobody, for what a user may not read or write (t7085, t8035).
#
# ACCOUNTS: we are root and setpriv runs another user here.  A and B run
# zdh as users 5001 and 5002 of group 4242; as_A runs any command as A.

if test "$(id -u)" = 0 && command -v setpriv >/dev/null &&
	setpriv --reuid=5001 --regid=4242 --groups=4242 test -x "$TRASH_DIRECTORY" 2>/dev/null
then
	test_set_prereq ACCOUNTS
fi
as_A () {
	setpriv --reuid=5001 --regid=4242 --groups=4242 "$@"
}
A () {
	as_A "$ZDH" "$@"
}
B () {
	setpriv --reuid=5002 --regid=4242 --groups=4242 "$ZDH" "$@"
}

# NOBODY: someone permissions are enforced on, for a test that takes
# something away from the user running zdh (a HOME it cannot enter, a
# folder it cannot write): nobody (65534) when we are root, else we
# ourselves where permissions hold (PERMS).  as_nobody CMD... runs CMD so;
# the test makes the thing unreadable to 65534 when root, else to us
# (test "$(id -u)" = 0 tells which).
if test "$(id -u)" = 0
then
	if command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$TRASH_DIRECTORY" 2>/dev/null
	then
		test_set_prereq NOBODY
	fi
	as_nobody () {
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	}
else
	test_have_prereq PERMS && test_set_prereq NOBODY
	as_nobody () {
		"$@"
	}
fi
