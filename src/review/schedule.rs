//! Scheduling behind a small trait, so the algorithm can change without touching the rest.
//! [`Fsrs`] wraps the `rs-fsrs` crate (FSRS with its default weights, short-term learning steps
//! on, no fuzz so tests and reps see exact intervals).

use chrono::{DateTime, Duration, Utc};

/// How well the rep recalled a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    /// Forgot.
    Again = 1,
    /// Recalled with effort.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled at once.
    Easy = 4,
}

impl Rating {
    /// All ratings, in key order (1–4).
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The button label.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "Again",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }

    /// From the stored number (1–4).
    pub fn from_number(n: i64) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| *r as i64 == n)
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Never reviewed.
    New = 0,
    /// First steps, minutes apart.
    Learning = 1,
    /// Days apart.
    Review = 2,
    /// Forgotten after review; relearning in minutes.
    Relearning = 3,
}

impl Phase {
    /// From the stored number.
    pub fn from_number(n: i64) -> Option<Phase> {
        [Phase::New, Phase::Learning, Phase::Review, Phase::Relearning]
            .into_iter()
            .find(|p| *p as i64 == n)
    }
}

/// One card's scheduling state.
#[derive(Debug, Clone, PartialEq)]
pub struct CardState {
    /// When it is due next.
    pub due: DateTime<Utc>,
    /// FSRS memory stability (days).
    pub stability: f64,
    /// FSRS difficulty (1–10).
    pub difficulty: f64,
    /// Days since the previous review, at the last review.
    pub elapsed_days: i64,
    /// Days scheduled at the last review.
    pub scheduled_days: i64,
    /// Reviews so far.
    pub reps: i32,
    /// Times forgotten after reaching review.
    pub lapses: i32,
    /// Phase.
    pub phase: Phase,
    /// When last reviewed (None: never).
    pub last_review: Option<DateTime<Utc>>,
}

impl CardState {
    /// A card never seen, due at `now`.
    pub fn new_card(now: DateTime<Utc>) -> CardState {
        CardState {
            due: now,
            stability: 0.0,
            difficulty: 0.0,
            elapsed_days: 0,
            scheduled_days: 0,
            reps: 0,
            lapses: 0,
            phase: Phase::New,
            last_review: None,
        }
    }
}

/// A spaced-repetition algorithm: the next state of a card for each rating.
pub trait Scheduler {
    /// The card's state after rating it at `now`.
    fn next(&self, card: &CardState, rating: Rating, now: DateTime<Utc>) -> CardState;

    /// The next state for each rating (Again, Hard, Good, Easy), to show intervals on buttons.
    fn preview(&self, card: &CardState, now: DateTime<Utc>) -> [CardState; 4] {
        Rating::ALL.map(|r| self.next(card, r, now))
    }
}

/// FSRS via `rs-fsrs`.
#[derive(Debug, Clone, Default)]
pub struct Fsrs {
    inner: rs_fsrs::FSRS,
}

fn to_fsrs(c: &CardState) -> rs_fsrs::Card {
    rs_fsrs::Card {
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        elapsed_days: c.elapsed_days,
        scheduled_days: c.scheduled_days,
        reps: c.reps,
        lapses: c.lapses,
        state: match c.phase {
            Phase::New => rs_fsrs::State::New,
            Phase::Learning => rs_fsrs::State::Learning,
            Phase::Review => rs_fsrs::State::Review,
            Phase::Relearning => rs_fsrs::State::Relearning,
        },
        last_review: c.last_review.unwrap_or(c.due),
    }
}

fn from_fsrs(c: rs_fsrs::Card) -> CardState {
    CardState {
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        elapsed_days: c.elapsed_days,
        scheduled_days: c.scheduled_days,
        reps: c.reps,
        lapses: c.lapses,
        phase: match c.state {
            rs_fsrs::State::New => Phase::New,
            rs_fsrs::State::Learning => Phase::Learning,
            rs_fsrs::State::Review => Phase::Review,
            rs_fsrs::State::Relearning => Phase::Relearning,
        },
        last_review: Some(c.last_review),
    }
}

impl Scheduler for Fsrs {
    fn next(&self, card: &CardState, rating: Rating, now: DateTime<Utc>) -> CardState {
        let r = match rating {
            Rating::Again => rs_fsrs::Rating::Again,
            Rating::Hard => rs_fsrs::Rating::Hard,
            Rating::Good => rs_fsrs::Rating::Good,
            Rating::Easy => rs_fsrs::Rating::Easy,
        };
        from_fsrs(self.inner.next(to_fsrs(card), now, r).card)
    }
}

