/* Request helpers: JSON replies and errors, query and path arguments, and
 * typed members of JSON bodies with messages naming the field. */
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "qcity/plan_store.h"
#include "qcity/scope.h"
#include "qcity/store.h"
#include "qcity/alloc.h"
#include "src/server/http.h"
#include "banned.h"

void qc_reply(struct qc_req *r, unsigned status, json_t *body)
{
	json_decref(r->out);
	free(r->raw);
	r->raw = NULL;
	r->status = status;
	r->out = body;
}

char *qc_json_text(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(12));
}

void qc_reply_raw(struct qc_req *r, unsigned status, char *text)
{
	json_decref(r->out);
	r->out = NULL;
	free(r->raw);
	r->status = status;
	r->raw = text;
}

static void reply_file(struct qc_req *r, char *bytes, int fd, uint64_t size,
		       const char *type, const char *name)
{
	qc_reply_raw(r, MHD_HTTP_OK, NULL);
	free(r->file_bytes);
	if (r->file_fd >= 0)
		close(r->file_fd);
	free(r->file_type);
	free(r->file_name);
	r->file_bytes = bytes;
	r->file_fd = fd;
	r->file_size = size;
	r->file_type = qc_xstrdup(type ? type : "application/octet-stream");
	r->file_name = qc_xstrdup(name && *name ? name : "file");
}

void qc_reply_file(struct qc_req *r, char *bytes, size_t len, const char *type,
		   const char *name)
{
	/* An empty file still answers: bytes stands for it. */
	reply_file(r, bytes ? bytes : qc_xstrdup(""), -1, len, type, name);
}

void qc_reply_file_fd(struct qc_req *r, int fd, uint64_t size, const char *type,
		      const char *name)
{
	reply_file(r, NULL, fd, size, type, name);
}

static const char *error_code(unsigned status)
{
	switch (status) {
	case MHD_HTTP_BAD_REQUEST: return "bad_request";
	case MHD_HTTP_UNAUTHORIZED: return "unauthorized";
	case MHD_HTTP_FORBIDDEN: return "forbidden";
	case MHD_HTTP_NOT_FOUND: return "not_found";
	case MHD_HTTP_METHOD_NOT_ALLOWED: return "method_not_allowed";
	case MHD_HTTP_CONFLICT: return "conflict";
	case MHD_HTTP_CONTENT_TOO_LARGE: return "too_large";
	case MHD_HTTP_UNSUPPORTED_MEDIA_TYPE: return "unsupported";
	case MHD_HTTP_TOO_MANY_REQUESTS: return "too_many_requests";
	case MHD_HTTP_SERVICE_UNAVAILABLE: return "unavailable";
	case MHD_HTTP_INSUFFICIENT_STORAGE: return "disk_full";
	}
	return "internal";
}

void qc_reply_error(struct qc_req *r, unsigned status, const char *fmt, ...)
{
	char msg[QC_ERROR_MSG_MAX];
	va_list ap;
	/* The message in the chosen language (fmt is the msgid: xgettext
	 * --keyword=qc_reply_error:3); the code stays the same in every
	 * language, for programs. */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), qc_tr(fmt), ap);
	va_end(ap);
	qc_reply(r, status,
		 qc_xjson_pack("{s:s, s:s}", "error", msg, "code",
			       error_code(status)));
}

bool qc_req_own_unit(struct qc_req *r, int64_t *unit, const char *msgid)
{
	if (r->user.role != QC_USER_UNIT)
		return true;
	if (*unit && *unit != r->user.unit_id) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN, msgid, r->user.unit_name);
		return false;
	}
	*unit = r->user.unit_id;
	return true;
}

