//! Placeholders in phrase text (`{name}`, `{order}`): finding them, checking them, filling them.

/// The placeholder names in `text`, in order of first appearance, without duplicates.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (start, end) in spans(text) {
        let name = &text[start + 1..end - 1];
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// Byte spans (including braces) of well-formed placeholders.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{'
            && let Some(len) = bytes[i + 1..].iter().position(|&b| b == b'}')
        {
            let name = &bytes[i + 1..i + 1 + len];
            if !name.is_empty() && name.iter().all(|b| b.is_ascii_lowercase() || *b == b'_') {
                out.push((i, i + len + 2));
                i += len + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// What is wrong with the braces in a phrase text, if anything.
pub fn check(text: &str) -> Option<String> {
    let good = spans(text);
    let mut in_good = vec![false; text.len()];
    for &(s, e) in &good {
        in_good[s..e].iter_mut().for_each(|b| *b = true);
    }
    text.bytes()
        .enumerate()
        .find(|&(i, b)| (b == b'{' || b == b'}') && !in_good[i])
        .map(|(i, _)| {
            format!(
                "stray brace at character {}: placeholders are a lowercase word in braces, like {{name}}",
                text[..i].chars().count() + 1
            )
        })
}

/// Fills every placeholder from `values` (name, value). Returns the names still missing (empty or
/// not given) instead of a half-filled text.
pub fn fill(text: &str, values: &[(String, String)]) -> Result<String, Vec<String>> {
    let lookup = |name: &str| {
        values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let missing: Vec<String> = placeholders(text).into_iter().filter(|n| lookup(n).is_none()).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (s, e) in spans(text) {
        out.push_str(&text[last..s]);
        out.push_str(lookup(&text[s + 1..e - 1]).unwrap_or_default());
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
    }

    #[test]
    fn fill_replaces_all_or_reports_missing() {
        let t = "Hi {name}, order {order} for {name}.";
        assert_eq!(
            fill(t, &vals(&[("name", "Ana"), ("order", "A-12")])).unwrap(),
            "Hi Ana, order A-12 for Ana."
        );
        assert_eq!(
            fill(t, &vals(&[("name", "Ana"), ("order", "  ")])),
            Err(vec!["order".to_string()])
        );
        assert_eq!(fill("plain", &[]).unwrap(), "plain");
    }

    #[test]
    fn check_flags_stray_braces() {
        assert_eq!(check("Hi {name}."), None);
        assert!(check("Hi {name.").is_some());
        assert!(check("Hi name}.").is_some());
        assert!(check("Hi {Name}.").is_some());
    }
}
