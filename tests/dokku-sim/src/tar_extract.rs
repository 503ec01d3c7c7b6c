//! Reading the regular files out of a tar stream, as `tar -x` would extract them (ustar and
//! GNU headers with the `prefix` field and GNU long names; directories, links and other entry
//! types are skipped). Not modelled: Dokku's archive checks before extraction
//! (`fn-archive-check-bomb-protection`, `fn-archive-validate-tar-entries`); input that is not a
//! tar stream reads as an archive without files.

/// Size of one tar block.
const BLOCK: usize = 512;

/// One extracted regular file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TarFile {
    /// Its path inside the archive, without a leading `./`.
    pub(crate) path: String,
    /// Its contents.
    pub(crate) contents: Vec<u8>,
}

/// The regular files of `archive`, in archive order.
pub(crate) fn regular_files(archive: &[u8]) -> Vec<TarFile> {
    let mut files = Vec::new();
    let mut offset = 0;
    let mut long_name: Option<String> = None;
    while offset + BLOCK <= archive.len() {
        let header = &archive[offset..offset + BLOCK];
        if header.iter().all(|byte| *byte == 0) {
            break;
        }
        let Some(size) = octal(&header[124..136]) else {
            break;
        };
        let data_start = offset + BLOCK;
        let data_end = data_start + size;
        if data_end > archive.len() {
            break;
        }
        let data = &archive[data_start..data_end];
        let name = text(&header[0..100]);
        let prefix = if &header[257..262] == b"ustar" { text(&header[345..500]) } else { String::new() };
        let full_name = match long_name.take() {
            Some(long) => long,
            None if prefix.is_empty() => name,
            None => format!("{prefix}/{name}"),
        };
        match header[156] {
            b'L' => long_name = Some(text(data)),
            b'0' | 0 => files.push(TarFile {
                path: full_name.trim_start_matches("./").to_owned(),
                contents: data.to_vec(),
            }),
            _ => {}
        }
        offset = data_start + size.div_ceil(BLOCK) * BLOCK;
    }
    files
}

/// A NUL-terminated header field.
fn text(field: &[u8]) -> String {
    let end = field.iter().position(|byte| *byte == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

/// An octal header number (spaces and NULs around it).
fn octal(field: &[u8]) -> Option<usize> {
    let digits = text(field);
    let digits = digits.trim();
    if digits.is_empty() {
        return Some(0);
    }
    usize::from_str_radix(digits, 8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_the_tar_writer_wrote() {
        let archive = crate::tar_stream::tar_archive(&[
            ("server.crt".to_owned(), "CRT".to_owned()),
            ("dir/server.key".to_owned(), "K".repeat(700)),
        ]);
        let files = regular_files(&archive);
        assert_eq!(files.len(), 2);
        assert_eq!(files[0], TarFile { path: "server.crt".to_owned(), contents: b"CRT".to_vec() });
        assert_eq!(files[1].path, "dir/server.key");
        assert_eq!(files[1].contents.len(), 700);
        assert!(regular_files(b"").is_empty());
    }
}
