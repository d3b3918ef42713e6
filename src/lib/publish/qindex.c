/* The quality index computed from a matrix of raw values: normalisation,
 * the missing-value rule, aggregation, ranks, contributions, and the
 * sensitivity of the ranks to each weight (docs/quality-index.md §2-4).
 * Pure arithmetic: no store, no output. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/qindex.h"
#include "banned.h"

void qc_qindex_input_init(struct qc_qindex_input *in, size_t n_regions,
			  size_t n_ind)
{
	size_t cells = qc_st_mult(n_regions ? n_regions : 1, n_ind ? n_ind : 1);

	memset(in, 0, sizeof(*in));
	in->n_regions = n_regions;
	in->n_ind = n_ind;
	in->code = qc_xcalloc(n_regions ? n_regions : 1, sizeof(*in->code));
	in->name = qc_xcalloc(n_regions ? n_regions : 1, sizeof(char *));
	in->x = qc_xcalloc(cells, sizeof(double));
	in->has = qc_xcalloc(cells, sizeof(bool));
}

void qc_qindex_input_release(struct qc_qindex_input *in)
{
	for (size_t r = 0; in->name && r < in->n_regions; r++)
		free(in->name[r]);
	free(in->code);
	free(in->name);
	free(in->x);
	free(in->has);
	memset(in, 0, sizeof(*in));
}

void qc_qindex_result_release(struct qc_qindex_result *res)
{
	for (size_t r = 0; res->r && r < res->n_regions; r++) {
		free(res->r[r].score);
		free(res->r[r].contrib);
		free(res->r[r].imputed);
	}
	free(res->r);
	memset(res, 0, sizeof(*res));
}

/* Per indicator: how raw values become scores over the regions. */
struct scale {
	size_t n; /* regions with a value */
	double min, max, mean, sd;
};

static void scale_of(const struct qc_qindex_input *in, size_t i,
		     struct scale *s)
{
	double sum = 0, ss = 0;

	memset(s, 0, sizeof(*s));
	for (size_t r = 0; r < in->n_regions; r++) {
		double x = in->x[r * in->n_ind + i];
		if (!in->has[r * in->n_ind + i])
			continue;
		if (!s->n || x < s->min)
			s->min = x;
		if (!s->n || x > s->max)
			s->max = x;
		s->n++;
		sum += x;
	}
	if (!s->n)
		return;
	s->mean = sum / (double)s->n;
	for (size_t r = 0; r < in->n_regions; r++)
		if (in->has[r * in->n_ind + i]) {
			double dx = in->x[r * in->n_ind + i] - s->mean;
			ss += dx * dx;
		}
	s->sd = sqrt(ss / (double)s->n);
}

static double normalise(const struct qc_qindex_def *d, size_t i,
			const struct scale *s, double x)
{
	const struct qc_qindex_ind *ind = &d->v[i];
	double y;

	switch (d->norm) {
	case QC_QINDEX_MINMAX:
		if (s->max - s->min <= 1e-12 * fmax(1, fabs(s->max)))
			return 100; /* all equal: all at the best */
		y = (x - s->min) / (s->max - s->min);
		return 100 * (ind->higher ? y : 1 - y);
	case QC_QINDEX_TARGET:
		if (ind->higher)
			y = x / ind->target;
		else
			y = x <= 0 ? 1 : ind->target / x;
		return 100 * fmax(0, fmin(1, y));
	case QC_QINDEX_ZSCORE:
		if (s->sd <= 1e-12 * fmax(1, fabs(s->mean)))
			return 0;
		y = (x - s->mean) / s->sd;
		return ind->higher ? y : -y;
	}
	return NAN;
}

/* Competition ranks ("1 2 2 4") by index, highest first. */
static void rank(struct qc_qindex_result *res)
{
	for (size_t a = 0; a < res->n_regions; a++) {
		struct qc_qindex_region *ra = &res->r[a];
		int k = 1;
		if (!ra->has_index) {
			ra->rank = 0;
			continue;
		}
		for (size_t b = 0; b < res->n_regions; b++) {
			const struct qc_qindex_region *rb = &res->r[b];
			if (rb->has_index &&
			    rb->index - ra->index >
				    1e-9 * fmax(1, fabs(ra->index)))
				k++;
		}
		ra->rank = k;
	}
}

static void aggregate(const struct qc_qindex_def *d, size_t n_ind,
		      const double *w, const bool *dropped,
		      struct qc_qindex_region *rr)
{
	double sw = 0, acc = 0;

	for (size_t i = 0; i < n_ind; i++)
		if (!dropped[i] && !isnan(rr->score[i]))
			sw += w[i];
	if (sw <= 0) {
		rr->has_index = false;
		return;
	}
	for (size_t i = 0; i < n_ind; i++) {
		double s = rr->score[i];
		if (dropped[i] || isnan(s)) {
			rr->contrib[i] = NAN;
			continue;
		}
		if (d->agg == QC_QINDEX_GEOMETRIC)
			rr->contrib[i] = w[i] * log(1 + 0.99 * s) / sw;
		else
			rr->contrib[i] = w[i] * s / sw;
		acc += rr->contrib[i];
	}
	rr->has_index = true;
	rr->index = d->agg == QC_QINDEX_GEOMETRIC ? exp(acc) : acc;
}

