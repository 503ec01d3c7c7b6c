//! When two stored values mean the same thing to Docker, so that a re-apply changes nothing.
//!
//! Dokku stores a value as given and changes it only when it builds Docker's arguments: a
//! `memory` value without one of the suffixes `b k m g KB MB GB B` (case-sensitive) gets `m`
//! appended. Docker then reads sizes with binary units, case-insensitively, with an optional
//! `b`/`ib` (`512m` = `512MB` = `0.5g` = 536870912 bytes). `memory-swap` gets no suffix (a bare
//! number is bytes; `-1` is unlimited). `cpu` is a decimal number (`1.5` = `1.50`). Other values
//! compare as text.

/// The size in bytes Docker reads from `text`, if it reads one.
fn docker_bytes(text: &str) -> Option<u128> {
    let text = text.trim();
    let digits_end = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits_end);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim_start().to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    let power = match unit {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return None,
    };
    let bytes = number * 1024f64.powi(power);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (bytes.is_finite() && bytes >= 0.0).then_some(bytes as u128)
}

/// What Dokku hands Docker for `resource`'s stored `value`.
pub fn docker_value(resource: &str, value: &str) -> String {
    const SUFFIXES: [&str; 8] = ["b", "k", "m", "g", "KB", "MB", "GB", "B"];
    if resource == "memory" && !SUFFIXES.iter().any(|s| value.ends_with(s)) {
        format!("{value}m")
    } else {
        value.to_owned()
    }
}

/// Whether Docker reads `value` of `resource` as a valid setting (memory sizes only; other
/// resources are not checked).
pub fn docker_accepts(resource: &str, value: &str) -> bool {
    match resource {
        "memory" => docker_bytes(&docker_value(resource, value)).is_some(),
        "memory-swap" => value == "-1" || docker_bytes(value).is_some(),
        _ => true,
    }
}

/// Whether two stored values of `resource` mean the same setting.
pub fn same_value(resource: &str, a: &str, b: &str) -> bool {
    if a.trim() == b.trim() {
        return true;
    }
    match resource {
        "memory" | "memory-swap" => {
            match (docker_bytes(&docker_value(resource, a)), docker_bytes(&docker_value(resource, b))) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            }
        }
        "cpu" => match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
            (Ok(x), Ok(y)) => (x - y).abs() < 1e-9,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_units_normalise_as_docker_reads_them() {
        for (a, b) in
            [("512m", "512MB"), ("512m", "512"), ("1g", "1024m"), ("0.5g", "512m"), ("536870912b", "512m")]
        {
            assert!(same_value("memory", a, b), "{a} = {b}");
        }
        assert!(!same_value("memory", "512m", "256m"));
        // Dokku adds no suffix to `512M` (its check is case-sensitive): Docker gets `512Mm`.
        assert!(!same_value("memory", "512M", "512m") && !docker_accepts("memory", "512M"));
        // A bare memory-swap number is bytes, not megabytes.
        assert!(!same_value("memory-swap", "512", "512m"));
        assert!(same_value("memory-swap", "1g", "1024m") && docker_accepts("memory-swap", "-1"));
        assert!(same_value("cpu", "1.5", "1.50") && !same_value("cpu", "1", "2"));
        assert!(!same_value("nvidia-gpu", "1", "all"));
    }
}
