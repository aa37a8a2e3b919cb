use callside::coach::recommend;
use callside::content::{builtin, load};
#[test]
fn diag() {
    let lib = load(&builtin::sources()).library;
    let n = lib.tags.len();
    let mut empty = std::collections::BTreeMap::<String, (usize, usize)>::new();
    let want = std::env::var("STEP").unwrap_or_default();
    let mut shown = 0;
    for a in 0..n {
        for b in a + 1..n {
            let t = vec![a, b];
            let plan = recommend(&lib, &t);
            for s in &plan.steps {
                let id = lib.steps[s.step].id.clone();
                let e = empty.entry(id.clone()).or_default();
                e.1 += 1;
                if s.phrases.is_empty() {
                    e.0 += 1;
                    if id == want && shown < 30 {
                        shown += 1;
                        println!("X {} + {}", lib.tags[a].id, lib.tags[b].id);
                    }
                }
            }
        }
    }
    for (k, (e, t)) in &empty {
        println!("{k}: {e}/{t}");
    }
}
