//! Key codes: a 256-bit package key written for a person to read off the center's key sheet and
//! type on a station when the hall network is down. 52 characters of Crockford base32 (no I, L,
//! O or U, so nothing reads as another letter) and one Luhn mod 32 check character, shown in
//! groups of four. Reading accepts any case, spaces and dashes, and the look-alikes Crockford
//! maps (`O`→0, `I` and `L`→1); a typing slip is caught by the check character before any
//! decryption is tried.

/// The 32 symbols.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of the key itself (256 bits, 5 bits a character, rounded up).
const KEY_CHARS: usize = 52;

/// Why a typed code is not a key code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyCodeError {
    #[error("a key code has {KEY_CHARS} characters and a check character; this one has {0}")]
    Length(usize),
    #[error("{0:?} is not a key code character")]
    Character(char),
    #[error("the check character does not match: a character is mistyped")]
    Check,
}

fn value(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// Luhn mod 32 over the values: the value of the check character that makes the whole valid.
fn check(values: &[u32]) -> u32 {
    let mut sum = 0;
    for (i, v) in values.iter().rev().enumerate() {
        let v = if i % 2 == 0 { v * 2 } else { *v };
        sum += v / 32 + v % 32;
    }
    (32 - sum % 32) % 32
}

fn symbol(v: u32) -> char {
    char::from(ALPHABET[v as usize % 32])
}

/// The key's code, in groups of four separated by dashes.
pub fn encode(key: &[u8; 32]) -> String {
    let mut values = Vec::with_capacity(KEY_CHARS + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in key {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            values.push((acc >> bits) & 31);
        }
        acc &= (1 << bits) - 1;
    }
    // 256 = 51 × 5 + 1: the last bit, padded with zeros.
    values.push((acc << (5 - bits)) & 31);
    values.push(check(&values));
    let chars: Vec<char> = values.into_iter().map(symbol).collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The key a typed code stands for.
pub fn decode(typed: &str) -> Result<[u8; 32], KeyCodeError> {
    let mut values = Vec::with_capacity(KEY_CHARS + 1);
    for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
        values.push(value(c).ok_or(KeyCodeError::Character(c))?);
    }
    if values.len() != KEY_CHARS + 1 {
        return Err(KeyCodeError::Length(values.len()));
    }
    let given = values.pop().unwrap_or_default();
    if check(&values) != given {
        return Err(KeyCodeError::Check);
    }
    let mut key = [0u8; 32];
    let (mut acc, mut bits, mut at) = (0u32, 0u32, 0);
    for v in values {
        acc = (acc << 5) | v;
        bits += 5;
        if bits >= 8 && at < key.len() {
            bits -= 8;
            key[at] = u8::try_from((acc >> bits) & 0xff).unwrap_or_default();
            at += 1;
        }
        acc &= (1 << bits) - 1;
    }
    // The padding bits must be zero, or two codes would stand for one key.
    if acc != 0 {
        return Err(KeyCodeError::Check);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_read_as_typed() {
        for seed in 0u8..50 {
            let key: [u8; 32] = std::array::from_fn(|i| {
                seed.wrapping_mul(31).wrapping_add(u8::try_from(i).unwrap())
            });
            let code = encode(&key);
            assert_eq!(code.len(), 53 + 13, "53 characters in 14 groups");
            assert_eq!(decode(&code), Ok(key));
            let typed = code.to_lowercase().replace('-', " ").replace('0', "o");
            assert_eq!(decode(&typed), Ok(key), "{typed}");
        }
    }

    #[test]
    fn every_single_slip_is_caught() {
        let key = [0xA5; 32];
        let code: Vec<char> = encode(&key).chars().filter(|c| *c != '-').collect();
        for at in 0..code.len() {
            for &other in ALPHABET {
                let other = char::from(other);
                if other == code[at] {
                    continue;
                }
                let mut typed = code.clone();
                typed[at] = other;
                let typed: String = typed.into_iter().collect();
                assert!(decode(&typed).is_err(), "{typed} slipped through");
            }
            if at + 1 < code.len() && code[at] != code[at + 1] {
                let mut swapped = code.clone();
                swapped.swap(at, at + 1);
                let swapped: String = swapped.into_iter().collect();
                // Luhn mod N misses a few adjacent swaps; none of this key's.
                assert!(decode(&swapped).is_err(), "{swapped} slipped through");
            }
        }
        assert_eq!(decode("ABC"), Err(KeyCodeError::Length(3)));
        assert_eq!(
            decode(&format!("{}U", &encode(&key)[..5])),
            Err(KeyCodeError::Character('U'))
        );
    }
}
