/*
 * hist.h — a unit's history (lib/hist/hist.c): its household, and its
 * charges, payments, waivers, events and notices, as the ledger
 * (ledger_hist.c) and the TSV files (lib/age/hsrc.c) give it, both filling
 * it through one builder (struct hb), and as dun-age, dun-notice and
 * dun-report read it.
 */
#ifndef DUN_HIST_H
#define DUN_HIST_H

#include "config.h"

/* A unit's household: the unit columns of dun(5), as a units file, the
 * ledger or a history gives them.  Import puts one, dun-age reads and
 * writes one, notices and the evidence pack are addressed from one. */
enum dun_hh_text { DUN_HH_ESTATE, DUN_HH_BUILDING, DUN_HH_OWNER,
	DUN_HH_PHONE, DUN_HH_EMAIL, DUN_HH_ADDRESS, DUN_HH_OCCUPANCY,
	DUN_HH_COLLECTOR, DUN_HH_NTEXT };
struct dun_household {
	const char *unit;
	const char *text[DUN_HH_NTEXT];	/* by enum dun_hh_text, whole;
					 * NULL if unknown */
	int has_area;
	int64_t area;			/* square metres, hundredths */
	int dnc;			/* not to be contacted */
};
/* Its text t, or "" if unknown. */
const char *dun_hh(const struct dun_household *h, enum dun_hh_text t);

enum dun_event_type { DUN_EV_PROMISE, DUN_EV_DISPUTE, DUN_EV_RESOLVED,
	DUN_EV_HARDSHIP, DUN_EV_PLAN, DUN_EV_CONTACT, DUN_EV_SERVED,
	DUN_EV_ACK, DUN_EV_DNC, DUN_EV_CONTACT_OK, DUN_EV_COUNT };

const char *dun_event_name(int type);
int dun_event_parse(const char *s);	/* -1 if unknown */

/* One unit's history, as dun-age reads it. Strings belong to the source. */
struct dun_hist {
	struct dun_household hh;	/* the texts dun-age writes (not
					 * email, address); area unread */
	struct dun_hcharge {
		int fee;	/* index in config fees, or DUN_FEE_OTHER - k */
		dun_period period;
		dun_date due;
		dun_money amount;
		dun_money paid;	/* paid on it, as its bill line says */
		dun_money waived;	/* waived on it, as its bill says */
		dun_date start;	/* its billing range's first day, or its
				 * period's when it has no range */
		dun_date until;	/* the range's last day; DUN_NODATE when
				 * open or unknown */
		int has_range;	/* the bill gave a range, not a period */
	} *charges;
	struct dun_hmoney {
		dun_date date;
		dun_money amount;
		int fee;	/* index, DUN_FEE_NONE or DUN_FEE_LATE */
		int has_period;
		dun_period period;
		const char *ref;	/* NULL if unknown */
		int reversed;	/* read only to be left out (hb_settle) */
	} *payments, *adjustments;
	struct dun_hevent {
		int type;
		dun_date date, due;
		int has_due, has_amount;
		dun_money amount;
		const char *ref;
	} *events;
	struct dun_hnotice {
		const char *notice;
		const char *channel, *cls;	/* NULL if unknown */
		int stage;	/* index in the ladder, or -1 */
		dun_date date, episode;
		int has_episode;
	} *notices;
	size_t ncharges, npayments, nadjustments, nevents, nnotices;
	const char **others;	/* the names of fees the config lacks */
	size_t nothers;
};

/* A unit's history being gathered: dun_hist and room to grow. */
struct hb {
	struct dun_hist h;
	size_t cap[6];
	struct arena *a;
	int bad, has_info;
};

/* The household texts a history holds, in the order dun-age writes them
 * and the units file and the ledger's history query give them: estate
 * building owner phone occupancy collector. */
extern const enum dun_hh_text hist_texts[6];

void hb_init(struct hb *b);
void hb_reset(struct hb *b);
void hb_free(struct hb *b);
char *hb_str(struct hb *b, const char *s);	/* NULL and "" stay NULL */
/* b, just reset, given what a holds: its household (a's strings, which
 * must outlive b's use), its rows, events and notices copied, and its
 * bad and has_info. */
void hb_copy(struct hb *b, const struct hb *a);
/* The fee a row names (fee_index), a fee the config lacks as
 * DUN_FEE_OTHER - k, or DUN_FEE_DEPOSIT for a deposit (allocation.deposits:
 * kept in the ledger, never owed). */
int hb_fee(struct hb *b, const struct dun_config *c, const char *name,
    int late_ok);
/* What the unit's bill lines say was paid or waived on them, beyond the
 * payments and adjustments that name those lines: payments and
 * adjustments of their own, on the lines' first days; and what was
 * reversed left out.  With a history start (not DUN_NODATE), what is
 * dated before it is left out and the lines' figures count whole.
 * Called once the unit's rows are all in. */
void hb_settle(struct hb *b, dun_date start);
dun_date period_day1(dun_period p);	/* the period's first day */
struct dun_hcharge *hb_charge(struct hb *b);
/* k more at once, zeroed. */
struct dun_hcharge *hb_charges(struct hb *b, size_t k);
struct dun_hmoney *hb_payments(struct hb *b, size_t k);
struct dun_hmoney *hb_adjustments(struct hb *b, size_t k);
struct dun_hmoney *hb_payment(struct hb *b);
struct dun_hmoney *hb_adjustment(struct hb *b);
struct dun_hevent *hb_event(struct hb *b);
struct dun_hnotice *hb_notice(struct hb *b);

#endif
