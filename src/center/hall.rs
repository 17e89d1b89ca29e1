//! The live hall: what the dashboard shows of each seat of a hall and the alerts over them, read
//! from the store. Each session is folded once and then only with the records that came since
//! (`fold`), so a hall of 500 seats costs a query per seat, not a re-fold of a test day.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use super::store::{HeldSession, Store, StoreError};
use crate::exam::{Paper, Phase, card, iin};

pub mod fold;

pub use fold::{Folded, Moment};

/// A station that has said nothing for this long while a session runs on it is silent.
pub const SILENT_MS: i64 = 30_000;
/// Records waiting at a station longer than this raise an alert.
pub const LAG_ALERT_MS: i64 = 60_000;
/// A step-out longer than this is marked on the seat.
pub const STEP_OUT_LONG_MS: u64 = 10 * 60_000;

/// Opens the paper of a session's package.
pub type Papers = dyn Fn(&HeldSession) -> Result<Paper, String> + Send + Sync;

/// One seat as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatView {
    /// The seat number.
    pub seat: String,
    /// The station enrolled at it.
    pub station: Option<String>,
    /// The candidate: masked IIN and name (from the session, else the roster).
    pub candidate: Option<(String, String)>,
    /// The session on the station (the newest).
    pub session: Option<String>,
    /// The phase's name (`locked`, `testing`, `closed`, ...), `no-station` with no station,
    /// `waiting` with a station but no session, `quarantined` for a flagged session.
    pub phase: String,
    /// Tasks answered and tasks in all.
    pub answered: (usize, usize),
    /// Testing time left, ms (while it counts).
    pub left_ms: Option<u64>,
    /// When the center last heard from the station (center clock).
    pub last_contact_ms: Option<i64>,
    /// Records the station had not yet delivered at its last batch.
    pub waiting: i64,
    /// How long the oldest of those has waited, ms, as far as the center can tell.
    pub lag_ms: i64,
    /// Whether a running session has gone silent.
    pub silent: bool,
    /// Incidents by kind (`incident-focus-lost`, ...), with counts.
    pub incidents: Vec<(String, usize)>,
    /// A step-out past `STEP_OUT_LONG_MS` is going on.
    pub long_step_out: bool,
    /// Why the center flagged the session (a rolled-back journal, a forked chain), or why it
    /// cannot be followed.
    pub flag: Option<String>,
    /// The station's analysis card differs from the center's score.
    pub card_differs: bool,
    /// What the station's readiness check found wanting (its last heartbeat): item and level.
    pub readiness: Vec<(String, String)>,
}

/// An alert over the hall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// When (ms since the epoch; center clock for silence and lag, station clock for
    /// incidents).
    pub at_ms: i64,
    /// `silent`, `lag`, `flag` or the incident's kind.
    pub kind: String,
    /// The seat it concerns.
    pub seat: String,
    /// The station.
    pub station: String,
    /// More, in the station's or the center's words (a flag's reason).
    pub detail: Option<String>,
}

/// A hall: its seats in seat order and its alerts, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HallView {
    /// The hall.
    pub hall: String,
    /// Its seats.
    pub seats: Vec<SeatView>,
    /// Its alerts.
    pub alerts: Vec<Alert>,
}

/// A seat's page: the seat, its timeline, its time-loss ledger and (once closed) its result.
#[derive(Debug, Clone)]
pub struct SeatPage {
    /// The seat as on the map.
    pub view: SeatView,
    /// The session's folded state and timeline, if there is a session.
    pub folded: Option<Folded>,
    /// The records the center holds (its receipts cover them) and the station's head.
    pub held: Option<(i64, i64)>,
    /// The center's score, once testing has ended: total and maximum.
    pub result: Option<(u32, u32)>,
}

/// Follows the sessions of every hall.
pub struct Halls {
    papers: Box<Papers>,
    /// Papers by seal id, opened once.
    opened: Mutex<HashMap<String, Arc<Paper>>>,
    /// Sessions folded so far.
    folded: Mutex<HashMap<String, Folded>>,
}

