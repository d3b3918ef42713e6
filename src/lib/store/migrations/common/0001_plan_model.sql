-- The plan model: regions, units, indicators, plans with goals, targets,
-- tasks, phases, reporting duties, assessment rules, values, progress
-- reports, and the audit log. Timestamps are UTC ISO-8601 text written by
-- the library, so both engines store the same strings.
--
-- Migrations in common/ are written once for both engines. ID in double
-- braces is an id never handed out twice (INTEGER PRIMARY KEY
-- AUTOINCREMENT on SQLite, an identity column on PostgreSQL), since the
-- audit log refers to rows by id; BIGINT and DOUBLE PRECISION mean the
-- same on both.

CREATE TABLE regions (
  code TEXT PRIMARY KEY CHECK (length(code) = 6),
  name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
  parent_code TEXT REFERENCES regions(code)
);
CREATE INDEX regions_parent ON regions(parent_code);
CREATE INDEX regions_name ON regions(name);

CREATE TABLE units (
  id {{ID}},
  region_code TEXT NOT NULL REFERENCES regions(code),
  name TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'member'
    CHECK (kind IN ('member', 'office', 'government')),
  created_at TEXT NOT NULL,
  UNIQUE (region_code, name)
);

CREATE TABLE indicators (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  unit TEXT,
  direction TEXT NOT NULL DEFAULT 'higher'
    CHECK (direction IN ('higher', 'lower')),
  domain TEXT,
  in_catalog INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE indicator_synonyms (
  synonym TEXT PRIMARY KEY,
  indicator_id BIGINT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE
);

CREATE TABLE plans (
  id {{ID}},
  title TEXT NOT NULL,
  doc_number TEXT,
  issuer TEXT,
  issue_date TEXT,
  region_code TEXT REFERENCES regions(code),
  region_name TEXT,
  period_start INTEGER,
  period_end INTEGER,
  parent_id BIGINT REFERENCES plans(id) ON DELETE SET NULL,
  parent_ref TEXT,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'active', 'archived')),
  source TEXT,
  group_name TEXT,
  group_leader TEXT,
  office_host TEXT,
  group_line INTEGER,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX plans_doc_number ON plans(doc_number)
  WHERE doc_number IS NOT NULL;

CREATE TABLE plan_members (
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  written TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  PRIMARY KEY (plan_id, seq)
);

CREATE TABLE goals (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  domain TEXT NOT NULL,
  name TEXT NOT NULL,
  line INTEGER,
  seq INTEGER NOT NULL,
  UNIQUE (plan_id, key)
);

CREATE TABLE targets (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  goal_id BIGINT REFERENCES goals(id) ON DELETE SET NULL,
  indicator_id BIGINT NOT NULL REFERENCES indicators(id),
  indicator_text TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('>=', '<=', '=', '~', 'between', 'increase',
                                 'decrease', 'annual_growth', 'zero')),
  value DOUBLE PRECISION,
  value_max DOUBLE PRECISION,
  unit TEXT,
  baseline_year INTEGER,
  baseline_ref TEXT CHECK (baseline_ref IN ('previous_year')),
  due_year INTEGER,
  line INTEGER,
  text TEXT,
  seq INTEGER NOT NULL
);
CREATE INDEX targets_plan ON targets(plan_id);
CREATE INDEX targets_indicator ON targets(indicator_id);

CREATE TABLE target_owners (
  target_id BIGINT NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  written TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'co')),
  PRIMARY KEY (target_id, seq)
);

CREATE TABLE phases (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  start_date TEXT,
  end_date TEXT,
  line INTEGER,
  seq INTEGER NOT NULL,
  UNIQUE (plan_id, key)
);

CREATE TABLE tasks (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  parent_id BIGINT REFERENCES tasks(id) ON DELETE CASCADE,
  number TEXT,
  title TEXT,
  text TEXT,
  due_date TEXT,
  phase_id BIGINT REFERENCES phases(id) ON DELETE SET NULL,
  line INTEGER,
  seq INTEGER NOT NULL,
  UNIQUE (plan_id, key)
);

CREATE TABLE task_owners (
  task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  written TEXT NOT NULL,
  unit_name TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'co')),
  PRIMARY KEY (task_id, seq)
);

CREATE TABLE report_duties (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('monthly', 'half_year', 'annual')),
  grace_days INTEGER NOT NULL CHECK (grace_days >= 0),
  text TEXT,
  line INTEGER,
  seq INTEGER NOT NULL
);

CREATE TABLE assessment_rules (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  line INTEGER,
  seq INTEGER NOT NULL
);

-- Periods are text: '2019' (year), '2019-H1' (half), '2019-03' (month).
CREATE TABLE indicator_values (
  id {{ID}},
  indicator_id BIGINT NOT NULL REFERENCES indicators(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  period TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  unit TEXT,
  unit_id BIGINT REFERENCES units(id),
  submitted_at TEXT NOT NULL,
  note TEXT,
  source TEXT,
  UNIQUE (indicator_id, region_code, period)
);
CREATE INDEX values_region ON indicator_values(region_code, period);

CREATE TABLE progress_reports (
  id {{ID}},
  task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
  text TEXT,
  submitted_at TEXT NOT NULL,
  UNIQUE (task_id, unit_id, period)
);

CREATE TABLE audit_log (
  id {{ID}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_key TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_key);
