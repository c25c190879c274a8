//! Currencies and units named without a figure: "the dollar fell against the yen", "convert it to
//! Fahrenheit", "$300 per tonne". They are rows of kind `unit` (value null, `unit` the code the
//! figures use: `USD`, `JPY`, `C`, `t`), so an analyst can ask which currencies a report is about
//! without them ever counting as quantities. Recognizers-Text extracts them the same way.
//!
//! Only names that are rarely anything else are taken alone: not `pound` (a weight, a verb),
//! `won`, `rand`, `feet`, `miles`, `tons of`. `pound`, `won` and `rand` count only after a country
//! adjective (`the British pound`, `the South Korean won`). The words come from the tagger's
//! tokens and lexicon (which knows every currency and unit with its code) once the figures are
//! known, so a unit inside a figure (`50 dollars`, `100 degrees Celsius`) is never reported twice
//! and the search costs one table look-up a word.

use super::lex::{self, Lex, TK, Tok};
use crate::types::{NumberKind, NumberMention};

/// What a unit word taken alone is, for the case and context rules.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Class {
    /// In lower case, all capitals, or capitalized at a sentence start (`Dollar falls`).
    Currency,
    /// Temperature scales: any case (`degrees Celsius` is written capitalized).
    Temperature,
    /// Names of metric units, lower case only.
    Measure,
}

/// The currencies and units taken without a country adjective. Their code is the lexicon's
/// (`dollar` USD, `tonne` t). Left out: `pound`, `won`, `rand` (only after an adjective),
/// abbreviations (`stg`, `usd`, `kg`, `mcg`), `kelvin` (mostly a name), and units that are also
/// common words (`feet`, `miles`, `tons`, `degrees`, `meter`).
const ALONE: &[(&str, Class)] = &[
    ("dollar", Class::Currency),
    ("dollars", Class::Currency),
    ("euro", Class::Currency),
    ("euros", Class::Currency),
    ("sterling", Class::Currency),
    ("yen", Class::Currency),
    ("yuan", Class::Currency),
    ("renminbi", Class::Currency),
    ("rupee", Class::Currency),
    ("rupees", Class::Currency),
    ("rouble", Class::Currency),
    ("roubles", Class::Currency),
    ("ruble", Class::Currency),
    ("rubles", Class::Currency),
    ("peso", Class::Currency),
    ("pesos", Class::Currency),
    ("franc", Class::Currency),
    ("francs", Class::Currency),
    ("dinar", Class::Currency),
    ("dinars", Class::Currency),
    ("riyal", Class::Currency),
    ("riyals", Class::Currency),
    ("dirham", Class::Currency),
    ("dirhams", Class::Currency),
    ("shekel", Class::Currency),
    ("shekels", Class::Currency),
    ("lira", Class::Currency),
    ("naira", Class::Currency),
    ("ringgit", Class::Currency),
    ("baht", Class::Currency),
    ("rupiah", Class::Currency),
    ("zloty", Class::Currency),
    ("forint", Class::Currency),
    ("hryvnia", Class::Currency),
    ("celsius", Class::Temperature),
    ("centigrade", Class::Temperature),
    ("fahrenheit", Class::Temperature),
    ("gram", Class::Measure),
    ("grams", Class::Measure),
    ("gramme", Class::Measure),
    ("grammes", Class::Measure),
    ("kilogram", Class::Measure),
    ("kilograms", Class::Measure),
    ("kilogramme", Class::Measure),
    ("kilogrammes", Class::Measure),
    ("milligram", Class::Measure),
    ("milligrams", Class::Measure),
    ("microgram", Class::Measure),
    ("micrograms", Class::Measure),
    ("microgrammes", Class::Measure),
    ("tonne", Class::Measure),
    ("tonnes", Class::Measure),
    ("kilometre", Class::Measure),
    ("kilometres", Class::Measure),
    ("kilometer", Class::Measure),
    ("kilometers", Class::Measure),
    ("centimetre", Class::Measure),
    ("centimetres", Class::Measure),
    ("millimetre", Class::Measure),
    ("millimetres", Class::Measure),
    ("metre", Class::Measure),
    ("metres", Class::Measure),
    ("hectare", Class::Measure),
    ("hectares", Class::Measure),
    ("litre", Class::Measure),
    ("litres", Class::Measure),
    ("liter", Class::Measure),
    ("liters", Class::Measure),
    ("millilitre", Class::Measure),
    ("millilitres", Class::Measure),
    ("megawatt", Class::Measure),
    ("megawatts", Class::Measure),
    ("gigawatts", Class::Measure),
];

