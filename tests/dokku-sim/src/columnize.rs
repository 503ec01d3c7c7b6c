//! `github.com/ryanuber/columnize` as Dokku uses it: cells are left-aligned to the widest cell
//! of their column, joined by two spaces, the last column unpadded.

/// Formats rows of cells into aligned lines, each starting with `prefix`.
pub(crate) fn columnize(rows: &[Vec<String>], prefix: &str) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        for (index, cell) in row.iter().enumerate() {
            widths[index] = widths[index].max(cell.chars().count());
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::from(prefix);
            for (index, cell) in row.iter().enumerate() {
                if index + 1 == row.len() {
                    line.push_str(cell);
                } else {
                    let padding = widths[index] - cell.chars().count();
                    line.push_str(cell);
                    line.push_str(&" ".repeat(padding + 2));
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}
