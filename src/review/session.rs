//! A day's review: which card comes next, how many are left, and rating one. At most
//! [`MAX_PER_DAY`] different cards a day, of which at most [`NEW_PER_DAY`] new; due reviews come
//! before new cards, and a card being learned comes back within the same session.

use super::cards::{Flashcard, deck};
use super::schedule::{CardState, Fsrs, Phase, Rating, Scheduler, interval_label};
use super::stats::{Stats, stats};
use super::store::{LogEntry, ReviewStore, StoreError};
use crate::content::Library;
use crate::huddle::hash::stable_hash;
use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};

/// Most different cards shown in one day (a few minutes of review).
pub const MAX_PER_DAY: usize = 20;
/// Most new cards introduced in one day.
pub const NEW_PER_DAY: usize = 8;
/// A card in learning that is due within this many minutes is shown now rather than waited for
/// (as Anki's "learn ahead"), so a session can finish.
pub const LEARN_AHEAD_MINUTES: i64 = 20;
/// How many days of log are kept in memory (for the streak and the charts).
const LOG_DAYS: u64 = 400;

/// Cards left today, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// New cards still to introduce today.
    pub new: usize,
    /// Cards in learning (minutes apart) due within the learn-ahead window.
    pub learning: usize,
    /// Review cards due today (within today's limit).
    pub review: usize,
}

impl Counts {
    /// All cards left today.
    pub fn total(&self) -> usize {
        self.new + self.learning + self.review
    }
}

/// The rep's review: the deck from the library, saved states, the log and the scheduler.
pub struct Reviewer {
    deck: Vec<Flashcard>,
    by_id: HashMap<String, usize>,
    /// Deck indices in the order new cards are introduced (a stable shuffle, mixing kinds).
    new_order: Vec<usize>,
    states: HashMap<String, CardState>,
    log: Vec<LogEntry>,
    store: ReviewStore,
    scheduler: Box<dyn Scheduler>,
}

impl Reviewer {
    /// A review over `lib`'s cards with the states and log in `store` (FSRS scheduling).
    pub fn new(lib: &Library, store: ReviewStore, now: DateTime<FixedOffset>) -> Result<Reviewer, StoreError> {
        Reviewer::with_scheduler(lib, store, Box::new(Fsrs::default()), now)
    }

    /// As [`Reviewer::new`], with another scheduler.
    pub fn with_scheduler(
        lib: &Library,
        store: ReviewStore,
        scheduler: Box<dyn Scheduler>,
        now: DateTime<FixedOffset>,
    ) -> Result<Reviewer, StoreError> {
        let deck = deck(lib);
        let by_id = deck.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        let mut new_order: Vec<usize> = (0..deck.len()).collect();
        new_order.sort_by_key(|&i| (stable_hash(&[b"new-card", deck[i].id.as_bytes()]), i));
        let since = now
            .date_naive()
            .checked_sub_days(Days::new(LOG_DAYS))
            .unwrap_or(NaiveDate::MIN);
        Ok(Reviewer {
            states: store.states()?,
            log: store.log_since(since)?,
            deck,
            by_id,
            new_order,
            store,
            scheduler,
        })
    }

    /// All cards the library gives.
    pub fn deck(&self) -> &[Flashcard] {
        &self.deck
    }

    /// A card by id.
    pub fn card(&self, id: &str) -> Option<&Flashcard> {
        self.by_id.get(id).map(|&i| &self.deck[i])
    }

    /// A card's state (a fresh one if never reviewed).
    pub fn state(&self, id: &str, now: DateTime<Utc>) -> CardState {
        self.states.get(id).cloned().unwrap_or_else(|| CardState::new_card(now))
    }

    /// Today's queue at `now`, in the order to show it.
    fn queue(&self, now: DateTime<FixedOffset>) -> (Vec<usize>, Counts) {
        let utc = now.to_utc();
        let today = now.date_naive();
        let end_of_today = today
            .succ_opt()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|d| d.and_local_timezone(*now.offset()).single())
            .map(|d| d.to_utc())
            .unwrap_or(utc);
        let today_log: Vec<&LogEntry> = self.log.iter().filter(|e| e.day == today).collect();
        let seen_today: HashSet<&str> = today_log.iter().map(|e| e.card_id.as_str()).collect();
        let new_today = today_log.iter().filter(|e| e.phase_before == Phase::New).count();

