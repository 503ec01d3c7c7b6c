//! Git settings from Dokku's files (root fast path), pure: the values `git:report` prints, got
//! from the files its Go code reads (`plugins/git/report.go` at v0.38.27), then read by the
//! same parser as the report's.
//!
//! - `deploy-branch`, `keep-git-dir`, `source-image`: the app's raw properties; the `global-*`
//!   values (`archive-max-files`, `archive-max-size`, `deploy-branch`, `keep-git-dir`): the
//!   `--global` ones;
//! - `rev-env-var`: `PropertyGetDefault(…, "GIT_REV")`: the file's value when it exists, even
//!   empty (`git:set <app> rev-env-var` with no value writes it empty), else `GIT_REV`;
//! - `sha`: what `git rev-parse HEAD` prints in the app's bare repository `$DOKKU_ROOT/<app>`,
//!   resolved from its `HEAD`, loose branch heads and `packed-refs` ([`head_commit`]);
//! - `last-updated-at`: the modification time of `refs/heads/<computed deploy branch>`, which
//!   no file holds: the export asks `stat` once for every app whose branch head is a loose file
//!   ([`branch_heads_to_stat`]), nothing when none is;
//! - the `computed-*` values are not built: the parser drops them as derived.

use std::collections::BTreeMap;

use dokku_core::file_snapshot::FileSnapshot;
use dokku_core::text::{ReportSubject, ReportValues};

/// The property namespace of the git plugin.
const NAMESPACE: &str = "git";
/// The subject directory of the server-wide values.
const GLOBAL: &str = "--global";
/// The settings with a global value the report prints.
const GLOBAL_KEYS: &[&str] = &["archive-max-files", "archive-max-size", "deploy-branch", "keep-git-dir"];
/// `reportRevEnvVar`'s default.
const DEFAULT_REV_ENV_VAR: &str = "GIT_REV";
/// `reportComputedDeployBranch`'s value when neither the app nor the server set a branch.
const DEFAULT_BRANCH: &str = "master";
/// What `git rev-parse HEAD` prints on stdout when HEAD names a branch without a commit (a
/// fresh app): the argument itself, with the error on stderr.
const UNBORN_HEAD: &str = "HEAD";

/// `reportComputedDeployBranch`: the app's branch, else the global one, else `master`.
fn computed_branch<'a>(files: &'a FileSnapshot, app: &str) -> &'a str {
    [app, GLOBAL]
        .into_iter()
        .find_map(|subject| files.property(NAMESPACE, subject, "deploy-branch").filter(|b| !b.is_empty()))
        .unwrap_or(DEFAULT_BRANCH)
}

/// The path (relative to `$DOKKU_ROOT`) of the loose branch head `last-updated-at` dates, when
/// the file exists.
fn branch_head(files: &FileSnapshot, app: &str) -> Option<String> {
    let path = format!("{app}/refs/heads/{}", computed_branch(files, app));
    files.dokku_root_file(&path).is_some().then_some(path)
}

/// The branch heads to date (relative to `$DOKKU_ROOT`), one per app of `apps` that has its
/// deploy branch as a loose file.
pub fn branch_heads_to_stat(files: &FileSnapshot, apps: &[String]) -> Vec<String> {
    apps.iter().filter_map(|app| branch_head(files, app)).collect()
}

/// What `git rev-parse HEAD` prints in the app's repository: the commit HEAD names (through a
/// symbolic `ref:` line, a loose head, then `packed-refs`, as git looks them up), `HEAD` for a
/// branch without a commit, nothing without a repository (no `HEAD` file).
pub fn head_commit(files: &FileSnapshot, app: &str) -> String {
    let Some(head) = files.dokku_root_file(&format!("{app}/HEAD")) else { return String::new() };
    let mut target = head.trim().to_owned();
    // A ref may point at another ref; git follows a few levels (5 here is plenty).
    for _ in 0..5 {
        let Some(name) = target.strip_prefix("ref:").map(str::trim) else { return target };
        let loose = files.dokku_root_file(&format!("{app}/{name}")).map(str::trim);
        let packed = || {
            files.dokku_root_file(&format!("{app}/packed-refs")).and_then(|text| {
                text.lines()
                    .filter(|line| !line.starts_with('#') && !line.starts_with('^'))
                    .find_map(|line| line.split_once(' ').filter(|(_, r)| *r == name).map(|(sha, _)| sha))
            })
        };
        match loose.or_else(packed) {
            Some(next) => target = next.to_owned(),
            None => return UNBORN_HEAD.to_owned(),
        }
    }
    UNBORN_HEAD.to_owned()
}

