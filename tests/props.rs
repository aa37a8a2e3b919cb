//! Property tests (issue 13): whatever a pack or a placeholder value holds, loading and filling
//! never panic, every problem has a real `path:line:col`, the rest still loads, copied text never
//! keeps a `{name}`, and scores cannot overflow.
//!
//! Each property runs a few thousand cases (fast enough for CI). `CALLSIDE_FUZZ_CASES=N` runs N
//! cases in all instead, shared out like the defaults (the long run: 1000000); every property
//! prints its case count and slowest input (run with `--nocapture` to see them).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::unreachable)] // test code: failing loudly is the point

use callside::coach;
use callside::content::{self, Loaded, Source, placeholder};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::time::Duration;

/// The default case counts of all properties below, added up.
const DEFAULT_TOTAL: u64 = 3000 + 1000 + 4000 + 4000 + 1000;

/// Cases for one property: `default`, or its share of `CALLSIDE_FUZZ_CASES` (a total over all
/// properties, shared out like the defaults) when that is set.
fn cases(default: u32) -> u32 {
    match std::env::var("CALLSIDE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        // Rounded up, so the cases add up to at least the total asked for.
        Some(total) => u32::try_from((total * u64::from(default)).div_ceil(DEFAULT_TOTAL)).unwrap_or(u32::MAX),
        None => default,
    }
}

/// CPU time of this thread (what an input costs, whatever else the machine is doing).
#[cfg(unix)]
fn cpu_now() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(unix))]
fn cpu_now() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// Runs `check` over `cases` inputs from `strategy`, failing with the shrunk input if it fails,
/// and reports the count and the slowest input.
fn run<S: Strategy>(name: &str, default_cases: u32, strategy: S, check: impl Fn(&S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let n = cases(default_cases);
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    });
    let slowest = std::cell::RefCell::new((Duration::ZERO, String::new()));
    let result = runner.run(&strategy, |v| {
        let t = cpu_now();
        let r = check(&v);
        let took = cpu_now().saturating_sub(t);
        let mut s = slowest.borrow_mut();
        if took > s.0 {
            let mut shown = format!("{v:?}");
            if shown.len() > 300 {
                let cut = (0..=300).rev().find(|&i| shown.is_char_boundary(i)).unwrap_or(0);
                shown = format!("{}… ({} chars)", &shown[..cut], shown.len());
            }
            *s = (took, shown);
        }
        r
    });
    let (took, input) = slowest.into_inner();
    eprintln!("property {name}: {n} cases; slowest {took:?} (thread CPU time): {input}");
    if let Err(e) = result {
        panic!("property {name} failed: {e}");
    }
}

/// Built-in sources with `replace` (index) swapped for `text`, named `mutant.ron`.
fn load_replacing(replace: usize, text: &str) -> Loaded {
    let mut sources = content::builtin::sources();
    sources[replace] = Source {
        path: "mutant.ron".into(),
        text: text.to_string(),
    };
    content::load(&sources)
}

/// Every problem in `text` (named `path`) points at a real line and a column inside it.
fn positions_are_real(l: &Loaded, path: &str, text: &str) -> Result<(), TestCaseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = body.split('\n').collect();
    for p in l.problems.iter().filter(|p| p.path == path) {
        prop_assert!(
            p.line >= 1 && p.line <= lines.len(),
            "{p} (file has {} lines)",
            lines.len()
        );
        let width = lines[p.line - 1].chars().count();
        prop_assert!(p.col >= 1 && p.col <= width + 1, "{p} (line has {width} chars)");
        let head = format!("{path}:{}:{}: ", p.line, p.col);
        prop_assert!(p.to_string().starts_with(&head), "{}", p);
    }
    Ok(())
}

/// Text made of RON-ish pieces, so random packs get past the first character.
fn ron_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\n".to_string()),
        Just("phrases".to_string()),
        Just("skills".to_string()),
        Just("tags".to_string()),
        Just("id".to_string()),
        Just("skill".to_string()),
        Just("text".to_string()),
        Just("weight".to_string()),
        Just("\"empathy\"".to_string()),
        Just("\"{name}\"".to_string()),
        Just("\\u{6f}".to_string()),
        Just("/*".to_string()),
        Just("*/".to_string()),
        Just("//".to_string()),
        Just("r#\"".to_string()),
        Just("'".to_string()),
        Just("2147483647".to_string()),
        "\"[^\"\\\\]{0,12}\"",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

#[test]
fn arbitrary_bytes_as_a_pack_never_panic_and_problems_have_positions() {
    let strategy = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        any::<String>(),
        ron_soup(),
    ];
    run("arbitrary_packs", 3000, strategy, |text| {
        let mut sources = vec![content::builtin::sources().swap_remove(0)];
        sources.push(Source {
            path: "pack.ron".into(),
            text: text.clone(),
        });
        let l = content::load(&sources);
        positions_are_real(&l, "pack.ron", text)?;
        prop_assert!(l.library.skills.len() >= 32, "the built-in skills still load");
        Ok(())
    });
}

