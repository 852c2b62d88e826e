/*
 * address.c — a phone number and an e-mail address as households give
 * them, checked and put in one form before they reach the ledger, and so
 * before they reach an SMS gateway, a mail server or a file.
 */
#include <stdio.h>
#include <string.h>

#include "base.h"

/* The digits of one number: spaces, dashes, dots and brackets left out,
 * +86 or 0086 taken off.  Returns how many digits, or -1 if anything
 * else stands in it. */
static int
digits(const char *s, size_t n, char *d, size_t dsz)
{
	size_t i, k = 0;
	int intl = 0;

	if (n >= 3 && memcmp(s, "+86", 3) == 0) {
		s += 3;
		n -= 3;
		intl = 1;
	} else if (n >= 4 && memcmp(s, "0086", 4) == 0) {
		s += 4;
		n -= 4;
		intl = 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')')
			continue;
		if (c < '0' || c > '9' || k + 1 >= dsz)
			return -1;
		d[k++] = (char)c;
	}
	d[k] = '\0';
	/* +86 10 8888 6666 is 010-88886666: a landline's trunk 0 is left
	 * out after the country code. */
	if (intl && k > 0 && k + 2 < dsz && d[0] >= '2' && !(k == 11 &&
	    d[0] == '1')) {
		memmove(d + 1, d, k + 1);
		d[0] = '0';
		k++;
	} else if (intl && k == 10 && d[0] == '1' && d[1] == '0' &&
	    k + 2 < dsz) {
		memmove(d + 1, d, k + 1);
		d[0] = '0';
		k++;
	}
	return (int)k;
}

int
phone_parse(const char *s, size_t n, char *out, size_t outsz, char *why)
{
	char d[32];
	int k;

	k = digits(s, n, d, sizeof d);
	/* A mobile: 1, then 3 to 9, then nine digits. */
	if (k == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9') {
		snprintf(out, outsz, "%s", d);
		return 0;
	}
	/* A landline with its area code: 0, two or three digits (010,
	 * 0755), then seven or eight. */
	if (k >= 10 && k <= 12 && d[0] == '0' && d[1] != '0') {
		int area = d[1] == '1' || d[1] == '2' ? 3 : 4;

		if (k - area >= 7 && k - area <= 8 && d[area] != '0') {
			snprintf(out, outsz, "%.*s-%s", area, d, d + area);
			return 0;
		}
	}
	/* A local number, without its area code. */
	if ((k == 7 || k == 8) && d[0] >= '2') {
		snprintf(out, outsz, "%s", d);
		return 0;
	}
	if (why)
		snprintf(why, DUN_WHY, "is not a phone number (a mobile such "
		    "as 13800001234, or a landline such as 0755-12345678, "
		    "+86 allowed)");
	return -1;
}

/* The characters of an address's local part other than letters and
 * digits (RFC 5322 atext). */
static const char atext[] = "!#$%&'*+/=?^_`{|}~-";

int
email_parse(const char *s, size_t n, char *why)
{
	const char *at = memchr(s, '@', n), *p, *end = s + n;
	size_t label = 0;
	int dots = 0;

	if (at == NULL || at == s || at + 1 == end ||
	    memchr(at + 1, '@', (size_t)(end - at - 1)) != NULL || n > 254)
		goto bad;
	/* The local part: dot-atoms, no dot first, last or twice. */
	if (*s == '.' || at[-1] == '.')
		goto bad;
	for (p = s; p < at; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.' && p[1] == '.')
			goto bad;
		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '.' &&
		    (c == '\0' || strchr(atext, c) == NULL))
			goto bad;
	}
	if (at - s > 64)
		goto bad;
	/* The domain: labels of letters, digits and dashes, two or more. */
	for (p = at + 1; p < end; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.') {
			if (label == 0 || p[-1] == '-')
				goto bad;
			dots++;
			label = 0;
			continue;
		}
		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '-')
			goto bad;
		if (c == '-' && label == 0)
			goto bad;
		if (++label > 63)
			goto bad;
	}
	if (label == 0 || dots == 0 || end[-1] == '-')
		goto bad;
	return 0;
bad:
	if (why)
		snprintf(why, DUN_WHY, "is not an e-mail address (name@domain, "
		    "letters, digits and . _ - + in the name)");
	return -1;
}
