-- A gemeente's landscape: its applicaties, each under one contract, in the order the
-- gemeente keeps them (`positie`). Ids are unique within a gemeente.
CREATE TABLE applicaties (
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    id TEXT NOT NULL,
    positie BIGINT NOT NULL,
    naam TEXT NOT NULL,
    leverancier TEXT NOT NULL,
    startdatum TEXT,
    einddatum TEXT NOT NULL,
    opzegtermijn_maanden BIGINT NOT NULL,
    verlenging_maanden BIGINT NOT NULL,
    uiterste_einddatum TEXT,
    jaarlijkse_kosten BIGINT NOT NULL,
    in_gebruik BIGINT NOT NULL,
    gebruikers BIGINT,
    versie BIGINT NOT NULL,
    PRIMARY KEY (gemeente_code, id)
);

-- The functions an applicatie fulfils, in the order given.
CREATE TABLE applicatie_functies (
    gemeente_code TEXT NOT NULL,
    applicatie_id TEXT NOT NULL,
    volgorde BIGINT NOT NULL,
    referentiecomponent_id TEXT NOT NULL REFERENCES referentiecomponenten (id),
    PRIMARY KEY (gemeente_code, applicatie_id, referentiecomponent_id),
    FOREIGN KEY (gemeente_code, applicatie_id) REFERENCES applicaties (gemeente_code, id) ON DELETE CASCADE
);
