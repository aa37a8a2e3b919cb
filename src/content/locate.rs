//! Where things stand in a content file's text: line and column of an offset, the entries of
//! each top-level list, and where each string value is, all found in one linear pass (a small,
//! forgiving RON lexer). Gives problems their `path:line:col`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// Lines longer than this get extra column checkpoints, so finding a column never counts more
/// than this many bytes.
const CHECKPOINT_BYTES: usize = 256;

/// One element of a top-level list (`skills: [ (…), (…) ]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Byte offset where the element starts.
    pub start: usize,
    /// Byte offset just past it (its `,` or `]`).
    pub end: usize,
    /// Offset of the opening quote of its own `id: "…"` value, if it has one.
    pub id: Option<usize>,
}

/// Finds where things stand in a source text, to give problems a line and column. Built in one
/// linear pass over the text (a small RON lexer), so locating every entry and every value of a
/// large pack stays linear, whatever the text holds (escapes, one long line, no ids).
pub struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// (byte offset, 0-based column) inside long lines, ascending.
    checkpoints: Vec<(usize, usize)>,
    /// Top-level list key → its elements, in order.
    lists: HashMap<&'a str, Vec<Entry>>,
    /// Every string literal's value (escapes decoded) → offsets of its opening quote, ascending.
    strings: HashMap<Cow<'a, str>, Vec<usize>>,
    /// Top-level key → offset of its first occurrence (`huddle: (…)`).
    keys: Keys<'a>,
}

impl<'a> Locator<'a> {
    /// Prepares a source text for lookups.
    pub fn new(text: &'a str) -> Self {
        let (line_starts, checkpoints) = lines(text);
        let (lists, strings, keys) = Scanner::new(text).run();
        Locator {
            text,
            line_starts,
            checkpoints,
            lists,
            strings,
            keys,
        }
    }

    /// Offset of the first top-level `key:` (the key's first letter).
    pub fn key(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// Length of the text in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let cp = self.checkpoints.partition_point(|&(o, _)| o <= offset);
        let (from, col) = match cp.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((o, c)) if o >= line_start => (o, c),
            _ => (line_start, 0),
        };
        let counted = self.text.as_bytes()[from..offset]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count();
        (line + 1, col + counted + 1)
    }

    /// The `n`-th (0-based) element of the top-level list `key`.
    pub fn entry(&self, key: &str, n: usize) -> Option<Entry> {
        self.lists.get(key)?.get(n).copied()
    }

    /// Offset of the first string literal whose value is `value` inside `within`, pointing at
    /// its opening quote.
    pub fn find_string(&self, value: &str, within: Range<usize>) -> Option<usize> {
        let offsets = self.strings.get(value)?;
        let i = offsets.partition_point(|&o| o < within.start);
        offsets.get(i).copied().filter(|&o| o < within.end)
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Line starts, and column checkpoints every [`CHECKPOINT_BYTES`] inside long lines.
fn lines(text: &str) -> (Vec<usize>, Vec<(usize, usize)>) {
    let mut starts = vec![0];
    let mut checkpoints = Vec::new();
    let (mut col, mut since) = (0usize, 0usize);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b'\n' {
            starts.push(i + 1);
            col = 0;
            since = 0;
            continue;
        }
        if !is_continuation(b) {
            if since >= CHECKPOINT_BYTES {
                checkpoints.push((i, col));
                since = 0;
            }
            col += 1;
        }
        since += 1;
    }
    (starts, checkpoints)
}

type Lists<'a> = HashMap<&'a str, Vec<Entry>>;
type Strings<'a> = HashMap<Cow<'a, str>, Vec<usize>>;
type Keys<'a> = HashMap<&'a str, usize>;

