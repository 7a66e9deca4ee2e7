/*
 * words — the Chinese names of the enumerations, in one table (see
 * include/words.h).  The names follow the glossary of the domain
 * (DOMAIN.md): 居民区 area, 片区 district, 认领 claim, 信访 petition ...
 * Nothing here decides what is valid: core checks the English word it
 * is given, after zdh_word_value() has mapped a Chinese name onto it.
 */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"
#include "json.h"
#include "output.h"
#include "kind.h"
#include "rules.h"
#include "words.h"

const struct zdh_word zdh_words[] = {
	{ ZDH_W_ORG_KIND, "area", "居民区", "居委会" },
	{ ZDH_W_ORG_KIND, "district", "片区", NULL },
	{ ZDH_W_ORG_KIND, "dept", "部门", "条线部门" },
	{ ZDH_W_ORG_KIND, "unit", "社区单位", NULL },
	{ ZDH_W_ORG_KIND, "building", "楼宇", NULL },
	{ ZDH_W_ORG_KIND, "group", "两新组织", "团体" },

	{ ZDH_W_ISSUE_STATUS, "open", "待认领", NULL },
	{ ZDH_W_ISSUE_STATUS, "claimed", "已认领", NULL },
	{ ZDH_W_ISSUE_STATUS, "escalated", "已上报", NULL },
	{ ZDH_W_ISSUE_STATUS, "resolved", "已解决", "已办结" },	/* after 办结, the operation */
	{ ZDH_W_ISSUE_STATUS, "closed", "已关闭", NULL },
	{ ZDH_W_ISSUE_STATUS, "void", "已作废", "作废" },

	{ ZDH_W_SOURCE, "visit", "走访", "包块走访" },
	{ ZDH_W_SOURCE, "wechat", "微信", NULL },
	{ ZDH_W_SOURCE, "hotline", "热线", NULL },
	{ ZDH_W_SOURCE, "petition", "信访", NULL },
	{ ZDH_W_SOURCE, "hearing", "听证会", NULL },
	{ ZDH_W_SOURCE, "council", "理事会", NULL },
	{ ZDH_W_SOURCE, "grid", "网格平台", NULL },
	{ ZDH_W_SOURCE, "other", "其他", NULL },

	{ ZDH_W_CATEGORY, "environment", "环境卫生", NULL },
	{ ZDH_W_CATEGORY, "parking", "停车", "停车交通" },
	{ ZDH_W_CATEGORY, "safety", "安全", NULL },
	{ ZDH_W_CATEGORY, "housing", "房屋", "房屋修缮" },
	{ ZDH_W_CATEGORY, "group-renting", "群租", NULL },
	{ ZDH_W_CATEGORY, "shops", "商铺", "商户与居民" },
	{ ZDH_W_CATEGORY, "accessibility", "无障碍", NULL },
	{ ZDH_W_CATEGORY, "elderly-care", "养老", "为老服务" },
	{ ZDH_W_CATEGORY, "other", "其他", NULL },

	{ ZDH_W_RETURN_CODE, "not-our-area", "非本部门职责", NULL },
	{ ZDH_W_RETURN_CODE, "unclear-ownership", "权属不清", NULL },
	{ ZDH_W_RETURN_CODE, "overlapping-duties", "职责交叉", NULL },
	{ ZDH_W_RETURN_CODE, "other", "其他", NULL },

	{ ZDH_W_ROLE, "chair", "理事长", NULL },
	{ ZDH_W_ROLE, "deputy", "副理事长", NULL },
	{ ZDH_W_ROLE, "member", "理事", NULL },
	{ ZDH_W_ROLE, "secretary", "秘书", NULL },
	{ ZDH_W_ROLE, "supporting-unit", "支持单位", NULL },
	{ ZDH_W_ROLE, "legal-advisor", "法律顾问", NULL },

	{ ZDH_W_PARTY, "resident", "居民", NULL },
	{ ZDH_W_PARTY, "shop", "商户", NULL },
	{ ZDH_W_PARTY, "owners-committee", "业委会", NULL },
	{ ZDH_W_PARTY, "property-manager", "物业", NULL },
	{ ZDH_W_PARTY, "unit", "社区单位", NULL },

	{ ZDH_W_MEETING_KIND, "regular", "例会", NULL },
	{ ZDH_W_MEETING_KIND, "extra", "临时会议", NULL },
	{ ZDH_W_MEETING_KIND, "hearing", "听证会", NULL },
	{ ZDH_W_MEETING_KIND, "consultation", "协商", NULL },

	{ ZDH_W_ATTENDANCE, "present", "出席", NULL },
	{ ZDH_W_ATTENDANCE, "absent", "缺席", NULL },
	{ ZDH_W_ATTENDANCE, "excused", "请假", NULL },
	{ ZDH_W_ATTENDANCE, "proxy", "委托", NULL },

	{ ZDH_W_VOTE, "for", "赞成", NULL },
	{ ZDH_W_VOTE, "against", "反对", NULL },
	{ ZDH_W_VOTE, "abstain", "弃权", NULL },

	{ ZDH_W_MAJORITY, "simple", "过半数", NULL },
	{ ZDH_W_MAJORITY, "two-thirds", "三分之二", NULL },
	{ ZDH_W_MAJORITY, "unanimous", "全体一致", NULL },

	{ ZDH_W_DECISION_STATUS, "open", "待表决", NULL },
	{ ZDH_W_DECISION_STATUS, "no-quorum", "未达法定人数", NULL },
	{ ZDH_W_DECISION_STATUS, "rejected", "未通过", NULL },
	{ ZDH_W_DECISION_STATUS, "pending-consent", "待书面确认", NULL },
	{ ZDH_W_DECISION_STATUS, "adopted", "已通过", NULL },
	{ ZDH_W_DECISION_STATUS, "blocked", "受阻", NULL },

	{ ZDH_W_PROJECT_KIND, "self-governance", "自治项目", NULL },
	{ ZDH_W_PROJECT_KIND, "co-governance", "共治项目", NULL },
	{ ZDH_W_PROJECT_KIND, "micro", "微实事", NULL },

	{ ZDH_W_PROJECT_STATUS, "proposed", "已申报", NULL },
	{ ZDH_W_PROJECT_STATUS, "approved", "已批准", NULL },
	{ ZDH_W_PROJECT_STATUS, "done", "已完成", NULL },

	{ ZDH_W_RECORD_KIND, "org", "组织", NULL },
	{ ZDH_W_RECORD_KIND, "issue", "问题", NULL },
	{ ZDH_W_RECORD_KIND, "offer", "服务供给", NULL },
	{ ZDH_W_RECORD_KIND, "need", "服务需求", NULL },
	{ ZDH_W_RECORD_KIND, "pairing", "结对", NULL },
	{ ZDH_W_RECORD_KIND, "delivery", "服务记录", NULL },
	{ ZDH_W_RECORD_KIND, "liaison", "联络员", NULL },
	{ ZDH_W_RECORD_KIND, "visit", "走访", NULL },
	{ ZDH_W_RECORD_KIND, "project", "项目", NULL },
	{ ZDH_W_RECORD_KIND, "fund", "自治金", NULL },
	{ ZDH_W_RECORD_KIND, "person", "人员", NULL },
	{ ZDH_W_RECORD_KIND, "report", "报表", NULL },
	{ ZDH_W_RECORD_KIND, "setting", "共用设置", NULL },
	{ ZDH_W_RECORD_KIND, "council", "理事会", NULL },
	{ ZDH_W_RECORD_KIND, "meeting", "会议", NULL },
	{ ZDH_W_RECORD_KIND, "decision", "决议", NULL },
	{ ZDH_W_RECORD_KIND, "action", "行动", NULL },

	{ ZDH_W_COUNCIL_STATUS, "active", "运作中", NULL },
	{ ZDH_W_COUNCIL_STATUS, "dissolved", "已解散", NULL },

	{ ZDH_W_ACTION_STATUS, "open", "待办", NULL },
	{ ZDH_W_ACTION_STATUS, "done", "已完成", NULL },
	{ ZDH_W_ACTION_STATUS, "void", "已作废", "作废" },

	{ ZDH_W_CONSENT_STATUS, "given", "已确认", NULL },
	{ ZDH_W_CONSENT_STATUS, "refused", "已拒绝", NULL },
	{ ZDH_W_CONSENT_STATUS, "pending", "待确认", NULL },

	{ ZDH_W_PAIRING_STATUS, "active", "进行中", NULL },
	{ ZDH_W_PAIRING_STATUS, "ended", "已结束", NULL },
	{ ZDH_W_PAIRING_STATUS, "no-place", "无名额", NULL },

	{ ZDH_W_INBOX_STATUS, "mentioned", "被提及", NULL },

	{ ZDH_W_DECISION_TYPE, "general", "一般事项", NULL },
	{ ZDH_W_DECISION_TYPE, "charter", "章程修改", NULL },

	{ ZDH_W_ACCESS_ROLE, "subdistrict-admin", "街道管理员", NULL },
	{ ZDH_W_ACCESS_ROLE, "area-staff", "居委会工作人员", NULL },
	{ ZDH_W_ACCESS_ROLE, "liaison", "联络员", NULL },
	{ ZDH_W_ACCESS_ROLE, "council-chair", "理事会理事长", NULL },
	{ ZDH_W_ACCESS_ROLE, "council-secretary", "理事会秘书", NULL },
	{ ZDH_W_ACCESS_ROLE, "legal-advisor", "法律顾问", NULL },
	{ ZDH_W_ACCESS_ROLE, "auditor", "审计员", NULL },

	/* the operations of every kind, as histories and zdh log print them */
	{ ZDH_W_OPERATION, "add", "新增", NULL },
	{ ZDH_W_OPERATION, "approve", "批准", NULL },
	{ ZDH_W_OPERATION, "assign", "指派", NULL },
	{ ZDH_W_OPERATION, "budget", "预算", NULL },
	{ ZDH_W_OPERATION, "charter", "章程", NULL },
	{ ZDH_W_OPERATION, "claim", "认领", NULL },
	{ ZDH_W_OPERATION, "close", "关闭", NULL },
	{ ZDH_W_OPERATION, "comment", "留言", NULL },
	{ ZDH_W_OPERATION, "consent", "书面确认", NULL },
	{ ZDH_W_OPERATION, "discuss", "讨论", NULL },
	{ ZDH_W_OPERATION, "dissolve", "解散", NULL },
	{ ZDH_W_OPERATION, "done", "完成", NULL },
	{ ZDH_W_OPERATION, "edit", "修改", NULL },
	{ ZDH_W_OPERATION, "end", "结束", NULL },
	{ ZDH_W_OPERATION, "escalate", "上报", NULL },
	{ ZDH_W_OPERATION, "feedback", "反馈", NULL },
	{ ZDH_W_OPERATION, "follow-up", "长效管理", NULL },
	{ ZDH_W_OPERATION, "grant", "授权", NULL },
	{ ZDH_W_OPERATION, "key-add", "添加密钥", NULL },
	{ ZDH_W_OPERATION, "key-revoke", "吊销密钥", NULL },
	{ ZDH_W_OPERATION, "link", "关联", NULL },
	{ ZDH_W_OPERATION, "member-add", "增加成员", NULL },
	{ ZDH_W_OPERATION, "member-edit", "修改成员", NULL },
	{ ZDH_W_OPERATION, "member-remove", "移除成员", NULL },
	{ ZDH_W_OPERATION, "release", "释放名额", NULL },
	{ ZDH_W_OPERATION, "reopen", "重新打开", NULL },
	{ ZDH_W_OPERATION, "resolve", "办结", NULL },
	{ ZDH_W_OPERATION, "retire", "停用", NULL },
	{ ZDH_W_OPERATION, "return", "退回", NULL },
	{ ZDH_W_OPERATION, "revoke-role", "撤销角色", NULL },
	{ ZDH_W_OPERATION, "set", "设定", NULL },
	{ ZDH_W_OPERATION, "setting", "设置", NULL },
	{ ZDH_W_OPERATION, "spend", "支出", NULL },
	{ ZDH_W_OPERATION, "take", "占用名额", NULL },
	{ ZDH_W_OPERATION, "unset", "取消设定", NULL },
	{ ZDH_W_OPERATION, "update", "更新", NULL },
	{ ZDH_W_OPERATION, "urge", "催办", NULL },
	{ ZDH_W_OPERATION, "void", "作废", NULL },
	{ ZDH_W_OPERATION, "vote", "表决", NULL },
	{ 0, NULL, NULL, NULL }
};