/// The newest session of each station, leaving out those another session carries on from.
fn newest_by_station(sessions: Vec<HeldSession>) -> HashMap<String, HeldSession> {
    let superseded: BTreeSet<String> = sessions
        .iter()
        .filter_map(|s| s.supersedes.clone())
        .collect();
    let mut out: HashMap<String, HeldSession> = HashMap::new();
    for s in sessions.into_iter().filter(|s| !superseded.contains(&s.id)) {
        let newer = out
            .get(&s.station)
            .is_none_or(|o| (s.first_ms, &s.id) >= (o.first_ms, &o.id));
        if newer {
            out.insert(s.station.clone(), s);
        }
    }
    out
}

/// Seat numbers in their natural order: `2` before `10`.
fn seat_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

impl Halls {
    /// Follows halls, opening papers with `papers`.
    pub fn new(papers: Box<Papers>) -> Halls {
        Halls {
            papers,
            opened: Mutex::new(HashMap::new()),
            folded: Mutex::new(HashMap::new()),
        }
    }

    /// The halls that have stations or candidates, in order.
    pub fn names(&self, store: &dyn Store) -> Result<Vec<String>, StoreError> {
        let halls: BTreeSet<String> = store.stations()?.into_iter().map(|s| s.hall).collect();
        Ok(halls.into_iter().collect())
    }

    fn paper(&self, held: &HeldSession) -> Result<Arc<Paper>, String> {
        let mut opened = self.opened.lock().map_err(|_| "poisoned".to_owned())?;
        if let Some(p) = opened.get(&held.seal_id) {
            return Ok(Arc::clone(p));
        }
        let paper = Arc::new((self.papers)(held)?);
        opened.insert(held.seal_id.clone(), Arc::clone(&paper));
        Ok(paper)
    }

    /// Brings a session's fold up to what the store holds; `Err` inside says why its paper
    /// cannot be opened here.
    fn follow(
        &self,
        store: &dyn Store,
        held: &HeldSession,
    ) -> Result<Result<Folded, String>, StoreError> {
        let paper = match self.paper(held) {
            Ok(p) => p,
            Err(problem) => return Ok(Err(problem)),
        };
        let mut all = self.folded.lock().map_err(|_| StoreError::Poisoned)?;
        let folded = all
            .entry(held.id.clone())
            .or_insert_with(|| Folded::new(&paper));
        if folded.seq < held.held_seq && folded.problem.is_none() {
            let records = store.records_after(&held.id, folded.seq)?;
            folded.apply(&paper, &records);
        }
        Ok(Ok(folded.clone()))
    }

    /// The hall `hall` as it stands at `now_ms` (center clock).
    pub fn hall(&self, store: &dyn Store, hall: &str, now_ms: i64) -> Result<HallView, StoreError> {
        let stations: Vec<_> = store
            .stations()?
            .into_iter()
            .filter(|s| s.hall == hall)
            .collect();
        let sessions = newest_by_station(store.sessions()?);
        let heartbeats = heartbeats(store)?;
        let roster = store.roster(hall)?;
        let mut seats: BTreeMap<String, SeatView> = BTreeMap::new();
        for row in &roster {
            seats.insert(row.seat.clone(), blank(&row.seat, None));
            if let Some(v) = seats.get_mut(&row.seat) {
                v.candidate = Some((iin::masked(&row.iin), row.name.clone()));
            }
        }
        let mut alerts = Vec::new();
        for st in &stations {
            let seat = seats
                .entry(st.seat.clone())
                .or_insert_with(|| blank(&st.seat, None));
            seat.station = Some(st.name.clone());
            seat.phase = "waiting".into();
            if let Some((status, at_ms)) = heartbeats.get(&st.name) {
                seat.last_contact_ms = Some(*at_ms);
                seat.readiness = status
                    .readiness
                    .iter()
                    .map(|w| (w.item.clone(), w.level.clone()))
                    .collect();
            }
            if let Some(held) = sessions.get(&st.name) {
                match self.follow(store, held)? {
                    Ok(folded) => {
                        fill(seat, held, &folded, now_ms);
                        alerts.extend(alerts_of(seat, held, &folded, now_ms));
                    }
                    Err(problem) => {
                        seat.session = Some(held.id.clone());
                        seat.phase = "unreadable".into();
                        seat.last_contact_ms = Some(
                            seat.last_contact_ms
                                .map_or(held.last_ms, |h| h.max(held.last_ms)),
                        );
                        seat.flag = Some(problem);
                    }
                }
            }
        }
        let mut seats: Vec<SeatView> = seats.into_values().collect();
        seats.sort_by(|a, b| seat_order(&a.seat, &b.seat));
        alerts.sort_by(|a, b| b.at_ms.cmp(&a.at_ms).then(seat_order(&a.seat, &b.seat)));
        Ok(HallView {
            hall: hall.to_owned(),
            seats,
            alerts,
        })
    }

