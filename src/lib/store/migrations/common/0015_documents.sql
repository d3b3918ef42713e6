-- Documents out (issue 17, docs/documents.md): the 通报 and reports
-- generated from the data. A draft keeps its blocks as qcity-doc/1 JSON
-- and is edited; issuing gives it a number (文号: prefix, year, sequence
-- per prefix and year) and keeps the bytes of every format rendered at
-- that moment (base64, so that `db copy` moves them as text) with their
-- SHA-256. The library refuses any change to an issued document.

CREATE TABLE documents (
  id {{ID}},
  plan_id BIGINT REFERENCES plans(id) ON DELETE SET NULL
    DEFERRABLE INITIALLY IMMEDIATE,
  kind TEXT NOT NULL CHECK (kind IN ('progress', 'assessment', 'report')),
  period TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  body TEXT NOT NULL,
  number TEXT UNIQUE,
  number_prefix TEXT,
  number_year INTEGER,
  number_seq INTEGER,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  issued_at TEXT,
  issued_by TEXT,
  UNIQUE (number_prefix, number_year, number_seq)
);
CREATE INDEX documents_plan ON documents(plan_id);

CREATE TABLE document_files (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    DEFERRABLE INITIALLY IMMEDIATE,
  format TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'html', 'xlsx')),
  content TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (document_id, format)
);
