//! The simulator's settings: an environment variable, else a `NAME=value` line of
//! `$DOKKU_SIM_ROOT/settings.env`.
//!
//! The file exists because sshd passes only `DOKKU_SIM_ROOT` to a simulator slot: a test that
//! reaches the simulator over SSH chooses the imitated version (or a new report field) by
//! writing the file into the slot's state directory.

/// The value of setting `name`.
pub fn setting(name: &str) -> Option<String> {
    if let Ok(value) = std::env::var(name) {
        return Some(value);
    }
    let text = std::fs::read_to_string(crate::simulator_root().join("settings.env")).ok()?;
    text.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix('=').map(str::to_owned))
}

/// `DOKKU_SIM_NEW_REPORT_FIELD=<name>=<value>`: every report block gets one more field,
/// `--<type>-<name>`, imitating a newer Dokku whose reports have a field this library has never
/// seen (its parsers must keep it as `extra`, not fail).
pub fn new_report_field() -> Option<(String, String)> {
    let text = setting("DOKKU_SIM_NEW_REPORT_FIELD")?;
    let (name, value) = text.split_once('=')?;
    Some((name.to_owned(), value.to_owned()))
}

/// `DOKKU_SIM_DEPLOYED_APPS=app1,app2`: whether `app` is one of the apps the simulated server
/// treats as deployed and running (it still has no containers; `ps:report` and
/// `ps:restart`/`ps:rebuild` answer as for a deployed app, so restart planning can be tested).
pub fn is_deployed(app: &str) -> bool {
    setting("DOKKU_SIM_DEPLOYED_APPS").is_some_and(|list| list.split(',').map(str::trim).any(|a| a == app))
}

/// `DOKKU_SIM_LIST_WITHOUT_KEY_BODIES=1`, a test knob: `ssh-keys:list --format json` leaves out
/// each key's `public-key`, as it does on a host whose sshcommand is older than 0.19.0 whatever
/// its Dokku version (Dokku's Debian package does not pin sshcommand; versions before 0.35.16
/// leave the field out anyway, see `plugins/ssh_keys.rs`).
pub fn list_without_key_bodies() -> bool {
    setting("DOKKU_SIM_LIST_WITHOUT_KEY_BODIES").is_some_and(|value| value.trim() == "1")
}
