/* The national schema and the province's publication (federation.h,
 * docs/scaling.md). Everything here is PostgreSQL DDL: names are the
 * library's own and province codes are checked to be six digits before
 * they reach SQL text (DDL takes no parameters). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/audit.h"
#include "qcity/federation.h"
#include "qcity/region_code.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "federation_int.h"
#include "banned.h"

const struct qc_fed_table qc_fed_tables[] = {
	{ "indicator_values", "id", NULL, false },
	/* A result and what is derived from it are the holder's (0027):
	 * two provinces may hold counts of one region, level, category and
	 * year (a product made in the one, sampled by both). */
	{ "sampling_results", "id", "sampled_on", true },
	{ "sampling_counts",
	  "province_code, region_code, level, category_id, year", NULL, true },
	{ "sampling_followups", "result_id", NULL, true },
	{ "complaints", "id", NULL, false },
	{ "credit_events", "id", NULL, false },
	{ "audit_log", "id", "at", false },
	/* The results per enterprise and year behind the black and red
	 * lists (0022). */
	{ "sampling_enterprise_years",
	  "province_code, area, enterprise_id, year", NULL, true },
	/* The province's own enterprises, whose names and codes the lists
	 * show, its credit lists and its complaints' steps (0025; docs/
	 * scaling.md "Which tables are national"). */
	{ "enterprises", "id", NULL, true },
	{ "credit_listings", "id", NULL, false },
	{ "complaint_events", "id", NULL, false },
	/* The special-equipment and metrology registers, whose figures the
	 * nation reads per province (0033; the bindings and the office's
	 * periods stay on the province). */
	{ "equipment", "id", NULL, false },
	{ "equipment_inspections", "id", NULL, false },
	{ "equipment_accidents", "id", NULL, false },
	{ "metrology_instruments", "id", NULL, false },
	{ "metrology_verifications", "id", NULL, false },
	/* The certification register (0034; its bindings stay). */
	{ "certificates", "id", NULL, false },
	/* The traceability register (0036; its bindings stay). */
	{ "trace_enrolments", "id", NULL, false },
	{ NULL, NULL, NULL, false },
};

const char *qc_fed_prov(const struct qc_fed_table *t)
{
	return t->held ? "held_by" : "province_code";
}

enum qc_rc qc_fed_need_pg(struct qc_store *s, struct qc_error *err)
{
	if (strcmp(qc_store_driver(s), "postgres"))
		return qc_error_set(err, QC_EUNSUPPORTED,
				    "federation needs PostgreSQL (logical "
				    "replication): give --db postgres://…");
	return QC_OK;
}

/* One table made partitioned, its rows kept. The old table's non-unique
 * indexes are made again on the new one (unique ones other than the key
 * cannot exist on a partitioned table without the province; the national
 * server takes no writes that need them). Foreign keys to and from the
 * table go: replication applies rows without firing them, and the rows
 * they refer to live on the province. */
