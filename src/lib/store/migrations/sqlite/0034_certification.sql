-- The certification register (认证; docs/certification.md): the
-- certificates held by the enterprises of a county, as the certification
-- bodies and the national platform (全国认证认可信息公共服务平台) list
-- them, and the plan indicators computed from it. postgres/0034 is the
-- same table with the national keys of 0033.
--
-- A certificate is its number within its issuing body (body, number):
-- a re-import updates it. kind is a code of the catalogue in
-- docs/certification.md (ccc, iso9001 ...), kind_text the file's words.
-- The holder is kept as written (holder_name), with its credit code;
-- enterprise_id links it to the enterprises table when that code is
-- registered there (as awards do). expires_on is the certificate's own
-- 有效期至, required: the register never computes an expiry. status is
-- what the body recorded (有效 valid, 暂停 suspended, 撤销 revoked, 注销
-- cancelled); 过期 is not stored but judged from expires_on on the day
-- asked.
--
-- The table travels to the national server (docs/scaling.md "Which
-- tables are national"): ids collide between provinces there, so as
-- 0033 did SQLite keeps its INTEGER PRIMARY KEY AUTOINCREMENT id with a
-- unique (province_code, id) beside it, the same columns as PostgreSQL.
-- The bindings stay on the province (its plan indicators).
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  province_code TEXT NOT NULL,
  number TEXT NOT NULL,
  body TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ccc', 'iso9001', 'iso14001',
    'iso45001', 'food_safety', 'organic', 'green_food', 'pollution_free',
    'service', 'other')),
  kind_text TEXT NOT NULL,
  scope TEXT,
  holder_name TEXT NOT NULL,
  holder_uscc TEXT,
  enterprise_id BIGINT REFERENCES enterprises(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  region_code TEXT NOT NULL REFERENCES regions(code)
    DEFERRABLE INITIALLY IMMEDIATE,
  issued_on TEXT,
  expires_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'suspended', 'revoked',
    'cancelled')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (body, number)
);
CREATE UNIQUE INDEX certificates_province_id
  ON certificates(province_code, id);
CREATE INDEX certificates_region
  ON certificates(region_code, kind, expires_on);

-- Plan indicators computed from the register (qcity certification
-- bind), kept current by every import.
CREATE TABLE certificate_bindings (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id)
    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  measure TEXT NOT NULL CHECK (measure IN ('certificates', 'holders',
    'system_certificates', 'system_holders', 'product_certificates',
    'product_holders', 'agri_certificates', 'agri_holders')),
  created_at TEXT NOT NULL
);
