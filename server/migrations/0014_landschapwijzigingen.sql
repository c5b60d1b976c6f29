-- Issue 17, the reload after a write: what each write to a landscape changed, under the
-- gegevensversie it raised (the same transaction). A server that keeps a gemeente's
-- landscape at an older landschapversie reads only the applicaties the writes since then
-- name, instead of the whole landscape. applicatie_id NULL: the landscape as a whole (an
-- import), read whole again. nieuw = 1: the applicatie was added (it goes last). vorige:
-- the gemeente's landschapversie before this write (0: none), so that the records since a
-- version are seen to be complete: each names the one before it.
CREATE TABLE landschapwijzigingen (
    versie BIGINT PRIMARY KEY,
    gemeente_code TEXT NOT NULL,
    applicatie_id TEXT,
    nieuw INTEGER NOT NULL,
    vorige BIGINT NOT NULL
);
CREATE INDEX landschapwijzigingen_gemeente ON landschapwijzigingen (gemeente_code, versie);
