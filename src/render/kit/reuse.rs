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
//! When the record also names the very file it describes (size, time, inode: loa never writes
//! into a kit it made), only the archive's central directory is read, and a new kit of the same
//! entries at the same places, with the same directory, is that file: a warm build no longer
//! reads 75 MB of kits to find them unchanged. A kit that changed reads the old one whole when
//! it first needs an entry's bytes, and checks the file is still the one named.
//!
//! The old kit is read like any file from outside: every offset and length is checked against
//! the archive's size, and anything that does not parse is simply not reused.

use super::sums::{FileStamp, Made, Sums, file_stamp};
use super::zip::Entry;
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// What the published kit holds, by name.
pub struct Previous {
    /// Shared with the entries taken from it ([`Entry::shared`]).
    archive: Arc<Archive>,
    entries: HashMap<String, Old>,
    /// Read from `.loa-cache/kits/` (OUT did not hold a kit).
    from_cache: bool,
    /// What the entries were made from, when the record is of this very archive.
    sums: Option<Sums>,
    /// The file it was read from and that file's stamp, when it was read from one.
    file: Option<(PathBuf, FileStamp)>,
    /// The archive's central directory and end record as the file holds them, when the record
    /// names this very file: then only they were read ([`Previous::open`]).
    tail: Option<Vec<u8>>,
}

/// The published kit's bytes: in memory, or in its file, read when first needed (a kit found
/// the same from its directory is never read whole).
pub struct Archive {
    bytes: OnceLock<Option<Vec<u8>>>,
    /// Where the bytes are, and the stamp that file must still have.
    file: Option<(PathBuf, FileStamp)>,
}

impl Archive {
    fn in_memory(bytes: Vec<u8>) -> Archive {
        Archive { bytes: OnceLock::from(Some(bytes)), file: None }
    }

    /// The bytes, read now if they were not yet; `None` when the file is no longer the one its
    /// directory was read from (changed while the build ran).
    pub fn bytes(&self) -> Option<&[u8]> {
        self.bytes
            .get_or_init(|| {
                let (path, stamp) = self.file.as_ref()?;
                let mut file = std::fs::File::open(path).ok()?;
                let before = file_stamp(&file.metadata().ok()?)?;
                let mut bytes = Vec::with_capacity(usize::try_from(stamp.0).ok()?);
                file.read_to_end(&mut bytes).ok()?;
                let after = file_stamp(&file.metadata().ok()?)?;
                (before == *stamp && after == *stamp && bytes.len() as u64 == stamp.0).then_some(bytes)
            })
            .as_deref()
    }

