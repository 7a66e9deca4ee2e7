/*
 * output — what commands print (see include/output.h): UTF-8 checks and
 * display width from utf8proc, tables aligned by display width, CSV, and
 * the pager, after git's pager.c.
 *
 * Nothing here looks at the locale.  Text shown in a table never reaches
 * the terminal raw: control characters (and the bidirectional overrides,
 * is_control()) print as a space and bytes that are not UTF-8 as U+FFFD,
 * so a record cannot move the cursor, send escape sequences or turn the
 * rest of a line around; zdh_text_shown() applies the same rule to the
 * text printed outside tables (a show's lines, warnings, errors).  CSV
 * and JSON carry the data unchanged.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utf8proc.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"
#include "csv.h"
#include "output.h"

#define ELLIPSIS "\xe2\x80\xa6"		/* U+2026, one column */
#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD, one column */

/*
 * Decode one character of s[0..len); returns the bytes used (at least 1)
 * and sets *cp, or -1 in *cp for a byte that does not start valid UTF-8.
 */
static size_t decode(const char *s, size_t len, utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n;
	int plain;

	if ((n = zdh_utf8_plain((const unsigned char *)s, len, &plain))) {
		*cp = plain;
		return (size_t)n;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cp);
	if (n < 1) {
		*cp = -1;
		return 1;
	}
	return (size_t)n;
}

/*
 * A control character, or one that reorders what follows it on the line
 * (the bidirectional embeddings, overrides and isolates, U+202A to U+202E
 * and U+2066 to U+2069): a peer's name "城管<U+202E>..." showed the rest
 * of its row, and of the lines after it in a mail, right to left.
 */
static int is_control(utf8proc_int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* Columns a character takes as shown by put_char(). */
static size_t char_width(utf8proc_int32_t cp)
{
	int w;

	if (cp < 0 || is_control(cp))
		return 1;
	if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CN)
		return 1;
	w = utf8proc_charwidth(cp);
	return w < 0 ? 1 : (size_t)w;
}

static void put_char(struct zdh_buf *out, const char *s, size_t n, utf8proc_int32_t cp)
{
	if (cp < 0)
		zdh_buf_puts(out, REPLACEMENT);
	else if (is_control(cp))
		zdh_buf_addch(out, ' ');
	else
		zdh_buf_add(out, s, n);
}

int zdh_utf8_valid(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	size_t i = 0;

	/* utf8proc_iterate refuses overlong forms, surrogates and > U+10FFFF */
	while (i < len) {
		i += decode(s + i, len - i, &cp);
		if (cp < 0 || cp == 0x7f)
			return 0;
		if (cp < 0x20 && cp != '\n' && cp != '\t')
			return 0;
	}
	return 1;
}

/* The first 128 code points of s (a byte that is not UTF-8 counts as -1). */
static size_t codepoints(const char *s, utf8proc_int32_t cp[128])
{
	size_t len = strlen(s), i = 0, n = 0;

	while (i < len && n < 128)
		i += decode(s + i, len - i, &cp[n++]);
	return n;
}

size_t zdh_utf8_distance(const char *a, const char *b)
{
	utf8proc_int32_t ca[128], cb[128];
	size_t na = codepoints(a, ca), nb = codepoints(b, cb), d[129];

	for (size_t j = 0; j <= nb; j++)
		d[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t prev = d[0];
		d[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cur = d[j], best = prev + (ca[i - 1] != cb[j - 1]);
			if (d[j] + 1 < best)
				best = d[j] + 1;
			if (d[j - 1] + 1 < best)
				best = d[j - 1] + 1;
			d[j] = best;
			prev = cur;
		}
	}
	return d[nb];
}

size_t zdh_similar(const char *word, const char *alias, const char *const *names, size_t n,
		   size_t *d)
{
	size_t best = (size_t)-1, len = zdh_utf8_len(word), limit = len / 3 > 2 ? len / 3 : 2;

	for (size_t i = 0; i < n; i++) {
		d[i] = (*word && !strncmp(names[i], word, strlen(word))) ||
		       (alias && !strcmp(names[i], alias)) ? 0 : zdh_utf8_distance(word, names[i]);
		if (d[i] < best)
			best = d[i];
	}
	return best <= limit ? best : (size_t)-1;
}

/* The length of the list separator at p (zdh_list_next()), or 0: , ; ， 、 ； */
static size_t list_sep(const char *p)
{
	if (*p == ',' || *p == ';')
		return 1;
	return !strncmp(p, "\xef\xbc\x8c", 3) || !strncmp(p, "\xe3\x80\x81", 3) ||
	       !strncmp(p, "\xef\xbc\x9b", 3) ? 3 : 0;
}

/* The length of the space at p (ASCII, or the ideographic U+3000), or 0. */
static size_t list_space(const char *p)
{
	if (*p == ' ')
		return 1;
	return !strncmp(p, "\xe3\x80\x80", 3) ? 3 : 0;
}

