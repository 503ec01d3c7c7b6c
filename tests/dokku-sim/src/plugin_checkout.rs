//! A third-party plugin's directory `/var/lib/dokku/plugins/available/<name>` as plugn leaves
//! it: its `plugin.toml`, and for a git URL the checkout's `.git/` (`plugn install` runs
//! `git clone <url> <name>`, `plugn update <name> <committish>` runs `git checkout <committish>`
//! and writes `.plugin_committish`). A `.tar.gz`/`.tgz` URL is downloaded and unpacked: no
//! `.git/`.
//!
//! The `.git/` written is a minimal repository git itself accepts (`HEAD`, `config`, the loose
//! branch refs a clone writes, an empty `objects/`), so `cat .git/HEAD` and
//! `git -C <dir> remote get-url origin` / `rev-parse HEAD` / `rev-parse --abbrev-ref HEAD` give
//! what `plugin:list --format json` reports for the plugin. The commits do not exist: the
//! simulated origin has no history, and the tip of each branch is a stable id derived from the
//! URL and the branch name ([`branch_tip`]).

use sha1::Digest;

use crate::state::InstalledPlugin;

/// The branch `git clone` checks out: the simulated origins' default branch.
pub(crate) const DEFAULT_BRANCH: &str = "master";

/// Whether plugn downloads `url` as a tarball instead of cloning it.
pub(crate) fn is_tarball(url: &str) -> bool {
    let file_name = url.rsplit('/').next().unwrap_or(url);
    file_name.ends_with(".tar.gz") || file_name.ends_with(".tgz")
}

/// A stable 40-hex commit id standing in for the tip of `branch` at `url`.
pub(crate) fn branch_tip(url: &str, branch: &str) -> String {
    let digest = sha1::Sha1::digest(format!("{url}#{branch}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `git checkout <committish>` after a clone of `url` leaves: `(commit, branch)`, the
/// branch empty when HEAD is detached. A 40-hex committish is a commit; any other is taken for a
/// branch of the origin (no committish: the default branch).
pub(crate) fn checkout(url: &str, committish: Option<&str>) -> (String, String) {
    match committish {
        Some(commit) if commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit()) => {
            (commit.to_ascii_lowercase(), String::new())
        }
        Some(branch) => (branch_tip(url, branch), branch.to_owned()),
        None => (branch_tip(url, DEFAULT_BRANCH), DEFAULT_BRANCH.to_owned()),
    }
}

/// The plugin directory's files, paths relative to it.
pub(crate) fn files(plugin: &InstalledPlugin) -> Vec<(String, String)> {
    let mut files = vec![("plugin.toml".to_owned(), plugin_toml(plugin))];
    if let Some(pinned) = &plugin.pinned {
        files.push((".plugin_committish".to_owned(), format!("{pinned}\n")));
    }
    if is_tarball(&plugin.source_url) {
        return files;
    }
    let head = if plugin.branch.is_empty() {
        format!("{}\n", plugin.committish)
    } else {
        format!("ref: refs/heads/{}\n", plugin.branch)
    };
    files.push((".git/HEAD".to_owned(), head));
    files.push((".git/config".to_owned(), git_config(plugin)));
    // The clone's default branch keeps its ref whatever is checked out afterwards.
    files.push((
        format!(".git/refs/heads/{DEFAULT_BRANCH}"),
        format!("{}\n", branch_tip(&plugin.source_url, DEFAULT_BRANCH)),
    ));
    if !plugin.branch.is_empty() && plugin.branch != DEFAULT_BRANCH {
        files.push((format!(".git/refs/heads/{}", plugin.branch), format!("{}\n", plugin.committish)));
    }
    files
}

/// Directories that exist though empty, paths relative to the plugin directory.
pub(crate) fn empty_dirs(plugin: &InstalledPlugin) -> Vec<String> {
    if is_tarball(&plugin.source_url) { Vec::new() } else { vec![".git/objects".to_owned()] }
}

/// The `.git/config` a clone writes, with the tracking section `git checkout <branch>` adds
/// for a branch other than the default one.
fn git_config(plugin: &InstalledPlugin) -> String {
    let mut config = format!(
        "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\
         \tlogallrefupdates = true\n[remote \"origin\"]\n\turl = {}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n",
        plugin.source_url
    );
    let mut branches = vec![DEFAULT_BRANCH];
    if !plugin.branch.is_empty() && plugin.branch != DEFAULT_BRANCH {
        branches.push(&plugin.branch);
    }
    for branch in branches {
        config
            .push_str(&format!("[branch \"{branch}\"]\n\tremote = origin\n\tmerge = refs/heads/{branch}\n"));
    }
    config
}

/// The plugin's `plugin.toml` (what `plugn list` reads the version and description from).
fn plugin_toml(plugin: &InstalledPlugin) -> String {
    let quoted = |text: &str| text.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "[plugin]\ndescription = \"{}\"\nversion = \"{}\"\n[plugin.config]\n",
        quoted(&plugin.description),
        quoted(&plugin.version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://github.com/dokku/dokku-redirect.git";

    fn installed(committish: Option<&str>) -> InstalledPlugin {
        let (commit, branch) = checkout(URL, committish);
        InstalledPlugin {
            version: "0.9.1".into(),
            source_url: URL.into(),
            committish: commit,
            branch,
            pinned: committish.map(str::to_owned),
            ..InstalledPlugin::default()
        }
    }

    fn file<'f>(files: &'f [(String, String)], name: &str) -> Option<&'f str> {
        files.iter().find(|(n, _)| n == name).map(|(_, c)| c.as_str())
    }

    #[test]
    fn a_default_clone_is_on_the_default_branch() {
        let files = files(&installed(None));
        assert_eq!(file(&files, ".git/HEAD"), Some("ref: refs/heads/master\n"));
        assert_eq!(
            file(&files, ".git/refs/heads/master"),
            Some(format!("{}\n", branch_tip(URL, "master")).as_str())
        );
        let config = file(&files, ".git/config").unwrap_or_default();
        assert!(config.starts_with("[core]\n\trepositoryformatversion = 0\n"), "{config}");
        assert!(
            config.contains(&format!(
                "[remote \"origin\"]\n\turl = {URL}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
            )),
            "{config}"
        );
        assert!(file(&files, ".plugin_committish").is_none());
    }

    #[test]
    fn a_commit_detaches_head_and_a_branch_is_tracked() {
        let commit = "0123456789abcdef0123456789abcdef01234567";
        let files_at_commit = files(&installed(Some(commit)));
        assert_eq!(file(&files_at_commit, ".git/HEAD"), Some(format!("{commit}\n").as_str()));
        assert_eq!(file(&files_at_commit, ".plugin_committish"), Some(format!("{commit}\n").as_str()));
        let on_branch = files(&installed(Some("develop")));
        assert_eq!(file(&on_branch, ".git/HEAD"), Some("ref: refs/heads/develop\n"));
        assert!(file(&on_branch, ".git/refs/heads/develop").is_some());
        assert!(file(&on_branch, ".git/config").unwrap_or_default().contains("[branch \"develop\"]\n"));
    }

    #[test]
    fn a_tarball_has_no_git_directory() {
        let plugin = InstalledPlugin { source_url: "https://example.com/p.tar.gz".into(), ..installed(None) };
        assert!(files(&plugin).iter().all(|(name, _)| !name.starts_with(".git")));
        assert!(empty_dirs(&plugin).is_empty());
    }
}
