//! Architecture check: no two files of a product crate import each other, directly or through
//! others (`docs/ARCHITECTURE.md`, "no file circles"). Each file's `crate::…` paths outside its
//! `#[cfg(test)]` part are its edges; a strongly connected group of more than one file is a
//! circle, reported with its members.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The `.rs` files under `dir`, recursively.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// `src/a/b.rs` → `a::b`, `src/a/mod.rs` → `a`.
fn module_name(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|p| *p != "mod").collect();
    parts.join("::")
}

/// The modules of `known` that `text` names as `crate::<module>…`, longest known prefix first.
fn imported_modules(text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let path: String = text[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
        if let Some(module) =
            (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|candidate| known.contains(candidate))
        {
            found.insert(module);
        }
    }
    found
}

/// Tarjan's strongly connected components of more than one node.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            for next in self.graph.get(node).into_iter().flatten() {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut group = Vec::new();
                while let Some(member) = self.stack.pop() {
                    group.push(member.to_owned());
                    if member == node {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk =
        Walk { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    walk.found
}

#[test]
fn no_product_crate_has_file_circles() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates");
    let mut problems = Vec::new();
    let mut checked = 0;
    for entry in fs::read_dir(&crates).unwrap_or_else(|e| panic!("{}: {e}", crates.display())).flatten() {
        let src = entry.path().join("src");
        if !src.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let texts: BTreeMap<String, String> = files
            .iter()
            .map(|f| {
                let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                // Test modules may reach anywhere: only the product code's edges count.
                let product = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
                (module_name(&src, f), product)
            })
            .collect();
        let known: BTreeSet<String> = texts.keys().cloned().collect();
        let graph: BTreeMap<String, BTreeSet<String>> = texts
            .iter()
            .map(|(module, text)| {
                let mut edges = imported_modules(text, &known);
                edges.remove(module);
                (module.clone(), edges)
            })
            .collect();
        checked += 1;
        for group in circles(&graph) {
            problems.push(format!("{}: {}", entry.file_name().to_string_lossy(), group.join(" <-> ")));
        }
    }
    assert!(checked >= 17, "only {checked} crates under {}", crates.display());
    assert!(problems.is_empty(), "files that import each other:\n{}", problems.join("\n"));
}