const char *zdh_word_value(enum zdh_word_domain domain, const char *word)
{
	/*
	 * Every name of the table is Chinese (tests/unit/i18n.c checks): a
	 * word that starts with an ASCII byte is none of them, and is not
	 * looked for (an import asks three times a row: 3,700 instructions).
	 */
	if (!word)
		return word;
	if ((unsigned char)word[0] < 0x80) {
		/* OPEN, Open: the word, as an id in any case is the id (none has a capital) */
		const char *p = word;

		/* (a loop, not strcspn(): its 26 bytes made a table each call) */
		while (*p && !(*p >= 'A' && *p <= 'Z'))
			p++;
		if (!*p)
			return word;
		for (const struct zdh_word *w = zdh_words; w->value; w++)
			if ((domain == ZDH_W_ANY || w->domain == domain) && !strcasecmp(w->value, word))
				return w->value;
		return word;
	}
	for (const struct zdh_word *w = zdh_words; w->value; w++)
		if ((domain == ZDH_W_ANY || w->domain == domain) &&
		    (!strcmp(w->zh, word) || (w->alias && !strcmp(w->alias, word))))
			return w->value;
	return word;
}

/* The Chinese name of value when every domain that has it agrees; else NULL. */
static const char *zh_of_any(const char *value)
{
	const char *zh = NULL;

	for (const struct zdh_word *w = zdh_words; w->value; w++)
		if (!strcmp(w->value, value)) {
			if (zh && strcmp(zh, w->zh))
				return NULL;
			zh = w->zh;
		}
	return zh;
}

