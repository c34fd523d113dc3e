//! The published kit's entries, reused (issue 16: nothing made twice).
//!
//! Deflating every page into the kits was a quarter of a default build, though most pages are
//! the same as in the kit OUT holds already. So the build reads that kit's central directory and,
//! for a file whose name, size and CRC-32 are the same, inflates the old entry and compares it
//! with the new bytes: only when they are equal is the old compressed data taken as it is.
//! Inflating is several times faster than deflating, and the comparison means the kit is byte
//! for byte what deflating anew would make (the writer's output depends only on the bytes).
//!
//! With the record kept beside the cached kit ([`super::sums`]), most entries are not even
//! inflated: an entry made from the same page or file is taken by its hash.
//!
//! The old kit is read like any file from outside: every offset and length is checked against
//! the archive's size, and anything that does not parse is simply not reused.

use super::sums::{Made, Sums};
use super::zip::Entry;
use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;
use std::sync::Arc;

/// What the published kit holds, by name.
#[derive(Default)]
pub struct Previous {
    /// Shared with the entries taken from it ([`Entry::shared`]).
    zip: Arc<Vec<u8>>,
    entries: HashMap<String, Old>,
    /// Read from `.loa-cache/kits/` (OUT did not hold a kit).
    from_cache: bool,
    /// What the entries were made from, when the record is of this very archive.
    sums: Option<Sums>,
}

struct Old {
    crc: u32,
    size: u32,
    method: u16,
    data: Range<usize>,
}

impl Previous {
    /// Reads a kit's central directory; an archive that does not parse gives nothing to reuse.
    pub fn parse(zip: Vec<u8>, from_cache: bool) -> Previous {
        let entries = directory(&zip).unwrap_or_default();
        Previous { zip: Arc::new(zip), entries, from_cache, sums: None }
    }

    /// Takes the record kept beside the kit, when it describes exactly these bytes.
    pub fn with_sums(mut self, sums: Option<Sums>) -> Previous {
        self.sums = sums.filter(|s| s.archive == s.sum(&[&self.zip]));
        self
    }

    /// The record of the archive, when there is one that describes it.
    pub fn sums(&self) -> Option<&Sums> {
        self.sums.as_ref()
    }

    /// What the old entry `name` was made from, per the record.
    pub fn made(&self, name: &str) -> Option<&Made> {
        self.sums.as_ref()?.entries.get(name)
    }

    /// The old entry `name` as it is, for a file the record says was made from the same input
    /// (the caller compared [`Self::made`]).
    pub fn packed(&self, name: &str) -> Option<Entry> {
        self.sums.as_ref()?;
        let old = self.entries.get(name).filter(|o| matches!(o.method, 0 | 8))?;
        self.zip.get(old.data.clone())?;
        Some(Entry::shared(&self.zip, old.data.clone(), old.crc, old.size, old.method))
    }

    /// The whole archive as it was read.
    pub fn bytes(&self) -> &[u8] {
        &self.zip
    }

    /// The archive, shared (a new kit that is the same bytes is this one).
    pub fn shared(&self) -> Arc<Vec<u8>> {
        Arc::clone(&self.zip)
    }

    pub fn from_cache(&self) -> bool {
        self.from_cache
    }

    /// The old entry for `name`, when it holds exactly `bytes` (whose CRC-32 is `crc`).
    pub fn entry(&self, name: &str, bytes: &[u8], crc: u32) -> Option<Entry> {
        let old = self.entries.get(name)?;
        if old.crc != crc || old.size as usize != bytes.len() {
            return None;
        }
        let data = self.zip.get(old.data.clone())?;
        let same = match old.method {
            0 => data == bytes,
            8 => {
                let mut plain = Vec::with_capacity(bytes.len());
                let read = flate2::read::DeflateDecoder::new(data).take(bytes.len() as u64 + 1).read_to_end(&mut plain);
                read.is_ok() && plain == bytes
            }
            _ => false,
        };
        same.then(|| Entry::shared(&self.zip, old.data.clone(), crc, old.size, old.method))
    }
}