/// Country adjectives that name a currency with the word after them, and the code they give
/// (`the Australian dollar` is AUD, not the USD a bare `dollar` gets), grouped by the word
/// (one comparison a group, not one an adjective).
const ADJECTIVES: &[(&str, &[(&str, &str)])] = &[
    (
        "dollar",
        &[
            ("US", "USD"),
            ("U.S.", "USD"),
            ("American", "USD"),
            ("Australian", "AUD"),
            ("Canadian", "CAD"),
            ("Hong Kong", "HKD"),
            ("New Zealand", "NZD"),
            ("N.Z.", "NZD"),
            ("Singapore", "SGD"),
            ("Taiwan", "TWD"),
            ("Zimbabwe", "ZWD"),
            ("Zimbabwean", "ZWD"),
            ("Australia", "AUD"),
            ("Aust", "AUD"),
            ("Canada", "CAD"),
            ("HK", "HKD"),
            ("NZ", "NZD"),
            ("Malaysian", "MYR"),
            ("Brunei", "BND"),
            ("Jamaican", "JMD"),
            ("Namibian", "NAD"),
            ("Fijian", "FJD"),
            ("Liberian", "LRD"),
        ],
    ),
    (
        "peso",
        &[
            ("Mexican", "MXN"),
            ("Philippine", "PHP"),
            ("Argentine", "ARS"),
            ("Chilean", "CLP"),
            ("Colombian", "COP"),
            ("Uruguayan", "UYU"),
            ("Cuban", "CUP"),
            ("Dominican", "DOP"),
        ],
    ),
    (
        "rupee",
        &[
            ("Indian", "INR"),
            ("Pakistani", "PKR"),
            ("Sri Lankan", "LKR"),
            ("Nepalese", "NPR"),
        ],
    ),
    (
        "franc",
        &[
            ("Swiss", "CHF"),
            ("French", "FRF"),
            ("Belgian", "BEF"),
            ("Luxembourg", "LUF"),
            ("CFA", "XOF"),
        ],
    ),
    (
        "mark",
        &[
            ("German", "DEM"),
            ("West German", "DEM"),
            ("Finnish", "FIM"),
        ],
    ),
    ("guilder", &[("Dutch", "NLG")]),
    ("schilling", &[("Austrian", "ATS")]),
    ("peseta", &[("Spanish", "ESP")]),
    ("escudo", &[("Portuguese", "PTE")]),
    ("drachma", &[("Greek", "GRD")]),
    ("punt", &[("Irish", "IEP")]),
    (
        "pound",
        &[
            ("Irish", "IEP"),
            ("British", "GBP"),
            ("Egyptian", "EGP"),
            ("Lebanese", "LBP"),
            ("Syrian", "SYP"),
            ("Sudanese", "SDG"),
        ],
    ),
    (
        "crown",
        &[
            ("Danish", "DKK"),
            ("Norwegian", "NOK"),
            ("Swedish", "SEK"),
            ("Czech", "CZK"),
        ],
    ),
    ("krone", &[("Danish", "DKK"), ("Norwegian", "NOK")]),
    ("krona", &[("Swedish", "SEK"), ("Icelandic", "ISK")]),
    ("rouble", &[("Russian", "RUB")]),
    ("ruble", &[("Russian", "RUB")]),
    ("yen", &[("Japanese", "JPY")]),
    ("yuan", &[("Chinese", "CNY")]),
    (
        "dinar",
        &[
            ("Iraqi", "IQD"),
            ("Kuwaiti", "KWD"),
            ("Jordanian", "JOD"),
            ("Bahraini", "BHD"),
            ("Libyan", "LYD"),
            ("Tunisian", "TND"),
            ("Algerian", "DZD"),
        ],
    ),
    (
        "riyal",
        &[
            ("Saudi", "SAR"),
            ("Qatari", "QAR"),
            ("Omani", "OMR"),
            ("Yemeni", "YER"),
        ],
    ),
    ("shekel", &[("Israeli", "ILS")]),
    (
        "lira",
        &[("Turkish", "TRY"), ("Italian", "ITL"), ("Maltese", "MTL")],
    ),
    ("won", &[("Korean", "KRW"), ("South Korean", "KRW")]),
    ("rand", &[("South African", "ZAR")]),
    (
        "shilling",
        &[
            ("Kenyan", "KES"),
            ("Kenya", "KES"),
            ("Ugandan", "UGX"),
            ("Uganda", "UGX"),
            ("Tanzanian", "TZS"),
            ("Tanzania", "TZS"),
            ("Somali", "SOS"),
        ],
    ),
    (
        "rial",
        &[("Iranian", "IRR"), ("Omani", "OMR"), ("Yemeni", "YER")],
    ),
    (
        "dirham",
        &[("UAE", "AED"), ("Emirati", "AED"), ("Moroccan", "MAD")],
    ),
    // currencies of one country, named with it also in a name's capitals (`the Thai Baht`)
    ("baht", &[("Thai", "THB")]),
    ("rupiah", &[("Indonesian", "IDR")]),
    ("ringgit", &[("Malaysian", "MYR")]),
    ("naira", &[("Nigerian", "NGN")]),
    ("zloty", &[("Polish", "PLN")]),
    ("forint", &[("Hungarian", "HUF")]),
    ("hryvnia", &[("Ukrainian", "UAH")]),
    ("dong", &[("Vietnamese", "VND")]),
    ("kwacha", &[("Zambian", "ZMW"), ("Malawian", "MWK")]),
    ("cedi", &[("Ghanaian", "GHS")]),
    ("birr", &[("Ethiopian", "ETB")]),
    ("taka", &[("Bangladeshi", "BDT")]),
    ("kyat", &[("Burmese", "MMK"), ("Myanmar", "MMK")]),
    (
        "tenge",
        &[
            ("Kazakh", "KZT"),
            ("Kazakhstani", "KZT"),
            ("Kazakhstan", "KZT"),
        ],
    ),
];

