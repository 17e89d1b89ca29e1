//! A private X server (Xvfb) for the tests that run the real window, and the station's window
//! on it with a test under way; `bash tests/run.sh` installs Xvfb.

use std::process::{Child, Command, Stdio};

/// A private X server, stopped on drop.
pub struct Display {
    /// The display number (`:N`).
    pub number: u32,
    server: Child,
}

impl Display {
    /// Starts Xvfb on a display it picks itself (`-displayfd`), so tests running side by side
    /// never share or race for a display number.
    pub fn start() -> Display {
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("Xvfb is needed for this test (apt-get install xvfb): {e}"));
        let mut line = String::new();
        let stdout = server.stdout.take().expect("Xvfb's stdout");
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line)
            .expect("Xvfb reports its display");
        let number: u32 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("Xvfb said {line:?}"));
        Display { number, server }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

impl Display {
    /// Saves what the display shows as `target/screenshots/NAME.png`, to be looked at
    /// (`xwd` and `convert` from `ImageMagick`; `bash tests/run.sh` installs them).
    pub fn screenshot(&self, name: &str) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("the screenshot folder");
        let xwd = Command::new("xwd")
            .args(["-root", "-silent", "-display", &format!(":{}", self.number)])
            .output()
            .expect("xwd is needed for screenshots (apt-get install x11-apps)");
        assert!(xwd.status.success(), "xwd failed");
        let mut convert = Command::new("convert")
            .args(["xwd:-", &dir.join(format!("{name}.png")).to_string_lossy()])
            .stdin(Stdio::piped())
            .spawn()
            .expect("convert is needed for screenshots (apt-get install imagemagick)");
        std::io::Write::write_all(convert.stdin.as_mut().expect("stdin"), &xwd.stdout)
            .expect("the screenshot goes to convert");
        drop(convert.stdin.take());
        assert!(
            convert.wait().expect("convert runs").success(),
            "convert failed"
        );
    }

    /// The real station window on this display, with data in `data`, the autopilot (seed 6,
    /// time 20 times faster) stopped on the third task of a test; there time runs at its real
    /// speed again.
    pub fn station_on_a_task(&self, data: &std::path::Path) -> Child {
        use std::io::BufRead as _;
        let mut child = Command::new(env!("CARGO_BIN_EXE_ustudy-station"))
            .env("DISPLAY", format!(":{}", self.number))
            .env("ICED_BACKEND", "tiny-skia")
            .env_remove("WAYLAND_DISPLAY")
            .args(["--data-dir", data.to_str().expect("a UTF-8 path")])
            .args(["--autopilot", "6", "--time-scale", "20"])
            .args(["--autopilot-stop", "testing:3"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the station starts");
        let stdout = child.stdout.take().expect("the station's stdout");
        let stopped = std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .any(|l| l.contains("autopilot: stopped"));
        assert!(stopped, "the autopilot reached the test");
        child
    }
}
