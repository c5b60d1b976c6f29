-- Issue 15: accounts that gemeenten manage themselves.

-- What a member may do with its gemeente's data: 'lezen', 'bewerken' or 'beheren' (a
-- beheerder also manages the gemeente's accounts). Existing accounts keep what they
-- could do. Checked by the application (domain::toegang::Lidrecht).
ALTER TABLE gebruikers ADD COLUMN recht TEXT NOT NULL DEFAULT 'bewerken';

-- An invitation into a kring (a gemeente's members, or regie) with a right, for one
-- e-mail address: a single-use link (the table holds only the SHA-256 of its token)
-- until it expires, is used or is revoked.
CREATE TABLE uitnodigingen (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    rol TEXT NOT NULL CHECK (rol IN ('gemeente', 'regie')),
    gemeente_code TEXT REFERENCES gemeenten (code),
    recht TEXT NOT NULL,
    email TEXT NOT NULL,
    uitgenodigd_door TEXT NOT NULL,
    aangemaakt_op BIGINT NOT NULL,
    verloopt_op BIGINT NOT NULL,
    gebruikt_op BIGINT,
    ingetrokken_op BIGINT,
    CHECK ((rol = 'gemeente' AND gemeente_code IS NOT NULL) OR (rol = 'regie' AND gemeente_code IS NULL))
);
CREATE INDEX uitnodigingen_kring ON uitnodigingen (rol, gemeente_code, aangemaakt_op);

-- A sign-in through a provider that accepts an invitation carries it (its SHA-256).
ALTER TABLE oidc_aanvragen ADD COLUMN uitnodiging_hash TEXT;
