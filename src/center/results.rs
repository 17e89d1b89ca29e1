//! The center's results: every session it holds, re-scored from its events with the same exam
//! code the station ran (the fold and the analysis card), so the center's result is the
//! authoritative one. A session carried on after damage replaces the one it supersedes. Written
//! as JSON (everything) and as two CSV tables: results (a row per subject) and appeals.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;

use super::store::{HeldSession, Store, StoreError};
use crate::exam::{self, Paper, Phase, card};
use crate::journal::record::Entry;

/// One subject's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockResult {
    /// Block id of the format.
    pub block: String,
    /// Subject code.
    pub subject: String,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max: u32,
    /// Points required.
    pub minimum: u32,
    /// Whether the minimum is met.
    pub met: bool,
    /// Points of each task, in the block's order.
    pub task_points: Vec<u32>,
}

/// One pass mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassResult {
    /// Pass-mark id of the format.
    pub id: String,
    /// Points required.
    pub points: u32,
    /// Whether it is reached.
    pub met: bool,
}

/// One appealed task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppealResult {
    /// Block id.
    pub block: String,
    /// Task number within the block, from 1.
    pub task: usize,
    /// The ground.
    pub ground: String,
    /// The justification.
    pub justification: String,
}

/// One session's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionResult {
    /// The journal session.
    pub session: String,
    /// The station it was sat on.
    pub station: String,
    /// The package.
    pub package_id: String,
    /// The candidate's IIN.
    pub iin: String,
    /// The candidate's name.
    pub name: String,
    /// Where the session stands (`closed`, `testing`, ...).
    pub phase: String,
    /// Whether testing has ended, so the score is final.
    pub finished: bool,
    /// Why testing ended (`candidate`, `time-up`, `proctor`, `violation`), if it did.
    pub finish: String,
    /// Testing time the clock charged, in milliseconds.
    pub time_used_ms: u64,
    /// Time the candidate could not work through no fault of their own (the ledger).
    pub time_lost_ms: u64,
    /// Lost time a proctor gave back.
    pub time_given_back_ms: u64,
    /// Records held.
    pub records: u64,
    /// Total points.
    pub total: u32,
    /// Maximum points.
    pub max: u32,
    /// Whether every subject's minimum is met.
    pub minimums_met: bool,
    /// Per subject.
    pub blocks: Vec<BlockResult>,
    /// Pass marks.
    pub pass_marks: Vec<PassResult>,
    /// Appealed tasks.
    pub appeals: Vec<AppealResult>,
    /// The appeal receipt number shown to the candidate.
    pub appeal_receipt: Option<String>,
    /// Why the center flagged the session.
    pub flag: Option<String>,
    /// Why it could not be scored, if it could not.
    pub problem: Option<String>,
}

/// Every held session's result, handed to `each` as soon as it is scored, in the order the
/// store lists the sessions; `paper` opens the paper a session ran (its package, with the
/// center's key). Sessions another held session supersedes are left out. Only the list of
/// sessions and one session's records are in memory at a time, however large the test day.
pub fn each<E: From<StoreError>>(
    store: &dyn Store,
    paper: impl Fn(&HeldSession) -> Result<Paper, String>,
    mut each: impl FnMut(SessionResult) -> Result<(), E>,
) -> Result<(), E> {
    let sessions = store.sessions()?;
    let superseded: BTreeSet<String> = sessions
        .iter()
        .filter_map(|s| s.supersedes.clone())
        .collect();
    for held in sessions.iter().filter(|s| !superseded.contains(&s.id)) {
        let records = with_moved(store, &sessions, held)?;
        each(
            score(held, &records, &paper).unwrap_or_else(|problem| SessionResult {
                problem: Some(problem),
                ..blank(held, records.len() as u64)
            }),
        )?;
    }
    Ok(())
}

/// The records of a session, and of one moved to its station (a seat swap) it carries on: all
/// the moved session's records the center holds (with any the old station's export brought
/// after the move), then this session's own from the move on. Without late records that is
/// exactly this session's records.
fn with_moved(
    store: &dyn Store,
    sessions: &[HeldSession],
    held: &HeldSession,
) -> Result<Vec<(i64, Vec<u8>, String)>, StoreError> {
    let own = store.records(&held.id)?;
    let Some(earlier) = &held.supersedes else {
        return Ok(own);
    };
    let Some(moved) = store
        .move_of(earlier)?
        .filter(|m| m.to_station == held.station)
    else {
        return Ok(own);
    };
    let marker = own.iter().position(|(_, _, entry)| {
        serde_json::from_str::<Entry>(entry).is_ok_and(|e| {
            matches!(
                e.event,
                exam::Event::Incident {
                    kind: exam::event::Incident::MovedFrom { .. }
                }
            )
        })
    });
    let Some(marker) = marker else {
        return Ok(own);
    };
    let before = sessions
        .iter()
        .find(|s| s.id == moved.session)
        .map(|s| with_moved(store, sessions, s))
        .transpose()?
        .unwrap_or_default();
    Ok(before
        .into_iter()
        .chain(own.into_iter().skip(marker))
        .collect())
}

