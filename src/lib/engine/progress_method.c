/* The progress method: status and projection of one target's series.
 * docs/progress-method.md states it with worked examples; the unit tests
 * reproduce them. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/progress.h"
#include "banned.h"

#define EPS 1e-9

const char *qc_progress_name(enum qc_progress p)
{
	static const char *const names[QC_PROGRESS__COUNT] = {
		[QC_PROGRESS_NO_DATA] = "no_data",
		[QC_PROGRESS_MET] = "met",
		[QC_PROGRESS_ON_TRACK] = "on_track",
		[QC_PROGRESS_ACCELERATION] = "acceleration_needed",
		[QC_PROGRESS_LIMITED] = "limited_progress",
		[QC_PROGRESS_DETERIORATING] = "deteriorating",
	};
	return (unsigned)p < QC_PROGRESS__COUNT ? names[p] : "no_data";
}

const char *qc_progress_label(enum qc_progress p)
{
	static const char *const labels[QC_PROGRESS__COUNT] = {
		[QC_PROGRESS_NO_DATA] = N_("no data"),
		[QC_PROGRESS_MET] = N_("met"),
		[QC_PROGRESS_ON_TRACK] = N_("on track"),
		[QC_PROGRESS_ACCELERATION] = N_("acceleration needed"),
		[QC_PROGRESS_LIMITED] = N_("limited progress"),
		[QC_PROGRESS_DETERIORATING] = N_("deteriorating"),
	};
	return _(
		labels[(unsigned)p < QC_PROGRESS__COUNT ? p :
							  QC_PROGRESS_NO_DATA]);
}

const char *qc_progress_reason_name(enum qc_progress_reason c)
{
	static const char *const names[QC_REASON__COUNT] = {
		[QC_REASON_NONE] = "none",
		[QC_REASON_NO_VALUE] = "no_value",
		[QC_REASON_NO_BASE] = "no_base",
		[QC_REASON_MET] = "met",
		[QC_REASON_ONE_VALUE] = "one_value",
		[QC_REASON_DUE_AT_BASE_ZERO] = "due_at_base_crosses_zero",
		[QC_REASON_DUE_AT_BASE] = "due_at_base_trend",
		[QC_REASON_RATIO] = "ratio",
		[QC_REASON_BASE_AT_REQUIRED] = "base_at_required",
		[QC_REASON_TREND_ONE_VALUE] = "trend_one_value",
		[QC_REASON_TREND_ZERO] = "trend_crosses_zero",
		[QC_REASON_TREND] = "trend",
		[QC_REASON_NO_EVENT] = "no_event",
		[QC_REASON_EVENTS] = "events",
	};
	return (unsigned)c < QC_REASON__COUNT ? names[c] : "none";
}

bool qc_progress_off_track(enum qc_progress p)
{
	return p == QC_PROGRESS_LIMITED || p == QC_PROGRESS_DETERIORATING;
}

static int digits(const char *p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* Parsed by hand: it runs once per stored value when a plan loads. */
bool qc_period_time(const char *p, double *t, int *months)
{
	int y = p ? digits(p, 4) : -1, k;

	if (y < 1949 || y > 2200)
		return false;
	if (!p[4]) {
		*t = y, *months = 12;
		return true;
	}
	if (p[4] != '-' || !p[5] || !p[6] || p[7])
		return false;
	if ((p[5] == 'H' || p[5] == 'Q') && (k = digits(p + 6, 1)) >= 1 &&
	    k <= (p[5] == 'H' ? 2 : 4)) {
		*months = p[5] == 'H' ? 6 : 3;
		*t = y - 1 + k * *months / 12.0;
		return true;
	}
	k = digits(p + 5, 2);
	if (k < 1 || k > 12)
		return false;
	*t = y - 1 + k / 12.0, *months = 1;
	return true;
}

