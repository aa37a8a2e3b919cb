//! Text helpers shared by loading, search and the tough-call helper: normalisation, word
//! splitting with byte ranges, edit distance and "did you mean" suggestions.

use std::ops::Range;

/// Folds one character to its search form: lowercase, accents removed. Always one char out for
/// one char in, so char positions in normalised text are char positions in the original.
pub fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        '’' | '‘' => '\'',
        other => other,
    }
}

/// The search form of a whole string (see [`fold_char`]).
pub fn normalize(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// True for characters that belong inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// One word of a text: its normalised form and where it stands in the original (bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercased, accent-folded, apostrophes dropped ("Don't" → "dont").
    pub norm: String,
    /// Byte range of the word in the original text (apostrophes inside it included).
    pub range: Range<usize>,
}

/// Splits text into words. An apostrophe between letters stays inside the word ("don't"), and is
/// dropped from the normalised form so "dont" and "don't" match.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut norm = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            norm.push(fold_char(c));
            continue;
        }
        let apostrophe = matches!(c, '\'' | '’');
        let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word_char(n));
        if apostrophe && start.is_some() && next_is_word {
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Word {
                norm: std::mem::take(&mut norm),
                range: s..i,
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            norm,
            range: s..text.len(),
        });
    }
    out
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent swaps), giving up with `None`
/// once the distance must exceed `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        // The common case (search and suggestions run it thousands of times): no allocation.
        return osa(a.as_bytes(), b.as_bytes(), max);
    }
    if a.chars().count().abs_diff(b.chars().count()) > max {
        return None;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b, max)
}

/// Words longer than this are compared with heap rows instead of stack rows.
const STACK_ROW: usize = 64;

fn osa<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    if w <= STACK_ROW {
        let mut rows = [[0usize; STACK_ROW]; 3];
        let [prev2, prev, cur] = &mut rows;
        osa_rows(a, b, max, &mut prev2[..w], &mut prev[..w], &mut cur[..w])
    } else {
        let (mut prev2, mut prev, mut cur) = (vec![0; w], vec![0; w], vec![0; w]);
        osa_rows(a, b, max, &mut prev2, &mut prev, &mut cur)
    }
}

fn osa_rows<'r, T: PartialEq>(
    a: &[T],
    b: &[T],
    max: usize,
    mut prev2: &'r mut [usize],
    mut prev: &'r mut [usize],
    mut cur: &'r mut [usize],
) -> Option<usize> {
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The known id closest to `unknown`, if one is close enough to be a likely typo. Ids whose
/// length is too far off are skipped before any comparison, so a huge `unknown` costs nothing
/// per id. (Loading, with many unknown ids against many known ones, bounds the work further in
/// `content::hints`.)
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = unknown.chars().count();
    let max = (len / 3).clamp(2, 4);
    known
        .into_iter()
        .filter(|k| k.len() + max >= len && k.chars().count().abs_diff(len) <= max)
        .filter_map(|k| edit_distance(unknown, k, max).map(|d| (d, k)))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, k)| k)
}

/// Formats the "(did you mean …?)" tail for an unknown id, or nothing.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    match nearest(unknown, known) {
        Some(k) => format!(" (did you mean \"{k}\"?)"),
        None => String::new(),
    }
}

/// Byte ranges, in a word's original text, of each character of its normalized form (a word's
/// inner apostrophes are dropped when normalizing, so "don't" has 4 normalized characters).
pub fn norm_char_ranges(word_text: &str) -> Vec<Range<usize>> {
    word_text
        .char_indices()
        .filter(|&(_, c)| !matches!(c, '\'' | '’'))
        .map(|(b, c)| b..b + c.len_utf8())
        .collect()
}

