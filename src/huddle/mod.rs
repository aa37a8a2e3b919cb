//! Huddle mode: the skill of the day, the presentation a lead steps through, and practice rounds.
//! Pure core (no egui): the window, the CLI and the tests all call these.

pub(crate) mod hash;
mod practice;
mod rotation;
mod slides;

pub use practice::{Round, practice_round, reveal};
pub use rotation::{Pick, PickReason, skill_of_the_day};
pub use slides::{Huddle, SECTIONS, Section, huddle_for};