int zdh_list_next(const char **p, const char **item, size_t *len)
{
	const char *s = *p, *end;
	size_t n;

	/* (a separator's first byte, 0xef or 0xe3, never stands inside a character) */
	while ((n = list_sep(s)) || (n = list_space(s)))
		s += n;
	if (!*s) {
		*p = s;
		return 0;
	}
	for (end = s; *end && !list_sep(end); end++)
		;
	*p = end + list_sep(end);
	while (end > s && (end[-1] == ' ' || (end - s >= 3 && !memcmp(end - 3, "\xe3\x80\x80", 3))))
		end -= end[-1] == ' ' ? 1 : 3;
	*item = s;
	*len = (size_t)(end - s);
	return 1;
}

size_t zdh_utf8_len(const char *s)
{
	utf8proc_int32_t cp;
	size_t len = strlen(s), i = 0, n = 0;

	/* a byte that is not UTF-8 counts as one character */
	while (i < len) {
		i += decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

int zdh_name_visible(const char *what, const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len;

	if (*name && (zdh_blank_span(name, &len), !len))
		return zdh_error_set(ZDH_EINVALID, _("%s is empty"), what);

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		if (*p < 0x80) {
			p++;
			continue;
		}
		if ((n = utf8proc_iterate(p, -1, &cp)) <= 0)
			return 0;	/* (zdh_name_check() names bad UTF-8) */
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)
			return zdh_error_set(ZDH_EINVALID,
					     _("%s contains an invisible character (U+%04X), so it would look like a name it is not"),
					     what, (unsigned)cp);
		p += n;
	}
	return 0;
}

/* A character no one sees: a format character (Cf) or a default-ignorable one. */
static int invisible(utf8proc_int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);

	return p->category == UTF8PROC_CATEGORY_CF || p->ignorable;
}

/*
 * Greek and Cyrillic letters that look like Latin ones, each with the
 * Latin letter it is taken for: the idea of the skeleton of Unicode TR39
 * (confusables.txt), written out for these two scripts alone, each to a
 * Latin letter (Ι and Ӏ to I, not to TR39's l: Latin I is not folded to
 * l here), Ё, Ї and their small letters to Ë, Ï, which NFKC leaves
 * composed.  "ХQ理事会" with a Cyrillic Х is XQ理事会 to the eye.
 * Full-width and halfwidth forms need no entry: NFKC folds them.  A
 * table of its own, not ICU's uspoof (libicu, some 30 MB, for these few
 * lines); bump ZDH_LOOKALIKES when it changes, so that the indexes on
 * the key are made anew (zdh_name_key_version).
 */
#define ZDH_LOOKALIKES 1
static const struct lookalike {
	utf8proc_int32_t cp;
	const char *latin;
} lookalikes[] = {
	{ 0x037F, "J" }, { 0x0391, "A" }, { 0x0392, "B" }, { 0x0395, "E" }, { 0x0396, "Z" },
	{ 0x0397, "H" }, { 0x0399, "I" }, { 0x039A, "K" }, { 0x039C, "M" }, { 0x039D, "N" },
	{ 0x039F, "O" }, { 0x03A1, "P" }, { 0x03A4, "T" }, { 0x03A5, "Y" }, { 0x03A7, "X" },
	{ 0x03B1, "a" }, { 0x03B3, "y" }, { 0x03B9, "i" }, { 0x03BA, "k" }, { 0x03BD, "v" },
	{ 0x03BF, "o" }, { 0x03C1, "p" }, { 0x03C5, "u" }, { 0x03C7, "x" }, { 0x03F2, "c" },
	{ 0x03F3, "j" }, { 0x03F9, "C" }, { 0x0401, "\xc3\x8b" }, { 0x0405, "S" },
	{ 0x0406, "I" }, { 0x0407, "\xc3\x8f" }, { 0x0408, "J" }, { 0x0410, "A" },
	{ 0x0412, "B" }, { 0x0415, "E" }, { 0x0417, "3" }, { 0x041A, "K" }, { 0x041C, "M" },
	{ 0x041D, "H" }, { 0x041E, "O" }, { 0x0420, "P" }, { 0x0421, "C" }, { 0x0422, "T" },
	{ 0x0423, "Y" }, { 0x0425, "X" }, { 0x0430, "a" }, { 0x0435, "e" }, { 0x043E, "o" },
	{ 0x0440, "p" }, { 0x0441, "c" }, { 0x0443, "y" }, { 0x0445, "x" },
	{ 0x0451, "\xc3\xab" }, { 0x0455, "s" }, { 0x0456, "i" }, { 0x0457, "\xc3\xaf" },
	{ 0x0458, "j" }, { 0x04AE, "Y" }, { 0x04AF, "y" }, { 0x04BB, "h" }, { 0x04C0, "I" },
	{ 0x04CF, "l" }, { 0x0501, "d" }, { 0x051A, "Q" }, { 0x051B, "q" }, { 0x051C, "W" },
	{ 0x051D, "w" },
};