/// Converts char indices into a word's normalized form (as fuzzy-matcher reports them) into
/// merged byte ranges of the word's original text.
pub fn char_indices_to_byte_ranges(word_text: &str, char_idx: &[usize]) -> Vec<Range<usize>> {
    let chars = norm_char_ranges(word_text);
    let mut wanted: Vec<usize> = char_idx.iter().copied().filter(|&i| i < chars.len()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out: Vec<Range<usize>> = Vec::new();
    for i in wanted {
        let r = chars[i].clone();
        match out.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

/// Converts byte ranges in `text` into character ranges (for consumers outside Rust). One pass
/// over the text whatever the number of ranges (a 600 KB card with many matches stays linear).
pub fn byte_to_char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut offsets: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut chars_at: Vec<usize> = Vec::with_capacity(offsets.len());
    let (mut chars, mut byte) = (0usize, 0usize);
    let mut it = text.char_indices();
    for &b in &offsets {
        while byte < b.min(text.len()) {
            match it.next() {
                Some((_, c)) => {
                    byte += c.len_utf8();
                    chars += 1;
                }
                None => break,
            }
        }
        chars_at.push(chars);
    }
    let at = |b: usize| offsets.binary_search(&b).map_or(chars, |i| chars_at[i]);
    ranges.iter().map(|r| at(r.start)..at(r.end)).collect()
}

/// The text up to its first `max` characters, and whether anything was cut off. Queries and
/// pasted messages are capped so a huge paste costs no more than a long one.
pub fn cap_chars(text: &str, max: usize) -> (&str, bool) {
    match text.char_indices().nth(max) {
        Some((b, _)) => (&text[..b], true),
        None => (text, false),
    }
}

/// The Snowball English stem of a normalised word ("charged", "charging" → "charg"), so that
/// word forms meet. Words under four letters, or with digits or non-ASCII letters, are kept as
/// they are ("ups" is not "up").
pub fn stem(word: &str) -> String {
    static STEMMER: std::sync::LazyLock<rust_stemmers::Stemmer> =
        std::sync::LazyLock::new(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    STEMMER.stem(word).into_owned()
}

/// The sentence of `text` holding the first of `ranges` (byte ranges), with the ranges that fall
/// inside it moved to its start: shows *why* a long text matched, in one line.
pub fn snippet(text: &str, ranges: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let Some(first) = ranges.first() else {
        return (String::new(), Vec::new());
    };
    let start = text
        .get(..first.start)
        .and_then(|head| {
            [". ", "! ", "? ", "; "]
                .iter()
                .filter_map(|sep| head.rfind(sep).map(|i| i + sep.len()))
                .max()
        })
        .unwrap_or(0);
    let end = text
        .get(first.end..)
        .and_then(|tail| tail.find(['.', '!', '?', ';']).map(|i| first.end + i + 1))
        .unwrap_or(text.len());
    let kept = ranges
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start..r.end - start)
        .collect();
    (text[start..end].to_string(), kept)
}

/// The item of a comma-separated list (cue words, everyday words) holding the most of `ranges`
/// (the first such): shows which of a tag's words matched ("double charged", not "charged twice").
pub fn list_item<'a>(text: &'a str, ranges: &[Range<usize>]) -> &'a str {
    let mut best: Option<(usize, usize, usize)> = None;
    let mut start = 0;
    for end in text.match_indices(',').map(|(i, _)| i).chain([text.len()]) {
        let n = ranges.iter().filter(|r| r.start >= start && r.end <= end).count();
        if n > 0 && best.is_none_or(|b| n > b.0) {
            best = Some((n, start, end));
        }
        start = end + 1;
    }
    best.and_then(|(_, s, e)| text.get(s..e)).map_or("", str::trim)
}

