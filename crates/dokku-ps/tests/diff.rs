//! The converging plan: nothing for a server that already matches, one `ps:set` per setting and
//! one `ps:scale --skip-deploy` with the document's whole scale when any count differs, restarts and rebuilds
//! listed (never run), unsets only with prune.

use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_core::plugin::{ChangeKind, DiffOptions, Plugin};
use dokku_core::text::report_values_from_text;
use dokku_ps::{ProcessInfo, PsGlobal, PsPlugin, PsRecord};

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data").join(path))
        .unwrap_or_default()
}

/// A realistic server: pydokku's capture of three apps (one with its `ps:scale` table), with the
/// global values their reports repeat, and the 0.38.27 capture of app1 with its scale.
fn captured() -> Vec<PsRecord> {
    let text = read("pydokku/ps__report__three-apps.txt");
    let global = report_values_from_text(&text, "ps")
        .ok()
        .and_then(|blocks| blocks.first().map(dokku_ps::global_from_values))
        .and_then(Result::ok)
        .map(|(global, _)| PsRecord::Global(global));
    let mut infos = dokku_ps::parse_report_text(&text).map(|(infos, _)| infos).unwrap_or_default();
    for info in infos.iter_mut().filter(|i| i.app_name == "test-app-9") {
        info.scale =
            dokku_ps::parse_scale_text(&read("pydokku/ps__scale__test-app-9.txt")).unwrap_or_default();
    }
    let app1 = dokku_ps::parse_report_text(&read("0.38.27/ps__report__app1.txt"))
        .map(|(i, _)| i)
        .unwrap_or_default();
    for mut info in app1 {
        info.scale =
            dokku_ps::parse_scale_text(&read("0.38.27/ps__scale__app1-show.txt")).unwrap_or_default();
        infos.push(info);
    }
    global.into_iter().chain(infos.into_iter().map(PsRecord::App)).collect()
}

fn info(name: &str) -> ProcessInfo {
    ProcessInfo {
        app_name: name.into(),
        deployed: true,
        processes: Vec::new(),
        scale: Default::default(),
        can_scale: true,
        restart_policy: None,
        restore: true,
        running: Some(true),
        app_procfile_path: None,
        stop_timeout_seconds: None,
        start_cmd: None,
        dockerfile_start_cmd: None,
        skip_deploy: None,
        extra: Default::default(),
    }
}

fn scaled(name: &str, scale: &[(&str, u32)]) -> ProcessInfo {
    ProcessInfo { scale: scale.iter().map(|(t, n)| ((*t).to_owned(), *n)).collect(), ..info(name) }
}

#[test]
fn a_server_that_matches_gets_no_commands() {
    let records = captured();
    assert_eq!(records.len(), 5, "{records:?}");
    for options in [DiffOptions::default(), DiffOptions::PRUNE] {
        let plan = PsPlugin::diff(&records, &records, &options);
        assert!(plan.commands.is_empty() && plan.changes.is_empty(), "{:?}", plan.command_lines());
        assert!(plan.restart.is_empty() && plan.rebuild.is_empty());
    }
}

#[test]
fn runtime_state_is_never_compared() {
    let held = PsRecord::App(scaled("a", &[("web", 1)]));
    let mut other = scaled("a", &[("web", 1)]);
    other.deployed = false;
    other.running = None;
    other.processes = vec![dokku_ps::Process {
        process_type: "web".into(),
        id: 1,
        status: Some("exited".into()),
        container_id: None,
    }];
    assert!(PsPlugin::diff(&[held], &[PsRecord::App(other)], &DiffOptions::PRUNE).commands.is_empty());
}

#[test]
fn changed_counts_send_the_whole_scale_once_and_the_app_restarts_once() {
    let current = [PsRecord::App(scaled("a", &[("web", 1), ("worker", 2), ("cron", 1)]))];
    let desired = [PsRecord::App(scaled("a", &[("web", 2), ("worker", 2)]))];
    let plan = PsPlugin::diff(&current, &desired, &DiffOptions::default());
    // Every type of the document goes in the one `ps:scale`: Dokku rewrites its record of
    // zero-scaled types from each call's arguments.
    assert_eq!(plan.command_lines(), ["dokku ps:scale --skip-deploy a web=2 worker=2"]);
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.changes[0].subject, "scale web");
    assert_eq!((plan.changes[0].old.as_deref(), plan.changes[0].new.as_deref()), (Some("1"), Some("2")));
    assert_eq!(plan.restart, ["a"]);
    // With prune, types scaled on the server only go to 0.
    let pruned = PsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(pruned.command_lines(), ["dokku ps:scale --skip-deploy a cron=0 web=2 worker=2"]);
    assert_eq!(pruned.changes[0].kind, ChangeKind::Remove);
}

#[test]
fn a_type_scaled_to_zero_is_kept_and_differs_from_an_unscaled_one() {
    // `ps:scale --skip-deploy a web=1 release=0` on the source; the target has only web=1.
    let current = [PsRecord::App(scaled("a", &[("web", 1)]))];
    let desired = [PsRecord::App(scaled("a", &[("web", 1), ("release", 0)]))];
    let plan = PsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku ps:scale --skip-deploy a release=0 web=1"]);
    assert_eq!((plan.changes[0].old.as_deref(), plan.changes[0].new.as_deref()), (None, Some("0")));
    // Once stored, nothing more; and a later change keeps naming the zero.
    assert!(PsPlugin::diff(&desired, &desired, &DiffOptions::default()).commands.is_empty());
    let more = [PsRecord::App(scaled("a", &[("web", 2), ("release", 0)]))];
    let plan = PsPlugin::diff(&desired, &more, &DiffOptions::default());
    assert_eq!(plan.command_lines(), ["dokku ps:scale --skip-deploy a release=0 web=2"]);
    // A new app is created with the zero too.
    assert_eq!(
        PsPlugin::diff(&[], &desired, &DiffOptions::default()).command_lines(),
        ["dokku ps:scale --skip-deploy a release=0 web=1"]
    );
}

