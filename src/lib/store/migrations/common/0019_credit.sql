-- Quality credit (docs/credit.md): events per enterprise beyond the
-- sampling results already stored, the grading scheme as versioned data,
-- each enterprise's current grade with the events and rules behind it,
-- the black list, penalty disclosures and the red list with their legal
-- clocks, logged sanctions checks, the awards and brands register, the
-- yearly tax paid that reward rules read, and reward approvals. Foreign
-- keys are DEFERRABLE, as every table's since 0005, so a copy between
-- engines may load the tables in any order.

CREATE TABLE credit_events (
  id {{ID}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  kind TEXT NOT NULL CHECK (kind IN ('penalty', 'complaint_upheld',
    'award', 'certification', 'cqo_appointed', 'recall')),
  occurred_on TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT,
  authority TEXT,
  evidence TEXT,
  category TEXT NOT NULL DEFAULT 'general'
    CHECK (category IN ('general', 'food', 'drug', 'special_equipment')),
  created_at TEXT NOT NULL
);
CREATE INDEX credit_events_enterprise ON credit_events(enterprise_id,
  occurred_on);
-- A penalty decision is one event: a re-import of the same list adds none.
CREATE UNIQUE INDEX credit_events_evidence ON credit_events(kind, evidence)
  WHERE evidence IS NOT NULL;

CREATE TABLE credit_schemes (
  version TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL
);

CREATE TABLE credit_grades (
  enterprise_id BIGINT PRIMARY KEY REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
  score DOUBLE PRECISION NOT NULL,
  scheme_version TEXT NOT NULL,
  as_of TEXT NOT NULL,
  basis TEXT NOT NULL,
  computed_at TEXT NOT NULL
);

-- list: black (严重违法失信名单), penalty (行政处罚信息公示), red (质量诚信红榜).
-- public_until is the end of the legal term (exclusive: the day it leaves
-- the list), repair_from the first day credit repair may be applied for.
CREATE TABLE credit_listings (
  id {{ID}},
  enterprise_id BIGINT NOT NULL REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  list TEXT NOT NULL CHECK (list IN ('black', 'penalty', 'red')),
  category TEXT NOT NULL DEFAULT 'general'
    CHECK (category IN ('general', 'food', 'drug', 'special_equipment')),
  ground TEXT NOT NULL,
  decision_no TEXT,
  authority TEXT,
  decided_on TEXT NOT NULL,
  public_until TEXT,
  repair_from TEXT,
  repair_applied_on TEXT,
  repair_approved_on TEXT,
  removed_on TEXT,
  removal TEXT CHECK (removal IN ('repair', 'expired', 'revoked')),
  published_on TEXT,
  event_id BIGINT REFERENCES credit_events(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  created_at TEXT NOT NULL
);
CREATE INDEX credit_listings_enterprise ON credit_listings(enterprise_id);
CREATE INDEX credit_listings_list ON credit_listings(list, decided_on);

CREATE TABLE credit_checks (
  id {{ID}},
  uscc TEXT NOT NULL,
  enterprise_id BIGINT REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  purpose TEXT NOT NULL CHECK (purpose IN ('procurement', 'subsidy',
    'award')),
  as_of TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('allowed', 'restricted')),
  rule TEXT NOT NULL,
  listing_id BIGINT REFERENCES credit_listings(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  checked_at TEXT NOT NULL,
  actor TEXT NOT NULL
);

-- kind × level: 中国质量奖 quality_award/national, 省政府质量奖
-- quality_award/provincial, 中国名牌 brand_product/national, 驰名商标
-- well_known_trademark/national, 省著名商标 famous_trademark/provincial …
CREATE TABLE awards (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('quality_award',
    'quality_award_nominee', 'brand_product', 'well_known_trademark',
    'famous_trademark', 'gi_product', 'gi_trademark', 'regional_brand',
    'chief_quality_officer')),
  level TEXT NOT NULL CHECK (level IN ('national', 'provincial',
    'municipal', 'county')),
  holder TEXT NOT NULL,
  uscc TEXT,
  enterprise_id BIGINT REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  region_code TEXT NOT NULL REFERENCES regions(code)
    DEFERRABLE INITIALLY IMMEDIATE,
  name TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL,
  valid_until TEXT,
  certificate TEXT,
  source TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (kind, level, holder, name, year)
);
CREATE INDEX awards_region ON awards(region_code, kind, year);

CREATE TABLE tax_paid (
  uscc TEXT NOT NULL,
  year INTEGER NOT NULL,
  name TEXT,
  amount DOUBLE PRECISION NOT NULL CHECK (amount >= 0),
  source TEXT,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (uscc, year)
);

CREATE TABLE reward_approvals (
  id {{ID}},
  rules TEXT NOT NULL,
  year INTEGER NOT NULL,
  award_id BIGINT NOT NULL REFERENCES awards(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  rule TEXT NOT NULL,
  amount DOUBLE PRECISION,
  approved_on TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  UNIQUE (rules, year, award_id)
);
