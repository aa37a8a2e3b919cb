//! The keyboard shortcuts: one table that drives key handling and the legend (and that the
//! README's keyboard table is checked against).

use egui::{Key, Modifiers};

/// What a shortcut does; the app decides what that means in the view showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Put the keyboard in the search box.
    FocusSearch,
    /// Show or hide the legend.
    Legend,
    /// Open the tough-call helper.
    ToughCall,
    /// Bigger text.
    FontBigger,
    /// Smaller text.
    FontSmaller,
    /// Normal text.
    FontReset,
    /// Go back.
    Back,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Copy the selected phrase, open the selected skill, toggle the tag under the cursor.
    Activate,
    /// Copy the selected item.
    Copy,
    /// Copy the n-th phrase shown.
    CopyNth,
    /// Clear, close or go back.
    Escape,
    /// Clear every tough-call tag.
    ClearTags,
    /// Open the first skill found for the search.
    OpenSkillHit,
    /// Open the huddle presentation.
    Huddle,
    /// Open the daily review.
    Review,
    /// Huddle: next section.
    NextSection,
    /// Huddle: previous section.
    PrevSection,
    /// Huddle: reveal the plan; review: show the answer.
    Reveal,
    /// Huddle: draw another practice round.
    AnotherRound,
    /// Huddle: full screen on or off.
    FullScreen,
    /// Review: rate the card 1–4 (Again, Hard, Good, Easy).
    Rate,
    /// Star or unstar the selected card or skill.
    Star,
    /// Move the selected favorite up.
    FavoriteUp,
    /// Move the selected favorite down.
    FavoriteDown,
    /// Open the form for a new card of the rep's own.
    NewCard,
    /// Save the card form.
    SaveCard,
    /// Add the selected card to the reply tray.
    AddToReply,
    /// Copy the whole reply.
    CopyReply,
    /// Undo deleting a card.
    Undo,
    /// Skill page: jump to what the skill is (definition, analogy), or back to the cards.
    SkillAbout,
    /// Tough call: take out the situation picked last (in the empty situation filter).
    RemoveLastTag,
}

/// One way to trigger a command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Chord {
    /// A key with exactly these modifiers (Ctrl means Cmd on a Mac).
    Key(Modifiers, Key),
    /// A character typed outside a text box (or into an empty search box).
    Typed(&'static str),
    /// A digit 1…9 with these modifiers.
    Digit(Modifiers),
    /// The platform's copy event (what Ctrl+C becomes on most systems).
    CopyEvent,
}

