//! The Dokku `git` plugin: per-app deploy settings, the global settings, the `dokku` user's
//! known hosts and netrc credentials, the deploy key, the `git:*` commands, and the
//! export/apply glue.
//!
//! Embedding just this crate with `dokku-core`:
//!
//! ```no_run
//! # async fn demo() -> Result<(), dokku_core::Error> {
//! use dokku_core::{Client, ClientOptions, SshConfig};
//! use dokku_git::{GitCommands, SyncBuild};
//!
//! let client = Client::ssh(&SshConfig::new("dokku@dokku.example.com"), ClientOptions::default()).await?;
//! let git = GitCommands::new(&client);
//! git.set(Some("my-app"), "deploy-branch", Some("main")).await?;
//! git.sync("my-app", "https://github.com/dokku/smoke-test-app.git", Some("main"), SyncBuild::Never).await?;
//! println!("{:?}", git.report("my-app").await?.deploy_branch);
//! client.close().await?;
//! # Ok(())
//! # }
//! ```
//!
//! Export: `git:report` (bulk text for the apps; `--global --format json` on Dokku 0.38+ for the
//! global values, else the first app's repeated values), `git:public-key`, and, only over a
//! connection that can run system commands (root), `cat` of `<DOKKU_ROOT>/.ssh/known_hosts` and
//! `<DOKKU_ROOT>/.netrc` (`/home/dokku` unless the client's [`dokku_core::ServerLayout`] says
//! otherwise; read-only: pydokku's `touch`/`chmod` is not done). Otherwise one warning
//! names what was left out. Dokku before 0.38.6 prints the *resolved* deploy branch and
//! keep-git-dir: a branch equal to the global one and `false` are then taken as unset.
//!
//! Apply records settings only and never deploys: `git:allow-host` per known host (it scans the
//! host again: trust on first use, the exported key is informational), `git:auth` with the
//! password as a masked argument, `git:set --global …`, then `git:set <app> …` (`source-image`
//! is recorded, not deployed). `git:from-image`, `git:from-archive`, `git:load-image` and
//! `git:sync` deploy or fetch code, so they are left out of apply: run them yourself. The deploy
//! key is exported for information only (its private half never leaves the server); run
//! `git:generate-deploy-key` on the target and register the new key where needed.
//!
//! Left out: `git:unlock` (broken in Dokku: it calls an undefined function; use `apps:unlock`),
//! and `git-receive-pack`/`git-upload-pack`/`git-hook` (used by `git push`, not by clients).
//! Over the `dokku` forced-command user, Dokku splits `git:*` arguments on blanks without
//! removing quotes, so the transport refuses such arguments for them.

mod commands;
mod deploy_key;
mod diff;
mod export;
mod files;
mod known_hosts;
mod model;
mod netrc;
mod parse;

pub use commands::{
    AUTH_STDIN_SINCE, CommitAuthor, DEPLOY_TIMEOUT, GitCommands, KNOWN_HOSTS_FILE, NETRC_FILE, SyncBuild,
    builders,
};
pub use deploy_key::{GeneratedDeployKey, parse_generate_deploy_key};
pub use export::GitPlugin;
pub use files::{branch_heads_to_stat, head_commit, report_values_from_files};
pub use known_hosts::{KnownHosts, fingerprint, host_names, parse_known_hosts};
pub use model::{Auth, DEPLOY_KEY_NAME, Git, GitGlobal, GitRecord, SshKey};
pub use netrc::parse_netrc;
pub use parse::{
    GitReport, REPORT, git_from_values, global_from_values, global_warning, parse_report_json,
    parse_report_text, prints_resolved_values,
};
