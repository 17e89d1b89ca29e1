//! Sealed packages end to end: both demo sources pack into packages that open to 120 tasks,
//! 240 minutes and 140 points; every single flipped byte, every truncation, a wrong package key
//! and a foreign signer are refused; the operator CLI reports failures in one line.

// Tests fail loudly on purpose.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::many_single_char_names,
    clippy::too_many_lines
)]

mod support;

use std::path::{Path, PathBuf};

use ustudy::center::KeyStore;
use ustudy::crypto::aead::Key;
use ustudy::package::{self, PackageError};

fn demo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(name)
}

fn sealed(name: &str, store: &KeyStore) -> package::seal::Sealed {
    let (manifest, paper) = package::load_source(&demo(name)).expect("demo source loads");
    package::seal(&manifest, &paper, store.signer()).expect("demo source seals")
}

#[test]
fn demo_packages_open_with_the_expected_shape() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    for name in ["unt-2024", "unt-2021"] {
        let s = sealed(name, &store);
        let (header, paper) = package::open(&s.bytes, &store.public(), &s.key).expect("opens");
        assert_eq!(header.package_id, format!("demo-{name}"));
        assert!(header.sample);
        assert_eq!(paper.tasks.len(), 120, "{name}");
        assert_eq!(paper.base_minutes(), 240, "{name}");
        assert_eq!(paper.format.extra_minutes, 40, "{name}");
        assert_eq!(paper.format.max_score, 140, "{name}");
        assert!(paper.groups.len() >= 3, "{name} has context groups");
        assert!(!paper.media.is_empty(), "{name} has figures");
    }
}

#[test]
fn the_package_key_is_not_in_the_package() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let s = sealed("unt-2024", &store);
    let key = s.key.as_bytes();
    assert!(!s.bytes.windows(key.len()).any(|w| w == key));
    let hex = ustudy::crypto::hex::encode(key);
    assert!(!s.bytes.windows(hex.len()).any(|w| w == hex.as_bytes()));
}

#[test]
fn every_single_flipped_byte_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let s = sealed("unt-2024", &store);
    for i in 0..s.bytes.len() {
        let mut bad = s.bytes.clone();
        bad[i] ^= 0x04;
        // Refused before the package key is ever used: nothing past the signature check.
        let refused = package::open(&bad, &store.public(), &s.key);
        assert!(
            matches!(
                refused,
                Err(PackageError::NotAPackage
                    | PackageError::Version(_)
                    | PackageError::Framing
                    | PackageError::Header(_)
                    | PackageError::Untrusted { .. }
                    | PackageError::Signature)
            ),
            "flip at byte {i}: {refused:?}"
        );
    }
}

#[test]
fn truncations_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let s = sealed("unt-2021", &store);
    let step = (s.bytes.len() / 997).max(1);
    let mut cut = 0;
    while cut < s.bytes.len() {
        assert!(
            package::open(&s.bytes[..cut], &store.public(), &s.key).is_err(),
            "cut at {cut}"
        );
        cut += step;
    }
    let mut longer = s.bytes.clone();
    longer.push(0);
    assert!(matches!(
        package::open(&longer, &store.public(), &s.key),
        Err(PackageError::Framing)
    ));
}

#[test]
fn wrong_key_and_foreign_signer_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let other_dir = tempfile::tempdir().expect("temp dir");
    let other = KeyStore::init(other_dir.path()).expect("key store");
    let s = sealed("unt-2024", &store);
    let wrong = Key::generate().expect("key");
    assert!(matches!(
        package::open(&s.bytes, &store.public(), &wrong),
        Err(PackageError::Decrypt)
    ));
    assert!(matches!(
        package::open(&s.bytes, &other.public(), &s.key),
        Err(PackageError::Untrusted { .. })
    ));
    // A package re-signed by another key but claiming the first signer does not verify.
    let forged = sealed("unt-2024", &other);
    assert!(package::read_header(&forged.bytes, Some(&store.public())).is_err());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("media")).expect("mkdir");
    for f in ["manifest.json", "tasks.json", "key.json"] {
        std::fs::copy(from.join(f), to.join(f)).expect("copy");
    }
    for entry in std::fs::read_dir(from.join("media")).expect("media") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join("media").join(entry.file_name())).expect("copy media");
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn broken_sources_are_refused_with_the_reason() {
    let work = tempfile::tempdir().expect("temp dir");
    let src = work.path().join("src");
    copy_dir(&demo("unt-2024"), &src);
    std::fs::remove_file(src.join("media/parabola.svg")).expect("rm");
    let err = package::load_source(&src).expect_err("missing image");
    assert!(err.to_string().contains("parabola.svg"), "{err}");

    copy_dir(&demo("unt-2024"), &src);
    edit(&src.join("key.json"), "\"one\": 0", "\"one\": 7");
    let err = package::load_source(&src).expect_err("key out of range");
    assert!(err.to_string().contains("out of range"), "{err}");

    copy_dir(&demo("unt-2024"), &src);
    edit(&src.join("manifest.json"), "\"unt-2024\"", "\"unt-2099\"");
    assert!(matches!(
        package::load_source(&src),
        Err(PackageError::UnknownPreset(_))
    ));

    copy_dir(&demo("unt-2024"), &src);
    edit(
        &src.join("tasks.json"),
        "\"kind\": \"single\"",
        "\"kind\": \"multiple\"",
    );
    let err = package::load_source(&src).expect_err("layout count");
    assert!(err.to_string().contains("layout"), "{err}");

    copy_dir(&demo("unt-2024"), &src);
    std::fs::write(src.join("media/fake.png"), b"GIF89a").expect("write");
    let err = package::load_source(&src).expect_err("fake png");
    assert!(err.to_string().contains("fake.png"), "{err}");
}

