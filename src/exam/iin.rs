//! The Kazakh individual identification number (IIN): 12 digits, a check digit computed with two
//! weight sets, and a real birth date in the first six digits. Checked in that order, so the
//! error says which of the three failed.

/// What is wrong with an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    #[error("an IIN has exactly 12 digits")]
    NotTwelveDigits,
    #[error("the check digit does not match")]
    CheckDigit,
    #[error("the first six digits are not a real date of birth")]
    Date,
}

/// An IIN with the middle hidden, as screens and reports show it: `0612******12`.
pub fn masked(iin: &str) -> String {
    iin.chars()
        .enumerate()
        .map(|(i, c)| if (4..10).contains(&i) { '*' } else { c })
        .collect()
}

/// Checks an IIN. Foreigners' IINs may carry another century digit, so that digit alone never
/// makes an IIN invalid.
pub fn validate(iin: &str) -> Result<(), IinError> {
    let digits: Vec<u32> = iin.chars().filter_map(|c| c.to_digit(10)).collect();
    if iin.len() != 12 || digits.len() != 12 {
        return Err(IinError::NotTwelveDigits);
    }
    if check_digit(&digits) != Some(digits[11]) {
        return Err(IinError::CheckDigit);
    }
    let year = digits[0] * 10 + digits[1];
    let month = digits[2] * 10 + digits[3];
    let day = digits[4] * 10 + digits[5];
    let centuries: &[u32] = match digits[6] {
        1 | 2 => &[1800],
        3 | 4 => &[1900],
        5 | 6 => &[2000],
        _ => &[1900, 2000],
    };
    if centuries.iter().any(|c| is_date(c + year, month, day)) {
        Ok(())
    } else {
        Err(IinError::Date)
    }
}

/// The check digit of the first 11 digits, or `None` when both weight sets give 10.
pub fn check_digit(digits: &[u32]) -> Option<u32> {
    let sum = |weights: &dyn Fn(usize) -> u32| -> u32 {
        digits
            .iter()
            .take(11)
            .enumerate()
            .map(|(i, d)| d * weights(i))
            .sum::<u32>()
            % 11
    };
    let first = sum(&|i| i as u32 + 1);
    if first != 10 {
        return Some(first);
    }
    // Second set: 3, 4, …, 11, 1, 2.
    let second = sum(&|i| (i as u32 + 2) % 11 + 1);
    (second != 10).then_some(second)
}

fn is_date(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: [&str; 2] = ["791028302728", "061211600012"];

    #[test]
    fn valid_examples() {
        for iin in VALID {
            assert_eq!(validate(iin), Ok(()), "{iin}");
        }
    }

    /// Single-digit changes of the examples that the published algorithm cannot catch: the
    /// eleventh digit weighs 11 ≡ 0 (mod 11) in the first weight set, so changing it never moves
    /// the check digit, and the other eight land on the second weight set with the same result
    /// (two more, month 22 and day 61, pass the check digit but are caught by the date).
    /// Each is a well-formed IIN in its own right (check digit and real date), so accepting it
    /// is correct; every other corruption must be refused.
    const UNDETECTABLE: [&str; 17] = [
        "991028302728",
        "791028302708",
        "791028302718",
        "791028302738",
        "791028302748",
        "791028302758",
        "791028302768",
        "791028302778",
        "791028302788",
        "791028302798",
        "361211600012",
        "021211600012",
        "061011600012",
        "061217600012",
        "061211800012",
        "061211604012",
        "061211600812",
    ];

    #[test]
    fn every_single_digit_corruption_is_rejected() {
        let mut accepted = Vec::new();
        let mut tried = 0;
        for iin in VALID {
            for pos in 0..12 {
                for d in b'0'..=b'9' {
                    let mut bytes = iin.as_bytes().to_vec();
                    if bytes[pos] == d {
                        continue;
                    }
                    bytes[pos] = d;
                    let bad = String::from_utf8(bytes).unwrap_or_default();
                    tried += 1;
                    if validate(&bad).is_ok() {
                        accepted.push(bad);
                    }
                }
            }
        }
        assert_eq!(tried, 2 * 12 * 9);
        assert_eq!(
            accepted, UNDETECTABLE,
            "only the algorithm's blind spots may pass"
        );
        // Every change of the check digit itself, and of any digit but the eleventh of the
        // first example, is caught.
        for iin in VALID {
            for d in b'0'..=b'9' {
                let mut bytes = iin.as_bytes().to_vec();
                if bytes[11] != d {
                    bytes[11] = d;
                    let bad = String::from_utf8(bytes).unwrap_or_default();
                    assert_eq!(validate(&bad), Err(IinError::CheckDigit), "{bad}");
                }
            }
        }
    }

    #[test]
    fn length_and_non_digits() {
        assert_eq!(validate(""), Err(IinError::NotTwelveDigits));
        assert_eq!(validate("79102830272"), Err(IinError::NotTwelveDigits));
        assert_eq!(validate("7910283027280"), Err(IinError::NotTwelveDigits));
        assert_eq!(validate("79102830272a"), Err(IinError::NotTwelveDigits));
        assert_eq!(
            validate("７９１０２８３０２７２８"),
            Err(IinError::NotTwelveDigits)
        );
    }

    #[test]
    fn second_weight_set() {
        // 11 digits whose first sum is 10 mod 11: the second set decides.
        let digits = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
        // first: 10·1 = 10 → second: 1·1 = 1 (weight of d10 in the second set is 1).
        assert_eq!(check_digit(&digits), Some(1));
    }

    #[test]
    fn check_digit_ten_twice_is_invalid() {
        // Search for 11 digits where both sums are 10: such a number can have no valid IIN.
        let found = (0..100_000u32).find_map(|n| {
            let mut d = [0u32; 11];
            let mut m = n;
            for slot in d.iter_mut().rev().take(5) {
                *slot = m % 10;
                m /= 10;
            }
            d[0] = 9;
            (check_digit(&d).is_none()).then_some(d)
        });
        let digits = found.unwrap_or_default();
        assert_eq!(check_digit(&digits), None);
    }

    /// A valid-check-digit IIN starting with these 10 digits (the 11th is searched).
    fn complete(prefix: &str) -> String {
        for last in 0..10 {
            let mut digits: Vec<u32> = prefix.chars().filter_map(|c| c.to_digit(10)).collect();
            digits.push(last);
            if let Some(c) = check_digit(&digits) {
                digits.push(c);
                return digits
                    .iter()
                    .filter_map(|d| char::from_digit(*d, 10))
                    .collect();
            }
        }
        panic!("no serial gives a check digit for {prefix}");
    }

    #[test]
    fn date_is_checked_after_the_check_digit() {
        assert_eq!(validate(&complete("9913313000")), Err(IinError::Date));
        assert_eq!(validate(&complete("9900013000")), Err(IinError::Date));
        assert_eq!(validate(&complete("9904313000")), Err(IinError::Date));
        assert_eq!(validate(&complete("9904303000")), Ok(()));
    }

    #[test]
    fn leap_days_follow_the_century_digit() {
        // 29 February 2000 (digit 5) is real; 29 February 1900 (digit 3) is not.
        assert_eq!(validate(&complete("0002295000")), Ok(()));
        assert_eq!(validate(&complete("0002293000")), Err(IinError::Date));
        // An unknown century digit is accepted when either century gives a real date.
        assert_eq!(validate(&complete("0002290000")), Ok(()));
        assert_eq!(validate(&complete("0102290000")), Err(IinError::Date));
    }
}
