//! Search over the whole library: an index built once per library, queried on every keystroke.
//!
//! Text is split into words when the index is built; a query word is matched against the
//! distinct words of the library (exactly, as a prefix, with a typo, or as scattered letters
//! with fuzzy-matcher), and only the places those words occur are scored.

mod index;
mod matcher;

pub use index::{DocRef, FieldKind, FieldMatch, Hit, Index};
