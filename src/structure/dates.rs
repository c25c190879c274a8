//! Calendar dates as publication lines write them, to ISO `YYYY-MM-DD`.
//!
//! Only full dates (day, month and year) count: a publication date without a year cannot be
//! placed. Scans bytes; every position it reports is an ASCII byte, so a char boundary.

use crate::types::ByteSpan;

/// The first full date in `s`: its byte span and ISO form.
///
/// Forms: `2022-04-19`, `2022/04/19`, `19/04/2022` and `04/19/2022` (when the day is > 12 or the
/// separator is a dot, which is day-first), `April 19, 2022`, `Apr. 19 2022`, `Sept 5, 2017`,
/// `19 April 2022`, `19th of April, 2022`.
pub(crate) fn find_date(s: &str) -> Option<(ByteSpan, String)> {
    let b = s.as_bytes();
    // every form has a four-digit year: most lines have none and are rejected here
    let mut run = 0;
    if !b.iter().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    }) {
        return None;
    }
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let at_word_start = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if at_word_start
            && c.is_ascii_alphanumeric()
            && let Some(found) = date_at(b, i)
        {
            return Some(found);
        }
        i += 1;
    }
    None
}

/// A date starting exactly at byte `i`.
fn date_at(b: &[u8], i: usize) -> Option<(ByteSpan, String)> {
    if b[i].is_ascii_digit() {
        numeric_date(b, i).or_else(|| day_month_year(b, i))
    } else {
        month_day_year(b, i)
    }
}

/// A run of `min..=max` ASCII digits at `i`, not followed by another digit.
fn digits(b: &[u8], i: usize, min: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while j < b.len() && b[j].is_ascii_digit() && j - i < max {
        v = v * 10 + u32::from(b[j] - b'0');
        j += 1;
    }
    let n = j - i;
    if n < min || n > max || (j < b.len() && b[j].is_ascii_digit()) {
        return None;
    }
    Some((v, j))
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1900..=2100).contains(&y) && d >= 1 && d <= days
}

fn iso(y: u32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2022-04-19`, `2022/04/19`, `19/04/2022`, `19.04.2022`, `04/19/2022`.
fn numeric_date(b: &[u8], i: usize) -> Option<(ByteSpan, String)> {
    let sep_at = |j: usize| {
        b.get(j)
            .copied()
            .filter(|c| matches!(c, b'-' | b'/' | b'.'))
    };
    if let Some((y, j)) = digits(b, i, 4, 4) {
        let sep = sep_at(j)?;
        let (m, k) = digits(b, j + 1, 1, 2)?;
        if b.get(k) != Some(&sep) {
            return None;
        }
        let (d, e) = digits(b, k + 1, 1, 2)?;
        return valid(y, m, d).then(|| (i..e, iso(y, m, d)));
    }
    let (a, j) = digits(b, i, 1, 2)?;
    let sep = sep_at(j)?;
    let (c, k) = digits(b, j + 1, 1, 2)?;
    if b.get(k) != Some(&sep) {
        return None;
    }
    let (y, e) = digits(b, k + 1, 4, 4)?;
    let (m, d) = if sep == b'.' || a > 12 {
        (c, a)
    } else if c > 12 {
        (a, c)
    } else {
        return None; // 04/05/2022: day-first or month-first is unknowable
    };
    valid(y, m, d).then(|| (i..e, iso(y, m, d)))
}

const MONTHS: [(&str, u32); 25] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("febr", 2),
];

/// A month name at `i` (full or abbreviated, optional dot): month number and end.
pub(crate) fn month_at(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    let word = &b[i..j];
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    let m = MONTHS
        .iter()
        .find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(word))?
        .1;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    Some((m, j))
}

fn spaces(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    i
}

/// After a day number: an optional ordinal suffix (`19th`).
fn ordinal_suffix(b: &[u8], i: usize) -> usize {
    let two = b.get(i..i + 2).map(|s| s.to_ascii_lowercase());
    match two.as_deref() {
        Some(b"st" | b"nd" | b"rd" | b"th")
            if b.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric()) =>
        {
            i + 2
        }
        _ => i,
    }
}

/// `April 19, 2022`, `Apr. 19 2022`, `Sept 5, 2017`.
fn month_day_year(b: &[u8], i: usize) -> Option<(ByteSpan, String)> {
    let (m, j) = month_at(b, i)?;
    let k = spaces(b, j);
    if k == j {
        return None;
    }
    let (d, k) = digits(b, k, 1, 2)?;
    let mut k = ordinal_suffix(b, k);
    if b.get(k) == Some(&b',') {
        k += 1;
    }
    let l = spaces(b, k);
    if l == k {
        return None;
    }
    let (y, e) = digits(b, l, 4, 4)?;
    valid(y, m, d).then(|| (i..e, iso(y, m, d)))
}

/// `19 April 2022`, `19th of April, 2022`.
fn day_month_year(b: &[u8], i: usize) -> Option<(ByteSpan, String)> {
    let (d, j) = digits(b, i, 1, 2)?;
    let j = ordinal_suffix(b, j);
    let mut k = spaces(b, j);
    if k == j {
        return None;
    }
    if b.get(k..k + 3)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"of "))
    {
        k = spaces(b, k + 3);
    }
    let (m, mut l) = month_at(b, k)?;
    if b.get(l) == Some(&b',') {
        l += 1;
    }
    let n = spaces(b, l);
    if n == l {
        return None;
    }
    let (y, e) = digits(b, n, 4, 4)?;
    valid(y, m, d).then(|| (i..e, iso(y, m, d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        find_date(s).map(|(_, iso)| iso)
    }

    #[test]
    fn forms() {
        assert_eq!(
            d("Published: 10:00, April 19, 2022 | Updated"),
            Some("2022-04-19".into())
        );
        assert_eq!(d(" date 2022-04-19 Syria"), Some("2022-04-19".into()));
        assert_eq!(d("Tue 19 Apr 2022 10.00 BST"), Some("2022-04-19".into()));
        assert_eq!(d("Sept 5, 2017"), Some("2017-09-05".into()));
        assert_eq!(d("the 19th of April, 2022"), Some("2022-04-19".into()));
        assert_eq!(d("19.04.2022"), Some("2022-04-19".into()));
        assert_eq!(d("04/19/2022"), Some("2022-04-19".into()));
        assert_eq!(d("04/05/2022"), None);
        assert_eq!(d("Feb 30, 2022"), None);
        assert_eq!(d("March 3 - The"), None);
        assert_eq!(d("in 2017 and May 2018"), None);
        assert_eq!(d("12345-04-19"), None);
    }

    #[test]
    fn span_is_the_date() {
        let s = "Posted on 3 March 1987 by";
        let (span, _) = find_date(s).unwrap();
        assert_eq!(&s[span], "3 March 1987");
    }
}