static int lookalike_cmp(const void *key, const void *entry)
{
	utf8proc_int32_t cp = *(const utf8proc_int32_t *)key;
	const struct lookalike *l = entry;

	return (cp > l->cp) - (cp < l->cp);
}

/* The Latin letter cp is taken for, or NULL. */
static const char *lookalike_of(utf8proc_int32_t cp)
{
	const struct lookalike *l;

	if (cp < 0x037F || cp > 0x051D)
		return NULL;
	l = bsearch(&cp, lookalikes, sizeof(lookalikes) / sizeof(*lookalikes), sizeof(*lookalikes),
		    lookalike_cmp);
	return l ? l->latin : NULL;
}

char *zdh_name_key(const char *name)
{
	utf8proc_uint8_t *nfkc = NULL;
	struct zdh_buf key = ZDH_BUF_INIT;
	utf8proc_ssize_t len;
	const char *p, *end;
	int blank = 0;

	len = utf8proc_map((const utf8proc_uint8_t *)name, 0, &nfkc, UTF8PROC_NULLTERM |
			   UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_IGNORE);
	if (len < 0)
		return zdh_strdup(name);
	/* (the length once: a strlen() at each character was a 2 MB name's 26 s) */
	for (p = (const char *)nfkc, end = p + len; p < end;) {
		utf8proc_int32_t cp;
		size_t n = decode(p, (size_t)(end - p), &cp);

		if (cp >= 0 && (cp == '\t' || cp == '\n' ||
				utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)) {
			blank = key.len > 0;
		} else if (cp < 0 || !invisible(cp)) {
			const char *latin = cp >= 0 ? lookalike_of(cp) : NULL;
			if (blank)
				zdh_buf_addch(&key, ' ');
			blank = 0;
			if (latin)
				zdh_buf_puts(&key, latin);
			else
				zdh_buf_add(&key, p, n);
		}
		p += n;
	}
	free(nfkc);
	return zdh_buf_detach(&key);
}

static char name_key_version[64];
static pthread_once_t name_key_version_once = PTHREAD_ONCE_INIT;

static void name_key_version_make(void)
{
	const char *test = getenv("ZDH_TEST_UNICODE");

	snprintf(name_key_version, sizeof(name_key_version), "%s lookalikes %d",
		 test && *test ? test : utf8proc_unicode_version(), ZDH_LOOKALIKES);
}

/* (made once a process, whichever thread asks first) */
const char *zdh_name_key_version(void)
{
	pthread_once(&name_key_version_once, name_key_version_make);
	return name_key_version;
}

void zdh_name_shown(struct zdh_buf *out, const char *name)
{
	size_t len = strlen(name), i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = decode(name + i, len - i, &cp);

		/* (what tells one name from the other: no one sees it, or sees a Latin letter) */
		if (cp >= 0x80 && (invisible(cp) || lookalike_of(cp)))
			zdh_buf_addf(out, "<U+%04X>", (unsigned)cp);
		else
			zdh_buf_add(out, name + i, n);
		i += n;
	}
}

void zdh_text_shown(struct zdh_buf *out, const char *s, size_t len, int lines)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		size_t n = decode(s + i, len - i, &cp);

		if (cp == '\n' && lines)
			zdh_buf_addch(out, '\n');
		else
			put_char(out, s + i, n, cp);
		i += n;
	}
}

/* The length of s when all of it is printable ASCII (one column a byte), else SIZE_MAX. */
static size_t ascii_width(const char *s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return SIZE_MAX;
	*len = (size_t)(p - (const unsigned char *)s);
	return *len;
}

/* zdh_utf8_fit, returning the columns appended. */
static size_t fit(struct zdh_buf *out, const char *s, size_t width, int pad)
{
	utf8proc_int32_t cp;
	size_t len = strlen(s), i = 0, used = 0, limit, n, w;
	int cut = zdh_utf8_width(s) > width;

	limit = cut && width ? width - 1 : width;
	while (i < len) {
		n = decode(s + i, len - i, &cp);
		w = char_width(cp);
		/* a wide character that does not fit whole is left out */
		if (used + w > limit)
			break;
		put_char(out, s + i, n, cp);
		used += w;
		i += n;
	}
	if (cut && width) {
		zdh_buf_puts(out, ELLIPSIS);
		used++;
	}
	for (; pad && used < width; used++)
		zdh_buf_addch(out, ' ');
	return used;
}

/*
 * When a wide character would straddle the cut, the "…" follows the text
 * directly and the column left over is padding: "新桥路" in 4 columns is
 * "新…" and, padded, "新… ".
 */
void zdh_utf8_fit(struct zdh_buf *out, const char *s, size_t width, int pad)
{
	fit(out, s, width, pad);
}

