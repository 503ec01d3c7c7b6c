//! The tar stream `config:bundle` writes with Go's `archive/tar` (USTAR headers, mode 0600,
//! zero uid/gid/mtime, two zero blocks at the end, no padding to a full record).

/// Size of one tar block.
const BLOCK: usize = 512;

/// One tar archive with a regular file per `(name, contents)` pair.
pub(crate) fn tar_archive(files: &[(String, String)]) -> Vec<u8> {
    let mut archive = Vec::new();
    for (name, contents) in files {
        archive.extend_from_slice(&header(name, contents.len()));
        archive.extend_from_slice(contents.as_bytes());
        let padding = (BLOCK - contents.len() % BLOCK) % BLOCK;
        archive.extend(std::iter::repeat_n(0u8, padding));
    }
    archive.extend(std::iter::repeat_n(0u8, 2 * BLOCK));
    archive
}

/// A USTAR header block as Go's `tar.Writer` fills it.
fn header(name: &str, size: usize) -> [u8; BLOCK] {
    let mut block = [0u8; BLOCK];
    put(&mut block, 0, name.as_bytes());
    put(&mut block, 100, b"0000600\0");
    put(&mut block, 108, b"0000000\0");
    put(&mut block, 116, b"0000000\0");
    put(&mut block, 124, format!("{size:011o}\0").as_bytes());
    put(&mut block, 136, b"00000000000\0");
    put(&mut block, 148, b"        ");
    block[156] = b'0';
    put(&mut block, 257, b"ustar\0");
    put(&mut block, 263, b"00");
    put(&mut block, 329, b"0000000\0");
    put(&mut block, 337, b"0000000\0");
    let checksum: u32 = block.iter().map(|byte| u32::from(*byte)).sum();
    put(&mut block, 148, format!("{checksum:06o}\0 ").as_bytes());
    block
}

/// Copies `bytes` into `block` at `offset` (truncating at the block end).
fn put(block: &mut [u8; BLOCK], offset: usize, bytes: &[u8]) {
    let end = (offset + bytes.len()).min(BLOCK);
    block[offset..end].copy_from_slice(&bytes[..end - offset]);
}