void qc_goal_spec_from_target(struct qc_goal_spec *spec,
			      const struct qc_target *t, int plan_start,
			      int plan_end)
{
	memset(spec, 0, sizeof(*spec));
	spec->op = t->op;
	spec->value = t->value;
	spec->value_max = t->value_max;
	spec->pp = t->unit && !strcmp(t->unit, "pp");
	spec->accumulate = qc_unit_accumulates(t->unit) &&
			   (t->op == QC_OP_GE || t->op == QC_OP_EQ ||
			    t->op == QC_OP_ABOUT || t->op == QC_OP_BETWEEN);
	spec->baseline_year = t->baseline_year;
	spec->baseline_previous = t->baseline_previous;
	spec->due_year = t->year ? t->year : plan_end;
	spec->start_year = plan_start;
	spec->trend_only = t->op != QC_OP_ZERO && !t->has_value;
	size_t n = t->indicator ? strlen(t->indicator) : 0;
	bool rate = n >= 3 && !strcmp(t->indicator + n - 3, "率") && t->unit &&
		    !strcmp(t->unit, "%");
	if (spec->pp || rate) {
		/* A change in percentage points moves a rate, and so does a
		 * change in % of a 率: 0..100. */
		spec->range = (struct qc_range){ true, true, 0, 100 };
	}
	qc_progress_thresholds_default(&spec->th);
}

/* The reason line, written only when someone will read it: formatting
 * numbers costs more than the method itself. */
/* The reason as a code (the numbers are the result's fields) and, when
 * explaining, as a line in the chosen language (fmt is the msgid:
 * xgettext --keyword=say:4). */
static void say(struct qc_progress_result *r, bool explain,
		enum qc_progress_reason code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void say(struct qc_progress_result *r, bool explain,
		enum qc_progress_reason code, const char *fmt, ...)
{
	va_list ap;
	r->reason_code = code;
	if (!explain)
		return;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof(r->reason), qc_tr(fmt), ap);
	va_end(ap);
}

/* A time as the period it ends, as people read it: 2019.0 → 2019年,
 * 2018.25 → 2019年3月 (qc_period_label of 2019, 2019-03). */
static void fmt_t(char *buf, size_t n, double t)
{
	double y = floor(t + EPS);
	int m = (int)lround((t - y) * 12);
	char code[16];
	if (m == 0 || m == 12)
		snprintf(code, sizeof(code), "%d", (int)lround(t));
	else
		snprintf(code, sizeof(code), "%d-%02d", (int)y + 1, m);
	qc_period_label(code, buf, n);
}

/* A growth in a reason: signed, three figures at most, never in
 * exponent form (%+.3g wrote a demo's 1574 % a year as +1.57e+03). */
static const char *fmt_growth(char *buf, size_t n, double v)
{
	double a = fabs(v);
	if (a >= 100 || a < 0.005)
		snprintf(buf, n, "%+.0f", v);
	else
		snprintf(buf, n, "%+.3g", v);
	return buf;
}

bool qc_progress_meets(const struct qc_goal_spec *spec, double v, double level)
{
	double tol = EPS * fmax(1, fabs(level));

	switch (spec->op) {
	case QC_OP_GE:
	case QC_OP_INCREASE:
	case QC_OP_ANNUAL_GROWTH: return v >= level - tol;
	case QC_OP_LE:
	case QC_OP_DECREASE: return v <= level + tol;
	case QC_OP_EQ: return fabs(v - level) <= tol;
	case QC_OP_ABOUT:
		return fabs(v - spec->value) <=
		       QC_PROGRESS_ABOUT_TOLERANCE * fabs(spec->value) + tol;
	case QC_OP_BETWEEN:
		return v >= spec->value - tol && v <= spec->value_max + tol;
	case QC_OP_ZERO: return fabs(v) <= tol;
	case QC_OP__COUNT: break;
	}
	return false;
}

bool qc_progress_trend(const struct qc_point *pts, size_t n, double t,
		       double *value, double *slope)
{
	double st = 0, sv = 0, stt = 0, stv = 0;

	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++) {
		st += pts[i].t;
		sv += pts[i].v;
	}
	double mt = st / n, mv = sv / n;
	for (size_t i = 0; i < n; i++) {
		stt += (pts[i].t - mt) * (pts[i].t - mt);
		stv += (pts[i].t - mt) * (pts[i].v - mv);
	}
	if (stt < EPS)
		return false;
	*slope = stv / stt;
	*value = mv + *slope * (t - mt);
	return true;
}

/* The series as the method reads it: counts add up from the plan's start
 * (yearly values when there are any, else the shorter periods); levels
 * are taken as reported. */
struct view {
	const struct qc_point *pts;
	size_t n;
	bool accumulate, yearly_only;
	double start_t; /* counts: the zero the sum starts from */
};

