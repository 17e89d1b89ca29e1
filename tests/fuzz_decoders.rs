//! Structure-aware fuzzing (reliability row S4) of the decoders that read bytes a station or a
//! center did not write itself: the sealed package container, the journal export, the journal
//! record, and on the wire the event batch (as the center checks it) and the receipt (as the
//! station checks it). Each case mutates a valid input (bit flips, truncations, insertions, length
//! fields set to extremes, several at once); every mutated input must be refused with an error,
//! never accepted and never a panic.
//!
//! `USTUDY_FUZZ_CASES` sets the cases per decoder (default 2,000, as `cargo test` runs them);
//! the long mode is `USTUDY_FUZZ_CASES=1000000 cargo test --release --test fuzz_decoders`
//! (figures in the README).

// Tests fail loudly on purpose.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ustudy::center::KeyStore;
use ustudy::crypto::aead::Key;
use ustudy::exam::{Event, Paper, preset};
use ustudy::journal::record::{self, Entry};
use ustudy::journal::{Journal, export};
use ustudy::package;

/// One change to a valid input.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flip bit `bit` of the byte at `at` (taken modulo the length).
    Flip { at: usize, bit: u8 },
    /// Keep only the first `len` bytes (modulo the length).
    Truncate { len: usize },
    /// Insert bytes at `at`.
    Insert { at: usize, bytes: Vec<u8> },
    /// Overwrite 1, 4 or 8 bytes at `at` with an extreme value (0, all ones, a sign bit), as a
    /// length field set to the edge would be.
    Extreme { at: usize, width: usize, value: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        1 => any::<usize>().prop_map(|len| Mutation::Truncate { len }),
        1 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (any::<usize>(), prop_oneof![Just(1usize), Just(4), Just(8)], prop_oneof![Just(0u8), Just(0xff), Just(0x80), Just(0x7f)])
            .prop_map(|(at, width, value)| Mutation::Extreme { at, width, value }),
    ]
}

/// Applies the mutations; `fields` are offsets (length fields, signatures) that `Extreme` is
/// steered to half the time, so the decoder meets edge values there.
fn apply(input: &[u8], mutations: &[Mutation], fields: &[usize]) -> Vec<u8> {
    let mut out = input.to_vec();
    for m in mutations {
        if out.is_empty() {
            break;
        }
        let len = out.len();
        match m {
            Mutation::Flip { at, bit } => out[at % len] ^= 1 << bit,
            Mutation::Truncate { len: keep } => out.truncate(keep % len),
            Mutation::Insert { at, bytes } => {
                let at = at % (len + 1);
                out.splice(at..at, bytes.iter().copied());
            }
            Mutation::Extreme { at, width, value } => {
                let start = if at % 2 == 0 && !fields.is_empty() {
                    fields[(at / 2) % fields.len()]
                } else {
                    at % len
                };
                for b in out.iter_mut().skip(start).take(*width) {
                    *b = *value;
                }
            }
        }
    }
    out
}

fn cases() -> u32 {
    std::env::var("USTUDY_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2_000)
}

/// Runs `check` on mutated copies of `input`; returns how many differed from it.
fn fuzz(input: &[u8], fields: &[usize], check: impl Fn(&[u8]) -> Result<(), String>) -> u64 {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let changed = std::cell::Cell::new(0u64);
    runner
        .run(&proptest::collection::vec(mutation(), 1..4), |ms| {
            let bad = apply(input, &ms, fields);
            if bad != input {
                changed.set(changed.get() + 1);
                check(&bad).map_err(TestCaseError::fail)?;
            }
            Ok(())
        })
        .unwrap();
    changed.get()
}

struct SealedDemo {
    bytes: Vec<u8>,
    key: Key,
    public: [u8; 32],
}

fn sealed_demo() -> &'static SealedDemo {
    static DEMO: OnceLock<SealedDemo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = KeyStore::init(dir.path()).unwrap();
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/unt-2021");
        let (manifest, paper) = package::load_source(&source).unwrap();
        let s = package::seal(&manifest, &paper, store.signer()).unwrap();
        SealedDemo {
            bytes: s.bytes,
            key: s.key,
            public: store.public(),
        }
    })
}

