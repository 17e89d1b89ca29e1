//! The X server the harness measures on (Xvfb, 1920×1080, one for the whole run) and the
//! programs it starts there: each run is timed from its spawn to its first full-screen frame,
//! seen by polling five points of the screen, away from any text, until every one of them has
//! left the empty screen's colour.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ConnectionExt as _, ImageFormat};
use x11rb::rust_connection::RustConnection;

pub const DISPLAY: &str = ":77";
const WIDTH: i16 = 1920;
const HEIGHT: i16 = 1080;
/// A program that shows nothing in this time has failed to start.
pub const GIVE_UP: Duration = Duration::from_secs(30);
const POINTS: [(i16, i16); 5] = [
    (10, 10),
    (WIDTH - 10, 10),
    (WIDTH / 2, HEIGHT - 10),
    (10, HEIGHT - 10),
    (WIDTH - 10, HEIGHT - 10),
];

/// Makes sure `command` is there: installs Debian's `package` with apt when it is missing and
/// this runs as root, else stops with what to install.
pub fn need(command: &str, package: &str) {
    let status = Command::new("bash")
        .args([
            "-c",
            &format!(
                "command -v {command} >/dev/null || {{ [ \"$(id -u)\" -eq 0 ] && \
                 DEBIAN_FRONTEND=noninteractive apt-get install -y -q {package} >&2; }}"
            ),
        ])
        .status()
        .expect("bash runs");
    assert!(
        status.success(),
        "{command} is missing: install Debian's {package} package (as root the harness does)"
    );
}

/// Xvfb for the whole run, stopped on drop.
pub struct Xvfb(Child);

impl Xvfb {
    pub fn start() -> Xvfb {
        need("Xvfb", "xvfb");
        let mut child = Command::new("Xvfb")
            .args([
                DISPLAY,
                "-screen",
                "0",
                &format!("{WIDTH}x{HEIGHT}x24"),
                "-nolisten",
                "tcp",
                "-noreset",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs");
        std::thread::sleep(Duration::from_millis(100));
        assert!(
            child.try_wait().expect("Xvfb's status").is_none(),
            "Xvfb stopped at once: is {DISPLAY} taken by a server left from an earlier run?"
        );
        let started = Instant::now();
        while x11rb::connect(Some(DISPLAY)).is_err() {
            assert!(started.elapsed() < GIVE_UP, "Xvfb did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Xvfb(child)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A program to start on the X server.
#[derive(Clone)]
pub struct Launch {
    pub program: PathBuf,
    pub args: Vec<String>,
    /// Pinned to the first core (`taskset -c 0`), as on an old PC.
    pub pinned: bool,
}

impl Launch {
    pub fn new(program: &Path, args: &[&str]) -> Launch {
        Launch {
            program: program.to_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            pinned: false,
        }
    }

    pub fn pinned(mut self) -> Launch {
        self.pinned = true;
        self
    }

    pub fn spawn(&self) -> Child {
        let mut command = if self.pinned {
            let mut c = Command::new("taskset");
            c.args(["-c", "0"]).arg(&self.program);
            c
        } else {
            Command::new(&self.program)
        };
        command
            .args(&self.args)
            .env("DISPLAY", DISPLAY)
            .env("ICED_BACKEND", "tiny-skia")
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command.spawn().expect("the program starts")
    }
}

/// The five points of the screen, read back.
pub struct Screen {
    conn: RustConnection,
    root: u32,
    empty: Vec<Option<Vec<u8>>>,
}

impl Screen {
    /// Reads the screen as it is now: empty, before a program starts.
    pub fn empty() -> Screen {
        let (conn, screen) = x11rb::connect(Some(DISPLAY)).expect("X connection");
        let root = conn.setup().roots[screen].root;
        let mut screen = Screen {
            conn,
            root,
            empty: Vec::new(),
        };
        screen.empty = screen.now();
        screen
    }

    fn now(&self) -> Vec<Option<Vec<u8>>> {
        POINTS
            .iter()
            .map(|&(x, y)| {
                self.conn
                    .get_image(ImageFormat::Z_PIXMAP, self.root, x, y, 1, 1, !0)
                    .ok()
                    .and_then(|c| c.reply().ok())
                    .map(|r| r.data)
            })
            .collect()
    }

    /// Waits for a full-screen frame; how long after `since` it came.
    pub fn wait_full(&self, since: Instant, what: &Path) -> Duration {
        loop {
            let now = self.now();
            if now.iter().zip(&self.empty).all(|(n, e)| n != e) {
                return since.elapsed();
            }
            assert!(
                since.elapsed() < GIVE_UP,
                "{} showed nothing: empty {:?}, now {now:?}",
                what.display(),
                self.empty
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until all five points show `colour` (blue, green, red); how long after `since`.
    pub fn wait_colour(&self, since: Instant, what: &Path, colour: [u8; 3]) -> Duration {
        loop {
            let now = self.now();
            if now
                .iter()
                .all(|p| p.as_ref().is_some_and(|p| p.starts_with(&colour)))
            {
                return since.elapsed();
            }
            assert!(
                since.elapsed() < GIVE_UP,
                "{} never showed its page: now {now:?}",
                what.display()
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Waits until the screen is empty again (the program that covered it has gone).
    pub fn wait_empty(&self) {
        let since = Instant::now();
        while self.now() != self.empty && since.elapsed() < GIVE_UP {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Stops a program and waits until its window has left the screen.
pub fn stop(mut child: Child, screen: &Screen) {
    let _ = child.kill();
    let _ = child.wait();
    screen.wait_empty();
}

/// Milliseconds from spawning `launch` to its first full-screen frame.
pub fn start_up(launch: &Launch) -> f64 {
    let screen = Screen::empty();
    let started = Instant::now();
    let child = launch.spawn();
    let shown = screen.wait_full(started, &launch.program);
    stop(child, &screen);
    shown.as_secs_f64() * 1000.0
}