/*
 * Rows live one after another in blocks that never move, each row its
 * cells' headers (length, display width) then their text, NUL-terminated:
 * nothing per cell but its bytes and eight more, and no array to grow (a
 * table of 100,000 rows was 600,000 strdups, then pointer and width
 * arrays grown by doubling).  The first block is small (most tables hold
 * a few rows); the next ones are of ZDH_HUGE bytes on huge pages (buf.h):
 * the page faults of filling 4 KiB pages were a third of a full `issue
 * list`.  A width with PLAIN set is a cell of printable ASCII, copied as
 * it is, measured once; with CLEAN set, a cell of valid UTF-8 without
 * control characters, copied as it is when it fits its column.
 */
#define PLAIN ((uint32_t)1 << 31)
#define CLEAN ((uint32_t)1 << 30)
#define WIDTH (CLEAN - 1)
#define NO_CELL UINT32_MAX
#define FIRST_BLOCK ((size_t)64 << 10)

struct cellhdr {
	uint32_t len;		/* bytes, without the NUL; NO_CELL for a NULL cell */
	uint32_t width;		/* display columns, | PLAIN or CLEAN */
};

struct row_block {
	struct row_block *next;
	size_t used, size;
	int huge;
	char *data;
};

struct zdh_table {
	size_t ncols;
	char **header;		/* ncols cells, or NULL */
	struct row_block *first, *last;
	size_t nrows;
	int *align;
	size_t *maxwidth;
	/*
	 * Each column's last cell that was not printable ASCII (in its row's
	 * text: blocks never move), its length and width: a column that
	 * repeats one name (a department, a status word) is measured once.
	 */
	const char **prev;
	uint32_t *prevlen, *prevw;
	int excel;	/* CSV for a spreadsheet: zdh_table_excel() */
};

void zdh_table_excel(struct zdh_table *t)
{
	t->excel = 1;
}

/* Where the next row of size bytes goes. */
static char *row_space(struct zdh_table *t, size_t size)
{
	struct row_block *b = t->last;

	if (!b || b->size - b->used < size) {
		b = zdh_calloc(1, sizeof(*b));
		if (!t->first && size <= FIRST_BLOCK) {
			b->size = FIRST_BLOCK;
			b->data = zdh_malloc(b->size);
		} else if (size <= ZDH_HUGE) {
			b->size = ZDH_HUGE;
			b->data = zdh_huge_alloc();
			b->huge = 1;
		} else {
			b->size = size;
			b->data = zdh_malloc(size);
		}
		if (t->last)
			t->last->next = b;
		else
			t->first = b;
		t->last = b;
	}
	b->used += size;
	return b->data + b->used - size;
}

/* The bytes a row takes whose cells hold text bytes in all: headers, text, NULs, aligned. */
static size_t row_size(size_t ncols, size_t text)
{
	size_t n = ncols * sizeof(struct cellhdr) + text;

	return (n + _Alignof(struct cellhdr) - 1) & ~(_Alignof(struct cellhdr) - 1);
}

/* A walk over the rows, in order. */
struct row_walk {
	const struct row_block *b;
	size_t off;
};

/* The next row's headers and its first cell's text; NULL after the last. */
static const struct cellhdr *next_row(const struct zdh_table *t, struct row_walk *w,
				      const char **text)
{
	const struct cellhdr *h;
	size_t n = 0;

	while (w->b && w->off == w->b->used) {
		w->b = w->b->next;
		w->off = 0;
	}
	if (!w->b)
		return NULL;
	h = (const struct cellhdr *)(w->b->data + w->off);
	for (size_t c = 0; c < t->ncols; c++)
		if (h[c].len != NO_CELL)
			n += h[c].len + 1;
	*text = (const char *)(h + t->ncols);
	w->off += row_size(t->ncols, n);
	return h;
}

struct zdh_table *zdh_table_new(size_t ncols)
{
	struct zdh_table *t = zdh_calloc(1, sizeof(*t));

	t->ncols = ncols;
	t->align = zdh_calloc(ncols, sizeof(*t->align));
	t->maxwidth = zdh_calloc(ncols, sizeof(*t->maxwidth));
	t->prev = zdh_calloc(ncols, sizeof(*t->prev));
	t->prevlen = zdh_calloc(ncols, sizeof(*t->prevlen));
	t->prevw = zdh_calloc(ncols, sizeof(*t->prevw));
	return t;
}

