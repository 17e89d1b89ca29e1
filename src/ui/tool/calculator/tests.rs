//! The calculator's model against hand-computed results, every error path, and a reference
//! evaluator over exact rationals on random expressions.

use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

use super::*;

const ALL: Features = Features {
    sqrt: true,
    pow: true,
    percent: true,
};

/// Presses the keys `text` spells: digits, `.`, `+-*/^`, `()`, `~` (±), `r` (√), `%`, `C`, `<`
/// (back), `=`.
fn keys(calc: &mut Calculator, text: &str) {
    for c in text.chars() {
        let key = match c {
            '0'..='9' => Key::Digit(u8::try_from(c.to_digit(10).unwrap_or(0)).unwrap_or(0)),
            '.' => Key::Point,
            '+' => Key::Op(Op::Add),
            '-' => Key::Op(Op::Sub),
            '*' => Key::Op(Op::Mul),
            '/' => Key::Op(Op::Div),
            '^' => Key::Op(Op::Pow),
            '(' => Key::Open,
            ')' => Key::Close,
            '~' => Key::Sign,
            'r' => Key::Sqrt,
            '%' => Key::Percent,
            'C' => Key::Clear,
            '<' => Key::Back,
            '=' => Key::Equals,
            ' ' => continue,
            other => panic!("no key for {other:?}"),
        };
        calc.press(key);
    }
}

fn shown(text: &str) -> String {
    let mut calc = Calculator::new(ALL);
    keys(&mut calc, text);
    match calc.result() {
        Some(Ok(v)) => display(v, ','),
        Some(Err(e)) => format!("error: {e}"),
        None => "none".to_owned(),
    }
}

#[test]
fn precedence_brackets_and_exact_decimals() {
    assert_eq!(shown("2+3*4="), "14");
    assert_eq!(shown("(2+3)*4="), "20");
    assert_eq!(shown("2^3^2="), "512", "right to left");
    assert_eq!(shown("2*3^2="), "18");
    assert_eq!(shown("0.1+0.2="), "0,3");
    assert_eq!(shown("1/3*3="), "1");
    assert_eq!(shown("2/3="), "0,666666666667");
    assert_eq!(shown("10-2-3="), "5", "left to right");
    assert_eq!(shown("r16+r9="), "7");
    assert_eq!(shown("r2="), "1,41421356237");
    assert_eq!(shown("(1+2"), "none");
    assert_eq!(shown("(1+2="), "3", "an open bracket closes at =");
    assert_eq!(shown("10^20="), "1E20");
    assert_eq!(shown("123456789*1000000="), "1,23456789E14");
    assert_eq!(
        shown("123456789012*1="),
        "123456789012",
        "12 digits are shown as they are"
    );
}

#[test]
fn repeated_equals_percent_sign_and_back() {
    assert_eq!(shown("2+3=="), "8");
    assert_eq!(shown("2+3==="), "11");
    assert_eq!(shown("10/4=="), "0,625");
    assert_eq!(shown("200+10%="), "220");
    assert_eq!(shown("200-10%="), "180");
    assert_eq!(shown("200*10%="), "20");
    assert_eq!(shown("50%="), "0,5");
    assert_eq!(shown("5~="), "−5");
    assert_eq!(shown("5~~="), "5");
    assert_eq!(shown("~3+1="), "−2");
    assert_eq!(shown("123<="), "12");
    assert_eq!(
        shown("12+<3="),
        "123",
        "back removes the operator; the digit goes on the number"
    );
    assert_eq!(shown("2+*3="), "6", "a second operator replaces the first");
    // After =, an operator goes on from the result; a digit starts again.
    assert_eq!(shown("2+3=*2="), "10");
    assert_eq!(shown("2+3=7="), "7");
    let mut calc = Calculator::new(ALL);
    keys(&mut calc, "1+2=3*4=");
    let tape: Vec<Decimal> = calc.tape().map(|(_, v)| *v).collect();
    assert_eq!(tape, [Decimal::from(12), Decimal::from(3)], "newest first");
    assert_eq!(calc.expression(','), "3 × 4");
}