const char *zdh_word_zh(enum zdh_word_domain domain, const char *value)
{
	if (!value)
		return NULL;
	if (domain == ZDH_W_ANY)
		return zh_of_any(value);
	for (const struct zdh_word *w = zdh_words; w->value; w++)
		if (w->domain == domain && !strcmp(w->value, value))
			return w->zh;
	return NULL;
}

void zdh_word_join(struct zdh_buf *b, enum zdh_word_domain domain, const char *const *list)
{
	int chinese = zdh_i18n_chinese();

	for (size_t i = 0; list[i]; i++) {
		const char *zh = chinese ? zdh_word_zh(domain, list[i]) : NULL;
		zdh_buf_addf(b, "%s%s%s%s", i ? ", " : "", list[i], zh ? "/" : "", zh ? zh : "");
	}
}

/* zdh_word_or() of list, each word's Chinese name its domain's; or of a table's rows, their own */
static void word_or(struct zdh_buf *b, enum zdh_word_domain domain, const char *const *list,
		    const struct zdh_word *table)
{
	int chinese = zdh_i18n_chinese(), labelled = 0;

	for (size_t i = 0; list ? list[i] != NULL : table[i].value != NULL; i++) {
		const char *word = list ? list[i] : table[i].value;
		const char *zh = !chinese ? NULL : list ? zdh_word_zh(domain, word) : table[i].zh;
		int last = list ? !list[i + 1] : !table[i + 1].value;

		if (i && last)
			/* 或 after a full-width bracket without a space, after a word with one */
			zdh_buf_puts(b, !chinese ? " or " : labelled ? "或 " : " 或 ");
		else if (i)
			zdh_buf_puts(b, chinese ? "、" : ", ");
		zdh_buf_puts(b, word);
		if ((labelled = zh != NULL))
			zdh_buf_addf(b, "（%s）", zh);
	}
}

