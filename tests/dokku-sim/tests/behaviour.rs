//! Behaviour of the simulator beyond the captured steps: state carried across commands,
//! concurrency, forced-command mode, the version switch, root-only commands, the cost model
//! and the command log.

// Running the simulator binary is the point of these tests.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the simulator in `root` with extra environment.
fn sim(root: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dokku-sim"))
        .args(args)
        .env("DOKKU_SIM_ROOT", root)
        .env_remove("SSH_ORIGINAL_COMMAND")
        .env_remove("DOKKU_SIM_VERSION")
        .env_remove("DOKKU_SIM_COSTS")
        .env_remove("DOKKU_SIM_CORES")
        .env_remove("DOKKU_SIM_LOG")
        .env_remove("DOKKU_SIM_EUID")
        .env_remove("DOKKU_SIM_DEPLOYED_APPS")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run dokku-sim")
}

/// Stdout of a successful run.
fn ok(root: &Path, args: &[&str]) -> String {
    let output = sim(root, &[], args);
    assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn rename_carries_settings_and_destroy_removes_them() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    ok(root, &["domains:set-global", "example.com"]);
    ok(root, &["apps:create", "a1"]);
    ok(root, &["config:set", "--no-restart", "a1", "K=v"]);
    ok(root, &["ports:set", "a1", "http:80:5000"]);
    ok(root, &["apps:rename", "--skip-deploy", "a1", "a2"]);
    assert_eq!(ok(root, &["config:get", "a2", "K"]), "v\n");
    assert_eq!(ok(root, &["ports:report", "a2", "--ports-map"]), "http:80:5000\n");
    assert_eq!(ok(root, &["domains:report", "a2", "--domains-app-vhosts"]), "a2.example.com\n");
    assert_eq!(sim(root, &[], &["apps:exists", "a1"]).status.code(), Some(20));
    ok(root, &["apps:destroy", "--force", "a2"]);
    ok(root, &["apps:create", "a2"]);
    assert_eq!(sim(root, &[], &["config:get", "a2", "K"]).status.code(), Some(1));
}

#[test]
fn global_values_show_as_computed_values() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    ok(root, &["apps:create", "a1"]);
    ok(root, &["ps:set", "--global", "stop-timeout-seconds", "45"]);
    assert_eq!(ok(root, &["ps:report", "a1", "--ps-computed-stop-timeout-seconds"]), "45\n");
    assert_eq!(ok(root, &["ps:report", "a1", "--ps-global-stop-timeout-seconds"]), "45\n");
    assert_eq!(ok(root, &["ps:report", "a1", "--ps-stop-timeout-seconds"]), "\n");
}

#[test]
fn concurrent_invocations_do_not_lose_updates() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    ok(root, &["apps:create", "shared"]);
    let children: Vec<_> = (0..16)
        .map(|index| {
            Command::new(env!("CARGO_BIN_EXE_dokku-sim"))
                .args(["config:set", "--no-restart", "shared", &format!("K{index}=v")])
                .env("DOKKU_SIM_ROOT", root)
                .env_remove("SSH_ORIGINAL_COMMAND")
                .stdout(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let keys = ok(root, &["config:keys", "shared"]);
    assert_eq!(keys.lines().filter(|k| k.starts_with('K')).count(), 16);
}

#[test]
fn forced_command_rederives_argv_with_xargs() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    ok(root, &["apps:create", "a1"]);
    let env = [("SSH_ORIGINAL_COMMAND", "config:set --no-restart a1 'D=x y' -n"), ("DOKKU_SIM_EUID", "1000")];
    let output = sim(root, &env, &[]);
    assert!(output.status.success());
    assert_eq!(ok(root, &["config:get", "a1", "D"]), "x y\n");
    let refused = sim(root, &[("SSH_ORIGINAL_COMMAND", "plugin:install"), ("DOKKU_SIM_EUID", "1000")], &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&refused.stderr), " !     This command must be run as root\n");
}

#[test]
fn older_versions_print_their_version_and_reject_json_reports() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    ok(root, &["apps:create", "a1"]);
    let env = [("DOKKU_SIM_VERSION", "0.30.0")];
    assert_eq!(String::from_utf8_lossy(&sim(root, &env, &["version"]).stdout), "dokku version 0.30.0\n");
    let rejected = sim(root, &env, &["domains:report", "a1", "--format", "json"]);
    assert_eq!(rejected.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&rejected.stderr).contains("Invalid flag passed"));
    let accepted = sim(root, &env, &["ps:report", "a1", "--format", "json"]);
    assert!(accepted.status.success());
    let json = String::from_utf8_lossy(&accepted.stdout);
    assert!(json.contains("\"ps-restart-policy\""));
    assert!(!json.contains("\"restart-policy\""));
}

