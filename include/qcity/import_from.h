/* A register's file to import and what the import may touch: the same
 * for the command line (a path, its county) and the web (an uploaded
 * file kept under a temporary name, by an account limited to a region). */
#ifndef QCITY_IMPORT_FROM_H
#define QCITY_IMPORT_FROM_H

struct qc_import_from {
	const char *path;   /* the file read (CSV or .xlsx) */
	const char *name;   /* the file as the audit log names it; NULL: path */
	const char *county; /* the county of rows without a region column;
			       NULL when every row names one */
	const char *within; /* every row's county must lie in this region
			       (the importing account's scope); NULL: any */
};

/* What a register's import did, rows counted once each. */
struct qc_import_counts {
	long added, updated, unchanged; /* unchanged: the same as stored */
};

#endif
