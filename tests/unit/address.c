/* Phones and e-mail addresses: what dun-import takes, in what form, and
 * what it refuses, so that nothing else reaches a gateway or a mail
 * header. */
#include <stdint.h>

#include "base.h"
#include "tap.h"

static void
phone(const char *s, const char *want)
{
	char out[32] = "", why[DUN_WHY] = "";
	int r = phone_parse(s, strlen(s), out, sizeof out, why);

	if (want == NULL) {
		ok(r == -1, "phone \"%s\" is refused", s);
		is_str(why, "is not a phone number (a mobile such as "
		    "13800001234, or a landline such as 0755-12345678, +86 "
		    "allowed)", "  saying what a phone number is");
		return;
	}
	ok(r == 0, "phone \"%s\" is taken%s%s", s, r ? ": " : "", why);
	is_str(out, want, "  as %s", want);
}

static void
email(const char *s, int good)
{
	char why[DUN_WHY] = "";
	int r = email_parse(s, strlen(s), why);

	if (good) {
		ok(r == 0, "e-mail \"%s\" is taken", s);
		return;
	}
	ok(r == -1, "e-mail \"%s\" is refused", s);
}

int
main(void)
{
	phone("13800001234", "13800001234");
	phone("138 0000 1234", "13800001234");
	phone("138-0000-1234", "13800001234");
	phone("+86 138 0000 1234", "13800001234");
	phone("+8613800001234", "13800001234");
	phone("008613800001234", "13800001234");
	phone("0755-12345678", "0755-12345678");
	phone("(0755)12345678", "0755-12345678");
	phone("010 8888 6666", "010-88886666");
	phone("021-1234567", "021-1234567");
	phone("+86 10 8888 6666", "010-88886666");	/* no trunk 0 after +86 */
	phone("+86 755 1234 5678", "0755-12345678");
	phone("88886666", "88886666");
	phone("1234567", NULL);		/* a local number starts 2 to 9 */
	phone("12800001234", NULL);	/* no mobile starts 12 */
	phone("1380000123", NULL);	/* ten digits */
	phone("138000012345", NULL);	/* twelve */
	phone("13800001234\nBcc: x@y", NULL);
	phone("13800001234;", NULL);
	phone("138O0001234", NULL);	/* a letter O */
	phone("+1 212 555 0100", NULL);
	phone("", NULL);
	phone("0000-0000000", NULL);

	email("zhang.san@example.com", 1);
	email("z+bills@mail.example.com.cn", 1);
	email("o'brien@example.org", 1);
	email("a@b.co", 1);
	email("zhang@example.com\nBcc: all@example.com", 0);
	email("zhang@example.com\r", 0);
	email("zhang san@example.com", 0);
	email("<zhang@example.com>", 0);
	email("张三 <zhang@example.com>", 0);
	email("zhang@localhost", 0);
	email("zhang@@example.com", 0);
	email("@example.com", 0);
	email("zhang@", 0);
	email(".zhang@example.com", 0);
	email("zhang.@example.com", 0);
	email("zh..ang@example.com", 0);
	email("zhang@-example.com", 0);
	email("zhang@example-.com", 0);
	email("zhang@example..com", 0);
	email("zhang@例子.中国", 0);	/* IDN: write it as xn--, or not at all */
	email("\"zhang\"@example.com", 0);
	email("zhang@example.com,li@example.com", 0);
	return done_testing();
}
