//! Issue 14: the campaign kit, built from the fixture campaign `tests/fixtures/kit` (three
//! languages, every output, copies, events, airing times, a draft translation, a Tai Viet page)
//! by the real binary, and read back with real tools: the PNG decoder, a CSV reading, Python's
//! `icalendar`, `pdfinfo`/`pdftotext`, `unzip` through Python's `zipfile`, headless Chromium over
//! `file://`.

mod common;

use common::tools::tool;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The fixture built once for every test in this file (the build typesets PDFs: seconds).
fn built() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, site) = SITE.get_or_init(|| {
        let (tmp, site) = common::fixture("kit");
        let run = common::loa_in(&site, &["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
        (tmp, site)
    });
    site
}

fn out() -> PathBuf {
    built().join("public")
}

/// Every file under `dir`, relative with `/`.
fn files(dir: &Path) -> BTreeSet<String> {
    common::tree(dir).into_iter().map(|(rel, _)| rel.replace('\\', "/")).collect()
}

/// What a build makes for the campaign beyond web pages: what the materials pages must list.
fn is_material(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.ends_with(".pdf")
        || name.ends_with(".zip")
        || name.ends_with(".ics")
        || name.ends_with(".csv")
        || matches!(name, "broadcast.txt" | "bulletin.txt" | "sms.txt" | "social.txt" | "social.png")
}

/// The values of `attr="…"` in `html`.
fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

/// `base` joined with a relative URL path, `..` resolved (what a browser does for `file://`).
fn resolve(base_dir: &str, href: &str) -> Option<String> {
    let path = href.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<String> = if path.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|p| !p.is_empty()).map(str::to_string).collect()
    };
    for c in Path::new(path).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => {}
        }
    }
    Some(parts.join("/"))
}

fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Issue 14: the materials page of the default language lists every material the build made,
/// in every language, and another language's page lists exactly that language's; every link
/// on them opens a file that exists.
#[test]
fn materials_pages_list_every_artifact_the_build_made() {
    let out = out();
    let made = files(&out);
    let materials: BTreeSet<&String> = made.iter().filter(|r| is_material(r)).collect();
    assert!(materials.len() > 20, "the fixture makes every kind of material: {materials:?}");
    for (page, lang_dir) in
        [("tai-lieu/index.html", ""), ("hmn/tai-lieu/index.html", "hmn/"), ("blt/tai-lieu/index.html", "blt/")]
    {
        let html = common::read(out.join(page));
        let linked: BTreeSet<String> = attr_values(&html, "href")
            .iter()
            .filter(|h| {
                !h.starts_with("http") && !h.starts_with('#') && !h.starts_with("tel:") && !h.starts_with("data:")
            })
            .filter_map(|h| resolve(dir_of(page), h))
            .collect();
        for l in &linked {
            let index = if l.is_empty() { "index.html".to_string() } else { format!("{l}/index.html") };
            assert!(made.contains(l) || made.contains(&index), "{page} links to `{l}`, which the build did not make");
        }
        let listed: BTreeSet<&String> = linked.iter().filter(|l| is_material(l)).collect();
        let expected: BTreeSet<&String> = if lang_dir.is_empty() {
            // The officer's page: every language's materials.
            materials.clone()
        } else {
            materials.iter().copied().filter(|m| m.starts_with(lang_dir)).collect()
        };
        assert_eq!(listed, expected, "{page}: what it lists against what the build made");
    }
}

