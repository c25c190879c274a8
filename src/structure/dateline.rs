//! Datelines: the place (and often date and agency) that opens a news story.
//!
//! `DAMASCUS – It's time ...`, `NEW YORK, March 3 - The ...`, `BEIRUT, Lebanon (AP) — ...`,
//! `LONDON (Reuters) - ...`, and `Damascus, SANA` alone on a line. The shape is what counts: a
//! short run of capitalized place words, optional region/date/agency parts, then a dash (or
//! the end of the line). A title-case place before a dash alone is not enough (too many
//! sentences open that way); it needs an upper-case place, a date or an agency.

use super::agencies;
use super::dates::{find_date, month_at};
use crate::types::ByteSpan;

/// A dateline at the start of a line; offsets relative to the line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dateline {
    /// The place as written (`DAMASCUS`, `NEW YORK`, `Damascus`).
    pub place: ByteSpan,
    /// End of the dateline, separator included (`DAMASCUS –`).
    pub end: usize,
    /// Where the story text starts (the line's length when the dateline is the whole line).
    pub rest: usize,
    /// The credited agency as written (`SANA`, `Reuters`, `INA`), relative to the line.
    pub agency: Option<ByteSpan>,
    /// A full date in the dateline (`(November 28, 2016)`), ISO.
    pub date: Option<String>,
}

/// Words that may join the capitalized words of a place name (`Rio de Janeiro`).
const CONNECTORS: &[&str] = &[
    "de", "del", "da", "das", "do", "dos", "di", "du", "la", "le", "el", "al", "of", "es", "sur",
    "am", "upon", "on",
];

const MAX_PLACE_WORDS: usize = 4;

/// Words after an upper-case name that make it a company, not a dateline (`IBM Corp said`).
pub(crate) const COMPANY_WORDS: &[&str] = &[
    "Corp",
    "Corporation",
    "Inc",
    "Co",
    "Cos",
    "Ltd",
    "Plc",
    "PLC",
    "Group",
    "Holdings",
    "Holding",
    "International",
    "Industries",
    "Bank",
    "Banks",
    "Systems",
    "Technologies",
    "Partners",
    "Capital",
    "Securities",
    "Investments",
    "Energy",
    "Resources",
    "Motors",
    "Airlines",
    "Communications",
    "Financial",
    "Fund",
    "Trust",
    "Services",
    "Products",
    "Stores",
    "Brands",
    "Pharmaceuticals",
    "Labs",
    "Laboratories",
    "Electric",
    "Oil",
    "Gas",
    "Petroleum",
    "Mining",
    "Steel",
    "Chemical",
    "Chemicals",
    "Foods",
    "Life",
    "Insurance",
    "Media",
    "Networks",
    "Software",
    "Computer",
    "Computers",
    "Electronics",
    "Enterprises",
    "Associates",
    "Company",
    "Companies",
    "Inc's",
    "Corp's",
    "SA",
    "AG",
    "NV",
    "SpA",
    "GmbH",
    "Ltd's",
    "officials",
    "shares",
    "said",
];

fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "–" | "—" | "--" | "---" | "―")
}

/// Tokens of a line split at single spaces: (start, end).
///
/// En and em dashes are tokens of their own even when glued (`DAMASCUS–The`), and so is a
/// hyphen glued to an agency (`Damascus, SANA-The ministry`).
fn tokens(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let w = &line[s..e];
        match w.find('-') {
            Some(p)
                if p > 0
                    && (agencies::whole(&w[..p]).is_some() || acronym(&w[..p]))
                    && w[p + 1..].chars().next().is_some_and(char::is_uppercase) =>
            {
                out.extend([(s, s + p), (s + p, s + p + 1), (s + p + 1, e)]);
            }
            _ => out.push((s, e)),
        }
    };
    for (i, c) in line.char_indices() {
        if c == ' ' || c == '–' || c == '—' {
            if let Some(s) = start.take() {
                push(&mut out, s, i);
            }
            if c != ' ' {
                out.push((i, i + c.len_utf8()));
            }
            if out.len() > 16 {
                return out;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(&mut out, s, line.len());
    }
    out
}

fn place_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

fn acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_uppercase())
}

