-- PostgreSQL dialect of sqlite/0024_federation_child_keys.sql (issue 21
-- part 1, docs/scaling.md "Federation"): the keys of the tables a national
-- server receives from many provinces lead with the province, and the
-- foreign keys that refer to them carry it. complaints and credit_events
-- take (province_code, id) as their primary key (0023 gave them a unique
-- key beside the id); lookups by id keep an index of their own, since
-- PostgreSQL 15 cannot skip the leading column. The tables that refer to
-- them get province_code, filled from the row they refer to and written
-- by the library, and foreign keys on (province_code, id) that follow a
-- parent moved to another province (a complaint transferred there).
-- sampling_results keeps one key, (id, province_code): id-first, so a
-- lookup by id and every insert use one index (0022 dropped the second
-- for the import's speed), and a unique key on both columns, which the
-- follow-ups' foreign key needs (PostgreSQL matches the columns in any
-- order). The national server builds its own province-led keys (db init
-- --national). Every row is kept.

-- complaint_events → complaints
ALTER TABLE complaint_events ADD COLUMN province_code TEXT;
UPDATE complaint_events SET province_code = (SELECT c.province_code
  FROM complaints c WHERE c.id = complaint_events.complaint_id);
ALTER TABLE complaint_events ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_complaint_id_fkey;
-- A published province named 0023's index as the replica identity: the
-- primary key takes over.
ALTER TABLE complaints REPLICA IDENTITY DEFAULT;
ALTER TABLE complaints DROP CONSTRAINT complaints_pkey;
DROP INDEX complaints_province_id;
ALTER TABLE complaints ADD PRIMARY KEY (province_code, id);
CREATE INDEX complaints_by_id ON complaints(id);
ALTER TABLE complaint_events ADD CONSTRAINT complaint_events_complaint_fkey
  FOREIGN KEY (province_code, complaint_id)
  REFERENCES complaints(province_code, id) ON UPDATE CASCADE
  DEFERRABLE INITIALLY IMMEDIATE;

-- credit_listings → credit_events (a listing's province is its
-- enterprise's, as its event's is)
UPDATE credit_events SET province_code = (SELECT e.province_code
  FROM enterprises e WHERE e.id = credit_events.enterprise_id)
  WHERE province_code IS NULL;
ALTER TABLE credit_events ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE credit_listings ADD COLUMN province_code TEXT;
UPDATE credit_listings SET province_code = COALESCE(
  (SELECT v.province_code FROM credit_events v
    WHERE v.id = credit_listings.event_id),
  (SELECT e.province_code FROM enterprises e
    WHERE e.id = credit_listings.enterprise_id));
ALTER TABLE credit_listings ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE credit_listings DROP CONSTRAINT credit_listings_event_id_fkey;
ALTER TABLE credit_events REPLICA IDENTITY DEFAULT;
ALTER TABLE credit_events DROP CONSTRAINT credit_events_pkey;
DROP INDEX credit_events_province_id;
ALTER TABLE credit_events ADD PRIMARY KEY (province_code, id);
CREATE INDEX credit_events_by_id ON credit_events(id);
ALTER TABLE credit_listings ADD CONSTRAINT credit_listings_event_fkey
  FOREIGN KEY (province_code, event_id)
  REFERENCES credit_events(province_code, id) ON UPDATE CASCADE
  DEFERRABLE INITIALLY IMMEDIATE;

-- sampling_followups → sampling_results (the follow-up carries its
-- result's province since 0003)
UPDATE sampling_followups SET province_code = r.province_code
  FROM sampling_results r WHERE r.id = sampling_followups.result_id
  AND r.province_code <> sampling_followups.province_code;
ALTER TABLE sampling_followups DROP CONSTRAINT sampling_followups_result_id_fkey;
ALTER TABLE sampling_results DROP CONSTRAINT sampling_results_pkey;
ALTER TABLE sampling_results ADD PRIMARY KEY (id, province_code);
ALTER TABLE sampling_followups ADD CONSTRAINT sampling_followups_result_fkey
  FOREIGN KEY (province_code, result_id)
  REFERENCES sampling_results(province_code, id) ON DELETE CASCADE
  ON UPDATE CASCADE DEFERRABLE INITIALLY IMMEDIATE;

-- 0018's foreign keys (complaints → regions and categories, the bindings
-- → indicators) were not declared DEFERRABLE as 0005 asks: a restore or
-- copy, which loads tables in any order, failed on a database with
-- complaints. Every foreign key is deferrable again, as 0005 made them.
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