#[test]
fn mutated_packages_are_refused() {
    let demo = sealed_demo();
    package::open(&demo.bytes, &demo.public, &demo.key).expect("the original opens");
    let magic = package::container::MAGIC.len();
    let header_len = u32::from_le_bytes(demo.bytes[magic + 1..magic + 5].try_into().unwrap());
    let body_len_at = magic + 5 + header_len as usize;
    // The version byte, both length fields and the signature: edges where framing and
    // verification must hold.
    let signature_at = demo.bytes.len() - 64;
    let fields = [
        magic,
        magic + 1,
        body_len_at,
        signature_at,
        signature_at + 32,
    ];
    let changed = fuzz(&demo.bytes, &fields, |bad| {
        match package::open(bad, &demo.public, &demo.key) {
            Ok(_) => Err("a changed package opened".to_owned()),
            Err(_) => Ok(()),
        }
    });
    assert!(
        changed > u64::from(cases()) / 2,
        "most cases changed the input ({changed})"
    );
}

#[test]
fn mutated_journal_exports_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    {
        let paper = Paper::placeholder(preset::by_name("unt-2024").unwrap());
        let mut j = Journal::open(dir.path()).unwrap();
        let mut c = j.create_session("s1", "demo", "00", &paper).unwrap();
        for i in 0..20 {
            j.append(&mut c, &Event::Tick { ms: i }).unwrap();
        }
    }
    let link = Key::generate().unwrap();
    let out = dir.path().join("export.bin");
    export::export(dir.path(), &link, &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let into = tempfile::tempdir().unwrap();
    export::import(&bytes, &link, into.path()).expect("the original imports");
    let changed = fuzz(&bytes, &[7, 8], |bad| {
        let into = tempfile::tempdir().unwrap();
        match export::import(bad, &link, into.path()) {
            Ok(_) => Err("a changed export was imported".to_owned()),
            Err(_) => Ok(()),
        }
    });
    assert!(
        changed > u64::from(cases()) / 2,
        "most cases changed the input ({changed})"
    );
}

#[test]
fn mutated_journal_records_are_refused() {
    let key = Key::generate().unwrap();
    let prev = [7u8; 32];
    let entry = Entry {
        at_ms: 1_780_000_000_000,
        event: Event::TechnicalAppeal {
            task: 17,
            reason: "Сурет ашылмайды".to_owned(),
        },
    };
    let (sealed, hash) = record::seal(&key, "s1", 41, &prev, &entry).unwrap();
    assert_eq!(
        record::open(&key, "s1", 41, &prev, &sealed, &hash).unwrap(),
        entry
    );
    // The stored hash travels with the record: mutate both, as one buffer.
    let mut both = hash.to_vec();
    both.extend_from_slice(&sealed);
    let changed = fuzz(&both, &[0, 32], |bad| {
        if bad.len() < 32 {
            return Ok(()); // no room for a hash: the reader never gets this far
        }
        let (h, s) = bad.split_at(32);
        match record::open(&key, "s1", 41, &prev, s, h) {
            Ok(e) => Err(format!("a changed record opened: {e:?}")),
            Err(_) => Ok(()),
        }
    });
    assert!(
        changed > u64::from(cases()) / 2,
        "most cases changed the input ({changed})"
    );
}

