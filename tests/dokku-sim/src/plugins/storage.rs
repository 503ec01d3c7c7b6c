//! The `storage` plugin's legacy colon-form bind mounts, the storage entries they register,
//! and its reports (plugins/storage in Dokku 0.38.27).

use sha1::Digest;

use super::verify_app_go;
use crate::go_json::go_string;
use crate::invocation::Invocation;
use crate::legacy_report::{LegacyLayout, Renderer, run_versioned_report, same};
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject};
use crate::state::Mount;
use crate::version::DokkuVersion;

/// `storage:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "storage",
    report_type: "storage",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 37, 5),
};

/// `storage:report` before its Go port in 0.37.5: bash `cmd-storage-report-single`
/// (plugins/storage/internal-functions v0.33.0 to v0.37.4).
const LEGACY: &[LegacyLayout] = &[LegacyLayout {
    until: DokkuVersion::new(0, 37, 5),
    renderer: Renderer::Bash { noun: "storage", global_scope: false, empty_info_fails: true },
    fields: &[same("--storage-build-mounts"), same("--storage-deploy-mounts"), same("--storage-run-mounts")],
    namespace: "storage",
}];

/// The scheduler of every entry the simulator registers (legacy mounts are docker-local).
const SCHEDULER: &str = "docker-local";

/// `SchemaVersion` of a storage entry (plugins/storage/entry.go).
const SCHEMA_VERSION: u32 = 1;

/// Where `storage:ensure-directory` creates directories.
const STORAGE_ROOT: &str = "/var/lib/dokku/data/storage";

/// Routes `storage:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "ensure-directory" => ensure_directory(inv, args),
        "mount" => mount(inv, args),
        "unmount" => unmount(inv, args),
        "list" => list(inv, args),
        "list-entries" => list_entries(inv, args),
        "destroy" => destroy(inv, args),
        "report" if args.iter().any(|a| a == "--global") => global_report(inv, args),
        "report" => run_versioned_report(inv, &REPORT, LEGACY, args, &report_values),
        _ => return None,
    })
}

/// The uid:gid a `--chown` option stands for.
fn chown_id(option: &str) -> Option<&'static str> {
    match option {
        "herokuish" | "" => Some("32767:32767"),
        "heroku" => Some("1000:1000"),
        "paketo" | "packeto" => Some("2000:2000"),
        "root" => Some("0:0"),
        "false" => None,
        _ => Some("32767:32767"),
    }
}

/// `storage:ensure-directory [--chown ...] <dir>`.
fn ensure_directory(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:ensure-directory", args, &[], &["chown"])?;
    let directory = flags.arg(0);
    if directory.is_empty() {
        return Err(inv.out.fail("Please specify a directory to create"));
    }
    let chown = flags.value("chown").unwrap_or("herokuish").to_string();
    let valid = ["herokuish", "heroku", "paketo", "packeto", "root", "false"];
    if !valid.contains(&chown.as_str()) {
        return Err(inv.out.fail(&format!("Unsupported chown permissions: {chown}")));
    }
    inv.out.warn("Deprecated: please use 'storage:create' instead of 'storage:ensure-directory'");
    let path = format!("{STORAGE_ROOT}/{directory}");
    inv.out.info1(&format!("Ensuring {path} exists"));
    if let Some(id) = chown_id(&chown) {
        inv.out.verbose(&format!("Setting directory ownership to {id}"));
    }
    inv.out.verbose("Directory ready for mounting");
    inv.state.storage_directories.insert(path);
    Ok(())
}

/// `VerifyPaths` (plugins/storage/storage.go): a host path must be followed by `:/`, a volume
/// name must be two characters or more of `[a-zA-Z0-9_.-]` (starting alphanumeric).
fn verify_paths(text: &str) -> Result<(), &'static str> {
    if text.starts_with('/') {
        // `^/.*:/`
        return if text.contains(":/") {
            Ok(())
        } else {
            Err("Storage path must be two valid paths divided by colon.")
        };
    }
    let volume_ok = text.split_once(":/").is_some_and(|(name, _)| {
        let mut characters = name.chars();
        characters.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && name.len() >= 2
            && characters.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    });
    if volume_ok {
        Ok(())
    } else {
        Err(
            "Volume name must be two characters or more. Volume name must not contain invalid characters. Storage path must be two valid paths divided by colon.",
        )
    }
}

