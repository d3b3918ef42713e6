-- The register of compulsorily verified measuring instruments (强制检定的
-- 计量器具; docs/metrology.md): the instruments a county's office holds on
-- record, their verifications, and the figures plans set targets on
-- (强制检定计量器具受检率, 检定合格率).
--
-- code is the register's number of the instrument (its 强检备案编号 or
-- what the office keys it by), unique: a re-import updates it. kind is
-- the instrument as the catalogue 《实施强制管理的计量器具目录》 names it
-- (电子计价秤, 燃油加油机 ...), kept as written. next_due is the date the
-- verification certificate gives as the end of its validity (有效期至 /
-- 下次检定日期), or one the office's period for the kind gave; a
-- verification keeps the due date it answered in due_on, so the rate of
-- a past year can be told. last_result 'fail': may not be used (计量法
-- 第九条) until a verification passes. status_on: the day it was stopped
-- or scrapped; NULL in use. Not replicated to the nation in this version.
CREATE TABLE metrology_instruments (
  id {{ID}},
  province_code TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  model TEXT,
  serial_no TEXT,
  purpose TEXT CHECK (purpose IN ('trade', 'safety', 'medical',
    'environment')),
  region_code TEXT NOT NULL REFERENCES regions(code)
    DEFERRABLE INITIALLY IMMEDIATE,
  owner_name TEXT NOT NULL,
  owner_uscc TEXT,
  next_due TEXT,
  status TEXT NOT NULL CHECK (status IN ('in_use', 'stopped', 'scrapped')),
  status_on TEXT,
  last_result TEXT CHECK (last_result IN ('pass', 'fail')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX metrology_instruments_region
  ON metrology_instruments(region_code, status, next_due);

CREATE TABLE metrology_verifications (
  id {{ID}},
  instrument_id BIGINT NOT NULL REFERENCES metrology_instruments(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  verified_on TEXT NOT NULL,
  due_on TEXT,
  result TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
  next_due TEXT,
  certificate TEXT,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX metrology_verifications_instrument
  ON metrology_verifications(instrument_id, due_on);

-- The office's verification period for a kind of instrument (months), used
-- when a verification that passed gives no next due date. Set by the
-- office from the verification regulation (检定规程) of the kind; none
-- is assumed.
CREATE TABLE metrology_periods (
  kind TEXT PRIMARY KEY,
  months INTEGER NOT NULL CHECK (months BETWEEN 1 AND 120),
  basis TEXT NOT NULL,
  actor TEXT NOT NULL,
  set_at TEXT NOT NULL
);

-- Plan indicators computed from the register (qcity metrology bind), kept
-- current by every import and verification.
CREATE TABLE metrology_bindings (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id)
    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  measure TEXT NOT NULL CHECK (measure IN ('verification_rate',
    'pass_rate')),
  created_at TEXT NOT NULL
);
