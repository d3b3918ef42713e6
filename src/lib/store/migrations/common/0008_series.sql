-- Each target its own series (issue 11). An indicator row is now a
-- measured series named exactly as plans name it (whitespace dropped); the
-- catalogue entry it compares with is a separate, reviewable link
-- (catalog_id, link_status) that never merges series. Catalogue rows link
-- to themselves. catalog_id has no REFERENCES so that `db copy` may insert
-- rows in id order whatever the links. Also the range a value may take
-- (min_value, max_value; NULL: open) and what kind of measure it is: a
-- level, a cumulative (running) total, or a yearly (period) flow.
--
-- Existing databases are split: a target whose indicator text differs
-- from the catalogue name it was filed under gets the series of its own
-- name (unit: the target's; none for a relative change in %), and every value of the old series is copied to each new series
-- that a target of it moved to (a series' own value for the same region
-- and period wins). One audit row per old indicator split says how many
-- series, targets and values. One file for both engines: the clock and the
-- aggregate that joins names are tokens (scripts/embed-sql.py).

ALTER TABLE indicators ADD COLUMN catalog_id BIGINT;
ALTER TABLE indicators ADD COLUMN link_status TEXT
  CHECK (link_status IN ('proposed', 'confirmed'));
ALTER TABLE indicators ADD COLUMN min_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN max_value DOUBLE PRECISION;
ALTER TABLE indicators ADD COLUMN kind TEXT NOT NULL DEFAULT 'level'
  CHECK (kind IN ('level', 'cumulative', 'flow'));
CREATE INDEX indicators_catalog ON indicators(catalog_id);

UPDATE indicators SET catalog_id = id, link_status = 'confirmed'
  WHERE in_catalog = 1;

CREATE TABLE series_split_0008 (
  target_id BIGINT PRIMARY KEY,
  old_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT
);
INSERT INTO series_split_0008 (target_id, old_id, name, unit)
  SELECT t.id, t.indicator_id,
         REPLACE(REPLACE(t.indicator_text, ' ', ''), '　', ''),
         CASE WHEN t.unit = 'pp' THEN '%'
              WHEN t.unit = '%' AND t.op IN ('increase', 'decrease',
                   'annual_growth') THEN NULL
              ELSE t.unit END
  FROM targets t;
DELETE FROM series_split_0008
  WHERE name = '' OR name = (SELECT i.name FROM indicators i
                             WHERE i.id = series_split_0008.old_id);

INSERT INTO indicators (name, unit, direction, domain, in_catalog,
                        catalog_id, link_status, kind)
  SELECT x.name, MIN(x.unit), MIN(i.direction),
         MIN(i.domain), 0, MIN(CASE WHEN i.in_catalog = 1 THEN i.id END),
         NULL, 'level'
  FROM series_split_0008 x JOIN indicators i ON i.id = x.old_id
  WHERE NOT EXISTS (SELECT 1 FROM indicators e WHERE e.name = x.name)
  GROUP BY x.name;
-- A listed synonym is the catalogue's own word: confirmed; a name the old
-- loose match filed there is only proposed, for the office to review.
UPDATE indicators SET link_status = CASE WHEN EXISTS (SELECT 1 FROM
    indicator_synonyms s WHERE s.synonym = indicators.name AND
    s.indicator_id = indicators.catalog_id) THEN 'confirmed'
    ELSE 'proposed' END
  WHERE in_catalog = 0 AND catalog_id IS NOT NULL;

INSERT INTO audit_log (at, actor, action, entity, entity_key, before_json,
                       after_json)
  SELECT {{NOW}}, 'migration:0008', 'split',
         'indicator', CAST(o.id AS TEXT),
         '{"name":"' || REPLACE(o.name, '"', '\"') || '"}',
         '{"series":[' || (SELECT {{GROUP_CONCAT}}('"' || REPLACE(d.name, '"',
              '\"') || '"', ',') FROM (SELECT DISTINCT name FROM
              series_split_0008 WHERE old_id = o.id ORDER BY name) d) ||
         '],"targets":' || CAST((SELECT COUNT(*) FROM series_split_0008 x
              WHERE x.old_id = o.id) AS TEXT) ||
         ',"values":' || CAST((SELECT COUNT(*) FROM indicator_values v
              WHERE v.indicator_id = o.id) AS TEXT) ||
         ',"copies":' || CAST((SELECT COUNT(*) FROM indicator_values v
              JOIN (SELECT DISTINCT old_id, name FROM series_split_0008) d
              ON d.old_id = v.indicator_id JOIN indicators n
              ON n.name = d.name WHERE v.indicator_id = o.id AND NOT EXISTS
              (SELECT 1 FROM indicator_values w WHERE w.indicator_id = n.id
               AND w.region_code = v.region_code AND w.period = v.period))
              AS TEXT) || '}'
  FROM indicators o
  WHERE o.id IN (SELECT old_id FROM series_split_0008)
  ORDER BY o.id;

INSERT INTO indicator_values (indicator_id, region_code, period, value,
  unit, unit_id, submitted_at, note, source, province_code)
  SELECT n.id, v.region_code, v.period, v.value, v.unit, v.unit_id,
         v.submitted_at, v.note, v.source, v.province_code
  FROM (SELECT DISTINCT old_id, name FROM series_split_0008) d
  JOIN indicators n ON n.name = d.name
  JOIN indicator_values v ON v.indicator_id = d.old_id
  WHERE NOT EXISTS (SELECT 1 FROM indicator_values w
                    WHERE w.indicator_id = n.id
                      AND w.region_code = v.region_code
                      AND w.period = v.period)
  ORDER BY n.id, v.id;

UPDATE targets SET indicator_id = (SELECT i.id FROM series_split_0008 x
    JOIN indicators i ON i.name = x.name WHERE x.target_id = targets.id)
  WHERE id IN (SELECT target_id FROM series_split_0008);
DROP TABLE series_split_0008;

-- Ranges: a rate in % is 0–100 and one in ‰ 0–1000, but a growth may
-- fall (down to -100 %) and a reduction may be negative; other measures
-- (counts, areas, concentrations, ratios) are never below 0.
UPDATE indicators SET min_value = 0, max_value = 100
  WHERE unit = '%';
UPDATE indicators SET min_value = -100, max_value = NULL
  WHERE unit = '%' AND (name LIKE '%增速%' OR name LIKE '%增长%' OR
                        name LIKE '%增幅%');
UPDATE indicators SET min_value = NULL, max_value = 100
  WHERE unit = '%' AND (name LIKE '%降低%' OR name LIKE '%下降%');
UPDATE indicators SET min_value = 0, max_value = 1000 WHERE unit = '‰';
UPDATE indicators SET min_value = 0
  WHERE unit IS NOT NULL AND unit NOT IN ('%', '‰', 'pp');
-- A range the stored values already leave is not imposed: the office
-- corrects the values or the range first.
UPDATE indicators SET min_value = NULL WHERE EXISTS (SELECT 1 FROM
  indicator_values v WHERE v.indicator_id = indicators.id AND
  v.value < indicators.min_value);
UPDATE indicators SET max_value = NULL WHERE EXISTS (SELECT 1 FROM
  indicator_values v WHERE v.indicator_id = indicators.id AND
  v.value > indicators.max_value);

-- Counts of things won or built are reported per period and add up (as
-- the engine has read them); a name saying 累计 is a running total.
UPDATE indicators SET kind = 'flow'
  WHERE unit IN ('个', '项', '家', '种', '名', '件', '座', '所', '批', '枚',
                 '处');
UPDATE indicators SET kind = 'cumulative' WHERE name LIKE '%累计%';
