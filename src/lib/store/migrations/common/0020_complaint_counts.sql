-- The figures of the complaint register kept current incrementally
-- (docs/complaints.md "Figures"): counts per handling county and year
-- that each step of an item changes by the item's own share, so that a
-- bound indicator is rewritten from a few rows, not from every item of a
-- province. The row ('*', 0) says the counts were built from the items;
-- without it the first reader builds them (a database from before this
-- migration, or after `qcity complaint bind` rebuilt them).
CREATE TABLE complaint_counts (
  region_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  items BIGINT NOT NULL DEFAULT 0,
  complaints BIGINT NOT NULL DEFAULT 0,
  reports BIGINT NOT NULL DEFAULT 0,
  decided BIGINT NOT NULL DEFAULT 0,
  decided_on_time BIGINT NOT NULL DEFAULT 0,
  concluded BIGINT NOT NULL DEFAULT 0,
  agreed BIGINT NOT NULL DEFAULT 0,
  handled BIGINT NOT NULL DEFAULT 0,
  handled_on_time BIGINT NOT NULL DEFAULT 0,
  rated BIGINT NOT NULL DEFAULT 0,
  satisfied BIGINT NOT NULL DEFAULT 0,
  recovered DOUBLE PRECISION NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, year)
);

-- Complaints per 10 000 registered enterprises becomes a measure a plan
-- indicator can be bound to: the table again with the wider CHECK.
CREATE TABLE complaint_bindings_0020 (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id) ON DELETE CASCADE,
  measure TEXT NOT NULL CHECK (measure IN ('accept_on_time',
    'mediation_success', 'handled_on_time', 'satisfaction', 'recovered',
    'items', 'per_10k_enterprises')),
  created_at TEXT NOT NULL
);
INSERT INTO complaint_bindings_0020 (indicator_id, measure, created_at)
  SELECT indicator_id, measure, created_at FROM complaint_bindings;
DROP TABLE complaint_bindings;
ALTER TABLE complaint_bindings_0020 RENAME TO complaint_bindings;

-- The board's counts by state over the whole register.
CREATE INDEX complaints_state ON complaints(state, region_code);
-- The hot spots of a month (qcity complaint hotspots) read receipts per
-- county, product category (0: none) and month from here, kept by the
-- intake, the import and transfers, instead of 13 months of items.
CREATE TABLE complaint_months (
  region_code TEXT NOT NULL,
  category_id BIGINT NOT NULL DEFAULT 0,
  month TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (month, region_code, category_id)
);
INSERT INTO complaint_months (region_code, category_id, month, n)
  SELECT region_code, COALESCE(category_id, 0), substr(received_on, 1, 7),
    COUNT(*) FROM complaints
  GROUP BY region_code, COALESCE(category_id, 0), substr(received_on, 1, 7);
