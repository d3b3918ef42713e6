-- PostgreSQL dialect of sqlite/0026_enterprise_held_by.sql (issue 21,
-- docs/scaling.md "Which tables are national"). An enterprise row has
-- two provinces: province_code, where it is registered (from its credit
-- code or address), and held_by, the province whose server holds the
-- row. They differ for a product made elsewhere and sampled here
-- (流通领域): the result is this province's, its enterprise row is on
-- this server but registered in another province, and a publication
-- filtered on the registration province never sent it to the nation.
-- held_by is what the nation keys and the publication filters on:
--   enterprises       primary key (held_by, id) (was (province_code, id))
--   credit_events,    (province_code, enterprise_id) → enterprises
--   credit_listings   (held_by, id): a credit event or listing is the
--                     province's that recorded it, i.e. its enterprise's
--                     holder, and travels with it
-- held_by starts as the registration province (what each province
-- published until now, so a nation's rows keep their meaning), on a
-- server that publishes already as its province (every row there is
-- its own), with the publication's filter moved to held_by (a filter
-- on a column outside the replica identity would refuse every update
-- of enterprises); `qcity federation publish` makes the server's
-- province the holder of every row and the column's default. A row
-- inserted without held_by takes its registration province (trigger).
-- Every row is kept.
DO $$
DECLARE
  r record;
  part text[] := ARRAY(SELECT relname::text FROM pg_class
                       WHERE relkind = 'p'
                       AND relnamespace = current_schema()::regnamespace);
  pub text := (SELECT pubname FROM pg_publication
               WHERE pubname LIKE 'qcity\_%' ORDER BY pubname LIMIT 1);
BEGIN
  IF 'enterprises' = ANY (part) THEN
    -- A national server made before 0026: enterprises back to a plain
    -- table with every row (held by the province that sent it, which
    -- was the registration province), so that `db init --national`,
    -- run again as for every upgrade, partitions it by held_by.
    ALTER TABLE enterprises RENAME TO enterprises_0026old;
    CREATE TABLE enterprises (LIKE enterprises_0026old INCLUDING DEFAULTS
                              INCLUDING CONSTRAINTS INCLUDING INDEXES);
    -- Its id sequence goes with the old table; db init --national
    -- makes it again.
    ALTER TABLE enterprises ALTER COLUMN id DROP DEFAULT;
    ALTER TABLE enterprises ADD COLUMN held_by TEXT;
    INSERT INTO enterprises SELECT o.*, o.province_code
      FROM enterprises_0026old o;
    DROP TABLE enterprises_0026old CASCADE;
    ALTER TABLE enterprises ALTER COLUMN held_by SET NOT NULL;
    FOR r IN SELECT conname FROM pg_constraint WHERE contype = 'p'
             AND conrelid = 'enterprises'::regclass
    LOOP
      EXECUTE format('ALTER TABLE enterprises DROP CONSTRAINT %I',
                     r.conname);
    END LOOP;
    ALTER TABLE enterprises ADD PRIMARY KEY (held_by, id);
    RETURN;
  END IF;
  ALTER TABLE enterprises ADD COLUMN held_by TEXT;
  UPDATE enterprises SET held_by = COALESCE(substr(pub, 7), province_code);
  FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
           WHERE contype = 'f' AND confrelid = 'enterprises'::regclass
           AND conname IN ('credit_events_enterprise_fkey',
                           'credit_listings_enterprise_fkey')
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
  END LOOP;
  -- The rows that refer to an enterprise by its province take its
  -- holder (the same as its registration province until now).
  IF NOT 'credit_events' = ANY (part) THEN
    UPDATE credit_events SET province_code = e.held_by
      FROM enterprises e WHERE e.id = credit_events.enterprise_id
      AND e.held_by <> credit_events.province_code;
  END IF;
  IF NOT 'credit_listings' = ANY (part) THEN
    UPDATE credit_listings SET province_code = e.held_by
      FROM enterprises e WHERE e.id = credit_listings.enterprise_id
      AND e.held_by <> credit_listings.province_code;
  END IF;
  ALTER TABLE enterprises ALTER COLUMN held_by SET NOT NULL;
  ALTER TABLE enterprises DROP CONSTRAINT enterprises_pkey;
  ALTER TABLE enterprises ADD PRIMARY KEY (held_by, id);
  IF NOT 'credit_events' = ANY (part) THEN
    ALTER TABLE credit_events ADD CONSTRAINT credit_events_enterprise_fkey
      FOREIGN KEY (province_code, enterprise_id)
      REFERENCES enterprises(held_by, id) ON UPDATE CASCADE
      DEFERRABLE INITIALLY IMMEDIATE;
  END IF;
  IF NOT 'credit_listings' = ANY (part) THEN
    ALTER TABLE credit_listings ADD CONSTRAINT credit_listings_enterprise_fkey
      FOREIGN KEY (province_code, enterprise_id)
      REFERENCES enterprises(held_by, id) ON UPDATE CASCADE
      DEFERRABLE INITIALLY IMMEDIATE;
  END IF;
  IF pub IS NOT NULL THEN
    EXECUTE format('ALTER TABLE enterprises ALTER COLUMN held_by'
                   ' SET DEFAULT %L', substr(pub, 7));
    -- (A restore migrates new tables in a schema of its own, outside
    -- the publication.)
    IF EXISTS (SELECT 1 FROM pg_publication_tables WHERE pubname = pub
               AND schemaname = current_schema()
               AND tablename = 'enterprises') THEN
      EXECUTE format('ALTER PUBLICATION %I DROP TABLE enterprises', pub);
      EXECUTE format('ALTER PUBLICATION %I ADD TABLE enterprises'
                     ' WHERE (held_by = %L)', pub, substr(pub, 7));
    END IF;
  END IF;
END $$;
CREATE OR REPLACE FUNCTION qcity_enterprise_held_by() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
  IF NEW.held_by IS NULL THEN
    NEW.held_by := NEW.province_code;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER enterprises_held_by BEFORE INSERT ON enterprises
  FOR EACH ROW EXECUTE FUNCTION qcity_enterprise_held_by();
