/*
 * import.c — an import's run: the kinds by name, its struct made and
 * freed, rows that are not data, a file begun and ended, the notes told
 * at the end, and each row put by its kind (import_head.c maps the
 * header, import_unit.c and import_row.c read the rows).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "import_int.h"

const char *const import_kind_names[DUN_KIND_COUNT] = { "unit", "charge",
	"payment", "adjustment", "event", "reversal" };

const char *
dun_kind_name(enum dun_kind k)
{
	return k < DUN_KIND_COUNT ? import_kind_names[k] : "?";
}

int
dun_kind_parse(const char *s)
{
	int k;

	for (k = 0; k < DUN_KIND_COUNT; k++)
		if (strcmp(s, import_kind_names[k]) == 0 || (strncmp(s,
		    import_kind_names[k], strlen(import_kind_names[k])) == 0 &&
		    strcmp(s + strlen(import_kind_names[k]), "s") == 0))
			return k;
	return -1;
}

/* The digest of what c has hashed, as hex into hex[65]. */
static void
sha_hex(struct sha256_ctx *c, char *hex)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	int i;

	sha256_digest(c, sizeof d, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* How im reads a file, beyond its bytes and kind: dun's version, the
 * encoding and sheet asked for, the config in force; its SHA-256 into
 * im->recipe. */
static void
recipe(struct dun_import *im)
{
	const char *part[4];
	struct sha256_ctx c;
	size_t i;

	part[0] = "dun " DUN_VERSION;
	part[1] = im->o.encoding ? im->o.encoding : "";
	part[2] = im->o.sheet ? im->o.sheet : "";
	part[3] = dun_config_text(im->c) ? dun_config_text(im->c) : "";
	sha256_init(&c);
	for (i = 0; i < sizeof part / sizeof part[0]; i++)
		sha256_update(&c, strlen(part[i]) + 1,
		    (const uint8_t *)part[i]);
	sha_hex(&c, im->recipe);
}

struct dun_import *
dun_import_new(struct dun_ledger *l, const struct dun_config *c,
    const struct dun_import_opts *o)
{
	struct dun_import *im = xmalloc(sizeof *im);
	size_t i;

	memset(im, 0, sizeof *im);
	im->l = l;
	im->c = c;
	if (o)
		im->o = *o;
	im->skip.n = xmalloc((c->import.skip_rows.n + 1) * sizeof *im->skip.n);
	for (i = 0; i < c->import.skip_rows.n; i++) {
		const char *w = c->import.skip_rows.v[i];
		size_t k = strlen(w);

		if (k == 0 || (unsigned char)w[0] < 0x80 ||
		    (unsigned char)w[k - 1] < 0x80)
			im->skip.ascii = 1;
	}
	recipe(im);
	return im;
}

void
dun_import_free(struct dun_import *im)
{
	size_t i;
	struct seen *e, *next;

	if (im == NULL)
		return;
	for (i = 0; i < im->seencap; i++)
		for (e = im->seen[i]; e; e = next) {
			next = e->next;
			free(e->unit);
			free(e->owner);
			free(e->phone);
			free(e->area);
			free(e->file);
			free(e);
		}
	free(im->seen);
	free(im->skip.n);
	for (i = 0; i < im->nothers; i++)
		free(im->others[i].name);
	free(im->others);
	free(im->differ_at);
	buf_free(&im->unit);
	buf_free(&im->unit2);
	buf_free(&im->phone);
	buf_free(&im->held);
	buf_free(&im->held2);
	free(im);
}

long
dun_import_created(const struct dun_import *im)
{
	return im->created;
}

long
dun_import_arrears(const struct dun_import *im)
{
	return im->arrears;
}

/* Does s, blanks (and U+3000) left out, begin with word? */
static int
begins(const char *s, const char *word)
{
	while (*s && *word) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else if (*s++ != *word++)
			return 0;
	}
	return *word == '\0';
}

/* Does s end with word, but for a colon (1栋小计, 本页合计：)? */
static int
ends(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	if (n >= 1 && s[n - 1] == ':')
		n--;
	else if (n >= 3 && strncmp(s + n - 3, "\xef\xbc\x9a", 3) == 0)
		n -= 3;			/* ： */
	return n >= k && memcmp(s + n - k, word, k) == 0;
}

