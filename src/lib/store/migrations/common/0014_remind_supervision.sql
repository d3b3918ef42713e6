-- Reminders and supervision (issue 16, parts 5 and 6).
--
-- Reminders are derived by a scan of the database (src/lib/remind): each
-- event has a unique key, so it is stored, put in inboxes and mailed once.

-- Where a user's reminders are mailed (NULL: the inbox only).
ALTER TABLE users ADD COLUMN email TEXT;

-- The SMTP server and the reminder rules, set by an admin. The password is
-- kept to log in to the server and never shown back. No row until the
-- first setting (so that a new database holds no rows, as copy.c wants):
-- the defaults below are then the settings.
CREATE TABLE remind_settings (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  smtp_host TEXT,
  smtp_port INTEGER NOT NULL DEFAULT 25,
  smtp_tls TEXT NOT NULL DEFAULT 'none'
    CHECK (smtp_tls IN ('none', 'starttls', 'ssl')),
  smtp_user TEXT,
  smtp_password TEXT,
  mail_from TEXT,
  due_days INTEGER NOT NULL DEFAULT 3 CHECK (due_days BETWEEN 0 AND 60),
  updated_by TEXT,
  updated_at TEXT
);

CREATE TABLE remind_events (
  id {{ID}},
  event_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  unit_id BIGINT REFERENCES units(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE inbox (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  event_id BIGINT NOT NULL REFERENCES remind_events(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  created_at TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (user_id, event_id)
);
CREATE INDEX inbox_user ON inbox(user_id, read_at);

-- One mail per event and address: the log of what was sent, when, after
-- how many attempts, and the last error; next_at is when to try again.
CREATE TABLE remind_mail (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES remind_events(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  to_addr TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at TEXT NOT NULL,
  last_error TEXT,
  sent_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (event_id, to_addr)
);
CREATE INDEX remind_mail_due ON remind_mail(state, next_at);

-- 督查事项: the office's finding on a task, a target or a unit of a plan,
-- what must be rectified and by when; the unit answers, the office closes
-- or reopens. Task and target are named as the plan names them (task key,
-- indicator), so that a plan replaced keeps its items.
CREATE TABLE supervision_items (
  id {{ID}},
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  unit_id BIGINT NOT NULL REFERENCES units(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  task_key TEXT,
  target TEXT,
  finding TEXT NOT NULL,
  rectify TEXT NOT NULL,
  deadline TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open'
    CHECK (state IN ('open', 'answered', 'closed')),
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX supervision_items_unit ON supervision_items(unit_id, state);

CREATE TABLE supervision_steps (
  id {{ID}},
  item_id BIGINT NOT NULL REFERENCES supervision_items(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  action TEXT NOT NULL CHECK (action IN ('open', 'answer', 'close',
                                         'reopen')),
  text TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX supervision_steps_item ON supervision_steps(item_id);

-- Files given with a step: references into the attachment store (its id or
-- content hash), kept as text until that store is merged.
CREATE TABLE supervision_attachments (
  step_id BIGINT NOT NULL REFERENCES supervision_steps(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  attachment TEXT NOT NULL,
  PRIMARY KEY (step_id, attachment)
);

-- 约谈 (interview), 通报批评 (criticism), 问责 (accountability) of a unit in a
-- year, maybe arising from a 督查 item; the assessment deducts for them.
CREATE TABLE accountability (
  id {{ID}},
  unit_id BIGINT NOT NULL REFERENCES units(id)
    DEFERRABLE INITIALLY IMMEDIATE,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('interview', 'criticism', 'accountability')),
  item_id BIGINT REFERENCES supervision_items(id) ON DELETE SET NULL
    DEFERRABLE INITIALLY IMMEDIATE,
  note TEXT,
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX accountability_unit ON accountability(unit_id, year);
