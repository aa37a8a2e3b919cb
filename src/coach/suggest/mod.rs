//! Suggesting situation tags from what a customer wrote, the way a person reads it: cue words
//! from the tags and the vocabulary, matched in any word form (Snowball stems) and with a typo
//! (`cues`); a cue may skip one extra word ("account was locked"), `*` in a cue stands for any
//! word and `<number>` for a number; negated cues ("not angry, just confused") and cues ruled out
//! by their context ("return my call" is not a return) do not count; capitals and "!!!" are a
//! raised voice (`shouting`). Every topic the message points to is suggested, but only one
//! feeling of a `one_of` set: the one the customer names before one implied by the
//! circumstances, then the one with more signs. Each suggestion carries the customer's words
//! that triggered it. Offline and deterministic.

mod cues;
mod message;
mod shouting;

use crate::content::Library;
use crate::text::cap_chars;
use cues::{Found, find_cues};
use message::{mark_known, message_words};
use shouting::shouting;
use std::ops::Range;

/// Longest message read, in characters; the rest is ignored (the window says so). Long enough
/// for any customer email, short enough that a huge paste stays instant.
pub const MAX_MESSAGE_CHARS: usize = 20_000;

/// A suggested tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// Tag index.
    pub tag: usize,
    /// Strength of the evidence; higher is stronger.
    pub score: u32,
    /// The customer's words that triggered it, as they wrote them ("ALL CAPS" and "!!!" for
    /// shouting).
    pub cues: Vec<String>,
}

/// Smallest score that makes a suggestion.
const THRESHOLD: u32 = 7;

