//! Navigation: which view is showing, with a back stack. No drawing here.

use serde::{Deserialize, Serialize};

/// A screen of the app. Skills are named by id so a saved view survives content changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum View {
    /// Search box with results (or the browse list when the query is empty).
    #[default]
    Search,
    /// One skill in full.
    Skill(String),
    /// The tough-call helper.
    ToughCall,
    /// The huddle presentation (skill of the day).
    Huddle,
    /// The daily flashcard review.
    Review,
}

/// The current view and the way back.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    current: View,
    back: Vec<View>,
}

/// Deepest back stack kept.
const MAX_BACK: usize = 50;

impl Nav {
    /// Starts on a view with no history.
    pub fn new(view: View) -> Nav {
        Nav {
            current: view,
            back: Vec::new(),
        }
    }

    /// The view showing now.
    pub fn current(&self) -> &View {
        &self.current
    }

    /// Goes to a view, remembering the current one (no-op if already there).
    pub fn go(&mut self, view: View) {
        if view == self.current {
            return;
        }
        let prev = std::mem::replace(&mut self.current, view);
        self.back.push(prev);
        if self.back.len() > MAX_BACK {
            self.back.remove(0);
        }
    }

    /// Goes back one view; at the start, back means the search list. Returns false if nothing changed.
    pub fn back(&mut self) -> bool {
        match self.back.pop() {
            Some(v) => {
                self.current = v;
                true
            }
            None if self.current != View::Search => {
                self.current = View::Search;
                true
            }
            None => false,
        }
    }

    /// Whether there is somewhere to go back to.
    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty() || self.current != View::Search
    }
}

/// Moves a selection in a list of `len` items by `delta`, clamped to the ends.
pub fn move_selection(selected: Option<usize>, delta: i32, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let Some(cur) = selected else {
        return Some(if delta < 0 { len - 1 } else { 0 });
    };
    let next = (cur as i64 + delta as i64).clamp(0, len as i64 - 1);
    Some(next as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_walks_history_then_lands_on_search() {
        let mut n = Nav::new(View::Search);
        assert!(!n.can_go_back());
        n.go(View::Skill("empathy".into()));
        n.go(View::Skill("patience".into()));
        n.go(View::Skill("patience".into()));
        assert!(n.back());
        assert_eq!(n.current(), &View::Skill("empathy".into()));
        assert!(n.back());
        assert_eq!(n.current(), &View::Search);
        assert!(!n.back());
        let mut n = Nav::new(View::ToughCall);
        assert!(n.back());
        assert_eq!(n.current(), &View::Search);
    }

    #[test]
    fn selection_moves_and_clamps() {
        assert_eq!(move_selection(None, 1, 0), None);
        assert_eq!(move_selection(None, 1, 3), Some(0));
        assert_eq!(move_selection(None, -1, 3), Some(2));
        assert_eq!(move_selection(Some(0), -1, 3), Some(0));
        assert_eq!(move_selection(Some(1), 1, 3), Some(2));
        assert_eq!(move_selection(Some(2), 1, 3), Some(2));
        assert_eq!(move_selection(Some(5), -1, 3), Some(2));
    }
}
