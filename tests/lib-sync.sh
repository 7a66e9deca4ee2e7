# lib-sync.sh: helpers the sync tests share; source it after lib.sh.

# at DIR ARGS...: zdh ARGS in DIR
at () {
	at_dir_=$1
	shift
	"$ZDH" -C "$at_dir_" "$@"
}

# events GITDIR: the number of events on every log of GITDIR, counted by git
events () {
	git --git-dir="$1" rev-list --count $(git --git-dir="$1" for-each-ref --format='%(refname)' refs/zdh/log/)
}

# one_line_error FILE: FILE is exactly one line, "zdh: ..."
one_line_error () {
	test_line_count = 1 "$1" && grep "^zdh: " "$1" >/dev/null
}

# free_port [SALT]: a TCP port free on 127.0.0.1 now
free_port () {
	if command -v python3 >/dev/null 2>&1
	then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
	else
		echo $(( 20000 + ($$ + ${1:-0}) % 20000 ))
	fi
}

# hub_refs: every ref of the served hub (srv/hub.git in the trash directory)
hub_refs () {
	git --git-dir="$TRASH_DIRECTORY/srv/hub.git" for-each-ref
}
