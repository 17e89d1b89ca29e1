//! `ustudy-station`: the exam-hall client. The fullscreen candidate app arrives with issue 4;
//! until then this binary only reports its version.

fn main() -> std::process::ExitCode {
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        concat!(
            "ustudy-station ",
            env!("CARGO_PKG_VERSION"),
            ": the candidate app is not built yet\n"
        )
        .as_bytes(),
    );
    std::process::ExitCode::FAILURE
}
