//! A small zip writer for the offline kit (PKWARE APPNOTE 6.3.10, sections 4.3 and 4.4): each
//! file stored or deflated (method 0 or 8, raw deflate from `flate2`, already a dependency),
//! names in UTF-8 (general purpose flag bit 11), no zip64, entries sorted by name so the same
//! site gives the same bytes. Written here rather than with the `zip` crate: this is all the
//! kit needs (about 120 lines), without its dependency tree and features. Windows Explorer,
//! macOS Archive Utility, `unzip` and Python's `zipfile` read the result (tests/kit.rs).

use crate::content::Date;
use flate2::{Compress, Compression, FlushCompress, Status};
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

pub use super::reuse::Archive;

/// One file, compressed (by [`pack`], on any thread), waiting for the archive to be finished.
pub struct Entry {
    data: Data,
    crc: u32,
    size: u32,
    method: u16,
}

/// An entry's compressed bytes: made now, or a part of the published kit, shared rather than
/// copied (a warm build takes nearly every entry from there, and copying each one held a
/// second kit in memory: issue 16).
enum Data {
    Own(Vec<u8>),
    Shared(Arc<Archive>, Range<usize>),
}

impl Data {
    /// The bytes; `None` when the published kit they are part of cannot be read as it was.
    fn bytes(&self) -> Option<&[u8]> {
        match self {
            Data::Own(v) => Some(v),
            // The range was checked against the archive's size when its directory was read.
            Data::Shared(archive, range) => archive.bytes()?.get(range.clone()),
        }
    }

    /// How many bytes, without reading them.
    fn len(&self) -> usize {
        match self {
            Data::Own(v) => v.len(),
            Data::Shared(_, range) => range.len(),
        }
    }
}

impl Entry {
    /// The entry at `range` of `archive`, compressed before (reused from the published kit, see
    /// [`super::reuse`]).
    pub fn shared(archive: &Arc<Archive>, range: Range<usize>, crc: u32, size: u32, method: u16) -> Entry {
        Entry { data: Data::Shared(Arc::clone(archive), range), crc, size, method }
    }

    /// The file's size before compression.
    pub fn size(&self) -> u32 {
        self.size
    }
}

/// Collects files (from many threads, behind a lock) and writes the archive at the end.
pub struct ZipWriter {
    /// By name: sorted, one entry per name.
    entries: std::collections::BTreeMap<String, Entry>,
    /// MS-DOS date of every entry (the day the kit was made; times are midnight).
    dos_date: u16,
    bytes: u64,
}

/// Why an archive cannot hold more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Full {
    Files,
    Bytes,
}

/// Formats that are compressed already: deflating them again costs time and saves nothing.
fn stored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".webp", ".gif", ".pdf", ".woff2", ".zip", ".gz", ".mp3", ".mp4"]
        .iter()
        .any(|x| lower.ends_with(x))
}

impl ZipWriter {
    pub fn new(date: Date) -> ZipWriter {
        // MS-DOS dates count years from 1980.
        let year = date.year.clamp(1980, 2107) - 1980;
        let dos_date = (year << 9) | (u16::from(date.month) << 5) | u16::from(date.day);
        ZipWriter { entries: Default::default(), dos_date, bytes: 0 }
    }