void qc_reply_fail(struct qc_req *r, const struct qc_error *err)
{
	unsigned status;
	switch (err->code) {
	case QC_EINVAL: status = MHD_HTTP_BAD_REQUEST; break;
	case QC_ENOTFOUND: status = MHD_HTTP_NOT_FOUND; break;
	case QC_ECONFLICT: status = MHD_HTTP_CONFLICT; break;
	case QC_EPERM: status = MHD_HTTP_FORBIDDEN; break;
	case QC_EUNSUPPORTED: status = MHD_HTTP_UNSUPPORTED_MEDIA_TYPE; break;
	case QC_EDB:
	case QC_EBUSY:
	case QC_EROFS:
	case QC_EREADONLY:
	case QC_ECORRUPT:
	case QC_ENEWER: status = MHD_HTTP_SERVICE_UNAVAILABLE; break;
	case QC_ENOSPC: status = MHD_HTTP_INSUFFICIENT_STORAGE; break;
	default: status = MHD_HTTP_INTERNAL_SERVER_ERROR; break;
	}
	qc_reply_error(r, status, "%s",
		       err->msg[0] ? err->msg : _(qc_rc_name(err->code)));
}

const char *qc_query(struct qc_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn,
						    MHD_GET_ARGUMENT_KIND,
						    name);
	return v && *v ? v : NULL;
}

bool qc_param_id(struct qc_req *r, int i, int64_t *out)
{
	const char *p = r->param[i];
	int64_t v;
	if (!qc_parse_int64(p, 1, INT64_MAX, &v)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'%s' in the path is "
			       "not an id (a positive whole number)",
			       p ? p : "");
		return false;
	}
	*out = v;
	return true;
}

bool qc_query_int(struct qc_req *r, const char *name, int64_t min, int64_t max,
		  int64_t dflt, int64_t *out)
{
	const char *v = qc_query(r, name);
	if (!v) {
		*out = dflt;
		return true;
	}
	if (!qc_parse_int64(v, min, max, out)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "%s: '%.40s' is not a "
			       "whole number from %lld to %lld",
			       name, v, (long long)min, (long long)max);
		return false;
	}
	return true;
}

bool qc_query_as_of(struct qc_req *r, long *on)
{
	const char *v = qc_query(r, "as_of");
	*on = qc_today_days();
	if (!v || (strlen(v) == 10 && qc_date_days(v, on)))
		return true;
	qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
		       "as_of: \"%s\" is not a date (YYYY-MM-DD)", v);
	return false;
}

bool qc_body_object(struct qc_req *r, json_t **out)
{
	json_error_t je;
	json_t *o;

	*out = NULL;
	if (!qc_buf_len(&r->body)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "the request needs a "
			       "JSON object as its body");
		return false;
	}
	o = json_loadb(qc_buf_str(&r->body), qc_buf_len(&r->body),
		       JSON_REJECT_DUPLICATES, &je);
	if (!o) {
		/* jansson's reason is English and says no more than the
		 * place does to a person. */
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "the body is not valid "
			       "JSON: line %d, column %d",
			       je.line, je.column);
		return false;
	}
	if (!json_is_object(o)) {
		json_decref(o);
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "the body must be a "
			       "JSON object ({...})");
		return false;
	}
	*out = o;
	return true;
}

static bool missing(struct qc_req *r, json_t *v, const char *key, bool required)
{
	if (v && !json_is_null(v))
		return false;
	if (required)
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "'%s' is required",
			       key);
	return true;
}

bool qc_get_str(struct qc_req *r, json_t *o, const char *key, bool required,
		const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (missing(r, v, key, required))
		return !required;
	if (!json_is_string(v)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "'%s' must be a string",
			       key);
		return false;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'%s' must not contain "
			       "NUL characters",
			       key);
		return false;
	}
	*out = json_string_value(v);
	return true;
}

bool qc_get_num(struct qc_req *r, json_t *o, const char *key, bool required,
		double *out)
{
	json_t *v = json_object_get(o, key);
	if (missing(r, v, key, required))
		return !required;
	if (!json_is_number(v)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'%s' must be a number "
			       "(without quotes or units)",
			       key);
		return false;
	}
	*out = json_number_value(v);
	return true;
}

bool qc_get_int(struct qc_req *r, json_t *o, const char *key, bool required,
		long long *out)
{
	json_t *v = json_object_get(o, key);
	if (missing(r, v, key, required))
		return !required;
	if (!json_is_integer(v)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'%s' must be a whole "
			       "number",
			       key);
		return false;
	}
	*out = json_integer_value(v);
	return true;
}

