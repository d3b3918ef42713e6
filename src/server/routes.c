/* The route table: every API route with its method, path, handler, the
 * roles allowed and a summary. `qcity serve --routes` prints it, and the
 * API test checks docs/openapi.yaml against that listing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "src/server/http.h"
#include "src/server/server.h"
#include "banned.h"

/* The role sets the table is written in (qc_server_print_routes and
 * tests/api/test_scope.mjs spell them out role by role):
 * PUBLIC    no sign-in: health, sign-in, the public portal;
 * ANY       anyone signed in, for their own account (session, tokens);
 * READERS   every role reads, each within its scope;
 * STAFF     the office's work (admin and office);
 * WRITERS   the office and the units that report;
 * REGIONAL  the office and the lower governments, each on its own region
 *           (alerts, assessment and the registers: sampling, credit,
 *           complaints, awards, risk signals, special equipment,
 *           metrology, certification, traceability). */
#define PUBLIC 0
#define ANY QC_USER_ANY
#define READERS ANY
#define STAFF (QC_USER_ADMIN | QC_USER_OFFICE)
#define WRITERS (STAFF | QC_USER_UNIT)
#define REGIONAL (STAFF | QC_USER_REGION)

const struct qc_route qc_routes[] = {
	{ "GET", "/api/health", qc_api_health, PUBLIC, "the server is up" },
	{ "POST", "/api/login", qc_api_login, PUBLIC,
	  "sign in: sets the session "
	  "cookie and returns the CSRF token" },
	{ "POST", "/api/logout", qc_api_logout, ANY, "end the session" },
	{ "GET", "/api/me", qc_api_me, ANY,
	  "the signed-in user and CSRF "
	  "token" },
	{ "POST", "/api/tokens", qc_api_token_new, ANY,
	  "make an API token "
	  "for the signed-in user (shown once; expires after days, default "
	  "90)" },
	{ "GET", "/api/tokens", qc_api_tokens, ANY,
	  "the user's API tokens "
	  "(never the token itself); ?all=1: everyone's, for an admin" },
	{ "POST", "/api/tokens/{id}/revoke", qc_api_token_revoke, ANY,
	  "revoke one of the user's API tokens (an admin: anyone's)" },
	{ "GET", "/api/users", qc_api_users, QC_USER_ADMIN, "list users" },
	{ "POST", "/api/users", qc_api_user_add, QC_USER_ADMIN, "add a user" },
	{ "GET", "/api/plans", qc_api_plans, READERS,
	  "plans the user may "
	  "see" },
	{ "GET", "/api/plans/{id}", qc_api_plan, READERS,
	  "a plan as plan "
	  "JSON" },
	{ "POST", "/api/plans/{id}/state", qc_api_plan_state, STAFF,
	  "publish "
	  "(active), draft or archive a plan" },
	{ "GET", "/api/plans/{id}/status", qc_api_status, READERS,
	  "each "
	  "target's status, projection and counts per status (?version=N: "
	  "with the targets of version N)" },
	{ "POST", "/api/plans/{id}/edit/{part}", qc_api_plan_edit_add, STAFF,
	  "add a goal, target, task, phase, member or duty to a plan; audited,"
	  " records a version" },
	{ "POST", "/api/plans/{id}/edit/{part}/{ref}", qc_api_plan_edit_add,
	  STAFF, "add an owner (ref target:N or task:KEY)" },
	{ "PATCH", "/api/plans/{id}/edit/{part}", qc_api_plan_edit_set, STAFF,
	  "change the plan's own fields (part plan)" },
	{ "PATCH", "/api/plans/{id}/edit/{part}/{ref}", qc_api_plan_edit_set,
	  STAFF, "change fields of one element of a plan" },
	{ "DELETE", "/api/plans/{id}/edit/{part}/{ref}",
	  qc_api_plan_edit_remove, STAFF, "remove one element of a plan" },
	{ "GET", "/api/plans/{id}/versions", qc_api_plan_versions, READERS,
	  "a plan's versions" },
	{ "POST", "/api/plans/{id}/versions", qc_api_plan_version_add, STAFF,
	  "record the plan as it stands as a version, with a note" },
	{ "GET", "/api/plans/{id}/diff", qc_api_plan_diff, READERS,
	  "what "
	  "changed between versions ?from=V1&to=V2" },
	{ "GET", "/api/plans/{id}/targets/{tid}", qc_api_target, READERS,
	  "one target with its series" },
	{ "GET", "/api/plans/{id}/targets/{tid}/regions", qc_api_target_regions,
	  READERS,
	  "the target's status in each region "
	  "below the plan's (a city plan's counties)" },
	{ "GET", "/api/plans/{id}/tasks", qc_api_tasks, READERS,
	  "tasks by "
	  "unit with their state" },
	{ "GET", "/api/plans/{id}/alerts", qc_api_alerts, REGIONAL,
	  "alerts with reasons" },
	{ "POST", "/api/plans/{id}/alerts/ack", qc_api_alert_ack, STAFF,
	  "acknowledge an alert: lists then mark it with who and a note" },
	{ "GET", "/api/plans/{id}/assessment", qc_api_assessment, REGIONAL,
	  "the annual assessment: scores, items, reasons" },
	{ "GET", "/api/plans/{id}/entry", qc_api_entry, WRITERS,
	  "a unit's "
	  "data-entry form for a period" },
	{ "GET", "/api/indicators", qc_api_indicators, READERS,
	  "the series "
	  "plans measure, with range, kind and catalogue link "
	  "(?unconfirmed=1: those to confirm)" },
	{ "POST", "/api/indicators/link", qc_api_indicator_link, STAFF,
	  "set "
	  "(catalog) or clear (catalog null) a series' catalogue link" },
	{ "GET", "/api/units", qc_api_units, READERS, "member units" },
	{ "POST", "/api/units", qc_api_unit_add, STAFF, "add a member unit" },
	{ "POST", "/api/values", qc_api_value_set, WRITERS,
	  "record one value "
	  "of an indicator" },
	{ "POST", "/api/progress", qc_api_progress_add, WRITERS,
	  "record a "
	  "unit's progress on a task" },
	{ "GET", "/api/progress", qc_api_reports, WRITERS,
	  "progress reports "
	  "with their attachments (?plan=&unit=&period=; a unit sees its own)" },
	{ "POST", "/api/attachments", qc_api_attach_upload, WRITERS,
	  "upload "
	  "one file (the raw body; ?name=FILE, the office may give ?unit=ID): "
	  "PDF, .docx, .xlsx, PNG or JPEG, checked by content, under a size "
	  "cap" },
	{ "GET", "/api/attachments", qc_api_attach_of_unit, WRITERS,
	  "a unit's files, newest first, to attach (?unit=ID; a unit: its "
	  "own)" },
	{ "GET", "/api/attachments/{id}", qc_api_attach_get, WRITERS,
	  "download an attachment (a unit: its own unit's only)" },
	{ "GET", "/api/submissions/{id}", qc_api_submission, WRITERS,
	  "a "
	  "submission with its values (previous period, target, change, note)"
	  " and reports (attachments), each with its decisions and history" },
	{ "POST", "/api/submissions/{id}/items", qc_api_item_decide, STAFF,
	  "accept or return one value or report of a submission (returning "
	  "one returns the submission, with the reason)" },
	{ "POST", "/api/plans/{id}/entry-rules", qc_api_entry_rules, STAFF,
	  "set the plan's jump factor: a value that changes more than this "
	  "share from the previous period needs a note" },
	{ "GET", "/api/submissions", qc_api_submissions, WRITERS,
	  "the review "
	  "queue (a unit sees its own)" },
	{ "POST", "/api/submissions", qc_api_submit, WRITERS,
	  "submit a unit's "
	  "period for review" },
	{ "POST", "/api/submissions/{id}/accept", qc_api_accept, STAFF,
	  "accept: the unit's period is locked" },
	{ "POST", "/api/submissions/{id}/return", qc_api_return, STAFF,
	  "return to the unit with a reason" },
	{ "POST", "/api/submissions/{id}/reopen", qc_api_reopen, STAFF,
	  "reopen accepted data for correction" },
	{ "GET", "/api/audit", qc_api_audit, STAFF,
	  "the audit log, newest "
	  "first" },
	{ "POST", "/api/plans", qc_api_plan_import, STAFF,
	  "import a plan "
	  "from plan JSON (?replace=1 replaces one with the same number)" },
	{ "POST", "/api/plans/extract", qc_api_plan_extract, STAFF,
	  "read a "
	  "plan document's text into plan JSON; with import, store it" },
	{ "POST", "/api/values/import", qc_api_values_import, STAFF,
	  "import "
	  "values from CSV text; all rows or none" },
	{ "GET", "/api/regions", qc_api_regions, READERS,
	  "regions under "
	  "?parent= (default: provinces)" },
	{ "POST", "/api/regions/{code}/townships", qc_api_region_townships,
	  STAFF, "load a county's townships and streets (乡镇/街道)" },
	{ "GET", "/api/credit-codes/{code}", qc_api_credit_code, READERS,
	  "check a unified social credit code" },
	{ "GET", "/api/enterprises/{code}", qc_api_enterprise, REGIONAL,
	  "an enterprise and its sampling record" },
	{ "GET", "/api/sampling", qc_api_sampling_list, REGIONAL,
	  "sampling results, newest first" },
	{ "POST", "/api/sampling", qc_api_sampling_import, STAFF,
	  "import "
	  "sampling results from a published table (CSV text)" },
	{ "GET", "/api/sampling/rates", qc_api_sampling_rates, READERS,
	  "the pass rate of a region's sampling results in a year" },
	{ "POST", "/api/sampling/bind", qc_api_sampling_bind, STAFF,
	  "compute "
	  "an indicator from sampling results" },
	{ "GET", "/api/sampling/followup", qc_api_followup, REGIONAL,
	  "follow-up of unqualified results, most urgent "
	  "first" },
	{ "POST", "/api/sampling/{id}/followup", qc_api_followup_record, STAFF,
	  "record a follow-up step of an unqualified result" },
	{ "GET", "/api/sampling/lists", qc_api_sampling_lists, REGIONAL,
	  "rows for the black and red lists" },
	{ "GET", "/api/inbox", qc_api_inbox, ANY,
	  "the user's reminders, "
	  "newest first, with the unread count (?unread=1)" },
	{ "POST", "/api/inbox/read", qc_api_inbox_read, ANY,
	  "mark one of the "
	  "user's reminders read ({\"id\": N}) or all ({})" },
	{ "GET", "/api/remind/settings", qc_api_remind_settings, QC_USER_ADMIN,
	  "the SMTP server and reminder rules (never the password)" },
	{ "POST", "/api/remind/settings", qc_api_remind_settings_set,
	  QC_USER_ADMIN, "change the SMTP server and reminder rules" },
	{ "GET", "/api/remind/log", qc_api_remind_log, STAFF,
	  "reminder mail "
	  "sent, pending and failed, newest first" },
	{ "POST", "/api/remind/run", qc_api_remind_run, STAFF,
	  "derive "
	  "reminders now and send the mail due" },
	{ "GET", "/api/supervision", qc_api_supervision_list, WRITERS,
	  "督查 "
	  "items (a unit sees its own; ?plan= ?unit= ?state=)" },
	{ "POST", "/api/supervision", qc_api_supervision_open, STAFF,
	  "open a "
	  "督查 item on a unit, task or target" },
	{ "GET", "/api/supervision/{id}", qc_api_supervision_get, WRITERS,
	  "one 督查 item with its steps" },
	{ "POST", "/api/supervision/{id}/answer", qc_api_supervision_answer,
	  WRITERS, "the unit's answer, with attachment ids" },
	{ "POST", "/api/supervision/{id}/close", qc_api_supervision_close,
	  STAFF, "close a 督查 item" },
	{ "POST", "/api/supervision/{id}/reopen", qc_api_supervision_reopen,
	  STAFF, "reopen an answered or closed 督查 item, with a reason" },
	{ "GET", "/api/accountability", qc_api_accountability, STAFF,
	  "accountability records (约谈, 通报批评, 问责)" },
	{ "POST", "/api/accountability", qc_api_accountability_add, STAFF,
	  "record 约谈, 通报批评 or 问责 of a unit in a year" },
	{ "GET", "/api/documents", qc_api_documents, STAFF,
	  "stored 通报 and "
	  "reports, newest first (?plan=ID, ?issued=1)" },
	{ "POST", "/api/documents", qc_api_document_new, STAFF,
	  "generate a "
	  "draft: kind progress (period), assessment or report (year)" },
	{ "GET", "/api/documents/{id}", qc_api_document, STAFF,
	  "a document: "
	  "its record, blocks (qcity-doc/1) and text" },
	{ "PATCH", "/api/documents/{id}", qc_api_document_edit, STAFF,
	  "edit a "
	  "draft (block text, insert, remove, title or the whole document); "
	  "409 once issued" },
	{ "POST", "/api/documents/{id}/issue", qc_api_document_issue, STAFF,
	  "issue a draft: numbered (文号), rendered once, immutable" },
	{ "GET", "/api/documents/{id}/file/{format}", qc_api_document_file,
	  STAFF,
	  "the document as docx, pdf, html or xlsx (the report's "
	  "annex); issued: the bytes kept at issue" },
	{ "GET", "/api/public/publications", qc_api_public_list, PUBLIC,
	  "what the "
	  "office published (?kind=plan|index|document|list), with files and "
	  "the as-of date; no sign-in" },
	{ "GET", "/api/public/plans/{id}", qc_api_public_plan, PUBLIC,
	  "a published "
	  "plan: targets with status and values as of the publication" },
	{ "GET", "/api/public/indexes/{id}/{year}", qc_api_public_index, PUBLIC,
	  "a published quality index: ranks, contributions, sensitivity" },
	{ "GET", "/api/public/documents/{ref}", qc_api_public_doc, PUBLIC,
	  "an "
	  "issued document (通报, report) as published, with its files" },
	{ "GET", "/api/public/lists/{ref}", qc_api_public_doc, PUBLIC,
	  "a "
	  "published red or black list" },
	{ "GET", "/api/public/files/{id}/{name}", qc_api_public_file, PUBLIC,
	  "download a file kept with a publication" },
	{ "GET", "/api/public/credit/{list}", qc_api_public_credit, PUBLIC,
	  "a published credit list (black, penalty or red) as of today" },
	{ "GET", "/api/public/data/{file}", qc_api_public_data, PUBLIC,
	  "open data "
	  "of the published plans: values.sdmx.csv (SDMX-CSV 2.0), values.csv,"
	  " values.json, values.xlsx, codelist-indicators.csv, "
	  "codelist-regions.csv" },
	{ "POST", "/api/publications", qc_api_publish, STAFF,
	  "publish a "
	  "snapshot of a plan or a quality index, or an issued document, to "
	  "the public portal" },
	{ "POST", "/api/publications/unpublish", qc_api_unpublish, STAFF,
	  "take a publication off the public portal" },
	{ "GET", "/api/complaints", qc_api_complaints, REGIONAL,
	  "open complaints and reports with their legal deadlines, most "
	  "urgent first (?alerts=1: overdue or due within 2 working days); "
	  "personal data masked" },
	{ "POST", "/api/complaints", qc_api_complaint_add, REGIONAL,
	  "register a complaint or a report" },
	{ "GET", "/api/credit/enterprises/{code}", qc_api_credit_enterprise,
	  REGIONAL,
	  "an enterprise's credit page: grade with its basis, listings, awards"
	  " (?as_of=D)" },
	{ "GET", "/api/credit/enterprises/{code}/report/{format}",
	  qc_api_credit_report, REGIONAL,
	  "the enterprise credit report as pdf, docx or html" },
	{ "GET", "/api/credit/lists/{list}", qc_api_credit_list, REGIONAL,
	  "black, penalty or red list as of a date (?region, ?as_of, ?all=1,"
	  " ?format=csv|xlsx)" },
	{ "POST", "/api/credit/check", qc_api_credit_check, STAFF,
	  "sanctions check for procurement, subsidy or award (logged)" },
	{ "POST", "/api/credit/listings", qc_api_credit_listing_add, STAFF,
	  "enter an enterprise on a list by decision, with its legal clock" },
	{ "POST", "/api/credit/listings/{id}/{step}",
	  qc_api_credit_listing_step, STAFF,
	  "a listing's step: repair apply or approve, or publish" },
	{ "GET", "/api/awards", qc_api_awards, REGIONAL,
	  "the awards and brands register (?region, ?kind, ?year)" },
	{ "POST", "/api/awards/import", qc_api_awards_import, STAFF,
	  "import a published list of awards or brands (CSV text)" },
	{ "GET", "/api/rewards", qc_api_rewards, STAFF,
	  "the reward eligibility list of a year (?year, ?rules=yueyang)" },
	{ "GET", "/api/complaints/hotspots", qc_api_complaint_hotspots,
	  REGIONAL, "risk signals of a month (?month=YYYY-MM)" },
	{ "GET", "/api/complaints/{id}", qc_api_complaint, REGIONAL,
	  "one item (?unmask=1: personal data, for the office "
	  "and the handling county, audited)" },
	{ "GET", "/open311/v2/services.json", qc_open311_services, REGIONAL,
	  "Open311 GeoReport v2: the services (product "
	  "categories); api_key: an API token" },
	{ "GET", "/open311/v2/requests.json", qc_open311_requests, REGIONAL,
	  "Open311 GeoReport v2: open service requests "
	  "(complaints) within the key's scope" },
	{ "POST", "/open311/v2/requests.json", qc_open311_request_add, REGIONAL,
	  "Open311 GeoReport v2: file a complaint "
	  "(form-encoded: service_code, jurisdiction_id, description, ...)" },
	{ "GET", "/open311/v2/requests/{id}", qc_open311_request, REGIONAL,
	  "Open311 GeoReport v2: one service request "
	  "({id}.json)" },
	{ "POST", "/api/complaints/{id}/steps", qc_api_complaint_move, REGIONAL,
	  "the next step of an item (a state, transfer or "
	  "extend)" },
	/* The figures route before {code}: a path matches in table order. */
	{ "GET", "/api/equipment", qc_api_equipment_list, REGIONAL,
	  "special equipment units, overdue first, then due within a month "
	  "(?region, ?state=in_use|stopped|scrapped|overdue|due|attention, "
	  "?category, ?after, ?limit)" },
	{ "GET", "/api/equipment/figures", qc_api_equipment_figures, REGIONAL,
	  "a region's special-equipment figures of a year: inspection rate, "
	  "accidents and deaths per 10 000 units, overdue now" },
	{ "POST", "/api/equipment/import", qc_api_equipment_import, REGIONAL,
	  "import a register of special equipment: the CSV or .xlsx file as "
	  "the body (?name, ?region: the county of rows without one); all "
	  "rows or none, each inside the account's region" },
	{ "POST", "/api/equipment/accidents", qc_api_equipment_accident,
	  REGIONAL, "record a special-equipment accident (audited)" },
	{ "GET", "/api/equipment/{code}", qc_api_equipment_unit, REGIONAL,
	  "one unit with its inspections and accidents" },
	{ "POST", "/api/equipment/{code}/inspections", qc_api_equipment_inspect,
	  REGIONAL,
	  "record a periodic inspection of a unit (audited; every bad field "
	  "named)" },
	{ "GET", "/api/metrology", qc_api_metrology_list, REGIONAL,
	  "compulsorily verified measuring instruments, overdue and failed "
	  "first (?region, ?state=in_use|stopped|scrapped|overdue|failed|due, "
	  "?kind, ?within, ?on, ?after, ?limit)" },
	{ "GET", "/api/metrology/figures", qc_api_metrology_figures, REGIONAL,
	  "a region's metrology figures of a year: verification rate, pass "
	  "rate, overdue and failed now" },
	{ "POST", "/api/metrology/import", qc_api_metrology_import, REGIONAL,
	  "import a register of measuring instruments: the CSV or .xlsx file "
	  "as the body (?name, ?region: the county of rows without one); all "
	  "rows or none, each inside the account's region" },
	{ "GET", "/api/metrology/{ref}", qc_api_metrology_one, REGIONAL,
	  "one instrument (number on record or id) with its verifications" },
	{ "POST", "/api/metrology/{ref}/verifications", qc_api_metrology_verify,
	  REGIONAL,
	  "record a verification of an instrument (audited; every bad field "
	  "named)" },
	{ "GET", "/api/certification", qc_api_certification_list, REGIONAL,
	  "certificates held by a region's enterprises as they stand on a "
	  "day, valid first (?region, ?state=valid|expired|suspended|revoked|"
	  "cancelled, ?kind, ?as_of, ?after, ?limit)" },
	{ "GET", "/api/certification/figures", qc_api_certification_figures,
	  REGIONAL,
	  "a region's certification figures on a day: valid certificates by "
	  "kind and group, enterprises holding one, expiring within 90 days" },
	{ "GET", "/api/traceability", qc_api_traceability_list, REGIONAL,
	  "subjects and products enrolled on traceability platforms by a "
	  "day, active first (?region, ?state=active|cancelled, ?category, "
	  "?as_of, ?after, ?limit)" },
	{ "GET", "/api/traceability/figures", qc_api_traceability_figures,
	  REGIONAL,
	  "a region's traceability figures on a day: subjects and products "
	  "by category, the share of above-scale food producers enrolled" },
	{ "POST", "/api/traceability/import", qc_api_traceability_import,
	  REGIONAL,
	  "import a traceability platform's list: the CSV or .xlsx file as "
	  "the body (?name, ?region: the county of rows without one); all "
	  "rows or none, each inside the account's region" },
	{ "GET", "/api/federation/provinces", qc_api_fed_provinces, STAFF,
	  "on a national server, each followed province: streaming, last "
	  "message, as of (its newest change here) and rows; elsewhere an "
	  "empty list with national false" },
};
const size_t qc_n_routes = sizeof(qc_routes) / sizeof(qc_routes[0]);

