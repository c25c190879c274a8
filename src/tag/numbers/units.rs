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
use std::sync::LazyLock;

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
/// abbreviations (`stg`, `usd`, `kg`), and units that are also common words (`feet`, `miles`,
/// `tons`, `degrees`, `meter`).
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
    ("kelvin", Class::Temperature),
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
    ("mcg", Class::Measure),
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
/// (`the Australian dollar` is AUD, not the USD a bare `dollar` gets).
const ADJECTIVES: &[(&str, &str, &str)] = &[
    ("US", "dollar", "USD"),
    ("U.S.", "dollar", "USD"),
    ("American", "dollar", "USD"),
    ("Australian", "dollar", "AUD"),
    ("Canadian", "dollar", "CAD"),
    ("Hong Kong", "dollar", "HKD"),
    ("New Zealand", "dollar", "NZD"),
    ("N.Z.", "dollar", "NZD"),
    ("Singapore", "dollar", "SGD"),
    ("Taiwan", "dollar", "TWD"),
    ("Zimbabwe", "dollar", "ZWD"),
    ("Zimbabwean", "dollar", "ZWD"),
    ("Mexican", "peso", "MXN"),
    ("Philippine", "peso", "PHP"),
    ("Argentine", "peso", "ARS"),
    ("Chilean", "peso", "CLP"),
    ("Colombian", "peso", "COP"),
    ("Indian", "rupee", "INR"),
    ("Pakistani", "rupee", "PKR"),
    ("Sri Lankan", "rupee", "LKR"),
    ("Swiss", "franc", "CHF"),
    ("French", "franc", "FRF"),
    ("Belgian", "franc", "BEF"),
    ("Russian", "rouble", "RUB"),
    ("Russian", "ruble", "RUB"),
    ("Japanese", "yen", "JPY"),
    ("Chinese", "yuan", "CNY"),
    ("Iraqi", "dinar", "IQD"),
    ("Kuwaiti", "dinar", "KWD"),
    ("Jordanian", "dinar", "JOD"),
    ("Saudi", "riyal", "SAR"),
    ("Israeli", "shekel", "ILS"),
    ("Turkish", "lira", "TRY"),
    ("Italian", "lira", "ITL"),
    ("British", "pound", "GBP"),
    ("Egyptian", "pound", "EGP"),
    ("Lebanese", "pound", "LBP"),
    ("Syrian", "pound", "SYP"),
    ("Sudanese", "pound", "SDG"),
    ("Korean", "won", "KRW"),
    ("South Korean", "won", "KRW"),
    ("South African", "rand", "ZAR"),
];

