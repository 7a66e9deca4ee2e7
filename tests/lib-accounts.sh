# lib-accounts.sh — two accounts of one group, for the tests of a
# repository or a hub several staff accounts write (t5185, t8040).
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
