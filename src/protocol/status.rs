//! A station's heartbeat (`POST /v1/status`, signed like every station request): what its
//! readiness check found wanting, so the hall dashboard shows it, and how many records wait in
//! its outbox. Sent every 15 s while nothing else goes, so the center knows the station is
//! there even before a session starts.

use serde::{Deserialize, Serialize};

/// The readiness items a station reports (`preflight::Check::item`).
pub const ITEMS: [&str; 7] = [
    "data-dir",
    "free-space",
    "journal",
    "clock",
    "display",
    "center",
    "machine",
];

/// One item the readiness check found wanting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wanting {
    /// The item (one of `ITEMS`).
    pub item: String,
    /// `warn` or `fail`.
    pub level: String,
}

/// The heartbeat.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationStatus {
    /// Records waiting in the station's outbox.
    pub waiting: u64,
    /// What the readiness check found wanting (each item at most once).
    pub readiness: Vec<Wanting>,
}

/// Why a heartbeat is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("unknown readiness item {0:?}")]
    Item(String),
    #[error("readiness level {0:?} is not warn or fail")]
    Level(String),
    #[error("readiness item {0:?} is listed twice")]
    Twice(String),
}

impl StationStatus {
    /// Checks what a station sent: known items, each once, at a known level.
    pub fn check(&self) -> Result<(), StatusError> {
        for (i, w) in self.readiness.iter().enumerate() {
            if !ITEMS.contains(&w.item.as_str()) {
                return Err(StatusError::Item(w.item.chars().take(40).collect()));
            }
            if !matches!(w.level.as_str(), "warn" | "fail") {
                return Err(StatusError::Level(w.level.chars().take(40).collect()));
            }
            if self.readiness[..i].iter().any(|o| o.item == w.item) {
                return Err(StatusError::Twice(w.item.clone()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanting(item: &str, level: &str) -> Wanting {
        Wanting {
            item: item.into(),
            level: level.into(),
        }
    }

    #[test]
    fn only_known_items_each_once_at_a_known_level() {
        let mut s = StationStatus {
            waiting: 3,
            readiness: vec![wanting("clock", "warn"), wanting("machine", "fail")],
        };
        assert_eq!(s.check(), Ok(()));
        s.readiness.push(wanting("clock", "fail"));
        assert_eq!(s.check(), Err(StatusError::Twice("clock".into())));
        s.readiness = vec![wanting("<script>", "warn")];
        assert!(matches!(s.check(), Err(StatusError::Item(_))));
        s.readiness = vec![wanting("clock", "ok")];
        assert!(matches!(s.check(), Err(StatusError::Level(_))));
    }
}
