-- SQLite dialect (postgres/0026 moves the primary key and the foreign
-- keys). Issue 21, docs/scaling.md "Which tables are national": an
-- enterprise row gets held_by, the province whose server holds it,
-- beside province_code, where it is registered (they differ for a
-- product made elsewhere and sampled here). The nation keys enterprises
-- by (held_by, id) and each province publishes the rows it holds. As
-- 0025 did, SQLite keeps its INTEGER PRIMARY KEY AUTOINCREMENT id with a
-- unique (held_by, id) beside it, the same columns as PostgreSQL, so
-- `db copy` stays lossless. credit_events and credit_listings carry
-- their enterprise's holder (the same as its registration province
-- until now). A row inserted without held_by takes its registration
-- province, as on PostgreSQL. Every row is kept.
ALTER TABLE enterprises ADD COLUMN held_by TEXT;
UPDATE enterprises SET held_by = province_code;
UPDATE credit_events SET province_code = (SELECT e.held_by
  FROM enterprises e WHERE e.id = credit_events.enterprise_id)
  WHERE province_code IS NOT (SELECT e.held_by FROM enterprises e
  WHERE e.id = credit_events.enterprise_id);
UPDATE credit_listings SET province_code = (SELECT e.held_by
  FROM enterprises e WHERE e.id = credit_listings.enterprise_id)
  WHERE province_code IS NOT (SELECT e.held_by FROM enterprises e
  WHERE e.id = credit_listings.enterprise_id);
DROP INDEX IF EXISTS enterprises_province_id;
CREATE UNIQUE INDEX enterprises_held_by_id ON enterprises(held_by, id);
CREATE TRIGGER enterprises_held_by AFTER INSERT ON enterprises
  WHEN NEW.held_by IS NULL
BEGIN
  UPDATE enterprises SET held_by = NEW.province_code WHERE id = NEW.id;
END;
