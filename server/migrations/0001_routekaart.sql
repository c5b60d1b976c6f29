-- The first schema: gemeenten, the Routekaart and a record of what was imported.
-- Portable SQL that SQLite and PostgreSQL both run unchanged: text keys, dates as
-- 'YYYY-MM-DD' text, money and flags as BIGINT, FTE as DOUBLE PRECISION.
-- Every row that a gemeente owns carries its gemeente_code.

CREATE TABLE gemeenten (
    code TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    provincie TEXT NOT NULL
);

-- One row per reference or demo data set loaded, so that a restart (or a second
-- instance starting at the same time) never loads it twice.
CREATE TABLE importen (
    bron TEXT PRIMARY KEY,
    geladen_op TEXT NOT NULL,
    aantal BIGINT NOT NULL
);

CREATE TABLE opgaven (
    id TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    doelstelling TEXT NOT NULL,
    aanpak_randvoorwaarden TEXT NOT NULL,
    aanpak_mensen_en_middelen TEXT NOT NULL,
    aanpak_planning TEXT NOT NULL,
    coalitie TEXT NOT NULL,
    draagvlak_convenant TEXT NOT NULL,
    draagvlak_financiele_arrangementen TEXT NOT NULL,
    draagvlak_governance TEXT NOT NULL,
    ontwikkelfase_start TEXT NOT NULL,
    ontwikkelfase_eind TEXT NOT NULL,
    ontwikkelfase_wacht_op_besluit TEXT,
    opschalingsfase_start TEXT NOT NULL,
    opschalingsfase_eind TEXT NOT NULL,
    opschalingsfase_wacht_op_besluit TEXT,
    bijdrage_coalitiepartner_fte DOUBLE PRECISION NOT NULL,
    bijdrage_coalitiepartner_euro BIGINT NOT NULL,
    bijdrage_eerste_gebruiker_fte DOUBLE PRECISION NOT NULL,
    bijdrage_eerste_gebruiker_euro BIGINT NOT NULL,
    versie BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE activiteiten (
    id TEXT PRIMARY KEY,
    opgave_id TEXT NOT NULL REFERENCES opgaven (id) ON DELETE CASCADE,
    naam TEXT NOT NULL,
    fase TEXT NOT NULL CHECK (fase IN ('ontwikkelfase', 'opschalingsfase')),
    start_datum TEXT NOT NULL,
    eind_datum TEXT NOT NULL,
    volgorde BIGINT NOT NULL
);
CREATE INDEX activiteiten_opgave ON activiteiten (opgave_id);

CREATE TABLE afhankelijkheden (
    activiteit_id TEXT NOT NULL REFERENCES activiteiten (id) ON DELETE CASCADE,
    afhankelijk_van TEXT NOT NULL REFERENCES activiteiten (id) ON DELETE CASCADE,
    PRIMARY KEY (activiteit_id, afhankelijk_van)
);

CREATE TABLE besluiten (
    id TEXT PRIMARY KEY,
    opgave_id TEXT NOT NULL REFERENCES opgaven (id) ON DELETE CASCADE,
    datum TEXT NOT NULL,
    orgaan TEXT NOT NULL
        CHECK (orgaan IN ('college_van_dienstverleningszaken', 'ledenvergadering', 'bestuur')),
    onderwerp TEXT NOT NULL
);
CREATE INDEX besluiten_opgave ON besluiten (opgave_id);

CREATE TABLE deelnemers (
    opgave_id TEXT NOT NULL REFERENCES opgaven (id) ON DELETE CASCADE,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    rol TEXT NOT NULL CHECK (rol IN ('coalitiepartner', 'eerste_gebruiker')),
    PRIMARY KEY (opgave_id, gemeente_code)
);
CREATE INDEX deelnemers_gemeente ON deelnemers (gemeente_code);
