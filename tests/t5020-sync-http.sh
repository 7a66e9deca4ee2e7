#!/bin/sh
# Sync over smart HTTP: `git http-backend` behind a real lighttpd (mod_cgi,
# mod_alias, mod_auth with a plain htpasswd file), started here on
# 127.0.0.1 at a free port and stopped at the end.  /git/ serves the hub
# to anyone, with push on (GIT_HTTP_EXPORT_ALL, http.receivepack=true);
# /auth/ serves the same hub behind basic authentication.  Clone, two
# offices syncing through it and agreeing, a push the server refuses, a
# wrong URL, wrong and right credentials.
test_description='zdh sync over smart HTTP (lighttpd + git http-backend)'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

LIGHTTPD=$(command -v lighttpd || { test -x /usr/sbin/lighttpd && echo /usr/sbin/lighttpd; })
BACKEND=$(git --exec-path)/git-http-backend
SETSID=
command -v setsid >/dev/null 2>&1 && command -v ps >/dev/null 2>&1 && SETSID=setsid

# stop_server: lighttpd runs in a session of its own (when setsid is
# there), so that its CGI children go with it.
stop_server () {
	if test -n "${server_group:-}"
	then
		kill "-$server_group" 2>/dev/null
		stop_n_=0
		while kill -0 "-$server_group" 2>/dev/null && test $stop_n_ -lt 200
		do
			stop_n_=$((stop_n_ + 1))
			sleep 0.01
		done
		kill -9 "-$server_group" 2>/dev/null
	elif test -n "${server_job:-}"
	then
		kill "$server_job" 2>/dev/null
	fi
	test -n "${server_job:-}" && wait "$server_job" 2>/dev/null
	server_job= server_group=
}
trap 'stop_server' EXIT

# start_server: lighttpd on a free port (three tries, in case another
# process takes the port between free_port and bind); sets URL, AUTH_URL.
start_server () {
	mkdir -p srv &&
	git init -q --bare srv/hub.git &&
	git --git-dir=srv/hub.git config http.receivepack true &&
	git --git-dir=srv/hub.git config receive.denyNonFastForwards true &&
	printf 'clerk:s3cret\n' >htpasswd || return 1
	for try in 1 2 3
	do
		port=$(free_port $try)
		cat >lighttpd.conf <<-EOF
		server.modules = ( "mod_alias", "mod_setenv", "mod_auth", "mod_authn_file", "mod_cgi" )
		server.document-root = "$TRASH_DIRECTORY/srv"
		server.bind = "127.0.0.1"
		server.port = $port
		server.errorlog = "$TRASH_DIRECTORY/lighttpd.err"
		server.pid-file = "$TRASH_DIRECTORY/lighttpd.pid"
		alias.url = ( "/git" => "$BACKEND", "/auth" => "$BACKEND" )
		\$HTTP["url"] =~ "^/(git|auth)/" {
			cgi.assign = ( "" => "" )
			setenv.add-environment = (
				"GIT_PROJECT_ROOT" => "$TRASH_DIRECTORY/srv",
				"GIT_HTTP_EXPORT_ALL" => "",
				"GIT_CONFIG_NOSYSTEM" => "1"
			)
		}
		auth.backend = "plain"
		auth.backend.plain.userfile = "$TRASH_DIRECTORY/htpasswd"
		auth.require = ( "/auth/" => ( "method" => "basic", "realm" => "zdh", "require" => "valid-user" ) )
		EOF
		rm -f lighttpd.pid
		$SETSID "$LIGHTTPD" -D -f lighttpd.conf >lighttpd.log 2>&1 </dev/null &
		server_job=$!
		URL=http://127.0.0.1:$port/git/hub.git
		AUTH_URL=http://clerk:s3cret@127.0.0.1:$port/auth/hub.git
		n=0
		while test $n -lt 250
		do
			if git ls-remote "$URL" >/dev/null 2>&1
			then
				test -z "$SETSID" && return 0
				server_group=$(ps -o pgid= -p "$(cat lighttpd.pid)" | tr -d ' ')
				test -n "$server_group" &&
				test "$server_group" != "$(ps -o pgid= -p $$ | tr -d ' ')" &&
				return 0
				server_group=
				stop_server
				return 1
			fi
			kill -0 "$server_job" 2>/dev/null || break
			n=$((n + 1))
			sleep 0.02
		done
		stop_server
	done
	return 1
}

why_not=
if test -z "$LIGHTTPD"
then
	why_not="lighttpd is not installed (make deps)"
elif ! test -x "$BACKEND"
then
	why_not="no git-http-backend at $BACKEND"
elif ! start_server
then
	why_not="lighttpd did not start: $(cat lighttpd.log lighttpd.err 2>/dev/null | tail -n 1)"
fi
if test -n "$why_not"
then
	test_skip 'sync over smart HTTP' "$why_not"
	test_done
