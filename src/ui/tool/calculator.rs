//! The calculator's model: keys in, an expression line, a result line and a short tape out. The
//! arithmetic is exact decimal (`rust_decimal`, 28 significant digits), never floating point, so
//! 0.1 + 0.2 is 0.3 and every station shows the same digits for the same keys. Precedence is a
//! school scientific calculator's: brackets, then √ and the sign, then `xʸ` (right to left), then
//! × ÷, then + −. `%` makes the number before it a percentage: after + or − it is that percent of
//! what stands before (`200 + 10%` is 220), elsewhere it is the number divided by 100. A repeated
//! `=` repeats the last operation on the result (`2 + 3 = =` is 8). Errors (division by zero, a
//! result too large, a malformed expression, √ of a negative number) are a state the next key
//! clears; nothing panics and nothing shows NaN or infinity.

use std::collections::VecDeque;

use rust_decimal::prelude::{MathematicalOps, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};

/// Significant digits a result is shown with.
pub const SHOWN_DIGITS: u32 = 12;
/// Results kept on the tape.
pub const TAPE: usize = 5;
/// Characters an expression may grow to.
const MAX_INPUT: usize = 120;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// +
    Add,
    /// −
    Sub,
    /// ×
    Mul,
    /// ÷
    Div,
    /// xʸ
    Pow,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
            Op::Pow => "^",
        }
    }
}

/// A key of the calculator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// 0–9.
    Digit(u8),
    /// The decimal comma (or point).
    Point,
    /// An operator.
    Op(Op),
    /// (
    Open,
    /// )
    Close,
    /// ± on the number being typed (or a minus sign before the next one).
    Sign,
    /// √ of what follows.
    Sqrt,
    /// % after a number.
    Percent,
    /// C: everything cleared (the tape stays).
    Clear,
    /// ⌫: the last thing typed removed.
    Back,
    /// =
    Equals,
}

/// Which of the optional keys the package's format enables.
pub use crate::exam::spec::CalculatorKeys as Features;

/// Why there is no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalcError {
    #[error("division by zero")]
    DivisionByZero,
    #[error("the result is too large")]
    Overflow,
    #[error("the expression is not complete")]
    Malformed,
    #[error("square root of a negative number")]
    NegativeRoot,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(String),
    Op(Op),
    Open,
    Close,
    Neg,
    Sqrt,
    Percent,
}

/// The calculator's state.
#[derive(Debug, Clone, Default)]
pub struct Calculator {
    features: Features,
    toks: Vec<Tok>,
    /// The last result, or why there is none; cleared by the next key after an error.
    result: Option<Result<Decimal, CalcError>>,
    /// The expression just evaluated (the next digit starts a new one).
    done: bool,
    /// The last top-level operation, for a repeated `=`.
    repeat: Option<(Op, Decimal)>,
    tape: VecDeque<(String, Decimal)>,
    /// Keys pressed since the calculator was made.
    presses: usize,
}

impl Calculator {
    /// A calculator with the keys `features` enables.
    pub fn new(features: Features) -> Calculator {
        Calculator {
            features,
            ..Calculator::default()
        }
    }

    /// Which optional keys work.
    pub fn features(&self) -> Features {
        self.features
    }

    /// Whether `key` does anything on this calculator (the optional ones only when enabled).
    pub fn has(&self, key: Key) -> bool {
        match key {
            Key::Sqrt => self.features.sqrt,
            Key::Op(Op::Pow) => self.features.pow,
            Key::Percent => self.features.percent,
            _ => true,
        }
    }

    /// The expression line (`point` is the decimal separator shown).
    pub fn expression(&self, point: char) -> String {
        let mut out = String::new();
        for t in &self.toks {
            match t {
                Tok::Num(n) => out.push_str(&n.replace('.', &point.to_string())),
                Tok::Op(op) => {
                    out.push(' ');
                    out.push_str(op.symbol());
                    out.push(' ');
                }
                Tok::Open => out.push('('),
                Tok::Close => out.push(')'),
                Tok::Neg => out.push('−'),
                Tok::Sqrt => out.push('√'),
                Tok::Percent => out.push('%'),
            }
        }
        out
    }

    /// The result line: the value, or the error, once `=` was pressed.
    pub fn result(&self) -> Option<Result<Decimal, CalcError>> {
        self.result
    }

    /// The last results, newest first: the expression and its value.
    pub fn tape(&self) -> impl Iterator<Item = &(String, Decimal)> {
        self.tape.iter()
    }

    /// Keys pressed since the calculator was made.
    pub fn presses(&self) -> usize {
        self.presses
    }

    /// Presses a key.
    pub fn press(&mut self, key: Key) {
        if !self.has(key) {
            return;
        }
        self.presses += 1;
        // An error is a state the next key clears.
        if matches!(self.result, Some(Err(_))) {
            self.toks.clear();
            self.result = None;
            self.done = false;
            if matches!(key, Key::Clear | Key::Back) {
                return;
            }
        }
        match key {
            Key::Equals => return self.equals(),
            Key::Clear => {
                self.toks.clear();
                self.result = None;
                self.repeat = None;
            }
            Key::Back => {
                self.back();
            }
            _ => self.input(key),
        }
        self.done = false;
    }