static const char national_fn[] =
	/* pcol: the province column (qc_fed_prov); the function of before
	 * 0026 had none. */
	"DROP FUNCTION IF EXISTS qcity_national_table(text, text, text, int,"
	" int);\n"
	"CREATE OR REPLACE FUNCTION qcity_national_table(t text, keycols text,"
	" ycol text, y0 int, y1 int, pcol text) RETURNS void LANGUAGE plpgsql"
	" AS $f$\n"
	"DECLARE\n"
	"  old text := t || '_0023old';\n"
	"  defs text[]; d text; p text; y int;\n"
	"  seq text := t || '_nat_id_seq';\n"
	"  provinces text[] := ARRAY['000000','110000','120000','130000',"
	"'140000','150000','210000','220000','230000','310000','320000',"
	"'330000','340000','350000','360000','370000','410000','420000',"
	"'430000','440000','450000','460000','500000','510000','520000',"
	"'530000','540000','610000','620000','630000','640000','650000'];\n"
	"BEGIN\n"
	"  IF (SELECT relkind FROM pg_class WHERE oid = to_regclass(t)) = 'p'"
	" THEN RETURN; END IF;\n"
	/* A table of a later migration than the schema's (the registers of
	 * 0031-0032 on a nation made before them): made national by `db
	 * init --national` again after the upgrade. */
	"  IF to_regclass(t) IS NULL THEN RETURN; END IF;\n"
	/* A schema of before 0026 (0027 for the sampling tables) has no
	 * held_by: keyed by province_code, once. */
	"  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE"
	" table_schema = current_schema() AND table_name = t AND"
	" column_name = pcol) THEN pcol := 'province_code';"
	" keycols := regexp_replace(keycols, '^province_code, ', '');"
	" END IF;\n"
	"  SELECT array_agg(pg_get_indexdef(i.indexrelid) ORDER BY"
	" i.indisunique) INTO defs FROM pg_index i JOIN pg_class c ON c.oid ="
	" i.indexrelid WHERE i.indrelid = to_regclass(t) AND NOT"
	" i.indisprimary AND c.relname NOT LIKE '%\\_province\\_id'"
	" AND c.relname NOT LIKE '%\\_fed\\_key'"
	" AND c.relname NOT LIKE '%\\_held\\_key';\n"
	"  EXECUTE format('ALTER TABLE %I RENAME TO %I', t, old);\n"
	"  EXECUTE format('UPDATE %I SET %I = %L WHERE"
	" %I IS NULL', old, pcol, '" QC_FED_NATION "', pcol);\n"
	"  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS"
	" INCLUDING CONSTRAINTS) PARTITION BY LIST (%I)', t, old, pcol);\n"
	"  EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET NOT"
	" NULL, ALTER COLUMN %I SET DEFAULT %L', t, pcol, pcol, '" QC_FED_NATION
	"');\n"
	"  FOREACH p IN ARRAY provinces LOOP\n"
	"    IF ycol IS NULL THEN\n"
	"      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN"
	" (%L)', t || '_p' || p, t, p);\n"
	"    ELSE\n"
	"      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN"
	" (%L) PARTITION BY RANGE (%I)', t || '_p' || p, t, p, ycol);\n"
	"      FOR y IN y0..y1 LOOP\n"
	"        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES"
	" FROM (%L) TO (%L)', t || '_p' || p || '_y' || y, t || '_p' || p,"
	" y || '-01-01', (y + 1) || '-01-01');\n"
	"      END LOOP;\n"
	"      EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT',"
	" t || '_p' || p || '_yother', t || '_p' || p);\n"
	"    END IF;\n"
	"  END LOOP;\n"
	"  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT',"
	" t || '_pother', t);\n"
	"  EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, old);\n"
	"  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE"
	" table_schema = current_schema() AND table_name = t AND"
	" column_name = 'id') THEN\n"
	"    EXECUTE format('CREATE SEQUENCE %I OWNED BY %I.id', seq, t);\n"
	"    EXECUTE format('SELECT setval(%L, COALESCE((SELECT max(id) FROM"
	" %I), 0) + 1, false)', seq, t);\n"
	"    EXECUTE format('ALTER TABLE %I ALTER COLUMN id SET DEFAULT"
	" nextval(%L)', t, seq);\n"
	"  END IF;\n"
	"  EXECUTE format('DROP TABLE %I CASCADE', old);\n"
	"  EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (%I, %s%s)',"
	" t, pcol, keycols, CASE WHEN ycol IS NULL THEN '' ELSE ', '"
	" || quote_ident(ycol) END);\n"
	"  IF defs IS NOT NULL THEN\n"
	/* A unique index that lacks the partition columns cannot exist
	 * here (sample_no, platform_no, evidence): it stays on the
	 * province, whose rows it checks. */
	"    FOREACH d IN ARRAY defs LOOP\n"
	"      IF d LIKE 'CREATE UNIQUE%' THEN\n"
	"        BEGIN EXECUTE d; EXCEPTION WHEN OTHERS THEN NULL; END;\n"
	"      ELSE EXECUTE d; END IF;\n"
	"    END LOOP;\n"
	"  END IF;\n"
	"  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE"
	" ON %I FOR EACH ROW EXECUTE FUNCTION qcity_province_readonly()',"
	" t || '_readonly', t);\n"
	"END $f$;\n"
	/* Replication applies rows with session_replication_role = replica,
	 * which does not fire this trigger: only the library's own writes of
	 * province rows are refused. */
	"CREATE OR REPLACE FUNCTION qcity_province_readonly() RETURNS trigger"
	" LANGUAGE plpgsql AS $f$\n"
	"DECLARE p text;\n"
	"BEGIN\n"
	"  IF TG_OP = 'DELETE' THEN p := OLD.province_code;"
	" ELSE p := NEW.province_code; END IF;\n"
	"  IF TG_OP = 'UPDATE' AND OLD.province_code <> '" QC_FED_NATION "'"
	" THEN p := OLD.province_code; END IF;\n"
	"  IF p IS NOT NULL AND p NOT IN ('" QC_FED_NATION "', '100000') THEN\n"
	"    RAISE EXCEPTION 'the rows of province % are read-only on the"
	" national server: change them on the province''s own server', p"
	" USING ERRCODE = '42501';\n"
	"  END IF;\n"
	"  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n"
	"  RETURN NEW;\n"
	"END $f$;\n"
	/* The provinces followed, for status and remove. */
	"CREATE TABLE IF NOT EXISTS federation_provinces ("
	" province_code TEXT PRIMARY KEY, server TEXT NOT NULL,"
	" added_at TEXT NOT NULL, added_by TEXT NOT NULL);\n";

