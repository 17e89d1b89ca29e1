//! Reading a roster CSV for import. The first line names the columns:
//!
//! ```text
//! iin,name,ticket,format,language,extra_time,hall,seat,date,start
//! 061211600012,"Нұрланова Әсем",T-0001,unt-2024,kk,no,1,4,2027-06-20,09:00
//! ```
//!
//! Fields may be quoted (`"…"`, with `""` for a quote). Every bad line is reported by its number
//! and field, all of them at once; a file with any error imports nothing.

use std::collections::BTreeMap;

use crate::exam::iin;
use crate::exam::preset;
use crate::protocol::roster::RosterRow;

/// The columns, in order.
pub const COLUMNS: [&str; 10] = [
    "iin",
    "name",
    "ticket",
    "format",
    "language",
    "extra_time",
    "hall",
    "seat",
    "date",
    "start",
];

/// One problem, on one line of the file (counting from 1, the header being line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct LineError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

/// Splits one CSV line into fields; `None` for an unterminated quote.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => out.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return None;
    }
    out.push(field);
    Some(out.into_iter().map(|f| f.trim().to_owned()).collect())
}

fn check_row(f: &[String]) -> Result<RosterRow, String> {
    let [
        iin,
        name,
        ticket,
        format,
        language,
        extra,
        hall,
        seat,
        date,
        start,
    ] = f
    else {
        return Err(format!("{} fields, {} expected", f.len(), COLUMNS.len()));
    };
    iin::validate(iin).map_err(|e| format!("IIN {iin}: {e}"))?;
    let text_ok = |s: &str, max: usize| {
        !s.is_empty() && s.chars().count() <= max && !s.chars().any(char::is_control)
    };
    if !text_ok(name, 200) {
        return Err("the name is empty or too long".to_owned());
    }
    if !text_ok(ticket, 32) {
        return Err("the ticket code is empty or longer than 32".to_owned());
    }
    if preset::by_name(format).is_none() {
        return Err(format!(
            "unknown format {format:?} (known: {})",
            preset::NAMES.join(", ")
        ));
    }
    if !["kk", "ru", "en"].contains(&language.as_str()) {
        return Err(format!("language {language:?} is not kk, ru or en"));
    }
    let extra_time = match extra.to_ascii_lowercase().as_str() {
        "yes" | "true" | "1" => true,
        "no" | "false" | "0" | "" => false,
        other => return Err(format!("extra_time {other:?} is not yes or no")),
    };
    if !text_ok(hall, 32) || !text_ok(seat, 16) {
        return Err("the hall or seat is empty or too long".to_owned());
    }
    if !is_date(date) {
        return Err(format!("date {date:?} is not YYYY-MM-DD"));
    }
    if !is_time(start) {
        return Err(format!("start {start:?} is not HH:MM"));
    }
    Ok(RosterRow {
        iin: iin.clone(),
        name: name.clone(),
        ticket: ticket.clone(),
        format: format.clone(),
        language: language.clone(),
        extra_time,
        hall: hall.clone(),
        seat: seat.clone(),
        date: date.clone(),
        start: start.clone(),
    })
}

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

fn is_time(s: &str) -> bool {
    chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok() && s.len() == 5
}

/// Reads a whole roster file: its rows, or every problem in it.
pub fn parse(text: &str) -> Result<Vec<RosterRow>, Vec<LineError>> {
    parse_lines(text).map(|rows| rows.into_iter().map(|(_, row)| row).collect())
}

/// `parse`, with each row's line number.
pub fn parse_lines(text: &str) -> Result<Vec<(usize, RosterRow)>, Vec<LineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    let header = lines.next().map(|(_, l)| fields(l).unwrap_or_default());
    if header
        .as_deref()
        .map(|h| h.iter().map(String::as_str).collect::<Vec<_>>())
        != Some(COLUMNS.to_vec())
    {
        return Err(vec![LineError {
            line: 1,
            problem: format!("the first line must be the columns: {}", COLUMNS.join(",")),
        }]);
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut tickets: BTreeMap<String, usize> = BTreeMap::new();
    for (line, text) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        let bad = |problem: String| LineError { line, problem };
        let Some(f) = fields(text) else {
            errors.push(bad("a quote is not closed".to_owned()));
            continue;
        };
        match check_row(&f) {
            Ok(row) => {
                if let Some(first) = seen.insert(row.iin.clone(), line) {
                    errors.push(bad(format!("IIN {} is already on line {first}", row.iin)));
                } else if let Some(first) = tickets.insert(row.ticket.to_uppercase(), line) {
                    errors.push(bad(format!(
                        "ticket {} is already on line {first}",
                        row.ticket
                    )));
                } else {
                    rows.push((line, row));
                }
            }
            Err(problem) => errors.push(bad(problem)),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "iin,name,ticket,format,language,extra_time,hall,seat,date,start";

    #[test]
    fn a_good_file_reads_and_every_bad_line_is_named() {
        let good = format!(
            "{HEADER}\n061211600012,\"Нұрланова, Әсем\",T-1,unt-2024,kk,no,1,4,2027-06-20,09:00\n\n\
             791028302728,Сергеев Иван,T-2,unt-2021,ru,yes,1,5,2027-06-20,09:00\n"
        );
        let rows = parse(&good).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name, "Нұрланова, Әсем", "a quoted comma stays");
        assert!(rows[1].extra_time);
        let bad = format!(
            "{HEADER}\n061211600013,A,T-1,unt-2024,kk,no,1,4,2027-06-20,09:00\n\
             061211600012,B,T-2,unt-2099,kk,no,1,4,2027-06-20,09:00\n\
             061211600012,C,T-3,unt-2024,de,no,1,4,2027-06-20,09:00\n\
             791028302728,D,T-4,unt-2024,kk,no,1,4,2027-02-30,09:00\n\
             791028302728,E,T-5,unt-2024,kk,no,1,4\n"
        );
        let errors = parse(&bad).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 6], "{errors:?}");
        assert!(errors[0].problem.contains("check digit"), "{}", errors[0]);
        assert!(errors[1].problem.contains("unknown format"));
        assert!(errors[2].problem.contains("language"));
        assert!(errors[3].problem.contains("date"));
        assert!(errors[4].problem.contains("fields"));
        let dup = format!(
            "{HEADER}\n061211600012,A,T-1,unt-2024,kk,no,1,4,2027-06-20,09:00\n\
             061211600012,B,T-2,unt-2024,kk,no,1,4,2027-06-20,09:00\n"
        );
        assert!(
            parse(&dup).unwrap_err()[0]
                .problem
                .contains("already on line 2")
        );
        assert_eq!(parse("iin,name\n").unwrap_err()[0].line, 1);
    }
}
