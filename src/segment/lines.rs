//! Line breaks inside a paragraph: which single `\n` ends a sentence.
//!
//! A line that ends in sentence punctuation is left to the terminator rules, except in
//! hard-wrapped text where the next word would have fitted on it (a paragraph end). For a
//! line without it:
//! - an upper-case line (a wire title) before a mixed-case line ends a sentence;
//! - a line that ends in a word or sign that cannot end a sentence ("of", ",", "-") never does;
//! - in a hard-wrapped paragraph (one where some line continues in lower case on the next,
//!   or any paragraph of a document where a long line does), a
//!   break is a boundary only where the next line's first word would have fitted on the line
//!   (so the break was not made by the wrapper): table rows, short headings, list items. The
//!   first line of a paragraph is exempt when a long line follows, because wire copy loses its
//!   dateline ("NEW YORK, March 3 - ") from that line;
//! - otherwise (web text, where a line is a unit: title, publication line, caption, list item)
//!   a break before a line that does not start in lower case is a boundary, and one before a
//!   lower-case line only inside a list of short unpunctuated lines.

use super::lexicon::is_connector;
use super::scan::{is_closer, is_terminator};

/// One line of a paragraph, trimmed.
#[derive(Debug, Clone)]
pub struct Line {
    pub start: usize,
    /// Position of the `\n` after the line (the paragraph end for the last line).
    pub nl: usize,
    pub end: usize,
    /// Ends in `.`, `!`, `?`, `…` (possibly followed by closing quotes or brackets).
    pub final_punct: bool,
    /// The break after this line ends a sentence (with `final_punct`: whatever the
    /// terminator rules decide).
    pub cut_after: bool,
    shape: Shape,
}

#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    len: usize,
    first_word: usize,
    all_caps: bool,
    starts_lower: bool,
}

fn shape(line: &str) -> Shape {
    let b = line.as_bytes();
    let ascii = line.is_ascii();
    let len = if ascii { b.len() } else { line.chars().count() };
    // Upper-case line: no lower-case letter (the scan stops at the first one, which in
    // ordinary text comes within a few bytes) and at least two capitals.
    let mut upper = 0usize;
    let mut lower = false;
    for &c in b {
        if c.is_ascii_lowercase() {
            lower = true;
            break;
        }
        if c >= 0x80 {
            lower = line.chars().any(char::is_lowercase);
            upper = line.chars().filter(|c| c.is_uppercase()).count();
            break;
        }
        upper += usize::from(c.is_ascii_uppercase());
    }
    let first_word = if ascii {
        b.iter()
            .position(|&c| c == b' ' || c == b'\t')
            .unwrap_or(len)
    } else {
        line.chars().take_while(|c| !c.is_whitespace()).count()
    };
    Shape {
        len,
        first_word,
        all_caps: !lower && upper >= 2,
        starts_lower: line.chars().next().is_some_and(char::is_lowercase),
    }
}

/// The line ends in a sign or a function word after which a sentence cannot end.
fn ends_with_connector(line: &str) -> bool {
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    if matches!(
        last,
        ',' | ';' | '(' | '[' | '{' | '-' | '–' | '—' | '&' | '/' | '+' | '<' | '“' | '‘'
    ) {
        return true;
    }
    let b = line.as_bytes();
    let mut s = b.len();
    while s > 0 && b[s - 1].is_ascii_lowercase() && b.len() - s <= 12 {
        s -= 1;
    }
    let alpha_before = s > 0 && b[s - 1].is_ascii_alphabetic();
    s < b.len() && !alpha_before && is_connector(&line[s..])
}

fn ends_with_final_punct(line: &str) -> bool {
    // Fast path for an ASCII ending.
    match line.as_bytes().last() {
        Some(b'.' | b'!' | b'?') => return true,
        Some(&c) if c < 0x80 && !matches!(c, b'"' | b'\'' | b')' | b']' | b'}') => return false,
        _ => {}
    }
    let t = line.trim_end_matches(is_closer);
    t.chars().next_back().is_some_and(is_terminator)
}

/// `line` trimmed, and the bytes trimmed at its start; no work when it starts and ends with
/// an ASCII non-space (normalized text).
fn trim(line: &str) -> (&str, usize) {
    let b = line.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => (line, 0),
        _ => {
            let t = line.trim_start();
            let lead = line.len() - t.len();
            (t.trim_end(), lead)
        }
    }
}

