//! The programs some tests need beside loa (scripts/install-test-tools.sh installs them): a
//! missing one fails the test loudly, never skips it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `name` on the PATH, or where its Debian package puts it (`debian_path`).
pub fn tool(name: &str, debian_path: &str) -> PathBuf {
    if Path::new(name).is_absolute() {
        assert!(Path::new(name).is_file(), "`{name}` is not installed: run scripts/install-test-tools.sh");
        return name.into();
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).map(|d| d.join(name)).find(|p| p.is_file()))
        .unwrap_or_default();
    on_path.or_else(|| Path::new(debian_path).is_file().then(|| debian_path.into())).unwrap_or_else(|| {
        panic!("`{name}` is not installed: run scripts/install-test-tools.sh (it installs every tool the tests use)")
    })
}

/// The DOM headless Chromium builds for `url` (`file://…` or `http://…`), with a fresh profile
/// under `profile` for each call: a Chromium started on the profile of one still exiting hands
/// the page to that one and prints nothing (seen under load as an empty DOM). One empty dump is
/// tried again; a page that never shows still fails the test that reads it.
pub fn chromium_dom(url: &str, profile: &Path) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let dump = || {
        let own = profile.join(format!("run-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
        let shown = Command::new(tool("chromium", "/usr/bin/chromium"))
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--dump-dom"])
            .arg(format!("--user-data-dir={}", own.display()))
            .arg(url)
            .stderr(Stdio::null())
            .output()
            .expect("run chromium");
        String::from_utf8_lossy(&shown.stdout).into_owned()
    };
    let dom = dump();
    if dom.trim().is_empty() { dump() } else { dom }
}
