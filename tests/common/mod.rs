//! Shared helpers for integration tests: copy a fixture site to a temp folder, run the real
//! `loa` binary on it, read what it wrote.
#![allow(dead_code, reason = "each test file uses a different subset of these helpers")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod tools;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A temp copy of `tests/fixtures/NAME`; tests never write into the fixtures themselves.
pub fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let dst = tmp.path().join(name);
    copy_dir(&src, &dst);
    (tmp, dst)
}

pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("create dir");
    for entry in std::fs::read_dir(src).expect("read fixture") {
        let entry = entry.expect("entry");
        let to = dst.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
}

/// The binary, speaking English: most tests assert English text; the Vietnamese default is
/// tested where it matters (`tests/messages.rs`).
pub fn loa_command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_loa"));
    c.env("NO_COLOR", "1").env("LC_ALL", "en_US.UTF-8");
    c
}

pub fn loa(args: &[&str]) -> Run {
    loa_command().args(args).output().expect("run loa").into()
}

pub fn loa_in(dir: &Path, args: &[&str]) -> Run {
    loa_command().args(args).current_dir(dir).output().expect("run loa").into()
}

pub fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir`, relative, sorted: a listing to compare before and after.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
            out.push((rel, std::fs::read(&p).expect("read")));
        }
    }
}

pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    tree(dir).into_iter().filter(|(p, _)| p.ends_with(".html")).map(|(p, _)| dir.join(p)).collect()
}