    /// One seat of a hall, with its timeline; `None` when the hall has no such seat.
    pub fn seat(
        &self,
        store: &dyn Store,
        hall: &str,
        seat: &str,
        now_ms: i64,
    ) -> Result<Option<SeatPage>, StoreError> {
        let view = self.hall(store, hall, now_ms)?;
        let Some(view) = view.seats.into_iter().find(|s| s.seat == seat) else {
            return Ok(None);
        };
        let sessions = newest_by_station(store.sessions()?);
        let held = view.station.as_ref().and_then(|st| sessions.get(st));
        let Some(held) = held else {
            return Ok(Some(SeatPage {
                view,
                folded: None,
                held: None,
                result: None,
            }));
        };
        let Ok(folded) = self.follow(store, held)? else {
            return Ok(Some(SeatPage {
                view,
                folded: None,
                held: Some((held.held_seq, held.station_head)),
                result: None,
            }));
        };
        let ended = folded.state.finish.is_some() || folded.state.phase == Phase::Closed;
        let result = match self.paper(held) {
            Ok(paper) if ended && folded.problem.is_none() => {
                let card = card::build(&paper, &folded.state);
                Some((card.total, card.max))
            }
            _ => None,
        };
        Ok(Some(SeatPage {
            view,
            folded: Some(folded),
            held: Some((held.held_seq, held.station_head)),
            result,
        }))
    }
}

/// Every station's last heartbeat and when it came (one that does not read is left out).
fn heartbeats(
    store: &dyn Store,
) -> Result<HashMap<String, (crate::protocol::status::StationStatus, i64)>, StoreError> {
    Ok(store
        .statuses()?
        .into_iter()
        .filter_map(|(station, json, at)| Some((station, (serde_json::from_str(&json).ok()?, at))))
        .collect())
}

fn blank(seat: &str, station: Option<String>) -> SeatView {
    SeatView {
        seat: seat.to_owned(),
        station,
        candidate: None,
        session: None,
        phase: "no-station".into(),
        answered: (0, 0),
        left_ms: None,
        last_contact_ms: None,
        waiting: 0,
        lag_ms: 0,
        silent: false,
        incidents: Vec::new(),
        long_step_out: false,
        flag: None,
        card_differs: false,
        readiness: Vec::new(),
    }
}

/// Whether the station reports time in this phase (ticks every few seconds), so silence means
/// something is wrong.
fn running(phase: Phase) -> bool {
    !matches!(
        phase,
        Phase::Locked | Phase::CheckIn | Phase::Briefing | Phase::Closed
    )
}

fn fill(seat: &mut SeatView, held: &HeldSession, folded: &Folded, now_ms: i64) {
    let state = &folded.state;
    seat.session = Some(held.id.clone());
    if let Some(c) = &state.candidate {
        seat.candidate = Some((iin::masked(&c.iin), c.name.clone()));
    }
    state.phase.name().clone_into(&mut seat.phase);
    seat.answered = (state.answered_count(), state.answers.len());
    seat.left_ms = running(state.phase).then(|| state.clock.remaining_ms());
    seat.last_contact_ms = Some(held.last_ms);
    seat.waiting = (held.station_head - held.held_seq).max(0);
    // The oldest waiting record was written after the last one held.
    seat.lag_ms = if seat.waiting > 0 {
        let since = i64::try_from(folded.last_at_ms).unwrap_or(i64::MAX);
        now_ms.saturating_sub(since).max(0)
    } else {
        0
    };
    // A heartbeat counts as contact: the station is there, whatever its batches do.
    let contact = seat.last_contact_ms.unwrap_or(held.last_ms);
    seat.silent = running(state.phase) && now_ms - contact > SILENT_MS;
    seat.incidents = folded.incident_counts();
    seat.long_step_out =
        state.phase == Phase::SteppedOut && state.clock.step_out_ms > STEP_OUT_LONG_MS;
    seat.flag = held.flag.clone().or_else(|| folded.problem.clone());
    seat.card_differs = folded.card_differs.is_some();
    if held.flag.is_some() {
        seat.phase = "quarantined".into();
    }
}

