//! A problem found in a content file, reported as `path:line:col: message`.

use std::fmt;

/// Something wrong in one content file. Loading goes on without the bad part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user named it (or `builtin:NAME` for embedded content).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.message)
    }
}

/// Finds where things stand in a source text, to give problems a line and column.
pub struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// Prepares a source text for lookups.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Locator { text, line_starts }
    }

    /// 1-based (line, column) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line + 1, col)
    }

    /// Offset of the `n`-th (0-based) `id: "value"` in the text, pointing at the opening quote.
    pub fn find_id(&self, id: &str, n: usize) -> Option<usize> {
        if id.is_empty() {
            return None;
        }
        let needle = format!("\"{id}\"");
        self.text
            .match_indices(&needle)
            .map(|(i, _)| i)
            .filter(|&i| {
                let before = self.text[..i].trim_end();
                let Some(before) = before.strip_suffix(':') else {
                    return false;
                };
                let before = before.trim_end();
                before.ends_with("id")
                    && !before[..before.len() - 2].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            })
            .nth(n)
    }

    /// Offset of the first quoted `"value"` at or after `from`.
    pub fn find_value(&self, from: usize, value: &str) -> Option<usize> {
        let needle = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
        self.text.get(from..)?.find(&needle).map(|i| i + from)
    }

    /// Offset of the first `key:` at or after `from`.
    pub fn find_key(&self, from: usize, key: &str) -> Option<usize> {
        let rest = self.text.get(from..)?;
        let mut search = 0;
        while let Some(i) = rest[search..].find(key) {
            let at = search + i;
            let before_ok = !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            let after = rest[at + key.len()..].trim_start();
            if before_ok && after.starts_with(':') {
                return Some(at + from);
            }
            search = at + key.len();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let l = Locator::new("ab\ncdé\nf");
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col(8), (3, 1));
    }

    #[test]
    fn find_id_skips_other_fields() {
        let t = "(skill: \"empathy\", id: \"x\"),\n(id: \"empathy\"), (id : \"empathy\")";
        let l = Locator::new(t);
        let first = l.find_id("empathy", 0).unwrap();
        assert_eq!(l.line_col(first), (2, 6));
        let second = l.find_id("empathy", 1).unwrap();
        assert!(second > first);
        assert_eq!(l.find_id("empathy", 2), None);
        assert_eq!(l.find_id("x", 0), Some(23));
    }

    #[test]
    fn problem_displays_as_path_line_col() {
        let p = Problem {
            path: "packs/team.ron".into(),
            line: 14,
            col: 9,
            message: "unknown skill".into(),
        };
        assert_eq!(p.to_string(), "packs/team.ron:14:9: unknown skill");
    }
}