        let mut learning_now = Vec::new();
        let mut learning_soon = Vec::new();
        let mut reviews = Vec::new();
        for (i, card) in self.deck.iter().enumerate() {
            let Some(st) = self.states.get(&card.id) else { continue };
            match st.phase {
                Phase::New => {}
                Phase::Learning | Phase::Relearning if st.due <= utc => learning_now.push((st.due, i)),
                Phase::Learning | Phase::Relearning if st.due <= utc + Duration::minutes(LEARN_AHEAD_MINUTES) => {
                    learning_soon.push((st.due, i))
                }
                Phase::Review if st.due < end_of_today => reviews.push((st.due, i)),
                _ => {}
            }
        }
        learning_now.sort();
        learning_soon.sort();
        reviews.sort();
        let room = MAX_PER_DAY.saturating_sub(seen_today.len());
        reviews.truncate(room);
        let new_room = NEW_PER_DAY.saturating_sub(new_today).min(room - reviews.len());
        let new: Vec<usize> = self
            .new_order
            .iter()
            .copied()
            .filter(|&i| self.states.get(&self.deck[i].id).is_none_or(|s| s.phase == Phase::New))
            .take(new_room)
            .collect();
        let counts = Counts {
            new: new.len(),
            learning: learning_now.len() + learning_soon.len(),
            review: reviews.len(),
        };
        let mut queue: Vec<usize> = learning_now.into_iter().map(|(_, i)| i).collect();
        queue.extend(reviews.into_iter().map(|(_, i)| i));
        queue.extend(new);
        queue.extend(learning_soon.into_iter().map(|(_, i)| i));
        (queue, counts)
    }

    /// The card to show next, if any is left today.
    pub fn next_card(&self, now: DateTime<FixedOffset>) -> Option<&Flashcard> {
        self.queue(now).0.first().map(|&i| &self.deck[i])
    }

    /// When the next card in learning enters the learn-ahead window (to wake the window then,
    /// instead of repainting while idle).
    pub fn next_wake(&self, now: DateTime<FixedOffset>) -> Option<DateTime<Utc>> {
        let ahead = now.to_utc() + Duration::minutes(LEARN_AHEAD_MINUTES);
        self.states
            .iter()
            .filter(|(id, s)| {
                matches!(s.phase, Phase::Learning | Phase::Relearning) && s.due > ahead && self.by_id.contains_key(*id)
            })
            .map(|(_, s)| s.due - Duration::minutes(LEARN_AHEAD_MINUTES))
            .min()
    }

    /// Cards left today.
    pub fn counts(&self, now: DateTime<FixedOffset>) -> Counts {
        self.queue(now).1
    }

    /// For each rating (Again, Hard, Good, Easy), when the card would come back: `10m`, `3d`…
    pub fn preview(&self, id: &str, now: DateTime<FixedOffset>) -> [(Rating, String); 4] {
        let utc = now.to_utc();
        let next = self.scheduler.preview(&self.state(id, utc), utc);
        let mut i = 0;
        Rating::ALL.map(|r| {
            let label = interval_label(utc, next[i].due);
            i += 1;
            (r, label)
        })
    }

    /// Rates a card: saves the log row and the new state (one transaction), then updates memory.
    pub fn rate(&mut self, id: &str, rating: Rating, now: DateTime<FixedOffset>) -> Result<(), StoreError> {
        let utc = now.to_utc();
        let before = self.state(id, utc);
        let after = self.scheduler.next(&before, rating, utc);
        self.store.record(id, rating, &before, &after, now)?;
        self.log.push(LogEntry {
            card_id: id.to_string(),
            at: utc,
            day: now.date_naive(),
            rating,
            phase_before: before.phase,
        });
        self.states.insert(id.to_string(), after);
        Ok(())
    }

    /// Progress: due today, streak, retention, reviews per day.
    pub fn stats(&self, now: DateTime<FixedOffset>) -> Stats {
        let seen = self
            .deck
            .iter()
            .filter(|c| self.states.get(&c.id).is_some_and(|s| s.phase != Phase::New))
            .count();
        stats(&self.log, self.counts(now), now.date_naive(), self.deck.len(), seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32, min: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(2 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 3, day, hour, min, 0)
            .unwrap()
    }

    fn reviewer(now: DateTime<FixedOffset>) -> Reviewer {
        let lib = content::load(&content::builtin::sources()).library;
        Reviewer::new(&lib, ReviewStore::in_memory().unwrap(), now).unwrap()
    }

    /// Rates every card shown today Good until none is left; returns how many ratings it took.
    fn finish_day(r: &mut Reviewer, mut now: DateTime<FixedOffset>) -> usize {
        let mut n = 0;
        while let Some(card) = r.next_card(now).map(|c| c.id.clone()) {
            r.rate(&card, Rating::Good, now).unwrap();
            now += Duration::minutes(11);
            n += 1;
            assert!(n < 200, "session never ends");
        }
        n
    }

    #[test]
    fn a_first_day_introduces_the_new_card_limit_and_finishes() {
        let now = at(2, 9, 0);
        let mut r = reviewer(now);
        assert_eq!(
            r.counts(now),
            Counts {
                new: NEW_PER_DAY,
                learning: 0,
                review: 0
            }
        );
        let ratings = finish_day(&mut r, now);
        // Each new card: Good (to learning), then Good again (to review).
        assert_eq!(ratings, NEW_PER_DAY * 2);
        assert_eq!(r.counts(at(2, 20, 0)).total(), 0);
        let distinct: HashSet<&str> = r.log.iter().map(|e| e.card_id.as_str()).collect();
        assert_eq!(distinct.len(), NEW_PER_DAY);
    }

    #[test]
    fn rating_makes_the_due_count_fall_and_again_brings_a_card_back() {
        let now = at(2, 9, 0);
        let mut r = reviewer(now);
        let first = r.next_card(now).unwrap().id.clone();
        r.rate(&first, Rating::Easy, now).unwrap();
        assert_eq!(r.counts(now).total(), NEW_PER_DAY - 1);
        let second = r.next_card(now).unwrap().id.clone();
        assert_ne!(first, second);
        r.rate(&second, Rating::Again, now).unwrap();
        let c = r.counts(now);
        assert_eq!((c.new, c.learning), (NEW_PER_DAY - 2, 1));
        // A minute later the forgotten card is first again.
        assert_eq!(r.next_card(now + Duration::minutes(2)).unwrap().id, second);
    }

    #[test]
    fn no_more_than_the_daily_limit_even_with_a_backlog() {
        let mut now = at(1, 9, 0);
        let mut r = reviewer(now);
        for _ in 0..6 {
            finish_day(&mut r, now);
            now += Duration::days(1);
        }
        // A month away: everything learned is overdue.
        now += Duration::days(60);
        let c = r.counts(now);
        assert_eq!(c.new, 0, "reviews fill the day before new cards");
        assert_eq!(c.review, MAX_PER_DAY);
        let ratings = finish_day(&mut r, now);
        assert_eq!(ratings, MAX_PER_DAY);
        let today: HashSet<&str> = r
            .log
            .iter()
            .filter(|e| e.day == now.date_naive())
            .map(|e| e.card_id.as_str())
            .collect();
        assert_eq!(today.len(), MAX_PER_DAY);
    }

    #[test]
    fn a_card_learned_later_wakes_the_window_when_it_comes_into_reach() {
        let now = at(2, 9, 0);
        let lib = content::load(&content::builtin::sources()).library;
        let mut store = ReviewStore::in_memory().unwrap();
        let before = CardState::new_card(now.to_utc());
        let mut later = before.clone();
        later.phase = Phase::Learning;
        later.due = now.to_utc() + Duration::minutes(60);
        store
            .record("define:empathy", Rating::Hard, &before, &later, now)
            .unwrap();
        let r = Reviewer::new(&lib, store, now).unwrap();
        assert_eq!(r.counts(now).learning, 0, "an hour away is past the learn-ahead window");
        assert_eq!(r.next_wake(now), Some(now.to_utc() + Duration::minutes(40)));
        let then = now + Duration::minutes(41);
        assert_eq!(r.counts(then).learning, 1);
        assert_eq!(r.next_wake(then), None);
    }

    #[test]
    fn previews_show_growing_intervals() {
        let now = at(2, 9, 0);
        let r = reviewer(now);
        let id = r.next_card(now).unwrap().id.clone();
        let p = r.preview(&id, now);
        assert_eq!(p.iter().map(|(r, _)| *r).collect::<Vec<_>>(), Rating::ALL.to_vec());
        assert_eq!(p[0].1, "1m");
        assert_eq!(p[2].1, "10m");
        assert!(p[3].1.ends_with('d'), "{:?}", p[3]);
    }
}
