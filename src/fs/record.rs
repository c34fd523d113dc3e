//! The pieces of the small binary records loa keeps between runs in `.loa-cache/` (what each
//! kit entry was made from, what loading learnt of each content file): a keyed 128-bit hash,
//! and a writer and a reader for lengths, strings and sums.
//!
//! The hash is SipHash-1-3 with 128 bits of output, keyed by a random key drawn when a record is
//! first written and kept in it: content cannot be written to collide with other content under
//! a key its author never sees. A record is read like anything from outside: every length is
//! checked against what is left, so a cut or garbled file gives `None`, never a panic.

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::{BuildHasher, Hasher};

/// A 128-bit keyed hash.
pub(crate) type Sum = [u8; 16];

/// The secret of one record: its sums mean nothing under another key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key(u64, u64);

impl Key {
    /// 128 bits the process draws from the system's randomness (std seeds its hash maps so).
    pub(crate) fn random() -> Key {
        let state = std::collections::hash_map::RandomState::new();
        let pid = std::process::id();
        Key(state.hash_one((pid, 0u8)), state.hash_one((pid, 1u8)))
    }

    /// A key everyone knows: for sums that only have to differ when their parts do.
    pub(crate) fn fixed() -> Key {
        Key(0, 0)
    }

    /// The keyed hash of `parts`, each with its length first.
    pub(crate) fn sum(&self, parts: &[&[u8]]) -> Sum {
        let mut h = SipHasher13::new_with_keys(self.0, self.1);
        for p in parts {
            h.write_u64(p.len() as u64);
            h.write(p);
        }
        h.finish128().as_bytes()
    }

    pub(crate) fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0.to_le_bytes());
        out.extend_from_slice(&self.1.to_le_bytes());
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<Key> {
        Some(Key(r.u64()?, r.u64()?))
    }
}

/// What tells this loa program from any other, for what loa keeps between runs (a newer loa
/// may find or make things differently): its file's size and time, and its version. `None`
/// when the program cannot tell where its file is.
pub(crate) fn program_identity() -> Option<Vec<u8>> {
    let exe = std::env::current_exe().ok().and_then(|p| std::fs::metadata(p).ok())?;
    let (len, time) = super::stamp(&exe);
    let mut id = Vec::with_capacity(40);
    id.extend_from_slice(&len.to_le_bytes());
    id.extend_from_slice(&time.as_secs().to_le_bytes());
    id.extend_from_slice(&time.subsec_nanos().to_le_bytes());
    id.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    Some(id)
}

pub(crate) fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Bytes with their length first.
pub(crate) fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u32(out, bytes.len() as u32);
    out.extend_from_slice(bytes);
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_bytes(out, s.as_bytes());
}

/// Reads a record front to back; every method gives `None` past its end.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// Bytes not read yet: no count read from the record may claim more entries than fit.
    pub(crate) fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let part = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(part)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(crate) fn sum(&mut self) -> Option<Sum> {
        self.take(16)?.try_into().ok()
    }

    /// Bytes written by [`put_bytes`].
    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    pub(crate) fn str(&mut self) -> Option<String> {
        std::str::from_utf8(self.bytes()?).ok().map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two records get different keys, so a sum from one means nothing under the other.
    #[test]
    fn keys_are_drawn_at_random_and_decide_the_sums() {
        let (a, b) = (Key::random(), Key::random());
        assert_ne!(a, b);
        assert_ne!(a.sum(&[b"x"]), b.sum(&[b"x"]));
        assert_eq!(a.sum(&[b"x"]), a.sum(&[b"x"]));
        assert_ne!(a.sum(&[b"ab", b"c"]), a.sum(&[b"a", b"bc"]), "parts are delimited");
    }

    #[test]
    fn what_is_put_reads_back_and_a_cut_reads_nothing() {
        let key = Key::random();
        let mut out = Vec::new();
        key.put(&mut out);
        put_str(&mut out, "tờ rơi");
        out.extend_from_slice(&key.sum(&[b"x"]));
        out.push(7);
        let mut r = Reader::new(&out);
        assert_eq!(Key::read(&mut r), Some(key));
        assert_eq!(r.str().as_deref(), Some("tờ rơi"));
        assert_eq!(r.sum(), Some(key.sum(&[b"x"])));
        assert_eq!((r.u8(), r.left(), r.u8()), (Some(7), 0, None));
        // A length that claims more than is left reads nothing.
        let mut r = Reader::new(&out[..20]);
        Key::read(&mut r);
        assert_eq!(r.str(), None);
    }
}
