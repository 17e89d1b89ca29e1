//! Enrollment: a station proves it holds a one-time code without sending it, registers the
//! public keys it made itself, and learns the center's keys and certificate from a reply only the
//! holder of the same code could have written. So the station trusts the center's certificate on
//! first contact because the code vouches for it, never blindly.
//!
//! A code is 20 characters of Crockford base32 in five groups (`ABCD-EFGH-…`): the first group
//! names the code (the center looks it up by it), the other 80 bits are the secret. Both sides
//! derive the same key from the whole code; the request carries an HMAC under it over what the
//! station registers, and the reply an HMAC over the request and the center's certificate hash.

use serde::{Deserialize, Serialize};

use crate::crypto::{self, CryptoError};

/// Characters of a code (Crockford base32: no I, L, O, U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code, without dashes.
pub const CODE_LEN: usize = 20;
/// Characters of the code's public part (its id).
pub const ID_LEN: usize = 4;

/// What the station sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollRequest {
    /// The code's id (its first group).
    pub code_id: String,
    /// The station's Ed25519 public key, hex.
    pub signing_public: String,
    /// The station's X25519 public key, hex.
    pub agree_public: String,
    /// HMAC under the code's key over the id and both keys, hex.
    pub proof: String,
}

/// What the center answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollReply {
    /// The station name the code was made for.
    pub station: String,
    /// Its seat.
    pub seat: String,
    /// The center's Ed25519 public key, hex.
    pub center_signing_public: String,
    /// The center's X25519 public key, hex.
    pub center_agree_public: String,
    /// SHA-256 of the center's TLS certificate (DER), hex: what the station pins.
    pub cert_sha256: String,
    /// HMAC under the code's key over the request and everything above, hex.
    pub mac: String,
}

/// A code typed by a person, normalized: upper case, without dashes or spaces, `O` read as 0
/// and `I`/`L` as 1. `None` if it is not a code.
pub fn normalize(code: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in code.chars().filter(|c| *c != '-' && !c.is_whitespace()) {
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        if !ALPHABET.contains(&u8::try_from(c).ok()?) {
            return None;
        }
        out.push(c);
    }
    (out.len() == CODE_LEN).then_some(out)
}

/// A fresh random code, grouped for reading aloud.
pub fn new_code() -> Result<String, CryptoError> {
    let bytes: [u8; CODE_LEN] = crypto::random()?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    Ok(chars
        .chunks(ID_LEN)
        .map(|g| g.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

/// The public id of a normalized code.
pub fn code_id(normalized: &str) -> &str {
    normalized.get(..ID_LEN).unwrap_or(normalized)
}

/// The key both sides derive from a normalized code.
pub fn code_key(normalized: &str) -> [u8; 32] {
    crypto::mac(
        b"ustudy enrollment code",
        "code-key",
        &[normalized.as_bytes()],
    )
}

/// The station's proof over what it registers.
pub fn proof(key: &[u8; 32], code_id: &str, signing: &str, agree: &str) -> [u8; 32] {
    crypto::mac(
        key,
        "enroll-request",
        &[code_id.as_bytes(), signing.as_bytes(), agree.as_bytes()],
    )
}

/// Whether a request carries a valid proof for `key`.
pub fn proves(key: &[u8; 32], request: &EnrollRequest) -> bool {
    let Ok(tag) = crypto::hex::decode::<32>(&request.proof) else {
        return false;
    };
    crypto::mac_matches(
        key,
        "enroll-request",
        &[
            request.code_id.as_bytes(),
            request.signing_public.as_bytes(),
            request.agree_public.as_bytes(),
        ],
        &tag,
    )
}

fn reply_parts<'a>(request: &'a EnrollRequest, reply: &'a EnrollReply) -> [&'a [u8]; 9] {
    [
        request.code_id.as_bytes(),
        request.signing_public.as_bytes(),
        request.agree_public.as_bytes(),
        request.proof.as_bytes(),
        reply.station.as_bytes(),
        reply.seat.as_bytes(),
        reply.center_signing_public.as_bytes(),
        reply.center_agree_public.as_bytes(),
        reply.cert_sha256.as_bytes(),
    ]
}

/// The center's MAC over its reply (the `mac` field is not covered).
pub fn reply_mac(key: &[u8; 32], request: &EnrollRequest, reply: &EnrollReply) -> [u8; 32] {
    crypto::mac(key, "enroll-reply", &reply_parts(request, reply))
}

/// Whether a reply's MAC is the center's for this request and key.
pub fn reply_is_genuine(key: &[u8; 32], request: &EnrollRequest, reply: &EnrollReply) -> bool {
    let Ok(tag) = crypto::hex::decode::<32>(&reply.mac) else {
        return false;
    };
    crypto::mac_matches(key, "enroll-reply", &reply_parts(request, reply), &tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_forgivingly_and_keys_depend_on_every_character() {
        let code = new_code().unwrap_or_default();
        assert_eq!(code.len(), CODE_LEN + 4, "{code}");
        let n = normalize(&code.to_lowercase().replace('-', " ")).unwrap_or_default();
        assert_eq!(n, code.replace('-', ""));
        assert_eq!(
            normalize("oooo-iiii-llll-0000-1111").as_deref(),
            Some("00001111111100001111")
        );
        assert_eq!(normalize("ABCD-EFGH"), None, "too short");
        assert_eq!(
            normalize("ABCD-EFGH-JKMN-PQRS-TVWU"),
            None,
            "U is not in the alphabet"
        );
        let mut other = n.clone().into_bytes();
        other[CODE_LEN - 1] = if other[CODE_LEN - 1] == b'0' {
            b'1'
        } else {
            b'0'
        };
        let other = String::from_utf8(other).unwrap_or_default();
        assert_ne!(code_key(&n), code_key(&other));
        assert_eq!(code_id(&n), &n[..ID_LEN]);
    }
}
