//! The tough-call helper's speed: recommending a plan for common situations, and suggesting tags
//! from a customer's message. Both run on every click or keystroke in the window; and checking
//! a plan against the plan rules.
//! Target: well under a millisecond each.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach::{check_plan, parse_tags, recommend, suggest_tags};
use callside::content::{self, Library};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// Situations reps pick often (one to four tags).
const SITUATIONS: &[&[&str]] = &[
    &["angry"],
    &["frustrated", "delayed-shipment"],
    &["language-barrier", "billing-error"],
    &["abusive", "phone"],
    &["angry", "company-error", "repeat-contact", "chat"],
    &["joking", "product-question"],
    &["angry", "policy-limit", "refund-request"],
    &["public-social-media", "complaint", "sensitive-data"],
];

/// Messages of the kind reps paste, short to long.
const MESSAGES: &[&str] = &[
    "where is my order??",
    "I'm not angry, just confused about the charge on my card.",
    "This is the THIRD time I'm writing!!! My package was supposed to arrive last week, nobody \
     answers the phone, I waited 40 minutes on hold and I'm done. Cancel my account and refund me \
     now or I'm posting this everywhere. Absolutely unacceptable, your company made the mistake.",
];

fn builtin() -> Library {
    content::load(&content::builtin::sources()).library
}

fn bench(c: &mut Criterion) {
    let lib = builtin();
    let mut g = c.benchmark_group("recommend");
    for tags in SITUATIONS {
        let ix = parse_tags(&lib, tags).expect("known tags");
        g.bench_with_input(BenchmarkId::from_parameter(tags.join("+")), &ix, |b, ix| {
            b.iter(|| black_box(recommend(&lib, black_box(ix))))
        });
    }
    g.finish();

    // The plan rules checked over a whole plan (what the invariant test runs per combination).
    let mut g = c.benchmark_group("check-plan");
    for tags in SITUATIONS {
        let plan = recommend(&lib, &parse_tags(&lib, tags).expect("known tags"));
        g.bench_with_input(BenchmarkId::from_parameter(tags.join("+")), &plan, |b, plan| {
            b.iter(|| black_box(check_plan(&lib, black_box(plan))))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("suggest-tags");
    for m in MESSAGES {
        g.throughput(Throughput::Bytes(m.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(m.len()), m, |b, m| {
            b.iter(|| black_box(suggest_tags(&lib, black_box(m))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
