/* The nation: province servers replicate into a national PostgreSQL
 * (docs/scaling.md, "Federation"). A province server publishes the rows
 * of its province of the large tables (PostgreSQL logical replication,
 * one PUBLICATION with a row filter on province_code); the national
 * server holds the same tables partitioned by province (LIST) and, where
 * they grow without bound, by year, and SUBSCRIBEs to every province. On
 * the national server province rows are read-only: only replication
 * writes them. PostgreSQL only; every call refuses a SQLite store. */
#ifndef QCITY_FEDERATION_H
#define QCITY_FEDERATION_H

#include <stdbool.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

/* The province code the national server's own rows carry. */
#define QC_FED_NATION "000000"

/* Turn the open, migrated database into the national schema: the
 * replicated tables become partitioned by province (31 provinces, the
 * nation's own '000000', and a default partition), sampling_results and
 * audit_log also by year from first_year to last_year (a default
 * partition holds other years), with primary keys (province_code, id[,
 * year column]); rows already there are kept. Safe to run again (a table
 * already partitioned is left). */
enum qc_rc qc_fed_national_init(struct qc_store *s, int first_year,
				int last_year, const char *actor,
				struct qc_error *err);

/* On a province server: publish the rows of province (a GB/T 2260
 * province code, "230000") as publication qcity_<province>, with the
 * replica identity the national keys need. Safe to run again. */
enum qc_rc qc_fed_publish(struct qc_store *s, const char *province,
			  const char *actor, struct qc_error *err);
/* The rows a province server holds against "one importer per
 * announcement" (docs/scaling.md), which the importer refuses once the
 * server publishes but which rows held before were never checked
 * against: results of a national announcement in another province's
 * region, and results of an announcement another province issued
 * (issuer, 0029; rows without one are unknown and not counted). query
 * lists them (SQL for psql on this server). qcity federation publish
 * reports them and publishes anyway. */
struct qc_fed_importer_rows {
	int64_t national_elsewhere, other_issuer;
	char query[320];
};
enum qc_rc qc_fed_importer_rows(struct qc_store *s, const char *province,
				struct qc_fed_importer_rows *out,
				struct qc_error *err);
/* After a restore (which re-creates the tables and so takes them out of
 * the publication): when s publishes a province, publish it again
 * (qc_fed_publish) and set province (7 bytes) to its code; else leave
 * province empty. The nation then re-syncs it (qc_fed_remove, qc_fed_add):
 * the restored rows are not the ones it holds. */
enum qc_rc qc_fed_republish(struct qc_store *s, const char *actor,
			    char province[7], struct qc_error *err);

/* On the national server: subscribe to the province server at uri (which
 * must have run qc_fed_publish and be reachable from the national
 * server); its rows are copied, then streamed. province (7 bytes) gets
 * the province's code. */
enum qc_rc qc_fed_add(struct qc_store *s, const char *uri, const char *actor,
		      char province[7], struct qc_error *err);
/* Stop following a province: drop its subscription (and its slot on the
 * province when reachable), and unless keep_rows delete its rows here, so
 * that adding it again copies it afresh (a province restored from a
 * backup re-syncs so). */
enum qc_rc qc_fed_remove(struct qc_store *s, const char *province,
			 bool keep_rows, const char *actor,
			 struct qc_error *err);

/* One followed province as the national server sees it. Text fields are
 * owned by the status (NULL when unknown). */
struct qc_fed_province {
	char code[7];
	char *name;         /* the province's name (黑龙江省), NULL when the
			     * regions table does not hold its code */
	char *server;       /* host:port/db of the province */
	bool streaming;     /* an apply worker runs */
	char *received_lsn; /* last WAL position received */
	bool reachable;     /* the province answered within
			     * QC_FED_CONNECT_TIMEOUT seconds */
	int64_t lag_bytes;  /* WAL on the province not yet confirmed; -1:
			     * unknown (unreachable, or no slot there) */
	char *last_receipt; /* last message from the province (UTC) */
	char *as_of;        /* time of the newest change received: the
			     * latest audit entry of the province here */
	int64_t rows;       /* rows of the province here, all tables */
};
struct qc_fed_status {
	struct qc_fed_province *v;
	size_t n;
};
/* Seconds the status waits for the provinces to answer, all of them
 * asked at once: a province that is down shows as unreachable rather
 * than holding the nation's pages, and many down cost this once. */
#define QC_FED_CONNECT_TIMEOUT 3
/* Fill st (the caller releases it with qc_fed_status_release). Connects
 * to every followed province once, for its lag, all concurrently. */
enum qc_rc qc_fed_status(struct qc_store *s, struct qc_fed_status *st,
			 struct qc_error *err);
void qc_fed_status_release(struct qc_fed_status *st);

#endif
