-- A gemeente asks to take part in an opgave in a rol; regie accepts (the gemeente becomes
-- a deelnemer of the published Routekaart) or declines.
CREATE TABLE aanmeldingen (
    id TEXT PRIMARY KEY,
    opgave_id TEXT NOT NULL REFERENCES opgaven (id) ON DELETE CASCADE,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    rol TEXT NOT NULL CHECK (rol IN ('coalitiepartner', 'eerste_gebruiker')),
    status TEXT NOT NULL CHECK (status IN ('open', 'geaccepteerd', 'afgewezen')),
    aangemeld_op BIGINT NOT NULL,
    aangemeld_door TEXT NOT NULL,
    besloten_door TEXT
);
CREATE INDEX aanmeldingen_opgave ON aanmeldingen (opgave_id);
