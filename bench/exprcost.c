/*
 * exprcost — what one class rule costs per record, evaluated by dun's own
 * expression code and by SQLite's (a prepared SELECT with the record's
 * values bound), the two ways dun-classify could have gone.
 *
 *   exprcost [N]      (default 1000000 records)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "expr.h"

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	const char *rule = "broken_promises >= 2 or days_overdue > 365";
	long n = argc > 1 ? atol(argv[1]) : 1000000, i, yes1 = 0, yes2 = 0;
	struct expr_cols cols = { NULL, 0, 0 };
	struct arena *a = arena_new();
	struct value v[2];
	char *err;
	int pos;
	struct expr *e = expr_parse(rule, a, &cols, &err, &pos);
	sqlite3 *db;
	sqlite3_stmt *st;
	double t0, t1, t2;

	if (e == NULL || sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT ?1 >= 2 OR ?2 > 365", -1, &st,
	    NULL) != SQLITE_OK)
		return 3;
	memset(v, 0, sizeof v);
	v[0].type = v[1].type = T_NUM;
	t0 = now();
	for (i = 0; i < n; i++) {
		v[0].n = i % 4;
		v[1].n = i % 800;
		yes1 += expr_eval(e, v, 0, NULL, 0);
	}
	t1 = now();
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, i % 4);
		sqlite3_bind_int64(st, 2, i % 800);
		if (sqlite3_step(st) == SQLITE_ROW)
			yes2 += sqlite3_column_int(st, 0);
		sqlite3_reset(st);
	}
	t2 = now();
	printf("rule: %s\nrecords: %ld (both say %ld match: %s)\n", rule, n,
	    yes1, yes1 == yes2 ? "the same" : "DIFFERENT");
	printf("dun's evaluator: %.0f ns a record\n", (t1 - t0) / n * 1e9);
	printf("SQLite's:        %.0f ns a record (%.1fx)\n",
	    (t2 - t1) / n * 1e9, (t2 - t1) / (t1 - t0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}
