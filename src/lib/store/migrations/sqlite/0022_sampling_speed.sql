-- Sampling at the engines' speed (issue 20 parts 3 and 4, docs/registry.md
-- "Indexes"). sampling_results keeps only the indexes a query uses, none
-- overlapping: the province-led (province_code, id) and (province_code,
-- region_code, sampled_on) served no query (every id lookup uses the
-- primary key, every region filter the (region_code, sampled_on) index)
-- and cost each insert two more index writes. The enterprise index gains
-- the verdict and the date (a credit grading, the products of a black
-- list row, an enterprise's failures are ranges of it), and the
-- unqualified results get an index of their own (6 % of the rows), so
-- `sampling list --failed` is a range too.
DROP INDEX sampling_results_province_key;
DROP INDEX sampling_results_province_region;
DROP INDEX sampling_enterprise;
CREATE INDEX sampling_enterprise
  ON sampling_results(enterprise_id, passed, sampled_on);
CREATE INDEX sampling_failed ON sampling_results(region_code, sampled_on)
  WHERE passed = 0;

-- What the parser reads and did not keep: the sampled unit (受检单位,
-- the seller where it is not the producer) and how precisely the date
-- was written (a quarter is stored as its first day).
ALTER TABLE sampling_results ADD COLUMN sampled_unit TEXT;
ALTER TABLE sampling_results ADD COLUMN sampled_address TEXT;
ALTER TABLE sampling_results ADD COLUMN date_precision TEXT NOT NULL
  DEFAULT 'day'
  CHECK (date_precision IN ('day', 'month', 'quarter', 'half', 'year'));

-- Results per enterprise and year, under each area a region list can ask
-- for (the span prefix of the result's region: its province '23', its
-- prefecture '2309', its county '230902', a township's own code), kept by
-- the importer in the same transaction. The red and black lists are then
-- pages of an index, not a grouping of every result of the region.
CREATE TABLE sampling_enterprise_years (
  province_code TEXT NOT NULL,
  area TEXT NOT NULL,
  enterprise_id BIGINT NOT NULL,
  year INTEGER NOT NULL,
  samples INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  PRIMARY KEY (province_code, area, enterprise_id, year)
);
CREATE INDEX sampling_enterprise_years_list
  ON sampling_enterprise_years(province_code, area, year, failed,
                               enterprise_id);
WITH g AS (
  SELECT region_code AS c, enterprise_id AS e,
         CAST(substr(sampled_on, 1, 4) AS INTEGER) AS y,
         COUNT(*) AS n, SUM(1 - passed) AS f
  FROM sampling_results WHERE enterprise_id IS NOT NULL
  GROUP BY region_code, enterprise_id, CAST(substr(sampled_on, 1, 4) AS INTEGER)),
a AS (
  SELECT substr(c, 1, 2) AS area, c, e, y, n, f FROM g
  UNION ALL SELECT substr(c, 1, 4), c, e, y, n, f FROM g
    WHERE length(c) = 9 OR substr(c, 3, 4) <> '0000'
  UNION ALL SELECT substr(c, 1, 6), c, e, y, n, f FROM g
    WHERE length(c) = 9 OR substr(c, 5, 2) <> '00'
  UNION ALL SELECT c, c, e, y, n, f FROM g WHERE length(c) = 9)
INSERT INTO sampling_enterprise_years (province_code, area, enterprise_id,
  year, samples, failed)
  SELECT substr(area, 1, 2) || '0000', area, e, y, SUM(n), SUM(f) FROM a
  GROUP BY area, e, y;

-- The follow-up board is a page of the open follow-ups by deadline: the
-- deadline of what is awaited (NULL once closed) and the day past which
-- it counts as overdue (the deadline, or the correction's when that is
-- earlier and no correction is recorded) are stored, with the region, and
-- kept by the importer and by each recorded step (followup.c).
ALTER TABLE sampling_followups ADD COLUMN region_code TEXT;
ALTER TABLE sampling_followups ADD COLUMN due_on TEXT;
ALTER TABLE sampling_followups ADD COLUMN alarm_on TEXT;
UPDATE sampling_followups SET
  region_code = (SELECT r.region_code FROM sampling_results r
                 WHERE r.id = sampling_followups.result_id),
  due_on = CASE
    WHEN objection_upheld = 1 THEN NULL
    WHEN ordered_on IS NULL THEN date(notified_on, '+15 days')
    WHEN reinspected_on IS NULL THEN date(ordered_on, '+75 days')
    WHEN reinspect_passed = 1 THEN NULL
    WHEN published_on IS NULL THEN date(reinspected_on, '+15 days')
    WHEN second_reinspected_on IS NULL THEN date(published_on, '+90 days')
    ELSE NULL END;
UPDATE sampling_followups SET alarm_on = CASE
  WHEN due_on IS NULL THEN NULL
  WHEN ordered_on IS NOT NULL AND corrected_on IS NULL
       AND date(ordered_on, '+60 days') < due_on
    THEN date(ordered_on, '+60 days')
  ELSE due_on END;
CREATE INDEX sampling_followups_due
  ON sampling_followups(due_on, result_id, region_code, alarm_on)
  WHERE due_on IS NOT NULL;
