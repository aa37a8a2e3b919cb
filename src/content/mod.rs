//! The content: the file format, loading and validation, and the checked library.

pub mod builtin;
mod hints;
pub mod huddle;
pub mod load;
pub mod locate;
pub mod model;
pub mod placeholder;
pub mod problem;
pub(crate) mod raw;
pub mod vocabulary;

pub use load::{Loaded, Source, load, read_pack_path};
pub use model::*;
pub use problem::{Problem, ProblemKind, Severity};

use std::path::PathBuf;

/// Loads the built-in library plus every pack path given (files or folders), in that order.
pub fn load_with_packs(packs: &[PathBuf]) -> Loaded {
    let mut sources = builtin::sources();
    let mut read_problems = Vec::new();
    for p in packs {
        let (s, problems) = read_pack_path(p);
        sources.extend(s);
        read_problems.extend(problems);
    }
    let mut loaded = load(&sources);
    read_problems.extend(loaded.problems);
    loaded.problems = read_problems;
    loaded
}
