/* Demo content for the engine, so that `make run` shows late reports and
 * a full assessment: dated progress reports following the plan's
 * reporting duties, and self-scores and verifications of a stored
 * scheme's manual items. Reproducible by seed; one transaction each. */
#ifndef QCITY_ENGINE_DEMO_H
#define QCITY_ENGINE_DEMO_H

#include <stddef.h>

#include "qcity/error.h"

struct qc_store;

/* For every lead unit of a task of plan_id and every period of each of
 * the plan's reporting duties from first_year to last_year that has ended
 * by today: a progress report on the unit's first task, submitted on a
 * date within the grace days (about 80%), after them (12%), or not at all
 * (8%). Existing reports of those periods are replaced. */
enum qc_rc qc_engine_demo_reports(struct qc_store *s, long long plan_id,
				  int first_year, int last_year,
				  unsigned long seed, const char *actor,
				  size_t *count, struct qc_error *err);

/* For the scheme stored for plan_id and year: each manual item gets a
 * self-score with evidence from every unit assessed, and two in three
 * of those a verification by the office. */
enum qc_rc qc_engine_demo_scores(struct qc_store *s, long long plan_id,
				 int year, unsigned long seed,
				 const char *actor, size_t *count,
				 struct qc_error *err);

#endif