#[test]
fn command_log_and_cost_table() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let log = root.join("commands.log");
    let costs = root.join("costs.tsv");
    std::fs::write(&costs, "apps:list\t0.3\t0\n").unwrap();
    let env = [("DOKKU_SIM_LOG", log.to_str().unwrap()), ("DOKKU_SIM_COSTS", costs.to_str().unwrap())];
    let started = std::time::Instant::now();
    sim(root, &env, &["apps:list"]);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    sim(root, &env, &["--quiet", "apps:list"]);
    let logged = std::fs::read_to_string(&log).unwrap();
    assert_eq!(logged, "[\"apps:list\"]\n[\"--quiet\",\"apps:list\"]\n");
}

#[test]
fn shipped_cost_table_has_the_expensive_forms() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/costs/dokku-0.38.27.tsv")).unwrap();
    let table = dokku_sim::cost::CostTable::parse(&text);
    let is_app = |w: &str| w == "app1";
    let cost = |words: &[&str]| {
        let argv: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        table.cost_of(&argv, &is_app, 30).as_secs_f64()
    };
    // With Dokku's Go plugn a trigger-heavy report costs about the same per app in either form.
    let bulk_ports = cost(&["ports:report", "--format", "json"]);
    let one_app_ports = cost(&["ports:report", "app1", "--format", "json"]);
    assert!(bulk_ports > 25.0, "{bulk_ports}");
    assert!((one_app_ports * 30.0 - bulk_ports).abs() < 3.0, "{one_app_ports}");
    assert!(cost(&["ps:report", "app1", "--format", "json"]) > 0.5);
    assert!(cost(&["ps:scale", "--format", "json", "app1"]) < 0.05);
    assert!(cost(&["plugin:list", "--format", "json"]) >= 0.5);
    // Every row says where its numbers come from.
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        assert_eq!(line.split('\t').count(), 4, "{line}");
    }
}

#[test]
fn the_cost_model_shares_the_servers_cores() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    let costs = root.join("costs.tsv");
    std::fs::write(&costs, "apps:list\t0.3\t0\ttest\n").unwrap();
    let env = [("DOKKU_SIM_COSTS", costs.to_str().unwrap()), ("DOKKU_SIM_CORES", "1")];
    // Three commands at once on one core queue: the last cannot finish before 3 x 0.3 s.
    let started = std::time::Instant::now();
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| assert!(sim(root, &env, &["apps:list"]).status.success()));
        }
    });
    assert!(started.elapsed() >= std::time::Duration::from_millis(900), "{:?}", started.elapsed());
}

#[test]
fn deployed_apps_report_running_and_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    ok(root, &["apps:create", "app1"]);
    ok(root, &["apps:create", "app2"]);
    ok(root, &["ps:scale", "--skip-deploy", "app2", "web=2", "worker=1"]);
    let deployed = [("DOKKU_SIM_DEPLOYED_APPS", "app1, app2")];
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let output = sim(root, env, args);
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };

    let report = run(&deployed, &["ps:report", "app2", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&report).expect("json report");
    assert_eq!(json["deployed"], "true");
    assert_eq!(json["running"], "true");
    assert_eq!(json["processes"], "3");
    // `addStatusFlags` (plugins/ps/report.go) names the flag after the file: `CONTAINER.worker.1`.
    assert!(json["status-worker.1"].as_str().is_some_and(|s| s.starts_with("running (CID: ")), "{json}");
    assert_eq!(run(&deployed, &["ps:report", "app1", "--deployed"]).trim(), "true");
    assert_eq!(run(&[], &["ps:report", "app1", "--deployed"]).trim(), "false");

    let restart = run(&deployed, &["ps:restart", "app2"]);
    assert_eq!(
        restart,
        "-----> Deploying web (count=2)\n-----> Deploying worker (count=1)\n-----> Running post-deploy\n"
    );
    let rebuild = run(&deployed, &["ps:rebuild", "app1"]);
    assert!(rebuild.starts_with("-----> Cleaning up...\n-----> Building app1 from herokuish\n"), "{rebuild}");
    assert!(rebuild.contains("Deploying web (count=1)"), "{rebuild}");
    assert!(run(&[], &["ps:restart", "app1"]).contains("App app1 has not been deployed"));

    // The setting also works from the state directory's settings.env (sshd passes no env).
    std::fs::write(root.join("settings.env"), "DOKKU_SIM_DEPLOYED_APPS=app1\n").expect("settings.env");
    assert_eq!(run(&[], &["ps:report", "app1", "--running"]).trim(), "true");
    assert_eq!(run(&[], &["ps:report", "app2", "--running"]).trim(), "false");
}
