-- Security (issue 12): the data version the server's caches key on, API
-- tokens that expire and can be revoked, and demo accounts marked as such.

-- One counter bumped by every write transaction (store.c, qc_store_begin),
-- so its order is the commit order: writers take turns on this row.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n BIGINT NOT NULL
);
INSERT INTO data_version (id, n) VALUES (1, 0);

-- Tokens made before this migration have no expiry and stop working:
-- make new ones (`qcity user token create`).
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT;
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Accounts made by `qcity demo` with the documented demo password, which
-- the password rules would refuse for any other account.
ALTER TABLE users ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
