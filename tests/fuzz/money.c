/*
 * money.c — fuzz dun_money_parse on text as it comes (not NUL-ended),
 * and what is parsed written back every way dun writes money: what
 * dun_money_fmt writes must parse back to the same amount.
 */
#include "fuzz.h"
#include "dun.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[DUN_WHY], b[DUN_MONEY_BUFSZ], p[DUN_MONEY_PRETTYSZ], cap[200];
	dun_money m, back, sum;
	dun_rate rate;
	char *s;

	if (dun_money_parse((const char *)data, size, &m, why) == 0) {
		dun_money_fmt(m, b);
		if (dun_money_parse(b, strlen(b), &back, why) < 0 || back != m)
			abort();
		dun_money_grouped(m, p);
		if (dun_money_parse(p, strlen(p), &back, why) < 0 || back != m)
			abort();
		dun_money_pretty(m, p);
		if (dun_money_parse(p, strlen(p), &back, why) < 0 || back != m)
			abort();
		dun_money_capitals(m, cap, sizeof cap);
		if (dun_money_add(m, m, &sum) == 0 && (sum - m != m))
			abort();
		if (dun_money_add(m, -1, &sum) == 0 && sum + 1 != m)
			abort();
	} else if (why[0] == '\0')
		abort();		/* a refusal says why */
	s = fuzz_str(data, size);
	dun_rate_parse(s, &rate);
	free(s);
	return 0;
}
