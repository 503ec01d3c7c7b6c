//! Dokku's global flags (`--quiet`, `--trace`, `--force`, `--app <app>`), parsed the way the
//! main script's `parse_args` and its leading-flag `shift` loop do.

/// The global flags of one invocation and the arguments left for dispatch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GlobalFlags {
    /// `--quiet` anywhere in argv (`parse_args` scans every word).
    pub quiet: bool,
    /// `--force` anywhere in argv (`DOKKU_APPS_FORCE_DELETE=1`).
    pub force: bool,
    /// `--app <name>` anywhere in argv.
    pub app: Option<String>,
    /// argv after the leading global flags were shifted off.
    pub args: Vec<String>,
}

impl GlobalFlags {
    /// Parses argv.
    pub fn parse(argv: &[String]) -> Self {
        let mut flags = Self::default();
        let mut words = argv.iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "--quiet" => flags.quiet = true,
                "--force" => flags.force = true,
                "--app" => flags.app = words.next().cloned(),
                _ => {}
            }
        }
        flags.args = shift_leading_flags(argv);
        flags
    }
}

/// The main script's loop: while iterating the original words, every leading `--x` shifts one
/// word off the front, `--app` shifts two, `--version` is skipped without shifting, and the
/// first non-flag word ends the loop.
fn shift_leading_flags(argv: &[String]) -> Vec<String> {
    if !argv.first().is_some_and(|first| first.starts_with("--")) {
        return argv.to_vec();
    }
    let mut shifted = 0usize;
    let mut skip_next = false;
    for word in argv {
        if skip_next {
            skip_next = false;
            continue;
        }
        if word == "--version" {
            continue;
        }
        if word == "--app" {
            shifted += 2;
            skip_next = true;
        } else if word.starts_with("--") {
            shifted += 1;
        } else {
            break;
        }
    }
    argv.iter().skip(shifted).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_string()).collect()
    }

    #[test]
    fn leading_flags_are_shifted() {
        let flags = GlobalFlags::parse(&words(&["--quiet", "apps:list"]));
        assert!(flags.quiet);
        assert_eq!(flags.args, words(&["apps:list"]));
    }

    #[test]
    fn app_flag_takes_a_value() {
        let flags = GlobalFlags::parse(&words(&["--app", "a1", "config:show"]));
        assert_eq!(flags.app.as_deref(), Some("a1"));
        assert_eq!(flags.args, words(&["config:show"]));
    }

    #[test]
    fn later_flags_stay_in_place() {
        let flags = GlobalFlags::parse(&words(&["apps:destroy", "--force", "a1"]));
        assert!(flags.force);
        assert_eq!(flags.args, words(&["apps:destroy", "--force", "a1"]));
    }
}
