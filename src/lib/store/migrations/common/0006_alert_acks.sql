-- Acknowledged alerts: the office has seen an alert and says so, with a
-- note. An alert is known by its plan, kind, subject, region and period,
-- so the same trouble in a later period is a new alert.

CREATE TABLE alert_acks (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  period TEXT NOT NULL DEFAULT '',
  note TEXT,
  acked_by TEXT NOT NULL,
  acked_at TEXT NOT NULL,
  UNIQUE (plan_id, kind, subject, region_code, period)
);
