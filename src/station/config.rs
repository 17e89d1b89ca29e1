//! What a station runs with: its name and seat, the proctor PIN's hash, the roster, the packages
//! it can run (open, or sealed until the center releases a key), the center and the look. Built
//! by start-up (the bundled demo, or an enrolled station's kept roster and packages), read by
//! every screen.

use std::sync::Arc;

use crate::crypto::pin::PinHash;
use crate::exam::Paper;
use crate::exam::task::Lang;
use crate::package::Header;
use crate::protocol::roster::RosterRow;
use crate::roster::Entry;

/// A package the station can run.
#[derive(Debug, Clone)]
pub struct Package {
    /// Its header (verified against the center's key).
    pub header: Header,
    /// Its paper, or the sealed package whose key the center releases at each start.
    pub content: Content,
}

/// What a station holds of a package.
#[derive(Debug, Clone)]
pub enum Content {
    /// Opened (the demo's packages, opened with their key at start).
    Open(Arc<Paper>),
    /// Sealed: the package file as the center signed it.
    Sealed(Arc<Vec<u8>>),
}

impl Package {
    /// An opened package.
    pub fn open(header: Header, paper: Paper) -> Package {
        Package {
            header,
            content: Content::Open(Arc::new(paper)),
        }
    }
}

/// The demo's PIN, shown on its lock screen.
const DEMO_PIN: &str = "2468";
/// `DEMO_PIN` hashed once, with a fixed salt (the PIN is public): deriving it at every start
/// cost the demo ~30 ms of PBKDF2 before its first frame.
const DEMO_PIN_HASH: &str = "pbkdf2-sha256$100000$7573747564792d64656d6f2d70696e21$\
                             3708356c53eee88f778fe2cb78925a20f157512798229e12616d37f568250a25";

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
    /// The PIN the scripted proctor of a drill types on an enrolled station (never shown).
    pub pilot_pin: Option<String>,
    /// Candidates expected here.
    pub roster: Vec<Entry>,
    /// The packages the station can run.
    pub packages: Vec<Package>,
    /// High-contrast palette.
    pub high_contrast: bool,
    /// Exam time runs this many times faster than real time (demo only).
    pub time_scale: u32,
    /// The center that releases the keys of sealed packages (an enrolled station); none in the
    /// demo, whose packages are open.
    pub center: Option<crate::sync::release::Center>,
    /// What the readiness check found (the window adds the display), for the proctor.
    pub preflight: Vec<crate::preflight::Check>,
    /// The readiness check the window runs once it shows (none: it is not run, as in tests).
    pub readiness: Option<crate::preflight::AtStart>,
}

impl Config {
    /// The bundled demo: a demo station, the demo roster, the demo packages and a demo PIN shown
    /// on screen.
    pub fn demo(packages: Vec<Package>) -> Result<Config, crate::crypto::CryptoError> {
        Ok(Config {
            station: "DEMO".to_owned(),
            seat: "1".to_owned(),
            pin: PinHash::decode(DEMO_PIN_HASH)?,
            demo_pin: Some(DEMO_PIN.to_owned()),
            pilot_pin: None,
            roster: crate::roster::demo(),
            packages,
            high_contrast: false,
            time_scale: 1,
            center: None,
            preflight: Vec::new(),
            readiness: None,
        })
    }

    /// An enrolled station: no PIN on screen, the center's roster of its hall, the sealed
    /// packages it fetched. Each candidate sits the package of their format (the first by
    /// package id when the center published several); one whose format no package has is found
    /// at check-in and told that their test is not on this station.
    pub fn enrolled(
        station: String,
        seat: String,
        pin: PinHash,
        rows: &[RosterRow],
        packages: Vec<Package>,
        center: crate::sync::release::Center,
    ) -> Config {
        let mut packages = packages;
        packages.sort_by(|a, b| a.header.package_id.cmp(&b.header.package_id));
        let roster = rows
            .iter()
            .map(|row| Entry {
                iin: row.iin.clone(),
                ticket: row.ticket.clone(),
                name: row.name.clone(),
                package: packages
                    .iter()
                    .find(|p| p.header.format == row.format)
                    .map_or_else(|| row.format.clone(), |p| p.header.package_id.clone()),
                extra_time: row.extra_time,
                language: Lang::ALL
                    .into_iter()
                    .find(|l| l.code() == row.language)
                    .unwrap_or(Lang::Kk),
            })
            .collect();
        Config {
            station,
            seat,
            pin,
            demo_pin: None,
            pilot_pin: None,
            roster,
            packages,
            high_contrast: false,
            time_scale: 1,
            center: Some(center),
            preflight: Vec::new(),
            readiness: None,
        }
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
            .map(|(header, paper)| Package::open(header, paper))
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

    #[test]
    fn the_demo_pin_opens_the_demo_and_nothing_else_does() {
        let config = demo();
        assert!(config.pin.verify(DEMO_PIN));
        assert_eq!(config.demo_pin.as_deref(), Some(DEMO_PIN));
        assert!(!config.pin.verify("2469") && !config.pin.verify(""));
    }
}