int
dun_import_skip(struct dun_import *im, struct dun_rec *r)
{
	const struct dun_strs *w = &im->c->import.skip_rows;
	char *const *f;
	const size_t *flen;
	size_t i, j, n = dun_rec_fieldv(r, &f, &flen);
	int blank = 1;

	for (i = 0; i < n; i++) {
		const char *s = f[i];
		size_t len = flen[i];

		/* Most fields are codes, dates and amounts: a field that
		 * begins and ends in ASCII, not blank, holds no word that
		 * does not. */
		if (!im->skip.ascii && len > 0 && (unsigned char)s[0] < 0x80 &&
		    (unsigned char)s[len - 1] < 0x80 && s[0] > ' ' &&
		    s[len - 1] > ' ' && s[len - 1] != ':') {
			blank = 0;
			continue;
		}
		trim(&s, &len);
		if (len == 0)
			continue;
		blank = 0;
		for (j = 0; j < w->n; j++)
			if (begins(s, w->v[j]) || ends(s, len, w->v[j])) {
				im->skip.n[j]++;
				return 1;
			}
	}
	if (blank)
		im->skip.blank++;
	return blank;
}

char *
dun_import_skipped(const struct dun_import *im)
{
	const struct dun_strs *w = &im->c->import.skip_rows;
	struct buf b = { NULL, 0, 0 };
	char num[64];
	size_t j;

	for (j = 0; j < w->n; j++) {
		if (im->skip.n[j] == 0)
			continue;
		snprintf(num, sizeof num, "%s%ld ", b.len ? ", " : "",
		    im->skip.n[j]);
		buf_str(&b, num);
		buf_str(&b, w->v[j]);
		buf_str(&b, im->skip.n[j] == 1 ? " row" : " rows");
	}
	if (im->skip.blank > 0) {
		snprintf(num, sizeof num, "%s%ld blank row%s", b.len ? ", " :
		    "", im->skip.blank, im->skip.blank == 1 ? "" : "s");
		buf_str(&b, num);
	}
	return b.s;
}

int
dun_import_file_begin(struct dun_import *im, const char *name,
    struct dun_err *err)
{
	memset(&im->n, 0, sizeof im->n);
	memset(im->skip.n, 0, (im->c->import.skip_rows.n + 1) *
	    sizeof *im->skip.n);
	im->skip.blank = 0;
	return ledger_import_begin(im->l, name, import_kind_names[im->kind],
	    &im->import_id, err);
}

int
dun_import_file_end(struct dun_import *im, const char *sha256,
    int64_t bytes, struct dun_import_counts *counts, struct dun_err *err)
{
	*counts = im->n;
	return ledger_import_end(im->l, im->import_id, sha256, bytes,
	    im->recipe, im->n.rejected == 0 && !im->o.replace, &im->n, err);
}

/* The SHA-256 of the file at path, as hex: 0, or -1 and err. */
static int
file_sha256(const char *path, char *hex, struct dun_err *err)
{
	struct sha256_ctx c;
	size_t bufsz = 1 << 20;
	uint8_t *buf;
	ssize_t k;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
		    strerror(errno));
		return -1;
	}
	buf = xmalloc(bufsz);
	sha256_init(&c);
	while ((k = read(fd, buf, bufsz)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		sha256_update(&c, (size_t)k, buf);
	}
	if (k < 0)
		dun_err_set(err, DUN_EXIT_SYS, "%s: read: %s", path,
		    strerror(errno));
	free(buf);
	close(fd);
	if (k < 0)
		return -1;
	sha_hex(&c, hex);
	return 0;
}

int
dun_import_file_done(struct dun_import *im, const char *path, int kind,
    struct dun_import_counts *counts, struct dun_err *err)
{
	const char *kn = dun_kind_name((enum dun_kind)kind);
	struct stat st;
	char hex[65];
	long rows;
	int k;

