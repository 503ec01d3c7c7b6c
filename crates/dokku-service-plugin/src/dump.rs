//! Whether a service's dump (`<type>:export`) holds data, read from its first bytes: how
//! `dokkuctl services copy` tells an empty target from one it would overwrite. Each format is
//! the one the plugin's `service_export` writes; a format or a prefix this cannot decide is
//! [`DumpContents::Unknown`], which the copy treats like data (it asks for `--force`).

/// What the first bytes of a dump say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpContents {
    /// The dump describes an empty database.
    Empty,
    /// The dump holds tables, keys, collections or other objects.
    HasData,
    /// The format is not known, or the bytes read do not decide.
    Unknown,
}

/// The dump formats of the official service plugins' `service_export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DumpFormat {
    /// `pg_dump -Fc`: PostgreSQL's custom archive.
    PostgresCustom,
    /// `mysqldump` / `mariadb-dump`: SQL text.
    SqlText,
    /// Redis's `dump.rdb`.
    RedisRdb,
    /// `mongodump --gzip --archive`: an archive whose prelude lists the collections.
    MongoArchive,
}

impl DumpFormat {
    /// What `prefix` (the dump's first bytes; `complete` when it is the whole dump) says.
    pub fn contents(self, prefix: &[u8], complete: bool) -> DumpContents {
        match self {
            Self::PostgresCustom => postgres_custom(prefix, complete),
            Self::SqlText => sql_text(prefix, complete),
            Self::RedisRdb => redis_rdb(prefix),
            Self::MongoArchive => mongo_archive(prefix, complete),
        }
    }
}

/// The kinds of object a custom-format TOC entry can be that are the user's (an empty
/// database's archive lists only `ENCODING`, `STDSTRINGS` and `SEARCHPATH`).
const POSTGRES_OBJECTS: &[&str] = &[
    "TABLE",
    "TABLE DATA",
    "SEQUENCE",
    "SEQUENCE SET",
    "VIEW",
    "MATERIALIZED VIEW",
    "FUNCTION",
    "PROCEDURE",
    "TYPE",
    "DOMAIN",
    "EXTENSION",
    "SCHEMA",
    "INDEX",
    "TRIGGER",
    "LARGE OBJECT",
];

/// `pg_dump -Fc`: magic `PGDMP`, then a TOC whose entries carry their kind as a string written
/// `<sign byte><length, little-endian int><bytes>` (the archive's int size, 4 in practice).
fn postgres_custom(prefix: &[u8], complete: bool) -> DumpContents {
    if !prefix.starts_with(b"PGDMP") {
        return DumpContents::Unknown;
    }
    let int_size = usize::from(prefix.get(8).copied().unwrap_or(4));
    if !(1..=8).contains(&int_size) {
        return DumpContents::Unknown;
    }
    for kind in POSTGRES_OBJECTS {
        let mut pattern = vec![0u8];
        pattern.extend((kind.len() as u64).to_le_bytes().iter().take(int_size));
        pattern.extend(kind.as_bytes());
        if prefix.windows(pattern.len()).any(|w| w == pattern.as_slice()) {
            return DumpContents::HasData;
        }
    }
    if complete { DumpContents::Empty } else { DumpContents::Unknown }
}

/// SQL text: an empty database's dump is comments (`--`), version-guarded settings (`/*!…*/;`)
/// and blank lines; anything else (`CREATE TABLE`, `INSERT INTO`, …) is data.
fn sql_text(prefix: &[u8], complete: bool) -> DumpContents {
    let text = String::from_utf8_lossy(prefix);
    let mut lines: Vec<&str> = text.lines().collect();
    if !complete {
        // The last line may be cut short.
        lines.pop();
    }
    let statement = |line: &&str| {
        let line = line.trim();
        !(line.is_empty() || line.starts_with("--") || line.starts_with("/*!"))
    };
    match (lines.iter().any(statement), complete) {
        (true, _) => DumpContents::HasData,
        (false, true) => DumpContents::Empty,
        (false, false) => DumpContents::Unknown,
    }
}

/// Redis's RDB: `REDIS` and a 4-digit version, then opcodes: `0xFA` auxiliary field (two
/// strings), `0xFF` end; anything else (`0xFE` select database, only written for a database with
/// keys, a function library, a key) is data.
fn redis_rdb(prefix: &[u8]) -> DumpContents {
    if prefix.len() < 9 || !prefix.starts_with(b"REDIS") {
        return DumpContents::Unknown;
    }
    let mut at = 9;
    loop {
        match prefix.get(at) {
            Some(0xFA) => {
                let Some(end) = rdb_string_end(prefix, at + 1).and_then(|key| rdb_string_end(prefix, key))
                else {
                    return DumpContents::Unknown;
                };
                at = end;
            }
            Some(0xFF) => return DumpContents::Empty,
            Some(_) => return DumpContents::HasData,
            None => return DumpContents::Unknown,
        }
    }
}

/// An RDB length at `at` (not a special encoding) and where it ends.
fn rdb_length(data: &[u8], at: usize) -> Option<(usize, usize)> {
    let first = *data.get(at)?;
    match first >> 6 {
        0 => Some((usize::from(first & 0x3F), at + 1)),
        1 => Some(((usize::from(first & 0x3F) << 8) | usize::from(*data.get(at + 1)?), at + 2)),
        _ if first == 0x80 => {
            Some((u32::from_be_bytes(data.get(at + 1..at + 5)?.try_into().ok()?) as usize, at + 5))
        }
        _ if first == 0x81 => Some((
            usize::try_from(u64::from_be_bytes(data.get(at + 1..at + 9)?.try_into().ok()?)).ok()?,
            at + 9,
        )),
        _ => None,
    }
}