static bool used(const struct view *w, size_t i)
{
	if (w->yearly_only && w->pts[i].months != 12)
		return false;
	return !w->accumulate || w->pts[i].t > w->start_t + EPS;
}

/* Value at point i: the level, or for counts the total up to it. */
static double value_at(const struct view *w, size_t i)
{
	double s = 0;
	if (!w->accumulate)
		return w->pts[i].v;
	for (size_t j = 0; j <= i; j++)
		if (used(w, j))
			s += w->pts[j].v;
	return s;
}

/* A status from a value against the thresholds high ≥ med ≥ low. */
static enum qc_progress grade(double v, double high, double med, double low)
{
	return v >= high ? QC_PROGRESS_ON_TRACK :
	       v >= med  ? QC_PROGRESS_ACCELERATION :
	       v >= low  ? QC_PROGRESS_LIMITED :
			   QC_PROGRESS_DETERIORATING;
}

/* Open SDG's method 1, for a target without a level or one due at or
 * before its base (docs/progress-method.md §2): the compound growth of
 * the series, signed so that positive is the wanted direction d, against
 * the trend thresholds. False when the growth has no meaning (the base
 * and the latest value on either side of zero). */
static bool trend_status(const struct qc_goal_spec *spec,
			 struct qc_progress_result *r, int d)
{
	double span = r->current_t - r->base_t;
	double y0 = r->base, yi = r->current;
	int sign = y0 < 0 ? -1 : 1;

	if (y0 == 0)
		y0 = QC_PROGRESS_ZERO;
	if ((y0 > 0 && yi < 0) || (y0 < 0 && yi > 0))
		return false;
	r->trend = true;
	r->linear = false;
	r->growth = pow(yi / y0, 1 / span) - 1;
	r->status = grade(sign * d * r->growth, spec->th.trend_high,
			  spec->th.trend_med, spec->th.trend_low);
	return true;
}

/* The yearly-change model for the ratio R (docs/progress-method.md §2).
 * The required growth g* runs from the base to the due year, T − t_0;
 * with T at or before t_0 there is no such span and the caller judges the
 * trend instead. */
static void growth_ratio(const struct qc_goal_spec *spec,
			 struct qc_progress_result *r, double target, int d)
{
	double span = r->current_t - r->base_t;
	double due_span = r->due_t - r->base_t;
	double y0 = r->base, yi = r->current, yt = target, req;

	r->linear = spec->accumulate || spec->pp || y0 < 0 || yi < 0 || yt < 0;
	if (r->linear) {
		r->growth = (yi - y0) / span;
		req = (yt - y0) / due_span;
	} else {
		if (y0 == 0)
			y0 = QC_PROGRESS_ZERO;
		if (yt == 0)
			yt = QC_PROGRESS_ZERO;
		r->growth = pow(yi / y0, 1 / span) - 1;
		req = pow(yt / y0, 1 / due_span) - 1;
	}
	r->required_growth = req;
	if (fabs(req) < EPS) {
		/* Already at the required level at the base: any move away
		 * is deterioration, none is limited progress. */
		r->status = d * r->growth < -EPS ? QC_PROGRESS_DETERIORATING :
						   QC_PROGRESS_LIMITED;
		return;
	}
	r->has_ratio = true;
	r->ratio = d * r->growth / fabs(req);
	r->status = grade(r->ratio, spec->th.high, spec->th.med, spec->th.low);
}

/* Events of a zero target in the year of the last value: the year's own
 * value when reported, else the sum of its shorter periods. */
static void eval_zero(const struct qc_point *pts, size_t n,
		      struct qc_progress_result *r, bool explain)
{
	double events = 0, yearly = -1;
	int year;

	if (n == 0) {
		r->status = QC_PROGRESS_MET;
		say(r, explain, QC_REASON_NO_EVENT, "no event recorded");
		return;
	}
	year = (int)ceil(pts[n - 1].t - EPS);
	for (size_t i = 0; i < n; i++) {
		if ((int)ceil(pts[i].t - EPS) != year)
			continue;
		if (pts[i].months == 12)
			yearly = pts[i].v;
		else
			events += pts[i].v;
	}
	if (yearly >= 0)
		events = yearly;
	r->has_current = true;
	r->current = events;
	r->current_t = year;
	r->status = events > EPS ? QC_PROGRESS_DETERIORATING : QC_PROGRESS_MET;
	if (events > EPS)
		say(r, explain, QC_REASON_EVENTS,
		    "%.12g event(s) recorded in "
		    "%d",
		    events, year);
	else
		say(r, explain, QC_REASON_NO_EVENT, "no event recorded in %d",
		    year);
}

