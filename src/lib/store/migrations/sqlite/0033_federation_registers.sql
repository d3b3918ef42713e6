-- SQLite dialect (postgres/0033 moves the primary keys and the foreign
-- keys). docs/scaling.md "Which tables are national": the special-
-- equipment register (0031) and the metrology register (0032) travel to
-- the nation, as complaints and credit did (0025), so the nation has
-- each province's 特种设备 and 计量 figures. Their ids collide between
-- provinces there, so every row carries its province: the units,
-- instruments and accidents had province_code from their first migration;
-- the inspections and verifications get their unit's (instrument's),
-- filled here and written by the library, and every query that joins
-- them to their unit joins on the province too. As 0023 and 0025 did,
-- SQLite keeps its INTEGER PRIMARY KEY AUTOINCREMENT ids (a two-column
-- primary key would lose them) with a unique (province_code, id) beside
-- them, and its foreign keys on the id, so the columns are the same on
-- both engines and `db copy` stays lossless. The bindings and the
-- office's metrology periods stay on the province (plan and office
-- settings). Every row is kept.
ALTER TABLE equipment_inspections ADD COLUMN province_code TEXT;
UPDATE equipment_inspections SET province_code = (SELECT e.province_code
  FROM equipment e WHERE e.id = equipment_inspections.equipment_id);
ALTER TABLE metrology_verifications ADD COLUMN province_code TEXT;
UPDATE metrology_verifications SET province_code = (SELECT m.province_code
  FROM metrology_instruments m
  WHERE m.id = metrology_verifications.instrument_id);
CREATE UNIQUE INDEX equipment_province_id ON equipment(province_code, id);
CREATE UNIQUE INDEX equipment_inspections_province_id
  ON equipment_inspections(province_code, id);
CREATE UNIQUE INDEX equipment_accidents_province_id
  ON equipment_accidents(province_code, id);
CREATE UNIQUE INDEX metrology_instruments_province_id
  ON metrology_instruments(province_code, id);
CREATE UNIQUE INDEX metrology_verifications_province_id
  ON metrology_verifications(province_code, id);
