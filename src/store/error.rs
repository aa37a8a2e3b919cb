//! The store's one error type.

use super::cards::DraftProblem;
use std::fmt;

/// What can go wrong reading or writing the rep's data.
#[derive(Debug)]
pub enum StoreError {
    /// SQLite said no (locked past the busy timeout, disk full, …).
    Sqlite(rusqlite::Error),
    /// A file or folder could not be read or written.
    Io(std::io::Error),
    /// A card draft is not valid; each problem names its field.
    Invalid(Vec<DraftProblem>),
    /// No own card with this id (or it is deleted).
    NoSuchCard(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::Io(e) => write!(f, "{e}"),
            StoreError::Invalid(problems) => {
                let parts: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                write!(f, "{}", parts.join("; "))
            }
            StoreError::NoSuchCard(id) => write!(f, "no card of yours with id \"{id}\""),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite(e) => Some(e),
            StoreError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}
