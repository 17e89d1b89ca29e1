//! Time to open the 120-task demo package (verify the signature, decrypt, parse, validate every
//! task) as a ratio to the floor: raw AES-256-GCM decryption plus Ed25519 verification of the
//! same bytes, measured in the same run, interleaved so machine noise hits both alike.
//!
//! Run: `cargo bench --bench package_open`

#![allow(clippy::expect_used, clippy::print_stdout, clippy::cast_precision_loss)]

use std::path::Path;
use std::time::{Duration, Instant};

use ustudy::center::KeyStore;
use ustudy::crypto::sign;
use ustudy::package::{self, container};

const ROUNDS: usize = 300;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn percentile(mut v: Vec<Duration>, p: usize) -> Duration {
    v.sort_unstable();
    v[(v.len() * p / 100).min(v.len() - 1)]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/unt-2024");
    let (manifest, paper) = package::load_source(&source).expect("demo source");
    let sealed = package::seal(&manifest, &paper, store.signer()).expect("seal");
    let bytes = sealed.bytes;
    let public = store.public();

    let floor = || {
        let parts = container::split(&bytes).expect("split");
        sign::verify(&public, parts.signed, parts.signature).expect("verify");
        std::hint::black_box(sealed.key.open(parts.aad, parts.body).expect("decrypt"));
    };
    // Returned, so the paper is freed after the clock stops: a station keeps it for the session.
    let full = || std::hint::black_box(package::open(&bytes, &public, &sealed.key).expect("open"));
    for _ in 0..20 {
        floor();
        drop(full());
    }
    let (mut base, mut open) = (Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS));
    for _ in 0..ROUNDS {
        let t = Instant::now();
        floor();
        base.push(t.elapsed());
        let t = Instant::now();
        let opened = full();
        open.push(t.elapsed());
        drop(opened);
    }
    let (b50, o50) = (median(base.clone()), median(open.clone()));
    let (b99, o99) = (percentile(base, 99), percentile(open, 99));
    println!(
        "package: {} bytes, {} tasks, {} rounds",
        bytes.len(),
        paper.tasks.len(),
        ROUNDS
    );
    println!("floor (AES-256-GCM decrypt + Ed25519 verify): p50 {b50:?}, p99 {b99:?}");
    println!("package open (verify + decrypt + parse + validate): p50 {o50:?}, p99 {o99:?}");
    println!(
        "ratio open/floor: p50 {:.2}x, p99 {:.2}x",
        o50.as_secs_f64() / b50.as_secs_f64(),
        o99.as_secs_f64() / b99.as_secs_f64()
    );
    // The line `cargo bench --bench perf` puts in its table.
    println!(
        "perf-row: package open, p99 (vs AES-GCM + Ed25519)|{:.3}|{:.3}|ms|2.0|at most",
        o99.as_secs_f64() * 1e3,
        b99.as_secs_f64() * 1e3
    );
}