/// Bare units among the tokens `toks` of `text`, outside the figures already `found` (sorted by
/// start, non-overlapping), as mentions of kind `unit`, in order of position. Only the tokens
/// listed in `starts` are read: every word of the lexicon is among them.
pub(super) fn bare_units(
    text: &str,
    toks: &[Tok],
    starts: &[u32],
    found: &[NumberMention],
) -> Vec<NumberMention> {
    let mut out: Vec<NumberMention> = Vec::new();
    let b = text.as_bytes();
    let mut next_figure = 0;
    let infos = lex::infos();
    for t in starts.iter().filter_map(|&k| toks.get(k as usize)) {
        if t.id == 0 {
            continue; // a number or a mark (half the figure starts): no table read
        }
        let (unit, currency) = match infos.get(usize::from(t.id)).and_then(|w| w.lex) {
            Some(Lex::Currency(c)) => (c, true),
            Some(Lex::Measure(u)) => (u, false),
            _ => continue,
        };
        let (s, e) = (t.start as usize, t.end as usize);
        let Some(written) = text.get(s..e) else {
            continue;
        };
        if t.kind != TK::Word || word_char_before(text, s) || word_char_after(text, e) {
            continue;
        }
        while found.get(next_figure).is_some_and(|f| f.span.end <= s) {
            next_figure += 1;
        }
        if found.get(next_figure).is_some_and(|f| f.span.start < e) {
            continue; // inside (or overlapping) a figure
        }
        let before = next_figure.checked_sub(1).and_then(|i| found.get(i));
        let figure_end = before.map_or(0, |f| f.span.end);
        // lowercased on the stack (a word of the table has at most 13 bytes), not in a String
        let mut low = [0u8; 16];
        let owned: String;
        let word: &str = match lowercase_in(written, &mut low) {
            Some(w) => w,
            None => {
                owned = written.to_ascii_lowercase();
                &owned
            }
        };
        // an adjective or `degrees` before may not reach into the previous unit or figure
        let floor = out.last().map_or(0, |u| u.span.end).max(figure_end);
        let adjective = currency
            .then(|| adjective_before(text, s, table_word(word)))
            .flatten()
            .filter(|&(a, _)| a >= floor);
        let alone = ALONE.iter().find(|a| a.0 == word).map(|a| a.1);
        let (start, unit) = match (adjective, alone) {
            (Some((a, code)), _) => {
                if word == "won" && won_is_the_verb(b, e) {
                    continue; // `a South Korean won the gold`
                }
                (a, code)
            }
            (None, None) => continue,
            (None, Some(Class::Currency)) => {
                let name_start = || {
                    capitalized(written)
                        && sentence_start(b, s)
                        && !name_after(b, e)
                        && !number_after(b, e)
                };
                if !(lower(written) || caps(written) || name_start())
                    || not_the_currency(b, word, s, e)
                {
                    continue;
                }
                // the lexicon's CHF and TRY are right for figures of today, not for the French
                // franc or the Italian lira of older copy: a generic name when no adjective says
                let code = match word {
                    "franc" | "francs" => "franc",
                    "lira" => "lira",
                    _ => unit,
                };
                (s, code)
            }
            (None, Some(Class::Temperature)) => {
                let degrees = degree_before(text, s).filter(|&d| d >= floor);
                if !lower(written) && degrees.is_none() && (number_after(b, e) || name_after(b, e))
                {
                    continue; // a title or a name: `Fahrenheit 9/11`, `Celsius Network`
                }
                (degrees.unwrap_or(s), unit)
            }
            (None, Some(Class::Measure)) => {
                if !lower(written)
                    || word.contains("watt")
                        && (next_word_is(b, e, b"hour") || next_word_is(b, e, b"hours"))
                {
                    continue; // `megawatt hours` is energy, a unit the lexicon does not know
                }
                (s, unit)
            }
        };
        if before.is_some_and(|f| belongs_to_figure(text, f, start))
            || an_amount(text, start, figure_end)
        {
            continue;
        }
        out.push(NumberMention {
            span: start..e,
            kind: NumberKind::Unit,
            value: None,
            lower: None,
            upper: None,
            iso: None,
            modifier: None,
            unit: Some(unit.to_string()),
            object: None,
            vague: false,
        });
    }
    out
}