/// True if a string is a valid id: lowercase ASCII letters and digits in dash-separated parts.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_ranges_and_fold() {
        let t = "Don't  panic, Zoë!";
        let w = words(t);
        let norms: Vec<&str> = w.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(norms, ["dont", "panic", "zoe"]);
        assert_eq!(&t[w[0].range.clone()], "Don't");
        assert_eq!(&t[w[2].range.clone()], "Zoë");
    }

    #[test]
    fn trailing_apostrophe_is_not_in_word() {
        let w = words("customers' orders");
        assert_eq!(w[0].norm, "customers");
        assert_eq!(w[1].norm, "orders");
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("emapthy", "empathy", 2), Some(1));
        assert_eq!(edit_distance("paitence", "patience", 2), Some(1));
        assert_eq!(edit_distance("lisening", "listening", 2), Some(1));
        assert_eq!(edit_distance("abc", "xyz", 2), None);
        assert_eq!(edit_distance("same", "same", 0), Some(0));
        // Non-ASCII letters count as one character each; long words take the heap path.
        assert_eq!(edit_distance("café", "cafe", 1), Some(1));
        assert_eq!(edit_distance("naïve", "naive", 0), None);
        let long = "a".repeat(70);
        let typo = format!("{}b", "a".repeat(69));
        assert_eq!(edit_distance(&long, &typo, 1), Some(1));
        assert_eq!(edit_distance(&long, &"b".repeat(70), 2), None);
    }

    #[test]
    fn nearest_suggests_close_ids_only() {
        let known = ["empathy", "patience", "humor"];
        assert_eq!(nearest("empaty", known), Some("empathy"));
        assert_eq!(nearest("zzzzzzzz", known), None);
        assert_eq!(did_you_mean("humour", known), " (did you mean \"humor\"?)");
    }

    #[test]
    fn char_indices_become_merged_byte_ranges() {
        let t = "héllo";
        assert_eq!(char_indices_to_byte_ranges(t, &[0, 1, 2]), vec![0..4]);
        assert_eq!(char_indices_to_byte_ranges(t, &[4, 0]), vec![0..1, 5..6]);
        // "dont" is the normalized form of "don't": its 't' (index 3) is after the apostrophe.
        assert_eq!(char_indices_to_byte_ranges("don't", &[3]), vec![4..5]);
        assert_eq!(char_indices_to_byte_ranges("don’t", &[2, 3]), vec![2..3, 6..7]);
        assert_eq!(char_indices_to_byte_ranges("ok", &[9]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn byte_ranges_become_char_ranges() {
        assert_eq!(byte_to_char_ranges("héllo wörld", &[1..4, 7..10]), vec![1..3, 6..8]);
        assert_eq!(
            byte_to_char_ranges("héllo", &[4..7, 0..0, 0..9]),
            vec![3..5, 0..0, 0..5]
        );
        // Many ranges over a long text stay fast (one pass): a 600 KB card with a range per word.
        let long = "é word ".repeat(90_000);
        let ranges: Vec<Range<usize>> = (0..90_000).map(|i| i * 8 + 3..i * 8 + 7).collect();
        let chars = byte_to_char_ranges(&long, &ranges);
        assert_eq!(chars[89_999], 89_999 * 7 + 2..89_999 * 7 + 6);
    }

    #[test]
    fn word_forms_share_a_stem() {
        assert_eq!(stem("charged"), stem("charging"));
        assert_eq!(stem("parcels"), stem("parcel"));
        assert_eq!(stem("escalation"), stem("escalate"));
        assert_eq!(stem("x200"), "x200");
    }

    #[test]
    fn capping_keeps_whole_characters() {
        assert_eq!(cap_chars("héllo", 2), ("hé", true));
        assert_eq!(cap_chars("héllo", 5), ("héllo", false));
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one matched range, as the search reports it
    fn snippet_is_the_sentence_with_the_match() {
        let t = "First sentence here. The word sorry sits here; and more. Last one.";
        let at = t.find("sorry").unwrap();
        let (s, r) = snippet(t, &[at..at + 5]);
        assert_eq!(s, "The word sorry sits here;");
        assert_eq!(&s[r[0].clone()], "sorry");
        assert_eq!(snippet("no stop sorry", &[8..13]).0, "no stop sorry");
        assert_eq!(snippet("x", &[]).0, "");
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one matched range, as the search reports it
    fn list_item_is_the_matched_entry() {
        let t = "charged twice, double charged, overcharged";
        let at = t.find("double").unwrap();
        assert_eq!(list_item(t, &[at..at + 6]), "double charged");
        assert_eq!(list_item(t, &[0..7]), "charged twice");
        let charged = t.find("charged, ").unwrap();
        assert_eq!(
            list_item(t, &[0..7, at..at + 6, charged..charged + 7]),
            "double charged"
        );
        assert_eq!(list_item(t, &[]), "");
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_valid_id("delayed-shipment"));
        assert!(is_valid_id("a1"));
        assert!(!is_valid_id("Delayed"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
    }
}
