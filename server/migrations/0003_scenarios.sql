-- Saved what-if plans (DOMAIN.md section 5), owned by one gemeente. The edits are kept as
-- the JSON of domain::Scenario, so that new kinds of edits need no new columns.
CREATE TABLE scenarios (
    id TEXT PRIMARY KEY,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    naam TEXT NOT NULL,
    inhoud TEXT NOT NULL,
    versie BIGINT NOT NULL,
    aangemaakt_op BIGINT NOT NULL,
    gewijzigd_op BIGINT NOT NULL
);
CREATE INDEX scenarios_gemeente ON scenarios (gemeente_code);