void zdh_word_or(struct zdh_buf *b, enum zdh_word_domain domain, const char *const *list)
{
	word_or(b, domain, list, NULL);
}

void zdh_word_or_labelled(struct zdh_buf *b, const struct zdh_word *table)
{
	word_or(b, ZDH_W_ANY, NULL, table);
}

const char *zdh_word_label(enum zdh_word_domain domain, const char *value)
{
	const char *zh;

	if (!value || !zdh_i18n_chinese())
		return value;
	zh = zdh_word_zh(domain, value);
	return zh ? zh : value;
}

/*
 * Which options take words of which domain; noun NULL matches any
 * command, and the first entry that matches wins; domain -1: the option
 * takes no word of the table there (the menu's categories are its own,
 * named by their labels in cmd/menu.c: 安全 may be the title of one).
 */
static const struct {
	const char *noun, *option;
	int domain;
} options[] = {
	{ "menu", "category", -1 },
	{ "org", "kind", ZDH_W_ORG_KIND },
	{ "project", "kind", ZDH_W_PROJECT_KIND },
	{ "project", "status", ZDH_W_PROJECT_STATUS },
	{ "person", "role", ZDH_W_ACCESS_ROLE },	/* (person grant's ROLE, in histories) */
	{ "log", "kind", ZDH_W_RECORD_KIND },
	{ "conflicts", "kind", ZDH_W_RECORD_KIND },
	{ "council", "kind", ZDH_W_MEETING_KIND },
	{ "council", "status", ZDH_W_DECISION_STATUS },
	{ "council", "type", ZDH_W_DECISION_TYPE },
	{ NULL, "status", ZDH_W_ISSUE_STATUS },
	{ NULL, "source", ZDH_W_SOURCE },
	{ NULL, "category", ZDH_W_CATEGORY },
	{ NULL, "reason", ZDH_W_RETURN_CODE },
	{ NULL, "role", ZDH_W_ROLE },
	{ NULL, "party", ZDH_W_PARTY },
	{ NULL, "vote", ZDH_W_VOTE },
	{ NULL, "majority", ZDH_W_MAJORITY },
	{ NULL, NULL, 0 }
};

