#!/bin/sh
# person add --key (and key add, key revoke) read a key file; a file that
# is no ssh-ed25519 public key (an RSA one, a file given by mistake) was
# refused as "not an ssh-ed25519 public key", the one refusal of --key
# that did not name the file (an RSA private key, a missing file did).
# It names the file now; nothing is written.
test_description='person --key: a file that is no ed25519 key is named'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: a founder' '
	keys wf &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh log >before
'

test_expect_success 'person add, key add: the file named' '
	echo "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7 r" >rsa.pub &&
	test_expect_code 1 zdh person add 李四 --email ls@example.org --key rsa.pub 2>err &&
	echo "zdh: rsa.pub: not an ssh-ed25519 public key" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh person key add XQ-U1 --key /dev/null 2>err &&
	echo "zdh: /dev/null: not an ssh-ed25519 public key" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh person key add XQ-U1 --key rsa.pub 2>err &&
	grep "^zdh: rsa.pub：" err &&
	zdh log >after &&
	test_cmp before after
'

test_done
