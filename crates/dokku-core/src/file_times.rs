//! Files' modification times, read with one `stat` for many files (root fast path): some
//! report values are a file's time (nginx's `last-visited-at`, git's `last-updated-at`), which
//! no file's content holds.

use std::collections::BTreeMap;

use crate::{Client, Command, Error};

/// `stat` of `paths` (links followed, as Go's `os.Stat`), one line per file it could read:
/// `<type>\0<modification time, Unix seconds>\0<path>`. A missing file fails that path only.
pub fn stat_command<'a>(paths: impl IntoIterator<Item = &'a str>) -> Command {
    Command::system("stat").args(["-L", "--printf", "%F\\0%Y\\0%n\\n", "--"]).args(paths).allow_failure()
}

/// Reads [`stat_command`]'s output: the modification time (Unix seconds, as text) of each path
/// that is a regular file (Go's `Mode().IsRegular()`); other lines are skipped.
pub fn parse_stat_output(output: &str) -> BTreeMap<String, String> {
    output
        .split_terminator('\n')
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\0');
            let (kind, mtime, path) = (fields.next()?, fields.next()?, fields.next()?);
            let regular = kind == "regular file" || kind == "regular empty file";
            (regular && mtime.parse::<i64>().is_ok()).then(|| (path.to_owned(), mtime.to_owned()))
        })
        .collect()
}

/// The modification times of the regular files among `paths`, by path; no command when
/// `paths` is empty.
pub async fn modification_times(
    client: &Client,
    paths: &[String],
) -> Result<BTreeMap<String, String>, Error> {
    if paths.is_empty() {
        return Ok(BTreeMap::new());
    }
    let out = client.output(&stat_command(paths.iter().map(String::as_str))).await?;
    Ok(parse_stat_output(&out.stdout))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_get_a_time() {
        let times = parse_stat_output(
            "regular file\x001736745546\0/var/log/a.log\ndirectory\x001\0/var/log/c\n\
             regular empty file\x007\0/x y\nbad line\n",
        );
        let times: Vec<(&str, &str)> = times.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        assert_eq!(times, [("/var/log/a.log", "1736745546"), ("/x y", "7")]);
    }

    #[test]
    fn one_command_for_every_path() {
        let argv = stat_command(["/a", "/b c"]).argv_masked().join(" ");
        assert_eq!(argv, "-L --printf %F\\0%Y\\0%n\\n -- /a /b c");
    }
}