/// One line of the legend: how it is written, what it does, and the chords behind it.
#[derive(Debug, Clone, Copy)]
pub struct Shortcut {
    /// The keys, as shown in the legend and the README.
    pub keys: &'static str,
    /// What they do.
    pub what: &'static str,
    /// Every (command, chord) this line stands for.
    pub bindings: &'static [(Command, Chord)],
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const ALT: Modifiers = Modifiers::ALT;
const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Every shortcut, in legend order.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut {
        keys: "Ctrl+K, or / outside a text box",
        what: "Search from anywhere (focus starts there)",
        bindings: &[
            (Command::FocusSearch, Chord::Key(CMD, Key::K)),
            (Command::FocusSearch, Chord::Typed("/")),
        ],
    },
    Shortcut {
        keys: "↑ / ↓",
        what: "Move the selection",
        bindings: &[
            (Command::Up, Chord::Key(NONE, Key::ArrowUp)),
            (Command::Down, Chord::Key(NONE, Key::ArrowDown)),
        ],
    },
    Shortcut {
        keys: "Enter",
        what: "Copy the selected phrase / open the selected skill / toggle the tag",
        bindings: &[(Command::Activate, Chord::Key(NONE, Key::Enter))],
    },
    Shortcut {
        keys: "Alt+Enter",
        what: "Open the first skill found (the skills strip above the phrases)",
        bindings: &[(Command::OpenSkillHit, Chord::Key(ALT, Key::Enter))],
    },
    Shortcut {
        keys: "Ctrl+C",
        what: "Copy the selected phrase (on a skill: its definition); text selected in a box copies as usual",
        bindings: &[
            (Command::Copy, Chord::Key(CMD, Key::C)),
            (Command::Copy, Chord::CopyEvent),
        ],
    },
    Shortcut {
        keys: "Alt+1…9",
        what: "Copy the 1st…9th phrase shown (results, skill, or plan)",
        bindings: &[(Command::CopyNth, Chord::Digit(ALT))],
    },
    Shortcut {
        keys: "Esc",
        what: "Clear the search (again: back to the top of the list); back from a skill",
        bindings: &[(Command::Escape, Chord::Key(NONE, Key::Escape))],
    },
    Shortcut {
        keys: "Alt+←",
        what: "Back",
        bindings: &[(Command::Back, Chord::Key(ALT, Key::ArrowLeft))],
    },
    Shortcut {
        keys: "Ctrl+T",
        what: "Tough-call helper",
        bindings: &[(Command::ToughCall, Chord::Key(CMD, Key::T))],
    },
    Shortcut {
        keys: "Ctrl+L",
        what: "Clear all tough-call tags",
        bindings: &[(Command::ClearTags, Chord::Key(CMD, Key::L))],
    },
    Shortcut {
        keys: "Backspace in the empty situation filter",
        what: "Take out the tough-call tag picked last (Tab to a tag, then Enter or Space, takes out that one)",
        bindings: &[(Command::RemoveLastTag, Chord::Key(NONE, Key::Backspace))],
    },
    Shortcut {
        keys: "L",
        what: "On a skill: jump to what it is (definition, analogy, related skills); again: back to its cards",
        bindings: &[(Command::SkillAbout, Chord::Typed("l"))],
    },
    Shortcut {
        keys: "Ctrl+D",
        what: "Star or unstar the selected card or skill (favorites lead the empty search)",
        bindings: &[(Command::Star, Chord::Key(CMD, Key::D))],
    },
    Shortcut {
        keys: "Alt+↑ / Alt+↓",
        what: "Move the selected favorite up / down",
        bindings: &[
            (Command::FavoriteUp, Chord::Key(ALT, Key::ArrowUp)),
            (Command::FavoriteDown, Chord::Key(ALT, Key::ArrowDown)),
        ],
    },
    Shortcut {
        keys: "Ctrl+N",
        what: "New card of your own (Ctrl+Enter saves it)",
        bindings: &[
            (Command::NewCard, Chord::Key(CMD, Key::N)),
            (Command::SaveCard, Chord::Key(CMD, Key::Enter)),
        ],
    },
    Shortcut {
        keys: "Ctrl+R",
        what: "Add the selected card to the reply",
        bindings: &[(Command::AddToReply, Chord::Key(CMD, Key::R))],
    },
    Shortcut {
        keys: "Ctrl+Shift+C",
        what: "Copy the whole reply",
        bindings: &[(Command::CopyReply, Chord::Key(CMD_SHIFT, Key::C))],
    },
    Shortcut {
        keys: "Ctrl+Z",
        what: "Undo deleting your card (outside a text box)",
        bindings: &[(Command::Undo, Chord::Key(CMD, Key::Z))],
    },
    Shortcut {
        keys: "Ctrl+= / Ctrl+- / Ctrl+0",
        what: "Bigger / smaller / normal text (for a huddle on a projector)",
        bindings: &[
            (Command::FontBigger, Chord::Key(CMD, Key::Equals)),
            (Command::FontBigger, Chord::Key(CMD, Key::Plus)),
            (Command::FontBigger, Chord::Key(CMD_SHIFT, Key::Equals)),
            (Command::FontSmaller, Chord::Key(CMD, Key::Minus)),
            (Command::FontReset, Chord::Key(CMD, Key::Num0)),
        ],
    },
    Shortcut {
        keys: "F5",
        what: "Huddle: present the skill of the day (Esc leaves)",
        bindings: &[(Command::Huddle, Chord::Key(NONE, Key::F5))],
    },
    Shortcut {
        keys: "→ / ← (or Page Down / Page Up)",
        what: "Huddle: next / previous section (Up / Down: another day's skill)",
        bindings: &[
            (Command::NextSection, Chord::Key(NONE, Key::ArrowRight)),
            (Command::NextSection, Chord::Key(NONE, Key::PageDown)),
            (Command::PrevSection, Chord::Key(NONE, Key::ArrowLeft)),
            (Command::PrevSection, Chord::Key(NONE, Key::PageUp)),
        ],
    },
    Shortcut {
        keys: "Space (or Enter)",
        what: "Huddle: reveal the coach's plan; review: show the answer",
        bindings: &[(Command::Reveal, Chord::Key(NONE, Key::Space))],
    },
    Shortcut {
        keys: "N",
        what: "Huddle: another practice round",
        bindings: &[(Command::AnotherRound, Chord::Typed("n"))],
    },
    Shortcut {
        keys: "F11",
        what: "Huddle: full screen on / off (Ctrl+= / Ctrl+- size its text on its own)",
        bindings: &[(Command::FullScreen, Chord::Key(NONE, Key::F11))],
    },
    Shortcut {
        keys: "F6",
        what: "Daily review of flashcards",
        bindings: &[(Command::Review, Chord::Key(NONE, Key::F6))],
    },
    Shortcut {
        keys: "1 / 2 / 3 / 4",
        what: "Review: rate Again / Hard / Good / Easy (each shows when the card comes back)",
        bindings: &[(Command::Rate, Chord::Digit(NONE))],
    },
    Shortcut {
        keys: "F1, or ? in an empty search box",
        what: "Show or hide these shortcuts",
        bindings: &[
            (Command::Legend, Chord::Key(NONE, Key::F1)),
            (Command::Legend, Chord::Typed("?")),
        ],
    },
];

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// Whether `command` was triggered this frame, consuming its input so no text box sees it.
/// `typed_ok`: typed-character chords count (no text box is taking the text).
/// Returns the 0-based digit for digit chords, 0 for the others.
pub fn fired(ctx: &egui::Context, command: Command, typed_ok: bool) -> Option<usize> {
    SHORTCUTS
        .iter()
        .flat_map(|s| s.bindings.iter())
        .filter(|(c, _)| *c == command)
        .find_map(|(_, chord)| chord_fired(ctx, *chord, typed_ok))
}

