//! A private X server (Xvfb) for the tests that run the real window; `bash tests/run.sh`
//! installs it.

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