fi

test_expect_success 'the first office pushes over http://' '
	first_office_pushes "$URL"
'

test_expect_success 'clone over http://, edits on both sides, sync through the hub: both agree' '
	clone_and_edit_both "$URL" &&
	at xq sync -q &&
	at ya sync -v >out &&
	grep "^pulled [0-9]* new events from origin$" out &&
	grep "^pushed 1 log to origin$" out &&
	at xq sync -q &&
	all_agree
'

test_expect_success 'nothing new: pull and push over http:// say so, change nothing' '
	nothing_new xq
'

# git http-backend answers 403 to receive-pack then: the whole service is
# refused, as a connection would be (exit 128, zdh-sync(1)), not one log.
test_expect_success 'a push the server refuses (receive-pack off): one line, nothing changed' '
	at xq issue add "新的一条" >/dev/null &&
	git --git-dir=srv/hub.git config http.receivepack false &&
	hub_refs >hub.before &&
	(cd xq && snapshot before) &&
	test_expect_code 128 at xq push hub >out 2>err
	status=$?
	git --git-dir=srv/hub.git config http.receivepack true &&
	test $status = 0 &&
	test_must_be_empty out &&
	one_line_error err &&
	grep "^zdh: cannot push to .hub. (http://127.0.0.1:$port/git/hub.git): .*403" err &&
	(cd xq && check_unchanged before) &&
	hub_refs >hub.after &&
	test_cmp hub.before hub.after &&
	at xq push -q &&
	test "$(git --git-dir=srv/hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)"
'

test_expect_success 'a wrong URL (404): one line, nothing changed; clone leaves nothing' '
	at xq remote add nowhere "http://127.0.0.1:$port/git/no-such.git" &&
	hub_refs >hub.before &&
	(cd xq && snapshot before) &&
	for op in pull push
	do
		test_expect_code 128 at xq $op nowhere >out 2>err &&
		test_must_be_empty out &&
		one_line_error err &&
		grep "^zdh: cannot .* .nowhere. (http://127.0.0.1:$port/git/no-such.git): .*404" err || return 1
	done &&
	(cd xq && check_unchanged before) &&
	test_expect_code 128 zdh clone "http://127.0.0.1:$port/git/no-such.git" gone \
		--replica zhaojia --prefix ZJ >out 2>err &&
	one_line_error err &&
	! test -e gone &&
	hub_refs >hub.after &&
	test_cmp hub.before hub.after
'

test_expect_success 'bad or missing credentials: one clear line, nothing changed' '
	at ya issue add "需要密码的一条" >/dev/null &&
	bad=$(echo "$AUTH_URL" | sed "s/clerk:s3cret@/clerk:wrong@/") &&
	other=$(echo "$AUTH_URL" | sed "s/clerk:s3cret@/nobody:s3cret@/") &&
	none=$(echo "$AUTH_URL" | sed "s/clerk:s3cret@//") &&
	at ya remote add bad "$bad" &&
	at ya remote add other "$other" &&
	at ya remote add none "$none" &&
	hub_refs >hub.before &&
	(cd ya && snapshot before) &&
	for r in bad other none
	do
		for op in pull push
		do
			test_expect_code 128 at ya $op $r >out 2>err &&
			test_must_be_empty out &&
			one_line_error err &&
			cp err err.$r &&
			grep "^zdh: cannot .* .$r. (" err &&
			! grep -e wrong -e s3cret err || return 1
		done
	done &&
	grep "^zdh: cannot push to .bad. (http://clerk:\*\*\*@127.0.0.1:$port/auth/hub.git): the server refused the user name and password in the URL$" err.bad &&
	grep "^zdh: cannot push to .none. (http://127.0.0.1:$port/auth/hub.git): the server asks for a user name and password" err.none &&
	(cd ya && check_unchanged before) &&
	hub_refs >hub.after &&
	test_cmp hub.before hub.after &&
	test_expect_code 128 zdh clone "$bad" gone --replica zhaojia --prefix ZJ >out 2>err &&
	one_line_error err &&
	! test -e gone
'

test_expect_success 'the right credentials work: push, pull and clone through /auth/' '
	at ya remote add office "$AUTH_URL" &&
	at ya pull -q office &&
	at ya push -v office >out &&
	echo "pushed 1 log to office" >expect &&
	test_cmp expect out &&
	at xq pull -q hub &&
	at xq issue list >list &&
	grep "需要密码的一条" list &&
	zdh clone "$AUTH_URL" third --replica zhaojia --prefix ZJ -q &&
	at xq export >xq.export &&
	at third export >third.export &&
	test_cmp xq.export third.export &&
	at third verify -q
'

test_expect_success 'stop the server' '
	stop_server &&
	test_expect_code 128 at xq pull hub 2>err &&
	one_line_error err
'

test_done
