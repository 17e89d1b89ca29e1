//! A `PostgreSQL` server of the test's own: Debian's `postgresql` binaries (`initdb`, `pg_ctl`,
//! `createdb`) in a temporary directory on a free loopback port, run as the `postgres` user when
//! the tests run as root (as CI does: the server refuses root), stopped when dropped. Each store
//! gets a database of its own (`database`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// A running server.
pub struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

/// The directory of the newest `PostgreSQL` installed from Debian's package.
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (tests/run.sh installs Debian's postgresql)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().expect("an initdb under /usr/lib/postgresql")
}

fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// `program` of the server's binaries with `args`, as the `postgres` user when we are root.
fn run(bin: &Path, program: &str, args: &[&str]) -> Output {
    let path = bin.join(program);
    let mut command = if root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(&path);
        c
    } else {
        Command::new(&path)
    };
    command
        .args(args)
        .output()
        .expect("the PostgreSQL binaries run")
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

impl Postgres {
    /// Makes and starts a new cluster.
    pub fn start() -> Postgres {
        Postgres::start_with(false)
    }

    /// Makes and starts a new cluster that offers TLS with a self-signed certificate for
    /// 127.0.0.1; the certificate (PEM) to check it against is `ca()`.
    pub fn start_tls() -> Postgres {
        Postgres::start_with(true)
    }

    /// The server's own process (its postmaster; every connection's process is a child).
    pub fn server_pid(&self) -> u32 {
        let pid = std::fs::read_to_string(self.dir.path().join("db").join("postmaster.pid"))
            .expect("the server's pid file");
        pid.lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .expect("a pid")
    }

    /// The certificate (PEM) of a server made by `start_tls`.
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("server.crt")
    }

    fn start_with(tls: bool) -> Postgres {
        let bin = bin_dir();
        let dir = tempfile::tempdir().expect("a temporary directory");
        if root() {
            let owned = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .status()
                .expect("chown runs");
            assert!(owned.success());
        }
        let path = |p: &str| dir.path().join(p).to_str().expect("utf-8").to_owned();
        let init = run(
            &bin,
            "initdb",
            &[
                "-D",
                &path("db"),
                "-A",
                "trust",
                "-U",
                "ustudy",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        ok(&init, "initdb");
        let mut ssl = String::new();
        if tls {
            let made = rcgen::generate_simple_self_signed(vec![
                "127.0.0.1".to_owned(),
                "localhost".to_owned(),
            ])
            .expect("a certificate");
            let (crt, key) = (dir.path().join("server.crt"), dir.path().join("server.key"));
            std::fs::write(&crt, made.cert.pem()).expect("written");
            std::fs::write(&key, made.signing_key.serialize_pem()).expect("written");
            let locked = Command::new("chmod")
                .arg("600")
                .arg(&key)
                .status()
                .expect("chmod runs");
            assert!(locked.success());
            if root() {
                let owned = Command::new("chown")
                    .args(["postgres:postgres"])
                    .arg(&crt)
                    .arg(&key)
                    .status()
                    .expect("chown runs");
                assert!(owned.success());
            }
            ssl = format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                crt.display(),
                key.display()
            );
        }
        // A port taken between the check and the start: try another.
        for _ in 0..5 {
            let port = free_port();
            let options = format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1{ssl}",
                path("")
            );
            let started = run(
                &bin,
                "pg_ctl",
                &[
                    "-D",
                    &path("db"),
                    "-o",
                    &options,
                    "-l",
                    &path("log"),
                    "-w",
                    "start",
                ],
            );
            if started.status.success() {
                return Postgres { dir, bin, port };
            }
        }
        let log = std::fs::read_to_string(dir.path().join("log")).unwrap_or_default();
        panic!("PostgreSQL did not start: {log}");
    }

    /// A new, empty database on this server; its URL.
    pub fn database(&self) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!("t{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let port = self.port.to_string();
        let made = run(
            &self.bin,
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "ustudy", &name],
        );
        ok(&made, "createdb");
        self.url(&name)
    }

    /// The URL of database `name`.
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgres://ustudy@127.0.0.1:{}/{name}?sslmode=disable",
            self.port
        )
    }

    /// Runs `sql` in database `name` with `psql`; its output.
    pub fn psql(&self, name: &str, sql: &str) -> String {
        let port = self.port.to_string();
        let out = run(
            &self.bin,
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "ustudy",
                "-d",
                name,
                "-At",
                "-c",
                sql,
            ],
        );
        ok(&out, "psql");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("db");
        let _ = run(
            &self.bin,
            "pg_ctl",
            &["-D", data.to_str().unwrap_or(""), "-m", "immediate", "stop"],
        );
    }
}