/// `w.to_ascii_lowercase()` written into `buf`, when it fits.
fn lowercase_in<'b>(w: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let dst = buf.get_mut(..w.len())?;
    dst.copy_from_slice(w.as_bytes());
    let low = std::str::from_utf8_mut(dst).ok()?;
    low.make_ascii_lowercase();
    Some(low)
}

/// A letter or digit of any script touches `s` from the left.
fn word_char_before(text: &str, s: usize) -> bool {
    text.get(..s)
        .and_then(|h| h.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// A letter or digit of any script follows `e` (a hyphen or a quote may: `multibillion-dollar`).
fn word_char_after(text: &str, e: usize) -> bool {
    text.get(e..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_alphanumeric)
}

fn lower(w: &str) -> bool {
    !w.bytes().any(|c| c.is_ascii_uppercase())
}

fn caps(w: &str) -> bool {
    w.len() >= 3 && !w.bytes().any(|c| c.is_ascii_lowercase())
}

fn capitalized(w: &str) -> bool {
    w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && lower(&w[1..])
}

/// At a paragraph or sentence start: only spaces and an opening quote since `.`, `!`, `?`, a
/// line break or the text's start.
fn sentence_start(b: &[u8], s: usize) -> bool {
    let mut i = s;
    while i > 0 && matches!(b[i - 1], b' ' | b'"' | b'\'') {
        i -= 1;
    }
    i == 0 || matches!(b[i - 1], b'.' | b'!' | b'?' | b'\n')
}

/// The word before `s` (ASCII letters, after blanks), and where it starts.
fn word_before(text: &str, s: usize) -> (&str, usize) {
    let head = text.get(..s).unwrap_or_default().trim_end();
    let start = head
        .bytes()
        .rposition(|c| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    (&head[start..], start)
}

/// The unit right after a count without a unit, which the count did not take (`5.9 billion
/// cubic metres`, `tens of millions of dollars`, `one billion U.S. dollars`): part of that
/// figure, not a unit named alone. After a figure with its own unit it is named again (`50
/// dollar dollar`); after a date or a percentage it is a new subject (`On March 3 sterling fell`).
fn belongs_to_figure(text: &str, f: &NumberMention, start: usize) -> bool {
    if f.unit.is_some() || !matches!(f.kind, NumberKind::Cardinal | NumberKind::Fraction) {
        return false;
    }
    let Some(gap) = text.get(f.span.end.min(start)..start) else {
        return false;
    };
    let gap = gap.trim();
    gap.is_empty()
        || ["cubic", "square", "-", "of", "in"]
            .iter()
            .any(|w| gap.eq_ignore_ascii_case(w))
}

/// An amount with the unit, not the unit named: `a metre inside`, `several tonnes`, `a couple
/// of centimetres`, `a dollar`. A rate stays a unit: `300 dlrs a tonne`, `141 Ecus a tonne`
/// (a figure at most one word before the `a`).
fn an_amount(text: &str, start: usize, figure_end: usize) -> bool {
    let (w, at) = word_before(text, start);
    let w = w.to_ascii_lowercase();
    match w.as_str() {
        "a" | "an" => {
            let rate = figure_end > 0
                && text
                    .get(figure_end.min(at)..at)
                    .is_some_and(|gap| !gap.trim().contains(char::is_whitespace));
            !rate
        }
        "one" | "several" | "few" | "many" => true,
        "of" => word_before(text, at).0.eq_ignore_ascii_case("couple"),
        _ => false,
    }
}

/// One space or hyphen, then the word `w` (ASCII case-insensitive) as a whole word.
fn next_word_is(b: &[u8], e: usize, w: &[u8]) -> bool {
    let rest = b.get(e..).unwrap_or_default();
    rest.len() > w.len()
        && matches!(rest[0], b' ' | b'-')
        && rest[1..=w.len()].eq_ignore_ascii_case(w)
        && !rest.get(w.len() + 1).is_some_and(u8::is_ascii_alphanumeric)
}

/// A figure follows after one space: ` 9/11`, ` 2004`.
fn number_after(b: &[u8], e: usize) -> bool {
    b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_digit)
}

/// A capitalized word follows (`Dollar General`, `Celsius Network`): a name.
fn name_after(b: &[u8], e: usize) -> bool {
    b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_uppercase)
}

/// `won` followed by what a verb takes (`won the gold`, `won 6-4`, `won by`).
fn won_is_the_verb(b: &[u8], e: usize) -> bool {
    number_after(b, e)
        || [
            &b"the"[..],
            b"a",
            b"an",
            b"his",
            b"her",
            b"their",
            b"its",
            b"by",
            b"in",
            b"on",
            b"at",
            b"over",
        ]
        .iter()
        .any(|w| next_word_is(b, e, w))
}

/// Uses of a currency's name that are not the currency: the euro zone and the pre-1999
/// euro-markets (`euro-commercial paper`), `euro scepticism`, `a yen for`, `sterling silver`.
fn not_the_currency(b: &[u8], word: &str, s: usize, e: usize) -> bool {
    match word {
        "euro" => {
            b.get(e) == Some(&b'-')
                || [
                    &b"zone"[..],
                    b"area",
                    b"scepticism",
                    b"sceptics",
                    b"sceptic",
                ]
                .iter()
                .any(|w| next_word_is(b, e, w))
        }
        "yen" => {
            let before = b.get(..s).unwrap_or_default();
            (before.ends_with(b"a ") || before.ends_with(b"A "))
                && (next_word_is(b, e, b"for") || next_word_is(b, e, b"to"))
        }
        "sterling" => next_word_is(b, e, b"silver"),
        _ => false,
    }
}

/// The singular of a currency word as the adjective table writes it (`dlrs` and `dollars`
/// dollar, `lire` lira, `kronor` krona), lowercase input.
fn table_word(word: &str) -> &str {
    match word {
        "dlr" | "dlrs" | "dollars" => "dollar",
        "lire" | "liras" => "lira",
        "kronor" => "krona",
        "kroner" => "krone",
        "rupees" => "rupee",
        _ => word.strip_suffix('s').unwrap_or(word),
    }
}

/// The currency code a country adjective gives the currency word after a figure (`356 mln
/// Canadian dlrs` CAD, `50 Hong Kong dollars` HKD, `2 mln Danish crowns` DKK): `first` and
/// `second` are the adjective's words (`second` empty for a one-word adjective), any case.
pub(super) fn adjective_code(first: &str, second: &str, word: &str) -> Option<&'static str> {
    let mut low = [0u8; 16];
    let owned: String;
    let word = match lowercase_in(word, &mut low) {
        Some(w) => w,
        None => {
            owned = word.to_ascii_lowercase();
            &owned
        }
    };
    adjectives_of(table_word(word))
        .iter()
        .find(|a| match a.0.split_once(' ') {
            Some((x, y)) => x.eq_ignore_ascii_case(first) && y.eq_ignore_ascii_case(second),
            None => second.is_empty() && a.0.eq_ignore_ascii_case(first),
        })
        .map(|a| a.1)
}