static void free_cells(char **cells, size_t n)
{
	size_t i;

	if (!cells)
		return;
	for (i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

void zdh_table_header(struct zdh_table *t, const char *const *cells)
{
	free_cells(t->header, t->ncols);
	t->header = zdh_calloc(t->ncols, sizeof(char *));
	for (size_t i = 0; i < t->ncols; i++)
		t->header[i] = cells[i] ? zdh_strdup(cells[i]) : NULL;
}

void zdh_table_align(struct zdh_table *t, size_t col, int align)
{
	if (col < t->ncols)
		t->align[col] = align;
}

void zdh_table_maxwidth(struct zdh_table *t, size_t col, size_t width)
{
	if (col < t->ncols)
		t->maxwidth[col] = width;
}

#define ROW_CELLS_MAX 64

/*
 * The display width of s (len bytes), | CLEAN when put_char() would copy
 * each character whole.  A width past WIDTH (2^30 - 1 columns, a GiB of
 * text) is WIDTH: every reader compares it with a column's width.
 */
static size_t measure(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	size_t i = 0, w = 0, clean = CLEAN;

	while (i < len) {
		i += decode(s + i, len - i, &cp);
		if (cp < 0 || is_control(cp))
			clean = 0;
		w += char_width(cp);
	}
	return (w < WIDTH ? w : WIDTH) | clean;
}

size_t zdh_utf8_width(const char *s)
{
	size_t len;

	/* most cells of most tables: ids, states, dates */
	if (ascii_width(s, &len) != SIZE_MAX)
		return len;
	return measure(s, strlen(s)) & WIDTH;
}

void zdh_table_row(struct zdh_table *t, const char *const *cells)
{
	size_t len[ROW_CELLS_MAX], w[ROW_CELLS_MAX], text = 0;
	struct cellhdr *h;
	char *p;

	ZDH_ASSERT(t->ncols <= ROW_CELLS_MAX);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = cells[c];
		if (!s)
			continue;
		w[c] = ascii_width(s, &len[c]);
		if (w[c] != SIZE_MAX) {
			w[c] |= PLAIN;
		} else {
			len[c] = strlen(s);
			if (t->prev[c] && t->prevlen[c] == len[c] && !memcmp(t->prev[c], s, len[c]))
				w[c] = t->prevw[c];
			else
				w[c] = measure(s, len[c]);
		}
		/* (SQLite's strings stop at a billion bytes) */
		ZDH_ASSERT(len[c] < NO_CELL && (w[c] & ~(size_t)(PLAIN | CLEAN)) < CLEAN);
		text += len[c] + 1;
	}
	h = (struct cellhdr *)row_space(t, row_size(t->ncols, text));
	p = (char *)(h + t->ncols);
	for (size_t c = 0; c < t->ncols; c++) {
		if (!cells[c]) {
			h[c].len = NO_CELL;
			h[c].width = PLAIN;
			continue;
		}
		h[c].len = (uint32_t)len[c];
		h[c].width = (uint32_t)w[c];
		if (!(w[c] & PLAIN)) {
			t->prev[c] = p;
			t->prevlen[c] = (uint32_t)len[c];
			t->prevw[c] = (uint32_t)w[c];
		}
		memcpy(p, cells[c], len[c]);
		p[len[c]] = '\0';
		p += len[c] + 1;
	}
	t->nrows++;
}

size_t zdh_table_rows(const struct zdh_table *t)
{
	return t->nrows;
}

/* Cell c of a row, given its headers and the text of its first cell; "" for none. */
static const char *row_cell(const struct zdh_table *t, const struct cellhdr *h,
			    const char *text, size_t c)
{
	(void)t;
	for (size_t i = 0; i < c; i++)
		if (h[i].len != NO_CELL)
			text += h[i].len + 1;
	return h[c].len == NO_CELL ? "" : text;
}

static int write_buf(FILE *out, const struct zdh_buf *b)
{
	return fwrite(b->ptr, 1, b->len, out) == b->len ? 0 : -1;
}

static int finish_write(FILE *out, int err)
{
	if (fflush(out) || ferror(out) || err)
		return zdh_output_failed(out, _("cannot write output"));
	return 0;
}

/* Lines are written 64 KiB at a time (stdio's buffer is 4 KiB). */
#define OUT_CHUNK 65536

/* The lines gathered, written once they fill a chunk: 0, or -1 when the write failed. */
static int write_chunk(FILE *out, struct zdh_buf *lines)
{
	if (lines->len < OUT_CHUNK)
		return 0;
	if (write_buf(out, lines) < 0)
		return -1;
	zdh_buf_reset(lines);
	return 0;
}

/*
 * One line of the table: cells s[] of widths cw[] (0 for the header:
 * measured) and lengths len[], columns widths[].
 */
static void table_line(struct zdh_buf *line, struct zdh_buf *tmp, const struct zdh_table *t,
		       const char *const *s, const uint32_t *cw, const uint32_t *len,
		       const size_t *widths, size_t rowmax)
{
	size_t start = line->len, used;
	char *p;

	zdh_buf_grow(line, rowmax);
	p = line->ptr + line->len;
	for (size_t c = 0; c < t->ncols; c++) {
		/* a last column aligned left is not padded: trailing spaces go anyway */
		int last = c + 1 == t->ncols && t->align[c] != ZDH_ALIGN_RIGHT;

		if (c) {
			*p++ = ' ';
			*p++ = ' ';
		}
		if ((cw[c] & (PLAIN | CLEAN)) && (cw[c] & WIDTH) <= widths[c]) {
			/*
			 * printable ASCII or clean UTF-8 that fits (what fit()
			 * would write): the bytes as they are, padded
			 */
			size_t n = len[c], pad = widths[c] - (cw[c] & WIDTH);
			if (n > (cw[c] & WIDTH)) {
				/* more bytes than columns: room beyond rowmax */
				zdh_buf_setlen(line, (size_t)(p - line->ptr));
				zdh_buf_grow(line, rowmax + n);
				p = line->ptr + line->len;
			}
			if (t->align[c] == ZDH_ALIGN_RIGHT) {
				memset(p, ' ', pad);
				memcpy(p + pad, s[c], n);
			} else {
				memcpy(p, s[c], n);
				if (last) {
					p += n;
					continue;
				}
				memset(p + n, ' ', pad);
			}
			p += n + pad;
			continue;
		}
		/* wider text: through fit(), which grows the buffer */
		zdh_buf_setlen(line, (size_t)(p - line->ptr));
		if (t->align[c] == ZDH_ALIGN_RIGHT) {
			zdh_buf_reset(tmp);
			used = fit(tmp, s[c], widths[c], 0);
			for (; used < widths[c]; used++)
				zdh_buf_addch(line, ' ');
			zdh_buf_add(line, tmp->ptr, tmp->len);
		} else {
			fit(line, s[c], widths[c], !last);
		}
		zdh_buf_grow(line, rowmax);
		p = line->ptr + line->len;
	}
	/* padding of empty or short last columns must not trail */
	while (p > line->ptr + start && p[-1] == ' ')
		p--;
	*p++ = '\n';
	zdh_buf_setlen(line, (size_t)(p - line->ptr));
}

int zdh_table_print(struct zdh_table *t, FILE *out, int no_header)
{
	struct zdh_buf line = ZDH_BUF_INIT, tmp = ZDH_BUF_INIT;
	size_t *widths = zdh_calloc(t->ncols, sizeof(size_t)), c, w, rowmax;
	const char *s[ROW_CELLS_MAX];
	uint32_t cw[ROW_CELLS_MAX], len[ROW_CELLS_MAX];
	int hdr = t->header && !no_header;
	struct row_walk walk = { t->first, 0 };
	const struct cellhdr *h;
	const char *text;
	int err = 0;

	ZDH_ASSERT(t->ncols <= ROW_CELLS_MAX);
	if (hdr)
		for (c = 0; c < t->ncols; c++) {
			w = zdh_utf8_width(t->header[c] ? t->header[c] : "");
			if (w > widths[c])
				widths[c] = w;
		}
	while ((h = next_row(t, &walk, &text)))
		for (c = 0; c < t->ncols; c++) {
			w = h[c].width & WIDTH;
			if (w > widths[c])
				widths[c] = w;
		}
	for (c = 0; c < t->ncols; c++)
		if (t->maxwidth[c] && widths[c] > t->maxwidth[c])
			widths[c] = t->maxwidth[c];

	/* a row of printable ASCII is at most this long: written in place */
	for (c = 0, rowmax = 1; c < t->ncols; c++)
		rowmax += widths[c] + 2;
	if (hdr) {
		for (c = 0; c < t->ncols; c++) {
			s[c] = t->header[c] ? t->header[c] : "";
			cw[c] = 0;	/* not PLAIN: measured by fit() */
			len[c] = 0;
		}
		table_line(&line, &tmp, t, s, cw, len, widths, rowmax);
	}
	walk.b = t->first;
	walk.off = 0;
	while ((h = next_row(t, &walk, &text))) {
		for (c = 0; c < t->ncols; c++) {
			if (h[c].len == NO_CELL) {
				s[c] = "";
			} else {
				s[c] = text;
				text += h[c].len + 1;
			}
			cw[c] = h[c].width;
			len[c] = h[c].len == NO_CELL ? 0 : h[c].len;
		}
		table_line(&line, &tmp, t, s, cw, len, widths, rowmax);
		if ((err = write_chunk(out, &line)) < 0)
			goto done;
	}
	err = write_buf(out, &line);

done:
	err = finish_write(out, err);
	zdh_buf_release(&line);
	zdh_buf_release(&tmp);
	free(widths);
	return err;
}

/*
 * RFC 4180 asks for CRLF; zdh writes "\n" like every other text it prints
 * (spreadsheets and its own importer read both).
 */
static void csv_line(struct zdh_buf *line, const struct zdh_table *t, const char *const *hdr,
		     const struct cellhdr *h, const char *text)
{
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		if (c)
			zdh_buf_addch(line, ',');
		zdh_csv_cell(line, hdr ? (hdr[c] ? hdr[c] : "") : row_cell(t, h, text, c), t->excel);
	}
	zdh_buf_addch(line, '\n');
}