/* The base point: the baseline year's value (or the first after it), the
 * value a year before the latest, or the first value of the plan period;
 * for counts the zero at the plan's start. */
static bool find_base(const struct qc_goal_spec *spec, const struct view *w,
		      size_t last, struct qc_progress_result *r)
{
	double want;

	if (w->accumulate) {
		r->base_t = w->start_t;
		r->base = 0;
		return true;
	}
	if (spec->baseline_previous) {
		want = r->current_t - 1;
		for (size_t i = last; i-- > 0 && w->pts[i].t > want - 1e-6;)
			if (used(w, i) && fabs(w->pts[i].t - want) < 1e-6) {
				r->base_t = want;
				r->base = w->pts[i].v;
				return true;
			}
		return false;
	}
	want = spec->baseline_year ? spec->baseline_year :
	       spec->start_year    ? spec->start_year - 1 :
				     -1e9;
	for (size_t i = 0; i < last; i++)
		if (used(w, i) && w->pts[i].t >= want - 1e-6) {
			r->base_t = w->pts[i].t;
			r->base = w->pts[i].v;
			return true;
		}
	return false;
}

/* The level the target asks for at time t (changes need the base), held
 * within the measure's range: +2 pp on 99.5 asks for 100. */
static double level_at(const struct qc_goal_spec *spec,
		       const struct qc_progress_result *r, double t)
{
	double v = spec->value, l;
	switch (spec->op) {
	case QC_OP_INCREASE:
		l = spec->pp ? r->base + v : r->base * (1 + v / 100);
		break;
	case QC_OP_DECREASE:
		l = spec->pp ? r->base - v : r->base * (1 - v / 100);
		break;
	case QC_OP_ANNUAL_GROWTH:
		l = r->base * pow(1 + v / 100, t - r->base_t);
		break;
	default: return v; /* a level the plan wrote is never changed */
	}
	/* A derived requirement stays within the measure's range: +2 pp on
	 * a pass rate of 99.5 asks for 100, not 101.5. */
	return qc_range_cap(&spec->range, l);
}

static void project(const struct qc_goal_spec *spec, const struct view *w,
		    size_t last, struct qc_progress_result *r)
{
	struct qc_point win[64];
	size_t k = 0;
	double slope, at = r->due_t;

	/* The points within the window, oldest first; counts keep their
	 * running total in one pass. At most 63 points (five years of
	 * months would not fit, but the window is three years). */
	double sum = 0, from = r->current_t - QC_PROGRESS_TREND_YEARS - EPS;
	size_t i0 = 0;
	if (!w->accumulate) /* levels need only the window itself */
		for (i0 = last; i0 > 0 && w->pts[i0 - 1].t >= from; i0--)
			;
	for (size_t i = i0; i <= last; i++) {
		if (!used(w, i))
			continue;
		sum += w->pts[i].v;
		if (w->pts[i].t < from || k >= 63)
			continue;
		win[k++] = (struct qc_point){ w->pts[i].t,
					      w->accumulate ? sum : w->pts[i].v,
					      12 };
	}
	if (w->accumulate &&
	    w->start_t >= r->current_t - QC_PROGRESS_TREND_YEARS - EPS)
		win[k++] = (struct qc_point){ w->start_t, 0, 12 };
	if (spec->baseline_previous)
		at = r->current_t + 1;
	if (at < r->current_t)
		at = r->current_t;
	if (!qc_progress_trend(win, k, at, &r->projected, &slope))
		return;
	r->has_projection = true;
	if (spec->trend_only) {
		r->projected_met = false; /* no level to meet */
	} else if (spec->baseline_previous) {
		/* Next year's requirement stands on this year's value. */
		struct qc_progress_result next = *r;
		next.base = r->current;
		r->projected_met = qc_progress_meets(spec, r->projected,
						     level_at(spec, &next, at));
	} else {
		r->projected_met = qc_progress_meets(spec, r->projected,
						     level_at(spec, r,
							      r->due_t));
	}
}

/* Direction d and level to aim at: a band is reached at its near edge;
 * an exact level from whichever side the value stands. */