/// A mutation of one of the real data files.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn mutated_data() -> impl Strategy<Value = (usize, Vec<Edit>)> {
    let files = content::builtin::sources().len();
    let edit = prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        (
            any::<usize>(),
            prop_oneof![
                Just("\"".to_string()),
                Just("(".to_string()),
                Just(")".to_string()),
                Just(",".to_string()),
                Just("{".to_string()),
                Just("\\u{6f}".to_string()),
                Just("\u{feff}".to_string()),
                Just("weight: 2147483647".to_string()),
                any::<String>(),
            ]
        )
            .prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<usize>(), 1..200usize).prop_map(|(a, n)| Edit::Duplicate(a, n)),
    ];
    (0..files, prop::collection::vec(edit, 1..6))
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    let boundary = |t: &str, at: usize| {
        let at = at % (t.len() + 1);
        (0..=at).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0)
    };
    for e in edits {
        match e {
            Edit::Delete(a, n) => {
                let s = boundary(&t, *a);
                let end = boundary(&t, (s + n).min(t.len()));
                t.replace_range(s..end.max(s), "");
            }
            Edit::Insert(a, s) => {
                let at = boundary(&t, *a);
                t.insert_str(at, s);
            }
            Edit::Duplicate(a, n) => {
                let s = boundary(&t, *a);
                let end = boundary(&t, (s + n).min(t.len())).max(s);
                let piece = t[s..end].to_string();
                t.insert_str(end, &piece);
            }
        }
    }
    t
}

#[test]
fn mutations_of_the_real_data_files_never_panic_and_the_rest_still_loads() {
    let original = content::builtin::sources();
    let whole = content::load(&original);
    run("mutated_data", 1000, mutated_data(), |(file, edits)| {
        let text = apply(&original[*file].text, edits);
        let l = load_replacing(*file, &text);
        positions_are_real(&l, "mutant.ron", &text)?;
        // Files loaded before the mutant are untouched by it: their skills all still load.
        if *file > 0 {
            for s in &whole.library.skills {
                prop_assert!(l.library.skill(&s.id).is_some(), "lost skill {}", s.id);
            }
        }
        // Every problem outside the mutant was already there without it.
        for p in l.problems.iter().filter(|p| p.path != "mutant.ron") {
            let known = whole.problems.contains(p);
            let caused = p.message.contains("unknown") || p.message.contains("duplicate");
            prop_assert!(known || caused, "new problem elsewhere: {p}");
        }
        Ok(())
    });
}

/// Text that passes `check`: arbitrary Unicode without braces around placeholders.
fn template() -> impl Strategy<Value = String> {
    let piece = prop_oneof!["[^{}]{0,20}", "\\{[a-z_]{1,6}\\}"];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

#[test]
fn filled_text_never_keeps_a_placeholder() {
    let values = prop::collection::vec(("[a-z_]{1,6}", "[^{}]{0,30}"), 0..12);
    run("placeholder_fill", 4000, (template(), values), |(t, vals)| {
        prop_assert_eq!(placeholder::check(t), None);
        let names = placeholder::placeholders(t);
        match placeholder::fill(t, vals) {
            Ok(out) => {
                prop_assert!(!out.contains('{') && !out.contains('}'), "{out:?} from {t:?}");
                prop_assert!(placeholder::placeholders(&out).is_empty());
            }
            Err(missing) => {
                prop_assert!(!missing.is_empty());
                for m in &missing {
                    prop_assert!(names.contains(m));
                    let given = vals.iter().find(|(n, _)| n == m).map(|(_, v)| v.trim());
                    prop_assert!(given.is_none_or(str::is_empty), "{m} was given");
                }
            }
        }
        Ok(())
    });
}

#[test]
fn arbitrary_unicode_never_panics_the_placeholder_code() {
    let values = prop::collection::vec((any::<String>(), any::<String>()), 0..4);
    run("placeholder_any", 4000, (any::<String>(), values), |(t, vals)| {
        let names = placeholder::placeholders(t);
        let bad = placeholder::check(t);
        if let Ok(out) = placeholder::fill(t, vals)
            && bad.is_none()
            && vals.iter().all(|(_, v)| !v.contains(['{', '}']))
        {
            prop_assert!(placeholder::placeholders(&out).is_empty(), "{out:?}");
        }
        let all_there = names.iter().all(|n| t.contains(&format!("{{{n}}}")));
        prop_assert!(all_there, "{:?}", names);
        Ok(())
    });
}

#[test]
fn extreme_weights_saturate_and_never_drop_a_skill() {
    let weights = prop::collection::vec(any::<i32>(), 1..8);
    run("extreme_weights", 1000, weights, |ws| {
        let mut tags = String::new();
        let mut rules = String::new();
        for (i, w) in ws.iter().enumerate() {
            tags.push_str(&format!(
                "(id: \"t{i}\", label: \"T{i}\", group: \"feeling\", skills: [(skill: \"empathy\", weight: {w}, why: \"w\"), (skill: \"patience\", weight: 2147483647, why: \"p\")]),"
            ));
            rules.push_str(&format!(
                "(id: \"r{i}\", when: [\"t{i}\"], adjust: [(skill: \"patience\", by: {w}, why: \"r\")]),"
            ));
        }
        // Skills and situations are all this needs (faster than the whole library).
        let mut sources = content::builtin::sources();
        sources.truncate(2);
        sources.push(Source {
            path: "pack.ron".into(),
            text: format!("(tags: [{tags}], rules: [{rules}])"),
        });
        let l = content::load(&sources);
        let lib = &l.library;
        let ids: Vec<String> = (0..ws.len()).map(|i| format!("t{i}")).collect();
        let picked = coach::parse_tags(lib, &ids).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let plan = coach::recommend(lib, &picked);
        let patience = lib.skill_index("patience");
        let total: i64 = ws.iter().map(|&w| i64::from(w.clamp(-100, 100))).sum::<i64>();
        // Patience gets +100 per tag and (clamped) `by` per rule: positive unless the rules
        // pull it down by more.
        if 100 * ws.len() as i64 + total > 0 {
            prop_assert!(
                plan.skills.iter().any(|r| Some(r.skill) == patience),
                "patience vanished: {ws:?}"
            );
        }
        for r in &plan.skills {
            prop_assert!(
                r.score.abs() <= 1000 * (ws.len() as i32 + 10),
                "score {} out of range",
                r.score
            );
        }
        Ok(())
    });
}
