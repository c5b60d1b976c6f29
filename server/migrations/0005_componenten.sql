-- The Componentencatalogus: Common Ground components, keyed by a slug id; `url` (the
-- repository) is what a publiccode.yml re-import matches on.
CREATE TABLE componenten (
    id TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    laag TEXT NOT NULL CHECK (laag IN ('interactie', 'proces', 'integratie', 'services', 'data')),
    soort TEXT NOT NULL CHECK (soort IN ('gemeenschappelijk', 'decentraal')),
    status TEXT NOT NULL CHECK (status IN ('idee', 'in_ontwikkeling', 'beschikbaar', 'uitgefaseerd')),
    opgave_id TEXT REFERENCES opgaven (id),
    beschikbaar_vanaf TEXT,
    verwacht_beschikbaar TEXT,
    migratie_maanden BIGINT NOT NULL,
    migratie_fte DOUBLE PRECISION NOT NULL,
    jaarlijkse_kosten BIGINT NOT NULL,
    url TEXT UNIQUE,
    licentie TEXT,
    versie BIGINT NOT NULL
);

CREATE TABLE component_vervangt (
    component_id TEXT NOT NULL REFERENCES componenten (id) ON DELETE CASCADE,
    referentiecomponent_id TEXT NOT NULL REFERENCES referentiecomponenten (id),
    PRIMARY KEY (component_id, referentiecomponent_id)
);

CREATE TABLE component_gebruikers (
    component_id TEXT NOT NULL REFERENCES componenten (id) ON DELETE CASCADE,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    PRIMARY KEY (component_id, gemeente_code)
);

CREATE TABLE component_afhankelijkheden (
    component_id TEXT NOT NULL REFERENCES componenten (id) ON DELETE CASCADE,
    afhankelijk_van TEXT NOT NULL REFERENCES componenten (id) ON DELETE CASCADE,
    PRIMARY KEY (component_id, afhankelijk_van)
);
