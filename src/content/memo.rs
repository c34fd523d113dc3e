//! What loading learnt of each content file's bytes, kept in `.loa-cache/files.memo` for the
//! next load (issue 16: nothing made twice).
//!
//! The text checks (personal data, old encodings), the NFC check and the word count were a
//! fifth of the CPU of a 3 × 5,000-page build, done again on every build though nearly every
//! file was unchanged. Each is a function of the file's bytes alone (and of its name, which
//! the findings quote), so what they gave for the same bytes is taken as it is.
//!
//! An entry is keyed by the keyed sum ([`crate::fs::record`]) of the file's name and its
//! bytes: any change to a file, whatever its time says, is a new entry, and content cannot be
//! written to pass for other content. The memo as a whole holds for one loa program and one
//! `context` (the site's allowed numbers, [`Memo::open`]); under any other it starts empty.
//! Errors are kept like warnings: a file with a victim's number is refused on every build,
//! memo or not. The memo lives in the site's cache, never in OUT: its findings may quote what
//! the privacy check found.

use crate::diag::Diagnostic;
use crate::diag::saved::SavedDiagnostic;
use crate::fs::record::{Key, Reader, Sum, program_identity, put_bytes, put_u32};
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// First bytes of a memo; a new layout gets a new number.
const MAGIC: &[u8] = b"loa file memo 1\n";
/// A memo bigger than this is not loa's (15,000 files take about 300 KB).
const MAX_MEMO: u64 = 64 << 20;
/// The smallest entry: a sum and its flags.
const MIN_ENTRY: usize = 17;

/// What one file's bytes gave when they were last loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Facts {
    /// `nfc::is_surely_nfc` said yes: the text is composed as it is.
    pub surely_nfc: bool,
    /// The body's word count, when the file loaded as a page.
    pub words: Option<usize>,
    /// The body parsed without a warning (so its parse may wait until it is read).
    pub quiet: bool,
    /// The text checks' findings, with the sum of the numbers the file's front matter allowed
    /// when they were made; `None` when the checks did not run (a draft left out).
    pub findings: Option<(Sum, Vec<Diagnostic>)>,
}

/// The memo of one load: what the last one learnt, and what this one learns.
pub struct Memo {
    key: Key,
    context: Sum,
    known: FxHashMap<Sum, Facts>,
    /// Every file this load saw, with its facts: the next memo (files gone drop out).
    seen: Mutex<Vec<(Sum, Facts)>>,
    /// Some file's facts are not the known ones.
    learnt: AtomicBool,
}

impl Memo {
    /// The memo at `path`, when it was made by this very loa program under the same `context`;
    /// else an empty one. `None` when the program cannot tell what it is (then nothing is kept:
    /// another loa could not be told apart).
    pub fn open(path: &Path, context: &[&[u8]]) -> Option<Memo> {
        let context = context_sum(context)?;
        let parsed = match crate::fs::bounded::read_bounded(path, MAX_MEMO) {
            Ok(crate::fs::bounded::Bounded::Bytes(bytes)) => parse(&bytes).filter(|p| p.1 == context),
            _ => None,
        };
        let (key, context, known) = parsed.unwrap_or_else(|| (Key::random(), context, FxHashMap::default()));
        Some(Memo { key, context, known, seen: Mutex::new(Vec::new()), learnt: AtomicBool::new(false) })
    }

    /// The key of a file's entry: its name as shown and its bytes.
    pub(crate) fn sum(&self, shown: &Path, bytes: &[u8]) -> Sum {
        self.key.sum(&[shown.to_string_lossy().as_bytes(), bytes])
    }

    /// The sum of the numbers a file's front matter allows, which its findings depend on.
    pub(crate) fn allowed_sum(&self, allowed: &[String]) -> Sum {
        let parts: Vec<&[u8]> = allowed.iter().map(String::as_bytes).collect();
        self.key.sum(&parts)
    }

    pub(crate) fn get(&self, sum: &Sum) -> Option<&Facts> {
        self.known.get(sum)
    }