/// Issue 14: each item says what the issue promises: kind, paper in words, pages, size,
/// language, review status (drafts marked, issue 11), reading and airing times, SMS parts.
#[test]
fn materials_page_describes_each_item() {
    let html = common::read(out().join("tai-lieu/index.html"));
    let item = |href: &str| -> String {
        let at = html.find(&format!("href=\"{href}\"")).unwrap_or_else(|| panic!("no item {href}:\n{html}"));
        let end = html[at..].find("</li>").map(|e| at + e).unwrap_or(html.len());
        html[at..end].to_string()
    };
    let poster = item("../goi-111/poster.pdf");
    assert!(poster.contains("A3") && poster.contains("1 trang") && poster.contains("KB"), "{poster}");
    let leaflet = item("../goi-111/leaflet.pdf");
    assert!(leaflet.contains("2 trang"), "{leaflet}");
    let script = item("../goi-111/broadcast.txt");
    assert!(script.contains("đọc khoảng") && script.contains("05:30") && script.contains("17:00"), "{script}");
    let sms = item("../goi-111/sms.txt");
    assert!(sms.contains("tin nhắn"), "{sms}");
    let hmn_poster = item("../hmn/goi-111/poster.pdf");
    assert!(hmn_poster.contains("lang=\"hmn\""), "the Hmong title carries its language: {hmn_poster}");
    assert!(
        hmn_poster.to_lowercase().contains("nháp"),
        "a draft translation's poster is marked as a draft: {hmn_poster}"
    );
    assert!(!poster.to_lowercase().contains("nháp"), "a reviewed page is not: {poster}");
    let blt = item("../blt/goi-111/social.png");
    assert!(blt.contains("lang=\"blt\"") && blt.to_lowercase().contains("nháp"), "{blt}");
    // Light like every other page: no script, within the weight budget.
    assert!(!html.contains("<script"), "no JavaScript");
    let gz = gzip_size(html.as_bytes());
    assert!(gz <= 14 * 1024, "the materials page is {gz} bytes gzipped, over 14 KB");
}

fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child = Command::new("gzip").arg("-9c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip");
    child.stdin.take().expect("stdin").write_all(bytes).expect("write");
    child.wait_with_output().expect("gzip output").stdout.len()
}

/// Issue 14: every page's footer and the home link to the materials page of its language.
#[test]
fn every_page_links_to_its_materials_page() {
    let out = out();
    for rel in files(&out).iter().filter(|r| r.ends_with(".html") && !r.contains("tai-lieu/")) {
        let html = common::read(out.join(rel));
        if html.contains("http-equiv=\"refresh\"") {
            continue; // an alias that sends to the page
        }
        let lang = ["hmn/", "blt/"].into_iter().find(|p| rel.starts_with(p)).unwrap_or("");
        let target = format!("{lang}tai-lieu/index.html");
        // The 404 page is served at any address, so its links are absolute.
        let found = attr_values(&html, "href").iter().any(|h| {
            let h = h.strip_prefix("https://xa-pac-nam.gov.vn").unwrap_or(h);
            let base = if h.starts_with('/') { "" } else { dir_of(rel) };
            resolve(base, h).is_some_and(|r| r == target || r == format!("{lang}tai-lieu"))
        });
        assert!(found, "{rel} has no link to {target}");
    }
}

