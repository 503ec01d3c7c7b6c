//! Pure readers of a plugin's git checkout (`.git/HEAD`, `.git/config`), for Dokku versions whose
//! `plugin:list` does not say where a plugin came from.

/// The reference in `.git/HEAD`: the branch of `ref: refs/heads/<branch>`, else the commit id.
pub fn parse_git_head(text: &str) -> Option<String> {
    let line = text.lines().next()?.trim();
    if line.is_empty() {
        return None;
    }
    Some(
        line.strip_prefix("ref: refs/heads/")
            .or_else(|| line.strip_prefix("ref: "))
            .unwrap_or(line)
            .to_owned(),
    )
}

/// The `url` of the `[remote "origin"]` section of `.git/config`.
pub fn parse_git_origin_url(text: &str) -> Option<String> {
    let mut in_origin = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_origin = line == "[remote \"origin\"]";
        } else if let (true, Some((key, value))) = (in_origin, line.split_once('='))
            && key.trim() == "url"
        {
            return Some(value.trim().to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_heads_and_origins() {
        assert_eq!(parse_git_head("ref: refs/heads/master\n").as_deref(), Some("master"));
        assert_eq!(parse_git_head("392d9e44\n").as_deref(), Some("392d9e44"));
        assert_eq!(parse_git_head(""), None);
        let config = "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://github.com/dokku/dokku-redirect.git\n";
        assert_eq!(
            parse_git_origin_url(config).as_deref(),
            Some("https://github.com/dokku/dokku-redirect.git")
        );
        assert_eq!(parse_git_origin_url("[core]\n\turl = nope\n"), None);
    }
}
