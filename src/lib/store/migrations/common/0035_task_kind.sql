-- A task's kind (docs/plan-format.md `tasks`): 'item', a work item that
-- is reported on, can be due and late, and is counted; or 'section', an
-- outline heading kept for the tree and its numbering (一、指导思想,
-- 二、工作目标 and what is below it, a pure group heading such as
-- 三、工作任务), never reported on, never late, counted nowhere.
--
-- Every task stored before this migration stays an item: which of them
-- are headings is not recorded anywhere, and guessing would hide work
-- from the reports. The office marks them (`qcity plan edit … task set
-- KEY --kind section`) or re-imports a fresh extraction with --replace.
--
-- One column with a constant default, no rewrite, on both engines
-- (SQLite takes the CHECK of an added column; it holds for the default).
ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'item'
  CHECK (kind IN ('item', 'section'));