/// One token of RON, as far as locating needs.
#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Open(u8),
    Close,
    Comma,
    Colon,
    Ident(&'a str),
    Str(Cow<'a, str>),
    Other,
}

/// A forgiving RON lexer that never looks at a byte twice, plus just enough structure to find
/// top-level list elements and their `id` values.
struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            b: text.as_bytes(),
            i: 0,
        }
    }

    fn run(mut self) -> (Lists<'a>, Strings<'a>, Keys<'a>) {
        let mut keys: Keys<'a> = HashMap::new();
        let mut ident_at = 0usize; // where `ident` starts
        let mut lists: Lists<'a> = HashMap::new();
        let mut strings: Strings<'a> = HashMap::new();
        let mut depth = 0usize;
        let mut key: Option<&'a str> = None; // the last `key:` at depth 1
        let mut ident: Option<&'a str> = None; // the identifier just before, at any depth
        let mut list: Option<&'a str> = None; // the top-level list we are in
        let mut entry: Option<Entry> = None; // its element being read
        let mut want_start = false; // the next token at depth 2 starts an element
        let mut id_next = false; // the next token is an element's own `id` value
        while let Some((at, tok)) = self.next() {
            if depth == 2 && want_start && list.is_some() && !matches!(tok, Tok::Comma | Tok::Close) {
                entry = Some(Entry {
                    start: at,
                    end: self.b.len(),
                    id: None,
                });
                want_start = false;
            }
            let was_id_next = std::mem::take(&mut id_next);
            let prev_ident = ident.take();
            match tok {
                Tok::Open(open) => {
                    depth += 1;
                    if depth == 2 && open == b'[' && key.is_some() {
                        list = key;
                        want_start = true;
                    }
                }
                Tok::Close => {
                    if depth == 2
                        && let Some(k) = list.take()
                    {
                        if let Some(mut e) = entry.take() {
                            e.end = at;
                            lists.entry(k).or_default().push(e);
                        }
                        lists.entry(k).or_default();
                        want_start = false;
                    }
                    depth = depth.saturating_sub(1);
                }
                Tok::Comma => {
                    if depth == 1 {
                        key = None;
                    }
                    if depth == 2
                        && let Some(k) = list
                    {
                        if let Some(mut e) = entry.take() {
                            e.end = at;
                            lists.entry(k).or_default().push(e);
                        }
                        want_start = true;
                    }
                }
                Tok::Colon => {
                    if depth == 1 {
                        key = prev_ident;
                        if let Some(k) = prev_ident {
                            keys.entry(k).or_insert(ident_at);
                        }
                    }
                    id_next = depth == 3 && prev_ident == Some("id") && entry.is_some();
                }
                Tok::Ident(name) => {
                    ident = Some(name);
                    ident_at = at;
                }
                Tok::Str(value) => {
                    if was_id_next && let Some(e) = entry.as_mut() {
                        e.id.get_or_insert(at);
                    }
                    strings.entry(value).or_default().push(at);
                }
                Tok::Other => {}
            }
        }
        if let (Some(k), Some(e)) = (list, entry) {
            lists.entry(k).or_default().push(e);
        }
        (lists, strings, keys)
    }

    fn peek(&self, k: usize) -> Option<u8> {
        self.b.get(self.i + k).copied()
    }

    /// The next token and its offset; `None` at the end.
    fn next(&mut self) -> Option<(usize, Tok<'a>)> {
        loop {
            let c = self.peek(0)?;
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if c == b'/' && self.peek(1) == Some(b'/') {
                while self.peek(0).is_some_and(|c| c != b'\n') {
                    self.i += 1;
                }
            } else if c == b'/' && self.peek(1) == Some(b'*') {
                self.block_comment();
            } else {
                break;
            }
        }
        let at = self.i;
        let c = self.b[at];
        let tok = match c {
            b'(' | b'[' | b'{' => {
                self.i += 1;
                Tok::Open(c)
            }
            b')' | b']' | b'}' => {
                self.i += 1;
                Tok::Close
            }
            b',' => {
                self.i += 1;
                Tok::Comma
            }
            b':' => {
                self.i += 1;
                Tok::Colon
            }
            b'"' => Tok::Str(self.string()),
            b'\'' => {
                self.char_literal();
                Tok::Other
            }
            b'r' | b'b' if self.raw_or_byte_string_ahead() => Tok::Str(self.prefixed_string()),
            c if c.is_ascii_alphabetic() || c == b'_' => {
                if c == b'r' && self.peek(1) == Some(b'#') {
                    self.i += 2; // a raw identifier, r#name
                }
                let s = self.i;
                while self.peek(0).is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
                    self.i += 1;
                }
                Tok::Ident(&self.text[s..self.i])
            }
            _ => {
                // Anything else (numbers, signs, non-ASCII): one character at a time.
                self.i += 1;
                while self.peek(0).is_some_and(is_continuation) {
                    self.i += 1;
                }
                Tok::Other
            }
        };
        Some((at, tok))
    }

    fn block_comment(&mut self) {
        self.i += 2;
        let mut level = 1usize;
        while level > 0 {
            match (self.peek(0), self.peek(1)) {
                (None, _) => return,
                (Some(b'/'), Some(b'*')) => {
                    level += 1;
                    self.i += 2;
                }
                (Some(b'*'), Some(b'/')) => {
                    level -= 1;
                    self.i += 2;
                }
                _ => self.i += 1,
            }
        }
    }

    /// `r"…"`, `r#"…"#`, `b"…"` or `br"…"` ahead.
    fn raw_or_byte_string_ahead(&self) -> bool {
        let mut k = usize::from(self.peek(0) == Some(b'b'));
        if self.peek(k) == Some(b'r') {
            k += 1;
            while self.peek(k) == Some(b'#') {
                k += 1;
            }
        }
        k > 0 && self.peek(k) == Some(b'"')
    }

    fn prefixed_string(&mut self) -> Cow<'a, str> {
        if self.peek(0) == Some(b'b') {
            self.i += 1;
            if self.peek(0) == Some(b'"') {
                return self.string();
            }
        }
        // A raw string: r, hashes, quote … quote, the same number of hashes. No escapes.
        self.i += 1;
        let mut hashes = 0;
        while self.peek(0) == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        self.i += 1;
        let start = self.i;
        while let Some(c) = self.peek(0) {
            if c == b'"' && (1..=hashes).all(|k| self.peek(k) == Some(b'#')) {
                let value = &self.text[start..self.i];
                self.i += 1 + hashes;
                return Cow::Borrowed(value);
            }
            self.i += 1;
        }
        Cow::Borrowed(&self.text[start..])
    }

    /// A `"…"` string at the cursor, with RON's escapes decoded.
    fn string(&mut self) -> Cow<'a, str> {
        self.i += 1;
        let start = self.i;
        while let Some(c) = self.peek(0) {
            match c {
                b'"' => {
                    self.i += 1;
                    return Cow::Borrowed(&self.text[start..self.i - 1]);
                }
                b'\\' => return Cow::Owned(self.escaped_rest(start)),
                _ => self.i += 1,
            }
        }
        Cow::Borrowed(&self.text[start..])
    }

    /// The rest of a string that holds escapes, decoded; the cursor is at the first `\`.
    fn escaped_rest(&mut self, start: usize) -> String {
        let mut out: Vec<u8> = self.b[start..self.i].to_vec();
        while let Some(c) = self.peek(0) {
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek(0) else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'0' => out.push(0),
                        b'x' => {
                            let hex = self.hex_digits(2, 2);
                            out.push(u8::try_from(hex).unwrap_or(b'?'));
                        }
                        b'u' if self.peek(0) == Some(b'{') => {
                            self.i += 1;
                            let v = self.hex_digits(1, 6);
                            if self.peek(0) == Some(b'}') {
                                self.i += 1;
                            }
                            let ch = char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER);
                            out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        match String::from_utf8(out) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }

    fn hex_digits(&mut self, min: usize, max: usize) -> u32 {
        let mut v = 0u32;
        let mut n = 0;
        while n < max
            && let Some(d) = self.peek(0).and_then(|c| (c as char).to_digit(16))
        {
            v = v * 16 + d;
            n += 1;
            self.i += 1;
        }
        if n < min { u32::MAX } else { v }
    }

    /// `'x'`, `'\n'`, `'\u{…}'`; a lone `'` is skipped alone. Never reads far.
    fn char_literal(&mut self) {
        self.i += 1;
        let limit = (self.i + 12).min(self.b.len());
        let mut k = self.i;
        if self.b.get(k) == Some(&b'\\') {
            k += 2;
        } else {
            k += 1;
        }
        while k < limit {
            if self.b[k] == b'\'' {
                self.i = k + 1;
                return;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let l = Locator::new("ab\ncdé\nf");
        assert_eq!(l.line_col(0), (1, 1));
        assert_eq!(l.line_col(3), (2, 1));
        assert_eq!(l.line_col(8), (3, 1));
    }

    #[test]
    fn columns_in_long_lines_use_checkpoints_and_stay_right() {
        let text = format!("{}x", "é".repeat(5000));
        let l = Locator::new(&text);
        assert_eq!(l.line_col(10_000), (1, 5001));
        assert_eq!(l.line_col(4), (1, 3));
        let text = format!("a\n{}\nb", "ab".repeat(3000));
        let l = Locator::new(&text);
        assert_eq!(l.line_col(2 + 5999), (2, 6000));
        assert_eq!(l.line_col(2 + 6001), (3, 1));
    }

    #[test]
    fn entries_are_found_with_or_without_ids() {
        let t = "#![enable(implicit_some)]\n(skills: [(skill: \"empathy\", id: \"x\"),\n(name: \"n\"), ( id : \"em\\u{70}athy\"), Named(id: r#\"raw\"#)], phrases: [])";
        let l = Locator::new(t);
        let e0 = l.entry("skills", 0).unwrap();
        assert_eq!(l.line_col(e0.id.unwrap()), (2, 34));
        let e1 = l.entry("skills", 1).unwrap();
        assert_eq!((e1.id, l.line_col(e1.start)), (None, (3, 1)));
        let e2 = l.entry("skills", 2).unwrap();
        assert_eq!(l.find_string("empathy", e2.start..e2.end), e2.id);
        assert_eq!(
            l.find_string("empathy", e0.start..e0.end),
            Some(t.find("\"empathy").unwrap())
        );
        let e3 = l.entry("skills", 3).unwrap();
        assert_eq!(l.find_string("raw", e3.start..e3.end), e3.id);
        assert_eq!(l.entry("skills", 4), None);
        assert_eq!(l.entry("phrases", 0), None);
        assert_eq!(l.find_string("x", e1.start..e1.end), None);
    }

    #[test]
    fn comments_and_chars_do_not_confuse_it() {
        let t = "( /* skills: [ (id: \"no\") ] /* nested */ */ skills: // [\n [ (id: \"yes\", c: '\"') ] )";
        let l = Locator::new(t);
        let e = l.entry("skills", 0).unwrap();
        assert_eq!(e.id, t.find("\"yes\""));
        assert_eq!(l.entry("skills", 1), None);
    }
}
