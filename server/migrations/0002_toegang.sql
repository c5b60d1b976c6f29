-- Access control: accounts, sessions, login attempts, API tokens, share links, the audit
-- trail, and the first data a gemeente owns and writes: its capaciteit.
-- Moments are BIGINT microseconds since 1970-01-01 UTC (portable and comparable).

CREATE TABLE gebruikers (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    wachtwoord_hash TEXT NOT NULL,
    rol TEXT NOT NULL CHECK (rol IN ('gemeente', 'regie')),
    gemeente_code TEXT REFERENCES gemeenten (code),
    aangemaakt_op BIGINT NOT NULL,
    CHECK ((rol = 'gemeente' AND gemeente_code IS NOT NULL) OR (rol = 'regie' AND gemeente_code IS NULL))
);

-- A session: the cookie holds a random key, the table only its SHA-256.
CREATE TABLE sessies (
    sleutel_hash TEXT PRIMARY KEY,
    gebruiker_id TEXT NOT NULL REFERENCES gebruikers (id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    aangemaakt_op BIGINT NOT NULL,
    verloopt_op BIGINT NOT NULL
);
CREATE INDEX sessies_verloopt ON sessies (verloopt_op);

-- Failed logins per e-mail address, for throttling across instances.
CREATE TABLE inlogpogingen (
    email TEXT NOT NULL,
    tijdstip BIGINT NOT NULL
);
CREATE INDEX inlogpogingen_email ON inlogpogingen (email, tijdstip);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    naam TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    rol TEXT NOT NULL CHECK (rol IN ('gemeente', 'regie')),
    gemeente_code TEXT REFERENCES gemeenten (code),
    aangemaakt_op BIGINT NOT NULL,
    ingetrokken_op BIGINT,
    CHECK ((rol = 'gemeente' AND gemeente_code IS NOT NULL) OR (rol = 'regie' AND gemeente_code IS NULL))
);

-- A read-only capability for one resource (a saved scenario), by the hash of its token.
CREATE TABLE deellinks (
    token_hash TEXT PRIMARY KEY,
    soort TEXT NOT NULL,
    doel_id TEXT NOT NULL,
    gemeente_code TEXT NOT NULL REFERENCES gemeenten (code),
    aangemaakt_op BIGINT NOT NULL,
    ingetrokken_op BIGINT
);

CREATE TABLE capaciteit (
    gemeente_code TEXT PRIMARY KEY REFERENCES gemeenten (code),
    fte_per_kwartaal DOUBLE PRECISION NOT NULL,
    budget_per_jaar BIGINT NOT NULL,
    versie BIGINT NOT NULL
);

-- Every change: who, when, what, and the values before and after (JSON text).
CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    tijdstip BIGINT NOT NULL,
    actor TEXT NOT NULL,
    gemeente_code TEXT,
    entiteit TEXT NOT NULL,
    entiteit_id TEXT NOT NULL,
    voor TEXT,
    na TEXT
);
CREATE INDEX audit_gemeente ON audit (gemeente_code, tijdstip);
