-- What the office published (issue 17, part 4): one row per thing shown
-- on the public portal, kind + reference + a snapshot taken at publish
-- time, so that the portal never reads live drafts. Kinds: 'plan' (ref:
-- plan id; the plan's targets and their statuses), 'index' (ref: index
-- id and year), 'document' (ref: the document's 文号; issued 通报 and
-- reports), 'list' (red and black lists). Unpublishing deletes the row;
-- both are audited. Files (a document's .docx/PDF, or any download) are
-- kept beside it as base64 text, which both engines store the same way.

CREATE TABLE publications (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('plan', 'index', 'document', 'list')),
  ref TEXT NOT NULL,
  title TEXT NOT NULL,
  region_code TEXT REFERENCES regions(code) DEFERRABLE INITIALLY IMMEDIATE,
  published_at TEXT NOT NULL,
  as_of TEXT NOT NULL,
  actor TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  UNIQUE (kind, ref)
);

CREATE TABLE publication_files (
  publication_id BIGINT NOT NULL REFERENCES publications(id)
    ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (publication_id, name)
);
