//! The rep's daily review: flashcards drawn from the library, scheduled with FSRS, kept in the
//! user database with an append-only review log. Pure core (no egui); the clock is always passed
//! in, so every rule here is tested with fixed dates.

mod cards;
mod schedule;
mod session;
mod stats;
pub mod store;

pub use cards::{CardKind, Flashcard, deck};
pub use schedule::{CardState, Fsrs, Phase, Rating, Scheduler, interval_label};
pub use session::{Counts, LEARN_AHEAD_MINUTES, MAX_PER_DAY, NEW_PER_DAY, Reviewer};
pub use stats::{Stats, stats};
pub use store::{LogEntry, ReviewStore, StoreError};
