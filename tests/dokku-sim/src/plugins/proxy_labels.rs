//! `<proxy>:labels:add|remove|show` of the caddy, haproxy, openresty and traefik plugins, which
//! all call plugins/proxy/command-functions (`cmd-proxy-labels-*`) with their proxy name.
//!
//! The labels file (`$DOKKU_LIB_ROOT/config/<proxy>/<app>/labels`, the `labels` property of
//! the proxy's namespace) holds `NAME=VALUE` lines, rewritten through `sed '/^$/d' | sort -u`
//! after every change. The simulator keeps them newline-joined in that property and sorts
//! bytewise (the `C` collation). Not modelled: `echo -e` re-reading the file, which would turn
//! backslash escapes inside stored values into the characters they name.

use crate::invocation::Invocation;
use crate::output::Outcome;

/// Routes `labels:add|remove|show` for `proxy`; `None` for other subcommands.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, proxy: &str, sub: &str, args: &[String]) -> Option<Outcome> {
    // `<proxy>:labels:*` arrived in v0.37.0 (plugins/<proxy>-vhosts/commands).
    if !inv.version.at_least(0, 37, 0) {
        return None;
    }
    let word = |index: usize| args.get(index).cloned().unwrap_or_default();
    Some(match sub {
        "labels:add" => add(inv, proxy, &word(0), &word(1), &word(2)),
        "labels:remove" => remove(inv, proxy, &word(0), &word(1)),
        "labels:show" => show(inv, proxy, &word(0), &word(1)),
        _ => return None,
    })
}

/// The app's label lines.
fn labels(inv: &Invocation<'_>, proxy: &str, app: &str) -> Vec<String> {
    let stored = inv.state.apps.get(app).map(|a| a.property(proxy, "labels")).unwrap_or_default();
    stored.lines().map(str::to_owned).collect()
}

/// Writes the lines back as `sed '/^$/d' | sort -u` leaves them.
fn write_labels(inv: &mut Invocation<'_>, proxy: &str, app: &str, mut lines: Vec<String>) {
    lines.retain(|line| !line.is_empty());
    lines.sort();
    lines.dedup();
    if let Some(state) = inv.state.apps.get_mut(app) {
        state.set_property(proxy, "labels", &lines.join("\n"));
    }
}

/// Lines other than those of label `name` (the script's `sed -E "s/^<escaped name>=.*$//"`).
fn without_label(lines: Vec<String>, name: &str) -> Vec<String> {
    let prefix = format!("{name}=");
    lines.into_iter().filter(|line| !line.starts_with(&prefix)).collect()
}

/// `cmd-proxy-labels-add`: name and value checks before the app check; the label replaces
/// any line of the same name.
fn add(inv: &mut Invocation<'_>, proxy: &str, app: &str, name: &str, value: &str) -> Outcome {
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a container label for the app"));
    }
    if value.is_empty() {
        return Err(inv.out.fail("Please specify a value for the container label"));
    }
    super::verify_app_bash(inv, app)?;
    let mut lines = without_label(labels(inv, proxy, app), name);
    lines.push(format!("{name}={value}"));
    write_labels(inv, proxy, app, lines);
    Ok(())
}

/// `cmd-proxy-labels-remove`: removing from an empty file changes nothing.
fn remove(inv: &mut Invocation<'_>, proxy: &str, app: &str, name: &str) -> Outcome {
    if name.is_empty() {
        return Err(inv.out.fail("Please specify a container label for the app"));
    }
    super::verify_app_bash(inv, app)?;
    let lines = labels(inv, proxy, app);
    if lines.is_empty() {
        return Ok(());
    }
    write_labels(inv, proxy, app, without_label(lines, name));
    Ok(())
}

/// `cmd-proxy-labels-show`: one label's value (`fn-proxy-show-label`, an empty line when it is
/// not set, nothing when no label is), or every label (`fn-proxy-display-labels`).
fn show(inv: &mut Invocation<'_>, proxy: &str, app: &str, name: &str) -> Outcome {
    super::verify_app_bash(inv, app)?;
    let lines = labels(inv, proxy, app);
    if !name.is_empty() {
        if lines.is_empty() {
            return Ok(());
        }
        let prefix = format!("{name}=");
        let values: Vec<&str> = lines.iter().filter_map(|line| line.strip_prefix(&prefix)).collect();
        inv.out.line(&values.join("\n"));
        return Ok(());
    }
    if lines.is_empty() {
        if !inv.out.quiet {
            inv.out.warn(&format!("No {proxy} labels set for {app}"));
        }
        return Ok(());
    }
    inv.out.info2_quiet(&format!("{app} {proxy} labels"));
    // `while read -r line` trims surrounding whitespace; blank and `#` lines are skipped.
    for line in lines.iter().map(|line| line.trim()).filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        inv.out.verbose(line);
    }
    Ok(())
}
