//! One frame of the window with a very large library loaded (issue: per-frame work must not grow
//! with the library). Budget: a frame with 20,000 skills loaded ≤ 16 ms (one 60 Hz frame).
//! Drawn headless with egui_kittest (layout and tessellation, no GPU), in the empty search view
//! (the browse list of every skill), with a query typed, and on a skill's page.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // bench code: failing loudly is the point

#[path = "../tests/common/big_library.rs"]
mod big_library;

use callside::content::{self, Source};
use callside::live::Content;
use callside::ui::settings::Settings;
use callside::ui::{App, StartOptions};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::sync::Arc;

const GROUPS: usize = 200;
const SKILLS: usize = 20_000;

/// The built-in library plus a pack of 20,000 skills in 200 groups, each with one card.
fn big() -> Arc<Content> {
    let ron = big_library::big_library_ron(GROUPS, SKILLS, true);
    let mut sources = content::builtin::sources();
    sources.push(Source {
        path: "big.ron".into(),
        text: ron,
    });
    let l = content::load(&sources);
    Arc::new(Content::new(l))
}

fn harness(content: Arc<Content>, start: StartOptions) -> Harness<'static, App> {
    let mut app = App::new(content, Settings::default(), None);
    app.apply_start(&start);
    let mut h = Harness::builder()
        .with_size(egui::vec2(420.0, 680.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run();
    h
}

fn frames(c: &mut Criterion) {
    let content = big();
    let mut g = c.benchmark_group("frame_with_20000_skills");
    g.sample_size(20);

    let mut h = harness(content.clone(), StartOptions::default());
    g.bench_function("empty search (browse every skill)", |b| b.iter(|| h.step()));

    let query = StartOptions {
        query: Some("skill number 1999".into()),
        ..StartOptions::default()
    };
    let mut h = harness(content.clone(), query);
    // The frame measured shows what a rep would see: the matching skills.
    assert!(h.query_all_by_label_contains("Skill number 1999").count() > 0);
    g.bench_function("query typed", |b| b.iter(|| h.step()));

    let skill = StartOptions {
        skill: Some("s12345".into()),
        ..StartOptions::default()
    };
    let mut h = harness(content, skill);
    assert!(h.query_all_by_label_contains("What skill 12345 is.").count() > 0);
    g.bench_function("a skill's page", |b| b.iter(|| h.step()));
    g.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
