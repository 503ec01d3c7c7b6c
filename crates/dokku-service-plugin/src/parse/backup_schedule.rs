//! `<type>:backup-schedule-cat <service>`: the service's cron file, one line written by
//! `service_backup_schedule`:
//! `${SCHEDULE} dokku ${DOKKU_BIN} ${PREFIX}:backup ${SERVICE} ${BUCKET_NAME} ${USE_IAM_OPTIONAL_FLAG}`.
//! Without a schedule the command fails (`There is no scheduled backup for <service>.`).

use dokku_core::text::TextError;

use crate::model::BackupSchedule;
use crate::spec::ServiceSpec;

/// Parses the cron file of `service`.
pub fn parse_backup_schedule(
    spec: &ServiceSpec,
    service: &str,
    text: &str,
) -> Result<BackupSchedule, TextError> {
    let Some((i, line)) = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty()) else {
        return Err(TextError::new(1, "a cron line", ""));
    };
    let expected = "`<schedule> dokku <dokku-bin> <type>:backup <service> <bucket> [--use-iam]`";
    let words: Vec<&str> = line.split_whitespace().collect();
    let command = spec.command("backup");
    let Some(at) = words.iter().position(|w| *w == command) else {
        return Err(TextError::new(i + 1, expected, line));
    };
    if at < 3 || words[at - 2] != "dokku" || words.get(at + 1) != Some(&service) {
        return Err(TextError::new(i + 1, expected, line));
    }
    let Some(bucket) = words.get(at + 2) else { return Err(TextError::new(i + 1, expected, line)) };
    let use_iam = match words.get(at + 3..).unwrap_or_default() {
        [] => false,
        ["--use-iam" | "-u"] => true,
        _ => return Err(TextError::new(i + 1, expected, line)),
    };
    Ok(BackupSchedule { schedule: words[..at - 2].join(" "), bucket: (*bucket).to_owned(), use_iam })
}
