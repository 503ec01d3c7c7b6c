//! `service_parse_args` of the service plugins' `common-functions`: long flags are rewritten
//! to their short forms word by word, then bash's `getopts` reads
//! `na:c:C:d:i:I:m:n:N:p:P:q:R:r:s:S:u:` (the first `n` takes no argument), stopping at the
//! first word that is not an option.

/// The flags a service command was given.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ServiceArgs {
    /// `-a/--alias`, upper-cased, a trailing `_URL` removed.
    pub(crate) alias: Option<String>,
    /// `-c/--config-options`.
    pub(crate) config_options: Option<String>,
    /// `-C/--custom-env`.
    pub(crate) custom_env: Option<String>,
    /// `-d/--database`.
    pub(crate) database: Option<String>,
    /// `-i/--image`.
    pub(crate) image: Option<String>,
    /// `-I/--image-version`.
    pub(crate) image_version: Option<String>,
    /// `-m/--memory`.
    pub(crate) memory: Option<String>,
    /// `-n/--no-restart` gives `false`, `-R/--restart-apps` its value.
    pub(crate) restart_apps: Option<String>,
    /// `-N/--initial-network`.
    pub(crate) initial_network: Option<String>,
    /// `-p/--password`.
    pub(crate) password: Option<String>,
    /// `-P/--post-create-network`.
    pub(crate) post_create_network: Option<String>,
    /// `-q/--querystring`, a leading `?` removed.
    pub(crate) querystring: Option<String>,
    /// `-r/--root-password`.
    pub(crate) root_password: Option<String>,
    /// `-s/--shm-size`.
    pub(crate) shm_size: Option<String>,
    /// `-S/--post-start-network`.
    pub(crate) post_start_network: Option<String>,
    /// `-u/--user`.
    pub(crate) user: Option<String>,
    /// What `getopts` printed on stderr (it reports and goes on).
    pub(crate) diagnostics: Vec<String>,
}

/// The long flags and their short forms.
const LONG_FLAGS: &[(&str, &str)] = &[
    ("--alias", "-a"),
    ("--config-options", "-c"),
    ("--custom-env", "-C"),
    ("--database", "-d"),
    ("--image-version", "-I"),
    ("--initial-network", "-N"),
    ("--image", "-i"),
    ("--memory", "-m"),
    ("--no-restart", "-n"),
    ("--password", "-p"),
    ("--post-create-network", "-P"),
    ("--post-start-network", "-S"),
    ("--querystring", "-q"),
    ("--restart-apps", "-R"),
    ("--root-password", "-r"),
    ("--shm-size", "-s"),
    ("--user", "-u"),
];

/// Options that take an argument.
const WITH_ARGUMENT: &str = "acCdiImNpPqRrsSu";

/// Parses `words`; `script` is the subcommand's path, which `getopts` names in its diagnostics.
pub(crate) fn parse(words: &[String], script: &str) -> ServiceArgs {
    let words: Vec<String> = words
        .iter()
        .map(|word| {
            LONG_FLAGS
                .iter()
                .find(|(long, _)| long == word)
                .map_or_else(|| word.clone(), |(_, s)| (*s).to_owned())
        })
        .collect();
    let mut args = ServiceArgs::default();
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        if word == "--" || !word.starts_with('-') || word.len() < 2 {
            break;
        }
        index += 1;
        let letters: Vec<char> = word.chars().skip(1).collect();
        let mut position = 0;
        while position < letters.len() {
            let letter = letters[position];
            position += 1;
            if letter == 'n' {
                args.restart_apps = Some("false".to_owned());
                continue;
            }
            if !WITH_ARGUMENT.contains(letter) {
                args.diagnostics.push(format!("{script}: illegal option -- {letter}"));
                continue;
            }
            let value = if position < letters.len() {
                let rest: String = letters[position..].iter().collect();
                position = letters.len();
                rest
            } else if let Some(next) = words.get(index) {
                index += 1;
                next.clone()
            } else {
                args.diagnostics.push(format!("{script}: option requires an argument -- {letter}"));
                continue;
            };
            set(&mut args, letter, value);
        }
    }
    args
}

/// The `case "$opt"` body.
fn set(args: &mut ServiceArgs, letter: char, value: String) {
    match letter {
        'a' => {
            let upper = value.to_uppercase();
            args.alias = Some(upper.strip_suffix("_URL").map_or(upper.clone(), str::to_owned));
        }
        'c' => args.config_options = Some(value),
        'C' => args.custom_env = Some(value),
        'd' => args.database = Some(value),
        'i' => args.image = Some(value),
        'I' => args.image_version = Some(value),
        'm' => args.memory = Some(value),
        'N' => args.initial_network = Some(value),
        'p' => args.password = Some(value),
        'P' => args.post_create_network = Some(value),
        'q' => args.querystring = Some(value.strip_prefix('?').map_or(value.clone(), str::to_owned)),
        'R' => args.restart_apps = Some(value),
        'r' => args.root_password = Some(value),
        's' => args.shm_size = Some(value),
        'S' => args.post_start_network = Some(value),
        'u' => args.user = Some(value),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn long_and_short_flags_parse_like_getopts() {
        let args = parse(&words("--alias other_url -q ?sslmode=require --no-restart -m512"), "s");
        assert_eq!(args.alias.as_deref(), Some("OTHER"));
        assert_eq!(args.querystring.as_deref(), Some("sslmode=require"));
        assert_eq!(args.restart_apps.as_deref(), Some("false"));
        assert_eq!(args.memory.as_deref(), Some("512"));
        assert!(args.diagnostics.is_empty());
    }

    #[test]
    fn parsing_stops_at_the_first_operand_and_reports_bad_options() {
        let args = parse(&words("extra -p secret"), "s");
        assert_eq!(args.password, None);
        let args = parse(&words("-z -p"), "/x/create");
        assert_eq!(
            args.diagnostics,
            vec!["/x/create: illegal option -- z", "/x/create: option requires an argument -- p"]
        );
    }
}
