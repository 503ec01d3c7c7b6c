//! Every captured `docker-options:report` (text and JSON, each app, all apps, `--global`) and
//! `docker-options:list` parses to the expected records; the JSON arrays, the lists and the
//! text agree.

use std::path::Path;

use dokku_core::DokkuVersion;
use dokku_docker_options::{DockerOptions, Phase, Scope, app_from_values};
use serde_json::json;

const VERSION: DokkuVersion = DokkuVersion::new(0, 38, 27);
const APPS: [&str; 4] = ["w2-alpha", "w2-beta", "w2-gamma", "w2-delta"];

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/0.38.27")
}

fn read(file: &str) -> String {
    std::fs::read_to_string(dir().join(file)).unwrap_or_default()
}

/// The apps of the bulk text report, in its order (the bulk JSON form names none; Dokku prints
/// both in the same sorted order).
fn bulk_apps() -> Vec<String> {
    dokku_docker_options::parse_report_text(&read("docker-options__report__all.txt"), &VERSION)
        .map(|(records, _)| records.into_iter().map(|r| r.app_name).collect())
        .unwrap_or_default()
}

fn parse(path: &Path, text: &str) -> serde_json::Value {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if name.starts_with("docker-options__list__") {
        return json!({ "options": dokku_docker_options::parse_list(text) });
    }
    if dokku_core::fixtures::capture_subject(&name) == ("global", true) {
        // Docker options are per app: the global report has no fields.
        return dokku_core::fixtures::global_json_fields(text, "docker-options");
    }
    let result: Result<(Vec<DockerOptions>, Vec<String>), String> =
        match dokku_core::fixtures::capture_subject(&name) {
            (_, false) => dokku_docker_options::parse_report_text(text, &VERSION).map_err(|e| e.to_string()),
            ("all", true) => {
                dokku_core::fixtures::bulk_json_records(text, "docker-options", bulk_apps(), |values| {
                    app_from_values(values, &VERSION).map_err(|e| e.to_string())
                })
            }
            (app, true) => dokku_docker_options::parse_report_json(app, text, &VERSION)
                .map(|(r, w)| (vec![r], w))
                .map_err(|e| e.to_string()),
        };
    match result {
        Ok((records, warnings)) => json!({ "records": records, "warnings": warnings }),
        Err(e) => json!({ "error": e }),
    }
}

#[test]
fn captured_reports_and_lists_parse_to_expected_records() {
    let checked = dokku_core::fixtures::check_fixtures(&dir(), parse);
    assert_eq!(checked, 28);
}

#[test]
fn json_arrays_lists_and_text_agree() {
    for app in APPS {
        let (from_json, warnings) = dokku_docker_options::parse_report_json(
            app,
            &read(&format!("docker-options__report__{app}-format-json.txt")),
            &VERSION,
        )
        .unwrap_or_default();
        assert!(warnings.is_empty() && from_json.extra.is_empty(), "{app}: {warnings:?}");
        let (from_text, _) = dokku_docker_options::parse_report_text(
            &read(&format!("docker-options__report__{app}.txt")),
            &VERSION,
        )
        .unwrap_or_default();
        assert_eq!(from_text.first(), Some(&from_json), "{app}");
        for (phase, file) in [(Phase::Build, "build"), (Phase::Deploy, "deploy"), (Phase::Run, "run")] {
            let listed =
                dokku_docker_options::parse_list(&read(&format!("docker-options__list__{app}-{file}.txt")));
            assert_eq!(listed, from_json.list(&Scope { phase, process: None }), "{app} {file}");
        }
        let worker = Scope { phase: Phase::Deploy, process: Some("worker".into()) };
        let listed = dokku_docker_options::parse_list(&read(&format!(
            "docker-options__list__{app}-deploy-worker.txt"
        )));
        assert_eq!(listed, from_json.list(&worker), "{app} worker");
    }
}

#[test]
fn an_option_with_spaces_and_a_secret_reads_exactly_and_prints_masked() {
    let (alpha, _) = dokku_docker_options::parse_report_json(
        "w2-alpha",
        &read("docker-options__report__w2-alpha-format-json.txt"),
        &VERSION,
    )
    .unwrap_or_default();
    let run: Vec<&str> = alpha.run.iter().map(|o| o.expose()).collect();
    assert_eq!(run, ["--ulimit nofile=12288:12288", "-e MODE=web worker"]);
    assert_eq!(alpha.build[0].expose(), "--build-arg NPM_TOKEN=npm-w2-secret");
    assert!(!format!("{alpha:?}").contains("npm-w2-secret"));
}

#[test]
fn parsers_survive_every_input() {
    let ran = dokku_core::fixtures::survive_every_input(&dir(), |text| {
        let _ = dokku_docker_options::parse_report_text(text, &VERSION);
        let _ = dokku_docker_options::parse_report_json("a", text, &VERSION);
        let _ = dokku_docker_options::parse_list(text);
    });
    assert!(ran > 28);
}

#[test]
fn options_other_plugins_own_are_left_to_them_with_a_warning() {
    // A report as Dokku 0.37 printed it (text only): a restart policy and a mount kept by ps and
    // storage then, a service link, and the app's own options.
    let text = "=====> app1 docker options information\n       Docker options build:          \n       Docker options deploy:         --link dokku.postgres.db:dokku-postgres-db --restart=on-failure:10 -v /var/lib/dokku/data/storage/x:/data --shm-size 256m\n       Docker options run:            --link dokku.postgres.db:dokku-postgres-db -e SECRET=hunter2 -v /a:/b\n";
    let old = DokkuVersion::new(0, 37, 9);
    let (records, warnings) = dokku_docker_options::parse_report_text(text, &old).unwrap_or_default();
    let deploy: Vec<&str> = records[0].deploy.iter().map(|o| o.expose()).collect();
    let run: Vec<&str> = records[0].run.iter().map(|o| o.expose()).collect();
    assert_eq!(deploy, ["--shm-size 256m"]);
    assert_eq!(run, ["-e SECRET=hunter2"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("--restart=on-failure:10") && warnings[0].contains("storage (mount)"));
    assert!(!warnings.concat().contains("hunter2"));
    // On 0.38.27 a `-v` option is the user's own docker option (storage keeps its mounts apart).
    let (records, _) = dokku_docker_options::parse_report_text(text, &VERSION).unwrap_or_default();
    assert_eq!(records[0].deploy.len(), 3, "{:?}", records[0].deploy);
}