    fn back(&mut self) {
        if let Some(Tok::Num(n)) = self.toks.last_mut()
            && n.len() > 1
        {
            n.pop();
            return;
        }
        self.toks.pop();
    }

    fn input(&mut self, key: Key) {
        if self.done {
            // After `=`: an operator goes on from the result, anything else starts again.
            let carry = matches!(key, Key::Op(_) | Key::Percent);
            let value = self.result.and_then(Result::ok);
            self.toks.clear();
            if let (true, Some(v)) = (carry, value) {
                self.toks.push(Tok::Num(plain(v)));
            }
            self.result = None;
        }
        if self.expression('.').chars().count() >= MAX_INPUT {
            return;
        }
        let last = self.toks.last();
        let after_value = matches!(last, Some(Tok::Num(_) | Tok::Close | Tok::Percent));
        match key {
            Key::Digit(d) if d <= 9 => {
                let d = char::from(b'0' + d);
                match self.toks.last_mut() {
                    Some(Tok::Num(n)) if n == "0" => *n = d.to_string(),
                    Some(Tok::Num(n)) => n.push(d),
                    Some(Tok::Close | Tok::Percent) => {}
                    _ => self.toks.push(Tok::Num(d.to_string())),
                }
            }
            Key::Point => match self.toks.last_mut() {
                Some(Tok::Num(n)) if !n.contains('.') => n.push('.'),
                Some(Tok::Num(_) | Tok::Close | Tok::Percent) => {}
                _ => self.toks.push(Tok::Num("0.".to_owned())),
            },
            Key::Op(op) => {
                if after_value {
                    self.toks.push(Tok::Op(op));
                } else if let Some(Tok::Op(prev)) = self.toks.last_mut() {
                    // Another operator replaces the one just pressed.
                    *prev = op;
                }
            }
            Key::Open if !after_value => self.toks.push(Tok::Open),
            Key::Close => {
                let depth = self.toks.iter().fold(0i32, |d, t| match t {
                    Tok::Open => d + 1,
                    Tok::Close => d - 1,
                    _ => d,
                });
                if depth > 0 && after_value {
                    self.toks.push(Tok::Close);
                }
            }
            Key::Sign => self.sign(),
            Key::Sqrt if !after_value => self.toks.push(Tok::Sqrt),
            Key::Percent if matches!(last, Some(Tok::Num(_) | Tok::Close)) => {
                self.toks.push(Tok::Percent);
            }
            _ => {}
        }
    }

    /// ± toggles the sign of the number being typed; before a number it puts a minus sign.
    fn sign(&mut self) {
        let len = self.toks.len();
        match self.toks.last() {
            Some(Tok::Num(_)) => {
                if len >= 2 && self.toks[len - 2] == Tok::Neg {
                    self.toks.remove(len - 2);
                } else {
                    self.toks.insert(len - 1, Tok::Neg);
                }
            }
            Some(Tok::Neg) => {
                self.toks.pop();
            }
            Some(Tok::Close | Tok::Percent) => {}
            _ => self.toks.push(Tok::Neg),
        }
    }

    fn equals(&mut self) {
        if self.done {
            // A repeated `=`: the last operation again, on the result.
            if let (Some(Ok(value)), Some((op, operand))) = (self.result, self.repeat) {
                let line = format!("{} {} {}", plain(value), op.symbol(), plain(operand));
                let next = binary(op, value, operand);
                self.finish(line, next);
            }
            return;
        }
        if self.toks.is_empty() {
            return;
        }
        let line = self.expression('.');
        let mut parser = Parser {
            toks: &self.toks,
            at: 0,
            last: None,
        };
        let value = parser.expr().and_then(|v| {
            if parser.at == parser.toks.len() {
                Ok(v)
            } else {
                Err(CalcError::Malformed)
            }
        });
        self.repeat = parser.last;
        self.finish(line, value);
    }

    fn finish(&mut self, line: String, value: Result<Decimal, CalcError>) {
        if let Ok(v) = value {
            self.tape.push_front((line, v));
            self.tape.truncate(TAPE);
        }
        self.result = Some(value);
        self.done = true;
    }
}

/// A value as the expression line writes it back (no exponent, point as separator).
fn plain(v: Decimal) -> String {
    v.normalize().to_string()
}

/// `v` for display: rounded to `SHOWN_DIGITS` significant digits, trailing zeros dropped,
/// with `point` as the decimal separator; numbers too long for that get an exponent (`1,5E20`).
pub fn display(v: Decimal, point: char) -> String {
    let v = v.normalize();
    if v.is_zero() {
        return "0".to_owned();
    }
    let int_digits = v.abs().trunc().to_string().trim_start_matches('0').len();
    let shown = if int_digits > SHOWN_DIGITS as usize {
        // Scientific: mantissa with SHOWN_DIGITS significant digits.
        let exp = u32::try_from(int_digits - 1).unwrap_or(0);
        let scale = Decimal::from_i128_with_scale(10i128.pow(exp), 0);
        let mantissa = (v / scale)
            .round_sf_with_strategy(SHOWN_DIGITS, RoundingStrategy::MidpointAwayFromZero)
            .unwrap_or(v)
            .normalize();
        format!("{mantissa}E{exp}")
    } else {
        v.round_sf_with_strategy(SHOWN_DIGITS, RoundingStrategy::MidpointAwayFromZero)
            .unwrap_or(v)
            .normalize()
            .to_string()
    };
    shown.replace('.', &point.to_string()).replace('-', "−")
}

