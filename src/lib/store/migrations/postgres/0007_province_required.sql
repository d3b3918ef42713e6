-- Second half of 0005 (expand/contract): the library now writes the
-- province, so it becomes required, and the keys of the two tables that
-- are upserted lead with it (the old ones go), as a table distributed by
-- province needs. PostgreSQL dialect of sqlite/0007_province_required.sql.

UPDATE indicator_values
  SET province_code = substr(region_code, 1, 2) || '0000'
  WHERE province_code IS NULL;
ALTER TABLE indicator_values ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE indicator_values
  DROP CONSTRAINT indicator_values_indicator_id_region_code_period_key;

UPDATE sampling_counts
  SET province_code = substr(region_code, 1, 2) || '0000'
  WHERE province_code IS NULL;
ALTER TABLE sampling_counts ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE sampling_counts DROP CONSTRAINT sampling_counts_pkey;
DROP INDEX sampling_counts_province_key;
ALTER TABLE sampling_counts ADD PRIMARY KEY
  (province_code, region_code, level, category_id, year);
-- Sums over a region subtree range-scan region_code.
CREATE INDEX sampling_counts_region
  ON sampling_counts(region_code, level, category_id, year);