/* "council" is the command of "council" and of "council member" */
static int is_command(const char *noun, const char *command)
{
	size_t n = strlen(command);

	return !strncmp(noun, command, n) && (noun[n] == '\0' || noun[n] == ' ');
}

int zdh_word_option_domain(const char *noun, const char *long_name)
{
	if (!long_name)
		return -1;
	for (size_t i = 0; options[i].option; i++)
		if ((!options[i].noun || (noun && is_command(noun, options[i].noun))) &&
		    !strcmp(options[i].option, long_name))
			return options[i].domain;
	return -1;
}

const char *zdh_word_field_label(const char *noun, const char *field, const char *value)
{
	int domain = zdh_word_option_domain(noun, field);

	return domain < 0 ? value : zdh_word_label((enum zdh_word_domain)domain, value);
}

/*
 * The names of events' fields as a history prints them under a Chinese
 * catalogue: the label a show gives the field ("area:", 居民区：) without
 * its colon, so that a field is called the same above the history and in
 * it; the name a message gives it ("title", 标题) where no show labels it.
 * kind NULL matches any kind; the first entry that matches wins.
 */
static const struct {
	const char *kind, *field, *name;
} field_names[] = {
	{ "person", "name", N_("name:") },	/* 姓名, as person show says */
	{ NULL, "name", N_("name") },		/* an org's, a council's, a liaison's: 名称 */
	{ NULL, "area", N_("area:") },
	{ NULL, "areas", N_("areas:") },
	{ NULL, "amount", N_("amount") },
	{ NULL, "agenda", N_("agenda:") },
	{ NULL, "assignee", N_("assignee:") },
	{ NULL, "budget", N_("budget:") },
	{ NULL, "capacity", N_("capacity a month:") },
	{ NULL, "category", N_("category:") },
	{ NULL, "code", N_("code:") },
	{ NULL, "consent", N_("consent for:") },	/* a charter's types that need it */
	{ NULL, "contact", N_("contact:") },
	{ NULL, "council", N_("council:") },
	{ NULL, "date", N_("day:") },
	{ NULL, "day", N_("day:") },
	{ NULL, "decision", N_("decision:") },
	{ NULL, "dept", N_("dept:") },
	{ NULL, "district", N_("district:") },
	{ NULL, "due", N_("due:") },
	{ NULL, "duties", N_("duties:") },
	{ NULL, "email", N_("email:") },
	{ NULL, "evaluation", N_("evaluation:") },
	{ NULL, "feedback", N_("feedback:") },
	{ NULL, "from", N_("from:") },
	{ NULL, "guests", N_("guest:") },	/* a meeting's: 列席 */
	{ NULL, "fund", N_("fund:") },
	{ NULL, "hours", N_("hours:") },
	{ NULL, "issue", N_("issue:") },
	{ NULL, "item", N_("item") },
	{ NULL, "key", N_("key:") },
	{ NULL, "kind", N_("kind:") },
	{ NULL, "liaison", N_("liaison") },
	{ NULL, "liaison_id", N_("liaison id") },	/* a visit's, beside the name (visit version 4) */
	{ NULL, "location", N_("location:") },
	{ NULL, "majority", N_("majority:") },
	{ NULL, "meeting", N_("meeting:") },
	{ NULL, "meeting_weeks", N_("meeting every N weeks") },
	{ NULL, "member", N_("member") },
	{ NULL, "minutes", N_("minutes:") },	/* a meeting's; a delivery's: field_name() */
	{ NULL, "motion", N_("motion") },
	{ NULL, "need", N_("need:") },
	{ NULL, "note", N_("note:") },
	{ NULL, "notes", N_("notes") },
	{ NULL, "offer", N_("offer:") },
	{ NULL, "org", N_("org") },		/* a supporting unit's */
	{ NULL, "pairing", N_("pairing:") },
	{ NULL, "party", N_("party") },
	{ NULL, "parties", N_("party") },	/* a decision's, whose consent it needs */
	{ NULL, "people", N_("people:") },
	{ NULL, "phone", N_("phone:") },
	{ NULL, "provider", N_("provider:") },
	{ NULL, "quorum", N_("quorum:") },
	{ NULL, "raised", N_("raised:") },
	{ NULL, "reason", N_("reason:") },
	{ NULL, "reporter", N_("reporter:") },
	{ NULL, "role", N_("role:") },
	{ NULL, "satisfaction", N_("satisfaction:") },
	{ NULL, "schedule", N_("schedule:") },
	{ NULL, "source", N_("source:") },
	{ NULL, "status", N_("status:") },
	{ NULL, "text", N_("action") },		/* an action's */
	{ NULL, "title", N_("title") },
	{ NULL, "to", N_("until:") },		/* a member's term: its last day */
	{ NULL, "type", N_("type:") },
	{ NULL, "until", N_("until:") },
	{ NULL, "version", N_("version") },	/* a charter's */
	{ NULL, "vote", N_("vote") },
	{ NULL, "voters", N_("who votes:") },
	{ NULL, "year", N_("year:") },
};

