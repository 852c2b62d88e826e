/*
 * evidence_pdf.c — the evidence pack's PDF: the rows of its table (see
 * evidence.c) laid out section by section, with the headings a court
 * reads, in the report's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Which of the table's columns a PDF section shows; -1 is the first of
 * party, contact, detail that is there. */
struct psec {
	const char *section, *zh, *en;
	int cols[7];
	double w[7];
	const char *hz[7], *he[7];
};

static const struct psec psecs[] = {
	{ "household", "一、户主信息", "1. The household",
	  { E_ITEM, -1 }, { .3, .7 }, { "项目", "内容" }, { "item", "fact" } },
	{ "summary", "二、欠款合计", "2. What is owed",
	  { E_DATE, E_UNPAID, E_LATE, E_AMOUNT, E_DETAIL },
	  { .14, .16, .14, .16, .4 },
	  { "截至", "本金", "滞纳金", "合计", "大写" },
	  { "as of", "principal", "late fee", "total", "in words" } },
	{ "charge", "三、账单明细", "3. Statement of account",
	  { E_ITEM, E_REF, E_DATE, E_AMOUNT, E_PAID, E_UNPAID, E_LATE },
	  { .16, .20, .14, .13, .13, .12, .12 },
	  { "费用", "期间", "到期日", "金额", "已付", "未付", "滞纳金" },
	  { "fee", "period", "due", "billed", "paid", "unpaid", "late fee" } },
	{ "payment", "四、付款及分配", "4. Payments and where they went",
	  { E_REF, E_DATE, E_AMOUNT, E_DETAIL }, { .18, .14, .14, .54 },
	  { "流水号", "日期", "金额", "分配" },
	  { "ref", "date", "amount", "applied to" } },
	{ "adjustment", "五、调整与减免", "5. Adjustments and waivers",
	  { E_REF, E_DATE, E_AMOUNT, E_ITEM, E_DETAIL },
	  { .16, .14, .14, .14, .42 },
	  { "编号", "日期", "金额", "费用", "说明" },
	  { "ref", "date", "amount", "fee", "detail" } },
	{ "late_fee", "六、滞纳金计算", "6. How the late fees grew",
	  { E_REF, E_ITEM, E_DATE, E_UNPAID, E_LATE, E_DETAIL },
	  { .14, .12, .12, .12, .10, .40 },
	  { "期间", "费用", "起算", "未付本金", "滞纳金", "计算" },
	  { "period", "fee", "from", "unpaid", "late fee", "how" } },
	{ "notice", "七、催缴通知", "7. Notices issued",
	  { E_REF, E_DATE, E_ITEM, E_CONTACT, E_SHA },
	  { .24, .12, .16, .16, .32 },
	  { "编号", "日期", "阶段/渠道", "收件人", "SHA-256" },
	  { "notice", "date", "stage/channel", "to", "SHA-256" } },
	{ "served", "八、送达证明", "8. Proof of service",
	  { E_REF, E_DATE, E_DETAIL }, { .3, .14, .56 },
	  { "通知", "送达日期", "证明" }, { "notice", "served", "proof" } },
	{ "event", "九、承诺、联系与争议",
	  "9. Promises, contacts and disputes",
	  { E_DATE, E_ITEM, E_AMOUNT, E_REF, E_DETAIL },
	  { .13, .14, .13, .16, .44 },
	  { "日期", "类型", "金额", "编号", "内容" },
	  { "date", "type", "amount", "ref", "detail" } },
	{ "limitation", "十、诉讼时效", "10. Limitation",
	  { E_DATE, E_ITEM, E_DETAIL }, { .14, .2, .66 },
	  { "日期", "项目", "说明" }, { "date", "item", "detail" } },
	{ "restart", "时效中断事由", "What restarted it",
	  { E_DATE, E_ITEM, E_REF, E_AMOUNT }, { .16, .24, .4, .2 },
	  { "日期", "事由", "编号", "金额" },
	  { "date", "event", "ref", "amount" } },
	{ "source", "十一、数据来源", "11. Where the records came from",
	  { E_REF, E_SHA, E_DETAIL }, { .3, .5, .2 },
	  { "文件", "SHA-256", "导入时间" }, { "file", "SHA-256", "imported" } },
};

int
evidence_pdf(const struct rk_ctx *x, const struct table *t, const char *path,
    struct dun_err *err)
{
	int en = strcmp(x->lang, "en") == 0, mask = x->o.mask_pdf;
	const char *font = x->c->notice.font ? x->c->notice.font :
	    "Noto Sans CJK SC";
	char *title, *sub, a[DUN_DATE_BUFSZ];
	struct pdf *p;
	size_t s, r, j, nc, nr;

	if (pdf_font_check(font, err) < 0)
		return -1;
	title = str_fmt("%s %s", en ? "Evidence pack:" : "证据材料：",
	    x->o.unit);
	if ((p = pdf_open(path, font, x->o.asof, title, err)) == NULL) {
		free(title);
		return -1;
	}
	sub = str_fmt("%s%s%s %s", x->c->company.name ?
	    x->c->company.name : "", x->c->company.name ? " · " : "",
	    en ? "as of" : "截至", dun_date_fmt(x->o.asof, a));
	pdf_title(p, title, sub);
	free(title);
	free(sub);
	for (s = 0; s < sizeof psecs / sizeof *psecs; s++) {
		const struct psec *ps = &psecs[s];
		const char **cells;
		char **b;

		for (nc = 0; nc < 7 && ps->w[nc] > 0; nc++)
			;
		for (r = 0, nr = 0; r < t->nrows; r++)
			nr += strcmp(t->cells[r * t->ncols].s, ps->section) == 0;
		if (nr == 0)
			continue;
		cells = xmalloc((nr + 1) * nc * sizeof *cells);
		b = xmalloc((nr + 1) * nc * sizeof *b);
		memset(b, 0, (nr + 1) * nc * sizeof *b);
		for (j = 0; j < nc; j++)
			cells[j] = en ? ps->he[j] : ps->hz[j];
		for (r = 0, nr = 1; r < t->nrows; r++) {
			const struct tcell *row = &t->cells[r * t->ncols];

			if (strcmp(row[0].s, ps->section) != 0)
				continue;
			for (j = 0; j < nc; j++) {
				int c = ps->cols[j];
				/* Room for a masked name of many characters:
				 * a star a character, at most one a byte. */
				size_t room;
				char *tmp;

				if (c < 0)
					c = !row[E_PARTY].null ? E_PARTY :
					    !row[E_CONTACT].null ? E_CONTACT :
					    E_DETAIL;
				room = (row[c].s ? strlen(row[c].s) : 0) + 64;
				tmp = xmalloc(room);
				b[nr * nc + j] = xstrdup(cell_fmt(&row[c],
				    t->cols[c].type, 1, mask, tmp, room));
				free(tmp);
				cells[nr * nc + j] = b[nr * nc + j];
			}
			nr++;
		}
		pdf_section(p, en ? ps->en : ps->zh, cells, nc, nr, ps->w);
		for (j = 0; j < nr * nc; j++)
			free(b[j]);
		free(cells);
		free(b);
	}
	return pdf_close(p, err);
}