/// The country adjectives of currency word `word` (singular, lowercase) with their codes.
fn adjectives_of(word: &str) -> &'static [(&'static str, &'static str)] {
    // the last byte and the length first: most words asked (`euro`, `sterling`) have no group
    let last = word.as_bytes().last().copied();
    ADJECTIVES
        .iter()
        .find(|g| g.0.len() == word.len() && g.0.as_bytes().last().copied() == last && g.0 == word)
        .map_or(&[], |g| g.1)
}

/// Where a country adjective for `word` starts before `s`, with its currency code: separated
/// by blanks (a line break in wire copy) or a hyphen (`Canadian-dollar bonds`), in any case
/// (`FRENCH FRANC BOND`), the longest that matches (`South Korean`, not `Korean`).
fn adjective_before(text: &str, s: usize, word: &str) -> Option<(usize, &'static str)> {
    let b = text.as_bytes();
    let adjectives = adjectives_of(word);
    if adjectives.is_empty() {
        return None;
    }
    // the gap is read once: blanks, or one hyphen
    let mut e = s;
    if !skip_blanks(b, &mut e) {
        e = e.checked_sub(1).filter(|&h| b[h] == b'-')?;
    }
    let last = *b.get(e.checked_sub(1)?)?;
    adjectives
        .iter()
        .filter(|a| {
            a.0.as_bytes()
                .last()
                .is_some_and(|c| c.eq_ignore_ascii_case(&last))
        })
        .filter_map(|a| {
            let at = adjective_ends_at(b, e, a.0)?;
            (!word_char_before(text, at)).then_some((at, a.1, a.0.len()))
        })
        .max_by_key(|&(_, _, len)| len)
        .map(|(at, code, _)| (at, code))
}