fn chord_fired(ctx: &egui::Context, chord: Chord, typed_ok: bool) -> Option<usize> {
    match chord {
        Chord::Key(m, k) => ctx.input_mut(|i| i.consume_key(m, k)).then_some(0),
        Chord::Typed(ch) => (typed_ok && take_text(ctx, ch)).then_some(0),
        Chord::Digit(m) => {
            let n = DIGITS.iter().position(|&k| ctx.input_mut(|i| i.consume_key(m, k)))?;
            // Alt+digit also arrives as typed text on most platforms: keep it out of the text box.
            take_text(ctx, &(n + 1).to_string());
            Some(n)
        }
        Chord::CopyEvent => ctx
            .input_mut(|i| {
                let pos = i.events.iter().position(|e| matches!(e, egui::Event::Copy));
                pos.map(|p| i.events.remove(p)).is_some()
            })
            .then_some(0),
    }
}

/// Removes one typed-text event equal to `ch`; true if there was one.
fn take_text(ctx: &egui::Context, ch: &str) -> bool {
    ctx.input_mut(|i| {
        let pos = i
            .events
            .iter()
            .position(|e| matches!(e, egui::Event::Text(t) if t == ch));
        pos.map(|p| i.events.remove(p)).is_some()
    })
}

/// The table as Markdown rows (`| keys | what |`), as the README lists them.
pub fn markdown_rows() -> Vec<String> {
    SHORTCUTS
        .iter()
        .map(|s| format!("| {} | {} |", s.keys, s.what))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_line_in_the_legend() {
        use Command::*;
        for c in [
            FocusSearch,
            Legend,
            ToughCall,
            FontBigger,
            FontSmaller,
            FontReset,
            Back,
            Up,
            Down,
            Activate,
            Copy,
            CopyNth,
            Escape,
            ClearTags,
            OpenSkillHit,
            Huddle,
            Review,
            NextSection,
            PrevSection,
            Reveal,
            AnotherRound,
            FullScreen,
            Rate,
            Star,
            FavoriteUp,
            FavoriteDown,
            NewCard,
            SaveCard,
            AddToReply,
            CopyReply,
            Undo,
            SkillAbout,
            RemoveLastTag,
        ] {
            let n = SHORTCUTS
                .iter()
                .filter(|s| s.bindings.iter().any(|(x, _)| *x == c))
                .count();
            assert_eq!(n, 1, "{c:?} is on {n} legend lines");
        }
    }

    #[test]
    fn no_chord_is_bound_twice() {
        let all: Vec<Chord> = SHORTCUTS.iter().flat_map(|s| s.bindings.iter().map(|b| b.1)).collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} bound twice");
        }
    }

    #[test]
    fn the_readme_lists_exactly_these_shortcuts() {
        let readme = include_str!("../../README.md");
        let section = readme
            .split("\n## Keyboard")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("README has a Keyboard section");
        let rows: Vec<String> = section
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| keys") && !l.starts_with("| ---"))
            .map(|l| l.replace('`', ""))
            .collect();
        assert_eq!(
            rows,
            markdown_rows(),
            "README ## Keyboard table differs from ui/keys.rs"
        );
    }
}
