-- Placeholder so that this branch (docs) builds with its migration 0015
-- before the migrations of the other branches are merged: the lead drops
-- this file (and its line in meson.build) when merging the real 0014.
CREATE TABLE reserved_0014 (x INTEGER);
DROP TABLE reserved_0014;