/// `VerifyPaths` then `ParseMountPath`: `<host>:<container>[:<options>]`.
fn parse_mount(text: &str) -> Result<Mount, &'static str> {
    verify_paths(text)?;
    let mut parts = text.splitn(3, ':');
    let host = parts.next().unwrap_or("").to_string();
    let container = parts.next().unwrap_or("").to_string();
    let options = parts.next().unwrap_or("").to_string();
    if container.is_empty() {
        return Err("Storage path must be two valid paths divided by colon.");
    }
    Ok(Mount { host_path: host, container_path: container, options })
}

/// `ParseMountPath`'s options: a `ro` token becomes the read-only flag, the other tokens (in
/// order, empty ones included) are rejoined as the volume options.
fn readonly_and_options(mount: &Mount) -> (bool, String) {
    if mount.options.is_empty() {
        return (false, String::new());
    }
    let tokens: Vec<&str> = mount.options.split(',').collect();
    let readonly = tokens.contains(&"ro");
    let rest: Vec<&str> = tokens.into_iter().filter(|token| *token != "ro").collect();
    (readonly, rest.join(","))
}

/// `formatStorageListEntry`: the colon form, options as `ro[,<volume options>]`.
pub(crate) fn mount_text(mount: &Mount) -> String {
    let options = match readonly_and_options(mount) {
        (true, volume) if !volume.is_empty() => format!("ro,{volume}"),
        (true, _) => "ro".to_owned(),
        (false, volume) => volume,
    };
    if options.is_empty() {
        format!("{}:{}", mount.host_path, mount.container_path)
    } else {
        format!("{}:{}:{options}", mount.host_path, mount.container_path)
    }
}

/// `LegacyMountToEntry`'s name: `legacy-` + 10 hex digits of the SHA-1 of the host path.
fn legacy_entry_name(host: &str) -> String {
    let input = if host.starts_with('/') { host.to_string() } else { format!("vol:{host}") };
    let digest = sha1::Sha1::digest(input.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("legacy-{}", &hex[..10])
}

/// An app's mounts as `AttachmentsForPhase` returns them for the deploy and run phases (every
/// colon-form mount has both): sorted by entry name, then container path.
fn sorted_mounts(inv: &Invocation<'_>, app: &str) -> Vec<Mount> {
    let mut mounts = inv.state.apps.get(app).map(|a| a.mounts.clone()).unwrap_or_default();
    mounts.sort_by_cached_key(|m| (legacy_entry_name(&m.host_path), m.container_path.clone()));
    mounts
}

/// `storage:mount <app> /host:/container[:opts]` (`mountLegacyColon`): registers the legacy
/// entry, then adds the attachment unless one has the same entry and container path (options
/// do not count).
fn mount(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:mount", args, &[], &[])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let mount = parse_mount(&flags.arg(1)).map_err(|message| inv.out.fail(message))?;
    let entry = legacy_entry_name(&mount.host_path);
    inv.state.storage_entries.entry(entry.clone()).or_insert_with(|| mount.host_path.clone());
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    if state
        .mounts
        .iter()
        .any(|m| legacy_entry_name(&m.host_path) == entry && m.container_path == mount.container_path)
    {
        return Err(inv.out.fail("Mount path already exists."));
    }
    state.mounts.push(mount);
    Ok(())
}

/// `storage:unmount <app> /host:/container[:opts]` (`unmountLegacyColon`): removes the
/// attachment of that entry at that container path, whatever its options; the entry stays.
fn unmount(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:unmount", args, &[], &["container-dir"])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let wanted = parse_mount(&flags.arg(1)).map_err(|message| inv.out.fail(message))?;
    let entry = legacy_entry_name(&wanted.host_path);
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    let before = state.mounts.len();
    state
        .mounts
        .retain(|m| !(legacy_entry_name(&m.host_path) == entry && m.container_path == wanted.container_path));
    if state.mounts.len() == before {
        return Err(inv.out.fail("Mount path does not exist."));
    }
    Ok(())
}

/// `storage:list <app> [--format text|json]` (`CommandList`): the deploy-phase mounts, sorted.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    if !inv.version.at_least(0, 37, 5) {
        return list_bash(inv, args);
    }
    let flags = parse_flags(inv, "storage:list", args, &[], &["format"])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let format = flags.value("format").unwrap_or("text").to_string();
    if format != "text" && format != "json" {
        return Err(inv.out.fail("Invalid --format value specified"));
    }
    let mounts = sorted_mounts(inv, &app);
    if format == "json" {
        let items: Vec<String> = mounts
            .iter()
            .map(|m| {
                let mut item = format!(
                    "{{\"entry_name\":{},\"host_path\":{},\"container_path\":{}",
                    go_string(&legacy_entry_name(&m.host_path)),
                    go_string(&m.host_path),
                    go_string(&m.container_path)
                );
                let (readonly, options) = readonly_and_options(m);
                if readonly {
                    item.push_str(",\"readonly\":true");
                }
                if !options.is_empty() {
                    item.push_str(&format!(",\"volume_options\":{}", go_string(&options)));
                }
                item.push('}');
                item
            })
            .collect();
        inv.out.line(&format!("[{}]", items.join(",")));
        return Ok(());
    }
    inv.out.info1_quiet(&format!("{app} volume bind-mounts:"));
    for mount in &mounts {
        if inv.out.quiet {
            inv.out.line(&mount_text(mount));
        } else {
            inv.out.verbose(&mount_text(mount));
        }
    }
    Ok(())
}