bool qc_get_id(struct qc_req *r, json_t *o, const char *key, bool required,
	       int64_t *out)
{
	long long v = 0;
	if (!qc_get_int(r, o, key, required, &v))
		return false;
	if (json_object_get(o, key) && !json_is_null(json_object_get(o, key)) &&
	    v < 1) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'%s' must be an id (a "
			       "positive whole number)",
			       key);
		return false;
	}
	if (v)
		*out = v;
	return true;
}

bool qc_plan_visible(struct qc_req *r, int64_t plan_id)
{
	struct qc_error err = { 0 };
	if (qc_scope_can_read_plan(r->store, &r->user, plan_id, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	return true;
}

bool qc_scope_check(struct qc_req *r, enum qc_rc rc, const struct qc_error *err)
{
	if (!rc)
		return true;
	qc_reply_fail(r, err);
	return false;
}

bool qc_reply_outside_region(struct qc_req *r)
{
	qc_reply_error(r, MHD_HTTP_FORBIDDEN,
		       "a %s account sees only "
		       "region %s and the regions below it",
		       qc_user_role_name(r->user.role), r->user.region);
	return false;
}

bool qc_req_read_region(struct qc_req *r, bool required,
			char code[QC_REGION_CODE_SIZE])
{
	const char *q = qc_query(r, "region");
	struct qc_error err = { 0 };

	code[0] = '\0';
	if (!q && !qc_scope_can_read_region(&r->user, NULL))
		q = r->user.region;
	if (!q) {
		if (required)
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "give ?region= "
				       "(a GB/T 2260 code or a name)");
		return !required;
	}
	if (qc_region_resolve(r->store, q, code, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	if (!qc_scope_can_read_region(&r->user, code)) {
		return qc_reply_outside_region(r);
	}
	return true;
}

bool qc_req_upload_done(struct qc_req *r)
{
	if (r->upload_err.code == QC_EINVAL) {
		qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "%s",
			       r->upload_err.msg);
		return false;
	}
	if (r->upload_err.code) {
		qc_reply_fail(r, &r->upload_err);
		return false;
	}
	if (!r->upload) {
		qc_reply_error(r, MHD_HTTP_SERVICE_UNAVAILABLE,
			       "no upload "
			       "under way");
		return false;
	}
	return true;
}

bool qc_req_write_region(struct qc_req *r, const char *region)
{
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];
	if (region && qc_region_resolve(r->store, region, code, &err)) {
		qc_error_prefix(&err, "region");
		qc_reply_fail(r, &err);
		return false;
	}
	return qc_scope_check(r,
			      qc_scope_can_write_region(&r->user,
							region ? code : NULL,
							&err),
			      &err);
}

const char *qc_cookie_secure(const struct qc_req *r)
{
	return r->https ? "; Secure" : "";
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 :
				      -1;
}

/* Decode one %XX/+ encoded field of len bytes into a new string, or NULL
 * when an escape is broken or decodes to NUL. */
static char *form_decode(const char *s, size_t len)
{
	char *out = qc_xmalloc(len + 1), *w = out;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			*w++ = ' ';
		} else if (s[i] == '%') {
			int hi = i + 2 < len ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < len ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
				free(out);
				return NULL;
			}
			*w++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*w++ = s[i];
		}
	}
	*w = '\0';
	return out;
}

json_t *qc_form_body(struct qc_req *r)
{
	const char *s = qc_buf_str(&r->body), *end = s + qc_buf_len(&r->body);
	json_t *o = json_object();

	while (s < end) {
		const char *amp = memchr(s, '&', (size_t)(end - s));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(s, '=', (size_t)(stop - s));
		char *k = form_decode(s, (size_t)((eq ? eq : stop) - s));
		char *v = eq ? form_decode(eq + 1, (size_t)(stop - eq - 1)) :
			       qc_xstrdup("");
		json_t *js = v ? json_string(v) : NULL; /* NULL: not UTF-8 */
		bool bad = !k || !js || !*k || strlen(k) > 64;
		if (!bad)
			json_object_set_new(o, k, js);
		else
			json_decref(js);
		free(k);
		free(v);
		if (bad) {
			json_decref(o);
			return NULL;
		}
		s = stop + (amp != NULL);
	}
	return o;
}
