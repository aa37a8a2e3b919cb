//! Generators for the hostile packs of issue 13 (each under the 1 MiB pack limit), shared by
//! `tests/hostile.rs` (they must load, quickly and correctly) and `benches/hostile.rs` (how fast).
#![allow(dead_code)] // each user takes the generators it needs

/// Bytes a generated pack stays under.
pub const BUDGET: usize = 1024 * 1024 - 1024;

/// Repeats `item` after `head` until the pack would pass [`BUDGET`], then closes it with `tail`.
fn fill(head: &str, item: impl Fn(usize) -> String, tail: &str) -> String {
    let mut s = head.to_string();
    let mut i = 0;
    loop {
        let next = item(i);
        if s.len() + next.len() + tail.len() > BUDGET {
            break;
        }
        s.push_str(&next);
        i += 1;
    }
    s.push_str(tail);
    s
}

/// One card whose text is nothing but `{` (the placeholder scan was quadratic).
pub fn many_open_braces() -> String {
    let head = "(phrases:[(id:\"p\",skill:\"empathy\",text:\"";
    let tail = "\")])";
    format!("{head}{}{tail}", "{".repeat(BUDGET - head.len() - tail.len()))
}

/// Half a MiB of comment, then cards without an id (each re-searched the file for its list).
pub fn no_ids_after_long_prefix() -> String {
    let prefix = format!("// {}\n(phrases: [\n", "x".repeat(BUDGET / 2));
    fill(&prefix, |_| "(skill:\"empathy\",text:\"x\"),\n".to_string(), "])")
}

/// Cards whose unknown skill is written with an escape (never found, so each lookup scanned to
/// the end of the file).
pub fn escaped_unknown_values() -> String {
    fill(
        "(phrases: [\n",
        |i| format!("(id:\"p{i}\",skill:\"n\\u{{6f}}pe\",text:\"x\"),\n"),
        "])",
    )
}

/// One line of about 80,000 cards with an id and nothing else, each a problem (columns were
/// counted from the line start).
pub fn one_line_of_entries() -> String {
    fill("(phrases:[", |i| format!("(id:\"a{i}\"),"), "])")
}

/// A big library: as many skills as fit (about 17,000).
pub fn big_library() -> String {
    fill(
        "(groups:[(id:\"big\",name:\"Big\")],skills:[\n",
        |i| format!("(id:\"skill-{i:05}\",name:\"S\",group:\"big\",definition:\"d\"),\n"),
        "])",
    )
}

/// As many cards as fit, each naming a skill that does not exist but is near one of
/// [`big_library`]'s (about 24,000).
pub fn unknown_references() -> String {
    fill(
        "(phrases:[\n",
        |i| format!("(id:\"r{i}\",skill:\"skill-{:05}x\",text:\"t\"),\n", i % 17_000),
        "])",
    )
}

/// The same built-in skill extended over and over with one more alias (merging was quadratic).
pub fn alias_extensions() -> String {
    fill("(skills:[", |i| format!("(id:\"empathy\",aliases:[\"a{i}\"]),"), "])")
}

/// Every hostile pack, by name.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("many_open_braces", many_open_braces()),
        ("no_ids_after_long_prefix", no_ids_after_long_prefix()),
        ("escaped_unknown_values", escaped_unknown_values()),
        ("one_line_of_entries", one_line_of_entries()),
        ("alias_extensions", alias_extensions()),
        ("big_library", big_library()),
        ("unknown_references", unknown_references()),
    ]
}
