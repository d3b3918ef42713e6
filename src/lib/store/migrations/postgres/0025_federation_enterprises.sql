-- PostgreSQL dialect of sqlite/0025_federation_enterprises.sql (issue 21
-- part 1, docs/scaling.md "Which tables are national"). The enterprises
-- and the tables of the national lists are keyed by province, so the
-- national server can hold every province's rows (their ids collide
-- between provinces) and the national black and red lists find their
-- enterprises:
--   enterprises       primary key (province_code, id)
--   credit_listings   primary key (province_code, id) (the credit black,
--                     penalty and red lists)
--   complaint_events  primary key (province_code, id) (each step of a
--                     complaint, which the nation's complaint figures read)
-- Each keeps a unique index on id alone: lookups by id (PostgreSQL 15
-- cannot skip the leading column), and the foreign keys of the tables
-- that stay on the province (credit_grades, credit_checks, awards, and
-- sampling_results, whose enterprise may be of another province: a
-- product made elsewhere sampled here). The tables whose rows share
-- their enterprise's province refer to it by (province_code,
-- enterprise_id): credit_events and credit_listings. Every row is kept.

-- Every foreign key to enterprises(id) and credit_listings(id) goes
-- while the keys change; the provincial ones come back on the id index,
-- the others on the province. On a national server (db init --national
-- before this migration) the replicated tables are partitioned by
-- province and hold every province's rows without the rows they refer
-- to: a table partitioned there keeps its keys and gets no foreign key
-- (as db init --national drops them), so the nation migrates too.
DO $$
DECLARE
  r record;
  part text[] := ARRAY(SELECT relname::text FROM pg_class
                       WHERE relkind = 'p'
                       AND relnamespace = current_schema()::regnamespace);
  fk text[][] := ARRAY[
    -- table, constraint, columns, parent and its columns
    ['credit_events', 'credit_events_enterprise_fkey',
     'province_code, enterprise_id', 'enterprises(province_code, id)'],
    ['credit_listings', 'credit_listings_enterprise_fkey',
     'province_code, enterprise_id', 'enterprises(province_code, id)'],
    ['sampling_results', 'sampling_results_enterprise_id_fkey',
     'enterprise_id', 'enterprises(id)'],
    ['credit_grades', 'credit_grades_enterprise_id_fkey',
     'enterprise_id', 'enterprises(id)'],
    ['credit_checks', 'credit_checks_enterprise_id_fkey',
     'enterprise_id', 'enterprises(id)'],
    ['credit_checks', 'credit_checks_listing_id_fkey',
     'listing_id', 'credit_listings(id)'],
    ['awards', 'awards_enterprise_id_fkey',
     'enterprise_id', 'enterprises(id)']];
  parent text;
BEGIN
  -- The rows that refer to an enterprise take its province (they always
  -- did when the library wrote them; an enterprise import that moved an
  -- enterprise to another province left them behind on SQLite). At the
  -- nation ids are the provinces' own: nothing to match there.
  IF NOT 'credit_events' = ANY (part) THEN
    UPDATE credit_events SET province_code = e.province_code
      FROM enterprises e WHERE e.id = credit_events.enterprise_id
      AND e.province_code <> credit_events.province_code;
  END IF;
  UPDATE credit_listings SET province_code = e.province_code
    FROM enterprises e WHERE e.id = credit_listings.enterprise_id
    AND e.province_code <> credit_listings.province_code
    AND NOT 'credit_listings' = ANY (part);
  FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
           WHERE contype = 'f' AND confrelid IN ('enterprises'::regclass,
                                                 'credit_listings'::regclass)
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
  END LOOP;
  IF NOT 'enterprises' = ANY (part) THEN
    ALTER TABLE enterprises DROP CONSTRAINT enterprises_pkey;
    ALTER TABLE enterprises ADD PRIMARY KEY (province_code, id);
    CREATE UNIQUE INDEX enterprises_by_id ON enterprises(id);
  END IF;
  IF NOT 'credit_listings' = ANY (part) THEN
    ALTER TABLE credit_listings REPLICA IDENTITY DEFAULT;
    ALTER TABLE credit_listings DROP CONSTRAINT credit_listings_pkey;
    ALTER TABLE credit_listings ADD PRIMARY KEY (province_code, id);
    CREATE UNIQUE INDEX credit_listings_by_id ON credit_listings(id);
  END IF;
  IF NOT 'complaint_events' = ANY (part) THEN
    ALTER TABLE complaint_events REPLICA IDENTITY DEFAULT;
    ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_pkey;
    ALTER TABLE complaint_events ADD PRIMARY KEY (province_code, id);
    CREATE INDEX complaint_events_by_id ON complaint_events(id);
  END IF;
  FOR i IN 1 .. array_length(fk, 1) LOOP
    parent := split_part(fk[i][4], '(', 1);
    CONTINUE WHEN fk[i][1] = ANY (part) OR parent = ANY (part);
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (%s)'
                   ' REFERENCES %s%s DEFERRABLE INITIALLY IMMEDIATE',
                   fk[i][1], fk[i][2], fk[i][3], fk[i][4],
                   CASE WHEN fk[i][3] LIKE 'province_code%'
                        THEN ' ON UPDATE CASCADE' ELSE '' END);
  END LOOP;
END $$;
