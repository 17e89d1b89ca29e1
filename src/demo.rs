//! The bundled demo: both demo package sources embedded in the binary, sealed at start with a
//! throw-away center key and opened exactly as a station opens a real package (signature,
//! decryption, validation), so the demo runs the same code path as a test day.

use crate::crypto::sign::SigningKey;
use crate::exam::Paper;
use crate::package::{self, Header, PackageError};

struct Source {
    manifest: &'static str,
    tasks: &'static str,
    key: &'static str,
    media: &'static [(&'static str, &'static [u8])],
}

const SOURCES: [Source; 2] = [
    Source {
        manifest: include_str!("../assets/demo/unt-2024/manifest.json"),
        tasks: include_str!("../assets/demo/unt-2024/tasks.json"),
        key: include_str!("../assets/demo/unt-2024/key.json"),
        media: &[
            (
                "library-visitors.svg",
                include_bytes!("../assets/demo/unt-2024/media/library-visitors.svg"),
            ),
            (
                "parabola.svg",
                include_bytes!("../assets/demo/unt-2024/media/parabola.svg"),
            ),
            (
                "velocity.svg",
                include_bytes!("../assets/demo/unt-2024/media/velocity.svg"),
            ),
        ],
    },
    Source {
        manifest: include_str!("../assets/demo/unt-2021/manifest.json"),
        tasks: include_str!("../assets/demo/unt-2021/tasks.json"),
        key: include_str!("../assets/demo/unt-2021/key.json"),
        media: &[
            (
                "library-visitors.svg",
                include_bytes!("../assets/demo/unt-2021/media/library-visitors.svg"),
            ),
            (
                "parabola.svg",
                include_bytes!("../assets/demo/unt-2021/media/parabola.svg"),
            ),
            (
                "velocity.svg",
                include_bytes!("../assets/demo/unt-2021/media/velocity.svg"),
            ),
        ],
    },
];

/// Seals and opens both demo packages; returns each header with its paper.
pub fn packages() -> Result<Vec<(Header, Paper)>, PackageError> {
    let (center, _) = SigningKey::generate()?;
    SOURCES
        .iter()
        .map(|s| {
            let (manifest, paper) =
                package::source::load_parts(s.manifest, s.tasks, s.key, s.media)?;
            let sealed = package::seal(&manifest, &paper, &center)?;
            package::open(&sealed.bytes, &center.public(), &sealed.key)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_demo_packages_open_from_the_binary() -> Result<(), PackageError> {
        let packages = packages()?;
        let ids: Vec<&str> = packages
            .iter()
            .map(|(h, _)| h.package_id.as_str())
            .collect();
        assert_eq!(ids, ["demo-unt-2024", "demo-unt-2021"]);
        for (header, paper) in &packages {
            assert!(header.sample);
            assert_eq!(paper.tasks.len(), 120);
            assert_eq!(paper.format.max_score, 140);
        }
        // Every roster entry's package is among them.
        for entry in crate::roster::demo() {
            assert!(ids.contains(&entry.package.as_str()), "{}", entry.package);
        }
        Ok(())
    }
}