/// `storage:list` before its Go port in 0.37.5 (`cmd-storage-list`, plugins/storage/
/// internal-functions at v0.33.9 and v0.35.20, and the `storage-list` trigger): `APP
/// [--format json|text]` by position; only an explicit `--format text` prints the header and
/// indents; JSON is `jq -M -n '[inputs]'` of `{host_path, container_path, volume_options}`
/// (the third `:` field) per `-v` line of the deploy phase, in file order.
fn list_bash(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let word = |index: usize| args.get(index).cloned().unwrap_or_default();
    let (app, format_flag, format_value) = (word(0), word(1), word(2));
    let mut format = "text";
    if format_flag == "--format" {
        if format_value == "json" || format_value == "text" {
            format = if format_value == "json" { "json" } else { "text" };
        } else {
            return Err(inv.out.fail("Invalid --format value specified"));
        }
    } else if !format_flag.is_empty() {
        return Err(inv.out.fail("Invalid argument specified"));
    }
    super::verify_app_bash(inv, &app)?;
    let lines: Vec<String> =
        inv.state.apps.get(&app).map(|a| a.mounts.iter().map(mount_text).collect()).unwrap_or_default();
    if format_value == "text" {
        inv.out.info1_quiet(&format!("{app} volume bind-mounts:"));
        for line in &lines {
            inv.out.line(&format!("       {line}"));
        }
        return Ok(());
    }
    if format == "text" {
        for line in &lines {
            inv.out.line(line);
        }
        return Ok(());
    }
    if lines.is_empty() {
        inv.out.line("[]");
        return Ok(());
    }
    let objects: Vec<String> = lines
        .iter()
        .map(|line| {
            let field = |index: usize| line.split(':').nth(index).unwrap_or_default().to_string();
            format!(
                "  {{\n    \"host_path\": {},\n    \"container_path\": {},\n    \"volume_options\": {}\n  }}",
                jq_string(&field(0)),
                jq_string(&field(1)),
                jq_string(&field(2))
            )
        })
        .collect();
    inv.out.line(&format!("[\n{}\n]", objects.join(",\n")));
    Ok(())
}

/// A JSON string as jq prints it (no HTML escaping, unlike Go).
fn jq_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `storage:list-entries [--scheduler <s>] [--format text|json]` (`CommandListEntries`): every
/// registered entry by name; JSON is Go's `MarshalIndent` with two spaces.
fn list_entries(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:list-entries", args, &[], &["scheduler", "format"])?;
    let scheduler = flags.value("scheduler").unwrap_or("");
    let entries: Vec<(String, String)> = if scheduler.is_empty() || scheduler == SCHEDULER {
        inv.state.storage_entries.iter().map(|(name, host)| (name.clone(), host.clone())).collect()
    } else {
        Vec::new()
    };
    if flags.value("format") == Some("json") {
        let items: Vec<String> = entries.iter().map(|(name, host)| entry_json(name, host, "  ")).collect();
        if items.is_empty() {
            inv.out.line("[]");
        } else {
            inv.out.line(&format!("[\n{}\n]", items.join(",\n")));
        }
        return Ok(());
    }
    if entries.is_empty() {
        inv.out.info1_quiet("No storage entries registered");
        return Ok(());
    }
    inv.out.info1_quiet("Storage entries:");
    for (name, host) in entries {
        inv.out.verbose(&format!("{name}\t{SCHEDULER}\t{host}"));
    }
    Ok(())
}