/* What a province names by its own ids, which differ between servers: its
 * product categories (a province's imports make them in their own
 * order) and its indicators (the series its plans name, beside the
 * catalogue's). The nation finds them by what is common, the name
 * (docs/scaling.md "Names at the nation"): each is mirrored, on the
 * province, into a table (province_code, id, name) that is published with
 * the rest. Small: one row a category or series. */
const struct qc_fed_mirror qc_fed_mirrors[QC_FED_N_MIRRORS] = {
	{ "federation_categories", "product_categories" },
	{ "federation_indicators", "indicators" },
};

enum qc_rc qc_fed_mirrors_missing(struct qc_store *s, int64_t *missing,
				  struct qc_error *err)
{
	*missing = 0;
	for (size_t i = 0; i < QC_FED_N_MIRRORS; i++) {
		int64_t have = 0;
		bool found = false;
		enum qc_rc rc = qc_store_get_int(
			s,
			"SELECT COUNT(*) FROM pg_class WHERE oid = to_regclass(?)",
			QC_TEXTS(qc_fed_mirrors[i].mirror), &have, &found, err);
		if (rc)
			return rc;
		*missing += have == 0;
	}
	return QC_OK;
}

static void mirror_tables(struct qc_buf *b)
{
	for (size_t i = 0; i < QC_FED_N_MIRRORS; i++)
		qc_buf_addf(b,
			    "CREATE TABLE IF NOT EXISTS %s (province_code TEXT"
			    " NOT NULL, id BIGINT NOT NULL, name TEXT NOT"
			    " NULL, PRIMARY KEY (province_code, id));\n",
			    qc_fed_mirrors[i].mirror);
}

/* On a province (`publish`): each mirror kept by a trigger on its source,
 * whatever writes it (the catalogue's sync, an import's new categories,
 * a plan's new series, a restore's copy), and brought level with it now.
 * An unchanged name writes nothing, so nothing travels. */
