//! A plan as people read it (`+` added, `-` removed, `~` changed) or as JSON for machines.
//! Secret values never show unless asked for: a changed secret reads `(secret, changed)`.

use std::fmt::Write as _;

use dokku_core::plugin::{Change, ChangeKind};
use serde_json::json;

use super::converge::ConvergencePlan;

/// What a hidden secret value shows as.
pub const HIDDEN_SECRET: &str = "(secret)";
/// What a changed hidden secret shows as.
pub const CHANGED_SECRET: &str = "(secret, changed)";

fn value(text: Option<&String>, secret: bool, show_secrets: bool) -> String {
    match text {
        None => String::new(),
        Some(_) if secret && !show_secrets => HIDDEN_SECRET.to_owned(),
        Some(t) => t.clone(),
    }
}

fn line(change: &Change, show_secrets: bool) -> String {
    if change.secret && !show_secrets && change.kind == ChangeKind::Change {
        return format!("~ {}: {CHANGED_SECRET}", change.subject);
    }
    let old = value(change.old.as_ref(), change.secret, show_secrets);
    let new = value(change.new.as_ref(), change.secret, show_secrets);
    match change.kind {
        ChangeKind::Add if new.is_empty() => format!("+ {}", change.subject),
        ChangeKind::Add => format!("+ {}: {new}", change.subject),
        ChangeKind::Remove if old.is_empty() => format!("- {}", change.subject),
        ChangeKind::Remove => format!("- {}: {old}", change.subject),
        ChangeKind::Change => format!("~ {}: {old} -> {new}", change.subject),
    }
}

/// Counts of added, changed and removed items.
pub fn counts(plan: &ConvergencePlan) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for change in plan.steps.iter().flat_map(|s| s.diff.changes.iter()) {
        match change.kind {
            ChangeKind::Add => c.0 += 1,
            ChangeKind::Change => c.1 += 1,
            ChangeKind::Remove => c.2 += 1,
        }
    }
    c
}

/// The plan as text, grouped by plugin and app.
pub fn text(plan: &ConvergencePlan, show_secrets: bool) -> String {
    let mut out = String::new();
    for step in &plan.steps {
        let _ = writeln!(out, "{}", step.plugin.key());
        // Changes grouped by app, apps in first-seen order (global first when present).
        let mut scopes: Vec<(Option<&str>, Vec<&Change>)> = Vec::new();
        let mut index: std::collections::HashMap<Option<&str>, usize> = std::collections::HashMap::new();
        for change in &step.diff.changes {
            let at = *index.entry(change.app.as_deref()).or_insert_with(|| {
                scopes.push((change.app.as_deref(), Vec::new()));
                scopes.len() - 1
            });
            scopes[at].1.push(change);
        }
        for (scope, changes) in scopes {
            let _ = writeln!(out, "  {}", scope.unwrap_or("(global)"));
            for change in changes {
                let _ = writeln!(out, "    {}", line(change, show_secrets));
            }
        }
    }
    for app in &plan.rebuilds {
        let _ = writeln!(out, "rebuild {app}");
    }
    for app in &plan.restarts {
        let _ = writeln!(out, "restart {app}");
    }
    for app in &plan.proxy_rebuilds {
        let _ = writeln!(out, "rebuild proxy config {app}");
    }
    let (add, change, remove) = counts(plan);
    let commands =
        plan.commands().count() + plan.restarts.len() + plan.rebuilds.len() + plan.proxy_rebuilds.len();
    if plan.is_empty() {
        out.push_str("No changes: the server matches the document.\n");
    } else {
        let _ = writeln!(
            out,
            "Plan: {add} to add, {change} to change, {remove} to remove; {commands} command(s), {} restart(s), {} rebuild(s).",
            plan.restarts.len(),
            plan.rebuilds.len()
        );
    }
    out
}

/// The plan as JSON.
pub fn json(plan: &ConvergencePlan, show_secrets: bool) -> serde_json::Value {
    let plugins: Vec<serde_json::Value> = plan
        .steps
        .iter()
        .map(|step| {
            let changes: Vec<serde_json::Value> = step
                .diff
                .changes
                .iter()
                .map(|c| {
                    let mut shown = c.clone();
                    if c.secret && !show_secrets {
                        shown.old = c.old.as_ref().map(|_| HIDDEN_SECRET.to_owned());
                        shown.new = c.new.as_ref().map(|_| HIDDEN_SECRET.to_owned());
                    }
                    serde_json::to_value(shown).unwrap_or_default()
                })
                .collect();
            let commands: Vec<String> = step
                .diff
                .commands
                .iter()
                .map(|c| c.render(dokku_core::Invocation::default(), show_secrets))
                .collect();
            json!({ "plugin": step.plugin.key(), "changes": changes, "commands": commands })
        })
        .collect();
    let (add, change, remove) = counts(plan);
    json!({
        "changed": !plan.is_empty(),
        "summary": { "add": add, "change": change, "remove": remove },
        "plugins": plugins,
        "restarts": plan.restarts,
        "rebuilds": plan.rebuilds,
        "proxy_rebuilds": plan.proxy_rebuilds,
    })
}
