-- SQLite dialect (postgres/0027 also moves a published server's
-- publication and replica identities, and turns a national server's
-- tables back into plain ones). Issue 21, docs/scaling.md "Held by, made
-- in": sampling results and the tables derived from them that the nation
-- receives get held_by, the province whose server holds the row, beside
-- province_code, the result's region's province (the maker's, when the
-- table has no region column). Here no server publishes: held_by is
-- province_code, as on an unpublished PostgreSQL server, and the same
-- columns and keys as there keep `db copy` lossless:
--   sampling_counts           primary key (held_by, province_code,
--                             region_code, level, category_id, year)
--   sampling_enterprise_years primary key (held_by, province_code, area,
--                             enterprise_id, year)
-- (both rebuilt: SQLite cannot change a key in place; rows kept, held_by
-- NOT NULL, written by the library). sampling_results and
-- sampling_followups get the column, filled, and a trigger for a row
-- inserted without it (the library always gives it). Every row is kept.
ALTER TABLE sampling_results ADD COLUMN held_by TEXT;
UPDATE sampling_results SET held_by = province_code;
CREATE TRIGGER sampling_results_held_by AFTER INSERT ON sampling_results
  WHEN NEW.held_by IS NULL
BEGIN
  UPDATE sampling_results SET held_by = NEW.province_code WHERE id = NEW.id;
END;
ALTER TABLE sampling_followups ADD COLUMN held_by TEXT;
UPDATE sampling_followups SET held_by = province_code;
CREATE TRIGGER sampling_followups_held_by AFTER INSERT ON sampling_followups
  WHEN NEW.held_by IS NULL
BEGIN
  UPDATE sampling_followups SET held_by = NEW.province_code
    WHERE result_id = NEW.result_id;
END;

CREATE TABLE sampling_counts_new (
  region_code TEXT NOT NULL,
  level TEXT NOT NULL,
  category_id BIGINT NOT NULL DEFAULT 0,
  year INTEGER NOT NULL,
  samples INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  province_code TEXT NOT NULL,
  held_by TEXT NOT NULL,
  PRIMARY KEY (held_by, province_code, region_code, level, category_id, year)
);
INSERT INTO sampling_counts_new (region_code, level, category_id, year,
  samples, passed, province_code, held_by)
  SELECT region_code, level, category_id, year, samples, passed,
         province_code, province_code
  FROM sampling_counts;
DROP TABLE sampling_counts;
ALTER TABLE sampling_counts_new RENAME TO sampling_counts;
CREATE INDEX sampling_counts_region
  ON sampling_counts(region_code, level, category_id, year);

CREATE TABLE sampling_enterprise_years_new (
  province_code TEXT NOT NULL,
  area TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  samples INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  held_by TEXT NOT NULL,
  PRIMARY KEY (held_by, province_code, area, enterprise_id, year)
);
INSERT INTO sampling_enterprise_years_new (province_code, area,
  enterprise_id, year, samples, failed, held_by)
  SELECT province_code, area, enterprise_id, year, samples, failed,
         province_code
  FROM sampling_enterprise_years;
DROP TABLE sampling_enterprise_years;
ALTER TABLE sampling_enterprise_years_new
  RENAME TO sampling_enterprise_years;
CREATE INDEX sampling_enterprise_years_list
  ON sampling_enterprise_years(province_code, area, year, failed,
                               enterprise_id);