	if (im->o.replace || path == NULL || strcmp(path, "-") == 0 ||
	    stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	/* Hashed only if a file of its size was loaded whole. */
	if ((k = ledger_import_done(im->l, NULL, kn, im->recipe,
	    (int64_t)st.st_size, &rows, err)) <= 0)
		return k;
	if (file_sha256(path, hex, err) < 0)
		return -1;
	if ((k = ledger_import_done(im->l, hex, kn, im->recipe,
	    (int64_t)st.st_size, &rows, err)) <= 0)
		return k;
	memset(counts, 0, sizeof *counts);
	counts->rows = rows;
	counts->unchanged = rows;
	return 1;
}

char *
dun_import_notes(const struct dun_import *im)
{
	struct buf b = { NULL, 0, 0 };
	char num[32], m[DUN_MONEY_BUFSZ];
	size_t i;

	if (im->late_rows > 0) {
		snprintf(num, sizeof num, "%ld", im->late_rows);
		buf_str(&b, "a late-fee column (滞纳金) gives ");
		buf_str(&b, dun_money_fmt(im->late_total, m));
		buf_str(&b, " on ");
		buf_str(&b, num);
		buf_str(&b, im->late_rows == 1 ? " line" : " lines");
		buf_str(&b, ", not loaded: dun figures late fees itself, by "
		    "each fee's late_fee in dun.yaml (dun-age -a shows them)"
		    "\n");
	}
	if (im->phones > 0) {
		snprintf(num, sizeof num, "%ld", im->phones);
		buf_str(&b, num);
		buf_str(&b, im->phones == 1 ? " row gives" : " rows give");
		buf_str(&b, " more than one phone number: the first is kept, "
		    "for SMS and calls\n");
	}
	if (im->differ > 0) {
		snprintf(num, sizeof num, "%ld", im->differ);
		buf_str(&b, num);
		buf_str(&b, im->differ == 1 ? " row gives" : " rows give");
		buf_str(&b, " a unit another owner or phone than the ledger "
		    "holds (the first at ");
		buf_str(&b, im->differ_at);
		buf_str(&b, "), not applied: load the household list with "
		    "--replace to change them\n");
	}
	for (i = 0; i < im->nothers; i++) {
		const char *n = im->others[i].name;

		snprintf(num, sizeof num, "%ld", im->others[i].rows);
		buf_str(&b, "\"");
		buf_str(&b, n);
		if (fee_is_deposit(im->c, n)) {
			buf_str(&b, "\" is a deposit (allocation.deposits): "
			    "kept in the ledger, never owed (");
			buf_str(&b, num);
			buf_str(&b, im->others[i].rows == 1 ? " row)\n" :
			    " rows)\n");
			continue;
		}
		buf_str(&b, "\" is not a fee of the config: loaded as a fee "
		    "of its own, with no late fee, allocated after the "
		    "config's (");
		buf_str(&b, num);
		buf_str(&b, im->others[i].rows == 1 ? " row). " : " rows). ");
		buf_str(&b, "To give it a label and a late fee, add to "
		    "dun.yaml:\n  fees:\n    ");
		buf_str(&b, n);
		buf_str(&b, ":\n      label: ");
		buf_str(&b, n);
		buf_str(&b, "\n      late_fee: {method: daily, rate: 0.03%, "
		    "grace_days: 30}\n");
	}
	return b.s;
}

int
dun_import_row(struct dun_import *im, struct dun_rec *r, struct dun_err *err)
{
	int k;

	im->r = r;
	im->n.rows++;
	switch (im->kind) {
	case DUN_KIND_UNIT:
		k = import_put_unit(im, err);
		break;
	case DUN_KIND_CHARGE:
		k = import_put_charge(im, err);
		break;
	case DUN_KIND_PAYMENT:
		k = import_put_money(im, 0, err);
		break;
	case DUN_KIND_ADJUSTMENT:
		k = import_put_money(im, 1, err);
		break;
	case DUN_KIND_REVERSAL:
		k = import_put_reversal(im, err);
		break;
	default:
		k = import_put_event(im, err);
		break;
	}
	/* A charge of an arrears list (a deposit is never owed). */
	if (k > 0 && k != PUT_CONFLICT && im->kind == DUN_KIND_CHARGE &&
	    (im->have & BIT(IN_OWING))) {
		const char *fee = import_field(im, IN_FEE, NULL);

		if (fee == NULL || !fee_is_deposit(im->c, fee))
			im->arrears++;
	}
	switch (k) {
	case PUT_INSERTED:
		im->n.inserted++;
		return 0;
	case PUT_UPDATED:
		im->n.updated++;
		return 0;
	case PUT_UNCHANGED:
		im->n.unchanged++;
		return 0;
	default:
		if (err->code == DUN_EXIT_DATA)
			im->n.rejected++;
		/* The ledger's word on a value (one too long for it) is
		 * placed at the row. */
		if (err->code == DUN_EXIT_DATA && strncmp(err->msg,
		    dun_rec_name(r), strlen(dun_rec_name(r))) != 0) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s",
			    dun_rec_name(r), dun_rec_line(r), msg);
		}
		return -1;
	}
}

/* A row the reader could not read counts as rejected too. */
void
dun_import_reject(struct dun_import *im)
{
	im->n.rows++;
	im->n.rejected++;
}
