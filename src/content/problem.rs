//! A problem found in a content file, reported as `path:line:col: message`.

use std::collections::HashMap;
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
    /// Where each `id: "value"` stands (offsets of the opening quote), found in one pass so that
    /// locating every entry of a large pack stays linear.
    ids: HashMap<&'a str, Vec<usize>>,
}

/// Every `id: "value"` in a text: value → offsets of its opening quote, in order.
fn index_ids(text: &str) -> HashMap<&str, Vec<usize>> {
    let b = text.as_bytes();
    let skip_ws = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        j
    };
    let mut ids: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, _) in text.match_indices("id") {
        // `id` must be a whole field name (not `skill_id`, `valid`); non-ASCII bytes count as letters.
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] >= 0x80) {
            continue;
        }
        let colon = skip_ws(i + 2);
        if b.get(colon) != Some(&b':') {
            continue;
        }
        let quote = skip_ws(colon + 1);
        if b.get(quote) != Some(&b'"') {
            continue;
        }
        let Some(len) = text[quote + 1..].find(['"', '\\', '\n']) else {
            continue;
        };
        if b[quote + 1 + len] == b'"' {
            ids.entry(&text[quote + 1..quote + 1 + len]).or_default().push(quote);
        }
    }
    ids
}

impl<'a> Locator<'a> {
    /// Prepares a source text for lookups.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Locator {
            text,
            line_starts,
            ids: index_ids(text),
        }
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
        self.ids.get(id)?.get(n).copied()
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