void zdh_word_field_name(struct zdh_buf *b, const char *kind, const char *field)
{
	const char *name = NULL;
	size_t n;

	if (!zdh_i18n_chinese()) {
		zdh_buf_puts(b, field);
		return;
	}
	if (kind && !strcmp(kind, "delivery") && !strcmp(field, "minutes"))
		name = C_("a delivery's length in its history, in minutes", "minutes");
	for (size_t i = 0; !name && i < sizeof(field_names) / sizeof(field_names[0]); i++)
		if ((!field_names[i].kind || (kind && !strcmp(kind, field_names[i].kind))) &&
		    !strcmp(field, field_names[i].field))
			name = _(field_names[i].name);
	if (!name) {
		zdh_buf_puts(b, field);
		return;
	}
	/* a label's colon off, full-width or not */
	n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, "："))
		n -= 3;
	else if (n > 1 && name[n - 1] == ':')
		n--;
	zdh_buf_add(b, name, n);
}

int zdh_word_check(const char *const *list, enum zdh_word_domain domain, const char *word,
		   const char *what)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	const char *best = NULL;
	size_t best_d = (size_t)-1, best_i = 0;
	int err, tie = 0;

	/* (zdh_word_same: an import checks words of every row) */
	for (size_t i = 0; word && list[i]; i++)
		if (zdh_word_same(list[i], word))
			return 0;
	/*
	 * the nearest word, or Chinese name of one: a typo in either is
	 * suggested, unless two words are as near ('通过': 已通过 or 未通过?)
	 */
	for (size_t i = 0; word && list[i]; i++) {
		const char *cand[2] = { list[i], zdh_word_zh(domain, list[i]) };
		for (size_t k = 0; k < 2 && cand[k]; k++) {
			size_t d = zdh_utf8_distance(word, cand[k]);
			if (d < best_d) {
				best_d = d;
				best = cand[k];
				best_i = i;
				tie = 0;
			} else if (d == best_d && i != best_i) {
				tie = 1;
			}
		}
	}
	zdh_word_join(&b, domain, list);
	/* the Chinese name itself where it is not taken (an import's cell
	 * not mapped): the word it stands for, not the same name again */
	if (best && best_d == 0)
		best = list[best_i];
	if (best && !tie && best_d <= 1 + zdh_utf8_len(word) / 3)
		err = zdh_error_set(ZDH_EINVALID, _("unknown %s '%s'; did you mean '%s'? (%s)"),
				    _(what), word, best, b.ptr);
	else
		err = zdh_error_set(ZDH_EINVALID, _("unknown %s '%s' (%s)"), _(what),
				    word ? word : "", b.ptr);
	zdh_buf_release(&b);
	return err;
}

