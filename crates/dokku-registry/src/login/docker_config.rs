//! Docker's client config (`config.json`): the logins `docker login` stored, which is where
//! `registry:login` leaves them. Pure: text in, logins out.

use std::collections::BTreeMap;

use base64::Engine;
use dokku_core::Secret;

use super::model::RegistryLogin;

/// The key `docker login` uses for Docker Hub; `registry:login` takes it as `docker.io`.
const DOCKER_HUB_KEY: &str = "https://index.docker.io/v1/";

/// The logins of one docker config file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerConfigLogins {
    /// Logins whose credentials the file holds (`app_name` unset: the caller knows the scope).
    pub logins: Vec<RegistryLogin>,
    /// Servers whose credentials are elsewhere (a credential helper, an identity token): known
    /// to exist, not readable from the file.
    pub elsewhere: Vec<String>,
}

/// The server name `registry:login` takes for a key of `auths`.
fn server_of(key: &str) -> String {
    if key == DOCKER_HUB_KEY { "docker.io".to_owned() } else { key.to_owned() }
}

/// Reads the logins of a docker `config.json`. An empty text is a file that does not exist (no
/// logins); text that is not a JSON object is an error (the message never quotes the file).
pub fn parse_docker_config(text: &str) -> Result<DockerConfigLogins, String> {
    if text.trim().is_empty() {
        return Ok(DockerConfigLogins::default());
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| format!("not a docker config file (JSON error at line {})", e.line()))?;
    let root = value.as_object().ok_or("not a docker config file (not a JSON object)")?;
    let mut found = DockerConfigLogins::default();
    let helpers = root.get("credHelpers").and_then(|h| h.as_object());
    let auths = root.get("auths").and_then(|a| a.as_object()).cloned().unwrap_or_default();
    for (key, entry) in &auths {
        let server = server_of(key);
        let auth = entry.get("auth").and_then(|a| a.as_str()).filter(|a| !a.is_empty());
        let decoded = auth
            .and_then(|a| base64::engine::general_purpose::STANDARD.decode(a).ok())
            .and_then(|bytes| String::from_utf8(bytes).ok());
        match decoded.as_deref().and_then(|d| d.split_once(':')) {
            Some((username, password)) => found.logins.push(RegistryLogin {
                app_name: None,
                server,
                username: username.to_owned(),
                password: Secret::new(password.to_owned()),
            }),
            None => found.elsewhere.push(server),
        }
    }
    // A credential store or helper keeps passwords outside the file; its servers are known from
    // `credHelpers` (or only from the store itself).
    for key in helpers.into_iter().flat_map(|h| h.keys()) {
        let server = server_of(key);
        if !found.elsewhere.contains(&server) && !found.logins.iter().any(|l| l.server == server) {
            found.elsewhere.push(server);
        }
    }
    Ok(found)
}

/// Splits `grep -rH '' <files…>` output (`<path>:<line>` per line) back into each file's text,
/// for the paths that end in `/config.json`.
pub fn split_config_files(grep_output: &str) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for line in grep_output.lines() {
        let Some(at) = line.find("/config.json:") else { continue };
        let (path, rest) = line.split_at(at + "/config.json".len());
        let text = files.entry(path.to_owned()).or_default();
        text.push_str(&rest[1..]);
        text.push('\n');
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(user_and_password: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(user_and_password)
    }

    #[test]
    fn logins_come_from_auths() {
        let text = format!(
            "{{\n\t\"auths\": {{\n\t\t\"{DOCKER_HUB_KEY}\": {{\n\t\t\t\"auth\": \"{}\"\n\t\t}},\n\t\t\
             \"registry.example.com\": {{\"auth\": \"{}\"}}\n\t}}\n}}\n",
            auth("hubber:hub:pass"),
            auth("bot:tok")
        );
        let found = parse_docker_config(&text).unwrap_or_default();
        let shown: Vec<(String, String, String)> = found
            .logins
            .iter()
            .map(|l| (l.server.clone(), l.username.clone(), l.password.expose().clone()))
            .collect();
        assert_eq!(
            shown,
            [
                ("docker.io".to_owned(), "hubber".to_owned(), "hub:pass".to_owned()),
                ("registry.example.com".to_owned(), "bot".to_owned(), "tok".to_owned())
            ]
        );
        assert!(found.elsewhere.is_empty());
    }

    #[test]
    fn helpers_and_tokens_are_known_but_unread() {
        let text = r#"{"auths": {"ghcr.io": {}, "quay.io": {"identitytoken": "x"}}, "credsStore": "pass",
                       "credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"}}"#;
        let found = parse_docker_config(text).unwrap_or_default();
        assert!(found.logins.is_empty());
        assert_eq!(found.elsewhere, ["ghcr.io", "quay.io", "123.dkr.ecr.us-east-1.amazonaws.com"]);
    }

    #[test]
    fn a_missing_file_has_no_logins_and_garbage_is_an_error() {
        assert_eq!(parse_docker_config("").ok(), Some(DockerConfigLogins::default()));
        assert_eq!(parse_docker_config("{}").ok(), Some(DockerConfigLogins::default()));
        let err = parse_docker_config("{\"auths\": sec").err().unwrap_or_default();
        assert!(err.contains("line 1") && !err.contains("sec"), "{err}");
        assert!(parse_docker_config("[1]").is_err());
    }

    #[test]
    fn grep_output_splits_per_file() {
        let out = "/var/lib/dokku/config/registry/api/config.json:{\n\
                   /var/lib/dokku/config/registry/api/config.json:\t\"auths\": {}\n\
                   /var/lib/dokku/config/registry/api/config.json:}\n\
                   /home/dokku/.docker/config.json:{}\n";
        let files = split_config_files(out);
        assert_eq!(files.len(), 2);
        assert_eq!(files["/var/lib/dokku/config/registry/api/config.json"], "{\n\t\"auths\": {}\n}\n");
        assert_eq!(files["/home/dokku/.docker/config.json"], "{}\n");
    }
}