    /// Adds a file; a name added twice keeps the last bytes.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), Full> {
        self.add_reusing(name, bytes, None)
    }

    /// Adds a file, taking its entry from the published kit when it holds the same bytes.
    pub fn add_reusing(
        &mut self,
        name: &str,
        bytes: &[u8],
        previous: Option<&super::reuse::Previous>,
    ) -> Result<(), Full> {
        self.insert(name, pack_reusing(name, bytes, previous), bytes.len())
    }

    /// Adds a file packed beforehand (`len`: its size before compression).
    pub fn insert(&mut self, name: &str, entry: Entry, len: usize) -> Result<(), Full> {
        if let Some(old) = self.entries.remove(name) {
            self.bytes -= Self::cost(name, &old);
        }
        if self.entries.len() >= crate::limits::KIT_FILES {
            return Err(Full::Files);
        }
        self.bytes += Self::cost(name, &entry);
        if self.bytes > crate::limits::KIT_BYTES || len as u64 > u64::from(u32::MAX) {
            return Err(Full::Bytes);
        }
        self.entries.insert(name.to_string(), entry);
        Ok(())
    }

    /// Bytes an entry takes in the archive: its data and two headers.
    fn cost(name: &str, e: &Entry) -> u64 {
        e.data.len() as u64 + 30 + 46 + 2 * name.len() as u64
    }

    pub fn has(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The archive's size so far, about.
    pub fn len(&self) -> u64 {
        self.bytes
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The archive: local headers and data, the central directory, its end record. `None` when
    /// the published kit that entries are shared from can no longer be read as it was (changed
    /// while the build ran).
    pub fn finish(self) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(self.bytes as usize + 22);
        self.write(&mut out, true).then_some(out)
    }

    /// Whether [`Self::finish`] would give exactly `archive`, found without writing it: a warm
    /// build's kit is most often the published one, and writing it only to compare it with that
    /// one was a third copy of the kit in memory (issue 16).
    pub fn same_as(&self, archive: &[u8]) -> bool {
        let mut against = Against { rest: archive, same: true };
        self.write(&mut against, true) && against.same && against.rest.is_empty()
    }

    /// Whether [`Self::finish`] would give exactly the published kit `previous` when each of
    /// its entries is taken from there, at its own place: found from the kit's central
    /// directory alone, without reading the 25 MB of entries (a warm build of 15,000 pages read
    /// 75 MB of kits only to find them the same, issue 16). Only for a kit whose record says it
    /// is the very file loa wrote ([`super::reuse::Previous::trusted`]): then its local headers
    /// are those loa writes for the entries its directory lists.
    pub fn same_entries_as(&self, previous: &super::reuse::Previous) -> bool {
        let Some(tail) = previous.trusted_tail() else { return false };
        if self.entries.len() != previous.entry_count() {
            return false;
        }
        let mut at = 0usize;
        for (name, e) in &self.entries {
            let Data::Shared(archive, range) = &e.data else { return false };
            let data_at = at + 30 + name.len();
            if !previous.holds(archive) || previous.data_range(name) != Some(range) || range.start != data_at {
                return false;
            }
            at = data_at + range.len();
        }
        let mut directory = Vec::with_capacity(tail.len());
        self.write(&mut directory, false) && directory == tail
    }

    /// Writes the archive into `out`, or with `data` false only its central directory and end
    /// record (the offsets as in the whole archive); `false` when an entry's bytes could not be
    /// had.
    fn write(&self, out: &mut impl Out, data: bool) -> bool {
        let mut written = 0usize;
        let mut central = Vec::new();
        for (name, e) in &self.entries {
            let offset = written as u32;
            let name = name.as_bytes();
            // Local file header (4.3.7).
            let mut local = Vec::with_capacity(30 + name.len());
            put32(&mut local, 0x0403_4b50);
            self.common(&mut local, name, e);
            put16(&mut local, 0); // extra field length
            local.extend_from_slice(name);
            if data {
                let Some(bytes) = e.data.bytes() else { return false };
                out.put(&local);
                out.put(bytes);
            }
            written += local.len() + e.data.len();
            // Central directory file header (4.3.12): made by MS-DOS (0), version 2.0.
            put32(&mut central, 0x0201_4b50);
            put16(&mut central, 20);
            self.common(&mut central, name, e);
            for v in [0u16, 0, 0, 0] {
                put16(&mut central, v); // extra, comment, disk number, internal attributes
            }
            put32(&mut central, 0); // external attributes
            put32(&mut central, offset);
            central.extend_from_slice(name);
        }
        let (cd_offset, cd_size, n) = (written as u32, central.len() as u32, self.entries.len() as u16);
        // End of central directory record (4.3.16).
        let mut end = Vec::with_capacity(22);
        put32(&mut end, 0x0605_4b50);
        for v in [0u16, 0, n, n] {
            put16(&mut end, v);
        }
        put32(&mut end, cd_size);
        put32(&mut end, cd_offset);
        put16(&mut end, 0);
        out.put(&central);
        out.put(&end);
        true
    }

    /// The fields local and central headers share, from "version needed" to the name's length.
    fn common(&self, out: &mut Vec<u8>, name: &[u8], e: &Entry) {
        put16(out, 20); // version needed: 2.0 (deflate)
        put16(out, 1 << 11); // names and comments are UTF-8
        put16(out, e.method);
        put16(out, 0); // time: midnight
        put16(out, self.dos_date);
        put32(out, e.crc);
        put32(out, e.data.len() as u32);
        put32(out, e.size);
        put16(out, name.len() as u16);
    }
}