/// Which word ids of the lexicon are currencies or units, one bit an id.
static UNIT_IDS: LazyLock<[u64; 1024]> = LazyLock::new(|| {
    let mut bits = [0u64; 1024];
    for id in 0..=u16::MAX {
        if matches!(lex::info(id).lex, Some(Lex::Currency(_) | Lex::Measure(_))) {
            bits[usize::from(id >> 6)] |= 1 << (id & 63);
        }
    }
    bits
});

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
    let unit_ids = &*UNIT_IDS;
    for t in starts.iter().filter_map(|&k| toks.get(k as usize)) {
        if unit_ids[usize::from(t.id >> 6)] >> (t.id & 63) & 1 == 0 {
            continue; // most words: one look-up
        }
        let (unit, currency) = match lex::info(t.id).lex {
            Some(Lex::Currency(c)) => (c, true),
            Some(Lex::Measure(u)) => (u, false),
            _ => continue,
        };
        let (s, e) = (t.start as usize, t.end as usize);
        let Some(written) = text.get(s..e) else {
            continue;
        };
        if t.kind != TK::Word || !word_edge(b, s, e) {
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
        if before.is_some_and(|f| f.unit.is_none() && unit_of_figure(text, s, f.span.end)) {
            continue;
        }
        let word = written.to_ascii_lowercase();
        // an adjective or `degrees` before may not reach into the previous unit or figure
        let floor = out.last().map_or(0, |u| u.span.end).max(figure_end);
        let adjective = currency
            .then(|| adjective_before(text, s, word.strip_suffix('s').unwrap_or(&word)))
            .flatten()
            .filter(|&(a, _)| a >= floor);
        let alone = ALONE.iter().find(|a| a.0 == word).map(|a| a.1);
        let (start, unit) = match (adjective, alone) {
            (Some(found_adjective), _) => found_adjective,
            (None, None) => continue,
            (None, Some(Class::Currency)) => {
                let name_start =
                    || capitalized(written) && sentence_start(b, s) && !name_after(b, e);
                if !(lower(written) || caps(written) || name_start())
                    || not_the_currency(b, &word, e, s)
                {
                    continue;
                }
                (s, unit)
            }
            (None, Some(Class::Temperature)) => {
                if !lower(written) && number_after(b, e) {
                    continue; // a title: `Fahrenheit 9/11`, `Fahrenheit 451`
                }
                let degrees = degree_before(text, s).filter(|&d| d >= floor);
                if word == "kelvin" && !lower(written) && degrees.is_none() {
                    continue; // Kelvin is a name; the scale is `degrees Kelvin` or lower case
                }
                (degrees.unwrap_or(s), unit)
            }
            (None, Some(Class::Measure)) => {
                if !lower(written) || word.contains("watt") && hours_after(b, e) {
                    continue; // `megawatt hours` is energy, a unit the lexicon does not know
                }
                (s, unit)
            }
        };
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

/// A whole word: no letter or digit touches either side (a hyphen may: `multibillion-dollar`).
fn word_edge(b: &[u8], s: usize, e: usize) -> bool {
    let before = s.checked_sub(1).and_then(|i| b.get(i));
    let after = b.get(e);
    !before.is_some_and(|&c| c.is_ascii_alphanumeric() || c >= 0x80)
        && !after.is_some_and(|&c| c.is_ascii_alphanumeric() || c >= 0x80)
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

/// A unit right after a figure without one, which the figure did not take (`5.9 billion cubic
/// metres`, `1.3 mln kilowatt`): part of that figure, not a unit named alone. After a figure
/// with its own unit it is named again (`50 dollar dollar`).
fn unit_of_figure(text: &str, s: usize, figure_end: usize) -> bool {
    let Some(gap) = text.get(figure_end.min(s)..s) else {
        return false;
    };
    let gap = gap.trim();
    gap.is_empty()
        || ["cubic", "square", "-"]
            .iter()
            .any(|w| gap.eq_ignore_ascii_case(w))
}

/// A figure follows: ` 9/11`.
fn number_after(b: &[u8], e: usize) -> bool {
    b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_digit)
}

/// `hour`/`hours` follows, after a space or a hyphen.
fn hours_after(b: &[u8], e: usize) -> bool {
    let rest = b.get(e..).unwrap_or_default();
    matches!(rest.first(), Some(b' ' | b'-'))
        && rest
            .get(1..5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"hour"))
}

/// A capitalized word follows (`Dollar General`): the currency's name starts a company's.
fn name_after(b: &[u8], e: usize) -> bool {
    b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_uppercase)
}

/// Uses of a currency's name that are not the currency: the euro zone and the pre-1999
/// euro-markets (`euro-commercial paper`), `a yen for`.
fn not_the_currency(b: &[u8], word: &str, e: usize, s: usize) -> bool {
    let rest = b.get(e..).unwrap_or_default();
    let next_word = |w: &[u8]| {
        rest.len() > w.len()
            && matches!(rest[0], b' ' | b'-')
            && rest[1..=w.len()].eq_ignore_ascii_case(w)
            && !rest.get(w.len() + 1).is_some_and(u8::is_ascii_alphanumeric)
    };
    match word {
        "euro" => {
            rest.first() == Some(&b'-')
                || next_word(b"zone")
                || next_word(b"area")
                || next_word(b"scepticism")
                || next_word(b"sceptics")
                || next_word(b"sceptic")
        }
        "yen" => {
            let before = b.get(..s).unwrap_or_default();
            (before.ends_with(b"a ") || before.ends_with(b"A "))
                && (next_word(b"for") || next_word(b"to"))
        }
        _ => false,
    }
}

/// Where a country adjective for `word` starts right before `s`, with its currency code.
fn adjective_before(text: &str, s: usize, word: &str) -> Option<(usize, &'static str)> {
    let head = text.get(..s)?.strip_suffix(' ')?;
    ADJECTIVES
        .iter()
        .filter(|a| a.1 == word)
        .filter(|a| {
            head.ends_with(a.0)
                && !head[..head.len() - a.0.len()]
                    .bytes()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
        })
        // the longest: `South Korean`, not `Korean`
        .max_by_key(|a| a.0.len())
        .map(|a| (s - 1 - a.0.len(), a.2))
}

/// Where `degree`/`degrees` starts right before `s` (`degrees Celsius` is one unit).
fn degree_before(text: &str, s: usize) -> Option<usize> {
    let head = text.get(..s)?.strip_suffix(' ')?;
    ["degrees", "degree"].into_iter().find_map(|w| {
        let at = head.len().checked_sub(w.len())?;
        let whole = head.get(at..)?.eq_ignore_ascii_case(w)
            && !head[..at]
                .bytes()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        whole.then_some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DocContext;

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
            units("tens of metres at 300 dlrs per tonne, a gramme"),
            vec![pair("metres", "m"), pair("tonne", "t"), pair("gramme", "g")]
        );
        assert_eq!(
            units("megawatts, not megawatt hours"),
            vec![pair("megawatts", "MW")]
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