/*
 * A word of a note by its Chinese name; a record kind as a phrase names it
 * ("an org", zdh_kind_id_check's: 组织, as kinds.c says it under a Chinese
 * catalogue when the phrase is no message of its own); a list of
 * operations, "assign, comment, ..." (an issue's refusal: issue.c,
 * refuse_state), as a writer's refusal lists them (assign/指派,
 * comment/留言: zdh_word_join), kept in a buffer of the thread until the
 * next list (zdh_i18n_shown copies it).  (A list of roles is stored
 * as data and shown by roles_note_shown().)
 */
static const char *word_zh(const char *arg)
{
	static _Thread_local struct zdh_buf list = ZDH_BUF_INIT;
	const char *zh, *p;

	if (!zdh_i18n_chinese())
		return NULL;
	if (!strncmp(arg, "a ", 2) || !strncmp(arg, "an ", 3))
		if ((zh = zdh_word_zh(ZDH_W_RECORD_KIND, arg + (arg[1] == 'n' ? 3 : 2))))
			return zh;
	if ((zh = zdh_word_zh(ZDH_W_ANY, arg)))
		return zh;
	if (!strstr(arg, ", "))
		return NULL;
	zdh_buf_reset(&list);
	for (p = arg; *p; ) {
		size_t n = strcspn(p, ",");
		char *op = zdh_strndup(p, n);

		zh = zdh_word_zh(ZDH_W_OPERATION, op);
		if (zh)
			zdh_buf_addf(&list, "%s%s/%s", list.len ? ", " : "", op, zh);
		free(op);
		if (!zh)
			return NULL;
		p += n;
		if (*p && strncmp(p, ", ", 2))
			return NULL;
		p += *p ? 2 : 0;
	}
	return list.len ? list.ptr : NULL;
}

/* What a role scoped to a record without that area or department needs. */
static const char *const need_none[] = {
	N_(" of its department (it has none)"), N_(" of its area (it has none)")
};

void zdh_word_role_at(const char *p, size_t *rlen, char field[16])
{
	size_t n = strcspn(p, " ");

	*rlen = strcspn(p, "@ ");
	field[0] = '\0';
	if (*rlen < n && n - *rlen - 1 < 16) {
		memcpy(field, p + *rlen + 1, n - *rlen - 1);
		field[n - *rlen - 1] = '\0';
	}
}

void zdh_word_role_need(struct zdh_buf *need, const char *role, size_t rlen, const char *field,
			const char *value, int named)
{
	if (named) {
		char word[32];
		snprintf(word, sizeof(word), "%.*s", (int)(rlen < sizeof(word) ? rlen : 0), role);
		zdh_buf_addf(need, "%s%s", need->len ? _(" or ") : "",
			     zdh_word_label(ZDH_W_ACCESS_ROLE, word));
	} else {
		zdh_buf_addf(need, "%s%.*s", need->len ? _(" or ") : "", (int)rlen, role);
	}
	if (*field && !value)	/* (an issue not claimed: no liaison's yet) */
		zdh_buf_puts(need, _(need_none[strcmp(field, "dept") ? 1 : 0]));
	else if (*field)
		zdh_buf_addf(need, _(" of %s"), value);
}

char *zdh_word_roles_note(const char *kind, const char *op, const json_t *roles)
{
	json_t *o = json_pack("{sssssO}", "kind", kind, "op", op, "roles", (json_t *)roles);
	char *text = zdh_json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	return text ? text : zdh_strdup("");
}

/* note as zdh_word_roles_note() made it, parsed; NULL when it is no such note. */
static json_t *roles_note(const char *note)
{
	json_t *j;

	if (!note || *note != '{' || !(j = json_loads(note, 0, NULL)))
		return NULL;
	if (json_is_string(json_object_get(j, "kind")) && json_is_string(json_object_get(j, "op")) &&
	    json_is_array(json_object_get(j, "roles")))
		return j;
	json_decref(j);
	return NULL;
}

