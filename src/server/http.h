/* Inside src/server: a request as handlers see it, the route table, and
 * the helpers that turn JSON bodies into C values and errors into JSON.
 *
 * Ownership: a struct qc_req lives from the first byte of a request to
 * the response being queued (server.c frees it in MHD's completion
 * callback); everything it points to is released with it. Handlers set
 * r->status and r->out (a json_t the request owns). */
#ifndef QC_HTTP_H
#define QC_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/auth.h"
#include "qcity/error.h"
#include "qcity/json.h"
#include "qcity/strbuf.h"

struct MHD_Connection;
struct qc_store;

/* JSON bodies above this are refused with 413 before they are read. */
#define QC_BODY_MAX (64 * 1024)
/* The largest refused body read and dropped rather than cut off. */
#define QC_DRAIN_MAX (64u << 20)
#define QC_PATH_PARAMS 4

struct qc_req {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	const struct qc_route *route;
	const char *param[QC_PATH_PARAMS]; /* {id} parts of the path */
	char *param_buf;                   /* storage for param[] */
	struct qc_buf body;
	bool too_big;
	/* The answer is ready (a refusal) but the body is still coming: it
	 * is read and dropped, then the answer sent, so that a client that
	 * writes its whole body before reading gets the answer, not a reset. */
	bool draining;
	char addr[64];          /* the client's address */
	bool https;             /* reached over https (directly
					       or through the trusted proxy) */
	struct qc_store *store; /* borrowed from the pool */
	int64_t version;        /* data version (cache.h) */
	bool signed_in;
	struct qc_user user;
	char actor[96]; /* "web:NAME" for the audit log */
	/* An upload streamed to the attachment store (POST /api/attachments):
	 * opened once the sender is known, fed chunk by chunk. */
	struct qc_attach_upload *upload;
	struct qc_error upload_err; /* why a chunk was refused */
	const char *files_dir;      /* the attachment store's directory */
	size_t upload_max;
	/* Response. */
	unsigned status;
	json_t *out;
	char *raw;                /* or text already made */
	size_t raw_len;           /* raw's bytes (0: strlen) */
	const char *content_type; /* raw's type (NULL: JSON) */
	char *set_cookie;
	/* Or a file to download (qc_reply_file, qc_reply_file_fd): its
	 * bytes or an open descriptor, sent as is. */
	char *file_bytes;
	int file_fd; /* -1: none */
	uint64_t file_size;
	char *file_type, *file_name;
};

typedef void (*qc_handler)(struct qc_req *r);

struct qc_route {
	const char *method;
	const char *pattern; /* "/api/plans/{id}/status" */
	qc_handler fn;
	unsigned roles; /* enum qc_user_role bits; 0: public */
	const char *summary;
};

extern const struct qc_route qc_routes[];
extern const size_t qc_n_routes;

/* The route for method and path, with its {params} copied into r; NULL
 * if none. *path_known is set when the path matches another method. */
const struct qc_route *qc_route_find(struct qc_req *r, bool *path_known);

/* ---- responses ---------------------------------------------------------- */

void qc_reply(struct qc_req *r, unsigned status, json_t *body);
/* Reply with JSON text the request takes ownership of. */
void qc_reply_raw(struct qc_req *r, unsigned status, char *text);
/* Answer 200 with a file to download, the one way any handler sends one:
 * bytes (len of them; the request takes them over) or an open fd of
 * size bytes (the response closes it); type its Content-Type (NULL:
 * application/octet-stream) and name what a browser saves it under (any
 * UTF-8, RFC 6266 filename*; NULL: "file"), both copied. */
void qc_reply_file(struct qc_req *r, char *bytes, size_t len, const char *type,
		   const char *name);
void qc_reply_file_fd(struct qc_req *r, int fd, uint64_t size, const char *type,
		      const char *name);
