//! Placeholders in phrase text (`{name}`, `{order}`): finding them, checking them, filling them.
//! Every function here makes one pass over the text, so a card full of braces costs no more than
//! any other card of its length.

use std::collections::HashSet;

/// What is wrong with the braces in a phrase text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    /// A `{` or `}` that is not part of a `{lowercase_word}`.
    #[error("stray brace at character {at}: placeholders are a lowercase word in braces, like {{name}}")]
    StrayBrace {
        /// 1-based character position of the brace.
        at: usize,
    },
}

/// The placeholder names in `text`, in order of first appearance, without duplicates.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut seen: HashSet<&str> = HashSet::new();
    spans(text)
        .into_iter()
        .map(|(start, end)| &text[start + 1..end - 1])
        .filter(|name| seen.insert(name))
        .map(str::to_string)
        .collect()
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b == b'_'
}

/// Byte spans (including braces) of well-formed placeholders, in one pass: from a `{` the scan
/// runs over name letters only, so the next `{` is never behind it.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        let name_start = i + 1;
        let mut j = name_start;
        while j < bytes.len() && is_name_byte(bytes[j]) {
            j += 1;
        }
        if j > name_start && bytes.get(j) == Some(&b'}') {
            out.push((i, j + 1));
            i = j + 1;
        } else {
            // Name letters are never braces: carry on from where the name stopped.
            i = j.max(i + 1);
        }
    }
    out
}

/// What is wrong with the braces in a phrase text, if anything.
pub fn check(text: &str) -> Option<PlaceholderError> {
    let mut good = spans(text).into_iter().peekable();
    for (n, (i, c)) in text.char_indices().enumerate() {
        while good.peek().is_some_and(|&(_, e)| e <= i) {
            good.next();
        }
        let inside = good.peek().is_some_and(|&(s, _)| s <= i);
        if (c == '{' || c == '}') && !inside {
            return Some(PlaceholderError::StrayBrace { at: n + 1 });
        }
    }
    None
}

/// Fills every placeholder from `values` (name, value). Returns the names still missing (empty or
/// not given) instead of a half-filled text.
pub fn fill(text: &str, values: &[(String, String)]) -> Result<String, Vec<String>> {
    let mut lookup: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (n, v) in values {
        lookup.entry(n.as_str()).or_insert(v.trim()); // the first value given for a name counts
    }
    lookup.retain(|_, v| !v.is_empty());
    let spans = spans(text);
    let mut missing: Vec<String> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for &(s, e) in &spans {
        let name = &text[s + 1..e - 1];
        if !lookup.contains_key(name) && seen.insert(name) {
            missing.push(name.to_string());
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (s, e) in spans {
        out.push_str(&text[last..s]);
        out.push_str(lookup.get(&text[s + 1..e - 1]).copied().unwrap_or_default());
        last = e;
    }
    out.push_str(&text[last..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn finds_placeholders_once_in_order() {
        assert_eq!(placeholders("Hi {name}, order {order} for {name}."), ["name", "order"]);
        assert!(placeholders("No braces here.").is_empty());
        assert!(placeholders("{Not} {a b} {}").is_empty());
        assert_eq!(placeholders("{{name}} {a{b}"), ["name", "b"]);
    }

    #[test]
    fn fill_replaces_all_or_reports_missing() {
        let t = "Hi {name}, order {order} for {name}.";
        assert_eq!(
            fill(t, &vals(&[("name", "Ana"), ("order", "A-12")])),
            Ok("Hi Ana, order A-12 for Ana.".to_string())
        );
        assert_eq!(
            fill(t, &vals(&[("name", "Ana"), ("order", "  ")])),
            Err(vec!["order".to_string()])
        );
        assert_eq!(fill("plain", &[]), Ok("plain".to_string()));
    }

    #[test]
    fn check_flags_stray_braces() {
        assert_eq!(check("Hi {name}."), None);
        assert_eq!(check("Hi {name."), Some(PlaceholderError::StrayBrace { at: 4 }));
        assert_eq!(check("Hé name}."), Some(PlaceholderError::StrayBrace { at: 8 }));
        assert!(check("Hi {Name}.").is_some());
        assert!(check("{a}{").is_some());
    }

    #[test]
    fn many_open_braces_are_one_pass() {
        // Was quadratic: each `{` searched to the end of the text for a `}`.
        let t = "{".repeat(200_000);
        assert!(placeholders(&t).is_empty());
        assert_eq!(check(&t), Some(PlaceholderError::StrayBrace { at: 1 }));
    }
}