/// `storage:destroy <name> [--force] [--destroy-host-dir]` (`CommandDestroy`,
/// plugins/storage/commands_entries.go) for the entries the simulator registers (docker-local,
/// legacy host paths, no reclaim policy): refused while an app mounts it; `--destroy-host-dir`
/// needs the default host path, which a legacy entry never has.
fn destroy(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:destroy", args, &["force", "destroy-host-dir"], &[])?;
    let name = flags.arg(0);
    if name.is_empty() {
        return Err(inv.out.fail("storage entry name is required"));
    }
    let Some(host) = inv.state.storage_entries.get(&name).cloned() else {
        return Err(inv.out.fail(&format!("storage entry {} does not exist", go_string(&name))));
    };
    let using: Vec<String> = inv
        .state
        .apps
        .iter()
        .filter(|(_, state)| state.mounts.iter().any(|m| legacy_entry_name(&m.host_path) == name))
        .map(|(app, _)| app.clone())
        .collect();
    if !using.is_empty() {
        return Err(inv.out.fail(&format!(
            "storage entry {} is still mounted by app(s): {}",
            go_string(&name),
            using.join(", ")
        )));
    }
    if flags.has("destroy-host-dir") {
        let default = format!("{STORAGE_ROOT}/{name}");
        return Err(inv.out.fail(&format!(
            "--destroy-host-dir is only supported when the storage entry uses the default host path ({default}); omit --destroy-host-dir and manage {host} manually"
        )));
    }
    if !(flags.has("force") || inv.force) {
        super::apps::confirm_destruction(inv, &name, "storage entry")?;
    }
    inv.state.storage_entries.remove(&name);
    inv.out.info1(&format!("Storage entry {name} destroyed"));
    Ok(())
}

/// One `Entry` as `MarshalIndent(…, "", "  ")` prints it at the depth `indent` (the indent of
/// its braces): a legacy entry has a name, its scheduler, its host path and the schema version.
fn entry_json(name: &str, host: &str, indent: &str) -> String {
    let inner = format!("{indent}  ");
    let mut fields = vec![
        format!("{inner}\"name\": {}", go_string(name)),
        format!("{inner}\"scheduler\": \"{SCHEDULER}\""),
    ];
    if !host.is_empty() {
        fields.push(format!("{inner}\"host_path\": {}", go_string(host)));
    }
    fields.push(format!("{inner}\"schema_version\": {SCHEMA_VERSION}"));
    format!("{indent}{{\n{}\n{indent}}}", fields.join(",\n"))
}

/// The files the plugin keeps for the state on 0.38 (entries and attachments; before that the
/// mounts were `-v` docker options): each app's attachment list, the property list
/// `$DOKKU_LIB_ROOT/config/storage/<app>/mounts` (`SaveAttachments`, `attachment.go`: one
/// `json.Marshal`led `Attachment` per line, `PropertyListWrite`, 0600), in the order the
/// mounts were added; and each registered entry, `$DOKKU_LIB_ROOT/data/storage-registry/
/// entries/<name>.json` (`SaveEntry`, `entry.go`: `MarshalIndent` with two spaces, no final
/// newline, 0600). An app whose last mount went keeps an empty list, which reads as no file.
pub(crate) fn storage_files(state: &crate::state::State, version: DokkuVersion) -> Vec<(String, String)> {
    if !version.at_least(0, 38, 0) {
        return Vec::new();
    }
    let lib = crate::server_files::DOKKU_LIB_ROOT;
    let mut files: Vec<(String, String)> = state
        .apps
        .iter()
        .filter(|(app, settings)| !settings.mounts.is_empty() && !app.contains('/'))
        .map(|(app, settings)| {
            let lines: String = settings.mounts.iter().map(|m| format!("{}\n", attachment_json(m))).collect();
            (format!("{lib}/config/storage/{app}/mounts"), lines)
        })
        .collect();
    files.extend(state.storage_entries.iter().filter(|(name, _)| !name.contains('/')).map(|(name, host)| {
        (format!("{lib}/data/storage-registry/entries/{name}.json"), entry_json(name, host, ""))
    }));
    files
}

