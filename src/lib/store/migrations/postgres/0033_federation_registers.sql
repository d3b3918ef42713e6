-- PostgreSQL dialect of sqlite/0033_federation_registers.sql
-- (docs/scaling.md "Which tables are national" and "Keys on the province
-- servers"): the special-equipment register (0031) and the metrology
-- register (0032) travel to the nation, keyed there by (province_code,
-- id) as their ids collide between provinces. Here, as 0024 and 0025 did
-- for complaints and credit:
--   equipment, equipment_inspections, equipment_accidents,
--   metrology_instruments, metrology_verifications
--     primary key (province_code, id), with a unique index on id alone
--     (lookups by id: PostgreSQL 15 cannot skip the leading column);
--   equipment_inspections, metrology_verifications
--     get province_code (their unit's, instrument's; written by the
--     library) and foreign keys (province_code, equipment_id |
--     instrument_id) that follow a unit moved to another province;
--   equipment_accidents
--     keep their own province (their county's, which is their unit's
--     when they name one) and their foreign key on equipment(id).
-- The bindings and the office's metrology periods stay on the province.
-- On a national server the tables are not partitioned yet (db init
-- --national partitions them after this migration), so the same DDL
-- runs there. Every row is kept.
ALTER TABLE equipment_inspections ADD COLUMN province_code TEXT;
UPDATE equipment_inspections SET province_code = e.province_code
  FROM equipment e WHERE e.id = equipment_inspections.equipment_id;
ALTER TABLE equipment_inspections ALTER COLUMN province_code SET NOT NULL;
ALTER TABLE metrology_verifications ADD COLUMN province_code TEXT;
UPDATE metrology_verifications SET province_code = m.province_code
  FROM metrology_instruments m
  WHERE m.id = metrology_verifications.instrument_id;
ALTER TABLE metrology_verifications ALTER COLUMN province_code SET NOT NULL;

ALTER TABLE equipment_inspections
  DROP CONSTRAINT equipment_inspections_equipment_id_fkey;
ALTER TABLE equipment_accidents
  DROP CONSTRAINT equipment_accidents_equipment_id_fkey;
ALTER TABLE metrology_verifications
  DROP CONSTRAINT metrology_verifications_instrument_id_fkey;

ALTER TABLE equipment DROP CONSTRAINT equipment_pkey;
ALTER TABLE equipment ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX equipment_by_id ON equipment(id);
ALTER TABLE equipment_inspections DROP CONSTRAINT equipment_inspections_pkey;
ALTER TABLE equipment_inspections ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX equipment_inspections_by_id ON equipment_inspections(id);
ALTER TABLE equipment_accidents DROP CONSTRAINT equipment_accidents_pkey;
ALTER TABLE equipment_accidents ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX equipment_accidents_by_id ON equipment_accidents(id);
ALTER TABLE metrology_instruments DROP CONSTRAINT metrology_instruments_pkey;
ALTER TABLE metrology_instruments ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX metrology_instruments_by_id ON metrology_instruments(id);
ALTER TABLE metrology_verifications
  DROP CONSTRAINT metrology_verifications_pkey;
ALTER TABLE metrology_verifications ADD PRIMARY KEY (province_code, id);
CREATE UNIQUE INDEX metrology_verifications_by_id
  ON metrology_verifications(id);

ALTER TABLE equipment_inspections ADD CONSTRAINT equipment_inspections_unit_fkey
  FOREIGN KEY (province_code, equipment_id)
  REFERENCES equipment(province_code, id) ON UPDATE CASCADE
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE equipment_accidents
  ADD CONSTRAINT equipment_accidents_equipment_id_fkey
  FOREIGN KEY (equipment_id) REFERENCES equipment(id)
  DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE metrology_verifications
  ADD CONSTRAINT metrology_verifications_instrument_fkey
  FOREIGN KEY (province_code, instrument_id)
  REFERENCES metrology_instruments(province_code, id) ON UPDATE CASCADE
  DEFERRABLE INITIALLY IMMEDIATE;
