-- Versions of a plan (issue 11, part 4): each edit made in qcity, and each
-- version the office records on purpose (the yearly 工作要点), keeps the
-- whole plan as plan JSON (docs/plan-format.md) with its number, time,
-- actor and note, so that any two can be compared and statuses computed as
-- of one. Numbers count from 1 per plan.

CREATE TABLE plan_versions (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  number INTEGER NOT NULL CHECK (number >= 1),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT,
  plan_json TEXT NOT NULL,
  UNIQUE (plan_id, number)
);

-- The decomposition of a target (分解, issue 11 part 5): parts in lower
-- regions (county/district, township/street) and yearly milestones
-- (年度目标, region NULL: the plan's own), each with its requirement and
-- its owners (units joined with 、). A part's series is the target's
-- indicator in the part's region.
CREATE TABLE target_parts (
  id {{ID}},
  target_id BIGINT NOT NULL REFERENCES targets(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  seq INTEGER NOT NULL,
  region_code TEXT REFERENCES regions(code) DEFERRABLE INITIALLY IMMEDIATE,
  op TEXT NOT NULL CHECK (op IN ('>=', '<=', '=', '~', 'between', 'increase',
                                 'decrease', 'annual_growth', 'zero')),
  value DOUBLE PRECISION,
  value_max DOUBLE PRECISION,
  due_year INTEGER,
  lead TEXT,
  co TEXT,
  UNIQUE (target_id, seq)
);
