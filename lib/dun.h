/*
 * dun.h — the library behind the dun programs, libdun.a: the header of
 * each part of lib/, a directory each, in the order of the pipeline,
 * each part's header including only those before it (config.c alone
 * reaches forward, to have the calendar built: calendar.h).  The
 * programs include it through lib/prog/prog.h, their shared plumbing.
 *
 * Library calls never print and never exit: they return an error code and
 * fill a struct dun_err, whose message the program prints with its name.
 * Money is an int64_t count of minor units, dates are days since
 * 1970-01-01, billing periods are months since year 0.  The exit
 * statuses are the same for every program of the suite (DUN_EXIT_*): 0
 * done, 1 bad data, 2 usage or config error, 3 system error.
 */
#ifndef DUN_H
#define DUN_H

#include "base.h"	/* errors, money, dates, memory and text */
#include "records.h"	/* records read and written; the columns */
#include "config.h"	/* dun.yaml */
#include "calendar.h"	/* when people may be reached */
#include "hist.h"	/* a unit's history and household */
#include "ledger.h"	/* the ledger */
#include "import.h"	/* dun-import */
#include "age.h"	/* dun-age */
#include "classify.h"	/* dun-classify */
#include "notice.h"	/* dun-notice */
#include "report.h"	/* dun-report */

#endif
