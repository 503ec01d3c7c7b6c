//! Small pure helpers for the plugins' `diff` functions.

use std::collections::{BTreeMap, BTreeSet};

/// Records of two states paired by a key.
#[derive(Debug)]
pub struct Paired<'a, R> {
    /// In `desired` only, in desired order.
    pub added: Vec<&'a R>,
    /// In `current` only, in current order.
    pub removed: Vec<&'a R>,
    /// In both, as (current, desired), in desired order; equal pairs included.
    pub both: Vec<(&'a R, &'a R)>,
}

/// Pairs `current` and `desired` records by `key` (the last record wins for a repeated key).
pub fn pair_by<'a, R, K: Ord>(current: &'a [R], desired: &'a [R], key: impl Fn(&R) -> K) -> Paired<'a, R> {
    let now: BTreeMap<K, &R> = current.iter().map(|r| (key(r), r)).collect();
    let wanted: BTreeMap<K, &R> = desired.iter().map(|r| (key(r), r)).collect();
    let mut added = Vec::new();
    let mut both = Vec::new();
    let mut seen = BTreeSet::new();
    for record in desired {
        let k = key(record);
        if seen.contains(&k) {
            continue;
        }
        let Some(last) = wanted.get(&k) else { continue };
        match now.get(&k) {
            Some(current) => both.push((*current, *last)),
            None => added.push(*last),
        }
        seen.insert(k);
    }
    let removed = current.iter().filter(|r| !wanted.contains_key(&key(r))).collect();
    Paired { added, removed, both }
}

/// Each key once, holding its last record, in order of the key's first appearance.
pub fn last_per_key<'a, R, K: Ord>(
    records: impl IntoIterator<Item = &'a R>,
    key: impl Fn(&R) -> K,
) -> Vec<&'a R> {
    let mut slots: Vec<&R> = Vec::new();
    let mut slot_of: BTreeMap<K, usize> = BTreeMap::new();
    for record in records {
        match slot_of.get(&key(record)) {
            Some(&at) => slots[at] = record,
            None => {
                slot_of.insert(key(record), slots.len());
                slots.push(record);
            }
        }
    }
    slots
}

/// An optional value as plan text (`None` stays `None`).
pub fn shown<T: ToString>(value: Option<&T>) -> Option<String> {
    value.map(ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::pair_by;

    #[test]
    fn pairs_by_key() {
        let current = [("a", 1), ("b", 2), ("c", 3)];
        let desired = [("c", 3), ("b", 5), ("d", 4)];
        let p = pair_by(&current, &desired, |r| r.0);
        assert_eq!(p.added, [&("d", 4)]);
        assert_eq!(p.removed, [&("a", 1)]);
        assert_eq!(p.both, [(&("c", 3), &("c", 3)), (&("b", 2), &("b", 5))]);
    }
}
