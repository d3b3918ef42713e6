/* A CSV reader (RFC 4180: quoted fields, doubled quotes, CR LF or LF,
 * newlines inside quotes) that reports the line each record starts on.
 * Input must already be UTF-8 (see qc_text_decode). */
#ifndef QCITY_CSV_H
#define QCITY_CSV_H

#include <stddef.h>

#include "qcity/error.h"

struct qc_csv {
	const char *p, *end;
	int line; /* line of the next record, 1-based */
};

/* One record. Fields are owned by the row and overwritten by the next
 * qc_csv_next; qc_csv_row_release frees them. They share one buffer
 * (text), each NUL-terminated: a field may be shortened in place. */
struct qc_csv_row {
	char **f;
	size_t n, alloc;
	int line;
	char *text;
	size_t text_alloc;
	size_t *off; /* each field's start in text, while reading */
	size_t off_alloc;
};

#define QC_CSV_MAX_FIELD (64 * 1024)

void qc_csv_init(struct qc_csv *c, const char *data, size_t len);
/* 1: a record in row; 0: end of input; -1: malformed (err names the line). */
int qc_csv_next(struct qc_csv *c, struct qc_csv_row *row, struct qc_error *err);
void qc_csv_row_release(struct qc_csv_row *row);

#endif
