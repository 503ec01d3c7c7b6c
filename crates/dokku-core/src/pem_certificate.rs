//! What the server's tools read from a PEM certificate, pure: its first `CERTIFICATE` block's
//! DER bytes and its expiry (`notAfter`), for values Dokku's plugins compute with
//! `openssl x509` (the letsencrypt plugin's `expiration` is
//! `date -u -d "$(openssl x509 -in <crt> -enddate -noout …)" +%s`, the first certificate's
//! `notAfter` in Unix seconds), so a root reader of the certificate file gets the same value,
//! and its issuer's attribute values (what `openssl x509 -text` prints on its `Issuer:` line,
//! which `certs:report`'s issuer is).

use base64::Engine as _;
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::timestamp::Timestamp;

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";

/// The DER bytes of the first `CERTIFICATE` block of `pem`, if it has one that decodes (the
/// block `openssl x509 -in` reads).
pub fn first_certificate_der(pem: &str) -> Option<Vec<u8>> {
    let start = pem.find(BEGIN)? + BEGIN.len();
    let end = start + pem[start..].find(END)?;
    let body: String = pem[start..end].chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok().filter(|der| !der.is_empty())
}

/// When the first certificate of `pem` expires (its `notAfter`, UTC), or `None` when `pem`
/// holds no certificate that reads.
pub fn not_after(pem: &str) -> Option<Timestamp> {
    let der = first_certificate_der(pem)?;
    // Validity ::= SEQUENCE { notBefore, notAfter } (RFC 5280, 4.1).
    let (validity, _) = element(tbs_field(&der, 3)?, SEQUENCE)?;
    let (_, after_not_before) = any_element(validity)?;
    let (&tag, _) = after_not_before.split_first()?;
    let (text, _) = element(after_not_before, tag)?;
    time_value(tag, std::str::from_utf8(text).ok()?)
}

/// The attribute values of the first certificate's issuer (`C`, `O`, `CN`… in order), the
/// text strings `openssl x509 -text` joins on its `Issuer:` line; `None` when `pem` holds no
/// certificate that reads. A value in a string type this reader does not decode is left out.
pub fn issuer_values(pem: &str) -> Option<Vec<String>> {
    let der = first_certificate_der(pem)?;
    let rest = tbs_field(&der, 2)?;
    // Name ::= SEQUENCE OF RelativeDistinguishedName; RelativeDistinguishedName ::= SET OF
    // AttributeTypeAndValue; AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }.
    let (mut names, _) = element(rest, SEQUENCE)?;
    let mut values = Vec::new();
    while !names.is_empty() {
        let (mut set, after) = element(names, SET)?;
        names = after;
        while !set.is_empty() {
            let (pair, after) = element(set, SEQUENCE)?;
            set = after;
            let (_, value) = element(pair, OBJECT_IDENTIFIER)?;
            let (&tag, _) = value.split_first()?;
            let (text, _) = element(value, tag)?;
            if matches!(tag, UTF8_STRING | PRINTABLE_STRING | IA5_STRING | TELETEX_STRING)
                && let Ok(text) = std::str::from_utf8(text)
            {
                values.push(text.to_owned());
            }
        }
    }
    Some(values)
}

/// The DER from the `index`th field of the certificate's `TBSCertificate` on (0: its serial
/// number, 2: its issuer, 3: its validity), the optional version skipped: Certificate ::=
/// SEQUENCE { tbsCertificate, … }; TBSCertificate ::= SEQUENCE { [0] version OPTIONAL,
/// serialNumber, signature, issuer, validity, … } (RFC 5280, 4.1).
fn tbs_field(der: &[u8], index: usize) -> Option<&[u8]> {
    let (certificate, _) = element(der, SEQUENCE)?;
    let (mut rest, _) = element(certificate, SEQUENCE)?;
    if rest.first() == Some(&VERSION) {
        rest = element(rest, VERSION)?.1;
    }
    for tag in [INTEGER, SEQUENCE, SEQUENCE].into_iter().take(index) {
        rest = element(rest, tag)?.1;
    }
    Some(rest)
}

const INTEGER: u8 = 0x02;
const OBJECT_IDENTIFIER: u8 = 0x06;
const UTF8_STRING: u8 = 0x0c;
const PRINTABLE_STRING: u8 = 0x13;
const TELETEX_STRING: u8 = 0x14;
const IA5_STRING: u8 = 0x16;
const SET: u8 = 0x31;
const SEQUENCE: u8 = 0x30;
const VERSION: u8 = 0xa0;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;

/// The content of the DER element at the start of `input` if its tag is `tag`, and what follows.
fn element(input: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    (input.first() == Some(&tag)).then(|| any_element(input)).flatten()
}

/// The content of the DER element at the start of `input`, and what follows.
fn any_element(input: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&length_byte, rest) = input.get(1..)?.split_first()?;
    let (length, rest) = if length_byte < 0x80 {
        (usize::from(length_byte), rest)
    } else {
        let count = usize::from(length_byte & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let length = rest[..count].iter().fold(0_usize, |acc, &b| (acc << 8) | usize::from(b));
        (length, &rest[count..])
    };
    (rest.len() >= length).then(|| rest.split_at(length))
}

