//! The worst cases of issue 13: pathological packs just under the 1 MiB limit, each loaded on top
//! of the built-in library (what `callside check` and the window do). Budget: each ≤ 100 ms.
//! The generators live in `tests/common/hostile_packs.rs`, shared with `tests/hostile.rs`.

#[path = "../tests/common/hostile_packs.rs"]
mod hostile_packs;

use callside::content::{self, Source};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn pack(path: &str, text: &str) -> Source {
    Source {
        path: path.to_string(),
        text: text.to_string(),
    }
}

fn bench(c: &mut Criterion) {
    let builtin = content::builtin::sources();
    let mut g = c.benchmark_group("hostile_pack");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    let big = hostile_packs::big_library();
    for (name, text) in hostile_packs::all() {
        let mut sources = builtin.clone();
        if name == "unknown_references" {
            // Bad references against the big library: both packs, loaded together.
            sources.push(pack("big.ron", &big));
        }
        sources.push(pack("pack.ron", &text));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), &sources, |b, s| {
            b.iter(|| black_box(content::load(black_box(s))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