/*
 * A roles refusal's note j in the reader's language, as a write's
 * refusal words it (trust.c: each role by its word, scoped to the org
 * name(arg, id) names, or its id): "issue edit needs the role area-staff
 * of 华山 or subdistrict-admin", 问题 修改 需要角色 居委会工作人员（华山）
 * 或 街道管理员; malloc'd.
 */
static char *roles_note_shown(const json_t *j, const char *(*name)(void *arg, const char *id),
			      void *arg)
{
	struct zdh_buf need = ZDH_BUF_INIT;
	const json_t *r;
	size_t i;
	char *out;

	json_array_foreach(json_object_get(j, "roles"), i, r) {
		const char *role = json_string_value(json_array_get(r, 0));
		const char *field = json_string_value(json_array_get(r, 1));
		const char *value = json_string_value(json_array_get(r, 2));

		if (!role || strlen(field ? field : "") >= 16)
			continue;
		/* (a role by its Chinese name under Chinese, else by its word, as always shown) */
		zdh_word_role_need(&need, role, strlen(role), field ? field : "",
				   value && name ? name(arg, value) : value, zdh_i18n_chinese());
	}
	out = zdh_asprintf(_("%s %s needs the role %s"),
			   zdh_word_label(ZDH_W_RECORD_KIND, json_string_value(json_object_get(j, "kind"))),
			   zdh_word_label(ZDH_W_OPERATION, json_string_value(json_object_get(j, "op"))),
			   need.ptr);
	zdh_buf_release(&need);
	return out;
}

char *zdh_word_note_named(const char *note, const char *(*name)(void *arg, const char *id),
			  void *arg)
{
	json_t *roles = roles_note(note);
	char *shown, head[64];
	const char *colon;

	if (roles) {
		shown = roles_note_shown(roles, name, arg);
		json_decref(roles);
		return shown;
	}
	shown = zdh_i18n_shown(note, word_zh);
	/*
	 * an invalid event's note is "RULE: why" (rules.c, zdh_event_valid):
	 * the rule's name as zdh-repository(5) RULES names it, why translated;
	 * a fold's refusal may be "ID: why" too (a vote on a closed decision:
	 * "XQ-D1: the decision is closed; ..."), the record's id kept
	 */
	if (!shown && note && (colon = strstr(note, ": ")) && (size_t)(colon - note) < sizeof(head)) {
		size_t n = (size_t)(colon - note);
		int named;

		/* (on the stack: a rule's name or an id is short, longer is neither) */
		memcpy(head, note, n);
		head[n] = '\0';
		named = zdh_record_id_valid(NULL, head);
		for (const struct zdh_rule *r = zdh_rules; !named && r->name; r++)
			named = !strcmp(head, r->name);
		if (named) {
			char *why = zdh_i18n_shown(colon + 2, word_zh);
			if (why)
				shown = zdh_asprintf(C_("a note's head, a rule or a record: RULE: why, ID: why",
							"%s: %s"), head, why);
			free(why);
		}
	}
	return shown ? shown : zdh_strdup(note ? note : "");
}

char *zdh_word_note(const char *note)
{
	return zdh_word_note_named(note, NULL, NULL);
}

int zdh_word_note_is_data(const char *note)
{
	json_t *roles = roles_note(note);

	json_decref(roles);
	return roles != NULL;
}

/*
 * A note as --json gives it, whatever the reader's language: as stored;
 * a roles refusal's in English words, the orgs by their ids ("issue edit
 * needs the role area-staff of XQ-O2 or subdistrict-admin"); malloc'd.
 */
static char *note_english(const char *note)
{
	json_t *roles = roles_note(note);
	char *text;

	if (!roles)
		return zdh_strdup(note ? note : "");
	zdh_i18n_english_begin();
	text = roles_note_shown(roles, NULL, NULL);
	zdh_i18n_english_end();
	json_decref(roles);
	return text;
}

json_t *zdh_word_note_json(const char *note)
{
	char *text = note_english(note);
	json_t *j = json_string(text);

	free(text);
	return j;
}
