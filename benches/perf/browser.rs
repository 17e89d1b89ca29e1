//! The engine under Safe Exam Browser and Electron exam apps, side by side: Debian's Chromium in
//! kiosk mode (software rendering, no GPU, as on a hall PC without a driver) showing
//! `task.html`, a static page of what the station shows on a task in the station's own font.
//! Its start-up is timed to the page's background at the screen's five points; its memory is the
//! PSS of every process it starts (one process group, killed whole).

use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::probe;
use super::screen::{DISPLAY, Screen};

/// `task.html`'s background, as the X server stores it (blue, green, red).
const PAGE: [u8; 3] = [239, 245, 245];
const SETTLE: Duration = Duration::from_secs(5);

pub struct Browser {
    page: PathBuf,
}

impl Browser {
    /// Chromium, installed with apt when it is missing and this runs as root.
    pub fn new(root: &Path) -> Browser {
        super::screen::need("chromium", "chromium");
        Browser {
            page: root.join("benches/perf/task.html"),
        }
    }

    fn spawn(&self, profile: &Path) -> Group {
        let mut command = Command::new("chromium");
        // Root may run Chromium only without its sandbox.
        if Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
        {
            command.arg("--no-sandbox");
        }
        command
            .args([
                "--kiosk",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--disable-features=Translate",
                // Killed runs must not leave a "restore pages?" bubble over the next one.
                "--hide-crash-restore-bubble",
                "--disable-session-crashed-bubble",
                "--noerrdialogs",
                "--disable-infobars",
                "--password-store=basic",
                "--window-position=0,0",
                "--window-size=1920,1080",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("file://{}", self.page.display()))
            .env("DISPLAY", DISPLAY)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        Group(Some(command.spawn().expect("chromium starts")))
    }

    /// Milliseconds from spawning Chromium to the page's background at the screen's five points.
    pub fn start_up(&self) -> f64 {
        let profile = tempfile::tempdir().expect("temp dir");
        // The profile Chromium makes at its first start is not measured: a kiosk PC has one.
        let screen = Screen::empty();
        let first = self.spawn(profile.path());
        screen.wait_colour(Instant::now(), Path::new("chromium"), PAGE);
        std::thread::sleep(SETTLE);
        stop(first, &screen);
        let started = Instant::now();
        let child = self.spawn(profile.path());
        let shown = screen.wait_colour(started, Path::new("chromium"), PAGE);
        stop(child, &screen);
        shown.as_secs_f64() * 1000.0
    }

    /// The PSS of all of Chromium's processes once the page is up and has sat, KiB.
    pub fn idle_pss(&self) -> u64 {
        let profile = tempfile::tempdir().expect("temp dir");
        let screen = Screen::empty();
        let child = self.spawn(profile.path());
        screen.wait_colour(Instant::now(), Path::new("chromium"), PAGE);
        std::thread::sleep(SETTLE);
        let pss = probe::group(child.id())
            .iter()
            .filter_map(|&p| probe::memory(p))
            .map(|m| m.pss)
            .sum();
        stop(child, &screen);
        pss
    }
}

/// Chromium's process group, killed whole when dropped (its zygotes and renderers outlive the
/// browser), also when the harness fails half-way.
struct Group(Option<Child>);

impl Group {
    fn id(&self) -> u32 {
        self.0.as_ref().map_or(0, Child::id)
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
        }
    }
}

/// Stops Chromium and waits until its window has left the screen.
fn stop(group: Group, screen: &Screen) {
    drop(group);
    screen.wait_empty();
}
