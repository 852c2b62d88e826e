/* Money: what dun-import accepts and rejects, and how it prints. */
#include <stdint.h>

#include "dun.h"
#include "tap.h"

static void
accepts(const char *s, dun_money want)
{
	char why[DUN_WHY] = "";
	dun_money v = 12345;
	int r = dun_money_parse(s, strlen(s), &v, why);

	ok(r == 0 && v == want, "\"%s\" is %lld (got %lld%s%s)", s,
	    (long long)want, (long long)v, r ? ", error: " : "", r ? why : "");
}

static void
rejects(const char *s, const char *reason)
{
	char why[DUN_WHY] = "";
	dun_money v = 0;
	int r = dun_money_parse(s, strlen(s), &v, why);

	ok(r == -1, "\"%s\" is rejected", s);
	is_str(why, reason, "  because %s", reason);
}

int
main(void)
{
	char b[DUN_MONEY_BUFSZ];
	dun_money v;

	accepts("1234.5", 123450);
	accepts("-20", -2000);
	accepts("1,234.50", 123450);
	accepts("¥1,234.50", 123450);
	accepts("￥1234", 123400);
	accepts("$12.00", 1200);
	accepts("(12.00)", -1200);
	accepts("-¥12.00", -1200);
	accepts("¥-12.00", -1200);
	accepts("  7.05 ", 705);
	accepts("0.05", 5);
	accepts(".5", 50);
	accepts("1,234,567.89", 123456789);
	accepts("+3", 300);
	accepts("92233720368547758.07", INT64_MAX);
	accepts("-92233720368547758.07", -INT64_MAX);
	rejects("1.234", "\"1.234\" has more than two decimal places");
	rejects("12a", "\"12a\" is not an amount");
	rejects("1.2.3", "\"1.2.3\" is not an amount");
	rejects("", "is empty");
	rejects("   ", "is empty");
	rejects("1,23", "\"1,23\" is not an amount");
	rejects("1234,567", "\"1234,567\" is not an amount");
	rejects("12.", "\"12.\" is not an amount");
	rejects("--5", "\"--5\" is not an amount");
	rejects("(-5)", "\"(-5)\" is not an amount");
	rejects("¥", "\"¥\" is not an amount");
	rejects("92233720368547758.08", "\"92233720368547758.08\" is too large");
	rejects("99999999999999999999", "\"99999999999999999999\" is too large");

	is_str(dun_money_fmt(123450, b), "1234.50", "prints 1234.50");
	is_str(dun_money_fmt(-2000, b), "-20.00", "prints -20.00");
	is_str(dun_money_fmt(5, b), "0.05", "prints 0.05");
	is_str(dun_money_fmt(-5, b), "-0.05", "prints -0.05");
	is_str(dun_money_fmt(0, b), "0.00", "prints 0.00");
	is_str(dun_money_fmt(INT64_MIN, b), "-92233720368547758.08",
	    "prints the most negative amount");
	ok(dun_money_add(INT64_MAX, 1, &v) == -1, "overflow is an error");
	ok(dun_money_add(INT64_MIN, -1, &v) == -1, "underflow is an error");
	ok(dun_money_add(150, -200, &v) == 0 && v == -50, "150 - 200 = -50");
	return done_testing();
}
