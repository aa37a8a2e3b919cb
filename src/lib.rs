//! Callside: a side-window coach for customer-service reps.
//!
//! The core (everything but [`ui`]) does not touch egui: content loading and validation,
//! search, the tough-call helper, the user's own data and the command line.

pub mod cli;
pub mod coach;
pub mod content;
pub mod huddle;
pub mod instance;
pub mod live;
pub mod review;
pub mod search;
pub mod store;
pub mod summon;
pub mod text;
pub mod ui;
