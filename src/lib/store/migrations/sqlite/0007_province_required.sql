-- Second half of 0005 (expand/contract): the library now writes the
-- province, so it becomes required, and the keys of the two tables that
-- are upserted lead with it (the old ones go). SQLite cannot add NOT NULL
-- or change a key in place: each table is rebuilt, rows and ids kept, with
-- province_code as its last column as on PostgreSQL.

CREATE TABLE indicator_values_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  indicator_id BIGINT NOT NULL REFERENCES indicators(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  period TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  unit TEXT,
  unit_id BIGINT REFERENCES units(id),
  submitted_at TEXT NOT NULL,
  note TEXT,
  source TEXT,
  province_code TEXT NOT NULL,
  UNIQUE (province_code, indicator_id, region_code, period)
);
INSERT INTO indicator_values_new (id, indicator_id, region_code, period,
  value, unit, unit_id, submitted_at, note, source, province_code)
  SELECT id, indicator_id, region_code, period, value, unit, unit_id,
         submitted_at, note, source,
         COALESCE(province_code, substr(region_code, 1, 2) || '0000')
  FROM indicator_values;
DROP TABLE indicator_values;
ALTER TABLE indicator_values_new RENAME TO indicator_values;
CREATE INDEX values_region ON indicator_values(region_code, period);

CREATE TABLE sampling_counts_new (
  region_code TEXT NOT NULL,
  level TEXT NOT NULL,
  category_id BIGINT NOT NULL DEFAULT 0,
  year INTEGER NOT NULL,
  samples INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  province_code TEXT NOT NULL,
  PRIMARY KEY (province_code, region_code, level, category_id, year)
);
INSERT INTO sampling_counts_new (region_code, level, category_id, year,
  samples, passed, province_code)
  SELECT region_code, level, category_id, year, samples, passed,
         COALESCE(province_code, substr(region_code, 1, 2) || '0000')
  FROM sampling_counts;
DROP TABLE sampling_counts;
ALTER TABLE sampling_counts_new RENAME TO sampling_counts;
-- Sums over a region subtree range-scan region_code.
CREATE INDEX sampling_counts_region
  ON sampling_counts(region_code, level, category_id, year);
