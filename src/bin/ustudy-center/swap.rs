//! `move`: a seat swap. The session a candidate sits is moved to a spare station: the center
//! fences the old station and the spare one takes the session over at its next heartbeat.

use std::path::Path;

use ustudy::center::KeyStore;
use ustudy::center::moves;

pub fn move_candidate(
    dir: &Path,
    iin: &str,
    to: &str,
    reason: &str,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    KeyStore::open(dir)?;
    let store = super::open_store(dir)?;
    let now = i64::try_from(ustudy::journal::store::now_ms()).unwrap_or(i64::MAX);
    let moved = moves::move_candidate(&*store, iin, to, reason, now)?;
    let seat = store.station(to)?.map(|s| s.seat).unwrap_or_default();
    tracing::warn!(session = %moved.session, from = %moved.from_station, to = %moved.to_station, records = moved.head_seq + 1, "a session was moved to another station");
    writeln!(
        out,
        "moved: session {} from station {} to station {to} (seat {seat}), with the {} records the center holds; station {} is fenced. Station {to} takes it over within 15 seconds; the proctor there unlocks it with the PIN.",
        moved.session,
        moved.from_station,
        moved.head_seq + 1,
        moved.from_station,
    )?;
    Ok(())
}