int zdh_table_print_csv(struct zdh_table *t, FILE *out)
{
	struct zdh_buf line = ZDH_BUF_INIT;
	struct row_walk walk = { t->first, 0 };
	const struct cellhdr *h;
	const char *text;
	int err = 0;

	if (t->header)
		csv_line(&line, t, (const char *const *)t->header, NULL, NULL);
	while ((h = next_row(t, &walk, &text))) {
		csv_line(&line, t, NULL, h, text);
		if ((err = write_chunk(out, &line)) < 0)
			goto done;
	}
	err = write_buf(out, &line);
done:
	err = finish_write(out, err);
	zdh_buf_release(&line);
	return err;
}

void zdh_table_free(struct zdh_table *t)
{
	if (!t)
		return;
	free_cells(t->header, t->ncols);
	while (t->first) {
		struct row_block *next = t->first->next;
		if (t->first->huge)
			zdh_huge_free(t->first->data);
		else
			free(t->first->data);
		free(t->first);
		t->first = next;
	}
	free(t->align);
	free(t->maxwidth);
	free(t->prev);
	free(t->prevlen);
	free(t->prevw);
	free(t);
}

void zdh_csv_field(struct zdh_buf *out, const char *s)
{
	zdh_csv_cell(out, s, 0);
}

void zdh_csv_cell(struct zdh_buf *out, const char *s, int excel)
{
	const char *quote = "";

	if (!s)
		return;
	if (excel && zdh_csv_formula_like(s, strlen(s)))
		quote = "'";	/* text, not a formula to run (zdh(1), --excel) */
	if (!strpbrk(s, ",\"\r\n")) {
		zdh_buf_puts(out, quote);
		zdh_buf_puts(out, s);
		return;
	}
	zdh_buf_addch(out, '"');
	zdh_buf_puts(out, quote);
	for (; *s; s++) {
		if (*s == '"')
			zdh_buf_addch(out, '"');
		zdh_buf_addch(out, *s);
	}
	zdh_buf_addch(out, '"');
}

