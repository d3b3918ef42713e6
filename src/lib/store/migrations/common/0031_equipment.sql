-- The special-equipment register (特种设备; docs/equipment.md): the units
-- a county's regulator registered for use (使用登记), their periodic
-- inspections and the accidents, from which the figures of the plans
-- (定期检验率, 万台特种设备事故起数 and 死亡人数) are computed.
--
-- code is the 注册代码 (设备代码), unique: a re-import updates the unit.
-- category is a class of the 《特种设备目录》. status_on is the day a
-- unit was stopped (停用) or scrapped (报废); NULL while in use.
-- next_due is the 下次检验日期 as it stands; an inspection keeps the due
-- date it answered in due_on, so the rate of a past year can be told.
-- last_result: the conclusion of the last inspection ('fail': may not be
-- used until it passes a re-inspection, 特种设备安全法 第四十条).
-- Kept on the server that holds them (not replicated to the nation in
-- this version). Foreign keys DEFERRABLE, as 0005 asks on PostgreSQL.
CREATE TABLE equipment (
  id {{ID}},
  province_code TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL CHECK (category IN ('boiler', 'pressure_vessel',
    'gas_cylinder', 'pressure_piping', 'elevator', 'crane', 'ropeway',
    'amusement_ride', 'vehicle')),
  region_code TEXT NOT NULL REFERENCES regions(code)
    DEFERRABLE INITIALLY IMMEDIATE,
  user_name TEXT NOT NULL,
  user_uscc TEXT,
  registered_on TEXT,
  next_due TEXT,
  status TEXT NOT NULL CHECK (status IN ('in_use', 'stopped', 'scrapped')),
  status_on TEXT,
  last_result TEXT CHECK (last_result IN ('pass', 'fail', 'pass_on_recheck')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX equipment_region ON equipment(region_code, status, next_due);

CREATE TABLE equipment_inspections (
  id {{ID}},
  equipment_id BIGINT NOT NULL REFERENCES equipment(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  inspected_on TEXT NOT NULL,
  due_on TEXT,
  result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'pass_on_recheck')),
  next_due TEXT,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX equipment_inspections_unit
  ON equipment_inspections(equipment_id, due_on);

CREATE TABLE equipment_accidents (
  id {{ID}},
  province_code TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code)
    DEFERRABLE INITIALLY IMMEDIATE,
  happened_on TEXT NOT NULL,
  equipment_id BIGINT REFERENCES equipment(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  category TEXT CHECK (category IN ('boiler', 'pressure_vessel',
    'gas_cylinder', 'pressure_piping', 'elevator', 'crane', 'ropeway',
    'amusement_ride', 'vehicle')),
  deaths INTEGER NOT NULL CHECK (deaths >= 0),
  injuries INTEGER NOT NULL CHECK (injuries >= 0),
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX equipment_accidents_region
  ON equipment_accidents(region_code, happened_on);

-- Plan indicators computed from the register (qcity equipment bind), kept
-- current by every import, inspection and accident.
CREATE TABLE equipment_bindings (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id)
    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  measure TEXT NOT NULL CHECK (measure IN ('inspection_rate',
    'accidents_per_10k', 'deaths_per_10k')),
  created_at TEXT NOT NULL
);