/// Moves `i` back over the blanks before it; whether there were any.
fn skip_blanks(b: &[u8], i: &mut usize) -> bool {
    let from = *i;
    while *i > 0 && b[*i - 1].is_ascii_whitespace() {
        *i -= 1;
    }
    *i < from
}

/// Where `adjective` starts if it ends right at `e` (a space inside it matches any run of
/// blanks).
fn adjective_ends_at(b: &[u8], e: usize, adjective: &str) -> Option<usize> {
    let mut i = e;
    for &c in adjective.as_bytes().iter().rev() {
        if c == b' ' {
            if !skip_blanks(b, &mut i) {
                return None;
            }
        } else if i > 0 && b[i - 1].eq_ignore_ascii_case(&c) {
            i -= 1;
        } else {
            return None;
        }
    }
    Some(i)
}

/// Where `degree`/`degrees` starts right before `s` (`degrees Celsius` is one unit).
fn degree_before(text: &str, s: usize) -> Option<usize> {
    let (w, at) = word_before(text, s);
    let gap = text.get(at + w.len()..s)?;
    let whole = (w.eq_ignore_ascii_case("degrees") || w.eq_ignore_ascii_case("degree"))
        && !gap.is_empty()
        && gap.bytes().all(|c| c == b' ')
        && !word_char_before(text, at);
    whole.then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DocContext;

    #[test]
    fn lowercase_on_the_stack_is_to_ascii_lowercase() {
        let mut buf = [0u8; 16];
        for w in [
            "",
            "A",
            "Dollars",
            "EURO",
            "yen",
            "Zürich",
            "ÉCU",
            "kW",
            "x1Y2",
            "sixteen16bytes!",
        ] {
            assert_eq!(
                lowercase_in(w, &mut buf),
                Some(w.to_ascii_lowercase().as_str()),
                "{w}"
            );
        }
        // longer than the buffer: left to `to_ascii_lowercase`
        assert_eq!(lowercase_in("seventeen_bytes_x", &mut buf), None);
        assert_eq!(lowercase_in(&"Ü".repeat(9), &mut buf), None);
    }

    /// The units `tag_numbers` finds alone, with their codes.
    fn units(text: &str) -> Vec<(String, String)> {
        super::super::tag_numbers(text, &DocContext::default())
            .into_iter()
            .filter(|m| m.kind == NumberKind::Unit)
            .map(|m| (text[m.span].to_string(), m.unit.unwrap_or_default()))
            .collect()
    }

    fn pair(t: &str, u: &str) -> (String, String) {
        (t.to_string(), u.to_string())
    }

    #[test]
    fn every_word_taken_alone_is_in_the_lexicon() {
        for (w, class) in ALONE {
            let entry = lex::lookup(w);
            let ok = match class {
                Class::Currency => matches!(entry, Some(Lex::Currency(_))),
                _ => matches!(entry, Some(Lex::Measure(_))),
            };
            assert!(ok, "{w}: {class:?} but the lexicon has {entry:?}");
        }
    }

    #[test]
    fn currencies_named_alone_are_units() {
        assert_eq!(
            units("the dollar fell against the yen and sterling."),
            vec![
                pair("dollar", "USD"),
                pair("yen", "JPY"),
                pair("sterling", "GBP")
            ]
        );
        assert_eq!(
            units("a multibillion-dollar deal"),
            vec![pair("dollar", "USD")]
        );
        assert_eq!(units("DOLLAR FALLS"), vec![pair("DOLLAR", "USD")]);
        assert_eq!(
            units("Dollar falls. Euros rise"),
            vec![pair("Dollar", "USD"), pair("Euros", "EUR")]
        );
    }

    #[test]
    fn a_country_adjective_gives_the_currency() {
        assert_eq!(
            units("the Australian dollar and the South Korean won, the British pound"),
            vec![
                pair("Australian dollar", "AUD"),
                pair("South Korean won", "KRW"),
                pair("British pound", "GBP")
            ]
        );
        assert_eq!(units("the U.S. dollars"), vec![pair("U.S. dollars", "USD")]);
    }

    #[test]
    fn a_capitalized_currency_after_its_adjective() {
        // `the Indonesian Rupiah`: a name's capital after the country adjective is the currency
        assert_eq!(
            units("The Indonesian Rupiah and the Thai Baht weakened; the Polish Zloty held."),
            vec![
                pair("Indonesian Rupiah", "IDR"),
                pair("Thai Baht", "THB"),
                pair("Polish Zloty", "PLN")
            ]
        );
        assert_eq!(
            units("the Vietnamese dong, the Malawian kwacha and the Ghanaian cedi"),
            vec![
                pair("Vietnamese dong", "VND"),
                pair("Malawian kwacha", "MWK"),
                pair("Ghanaian cedi", "GHS")
            ]
        );
        // the adjective alone names no currency: a name stays a name
        assert!(units("Dong Nai province and Baht Street, the Rupiah Hotel").is_empty());
    }

    #[test]
    fn words_that_are_mostly_something_else_are_not_units() {
        // pound, won, rand alone; a capitalized name; the euro zone; a yen for
        assert!(units("he won the race, a pound of flesh at Rand").is_empty());
        assert!(units("Dollar General and the Euro MPs in Sterling, Kelvin said").is_empty());
        assert!(units("the euro zone and euro-commercial paper, euro scepticism").is_empty());
        assert!(units("she has a yen for travel").is_empty());
        assert!(units("Tonnes of Metres, a gas meter, the feet").is_empty());
        assert!(units("eurodollars and petrodollar").is_empty());
    }

    #[test]
    fn temperature_scales_take_degrees_with_them() {
        assert_eq!(
            units("convert it to degrees Celsius or fahrenheit"),
            vec![pair("degrees Celsius", "C"), pair("fahrenheit", "F")]
        );
        assert!(units("Michael Moore's Fahrenheit 9/11 won").is_empty());
    }

    #[test]
    fn metric_units_alone_are_units() {
        assert_eq!(
            units("tens of metres at 300 dlrs per tonne, micrograms per gramme"),
            vec![
                pair("metres", "m"),
                pair("tonne", "t"),
                pair("micrograms", "ug"),
                pair("gramme", "g")
            ]
        );
        assert_eq!(
            units("megawatts, not megawatt hours"),
            vec![pair("megawatts", "MW")]
        );
    }

    #[test]
    fn wire_copy_and_headlines_keep_the_adjective() {
        assert_eq!(
            units(
                "The Australian\ndollar fell. EDF ISSUING FRENCH FRANC BOND, the Hong  Kong dollar"
            ),
            vec![
                pair("Australian\ndollar", "AUD"),
                pair("FRENCH FRANC", "FRF"),
                pair("Hong  Kong dollar", "HKD")
            ]
        );
        assert_eq!(
            units("Canadian-dollar bonds"),
            vec![pair("Canadian-dollar", "CAD")]
        );
        // without an adjective, the franc and the lira of older copy are not today's CHF and TRY
        assert_eq!(
            units("from the lira to the euro, the franc"),
            vec![
                pair("lira", "lira"),
                pair("euro", "EUR"),
                pair("franc", "franc")
            ]
        );
    }

    #[test]
    fn names_and_verbs_are_not_units() {
        assert!(units("A South Korean won the gold medal. The Korean won 6-4.").is_empty());
        assert!(units("Euro 2004 will be held. Celsius Network froze withdrawals.").is_empty());
        assert!(units("a sterling performance and sterling silver").is_empty());
        assert_eq!(
            units("“dollar”, the dollar—and"),
            vec![pair("dollar", "USD"), pair("dollar", "USD")]
        );
    }

    #[test]
    fn amounts_are_not_units_named() {
        assert!(units("it was a metre inside, a couple of centimetres, several tonnes").is_empty());
        assert!(units("tens of millions of dollars, one billion U.S. dollars").is_empty());
        // a rate names the unit; a date or a percentage before it is no count of it
        assert_eq!(units("141 Ecus a tonne"), vec![pair("tonne", "t")]);
        assert_eq!(
            units("On March 3 sterling fell"),
            vec![pair("sterling", "GBP")]
        );
    }

    #[test]
    fn units_of_figures_are_not_repeated() {
        // inside the figure, and the unit right after a figure that did not take it
        assert_eq!(
            units("50 dollars and the dollar"),
            vec![pair("dollar", "USD")]
        );
        assert_eq!(units("50 dollar dollar"), vec![pair("dollar", "USD")]);
        assert!(units("5.9 billion cubic metres of gas").is_empty());
        assert!(units("100 degrees Celsius").is_empty());
    }
}
