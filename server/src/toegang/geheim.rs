//! Secrets: random tokens from the operating system, their SHA-256 for storage, and
//! argon2id password hashes.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe base64 (43 characters).
///
/// # Errors
/// When the operating system has no randomness to give.
pub fn nieuw_geheim() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The SHA-256 of a high-entropy token, hex: what the database stores instead of the
/// token. (A fast hash suffices for 256 random bits; passwords get argon2id.)
pub fn sha256_hex(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An argon2id hash of `wachtwoord` in PHC format, with a random salt.
///
/// # Errors
/// When randomness or hashing fails.
pub fn hash_wachtwoord(wachtwoord: &str) -> anyhow::Result<String> {
    let mut zout = [0_u8; 16];
    getrandom::fill(&mut zout).map_err(|e| anyhow::anyhow!("geen willekeur: {e}"))?;
    let zout = SaltString::encode_b64(&zout).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Argon2::default()
        .hash_password(wachtwoord.as_bytes(), &zout)
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .to_string())
}

/// Whether `wachtwoord` matches `hash`; a malformed hash matches nothing.
pub fn wachtwoord_klopt(wachtwoord: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(wachtwoord.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to verify against when the e-mail address is unknown, so that an unknown
/// address takes as long as a wrong password.
pub fn schijnhash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_wachtwoord("schijn").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_hash_is_argon2id_and_verifies_only_the_right_password() {
        let hash = hash_wachtwoord("correct paard batterij").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(wachtwoord_klopt("correct paard batterij", &hash));
        assert!(!wachtwoord_klopt("fout", &hash));
        assert!(!wachtwoord_klopt("x", "geen hash"));
    }

    #[test]
    fn secrets_carry_256_bits_and_differ() {
        let a = nieuw_geheim().expect("random");
        assert_eq!(a.len(), 43);
        assert_ne!(a, nieuw_geheim().expect("random"));
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
