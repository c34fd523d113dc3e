//! Pictures (issue #7): resized, re-encoded without metadata, emitted with srcset and sizes;
//! hostile files fail with the file's name, never a panic.

mod common;

use common::{fixture, loa, read};
use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::path::Path;

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 250) as u8, (y % 250) as u8, 120]));
    let mut buf = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, 92)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .expect("encode");
    buf
}

fn png_alpha(w: u32, h: u32) -> Vec<u8> {
    let img = RgbaImage::from_fn(w, h, |x, _| Rgba([180, 20, 20, (x % 256) as u8]));
    let mut buf = Vec::new();
    image::codecs::png::PngEncoder::new(&mut buf)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgba8)
        .expect("encode");
    buf
}

/// A valid tiny PNG whose header claims 60000×60000 pixels: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    let mut bytes = png_alpha(4, 4);
    // IHDR data starts at byte 16: width, height (big endian), then the chunk's CRC at 29..33.
    bytes[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn add_page(site: &Path, name: &str, image: &str, bytes: &[u8]) {
    std::fs::write(site.join("content/anh").join(image), bytes).expect("write image");
    std::fs::write(
        site.join(format!("content/{name}.md")),
        format!("---\ntitle: \"{name}\"\n---\n\nDòng một.\n\n![Ảnh {name}](anh/{image})\n"),
    )
    .expect("write page");
}

#[test]
fn photos_are_resized_stripped_and_marked_up_for_phones() {
    let (_tmp, site) = fixture("images");
    add_page(&site, "lon", "lon.jpg", &jpeg(3000, 2000));
    add_page(&site, "nho", "nho.jpg", &jpeg(200, 100));
    add_page(&site, "trong", "trong.png", &png_alpha(700, 300));
    let run = loa(&["build", site.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.join("public");

    let html = read(out.join("lon/index.html"));
    let img = &html[html.find("<img").expect("img")..];
    let img = &img[..img.find('>').expect("end")];
    for attr in [
        "width=\"960\"",
        "height=\"640\"",
        "loading=\"lazy\"",
        "decoding=\"async\"",
        "alt=\"Ảnh lon\"",
        " 480w",
        " 960w",
        "sizes=",
    ] {
        assert!(img.contains(attr), "missing {attr} in {img}");
    }
    // Never upscaled: a 200 px picture is offered at 200 px only.
    let small = read(out.join("nho/index.html"));
    assert!(small.contains("width=\"200\" height=\"100\"") && !small.contains(" 480w"), "{small}");
    // Transparent PNG stays PNG (lossless, alpha kept).
    let png = read(out.join("trong/index.html"));
    assert!(png.contains(".png 480w") && !png.contains(".jpg"), "{png}");

    // Metadata is gone: no EXIF, no GPS, no maker; the photo is turned upright (1600×1200
    // rotated by its EXIF orientation becomes portrait).
    let gps_page = read(out.join("anh/index.html"));
    assert!(gps_page.contains("width=\"960\" height=\"1280\""), "orientation not applied: {gps_page}");
    for entry in std::fs::read_dir(out.join("_img")).expect("_img") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Exif") && !text.contains("PhoneMaker"), "metadata left in a variant");
    }
    // The original is never modified.
    assert_eq!(std::fs::read(site.join("content/anh/lon.jpg")).expect("read"), jpeg(3000, 2000));
}

#[test]
fn cmyk_jpeg_is_converted() {
    let (_tmp, site) = fixture("images");
    let run = loa(&["build", site.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(site.join("public/anh/index.html"));
    assert!(html.contains("alt=\"Áp phích in CMYK\"") && html.contains("width=\"640\""), "{html}");
}

#[test]
fn hostile_pictures_fail_with_the_file_name() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("bom.png", png_bomb(), "too large to process safely"),
        ("cut.jpg", jpeg(800, 600)[..5000].to_vec(), "incomplete"),
        ("sai.png", jpeg(50, 50), "the file name says `.png` but the picture inside is JPG"),
        ("rac.jpg", b"this is not a picture".to_vec(), "not a picture loa can read"),
    ];
    for (name, bytes, expected) in cases {
        let (_tmp, site) = fixture("images");
        add_page(&site, "xau", name, &bytes);
        let run = loa(&["build", site.to_str().expect("utf-8")]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("content/xau.md:7: content/anh/{name}: ")), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{name}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{name} panicked");
    }
}

/// A broken picture shown by many pages is reported once, at its first use in page order,
/// however the pages were shared out between threads.
#[test]
fn a_picture_shown_by_many_pages_is_reported_at_its_first_use() {
    let (_tmp, site) = fixture("images");
    std::fs::write(site.join("content/anh/rac.jpg"), b"this is not a picture").expect("write image");
    std::fs::write(
        site.join("content/a-truoc.md"),
        "---\ntitle: \"Trước\"\n---\n\nDòng một.\n\nDòng hai.\n\n![Ảnh](anh/rac.jpg)\n",
    )
    .expect("write page");
    for k in 0..40 {
        add_page(&site, &format!("b-sau-{k:02}"), "rac.jpg", b"this is not a picture");
    }
    let run = loa(&["build", site.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("content/anh/rac.jpg: this file is not a picture").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/a-truoc.md:9: content/anh/rac.jpg: "), "{}", run.stderr);
}

#[test]
fn unchanged_pictures_come_from_the_cache() {
    let (_tmp, site) = fixture("images");
    add_page(&site, "lon", "lon.jpg", &jpeg(2400, 1600));
    assert_eq!(loa(&["build", site.to_str().expect("utf-8")]).code, 0);
    let cache = site.join(".loa-cache/images");
    let entries = std::fs::read_dir(&cache).expect("cache exists").count();
    assert!(entries > 0);
    // Poison a cached variant: if the second build really reads the cache, the poison shows up.
    let victim = std::fs::read_dir(&cache)
        .expect("cache")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "jpg"))
        .expect("a cached jpg");
    // As loa stores an entry (issue 16): a new read-only file renamed over it. Writing into the
    // entry would need it writable (it is read-only), and a writable entry is never trusted.
    let tmp = victim.with_extension("poison");
    std::fs::write(&tmp, b"cached-marker").expect("poison");
    let mut perms = std::fs::metadata(&tmp).expect("poison").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&tmp, perms).expect("read-only");
    std::fs::rename(&tmp, &victim).expect("poison in place");
    assert_eq!(loa(&["build", site.to_str().expect("utf-8")]).code, 0);
    let name = victim.file_name().expect("name").to_string_lossy().into_owned();
    let (hash, rest) = name.split_once('-').expect("hash-width");
    let published = site.join("public/_img").join(format!("{}-{rest}", &hash[..16]));
    assert_eq!(std::fs::read(published).expect("published"), b"cached-marker");
}
