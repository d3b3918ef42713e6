/* What an import reports beside its counts (sampling_int.h): the rows it
 * rejected, as CSV, and how it read the header. Split from sampling.c,
 * which reads and checks the rows. */
#include <stddef.h>
#include <stdio.h>

#include "qcity/i18n.h"
#include "qcity/sampling.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "sampling_int.h"
#include "banned.h"

/* One rejected row in the rejects CSV: line, reason, then its cells. */
void qc_sampling_csv_cell(struct qc_buf *b, const char *s)
{
	qc_buf_addch(b, '"');
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			qc_buf_addch(b, '"');
		qc_buf_addch(b, *p == '\n' ? ' ' : *p);
	}
	qc_buf_addch(b, '"');
}

void qc_sampling_add_reject(struct qc_buf *b, const struct qc_table_row *row,
			    const char *reason)
{
	const char *fields[2] = { NULL, reason };
	char line[16];
	struct qc_buf r;
	bool was_full = qc_buf_failed(b);
	snprintf(line, sizeof(line), "%d", row->line);
	fields[0] = line;
	qc_buf_init(&r, 0);
	for (size_t i = 0; i < 2 + row->n; i++) {
		const char *v = i < 2 ? fields[i] : row->cells[i - 2];
		if (i)
			qc_buf_addch(&r, ',');
		qc_buf_addch(&r, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				qc_buf_addch(&r, '"');
			qc_buf_addch(&r, *p);
		}
		qc_buf_addch(&r, '"');
	}
	qc_buf_addch(&r, '\n');
	/* Whole rows only; past the cap, one line says the list is cut. */
	if (!qc_buf_add(b, qc_buf_str(&r), qc_buf_len(&r)) && !was_full)
		qc_buf_mark_cut(b, "\"0\",\"more rejected rows than fit in "
				   "64 MiB: the rest are not listed\"\n");
	qc_buf_release(&r);
}

void qc_sampling_describe_map(const struct qc_sampling_map *m,
			      struct qc_buf *out)
{
	/* What each field is, in the reader's language; its code is what
	 * --map takes. */
	static const char *const what[QC_SF__COUNT] = {
		N_("sequence number"),
		N_("product"),
		N_("specification"),
		N_("lot"),
		N_("enterprise"),
		N_("address"),
		N_("credit code"),
		N_("sampling date"),
		N_("result"),
		N_("failed items"),
		N_("testing body"),
		N_("region"),
		N_("category"),
		N_("sample number"),
		N_("sampling level"),
		N_("sampling plan"),
		N_("batch"),
		N_("sampled unit"),
		N_("sampled unit's address"),
		N_("remarks"),
	};
	for (int f = 0; f < QC_SF__COUNT; f++)
		if (m->col[f] >= 0)
			qc_buf_addf(out,
				    _("column %d '%s' → %s (--map %s=COLUMN)\n"),
				    m->col[f] + 1, m->label[f], _(what[f]),
				    qc_sfield_name((enum qc_sfield)f));
	for (int c = 0; c < m->n_cols && c < QC_SAMPLING_COLS; c++) {
		int f = m->named[c];
		bool used = c == m->place;
		for (int k = 0; k < QC_SF__COUNT; k++)
			used |= m->col[k] == c;
		if (used || f < 0 || f >= QC_SF__COUNT || m->col[f] < 0 ||
		    !m->heading[c] || !qc_sampling_names_role(m->heading[c], f))
			continue;
		qc_buf_addf(out,
			    _("column %d '%s' names the %s too: left out, "
			      "column %d read (--map %s=%d to read it)\n"),
			    c + 1, m->heading[c] ? m->heading[c] : "",
			    _(what[f]), m->col[f] + 1,
			    qc_sfield_name((enum qc_sfield)f), c + 1);
	}
	if (m->place >= 0)
		qc_buf_addf(out,
			    _("column %d '%s' → the sampled unit's place\n"),
			    m->place + 1,
			    m->heading[m->place] ? m->heading[m->place] : "");
}
