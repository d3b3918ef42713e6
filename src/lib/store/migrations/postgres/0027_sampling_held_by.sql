-- PostgreSQL dialect of sqlite/0027_sampling_held_by.sql (issue 21,
-- docs/scaling.md "Held by, made in"). A sampling result has two
-- provinces, as an enterprise has since 0026: province_code, its
-- region's (where the product was made when the table has no region
-- column: the region then comes from the producer), and held_by, the
-- province whose server holds the row. They differ for a product made
-- elsewhere and sampled here without a region column: on 230000's server
-- a 长沙 maker's failure has province_code 430000, so a publication
-- filtered on province_code never sent it, and 430000 never had it.
-- held_by goes on the results and on every table derived from them that
-- the nation receives:
--   sampling_results          (held_by; the nation keys (held_by, id,
--                             sampled_on))
--   sampling_followups        (held_by; the nation keys (held_by,
--                             result_id))
--   sampling_counts           primary key (held_by, province_code,
--                             region_code, level, category_id, year):
--                             two provinces may both hold counts of one
--                             region, level, category and year
--   sampling_enterprise_years primary key (held_by, province_code, area,
--                             enterprise_id, year) (enterprise ids are
--                             each server's)
-- (The pass rates a server computes into indicator_values from its
-- counts stay keyed by the region's province: a province sends only its
-- own regions' values, and the nation sums the counts.)
-- held_by starts as province_code on a server that does not publish
-- (what it is there, and what a publication sent until now), and as the
-- published province on one that does, with the publication's filters
-- on the four tables moved to held_by and the replica identities of
-- results and follow-ups on (held_by, ...); `qcity federation publish`
-- makes the server's province the holder of every row and the default.
-- A row inserted without held_by takes its province_code (trigger; the
-- library always writes it). Every row is kept.
--
-- A national server made before 0027 (its four tables partitioned by
-- province_code): each goes back to a plain table with every row, held
-- by the province that sent it (its province_code: a province sent only
-- those), so that `db init --national`, run again as for every upgrade,
-- partitions it by held_by.
DO $$
DECLARE
  r record;
  i int;
  t text;
  part text[] := ARRAY(SELECT relname::text FROM pg_class
                       WHERE relkind = 'p'
                       AND relnamespace = current_schema()::regnamespace);
  pub text := (SELECT pubname FROM pg_publication
               WHERE pubname LIKE 'qcity\_%' ORDER BY pubname LIMIT 1);
  prov text;
  -- table, the key after held_by
  held text[][] := ARRAY[
    ['sampling_results', 'id, sampled_on'],
    ['sampling_followups', 'result_id'],
    ['sampling_counts', 'province_code, region_code, level, category_id, year'],
    ['sampling_enterprise_years', 'province_code, area, enterprise_id, year']];
BEGIN
  prov := substr(pub, 7);
  IF 'sampling_results' = ANY (part) THEN
    FOR i IN 1 .. array_length(held, 1) LOOP
      t := held[i][1];
      IF t = ANY (part) THEN
        EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_0027old');
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS'
                       ' INCLUDING CONSTRAINTS INCLUDING INDEXES)', t,
                       t || '_0027old');
        -- An id sequence goes with the old table; db init --national
        -- makes it again.
        IF t = 'sampling_results' THEN
          ALTER TABLE sampling_results ALTER COLUMN id DROP DEFAULT;
        END IF;
        EXECUTE format('ALTER TABLE %I ADD COLUMN held_by TEXT', t);
        EXECUTE format('INSERT INTO %I SELECT o.*, o.province_code'
                       ' FROM %I o', t, t || '_0027old');
        EXECUTE format('DROP TABLE %I CASCADE', t || '_0027old');
      ELSE
        -- (Not partitioned there yet: db init --national does it.)
        EXECUTE format('ALTER TABLE %I ADD COLUMN held_by TEXT', t);
        EXECUTE format('UPDATE %I SET held_by = province_code', t);
      END IF;
      EXECUTE format('ALTER TABLE %I ALTER COLUMN held_by SET NOT NULL', t);
      FOR r IN SELECT conname FROM pg_constraint WHERE contype = 'p'
               AND conrelid = to_regclass(t)
      LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, r.conname);
      END LOOP;
      EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (held_by, %s)', t,
                     held[i][2]);
    END LOOP;
    RETURN;
  END IF;
  FOR i IN 1 .. array_length(held, 1) LOOP
    t := held[i][1];
    IF prov IS NOT NULL THEN
      -- Every row here is this server's: a constant, no table rewrite.
      EXECUTE format('ALTER TABLE %I ADD COLUMN held_by TEXT NOT NULL'
                     ' DEFAULT %L', t, prov);
    ELSE
      EXECUTE format('ALTER TABLE %I ADD COLUMN held_by TEXT', t);
      EXECUTE format('UPDATE %I SET held_by = province_code', t);
      EXECUTE format('ALTER TABLE %I ALTER COLUMN held_by SET NOT NULL', t);
    END IF;
  END LOOP;
  ALTER TABLE sampling_counts DROP CONSTRAINT sampling_counts_pkey;
  ALTER TABLE sampling_counts ADD PRIMARY KEY
    (held_by, province_code, region_code, level, category_id, year);
  ALTER TABLE sampling_enterprise_years
    DROP CONSTRAINT sampling_enterprise_years_pkey;
  ALTER TABLE sampling_enterprise_years ADD PRIMARY KEY
    (held_by, province_code, area, enterprise_id, year);
  IF pub IS NOT NULL THEN
    -- The replica identity carries the filter's column and the nation's
    -- key: (held_by, id, sampled_on) and (held_by, result_id), as
    -- `federation publish` makes them (counts and enterprise years: the
    -- primary key).
    CREATE UNIQUE INDEX sampling_results_held_key
      ON sampling_results (held_by, id, sampled_on);
    ALTER TABLE sampling_results
      REPLICA IDENTITY USING INDEX sampling_results_held_key;
    DROP INDEX IF EXISTS sampling_results_fed_key;
    CREATE UNIQUE INDEX sampling_followups_held_key
      ON sampling_followups (held_by, result_id);
    ALTER TABLE sampling_followups
      REPLICA IDENTITY USING INDEX sampling_followups_held_key;
    DROP INDEX IF EXISTS sampling_followups_province_id;
    FOR i IN 1 .. array_length(held, 1) LOOP
      t := held[i][1];
      -- (A restore migrates new tables in a schema of its own, outside
      -- the publication.)
      CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_publication_tables
                                WHERE pubname = pub
                                AND schemaname = current_schema()
                                AND tablename = t);
      EXECUTE format('ALTER PUBLICATION %I DROP TABLE %I', pub, t);
      EXECUTE format('ALTER PUBLICATION %I ADD TABLE %I'
                     ' WHERE (held_by = %L)', pub, t, prov);
    END LOOP;
  END IF;
END $$;
-- Inserts without held_by (the library always gives it): the row's
-- province. WHEN keeps the function out of the library's inserts.
CREATE OR REPLACE FUNCTION qcity_held_by() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
  NEW.held_by := NEW.province_code;
  RETURN NEW;
END $f$;
CREATE TRIGGER sampling_results_held_by BEFORE INSERT ON sampling_results
  FOR EACH ROW WHEN (NEW.held_by IS NULL) EXECUTE FUNCTION qcity_held_by();
CREATE TRIGGER sampling_followups_held_by BEFORE INSERT ON sampling_followups
  FOR EACH ROW WHEN (NEW.held_by IS NULL) EXECUTE FUNCTION qcity_held_by();
CREATE TRIGGER sampling_counts_held_by BEFORE INSERT ON sampling_counts
  FOR EACH ROW WHEN (NEW.held_by IS NULL) EXECUTE FUNCTION qcity_held_by();
CREATE TRIGGER sampling_enterprise_years_held_by BEFORE INSERT
  ON sampling_enterprise_years
  FOR EACH ROW WHEN (NEW.held_by IS NULL) EXECUTE FUNCTION qcity_held_by();
