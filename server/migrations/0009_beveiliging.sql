-- Issue 12.

-- The landscape versions of the landelijk beeld. This table was added to 0008 after that
-- migration had run on some databases; 0008 is back to its first version and the table
-- is made here, where it is missing (databases that ran the changed 0008 have it).
CREATE TABLE IF NOT EXISTS landschapversies (
    gemeente_code TEXT PRIMARY KEY REFERENCES gemeenten (code),
    versie BIGINT NOT NULL
);

-- Login throttling per client address and per (account, client address): the failures
-- of the current streak, and the moment before which no attempt is taken. An attempt
-- reserves its rows atomically before the password is hashed (blocked_until is moved
-- ahead while it runs), so parallel guesses cannot pass one check together. Rows idle
-- for a day are pruned.
CREATE TABLE inlogsloten (
    sleutel TEXT PRIMARY KEY,
    mislukt BIGINT NOT NULL,
    geblokkeerd_tot BIGINT NOT NULL,
    bijgewerkt_op BIGINT NOT NULL
);
CREATE INDEX inlogsloten_bijgewerkt ON inlogsloten (bijgewerkt_op);

-- Failures per e-mail address alone let anybody lock an owner out; they are replaced by
-- inlogsloten.
DROP TABLE inlogpogingen;

-- An account an operator disabled: it cannot log in, and its sessions end.
ALTER TABLE gebruikers ADD COLUMN uitgeschakeld_op BIGINT;
