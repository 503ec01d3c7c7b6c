//! The synthetic dumps `<type>:export` streams and `<type>:import` checks.
//!
//! The simulated host runs no database, so a service's data is an identity
//! ([`crate::service_state::DataIdentity`]: a seed and a size) and its dump is generated from it:
//!
//! ```text
//! <the format's header: service_dump_envelope.rs>
//! DOKKU-SIM-DUMP 1 <type> <seed> <bytes>\n
//! <bytes> bytes of a xorshift64* stream seeded from the seed
//! END\n
//! <the format's end>
//! ```
//!
//! The envelope is the type's real format in its smallest form (`pg_dump -Fc`'s TOC,
//! `mysqldump`'s comments, RDB opcodes, `mongodump`'s prelude), with a table, key or collection
//! exactly when the body is not empty, so a reader of the first bytes can tell an empty database.
//!
//! `:import` regenerates the body from the header while it reads and accepts the stream only
//! when every byte matches and `END\n` ends it, then gives the target service the dump's
//! identity, so the target's own `:export` afterwards is byte-identical to the source's: a test
//! proves that a copy arrived whole by comparing the two exports (or by the import's success).
//! A fresh service's dump is `DOKKU_SIM_SERVICE_DUMP_BYTES` long (default
//! [`DEFAULT_DUMP_BYTES`]: a new database is empty), read when the export runs.

use std::io::{self, Read, Write};

use crate::service_dump_envelope::envelope;

/// Body size of a fresh service's dump when `DOKKU_SIM_SERVICE_DUMP_BYTES` is not set: a new
/// database holds nothing.
pub const DEFAULT_DUMP_BYTES: u64 = 0;

/// The first word of a dump.
const MAGIC: &str = "DOKKU-SIM-DUMP";

/// The last line of a dump.
const TRAILER: &[u8] = b"END\n";

/// How much of the body is generated or compared at a time.
const CHUNK: usize = 64 * 1024;

/// One dump, to be written after the command's buffered output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticDump {
    /// The service type (`postgres`).
    pub service_type: String,
    /// The data's seed.
    pub seed: String,
    /// The body's size.
    pub bytes: u64,
}

impl SyntheticDump {
    /// The header line.
    fn header(&self) -> String {
        format!("{MAGIC} 1 {} {} {}\n", self.service_type, self.seed, self.bytes)
    }

    /// Writes the whole dump.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let envelope = envelope(&self.service_type, self.bytes > 0);
        out.write_all(&envelope.prefix)?;
        out.write_all(envelope.line_prefix)?;
        out.write_all(self.header().as_bytes())?;
        let mut body = BodyStream::new(&self.seed);
        let mut buffer = vec![0u8; CHUNK];
        let mut left = self.bytes;
        while left > 0 {
            let take = usize::try_from(left.min(CHUNK as u64)).unwrap_or(CHUNK);
            body.fill(&mut buffer[..take]);
            out.write_all(&buffer[..take])?;
            left -= take as u64;
        }
        out.write_all(envelope.line_prefix)?;
        out.write_all(TRAILER)?;
        out.write_all(&envelope.suffix)
    }

    /// The whole dump in memory (tests).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let _ = self.write_to(&mut bytes);
        bytes
    }
}

/// Reads a dump of `service_type` from `input` to its end and checks every byte; the dump's
/// identity, or what is wrong with it.
pub fn verify(service_type: &str, input: &mut dyn Read) -> Result<SyntheticDump, String> {
    let (before, header) = read_header(input)?;
    let words: Vec<&str> = header.split(' ').collect();
    let [magic, "1", dump_type, seed, bytes] = words.as_slice() else {
        return Err("not a dokku-sim dump (bad header)".to_owned());
    };
    if *magic != MAGIC {
        return Err("not a dokku-sim dump (bad header)".to_owned());
    }
    if *dump_type != service_type {
        return Err(format!("a {dump_type} dump cannot be imported into a {service_type} service"));
    }
    let bytes: u64 = bytes.parse().map_err(|_| "not a dokku-sim dump (bad size)".to_owned())?;
    let envelope = envelope(service_type, bytes > 0);
    if before != [envelope.prefix.as_slice(), envelope.line_prefix].concat() {
        return Err(format!("not a {service_type} dump (its format's header is wrong)"));
    }
    let mut body = BodyStream::new(seed);
    let mut expected = vec![0u8; CHUNK];
    let mut actual = vec![0u8; CHUNK];
    let mut offset = 0u64;
    while offset < bytes {
        let take = usize::try_from((bytes - offset).min(CHUNK as u64)).unwrap_or(CHUNK);
        body.fill(&mut expected[..take]);
        read_exactly(input, &mut actual[..take])
            .map_err(|_| format!("truncated dump: {offset} of {bytes} body bytes"))?;
        if let Some(position) = expected[..take].iter().zip(&actual[..take]).position(|(e, a)| e != a) {
            return Err(format!("corrupt dump: body byte {} differs", offset + position as u64));
        }
        offset += take as u64;
    }
    let expected_end = [envelope.line_prefix, TRAILER, envelope.suffix.as_slice()].concat();
    let mut end = vec![0u8; expected_end.len()];
    if read_exactly(input, &mut end).is_err() || end != expected_end {
        return Err("truncated dump: no END line".to_owned());
    }
    let mut extra = [0u8; 1];
    if matches!(input.read(&mut extra), Ok(n) if n > 0) {
        return Err("corrupt dump: data after the END line".to_owned());
    }
    Ok(SyntheticDump { service_type: service_type.to_owned(), seed: (*seed).to_owned(), bytes })
}

