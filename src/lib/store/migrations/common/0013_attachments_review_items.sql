-- Attachments: files stored once by content (sha256) under the data
-- directory, with who may read them (the owning unit; NULL: the office's
-- own), linked to what they belong to (a progress report now; supervision
-- answers and complaints later), so one store serves every feature.
CREATE TABLE attachments (
  id {{ID}},
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size BIGINT NOT NULL CHECK (size >= 0),
  mime TEXT NOT NULL,
  name TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id),
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_sha256 ON attachments(sha256);

CREATE TABLE attachment_links (
  id {{ID}},
  attachment_id BIGINT NOT NULL REFERENCES attachments(id),
  entity TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  UNIQUE (attachment_id, entity, entity_id)
);
CREATE INDEX attachment_links_entity ON attachment_links(entity, entity_id);

-- Each submit of a unit's period starts a new round; the office's
-- decisions on the items (a value or a progress report) of a round are
-- kept as history: the newest row of the current round is the item's
-- state. Return reasons stay queryable here for reminders.
ALTER TABLE submissions ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
CREATE TABLE review_items (
  id {{ID}},
  submission_id BIGINT NOT NULL REFERENCES submissions(id),
  round INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('value', 'report')),
  item_id BIGINT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
  reason TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX review_items_item ON review_items(kind, item_id);
CREATE INDEX review_items_submission ON review_items(submission_id);

-- Entry checks per plan: a value that moves by more than jump_factor
-- (a share of the previous period's value) needs a note.
CREATE TABLE entry_rules (
  id {{ID}},
  plan_id BIGINT NOT NULL UNIQUE REFERENCES plans(id) ON DELETE CASCADE,
  jump_factor DOUBLE PRECISION NOT NULL CHECK (jump_factor > 0)
);