    /// Whether the bytes are in memory (read, or never on disk).
    fn is_read(&self) -> bool {
        self.bytes.get().is_some()
    }
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
        let archive = Arc::new(Archive::in_memory(zip));
        Previous { archive, entries, from_cache, sums: None, file: None, tail: None }
    }

    /// The kit in the file at `path` (no bigger than `max`) with its record `sums`. When the
    /// record names this very file (its stamp), only the archive's central directory is read:
    /// the record is believed as it stands, and the entries are read only if a new kit needs
    /// them. Else the whole file is read and the record believed only if it hashes as the
    /// record says. `None`: no such file.
    pub fn open(path: &Path, from_cache: bool, sums: Option<Sums>, max: u64) -> Option<Previous> {
        let mut file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok().filter(|m| m.is_file() && m.len() <= max)?;
        let stamp = file_stamp(&meta);
        let named = sums.as_ref().and_then(|s| s.file).filter(|f| Some(*f) == stamp);
        if let Some(stamp) = named
            && let Some((entries, tail)) = read_directory(&mut file, stamp.0)
        {
            let archive = Arc::new(Archive { bytes: OnceLock::new(), file: Some((path.to_path_buf(), stamp)) });
            let file = Some((path.to_path_buf(), stamp));
            return Some(Previous { archive, entries, from_cache, sums, file, tail: Some(tail) });
        }
        let mut zip = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
        file.seek(SeekFrom::Start(0)).ok()?;
        file.by_ref().take(max.saturating_add(1)).read_to_end(&mut zip).ok()?;
        if zip.len() as u64 > max {
            return None;
        }
        // The stamp of the bytes as read: a file changed meanwhile has another.
        let after = file.metadata().ok().as_ref().and_then(file_stamp).filter(|s| Some(*s) == stamp);
        let mut previous = Previous::parse(zip, from_cache).with_sums(sums);
        previous.file = after.map(|s| (path.to_path_buf(), s));
        Some(previous)
    }

    /// Takes the record kept beside the kit, when it describes exactly these bytes.
    pub fn with_sums(mut self, sums: Option<Sums>) -> Previous {
        let bytes = self.archive.bytes();
        self.sums = sums.filter(|s| bytes.is_some_and(|b| s.archive == s.sum(&[b])));
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
        Some(Entry::shared(&self.archive, old.data.clone(), old.crc, old.size, old.method))
    }

    /// The whole archive, when it is in memory already (read whole, not by its directory).
    pub fn loaded(&self) -> Option<&[u8]> {
        if self.archive.is_read() { self.archive.bytes() } else { None }
    }

    /// The whole archive, read now if need be (`None`: changed since its directory was read).
    pub fn read_whole(&self) -> Option<&[u8]> {
        self.archive.bytes()
    }

    /// The central directory and end record, when only they were read, by a record that names
    /// this very file: a new kit whose directory is this one, of these entries, is this file.
    pub fn trusted_tail(&self) -> Option<&[u8]> {
        self.tail.as_deref()
    }

    /// How many entries the archive has.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Where the entry `name`'s data is in the archive.
    pub fn data_range(&self, name: &str) -> Option<&Range<usize>> {
        self.entries.get(name).map(|o| &o.data)
    }

    /// Whether `archive` is this kit's (entries shared from it).
    pub fn holds(&self, archive: &Arc<Archive>) -> bool {
        Arc::ptr_eq(&self.archive, archive)
    }

    /// The file the kit was read from and its stamp, when it was read from a file that stayed
    /// as it was.
    pub fn file(&self) -> Option<&(PathBuf, FileStamp)> {
        self.file.as_ref()
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
        let data = self.archive.bytes()?.get(old.data.clone())?;
        let same = match old.method {
            0 => data == bytes,
            8 => {
                let mut plain = Vec::with_capacity(bytes.len());
                let read = flate2::read::DeflateDecoder::new(data).take(bytes.len() as u64 + 1).read_to_end(&mut plain);
                read.is_ok() && plain == bytes
            }
            _ => false,
        };
        same.then(|| Entry::shared(&self.archive, old.data.clone(), crc, old.size, old.method))
    }
}

/// Reads the central directory and end record at the end of the archive in `file` (`len`
/// bytes, no trailing comment, as loa writes them): the entries, their data placed as loa
/// places it (a local header of 30 bytes and the name, no extra field), and the bytes read.
fn read_directory(file: &mut std::fs::File, len: u64) -> Option<(HashMap<String, Old>, Vec<u8>)> {
    let len = usize::try_from(len).ok()?;
    let mut end = [0u8; 22];
    file.seek(SeekFrom::Start(len.checked_sub(22)? as u64)).ok()?;
    file.read_exact(&mut end).ok()?;
    if u32_at(&end, 0)? != 0x0605_4b50 {
        return None;
    }
    let (size, offset) = (u32_at(&end, 12)? as usize, u32_at(&end, 16)? as usize);
    if offset.checked_add(size)?.checked_add(22)? != len {
        return None;
    }
    let mut tail = vec![0u8; size + 22];
    file.seek(SeekFrom::Start(offset as u64)).ok()?;
    file.read_exact(&mut tail).ok()?;
    let count = usize::from(u16_at(&tail, size + 10)?);
    let mut entries = HashMap::with_capacity(count);
    let mut at = 0;
    for _ in 0..count {
        let (name, old, next) = central_record(&tail, at, |local, name_len| Some(local + 30 + name_len))?;
        if old.data.end > offset {
            return None;
        }
        entries.insert(name, old);
        at = next;
    }
    (at == size).then_some((entries, tail))
}

