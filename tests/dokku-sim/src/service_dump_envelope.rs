//! The real dump format around a synthetic dump: what `pg_dump -Fc`, `mysqldump`, Redis's RDB
//! and `mongodump --archive` put before and after the data, in the smallest form that says
//! whether the database is empty. dokku-rs judges a target service empty from these first bytes
//! (`dokku_service_plugin::dump`), so the simulator's dumps carry them: an empty service's dump
//! has no table, key or collection; a dump with data has one.

/// What goes before the synthetic header, in front of the header and `END` lines, and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The format's header (and, with data, one object).
    pub prefix: Vec<u8>,
    /// Written before the synthetic header and trailer lines (a SQL comment marker).
    pub line_prefix: &'static [u8],
    /// The format's end.
    pub suffix: Vec<u8>,
}

/// A pg_dump custom-format string: sign byte, little-endian 4-byte length, bytes.
fn pg_string(text: &str) -> Vec<u8> {
    let mut bytes = vec![0];
    bytes.extend(u32::try_from(text.len()).unwrap_or_default().to_le_bytes());
    bytes.extend(text.as_bytes());
    bytes
}

/// An RDB string of fewer than 64 bytes.
fn rdb_string(text: &str) -> Vec<u8> {
    let mut bytes = vec![u8::try_from(text.len()).unwrap_or_default() & 0x3F];
    bytes.extend(text.as_bytes());
    bytes
}

/// The envelope of `service_type`'s dump, with or without data.
pub fn envelope(service_type: &str, has_data: bool) -> Envelope {
    let mut prefix = Vec::new();
    let mut suffix = Vec::new();
    let mut line_prefix: &'static [u8] = b"";
    match service_type {
        "postgres" => {
            // Magic, archive version 1.16.0, int size 4, offset size 8, custom format; the TOC
            // of an empty database, then a table with its data.
            prefix.extend(b"PGDMP");
            prefix.extend([1, 16, 0, 4, 8, 1]);
            for kind in ["ENCODING", "STDSTRINGS", "SEARCHPATH"] {
                prefix.extend(pg_string(kind));
            }
            if has_data {
                for word in ["public", "TABLE", "TABLE DATA"] {
                    prefix.extend(pg_string(word));
                }
            }
        }
        "mysql" | "mariadb" => {
            prefix.extend(b"-- MySQL dump 10.13\n--\n/*!40101 SET NAMES utf8mb4 */;\n");
            if has_data {
                prefix.extend(b"CREATE TABLE `dokku_sim` (`dump` longblob);\n");
            }
            line_prefix = b"-- ";
            suffix.extend(b"-- Dump completed\n");
        }
        "redis" => {
            prefix.extend(b"REDIS0011");
            prefix.push(0xFA);
            prefix.extend(rdb_string("redis-ver"));
            prefix.extend(rdb_string("8.8.0"));
            prefix.push(0xFA);
            prefix.extend(rdb_string("redis-bits"));
            prefix.extend([0xC0, 64]);
            if has_data {
                // SELECTDB 0: only written for a database with keys.
                prefix.extend([0xFE, 0x00]);
            } else {
                prefix.push(0xFF);
            }
            if has_data {
                suffix.push(0xFF);
            }
            suffix.extend([0u8; 8]);
        }
        "mongo" => {
            prefix.extend([0x6d, 0xe2, 0x99, 0x81]);
            prefix.extend(b"\x10concurrent_collections\x00\x04\x00\x00\x00");
            if has_data {
                prefix
                    .extend(b"\x02db\x00\x05\x00\x00\x00data\x00\x02collection\x00\x05\x00\x00\x00data\x00");
            }
            prefix.extend([0xFF; 4]);
        }
        _ => {}
    }
    Envelope { prefix, line_prefix, suffix }
}
