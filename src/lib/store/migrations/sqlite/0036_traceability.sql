-- The traceability register (追溯; docs/traceability.md): the subjects
-- (生产经营主体) enrolled on a traceability platform (国家农产品质量安全
-- 追溯管理信息平台, a province's 食品安全追溯平台, 重要产品追溯平台 ...)
-- and their product lines, one row each as the platform exports them,
-- and the plan indicators computed from it. postgres/0036 is the same
-- table with the national keys of 0033.
--
-- A row is a subject's product line on a platform: (platform,
-- subject_key, product) is unique, so a re-import updates it.
-- subject_key is the subject's credit code, else its name as written;
-- product is '' for a row of the subject alone. subject_type and category
-- are codes of the catalogues in docs/traceability.md (category: the
-- seven kinds of 重要产品 of 国办发〔2015〕95号, and other); products is
-- the platform's 追溯产品数 of the row. enterprise_id links the subject to
-- the enterprises table when its code is registered there (the coverage
-- of above-scale food producers reads it). status is the platform's: 正常
-- active, 注销 cancelled.
--
-- The table travels to the national server (docs/scaling.md): as 0033 and
-- 0034 did, SQLite keeps its INTEGER PRIMARY KEY AUTOINCREMENT id with a
-- unique (province_code, id) beside it. The bindings stay on the
-- province (its plan indicators).
CREATE TABLE trace_enrolments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  province_code TEXT NOT NULL,
  platform TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  subject_uscc TEXT,
  subject_code TEXT,
  subject_type TEXT NOT NULL CHECK (subject_type IN ('producer', 'trader',
    'slaughter', 'catering', 'other')),
  category TEXT NOT NULL CHECK (category IN ('edible_agri', 'food', 'drug',
    'agri_input', 'special_equipment', 'hazardous', 'rare_earth',
    'other')),
  category_text TEXT NOT NULL,
  product TEXT NOT NULL,
  products INTEGER NOT NULL CHECK (products >= 0),
  enterprise_id BIGINT REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  region_code TEXT NOT NULL REFERENCES regions(code)
    DEFERRABLE INITIALLY IMMEDIATE,
  enrolled_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (platform, subject_key, product)
);
CREATE UNIQUE INDEX trace_enrolments_province_id
  ON trace_enrolments(province_code, id);
CREATE INDEX trace_enrolments_region
  ON trace_enrolments(region_code, category, enrolled_on);
CREATE INDEX trace_enrolments_enterprise
  ON trace_enrolments(enterprise_id);

-- Plan indicators computed from the register (qcity traceability bind),
-- kept current by every import.
CREATE TABLE trace_bindings (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id)
    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  measure TEXT NOT NULL CHECK (measure IN ('subjects', 'products',
    'food_subjects', 'food_products', 'agri_subjects', 'agri_products',
    'food_coverage')),
  created_at TEXT NOT NULL
);
