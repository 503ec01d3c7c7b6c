//! The `storage` plugin's legacy colon-form bind mounts and its report.

use sha1::Digest;

use super::verify_app_go;
use crate::go_json::go_string;
use crate::invocation::Invocation;
use crate::output::Outcome;
use crate::pflag::parse_flags;
use crate::report::{GoReportSpec, GoReportStyle, ReportValues, Subject, run_go_report};
use crate::state::Mount;
use crate::version::DokkuVersion;

/// `storage:report`.
const REPORT: GoReportSpec = GoReportSpec {
    plugin: "storage",
    report_type: "storage",
    style: GoReportStyle::LEGACY,
    json_since: DokkuVersion::new(0, 37, 5),
};

/// Where `storage:ensure-directory` creates directories.
const STORAGE_ROOT: &str = "/var/lib/dokku/data/storage";

/// Routes `storage:*`.
pub(crate) fn dispatch(inv: &mut Invocation<'_>, sub: &str, args: &[String]) -> Option<Outcome> {
    Some(match sub {
        "ensure-directory" => ensure_directory(inv, args),
        "mount" => mount(inv, args),
        "unmount" => unmount(inv, args),
        "list" => list(inv, args),
        "report" if args.iter().any(|a| a == "--global") => global_report(inv, args),
        "report" => run_go_report(inv, &REPORT, args, &report_values),
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

/// Parses `/host:/container[:options]`.
fn parse_mount(text: &str) -> Option<Mount> {
    let mut parts = text.splitn(3, ':');
    let host = parts.next()?.to_string();
    let container = parts.next()?.to_string();
    let options = parts.next().unwrap_or("").to_string();
    if host.is_empty() || !container.starts_with('/') {
        return None;
    }
    Some(Mount { host_path: host, container_path: container, options })
}

/// The mount in `-v` / list form.
fn mount_text(mount: &Mount) -> String {
    if mount.options.is_empty() {
        format!("{}:{}", mount.host_path, mount.container_path)
    } else {
        format!("{}:{}:{}", mount.host_path, mount.container_path, mount.options)
    }
}

/// `LegacyMountToEntry`'s name: `legacy-` + 10 hex digits of the SHA-1 of the host path.
fn legacy_entry_name(host: &str) -> String {
    let input = if host.starts_with('/') { host.to_string() } else { format!("vol:{host}") };
    let digest = sha1::Sha1::digest(input.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("legacy-{}", &hex[..10])
}

/// `storage:mount <app> /host:/container[:opts]`.
fn mount(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:mount", args, &[], &[])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let Some(mount) = parse_mount(&flags.arg(1)) else {
        return Err(inv.out.fail("Storage path must be two valid paths divided by colon."));
    };
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    if state.mounts.iter().any(|m| mount_text(m) == mount_text(&mount)) {
        return Err(inv.out.fail("Mount path already exists."));
    }
    state.mounts.push(mount);
    Ok(())
}

/// `storage:unmount <app> /host:/container[:opts]`.
fn unmount(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:unmount", args, &[], &["container-dir"])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let wanted = flags.arg(1);
    let state = inv.state.apps.get_mut(&app).expect("verified above");
    let before = state.mounts.len();
    state.mounts.retain(|m| mount_text(m) != wanted);
    if state.mounts.len() == before {
        return Err(inv.out.fail("Mount path does not exist."));
    }
    Ok(())
}

/// `storage:list <app> [--format text|json]`.
fn list(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let flags = parse_flags(inv, "storage:list", args, &[], &["format"])?;
    let app = flags.arg(0);
    verify_app_go(inv, &app)?;
    let format = flags.value("format").unwrap_or("text").to_string();
    if format != "text" && format != "json" {
        return Err(inv.out.fail("Invalid --format value specified"));
    }
    let mounts = inv.state.apps.get(&app).map(|a| a.mounts.clone()).unwrap_or_default();
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
                if m.options.split(',').any(|o| o == "ro") {
                    item.push_str(",\"readonly\":true");
                }
                let options: Vec<&str> =
                    m.options.split(',').filter(|o| !o.is_empty() && *o != "ro").collect();
                if !options.is_empty() {
                    item.push_str(&format!(",\"volume_options\":{}", go_string(&options.join(","))));
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

/// `storage:report` values, including one attachment block per mount.
fn report_values(inv: &Invocation<'_>, subject: Subject<'_>) -> ReportValues {
    let mut values = ReportValues::default();
    let Subject::App(app) = subject else {
        return values;
    };
    let mounts = inv.state.apps.get(app).map(|a| a.mounts.clone()).unwrap_or_default();
    let volumes: Vec<String> = mounts.iter().map(|m| format!("-v {}", mount_text(m))).collect();
    values.set("--storage-build-mounts", "");
    values.set("--storage-deploy-mounts", volumes.join(" "));
    values.set("--storage-run-mounts", volumes.join(" "));
    for (index, mount) in mounts.iter().enumerate() {
        let prefix = format!("--storage-attachment.{}", index + 1);
        let readonly = mount.options.split(',').any(|o| o == "ro");
        let options: Vec<&str> = mount.options.split(',').filter(|o| !o.is_empty() && *o != "ro").collect();
        values.set(&format!("{prefix}.container-path"), mount.container_path.clone());
        values.set(&format!("{prefix}.entry-name"), legacy_entry_name(&mount.host_path));
        values.set(&format!("{prefix}.host-path"), mount.host_path.clone());
        values.set(&format!("{prefix}.phases"), "deploy,run");
        values.set(&format!("{prefix}.process-type"), "_default_");
        values.set(&format!("{prefix}.readonly"), readonly.to_string());
        values.set(&format!("{prefix}.subpath"), "");
        values.set(&format!("{prefix}.volume-chown"), "");
        values.set(&format!("{prefix}.volume-options"), options.join(","));
    }
    values
}

/// `storage:report --global`: not a report block but a list of storage entries and the apps
/// mounting them (here: the entries synthesized from legacy mounts).
fn global_report(inv: &mut Invocation<'_>, args: &[String]) -> Outcome {
    let mut entries: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (app, state) in &inv.state.apps {
        for mount in &state.mounts {
            let users = entries.entry(legacy_entry_name(&mount.host_path)).or_default();
            if !users.contains(app) {
                users.push(app.clone());
            }
        }
    }
    let json = args.windows(2).any(|pair| pair[0] == "--format" && pair[1] == "json");
    if json {
        let items: Vec<String> = entries
            .iter()
            .map(|(name, apps)| {
                let apps: Vec<String> = apps.iter().map(|a| format!("      {}", go_string(a))).collect();
                format!(
                    "  {{\n    \"entry\": {{\n      \"name\": {},\n      \"scheduler\": \"docker-local\"\n    }},\n    \"mounted_by\": [\n{}\n    ]\n  }}",
                    go_string(name),
                    apps.join(",\n")
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
    inv.out.info1_quiet("Storage report (global):");
    for (name, apps) in entries {
        inv.out.verbose(&format!("{name}\tdocker-local\tmounted by: {}", apps.join(", ")));
    }
    Ok(())
}