fn blank(held: &HeldSession, records: u64) -> SessionResult {
    SessionResult {
        session: held.id.clone(),
        station: held.station.clone(),
        package_id: held.package_id.clone(),
        iin: String::new(),
        name: String::new(),
        phase: String::new(),
        finished: false,
        finish: String::new(),
        time_used_ms: 0,
        time_lost_ms: 0,
        time_given_back_ms: 0,
        records,
        total: 0,
        max: 0,
        minimums_met: false,
        blocks: Vec::new(),
        pass_marks: Vec::new(),
        appeals: Vec::new(),
        appeal_receipt: None,
        flag: held.flag.clone(),
        problem: None,
    }
}

fn score(
    held: &HeldSession,
    records: &[(i64, Vec<u8>, String)],
    paper: &impl Fn(&HeldSession) -> Result<Paper, String>,
) -> Result<SessionResult, String> {
    let paper = paper(held)?;
    let events: Vec<exam::Event> = records
        .iter()
        .map(|(seq, _, entry)| {
            serde_json::from_str::<Entry>(entry)
                .map(|e| e.event)
                .map_err(|e| format!("record {seq} does not read: {e}"))
        })
        .collect::<Result<_, _>>()?;
    let state = exam::state::fold(&paper, &events).map_err(|e| {
        format!(
            "event {} is refused by the exam rules: {}",
            e.index, e.error
        )
    })?;
    let card = card::build(&paper, &state);
    let disagrees = card_disagrees(&state, &card);
    let candidate = state.candidate.clone();
    let appeals = state
        .appeals
        .iter()
        .map(|(task, note)| {
            let (block, number) = paper.position(usize::from(*task));
            AppealResult {
                block: paper
                    .format
                    .blocks
                    .get(block)
                    .map_or_else(String::new, |b| b.id.clone()),
                task: number,
                ground: serde_json::to_value(note.ground)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                justification: note.text.clone(),
            }
        })
        .collect();
    Ok(SessionResult {
        iin: candidate
            .as_ref()
            .map_or_else(String::new, |c| c.iin.clone()),
        name: candidate.map_or_else(String::new, |c| c.name),
        phase: state.phase.name().to_owned(),
        finished: state.finish.is_some() || matches!(state.phase, Phase::Closed),
        finish: state
            .finish
            .and_then(|f| serde_json::to_value(f).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        time_used_ms: state.clock.used_ms,
        time_lost_ms: state.ledger.lost_ms(),
        time_given_back_ms: state.ledger.given_back_ms,
        total: card.total,
        max: card.max,
        minimums_met: card.minimums_met,
        blocks: card
            .blocks
            .iter()
            .map(|b| BlockResult {
                block: b.block.clone(),
                subject: b.subject.clone(),
                points: b.points,
                max: b.max,
                minimum: b.minimum,
                met: b.met,
                task_points: b.rows.iter().map(|r| r.points).collect(),
            })
            .collect(),
        pass_marks: card
            .pass_marks
            .iter()
            .map(|p| PassResult {
                id: p.id.clone(),
                points: p.points,
                met: p.met,
            })
            .collect(),
        appeals,
        appeal_receipt: state.receipt.clone(),
        flag: match (held.flag.clone(), disagrees) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        },
        ..blank(held, records.len() as u64)
    })
}

/// The card the station showed must be the one the center scores: how it differs, if it does.
pub fn card_disagrees(state: &exam::State, card: &card::AnalysisCard) -> Option<String> {
    let ours: Vec<u32> = card.task_points();
    state
        .card_shown
        .as_ref()
        .filter(|(total, points)| *total != card.total || *points != ours)
        .map(|(total, points)| {
            let tasks = points
                .iter()
                .zip(&ours)
                .filter(|(a, b)| a != b)
                .count();
            format!(
                "the station's analysis card showed {total} points, the center scores {} ({tasks} tasks differ)",
                card.total
            )
        })
}