/// A batch of three records from station `st-1`, sealed to a center; with what checks it.
struct Wire {
    json: Vec<u8>,
    batch: ustudy::protocol::batch::Batch,
    station: ustudy::center::store::Station,
    center: ustudy::center::identity::ServerIdentity,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

fn wire() -> Wire {
    use ustudy::crypto::hex;
    use ustudy::protocol::batch::{Batch, Contents, Record};
    let (center_dir, station_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let center = ustudy::center::identity::ServerIdentity::ensure(center_dir.path()).unwrap();
    let id = ustudy::station::identity::Identity::load_or_create(station_dir.path()).unwrap();
    let key = Key::generate().unwrap();
    let mut prev = record::GENESIS;
    let mut records = Vec::new();
    for seq in 0..3u64 {
        let entry = Entry {
            at_ms: 1_780_000_000_000 + seq,
            event: Event::Tick { ms: 5_000 },
        };
        let (sealed, hash) = record::seal(&key, "st-1-1-1", seq, &prev, &entry).unwrap();
        records.push(Record {
            seq,
            hash: hex::encode(&hash),
            sealed: base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &sealed),
        });
        prev = hash;
    }
    let contents = Contents {
        session: "st-1-1-1".into(),
        package_id: "p".into(),
        seal_id: "ab".into(),
        supersedes: None,
        data_key: hex::encode(key.as_bytes()),
        head_seq: 2,
        prev: hex::encode(&record::GENESIS),
        records,
        behind: None,
    };
    let batch = Batch::seal("st-1", &contents, &center.agree_public(), |m| id.sign(m)).unwrap();
    let station = ustudy::center::store::Station {
        name: "st-1".into(),
        hall: "1".into(),
        seat: "1".into(),
        signing_public: id.signing_public(),
        agree_public: id.agree_public(),
        enrolled_ms: 0,
    };
    assert!(ustudy::center::intake::check(&batch, &station, &center).is_ok());
    Wire {
        json: serde_json::to_vec(&batch).unwrap(),
        batch,
        station,
        center,
        _dirs: (center_dir, station_dir),
    }
}

/// Where each of `names`' values starts in `json`.
fn offsets(json: &[u8], names: &[&str]) -> Vec<usize> {
    let text = String::from_utf8_lossy(json);
    names
        .iter()
        .filter_map(|n| text.find(&format!("\"{n}\":\"")).map(|i| i + n.len() + 4))
        .collect()
}

#[test]
fn mutated_event_batches_are_refused() {
    let w = wire();
    let fields = offsets(
        &w.json,
        &["station", "session", "ephemeral", "sealed", "signature"],
    );
    let changed = fuzz(&w.json, &fields, |bad| {
        let Ok(batch) = serde_json::from_slice::<ustudy::protocol::batch::Batch>(bad) else {
            return Ok(());
        };
        let mut same = batch.clone();
        same.signature = same.signature.to_ascii_lowercase();
        if same == w.batch {
            return Ok(()); // the same batch in other bytes (white space, a hex digit's case)
        }
        match ustudy::center::intake::check(&batch, &w.station, &w.center) {
            Ok(_) => Err(format!("a changed batch was taken: {batch:?}")),
            Err(_) => Ok(()),
        }
    });
    assert!(changed > u64::from(cases()) / 2, "{changed}");
}

#[test]
fn mutated_receipts_are_refused() {
    use ustudy::protocol::batch::Receipt;
    let store = KeyStore::init(tempfile::tempdir().unwrap().path()).unwrap();
    let mut receipt = Receipt {
        station: "st-1".into(),
        session: "st-1-1-1".into(),
        seq: 41,
        hash: ustudy::crypto::hex::encode(&[9u8; 32]),
        flagged: false,
        at_ms: 1_780_000_000_000,
        signature: String::new(),
    };
    receipt.signature = ustudy::crypto::hex::encode(&store.signer().sign(&receipt.signed_bytes()));
    let json = serde_json::to_vec(&receipt).unwrap();
    let fields = offsets(&json, &["hash", "signature"]);
    let changed = fuzz(&json, &fields, |bad| {
        let Ok(r) = serde_json::from_slice::<Receipt>(bad) else {
            return Ok(());
        };
        let mut same = r.clone();
        same.signature = same.signature.to_ascii_lowercase();
        if same == receipt {
            return Ok(()); // the same receipt in other bytes (white space, a hex digit's case)
        }
        match r.verify(&store.public(), "st-1", "st-1-1-1") {
            Ok(()) => Err(format!("a changed receipt verified: {r:?}")),
            Err(_) => Ok(()),
        }
    });
    assert!(changed > u64::from(cases()) / 2, "{changed}");
}
