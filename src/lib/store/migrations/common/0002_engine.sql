-- The engine's records: assessment schemes per plan and year (the scheme
-- file itself, docs/assessment-scheme.md) and the scores given to their
-- items step by step: the unit's self-score with evidence, the office's
-- verification, the final score. Computed items need no rows; a final
-- row overrides them, with its reason.

CREATE TABLE assessment_schemes (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  body TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  UNIQUE (plan_id, year)
);

CREATE TABLE assessment_scores (
  id {{ID}},
  scheme_id BIGINT NOT NULL REFERENCES assessment_schemes(id)
    ON DELETE CASCADE,
  item_key TEXT NOT NULL,
  subject TEXT NOT NULL,
  step TEXT NOT NULL CHECK (step IN ('self', 'verified', 'final')),
  points DOUBLE PRECISION NOT NULL,
  evidence TEXT,
  reason TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  UNIQUE (scheme_id, item_key, subject, step)
);
