//! Reading a file the user wrote without letting its size decide loa's memory (issue 10).

use std::io::Read;
use std::path::Path;

/// What a bounded read found.
pub(crate) enum Bounded {
    Bytes(Vec<u8>),
    /// The file has more than the bound; this many bytes at least (nothing was kept).
    TooBig(u64),
}

/// Reads `path` when it holds at most `max` bytes. The size on disk is asked first, and the read
/// itself stops one byte past the bound, so a file that grows meanwhile is refused too.
pub(crate) fn read_bounded(path: &Path, max: u64) -> std::io::Result<Bounded> {
    let file = std::fs::File::open(path)?;
    let on_disk = file.metadata()?.len();
    if on_disk > max {
        return Ok(Bounded::TooBig(on_disk));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(on_disk).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > max { Ok(Bounded::TooBig(read)) } else { Ok(Bounded::Bytes(bytes)) }
}

/// A size in megabytes with one decimal, for messages.
pub(crate) fn megabytes(bytes: u64) -> crate::messages::Arg {
    crate::messages::Arg::decimal(bytes as f64 / (1024.0 * 1024.0), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_the_bound_is_read_whole_and_a_bigger_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, b"12345").unwrap();
        assert!(matches!(read_bounded(&path, 5).unwrap(), Bounded::Bytes(b) if b == b"12345"));
        assert!(matches!(read_bounded(&path, 4).unwrap(), Bounded::TooBig(5)));
    }
}
