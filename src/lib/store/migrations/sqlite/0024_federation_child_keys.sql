-- SQLite dialect (postgres/0024 moves the primary keys and the foreign
-- keys). Issue 21 part 1, docs/scaling.md "Federation": the tables that
-- refer to complaints and credit events carry the province of the row
-- they refer to, filled here and written by the library, so that a copy
-- to PostgreSQL (whose foreign keys include it) and back is lossless.
-- SQLite keeps the INTEGER PRIMARY KEY AUTOINCREMENT ids (a two-column
-- primary key would lose them) with 0023's unique (province_code, id)
-- beside them, and its foreign keys on the id: SQLite cannot add a
-- foreign key to an existing table without rebuilding it, and the id
-- alone already decides the parent row here. Every row is kept.
ALTER TABLE complaint_events ADD COLUMN province_code TEXT;
UPDATE complaint_events SET province_code = (SELECT c.province_code
  FROM complaints c WHERE c.id = complaint_events.complaint_id);
UPDATE credit_events SET province_code = (SELECT e.province_code
  FROM enterprises e WHERE e.id = credit_events.enterprise_id)
  WHERE province_code IS NULL;
ALTER TABLE credit_listings ADD COLUMN province_code TEXT;
UPDATE credit_listings SET province_code = COALESCE(
  (SELECT v.province_code FROM credit_events v
    WHERE v.id = credit_listings.event_id),
  (SELECT e.province_code FROM enterprises e
    WHERE e.id = credit_listings.enterprise_id));
UPDATE sampling_followups SET province_code = (SELECT r.province_code
  FROM sampling_results r WHERE r.id = sampling_followups.result_id)
  WHERE province_code <> (SELECT r.province_code FROM sampling_results r
  WHERE r.id = sampling_followups.result_id);