fn center(args: &[&str]) -> (bool, String, String) {
    let ran = support::cli::center(args);
    (ran.ok(), ran.stdout, ran.stderr)
}

#[test]
fn cli_packs_inspects_and_fails_in_one_line() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path().join("center");
    let d = dir.to_str().expect("utf-8");
    let (ok, _, err) = center(&["init", "--dir", d]);
    assert!(ok, "{err}");
    let (ok, _, err) = center(&["init", "--dir", d]);
    assert!(
        !ok && err.lines().count() == 1 && err.contains("refusing"),
        "{err}"
    );
    for name in ["unt-2024", "unt-2021"] {
        let pkg = work.path().join(format!("{name}.pkg"));
        let p = pkg.to_str().expect("utf-8");
        let source = demo(name);
        let (ok, out, err) = center(&[
            "pack",
            "--dir",
            d,
            "--source",
            source.to_str().expect("utf-8"),
            "--out",
            p,
        ]);
        assert!(ok, "{err}");
        assert_eq!(out.lines().next(), Some(format!("demo-{name}").as_str()));
        let (ok, out, err) = center(&["inspect", p, "--dir", d]);
        assert!(ok, "{err}");
        for line in ["tasks: 120", "minutes: 240", "max score: 140"] {
            assert!(out.lines().any(|l| l == line), "{line} missing in\n{out}");
        }
        let (ok, out, _) = center(&["inspect", p]);
        assert!(ok && out.contains("signature: valid"), "{out}");

        let mut bytes = std::fs::read(&pkg).expect("read");
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x80;
        let bad = work.path().join("bad.pkg");
        std::fs::write(&bad, &bytes).expect("write");
        let (ok, _, err) = center(&["inspect", bad.to_str().expect("utf-8"), "--dir", d]);
        assert!(
            !ok && err.lines().count() == 1 && err.contains("signature"),
            "{err}"
        );
        std::fs::write(&bad, &bytes[..100]).expect("write");
        let (ok, _, err) = center(&["inspect", bad.to_str().expect("utf-8")]);
        assert!(!ok && err.lines().count() == 1, "{err}");
    }
    let (ok, _, err) = center(&["inspect", "/nonexistent.pkg"]);
    assert!(
        !ok && err.lines().count() == 1 && err.contains("nonexistent"),
        "{err}"
    );
    let other = work.path().join("other");
    let (ok, _, _) = center(&["init", "--dir", other.to_str().expect("utf-8")]);
    assert!(ok);
    let pkg = work.path().join("unt-2024.pkg");
    let (ok, _, err) = center(&[
        "inspect",
        pkg.to_str().expect("utf-8"),
        "--dir",
        other.to_str().expect("utf-8"),
    ]);
    assert!(!ok && err.contains("not by this center"), "{err}");
    let (ok, _, err) = center(&[
        "pack",
        "--dir",
        other.to_str().expect("utf-8"),
        "--source",
        "/nonexistent",
        "--out",
        "/tmp/x.pkg",
    ]);
    assert!(!ok && err.lines().count() == 1, "{err}");
}

/// A change that makes a header lie.
type Lie = fn(&mut package::Header);

/// A package whose header lies about its paper, signed by the trusted center key.
fn lying(store: &KeyStore, lie: impl FnOnce(&mut package::Header)) -> package::seal::Sealed {
    let (manifest, paper) = package::load_source(&demo("unt-2024")).expect("demo source loads");
    let honest = package::seal(&manifest, &paper, store.signer()).expect("seals");
    let mut header = honest.header;
    lie(&mut header);
    package::seal::seal_as(header, &paper, store.signer()).expect("seals")
}

#[test]
fn a_header_that_does_not_match_its_paper_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let honest = lying(&store, |_| {});
    package::open(&honest.bytes, &store.public(), &honest.key).expect("the honest one opens");
    let lies: [(&str, Lie); 5] = [
        ("minutes", |h| h.minutes += 40),
        ("extra minutes", |h| h.extra_minutes = 0),
        ("task count", |h| h.tasks -= 1),
        ("sample flag", |h| h.sample = !h.sample),
        ("maximum score", |h| h.max_score += 1),
    ];
    for (what, lie) in lies {
        let s = lying(&store, lie);
        assert!(
            matches!(
                package::open(&s.bytes, &store.public(), &s.key),
                Err(PackageError::Mismatch(_))
            ),
            "a header lying about the {what} was not refused as a mismatch"
        );
    }
}

