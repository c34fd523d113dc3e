//! Print speed (issue 3): a warm poster render in process, and a whole `loa build` of the print
//! fixture (all PDFs plus the web pages). Run: `cargo bench --bench print`.
//! Reports median and spread; no assertions (speed is measured here, never in tests).

use loa::content::OutputKind;
use loa::render::Scope;
use loa::render::print::{Engine, Variant, page_data};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print");
    let loaded = match loa::load(&loa::BuildOptions { site: site.clone(), ..Default::default() }) {
        Ok(l) => l,
        Err(d) => return eprintln!("cannot load the fixture: {:?}", d.into_vec()),
    };
    let started = Instant::now();
    let engine = match Engine::new(&loaded.theme, "default") {
        Ok(e) => e,
        Err(d) => return eprintln!("{d}"),
    };
    println!("engine (fonts + templates parsed): {:?}", started.elapsed());
    let scope = Scope::All;
    let images = loa::render::images::ImageMap::default();
    let warnings = loa::render::Warnings::default();
    let cx = loaded.context(&scope, &images, &warnings);
    let Some(page) = loaded.site.pages.iter().find(|p| p.info.shown == Path::new("content/dau-hieu.md")) else {
        return eprintln!("fixture page missing");
    };
    for kind in [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner] {
        let Ok((mut data, template)) = page_data(&cx, page, kind, Variant::Shop) else { return eprintln!("no data") };
        let first = Instant::now();
        let size = engine.render(page, &data, &template).map(|b| b.len()).unwrap_or(0);
        let first = first.elapsed();
        // Warm renders with a different title each time, so typst's caches cannot return the
        // whole document.
        let times: Vec<Duration> = (0..40)
            .map(|i| {
                data.title = format!("{} {i}", page.title());
                let t = Instant::now();
                let _ = engine.render(page, &data, &template);
                t.elapsed()
            })
            .collect();
        report(&format!("{} warm render ({size} bytes, first {first:?})", kind.name()), times);
    }
    let out = tempfile_dir();
    let times: Vec<Duration> = (0..10)
        .map(|_| {
            let t = Instant::now();
            let opts = loa::BuildOptions { site: site.clone(), out: Some(out.clone()), ..Default::default() };
            if let Err(d) = loa::build(&opts, &loa::Silent) {
                eprintln!("{:?}", d.into_vec());
            }
            t.elapsed()
        })
        .collect();
    report("whole fixture build (13 PDFs + web)", times);
    let _ = std::fs::remove_dir_all(&out);
}

fn tempfile_dir() -> PathBuf {
    std::env::temp_dir().join(format!("loa-bench-print-{}", std::process::id()))
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let n = times.len();
    println!("{what}: median {:?}, min {:?}, max {:?} (n = {n})", times[n / 2], times[0], times[n - 1]);
}
