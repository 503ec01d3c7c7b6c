//! Which commands Dokku runs only as root, and who the simulator runs as.

/// Whether Dokku's main script refuses `command` for a non-root user: `plugin:*` except
/// `plugin:help` and `plugin:list`, `ssh-keys:add`, `ssh-keys:remove`,
/// `scheduler-k3s:initialize` and `scheduler-k3s:uninstall`.
pub fn needs_root(command: &str) -> bool {
    (command.starts_with("plugin:") && command != "plugin:help" && command != "plugin:list")
        || matches!(
            command,
            "ssh-keys:add" | "ssh-keys:remove" | "scheduler-k3s:initialize" | "scheduler-k3s:uninstall"
        )
}

/// The effective uid, from `DOKKU_SIM_EUID` when set (so tests running as root can play the
/// `dokku` user) or else from `/proc/self/status` (the workspace forbids the `unsafe` libc call).
pub fn effective_uid() -> u32 {
    if let Some(uid) = std::env::var("DOKKU_SIM_EUID").ok().and_then(|text| text.trim().parse().ok()) {
        return uid;
    }
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .and_then(|ids| ids.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|euid| euid.parse().ok())
        .unwrap_or(0)
}