fn binary(op: Op, a: Decimal, b: Decimal) -> Result<Decimal, CalcError> {
    match op {
        Op::Add => a.checked_add(b).ok_or(CalcError::Overflow),
        Op::Sub => a.checked_sub(b).ok_or(CalcError::Overflow),
        Op::Mul => a.checked_mul(b).ok_or(CalcError::Overflow),
        Op::Div if b.is_zero() => Err(CalcError::DivisionByZero),
        Op::Div => a.checked_div(b).ok_or(CalcError::Overflow),
        Op::Pow => power(a, b),
    }
}

fn power(a: Decimal, b: Decimal) -> Result<Decimal, CalcError> {
    if b.fract().is_zero() {
        let e = b.to_i64().ok_or(CalcError::Overflow)?;
        if a.is_zero() && e < 0 {
            return Err(CalcError::DivisionByZero);
        }
        return a.checked_powi(e).ok_or(CalcError::Overflow);
    }
    if a.is_sign_negative() {
        return Err(CalcError::NegativeRoot);
    }
    a.checked_powd(b).ok_or(CalcError::Overflow)
}

struct Parser<'a> {
    toks: &'a [Tok],
    at: usize,
    /// The last top-level binary operation and its right operand.
    last: Option<(Op, Decimal)>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    /// expr := term ((`+` | `−`) term)*, with `a ± b%` meaning a ± a·b/100.
    fn expr(&mut self) -> Result<Decimal, CalcError> {
        let mut value = self.term()?;
        while let Some(Tok::Op(op @ (Op::Add | Op::Sub))) = self.peek() {
            let op = *op;
            self.at += 1;
            let start = self.at;
            let right = self.term()?;
            // A bare percentage after + or −: that percent of what stands before.
            let bare_percent = self.at == start + 2
                && matches!(self.toks.get(start), Some(Tok::Num(_)))
                && self.toks.get(start + 1) == Some(&Tok::Percent);
            let right = if bare_percent {
                value.checked_mul(right).ok_or(CalcError::Overflow)?
            } else {
                right
            };
            value = binary(op, value, right)?;
            self.last = Some((op, right));
        }
        Ok(value)
    }

    /// term := power ((`×` | `÷`) power)*
    fn term(&mut self) -> Result<Decimal, CalcError> {
        let mut value = self.power()?;
        while let Some(Tok::Op(op @ (Op::Mul | Op::Div))) = self.peek() {
            let op = *op;
            self.at += 1;
            let right = self.power()?;
            value = binary(op, value, right)?;
            self.last = Some((op, right));
        }
        Ok(value)
    }

    /// power := unary (`^` power)?  (right to left)
    fn power(&mut self) -> Result<Decimal, CalcError> {
        let base = self.unary()?;
        if let Some(Tok::Op(Op::Pow)) = self.peek() {
            self.at += 1;
            let exp = self.power()?;
            return binary(Op::Pow, base, exp);
        }
        Ok(base)
    }

    /// unary := `−` unary | `√` unary | atom [`%`]
    fn unary(&mut self) -> Result<Decimal, CalcError> {
        match self.peek() {
            Some(Tok::Neg) => {
                self.at += 1;
                Ok(-self.unary()?)
            }
            Some(Tok::Sqrt) => {
                self.at += 1;
                let v = self.unary()?;
                if v.is_sign_negative() && !v.is_zero() {
                    return Err(CalcError::NegativeRoot);
                }
                v.sqrt().ok_or(CalcError::Overflow)
            }
            _ => {
                let v = self.atom()?;
                if self.peek() == Some(&Tok::Percent) {
                    self.at += 1;
                    return Ok(v / Decimal::ONE_HUNDRED);
                }
                Ok(v)
            }
        }
    }

    /// atom := number | `(` expr `)`
    fn atom(&mut self) -> Result<Decimal, CalcError> {
        match self.peek() {
            Some(Tok::Num(n)) => {
                let value = n.parse::<Decimal>().map_err(|_| CalcError::Overflow);
                self.at += 1;
                value
            }
            Some(Tok::Open) => {
                self.at += 1;
                // A nested expression keeps its own operations out of the repeat.
                let saved = self.last;
                let v = self.expr()?;
                self.last = saved;
                match self.peek() {
                    Some(Tok::Close) => {
                        self.at += 1;
                        Ok(v)
                    }
                    // Brackets left open close at `=`, as on a school calculator.
                    None => Ok(v),
                    _ => Err(CalcError::Malformed),
                }
            }
            _ => Err(CalcError::Malformed),
        }
    }
}

#[cfg(test)]
mod tests;
mod view;

pub use view::{id, point, view};
