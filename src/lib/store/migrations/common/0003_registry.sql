-- Registries that feed the targets: enterprises (市场主体) and results of
-- supervision sampling (监督抽查/抽检), with counts per region, level,
-- category and period kept current as results arrive, and indicators bound
-- to them. Large tables carry the province code so they can later be
-- distributed by province without a schema change.

CREATE TABLE enterprises (
  id {{ID}},
  uscc TEXT UNIQUE,
  verified INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1)),
  name TEXT NOT NULL,
  province_code TEXT NOT NULL,
  region_code TEXT REFERENCES regions(code),
  address TEXT,
  industry TEXT,
  above_scale INTEGER CHECK (above_scale IN (0, 1)),
  chief_quality_officer TEXT,
  created_at TEXT NOT NULL
);
-- Enterprises without a code are found by name within their region.
CREATE INDEX enterprises_name ON enterprises(name, region_code);
CREATE INDEX enterprises_region ON enterprises(region_code);

CREATE TABLE product_categories (
  id {{ID}},
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE product_category_synonyms (
  synonym TEXT PRIMARY KEY,
  category_id BIGINT NOT NULL REFERENCES product_categories(id)
    ON DELETE CASCADE
);

CREATE TABLE sampling_results (
  id {{ID}},
  province_code TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  level TEXT NOT NULL
    CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  sampling_plan TEXT,
  batch TEXT,
  sample_no TEXT,
  enterprise_id BIGINT REFERENCES enterprises(id),
  enterprise_name TEXT NOT NULL,
  product TEXT NOT NULL,
  category_id BIGINT REFERENCES product_categories(id),
  spec TEXT,
  lot TEXT,
  sampled_on TEXT NOT NULL,
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  failed_items TEXT,
  testing_body TEXT,
  source TEXT,
  imported_at TEXT NOT NULL
);
CREATE INDEX sampling_region_date ON sampling_results(region_code, sampled_on);
CREATE INDEX sampling_enterprise ON sampling_results(enterprise_id);
CREATE UNIQUE INDEX sampling_sample_no ON sampling_results(sample_no)
  WHERE sample_no IS NOT NULL;

-- Results counted per county-level region, level, category and year, kept
-- by the importer in the same transaction, so a pass rate for any region
-- subtree and period is a sum over a few rows instead of a scan.
CREATE TABLE sampling_counts (
  region_code TEXT NOT NULL,
  level TEXT NOT NULL,
  category_id BIGINT NOT NULL DEFAULT 0,
  year INTEGER NOT NULL,
  samples INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  PRIMARY KEY (region_code, level, category_id, year)
);

-- An indicator whose values are computed: the pass rate of sampling
-- results of the given levels (comma-separated, empty = all) and category
-- (NULL = all).
CREATE TABLE indicator_bindings (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id)
    ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('sampling_pass_rate')),
  levels TEXT NOT NULL DEFAULT '',
  category_id BIGINT REFERENCES product_categories(id),
  created_at TEXT NOT NULL
);

-- Follow-up of an unqualified result (后处理): the dates each step
-- happened; deadlines are derived from them (src/lib/registry/followup.c).
CREATE TABLE sampling_followups (
  result_id BIGINT PRIMARY KEY REFERENCES sampling_results(id)
    ON DELETE CASCADE,
  province_code TEXT NOT NULL,
  notified_on TEXT NOT NULL,
  objection_on TEXT,
  objection_upheld INTEGER CHECK (objection_upheld IN (0, 1)),
  ordered_on TEXT,
  corrected_on TEXT,
  reinspected_on TEXT,
  reinspect_passed INTEGER CHECK (reinspect_passed IN (0, 1)),
  published_on TEXT,
  second_reinspected_on TEXT,
  second_passed INTEGER CHECK (second_passed IN (0, 1)),
  updated_at TEXT NOT NULL
);