fn alerts_of(seat: &SeatView, held: &HeldSession, folded: &Folded, now_ms: i64) -> Vec<Alert> {
    let station = held.station.clone();
    let mut out = Vec::new();
    let mut push = |at_ms: i64, kind: &str, detail: Option<String>| {
        out.push(Alert {
            at_ms,
            kind: kind.to_owned(),
            seat: seat.seat.clone(),
            station: station.clone(),
            detail,
        });
    };
    if seat.silent {
        let contact = seat.last_contact_ms.unwrap_or(held.last_ms);
        push(contact + SILENT_MS, "silent", None);
    }
    if seat.waiting > 0 && seat.lag_ms > LAG_ALERT_MS {
        push(now_ms - seat.lag_ms + LAG_ALERT_MS, "lag", None);
    }
    if let Some(flag) = &seat.flag {
        push(held.last_ms, "flag", Some(flag.clone()));
    }
    if let Some(differs) = &folded.card_differs {
        push(held.last_ms, "card", Some(differs.clone()));
    }
    for m in folded
        .timeline
        .iter()
        .filter(|m| m.what.starts_with("incident-"))
    {
        push(i64::try_from(m.at_ms).unwrap_or(i64::MAX), &m.what, None);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::center::store::{BatchIn, Incoming, NewCode, SqliteStore};
    use crate::exam::event::{Candidate, FinishReason};
    use crate::exam::task::{Choice, Lang};
    use crate::exam::{Event, State};
    use crate::journal::record::Entry;

    /// The demo's UNT 2024 paper (its first task is single choice).
    fn paper() -> Paper {
        crate::demo::packages()
            .unwrap()
            .into_iter()
            .find(|(h, _)| h.format == "unt-2024")
            .unwrap()
            .1
    }

    /// One station (`st-1`, hall A, seat 3) posting one session, as the store keeps it.
    struct Seat {
        _dir: tempfile::TempDir,
        store: SqliteStore,
        halls: Halls,
        paper: Paper,
        state: State,
        seq: i64,
        prev: [u8; 32],
    }

    const T0: i64 = 1_800_000_000_000;

    impl Seat {
        fn new() -> Seat {
            let dir = tempfile::tempdir().unwrap();
            let store = SqliteStore::open(&dir.path().join("center.sqlite")).unwrap();
            store
                .add_code(&NewCode {
                    id: "C1".into(),
                    key: [0; 32],
                    station: "st-1".into(),
                    hall: "A".into(),
                    seat: "3".into(),
                    created_ms: 0,
                    expires_ms: i64::MAX,
                })
                .unwrap();
            store.redeem("C1", 1, &|_| true, [1; 32], [2; 32]).unwrap();
            let paper = paper();
            let for_halls = paper.clone();
            Seat {
                _dir: dir,
                store,
                halls: Halls::new(Box::new(move |_| Ok(for_halls.clone()))),
                state: State::new(&paper),
                paper,
                seq: -1,
                prev: [0; 32],
            }
        }

        /// Posts `events`, written by the station at `at_ms` and kept by the center at
        /// `now_ms`, the station having written `unsent` more after them.
        fn post(&mut self, events: &[Event], at_ms: i64, now_ms: i64, unsent: i64) {
            let prev = self.prev;
            let mut records = Vec::new();
            for event in events {
                self.state.apply(&self.paper, event).unwrap();
                self.seq += 1;
                let entry = Entry {
                    at_ms: u64::try_from(at_ms).unwrap(),
                    event: event.clone(),
                };
                let mut chained = self.prev.to_vec();
                chained.extend_from_slice(&self.seq.to_be_bytes());
                let digest = ring::digest::digest(&ring::digest::SHA256, &chained);
                self.prev.copy_from_slice(digest.as_ref());
                records.push(Incoming {
                    seq: self.seq,
                    hash: self.prev,
                    sealed: Vec::new(),
                    entry: serde_json::to_string(&entry).unwrap(),
                });
            }
            let batch = BatchIn {
                station: "st-1".into(),
                session: "s-1".into(),
                package_id: "p".into(),
                seal_id: "ab".into(),
                supersedes: None,
                data_key: [4; 32],
                imported: false,
                behind: None,
                head_seq: self.seq + unsent,
                prev,
                records,
            };
            let held = self.store.put_batch(batch, now_ms).unwrap();
            assert_eq!(held.seq, self.seq);
        }

        fn start(&mut self) {
            let candidate = Candidate {
                iin: "061211600012".into(),
                name: "Әсем".into(),
                ticket: "T-1".into(),
                extra_time: false,
                interface: Lang::Kk,
                languages: BTreeMap::new(),
            };
            self.post(
                &[
                    Event::Unlocked,
                    Event::CheckedIn { candidate },
                    Event::Started,
                ],
                T0,
                T0,
                0,
            );
        }

        fn hall(&self, now_ms: i64) -> HallView {
            self.halls.hall(&self.store, "A", now_ms).unwrap()
        }
    }

    fn kinds(view: &HallView) -> Vec<&str> {
        view.alerts.iter().map(|a| a.kind.as_str()).collect()
    }

    #[test]
    fn a_running_session_turns_silent_after_30_s_and_a_closed_one_never() {
        let mut seat = Seat::new();
        seat.start();
        let view = seat.hall(T0 + SILENT_MS - 1_000);
        let shown = &view.seats[0];
        assert_eq!(
            (shown.seat.as_str(), shown.phase.as_str()),
            ("3", "testing")
        );
        assert_eq!(shown.candidate.as_ref().unwrap().0, "0612******12");
        assert!(!shown.silent && view.alerts.is_empty());
        let view = seat.hall(T0 + SILENT_MS + 1_000);
        assert!(view.seats[0].silent);
        assert_eq!(kinds(&view), ["silent"]);
        assert_eq!(view.alerts[0].at_ms, T0 + SILENT_MS);
        // Finished, then the card and the close: nothing runs, nothing is silent.
        let end = seat.state.clone();
        let mut rest = vec![Event::Finished {
            reason: FinishReason::Candidate,
        }];
        let mut s = end;
        s.apply(&seat.paper, &rest[0]).unwrap();
        rest.extend(s.advance(&seat.paper, 60 * 60_000));
        seat.post(&rest, T0 + 60_000, T0 + 60_000, 0);
        let view = seat.hall(T0 + 3_600_000);
        assert!(!view.seats[0].silent, "{:?}", view.seats[0].phase);
    }

    #[test]
    fn new_records_are_folded_in_and_what_waits_at_the_station_shows_as_lag() {
        let mut seat = Seat::new();
        seat.start();
        assert_eq!(seat.hall(T0).seats[0].answered, (0, 120));
        let answer = Event::Answered {
            task: 0,
            choice: Choice::One(1),
        };
        // The station wrote five more records it could not deliver yet.
        seat.post(&[answer], T0 + 1_000, T0 + 1_000, 5);
        let view = seat.hall(T0 + 2_000);
        let shown = &view.seats[0];
        assert_eq!(shown.answered, (1, 120), "the new record is folded in");
        assert_eq!((shown.waiting, shown.lag_ms), (5, 1_000));
        assert!(kinds(&view).is_empty());
        let view = seat.hall(T0 + 1_000 + LAG_ALERT_MS + 1);
        assert!(kinds(&view).contains(&"lag"), "{:?}", kinds(&view));
    }

    #[test]
    fn a_card_that_differs_from_the_centers_score_is_an_alert() {
        let mut seat = Seat::new();
        seat.start();
        let mut s = seat.state.clone();
        let mut rest = vec![Event::Finished {
            reason: FinishReason::Candidate,
        }];
        s.apply(&seat.paper, &rest[0]).unwrap();
        rest.push(Event::ReviewOpened);
        rest.push(Event::CardShown {
            total: 99,
            points: vec![0; 120],
        });
        seat.post(&rest, T0 + 1_000, T0 + 1_000, 0);
        let view = seat.hall(T0 + 2_000);
        assert!(view.seats[0].card_differs);
        assert_eq!(kinds(&view), ["card"]);
        assert!(
            view.alerts[0]
                .detail
                .as_ref()
                .unwrap()
                .contains("99 points")
        );
    }
}