/// Issue 14: the social picture is a 1080×1080 PNG with something drawn on it, for each
/// language that asks for it, the Tai Viet one included.
#[test]
fn social_picture_is_1080_square_and_not_blank() {
    let out = out();
    for rel in ["goi-111/social.png", "hmn/goi-111/social.png", "blt/goi-111/social.png"] {
        let img = image::open(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")).to_rgb8();
        assert_eq!((img.width(), img.height()), (1080, 1080), "{rel}");
        let mut colours = BTreeMap::new();
        for p in img.pixels() {
            *colours.entry(p.0).or_insert(0usize) += 1;
        }
        let (_, most) = colours.iter().max_by_key(|(_, n)| **n).expect("pixels");
        let share = *most as f64 / (1080.0 * 1080.0);
        assert!(share < 0.9, "{rel}: one colour covers {:.0}% of the picture", share * 100.0);
        assert!(colours.len() > 50, "{rel}: only {} colours, no typeset text", colours.len());
    }
    let text = common::read(out.join("goi-111/social.txt"));
    assert!(text.contains("111") && text.contains("https://xa-pac-nam.gov.vn/goi-111/"), "{text}");
    assert!(text.contains("#ĐườngDâyNóng"), "hashtags from the tags, diacritics kept: {text}");
}

/// Reads a CSV the way a spreadsheet does (quoted fields may hold commas).
fn csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines().filter(|l| !l.is_empty()) {
        let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => row.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        assert!(!quoted, "an unclosed quote in {line}");
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Issue 14: the print order lists each print-shop PDF once with its copies, the total row is
/// their sum, a draft translation's piece is ordered 0 times, and the shop's PDF is one page
/// with the same total.
#[test]
fn print_order_csv_parses_and_sums() {
    let out = out();
    let rows = csv(&common::read(out.join("tai-lieu/print-order.csv")));
    let head = &rows[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {head:?}"));
    let (file, copies, finishing) = (col("Tệp"), col("Số lượng"), col("Gia công"));
    assert!(rows.iter().all(|r| r.len() == head.len()), "every row has every column: {rows:?}");
    let (items, total) = rows[1..].split_at(rows.len() - 2);
    let shop_pdfs: BTreeSet<String> = files(&out)
        .into_iter()
        .filter(|f| ["poster.pdf", "leaflet.pdf", "banner.pdf"].iter().any(|n| f.ends_with(n)))
        .collect();
    let ordered: BTreeSet<String> = items.iter().map(|r| r[file].clone()).collect();
    assert_eq!(ordered, shop_pdfs, "one row per print-shop PDF");
    let sum: u64 = items.iter().map(|r| r[copies].parse::<u64>().expect("copies are a number")).sum();
    assert_eq!(total[0][copies].parse::<u64>().expect("total"), sum);
    // The fixture's numbers: front matter wins over loa.yaml; the draft is not ordered.
    let by_file: BTreeMap<&str, &str> = items.iter().map(|r| (r[file].as_str(), r[copies].as_str())).collect();
    assert_eq!(by_file["goi-111/poster.pdf"], "200");
    assert_eq!(by_file["goi-111/banner.pdf"], "4");
    assert_eq!(by_file["hmn/goi-111/poster.pdf"], "0", "a draft is not sent to print (issue 11)");
    assert_eq!(sum, 200 + 1000 + 4 + 2);
    let banner = items.iter().find(|r| r[file] == "goi-111/banner.pdf").expect("banner row");
    assert!(banner[finishing].contains("khoen"), "a banner gets grommets: {banner:?}");
    let leaflet = items.iter().find(|r| r[file] == "goi-111/leaflet.pdf").expect("leaflet row");
    assert!(leaflet[finishing].contains("gấp"), "a leaflet is folded: {leaflet:?}");

    let pdf = out.join("tai-lieu/print-order.pdf");
    let info = Command::new(tool("pdfinfo", "/usr/bin/pdfinfo")).arg(&pdf).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")), "{info}");
    let text = Command::new(tool("pdftotext", "/usr/bin/pdftotext")).arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("1206") || text.contains("1.206"), "the PDF has the total:\n{text}");
    for row in ["Số pano", "Số áp phích", "Số tờ rơi", "Số băng rôn", "Số buổi truyền thông"] {
        assert!(text.contains(row), "the yearly report's row {row}:\n{text}");
    }
}

/// Issue 14: `calendar.ics` of each language parses with a real iCalendar parser (Python's
/// `icalendar`) and has the fixed days, the peak period, the events and the airing times.
#[test]
fn calendar_parses_with_a_real_icalendar_parser() {
    let out = out();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/ics_facts.py");
    let cals: Vec<PathBuf> =
        ["calendar.ics", "hmn/calendar.ics", "blt/calendar.ics"].iter().map(|c| out.join(c)).collect();
    // Debian's python3, where scripts/install-test-tools.sh installs `icalendar`.
    let run =
        Command::new(tool("/usr/bin/python3", "/usr/bin/python3")).arg(&script).args(&cals).output().expect("python3");
    assert!(
        run.status.success(),
        "icalendar could not read the calendars (run scripts/install-test-tools.sh):\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let facts = String::from_utf8_lossy(&run.stdout).into_owned();
    let json: serde_json::Value = serde_json::from_str(&facts).expect("json");
    for cal in &cals {
        let f = &json[cal.to_string_lossy().as_ref()];
        assert_eq!(f["errors"], serde_json::json!([]), "{}", cal.display());
        assert_eq!(f["version"], "2.0");
        assert!(f["longest_line"].as_u64().expect("n") <= 75, "lines folded at 75 octets");
        assert_eq!(f["bare_lf"], 0, "every line ends in CRLF");
        let events = f["events"].as_array().expect("events");
        let uids: BTreeSet<&str> = events.iter().filter_map(|e| e["UID"].as_str()).collect();
        assert_eq!(uids.len(), events.len(), "every UID is unique");
        assert!(events.iter().all(|e| e["DTSTAMP"].is_object()), "every event has DTSTAMP");
    }
    let vi = json[cals[0].to_string_lossy().as_ref()]["events"].as_array().expect("events").clone();
    let summary = |e: &serde_json::Value| e["SUMMARY"].as_str().unwrap_or("").to_string();
    let day = vi
        .iter()
        .find(|e| e["RRULE"].as_str().is_some_and(|r| r.contains("YEARLY")) && e["DTSTART"]["iso"] == "2026-07-30");
    assert!(day.is_some_and(|d| d["DTSTART"]["date_only"] == true), "30/7 every year, all day: {vi:?}");
    let fair = vi.iter().find(|e| summary(e).starts_with("Ngày hội")).expect("the event");
    assert_eq!(fair["DTSTART"]["iso"], "2026-07-30T08:00:00+07:00");
    assert_eq!(fair["DTEND"]["iso"], "2026-07-30T11:00:00+07:00");
    assert_eq!(fair["LOCATION"], "Nhà văn hoá thôn Pắc Nậm, xã Pắc Nậm");
    let training = vi.iter().find(|e| summary(e).starts_with("Tập huấn")).expect("the training");
    // A three-day event given by dates: DTEND is the day after the last (RFC 5545 3.6.1).
    assert_eq!(
        (training["DTSTART"]["iso"].as_str(), training["DTEND"]["iso"].as_str()),
        (Some("2026-08-10"), Some("2026-08-13"))
    );
    let airings: Vec<&serde_json::Value> =
        vi.iter().filter(|e| e["RRULE"].as_str().is_some_and(|r| r.contains("DAILY"))).collect();
    let starts: BTreeSet<&str> = airings.iter().filter_map(|e| e["DTSTART"]["iso"].as_str()).collect();
    assert!(
        starts.contains("2026-07-01T05:30:00+07:00") && starts.contains("2026-07-01T17:00:00+07:00"),
        "each airing time is a daily event from its first day: {airings:?}"
    );
    let hmn = json[cals[1].to_string_lossy().as_ref()]["events"].as_array().expect("events").clone();
    let airing = hmn
        .iter()
        .find(|e| e["RRULE"].as_str().is_some_and(|r| r.contains("DAILY")))
        .unwrap_or_else(|| panic!("the Hmong airing is in the Hmong calendar: {hmn:?}"));
    // In the calendar's own language (no LANGUAGE parameter), and a draft stays a draft (issue 11).
    assert_eq!(airing["SUMMARY_LANGUAGE"], serde_json::Value::Null, "{airing:?}");
    assert!(summary(airing).contains("daim qauv") && airing["STATUS"] == "TENTATIVE", "{airing:?}");
    let fixed = hmn.iter().find(|e| e["RRULE"] == "FREQ=YEARLY").expect("30/7 in the Hmong calendar");
    assert_eq!(fixed["SUMMARY_LANGUAGE"], "vi", "a name with no Hmong translation says it is Vietnamese: {fixed:?}");
}

/// Issue 14: the home page lists upcoming events.
#[test]
fn home_lists_upcoming_events() {
    let html = common::read(out().join("index.html"));
    assert!(html.contains("Ngày hội phòng, chống mua bán người ở thôn Pắc Nậm"), "{html}");
    assert!(html.contains("calendar.ics"), "the home links the calendar");
}

/// Unpacks `zip` into `dir` with Python's `zipfile` (a reader loa's writer did not write).
fn unzip(zip: &Path, dir: &Path) {
    let run = Command::new(tool("/usr/bin/python3", "/usr/bin/python3"))
        .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])"])
        .arg(zip)
        .arg(dir)
        .output()
        .expect("python3");
    assert!(run.status.success(), "{} is not a valid zip: {}", zip.display(), String::from_utf8_lossy(&run.stderr));
}

/// Where a `<meta http-equiv="refresh">` page sends the browser.
fn refresh_target(html: &str) -> Option<String> {
    let rest = html.split("http-equiv=\"refresh\" content=\"0; url=").nth(1)?;
    rest.split('"').next().map(str::to_string)
}

/// The DOM Chromium builds for `file` opened from disk.
fn chromium_dom(file: &Path, profile: &Path) -> String {
    common::tools::chromium_dom(&format!("file://{}", file.display()), profile)
}

/// Issue 14: each kit unpacks, opens from disk in headless Chromium, and every link and picture
/// of every page inside resolves to a file in the kit (relative, ending in `index.html`: a
/// folder opened over `file://` shows a listing, not the page). It holds its language's PDFs,
/// scripts and SMS texts, and a read-me in its language.
#[test]
fn kit_zip_links_resolve_from_file_url() {
    let out = out();
    let tmp = tempfile::tempdir().expect("tmp");
    let made = files(&out);
    for (lang, zip, must_hold) in [
        (
            "vi",
            "tai-lieu/kit-vi.zip",
            vec!["goi-111/poster.pdf", "goi-111/broadcast.txt", "goi-111/sms.txt", "tai-lieu/print-order.csv"],
        ),
        (
            "hmn",
            "hmn/tai-lieu/kit-hmn.zip",
            vec!["hmn/goi-111/poster.pdf", "hmn/goi-111/broadcast.txt", "hmn/goi-111/sms.txt"],
        ),
    ] {
        let dir = tmp.path().join(lang);
        unzip(&out.join(zip), &dir);
        let inside = files(&dir);
        for f in must_hold {
            assert!(inside.contains(f), "kit-{lang} holds {f}: {inside:?}");
        }
        let readme = inside.iter().find(|f| !f.contains('/') && f.ends_with(".txt")).expect("a read-me at the top");
        let readme_text = common::read(dir.join(readme));
        assert!(
            readme_text.contains("111") && readme_text.contains("index.html"),
            "kit-{lang}'s read-me: {readme_text}"
        );
        if lang == "hmn" {
            assert!(readme.starts_with("NYEEM"), "the read-me is named in Hmong: {readme}");
            assert!(
                readme_text.contains("BẢN NHÁP"),
                "a minority-language read-me is marked as a draft to review: {readme_text}"
            );
        }
        let pages: Vec<&String> = inside.iter().filter(|f| f.ends_with(".html")).collect();
        assert!(pages.len() >= 3, "kit-{lang} has its pages: {pages:?}");
        let profile = tmp.path().join(format!("chromium-{lang}"));
        let mut internal = 0;
        for page in pages {
            let dom = chromium_dom(&dir.join(page), &profile);
            assert!(dom.contains("<html") && dom.contains("</body>"), "Chromium opened {page} from disk: {dom}");
            // A start page (`index.html` of another language's kit) sends the browser on to the
            // language's home, sometimes before the DOM is dumped: its links are read from the
            // file (the home is opened on its own in this loop).
            let on_disk = common::read(dir.join(page));
            let dom = if on_disk.contains("http-equiv=\"refresh\"") { on_disk } else { dom };
            for link in
                attr_values(&dom, "href").into_iter().chain(attr_values(&dom, "src")).chain(refresh_target(&dom))
            {
                if link.starts_with("https://")
                    || link.starts_with('#')
                    || link.starts_with("tel:")
                    || link.starts_with("data:")
                {
                    continue;
                }
                assert!(
                    !link.starts_with('/') && !link.starts_with("http:"),
                    "{page}: `{link}` does not work from file://"
                );
                let target = resolve(dir_of(page), &link).unwrap_or_else(|| panic!("{page}: `{link}` leaves the kit"));
                assert!(inside.contains(&target), "{page}: `{link}` → {target} is not in kit-{lang}");
                internal += 1;
            }
        }
        assert!(internal > 20, "kit-{lang}: links checked: {internal}");
        // What the kit holds was made by the build (nothing invented), but for its start page and read-me.
        for f in &inside {
            assert!(made.contains(f) || !f.contains('/'), "kit-{lang} holds {f}, which the build did not make");
        }
    }
}