/// A `UTCTime` (`YYMMDDHHMMSSZ`, years 50–99 are 19xx) or `GeneralizedTime`
/// (`YYYYMMDDHHMMSSZ`), the forms RFC 5280 allows in a certificate.
fn time_value(tag: u8, text: &str) -> Option<Timestamp> {
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match (tag, digits.len()) {
        (UTC_TIME, 12) => {
            let short: i32 = digits[..2].parse().ok()?;
            (if short >= 50 { 1900 + short } else { 2000 + short }, &digits[2..])
        }
        (GENERALIZED_TIME, 14) => (digits[..4].parse().ok()?, &digits[4..]),
        _ => return None,
    };
    let two = |at: usize| rest[at..at + 2].parse::<u8>().ok();
    let date = Date::from_calendar_date(year, Month::try_from(two(0)?).ok()?, two(2)?).ok()?;
    let time = Time::from_hms(two(4)?, two(6)?, two(8)?).ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PEM block around `der`.
    fn pem(der: &[u8]) -> String {
        format!("{BEGIN}\n{}\n{END}\n", base64::engine::general_purpose::STANDARD.encode(der))
    }

    /// A DER element.
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        if content.len() < 0x80 {
            out.push(u8::try_from(content.len()).unwrap());
        } else {
            out.extend([
                0x82,
                u8::try_from(content.len() >> 8).unwrap(),
                u8::try_from(content.len() & 0xff).unwrap(),
            ]);
        }
        out.extend(content);
        out
    }

    /// A certificate skeleton with the given validity times (and a long issuer, so that
    /// lengths take the long form).
    fn certificate(not_before: &[u8], not_after: &[u8], with_version: bool) -> Vec<u8> {
        let mut tbs = Vec::new();
        if with_version {
            tbs.extend(tlv(VERSION, &tlv(INTEGER, &[2])));
        }
        tbs.extend(tlv(INTEGER, &[1, 2, 3]));
        tbs.extend(tlv(SEQUENCE, &[]));
        tbs.extend(tlv(SEQUENCE, &[b'x'; 200]));
        tbs.extend(tlv(SEQUENCE, &[not_before, not_after].concat()));
        tlv(SEQUENCE, &[tlv(SEQUENCE, &tbs), tlv(SEQUENCE, &[])].concat())
    }

    fn rfc3339(pem: &str) -> Option<String> {
        not_after(pem).map(|t| crate::timestamp::to_rfc3339(&t))
    }

    #[test]
    fn utc_and_generalized_times_as_openssl_enddate_reads_them() {
        let utc = |text: &str| tlv(UTC_TIME, text.as_bytes());
        let generalized = |text: &str| tlv(GENERALIZED_TIME, text.as_bytes());
        let cases = [
            (certificate(&utc("250101000000Z"), &utc("361130090231Z"), true), "2036-11-30T09:02:31Z"),
            (certificate(&utc("250101000000Z"), &utc("991231235959Z"), false), "1999-12-31T23:59:59Z"),
            (
                certificate(&utc("250101000000Z"), &generalized("20550701120000Z"), true),
                "2055-07-01T12:00:00Z",
            ),
        ];
        for (der, expected) in cases {
            assert_eq!(rfc3339(&pem(&der)).as_deref(), Some(expected));
        }
    }

    /// One `AttributeTypeAndValue` set of a Name.
    fn attribute(oid: &[u8], tag: u8, value: &str) -> Vec<u8> {
        tlv(SET, &tlv(SEQUENCE, &[tlv(OBJECT_IDENTIFIER, oid), tlv(tag, value.as_bytes())].concat()))
    }

    #[test]
    fn the_issuer_values_come_in_order() {
        let issuer = [
            attribute(&[0x55, 0x04, 0x06], PRINTABLE_STRING, "US"),
            attribute(&[0x55, 0x04, 0x0a], UTF8_STRING, "Let's Encrypt"),
            attribute(&[0x55, 0x04, 0x03], PRINTABLE_STRING, "R3"),
        ]
        .concat();
        let mut tbs = tlv(VERSION, &tlv(INTEGER, &[2]));
        tbs.extend(tlv(INTEGER, &[1]));
        tbs.extend(tlv(SEQUENCE, &[]));
        tbs.extend(tlv(SEQUENCE, &issuer));
        let der = tlv(SEQUENCE, &[tlv(SEQUENCE, &tbs), tlv(SEQUENCE, &[])].concat());
        assert_eq!(issuer_values(&pem(&der)), Some(vec!["US".into(), "Let's Encrypt".into(), "R3".into()]));
        assert_eq!(issuer_values("no certificate"), None);
    }

    #[test]
    fn the_first_certificate_counts_and_garbage_reads_as_none() {
        let utc = |text: &str| tlv(UTC_TIME, text.as_bytes());
        let first = pem(&certificate(&utc("250101000000Z"), &utc("300101000000Z"), true));
        let second = pem(&certificate(&utc("250101000000Z"), &utc("400101000000Z"), true));
        assert_eq!(rfc3339(&format!("{first}{second}")).as_deref(), Some("2030-01-01T00:00:00Z"));
        assert_eq!(not_after("no certificate"), None);
        assert_eq!(not_after(&pem(&[0x30, 0x05, 0x30])), None);
        assert_eq!(not_after(&pem(&certificate(&utc("250101000000Z"), &utc("301301000000Z"), true))), None);
    }
}