fn u16_at(z: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(z.get(i..i.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(z: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(z.get(i..i.checked_add(4)?)?.try_into().ok()?))
}

/// The entries of an archive without a trailing comment (as loa writes them).
fn directory(z: &[u8]) -> Option<HashMap<String, Old>> {
    let end = z.len().checked_sub(22)?;
    if u32_at(z, end)? != 0x0605_4b50 {
        return None;
    }
    let count = usize::from(u16_at(z, end + 10)?);
    let mut at = u32_at(z, end + 16)? as usize;
    let mut entries = HashMap::with_capacity(count);
    for _ in 0..count {
        if u32_at(z, at)? != 0x0201_4b50 {
            return None;
        }
        let method = u16_at(z, at + 10)?;
        let crc = u32_at(z, at + 16)?;
        let packed = u32_at(z, at + 20)? as usize;
        let size = u32_at(z, at + 24)?;
        let name_len = usize::from(u16_at(z, at + 28)?);
        let extra_len = usize::from(u16_at(z, at + 30)?);
        let comment_len = usize::from(u16_at(z, at + 32)?);
        let local = u32_at(z, at + 42)? as usize;
        let name = std::str::from_utf8(z.get(at + 46..at + 46 + name_len)?).ok()?.to_string();
        if u32_at(z, local)? != 0x0403_4b50 {
            return None;
        }
        let start = local + 30 + usize::from(u16_at(z, local + 26)?) + usize::from(u16_at(z, local + 28)?);
        let data = start..start.checked_add(packed)?;
        if data.end > z.len() {
            return None;
        }
        entries.insert(name, Old { crc, size, method, data });
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Date;
    use crate::render::kit::zip::ZipWriter;

    fn kit(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = ZipWriter::new(Date { year: 2026, month: 7, day: 30 });
        for (name, bytes) in files {
            z.add(name, bytes).unwrap();
        }
        z.finish()
    }

    /// Issue 16: an unchanged file is taken from the old kit, a changed one is not, and the
    /// archive is the same bytes either way.
    #[test]
    fn only_identical_files_are_reused_and_the_archive_is_the_same() {
        let page = "<p>Gọi 111, miễn phí, cả ngày lẫn đêm.</p>".repeat(40);
        let old = kit(&[("a/index.html", page.as_bytes()), ("b.pdf", b"%PDF-1.7 ...")]);
        let previous = Previous::parse(old.clone(), false);
        let crc = |b: &[u8]| {
            let mut c = flate2::Crc::new();
            c.update(b);
            c.sum()
        };
        assert!(previous.entry("a/index.html", page.as_bytes(), crc(page.as_bytes())).is_some());
        assert!(previous.entry("b.pdf", b"%PDF-1.7 ...", crc(b"%PDF-1.7 ...")).is_some());
        let changed = page.replace("111", "112");
        assert!(previous.entry("a/index.html", changed.as_bytes(), crc(changed.as_bytes())).is_none());
        // Same name, size and CRC but other bytes (as a forged directory would claim): refused.
        assert!(previous.entry("a/index.html", changed.as_bytes(), crc(page.as_bytes())).is_none());
        let mut again = ZipWriter::new(Date { year: 2026, month: 7, day: 30 });
        again.add_reusing("a/index.html", page.as_bytes(), Some(&previous)).unwrap();
        again.add_reusing("b.pdf", b"%PDF-1.7 ...", Some(&previous)).unwrap();
        assert_eq!(again.finish(), old);
    }

    /// Whatever OUT holds under the kit's name, reading it never panics.
    #[test]
    fn broken_archives_give_nothing() {
        let good = kit(&[("a.html", b"<p>x</p>")]);
        for cut in 0..good.len() {
            let p = Previous::parse(good[..cut].to_vec(), false);
            let _ = p.entry("a.html", b"<p>x</p>", 0);
        }
        let mut forged = good.clone();
        let end = forged.len() - 22;
        forged[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Previous::parse(forged, false).entries.is_empty());
    }
}