/// Where an archive is written: bytes, or a comparison with an archive.
trait Out {
    fn put(&mut self, bytes: &[u8]);
}

impl Out for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Compares what is written with an archive: `same` while every byte so far matched.
struct Against<'a> {
    rest: &'a [u8],
    same: bool,
}

impl Out for Against<'_> {
    fn put(&mut self, bytes: &[u8]) {
        if !self.same {
            return;
        }
        match self.rest.split_at_checked(bytes.len()) {
            // An entry shared from this very archive, at its own place in it: the same memory,
            // so the same bytes, and comparing them would only read 26 MB a kit twice (issue 16;
            // a few ms of a default build, measured).
            Some((head, rest)) if std::ptr::eq(head, bytes) || head == bytes => self.rest = rest,
            _ => self.same = false,
        }
    }
}

/// Compresses one file for the archive: deflated, or stored when it is compressed already or
/// deflate does not make it smaller.
pub fn pack(name: &str, bytes: &[u8]) -> Entry {
    pack_reusing(name, bytes, None)
}

/// [`pack`], or the published kit's entry when it holds exactly these bytes.
pub fn pack_reusing(name: &str, bytes: &[u8], previous: Option<&super::reuse::Previous>) -> Entry {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    if let Some(entry) = previous.and_then(|p| p.entry(name, bytes, crc.sum())) {
        return entry;
    }
    let plain = || Entry { data: Data::Own(bytes.to_vec()), crc: crc.sum(), size: bytes.len() as u32, method: 0 };
    if stored(name) || bytes.is_empty() {
        return plain();
    }
    match deflate(bytes) {
        Some(data) if data.len() < bytes.len() => {
            Entry { data: Data::Own(data), crc: crc.sum(), size: bytes.len() as u32, method: 8 }
        }
        _ => plain(),
    }
}

thread_local! {
    /// One compressor per thread, reset for each file: making one costs a few hundred KB of
    /// zeroed tables, 5 % of a default build when it was made for every page (issue 16).
    /// Level 2: on 3 × 1,000 pages the kits came out 5 % bigger than at the default level 6,
    /// and the whole build 0.5 s faster (level 1 is faster still but 34 % bigger).
    static COMPRESSOR: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(2), false));
}

