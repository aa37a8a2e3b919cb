//! The living library: content that can be replaced whole while the window runs (packs loaded
//! off the UI thread, folders watched for changes). No egui here; the window only receives new
//! [`Content`] values and swaps them in between frames.

mod content;
pub mod packs;
pub mod watch;
mod worker;

pub use content::Content;
pub use packs::{Origin, PackSet};
pub use worker::{Live, LiveConfig, PACK_TIMEOUT};
