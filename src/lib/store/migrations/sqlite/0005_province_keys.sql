-- The province code in the keys of the large tables (docs/scaling.md), so
-- that a national deployment can distribute them by province without a
-- schema change. First half of an expand/contract change: the column and
-- the province-led keys exist now; the library passes the province when
-- it writes (until then a NULL means "derive it from region_code"), and a
-- later migration makes it NOT NULL and drops the old keys.
-- The province of a region is its GB/T 2260 code's first two digits.

ALTER TABLE indicator_values ADD COLUMN province_code TEXT;
UPDATE indicator_values SET province_code = substr(region_code, 1, 2) || '0000';
CREATE UNIQUE INDEX indicator_values_province_key
  ON indicator_values(province_code, indicator_id, region_code, period);

ALTER TABLE sampling_counts ADD COLUMN province_code TEXT;
UPDATE sampling_counts SET province_code = substr(region_code, 1, 2) || '0000';
CREATE UNIQUE INDEX sampling_counts_province_key
  ON sampling_counts(province_code, region_code, level, category_id, year);

-- sampling_results and sampling_followups carry it already (0003).
CREATE UNIQUE INDEX sampling_results_province_key
  ON sampling_results(province_code, id);
CREATE INDEX sampling_results_province_region
  ON sampling_results(province_code, region_code, sampled_on);