/// Where the RDB string at `at` ends: a length and its bytes, an integer of 1, 2 or 4 bytes
/// (`0xC0`–`0xC2`), or an LZF-compressed string (`0xC3`, compressed and plain lengths, then the
/// compressed bytes).
fn rdb_string_end(data: &[u8], at: usize) -> Option<usize> {
    let first = *data.get(at)?;
    let end = match first {
        0xC0 => at + 2,
        0xC1 => at + 3,
        0xC2 => at + 5,
        0xC3 => {
            let (compressed, after) = rdb_length(data, at + 1)?;
            let (_, after) = rdb_length(data, after)?;
            after + compressed
        }
        _ => {
            let (length, after) = rdb_length(data, at)?;
            after + length
        }
    };
    (end <= data.len()).then_some(end)
}

/// `mongodump --archive`: magic `0x8199e26d` (little-endian), then a prelude of BSON documents
/// whose collection entries carry a string element `collection`; the data after it is gzipped.
fn mongo_archive(prefix: &[u8], complete: bool) -> DumpContents {
    if !prefix.starts_with(&[0x6d, 0xe2, 0x99, 0x81]) {
        return DumpContents::Unknown;
    }
    let element = b"\x02collection\x00";
    if prefix.windows(element.len()).any(|w| w == element) {
        return DumpContents::HasData;
    }
    // The prelude ends with a terminator (`0xFFFFFFFF`) before any collection's data.
    let terminator = [0xFF, 0xFF, 0xFF, 0xFF];
    if complete || prefix[4..].windows(4).any(|w| w == terminator) {
        DumpContents::Empty
    } else {
        DumpContents::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pg_dump custom-format string: sign byte, little-endian 4-byte length, bytes.
    fn pg_string(text: &str) -> Vec<u8> {
        let mut bytes = vec![0];
        bytes.extend((text.len() as u32).to_le_bytes());
        bytes.extend(text.as_bytes());
        bytes
    }

    fn pg_dump(kinds: &[&str]) -> Vec<u8> {
        // Magic, version 1.16.0, int size 4, offset size 8, custom format.
        let mut bytes = b"PGDMP".to_vec();
        bytes.extend([1, 16, 0, 4, 8, 1]);
        for kind in kinds {
            bytes.extend(pg_string("public"));
            bytes.extend(pg_string(kind));
        }
        bytes
    }

    #[test]
    fn postgres_archives_with_objects_hold_data() {
        let empty = pg_dump(&["ENCODING", "STDSTRINGS", "SEARCHPATH"]);
        assert_eq!(DumpFormat::PostgresCustom.contents(&empty, true), DumpContents::Empty);
        assert_eq!(DumpFormat::PostgresCustom.contents(&empty, false), DumpContents::Unknown);
        let with_table = pg_dump(&["ENCODING", "TABLE", "TABLE DATA"]);
        assert_eq!(DumpFormat::PostgresCustom.contents(&with_table, false), DumpContents::HasData);
        assert_eq!(DumpFormat::PostgresCustom.contents(b"not a dump", true), DumpContents::Unknown);
    }

    #[test]
    fn sql_text_with_statements_holds_data() {
        let empty = "-- MySQL dump 10.13\n--\n/*!40101 SET NAMES utf8mb4 */;\n\n-- Dump completed\n";
        assert_eq!(DumpFormat::SqlText.contents(empty.as_bytes(), true), DumpContents::Empty);
        let table = format!("{empty}CREATE TABLE `t` (`id` int);\nINSERT INTO `t` VALUES (1);\n");
        assert_eq!(DumpFormat::SqlText.contents(table.as_bytes(), false), DumpContents::HasData);
        // A cut-off last line decides nothing.
        assert_eq!(DumpFormat::SqlText.contents(b"-- MySQL dump\nCREA", false), DumpContents::Unknown);
    }

    fn rdb_string(text: &str) -> Vec<u8> {
        let mut bytes = vec![text.len() as u8];
        bytes.extend(text.as_bytes());
        bytes
    }

    #[test]
    fn redis_rdb_with_a_database_holds_data() {
        let mut header = b"REDIS0011".to_vec();
        header.push(0xFA);
        header.extend(rdb_string("redis-ver"));
        header.extend(rdb_string("7.2.4"));
        header.extend([0xFA]);
        header.extend(rdb_string("ctime"));
        header.extend([0xC2, 1, 2, 3, 4]);
        header.extend([0xFA]);
        header.extend(rdb_string("aof-base"));
        header.extend([0xC0, 0]);
        let mut empty = header.clone();
        empty.extend([0xFF, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(DumpFormat::RedisRdb.contents(&empty, true), DumpContents::Empty);
        let mut keys = header.clone();
        keys.extend([0xFE, 0, 0xFB, 1, 0, 0]);
        keys.extend(rdb_string("key"));
        assert_eq!(DumpFormat::RedisRdb.contents(&keys, true), DumpContents::HasData);
        assert_eq!(DumpFormat::RedisRdb.contents(&header[..12], false), DumpContents::Unknown);
    }

    #[test]
    fn mongo_archives_listing_collections_hold_data() {
        let magic = [0x6d, 0xe2, 0x99, 0x81];
        let mut empty = magic.to_vec();
        empty.extend(b"\x10concurrent_collections\x00\x04\x00\x00\x00");
        empty.extend([0xFF, 0xFF, 0xFF, 0xFF]);
        assert_eq!(DumpFormat::MongoArchive.contents(&empty, false), DumpContents::Empty);
        let mut collection = magic.to_vec();
        collection.extend(b"\x02db\x00\x03\x00\x00\x00db\x00\x02collection\x00\x06\x00\x00\x00users\x00");
        assert_eq!(DumpFormat::MongoArchive.contents(&collection, false), DumpContents::HasData);
    }
}