/// A CSV field, quoted when it must be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn line(out: &mut String, fields: &[String]) {
    let row: Vec<String> = fields.iter().map(|f| field(f)).collect();
    let _ = writeln!(out, "{}", row.join(","));
}

/// The results table's first line (CSV: a row per session and subject).
pub fn results_header() -> String {
    let mut out = String::new();
    line(
        &mut out,
        &[
            "session",
            "station",
            "iin",
            "name",
            "package",
            "phase",
            "finished",
            "subject",
            "block",
            "points",
            "max",
            "minimum",
            "met",
            "total",
            "total_max",
            "minimums_met",
            "pass_marks_met",
            "finish",
            "time_used_ms",
            "time_lost_ms",
            "time_given_back_ms",
            "flag",
            "problem",
        ]
        .map(str::to_owned),
    );
    out
}

/// One session's rows of the results table: a row per subject (one row without a subject
/// when it has none).
pub fn results_rows(r: &SessionResult) -> String {
    let mut out = String::new();
    let passed: Vec<&str> = r
        .pass_marks
        .iter()
        .filter(|p| p.met)
        .map(|p| p.id.as_str())
        .collect();
    let empty = BlockResult {
        block: String::new(),
        subject: String::new(),
        points: 0,
        max: 0,
        minimum: 0,
        met: false,
        task_points: Vec::new(),
    };
    let blocks: Vec<&BlockResult> = if r.blocks.is_empty() {
        vec![&empty]
    } else {
        r.blocks.iter().collect()
    };
    for b in blocks {
        line(
            &mut out,
            &[
                r.session.clone(),
                r.station.clone(),
                r.iin.clone(),
                r.name.clone(),
                r.package_id.clone(),
                r.phase.clone(),
                r.finished.to_string(),
                b.subject.clone(),
                b.block.clone(),
                b.points.to_string(),
                b.max.to_string(),
                b.minimum.to_string(),
                b.met.to_string(),
                r.total.to_string(),
                r.max.to_string(),
                r.minimums_met.to_string(),
                passed.join(" "),
                r.finish.clone(),
                r.time_used_ms.to_string(),
                r.time_lost_ms.to_string(),
                r.time_given_back_ms.to_string(),
                r.flag.clone().unwrap_or_default(),
                r.problem.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

/// The appeals table's first line (CSV: a row per appealed task).
pub fn appeals_header() -> String {
    let mut out = String::new();
    line(
        &mut out,
        &[
            "session",
            "iin",
            "name",
            "block",
            "task",
            "ground",
            "justification",
            "receipt",
        ]
        .map(str::to_owned),
    );
    out
}

/// One session's rows of the appeals table.
pub fn appeals_rows(r: &SessionResult) -> String {
    let mut out = String::new();
    for a in &r.appeals {
        line(
            &mut out,
            &[
                r.session.clone(),
                r.iin.clone(),
                r.name.clone(),
                a.block.clone(),
                a.task.to_string(),
                a.ground.clone(),
                a.justification.clone(),
                r.appeal_receipt.clone().unwrap_or_default(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::center::store::{BatchIn, Incoming, SqliteStore};
    use crate::exam::event::{Candidate, FinishReason};
    use crate::exam::preset;
    use crate::exam::task::Choice;

    /// The demo candidate's check-in.
    fn checked_in() -> exam::Event {
        exam::Event::CheckedIn {
            candidate: Candidate {
                iin: "061211600012".into(),
                name: "Demo".into(),
                ticket: "T-1".into(),
                extra_time: false,
                interface: crate::i18n::Lang::Kk,
                languages: std::collections::BTreeMap::new(),
            },
        }
    }

    /// A session held at the center with `events` as its records.
    fn held(store: &SqliteStore, session: &str, events: &[exam::Event]) {
        let records = events
            .iter()
            .zip(0..)
            .map(|(event, seq)| Incoming {
                seq,
                hash: [u8::try_from(seq).unwrap_or(0); 32],
                sealed: Vec::new(),
                entry: serde_json::to_string(&Entry {
                    at_ms: 0,
                    event: event.clone(),
                })
                .unwrap_or_default(),
            })
            .collect();
        let batch = BatchIn {
            station: "st-1".into(),
            session: session.into(),
            package_id: "p".into(),
            seal_id: "s".into(),
            supersedes: None,
            data_key: [4; 32],
            imported: false,
            behind: None,
            head_seq: i64::try_from(events.len()).unwrap_or(0) - 1,
            prev: [0; 32],
            records,
        };
        assert!(store.put_batch(batch, 1).is_ok());
    }

    /// Every result, collected.
    fn all(store: &SqliteStore, paper: &Paper) -> Vec<SessionResult> {
        let mut out = Vec::new();
        each(
            store,
            |_| Ok(paper.clone()),
            |r| {
                out.push(r);
                Ok::<_, StoreError>(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn each_result_is_handed_on_before_the_next_session_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let b = [exam::Event::Unlocked, checked_in(), exam::Event::Started];
        held(&store, "a", &[exam::Event::Unlocked, checked_in()]);
        held(&store, "b", &b[..2]);
        let mut seen = Vec::new();
        each(
            &store,
            |_| Ok(paper.clone()),
            |r| {
                if r.session == "a" {
                    // Session b grows while a's result is being written out.
                    held(&store, "b", &b);
                }
                seen.push((r.session, r.records));
                Ok::<_, StoreError>(())
            },
        )
        .unwrap();
        assert_eq!(
            seen,
            [("a".to_owned(), 2), ("b".to_owned(), 3)],
            "b read after a was handed on, not every session first"
        );
    }

    #[test]
    fn a_card_the_station_showed_that_the_center_does_not_score_is_flagged() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        // The placeholder paper's first task is a single choice with option 0 right.
        let answer = exam::Event::Answered {
            task: 0,
            choice: Choice::One(0),
        };
        let journey = |card: exam::Event| {
            vec![
                exam::Event::Unlocked,
                checked_in(),
                exam::Event::Started,
                answer.clone(),
                exam::Event::Finished {
                    reason: FinishReason::Candidate,
                },
                exam::Event::ReviewOpened,
                card,
            ]
        };
        let state = exam::state::fold(&paper, &journey(exam::Event::Unlocked)[..6]).unwrap();
        let right = card::build(&paper, &state);
        let points: Vec<u32> = right.task_points();
        assert!(right.total > 0, "the answer scores");
        held(
            &store,
            "same",
            &journey(exam::Event::CardShown {
                total: right.total,
                points: points.clone(),
            }),
        );
        let mut inflated = points;
        inflated[1] += 1;
        held(
            &store,
            "inflated",
            &journey(exam::Event::CardShown {
                total: right.total + 1,
                points: inflated,
            }),
        );
        let results = all(&store, &paper);
        let of = |id: &str| results.iter().find(|r| r.session == id).unwrap();
        assert_eq!(results.len(), 2);
        assert_eq!(of("same").problem, None);
        assert_eq!(of("same").flag, None, "the card shown is the center's");
        let flag = of("inflated").flag.as_deref().unwrap_or_default();
        assert!(flag.contains("1 tasks differ"), "{flag}");
        assert_eq!(
            of("inflated").total,
            right.total,
            "the center's score stands"
        );
    }

    #[test]
    fn the_export_shows_time_used_lost_and_given_back_and_a_violation() {
        use crate::exam::event::{By, HoldCause, ProctorAction, Verdict};
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let proctor = |action: ProctorAction, reason: &str| exam::Event::Proctor {
            action,
            by: By::Pin,
            reason: reason.into(),
        };
        let events = vec![
            exam::Event::Unlocked,
            checked_in(),
            exam::Event::Started,
            exam::Event::Tick { ms: 60_000 },
            exam::Event::Held {
                cause: HoldCause::FocusLost,
            },
            exam::Event::Tick { ms: 20_000 },
            proctor(
                ProctorAction::Release {
                    verdict: Verdict::Technical,
                },
                "",
            ),
            proctor(ProctorAction::GiveBack { ms: 20_000 }, ""),
            exam::Event::Tick { ms: 1_000 },
            proctor(ProctorAction::EndViolation, "a phone"),
        ];
        held(&store, "s", &events);
        let results = all(&store, &paper);
        let r = &results[0];
        assert_eq!(r.problem, None);
        assert_eq!(
            (r.time_used_ms, r.time_lost_ms, r.time_given_back_ms),
            (81_000, 20_000, 20_000)
        );
        assert_eq!(r.finish, "violation");
        let csv = results_header() + &results_rows(r);
        assert!(
            csv.lines()
                .next()
                .unwrap()
                .contains("finish,time_used_ms,time_lost_ms,time_given_back_ms")
        );
        assert!(csv.contains(",violation,81000,20000,20000,"), "{csv}");
    }

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
