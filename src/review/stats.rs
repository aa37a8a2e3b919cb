//! Progress numbers from the review log: what is due, the streak, retention, reviews per day.
//! The window's progress panel and `callside review --stats` both print these.

use super::schedule::{Phase, Rating};
use super::session::Counts;
use super::store::LogEntry;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// Days covered by retention and the reviews-per-day chart.
pub const WINDOW_DAYS: u64 = 30;

/// The rep's progress on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The day these are for.
    pub today: NaiveDate,
    /// Cards left today (new + learning + review).
    pub due_today: usize,
    /// Of those, new cards.
    pub new_today: usize,
    /// Ratings given today.
    pub reviewed_today: usize,
    /// Days in a row with at least one review, up to today (or yesterday, if none yet today).
    pub streak_days: u32,
    /// Share of review cards remembered (not rated Again) over the last 30 days; None if none.
    pub retention_30d: Option<f64>,
    /// Review cards rated in the last 30 days (what retention is measured on).
    pub retention_reviews: usize,
    /// Ratings per day, the last 30 days, oldest first (today last).
    pub per_day: Vec<(NaiveDate, usize)>,
    /// Cards the library gives.
    pub cards_total: usize,
    /// Cards reviewed at least once.
    pub cards_seen: usize,
}

/// Computes the numbers from the log (any order), today's counts and the deck's size.
pub fn stats(log: &[LogEntry], counts: Counts, today: NaiveDate, cards_total: usize, cards_seen: usize) -> Stats {
    let start = today.checked_sub_days(Days::new(WINDOW_DAYS - 1)).unwrap_or(today);
    let per_day: Vec<(NaiveDate, usize)> = start
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|d| (d, log.iter().filter(|e| e.day == d).count()))
        .collect();
    let recent = log.iter().filter(|e| e.day >= start && e.day <= today);
    let review_cards: Vec<&LogEntry> = recent.filter(|e| e.phase_before == Phase::Review).collect();
    let remembered = review_cards.iter().filter(|e| e.rating != Rating::Again).count();
    let retention_30d = (!review_cards.is_empty()).then(|| remembered as f64 / review_cards.len() as f64);

    let reviewed_on = |d: NaiveDate| log.iter().any(|e| e.day == d);
    let mut day = if reviewed_on(today) {
        Some(today)
    } else {
        today.pred_opt()
    };
    let mut streak_days = 0;
    while let Some(d) = day.filter(|d| reviewed_on(*d)) {
        streak_days += 1;
        day = d.pred_opt();
    }
    Stats {
        today,
        due_today: counts.total(),
        new_today: counts.new,
        reviewed_today: log.iter().filter(|e| e.day == today).count(),
        streak_days,
        retention_30d,
        retention_reviews: review_cards.len(),
        per_day,
        cards_total,
        cards_seen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn entry(day: NaiveDate, rating: Rating, phase_before: Phase) -> LogEntry {
        LogEntry {
            card_id: "c".into(),
            at: Utc::now(),
            day,
            rating,
            phase_before,
        }
    }

    fn d(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, n).unwrap()
    }

    #[test]
    fn streak_counts_back_from_today_or_yesterday() {
        let log = vec![
            entry(d(5), Rating::Good, Phase::New),
            entry(d(7), Rating::Good, Phase::New),
            entry(d(8), Rating::Good, Phase::New),
            entry(d(9), Rating::Good, Phase::New),
        ];
        assert_eq!(stats(&log, Counts::default(), d(9), 10, 1).streak_days, 3);
        // Nothing yet on the 10th: the streak still stands until the day is over.
        assert_eq!(stats(&log, Counts::default(), d(10), 10, 1).streak_days, 3);
        assert_eq!(stats(&log, Counts::default(), d(11), 10, 1).streak_days, 0);
    }

    #[test]
    fn retention_is_over_review_cards_in_the_last_thirty_days() {
        let log = vec![
            entry(d(1), Rating::Again, Phase::Review), // 30 days before the 31st: counted
            entry(d(20), Rating::Good, Phase::Review),
            entry(d(20), Rating::Hard, Phase::Review),
            entry(d(21), Rating::Again, Phase::Learning), // learning steps do not count
            entry(d(21), Rating::Easy, Phase::Review),
        ];
        let s = stats(&log, Counts::default(), d(30), 10, 3);
        assert_eq!(s.retention_reviews, 4);
        assert_eq!(s.retention_30d, Some(0.75));
        let later = stats(&log, Counts::default(), d(31), 10, 3);
        assert_eq!(later.retention_30d, Some(1.0), "the 1st has left the window");
        assert_eq!(s.per_day.len(), 30);
        assert_eq!(s.per_day.last().unwrap().0, d(30));
        assert_eq!(s.per_day.iter().find(|(day, _)| *day == d(20)).unwrap().1, 2);
        assert_eq!(stats(&[], Counts::default(), d(30), 10, 0).retention_30d, None);
    }
}
