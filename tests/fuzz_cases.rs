//! Issue 10: every input the fuzzers (`bench/fuzz.sh`) found that crashed or hung loa, kept as a
//! file under `tests/fixtures/fuzz/TARGET/` and run through the real binary: `loa check` ends
//! with a finding (exit 0 or 1), never a crash (101, 134) or a hang.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

/// Far beyond any real check of one small file: only a hang reaches it.
const HANG: Duration = Duration::from_secs(60);

fn check_ends(site: &Path) -> i32 {
    let mut child = common::loa_command()
        .args(["check", site.to_str().expect("utf-8"), "--quiet"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run loa");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code().unwrap_or(-1);
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("loa check did not end on {}", site.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn settings_files_the_fuzzer_found_end_with_a_finding() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/config");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz cases") {
        let case = entry.expect("entry").path();
        let tmp = tempfile::tempdir().expect("temp");
        std::fs::create_dir_all(tmp.path().join("content")).expect("mkdir");
        std::fs::copy(&case, tmp.path().join("loa.yaml")).expect("copy");
        let code = check_ends(tmp.path());
        assert!(code == 0 || code == 1, "{}: exit {code}", case.display());
        seen += 1;
    }
    assert!(seen > 0, "no fuzz cases in {}", dir.display());
}