/// `March 3`, `Oct. 16`, `3 March`, optionally followed by a year: (end index in tokens).
fn date_piece(line: &str, toks: &[(usize, usize)], k: usize) -> Option<usize> {
    let b = line.as_bytes();
    let word = |i: usize| toks.get(i).map(|&(s, e)| &line[s..e]);
    let strip = |w: &str| w.trim_end_matches([',', ':', '.']).to_string();
    let is_day = |w: &str| {
        let w = strip(w);
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !w.is_empty() && w.len() <= 2 && w.bytes().all(|c| c.is_ascii_digit())
    };
    let is_month = |i: usize| {
        toks.get(i).is_some_and(|&(s, e)| {
            month_at(b, s)
                .is_some_and(|(_, end)| end == e || (end < e && matches!(b[end], b',' | b':')))
        })
    };
    let month_day = is_month(k) && word(k + 1).is_some_and(is_day);
    let day_month = word(k).is_some_and(is_day) && is_month(k + 1);
    if !(month_day || day_month) {
        return None;
    }
    let mut j = k + 2;
    if word(j).is_some_and(|w| {
        let w = strip(w);
        w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit())
    }) {
        j += 1;
    }
    Some(j)
}

/// The agency first, then the place: `AFP, Beirut` alone on a line, or `Reuters, Dubai –`.
fn agency_first(line: &str) -> Option<Dateline> {
    let (head, tail) = line.split_once(", ")?;
    if head.len() > 30
        || agencies::whole(head).is_none()
        || !head.starts_with(|c: char| c.is_alphabetic())
    {
        return None;
    }
    let start = head.len() + 2;
    // the place: 1-3 capitalized words up to the end of the line or a dash
    let place_len = [" – ", " — ", " - ", " -- "]
        .iter()
        .filter_map(|sep| tail.find(sep))
        .min()
        .unwrap_or(tail.len());
    let place_text = &tail[..place_len];
    let words: Vec<&str> = place_text.split(' ').collect();
    if !(1..=3).contains(&words.len()) || !words.iter().all(|w| place_word(w.trim_end_matches('.')))
    {
        return None;
    }
    let after_sep = tail[place_len..]
        .trim_start_matches(' ')
        .trim_start_matches(['–', '—', '-']);
    let body = after_sep.trim_start_matches(' ');
    if !body.is_empty() && body.split(' ').count() < 3 {
        return None;
    }
    Some(Dateline {
        place: start..start + place_len,
        end: if body.is_empty() {
            line.len()
        } else {
            line.len() - after_sep.len()
        },
        rest: line.len() - body.len(),
        agency: Some(0..head.len()),
        date: None,
    })
}

