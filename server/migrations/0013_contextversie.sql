-- Issue 17, the incremental landelijk beeld: the gegevensversie of the last write that
-- every plan rests on (the Routekaart and its deelnemers, the catalogue, the reference
-- data). A server whose kept beeld is at or after it makes again only the parts of the
-- gemeenten whose landscape was written since (landschapversies); otherwise it counts
-- every gemeente again. 0: none since the counter began, or written before this column.
ALTER TABLE gegevensversie ADD COLUMN contextversie BIGINT NOT NULL DEFAULT 0;
