//! The bundled demo: the three demo package sources (two UNT formats and a teacher test)
//! embedded in the binary, read and validated at
//! start exactly as sealing validates them, with the header sealing would write. They run open:
//! the demo has no center to release a key. Sealing and opening them at every start, as the demo
//! once did, parsed each package twice and cost ~3 ms before the first frame; the tests prove
//! that a sealed and opened demo package is the very paper the station runs.

use crate::exam::Paper;
use crate::package::{self, Header, PackageError};

/// The signer named in the demo headers: nobody signs them.
const UNSIGNED: &str = "demo (not sealed)";

struct Source {
    manifest: &'static str,
    tasks: &'static str,
    key: &'static str,
    media: &'static [(&'static str, &'static [u8])],
}

const SOURCES: [Source; 3] = [
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
    Source {
        manifest: include_str!("../assets/demo/teacher-2024/manifest.json"),
        tasks: include_str!("../assets/demo/teacher-2024/tasks.json"),
        key: include_str!("../assets/demo/teacher-2024/key.json"),
        media: &[(
            "parabola.svg",
            include_bytes!("../assets/demo/teacher-2024/media/parabola.svg"),
        )],
    },
];

/// The demo packages: each header with its validated paper.
pub fn packages() -> Result<Vec<(Header, Paper)>, PackageError> {
    SOURCES
        .iter()
        .map(|s| {
            let (manifest, paper) =
                package::source::load_parts(s.manifest, s.tasks, s.key, s.media)?;
            let header = package::seal::header(&manifest, &paper, UNSIGNED.to_owned())?;
            Ok((header, paper))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_package_opens_from_the_binary() -> Result<(), PackageError> {
        let packages = packages()?;
        let ids: Vec<&str> = packages
            .iter()
            .map(|(h, _)| h.package_id.as_str())
            .collect();
        assert_eq!(ids, ["demo-unt-2024", "demo-unt-2021", "demo-teacher-2024"]);
        let sizes: Vec<(usize, u32)> = packages
            .iter()
            .map(|(_, p)| (p.tasks.len(), p.format.max_score))
            .collect();
        assert_eq!(sizes, [(120, 140), (120, 140), (50, 50)]);
        for (header, _) in &packages {
            assert!(header.sample);
        }
        // Every roster entry's package is among them.
        for entry in crate::roster::demo() {
            assert!(ids.contains(&entry.package.as_str()), "{}", entry.package);
        }
        Ok(())
    }

    #[test]
    fn a_sealed_and_opened_demo_package_is_the_paper_the_station_runs() -> Result<(), PackageError>
    {
        let (center, _) = crate::crypto::sign::SigningKey::generate()?;
        for (s, (header, paper)) in SOURCES.iter().zip(packages()?) {
            let (manifest, source) =
                package::source::load_parts(s.manifest, s.tasks, s.key, s.media)?;
            let sealed = package::seal(&manifest, &source, &center)?;
            let (opened_header, opened) =
                package::open(&sealed.bytes, &center.public(), &sealed.key)?;
            assert_eq!(opened, paper, "{}", header.package_id);
            let unsigned = Header {
                seal_id: opened_header.seal_id.clone(),
                signer: opened_header.signer.clone(),
                ..header
            };
            assert_eq!(unsigned, opened_header);
        }
        Ok(())
    }
}
