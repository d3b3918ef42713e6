-- Townships and streets (乡镇/街道, issue 11 part 5): a region code has six
-- digits or nine (a township: its county's six and three of its own), and
-- level 4 is a township.
--
-- Targets get a stable key within their plan ("t1", …; plan JSON "key"),
-- so that an edit or a re-import updates a target in place: its id, and
-- the parts and links on it, stay. Existing targets are keyed by their
-- position. SQLite dialect: sqlite/0012_townships_target_keys.sql.

ALTER TABLE regions DROP CONSTRAINT regions_code_check;
ALTER TABLE regions ADD CONSTRAINT regions_code_check
  CHECK (length(code) IN (6, 9));
ALTER TABLE regions DROP CONSTRAINT regions_level_check;
ALTER TABLE regions ADD CONSTRAINT regions_level_check
  CHECK (level BETWEEN 1 AND 4);

ALTER TABLE targets ADD COLUMN key TEXT;
UPDATE targets SET key = 't' || (seq + 1);
CREATE UNIQUE INDEX targets_key ON targets(plan_id, key);
