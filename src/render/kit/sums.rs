//! What each entry of a cached kit was made from, kept beside it in `.loa-cache/kits/KEY.sums`
//! (issue 16: nothing made twice).
//!
//! Reusing an entry of the published kit used to mean inflating it and comparing it with the
//! page rewritten anew: the rewrite and the inflate were a fifth of a default build that changed
//! nothing. With this record, a page whose web HTML hashes the same, in a kit made the same
//! way ([`kit_digest`]), whose links found the same files, is the same entry: it is taken as it
//! is, without rewriting, compressing or inflating. Any other file (a PDF, a `qr.svg`) is the
//! same entry when its bytes hash the same.
//!
//! The hash is SipHash-1-3 with 128 bits of output, keyed by a random key drawn when a kit's
//! record is first written and kept in the record: content cannot be written to collide with
//! another page under a key its author never sees. The record names the hash of the archive it
//! describes, so it is believed only for that very archive: a kit replaced by hand, cut short
//! or rewritten by another loa finds no match and is reused the slow way, by comparing bytes.
//!
//! The file is read like anything from outside: every length is checked, and a record that does
//! not parse is simply not used.

pub(crate) use crate::fs::record::{Key, Sum};
use crate::fs::record::{Reader, put_str, put_u32};
use std::collections::HashMap;

/// First bytes of a record; a new layout gets a new number.
const MAGIC: &[u8] = b"loa kit sums 2\n";

/// What tells one file from another between builds: its size, its modification time (seconds
/// and nanoseconds since 1970) and, where the system has one, its inode. loa never writes into
/// a kit it made (a new kit is a new file), so a file with the stamp the record names is the
/// archive the record describes.
pub type FileStamp = (u64, u64, u32, u64);

/// The [`FileStamp`] of a file; `None` when the system gives no time.
pub fn file_stamp(meta: &std::fs::Metadata) -> Option<FileStamp> {
    let time = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
    #[cfg(unix)]
    let id = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let id = 0;
    Some((meta.len(), time.as_secs(), time.subsec_nanos(), id))
}

/// What one entry was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// Of the web page's HTML before its links were rewritten, or of a file's bytes.
    pub sum: Sum,
    /// For a page: every file its links asked about, with whether the build had it (a file it
    /// had is packed into the kit, one it did not is linked online).
    pub asked: Option<Vec<(String, bool)>>,
}

/// The record of one kit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sums {
    pub(crate) key: Key,
    /// Of the kit's way of rewriting links ([`kit_digest`]).
    pub kit: Sum,
    /// Of the archive the entries are in.
    pub archive: Sum,
    /// The file that is that archive, as it was when this record was made (a record that names
    /// the file a build finds lets it read only the archive's directory:
    /// [`super::reuse::Previous::open`]); `None` when no file was known to be it.
    pub file: Option<FileStamp>,
    pub entries: HashMap<String, Made>,
}

impl Sums {
    /// The keyed hash of `parts` under this record's key.
    pub fn sum(&self, parts: &[&[u8]]) -> Sum {
        self.key.sum(parts)
    }

    /// The record as it is kept.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.entries.len() * 64);
        out.extend_from_slice(MAGIC);
        self.key.put(&mut out);
        out.extend_from_slice(&self.kit);
        out.extend_from_slice(&self.archive);
        match self.file {
            None => out.push(0),
            Some((len, secs, nanos, id)) => {
                out.push(1);
                out.extend_from_slice(&len.to_le_bytes());
                out.extend_from_slice(&secs.to_le_bytes());
                put_u32(&mut out, nanos);
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        // Sorted, so the same kit gives the same record.
        let mut names: Vec<&String> = self.entries.keys().collect();
        names.sort();
        put_u32(&mut out, names.len() as u32);
        for name in names {
            let made = &self.entries[name];
            put_str(&mut out, name);
            out.extend_from_slice(&made.sum);
            match &made.asked {
                None => put_u32(&mut out, u32::MAX),
                Some(asked) => {
                    put_u32(&mut out, asked.len() as u32);
                    for (file, had) in asked {
                        put_str(&mut out, file);
                        out.push(u8::from(*had));
                    }
                }
            }
        }
        out
    }

    /// A record read back; `None` for anything loa did not write whole.
    pub fn parse(bytes: &[u8]) -> Option<Sums> {
        let mut r = Reader::new(bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let key = Key::read(&mut r)?;
        let kit = r.sum()?;
        let archive = r.sum()?;
        let file = match r.u8()? {
            0 => None,
            1 => Some((r.u64()?, r.u64()?, r.u32()?, r.u64()?)),
            _ => return None,
        };
        let count = r.u32()? as usize;
        // Each entry takes at least 22 bytes: no count may claim more than the file holds.
        let mut entries = HashMap::with_capacity(count.min(r.left() / 22));
        for _ in 0..count {
            let name = r.str()?;
            let sum = r.sum()?;
            let asked = match r.u32()? {
                u32::MAX => None,
                n => {
                    let mut asked = Vec::with_capacity((n as usize).min(r.left() / 5));
                    for _ in 0..n {
                        let file = r.str()?;
                        let had = match r.take(1)? {
                            [0] => false,
                            [1] => true,
                            _ => return None,
                        };
                        asked.push((file, had));
                    }
                    Some(asked)
                }
            };
            entries.insert(name, Made { sum, asked });
        }
        (r.left() == 0).then_some(Sums { key, kit, archive, file, entries })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Sums {
        let key = Key::random();
        let file = Some((26_829_966, 1_796_406_654, 939_580_204, 216_444));
        let mut s = Sums { key, kit: key.sum(&[b"kit"]), archive: key.sum(&[b"zip"]), file, entries: HashMap::new() };
        let page = Made {
            sum: s.sum(&[b"<p>111</p>"]),
            asked: Some(vec![("s/qr.svg".into(), true), ("s/poster.pdf".into(), false)]),
        };
        s.entries.insert("s/index.html".into(), page);
        s.entries.insert("s/qr.svg".into(), Made { sum: s.sum(&[b"<svg/>"]), asked: None });
        s
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let s = sample();
        assert_eq!(Sums::parse(&s.to_bytes()), Some(s.clone()));
        let unknown = Sums { file: None, ..s };
        assert_eq!(Sums::parse(&unknown.to_bytes()), Some(unknown));
    }

    /// Whatever the file holds, reading it never panics and never believes half a record.
    #[test]
    fn a_cut_or_garbled_record_gives_nothing() {
        let bytes = sample().to_bytes();
        for cut in 0..bytes.len() {
            assert_eq!(Sums::parse(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(Sums::parse(&longer), None);
        // A count claiming four billion entries is refused without reserving room for them.
        let mut huge = bytes[..MAGIC.len() + 48 + 29].to_vec();
        huge.extend_from_slice(&(u32::MAX - 1).to_le_bytes());
        assert_eq!(Sums::parse(&huge), None);
    }
}