/*
 * The pager.  stdout (and stderr, when it is a terminal, as git does) are
 * pointed at a pipe into the pager; the originals are kept so that finishing
 * puts them back, which closes the pipe and lets the pager see the end.
 */
static pid_t pager_pid;
static int saved_out = -1, saved_err = -1;
static const int pager_signals[] = { SIGINT, SIGHUP, SIGTERM, SIGQUIT, SIGPIPE };
#define NSIGNALS (sizeof(pager_signals) / sizeof(pager_signals[0]))
static int caught[NSIGNALS];

static void restore_fds(void)
{
	dup2(saved_out, 1);
	close(saved_out);
	saved_out = -1;
	if (saved_err >= 0) {
		dup2(saved_err, 2);
		close(saved_err);
		saved_err = -1;
	}
}

static void wait_pager(void)
{
	while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
		;
	pager_pid = 0;
}

/*
 * Killed while the pager runs (^C, or SIGPIPE when it quits early): let
 * the pager finish with the terminal before dying, or the shell's prompt
 * and the pager would fight over it.  Only async-signal-safe calls here.
 */
static void pager_signal(int sig)
{
	int saved_errno = errno;

	if (pager_pid > 0) {
		restore_fds();
		wait_pager();
	}
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved_errno;
}

/*
 * Can the pager's command be run: its first word a program on PATH (or a
 * path that is one)?  A command that starts with an assignment (LESS=x
 * less) is the shell's to judge.  The pager is run by sh -c, which for a
 * program that is not there says so and exits: the output written into
 * the pipe was lost, and zdh exited 0 having shown nothing.
 */
static int pager_runnable(const char *pager)
{
	size_t n = strcspn(pager, " \t");
	const char *path = getenv("PATH"), *p;
	char *word = zdh_strndup(pager, n), *file;
	int ok = 0;

	if (!n || strchr(word, '=')) {
		ok = 1;
	} else if (strchr(word, '/')) {
		ok = !access(word, X_OK);
	} else {
		for (p = path ? path : "/usr/bin:/bin"; !ok; p += strcspn(p, ":") + 1) {
			size_t len = strcspn(p, ":");
			file = zdh_asprintf("%.*s/%s", (int)len, len ? p : ".", word);
			ok = !access(file, X_OK);
			free(file);
			if (!p[len])
				break;
		}
	}
	free(word);
	return ok;
}