/// Decide every line break of a paragraph given as its `raw` lines (start, end before the
/// `\n`; none blank). `out` is cleared first and gets one trimmed [`Line`] per raw line.
///
/// `doc_wrap` is the document's wrap width when the document is hard-wrapped (see
/// `Segmenter::wrap_width`): then the paragraph counts as wrapped even without a lower-case
/// continuation of its own ("...(Sargent and Lundy\nEngineers) for ...").
pub fn plan(text: &str, raw: &[(usize, usize)], doc_wrap: Option<usize>, out: &mut Vec<Line>) {
    out.clear();
    let multi = raw.len() > 1;
    for &(s, e) in raw {
        let (t, lead) = trim(&text[s..e]);
        out.push(Line {
            start: s + lead,
            nl: e,
            end: s + lead + t.len(),
            final_punct: ends_with_final_punct(t),
            cut_after: false,
            shape: if multi { shape(t) } else { Shape::default() },
        });
    }
    let n = out.len();
    if n < 2 {
        return;
    }
    let width = out
        .iter()
        .map(|l| l.shape.len)
        .max()
        .unwrap_or(0)
        .max(doc_wrap.unwrap_or(0));
    let list_block = out.iter().all(|l| !l.final_punct && l.shape.len <= 40);
    let wrapped = !list_block
        && (doc_wrap.is_some()
            || (0..n - 1).any(|i| !out[i].final_punct && out[i + 1].shape.starts_lower));
    for i in 0..n - 1 {
        let (l, next) = (out[i].shape, out[i + 1].shape);
        // The first line of a paragraph (or the one after an upper-case title) may have lost
        // its start (a wire dateline), so it may be short without being a deliberate break.
        let first = i == 0 || out[i - 1].shape.all_caps;
        let next_long = next.len * 4 >= width * 3;
        // Room left on the line for the next line's first word: a wrapper would have put it
        // there, so the break is deliberate.
        let fits = l.len + 1 + next.first_word + WRAP_SLACK <= width;
        out[i].cut_after = if out[i].final_punct {
            // In wrapped text a line that ends a sentence with room left for the next word
            // ends a paragraph: a boundary even after an abbreviation ("...in the U.S.").
            // A lone unpunctuated word on the last line is a sign-off ("reuter").
            let sign_off = i + 2 == n && next.first_word == next.len && !out[i + 1].final_punct;
            sign_off || wrapped && !next.starts_lower && fits && !(first && next_long)
        } else if l.all_caps && !next.all_caps {
            true
        } else if next.starts_lower {
            list_block
        } else if ends_with_connector(&text[out[i].start..out[i].end]) {
            false
        } else if wrapped {
            fits && !(first && next_long)
        } else {
            true
        };
    }
}

/// Characters a wrapper may leave unused at the end of a line (measured on wire copy: lines
/// continued in lower case leave at most 4 columns of the paragraph's width unused).
const WRAP_SLACK: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<bool> {
        let mut raw = Vec::new();
        let mut pos = 0;
        for l in text.split('\n') {
            raw.push((pos, pos + l.len()));
            pos += l.len() + 1;
        }
        let mut v = Vec::new();
        plan(text, &raw, None, &mut v);
        v.iter().map(|l| l.cut_after).collect()
    }

    #[test]
    fn web_lines_are_units() {
        let t = "Published: 10:00, April 19, 2022 | Updated: 10:29, April 19, 2022\nSyria accuses US of war crimes";
        assert_eq!(cuts(t), [true, false]);
        assert_eq!(cuts("It was a cold \nnight in the city."), [false, false]);
        assert_eq!(
            cuts("features\ncontact manager\nevents, activities"),
            [true, true, false]
        );
        assert_eq!(cuts("A report on the\nUnited Nations."), [false, false]);
    }

    #[test]
    fn wrapped_wire_copy() {
        let t = "AA GAGE GETS SINGER DIVISION SUBCONTRACT\n\
New York-based Bastian Technologies\n\
Corp said it was awarded an initial subcontract of 2.2 mln dlrs by\n\
Singer Co's Kearfott Guidance and Navigation Division and the U.S. Air\n\
Force Adints program, which is worth about five mln dlrs a\n\
year.\n\
Shr 12 cts vs 15 cts\n\
Net 1.2 mln vs 1.5 mln\n\
Revs 20 mln vs 18 mln\n\
It said results would improve in the second half of the year.";
        assert_eq!(
            cuts(t),
            [
                true, false, false, false, false, true, true, true, true, false
            ]
        );
    }
}
