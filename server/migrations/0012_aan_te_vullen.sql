-- Applicaties an import brought without the contract facts the rules need (an
-- einddatum): kept apart from `applicaties`, so that no plan or national picture sees
-- them, until a member completes one; then it moves into `applicaties` under the same id.
-- An id is in at most one of the two tables (the writers see to that). `gegevens` is the
-- JSON of domain::landschap::gegevens::Applicatiegegevens; `ontbreekt` the missing fields,
-- comma separated.
CREATE TABLE aan_te_vullen (
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    id TEXT NOT NULL,
    positie BIGINT NOT NULL,
    naam TEXT NOT NULL,
    ontbreekt TEXT NOT NULL,
    gegevens TEXT NOT NULL,
    PRIMARY KEY (gemeente_code, id)
);
