-- Reserved: 0035 is another branch's (a column on the plan's tasks). This
-- placeholder only keeps the numbers 1..N on the traceability branch
-- (scripts/embed-sql.py); the merge replaces it with that migration.
SELECT 1;
