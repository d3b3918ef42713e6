-- The web platform: users and their roles, browser sessions, API tokens,
-- sign-in attempts (for rate limiting) and the review state of each
-- unit's submission for a period. Secrets are never stored: passwords as
-- argon2id strings, session and API tokens as their BLAKE2b hash.

CREATE TABLE users (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL
    CHECK (role IN ('admin', 'office', 'unit', 'region', 'viewer')),
  -- a unit reporter writes for this unit only
  unit_id BIGINT REFERENCES units(id),
  -- a region user sees this region and the regions below it
  region_code TEXT REFERENCES regions(code),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CHECK (role <> 'unit' OR unit_id IS NOT NULL),
  CHECK (role <> 'region' OR region_code IS NOT NULL)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id {{ID}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE login_attempts (
  id {{ID}},
  name TEXT NOT NULL,
  addr TEXT NOT NULL,
  at TEXT NOT NULL,
  ok INTEGER NOT NULL
);
CREATE INDEX login_attempts_name ON login_attempts(name, at);
CREATE INDEX login_attempts_addr ON login_attempts(addr, at);

-- One row per unit and period once the unit has submitted: submitted,
-- accepted (locked), returned (with the office's reason) or reopened.
CREATE TABLE submissions (
  id {{ID}},
  unit_id BIGINT NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('submitted', 'accepted', 'returned', 'reopened')),
  reason TEXT,
  submitted_by TEXT,
  submitted_at TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  UNIQUE (unit_id, period)
);
CREATE INDEX submissions_state ON submissions(state);
