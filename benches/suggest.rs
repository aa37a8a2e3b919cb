//! Tag suggestion speed on pasted messages: a typical 1,000-character email, and a 100 KB paste
//! (read up to the documented cap). Suggestion runs on every edit of the message box.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach::suggest_tags;
use callside::content::{self, Library};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

/// One customer email of about 1,000 characters, with several issues in it.
const EMAIL: &str = "Dear Sir or Madam, I am writing to make a formal complaint about order 90122. It was due \
on Monday and arrived nine days late, and when it finally came the box was damaged and one of the \
plates was broken. On top of that I was charged a £4.95 priority delivery fee that I never selected, \
and when I checked my bank statement I had been charged twice for the order itself. I have already \
contacted you twice about this, once by phone on 3 June, when I was on hold for forty minutes, and \
once through your web form on 7 June, and nobody has got back to me. I was told someone would call me \
back within 48 hours. I am not angry, just tired of chasing. My mother is 90 and the plates were a \
present for her birthday, so this has been upsetting for both of us. I would like the extra charge \
refunded, a replacement plate sent out, and an explanation of what went wrong. If I do not hear back \
this week I will leave a review and take this to the ombudsman. Yours faithfully, R. Ahmed";

fn builtin() -> Library {
    content::load(&content::builtin::sources()).library
}

fn bench(c: &mut Criterion) {
    let lib = builtin();
    let big: String = EMAIL.repeat(100_000 / EMAIL.len() + 1).chars().take(100_000).collect();
    let mut g = c.benchmark_group("suggest");
    for (name, msg) in [("email-1000-chars", EMAIL), ("paste-100kb", big.as_str())] {
        g.throughput(Throughput::Bytes(msg.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), msg, |b, m| {
            b.iter(|| black_box(suggest_tags(&lib, black_box(m))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
