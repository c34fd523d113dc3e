//! The picture step on 100 phone-sized photos (3000×2000 JPEG), cold (empty cache) and warm
//! (every picture already in `.loa-cache`). Run: `cargo bench --bench images`.

use image::{ImageEncoder, Rgb, RgbImage};
use std::time::Instant;

fn photo(seed: u32) -> Vec<u8> {
    // Smooth gradients plus fine texture: compresses like a real photo, not like a flat colour.
    let img = RgbImage::from_fn(3000, 2000, |x, y| {
        let n = (x.wrapping_mul(73).wrapping_add(y.wrapping_mul(151)).wrapping_add(seed * 977)) % 37;
        Rgb([((x / 12) % 256) as u8, ((y / 8 + seed) % 256) as u8, (n * 6) as u8])
    });
    let mut buf = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, 90)
        .write_image(img.as_raw(), 3000, 2000, image::ExtendedColorType::Rgb8)
        .expect("encode");
    buf
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("content/anh")).expect("mkdir");
    std::fs::write(
        site.join("loa.yaml"),
        "title: Bench\nbase_url: https://x.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}]\nhotline: {number: \"111\"}\n",
    )
    .expect("config");
    let mut total = 0;
    for i in 0..100 {
        let bytes = photo(i);
        total += bytes.len();
        std::fs::write(site.join(format!("content/anh/{i}.jpg")), bytes).expect("photo");
        std::fs::write(
            site.join(format!("content/p{i}.md")),
            format!("---\ntitle: P{i}\n---\n\n![Ảnh {i}](anh/{i}.jpg)\n"),
        )
        .expect("page");
    }
    let opts = loa::BuildOptions { site: site.clone(), ..Default::default() };
    for label in ["cold", "warm"] {
        let t = Instant::now();
        loa::build(&opts, &loa::Silent).expect("build");
        println!(
            "images {label}: 100 photos ({} MB of originals) in {:.2} s",
            total / 1_000_000,
            t.elapsed().as_secs_f64()
        );
    }
    let out: u64 = std::fs::read_dir(site.join("public/_img"))
        .expect("_img")
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("published variants: {} KB in total", out / 1024);
}
