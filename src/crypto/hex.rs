//! Lower-case hex for keys and ids in files and command output.

use super::CryptoError;

/// Encodes bytes as lower-case hex.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// Decodes hex (either case, surrounding white space ignored) into exactly `N` bytes.
pub fn decode<const N: usize>(text: &str) -> Result<[u8; N], CryptoError> {
    decode_vec(text)?.try_into().map_err(|_| CryptoError::Key)
}

/// Decodes hex (either case, surrounding white space ignored) of any even length.
pub fn decode_vec(text: &str) -> Result<Vec<u8>, CryptoError> {
    let text = text.trim().as_bytes();
    if !text.len().is_multiple_of(2) {
        return Err(CryptoError::Key);
    }
    text.chunks_exact(2)
        .map(|pair| {
            let hi = char::from(pair[0]).to_digit(16).ok_or(CryptoError::Key)?;
            let lo = char::from(pair[1]).to_digit(16).ok_or(CryptoError::Key)?;
            u8::try_from(hi * 16 + lo).map_err(|_| CryptoError::Key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        assert_eq!(encode(&[0, 0xab, 0xff]), "00abff");
        assert_eq!(decode::<3>(" 00ABff\n"), Ok([0, 0xab, 0xff]));
        assert_eq!(decode::<3>("00abf"), Err(CryptoError::Key));
        assert_eq!(decode::<2>("zz00"), Err(CryptoError::Key));
        assert_eq!(decode::<1>("é"), Err(CryptoError::Key));
    }
}
