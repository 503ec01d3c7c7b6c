//! The plugin dependency graph in Graphviz DOT.

use std::fmt::Write as _;

use dokku_core::plugin::PluginGlue;

use super::scheduler::batches;

/// DOT text: one invisible cluster per scheduler batch (same rank), one edge per requirement.
pub fn dot(plugins: &[&dyn PluginGlue], indent: usize) -> Result<String, String> {
    let l1 = " ".repeat(indent);
    let l2 = " ".repeat(indent * 2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "digraph {{\n{l1}rankdir=LR;\n{l1}label=\"dokku-rs plugin dependency\";\n{l1}node [shape=box];"
    );
    for (i, batch) in batches(plugins)?.iter().enumerate() {
        let _ = writeln!(out, "{l1}subgraph cluster_{i} {{\n{l2}style=invis;\n{l2}rank=same;");
        for p in batch {
            let _ = writeln!(out, "{l2}\"{}\";", p.key());
        }
        let _ = writeln!(out, "{l1}}}");
    }
    for p in plugins {
        for r in p.requires().iter().filter(|r| plugins.iter().any(|q| q.key() == **r)) {
            let _ = writeln!(out, "{l1}\"{r}\" -> \"{}\";", p.key());
        }
    }
    out.push_str("}\n");
    Ok(out)
}
