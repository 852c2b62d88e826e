/*
 * The column table (lib/records/columns.c): whole and consistent,
 * dun-age's and dun-classify's headers written from it.  With an
 * argument, a listing for tests/0015-columns.t: "columns.t list" prints
 * each column of the default config's records as NAME TYPE PROGRAM, the
 * buckets one by one; "columns.t inputs" each column dun-import reads as
 * NAME KIND,KIND...
 */
#include "records.h"
#include "expr.h"
#include "tap.h"
#include "unit.h"

static const char *const type_names[] = { "text", "money", "date",
	"number" };
static const char *const prog_names[] = { "dun-age", "dun-classify" };

/* The names of prog's columns, the buckets c's, each with TAB after. */
static void
names(const struct dun_config *c, int prog, char *out, size_t n)
{
	char b[48];
	size_t i, k;

	out[0] = '\0';
	for (i = 0; i < COL_COUNT; i++) {
		if ((int)col_table[i].prog != prog)
			continue;
		if (i != COL_BUCKETS) {
			snprintf(out + strlen(out), n - strlen(out), "%s\t",
			    col_table[i].name);
			continue;
		}
		for (k = 0; k <= c->aging.nbounds; k++)
			snprintf(out + strlen(out), n - strlen(out), "%s\t",
			    dun_bucket_name(c, k, b, sizeof b));
	}
}

/* What w wrote to a dun_out, as a NUL-ended string in buf. */
static void
written(FILE *f, char *buf, size_t n)
{
	size_t k;

	rewind(f);
	k = fread(buf, 1, n - 1, f);
	buf[k] = '\0';
	fclose(f);
}

static int
list(void)
{
	struct dun_config *c = unit_config("");
	char b[48];
	size_t i, k;

	for (i = 0; i < COL_COUNT; i++) {
		const struct column *col = &col_table[i];

		for (k = 0; k <= (i == COL_BUCKETS ? c->aging.nbounds : 0);
		    k++)
			printf("%s %s %s\n", i == COL_BUCKETS ?
			    dun_bucket_name(c, k, b, sizeof b) : col->name,
			    type_names[col->type], prog_names[col->prog]);
	}
	dun_config_free(c);
	return fflush(stdout) == 0 ? 0 : 3;
}

static int
inputs(void)
{
	size_t i;
	int k, n;

	for (i = 0; i < IN_COUNT; i++) {
		printf("%s ", in_table[i].name);
		for (k = n = 0; k < DUN_KIND_COUNT; k++)
			if (in_table[i].kinds & IN_KIND(k))
				printf("%s%s", n++ ? "," : "",
				    dun_kind_name((enum dun_kind)k));
		printf("\n");
	}
	return fflush(stdout) == 0 ? 0 : 3;
}

/* The input columns' table: whole, each name once and found by it. */
static void
test_inputs(void)
{
	size_t i, j;
	int whole = 1, unique = 1, found = 1;

	for (i = 0; i < IN_COUNT; i++) {
		whole &= in_table[i].name != NULL && *in_table[i].name &&
		    in_table[i].meaning != NULL && *in_table[i].meaning &&
		    in_table[i].kinds != 0;
		for (j = 0; j < i; j++)
			unique &= strcmp(in_table[j].name,
			    in_table[i].name) != 0;
		found &= in_find(in_table[i].name) == (int)i;
	}
	ok(whole, "every column dun-import reads has a name, a meaning and "
	    "the kinds that read it");
	ok(unique, "  no name twice");
	ok(found, "  each found by its name");
	ok(in_find("Unit") == -1 && in_find("mine") == -1,
	    "  a name not in the table is none (aliases are the config's)");
	ok(in_table[IN_UNIT].kinds == (1 << DUN_KIND_COUNT) - 1,
	    "  every kind reads unit");
}

int
main(int argc, char *argv[])
{
	static const int expr_types[] = { T_STR, T_MONEY, T_DATE, T_NUM };
	struct dun_config *c;
	struct dun_ranking *g;
	struct dun_rec *head;
	struct dun_out *o;
	struct dun_err err;
	char want[2048], got[2048];
	char *kv[] = { "unit=1-0101", "mine=x" };
	FILE *f;
	size_t i, j;
	int order = 1, whole = 1, unique = 1, found = 1, typed = 1;

	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return list();
	if (argc == 2 && strcmp(argv[1], "inputs") == 0)
		return inputs();
	test_inputs();
	for (i = 0; i < COL_COUNT; i++) {
		const struct column *col = &col_table[i];

		whole &= col->name != NULL && *col->name != '\0' &&
		    col->meaning != NULL && *col->meaning != '\0';
		if (i > 0 && col->prog < col_table[i - 1].prog)
			order = 0;
		for (j = 0; j < i; j++)
			unique &= strcmp(col_table[j].name, col->name) != 0;
		found &= col_find(col->name) == (int)i;
		typed &= expr_column_type(col->name) == expr_types[col->type];
	}
	ok(whole, "every column has a name and a meaning");
	ok(unique, "no name twice");
	ok(order, "dun-classify's columns come after dun-age's");
	ok(found, "each column is found by its name");
	ok(typed, "the class rules type a column as the table does");
	ok(col_find("b31_90") == COL_BUCKETS && col_find("b731_plus") ==
	    COL_BUCKETS, "a bucket's name is the buckets' column");
	ok(col_find("mine") == -1 && col_type_of("mine") == COLT_TEXT &&
	    expr_column_type("mine") == T_STR, "a user's own column is text");
	ok(col_table[COL_BUCKETS].type == COLT_MONEY, "the buckets are money");

	c = unit_config("");
	names(c, COLP_AGE, want, sizeof want);
	want[strlen(want) - 1] = '\n';
	f = tmpfile();
	o = dun_out_new(fileno(f));
	ok(dun_age_header(o, c) == 0 && dun_out_close(o) == 0,
	    "dun-age's header written");
	written(f, got, sizeof got);
	is_str(got, want, "  the table's dun-age columns, in order");

	head = dun_rec_pairs(kv, 2, "t", &err);
	snprintf(want, sizeof want, "unit\tmine\t");
	names(c, COLP_CLASSIFY, want + strlen(want), sizeof want -
	    strlen(want));
	want[strlen(want) - 1] = '\n';
	f = tmpfile();
	o = dun_out_new(fileno(f));
	g = dun_ranking_new(c, DUN_RANKING_MEMORY);
	ok(dun_ranking_write(g, head, o, &err) == 0 && dun_out_close(o) == 0,
	    "dun-classify's header written");
	written(f, got, sizeof got);
	is_str(got, want, "  the columns read, then the table's "
	    "dun-classify columns");
	dun_ranking_free(g);
	dun_rec_close(head);
	dun_config_free(c);
	return done_testing();
}
