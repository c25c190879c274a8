//! News agencies: the wire services and state agencies that articles credit.
//!
//! A generic list of agencies (not of this corpus's phrases), matched case-sensitively as whole
//! words, each written form mapped to one canonical name.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// (written form, canonical name). Case-sensitive: `AP` is the agency, `ap` is not.
const FORMS: &[(&str, &str)] = &[
    ("Associated Press", "AP"),
    ("ASSOCIATED PRESS", "AP"),
    ("AFP", "AFP"),
    ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"),
    ("Reuters", "Reuters"),
    ("REUTERS", "Reuters"),
    ("Reuter", "Reuters"),
    ("REUTER", "Reuters"),
    ("UPI", "UPI"),
    ("United Press International", "UPI"),
    ("dpa", "dpa"),
    ("DPA", "dpa"),
    ("ANSA", "ANSA"),
    ("EFE", "EFE"),
    ("Xinhua", "Xinhua"),
    ("XINHUA", "Xinhua"),
    ("TASS", "TASS"),
    ("Tass", "TASS"),
    ("RIA Novosti", "RIA Novosti"),
    ("Interfax", "Interfax"),
    ("Anadolu Agency", "Anadolu"),
    ("Anadolu", "Anadolu"),
    ("IRNA", "IRNA"),
    ("SANA", "SANA"),
    ("Kyodo", "Kyodo"),
    ("KYODO", "Kyodo"),
    ("Yonhap", "Yonhap"),
    ("YONHAP", "Yonhap"),
    ("PTI", "PTI"),
    ("IANS", "IANS"),
    ("KUNA", "KUNA"),
    ("WAM", "WAM"),
    ("MENA", "MENA"),
    ("QNA", "QNA"),
    ("Bernama", "Bernama"),
    ("BERNAMA", "Bernama"),
    ("Antara", "Antara"),
    ("ANTARA", "Antara"),
    ("Sputnik", "Sputnik"),
    ("Tasnim", "Tasnim"),
    ("EPA", "EPA"),
    ("Getty Images", "Getty Images"),
    ("NNA", "NNA"),
    ("Petra", "Petra"),
    ("Saudi Press Agency", "SPA"),
    ("Press Association", "PA"),
    ("Europa Press", "Europa Press"),
    ("Kyodo News", "Kyodo"),
];

static AC: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(FORMS.iter().map(|(f, _)| f))
        .expect("static agency patterns build")
});

/// Names that are also something else (`EPA`, the US Environmental Protection Agency; `MENA`,
/// the region): credited only in datelines, bylines, captions and credit lines, never from
/// body context.
pub(crate) const AMBIGUOUS: &[&str] = &["EPA", "PA", "Petra", "MENA", "WAM", "Sputnik", "Antara"];

/// `AP` alone (a single-pattern automaton searches with a fast substring finder).
static AP: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(["AP"]).expect("static pattern builds"));

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c >= 0x80
}

/// Every whole-word agency mention in `s`: (byte span, canonical name).
///
/// `AP`, the one two-letter name, is searched on its own: with it in the automaton the
/// prefilter could only use two-byte fingerprints and would stop at every `Re`, `An`, `Pe`.
pub(crate) fn mentions(s: &str) -> impl Iterator<Item = (usize, usize, &'static str)> + '_ {
    let b = s.as_bytes();
    let whole_word = move |st: usize, en: usize| {
        // "Reuters'" and "AP's" are fine; "APs" and "SANAA" are not words of the list
        (st == 0 || !is_word_byte(b[st - 1])) && (en == b.len() || !is_word_byte(b[en]))
    };
    let mut named: Vec<(usize, usize, &'static str)> = AC
        .find_iter(s)
        .filter(|m| whole_word(m.start(), m.end()))
        .map(|m| (m.start(), m.end(), FORMS[m.pattern().as_usize()].1))
        .collect();
    let ap = AP
        .find_iter(s)
        .map(|m| (m.start(), m.end(), "AP"))
        .filter(|&(st, en, _)| whole_word(st, en));
    let before = named.len();
    named.extend(ap);
    if named.len() != before {
        named.sort_unstable_by_key(|m| m.0);
    }
    named.into_iter()
}

/// The canonical agency if `s` (trimmed of punctuation) is exactly one agency name.
pub(crate) fn whole(s: &str) -> Option<&'static str> {
    let t = s.trim_matches(|c: char| !c.is_alphanumeric());
    if t == "AP" {
        return Some("AP");
    }
    if t.len() < 3 || t.len() > 30 {
        return None;
    }
    let m = AC.find(t)?;
    (m.start() == 0 && m.end() == t.len()).then(|| FORMS[m.pattern().as_usize()].1)
}

/// Whether a mention at `st..en` of a body text is a credit rather than a passing mention:
/// inside parentheses, after "according to", "told", "via", "/", or before "reported",
/// "said", "news agency", "reporting", "quoted".
pub(crate) fn credited_in_context(text: &str, st: usize, en: usize) -> bool {
    let before = text[..st].trim_end_matches(' ');
    let after = text[en..].trim_start_matches(' ');
    let lower_ends = |s: &str, w: &str| {
        s.len() >= w.len()
            && s.is_char_boundary(s.len() - w.len())
            && s[s.len() - w.len()..].eq_ignore_ascii_case(w)
    };
    let lower_starts = |s: &str, w: &str| {
        s.len() >= w.len() && s.is_char_boundary(w.len()) && s[..w.len()].eq_ignore_ascii_case(w)
    };
    if before.ends_with(['(', '/', '[']) || after.starts_with(')') {
        return true;
    }
    let before_cues = ["according to", "told", "via", "told the", "by"];
    if before_cues.iter().any(|w| {
        lower_ends(before, w)
            && before[..before.len() - w.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    }) {
        return true;
    }
    let after_cues = [
        "reported",
        "reports",
        "said",
        "says",
        "news agency",
        "reporting",
        "quoted",
        "cited",
        "correspondent",
        "photo",
        "-",
        "–",
        "—",
    ];
    after_cues.iter().any(|w| lower_starts(after, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let s = "APPLE and AP, Reuters' and SANAA";
        let names: Vec<_> = mentions(s).map(|m| m.2).collect();
        assert_eq!(names, vec!["AP", "Reuters"]);
    }

    #[test]
    fn whole_line() {
        assert_eq!(whole(" REUTER"), Some("Reuters"));
        assert_eq!(whole("Reuters."), Some("Reuters"));
        assert_eq!(whole("Reuters said"), None);
    }

    #[test]
    fn credit_context() {
        let t = "Syria reserves its right, according to SANA.";
        let (s, e, _) = mentions(t).next().unwrap();
        assert!(credited_in_context(t, s, e));
        let t = "Reuters Holdings Plc sold shares.";
        let (s, e, _) = mentions(t).next().unwrap();
        assert!(!credited_in_context(t, s, e));
    }
}