/// Tags suggested by a customer's message, strongest first. Only the first
/// [`MAX_MESSAGE_CHARS`] characters are read.
pub fn suggest_tags(lib: &Library, message: &str) -> Vec<Suggestion> {
    let (message, _) = cap_chars(message, MAX_MESSAGE_CHARS);
    let table = &lib.cue_table;
    let mut msg = message_words(message);
    mark_known(&mut msg, &table.known);
    let found = find_cues(table, &msg);

    // Context cues rule out a tag's cues in their sentence that are not longer than they are.
    let blockers: Vec<(Option<u32>, usize, &[usize])> = found
        .iter()
        .filter(|f| !f.cue.rules_out.is_empty())
        .map(|f| {
            let scope = (!f.cue.whole_message).then_some(msg[f.span.start].sentence);
            (scope, f.cue.words.len(), f.cue.rules_out.as_slice())
        })
        .collect();
    let ruled_out = |tag: usize, f: &Found| {
        let sentence = msg[f.span.start].sentence;
        blockers.iter().any(|&(scope, len, tags)| {
            scope.is_none_or(|s| s == sentence) && f.cue.words.len() <= len && tags.contains(&tag)
        })
    };

    let mut score = vec![0u32; lib.tags.len()];
    // Whether a tag's evidence names it ("furious"), rather than only implying it from the
    // circumstances ("still not", "third time").
    let mut named = vec![false; lib.tags.len()];
    // Per tag, the cues counted: (message words covered, points, named).
    let mut counted: Vec<Vec<(Range<usize>, u32, bool)>> = vec![Vec::new(); lib.tags.len()];
    for f in &found {
        for &t in &f.cue.tags {
            if ruled_out(t, f) {
                continue;
            }
            let said = |span: &Range<usize>| &message[msg[span.start].range.start..msg[span.end - 1].range.end];
            // The same words count once per tag: words said again, or cues that overlap (they
            // are quoted together and the one worth more counts).
            let text = said(&f.span);
            if counted[t]
                .iter()
                .any(|(span, ..)| said(span).eq_ignore_ascii_case(text))
            {
                continue;
            }
            // A weak cue counts half: two of them, or one with a stronger sign, make a suggestion.
            let points = if f.cue.weak {
                (f.points / 2).min(THRESHOLD - 1)
            } else {
                f.points
            };
            let overlap = |span: &Range<usize>| span.start < f.span.end && f.span.start < span.end;
            let mut merged = (f.span.clone(), points, !f.cue.implied && !f.cue.weak);
            for (span, p, named) in counted[t].iter().filter(|c| overlap(&c.0)) {
                merged.0 = merged.0.start.min(span.start)..merged.0.end.max(span.end);
                merged.1 = merged.1.max(*p);
                merged.2 |= *named;
            }
            counted[t].retain(|(span, ..)| !overlap(span));
            counted[t].push(merged);
        }
    }
    for (t, list) in counted.iter().enumerate() {
        score[t] = list.iter().map(|c| c.1).sum();
        named[t] = list.iter().any(|c| c.2);
    }
    let mut cues: Vec<Vec<String>> = counted
        .iter()
        .map(|list| {
            list.iter()
                .map(|(span, ..)| message[msg[span.start].range.start..msg[span.end - 1].range.end].to_string())
                .collect()
        })
        .collect();

    let shout = shouting(message, &msg, &table.known);
    if !shout.is_empty() {
        let shouting_tags: Vec<usize> = (0..lib.tags.len()).filter(|&t| lib.tags[t].shouting).collect();
        let mut with_words: Vec<usize> = shouting_tags.iter().copied().filter(|&t| score[t] > 0).collect();
        // A raised voice reads as anger (the first shouting tag), cue words or not: a message
        // in capitals, or words in capitals more than once ("FOUR times. FOUR.").
        let loud = shout.iter().any(|s| s.loud);
        if loud && let Some(&first) = shouting_tags.first() {
            if !with_words.contains(&first) {
                with_words.push(first);
            }
            named[first] = true;
        }
        // A raised voice is heard as anger; "!!!" and a stressed word add to any shouting
        // feeling the words show.
        for t in with_words {
            for s in shout.iter().filter(|s| !s.loud || Some(&t) == shouting_tags.first()) {
                score[t] = score[t].saturating_add(s.points);
                cues[t].push(s.label.to_string());
            }
            score[t] = score[t].max(THRESHOLD);
        }
    }

    // Of a set of feelings a person names one: a named feeling before an implied one, then the
    // one with more signs, then the one listed first (the set lists the stronger feelings
    // first: "a manager right now, this is ridiculous" is angry before it is impatient).
    let sets: Vec<&[usize]> = lib
        .vocabulary
        .iter()
        .filter(|e| e.one_of)
        .map(|e| e.tags.as_slice())
        .collect();
    for set in &sets {
        let best = set
            .iter()
            .enumerate()
            .filter(|&(_, &t)| score[t] >= THRESHOLD)
            .max_by_key(|&(i, &t)| (named[t], cues[t].len(), std::cmp::Reverse(i)))
            .map(|(_, &t)| t);
        for &t in set.iter() {
            if Some(t) != best {
                score[t] = 0;
            }
        }
    }

    // A situation read from the words brings the feeling a person would read with it, when the
    // words show no feeling of its set ("third time I'm writing" is a frustrated customer).
    for e in lib.vocabulary.iter().filter(|e| !e.follows.is_empty()) {
        if !e.follows.iter().all(|&f| score[f] >= THRESHOLD) {
            continue;
        }
        for &t in &e.tags {
            let rivals: Vec<usize> = match sets.iter().find(|set| set.contains(&t)) {
                Some(set) => set.to_vec(),
                None => (0..lib.tags.len())
                    .filter(|&o| lib.tags[o].group == lib.tags[t].group && !e.follows.contains(&o))
                    .collect(),
            };
            if rivals.iter().any(|&o| score[o] >= THRESHOLD) {
                continue;
            }
            score[t] = THRESHOLD;
            cues[t] = e.follows.iter().flat_map(|&f| cues[f].clone()).collect();
        }
    }

    let mut out: Vec<Suggestion> = score
        .into_iter()
        .zip(cues)
        .enumerate()
        .filter(|(_, (s, _))| *s >= THRESHOLD)
        .map(|(tag, (score, cues))| Suggestion { tag, score, cues })
        .collect();
    out.sort_by_key(|s| (std::cmp::Reverse(s.score), s.tag));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{builtin, load};

    fn tags(msg: &str) -> Vec<String> {
        let lib = load(&builtin::sources()).library;
        suggest_tags(&lib, msg)
            .into_iter()
            .map(|s| lib.tags[s.tag].id.clone())
            .collect()
    }

    #[test]
    fn word_forms_and_typos_meet_the_cues() {
        assert!(tags("I was charged twice for one order").contains(&"billing-error".to_string()));
        assert!(tags("my acount was locked yesterday").contains(&"account-access".to_string()));
    }

    #[test]
    fn context_rules_out_a_cue() {
        assert!(!tags("Nobody will return my call").contains(&"return".to_string()));
        assert!(!tags("The bill is fine, thanks").contains(&"billing-error".to_string()));
        assert!(!tags("My phone died halfway through").contains(&"vulnerable".to_string()));
        assert!(tags("My husband died last month").contains(&"vulnerable".to_string()));
    }

    fn has(msg: &str, tag: &str) -> bool {
        tags(msg).iter().any(|t| t == tag)
    }

    #[test]
    fn the_issue_examples_are_read_like_a_person_would() {
        assert!(has("Does the X200 support fast charging?", "product-question"));
        assert!(!has("Does the X200 support fast charging?", "billing-error"));
        assert!(has(
            "I tried to sign in this morning and my account was locked",
            "account-access"
        ));
        let cancelled = "Why was I charged 12.99 when I cancelled last month?";
        assert!(has(cancelled, "billing-error") && has(cancelled, "cancellation"));
        let email = "Dear Sir or Madam, I wish to make a formal complaint. My order arrived nine days late, \
                     I was charged a wrong fee for delivery, and I have contacted you twice before without a reply.";
        for t in ["delayed-shipment", "billing-error", "repeat-contact", "complaint"] {
            assert!(has(email, t), "{t} in {:?}", tags(email));
        }
        assert!(has("WHY HAS NOBODY SORTED THIS OUT YET", "angry"));
    }

    #[test]
    fn cues_out_of_context_do_not_fire() {
        for (msg, not) in [
            ("Could someone please return my call about the form?", "return"),
            ("My phone died halfway through our chat earlier.", "vulnerable"),
            ("I'm struggling to log in to the app.", "vulnerable"),
            ("The bill is fine, it's the delivery I'm asking about.", "billing-error"),
            (
                "I transferred the money yesterday, has it arrived?",
                "complex-multi-team",
            ),
            ("Fantastic service as always. Three weeks and nothing.", "happy"),
        ] {
            assert!(!has(msg, not), "{not} from {msg:?}: {:?}", tags(msg));
        }
    }

    #[test]
    fn every_suggestion_shows_its_words() {
        let lib = load(&builtin::sources()).library;
        let found = suggest_tags(&lib, "I was double charged and nobody calls back, I'm furious");
        assert!(found.len() >= 3, "{found:?}");
        assert!(found.iter().all(|s| !s.cues.is_empty()));
        let billing = lib.tag_index("billing-error").unwrap();
        let b = found.iter().find(|s| s.tag == billing).unwrap();
        assert!(b.cues.iter().any(|c| c.contains("charged")), "{:?}", b.cues);
    }

    #[test]
    fn a_huge_paste_is_capped() {
        let lib = load(&builtin::sources()).library;
        let head = "I was charged twice. ";
        let msg = format!("{head}{}", "filler words here ".repeat(20_000));
        let found = suggest_tags(&lib, &msg);
        assert!(found.iter().any(|s| lib.tags[s.tag].id == "billing-error"));
        let tail = format!("{}I was charged twice.", "x ".repeat(MAX_MESSAGE_CHARS));
        assert!(suggest_tags(&lib, &tail).is_empty(), "past the cap is ignored");
    }

    #[test]
    fn the_form_of_a_message_is_read() {
        assert!(has(
            "At this point the parcel has seen more of the world than me 😂",
            "joking"
        ));
        assert!(has("@ShopCo three weeks and still no parcel", "public-social-media"));
        assert!(!has(
            "Please reply to sam@example.com about the order",
            "public-social-media"
        ));
        let letter = "Hello,\n\nThe lamp I bought does not switch on.\n\nThanks,\nJo";
        assert!(has(letter, "email"), "{:?}", tags(letter));
        assert!(!has("The lamp I bought does not switch on.", "email"));
    }

    #[test]
    fn weak_cues_need_company() {
        let lib = load(&builtin::sources()).library;
        let found = suggest_tags(&lib, "How do I return something I bought online?");
        let confused = lib.tag_index("confused").unwrap();
        assert!(!found.iter().any(|s| s.tag == confused), "{found:?}");
        assert!(has(
            "I thought it was paid already, and now where do I find the invoice?",
            "confused"
        ));
    }

    fn feelings(msg: &str) -> Vec<String> {
        let feeling = [
            "angry",
            "frustrated",
            "upset",
            "anxious",
            "confused",
            "impatient",
            "joking",
            "happy",
        ];
        tags(msg)
            .into_iter()
            .filter(|t| feeling.contains(&t.as_str()))
            .collect()
    }

    #[test]
    fn one_feeling_is_named_and_a_named_one_beats_an_implied_one() {
        // "still hasn't come" implies frustration; "really worried" names the feeling.
        let msg = "The present still hasn't come and the party is tomorrow, I'm really worried";
        assert_eq!(feelings(msg), ["anxious"], "{:?}", tags(msg));
        // Equal signs: the stronger feeling, listed first, is named.
        assert_eq!(
            feelings("I want to speak to a manager right now, this is ridiculous"),
            ["angry"]
        );
        // Capitals are heard as anger, even with a word for another feeling in them.
        assert_eq!(feelings("ARE YOU SERIOUS"), ["angry"]);
        // Abuse comes with anger.
        let abuse = tags("You're useless, you stupid cow");
        assert!(abuse.contains(&"abusive".to_string()) && abuse.contains(&"angry".to_string()));
    }

    #[test]
    fn counting_the_times_is_frustration_mentioning_a_call_is_not() {
        assert_eq!(
            feelings("This is the third time I'm asking about my refund"),
            ["frustrated"]
        );
        assert!(feelings("Can you call me back on the number on my account?").is_empty());
        assert_eq!(feelings("I've been on hold for 55 minutes now"), ["frustrated"]);
        assert!(feelings("I used them for a week and the strap broke").is_empty());
    }

    #[test]
    fn a_stressed_word_or_an_acronym_is_not_shouting() {
        assert!(feelings("I need a copy of all the data you hold about me under GDPR").is_empty());
        assert!(!has("wrong item AGAIN, second time", "angry"));
        assert!(has("I've asked FOUR times. FOUR. Nothing changes.", "angry"));
    }

    #[test]
    fn a_request_is_not_blame_and_cues_do_not_skip_to_small_words() {
        assert!(!has(
            "I paid twice by accident, can you cancel one of the payments",
            "company-error"
        ));
        assert!(has("You cancelled my order without asking me", "company-error"));
        assert!(!has(
            "Someone on your end put my order on the wrong account",
            "cancellation"
        ));
    }

    #[test]
    fn negation_denies_the_cue_not_what_is_missing() {
        assert!(!has("I'm not angry, just confused about the invoice", "angry"));
        assert!(!has(
            "I'm not after a refund, I just want the right size",
            "refund-request"
        ));
        assert!(!has("I don't want to cancel, I just want it fixed", "cancellation"));
        assert!(has("I never got my refund for the jacket", "refund-request"));
    }

    #[test]
    fn a_cue_never_skips_over_a_negator() {
        let fee = "I was charged a delivery fee I should not have paid";
        assert!(!has(fee, "customer-mistake"));
        assert!(has(
            "Sorry, I should have checked the address first",
            "customer-mistake"
        ));
    }

    #[test]
    fn several_services_are_several_teams_and_hopelessness_is_a_risk() {
        assert!(has(
            "Move my broadband and my TV to the new flat please",
            "complex-multi-team"
        ));
        assert!(!has("My broadband keeps dropping in the evening", "complex-multi-team"));
        assert!(has("Honestly I don't see the point in anything anymore", "vulnerable"));
        assert!(!has("I don't see the point in paying for premium", "vulnerable"));
    }

    #[test]
    fn waiting_for_a_refund_or_an_engineer_is_not_a_parcel() {
        assert!(!has("I still haven't got my refund for the coat", "delayed-shipment"));
        assert!(!has(
            "I took a day off and the engineer didn't turn up",
            "delayed-shipment"
        ));
        assert!(has("I've been waiting 3 weeks for my order", "delayed-shipment"));
        assert!(has("I posted the parcel back on Monday, has it reached you?", "return"));
    }

    #[test]
    fn asking_about_a_product_or_for_a_copy_is_not_a_problem() {
        assert!(has("Hi, does the blue jumper come in a medium?", "product-question"));
        assert!(!has(
            "Please can you send me a copy of my last invoice for my records",
            "billing-error"
        ));
        assert!(has("My last invoice is wrong, you billed me twice", "billing-error"));
    }

    #[test]
    fn everyday_words_and_their_look_alikes() {
        assert!(has("Thanks so much for sorting it :)", "happy"));
        assert!(has("still no parcel and it was for his birthday :(", "upset"));
        assert!(has("I'm absolutely hacked off with this", "angry"));
        assert!(!has("I'm absolutely hacked off with this", "account-access"));
        assert!(has("I think my account has been compromised", "account-access"));
        assert!(!has("You're having a laugh, three weeks for a reply?", "joking"));
        assert!(!has(
            "My manager at work needs the invoice by Friday",
            "escalation-request"
        ));
        assert!(!has("Do the noise cancelling headphones fold flat?", "cancellation"));
        assert!(!has(
            "The washing machine is leaking all over the floor",
            "sensitive-data"
        ));
        assert!(has(
            "The washing machine is leaking all over the floor",
            "technical-problem"
        ));
        assert!(!has("When I return from holiday I'll pay the balance", "return"));
        assert!(has("Top is too tight, can I swap it for a bigger size?", "return"));
    }

    #[test]
    fn overlapping_cues_count_once() {
        let lib = load(&builtin::sources()).library;
        let found = suggest_tags(&lib, "Dear Sir or Madam, the lamp does not switch on.");
        let email = lib.tag_index("email").unwrap();
        let e = found.iter().find(|s| s.tag == email).unwrap();
        assert_eq!(e.cues, ["Dear Sir or Madam"]);
        // "was charged" and "charged twice" are quoted as one.
        let found = suggest_tags(&lib, "Nobody will return my call and I was charged twice");
        let billing = lib.tag_index("billing-error").unwrap();
        let b = found.iter().find(|s| s.tag == billing).unwrap();
        assert_eq!(b.cues, ["was charged twice"]);
    }
}