/// Raw deflate of `bytes`; `None` only if the compressor reports an error.
fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
        loop {
            let read = usize::try_from(c.total_in()).ok()?;
            let status = c.compress_vec(bytes.get(read..)?, &mut out, FlushCompress::Finish).ok()?;
            if status == Status::StreamEnd {
                return Some(out);
            }
            // Out of room: the rest needs more (deflate may even grow incompressible bytes).
            out.reserve(out.capacity().max(1024));
        }
    })
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Reads the archive back by its central directory, inflating what was deflated.
    fn read_back(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
        let u32_at = |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
        let end = zip.len() - 22;
        assert_eq!(u32_at(end), 0x0605_4b50);
        let (n, mut at) = (u16_at(end + 10), u32_at(end + 16));
        let mut out = Vec::new();
        for _ in 0..n {
            assert_eq!(u32_at(at), 0x0201_4b50);
            let (method, csize, name_len, local) = (u16_at(at + 10), u32_at(at + 20), u16_at(at + 28), u32_at(at + 42));
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            let data_at = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            let raw = &zip[data_at..data_at + csize];
            let bytes = if method == 8 {
                let mut v = Vec::new();
                flate2::read::DeflateDecoder::new(raw).read_to_end(&mut v).unwrap();
                v
            } else {
                raw.to_vec()
            };
            out.push((name, bytes));
            at += 46 + name_len;
        }
        out
    }

    #[test]
    fn files_come_back_sorted_and_whole() {
        let mut z = ZipWriter::new(Date::parse("2026-07-30").unwrap());
        let html = "<p>Gọi 111</p>".repeat(50);
        z.add("index.html", html.as_bytes()).unwrap();
        z.add("a/poster.pdf", b"%PDF-1.7 not compressed again").unwrap();
        z.add("tài-liệu/đọc.txt", "Đường dây nóng".as_bytes()).unwrap();
        z.add("empty.txt", b"").unwrap();
        let zip = z.finish().unwrap();
        let files = read_back(&zip);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a/poster.pdf", "empty.txt", "index.html", "tài-liệu/đọc.txt"]);
        assert_eq!(files[2].1, html.as_bytes());
        assert!(zip.len() < html.len(), "text is deflated");
    }

    /// Issue 16: the comparison that replaces writing an unchanged kit says "same" for exactly
    /// the archive `finish` writes, and "not the same" for one byte changed anywhere, one byte
    /// more or less, and the entries of another date.
    #[test]
    fn an_archive_is_the_same_exactly_when_finish_would_write_it() {
        let writer = |day: u8| {
            let mut z = ZipWriter::new(Date { year: 2026, month: 7, day });
            z.add("index.html", "<p>Gọi 111</p>".repeat(20).as_bytes()).unwrap();
            z.add("b/qr.svg", b"<svg/>").unwrap();
            z
        };
        let zip = writer(30).finish().unwrap();
        assert!(writer(30).same_as(&zip));
        for at in 0..zip.len() {
            let mut other = zip.clone();
            other[at] ^= 1;
            assert!(!writer(30).same_as(&other), "byte {at} changed");
        }
        assert!(!writer(30).same_as(&zip[..zip.len() - 1]));
        assert!(!writer(30).same_as(&[zip.as_slice(), b"x"].concat()));
        assert!(!writer(30).same_as(&[]));
        assert!(!writer(29).same_as(&zip));
    }

    /// A warm kit: every entry shared from the published archive. Compared with that very
    /// archive it is the same; with a copy of it that differs in one byte of an entry, or in
    /// which an entry moved, it is not.
    #[test]
    fn entries_shared_from_the_archive_compare_with_it_and_with_copies() {
        let mut z = ZipWriter::new(Date { year: 2026, month: 7, day: 30 });
        z.add("a.html", "<p>Gọi 111</p>".repeat(20).as_bytes()).unwrap();
        z.add("b.html", "<p>Ngày 30/7</p>".repeat(20).as_bytes()).unwrap();
        let zip = z.finish().unwrap();
        let key = super::super::sums::Key::fixed();
        let archive = key.sum(&[&zip]);
        let record = super::super::sums::Sums { key, kit: [0; 16], archive, file: None, entries: Default::default() };
        let previous = super::super::reuse::Previous::parse(zip.clone(), true).with_sums(Some(record));
        let shared = |names: &[&str]| {
            let mut w = ZipWriter::new(Date { year: 2026, month: 7, day: 30 });
            for name in names {
                let entry = previous.packed(name).expect("entry");
                let len = entry.size() as usize;
                w.insert(name, entry, len).unwrap();
            }
            w
        };
        let both = shared(&["a.html", "b.html"]);
        assert!(both.same_as(previous.loaded().unwrap()), "the archive the entries live in");
        assert!(both.same_as(&zip), "an equal copy");
        for at in 0..zip.len() {
            let mut other = zip.clone();
            other[at] ^= 1;
            assert!(!both.same_as(&other), "byte {at} changed");
        }
        // Only b.html: its bytes now stand where a.html's stood in the archive.
        assert!(!shared(&["b.html"]).same_as(previous.loaded().unwrap()));
        assert!(!both.same_as(&previous.loaded().unwrap()[..zip.len() - 1]));
    }
}
