-- The progress thresholds a plan sets for itself (docs/progress-method.md
-- §2): one row per key it changed; a key without a row takes Open SDG's
-- default. Keys: high, med, low (on R), trend_high, trend_med, trend_low
-- (on the growth of a target without a level).

CREATE TABLE plan_thresholds (
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (key IN ('high', 'med', 'low', 'trend_high',
                                   'trend_med', 'trend_low')),
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (plan_id, key)
);

-- Other names of one unit (docs/units.md): 交通局 is 交通运输局, 质监局
-- became 市场监管局 in the 2018 merger. Names are simplified Chinese without
-- the level prefix (省/市/区/县/州/旗), which the unit keeps; region_code ''
-- holds for every region. Loaded from data/unit-aliases.json by
-- `qcity init` and edited with `qcity unit alias`.

CREATE TABLE unit_aliases (
  region_code TEXT NOT NULL DEFAULT '',
  alias TEXT NOT NULL,
  name TEXT NOT NULL,
  note TEXT,
  source TEXT NOT NULL DEFAULT 'cli' CHECK (source IN ('file', 'cli')),
  PRIMARY KEY (region_code, alias)
);
