//! Older Dokku versions (`DOKKU_SIM_VERSION`): every case of `test_data/older/<version>/`
//! (written from Dokku's source at that tag, see its README) gives its expected stdout, stderr
//! and exit status on a fresh simulator.

mod support;

use std::path::Path;

use support::{Server, said};

/// Runs one case; `None` when it passes, else what differs.
fn run_case(version: &str, cmd: &Path) -> Option<String> {
    let text = std::fs::read_to_string(cmd).expect("read case");
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    let (last, setup) = lines.split_last().expect("a case has a command");
    let server = Server::new();
    let env = [("DOKKU_SIM_VERSION", version)];
    for line in setup {
        let args: Vec<&str> = line.split(' ').collect();
        let output = server.dokku(&env, &args, None);
        assert!(output.status.success(), "{}: setup `{line}` failed: {:?}", cmd.display(), said(&output));
    }
    let args: Vec<&str> = last.split(' ').collect();
    let (stdout, stderr, rc) = said(&server.dokku(&env, &args, None));
    let expected = |ext: &str| std::fs::read_to_string(cmd.with_extension(ext)).unwrap_or_default();
    let rc_expected: i32 = expected("rc").trim().parse().unwrap_or(0);
    let mut differences = Vec::new();
    if stdout != expected("txt") {
        differences.push(format!("stdout:\n{stdout}--- expected:\n{}", expected("txt")));
    }
    if stderr != expected("err") {
        differences.push(format!("stderr:\n{stderr}--- expected:\n{}", expected("err")));
    }
    if rc != Some(rc_expected) {
        differences.push(format!("exit {rc:?}, expected {rc_expected}"));
    }
    (!differences.is_empty()).then(|| format!("{} ({last}): {}", cmd.display(), differences.join("\n")))
}

#[test]
fn older_versions_answer_as_their_source_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/older");
    let mut cases = 0;
    let mut failures = Vec::new();
    for version in ["0.35.20", "0.33.9"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(version))
            .expect("version directory")
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "cmd"))
            .collect();
        files.sort();
        for cmd in files {
            cases += 1;
            failures.extend(run_case(version, &cmd));
        }
    }
    assert!(cases >= 25, "only {cases} cases");
    assert!(failures.is_empty(), "{} of {cases} cases differ:\n{}", failures.len(), failures.join("\n\n"));
}