static void publish_mirrors(struct qc_buf *b, const char *province)
{
	mirror_tables(b);
	qc_buf_adds(b,
		    "CREATE OR REPLACE FUNCTION qcity_fed_mirror() RETURNS"
		    " trigger LANGUAGE plpgsql AS $f$\n"
		    "BEGIN\n"
		    "  IF TG_OP <> 'INSERT' AND (TG_OP = 'DELETE' OR OLD.id <>"
		    " NEW.id) THEN\n"
		    "    EXECUTE format('DELETE FROM %I WHERE province_code = $1"
		    " AND id = $2', TG_ARGV[1]) USING TG_ARGV[0], OLD.id;\n"
		    "  END IF;\n"
		    "  IF TG_OP <> 'DELETE' THEN\n"
		    "    EXECUTE format('INSERT INTO %I VALUES ($1, $2, $3) ON"
		    " CONFLICT (province_code, id) DO UPDATE SET name ="
		    " excluded.name WHERE %I.name <> excluded.name', TG_ARGV[1],"
		    " TG_ARGV[1]) USING TG_ARGV[0], NEW.id, NEW.name;\n"
		    "  END IF;\n"
		    "  RETURN NULL;\n"
		    "END $f$;\n");
	for (size_t i = 0; i < QC_FED_N_MIRRORS; i++) {
		const struct qc_fed_mirror *m = &qc_fed_mirrors[i];
		qc_buf_addf(b,
			    "CREATE OR REPLACE TRIGGER %s_fed AFTER INSERT OR"
			    " UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE"
			    " FUNCTION qcity_fed_mirror('%s', '%s');\n"
			    "INSERT INTO %s SELECT '%s', id, name FROM %s ON"
			    " CONFLICT (province_code, id) DO UPDATE SET name"
			    " = excluded.name WHERE %s.name <> excluded.name;\n"
			    "DELETE FROM %s f WHERE f.province_code <> '%s' OR"
			    " NOT EXISTS (SELECT 1 FROM %s k WHERE k.id ="
			    " f.id);\n",
			    m->source, m->source, province, m->mirror,
			    m->mirror, province, m->source, m->mirror,
			    m->mirror, province, m->source);
	}
}

enum qc_rc qc_fed_national_init(struct qc_store *s, int first_year,
				int last_year, const char *actor,
				struct qc_error *err)
{
	struct qc_buf sql = QC_BUF_INIT;
	char after[96];
	enum qc_rc rc;

	if ((rc = qc_fed_need_pg(s, err)))
		return rc;
	if (first_year < 1949 || last_year > 2200 || first_year > last_year ||
	    last_year - first_year > 100)
		return qc_error_set(err, QC_EINVAL,
				    "years %d-%d: give a range such as "
				    "2015-2030 (at most 100 years)",
				    first_year, last_year);
	/* Run again on a national server, it partitions the tables an
	 * upgrade of qcity added to the replicated ones (each table already
	 * partitioned is left as it is); with none, nothing is done. */
	int todo = 0;
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++) {
		int64_t p = 0;
		bool found = false;
		if ((rc = qc_store_get_int(s,
					   "SELECT COUNT(*) FROM pg_class WHERE"
					   " oid = to_regclass(?) AND relkind ="
					   " 'p'",
					   QC_TEXTS(t->name), &p, &found, err)))
			return rc;
		todo += p == 0;
	}
	int64_t missing = 0;
	if ((rc = qc_fed_mirrors_missing(s, &missing, err)))
		return rc;
	todo += (int)missing;
	if (!todo)
		return QC_OK;
	qc_buf_adds(&sql, national_fn);
	mirror_tables(&sql);
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
		qc_buf_addf(&sql,
			    "SELECT qcity_national_table('%s', '%s', %s%s%s,"
			    " %d, %d, '%s');\n",
			    t->name, t->key, t->year ? "'" : "",
			    t->year ? t->year : "NULL", t->year ? "'" : "",
			    first_year, last_year, qc_fed_prov(t));
	if (qc_buf_failed(&sql)) {
		qc_buf_release(&sql);
		return qc_error_set(err, QC_EINVAL,
				    "national schema: SQL too long");
	}
	snprintf(after, sizeof(after), "{\"first_year\":%d,\"last_year\":%d}",
		 first_year, last_year);
	if (!(rc = qc_store_begin(s, err))) {
		rc = qc_store_exec(s, qc_buf_str(&sql), err);
		if (!rc)
			rc = qc_audit_add(s, actor, "national_init", "database",
					  NULL, NULL, after, err);
		rc = qc_store_end(s, rc, err);
	}
	qc_buf_release(&sql);
	if (rc)
		qc_error_prefix(err, "cannot make the national schema");
	return rc;
}

