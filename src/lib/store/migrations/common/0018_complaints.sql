-- The complaint and report register (投诉 / 举报; docs/complaints.md).
-- received_on is the day the handling regulator received the item (it
-- restarts on transfer); the other dates are the days the steps happened.
-- Personal data (person_*) is shown masked to everyone but the handling
-- region's staff and the office, and never exported.
CREATE TABLE complaints (
  id {{ID}},
  province_code TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  kind TEXT NOT NULL CHECK (kind IN ('complaint', 'report')),
  channel TEXT NOT NULL
    CHECK (channel IN ('12315', 'web', 'app', 'letter', 'visit', '12345')),
  platform_no TEXT,
  received_on TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('received', 'accepted',
    'not_accepted', 'mediating', 'agreed', 'mediation_ended', 'checked',
    'case_opened', 'not_opened', 'closed')),
  accepted_on TEXT,
  ended_on TEXT,
  decided_on TEXT,      -- accepted / not_accepted; case_opened / not_opened
  concluded_on TEXT,    -- agreed / mediation_ended
  closed_on TEXT,
  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  recovered DOUBLE PRECISION CHECK (recovered IS NULL OR recovered >= 0),
  extended_by TEXT,
  respondent TEXT NOT NULL,
  respondent_uscc TEXT,
  respondent_address TEXT,
  category_id BIGINT REFERENCES product_categories(id),
  amount DOUBLE PRECISION CHECK (amount IS NULL OR amount >= 0),
  text TEXT NOT NULL,
  wants_reply INTEGER NOT NULL DEFAULT 0 CHECK (wants_reply IN (0, 1)),
  person_name TEXT,
  person_phone TEXT,
  person_id TEXT,
  last_step_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX complaints_platform_no ON complaints(platform_no)
  WHERE platform_no IS NOT NULL;
CREATE INDEX complaints_open ON complaints(region_code, state, received_on);

CREATE TABLE complaint_events (
  id {{ID}},
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  happened_on TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  region_code TEXT NOT NULL,
  reason TEXT,
  actor TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX complaint_events_item ON complaint_events(complaint_id, id);

-- Plan indicators computed from the register (qcity complaint bind), kept
-- current by every step of an item in the item's county, prefecture and
-- province, for the year it was received.
CREATE TABLE complaint_bindings (
  indicator_id BIGINT PRIMARY KEY REFERENCES indicators(id) ON DELETE CASCADE,
  measure TEXT NOT NULL CHECK (measure IN ('accept_on_time',
    'mediation_success', 'handled_on_time', 'satisfaction', 'recovered',
    'items')),
  created_at TEXT NOT NULL
);
