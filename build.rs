//! Embeds `themes/default/` into the binary so a site needs only `loa.yaml` and `content/`.
//! Generates a list of (relative path, bytes) with `include_bytes!`, so the files are tracked
//! by cargo and a theme edit rebuilds the binary.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(root, root, &mut files);
    files.sort();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_theme.rs");
    let mut f = fs::File::create(&out).expect("OUT_DIR is writable");
    writeln!(f, "pub static FILES: &[(&str, &[u8])] = &[").expect("write");
    // Paths are resolved against CARGO_MANIFEST_DIR when the crate compiles, not written out
    // absolute: git worktrees that share one target folder share this build script's OUT_DIR
    // (cargo's metadata hash ignores where the package lives), and an absolute path would embed
    // whichever worktree ran the script last.
    for (rel, _abs) in files {
        let from_root = format!("/themes/default/{rel}");
        writeln!(f, "    ({rel:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {from_root:?}))),")
            .expect("write");
    }
    writeln!(f, "];").expect("write");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let abs = fs::canonicalize(&path).expect("theme file exists");
            out.push((rel.to_string_lossy().replace('\\', "/"), abs.to_string_lossy().into_owned()));
        }
    }
}
