-- Issue 21 (review): a sanctions check names the enterprise and the
-- listing it weighed by id, and at the national server ids are each
-- province's own. held_by is the province holding the enterprise
-- checked, written where that is not the server's own: at the national
-- server, or when the check named a province (docs/scaling.md "Held by,
-- made in"). NULL: the server's own enterprise, a code without a
-- record, or a check made before this column. credit_checks stays on
-- the server that made the check (not replicated), so the nation's
-- publication is unchanged.
ALTER TABLE credit_checks ADD COLUMN held_by TEXT;
