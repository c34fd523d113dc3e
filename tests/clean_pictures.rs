//! Issue 11: no published picture carries EXIF, XMP, IPTC, GPS or comments, whether it went
//! through the picture step, `static/` or a page folder. Checked by reading every published
//! picture back with exiftool (Debian `libimage-exiftool-perl`, installed by
//! `scripts/install-test-tools.sh`).

mod common;

use common::{loa, tree};
use image::{ImageEncoder, Rgb, RgbImage};
use std::path::Path;
use std::process::Command;

fn jpeg() -> Vec<u8> {
    let img = RgbImage::from_fn(640, 480, |x, y| Rgb([(x % 250) as u8, (y % 250) as u8, 120]));
    let mut buf = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, 90)
        .write_image(img.as_raw(), 640, 480, image::ExtendedColorType::Rgb8)
        .expect("encode");
    buf
}

fn png() -> Vec<u8> {
    let img = RgbImage::from_fn(300, 200, |x, _| Rgb([200, (x % 256) as u8, 30]));
    let mut buf = Vec::new();
    image::codecs::png::PngEncoder::new(&mut buf)
        .write_image(img.as_raw(), 300, 200, image::ExtendedColorType::Rgb8)
        .expect("encode");
    buf
}

fn exiftool(args: &[&str]) -> String {
    let out = Command::new("exiftool")
        .args(args)
        .output()
        .expect("exiftool must be installed (scripts/install-test-tools.sh installs libimage-exiftool-perl)");
    assert!(out.status.success(), "exiftool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes a phone's worth of metadata into `path`: GPS, camera, owner, XMP, IPTC, a comment.
fn tag(path: &Path) {
    let p = path.to_str().expect("utf-8");
    exiftool(&[
        "-q",
        "-overwrite_original",
        "-GPSLatitude=22.3364",
        "-GPSLatitudeRef=N",
        "-GPSLongitude=103.8438",
        "-GPSLongitudeRef=E",
        "-Make=PhoneCo",
        "-Artist=Lo Thi Mai",
        "-XMP-dc:Creator=Lo Thi Mai",
        "-Comment=nha chi Mai, ban Sin Chai",
        p,
    ]);
    if p.ends_with(".jpg") {
        exiftool(&["-q", "-overwrite_original", "-IPTC:Keywords=nan nhan", p]);
    } else {
        exiftool(&["-q", "-overwrite_original", "-PNG:Author=Lo Thi Mai", p]);
    }
    let written = exiftool(&["-a", "-G1", "-s", p]);
    assert!(written.contains("GPSLatitude"), "the test picture carries GPS: {written}");
}

/// Groups and tags that tell where, who or with what a picture was taken.
const LEAKS: [&str; 12] = [
    "[GPS]",
    "[IFD0]",
    "[ExifIFD]",
    "[XMP",
    "[IPTC]",
    "[Photoshop]",
    "Comment",
    "Artist",
    "Author",
    "Lo Thi Mai",
    "22.3364",
    "Sin Chai",
];

#[test]
fn published_pictures_carry_no_metadata() {
    let tmp = tempfile::tempdir().expect("temp");
    let root = tmp.path().join("site");
    for dir in ["content/tin", "static/anh"] {
        std::fs::create_dir_all(root.join(dir)).expect("mkdir");
    }
    std::fs::write(
        root.join("loa.yaml"),
        "title: T\nbase_url: https://xa-thu.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}]\nhotline: {number: \"111\"}\nshare_cards: false\n",
    )
    .expect("config");
    let pictures = [
        ("static/anh/gps.jpg", jpeg()),
        ("static/anh/gps.png", png()),
        ("content/tin/hop-thon.jpg", jpeg()),
        ("content/tin/so-do.png", png()),
    ];
    for (rel, bytes) in &pictures {
        std::fs::write(root.join(rel), bytes).expect("write");
        tag(&root.join(rel));
    }
    let originals: Vec<Vec<u8>> =
        pictures.iter().map(|(rel, _)| std::fs::read(root.join(rel)).expect("read")).collect();
    std::fs::write(
        root.join("content/tin/hop.md"),
        "---\ntitle: Họp thôn\n---\n\n![Buổi họp thôn](hop-thon.jpg)\n\n![Sơ đồ](/anh/gps.png)\n\nTải [ảnh gốc](hop-thon.jpg), [sơ đồ](so-do.png).\n",
    )
    .expect("page");
    let run = loa(&["build", root.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let out = root.join("public");
    let published: Vec<String> = tree(&out)
        .into_iter()
        .map(|(rel, _)| rel)
        .filter(|rel| [".jpg", ".jpeg", ".png", ".webp"].iter().any(|e| rel.ends_with(e)))
        .collect();
    for expected in ["anh/gps.jpg", "anh/gps.png", "tin/hop-thon.jpg", "tin/so-do.png"] {
        assert!(published.iter().any(|p| p == expected), "{expected} is published: {published:?}");
    }
    assert!(published.iter().any(|p| p.starts_with("_img/")), "and the resized copies: {published:?}");
    for rel in &published {
        let path = out.join(rel);
        let tags = exiftool(&["-a", "-G1", "-s", path.to_str().expect("utf-8")]);
        for leak in LEAKS {
            assert!(!tags.contains(leak), "{rel} still carries `{leak}`:\n{tags}");
        }
    }
    for ((rel, _), before) in pictures.iter().zip(&originals) {
        assert_eq!(&std::fs::read(root.join(rel)).expect("read"), before, "the user's own {rel} is never changed");
    }
}

/// Issue 11: a picture format whose metadata loa cannot remove is refused, naming the file.
#[test]
fn pictures_that_cannot_be_cleaned_are_refused() {
    let tmp = tempfile::tempdir().expect("temp");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).expect("mkdir");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    std::fs::write(
        root.join("loa.yaml"),
        "title: T\nbase_url: https://xa-thu.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}]\nhotline: {number: \"111\"}\nshare_cards: false\n",
    )
    .expect("config");
    std::fs::write(root.join("static/IMG_0042.HEIC"), b"\0\0\0\x18ftypheic").expect("write");
    let run = loa(&["build", root.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("static/IMG_0042.HEIC"), "{}", run.stderr);
    assert!(run.stderr.contains("JPEG"), "the hint says what to do: {}", run.stderr);
}