/// The bytes before the header line (the envelope), and the header line without its newline
/// (the envelope at most 4 KiB, the line at most 256 bytes).
fn read_header(input: &mut dyn Read) -> Result<(Vec<u8>, String), String> {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    let start = loop {
        match input.read(&mut byte) {
            Ok(0) => return Err("empty or truncated dump (no header)".to_owned()),
            Ok(_) => seen.push(byte[0]),
            Err(err) => return Err(format!("cannot read the dump: {err}")),
        }
        if seen.ends_with(MAGIC.as_bytes()) {
            break seen.len() - MAGIC.len();
        }
        if seen.len() > 4096 {
            return Err("not a dokku-sim dump (no header)".to_owned());
        }
    };
    let mut line = seen.split_off(start);
    loop {
        match input.read(&mut byte) {
            Ok(0) => return Err("empty or truncated dump (no header)".to_owned()),
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => line.push(byte[0]),
            Err(err) => return Err(format!("cannot read the dump: {err}")),
        }
        if line.len() > 256 {
            return Err("not a dokku-sim dump (bad header)".to_owned());
        }
    }
    let line = String::from_utf8(line).map_err(|_| "not a dokku-sim dump (bad header)".to_owned())?;
    Ok((seen, line))
}

/// `read_exact` that tells end of input apart from nothing.
fn read_exactly(input: &mut dyn Read, buffer: &mut [u8]) -> io::Result<()> {
    input.read_exact(buffer)
}

/// The body: xorshift64* seeded with the FNV-1a hash of the seed.
struct BodyStream {
    state: u64,
    pending: [u8; 8],
    used: usize,
}

impl BodyStream {
    fn new(seed: &str) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in seed.bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        // xorshift must not start at zero.
        Self { state: hash | 1, pending: [0; 8], used: 8 }
    }

    fn fill(&mut self, buffer: &mut [u8]) {
        for byte in buffer {
            if self.used == 8 {
                self.state ^= self.state >> 12;
                self.state ^= self.state << 25;
                self.state ^= self.state >> 27;
                self.pending = self.state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes();
                self.used = 0;
            }
            *byte = self.pending[self.used];
            self.used += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(bytes: u64) -> SyntheticDump {
        SyntheticDump { service_type: "postgres".to_owned(), seed: "abc123".to_owned(), bytes }
    }

    #[test]
    fn a_dump_is_deterministic_and_verifies() {
        let bytes = dump(200_000).to_bytes();
        assert_eq!(bytes, dump(200_000).to_bytes());
        assert!(bytes.starts_with(b"PGDMP"));
        let header = b"DOKKU-SIM-DUMP 1 postgres abc123 200000\n";
        assert!(bytes.windows(header.len()).any(|w| w == header));
        assert!(bytes.ends_with(b"END\n"));
        assert_eq!(verify("postgres", &mut bytes.as_slice()), Ok(dump(200_000)));
    }

    #[test]
    fn damaged_dumps_are_refused() {
        let bytes = dump(1000).to_bytes();
        let mut flipped = bytes.clone();
        flipped[500] ^= 1;
        assert!(verify("postgres", &mut flipped.as_slice()).unwrap_err().contains("differs"));
        let truncated = &bytes[..bytes.len() - 10];
        assert!(verify("postgres", &mut &truncated[..]).unwrap_err().contains("truncated"));
        let mut extended = bytes.clone();
        extended.push(b'x');
        assert!(verify("postgres", &mut extended.as_slice()).unwrap_err().contains("after the END"));
        assert!(verify("redis", &mut bytes.as_slice()).unwrap_err().contains("cannot be imported"));
        assert!(verify("postgres", &mut &b""[..]).is_err());
    }

    #[test]
    fn every_type_and_size_verifies_in_its_envelope() {
        for service_type in ["postgres", "mysql", "mariadb", "redis", "mongo"] {
            for bytes in [0, 3, 70_000] {
                let dump =
                    SyntheticDump { service_type: service_type.to_owned(), seed: "s".to_owned(), bytes };
                let written = dump.to_bytes();
                assert_eq!(verify(service_type, &mut written.as_slice()), Ok(dump), "{service_type} {bytes}");
            }
        }
    }
}
