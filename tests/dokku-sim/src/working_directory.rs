//! Whether the Dokku user can get back into the working directory the command was started in.
//!
//! Dokku's main script re-executes every command but the root-only ones as the `dokku` user
//! (`sudo -u dokku -E -H "$0" "$@"`), and sudo keeps the working directory. An SSH login as
//! root or as an admin starts in that user's home, which is often mode 0700: the `dokku` user
//! then runs inside a directory it may not enter. Most of Dokku does not care, but a plugin step
//! that has to return to the starting directory fails:
//!
//! * GNU find remembers the starting directory as an open descriptor when it can open `.` (that
//!   needs read and search permission on it), else by name, and changes back to it (which needs
//!   search permission on the directory and, by name, on every ancestor). `-exec … {} +` runs its
//!   command from there: the child prints `find: Failed to change directory: <dir>: Permission
//!   denied`; and every find, when it ends, prints `find: Failed to restore initial working
//!   directory: <dir>: Permission denied` and exits 1 (findutils 4.9.0, checked on this
//!   machine). Dokku's own calls silence such a find or ignore its status; the maintenance
//!   plugin's `fn-maintenance-fix-permissions` does not.
//! * bash's `popd` back into the starting directory fails the same way (it prints to wherever
//!   its stderr goes).
//!
//! The simulator decides as the kernel would, from the directory's mode bits: the Dokku user's
//! identity is the simulator's own when it does not run as root (it then *is* the Dokku user,
//! as through the forced command), else the user named by `DOKKU_SIM_DOKKU_USER` (default
//! `dokku`) in `/etc/passwd` and `/etc/group`; a name missing there owns nothing and is in no
//! group, so only the "other" bits count. ACLs are not consulted.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::privilege::effective_uid;
use crate::settings::setting;

/// The working directory when the Dokku user could not change back into it (the path GNU find
/// names in its error), `None` when it can or when the directory is unknown.
pub(crate) fn unreachable_for_dokku_user() -> Option<PathBuf> {
    let directory = std::env::current_dir().ok()?;
    let user = dokku_user();
    let search = |path: &Path| permitted(&user, path, 0o1);
    let read = |path: &Path| permitted(&user, path, 0o4);
    let by_descriptor = read(&directory) && search(&directory);
    let by_name = directory.ancestors().all(search);
    (!by_descriptor && !by_name).then_some(directory)
}

/// Who a permission check is made for.
struct Identity {
    uid: Option<u32>,
    gids: Vec<u32>,
}

/// The user Dokku would run the command as.
fn dokku_user() -> Identity {
    let uid = effective_uid();
    if uid != 0 {
        return identity(|fields| fields[2].parse() == Ok(uid))
            .unwrap_or(Identity { uid: Some(uid), gids: Vec::new() });
    }
    let name = setting("DOKKU_SIM_DOKKU_USER").unwrap_or_else(|| "dokku".to_owned());
    identity(|fields| fields[0] == name).unwrap_or(Identity { uid: None, gids: Vec::new() })
}

/// The `/etc/passwd` entry `matches` accepts, with its primary and supplementary groups.
fn identity(matches: impl Fn(&[&str]) -> bool) -> Option<Identity> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let fields: Vec<&str> = passwd
        .lines()
        .map(|line| line.split(':').collect::<Vec<_>>())
        .find(|f| f.len() >= 4 && matches(f))?;
    let name = fields[0];
    let mut gids: Vec<u32> = fields[3].parse().ok().into_iter().collect();
    let groups = std::fs::read_to_string("/etc/group").unwrap_or_default();
    for line in groups.lines() {
        let group: Vec<&str> = line.split(':').collect();
        if group.len() >= 4
            && group[3].split(',').any(|member| member == name)
            && let Ok(gid) = group[2].parse()
        {
            gids.push(gid);
        }
    }
    Some(Identity { uid: fields[2].parse().ok(), gids })
}

/// Whether `user` has the permission `bit` (4 read, 1 search) on `path`: the owner's bits when
/// it owns the path, else the group's when it is in the group, else the others'.
fn permitted(user: &Identity, path: &Path, bit: u32) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    let mode = metadata.mode();
    let bits = if user.uid == Some(metadata.uid()) {
        mode >> 6
    } else if user.gids.contains(&metadata.gid()) {
        mode >> 3
    } else {
        mode
    };
    bits & bit != 0
}
