/* The periodic reminder run of qcity serve (src/server/remind_loop.c). */
#ifndef QC_REMIND_LOOP_H
#define QC_REMIND_LOOP_H

#include <stdbool.h>

/* Run the reminders on db now and every `every` seconds (0: never) in a
 * thread of its own; false if the thread cannot start. */
bool qc_remind_loop_start(const char *db, unsigned every);
/* Stop it and wait for a run under way to end. */
void qc_remind_loop_stop(void);

#endif
