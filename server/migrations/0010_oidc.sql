-- Signing in through a gemeente's own identity provider (OpenID Connect).

-- A sign-in under way: the state it was started with (only its SHA-256), the provider,
-- the nonce and the PKCE verifier, until it expires. Used once: the answer deletes it.
-- The client's address (its SHA-256) bounds how many one client may have under way.
CREATE TABLE oidc_aanvragen (
    state_hash TEXT PRIMARY KEY,
    aanbieder TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    adres_hash TEXT NOT NULL,
    verloopt_op BIGINT NOT NULL
);
CREATE INDEX oidc_aanvragen_verloopt ON oidc_aanvragen (verloopt_op);
CREATE INDEX oidc_aanvragen_adres ON oidc_aanvragen (adres_hash);

-- Who a person is at a provider: (aanbieder, sub), never an e-mail address alone.
CREATE TABLE identiteiten (
    aanbieder TEXT NOT NULL,
    sub TEXT NOT NULL,
    gebruiker_id TEXT NOT NULL REFERENCES gebruikers (id) ON DELETE CASCADE,
    aangemaakt_op BIGINT NOT NULL,
    PRIMARY KEY (aanbieder, sub)
);

-- A session started through a provider keeps which one and its ID token, to end the
-- session there too when the person logs out (RP-initiated logout, id_token_hint).
ALTER TABLE sessies ADD COLUMN aanbieder TEXT;
ALTER TABLE sessies ADD COLUMN id_token TEXT;
