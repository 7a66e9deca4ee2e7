/*
 * Unit tests of the Chinese interface's core: the table of words
 * (core/words.c: each Chinese name means one English word, aliases both
 * ways, the option domains) and the dates offices type (core/date.c:
 * zdh_date_office_form and zdh_date_parse with those forms, and the
 * refusal that lists the forms).
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "date.h"
#include "error.h"
#include "words.h"
#include "tap.h"

static void office(const char *text, const char *want)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	char name[200];
	int ret = zdh_date_office_form(&b, text);

	snprintf(name, sizeof(name), "office form '%s'", text);
	if (want)
		is_str(ret ? b.ptr : "(not rewritten)", want, name);
	else
		ok(!ret, name);
	zdh_buf_release(&b);
}

static void same_day(const char *a, const char *b)
{
	struct zdh_time ta = { -1, -1 }, tb = { -2, -2 };
	char name[200];

	snprintf(name, sizeof(name), "'%s' is '%s'", a, b);
	ok(!zdh_date_parse(&ta, a, "Asia/Shanghai") && !zdh_date_parse(&tb, b, "Asia/Shanghai") &&
	   ta.t == tb.t && ta.offset == tb.offset, name);
}

int main(void)
{
	/* every Chinese name (and alias) stands for one English word */
	for (const struct zdh_word *w = zdh_words; w->value; w++) {
		const char *names[2] = { w->zh, w->alias };
		for (int k = 0; k < 2; k++) {
			if (!names[k])
				continue;
			for (const struct zdh_word *v = zdh_words; v->value; v++)
				if ((!strcmp(v->zh, names[k]) || (v->alias && !strcmp(v->alias, names[k]))) &&
				    strcmp(v->value, w->value)) {
					ok(0, names[k]);
					printf("#   '%s' means both '%s' and '%s'\n", names[k], w->value, v->value);
				}
		}
	}
	ok(1, "no Chinese name means two words");
	/* zdh_word_value() looks for no word that starts with an ASCII byte */
	for (const struct zdh_word *w = zdh_words; w->value; w++)
		if ((unsigned char)w->zh[0] < 0x80 || (w->alias && (unsigned char)w->alias[0] < 0x80))
			ok(0, w->zh);
	ok(1, "every Chinese name and alias starts with a byte past ASCII");

	/* an import's columns by their Chinese names (words.c, column_words) */
	is_str(zdh_csv_column_of("标题"), "title", "the column 标题 is title");
	is_str(zdh_csv_column_of("姓名"), "name", "the column 姓名 is name, as 名称");
	ok(zdh_csv_column_of("title") == NULL, "an English column has no column of a Chinese name");
	ok(zdh_csv_column_of("题目") == NULL, "a name the interface does not use is none");
	is_str(zdh_csv_column_zh("created"), "创建于", "created's Chinese name");

	is_str(zdh_word_value(ZDH_W_ORG_KIND, "居民区"), "area", "居民区 is area");
	is_str(zdh_word_value(ZDH_W_ORG_KIND, "居委会"), "area", "居委会 is area too");
	is_str(zdh_word_value(ZDH_W_ISSUE_STATUS, "已认领"), "claimed", "已认领 is claimed");
	is_str(zdh_word_value(ZDH_W_DECISION_STATUS, "待表决"), "open", "待表决 is a decision's open");
	is_str(zdh_word_value(ZDH_W_ISSUE_STATUS, "待表决"), "待表决", "but not an issue's");
	is_str(zdh_word_value(ZDH_W_ANY, "信访"), "petition", "any domain: 信访 is petition");
	is_str(zdh_word_value(ZDH_W_SOURCE, "petition"), "petition", "an English word stays");
	is_str(zdh_word_value(ZDH_W_SOURCE, ""), "", "an empty word stays");
	ok(zdh_word_value(ZDH_W_SOURCE, NULL) == NULL, "no word stays none");
	is_str(zdh_word_zh(ZDH_W_ISSUE_STATUS, "open"), "待认领", "an issue's open is 待认领");
	is_str(zdh_word_zh(ZDH_W_DECISION_STATUS, "open"), "待表决", "a decision's open is 待表决");
	ok(zdh_word_zh(ZDH_W_SOURCE, "nonsense") == NULL, "no Chinese name for an unknown word");
	/* not under a Chinese catalogue (none is bound here): the word itself */
	is_str(zdh_word_label(ZDH_W_ISSUE_STATUS, "claimed"), "claimed", "label without zh_CN");
	is_int(zdh_word_option_domain("org", "kind"), ZDH_W_ORG_KIND, "org --kind");
	is_int(zdh_word_option_domain("issue", "category"), ZDH_W_CATEGORY, "issue --category");
	is_int(zdh_word_option_domain("menu offer", "category"), -1,
	       "menu offer --category: the menu's own categories, by their labels");
	is_int(zdh_word_option_domain("log", "kind"), ZDH_W_RECORD_KIND, "log --kind");
	is_int(zdh_word_option_domain("council member", "role"), ZDH_W_ROLE, "council member --role");
	is_int(zdh_word_option_domain("issue", "status"), ZDH_W_ISSUE_STATUS, "issue --status");
	is_int(zdh_word_option_domain("project", "status"), ZDH_W_PROJECT_STATUS, "project --status");
	is_int(zdh_word_option_domain("council", "type"), ZDH_W_DECISION_TYPE, "council decide --type");
	is_int(zdh_word_option_domain("conflicts", "kind"), ZDH_W_RECORD_KIND, "conflicts --kind");
	is_str(zdh_word_value(ZDH_W_CONSENT_STATUS, "待确认"), "pending", "待确认 is a consent pending");
	is_int(zdh_word_option_domain("issue", "title"), -1, "issue --title takes no word");

	office("2026/11/03", "2026-11-03");
	office("2026/11/3", "2026-11-03");
	office("2026-12-1", "2026-12-01");
	office("2026.1.9", "2026-01-09");
	office("2026年11月3日", "2026-11-03");
	office("2026年11月3号", "2026-11-03");
	office("2026年 1月 9日", "2026-01-09");
	office("2026年11月3日14:30", "2026-11-03 14:30");
	office("2026/11/03 14:30", "2026-11-03 14:30");
	office("2026年11月4日 9:30", "2026-11-04 09:30");
	office("2026-11-04 9:30", "2026-11-04 09:30");
	office("2026-11-04T09:30+08:00", NULL);
	office("2026-11-03", NULL);
	office("2026-11-03 14:30", NULL);
	office("2026/11-03", NULL);
	office("2026年11-03", NULL);
	office("26/11/03", NULL);
	office("today", NULL);

	same_day("2026/11/03", "2026-11-03");
	same_day("2026年11月3日", "2026-11-03");
	same_day("2026-12-1", "2026-12-01");
	same_day("2026年11月3日 14:30", "2026-11-03 14:30");
	{
		struct zdh_time t;
		ok(zdh_date_parse(&t, "2026/13/01", "Asia/Shanghai") == ZDH_EINVALID, "month 13 refused");
		ok(zdh_date_parse(&t, "2026年2月30日", "Asia/Shanghai") == ZDH_EINVALID, "February 30 refused");
		ok(zdh_date_parse(&t, "11/03/2026", "Asia/Shanghai") == ZDH_EINVALID, "day first refused");
		ok(strstr(zdh_error_msg(), "YYYY/MM/DD") && strstr(zdh_error_msg(), "YYYY年MM月DD日"),
		   "the refusal lists the accepted forms");
	}
	return done_testing();
}