void qc_reply_error(struct qc_req *r, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A unit reporter asks only for its own unit: *unit another unit's id
 * replies 403 with msgid (one %s: the reporter's unit) and returns
 * false; else *unit becomes its own. Anyone else: true, *unit as is. */
bool qc_req_own_unit(struct qc_req *r, int64_t *unit, const char *msgid);
/* The text of a JSON answer, as every reply writes it (caller frees). */
char *qc_json_text(const json_t *v);
/* The HTTP status for a library error, with its message. */
void qc_reply_fail(struct qc_req *r, const struct qc_error *err);

/* ---- input -------------------------------------------------------------- */

/* A query-string argument or NULL. */
const char *qc_query(struct qc_req *r, const char *name);
/* A path parameter as a positive integer; replies 400 and returns false
 * when it is not one. */
bool qc_param_id(struct qc_req *r, int i, int64_t *out);
/* A query argument as a whole number in [min, max] (qc_parse_int64: the
 * whole string), or dflt when absent; replies 400 naming the argument
 * and returns false when it is not one. */
bool qc_query_int(struct qc_req *r, const char *name, int64_t min, int64_t max,
		  int64_t dflt, int64_t *out);
/* ?as_of=: the day a register is judged on, as days (absent: today);
 * replies 400 and returns false when it is not a date. */
bool qc_query_as_of(struct qc_req *r, long *on);
/* The body as a JSON object (new reference in *out); replies 400 with
 * the line and column of the error and returns false otherwise. */
bool qc_body_object(struct qc_req *r, json_t **out);
/* An application/x-www-form-urlencoded body as a JSON object of strings
 * (new reference), or NULL when it is malformed (a broken escape, %00,
 * text that is not UTF-8, an empty or over-long name). */
json_t *qc_form_body(struct qc_req *r);
/* Members of a body: replies 400 naming the field and returns false when
 * a required member is missing or has the wrong type. */
bool qc_get_str(struct qc_req *r, json_t *o, const char *key, bool required,
		const char **out);
bool qc_get_num(struct qc_req *r, json_t *o, const char *key, bool required,
		double *out);
bool qc_get_int(struct qc_req *r, json_t *o, const char *key, bool required,
		long long *out);
/* A whole-number member that is an id: 1 or more, else 400. */
bool qc_get_id(struct qc_req *r, json_t *o, const char *key, bool required,
	       int64_t *out);

/* ---- bad fields (src/server/fields.c) ------------------------------------ */

/* A write's body checked field by field, every bad one named at once:
 * errs is a JSON array of {field, reason (stable), message}. */
void qc_field_bad(json_t *errs, const char *field, const char *reason,
		  const char *msg);
/* "required": key is missing; what (a msgid) says what to give. */
void qc_field_required(const char *key, const char *what, json_t *errs);
/* A string member (absent or null: NULL); another type is a bad field. */
const char *qc_field_str(json_t *body, const char *key, json_t *errs);
/* v is a day (YYYY-MM-DD), and with past not after today; else a bad
 * field (not_a_date, in_future) and false. */
bool qc_field_day(const char *key, const char *v, bool past, json_t *errs);
/* Replies 400 with every bad field and returns false when there are
 * some; errs is taken either way. */
bool qc_fields_ok(struct qc_req *r, json_t *errs);

/* Whether the user may see plan_id (qc_scope_can_read_plan: drafts only
 * admin and office, region users and units their subtree). Replies 404
 * (the same as for a plan that does not exist) and returns false if not. */
bool qc_plan_visible(struct qc_req *r, int64_t plan_id);
/* The answer of a qc_scope_* check: true if rc is QC_OK, else replies
 * with err (403 for a write out of scope) and returns false. */
bool qc_scope_check(struct qc_req *r, enum qc_rc rc,
		    const struct qc_error *err);

/* 403: the user's role sees only its region's subtree. Returns false. */
bool qc_reply_outside_region(struct qc_req *r);
/* The region a read is about: ?region= resolved into code, or, without
 * it, a region user's own (else code is ""); a region outside the
 * reader's scope is 403. Replies and returns false on failure; without
 * a region, false with 400 if required. */
bool qc_req_read_region(struct qc_req *r, bool required,
			char code[QC_REGION_CODE_SIZE]);
/* A write about region (a code or name; NULL: every region) within the
 * user's scope; replies 400/403 and returns false if not. */
bool qc_req_write_region(struct qc_req *r, const char *region);
/* A streamed body (server.c) read whole: replies 413 (over the cap), the
 * write's error, or 503 (no upload under way) and returns false if not. */
bool qc_req_upload_done(struct qc_req *r);

/* ---- account audit (src/server/audit.c) ---------------------------------- */

/* Record an account event in the audit log, in its own transaction, with
 * the client's address and the user: action is "login", "login_failed",
 * "token_create", "token_revoke" or "refused"; entity "account", key the
 * user's name (or the name tried, NULL: the signed-in user). detail (may
 * be NULL; taken over) adds members to the row. A failure to write is
 * ignored: the answer already decided stands. */
void qc_audit_account(struct qc_req *r, const char *action, const char *name,
		      json_t *detail);

/* Handlers, by file. */
void qc_api_health(struct qc_req *r);
void qc_api_login(struct qc_req *r);
void qc_api_logout(struct qc_req *r);
void qc_api_me(struct qc_req *r);
void qc_api_token_new(struct qc_req *r);
void qc_api_tokens(struct qc_req *r);
void qc_api_token_revoke(struct qc_req *r);
/* "; Secure" when the request came over https, else "". */
const char *qc_cookie_secure(const struct qc_req *r);
void qc_api_users(struct qc_req *r);
void qc_api_user_add(struct qc_req *r);
void qc_api_plans(struct qc_req *r);
void qc_api_plan(struct qc_req *r);
void qc_api_plan_state(struct qc_req *r);
void qc_api_status(struct qc_req *r);
void qc_api_target(struct qc_req *r);
void qc_api_target_regions(struct qc_req *r);
void qc_api_tasks(struct qc_req *r);
void qc_api_alerts(struct qc_req *r);
void qc_api_assessment(struct qc_req *r);
void qc_api_units(struct qc_req *r);
void qc_api_unit_add(struct qc_req *r);
void qc_api_indicators(struct qc_req *r);
void qc_api_indicator_link(struct qc_req *r);
void qc_api_audit(struct qc_req *r);
void qc_api_entry(struct qc_req *r);
void qc_api_value_set(struct qc_req *r);
void qc_api_progress_add(struct qc_req *r);
void qc_api_submissions(struct qc_req *r);
void qc_api_submit(struct qc_req *r);
void qc_api_accept(struct qc_req *r);
void qc_api_return(struct qc_req *r);
void qc_api_reopen(struct qc_req *r);
void qc_api_complaints(struct qc_req *r);
void qc_api_complaint(struct qc_req *r);
void qc_api_complaint_add(struct qc_req *r);
void qc_api_complaint_move(struct qc_req *r);
void qc_api_complaint_hotspots(struct qc_req *r);
void qc_api_equipment_list(struct qc_req *r);
void qc_api_equipment_figures(struct qc_req *r);
void qc_api_equipment_unit(struct qc_req *r);
void qc_api_equipment_inspect(struct qc_req *r);
void qc_api_equipment_accident(struct qc_req *r);
void qc_api_metrology_list(struct qc_req *r);
void qc_api_metrology_figures(struct qc_req *r);
void qc_api_metrology_one(struct qc_req *r);
void qc_api_metrology_verify(struct qc_req *r);
/* api_register_import.c: a register file streamed as the body. */
void qc_api_equipment_import(struct qc_req *r);
void qc_api_metrology_import(struct qc_req *r);
void qc_api_certification_list(struct qc_req *r);
void qc_api_certification_figures(struct qc_req *r);
void qc_api_traceability_list(struct qc_req *r);
void qc_api_traceability_figures(struct qc_req *r);
void qc_api_traceability_import(struct qc_req *r);
void qc_api_credit_enterprise(struct qc_req *r);
void qc_api_credit_report(struct qc_req *r);
void qc_api_credit_list(struct qc_req *r);
void qc_api_credit_check(struct qc_req *r);
void qc_api_credit_listing_add(struct qc_req *r);
void qc_api_credit_listing_step(struct qc_req *r);
void qc_api_awards(struct qc_req *r);
void qc_api_awards_import(struct qc_req *r);
void qc_api_rewards(struct qc_req *r);
void qc_api_public_credit(struct qc_req *r);
void qc_open311_services(struct qc_req *r);
void qc_open311_requests(struct qc_req *r);
void qc_open311_request(struct qc_req *r);
void qc_open311_request_add(struct qc_req *r);
void qc_api_regions(struct qc_req *r);
void qc_api_region_townships(struct qc_req *r);
void qc_api_credit_code(struct qc_req *r);
void qc_api_enterprise(struct qc_req *r);
void qc_api_sampling_list(struct qc_req *r);
void qc_api_sampling_rates(struct qc_req *r);
void qc_api_followup(struct qc_req *r);
void qc_api_sampling_lists(struct qc_req *r);
void qc_api_sampling_import(struct qc_req *r);
void qc_api_followup_record(struct qc_req *r);
void qc_api_sampling_bind(struct qc_req *r);
void qc_api_plan_import(struct qc_req *r);
void qc_api_plan_edit_add(struct qc_req *r);
void qc_api_plan_edit_set(struct qc_req *r);
void qc_api_plan_edit_remove(struct qc_req *r);
void qc_api_plan_versions(struct qc_req *r);
void qc_api_plan_version_add(struct qc_req *r);
void qc_api_plan_diff(struct qc_req *r);
void qc_api_plan_extract(struct qc_req *r);
void qc_api_values_import(struct qc_req *r);
void qc_api_alert_ack(struct qc_req *r);
void qc_api_attach_upload(struct qc_req *r);
void qc_api_attach_get(struct qc_req *r);
/* For a unit reporter, whether attachment id is its own file; else a 404
 * with one message for another unit's file and for none, so that ids tell
 * neither which files exist nor their names. Other users pass (the
 * library checks theirs with clearer messages). */
bool qc_attach_own(struct qc_req *r, int64_t id);
void qc_api_attach_of_unit(struct qc_req *r);
void qc_api_reports(struct qc_req *r);
void qc_api_submission(struct qc_req *r);
void qc_api_item_decide(struct qc_req *r);
void qc_api_entry_rules(struct qc_req *r);
void qc_api_inbox(struct qc_req *r);
void qc_api_inbox_read(struct qc_req *r);
void qc_api_remind_settings(struct qc_req *r);
void qc_api_remind_settings_set(struct qc_req *r);
void qc_api_remind_log(struct qc_req *r);
void qc_api_remind_run(struct qc_req *r);
void qc_api_supervision_list(struct qc_req *r);
void qc_api_supervision_get(struct qc_req *r);
void qc_api_supervision_open(struct qc_req *r);
void qc_api_supervision_answer(struct qc_req *r);
void qc_api_supervision_close(struct qc_req *r);
void qc_api_supervision_reopen(struct qc_req *r);
void qc_api_accountability(struct qc_req *r);
void qc_api_accountability_add(struct qc_req *r);
void qc_api_documents(struct qc_req *r);
void qc_api_document_new(struct qc_req *r);
void qc_api_document(struct qc_req *r);
void qc_api_document_edit(struct qc_req *r);
void qc_api_document_issue(struct qc_req *r);
void qc_api_document_file(struct qc_req *r);
/* The national server's provinces (api_federation.c). */
void qc_api_fed_provinces(struct qc_req *r);
/* The public portal and open data (api_public.c): anonymous, published
 * snapshots only; publish/unpublish for the office. */
void qc_api_public_init(const char *data_dir);
void qc_api_public_list(struct qc_req *r);
void qc_api_public_plan(struct qc_req *r);
void qc_api_public_index(struct qc_req *r);
void qc_api_public_doc(struct qc_req *r);
void qc_api_public_file(struct qc_req *r);
void qc_api_public_data(struct qc_req *r);
void qc_api_publish(struct qc_req *r);
void qc_api_unpublish(struct qc_req *r);

#endif
