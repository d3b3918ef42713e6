-- Townships and streets (乡镇/街道, issue 11 part 5): a region code has six
-- digits or nine (a township: its county's six and three of its own), and
-- level 4 is a township. SQLite cannot change a CHECK in place, so the
-- table is rebuilt with the references to it deferred to the commit (a row
-- put back answers the references the drop left open).
--
-- Targets get a stable key within their plan ("t1", …; plan JSON "key"),
-- so that an edit or a re-import updates a target in place: its id, and
-- the parts and links on it, stay. Existing targets are keyed by their
-- position. PostgreSQL dialect: postgres/0012_townships_target_keys.sql.

CREATE TABLE regions_0012 AS
  SELECT code, name, level, parent_code FROM regions;
PRAGMA defer_foreign_keys = ON;
DROP TABLE regions;
CREATE TABLE regions (
  code TEXT PRIMARY KEY CHECK (length(code) IN (6, 9)),
  name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  parent_code TEXT REFERENCES regions(code)
);
INSERT INTO regions (code, name, level, parent_code)
  SELECT code, name, level, parent_code FROM regions_0012 ORDER BY level;
DROP TABLE regions_0012;
CREATE INDEX regions_parent ON regions(parent_code);
CREATE INDEX regions_name ON regions(name);

ALTER TABLE targets ADD COLUMN key TEXT;
UPDATE targets SET key = 't' || (seq + 1);
CREATE UNIQUE INDEX targets_key ON targets(plan_id, key);