    /// What this load found for a file, for the next memo.
    pub(crate) fn note(&self, sum: Sum, facts: Facts) {
        if self.known.get(&sum) != Some(&facts) {
            self.learnt.store(true, Ordering::Relaxed);
        }
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).push((sum, facts));
    }

    /// Keeps what this load saw at `path` for the next one, when it differs from what was
    /// there. Best effort: a memo that cannot be written only means the next load checks again.
    pub fn save(self, path: &Path) {
        let seen = self.seen.into_inner().unwrap_or_else(|p| p.into_inner());
        if !self.learnt.load(Ordering::Relaxed) && seen.len() == self.known.len() {
            return;
        }
        let bytes = to_bytes(&self.key, &self.context, seen);
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = crate::fs::write_atomic(path, &bytes);
    }
}

/// Where a site keeps its memo.
pub fn memo_path(cache_dir: &Path) -> PathBuf {
    cache_dir.join("files.memo")
}

/// The sum of what the memo holds for: this loa program ([`program_identity`]) and the
/// caller's `parts`. Unkeyed: it only has to differ when they do.
fn context_sum(parts: &[&[u8]]) -> Option<Sum> {
    let program = program_identity()?;
    let mut all: Vec<&[u8]> = vec![&program];
    all.extend_from_slice(parts);
    Some(Key::fixed().sum(&all))
}

const NFC: u8 = 1;
const WORDS: u8 = 2;
const FINDINGS: u8 = 4;
const QUIET: u8 = 8;

fn to_bytes(key: &Key, context: &Sum, mut seen: Vec<(Sum, Facts)>) -> Vec<u8> {
    // Sorted, so the same files give the same memo.
    seen.sort_by_key(|entry| entry.0);
    let mut out = Vec::with_capacity(64 + seen.len() * 24);
    out.extend_from_slice(MAGIC);
    key.put(&mut out);
    out.extend_from_slice(context);
    put_u32(&mut out, seen.len() as u32);
    for (sum, facts) in &seen {
        out.extend_from_slice(sum);
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        let flags = flag(facts.surely_nfc, NFC)
            | flag(facts.words.is_some(), WORDS)
            | flag(facts.findings.is_some(), FINDINGS)
            | flag(facts.quiet, QUIET);
        out.push(flags);
        if let Some(words) = facts.words {
            put_u32(&mut out, u32::try_from(words).unwrap_or(u32::MAX));
        }
        if let Some((allowed, findings)) = &facts.findings {
            out.extend_from_slice(allowed);
            let saved: Vec<SavedDiagnostic> = findings.iter().map(SavedDiagnostic::of).collect();
            put_bytes(&mut out, &serde_json::to_vec(&saved).unwrap_or_default());
        }
    }
    out
}

