-- The overdue board pages by deadline (docs/complaints.md "Scale"): the
-- deadline is worked out in working days from the calendar, so it cannot
-- be stored; this index holds every column it is worked out from, so the
-- open items of a region are read, ranked and counted from the index
-- alone, and only the page's rows are read from the table.
CREATE INDEX complaints_deadline ON complaints(state, region_code, kind,
  received_on, accepted_on, ended_on, extended_by, id);
