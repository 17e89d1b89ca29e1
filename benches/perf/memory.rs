//! Memory and idle CPU, read from outside: PSS on the lock screen once it has settled; RSS and
//! PSS sampled every 25 ms over a whole autopilot session, with RSS at the start of testing and
//! at the end; CPU time over a stretch while a task is on screen with the clock ticking.

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant, SystemTime};

use super::probe::{self, Memory};
use super::screen::{GIVE_UP, Launch, Screen, stop};

/// How long a program sits before its idle memory is read.
const SETTLE: Duration = Duration::from_secs(3);
const SAMPLE_EVERY: Duration = Duration::from_millis(25);

/// The memory of `launch` once its first frame is up and it has sat for a while.
pub fn idle(launch: &Launch) -> Memory {
    let screen = Screen::empty();
    let child = launch.spawn();
    screen.wait_full(Instant::now(), &launch.program);
    std::thread::sleep(SETTLE);
    let memory = probe::memory(child.id()).expect("the program runs");
    stop(child, &screen);
    memory
}

/// What a whole session used.
pub struct Session {
    pub peak: Memory,
    /// RSS when testing began, KiB.
    pub testing_rss: u64,
    /// The highest RSS while the session's last screen (`closed`) was shown, KiB.
    pub end_rss: u64,
    pub took: Duration,
}

/// Runs a whole autopilot session (`launch` on the data directory `data`) to its end, sampling.
pub fn session(launch: &Launch, data: &Path) -> Session {
    let started = Instant::now();
    let mut child = launch.spawn();
    let mut samples: Vec<(SystemTime, Memory)> = Vec::new();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the station's status") {
            break status;
        }
        if let Some(m) = probe::memory(child.id()) {
            samples.push((SystemTime::now(), m));
        }
        assert!(
            started.elapsed() < GIVE_UP * 20,
            "the autopilot session did not end"
        );
        std::thread::sleep(SAMPLE_EVERY);
    };
    assert!(status.success(), "the autopilot session failed: {status}");
    let testing = probe::screen_shown(data, "testing").expect("the log says testing began");
    let testing_rss = samples
        .iter()
        .find(|(at, _)| *at >= testing)
        .map(|(_, m)| m.rss)
        .expect("a sample after testing began");
    // The last screen, up to the program's exit (a sample taken while it frees its memory on
    // the way out would flatter it: the highest counts).
    let closed = probe::screen_shown(data, "closed").expect("the log says the session closed");
    let end_rss = samples
        .iter()
        .filter(|(at, _)| *at >= closed)
        .map(|(_, m)| m.rss)
        .max()
        .expect("a sample after the session closed");
    let peak = Memory {
        rss: samples.iter().map(|(_, m)| m.rss).max().unwrap_or(0),
        pss: samples.iter().map(|(_, m)| m.pss).max().unwrap_or(0),
    };
    Session {
        peak,
        testing_rss,
        end_rss,
        took: started.elapsed(),
    }
}

/// CPU time `child` used over `stretch`, starting now.
pub fn cpu_over(child: &Child, stretch: Duration) -> Duration {
    let before = probe::cpu(child.id()).expect("the program runs");
    std::thread::sleep(stretch);
    let after = probe::cpu(child.id()).expect("the program runs");
    after.saturating_sub(before)
}

/// Waits until `data`'s log says `screen` is shown.
pub fn wait_screen(data: &Path, screen: &str) {
    let since = Instant::now();
    while probe::screen_shown(data, screen).is_none() {
        assert!(
            since.elapsed() < GIVE_UP,
            "the station never showed {screen}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
