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
