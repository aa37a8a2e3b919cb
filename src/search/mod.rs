//! Search over the whole library: an index built once per library, queried on every keystroke.
//!
//! Text is split into words when the index is built; a query word is matched against the
//! distinct words of the library (exactly, in another form with the same Snowball stem, as a
//! prefix, with a typo, or as scattered letters with fuzzy-matcher), and only the places those
//! words occur are scored. Skills, phrase cards and situation tags are indexed, each with the
//! everyday words the vocabulary ties to it; a match on a tag is shared with its cards.

mod index;
mod matcher;

pub use index::{DocRef, FieldKind, FieldMatch, Hit, Index, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
