//! A problem found in a content file, reported as `path:line:col: message`.

use std::fmt;

/// How bad a problem is. Errors mean something was left out; warnings mean it loaded, changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Part of the file (or all of it) was not loaded; `check` fails.
    Error,
    /// Loaded, but adjusted or suspicious; `check` still passes.
    Warning,
}

/// What sort of problem it is, for tools that sort or filter them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The file could not be read (missing, not a regular file, too large, not UTF-8).
    Unreadable,
    /// The file is not valid content RON.
    Syntax,
    /// An id is missing or not in the id form.
    BadId,
    /// An id is defined twice.
    DuplicateId,
    /// A required field is empty or missing.
    MissingField,
    /// A reference to an id that does not exist.
    UnknownReference,
    /// Braces in a phrase text that are not a placeholder.
    Placeholder,
    /// A number outside its documented range (it was clamped).
    OutOfRange,
    /// Something that loads but says nothing useful (an empty `instead_of`, a self-reference).
    Pointless,
    /// Anything else wrong with an entry.
    Invalid,
}

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
    /// What sort of problem.
    pub kind: ProblemKind,
    /// Error or warning.
    pub severity: Severity,
}

impl Problem {
    /// An error at `line:col` of `path`.
    pub fn error(
        path: impl Into<String>,
        (line, col): (usize, usize),
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            path: path.into(),
            line,
            col,
            message: message.into(),
            kind,
            severity: Severity::Error,
        }
    }

    /// True for errors (which fail `check`), false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Error => "",
            Severity::Warning => "warning: ",
        };
        write!(f, "{}:{}:{}: {tag}{}", self.path, self.line, self.col, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_displays_as_path_line_col() {
        let mut p = Problem::error(
            "packs/team.ron",
            (14, 9),
            ProblemKind::UnknownReference,
            "unknown skill",
        );
        assert_eq!(p.to_string(), "packs/team.ron:14:9: unknown skill");
        p.severity = Severity::Warning;
        assert_eq!(p.to_string(), "packs/team.ron:14:9: warning: unknown skill");
    }
}
