/*
 * Unit tests of a record's place as the index keys it (records_key and
 * facts, core/index-ids.c): ix_split_id()'s prefix and number, the digits
 * after the id's last dash (and the kind's letter), -1 for an id of no
 * number, which ix_record_place() keys by the id itself and 0; a number
 * too large for 64 bits is the largest there is, as strtoll() gave it.
 */
#include <limits.h>

#include "index-internal.h"
#include "tap.h"

static long long num(const char *id, char letter)
{
	char prefix[IX_PREFIX_SIZE];

	return ix_split_id(id, letter, prefix, sizeof(prefix));
}

int main(void)
{
	char prefix[IX_PREFIX_SIZE];

	ok(num("XQ-42", 0) == 42, "XQ-42: 42");
	ok(num("BN-250000", 0) == 250000, "BN-250000: 250000");
	ok(num("XQ-M3", 'M') == 3, "XQ-M3 of letter M: 3");
	ok(num("XQ-M3", 0) == -1, "XQ-M3 of no letter: none");
	ok(num("XQ-C3", 'M') == -1, "XQ-C3 of letter M: none");
	ok(num("A-B-7", 0) == 7, "the last dash: A-B-7 is 7");
	ok(num("XQ-042", 0) == -1, "a leading zero: none");
	ok(num("XQ-0", 0) == -1, "XQ-0: none");
	ok(num("XQ-", 0) == -1, "no digits: none");
	ok(num("XQ-4a", 0) == -1, "a letter after: none");
	ok(num("XQ-4 ", 0) == -1, "a blank after: none");
	ok(num("XQ42", 0) == -1, "no dash: none");
	ok(num("XQ-9223372036854775807", 0) == LLONG_MAX, "the largest number");
	ok(num("XQ-9223372036854775808", 0) == LLONG_MAX, "one more: the largest");
	ok(num("XQ-99999999999999999999999", 0) == LLONG_MAX, "far more: the largest");
	ok(num("PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP-5", 0) == -1,
	   "a prefix of 64 bytes: none");
	ok(ix_split_id("PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP-5", 0,
		       prefix, sizeof(prefix)) == 5 && strlen(prefix) == 63,
	   "a prefix of 63 bytes: its number, and the prefix whole");
	ok(ix_split_id("XQ-M12", 'M', prefix, sizeof(prefix)) == 12 && !strcmp(prefix, "XQ"),
	   "XQ-M12 of letter M: prefix XQ, 12");
	ok(ix_record_place("XQ-042", 0, prefix, sizeof(prefix)) == 0 && !strcmp(prefix, "XQ-042"),
	   "a place of no number: the id itself, 0");
	return done_testing();
}