/// One colon-form mount's `Attachment` as `json.Marshal` writes it (`mountLegacyColon`: both
/// phases, the default process type; `omitempty` drops a false read-only flag and no options).
fn attachment_json(mount: &Mount) -> String {
    let (readonly, options) = readonly_and_options(mount);
    let mut json = format!(
        "{{\"entry_name\":{},\"container_path\":{},\"phases\":[\"deploy\",\"run\"],\"process_type\":\"_default_\"",
        go_string(&legacy_entry_name(&mount.host_path)),
        go_string(&mount.container_path)
    );
    if readonly {
        json.push_str(",\"readonly\":true");
    }
    if !options.is_empty() {
        json.push_str(&format!(",\"volume_options\":{}", go_string(&options)));
    }
    json.push('}');
    json
}

/// `storage:report` values, including one attachment block per mount.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    let volumes: Vec<String> =
        sorted_mounts(inv, app).iter().map(|m| format!("-v {}", mount_text(m))).collect();
    // The attachment blocks follow `LoadAttachments`: the order the mounts were added.
    let mounts = inv.state.apps.get(app).map(|a| a.mounts.clone()).unwrap_or_default();
    values.set("--storage-build-mounts", "");
    if inv.version.at_least(0, 37, 5) {
        values.set("--storage-deploy-mounts", volumes.join(" "));
        values.set("--storage-run-mounts", volumes.join(" "));
    } else {
        // bash `fn-storage-bind-mounts` (v0.35.20): the `-v` lines of the phase file in the
        // order they were added, `tr '\n' ' '` (a trailing space).
        let in_order: String = mounts.iter().map(|m| format!("-v {} ", mount_text(m))).collect();
        values.set("--storage-deploy-mounts", in_order.clone());
        values.set("--storage-run-mounts", in_order);
    }
    for (index, mount) in mounts.iter().enumerate() {
        let prefix = format!("--storage-attachment.{}", index + 1);
        let (readonly, options) = readonly_and_options(mount);
        values.set(&format!("{prefix}.container-path"), mount.container_path.clone());
        values.set(&format!("{prefix}.entry-name"), legacy_entry_name(&mount.host_path));
        values.set(&format!("{prefix}.host-path"), mount.host_path.clone());
        values.set(&format!("{prefix}.phases"), "deploy,run");
        values.set(&format!("{prefix}.process-type"), "_default_");
        values.set(&format!("{prefix}.readonly"), readonly.to_string());
        values.set(&format!("{prefix}.subpath"), "");
        values.set(&format!("{prefix}.volume-chown"), "");
        values.set(&format!("{prefix}.volume-options"), options);
    }
    values
}

/// `storage:report --global` (`CommandReportGlobal`): not a report block but every registered
/// entry with the apps mounting it (`AppsUsingEntry`: sorted, `null` in JSON when there are no
/// apps at all, `—` in text when no app mounts it).
fn global_report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let no_apps = inv.state.apps.is_empty();
    let rows: Vec<(String, String, Vec<String>)> = inv
        .state
        .storage_entries
        .iter()
        .map(|(name, host)| {
            let users = inv
                .state
                .apps
                .iter()
                .filter(|(_, state)| state.mounts.iter().any(|m| legacy_entry_name(&m.host_path) == *name))
                .map(|(app, _)| app.clone())
                .collect();
            (name.clone(), host.clone(), users)
        })
        .collect();
    let json = args.windows(2).any(|pair| pair[0] == "--format" && pair[1] == "json");
    if json {
        let items: Vec<String> = rows
            .iter()
            .map(|(name, host, apps)| {
                let mounted_by = if no_apps {
                    "null".to_owned()
                } else if apps.is_empty() {
                    "[]".to_owned()
                } else {
                    let apps: Vec<String> = apps.iter().map(|a| format!("      {}", go_string(a))).collect();
                    format!("[\n{}\n    ]", apps.join(",\n"))
                };
                format!(
                    "  {{\n    \"entry\": {},\n    \"mounted_by\": {mounted_by}\n  }}",
                    entry_json(name, host, "    ").trim_start()
                )
            })
            .collect();
        if items.is_empty() {
            inv.out.line("[]");
        } else {
            inv.out.line(&format!("[\n{}\n]", items.join(",\n")));
        }
        return Ok(());
    }
    if rows.is_empty() {
        inv.out.info1_quiet("No storage entries registered");
        return Ok(());
    }
    inv.out.info1_quiet("Storage report (global):");
    for (name, _, apps) in rows {
        let mounted_by = if apps.is_empty() { "\u{2014}".to_owned() } else { apps.join(", ") };
        inv.out.verbose(&format!("{name}\t{SCHEDULER}\tmounted by: {mounted_by}"));
    }
    Ok(())
}