enum qc_rc qc_qindex_compute(const struct qc_qindex_def *d,
			     const struct qc_qindex_input *in,
			     const double *weights,
			     struct qc_qindex_result *out, struct qc_error *err)
{
	size_t n = d->n, R = in->n_regions;
	struct scale *sc;
	bool *dropped;
	double *w;

	memset(out, 0, sizeof(*out));
	if (in->n_ind != n)
		return qc_error_set(err, QC_EINVAL,
				    "the values have %zu "
				    "indicators, the definition %zu",
				    in->n_ind, n);
	sc = qc_xcalloc(n ? n : 1, sizeof(*sc));
	dropped = qc_xcalloc(n ? n : 1, sizeof(bool));
	w = qc_xcalloc(n ? n : 1, sizeof(double));
	for (size_t i = 0; i < n; i++) {
		w[i] = weights ? weights[i] : d->v[i].weight;
		scale_of(in, i, &sc[i]);
		/* No region has it: it cannot tell regions apart. */
		dropped[i] = sc[i].n == 0;
	}
	out->n_regions = R;
	out->n_ind = n;
	out->r = qc_xcalloc(R ? R : 1, sizeof(*out->r));
	for (size_t r = 0; r < R; r++) {
		struct qc_qindex_region *rr = &out->r[r];
		bool excluded = false;
		rr->score = qc_xcalloc(n ? n : 1, sizeof(double));
		rr->contrib = qc_xcalloc(n ? n : 1, sizeof(double));
		rr->imputed = qc_xcalloc(n ? n : 1, sizeof(bool));
		for (size_t i = 0; i < n; i++) {
			size_t k = r * n + i;
			rr->score[i] = NAN;
			if (dropped[i])
				continue;
			if (in->has[k]) {
				rr->score[i] = normalise(d, i, &sc[i],
							 in->x[k]);
				continue;
			}
			rr->n_missing++;
			switch (d->missing) {
			case QC_QINDEX_REWEIGHT: break;
			case QC_QINDEX_MEAN:
				rr->score[i] = normalise(d, i, &sc[i],
							 sc[i].mean);
				rr->imputed[i] = true;
				break;
			case QC_QINDEX_ZERO:
				rr->score[i] =
					d->norm == QC_QINDEX_ZSCORE ?
						normalise(d, i, &sc[i],
							  d->v[i].higher ?
								  sc[i].min :
								  sc[i].max) :
						0;
				rr->imputed[i] = true;
				break;
			case QC_QINDEX_EXCLUDE: excluded = true; break;
			}
		}
		if (excluded)
			rr->has_index = false;
		else
			aggregate(d, n, w, dropped, rr);
	}
	rank(out);
	free(sc);
	free(dropped);
	free(w);
	return QC_OK;
}

enum qc_rc qc_qindex_sensitivity(const struct qc_qindex_def *d,
				 const struct qc_qindex_input *in,
				 const struct qc_qindex_result *base,
				 double delta, struct qc_qindex_sens *out,
				 struct qc_error *err)
{
	double *w = qc_xcalloc(d->n ? d->n : 1, sizeof(double));
	enum qc_rc rc = QC_OK;

	memset(out, 0, sizeof(*out));
	out->delta = delta;
	out->v = qc_xcalloc(qc_st_mult(d->n ? d->n : 1, 2), sizeof(*out->v));
	for (size_t i = 0; i < d->n && !rc; i++)
		for (int side = 0; side < 2 && !rc; side++) {
			struct qc_qindex_case *c = &out->v[out->n++];
			struct qc_qindex_result res;
			for (size_t j = 0; j < d->n; j++)
				w[j] = d->v[j].weight;
			c->ind = i;
			c->factor = side ? 1 + delta : 1 - delta;
			w[i] *= c->factor;
			if ((rc = qc_qindex_compute(d, in, w, &res, err)))
				break;
			for (size_t r = 0; r < res.n_regions; r++) {
				int from = base->r[r].rank, to = res.r[r].rank;
				if (from == to)
					continue;
				c->v = qc_xreallocarray(c->v, c->n + 1,
							sizeof(*c->v));
				c->v[c->n++] = (struct qc_qindex_shift){ r,
									 from,
									 to };
				if (from && to &&
				    abs(from - to) > out->max_shift)
					out->max_shift = abs(from - to);
			}
			if (c->n)
				out->n_changed++;
			qc_qindex_result_release(&res);
		}
	free(w);
	if (rc)
		qc_qindex_sens_release(out);
	return rc;
}

void qc_qindex_sens_release(struct qc_qindex_sens *s)
{
	for (size_t i = 0; s->v && i < s->n; i++)
		free(s->v[i].v);
	free(s->v);
	memset(s, 0, sizeof(*s));
}
