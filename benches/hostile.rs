//! The worst cases of issue 13: pathological packs just under the 1 MiB limit, each loaded on top
//! of the built-in library (what `callside check` and the window do). Budget: each ≤ 100 ms.
//! The generators live in `tests/common/hostile_packs.rs`, shared with `tests/hostile.rs`.
//!
//! Two groups: `hostile_pack` in wall time (criterion's default), and, on Unix, `hostile_pack_cpu`
//! in the loading thread's CPU time, which a busy machine (other builds, CI neighbours) does not
//! inflate: on an idle machine the two agree, since loading is single-threaded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

#[path = "../tests/common/hostile_packs.rs"]
mod hostile_packs;

use callside::content::{self, Source};
use criterion::measurement::Measurement;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn pack(path: &str, text: &str) -> Source {
    Source {
        path: path.to_string(),
        text: text.to_string(),
    }
}

/// Every hostile pack with the sources it loads with.
fn cases() -> Vec<(&'static str, usize, Vec<Source>)> {
    let builtin = content::builtin::sources();
    let big = hostile_packs::big_library();
    hostile_packs::all()
        .into_iter()
        .map(|(name, text)| {
            let mut sources = builtin.clone();
            if name == "unknown_references" {
                // Bad references against the big library: both packs, loaded together.
                sources.push(pack("big.ron", &big));
            }
            sources.push(pack("pack.ron", &text));
            (name, text.len(), sources)
        })
        .collect()
}

fn run<M: Measurement>(c: &mut Criterion<M>, group: &str) {
    let mut g = c.benchmark_group(group);
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for (name, bytes, sources) in cases() {
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), &sources, |b, s| {
            b.iter(|| black_box(content::load(black_box(s))))
        });
    }
    g.finish();
}

fn wall(c: &mut Criterion) {
    run(c, "hostile_pack");
}

#[cfg(unix)]
mod cpu {
    use criterion::Throughput;
    use criterion::measurement::{Measurement, ValueFormatter};

    /// CPU time of the calling thread, in nanoseconds.
    pub struct ThreadCpu;

    fn now() -> u64 {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
        let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
        if !ok {
            return 0;
        }
        (ts.tv_sec as u64)
            .saturating_mul(1_000_000_000)
            .saturating_add(ts.tv_nsec as u64)
    }

    impl Measurement for ThreadCpu {
        type Intermediate = u64;
        type Value = u64;
        fn start(&self) -> u64 {
            now()
        }
        fn end(&self, start: u64) -> u64 {
            now().saturating_sub(start)
        }
        fn add(&self, a: &u64, b: &u64) -> u64 {
            a.saturating_add(*b)
        }
        fn zero(&self) -> u64 {
            0
        }
        fn to_f64(&self, v: &u64) -> f64 {
            *v as f64
        }
        fn formatter(&self) -> &dyn ValueFormatter {
            &Nanos
        }
    }

    struct Nanos;

    impl ValueFormatter for Nanos {
        fn scale_values(&self, ns: f64, values: &mut [f64]) -> &'static str {
            let (factor, unit) = match ns {
                n if n < 1e3 => (1.0, "ns (cpu)"),
                n if n < 1e6 => (1e-3, "µs (cpu)"),
                n if n < 1e9 => (1e-6, "ms (cpu)"),
                _ => (1e-9, "s (cpu)"),
            };
            values.iter_mut().for_each(|v| *v *= factor);
            unit
        }

        fn scale_throughputs(&self, _ns: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
            let bytes = match *t {
                Throughput::Bytes(b) | Throughput::BytesDecimal(b) => b as f64,
                Throughput::Bits(b) => b as f64 / 8.0,
                Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => e as f64,
            };
            values
                .iter_mut()
                .for_each(|v| *v = bytes * 1e9 / *v / (1024.0 * 1024.0));
            "MiB/s (cpu)"
        }

        fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
            "ns"
        }
    }
}

#[cfg(unix)]
fn cpu_time(c: &mut Criterion<cpu::ThreadCpu>) {
    run(c, "hostile_pack_cpu");
}

#[cfg(unix)]
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(cpu::ThreadCpu);
    targets = cpu_time
}
criterion_group!(benches, wall);

#[cfg(unix)]
criterion_main!(benches, cpu_benches);
#[cfg(not(unix))]
criterion_main!(benches);