static double aim(const struct qc_goal_spec *spec, struct qc_progress_result *r,
		  int *d)
{
	double target = r->required;

	switch (spec->op) {
	case QC_OP_LE:
	case QC_OP_DECREASE: *d = -1; break;
	case QC_OP_EQ: *d = target >= r->current ? 1 : -1; break;
	case QC_OP_ABOUT:
	case QC_OP_BETWEEN: {
		double lo = spec->op == QC_OP_ABOUT ?
				    spec->value *
					    (1 - QC_PROGRESS_ABOUT_TOLERANCE) :
				    spec->value;
		double hi = spec->op == QC_OP_ABOUT ?
				    spec->value *
					    (1 + QC_PROGRESS_ABOUT_TOLERANCE) :
				    spec->value_max;
		*d = r->current < lo ? 1 : -1;
		target = *d > 0 ? lo : hi;
		r->required = target;
		break;
	}
	case QC_OP_ANNUAL_GROWTH: *d = spec->value >= 0 ? 1 : -1; break;
	default: *d = 1;
	}
	return target;
}

/* A target without a level: the trend alone (Open SDG method 1). */
static void eval_trend(const struct qc_goal_spec *spec, const struct view *w,
		       size_t last, struct qc_progress_result *r, bool explain,
		       const char *tc)
{
	int d = spec->op == QC_OP_DECREASE || spec->op == QC_OP_LE ? -1 : 1;
	char tb[32] = "";

	if (!r->has_base || r->base_t >= r->current_t - EPS) {
		r->status = QC_PROGRESS_NO_DATA;
		say(r, explain, QC_REASON_TREND_ONE_VALUE,
		    "no level set and one value only (%.12g in %s): "
		    "a trend needs two",
		    r->current, tc);
		return;
	}
	project(spec, w, last, r);
	if (explain)
		fmt_t(tb, sizeof(tb), r->base_t);
	if (!trend_status(spec, r, d)) {
		r->status = QC_PROGRESS_NO_DATA;
		say(r, explain, QC_REASON_TREND_ZERO,
		    "no level set; %.12g (%s) → %.12g (%s) crosses zero: "
		    "no growth to judge",
		    r->base, tb, r->current, tc);
		return;
	}
	char g1[24], g2[24], g3[24];
	say(r, explain, QC_REASON_TREND,
	    "no level set: %.12g (%s) → %.12g (%s) is %s%% a year, "
	    "%s is better; on track from %s%%, acceleration needed "
	    "from %s%%",
	    r->base, tb, r->current, tc,
	    fmt_growth(g1, sizeof(g1), r->growth * 100),
	    d > 0 ? _("up") : _("down"),
	    fmt_growth(g2, sizeof(g2), d * spec->th.trend_high * 100),
	    fmt_growth(g3, sizeof(g3), d * spec->th.trend_med * 100));
}

