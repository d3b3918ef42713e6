/* The attachment store, for every feature that takes files (progress
 * reports now; supervision answers and complaints later): each file is
 * kept once by its content under a directory, DIR/ab/abcd… named by its
 * sha256, with one `attachments` row per upload (name, type, size, the
 * unit that owns it) and links to what it belongs to (entity "progress"
 * and the report's id; a new feature picks its own entity name).
 *
 * Uploads stream: qc_attach_open makes a temporary file under DIR/tmp,
 * qc_attach_write hashes and appends each chunk under a size cap, and
 * qc_attach_save checks the type by the content (PDF, .docx, .xlsx, PNG,
 * JPEG; the file name's extension must agree), moves the file into place
 * (or drops it when the same content is stored already) and records the
 * row, audited. qc_attach_free removes whatever was not saved.
 *
 * Who may read an attachment is the caller's rule (the server's: the
 * owning unit and the office); qc_attach_get gives the owner to check. */
#ifndef QCITY_ATTACH_H
#define QCITY_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;
struct qc_attach_upload;

/* The default cap on one file. */
#define QC_ATTACH_MAX_DEFAULT ((size_t)20 << 20)
/* The longest file name kept (bytes; longer names are refused). */
#define QC_ATTACH_NAME_MAX 200

struct qc_attachment {
	int64_t id;
	char sha256[65]; /* lower-case hex */
	int64_t size;
	char *mime;      /* application/pdf, image/png … */
	char *name;      /* the file name as uploaded, no directory */
	int64_t unit_id; /* owning unit; 0: the office's own */
	char *uploaded_by, *uploaded_at;
};

struct qc_attachment_list {
	struct qc_attachment *v;
	size_t n, alloc;
};
void qc_attachment_release(struct qc_attachment *a);
void qc_attachment_list_release(struct qc_attachment_list *l);

/* Start an upload into dir (made if missing) of at most cap bytes. *out
 * is freed with qc_attach_free. */
enum qc_rc qc_attach_open(const char *dir, size_t cap,
			  struct qc_attach_upload **out, struct qc_error *err);
/* Append n bytes. Past the cap: QC_EINVAL (the upload is spoilt; free
 * it). */
enum qc_rc qc_attach_write(struct qc_attach_upload *u, const void *data,
			   size_t n, struct qc_error *err);
/* Bytes written so far. */
size_t qc_attach_size(const struct qc_attach_upload *u);
/* The temporary file being written (NULL once saved), for a caller that
 * reads the upload instead of keeping it: a register's import. */
const char *qc_attach_tmp_path(const struct qc_attach_upload *u);
/* Check the type, store the file and record it: name is the uploaded file
 * name (a directory part is dropped), unit_id the owner (0: the office).
 * *out (may be NULL) receives the row; release it. An empty file or one
 * of another type is QC_EUNSUPPORTED, saying which types are taken. */
enum qc_rc qc_attach_save(struct qc_store *s, struct qc_attach_upload *u,
			  const char *name, int64_t unit_id, const char *actor,
			  struct qc_attachment *out, struct qc_error *err);
/* Remove the temporary file if it was not saved, and free u (NULL: no-op). */
void qc_attach_free(struct qc_attach_upload *u);

/* The MIME type of the file at path judged by its content and name
 * ("application/pdf", "image/png", "image/jpeg", the .docx and .xlsx
 * types), or NULL with QC_EUNSUPPORTED in err. */
const char *qc_attach_sniff(const char *path, const char *name,
			    struct qc_error *err);

enum qc_rc qc_attach_get(struct qc_store *s, int64_t id,
			 struct qc_attachment *out, struct qc_error *err);
/* Whether attachment id may go with unit_id's data (a progress report,
 * an answer to a 督查 item): QC_OK for one the unit uploaded or one the
 * office filed for no unit; QC_EPERM (by id, not the file's name) when
 * another unit's; QC_ENOTFOUND when there is none. A unit reporter's
 * adapter refuses both alike before (src/server qc_attach_own). */
enum qc_rc qc_attach_check_unit(struct qc_store *s, int64_t id, int64_t unit_id,
				struct qc_error *err);
/* Where the content lives: DIR/ab/<sha256> (caller frees). */
char *qc_attach_path(const char *dir, const char *sha256);

/* Link attachment id to entity × entity_id (again: nothing changes),
 * audited. */
enum qc_rc qc_attach_link(struct qc_store *s, int64_t id, const char *entity,
			  int64_t entity_id, const char *actor,
			  struct qc_error *err);
/* The attachments linked to entity × entity_id, oldest first. */
enum qc_rc qc_attach_list(struct qc_store *s, const char *entity,
			  int64_t entity_id, struct qc_attachment_list *out,
			  struct qc_error *err);
/* The files unit_id uploaded (or the office filed for it), newest first,
 * at most limit: what a unit chooses from to attach (a 督查 answer). */
enum qc_rc qc_attach_of_unit(struct qc_store *s, int64_t unit_id, size_t limit,
			     struct qc_attachment_list *out,
			     struct qc_error *err);

#endif