void zdh_pager_start(void)
{
	static int registered;
	struct sigaction sa, old;
	const char *pager;
	int fds[2], err_tty;
	size_t i;
	pid_t pid;

	if (pager_pid > 0 || !isatty(1))
		return;
	pager = getenv("ZDH_PAGER");
	if (!pager)
		pager = getenv("PAGER");
	if (!pager) {
		/* a minimal system may have no less: no pager then */
		pager = pager_runnable("less") ? "less" : "";
	} else if (*pager && !pager_runnable(pager)) {
		zdh_warn(_("cannot run the pager '%s'; printing without one"), pager);
		pager = "";
	}
	if (!*pager || !strcmp(pager, "cat"))
		return;

	err_tty = isatty(2);
	fflush(stdout);
	fflush(stderr);
	if (pipe(fds) < 0)
		return;
	/* with stdin or stderr closed the pipe could land on 0..2: no pager then */
	if (fds[0] <= 2 || fds[1] <= 2)
		goto fail;
	saved_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
	saved_err = err_tty ? fcntl(2, F_DUPFD_CLOEXEC, 3) : -1;
	if (saved_out < 0 || (err_tty && saved_err < 0))
		goto fail;

	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		zdh_sigpipe_child();
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}

	dup2(fds[1], 1);
	if (err_tty)
		dup2(fds[1], 2);
	close(fds[0]);
	close(fds[1]);
	pager_pid = pid;
	if (!registered) {
		atexit(zdh_pager_finish);
		registered = 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = pager_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGNALS; i++) {
		/* a signal the caller ignores or handles is left alone (nohup, SIGPIPE) */
		caught[i] = !sigaction(pager_signals[i], NULL, &old) &&
			    old.sa_handler == SIG_DFL &&
			    !sigaction(pager_signals[i], &sa, NULL);
	}
	return;

fail:
	close(fds[0]);
	close(fds[1]);
	if (saved_out >= 0)
		close(saved_out);
	if (saved_err >= 0)
		close(saved_err);
	saved_out = saved_err = -1;
}

void zdh_pager_finish(void)
{
	int saved_errno = errno;
	size_t i;

	if (pager_pid <= 0)
		return;
	fflush(stdout);
	fflush(stderr);
	restore_fds();
	wait_pager();
	for (i = 0; i < NSIGNALS; i++)
		if (caught[i]) {
			signal(pager_signals[i], SIG_DFL);
			caught[i] = 0;
		}
	errno = saved_errno;
}

void zdh_std_fds_hold(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int got;

		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* the lowest free number: fd, those below it being open */
		got = open("/dev/null", fd ? O_RDONLY : O_WRONLY);
		if (got >= 0 && got != fd)
			close(got);
	}
}

/* how SIGPIPE was when zdh started: what a child it runs gets back */
static struct sigaction sigpipe_inherited;
static int sigpipe_saved;

void zdh_sigpipe_ignore(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigpipe_saved = !sigaction(SIGPIPE, &sa, &sigpipe_inherited);
}

void zdh_sigpipe_child(void)
{
	if (sigpipe_saved)
		sigaction(SIGPIPE, &sigpipe_inherited, NULL);
}

/*
 * A reader that went away: EPIPE, or no errno left (glibc drops the
 * buffer of a failed write, and its errno with it; an earlier failed write
 * left the stream's error flag) on a pipe or a socket, where a failed
 * write is one whose reader is gone.
 */
static int reader_gone(FILE *out)
{
	struct stat st;

	return errno == EPIPE ||
	       (!errno && !fstat(fileno(out), &st) && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)));
}

int zdh_write_output_failed(int r, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int err;

	/* (a folder that is not there says so by itself: No such file or directory) */
	if (r != -2 || errno == ENOENT || errno == ENOTDIR)
		return zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), path);
	dir = slash ? zdh_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : zdh_strdup(".");
	err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s': it is written beside itself first, and no file can be made in '%s'"),
			      path, dir);
	free(dir);
	return err;
}

int zdh_output_failed(FILE *out, const char *msg)
{
	if (reader_gone(out))
		return 0;
	if (!errno)
		return zdh_error_set(ZDH_ERROR, "%s", msg);
	return zdh_error_errno(ZDH_ERROR, "%s", msg);
}

/*
 * A reader that went away (EPIPE: "zdh log | head", or the pager quit) is
 * not an error worth a message.  stdout stays open: the pager's exit hook
 * still flushes it.  close(dup(1)) reports what a file system keeps for
 * close (NFS, a full quota), as git's final fclose(stdout) does.
 */
int zdh_stdout_close(void)
{
	struct stat st;
	int fd;

	errno = 0;
	if (fflush(stdout) || ferror(stdout))
		return zdh_output_failed(stdout, _("cannot write to standard output"));
	if (!fstat(1, &st) && S_ISREG(st.st_mode)) {
		fd = dup(1);
		if (fd >= 0 && close(fd) < 0)
			return zdh_error_errno(ZDH_ERROR, _("cannot write to standard output"));
	}
	return 0;
}

void zdh_writer_shown(struct zdh_buf *who, const char *name, const char *dept, const char *replica,
		      const char *local)
{
	zdh_buf_puts(who, name ? name : "");
	if (local && replica && strcmp(replica, local))
		/* TRANSLATORS: after a writer's name, the replica (office) that wrote it: 王芳@yanan */
		zdh_buf_addf(who, C_("a writer's replica after their name, when not this one", "@%s"), replica);
	if (dept)
		zdh_buf_addf(who, C_("a writer's department after their name", " (%s)"), dept);
}

void zdh_money_format(char out[32], long long fen)
{
	unsigned long long a = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", a / 100, a % 100);
}
