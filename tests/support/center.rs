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
    /// The `PostgreSQL` URL of its store (`--db`), if not the `SQLite` file.
    pub db: Option<String>,
    _temp: tempfile::TempDir,
}

impl Center {
    /// A new center with a fresh key store, serving with `serve`'s options `args`.
    pub fn start_with(args: &[&str]) -> Center {
        let temp = tempfile::tempdir().expect("a temporary directory");
        let dir = temp.path().join("center");
        let init = cli::center(&["init", "--dir", dir.to_str().expect("utf-8")]);
        assert!(init.ok(), "init: {}", init.stderr);
        let (server, url) = spawn(&dir, args);
        Center {
            dir,
            url,
            server,
            db: None,
            _temp: temp,
        }
    }

    /// The demo center (`ustudy-center demo`) with its store on `PostgreSQL` at `db`, served;
    /// its enrollment code for `demo-1`.
    pub fn demo_on(db: &str) -> (Center, String) {
        let (temp, dir, code) = made_demo(&["--db", db]);
        let (server, url) = spawn(&dir, &["--db", db]);
        let center = Center {
            dir,
            url,
            server,
            db: Some(db.to_owned()),
            _temp: temp,
        };
        (center, code)
    }

    /// Another `serve` process on the same key store and store (stopped when dropped).
    pub fn another_server(&self) -> Server {
        self.another_server_with(&[])
    }

    /// The same, with more of `serve`'s options.
    pub fn another_server_with(&self, more: &[&str]) -> Server {
        let db = self.db_args();
        let mut args: Vec<&str> = db.iter().map(String::as_str).collect();
        args.extend(more);
        let (child, url) = spawn(&self.dir, &args);
        Server { child, url }
    }

    /// `--db URL` for a command on this center's store (nothing for the `SQLite` file).
    fn db_args(&self) -> Vec<String> {
        self.db
            .iter()
            .flat_map(|db| ["--db".to_owned(), db.clone()])
            .collect()
    }

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
        let (server, url) = spawn(&dir, &[]);
        Center {
            dir,
            url,
            server,
            db: None,
            _temp: temp,
        }
    }

    /// Kills the server with SIGKILL, as a power cut or the OOM killer would.
    pub fn kill(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }

    /// Serves the same key store again (on another port: see `url`).
    pub fn restart(&mut self) {
        self.kill();
        let (server, url) = spawn(
            &self.dir,
            &self
                .db_args()
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        self.server = server;
        self.url = url;
    }

    /// Reads the center's storage (read-only, beside the running server): the records it holds
    /// of `session`, as sequence numbers.
    pub fn held(&self, session: &str) -> Vec<i64> {
        let db = rusqlite::Connection::open_with_flags(
            self.dir.join("center.sqlite"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("the center's storage opens");
        let mut q = db
            .prepare("SELECT seq FROM events WHERE session = ?1 ORDER BY seq")
            .expect("a query");
        q.query_map([session], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows")
    }
}

/// `ustudy-center demo` with `args` in a fresh directory: the directory (removed when dropped),
/// the key store in it, and the enrollment code for `demo-1` it printed.
pub fn made_demo(args: &[&str]) -> (tempfile::TempDir, PathBuf, String) {
    let temp = tempfile::tempdir().expect("a temporary directory");
    let dir = temp.path().join("center");
    let mut all = vec!["demo", "--dir", dir.to_str().expect("utf-8")];
    all.extend(args);
    let made = cli::center(&all);
    assert!(made.ok(), "{}", made.stderr);
    let code = made
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("enroll-code: "))
        .expect("the code is printed")
        .to_owned();
    (temp, dir, code)
}

/// Starts `ustudy-center serve` on the key store `dir`, on a free port; the child and its URL.
/// A `serve` process of a test's own, killed when dropped (also when the test fails).
pub struct Server {
    child: Child,
    /// Its URL.
    pub url: String,
}

impl Server {
    /// Kills it with SIGKILL, as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn spawn(dir: &Path, args: &[&str]) -> (Child, String) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_ustudy-center"))
        .args(["serve", "--dir", dir.to_str().expect("utf-8")])
        .args(["--listen", "127.0.0.1:0", "--log", "-"])
        .args(args)
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
    (server, url)
}

impl Center {
    /// A one-time enrollment code for `station` in hall 1, valid for `minutes`.
    pub fn code(&self, station: &str, minutes: u32) -> String {
        self.code_in(station, "1", minutes)
    }

    /// A one-time enrollment code for `station` in `hall`, valid for `minutes`.
    pub fn code_in(&self, station: &str, hall: &str, minutes: u32) -> String {
        self.code_at(station, hall, "7", minutes)
    }

    /// `ustudy-center COMMAND --dir DIR ARGS` on this center's store.
    pub fn command(&self, command: &str, more: &[&str]) -> cli::Ran {
        let db = self.db_args();
        let mut args: Vec<&str> = db.iter().map(String::as_str).collect();
        args.extend([command, "--dir", self.dir.to_str().expect("utf-8")]);
        args.extend(more);
        cli::center(&args)
    }

    /// A one-time enrollment code for `station` at `seat` of `hall`, valid for `minutes`.
    pub fn code_at(&self, station: &str, hall: &str, seat: &str, minutes: u32) -> String {
        let minutes = minutes.to_string();
        let ran = self.command(
            "enroll-code",
            &[
                "--station",
                station,
                "--hall",
                hall,
                "--seat",
                seat,
                "--valid-minutes",
                &minutes,
            ],
        );
        assert!(ran.ok(), "enroll-code: {}", ran.stderr);
        ran.stdout
            .lines()
            .find_map(|l| l.strip_prefix("enroll-code: "))
            .expect("the code is printed")
            .to_owned()
    }

    /// Adds a dashboard operator (`ustudy-center operator add`, the password on stdin).
    pub fn add_operator(&self, name: &str, password: &str) {
        let added = cli::center_with_input(
            &[
                "operator",
                "add",
                "--dir",
                self.dir.to_str().expect("utf-8"),
                name,
            ],
            &format!("{password}\n"),
        );
        assert!(added.ok(), "operator add: {}", added.stderr);
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