#[test]
fn a_right_key_id_with_a_wrong_signature_is_refused_as_a_bad_signature() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let other_dir = tempfile::tempdir().expect("temp dir");
    let other = KeyStore::init(other_dir.path()).expect("key store");
    let s = sealed("unt-2024", &store);
    let parts = package::container::split(&s.bytes).expect("splits");
    // The header names the trusted key; the signature is another key's.
    let forged = package::container::assemble(parts.header, parts.body, |signed| {
        other.signer().sign(signed)
    });
    assert!(matches!(
        package::open(&forged, &store.public(), &s.key),
        Err(PackageError::Signature)
    ));
    // Every flipped byte of the sealed body is a bad signature: refused before any decryption.
    let body_at = parts.aad.len() + 8;
    for i in (body_at..body_at + parts.body.len()).step_by(7) {
        let mut bad = s.bytes.clone();
        bad[i] ^= 0x10;
        assert!(
            matches!(
                package::open(&bad, &store.public(), &s.key),
                Err(PackageError::Signature)
            ),
            "flip at body byte {i} was not refused by the signature"
        );
    }
}

/// The names of the images `rich::parse` finds in `text`.
fn parsed_images(text: &str) -> Vec<String> {
    ustudy::exam::rich::parse(text)
        .into_iter()
        .filter_map(|b| match b {
            ustudy::exam::rich::Block::Image { name, .. } => Some(name),
            ustudy::exam::rich::Block::Para(_) => None,
        })
        .collect()
}

/// Validation asks `rich::images` of every text (a line scan, without building paragraphs): it
/// must name exactly the images `rich::parse` finds, in every text of both demo papers and in
/// edge cases.
#[test]
fn the_image_scan_finds_what_the_parser_finds() {
    let mut texts = Vec::new();
    for (_, paper) in ustudy::demo::packages().unwrap() {
        let json = serde_json::to_value(&paper).unwrap();
        let mut stack = vec![json];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::String(text) => texts.push(text),
                serde_json::Value::Array(a) => stack.extend(a),
                serde_json::Value::Object(o) => stack.extend(o.into_iter().map(|(_, v)| v)),
                _ => {}
            }
        }
    }
    assert!(
        texts.len() > 1000,
        "every text of both demo papers: {}",
        texts.len()
    );
    assert!(
        texts.iter().any(|t| !parsed_images(t).is_empty()),
        "the demo papers have pictures"
    );
    texts.extend(
        [
            "![a](b.svg)",
            "  ![a](b.svg)  ",
            "x\n![a](b.svg)\ny",
            "![a](b(c).svg)",
            "![](x.svg)",
            "text ![a](b.svg) in a line",
        ]
        .map(str::to_owned),
    );
    for text in &texts {
        let scanned: Vec<String> = ustudy::exam::rich::images(text).collect();
        assert_eq!(scanned, parsed_images(text), "{text:?}");
    }
}

/// A body the signer sealed but that is not a paper: not UTF-8, not JSON, media that is not
/// base64. Each is refused with its reason, and nothing of it is taken.
#[test]
fn a_signed_body_that_is_not_a_valid_paper_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = KeyStore::init(dir.path()).expect("key store");
    let good = sealed("unt-2024", &store);
    let header = package::container::split(&good.bytes)
        .expect("splits")
        .header
        .to_vec();
    let reseal = |body: &[u8]| {
        let key = Key::generate().expect("a key");
        let aad = package::container::prefix(
            package::container::MAGIC,
            package::container::VERSION,
            &header,
        );
        let sealed_body = key.seal(&aad, body).expect("seals");
        let bytes = package::container::assemble(&header, &sealed_body, |signed| {
            store.signer().sign(signed)
        });
        package::open(&bytes, &store.public(), &key)
    };
    let plain = {
        let parts = package::container::split(&good.bytes).expect("splits");
        good.key.open(parts.aad, parts.body).expect("opens")
    };
    // The same body, opened as it is: the test's own sealing is sound.
    assert!(reseal(&plain).is_ok());
    let mut not_utf8 = plain.clone();
    let at = not_utf8.len() / 2;
    not_utf8[at] = 0xff;
    assert!(
        matches!(reseal(&not_utf8), Err(PackageError::Json { .. })),
        "a body that is not UTF-8"
    );
    assert!(
        matches!(reseal(b"{\"paper\": 1}"), Err(PackageError::Json { .. })),
        "a body that is not a paper"
    );
    let text = String::from_utf8(plain).expect("utf-8");
    let bad_media = text.replacen("\"media\":{\"", "\"media\":{\"x.png\":\"@@@\",\"", 1);
    assert_ne!(bad_media, text, "the body has a media table");
    assert!(
        matches!(
            reseal(bad_media.as_bytes()),
            Err(PackageError::Media(name, why)) if name == "x.png" && why == "is not valid base64"
        ),
        "media that is not base64"
    );
}
