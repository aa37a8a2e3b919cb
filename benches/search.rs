//! Search speed: the index against a naive `SkimMatcherV2::fuzzy_match` scan over the same
//! texts, on the built-in library and on generated team libraries of 10,000 and 100,000 cards.
//! One iteration runs the whole query mix; divide by `QUERIES.len()` for time per query.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::content::{self, Library, Source};
use callside::search::Index;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::hint::black_box;

/// What reps type: whole words, prefixes mid-typing, typos, two words out of order, one letter.
const QUERIES: &[&str] = &[
    "sorry",
    "emapthy",
    "shipment late",
    "refu",
    "paitence",
    "s",
    "follow up call",
    "lisening",
];

/// Queries in a rep's own words (the examples).
const EVERYDAY: &[&str] = &[
    "escalate to manager",
    "late parcel",
    "deescalate",
    "bereavement",
    "double charged",
    "irate",
    "angry customer",
    "upset customer",
    "can't help",
    "wait time",
    "compensation",
    "hang up",
];

/// A small deterministic random generator (no extra dependency for a benchmark).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// The built-in library plus `cards` generated phrase cards made of the library's own words and
/// invented ones (product names, people), so the vocabulary grows as a real team library's would.
fn generated(cards: usize) -> Library {
    let builtin = content::load(&content::builtin::sources()).library;
    let mut words: Vec<String> = builtin
        .phrases
        .iter()
        .flat_map(|p| {
            p.text
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        })
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    let mut rng = Lcg(42);
    let syll = [
        "ka", "ro", "zen", "tri", "mo", "lux", "ve", "dor", "pi", "qua", "sel", "nor",
    ];
    let invented: Vec<String> = (0..cards / 5)
        .map(|_| (0..2 + rng.next() % 2).map(|_| syll[rng.next() % syll.len()]).collect())
        .collect();
    let mut ron = String::from("(phrases: [\n");
    for i in 0..cards {
        let skill = &builtin.skills[rng.next() % builtin.skills.len()].id;
        let n = 8 + rng.next() % 14;
        let text: Vec<&str> = (0..n)
            .map(|_| {
                if rng.next().is_multiple_of(6) {
                    invented[rng.next() % invented.len()].as_str()
                } else {
                    words[rng.next() % words.len()].as_str()
                }
            })
            .collect();
        let tag = &builtin.tags[rng.next() % builtin.tags.len()].id;
        ron.push_str(&format!(
            "(id: \"gen-{i}\", skill: \"{skill}\", text: \"{}.\", situations: [\"{tag}\"]),\n",
            text.join(" ")
        ));
    }
    ron.push_str("])");
    let mut sources = content::builtin::sources();
    sources.push(Source {
        path: "generated.ron".into(),
        text: ron,
    });
    let loaded = content::load(&sources);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
    loaded.library
}

/// Every text the index searches, for the naive baseline.
fn texts(lib: &Library) -> Vec<String> {
    let mut out = Vec::new();
    for s in &lib.skills {
        out.push(s.name.clone());
        out.extend(s.aliases.iter().cloned());
        out.extend([s.definition.clone(), s.in_service.clone(), s.analogy.clone()]);
    }
    for p in &lib.phrases {
        out.push(p.text.clone());
        out.extend(p.instead_of.clone());
    }
    out
}

fn bench(c: &mut Criterion) {
    let libs = [
        ("builtin", content::load(&content::builtin::sources()).library),
        ("10k", generated(10_000)),
        ("100k", generated(100_000)),
    ];
    let mut g = c.benchmark_group("search");
    g.throughput(Throughput::Elements(QUERIES.len() as u64));
    for (name, lib) in &libs {
        if *name == "100k" {
            g.sample_size(10);
        }
        let index = Index::new(lib);
        g.bench_with_input(BenchmarkId::new("index", name), &index, |b, index| {
            b.iter(|| {
                for q in QUERIES {
                    black_box(index.search(black_box(q), 60));
                }
            })
        });
        let all = texts(lib);
        let matcher = SkimMatcherV2::default();
        g.bench_with_input(BenchmarkId::new("naive-skim", name), &all, |b, all| {
            b.iter(|| {
                for q in QUERIES {
                    let mut hits: Vec<(i64, usize)> = all
                        .iter()
                        .enumerate()
                        .filter_map(|(i, t)| matcher.fuzzy_match(t, q).map(|s| (s, i)))
                        .collect();
                    hits.sort_unstable_by(|a, b| b.cmp(a));
                    hits.truncate(60);
                    black_box(hits);
                }
            })
        });
    }
    g.finish();

    // The everyday-language queries, and a 10,000-character paste (capped, so it costs
    // no more than a long query), on each library.
    let everyday: Vec<&str> = EVERYDAY.to_vec();
    let long = "where is my parcel it was due on monday and nobody answers ".repeat(170);
    let long = &long[..10_000];
    let mut g = c.benchmark_group("search-worst");
    for (name, lib) in &libs {
        if *name == "100k" {
            g.sample_size(10);
        }
        let index = Index::new(lib);
        g.throughput(Throughput::Elements(everyday.len() as u64));
        g.bench_with_input(BenchmarkId::new("everyday-words", name), &index, |b, index| {
            b.iter(|| {
                for q in &everyday {
                    black_box(index.search(black_box(q), 60));
                }
            })
        });
        g.throughput(Throughput::Elements(1));
        g.bench_with_input(BenchmarkId::new("query-10000-chars", name), &index, |b, index| {
            b.iter(|| black_box(index.search(black_box(long), 60)))
        });
    }
    g.finish();

    let mut g = c.benchmark_group("index-build");
    g.sample_size(10);
    for (name, lib) in &libs {
        g.bench_with_input(BenchmarkId::from_parameter(name), lib, |b, lib| {
            b.iter(|| black_box(Index::new(lib)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