/// The central directory record at `at` of `z`: the entry's name, what is known of it, and
/// where the next record starts. `data_at` tells where the entry's data starts from its local
/// header's offset and its name's length.
fn central_record(
    z: &[u8],
    at: usize,
    data_at: impl Fn(usize, usize) -> Option<usize>,
) -> Option<(String, Old, usize)> {
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
    let start = data_at(local, name_len)?;
    let data = start..start.checked_add(packed)?;
    Some((name, Old { crc, size, method, data }, at + 46 + name_len + extra_len + comment_len))
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
        // Where the data starts, as this archive's local header says.
        let local_data = |local: usize, _| {
            if u32_at(z, local)? != 0x0403_4b50 {
                return None;
            }
            Some(local + 30 + usize::from(u16_at(z, local + 26)?) + usize::from(u16_at(z, local + 28)?))
        };
        let (name, old, next) = central_record(z, at, local_data)?;
        if old.data.end > z.len() {
            return None;
        }
        entries.insert(name, old);
        at = next;
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
        z.finish().unwrap()
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
        assert_eq!(again.finish(), Some(old));
    }

    /// Issue 16: a kit whose record names its very file is read only by its directory. A new kit
    /// of the same entries is found the same without reading the rest; one that differs reads
    /// the file whole and is byte for byte what packing anew makes; a file replaced after its
    /// directory was read gives no entries; a record that names another file is believed only
    /// by the hash of the whole file.
    #[test]
    fn a_kit_named_by_its_record_is_read_by_its_directory() {
        let dir = tempfile::tempdir().unwrap();
        let date = Date { year: 2026, month: 7, day: 30 };
        let page = "<p>Gọi 111, miễn phí, cả ngày lẫn đêm.</p>".repeat(40);
        let files: [(&str, &[u8]); 3] =
            [("a/index.html", page.as_bytes()), ("b.pdf", b"%PDF-1.7 ..."), ("c.txt", b"hi")];
        let zip = kit(&files);
        let path = dir.path().join("kit.zip");
        std::fs::write(&path, &zip).unwrap();
        let key = super::super::sums::Key::random();
        let entries = files.iter().map(|(n, b)| (n.to_string(), Made { sum: key.sum(&[b]), asked: None })).collect();
        let file = file_stamp(&std::fs::metadata(&path).unwrap());
        let sums = Sums { key, kit: [0; 16], archive: key.sum(&[&zip]), file, entries };

        let p = Previous::open(&path, true, Some(sums.clone()), u64::MAX).unwrap();
        assert!(p.trusted_tail().is_some() && p.loaded().is_none(), "only the directory is read");
        let taken = |p: &Previous, names: &[&str], day: u8| {
            let mut w = ZipWriter::new(Date { day, ..date });
            for name in names {
                let entry = p.packed(name).unwrap();
                let len = entry.size() as usize;
                w.insert(name, entry, len).unwrap();
            }
            w
        };
        assert!(taken(&p, &["a/index.html", "b.pdf", "c.txt"], 30).same_entries_as(&p));
        assert!(p.loaded().is_none(), "found the same without reading the entries");
        assert!(!taken(&p, &["a/index.html", "c.txt"], 30).same_entries_as(&p), "an entry fewer");
        assert!(!taken(&p, &["a/index.html", "b.pdf", "c.txt"], 29).same_entries_as(&p), "another day");
        let mut changed = taken(&p, &["a/index.html", "b.pdf"], 30);
        changed.add("c.txt", b"changed").unwrap();
        assert!(!changed.same_entries_as(&p));
        let fresh = kit(&[("a/index.html", page.as_bytes()), ("b.pdf", b"%PDF-1.7 ..."), ("c.txt", b"changed")]);
        assert_eq!(changed.finish(), Some(fresh), "the entries read from the file when needed");

        let p = Previous::open(&path, true, Some(sums.clone()), u64::MAX).unwrap();
        let waiting = taken(&p, &["a/index.html"], 30);
        let other = kit(&[("x.txt", b"another kit")]);
        std::fs::write(dir.path().join("new.zip"), &other).unwrap();
        std::fs::rename(dir.path().join("new.zip"), &path).unwrap();
        assert_eq!(waiting.finish(), None, "the file is no longer the one its directory was read from");

        let p = Previous::open(&path, true, Some(sums), u64::MAX).unwrap();
        assert!(p.trusted_tail().is_none() && p.loaded() == Some(other.as_slice()), "read whole");
        assert!(p.sums().is_none(), "the record is of another archive");
        assert!(p.packed("a/index.html").is_none());
    }

    /// Whatever OUT holds under the kit's name, reading it never panics.
    #[test]
    fn broken_archives_give_nothing() {
        let good = kit(&[("a.html", b"<p>x</p>")]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kit.zip");
        let key = super::super::sums::Key::random();
        for cut in 0..good.len() {
            let p = Previous::parse(good[..cut].to_vec(), false);
            let _ = p.entry("a.html", b"<p>x</p>", 0);
            // The same, read by its directory under a record that names the cut file.
            std::fs::write(&path, &good[..cut]).unwrap();
            let file = file_stamp(&std::fs::metadata(&path).unwrap());
            let sums = Sums { key, kit: [0; 16], archive: [0; 16], file, entries: Default::default() };
            if let Some(p) = Previous::open(&path, false, Some(sums), u64::MAX) {
                let _ = p.entry("a.html", b"<p>x</p>", 0);
                assert!(cut == good.len() || p.trusted_tail().is_none(), "cut at {cut}: no directory");
            }
        }
        let mut forged = good.clone();
        let end = forged.len() - 22;
        forged[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Previous::parse(forged, false).entries.is_empty());
    }
}
