//! Replay equality through the journal: a scripted session is journaled event by event, with
//! crashes (the connection abandoned without closing, the WAL left as a crash leaves it) at random
//! points; after every crash the recovered journal folds to exactly the state the live session
//! had at its last acknowledged event, and the session goes on from there.

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use proptest::prelude::*;
use support::script::{Action, action, events_for};
use ustudy::exam::state::fold;
use ustudy::exam::{Paper, State, preset};
use ustudy::journal::Journal;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn recovered_state_equals_the_last_acknowledged_state(
        script in proptest::collection::vec((action(), proptest::bool::weighted(0.08)), 1..60)
    ) {
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::open(dir.path()).unwrap();
        let mut cursor = journal.create_session("s1", "demo", "00112233445566778899aabbccddeeff", &paper).unwrap();
        let mut live = State::new(&paper);
        let mut acked = live.clone();
        let mut crashes = 0;
        for (a, crash) in &script {
            for e in events_for(&paper, &live, a) {
                if live.apply(&paper, &e).is_ok() {
                    journal.append(&mut cursor, &e).unwrap();
                    acked = live.clone();
                }
            }
            if *crash || matches!(a, Action::Next) && crashes == 0 {
                // A crash: the connection is abandoned as a killed process would leave it.
                std::mem::forget(journal);
                journal = Journal::open(dir.path()).unwrap();
                let loaded = journal.load("s1").unwrap();
                prop_assert!(loaded.damage.is_none());
                let recovered = fold(&loaded.paper, loaded.entries.iter().map(|e| &e.event)).unwrap();
                prop_assert_eq!(&recovered, &acked);
                live = recovered;
                cursor = loaded.cursor;
                crashes += 1;
            }
        }
        let loaded = journal.load("s1").unwrap();
        prop_assert_eq!(fold(&paper, &loaded.events()).unwrap(), acked);
    }
}