enum qc_rc qc_fed_publish(struct qc_store *s, const char *province,
			  const char *actor, struct qc_error *err)
{
	struct qc_buf sql = QC_BUF_INIT;
	char after[80];
	enum qc_rc rc;
	int64_t n = 0, have = 0, ntables = 0;
	bool found = false, exists;

	if ((rc = qc_fed_need_pg(s, err)))
		return rc;
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
		ntables++;
	ntables += (int64_t)QC_FED_N_MIRRORS;
	if (!qc_province_code_ok(province))
		return qc_error_set(err, QC_EINVAL,
				    "province '%s': give a province code, six "
				    "digits ending in 0000 (230000)",
				    province ? province : "");
	if (qc_store_national(s))
		return qc_error_set(err, QC_ECONFLICT,
				    "this is the national server: publish on "
				    "a province server");
	/* audit_log and credit_events carry the province since 0023: here
	 * every row is this server's (credit events: their enterprise's
	 * province where 0023 found it). */
	qc_buf_addf(&sql,
		    "UPDATE credit_events SET province_code = '%s' WHERE"
		    " province_code IS NULL;\n"
		    "UPDATE audit_log SET province_code = '%s' WHERE"
		    " province_code IS NULL;\n",
		    province, province);

	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++) {
		qc_buf_addf(&sql,
			    "ALTER TABLE %s ALTER COLUMN %s SET"
			    " DEFAULT '%s', ALTER COLUMN %s SET"
			    " NOT NULL;\n",
			    t->name, qc_fed_prov(t), province, qc_fed_prov(t));
		/* Updates and deletes carry the national key: the replica
		 * identity is the province-led key (sampling_counts' primary
		 * key is one already). */
		if (strcmp(t->key, "id") && strcmp(t->key, "result_id"))
			continue;
		if (!t->year) {
			int64_t lead = 0;
			bool found = false;
			if ((rc = qc_store_get_int(
				     s,
				     "SELECT COUNT(*) FROM pg_index i JOIN"
				     " pg_attribute a ON a.attrelid ="
				     " i.indrelid AND a.attnum = i.indkey[0]"
				     " WHERE i.indrelid = to_regclass(?) AND"
				     " i.indisprimary AND a.attname = ?",
				     QC_TEXTS(t->name, qc_fed_prov(t)), &lead,
				     &found, err)))
				goto out;
			if (lead) /* the primary key is the national key */
				continue;
		}
		/* held_by-led for the holder's tables (0027): the
		 * filter's column must be in the identity. */
		const char *ix = t->held ? "held_key" :
				 t->year ? "fed_key" :
					   "province_id";
		qc_buf_addf(&sql,
			    "CREATE UNIQUE INDEX IF NOT EXISTS %s_%s ON"
			    " %s (%s, %s%s%s);\n"
			    "ALTER TABLE %s REPLICA IDENTITY USING INDEX"
			    " %s_%s;\n",
			    t->name, ix, t->name, qc_fed_prov(t), t->key,
			    t->year ? ", " : "", t->year ? t->year : "",
			    t->name, t->name, ix);
	}
	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM pg_publication WHERE"
				   " pubname LIKE 'qcity\\_%' AND pubname <>"
				   " 'qcity_' || ?",
				   QC_TEXTS(province), &n, &found, err)))
		goto out;
	if (n > 0) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "this server publishes another province "
				  "already (see pg_publication)");
		goto out;
	}
	/* The tables published; fewer than qcity's after a restore (which
	 * drops and re-creates the tables, taking them out of the
	 * publication) or after an upgrade that replicates one more. */
	/* A holder's table counts when filtered on held_by (enterprises
	 * 0026, the sampling tables 0027; filtered on province_code before,
	 * it is published again). */
	struct qc_buf q = QC_BUF_INIT;
	qc_buf_adds(&q, "SELECT COUNT(*) FROM pg_publication_tables WHERE"
			" pubname = 'qcity_' || ? AND (rowfilter LIKE"
			" '%held_by%' OR tablename NOT IN (''");
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
		if (t->held)
			qc_buf_addf(&q, ", '%s'", t->name);
	qc_buf_adds(&q, "))");
	rc = qc_store_get_int(s, qc_buf_str(&q), QC_TEXTS(province), &have,
			      &found, err);
	qc_buf_release(&q);
	if (rc)
		goto out;
	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM pg_publication WHERE"
				   " pubname = 'qcity_' || ?",
				   QC_TEXTS(province), &n, &found, err)))
		goto out;
	exists = n > 0;
	/* The mirrors' triggers go with their tables (a migration or a
	 * restore that re-creates one): then publish again too. */
	int64_t triggers = 0;
	for (size_t i = 0; i < QC_FED_N_MIRRORS; i++) {
		char tg[64];
		int64_t one = 0;
		snprintf(tg, sizeof(tg), "%s_fed", qc_fed_mirrors[i].source);
		if ((rc = qc_store_get_int(s,
					   "SELECT COUNT(*) FROM pg_trigger"
					   " WHERE tgname = ? AND NOT"
					   " tgisinternal",
					   QC_TEXTS(tg), &one, &found, err)))
			goto out;
		triggers += one;
	}
	if (exists && have == ntables && triggers == (int64_t)QC_FED_N_MIRRORS)
		goto out; /* published as it is */
	publish_mirrors(&sql, province);
	qc_buf_addf(&sql,
		    exists ? "ALTER PUBLICATION qcity_%s SET " :
			     "CREATE PUBLICATION qcity_%s FOR ",
		    province);
	for (const struct qc_fed_table *t = qc_fed_tables; t->name; t++)
		qc_buf_addf(&sql, "%sTABLE %s WHERE (%s = '%s')",
			    t == qc_fed_tables ? "" : ", ", t->name,
			    qc_fed_prov(t), province);
	for (size_t i = 0; i < QC_FED_N_MIRRORS; i++)
		qc_buf_addf(&sql, ", TABLE %s WHERE (province_code = '%s')",
			    qc_fed_mirrors[i].mirror, province);
	qc_buf_adds(&sql,
		    exists ? ";\n" :
			     " WITH (publish_via_partition_root = true);\n");
	if (exists)
		qc_buf_addf(&sql,
			    "ALTER PUBLICATION qcity_%s SET"
			    " (publish_via_partition_root = true);\n",
			    province);
	if (qc_buf_failed(&sql)) {
		rc = qc_error_set(err, QC_EINVAL, "publication: SQL too long");
		goto out;
	}
	snprintf(after, sizeof(after), "{\"province\":\"%s\"%s}", province,
		 exists ? ",\"repaired\":true" : "");
	if ((rc = qc_store_begin(s, err)))
		goto out;
	/* The write lock first: an import still writing commits before the
	 * rows are made this province's, and one that commits after sees
	 * the publication and refuses its rows of the old holder
	 * (qc_sampling_writer_finish). */
	rc = qc_store_lock_writes(s, err);
	if (!rc)
		rc = qc_store_exec(s, qc_buf_str(&sql), err);
	/* Every enterprise here is held by this server, whatever province
	 * it is registered in (0026): the nation gets each one this
	 * province's results and lists refer to; its credit events and
	 * listings follow. So is every sampling result and what is derived
	 * from it (0027), whatever region's it is: a product made elsewhere
	 * and sampled here is this province's result; counts and enterprise
	 * years are summed into this holder's rows (a server that held some
	 * as their own provinces' before it published). After the
	 * publication: one filtered on another column than held_by would
	 * refuse the update. */
	if (!rc)
		rc = qc_store_settle_holders(s, province, NULL, err);
	if (!rc)
		rc = qc_audit_add(s, actor, "publish", "federation", province,
				  NULL, after, err);
	rc = qc_store_end(s, rc, err);
out:
	qc_buf_release(&sql);
	if (rc)
		qc_error_prefix(err, "cannot publish province %s", province);
	return rc;
}

enum qc_rc qc_fed_republish(struct qc_store *s, const char *actor,
			    char province[7], struct qc_error *err)
{
	enum qc_rc rc;

	province[0] = '\0';
	if (strcmp(qc_store_driver(s), "postgres") || qc_store_national(s))
		return QC_OK;
	if ((rc = qc_store_holder(s, province, err)))
		return rc;
	if (province[0])
		rc = qc_fed_publish(s, province, actor, err);
	return rc;
}
