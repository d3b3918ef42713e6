-- PostgreSQL dialect of sqlite/0027_federation_enterprises.sql (issue 21
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

-- The rows that refer to an enterprise take its province (they always
-- did when the library wrote them; a province moved by an enterprise
-- import did not follow on SQLite).
UPDATE credit_events SET province_code = e.province_code FROM enterprises e
  WHERE e.id = credit_events.enterprise_id
  AND e.province_code <> credit_events.province_code;
UPDATE credit_listings SET province_code = e.province_code FROM enterprises e
  WHERE e.id = credit_listings.enterprise_id
  AND e.province_code <> credit_listings.province_code;

-- Every foreign key to enterprises(id) goes while its key changes; the
-- provincial ones come back on the id index, the others on the province.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
           WHERE contype = 'f' AND confrelid = 'enterprises'::regclass
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
  END LOOP;
  FOR r IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
           WHERE contype = 'f' AND confrelid = 'credit_listings'::regclass
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.t, r.conname);
  END LOOP;
END $$;

ALTER TABLE enterprises DROP CONSTRAINT enterprises_pkey;
ALTER TABLE enterprises ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX enterprises_by_id ON enterprises(id);

ALTER TABLE credit_listings REPLICA IDENTITY DEFAULT;
ALTER TABLE credit_listings DROP CONSTRAINT credit_listings_pkey;
ALTER TABLE credit_listings ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX credit_listings_by_id ON credit_listings(id);

ALTER TABLE complaint_events REPLICA IDENTITY DEFAULT;
ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_pkey;
ALTER TABLE complaint_events ADD PRIMARY KEY (province_code, id);
CREATE INDEX complaint_events_by_id ON complaint_events(id);

ALTER TABLE credit_events ADD CONSTRAINT credit_events_enterprise_fkey
  FOREIGN KEY (province_code, enterprise_id)
  REFERENCES enterprises(province_code, id) ON UPDATE CASCADE
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE credit_listings ADD CONSTRAINT credit_listings_enterprise_fkey
  FOREIGN KEY (province_code, enterprise_id)
  REFERENCES enterprises(province_code, id) ON UPDATE CASCADE
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE sampling_results ADD CONSTRAINT sampling_results_enterprise_id_fkey
  FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE credit_grades ADD CONSTRAINT credit_grades_enterprise_id_fkey
  FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE credit_checks ADD CONSTRAINT credit_checks_enterprise_id_fkey
  FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE credit_checks ADD CONSTRAINT credit_checks_listing_id_fkey
  FOREIGN KEY (listing_id) REFERENCES credit_listings(id)
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE awards ADD CONSTRAINT awards_enterprise_id_fkey
  FOREIGN KEY (enterprise_id) REFERENCES enterprises(id)
  DEFERRABLE INITIALLY IMMEDIATE;
