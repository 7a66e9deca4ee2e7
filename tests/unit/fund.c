/*
 * Unit tests of the fund arithmetic: amounts in yuan parsed to exact fen
 * and printed back, and the rule that a fund never goes below zero.
 */
#include "tap.h"

#include "error.h"
#include "output.h"
#include "project.h"

static const struct {
	const char *text;
	long long fen;		/* -1: refused */
} amounts[] = {
	{ "0", 0 },
	{ "1", 100 },
	{ "12000", 1200000 },
	{ "12000.5", 1200050 },
	{ "12000.50", 1200050 },
	{ "12000.05", 1200005 },
	{ "0.01", 1 },
	{ "0.1", 10 },
	{ "450000", 45000000 },
	{ "007", 700 },
	{ "1000000000000", 100000000000000LL },	/* ZDH_MONEY_MAX */
	{ "1000000000000.01", -1 },
	{ "99999999999999999999", -1 },
	{ "12000.505", -1 },
	{ "12000.", -1 },
	{ ".5", -1 },
	{ "-1", -1 },
	{ "+1", -1 },
	{ "1,000", 100000 },
	{ "450,000.50", 45000050 },
	{ "1,234,567", 123456700 },
	{ "４５０，０００", 45000000 },
	{ "1,00", -1 },
	{ "1,5", -1 },
	{ "1000,000", -1 },
	{ "1,0000", -1 },
	{ ",100", -1 },
	{ "100,", -1 },
	{ "1,,000", -1 },
	{ "1e3", -1 },
	{ " 1", -1 },
	{ "1 ", -1 },
	{ "", -1 },
	{ "¥12", 1200 },
	{ "￥12.5", 1250 },
	{ "12元", 1200 },
	{ "1,200.50元", 120050 },
	{ "45万", 45000000 },
	{ "4.5万", 4500000 },
	{ "45万元", 45000000 },
	{ "1.234567万", 1234567 },
	{ "1.2345678万", -1 },
	{ "100000000万", 100000000000000LL },	/* ZDH_MONEY_MAX */
	{ "100000000.000001万", -1 },
	{ "元", -1 },
	{ "万", -1 },
	{ "万元", -1 },
	{ "12元万", -1 },
	{ "12元元", -1 },
	{ "12 元", -1 },
	{ "12.元", -1 },
};

static const struct {
	long long fen;
	const char *text;
} printed[] = {
	{ 0, "0.00" },
	{ 1, "0.01" },
	{ 10, "0.10" },
	{ 1200050, "12000.50" },
	{ 45000000, "450000.00" },
	{ -30000, "-300.00" },
	{ -1, "-0.01" },
	{ 100000000000000LL, "1000000000000.00" },
};

int main(void)
{
	char buf[32], name[128];

	for (size_t i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
		long long fen = -2;
		int err = zdh_money_parse(&fen, amounts[i].text);
		snprintf(name, sizeof(name), "'%s' is %s", amounts[i].text,
			 amounts[i].fen < 0 ? "refused" : "parsed exactly");
		if (amounts[i].fen < 0)
			ok(err == ZDH_EINVALID, name);
		else
			ok(!err && fen == amounts[i].fen, name);
	}
	for (size_t i = 0; i < sizeof(printed) / sizeof(printed[0]); i++) {
		zdh_money_format(buf, printed[i].fen);
		is_str(buf, printed[i].text, "fen printed as yuan with two decimals");
	}
	/* every amount of a range round-trips */
	{
		int bad = 0;
		for (long long f = 0; f < 100000; f += 7) {
			long long back;
			zdh_money_format(buf, f);
			if (zdh_money_parse(&back, buf) || back != f)
				bad++;
		}
		is_int(bad, 0, "fen → text → fen is the identity");
	}

	/* the fund rule */
	ok(!zdh_fund_spend_check("XQ-B1", 45000000, 0, 45000000), "the whole budget can be spent");
	ok(!zdh_fund_spend_check("XQ-B1", 45000000, 44999999, 1), "down to the last fen");
	is_int(zdh_fund_spend_check("XQ-B1", 45000000, 45000000, 1), ZDH_ESTATE,
	       "not one fen more");
	is_int(zdh_fund_spend_check("XQ-B1 (新桥 2026)", 1000000, 970000, 50000), ZDH_ESTATE,
	       "a spend beyond the balance is refused");
	is_str(zdh_error_msg(), "fund XQ-B1 (新桥 2026) has 300.00 left; 500.00 would take it below zero",
	       "with the balance and the amount");
	is_int(zdh_fund_spend_check("XQ-B1", 1000000, 0, 0), ZDH_EINVALID, "a spend of 0 is refused");
	is_int(zdh_fund_spend_check("XQ-B1", 1000000, 0, -5), ZDH_EINVALID, "a negative spend too");
	ok(!zdh_fund_budget_check("XQ-B1", 100, 100), "a budget may equal what was spent");
	is_int(zdh_fund_budget_check("XQ-B1", 99, 100), ZDH_ESTATE, "not less");
	is_str(zdh_error_msg(), "fund XQ-B1 has spent 1.00 already; its budget cannot be 0.99",
	       "with both amounts");

	/* two offices spend concurrently: the fold order decides, the same everywhere */
	{
		long long budget = 1000000, spent = 0;
		const long long spends[] = { 600000, 600000, 400000, 1 };
		const int effect[] = { 1, 0, 1, 0 };
		for (size_t i = 0; i < 4; i++) {
			int e = !zdh_fund_spend_check("XQ-B1", budget, spent, spends[i]);
			snprintf(name, sizeof(name), "spend %zu of a replayed sequence %s", i + 1,
				 effect[i] ? "takes effect" : "has no effect");
			is_int(e, effect[i], name);
			if (e)
				spent += spends[i];
		}
		is_int(spent, budget, "the fund ends at zero, never below");
	}
	return done_testing();
}
