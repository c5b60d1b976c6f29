-- Issue 7, the landelijk beeld.

-- Whether a gemeente is named in the cohorts of the landelijk beeld. No row: counted,
-- not named (the default); the gemeente itself chooses (PUT
-- /gemeenten/{code}/zichtbaarheid), with a version for If-Match.
CREATE TABLE zichtbaarheid (
    gemeente_code TEXT PRIMARY KEY REFERENCES gemeenten (code),
    genoemd_in_cohorten INTEGER NOT NULL,
    versie BIGINT NOT NULL
);

-- One counter, raised in the same transaction as every write the landelijk beeld rests
-- on (landscapes, the Routekaart and its deelnemers, the catalogue). A server keeps its
-- computed beeld only under the counter it read, so every instance behind a load
-- balancer sees a change in its next answer.
CREATE TABLE gegevensversie (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    versie BIGINT NOT NULL
);
INSERT INTO gegevensversie (id, versie) VALUES (1, 0);