#[test]
fn settings_restart_or_rebuild_as_they_need() {
    let mut held = info("a");
    held.restore = false;
    let mut wanted = info("a");
    wanted.restart_policy = Some("always".into());
    wanted.app_procfile_path = Some("deploy/Procfile".into());
    wanted.skip_deploy = Some(true);
    let global = PsGlobal { global_stop_timeout_seconds: Some(60), ..Default::default() };
    let current = [PsRecord::App(held)];
    let desired = [PsRecord::App(wanted), PsRecord::Global(global)];
    let plan = PsPlugin::diff(&current, &desired, &DiffOptions::default());
    assert_eq!(
        plan.command_lines(),
        [
            "dokku ps:set --global stop-timeout-seconds 60",
            "dokku ps:set a procfile-path deploy/Procfile",
            "dokku ps:set a restart-policy always",
            "dokku ps:set a skip-deploy true",
            "dokku ps:set a restore true",
        ]
    );
    assert_eq!(plan.restart, ["a"]);
    assert_eq!(plan.rebuild, ["a"]);
    assert!(plan.changes.iter().all(|c| !c.secret));
    // `restore` and `skip-deploy` alone restart nothing.
    let mut quiet = info("a");
    quiet.skip_deploy = Some(true);
    let plan = PsPlugin::diff(&current, &[PsRecord::App(quiet)], &DiffOptions::default());
    assert!(plan.restart.is_empty() && plan.rebuild.is_empty() && plan.commands.len() == 2);
}

#[test]
fn the_default_restart_policy_reads_as_unset_without_a_global_one_before_0_38_9() {
    // Dokku before 0.38.9 reports the resolved policy for every app (plugins/ps/report.go).
    let mut held = info("a");
    held.restart_policy = Some("on-failure:10".into());
    let before = DiffOptions { server_version: Some(DokkuVersion::new(0, 38, 8)), ..DiffOptions::PRUNE };
    let plan = PsPlugin::diff(&[PsRecord::App(held.clone())], &[PsRecord::App(info("a"))], &before);
    assert!(plan.commands.is_empty(), "{:?}", plan.command_lines());
    // From 0.38.9 it prints the stored property: an explicit default is a state of its own.
    let since = DiffOptions { server_version: Some(DokkuVersion::new(0, 38, 9)), ..DiffOptions::PRUNE };
    let plan = PsPlugin::diff(&[PsRecord::App(held.clone())], &[PsRecord::App(info("a"))], &since);
    assert_eq!(plan.command_lines(), ["dokku ps:set a restart-policy"]);
    let plan = PsPlugin::diff(&[PsRecord::App(info("a"))], &[PsRecord::App(held.clone())], &since);
    assert_eq!(plan.command_lines(), ["dokku ps:set a restart-policy on-failure:10"]);
    // Where a global policy is in force, the app's own value matters.
    let global =
        PsRecord::Global(PsGlobal { global_restart_policy: Some("always".into()), ..Default::default() });
    let current = [global.clone(), PsRecord::App(held)];
    let plan = PsPlugin::diff(&current, &[global, PsRecord::App(info("a"))], &DiffOptions::PRUNE);
    assert_eq!(plan.command_lines(), ["dokku ps:set a restart-policy"]);
}

#[test]
fn a_new_app_gets_what_apply_would_send() {
    let mut wanted = scaled("new", &[("web", 2), ("cron", 0)]);
    wanted.restore = false;
    wanted.start_cmd = Some("bin/start --fast".into());
    let desired = [PsRecord::App(wanted)];
    let plan = PsPlugin::diff(&[], &desired, &DiffOptions::default());
    assert_eq!(plan.commands, PsPlugin::apply_commands(&desired));
    let changes: Vec<(&str, Option<&str>)> =
        plan.changes.iter().map(|c| (c.subject.as_str(), c.new.as_deref())).collect();
    assert_eq!(
        changes,
        [
            ("start-cmd", Some("bin/start --fast")),
            ("restore", Some("false")),
            ("scale cron", Some("0")),
            ("scale web", Some("2"))
        ]
    );
    assert!(plan.changes.iter().all(|c| c.kind == ChangeKind::Add));
    assert!(plan.restart.is_empty());
}

#[test]
fn unmanaged_settings_and_apps_stay_unless_pruned() {
    let mut held = scaled("a", &[("web", 1)]);
    held.stop_timeout_seconds = Some(10);
    let mut other = scaled("b", &[("web", 3)]);
    other.restore = false;
    let global = PsGlobal { global_procfile_path: Some("Procfile.x".into()), ..Default::default() };
    let current = [PsRecord::Global(global), PsRecord::App(held), PsRecord::App(other)];
    let desired = [PsRecord::App(scaled("a", &[("web", 1)]))];
    assert!(PsPlugin::diff(&current, &desired, &DiffOptions::default()).commands.is_empty());
    let pruned = PsPlugin::diff(&current, &desired, &DiffOptions::PRUNE);
    assert_eq!(
        pruned.command_lines(),
        [
            "dokku ps:set --global procfile-path",
            "dokku ps:set a stop-timeout-seconds",
            "dokku ps:set b restore true",
        ]
    );
    assert_eq!(pruned.restart, ["a"]);
    assert_eq!(pruned.changes.len(), 3);
}