/// The dateline that opens `line`, if any.
///
/// `lost_dash`: also accept an upper-case place directly followed by the story
/// (`WASHINGTON Barack Obama ...`), as scraped web text sometimes has it. Not for newswires,
/// which keep their dash and open many lines with upper-case company names (`AMAX Inc said`).
pub(crate) fn parse(line: &str, lost_dash: bool) -> Option<Dateline> {
    if let Some(d) = agency_first(line) {
        return Some(d);
    }
    let toks = tokens(line);
    let word = |i: usize| toks.get(i).map(|&(s, e)| &line[s..e]);
    let mut k = 0;
    let mut place_end = 0;
    let mut closed = false; // the place ended with a comma or colon
    while k < toks.len() && k < MAX_PLACE_WORDS + 1 {
        let w = word(k)?;
        if k > 0 && (is_dash(w) || w.starts_with('(')) {
            break;
        }
        let bare = w.trim_end_matches([',', ':']);
        let all_caps = |x: &str| !x.chars().any(char::is_lowercase);
        if k > 0 && all_caps(word(0)?) && !all_caps(bare) {
            break; // `WASHINGTON Barack Obama ...`: an upper-case place ends at mixed case
        }
        let ok = if k == 0 {
            place_word(bare)
        } else {
            place_word(bare) || CONNECTORS.contains(&bare)
        };
        if !ok {
            return None;
        }
        place_end = toks[k].0 + bare.len();
        k += 1;
        if w.ends_with(':') {
            break; // `BEIRUT: Air strikes ...`: the colon is the separator
        }
        if bare.len() != w.len() {
            closed = true;
            break;
        }
    }
    if k == 0 || k > MAX_PLACE_WORDS {
        return None;
    }
    let k_place = k;
    let place = 0..place_end;
    let place_text = &line[place.clone()];
    let letters = place_text.chars().filter(|c| c.is_alphabetic()).count();
    let caps = letters >= 3 && !place_text.chars().any(char::is_lowercase);

    let mut agency = None;
    let mut has_date = false;
    let mut full_date = None;
    let mut end = place_end;
    // Up to two comma-separated parts: a region, a date or an agency.
    let mut parts = 0;
    while closed && parts < 2 && k < toks.len() {
        closed = false;
        parts += 1;
        if let Some(j) = date_piece(line, &toks, k) {
            has_date = true;
            end = toks[j - 1].1;
            closed = line[..end].ends_with(',');
            k = j;
            continue;
        }
        // Agency or region: words up to a comma, a parenthesis, a dash or the end.
        let from = k;
        while k < toks.len() && k - from < 3 {
            let w = word(k)?;
            if is_dash(w) || w.starts_with('(') {
                break;
            }
            let bare = w.trim_end_matches([',', ':', '.', '-', '–', '—']);
            let story_word = matches!(bare, "A" | "An" | "The" | "I" | "In" | "On" | "At");
            if story_word || !(place_word(bare) || acronym(bare)) {
                if k > from {
                    break; // `AUSTIN, Texas A white ...`: the story starts (no dash)
                }
                return None;
            }
            k += 1;
            if bare.len() != w.len() {
                closed = w.ends_with(',');
                break;
            }
        }
        if k == from {
            break;
        }
        // the region ends before its comma or dash, after its abbreviation dot (`Mo.`)
        let last = &line[toks[k - 1].0..toks[k - 1].1];
        end = toks[k - 1].0 + last.trim_end_matches([',', ':', '-', '–', '—']).len();
        let piece = &line[toks[from].0..end];
        if agencies::whole(piece).is_some() || (k - from == 1 && acronym(piece)) {
            agency = Some(toks[from].0..end);
        }
    }
    // An agency between slashes ends the dateline: `MOSCOW, April 19. /TASS/. Russia ...`.
    if let Some(w) = word(k).filter(|w| w.starts_with('/')) {
        let inner = w.trim_matches(['/', '.']);
        if !(agencies::whole(inner).is_some() || acronym(inner)) || !w[1..].contains('/') {
            return None;
        }
        let at = toks[k].0 + w.find(inner).unwrap_or(0);
        let rest = toks.get(k + 1).map_or(line.len(), |t| t.0);
        return (caps && toks.len() > k + 3).then_some(Dateline {
            place,
            end: toks[k].1,
            rest,
            agency: Some(at..at + inner.len()),
            date: None,
        });
    }
    // An agency in parentheses: `LONDON (Reuters) -`.
    if let Some(w) = word(k)
        && w.starts_with('(')
    {
        let open = toks[k].0;
        let close = line[open..].find(')').map(|p| open + p)?;
        if close - open > 40 {
            return None;
        }
        let inner = &line[open + 1..close];
        if !inner.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        // an agency or outlet (`(Reuters)`, `(WBKO)`) or a date (`(November 28, 2016)`)
        if agencies::mentions(inner).next().is_some() || acronym(inner) {
            agency = Some(open + 1..close);
        } else if let Some((_, iso)) = find_date(inner) {
            has_date = true;
            full_date = Some(iso);
        } else {
            return None;
        }
        end = close + 1;
        while k < toks.len() && toks[k].0 < end {
            k += 1;
        }
    }
    // The separator, or the end of the line.
    let tail = &line[end..];
    let trimmed = tail.trim_start_matches(' ');
    let sep_len = ["---", "--", "—", "–", "―", "-", ":"]
        .iter()
        .find(|s| trimmed.starts_with(**s))
        .map(|s| s.len());
    let (end, rest) = match sep_len {
        Some(n) => {
            let sep_end = line.len() - trimmed.len() + n;
            let after = &line[sep_end..];
            let body = after.trim_start_matches(' ');
            if body.is_empty() {
                (sep_end, line.len())
            } else if after.len() == body.len() && n == 1 && agency.is_none() {
                return None; // `U.S.-Japan`: a hyphen inside a word, not a separator
            } else {
                (sep_end, line.len() - body.len())
            }
        }
        None if trimmed.is_empty() => (end, line.len()),
        // `WASHINGTON Barack Obama pardoned ...`: the dash lost in scraping; only an
        // upper-case place (or one with its agency) directly before a capitalized word
        None if lost_dash
            && (caps && letters >= 4 || agency.is_some())
            && tail.starts_with(' ') =>
        {
            let next = trimmed.split(' ').next().unwrap_or("");
            let capitalized = next.chars().next().is_some_and(char::is_uppercase)
                && (next.len() == 1 || next.chars().skip(1).any(char::is_lowercase));
            if !capitalized || COMPANY_WORDS.contains(&next.trim_end_matches([',', '.'])) {
                return None;
            }
            (end, line.len() - trimmed.len())
        }
        None => return None,
    };
    let standalone = rest == line.len();
    let accepted = if standalone {
        // `Damascus, SANA`: a short place and its agency, nothing else
        (agency.is_some() || (caps && has_date)) && k_place <= 3 && toks.len() <= 6
    } else {
        let body = &line[rest..];
        let (up, all) = body
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(24)
            .fold((0, 0), |(u, a), c| {
                (u + usize::from(c.is_uppercase()), a + 1)
            });
        let body_caps = up * 10 >= all * 8;
        let story_words = body.split(' ').filter(|w| !w.is_empty()).count();
        let opens_story = body
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
        (caps || agency.is_some() || has_date) && !body_caps && opens_story && story_words >= 3
    };
    accepted.then_some(Dateline {
        place,
        end,
        rest,
        agency,
        date: full_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: &str) -> Option<(String, String, String)> {
        parse(line, true).map(|d| {
            (
                line[d.place].to_string(),
                line[..d.end].to_string(),
                line[d.rest..].to_string(),
            )
        })
    }

    #[test]
    fn upper_case_place_and_dash() {
        assert_eq!(
            p("DAMASCUS – It's time to expose"),
            Some((
                "DAMASCUS".into(),
                "DAMASCUS –".into(),
                "It's time to expose".into()
            ))
        );
        assert_eq!(
            p("NEW YORK, March 3 - The dollar rose"),
            Some((
                "NEW YORK".into(),
                "NEW YORK, March 3 -".into(),
                "The dollar rose".into()
            ))
        );
    }

    #[test]
    fn agency_forms() {
        let ag = |l: &str| {
            parse(l, true)
                .and_then(|d| d.agency)
                .map(|a| l[a].to_string())
        };
        assert_eq!(
            ag("LONDON (Reuters) - Shares fell sharply").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            ag("BEIRUT, Lebanon (AP) — Syrian troops moved in").as_deref(),
            Some("AP")
        );
        assert_eq!(ag("Damascus, SANA").as_deref(), Some("SANA"));
        assert_eq!(ag("Baghdad, INA").as_deref(), Some("INA"));
        let d = parse("Damascus, SANA", true).unwrap();
        assert_eq!(d.rest, "Damascus, SANA".len());
        assert_eq!(
            p("Damascus, SANA – The ministry said"),
            Some((
                "Damascus".into(),
                "Damascus, SANA –".into(),
                "The ministry said".into()
            ))
        );
    }

    #[test]
    fn lost_dash_and_outlets() {
        assert_eq!(
            p("WASHINGTON Barack Obama pardoned his last turkey"),
            Some((
                "WASHINGTON".into(),
                "WASHINGTON".into(),
                "Barack Obama pardoned his last turkey".into()
            ))
        );
        assert_eq!(
            p("COLUMBIA, Ky. (WBKO) - A county man is arrested").map(|d| d.0),
            Some("COLUMBIA".into())
        );
        assert_eq!(
            p("Edmonton, Ky. (November 28, 2016) – Police received a call").map(|d| d.0),
            Some("Edmonton".into())
        );
        assert_eq!(
            p("BEIJING --At least two people died").map(|d| d.0),
            Some("BEIJING".into())
        );
        assert_eq!(p("IBM Corp said it would buy the firm"), None);
        assert_eq!(
            p("PARIS, Mo. — In 1999, the family moved").map(|d| d.1),
            Some("PARIS, Mo. —".into())
        );
        assert_eq!(
            p("AUSTIN, Texas A white nationalist leader").map(|d| d.1),
            Some("AUSTIN, Texas".into())
        );
        assert_eq!(p("Damascus, Syria's capital, is calm today"), None);
        assert_eq!(p("HEAVY SNOWS HIT GREECE, ITALY"), None);
        assert_eq!(
            p("BEIRUT: Air strikes killed 20 people").map(|d| d.1),
            Some("BEIRUT:".into())
        );
        assert_eq!(p("Syria: the war goes on and on"), None);
        assert_eq!(
            p("AFP, Beirut"),
            Some(("Beirut".into(), "AFP, Beirut".into(), "".into()))
        );
        assert_eq!(
            p("Reuters, Dubai – Oil prices rose on Monday"),
            Some((
                "Dubai".into(),
                "Reuters, Dubai –".into(),
                "Oil prices rose on Monday".into()
            ))
        );
        assert_eq!(p("Reuters, the news agency, said"), None);
        assert_eq!(
            p("Damascus, SANA-The Foreign Ministry said"),
            Some((
                "Damascus".into(),
                "Damascus, SANA-".into(),
                "The Foreign Ministry said".into()
            ))
        );
        assert_eq!(
            p("DAMASCUS–The ministry said on Monday"),
            Some((
                "DAMASCUS".into(),
                "DAMASCUS–".into(),
                "The ministry said on Monday".into()
            ))
        );
        assert_eq!(
            p("MOSCOW, April 19. /TASS/. Russia has called for a probe"),
            Some((
                "MOSCOW".into(),
                "MOSCOW, April 19. /TASS/.".into(),
                "Russia has called for a probe".into()
            ))
        );
        assert_eq!(
            p("Moscow, April 19 (SANA) – Russia called for a probe").map(|d| d.1),
            Some("Moscow, April 19 (SANA) –".into())
        );
        assert_eq!(parse("AMAX Incx said it has identified", false), None);
        assert_eq!(p("AN Edmonton man who carried out"), None);
        assert_eq!(p("GREEN fingered youngsters from a school"), None);
        assert_eq!(p("The Commodity Credit Corporation (CCC) said it"), None);
    }

    #[test]
    fn not_datelines() {
        assert_eq!(p("Damascus – the capital – said"), None);
        assert_eq!(p("Prime Minister Margaret Thatcher said"), None);
        assert_eq!(p("U.K. GROWING IMPATIENT WITH JAPAN - THATCHER"), None);
        assert_eq!(p("The Syrian Foreign Ministry has called"), None);
        assert_eq!(p("Trump - who said"), None);
        assert_eq!(p("U.S.-Japan talks - The"), None);
        assert_eq!(p("Washington"), None);
    }
}