static void eval(const struct qc_goal_spec *spec, const struct qc_point *pts,
		 size_t n, struct qc_progress_result *r, bool explain)
{
	struct view w = { pts, n, spec->accumulate, false, -1e9 };
	char tb[32] = "", tc[32] = "", td[32] = "";
	size_t last = n;
	double target, met_level;
	int d;

	memset(r, 0, sizeof(*r));
	r->n_points = (int)n;
	if (spec->op == QC_OP_ZERO) {
		eval_zero(pts, n, r, explain);
		return;
	}
	if (w.accumulate) {
		for (size_t i = 0; i < n; i++)
			w.yearly_only |= pts[i].months == 12;
		w.start_t = spec->start_year ? spec->start_year - 1 :
			    n                ? pts[0].t - pts[0].months / 12.0 :
					       0;
	}
	while (last-- > 0 && !used(&w, last))
		;
	if (last == (size_t)-1) {
		r->status = QC_PROGRESS_NO_DATA;
		say(r, explain, QC_REASON_NO_VALUE, "no value reported");
		return;
	}
	r->has_current = true;
	r->current_t = pts[last].t;
	r->current = value_at(&w, last);
	r->due_t = spec->due_year ? spec->due_year : r->current_t;
	if (explain)
		fmt_t(tc, sizeof(tc), r->current_t);
	r->has_base = find_base(spec, &w, last, r);
	if (spec->baseline_previous && r->has_base)
		r->due_t = r->current_t;
	if (spec->trend_only) {
		eval_trend(spec, &w, last, r, explain, tc);
		return;
	}
	bool change = spec->op == QC_OP_INCREASE ||
		      spec->op == QC_OP_DECREASE ||
		      spec->op == QC_OP_ANNUAL_GROWTH;
	if (change && !r->has_base) {
		r->status = QC_PROGRESS_NO_DATA;
		say(r, explain, QC_REASON_NO_BASE,
		    "%.12g (%s) but no base "
		    "value to measure the change from",
		    r->current, tc);
		return;
	}
	r->has_required = true;
	r->required = level_at(spec, r, r->due_t);
	if (change && (spec->range.has_max || spec->range.has_min)) {
		struct qc_goal_spec raw = *spec;
		raw.range = (struct qc_range){ 0 };
		r->capped = fabs(level_at(&raw, r, r->due_t) - r->required) >
			    EPS;
	}
	met_level = level_at(spec, r, r->current_t);
	if (r->has_base)
		project(spec, &w, last, r);
	if (qc_progress_meets(spec, r->current, met_level)) {
		r->status = QC_PROGRESS_MET;
		say(r, explain, QC_REASON_MET,
		    "%.12g (%s) meets the "
		    "required %.12g%s",
		    r->current, tc, met_level,
		    r->capped ? _(" (capped at the measure's range)") : "");
		return;
	}
	if (!r->has_base || r->base_t >= r->current_t - EPS) {
		r->status = QC_PROGRESS_NO_DATA;
		say(r, explain, QC_REASON_ONE_VALUE,
		    "one value only (%.12g in "
		    "%s): a trend needs two",
		    r->current, tc);
		return;
	}
	target = aim(spec, r, &d);
	if (explain) {
		fmt_t(tb, sizeof(tb), r->base_t);
		fmt_t(td, sizeof(td), r->due_t);
	}
	if (r->due_t <= r->base_t + EPS) {
		/* Due at or before the base: g* has no span to run over
		 * (§2, "A due year at or before the base"). */
		if (!trend_status(spec, r, d)) {
			r->status = QC_PROGRESS_NO_DATA;
			say(r, explain, QC_REASON_DUE_AT_BASE_ZERO,
			    "due %s, not after the base %s, and "
			    "%.12g → %.12g crosses zero: no growth to judge",
			    td, tb, r->base, r->current);
			return;
		}
		if (r->status == QC_PROGRESS_ON_TRACK)
			r->status = QC_PROGRESS_ACCELERATION;
		char g[24];
		say(r, explain, QC_REASON_DUE_AT_BASE,
		    "due %s, not after the base %s: no growth can "
		    "be required; %.12g (%s) → %.12g (%s) is %s%% a year, "
		    "judged as a trend",
		    td, tb, r->base, tb, r->current, tc,
		    fmt_growth(g, sizeof(g), r->growth * 100));
		return;
	}
	growth_ratio(spec, r, target, d);
	/* The due year's value is in and misses: no longer on track. */
	if (r->status == QC_PROGRESS_ON_TRACK && r->current_t >= r->due_t - EPS)
		r->status = QC_PROGRESS_ACCELERATION;
	if (!explain)
		return;
	double k = r->linear ? 1 : 100;
	char g1[24], g2[24];
	if (r->has_ratio)
		say(r, explain, QC_REASON_RATIO,
		    "R = %.2f (growth seen over growth needed): %.12g (%s) → "
		    "%.12g (%s) is %s%s a year; %.12g by %s%s needs %s%s",
		    r->ratio, r->base, tb, r->current, tc,
		    fmt_growth(g1, sizeof(g1), r->growth * k),
		    r->linear ? "" : "%", target, td,
		    r->capped ? _(" (capped)") : "",
		    fmt_growth(g2, sizeof(g2), r->required_growth * k),
		    r->linear ? "" : "%");
	else
		say(r, explain, QC_REASON_BASE_AT_REQUIRED,
		    "%s→%s went %.12g→%.12g; "
		    "the base already stood at the required %.12g",
		    tb, tc, r->base, r->current, target);
}

void qc_progress_eval(const struct qc_goal_spec *spec,
		      const struct qc_point *pts, size_t n,
		      struct qc_progress_result *r)
{
	eval(spec, pts, n, r, true);
}

void qc_progress_status(const struct qc_goal_spec *spec,
			const struct qc_point *pts, size_t n,
			struct qc_progress_result *r)
{
	eval(spec, pts, n, r, false);
}
