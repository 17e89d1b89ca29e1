//! A real `ustudy-center` for the network tests: a key store in a temporary directory, made with
//! `init`, served on 127.0.0.1 on a free port, stopped on drop.

use std::io::BufRead as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::cli;

/// A running center.
pub struct Center {
    /// Its key store directory.
    pub dir: PathBuf,
    /// Its address, `https://127.0.0.1:PORT`.
    pub url: String,
    server: Child,
    _temp: tempfile::TempDir,
}

impl Center {
    /// A new center with a fresh key store, serving.
    pub fn start() -> Center {
        let temp = tempfile::tempdir().expect("a temporary directory");
        let dir = temp.path().join("center");
        let init = cli::center(&["init", "--dir", dir.to_str().expect("utf-8")]);
        assert!(init.ok(), "init: {}", init.stderr);
        Center::serve(temp, dir)
    }

    /// Serves the key store `dir` (inside `temp`, removed when the center is dropped).
    pub fn serve(temp: tempfile::TempDir, dir: PathBuf) -> Center {
        let mut server = Command::new(env!("CARGO_BIN_EXE_ustudy-center"))
            .args(["serve", "--dir", dir.to_str().expect("utf-8")])
            .args(["--listen", "127.0.0.1:0", "--log", "-"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the center starts");
        let mut line = String::new();
        let stdout = server.stdout.take().expect("its stdout");
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the center says where it listens");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the center said {line:?}"))
            .to_owned();
        Center {
            dir,
            url,
            server,
            _temp: temp,
        }
    }

    /// A one-time enrollment code for `station` in hall 1, valid for `minutes`.
    pub fn code(&self, station: &str, minutes: u32) -> String {
        self.code_in(station, "1", minutes)
    }

    /// A one-time enrollment code for `station` in `hall`, valid for `minutes`.
    pub fn code_in(&self, station: &str, hall: &str, minutes: u32) -> String {
        let ran = cli::center(&[
            "enroll-code",
            "--dir",
            self.dir.to_str().expect("utf-8"),
            "--station",
            station,
            "--hall",
            hall,
            "--seat",
            "7",
            "--valid-minutes",
            &minutes.to_string(),
        ]);
        assert!(ran.ok(), "enroll-code: {}", ran.stderr);
        ran.stdout
            .lines()
            .find_map(|l| l.strip_prefix("enroll-code: "))
            .expect("the code is printed")
            .to_owned()
    }

    /// The key store directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Center {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}