/// The values `git:report <app>` prints but the computed ones (`app`: `None` for
/// `git:report --global`); `modified` maps a branch head (relative to `$DOKKU_ROOT`) to its
/// modification time, as `stat` printed it.
pub fn report_values_from_files(
    files: &FileSnapshot,
    app: Option<&str>,
    modified: &BTreeMap<String, String>,
) -> ReportValues {
    let property = |subject: &str, key: &str| files.property_or_empty(NAMESPACE, subject, key);
    let globals = files.global_report_values(NAMESPACE, GLOBAL_KEYS);
    let Some(app) = app else {
        return ReportValues { subject: ReportSubject::Global, values: globals };
    };
    let rev_env_var = if files.property_exists(NAMESPACE, app, "rev-env-var") {
        property(app, "rev-env-var")
    } else {
        DEFAULT_REV_ENV_VAR.to_owned()
    };
    let last_updated =
        branch_head(files, app).and_then(|path| modified.get(&path)).cloned().unwrap_or_default();
    let own = [
        ("deploy-branch", property(app, "deploy-branch")),
        ("keep-git-dir", property(app, "keep-git-dir")),
        ("last-updated-at", last_updated),
        ("rev-env-var", rev_env_var),
        ("sha", head_commit(files, app)),
        ("source-image", property(app, "source-image")),
    ];
    let values = own.into_iter().map(|(k, v)| (k.to_owned(), v)).chain(globals).collect();
    ReportValues { subject: ReportSubject::App(app.to_owned()), values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{git_from_values, global_from_values, global_warning};
    use dokku_core::DokkuVersion;

    const V: DokkuVersion = DokkuVersion::new(0, 38, 27);

    fn snapshot(output: &str) -> FileSnapshot {
        FileSnapshot::parse_roots(output, "/c", Some("/h"))
    }

    #[test]
    fn settings_come_from_the_properties_and_the_commit_from_the_repository() {
        let files = snapshot(
            "/c/git/--global/deploy-branch\0main\n/c/git/--global/archive-max-files\x00500\n\
             /c/git/a/keep-git-dir\0true\n/c/git/a/rev-env-var\0MY_REV\n\
             /h/a/HEAD\0ref: refs/heads/master\n/h/a/refs/heads/main\x00aaaa\n/h/a/refs/heads/master\x00bbbb\n\
             \0/c/git/b/rev-env-var\n/h/b/HEAD\0ref: refs/heads/master\n",
        );
        let modified = BTreeMap::from([("a/refs/heads/main".to_owned(), "1736745546".to_owned())]);
        assert_eq!(
            branch_heads_to_stat(&files, &["a".into(), "b".into(), "c".into()]),
            ["a/refs/heads/main"]
        );
        let (a, warning) =
            git_from_values(report_values_from_files(&files, Some("a"), &modified), &V).unwrap();
        assert!(warning.is_none());
        assert_eq!((a.deploy_branch, a.keep_git_path), (None, Some(true)));
        assert_eq!((a.rev_env_var.as_deref(), a.sha.as_deref()), (Some("MY_REV"), Some("bbbb")));
        assert!(a.last_updated_at.is_some());
        let (b, _) = git_from_values(report_values_from_files(&files, Some("b"), &modified), &V).unwrap();
        assert_eq!((b.rev_env_var.as_deref(), b.sha.as_deref()), (Some(""), Some("HEAD")));
        assert!(b.last_updated_at.is_none());
        let c = report_values_from_files(&files, Some("c"), &modified);
        assert_eq!((c.get("rev-env-var"), c.get("sha")), (Some("GIT_REV"), Some("")));
        let global_values = report_values_from_files(&files, None, &modified);
        assert!(global_warning(&global_values).is_none());
        let global = global_from_values(&global_values, &V).unwrap();
        assert_eq!(
            (global.global_deploy_branch.as_deref(), global.global_archive_max_files),
            (Some("main"), Some(500))
        );
    }

    #[test]
    fn a_packed_or_detached_head_resolves_as_git_does() {
        let files = snapshot(
            "/h/a/HEAD\0ref: refs/heads/main\n/h/a/packed-refs\0# pack-refs with: peeled fully-peeled sorted\n\
             /h/a/packed-refs\0cccc refs/heads/main\n/h/a/packed-refs\0^dddd\n/h/d/HEAD\0eeee\n",
        );
        assert_eq!(head_commit(&files, "a"), "cccc");
        assert_eq!(head_commit(&files, "d"), "eeee");
        assert_eq!(head_commit(&files, "none"), "");
    }
}
