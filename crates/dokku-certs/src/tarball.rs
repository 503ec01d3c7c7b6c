//! The tar archive `certs:add` reads on stdin: exactly one `.crt` and one `.key` file.
//!
//! A minimal POSIX ustar writer (regular files only, fixed owner, mode and time), so that the
//! bytes, and a printed script, depend only on the certificate and key.

/// One 512-byte ustar header for a regular file.
fn header(name: &str, size: usize) -> [u8; 512] {
    let mut block = [0u8; 512];
    let mut put = |at: usize, bytes: &[u8]| block[at..at + bytes.len()].copy_from_slice(bytes);
    put(0, name.as_bytes());
    put(100, b"0000600\0");
    put(108, b"0000000\0");
    put(116, b"0000000\0");
    put(124, format!("{size:011o}\0").as_bytes());
    put(136, b"00000000000\0");
    put(148, b"        ");
    put(156, b"0");
    put(257, b"ustar\0");
    put(263, b"00");
    let checksum: u32 = block.iter().map(|&b| u32::from(b)).sum();
    block[148..156].copy_from_slice(format!("{checksum:06o}\0 ").as_bytes());
    block
}

/// A tar archive holding `server.crt` and `server.key`.
pub(crate) fn certificate_tarball(certificate: &str, key: &str) -> Vec<u8> {
    let mut archive = Vec::new();
    for (name, body) in [("server.crt", certificate), ("server.key", key)] {
        archive.extend_from_slice(&header(name, body.len()));
        archive.extend_from_slice(body.as_bytes());
        archive.resize(archive.len().next_multiple_of(512), 0);
    }
    // The end of the archive: two empty blocks.
    archive.resize(archive.len() + 1024, 0);
    archive
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_files_with_valid_headers() {
        let archive = certificate_tarball("CRT\n", "KEY!\n");
        assert_eq!(archive.len(), 512 * 6);
        assert_eq!(&archive[..10], b"server.crt");
        assert_eq!(&archive[512..516], b"CRT\n");
        assert_eq!(&archive[1024..1034], b"server.key");
        assert_eq!(&archive[1024 + 124..1024 + 135], b"00000000005");
        // The checksum counts its own field as spaces.
        let mut block = [0u8; 512];
        block.copy_from_slice(&archive[..512]);
        let stored =
            u32::from_str_radix(std::str::from_utf8(&block[148..154]).unwrap_or("0"), 8).unwrap_or(0);
        block[148..156].copy_from_slice(b"        ");
        assert_eq!(stored, block.iter().map(|&b| u32::from(b)).sum::<u32>());
        assert!(archive[2048..].iter().all(|&b| b == 0));
    }
}
