-- PostgreSQL dialect of sqlite/0023_federation_keys.sql.
-- The nation (issue 21, docs/scaling.md "Federation"): every table a
-- national server receives from many provinces is keyed by province. The
-- audit log and credit events get province_code (credit events: their
-- enterprise's province; the rest are filled with the server's own
-- province by `qcity federation publish`, which also makes it the column's
-- default there), and the tables with ids a unique key (province_code,
-- id) beside the primary key (id): the key the national server's
-- partitions are built on and replication identifies rows by. Every row
-- is kept; nothing is rebuilt. Applies after 0022 (sampling_results'
-- indexes and columns: this one adds nothing to sampling_results, whose
-- (province_code, id) key 0005 made).
ALTER TABLE audit_log ADD COLUMN province_code TEXT;
ALTER TABLE credit_events ADD COLUMN province_code TEXT;
UPDATE credit_events SET province_code = (SELECT e.province_code
  FROM enterprises e WHERE e.id = credit_events.enterprise_id);
-- indicator_values, which no foreign key refers to, has the key as its
-- primary key here (SQLite: the unique key of sqlite/0023, which keeps
-- its INTEGER PRIMARY KEY AUTOINCREMENT id).
ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_pkey,
  ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX complaints_province_id ON complaints(province_code, id);
CREATE UNIQUE INDEX credit_events_province_id
  ON credit_events(province_code, id);
-- "As of": a province's newest change is its newest audit entry.
CREATE INDEX audit_province_at ON audit_log(province_code, at);