/// A memo read back: its key, its context and its entries; `None` for anything loa did not
/// write whole.
fn parse(bytes: &[u8]) -> Option<(Key, Sum, FxHashMap<Sum, Facts>)> {
    let mut r = Reader::new(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let key = Key::read(&mut r)?;
    let context = r.sum()?;
    let count = r.u32()? as usize;
    // No count may claim more entries than the file holds.
    let mut known = FxHashMap::with_capacity_and_hasher(count.min(r.left() / MIN_ENTRY), Default::default());
    for _ in 0..count {
        let sum = r.sum()?;
        let flags = r.u8()?;
        if flags & !(NFC | WORDS | FINDINGS | QUIET) != 0 {
            return None;
        }
        let words = match flags & WORDS {
            0 => None,
            _ => Some(r.u32()? as usize),
        };
        let findings = match flags & FINDINGS {
            0 => None,
            _ => {
                let allowed = r.sum()?;
                let saved: Vec<SavedDiagnostic> = serde_json::from_slice(r.bytes()?).ok()?;
                Some((allowed, saved.into_iter().map(SavedDiagnostic::into_diagnostic).collect::<Option<Vec<_>>>()?))
            }
        };
        known.insert(sum, Facts { surely_nfc: flags & NFC != 0, words, quiet: flags & QUIET != 0, findings });
    }
    (r.left() == 0).then_some((key, context, known))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;

    fn sample(memo: &Memo) -> Vec<(Sum, Facts)> {
        let finding = Diagnostic::error("privacy", msg!("privacy-phone", number = "0912 345 678"))
            .in_file("content/a.md")
            .at(4, 9)
            .with_hint(msg!("privacy-phone-hint"));
        vec![
            (
                memo.sum(Path::new("content/a.md"), b"a"),
                Facts {
                    surely_nfc: true,
                    words: Some(12),
                    quiet: true,
                    findings: Some((memo.allowed_sum(&[]), vec![finding])),
                },
            ),
            (
                memo.sum(Path::new("content/b.md"), b"b"),
                Facts { surely_nfc: false, words: None, quiet: false, findings: None },
            ),
        ]
    }

    #[test]
    fn a_memo_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("files.memo");
        let memo = Memo::open(&path, &[b"111"]).unwrap();
        let facts = sample(&memo);
        for (sum, f) in facts.clone() {
            memo.note(sum, f);
        }
        let key = memo.key;
        memo.save(&path);
        let again = Memo::open(&path, &[b"111"]).unwrap();
        assert_eq!(again.key, key, "the key is kept with the sums it made");
        for (sum, f) in &facts {
            assert_eq!(again.get(sum), Some(f));
        }
        assert_eq!(again.known.len(), 2);
        // Under another context (here: other allowed numbers) nothing is known.
        let other = Memo::open(&path, &[b"113"]).unwrap();
        assert!(other.known.is_empty());
        assert_ne!(other.key, key);
    }

    /// A memo is only written when it would say something new; a file gone drops out.
    #[test]
    fn the_memo_is_rewritten_only_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("files.memo");
        let memo = Memo::open(&path, &[]).unwrap();
        let facts = sample(&memo);
        facts.iter().cloned().for_each(|(s, f)| memo.note(s, f));
        memo.save(&path);
        let written = std::fs::read(&path).unwrap();
        // The same files again: nothing to write (a changed file would show in its time).
        std::fs::write(&path, &written).unwrap();
        let memo = Memo::open(&path, &[]).unwrap();
        facts.iter().cloned().for_each(|(s, f)| memo.note(s, f));
        std::fs::remove_file(&path).unwrap();
        memo.save(&path);
        assert!(!path.exists(), "nothing new, nothing written");
        std::fs::write(&path, &written).unwrap();
        // One file less: written, without it.
        let memo = Memo::open(&path, &[]).unwrap();
        memo.note(facts[0].0, facts[0].1.clone());
        memo.save(&path);
        let memo = Memo::open(&path, &[]).unwrap();
        assert_eq!((memo.known.len(), memo.get(&facts[1].0)), (1, None));
    }

    /// Whatever the file holds, reading it never panics and never believes half a memo.
    #[test]
    fn a_cut_or_garbled_memo_gives_nothing() {
        let memo = Memo::open(Path::new("/nonexistent/files.memo"), &[]).unwrap();
        let bytes = to_bytes(&memo.key, &memo.context, sample(&memo));
        assert!(parse(&bytes).is_some());
        for cut in 0..bytes.len() {
            assert!(parse(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(parse(&longer).is_none());
        // A count claiming four billion entries is refused without reserving room for them.
        let mut huge = bytes[..MAGIC.len() + 32].to_vec();
        huge.extend_from_slice(&(u32::MAX - 1).to_le_bytes());
        assert!(parse(&huge).is_none());
        // Flags loa never writes.
        let mut odd = bytes.clone();
        odd[MAGIC.len() + 32 + 4 + 16] |= 0x80;
        assert!(parse(&odd).is_none());
    }

    /// A file named to wait whose bytes the memo knows parsed quietly keeps its Markdown until
    /// the body is read, and gives the body a parse at once gives; a file that is new to the memo,
    /// or whose parse warned, is parsed at load (its warnings must be told on every build).
    #[test]
    fn a_known_quiet_body_waits_until_read_and_is_the_same() {
        use crate::content::{LoadOptions, load_file};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n# Gọi 111\n\nMiễn phí, cả ngày.\n").unwrap();
        std::fs::write(root.join("content/b.md"), "---\ntitle: B\n---\nMở <script> mà không đóng.\n").unwrap();
        let config = crate::config::Config::parse(
            "title: T\nbase_url: https://xa.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}]\nhotline: {number: \"111\"}\n",
            Path::new("loa.yaml"),
        )
        .unwrap();
        let path = root.join(".loa-cache/files.memo");
        let defer_all = |_: &Path| true;
        let load = |memo: &Memo, rel: &str| {
            let opts = LoadOptions { include_drafts: false, inspect: None, memo: Some(memo), defer: Some(&defer_all) };
            let file = load_file(root, Path::new(rel), &config, opts);
            (file.page.unwrap(), file.diagnostics)
        };
        let memo = Memo::open(&path, &[]).unwrap();
        let (a, _) = load(&memo, "a.md");
        let (b, b_warnings) = load(&memo, "b.md");
        assert!(a.body.is_parsed() && b.body.is_parsed(), "unknown to the memo: parsed at load");
        assert!(!b_warnings.is_empty(), "the unclosed tag is told");
        memo.save(&path);
        let memo = Memo::open(&path, &[]).unwrap();
        let (a_again, _) = load(&memo, "a.md");
        let (b_again, b_warnings_again) = load(&memo, "b.md");
        assert!(!a_again.body.is_parsed(), "known and quiet: waits");
        assert_eq!(a_again.word_count(), a.word_count());
        assert!(!a_again.body.is_parsed(), "the word count needs no parse");
        assert_eq!(a_again.body(), a.body());
        assert!(b_again.body.is_parsed(), "a body that warned is parsed at load");
        assert_eq!(b_warnings_again, b_warnings);
        // Not named to wait: parsed at load, known or not.
        let opts = LoadOptions { include_drafts: false, inspect: None, memo: Some(&memo), defer: None };
        let file = load_file(root, Path::new("a.md"), &config, opts);
        assert!(file.page.unwrap().body.is_parsed());
    }

    /// Loading with a memo takes the findings, the NFC answer and the word count of a file it
    /// knows instead of making them again, and makes them for a file whose bytes changed.
    #[test]
    fn a_known_file_is_not_checked_again_and_a_changed_one_is() {
        use crate::content::{LoadOptions, Raw, load_file};
        use std::sync::atomic::AtomicUsize;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let page = root.join("content/a.md");
        std::fs::write(&page, "---\ntitle: A\n---\nGọi 111, đừng gọi 0987 654 321.\n").unwrap();
        let config = crate::config::Config::parse(
            "title: T\nbase_url: https://xa.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}]\nhotline: {number: \"111\"}\n",
            Path::new("loa.yaml"),
        )
        .unwrap();
        let checked = AtomicUsize::new(0);
        let inspect = |shown: &Path, _: Raw<'_>, _: &[String]| {
            checked.fetch_add(1, Ordering::Relaxed);
            vec![Diagnostic::error("privacy", msg!("privacy-phone", number = "0987 654 321")).in_file(shown)]
        };
        let path = root.join(".loa-cache/files.memo");
        let load = |memo: &Memo| {
            let opts = LoadOptions { include_drafts: false, inspect: Some(&inspect), memo: Some(memo), defer: None };
            let file = load_file(root, Path::new("a.md"), &config, opts);
            (file.diagnostics, file.page.map(|p| p.word_count()))
        };
        let memo = Memo::open(&path, &[]).unwrap();
        let first = load(&memo);
        memo.save(&path);
        assert_eq!(checked.load(Ordering::Relaxed), 1);
        let memo = Memo::open(&path, &[]).unwrap();
        assert_eq!(load(&memo), first, "the same findings and words, from the memo");
        assert_eq!(checked.load(Ordering::Relaxed), 1, "a known file is not checked again");
        let known = memo.get(&memo.sum(Path::new("content/a.md"), &std::fs::read(&page).unwrap())).cloned();
        assert_eq!(known.map(|k| (k.surely_nfc, k.words)), Some((true, Some(7))));
        // One byte more is another file.
        std::fs::write(&page, "---\ntitle: A\n---\nGọi 111, đừng gọi 0987 654 321!\n").unwrap();
        load(&memo);
        assert_eq!(checked.load(Ordering::Relaxed), 2, "a changed file is checked");
        // What the memo says of the bytes is believed as it is: a count it holds is the count.
        let bytes = std::fs::read(&page).unwrap();
        let memo = Memo::open(&path, &[]).unwrap();
        memo.note(
            memo.sum(Path::new("content/a.md"), &bytes),
            Facts { surely_nfc: true, words: Some(99), quiet: true, findings: None },
        );
        memo.save(&path);
        let memo = Memo::open(&path, &[]).unwrap();
        assert_eq!(load(&memo).1, Some(99));
        assert_eq!(checked.load(Ordering::Relaxed), 3, "no findings known: checked");
    }
}
