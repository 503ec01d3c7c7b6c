//! The files of a plugin's service directories, read as root in one command
//! (`grep -rHa "" $DOKKU_LIB_ROOT/services/<type>`, data and config directories left out):
//! `<path>:<line>` for every line of every file.
//!
//! What they hold (`common-functions`, `functions`): `PASSWORD`, `ROOTPASSWORD`, `ENV` (the
//! custom environment, `;` turned into newlines), `CONFIG_OPTIONS`, `IMAGE`, `IMAGE_VERSION`,
//! `SERVICE_MEMORY`, `SHM_SIZE`, `PORT`, `LINKS`, and the backup settings `backup/AWS_*`,
//! `backup/ENDPOINT_URL`, `backup-encryption/ENCRYPTION_KEY` and
//! `backup-encryption/ENCRYPT_WITH_PUBLIC_KEY_ID`.

use std::collections::BTreeMap;

use dokku_core::text::TextError;

/// Each service's files: service → path below the service directory → lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ServiceFiles(BTreeMap<String, BTreeMap<String, Vec<String>>>);

impl ServiceFiles {
    /// The lines of `file` (`PASSWORD`, `backup/AWS_ACCESS_KEY_ID`) of `service`, if it exists.
    pub fn lines(&self, service: &str, file: &str) -> Option<&[String]> {
        self.0.get(service)?.get(file).map(Vec::as_slice)
    }

    /// The first line of `file`: the files written with one `echo` (absent when empty).
    pub fn first_line(&self, service: &str, file: &str) -> Option<&str> {
        self.lines(service, file)?.first().map(String::as_str).filter(|l| !l.is_empty())
    }

    /// Whether any file of `service` was read.
    pub fn has_service(&self, service: &str) -> bool {
        self.0.contains_key(service)
    }
}

/// Parses the output of the grep below `root` (the plugin's data directory, no trailing `/`).
/// Lines outside `root` are an error; the content is never shown in one (it holds passwords).
pub fn parse_service_files(root: &str, text: &str) -> Result<ServiceFiles, TextError> {
    let mut files = ServiceFiles::default();
    let prefix = format!("{root}/");
    for (i, line) in text.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let Some((path, content)) = line.strip_prefix(&prefix).and_then(|rest| rest.split_once(':')) else {
            return Err(TextError::new(i + 1, "`<service dir>/<service>/<file>:<line>`", ""));
        };
        // Files beside the service directories (`.TMP_CRON_FILE`, written while a backup is
        // scheduled) belong to no service.
        let Some((service, file)) = path.split_once('/') else { continue };
        files
            .0
            .entry(service.to_owned())
            .or_default()
            .entry(file.to_owned())
            .or_default()
            .push(content.to_owned());
    }
    Ok(files)
}
