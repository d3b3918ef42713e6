-- Working days: the State Council's yearly holiday notices as loaded from
-- the npm package chinese-days (qcity calendar load; docs/working-days.md).
-- One row per listed day: a holiday (off) or a make-up working day of 调休
-- (on); every other day follows the week. calendar_years says which years
-- the loaded notices cover: a date outside them is an error, not a guess.
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL
);
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);
