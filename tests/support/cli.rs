//! The two binaries as child processes: `ustudy-station` and `ustudy-center` run with arguments,
//! their exit code and what they printed.

use std::process::Command;

/// What a command did: its exit code (`None` if a signal ended it), stdout and stderr.
pub struct Ran {
    /// The exit code.
    pub code: Option<i32>,
    /// What it printed on stdout.
    pub stdout: String,
    /// What it printed on stderr.
    pub stderr: String,
}

impl Ran {
    /// Whether it exited 0.
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

fn run(bin: &str, args: &[&str]) -> Ran {
    let out = Command::new(bin)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{bin} does not start: {e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Ran {
        code: out.status.code(),
        stdout: text(&out.stdout),
        stderr: text(&out.stderr),
    }
}

/// Runs `ustudy-station` with `args`, `input` on its standard input.
pub fn station_with_input(args: &[&str], input: &str) -> Ran {
    with_input(env!("CARGO_BIN_EXE_ustudy-station"), args, input)
}

/// Runs `ustudy-center` with `args`, `input` on its standard input.
pub fn center_with_input(args: &[&str], input: &str) -> Ran {
    with_input(env!("CARGO_BIN_EXE_ustudy-center"), args, input)
}

fn with_input(program: &str, args: &[&str], input: &str) -> Ran {
    use std::io::Write as _;
    let mut child = Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the program starts");
    // A program that ends before it reads its input (it refused at once) closes the pipe: its
    // exit code and stderr below say why, not a broken pipe here.
    match child
        .stdin
        .take()
        .expect("its stdin")
        .write_all(input.as_bytes())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.expect("input written"),
    }
    let out = child.wait_with_output().expect("it ends");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Ran {
        code: out.status.code(),
        stdout: text(&out.stdout),
        stderr: text(&out.stderr),
    }
}

/// Runs `ustudy-station` with `args`.
pub fn station(args: &[&str]) -> Ran {
    run(env!("CARGO_BIN_EXE_ustudy-station"), args)
}

/// Runs `ustudy-center` with `args`.
pub fn center(args: &[&str]) -> Ran {
    run(env!("CARGO_BIN_EXE_ustudy-center"), args)
}
