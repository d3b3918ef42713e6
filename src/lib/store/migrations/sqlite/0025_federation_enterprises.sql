-- SQLite dialect (postgres/0025 moves the primary keys and the foreign
-- keys). Issue 21 part 1, docs/scaling.md "Which tables are national":
-- enterprises, credit_listings and complaint_events are keyed by
-- province on PostgreSQL; here, as 0023 did for values, complaints and
-- credit events, each keeps its INTEGER PRIMARY KEY AUTOINCREMENT id (a
-- two-column primary key would lose it) with a unique (province_code,
-- id) beside it, so the columns and keys a copy to PostgreSQL needs are
-- the same and `db copy` stays lossless. The rows that refer to an
-- enterprise take its province (an enterprise import that moved an
-- enterprise to another province did not carry its credit events and
-- listings along before; enterprise.c does now). Every row is kept.
UPDATE credit_events SET province_code = (SELECT e.province_code
  FROM enterprises e WHERE e.id = credit_events.enterprise_id)
  WHERE province_code IS NOT (SELECT e.province_code FROM enterprises e
  WHERE e.id = credit_events.enterprise_id);
UPDATE credit_listings SET province_code = (SELECT e.province_code
  FROM enterprises e WHERE e.id = credit_listings.enterprise_id)
  WHERE province_code IS NOT (SELECT e.province_code FROM enterprises e
  WHERE e.id = credit_listings.enterprise_id);
CREATE UNIQUE INDEX enterprises_province_id ON enterprises(province_code, id);
CREATE UNIQUE INDEX credit_listings_province_id
  ON credit_listings(province_code, id);
CREATE UNIQUE INDEX complaint_events_province_id
  ON complaint_events(province_code, id);