/* Match pattern against path; on success copy the {param} segments. */
static bool match(const char *pat, const char *path, struct qc_req *r)
{
	size_t n = 0, plen = strlen(path);
	char *buf = qc_xmalloc(plen + 1), *w = buf;

	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (!len || n >= QC_PATH_PARAMS)
				break;
			memcpy(w, path, len);
			w[len] = 0;
			r->param[n++] = w;
			w += len + 1;
			path += len;
			pat = strchr(pat, '}') + 1;
		} else if (*pat++ != *path++) {
			break;
		}
	}
	if (*pat || *path) {
		free(buf);
		memset(r->param, 0, sizeof(r->param));
		return false;
	}
	free(r->param_buf);
	r->param_buf = buf;
	return true;
}

const struct qc_route *qc_route_find(struct qc_req *r, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < qc_n_routes; i++) {
		if (!match(qc_routes[i].pattern, r->path, r))
			continue;
		if (!strcmp(qc_routes[i].method, r->method))
			return &qc_routes[i];
		*path_known = true;
	}
	return NULL;
}

void qc_server_print_routes(FILE *f)
{
	static const enum qc_user_role all[] = { QC_USER_ADMIN, QC_USER_OFFICE,
						 QC_USER_UNIT, QC_USER_REGION,
						 QC_USER_VIEWER };
	for (size_t i = 0; i < qc_n_routes; i++) {
		const struct qc_route *rt = &qc_routes[i];
		fprintf(f, "%s\t%s\t", rt->method, rt->pattern);
		if (!rt->roles)
			fputs("public", f);
		for (size_t k = 0, n = 0; k < sizeof(all) / sizeof(all[0]); k++)
			if (rt->roles & all[k])
				fprintf(f, "%s%s", n++ ? "," : "",
					qc_user_role_name(all[k]));
		fprintf(f, "\t%s\n", rt->summary);
	}
}
