//! Man pages from the command-line definitions (clap), for the packages: one page for the
//! program and one for each of its commands (`ustudy-station-check.1`, ...), in section 1.

use std::path::{Path, PathBuf};

/// Writes `DIR/NAME.1` for `command` and `DIR/NAME-SUB.1` for each visible subcommand;
/// returns the files written.
pub fn write(command: &clap::Command, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut command = command.clone();
    command.build();
    let mut written = Vec::new();
    page(&command, command.get_name(), dir, &mut written)?;
    Ok(written)
}

fn page(
    command: &clap::Command,
    name: &str,
    dir: &Path,
    written: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let path = dir.join(format!("{name}.1"));
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.clone().name(name.to_owned())).render(&mut bytes)?;
    std::fs::write(&path, bytes)?;
    written.push(path);
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        page(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(clap::Parser)]
    #[command(name = "demo", version, about = "A demo program.")]
    struct Cli {
        #[command(subcommand)]
        command: Sub,
    }

    #[derive(clap::Subcommand)]
    enum Sub {
        /// Does the first thing.
        First,
        /// Never shown.
        #[command(hide = true)]
        Hidden,
    }

    #[test]
    fn a_page_for_the_program_and_each_visible_command() {
        use clap::CommandFactory;
        let dir = tempfile::tempdir().unwrap();
        let files = write(&Cli::command(), dir.path()).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["demo.1", "demo-first.1"]);
        let text = std::fs::read_to_string(&files[1]).unwrap();
        assert!(text.contains("Does the first thing"), "{text}");
        assert!(text.starts_with(".ie"), "troff: {text}");
    }
}