#[test]
fn every_error_is_a_state_the_next_key_clears() {
    assert_eq!(shown("1/0="), "error: division by zero");
    assert_eq!(shown("0^1~="), "error: division by zero");
    assert_eq!(shown("r4~="), "error: square root of a negative number");
    assert_eq!(shown("r(0-4)="), "error: square root of a negative number");
    assert_eq!(shown("2+="), "error: the expression is not complete");
    assert_eq!(shown("(="), "error: the expression is not complete");
    assert_eq!(
        shown("99999999999999*99999999999999*99999999999999="),
        "error: the result is too large"
    );
    assert_eq!(shown("10^100="), "error: the result is too large");
    let mut calc = Calculator::new(ALL);
    keys(&mut calc, "1/0=");
    assert!(matches!(calc.result(), Some(Err(_))));
    keys(&mut calc, "7");
    assert_eq!(calc.result(), None, "the next key clears the error");
    assert_eq!(calc.expression(','), "7");
    keys(&mut calc, "=");
    assert_eq!(calc.result(), Some(Ok(Decimal::from(7))));
}

#[test]
fn optional_keys_work_only_when_the_format_enables_them() {
    let mut calc = Calculator::new(Features::default());
    keys(&mut calc, "r9^2%=");
    assert_eq!(
        calc.result(),
        Some(Ok(Decimal::from(92))),
        "√, ^ and % did nothing"
    );
    assert!(!calc.has(Key::Sqrt) && calc.has(Key::Digit(1)));
}

/// A random expression over small integers, with brackets, as text for `keys` and as the
/// reference's exact value (or `None` for a division by zero).
fn expression() -> impl Strategy<Value = (String, Option<BigRational>)> {
    let leaf = (0u32..100).prop_map(|n| {
        (
            n.to_string(),
            Some(BigRational::from_integer(BigInt::from(n))),
        )
    });
    leaf.prop_recursive(4, 24, 2, |inner| {
        (
            inner.clone(),
            prop::sample::select(vec!['+', '-', '*', '/']),
            inner,
        )
            .prop_map(|((a, x), op, (b, y))| {
                let value = match (x, y) {
                    (Some(x), Some(y)) => match op {
                        '+' => Some(x + y),
                        '-' => Some(x - y),
                        '*' => Some(x * y),
                        _ if y == BigRational::from_integer(BigInt::from(0)) => None,
                        _ => Some(x / y),
                    },
                    _ => None,
                };
                (format!("({a}{op}{b})"), value)
            })
    })
}

fn abs(x: BigRational) -> BigRational {
    if x < BigRational::from_integer(BigInt::from(0)) {
        -x
    } else {
        x
    }
}

fn rational(d: Decimal) -> BigRational {
    let scale = BigInt::from(10).pow(d.scale());
    BigRational::new(BigInt::from(d.mantissa()), scale)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the expression, the model agrees with exact rationals (to the 28 digits a
    /// decimal carries), or says why not.
    #[test]
    fn agrees_with_exact_rationals((text, reference) in expression()) {
        let mut calc = Calculator::new(ALL);
        keys(&mut calc, &format!("{text}="));
        match (calc.result(), reference) {
            (Some(Ok(v)), Some(r)) => {
                let diff = abs(rational(v) - &r);
                let one = BigRational::from_integer(BigInt::from(1));
                let size = if abs(r.clone()) > one { abs(r.clone()) } else { one };
                let tolerance = size * BigRational::new(BigInt::from(1), BigInt::from(10).pow(20));
                prop_assert!(diff <= tolerance, "{text}: {v} vs {r}");
            }
            // A division by zero anywhere; or a product past the 28 digits a decimal holds.
            (Some(Err(CalcError::DivisionByZero)), None) | (Some(Err(CalcError::Overflow)), Some(_)) => {}
            (got, want) => prop_assert!(false, "{text}: {got:?} vs {want:?}"),
        }
    }
}
