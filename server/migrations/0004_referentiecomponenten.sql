-- GEMMA referentiecomponenten, keyed by their Object ID so a re-import updates in place.
CREATE TABLE referentiecomponenten (
    id TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    omschrijving TEXT NOT NULL
);
