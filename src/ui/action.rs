//! What a panel asks the app to do. Panels draw and return [`Actions`]; the app applies them once,
//! after drawing. Everything is named by id, so an action survives a content swap.

use super::nav::View;

/// Something a panel asks the app to do; applied once, after drawing.
#[must_use = "an action does nothing until the app applies it"]
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Copy a phrase card by id (asks for placeholder values first if it has any).
    CopyPhrase(String),
    /// Put this exact text on the clipboard (from this phrase card id, if any).
    CopyText(String, Option<String>),
    /// Open a skill by id.
    OpenSkill(String),
    /// Go to a view.
    Go(View),
    /// Go back.
    Back,
    /// Put the keyboard in the search box.
    FocusSearch,
    /// Select or unselect a tough-call tag by id.
    ToggleTag(String),
    /// Replace the tough-call tags (ids).
    SetTags(Vec<String>),
    /// Change text size by steps (0 resets).
    Font(i32),
    /// Cycle light / dark / system.
    CycleTheme,
    /// Keep above other windows, or not.
    ToggleOnTop,
    /// Search and results only, or everything.
    ToggleCompact,
    /// Show or hide the shortcut legend.
    ToggleLegend,
    /// Show or hide the packs settings.
    TogglePacks,
    /// Use this team folder (empty: none), polled or not; packs load again.
    SetTeamFolder(String, bool),
    /// Close the placeholder form without copying.
    CancelFill,
    /// Use this key combination as the global summon key.
    SetSummonKey(String),
    /// Put the window in full screen, or take it out.
    FullScreen(bool),
    /// Star or unstar a skill or card (by id).
    ToggleFavorite(String),
    /// Move a favorite up (-1) or down (+1).
    MoveFavorite(String, i32),
    /// Open the form for a new card of the rep's own; with an id, start from that card's wording.
    NewCard(Option<String>),
    /// Open the form to edit one of the rep's own cards.
    EditCard(String),
    /// Save the card form.
    SaveCard(crate::store::CardDraft, Option<String>),
    /// Close the card form without saving.
    CloseCardForm,
    /// Delete one of the rep's own cards (undo is offered).
    DeleteCard(String),
    /// Bring back the card deleted last.
    UndoDelete,
    /// Write the rep's own cards as a pack file.
    ExportMine,
    /// Add a card to the reply tray.
    AddToTray(String),
    /// Move a tray entry (by position in the tray) up (-1) or down (+1).
    MoveInTray(usize, i32),
    /// Take a tray entry out.
    RemoveFromTray(usize),
    /// Empty the tray.
    ClearTray,
    /// Put the whole reply on the clipboard (filled text).
    CopyReply(String),
    /// Tell the rep something in a toast (`problem`: something went wrong, e.g. a pack).
    Notify {
        /// What to say.
        text: String,
        /// A problem rather than something done.
        problem: bool,
    },
}

/// The actions one panel returns from drawing (every panel returns them the same way).
#[must_use = "actions do nothing until the app applies them"]
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Actions(Vec<Action>);

impl Actions {
    /// No actions yet.
    pub fn new() -> Actions {
        Actions(Vec::new())
    }

    /// Adds one.
    pub fn push(&mut self, a: Action) {
        self.0.push(a);
    }

    /// Adds every action of another panel.
    pub fn append(&mut self, other: Actions) {
        self.0.extend(other.0);
    }

    /// Whether nothing was asked.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Actions {
    type Item = Action;
    type IntoIter = std::vec::IntoIter<Action>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Action> for Actions {
    fn from(a: Action) -> Actions {
        Actions(vec![a])
    }
}
