/* The plan extractor: reads a plan document (text in UTF-8 or GB18030,
 * simplified or traditional, .docx, .html) and fills a draft struct
 * qc_plan: head, goals, quantified targets linked to the indicator
 * catalogue, the outline as tasks with owners, phases, the leading group,
 * reporting duties and assessment rules. Rules: docs/plan-format.md and
 * ../shared/gold/README.md. */
#ifndef QCITY_EXTRACT_H
#define QCITY_EXTRACT_H

#include <stddef.h>

#include "qcity/catalog.h"
#include "qcity/error.h"
#include "qcity/plan.h"

/* Compile the extractor's built-in patterns (once per process; later calls
 * return the first result). A pattern that does not compile is
 * QC_EUNSUPPORTED with a message: the faces call this at start-up and stop
 * there, rather than run an extractor that silently never matches.
 * qc_extract_buffer calls it too and fails the same way. */
enum qc_rc qc_extract_init(struct qc_error *err);

/* Extract from len bytes of data. name (may be NULL) is the file name,
 * used to tell the format apart and as the plan's source. cat may be NULL
 * (no catalogue links). out is initialised by the call; release it with
 * qc_plan_release() even on error. Empty, binary, truncated or unsupported
 * input is QC_EUNSUPPORTED with a message. */
enum qc_rc qc_extract_buffer(const char *data, size_t len, const char *name,
			     const struct qc_catalog *cat, struct qc_plan *out,
			     struct qc_error *err);

/* Read path and extract it. A file that cannot be read is QC_EIO. */
enum qc_rc qc_extract_file(const char *path, const struct qc_catalog *cat,
			   struct qc_plan *out, struct qc_error *err);

/* A piece of a plan as qc_extract_stream finishes it: goals, targets,
 * tasks, phases, duties and rules, each array in document order and
 * following the last piece's. The piece is the extractor's: read it, do
 * not keep pointers into it. A non-zero return stops the extraction
 * with that error. piece NULL means: forget every piece handed on so
 * far, the extraction starts over (below). */
typedef enum qc_rc (*qc_extract_piece_fn)(void *ctx,
					  const struct qc_plan *piece,
					  struct qc_error *err);

/* Extract path as qc_extract_file does, handing the plan's elements to
 * piece(ctx, …) as they are finished instead of keeping them; out
 * (initialised by the call, release it even on error) receives the rest:
 * the head fields and the group. The pieces and out together are the
 * plan qc_extract_file gives. Plain UTF-8 text is read once, chunk bytes
 * at a time (0: 1 MiB), a window of lines and one outline section in
 * memory, so memory does not grow with the document, and no size limit
 * applies; other files (.docx, HTML, GB18030) are read whole and handed
 * on in one piece. A file found not to be plain UTF-8 text only past
 * its first window (GB18030 after a long ASCII start, a binary tail) is
 * read again whole: piece is first called with NULL, so an error or the
 * one piece that follows is all the caller shows, as for the whole-file
 * reader. With piece NULL the elements are kept in out, which then
 * holds the whole plan of qc_extract_file in memory that grows with the
 * plan, not the document. */
enum qc_rc qc_extract_stream(const char *path, const struct qc_catalog *cat,
			     size_t chunk, qc_extract_piece_fn piece, void *ctx,
			     struct qc_plan *out, struct qc_error *err);

#endif
