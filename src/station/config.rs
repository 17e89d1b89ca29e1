//! What a station runs with: its name and seat, the proctor PIN's hash, the roster, the packages
//! it can run and the look. Built by start-up (today the bundled demo), read by every screen.

use std::sync::Arc;

use crate::crypto::pin::PinHash;
use crate::exam::Paper;
use crate::package::Header;
use crate::roster::Entry;

/// A package the station can run.
#[derive(Debug, Clone)]
pub struct Package {
    /// Its header.
    pub header: Header,
    /// Its paper.
    pub paper: Arc<Paper>,
}

/// What the station runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Station name.
    pub station: String,
    /// Seat.
    pub seat: String,
    /// The proctor PIN's hash.
    pub pin: PinHash,
    /// The demo PIN, shown on the lock screen in demo mode only.
    pub demo_pin: Option<String>,
    /// Candidates expected here.
    pub roster: Vec<Entry>,
    /// The packages the station can run.
    pub packages: Vec<Package>,
    /// High-contrast palette.
    pub high_contrast: bool,
    /// Exam time runs this many times faster than real time (demo only).
    pub time_scale: u32,
}

impl Config {
    /// The bundled demo: a demo station, the demo roster, the demo packages and a demo PIN shown
    /// on screen.
    pub fn demo(packages: Vec<Package>) -> Result<Config, crate::crypto::CryptoError> {
        const DEMO_PIN: &str = "2468";
        Ok(Config {
            station: "DEMO".to_owned(),
            seat: "1".to_owned(),
            pin: PinHash::new(DEMO_PIN)?,
            demo_pin: Some(DEMO_PIN.to_owned()),
            roster: crate::roster::demo(),
            packages,
            high_contrast: false,
            time_scale: 1,
        })
    }

    /// The package with this id.
    pub fn package(&self, id: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.header.package_id == id)
    }

    /// Whether a sped-up clock or a scripted candidate may run: only when every package is a
    /// sample the center sealed as such (the signed header's flag). The package id of the first
    /// real one otherwise.
    pub fn drills_allowed(&self) -> Result<(), String> {
        match self.packages.iter().find(|p| !p.header.sample) {
            Some(real) => Err(real.header.package_id.clone()),
            None => Ok(()),
        }
    }

    /// The prefix of this station's session ids (`STATION-SEAT`); the journal adds the time.
    pub fn session_prefix(&self) -> String {
        format!("{}-{}", self.station, self.seat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Config {
        let packages = crate::demo::packages()
            .unwrap()
            .into_iter()
            .map(|(header, paper)| Package {
                header,
                paper: Arc::new(paper),
            })
            .collect();
        Config::demo(packages).unwrap()
    }

    #[test]
    fn drills_run_only_on_sample_packages() {
        let mut config = demo();
        assert_eq!(
            config.drills_allowed(),
            Ok(()),
            "the demo packages are samples"
        );
        config.packages[1].header.sample = false;
        let real = config.packages[1].header.package_id.clone();
        assert_eq!(config.drills_allowed(), Err(real));
    }
}
