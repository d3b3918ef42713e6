-- The province code in the keys of the large tables (docs/scaling.md), so
-- that they can be distributed by province (Citus: create_distributed_table
-- on province_code; or native partitioning) without a schema change.
-- PostgreSQL dialect of migrations/sqlite/0005_province_keys.sql, the
-- first half of an expand/contract change: the column and the
-- province-led keys exist now; the library passes the province when it
-- writes (until then a NULL means "derive it from region_code"), and a
-- later migration makes it NOT NULL, moves the primary keys to
-- (province_code, id) and drops the old keys. The province of a region is
-- its GB/T 2260 code's first two digits.

ALTER TABLE indicator_values ADD COLUMN province_code TEXT;
UPDATE indicator_values SET province_code = substr(region_code, 1, 2) || '0000';
CREATE UNIQUE INDEX indicator_values_province_key
  ON indicator_values(province_code, indicator_id, region_code, period);

ALTER TABLE sampling_counts ADD COLUMN province_code TEXT;
UPDATE sampling_counts SET province_code = substr(region_code, 1, 2) || '0000';
CREATE UNIQUE INDEX sampling_counts_province_key
  ON sampling_counts(province_code, region_code, level, category_id, year);

CREATE UNIQUE INDEX sampling_results_province_key
  ON sampling_results(province_code, id);
CREATE INDEX sampling_results_province_region
  ON sampling_results(province_code, region_code, sampled_on);

-- Foreign keys are checked at commit when a transaction asks for it (SET
-- CONSTRAINTS ALL DEFERRED): `qcity db copy` and restores load tables in
-- any order, including rows that refer to rows of their own table. Every
-- other transaction still checks each statement. Later migrations declare
-- their foreign keys DEFERRABLE too.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
           WHERE contype = 'f' AND NOT condeferrable
             AND connamespace = current_schema()::regnamespace
  LOOP
    EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE', r.t,
                   r.conname);
  END LOOP;
END $$;
