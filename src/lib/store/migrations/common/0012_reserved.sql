-- A placeholder on the office branch only: migration 0012 belongs to
-- another branch. The lead drops this file (and its line in meson.build)
-- when merging that branch's 0012.
SELECT 1;