/// How long until `due`, as Anki writes it on its buttons: `<1m`, `10m`, `3h`, `4d`, `2.5mo`, `1.2y`.
pub fn interval_label(now: DateTime<Utc>, due: DateTime<Utc>) -> String {
    let d = due - now;
    if d < Duration::minutes(1) {
        "<1m".into()
    } else if d < Duration::hours(1) {
        format!("{}m", (d.num_seconds() as f64 / 60.0).round() as i64)
    } else if d < Duration::days(1) {
        format!("{}h", (d.num_minutes() as f64 / 60.0).round() as i64)
    } else {
        let days = d.num_seconds() as f64 / 86_400.0;
        if days < 30.0 {
            format!("{}d", days.round() as i64)
        } else if days < 365.0 {
            format!("{:.1}mo", days / 30.0)
        } else {
            format!("{:.1}y", days / 365.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn new_card_learns_then_graduates_to_review() {
        let s = Fsrs::default();
        let now = at(1, 9);
        let card = CardState::new_card(now);
        let [again, hard, good, easy] = s.preview(&card, now);
        assert_eq!(again.phase, Phase::Learning);
        assert_eq!(good.phase, Phase::Learning);
        assert!(
            again.due < hard.due && hard.due < good.due,
            "learning steps in minutes grow"
        );
        assert!(good.due - now <= Duration::minutes(15));
        assert_eq!(easy.phase, Phase::Review, "Easy skips learning");
        assert!(easy.due - now >= Duration::days(1));
        // Good again, ten minutes later: graduates to review, days away.
        let later = good.due;
        let graduated = s.next(&good, Rating::Good, later);
        assert_eq!(graduated.phase, Phase::Review);
        assert!(graduated.due - later >= Duration::days(1));
        assert_eq!(graduated.reps, 2);
    }

    #[test]
    fn intervals_grow_with_each_good_review() {
        let s = Fsrs::default();
        let mut now = at(1, 9);
        let mut card = CardState::new_card(now);
        card = s.next(&card, Rating::Good, now);
        now = card.due;
        card = s.next(&card, Rating::Good, now);
        let mut last = Duration::zero();
        for _ in 0..5 {
            let gap = card.due - now;
            assert!(gap > last, "interval {gap} did not grow past {last}");
            last = gap;
            now = card.due;
            card = s.next(&card, Rating::Good, now);
            assert_eq!(card.phase, Phase::Review);
        }
        assert!(last >= Duration::days(30), "after seven good reviews the gap is {last}");
    }

    #[test]
    fn forgetting_a_review_card_is_a_lapse_and_relearns_in_minutes() {
        let s = Fsrs::default();
        let mut now = at(1, 9);
        let mut card = s.next(&CardState::new_card(now), Rating::Easy, now);
        for _ in 0..3 {
            now = card.due;
            card = s.next(&card, Rating::Good, now);
        }
        let before = card.due - now;
        now = card.due;
        let lapsed = s.next(&card, Rating::Again, now);
        assert_eq!(lapsed.phase, Phase::Relearning);
        assert_eq!(lapsed.lapses, 1);
        assert!(lapsed.due - now <= Duration::minutes(10));
        assert!(lapsed.stability < card.stability);
        // Relearned, the next interval is shorter than before the lapse.
        let back = s.next(&lapsed, Rating::Good, lapsed.due);
        assert_eq!(back.phase, Phase::Review);
        assert!(back.due - lapsed.due < before);
    }

    #[test]
    fn hard_good_easy_are_ordered_for_a_review_card() {
        let s = Fsrs::default();
        let now = at(1, 9);
        let card = s.next(&CardState::new_card(now), Rating::Good, now);
        let card = s.next(&card, Rating::Good, card.due);
        let due = card.due;
        let [again, hard, good, easy] = s.preview(&card, due);
        assert!(again.due < hard.due && hard.due <= good.due && good.due < easy.due);
    }

    #[test]
    fn interval_labels_read_like_anki() {
        let now = at(1, 9);
        assert_eq!(interval_label(now, now + Duration::seconds(20)), "<1m");
        assert_eq!(interval_label(now, now + Duration::minutes(10)), "10m");
        assert_eq!(interval_label(now, now + Duration::hours(3)), "3h");
        assert_eq!(interval_label(now, now + Duration::days(4)), "4d");
        assert_eq!(interval_label(now, now + Duration::days(75)), "2.5mo");
        assert_eq!(interval_label(now, now + Duration::days(438)), "1.2y");
    }
}
