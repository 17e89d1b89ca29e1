//! Sealing to a static X25519 public key (the station's, or the center's): a fresh ephemeral key
//! agrees a secret with it, HMAC-SHA256 derives an AES-256-GCM key from that secret and the
//! context, and the plaintext is sealed under it with the context as associated data. Only the
//! holder of the static secret can open it, and only for the same context.

use x25519_dalek::{PublicKey, StaticSecret};

use super::aead::Key;
use super::{CryptoError, mac, random};

fn derive(shared: &[u8; 32], ephemeral: &[u8; 32], context: &[u8]) -> Key {
    Key::from_bytes(mac(shared, "x25519-seal", &[ephemeral, context]))
}

/// Seals `plaintext` to `recipient` for `context`: the ephemeral public key and the sealed bytes.
pub fn seal_to(
    recipient: &[u8; 32],
    context: &[u8],
    plaintext: &[u8],
) -> Result<([u8; 32], Vec<u8>), CryptoError> {
    let ephemeral = StaticSecret::from(random::<32>()?);
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&PublicKey::from(*recipient));
    if !shared.was_contributory() {
        return Err(CryptoError::Key);
    }
    let key = derive(shared.as_bytes(), &ephemeral_public, context);
    Ok((ephemeral_public, key.seal(context, plaintext)?))
}

/// Opens what `seal_to` sealed to `secret`'s public key for `context`.
pub fn open_with(
    secret: &StaticSecret,
    ephemeral: &[u8; 32],
    context: &[u8],
    sealed: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let shared = secret.diffie_hellman(&PublicKey::from(*ephemeral));
    if !shared.was_contributory() {
        return Err(CryptoError::Open);
    }
    derive(shared.as_bytes(), ephemeral, context).open(context, sealed)
}

/// A secret both holders of a static X25519 pair agree on without sending anything: the
/// station's secret with the center's public key, or the center's with the station's. `label`
/// keeps secrets for different purposes apart.
pub fn shared(
    secret: &StaticSecret,
    public: &[u8; 32],
    label: &str,
) -> Result<[u8; 32], CryptoError> {
    let shared = secret.diffie_hellman(&PublicKey::from(*public));
    if !shared.was_contributory() {
        return Err(CryptoError::Key);
    }
    Ok(mac(shared.as_bytes(), label, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_recipient_opens_and_only_for_the_same_context() {
        let secret = StaticSecret::from(random::<32>().unwrap());
        let public = PublicKey::from(&secret).to_bytes();
        let (eph, sealed) = seal_to(&public, b"seal-1/iin", b"package key").unwrap();
        assert_eq!(
            open_with(&secret, &eph, b"seal-1/iin", &sealed).unwrap(),
            b"package key"
        );
        assert!(
            open_with(&secret, &eph, b"seal-2/iin", &sealed).is_err(),
            "another context"
        );
        let other = StaticSecret::from(random::<32>().unwrap());
        assert!(
            open_with(&other, &eph, b"seal-1/iin", &sealed).is_err(),
            "another station"
        );
        assert!(
            seal_to(&[0; 32], b"c", b"p").is_err(),
            "a low-order key is refused"
        );
    }
}
