//! Unit tests of the number tagger: one assertion per phenomenon.

use super::tag_numbers;
use crate::types::{DocContext, NumberKind, NumberMention};

fn tag(text: &str) -> Vec<NumberMention> {
    tag_numbers(text, &DocContext::default())
}

fn tag_on(text: &str, published: &str) -> Vec<NumberMention> {
    let ctx = DocContext {
        published: Some(published.to_owned()),
        dateline: None,
    };
    tag_numbers(text, &ctx)
}

/// (text, kind, value, iso, modifier) of a mention.
type Brief = (
    String,
    &'static str,
    Option<f64>,
    Option<String>,
    Option<String>,
);

/// The [`Brief`] of each mention.
fn brief(text: &str, v: &[NumberMention]) -> Vec<Brief> {
    v.iter()
        .map(|m| {
            (
                text[m.span.clone()].to_owned(),
                m.kind.as_str(),
                m.value,
                m.iso.clone(),
                m.modifier.clone(),
            )
        })
        .collect()
}

/// Asserts that no mention in any of `texts` is of `kind`.
fn none_of_kind(texts: &[&str], kind: NumberKind) {
    for t in texts {
        assert!(
            tag(t).iter().all(|m| m.kind != kind),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

fn one(text: &str) -> NumberMention {
    let v = tag(text);
    assert_eq!(v.len(), 1, "{text}: {:?}", brief(text, &v));
    v.into_iter().next().unwrap()
}

/// [`one`] with a publication date.
fn one_on(text: &str, published: &str) -> NumberMention {
    let v = tag_on(text, published);
    assert_eq!(v.len(), 1, "{text}: {:?}", brief(text, &v));
    v.into_iter().next().unwrap()
}

#[test]
fn cardinals() {
    for (t, v) in [
        ("4,000", 4000.0),
        ("4000", 4000.0),
        ("4 000", 4000.0),
        ("1.5", 1.5),
        ("fourteen", 14.0),
        ("two hundred and forty", 240.0),
        ("a dozen", 12.0),
        ("3 million", 3e6),
        ("1.5bn", 1.5e9),
        ("-5", -5.0),
        ("twenty-one", 21.0),
        ("1,674,200.5", 1674200.5),
    ] {
        let m = one(t);
        assert_eq!(m.value, Some(v), "{t}");
        assert_eq!(&t[m.span.clone()], t);
    }
}

#[test]
fn money_percent_measure() {
    let m = one("$2.3 billion");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Money, Some(2.3e9), Some("USD"))
    );
    let m = one("two percent");
    assert_eq!((m.kind, m.value), (NumberKind::Percent, Some(2.0)));
    let m = one("2 per cent");
    assert_eq!((m.kind, m.value), (NumberKind::Percent, Some(2.0)));
    let m = one("2%");
    assert_eq!((m.kind, m.value), (NumberKind::Percent, Some(2.0)));
    let m = one("10 km");
    assert_eq!(
        (m.kind, m.unit.as_deref()),
        (NumberKind::Measure, Some("km"))
    );
    let m = one("361 million pounds");
    assert_eq!(
        (m.kind, m.unit.as_deref(), m.value),
        (NumberKind::Money, Some("GBP"), Some(361e6))
    );
}

#[test]
fn fractions_ordinals() {
    assert_eq!(one("half").value, Some(0.5));
    assert_eq!(one("two-thirds").value, Some(2.0 / 3.0));
    let m = one("18th");
    assert_eq!((m.kind, m.value), (NumberKind::Ordinal, Some(18.0)));
    let m = one("third");
    assert_eq!((m.kind, m.value), (NumberKind::Ordinal, Some(3.0)));
}

#[test]
fn modifiers_and_objects() {
    let t = "more than 4,000 people died";
    let m = one(t);
    assert_eq!(&t[m.span.clone()], "more than 4,000");
    assert_eq!(
        (m.value, m.lower, m.upper),
        (Some(4000.0), Some(4000.0), None)
    );
    assert_eq!(m.modifier.as_deref(), Some("more_than"));
    assert_eq!(m.object.as_deref(), Some("people"));
    let t = "killing 2,500 women, children and the elderly in";
    assert_eq!(
        one(t).object.as_deref(),
        Some("women, children and the elderly")
    );
    let t = "a convoy of 80 of the residents";
    assert_eq!(one(t).object.as_deref(), Some("residents"));
    let m = one("thousands of civilians");
    assert!(m.vague);
    assert_eq!(
        (m.lower, m.object.as_deref()),
        (Some(2000.0), Some("civilians"))
    );
    let m = one("almost half");
    assert_eq!(
        (m.kind, m.value, m.modifier.as_deref()),
        (NumberKind::Fraction, Some(0.5), Some("almost"))
    );
    let m = one("between 20 and 30 people");
    assert_eq!((m.lower, m.upper, m.value), (Some(20.0), Some(30.0), None));
    let m = one("3-5 million");
    assert_eq!((m.lower, m.upper), (Some(3e6), Some(5e6)));
    let m = one("$3-5 million");
    assert_eq!(
        (m.kind, m.lower, m.upper, m.unit.as_deref()),
        (NumberKind::Money, Some(3e6), Some(5e6), Some("USD"))
    );
    let m = one("5-10%");
    assert_eq!(
        (m.kind, m.lower, m.upper),
        (NumberKind::Percent, Some(5.0), Some(10.0))
    );
}

#[test]
fn dates() {
    for (t, iso) in [
        ("Oct 16, 2017", "2017-10-16"),
        ("Sept 5, 2017", "2017-09-05"),
        ("March 18th, 2019", "2019-03-18"),
        ("2022-04-19", "2022-04-19"),
        ("19 April 2022", "2022-04-19"),
        ("September 2014", "2014-09"),
        ("in 2017,", "2017"),
        ("10:00", "10:00"),
        ("8 p.m.", "20:00"),
        ("between June and October 2017", "2017-06/2017-10"),
        ("between June and October of 2017", "2017-06/2017-10"),
        ("the 1990s", "1990/1999"),
        ("in 2017-18", "2017/2018"),
    ] {
        let m = one(t);
        assert_eq!(m.iso.as_deref(), Some(iso), "{t}");
    }
}

#[test]
fn relative_dates() {
    let p = "2022-04-19"; // a Tuesday
    for (t, iso) in [
        ("said on Monday", "2022-04-18"),
        ("yesterday", "2022-04-18"),
        ("last year", "2021"),
        ("next month", "2022-05"),
        ("last week", "2022-W15"),
        ("three days ago", "2022-04-16"),
    ] {
        let v = tag_on(t, p);
        assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
        assert_eq!(v[0].iso.as_deref(), Some(iso), "{t}");
    }
    assert_eq!(tag("yesterday")[0].iso, None);
}

#[test]
fn identifiers_are_not_figures() {
    for t in [
        "COVID-19",
        "F-16",
        "G7",
        "Resolution 2254",
        "+1-222-2222-2222",
        "see https://x.com/a/2017/10",
    ] {
        let v = tag(t);
        assert!(
            v.iter().all(|m| m.kind == NumberKind::Identifier),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
}

#[test]
fn years_vs_counts() {
    assert_eq!(one("over 2000 people").kind, NumberKind::Cardinal);
    assert_eq!(one("since 1945").kind, NumberKind::Date);
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "-",
        "$",
        "1/",
        "1,",
        "½",
        "12:",
        "€ ",
        "a",
        "…1…",
        "é1é",
        "1\u{202f}",
        "between and",
        "20-",
    ] {
        let _ = tag(t);
        let _ = tag_on(t, "2022-04-19");
    }
}

#[test]
fn ranges_and_periods() {
    let p = "2022-04-19";
    for (t, kind, iso) in [
        (
            "on 18-19 November 2017",
            "date_range",
            "2017-11-18/2017-11-19",
        ),
        (
            "on November 18-19, 2017",
            "date_range",
            "2017-11-18/2017-11-19",
        ),
        ("from Jan-Feb 2017", "date_range", "2017-01/2017-02"),
        ("Q3 2019", "date_range", "2019-07/2019-09"),
        ("the first quarter of 2013", "date_range", "2013-01/2013-03"),
        ("the 19th century", "date_range", "1800/1899"),
        ("the last 3 months", "date_range", "2022-01-19/2022-04-19"),
        (
            "between 2014 and the end of 2018",
            "date_range",
            "2014/2018",
        ),
        ("2 hours and 30 minutes", "duration", "PT2H30M"),
        ("from 5-6 pm", "time", "17:00/18:00"),
        ("on Monday at 10:00", "time", "2022-04-18T10:00"),
        ("Christmas 2020", "date", "2020-12-25"),
    ] {
        let v = tag_on(t, p);
        assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
        assert_eq!(
            (v[0].kind.as_str(), v[0].iso.as_deref()),
            (kind, Some(iso)),
            "{t}"
        );
    }
}

#[test]
fn words_money_and_measures() {
    for (t, kind, v) in [
        ("one hundred and three quarters", "cardinal", 100.75),
        ("five point five", "cardinal", 5.5),
        ("twenty-first", "ordinal", 21.0),
        ("a dozen", "cardinal", 12.0),
        ("10,000 Swiss francs", "money", 10000.0),
        ("US$5m", "money", 5e6),
        ("about 17 km from", "measure", 17.0),
        ("aged 87", "measure", 87.0),
        ("5 percentage points", "percent", 5.0),
    ] {
        let m = one(t);
        assert_eq!((m.kind.as_str(), m.value), (kind, Some(v)), "{t}");
    }
    // a phone number is not a thousands group
    let t = "Tel: +86 138-2010-2015";
    assert!(
        tag(t).iter().all(|m| m.kind != NumberKind::DateRange),
        "{:?}",
        brief(t, &tag(t))
    );
}

#[test]
fn a_country_adjective_names_the_currency_of_a_figure() {
    for (t, code, v) in [
        ("1,200 Australian dollars", "AUD", 1200.0),
        ("356 mln Canadian dlrs", "CAD", 356e6),
        ("a 40 mln Canadian dlr issue", "CAD", 40e6),
        ("2 billion Singapore dollars", "SGD", 2e9),
        ("300 New Zealand dollars", "NZD", 300.0),
        ("50 Hong Kong dollars", "HKD", 50.0),
        ("100 mln NZ dlrs", "NZD", 100e6),
        ("5,000 Mexican pesos", "MXN", 5000.0),
        ("12 Irish pounds", "IEP", 12.0),
        ("10 mln French francs", "FRF", 10e6),
        ("1.2 billion Swedish crowns", "SEK", 1.2e9),
        ("100 Norwegian kroner", "NOK", 100.0),
        ("2 billion Austrian schillings", "ATS", 2e9),
        ("30 US dollars", "USD", 30.0),
        ("361 million pounds", "GBP", 361e6),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind, m.unit.as_deref(), m.value),
            (NumberKind::Money, Some(code), Some(v)),
            "{t}"
        );
    }
}

#[test]
fn currencies_of_older_copy() {
    for (t, code, v) in [
        ("lost 480 mln marks", "DEM", 480e6),
        ("fixed at 1.8205 marks", "DEM", 1.8205),
        ("5.2 BILLION MARKS", "DEM", 5.2e9),
        ("sales of 3.5 billion guilders", "NLG", 3.5e9),
        ("900 billion lire", "ITL", 900e9),
        ("up to 27 billion pesetas", "ESP", 27e9),
        ("profit of 521 mln crowns", "crown", 521e6),
        ("98.1 billion escudos", "PTE", 98.1e9),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind, m.unit.as_deref(), m.value),
            (NumberKind::Money, Some(code), Some(v)),
            "{t}"
        );
    }
    // marks and crowns that are no money: a threshold, a name, exam marks, titles
    none_of_kind(
        &[
            "the index passed the 1,000 mark",
            "the 20 Marks & Spencer stores",
            "he scored 18 marks out of 20",
            "two marks were deducted",
            "the team won three crowns",
            "she won 2 crowns in a row",
        ],
        NumberKind::Money,
    );
    // named without a figure, after an adjective: a `unit` row
    for (t, code) in [
        ("the German mark rose", "DEM"),
        ("the Danish crown fell", "DKK"),
        ("issued in Canadian dlrs", "CAD"),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Unit, Some(code)),
            "{t}"
        );
    }
}

#[test]
fn temperatures_with_a_glued_scale_and_signs() {
    for (t, surface, unit, v) in [
        ("Temperatures hit 40C in Madrid.", "40C", "C", 40.0),
        ("Temperatures fell to -5C overnight.", "-5C", "C", -5.0),
        ("Temperatures of 95F were recorded.", "95F", "F", 95.0),
        ("It is 40C (104F) in Seville.", "104F", "F", 104.0),
        (
            "It was minus 15 degrees Celsius.",
            "minus 15 degrees Celsius",
            "C",
            -15.0,
        ),
        ("down to minus 20C and less", "minus 20C", "C", -20.0),
    ] {
        let v2 = tag(t);
        let m = v2
            .iter()
            .find(|m| &t[m.span.clone()] == surface)
            .unwrap_or_else(|| panic!("{t}: {:?}", brief(t, &v2)));
        assert_eq!(
            (m.kind, m.unit.as_deref(), m.value),
            (NumberKind::Measure, Some(unit), Some(v)),
            "{t}"
        );
    }
    let t = "Temperatures reached 35-40C.";
    let m = one(t);
    assert_eq!(
        (m.unit.as_deref(), m.lower, m.upper),
        (Some("C"), Some(35.0), Some(40.0))
    );
    // names and codes with a glued C or F stay identifiers
    for t in [
        "Insat 1C was launched.",
        "Statement No. 4F",
        "The F-16C jets",
        "When must 13F be filed?",
    ] {
        assert!(
            tag(t).iter().all(|m| m.kind == NumberKind::Identifier),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
    // minus between two figures is arithmetic or a tolerance, not a sign
    for t in [
        "15 minus 3",
        "LIBOR minus 10 basis points",
        "plus or minus 15 pct",
    ] {
        assert!(
            tag(t).iter().all(|m| m.value.is_none_or(|v| v > 0.0)),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

#[test]
fn ages_after_the_age_of_and_age_ranges() {
    let t = "She died at the age of 92.";
    let m = one(t);
    assert_eq!(
        (m.unit.as_deref(), m.value),
        (Some("years_of_age"), Some(92.0))
    );
    for t in [
        "teenagers aged 15 to 17 were held",
        "those aged 18-24 voted",
    ] {
        let v = tag(t);
        let m = v.last().unwrap_or_else(|| panic!("{t}"));
        assert_eq!(
            (m.kind, m.unit.as_deref(), m.modifier.as_deref()),
            (NumberKind::Measure, Some("years_of_age"), Some("range")),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // the age of 70s rock is a decade, not an age
    let t = "the age of 70s rock";
    assert!(
        tag(t)
            .iter()
            .all(|m| m.unit.as_deref() != Some("years_of_age"))
    );
}

#[test]
fn a_glued_m_before_a_counted_plural_is_million() {
    for (t, kind, v) in [
        ("Unions representing 4.5m workers", "cardinal", 4.5e6),
        ("benefiting more than 1m people", "cardinal", 1e6),
        ("Vodafone has 14m customers", "cardinal", 14e6),
        ("the UK's 1.6m Muslims", "cardinal", 1.6e6),
        ("stocks had fallen 1m barrels", "measure", 1e6),
        ("imports will be 110m tons", "measure", 110e6),
    ] {
        let v2 = tag(t);
        let m = v2.last().unwrap_or_else(|| panic!("{t}"));
        assert_eq!(
            (m.kind.as_str(), m.value),
            (kind, Some(v)),
            "{t}: {:?}",
            brief(t, &v2)
        );
    }
    // metres: races, heights, a figure before no plural
    for t in [
        "The former Olympic 100m champion",
        "the record over 60m hurdles",
        "The 400m runners trained.",
        "The wall is 3m high.",
        "perform well over 60m indoors",
    ] {
        let v = tag(t);
        let m = v.last().unwrap_or_else(|| panic!("{t}"));
        assert_eq!(m.unit.as_deref(), Some("m"), "{t}: {:?}", brief(t, &v));
    }
}

#[test]
fn half_an_hour_is_half_the_unit() {
    for (t, iso) in [
        ("It took half an hour.", "PT0.5H"),
        ("The meeting lasted half a day.", "P0.5D"),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind, m.value, m.iso.as_deref()),
            (NumberKind::Duration, Some(0.5), Some(iso)),
            "{t}"
        );
    }
    let t = "Half an hour later police arrived.";
    assert_eq!(one(t).value, Some(0.5));
    assert_eq!(one("Half a million people came.").value, Some(500000.0));
}

#[test]
fn pc_glued_in_lowercase_is_percent() {
    for (t, v) in [
        ("Shares fell 12pc.", 12.0),
        ("a 50pc tax band", 50.0),
        ("up 2.5pc", 2.5),
    ] {
        let m = one(t);
        assert_eq!((m.kind, m.value), (NumberKind::Percent, Some(v)), "{t}");
    }
    for t in ["IBM sold the 286 PC.", "He bought 3 PCs."] {
        assert!(tag(t).iter().all(|m| m.kind != NumberKind::Percent), "{t}");
    }
}

#[test]
fn a_newspaper_named_after_a_day_is_no_date() {
    for t in [
        "He told the Sunday Times.",
        "The Mail on Sunday reported it.",
        "The Sunday Telegraph said.",
        "The Independent on Sunday said.",
    ] {
        let v = tag_on(t, "2019-07-04");
        assert!(v.is_empty(), "{t}: {:?}", brief(t, &v));
    }
    for t in [
        "The vote is on Sunday.",
        "On Sunday Mr Smith left.",
        "England face Wales on Sunday.",
    ] {
        let m = one_on(t, "2019-07-04");
        assert_eq!(m.kind, NumberKind::Date, "{t}");
    }
}

#[test]
fn a_number_after_number_is_a_rank() {
    for (t, text, v) in [
        (
            "The single went straight to number one in the charts.",
            "one",
            1.0,
        ),
        ("She is the world number 3 this season.", "3", 3.0),
        ("The price of alloy No. Five rose.", "Five", 5.0),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value, m.object.as_deref()),
            (text, NumberKind::Ordinal, Some(v), None),
            "{t}"
        );
    }
    // a count after the noun `number` is still a count; `No 10` is a name
    assert_eq!(
        one("The number of dead rose to 40 people.").kind,
        NumberKind::Cardinal
    );
    assert_eq!(
        one("He spoke outside No 10 on the steps.").kind,
        NumberKind::Identifier
    );
}

#[test]
fn two_figures_joined_by_or_are_a_range() {
    type Row = (
        String,
        &'static str,
        Option<f64>,
        Option<f64>,
        Option<String>,
    );
    let rows = |t: &str| -> Vec<Row> {
        tag(t)
            .into_iter()
            .map(|m| {
                (
                    t[m.span.clone()].to_owned(),
                    m.kind.as_str(),
                    m.lower,
                    m.upper,
                    m.object,
                )
            })
            .collect()
    };
    let r = |s: &str, k: &'static str, lo: f64, hi: f64, o: Option<&str>| -> Row {
        (s.to_owned(), k, Some(lo), Some(hi), o.map(str::to_owned))
    };
    for (t, want) in [
        (
            "Five or six villagers were missing.",
            r("Five or six", "cardinal", 5.0, 6.0, Some("villagers")),
        ),
        (
            "The repairs will take 10 or 12 weeks.",
            r("10 or 12 weeks", "duration", 10.0, 12.0, None),
        ),
        (
            "Output could fall 3 or 4 percent.",
            r("3 or 4 percent", "percent", 3.0, 4.0, None),
        ),
        (
            "A sale could raise 2 or 3 billion euros.",
            r("2 or 3 billion euros", "money", 2e9, 3e9, None),
        ),
    ] {
        assert_eq!(rows(t), vec![want], "{t}");
    }
    // an article and a singular time unit before `or` and a count: one to that many units
    for (t, text, hi, iso) in [
        ("Repairs take a week or two.", "a week or two", 2.0, "P2W"),
        (
            "It rained for an hour or three.",
            "an hour or three",
            3.0,
            "PT3H",
        ),
        (
            "They met for another month or two of talks.",
            "another month or two",
            2.0,
            "P2M",
        ),
    ] {
        let m = one(t);
        assert_eq!(
            (
                &t[m.span.clone()],
                m.kind,
                m.lower,
                m.upper,
                m.iso.as_deref()
            ),
            (text, NumberKind::Duration, Some(1.0), Some(hi), Some(iso)),
            "{t}"
        );
    }
    // a list before the `or` that rises to it widens the range from its first item
    for (t, want) in [
        (
            "The hearing may run three, four or five days.",
            r("three, four or five days", "duration", 3.0, 5.0, None),
        ),
        (
            "Expect 10, 12 or 15 guests at most.",
            r("10, 12 or 15", "cardinal", 10.0, 15.0, Some("guests")),
        ),
        (
            "Rates may rise 1, 2, 3 or 4 percent.",
            r("1, 2, 3 or 4 percent", "percent", 1.0, 4.0, None),
        ),
    ] {
        assert_eq!(rows(t), vec![want], "{t}");
    }
    // not a falling list, nor items too far below the rest
    assert_eq!(tag("He ran 9, 3 or 4 laps.").len(), 2);
    assert_eq!(tag("Room 1, 40 or 50 chairs").len(), 2);
    // a falling pair, a figure with its own unit before a total, years: two rows
    for t in [
        "Pick 2 or 1 of them.",
        "Earnings were 1.10 dlrs or 40 mln dlrs.",
        "The vote is due in 2026 or 2027.",
        "It costs one or 20 times as much.",
    ] {
        assert_eq!(tag(t).len(), 2, "{t}: {:?}", brief(t, &tag(t)));
    }
}

#[test]
fn a_change_to_a_level_is_no_range() {
    // the first figure is the change, the second the new level: two rows
    for t in [
        "Standard Chartered lost 4p to 821.",
        "ARCO jumped 1-3/4 to 81-3/4.",
        "The stock was up one to 51-1/4.",
        "Earnings increased by six mln dlrs to 46 mln dlrs.",
        "Reserves rose by 200 mln marks to 109.5 billion.",
        "Mitsubishi Metal rose 95 to 745 yen.",
        "Unemployment rose 100,000 to 790,000.",
    ] {
        let v = tag(t);
        assert_eq!(v.len(), 2, "{t}: {:?}", brief(t, &v));
        assert!(
            v.iter().all(|m| m.modifier.is_none()),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // ranges after a verb of change: close figures, a shared unit, figures in words
    for t in [
        "Barrow prices rose 1.00 to 1.50 dlr.",
        "Prices rose 10 to 15 percent.",
        "Acreage is down two to seven pct.",
        "Stocks could drop 1.3 to four mln barrels.",
        "Rates increased two to eight basis points.",
        "He expects 30 to 40 people.",
    ] {
        let m = one(t);
        assert_eq!(m.modifier.as_deref(), Some("range"), "{t}");
    }
}

#[test]
fn scores_and_votes_are_identifiers() {
    for (t, score) in [
        ("Chelsea won 3-1 at home", "3-1"),
        ("a 0-0 draw", "0-0"),
        ("The vote passed 52-48.", "52-48"),
        ("MPs voted 272-219 in favour", "272-219"),
        ("a 28-21 victory", "28-21"),
        ("a 50-50 chance", "50-50"),
        ("the new 747-400", "747-400"),
    ] {
        let v = tag(t);
        assert_eq!(
            brief(t, &v),
            vec![(score.to_owned(), "identifier", None, None, None)],
            "{t}"
        );
    }
    // the sets and tie-breaks of a match: a rising pair next to a score is one too
    let t = "She beat Bovina 1-6 6-1 6-4, and he won 6-7 (3-7) 6-3.";
    let v = tag(t);
    assert_eq!(v.len(), 6, "{:?}", brief(t, &v));
    assert!(
        v.iter().all(|m| m.kind == NumberKind::Identifier),
        "{:?}",
        brief(t, &v)
    );
    // ranges stay ranges, and so do codes, measures and seasons
    for (t, kind) in [
        ("Some 20-30 people gathered", "cardinal"),
        ("a rise of 2-3%", "percent"),
        ("the 950-1000 lb cattle", "measure"),
        ("Call 020-7946-0958", "identifier"),
        ("In 2003-04 the club", "date_range"),
    ] {
        let m = one(t);
        assert_eq!(m.kind.as_str(), kind, "{t}");
    }
}

#[test]
fn four_digit_clock_times_before_a_time_zone() {
    // a valid 24-hour HHMM before a zone, `local time` or `hrs` is a clock time (the zone
    // stays out of the span, like GMT's; `hrs` and `hours` are part of it)
    for (t, span, iso) in [
        ("Trading resumes at 2100 EST on Sunday.", "2100", "21:00"),
        ("The jet touched down at 1745 PST.", "1745", "17:45"),
        ("The curfew starts at 0900 local time.", "0900", "09:00"),
        ("Bids are due by 1430 CDT", "1430", "14:30"),
        ("Voting ends at 2130 bst", "2130", "21:30"),
        ("The truce took effect at 0600 hrs.", "0600 hrs", "06:00"),
        ("the council meets at 1900 hours", "1900 hours", "19:00"),
        (
            "It trades from 0900 to 1315 CST.",
            "from 0900 to 1315",
            "09:00/13:15",
        ),
        (
            "Ferries sail between 0100 and 0415 CET.",
            "between 0100 and 0415",
            "01:00/04:15",
        ),
        (
            "Polls close at 2000 or 2100 EST",
            "2000 or 2100",
            "20:00/21:00",
        ),
    ] {
        let v = tag(t);
        let hit = v.iter().find(|m| &t[m.span.clone()] == span);
        assert_eq!(
            hit.map(|m| (m.kind.as_str(), m.iso.as_deref())),
            Some(("time", Some(iso))),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // not clock times: 86 minutes, a count of hours, a year after `in`
    none_of_kind(
        &[
            "the 1986 EST figures",
            "she logged 2000 hours of flight time",
            "In 1945 local time was set by the sun",
        ],
        NumberKind::Time,
    );
}

#[test]
fn a_year_before_a_singular_unit_is_the_year() {
    // a count takes the plural: `1992 year`, `the same 1994 month`, `1991 second quarter`
    // (as a wire table writes them) name the year, and what follows is the year's
    for (t, year) in [
        ("NOTE: 1992 year includes a one-time gain.", "1992"),
        ("ACME CORP 1996 YEAR Net profit 3.4 mln vs 2.1 mln", "1996"),
        ("Tax changes cut 1993 yr net by 5 cts.", "1993"),
        ("Output rose 4 pct from the same 1994 month.", "1994"),
        ("It expects a profitable 1991 second quarter.", "1991"),
        ("Earnings fell in the 1990 second half.", "1990"),
    ] {
        let v = tag(t);
        let b = brief(t, &v);
        assert!(
            v.iter().all(|m| m.kind != NumberKind::Duration),
            "{t}: {b:?}"
        );
        assert!(
            b.iter()
                .any(|x| x.0 == year && x.1 == "date" && x.3.as_deref() == Some(year)),
            "{t}: {b:?}"
        );
    }
    // a quarter after it is that year's
    let t = "It expects a profitable 1991 second quarter.";
    assert!(
        tag(t)
            .iter()
            .any(|m| m.iso.as_deref() == Some("1991-04/1991-06")),
        "{:?}",
        brief(t, &tag(t))
    );
    // ages and plural counts stay
    assert_eq!(one("a 2000 year old temple").kind, NumberKind::Measure);
    assert_eq!(one("it took 1950 years").kind, NumberKind::Duration);
}

#[test]
fn at_the_weekend_is_the_weekend_nearest_publication() {
    // published on Thursday 4 July 2019: the last weekend, or the next after a future verb
    for (t, published, iso) in [
        (
            "Protesters marched in the capital at the weekend.",
            "2019-07-04",
            "2019-06-29/2019-06-30",
        ),
        (
            "Talks broke down over the weekend.",
            "2019-07-04",
            "2019-06-29/2019-06-30",
        ),
        (
            "Shops were shut on the weekend.",
            "2019-07-04",
            "2019-06-29/2019-06-30",
        ),
        (
            "The minister will unveil the plan at the weekend.",
            "2019-07-04",
            "2019-07-06/2019-07-07",
        ),
        // on a Sunday the weekend under way
        (
            "Fans gathered at the weekend.",
            "2019-07-07",
            "2019-07-06/2019-07-07",
        ),
    ] {
        let m = one_on(t, published);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.iso.as_deref()),
            ("the weekend", NumberKind::DateRange, Some(iso)),
            "{t}"
        );
    }
    // without a publication date: a range not resolved
    let m = one("They met at the weekend.");
    assert_eq!((m.kind, m.iso), (NumberKind::DateRange, None));
    // another weekend, or any: no row for it
    none_of_kind(
        &[
            "He spent the weekend of his life there.",
            "They sell more at weekends.",
            "a weekend break",
            "at the weekend-long festival",
        ],
        NumberKind::DateRange,
    );
}

#[test]
fn share_ratios_are_identifiers() {
    // the terms of a split or an issue name an exchange of shares, they count nothing: one
    // identifier without a value, like a score
    for (t, ratio) in [
        (
            "The board approved a three-for-two stock split.",
            "three-for-two",
        ),
        (
            "Holders backed a 2-for-1 split of the common shares.",
            "2-for-1",
        ),
        ("It plans a one-for-ten reverse split.", "one-for-ten"),
        ("The bank declared a five-for-four split", "five-for-four"),
        ("new shares in a one-for-5 rights issue", "one-for-5"),
        ("it is splitting its stock 3-for-1.", "3-for-1"),
        ("The board voted a two for one stock split.", "two for one"),
    ] {
        let v = tag(t);
        assert_eq!(
            brief(t, &v),
            vec![(ratio.to_owned(), "identifier", None, None, None)],
            "{t}"
        );
    }
    // with spaces only before a split: `sold 5 for 10` stays two figures
    assert_eq!(tag("they sold 5 for 10 each").len(), 2);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Fragments that exercise the parsers' edges when glued together at random.
    const PIECES: &[&str] = &[
        "1",
        "22",
        "2017",
        "4,000",
        "1.5",
        "-",
        "–",
        "/",
        ":",
        ".",
        ",",
        "%",
        "$",
        "€",
        "£",
        "½",
        " ",
        "\n",
        "\n\n",
        "May",
        "June",
        "Oct",
        "Monday",
        "yesterday",
        "last",
        "next",
        "week",
        "year",
        "between",
        "and",
        "to",
        "from",
        "more than",
        "about",
        "thousands",
        "of",
        "two",
        "hundred",
        "twenty",
        "-one",
        "half",
        "third",
        "quarter",
        "a",
        "million",
        "bn",
        "m",
        "km",
        "pm",
        "a.m.",
        "th",
        "st",
        "é",
        "日本",
        "\u{202f}",
        "Q",
        "century",
        "the",
        "end",
        "aged",
        "Resolution",
        "COVID",
        "http://x.org/",
        "@",
        "+",
        "(",
        ")",
        "'",
        "\"",
        "ago",
        "years",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn never_panics_and_spans_are_sorted(idx in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let text: String = idx.iter().map(|&i| PIECES[i]).collect();
            for ctx in [DocContext::default(), DocContext { published: Some("2022-04-19".into()), dateline: None }] {
                let v = tag_numbers(&text, &ctx);
                let mut last = 0;
                for m in &v {
                    prop_assert!(m.span.start >= last && m.span.start < m.span.end && m.span.end <= text.len());
                    prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                    last = m.span.end;
                }
            }
        }
    }
}

#[test]
fn clock_words_and_notation() {
    for (t, kind, iso) in [
        ("half past seven in the evening", "time", "19:30"),
        ("quarter to five", "time", "04:45"),
        ("7 o'clock", "time", "07:00"),
        ("1000 GMT", "time", "10:00"),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind.as_str(), m.iso.as_deref()),
            (kind, Some(iso)),
            "{t}"
        );
    }
    // a range of counts, not a clock time
    let m = one("five to seven people");
    assert_eq!(
        (m.kind, m.lower, m.upper),
        (NumberKind::Cardinal, Some(5.0), Some(7.0))
    );
    assert_eq!(one("1.3e6").value, Some(1.3e6));
    assert_eq!(one("7-1/2 pct").value, Some(7.5));
}

/// (text of the single mention, kind, iso) for each sentence, resolved against `published`.
fn assert_isos(published: &str, cases: &[(&str, &str, &str, &str)]) {
    for (t, span, kind, iso) in cases {
        let v = tag_on(t, published);
        let got = brief(t, &v);
        assert!(
            got.iter()
                .any(|g| g.0 == *span && g.1 == *kind && g.3.as_deref() == Some(*iso)),
            "{t}: want ({span}, {kind}, {iso}), got {got:?}"
        );
    }
}

#[test]
fn clock_times_in_more_forms() {
    assert_isos(
        "2019-05-27",
        &[
            // short and odd am/pm, approximate hours, dotted times after "at"
            (
                "back tomorrow at 8:45a.",
                "tomorrow at 8:45a",
                "time",
                "2019-05-28T08:45",
            ),
            ("I'll be back at 9.am.", "9.am", "time", "09:00"),
            ("back 11ish", "11ish", "time", "11:00"),
            ("Shall we leave at 6.45?", "6.45", "time", "06:45"),
            (
                "Thursday at 17.30 local time",
                "Thursday at 17.30",
                "time",
                "2019-05-23T17:30",
            ),
            // clock times in words
            ("we met at nine thirty", "nine thirty", "time", "09:30"),
            (
                "from two thirty to two forty five",
                "from two thirty to two forty five",
                "time",
                "02:30/02:45",
            ),
            ("the rally starts at six p.m.", "six p.m.", "time", "18:00"),
        ],
    );
    // a dotted number after a level verb stays a number
    let t = "shares closed at 6.45 on Friday";
    let v = tag_on(t, "2019-05-27");
    assert!(
        v.iter()
            .any(|m| m.kind == NumberKind::Cardinal && m.value == Some(6.45)),
        "{:?}",
        brief(t, &v)
    );
    assert!(
        tag("at 2.30 percent")
            .iter()
            .all(|m| m.kind == NumberKind::Percent)
    );
    // two words that are a count, not a time
    let t = "nine thirty people";
    assert!(
        tag(t).iter().all(|m| m.kind != NumberKind::Time),
        "{:?}",
        brief(t, &tag(t))
    );
}

#[test]
fn days_with_clock_times() {
    assert_isos(
        "2019-12-26",
        &[
            (
                "friday the 27th at 4",
                "friday the 27th at 4",
                "time",
                "2019-12-27T04:00",
            ),
            (
                "back tonight around 7",
                "tonight around 7",
                "time",
                "2019-12-26T19:00",
            ),
            (
                "back tonight around 3",
                "tonight around 3",
                "time",
                "2019-12-26T03:00",
            ),
            (
                "five-thirty tomorrow evening",
                "five-thirty tomorrow evening",
                "time",
                "2019-12-27T17:30",
            ),
            (
                "tomorrow evening at 7:30",
                "tomorrow evening at 7:30",
                "time",
                "2019-12-27T19:30",
            ),
            (
                "Sunday early morning at 8:00",
                "Sunday early morning at 8:00",
                "time",
                "2019-12-22T08:00",
            ),
            (
                "monday the twenty third at six pm",
                "monday the twenty third at six pm",
                "time",
                "2019-12-23T18:00",
            ),
            (
                "on march eighteenth nine thirty",
                "march eighteenth nine thirty",
                "time",
                "2020-03-18T09:30",
            ),
            // clock ranges
            (
                "between 3 and 5 on 1/1/2015",
                "between 3 and 5 on 1/1/2015",
                "time",
                "2015-01-01T03:00/2015-01-01T05:00",
            ),
            (
                "out five to seven today",
                "five to seven today",
                "time",
                "2019-12-26T05:00/2019-12-26T07:00",
            ),
            (
                "out 5 to seven in the morning",
                "5 to seven in the morning",
                "time",
                "05:00/07:00",
            ),
            // days in words
            (
                "back May twenty nine",
                "May twenty nine",
                "date",
                "2020-05-29",
            ),
            (
                "tuesday the eleventh",
                "tuesday the eleventh",
                "date",
                "2020-02-11",
            ),
        ],
    );
    // a count after "on Monday at" stays a count; a cardinal after a month is no day
    let t = "On Monday at 5 people died";
    assert!(
        tag_on(t, "2019-12-26")
            .iter()
            .all(|m| m.kind != NumberKind::Time)
    );
    let t = "In March twenty more were killed";
    assert!(
        tag_on(t, "2019-12-26")
            .iter()
            .all(|m| m.iso.as_deref() != Some("2020-03-20"))
    );
}

#[test]
fn parts_of_day_holidays_and_week_days() {
    assert_isos(
        "2019-07-30",
        &[
            // parts of the day as TIMEX3 codes, and with a clock time
            ("let's meet in the evening", "in the evening", "time", "TEV"),
            (
                "it happened early in the morning",
                "early in the morning",
                "time",
                "TMO",
            ),
            ("out in the mornings", "in the mornings", "time", "TMO"),
            ("he worked at night", "at night", "time", "TNI"),
            (
                "at 3 in the afternoon",
                "3 in the afternoon",
                "time",
                "15:00",
            ),
            (
                "in the evening at 7",
                "in the evening at 7",
                "time",
                "19:00",
            ),
            // holidays of several words
            (
                "before independence day",
                "independence day",
                "date",
                "2019-07-04",
            ),
            (
                "the independence day of this year",
                "independence day of this year",
                "date",
                "2019-07-04",
            ),
            ("on New Year's Eve", "New Year's Eve", "date", "2019-12-31"),
            (
                "New Year’s Day 2019",
                "New Year’s Day 2019",
                "date",
                "2019-01-01",
            ),
            (
                "on Valentine's Day",
                "Valentine's Day",
                "date",
                "2019-02-14",
            ),
            ("Bastille Day", "Bastille Day", "date", "2019-07-14"),
            // weekdays of a named week, recurring weekdays
            (
                "we met on tuesday of last week",
                "tuesday of last week",
                "date",
                "2019-07-23",
            ),
            (
                "plan for next week Wednesday",
                "next week Wednesday",
                "date",
                "2019-08-07",
            ),
            (
                "Thursdays at 17.30 local time",
                "Thursdays at 17.30",
                "time",
                "XXXX-WXX-4T17:30",
            ),
            // days counted from a day
            (
                "available two days after today",
                "two days after today",
                "date",
                "2019-08-01",
            ),
            (
                "three days before Christmas",
                "three days before Christmas",
                "date",
                "2019-12-22",
            ),
        ],
    );
    // another country's independence day has another date: left out
    let t = "India's Independence Day";
    assert!(
        tag_on(t, "2019-07-30").is_empty(),
        "{:?}",
        brief(t, &tag_on(t, "2019-07-30"))
    );
    // a count in the morning stays a count
    let t = "killed 5 in the morning";
    let v = tag_on(t, "2019-07-30");
    assert!(
        v.iter()
            .any(|m| m.kind == NumberKind::Cardinal && m.value == Some(5.0)),
        "{:?}",
        brief(t, &v)
    );
}

#[test]
fn more_date_notations() {
    assert_isos(
        "2019-07-30",
        &[
            (
                "How about 2019-Q1",
                "2019-Q1",
                "date_range",
                "2019-01/2019-03",
            ),
            (
                "On 2016 10 16, the conference started",
                "2016 10 16",
                "date",
                "2016-10-16",
            ),
            (
                "back to China in 2017 april.",
                "2017 april",
                "date",
                "2017-04",
            ),
            (
                "after the 15th day of June",
                "the 15th day of June",
                "date",
                "2019-06-15",
            ),
            (
                "from 10/1 to 11/7",
                "10/1 to 11/7",
                "date_range",
                "2019-10-01/2019-11-07",
            ),
            (
                "2/29-3/1",
                "2/29-3/1",
                "date_range",
                "2020-02-29/2020-03-01",
            ),
            ("it dates back to 1865, and", "1865", "date", "1865"),
            ("in 1848 the revolution", "1848", "date", "1848"),
            (
                "one hour and half",
                "one hour and half",
                "duration",
                "PT1.5H",
            ),
        ],
    );
    // an old four-digit number without a year cue is a number; a day that does not exist
    // in the year written is no date
    assert!(
        tag("rose to 1865")
            .iter()
            .all(|m| m.kind == NumberKind::Cardinal)
    );
    assert!(
        tag("2/29-3/1/2019")
            .iter()
            .all(|m| m.iso.as_deref() != Some("2019-02-29/2019-03-01"))
    );
    assert!(
        tag("In 2016 12 people died")
            .iter()
            .any(|m| m.value == Some(12.0))
    );
}

#[test]
fn compound_fractions_and_percent_of() {
    for (t, v) in [
        ("one twenty-fifth", 0.04),
        ("a twenty-first", 1.0 / 21.0),
        ("three twenty-firsts", 3.0 / 21.0),
        ("twenty twenty fifths", 0.8),
        ("one hundred thirty-fifths", 100.0 / 35.0),
        ("ninety - five hundred-fifths", 1900.0),
    ] {
        let m = one(t);
        assert_eq!(m.kind, NumberKind::Fraction, "{t}");
        assert!(
            (m.value.unwrap_or(0.0) - v).abs() < 1e-9,
            "{t}: {:?}",
            m.value
        );
    }
    // an ordinal before a noun stays an ordinal
    let t = "a twenty-first century problem";
    assert!(
        tag(t).iter().all(|m| m.kind != NumberKind::Fraction),
        "{:?}",
        brief(t, &tag(t))
    );
    for (t, v) in [("percent of 10", 10.0), ("per cent of twenty-two", 22.0)] {
        let m = one(t);
        assert_eq!((m.kind, m.value), (NumberKind::Percent, Some(v)), "{t}");
    }
    // a count after "percent of", or a percent with its number before, is not this form
    let t = "10 percent of 200 people";
    let v = tag(t);
    assert_eq!(v.len(), 2, "{:?}", brief(t, &v));
    assert_eq!((v[0].value, v[1].value), (Some(10.0), Some(200.0)));
}

#[test]
fn ranges_of_relative_and_yearless_dates() {
    assert_isos(
        "2019-08-30",
        &[
            (
                "from Nov to March",
                "from Nov to March",
                "date_range",
                "2019-11/2020-03",
            ),
            (
                "from November to March 2017",
                "from November to March 2017",
                "date_range",
                "2016-11/2017-03",
            ),
            (
                "from this May to Oct 2020",
                "from this May to Oct 2020",
                "date_range",
                "2019-05/2020-10",
            ),
            (
                "from next monday to friday",
                "from next monday to friday",
                "date_range",
                "2019-09-02/2019-09-06",
            ),
            (
                "free Tuesday, Jan 15, 1:00 PM - 1:15 PM?",
                "Tuesday, Jan 15, 1:00 PM - 1:15 PM",
                "time",
                "2020-01-15T13:00/2020-01-15T13:15",
            ),
        ],
    );
}

#[test]
fn fractions_read_out_with_over() {
    for (t, v) in [("1 over three", 1.0 / 3.0), ("one over one hundred", 0.01)] {
        let m = one(t);
        assert_eq!(m.kind, NumberKind::Fraction, "{t}");
        assert!((m.value.unwrap_or(0.0) - v).abs() < 1e-9, "{t}");
    }
    none_of_kind(
        &[
            "a group of 5 over 65",
            "they won 3 over 2",
            "10 over 65 years old",
        ],
        NumberKind::Fraction,
    );
}

#[test]
fn from_to_is_a_range_unless_a_change() {
    let m = one("from 200 to 300 people attended");
    assert_eq!(
        (m.modifier.as_deref(), m.lower, m.upper),
        (Some("range"), Some(200.0), Some(300.0))
    );
    for t in [
        "prices rose from 5 to 10",
        "its forecast was cut from 3% to 2%",
        "increased its stake in the company from 20% to 30%",
    ] {
        let v = tag(t);
        assert_eq!(v.len(), 2, "{t}: {:?}", brief(t, &v));
        assert!(
            v.iter().all(|m| m.modifier.is_none()),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    let m = one("on Valentines Day");
    assert_eq!(m.iso.as_deref(), Some("XXXX-02-14"));
}

#[test]
fn change_verbs_far_back_and_half_to_a_percent() {
    let t = "would raise the pension age for council workers from 60 to 65.";
    assert!(
        tag(t).iter().all(|m| m.modifier.is_none()),
        "{:?}",
        brief(t, &tag(t))
    );
    let t = "cut GM's stake in half to 10%.";
    assert!(
        tag(t).iter().all(|m| m.kind != NumberKind::Time),
        "{:?}",
        brief(t, &tag(t))
    );
}

#[test]
fn names_and_odds_are_no_dates() {
    let t = "former Happy Mondays star Bez";
    assert!(tag(t).is_empty(), "{:?}", brief(t, &tag(t)));
    let t = "He has moved from 4/1 to 5/2 favourite to play 007";
    assert!(
        tag(t).iter().all(|m| m.kind != NumberKind::DateRange),
        "{:?}",
        brief(t, &tag(t))
    );
    let t = "broadcast on Tuesdays, Wednesdays and Thursdays";
    assert_eq!(tag(t).len(), 3, "{:?}", brief(t, &tag(t)));
}

/// Texts in which no mention of `kind` covers `word`.
fn assert_no_date(published: &str, cases: &[(&str, &str)]) {
    for (t, word) in cases {
        let v = tag_on(t, published);
        let got = brief(t, &v);
        assert!(
            !got.iter().any(|g| g.0.contains(word)
                && matches!(g.1, "date" | "date_range" | "time" | "duration")),
            "{t}: no date for {word:?}, got {got:?}"
        );
    }
}

#[test]
fn now_is_the_moment_of_writing() {
    assert_isos(
        "2016-11-07",
        &[
            ("I'll go back now", "now", "date", "2016-11-07"),
            (
                "Music feels like it's dead right now.",
                "right now",
                "date",
                "2016-11-07",
            ),
            (
                "It has never happened until now.",
                "now",
                "date",
                "2016-11-07",
            ),
            (
                "As of now, no one has been charged.",
                "now",
                "date",
                "2016-11-07",
            ),
        ],
    );
    assert_no_date(
        "2016-11-07",
        &[
            ("Now, the government must act.", "now"),
            ("The firm is now the largest in Europe.", "now"),
            ("He is now \"resting\" in hospital.", "now"),
            ("and now that he is running again", "now"),
            ("the now-defunct party", "now"),
            ("from now on", "now"),
        ],
    );
    assert!(tag("I'll go back now")[0].iso.is_none());
}

#[test]
fn the_day_the_week_the_year() {
    assert_isos(
        "2018-05-22",
        &[
            ("I'm blocked for the day", "the day", "date", "2018-05-22"),
            ("I'm away for the month", "the month", "date", "2018-05"),
            (
                "Hey, we got Cloud partner of the year.",
                "the year",
                "date",
                "2018",
            ),
            (
                "She quit earlier in the week.",
                "the week",
                "date",
                "2018-W21",
            ),
            (
                "What happened the day before",
                "the day before",
                "date",
                "2018-05-21",
            ),
            (
                "What's your plan for the day after?",
                "the day after",
                "date",
                "2018-05-23",
            ),
            (
                "the day after tomorrow",
                "the day after tomorrow",
                "date",
                "2018-05-24",
            ),
            (
                "the day before yesterday",
                "the day before yesterday",
                "date",
                "2018-05-20",
            ),
            (
                "go to bed end of the day",
                "end of the day",
                "date",
                "2018-05-22",
            ),
            (
                "A party at the end of year.",
                "the end of year",
                "date",
                "2018",
            ),
            ("messages at the eod", "the eod", "date", "2018-05-22"),
            ("Show sales in the week 1", "the week 1", "date", "2018-W01"),
            ("week 10 of 2019", "week 10 of 2019", "date", "2019-W10"),
        ],
    );
    // the end of a day is the day with modifier late
    let v = tag_on("go to bed end of the day", "2018-05-22");
    assert_eq!(v[0].modifier.as_deref(), Some("late"));
    // a day counted from another event, the day of an event told before: no value
    let v = tag_on("the day after the election", "2018-05-22");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].iso, None);
    let v = tag_on("It rained later that day.", "2018-05-22");
    assert_eq!(brief("It rained later that day.", &v)[0].0, "that day");
    assert_eq!(v[0].iso, None);
    assert_no_date(
        "2018-05-22",
        &[
            ("the day of the attack", "day"),
            ("This is the day the world changes.", "day"),
            ("on the day he died", "day"),
            ("Thought for the Day slot", "Day"),
            ("the year-long inquiry", "year"),
            ("the week commencing February 4", "week"),
            ("There is no week 00", "week"),
            ("I waited, day after day.", "day"),
        ],
    );
}

#[test]
fn durations_without_digits() {
    assert_isos(
        "2016-11-07",
        &[
            ("I'll leave for all day", "all day", "duration", "P1D"),
            ("I'll leave for few hours", "few hours", "duration", "PT3H"),
            (
                "It lasted a couple of days.",
                "a couple of days",
                "duration",
                "P2D",
            ),
            ("for the whole week", "the whole week", "duration", "P1W"),
            ("in a fortnight", "a fortnight", "duration", "P2W"),
            (
                "Let's have a quarterly meeting.",
                "quarterly",
                "duration",
                "P3M",
            ),
            ("time for the annual review", "annual", "duration", "P1Y"),
            ("I'll take a run weekly", "weekly", "duration", "P1W"),
        ],
    );
    assert!(tag("a few hours")[0].vague);
    assert_eq!(
        tag("the annual review")[0].modifier.as_deref(),
        Some("every")
    );
    assert_no_date("2016-11-07", &[("the Daily Mail reported", "Daily")]);
}

#[test]
fn seasons() {
    assert_isos(
        "2019-07-11",
        &[
            (
                "Winter, and more so the first quarter, was polluted",
                "Winter",
                "date",
                "WI",
            ),
            ("We travel this summer.", "this summer", "date", "2019-SU"),
            ("He moved last summer.", "last summer", "date", "2018-SU"),
            ("He moved last winter.", "last winter", "date", "2018-WI"),
            (
                "in the spring of 2019",
                "the spring of 2019",
                "date",
                "2019-SP",
            ),
            ("until summer 2008", "summer 2008", "date", "2008-SU"),
            ("a verdict in the autumn.", "the autumn", "date", "FA"),
            ("next autumn", "next autumn", "date", "2019-FA"),
        ],
    );
    assert_isos(
        "2019-01-20",
        &[("last winter", "last winter", "date", "2017-WI")],
    );
    let v = tag_on("in early summer", "2019-07-11");
    assert_eq!(v[0].modifier.as_deref(), Some("early"));
    assert_no_date(
        "2019-07-11",
        &[
            ("Prices will fall.", "fall"),
            ("the fall in prices", "fall"),
            ("after the fall of Kabul", "fall"),
            ("the Arab Spring", "Spring"),
            ("a summer camp", "summer"),
            ("the Winter Olympics", "Winter"),
            ("the Spring Festival", "Spring"),
            ("a hot spring", "spring"),
        ],
    );
}

#[test]
fn durations_read_as_dates() {
    assert_isos(
        "2018-07-05",
        &[
            (
                "I will leave in two months",
                "in two months",
                "date",
                "2018-09-05",
            ),
            (
                "I want to loan $10000 in 3 years",
                "in 3 years",
                "date",
                "2021-07-05",
            ),
            (
                "in a fortnight’s time",
                "in a fortnight’s time",
                "date",
                "2018-07-19",
            ),
            (
                "in three weeks' time",
                "in three weeks' time",
                "date",
                "2018-07-26",
            ),
            (
                "The vote will take place in three weeks.",
                "in three weeks",
                "date",
                "2018-07-26",
            ),
            (
                "I'll go back two days from now",
                "two days from now",
                "date",
                "2018-07-07",
            ),
        ],
    );
    // later/earlier count from an event told before: a date without value; clock units a time
    for (t, span, kind) in [
        ("He was released two days later.", "two days later", "date"),
        (
            "Let's take a walk 30 minutes later",
            "30 minutes later",
            "time",
        ),
        ("from 55 cents a year earlier", "a year earlier", "date"),
    ] {
        let v = tag_on(t, "2018-07-05");
        let b = brief(t, &v);
        assert!(
            b.iter()
                .any(|g| g.0 == span && g.1 == kind && g.3.is_none()),
            "{t}: {b:?}"
        );
    }
    // a span looking back stays a duration
    let t = "the highest level in 10 years";
    assert_eq!(brief(t, &tag_on(t, "2018-07-05"))[0].1, "duration");
}

#[test]
fn impossible_days_are_dates_without_value() {
    let v = tag_on("feb 30", "2019-01-30");
    assert_eq!(
        brief("feb 30", &v),
        vec![("feb 30".to_owned(), "date", None, None, None)]
    );
}

#[test]
fn moving_holidays_decades_and_half_years() {
    assert_isos(
        "2019-03-12",
        &[
            ("on Easter 2019", "Easter 2019", "date", "2019-04-21"),
            (
                "When was the last easter?",
                "last easter",
                "date",
                "2018-04-01",
            ),
            (
                "shops close on Good Friday",
                "Good Friday",
                "date",
                "2019-04-19",
            ),
            ("Easter Monday", "Easter Monday", "date", "2019-04-22"),
            ("at Thanksgiving", "Thanksgiving", "date", "2018-11-22"),
            (
                "I'll go back on black friday 2010",
                "black friday 2010",
                "date",
                "2010-11-26",
            ),
            ("before Labor Day", "Labor Day", "date", "2019-09-02"),
            (
                "Memorial Day 2020",
                "Memorial Day 2020",
                "date",
                "2020-05-25",
            ),
            (
                "music of the nineties",
                "the nineties",
                "date_range",
                "1990/1999",
            ),
            (
                "Who were presidents in the 90s",
                "90s",
                "date_range",
                "1990/1999",
            ),
            ("a hit in the '60s", "'60s", "date_range", "1960/1969"),
            (
                "in the first half of 2019",
                "the first half of 2019",
                "date_range",
                "2019-01/2019-06",
            ),
            (
                "the second half of the year",
                "the second half of the year",
                "date_range",
                "2019-07/2019-12",
            ),
            ("talks in mid-March", "mid-March", "date", "2019-03"),
        ],
    );
    assert_no_date(
        "2019-03-12",
        &[
            ("a man in his 60s", "60"),
            ("in their forties", "forties"),
            ("Easter Island", "Easter"),
            ("an Easter egg", "Easter"),
        ],
    );
    // a good Friday (lowercase adjective) is a Friday, not Good Friday
    let v = tag_on("a good Friday for the markets", "2019-03-12");
    assert_eq!(v[0].iso.as_deref(), Some("2019-03-08"));
}

#[test]
fn triggers_before_unknown_words_are_skipped_but_new_year_is_kept() {
    assert_isos(
        "2005-03-15",
        &[
            (
                "a New Years Eve party",
                "New Years Eve",
                "date",
                "2004-12-31",
            ),
            ("on New Year's Day", "New Year's Day", "date", "2005-01-01"),
            ("every other week", "every other week", "duration", "P2W"),
            (
                "a lot can change between now and June",
                "between now and June",
                "date_range",
                "2005-03-15/2005-06",
            ),
        ],
    );
}

#[test]
fn scaled_figures_keep_the_decimal_value_the_text_states() {
    // 32.2 * 1e6 and 4.1 * 1e6 are not exact in binary floating point
    for (text, want) in [
        ("32.2 mln", 32.2e6),
        ("4.1 mln", 4.1e6),
        ("$1.15 billion", 1.15e9),
        ("0.7 million", 700_000.0),
        ("3.3-4.1 million", 3.3e6),
    ] {
        let v = tag(text);
        let m = &v[0];
        assert_eq!(
            m.value.or(m.lower),
            Some(want),
            "{text}: {:?}",
            brief(text, &v)
        );
    }
}

#[test]
fn scale_words_joined_by_a_hyphen() {
    let m = one("a $1.5-billion deal");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Money, Some(1.5e9), Some("USD"))
    );
    let m = one("FMC's two-billion dlr recapitalization");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Money, Some(2e9), Some("USD"))
    );
    let m = one("a 10-million-dollar project");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Money, Some(1e7), Some("USD"))
    );
    let m = one("a 3-million population");
    assert_eq!((m.kind, m.value), (NumberKind::Cardinal, Some(3e6)));
    // a hyphen before another word is no scale: a 20-year-old
    let v = tag("a 20-year-old man");
    assert!(v.iter().all(|m| m.value != Some(20e6)), "{v:?}");
}

#[test]
fn vague_amounts_of_a_currency_are_money() {
    let text = "Millions of dollars were lost, and hundreds of millions of euros.";
    let v = tag(text);
    let b = brief(text, &v);
    assert_eq!(b[0].0, "Millions of dollars");
    assert_eq!(v[0].kind, NumberKind::Money);
    assert_eq!((v[0].unit.as_deref(), v[0].lower), (Some("USD"), Some(2e6)));
    assert_eq!(b[1].0, "hundreds of millions of euros");
    assert_eq!(v[1].unit.as_deref(), Some("EUR"));
    assert!(v[0].vague && v[1].vague);
    // pounds of a substance are a weight, not money
    let m = one("Thousands of pounds of explosives were found.");
    assert_eq!(m.kind, NumberKind::Cardinal);
}

#[test]
fn results_tables_compare_figures_without_an_object() {
    let v = tag("Net 47.3 mln vs 4.1 mln. Sales 32.2 mln versus 41.6 mln.");
    assert_eq!(v.len(), 4);
    assert!(v.iter().all(|m| m.object.is_none()), "{v:?}");
}

#[test]
fn a_number_joined_to_a_year_is_a_year() {
    let text = "TimeWarner has to restate 2000 and 2003 results, and 1998, 1999 or 2001 figures.";
    let v = tag(text);
    let b = brief(text, &v);
    let years: Vec<&str> = b
        .iter()
        .filter(|x| x.1 == "date")
        .map(|x| x.0.as_str())
        .collect();
    assert_eq!(years, ["2000", "2003", "1998", "1999", "2001"], "{b:?}");
    // a count stays a count: 1500 and 2000 people
    let text = "between 150 and 2000 people";
    let v = tag(text);
    assert!(
        v.iter().all(|m| m.kind != NumberKind::Date),
        "{:?}",
        brief(text, &v)
    );
}

#[test]
fn a_full_month_name_leaves_the_sentence_period_out() {
    for (text, want) in [
        ("It is due on 25 December. Sales rose.", "25 December"),
        ("It is due on the 2nd of March. Sales rose.", "2nd of March"),
        ("It opens on 3 Dec. 4 shows follow.", "3 Dec."),
        ("He left on Sept. 26 and came back.", "Sept. 26"),
    ] {
        let v = tag(text);
        let b = brief(text, &v);
        assert_eq!(b[0].0, want, "{b:?}");
    }
}

#[test]
fn a_year_before_a_yearly_figure_is_a_year() {
    for text in [
        "its 1986 results would match 1985 profits",
        "It forecast end-1987 stocks at around 290,000 tonnes.",
        "1988 sales rose",
    ] {
        let v = tag(text);
        let b = brief(text, &v);
        assert!(
            b.iter().any(|x| x.1 == "date" && x.0.contains("198")),
            "{b:?}"
        );
        assert!(
            b.iter()
                .all(|x| x.1 != "cardinal" || !x.0.starts_with("198")),
            "{b:?}"
        );
    }
    // a count of things stays a count
    let m = one("He bought 2000 pieces.");
    assert_eq!(m.kind, NumberKind::Cardinal);
}

#[test]
fn figures_go_on_over_a_wrapped_line() {
    // newswire copy wraps lines at about 65 columns, in the middle of figures
    let text = "Faced with a budget deficit this year of at least five\nbillion dlrs, he called in February for a radical overhaul.";
    let v = tag(text);
    let b = brief(text, &v);
    let m = v
        .iter()
        .find(|m| m.kind == NumberKind::Money)
        .expect("money");
    assert_eq!(
        (m.lower, m.unit.as_deref()),
        (Some(5e9), Some("USD")),
        "{b:?}"
    );
    // a continuation in lowercase is a wrap whatever the line's length
    let text = "Sales rose to 5,400\ndlrs.";
    assert_eq!(tag(text)[0].kind, NumberKind::Money);
    // short lines of a results table, a paragraph break, a closed sentence: no wrap
    for text in [
        "Net loss 94,862 vs profit 264,607\nSales 653,246 vs 1,300,515",
        "The deficit was at least five and growing quickly in all the regions\n\nBillion dlrs were lost.",
        "The deficit was expected to be at least five in all the regions, he said.\nBillion dlrs.",
    ] {
        let v = tag(text);
        assert!(
            v.iter().all(|m| !text[m.span.clone()].contains('\n')),
            "{:?}",
            brief(text, &v)
        );
    }
}

#[test]
fn tidy_rounds_at_fifteen_significant_digits() {
    use super::tidy;
    for (x, want) in [
        (32.2 * 1e6, 32.2e6),
        (4.1 * 1e6, 4.1e6),
        (1.15 * 1e9, 1.15e9),
        (0.7 * 1e3, 700.0),
        (1.234567 * 1e3, 1234.567),
        (-2.3 * 1e6, -2.3e6),
        (3.0, 3.0),
        (1e300 * 3.3, 1e300 * 3.3),
    ] {
        assert_eq!(tidy(x), want, "{x}");
    }
    assert!(tidy(f64::NAN).is_nan());
    assert_eq!(tidy(f64::INFINITY), f64::INFINITY);
}

#[test]
fn newswire_abbreviations_of_periods() {
    let text = "CAMPBELL RESOURCES 2ND QTR NET. Nine mths net profit rose. Profit in the first qtr of 1987 rose.";
    let v = tag(text);
    let b = brief(text, &v);
    assert_eq!(b[0].0, "2ND QTR");
    assert_eq!(b[0].1, "date_range");
    assert_eq!((b[1].0.as_str(), b[1].1), ("Nine mths", "duration"));
    assert_eq!(b[1].3.as_deref(), Some("P9M"));
    assert_eq!(b[2].0, "first qtr of 1987");
    assert_eq!(b[2].3.as_deref(), Some("1987-01/1987-03"));
}

#[test]
fn exact_decimals_are_what_the_float_parser_gives() {
    use super::exact_decimal;
    for s in [
        "0",
        "7",
        "240",
        "1987",
        "4000",
        "007",
        "5.5",
        "0.1",
        "0.3",
        "2.675",
        "1.005",
        "123456789012345",
        "99999999999999.9",
        "9007199254740.99",
        "3.14159265358979",
        "0.00000000000001",
    ] {
        assert_eq!(exact_decimal(s.as_bytes()), s.parse::<f64>().ok(), "{s}");
    }
    // left to the parser: too many digits, no digits on one side of the point, other bytes
    for s in [
        "1234567890123456",
        "0.000000000000001",
        "5.",
        ".5",
        "",
        ".",
        "1.2.3",
        "1e5",
        "-5",
    ] {
        assert_eq!(exact_decimal(s.as_bytes()), None, "{s}");
    }
}

/// (text of the mention, its modifier) for each sentence: the one mention covering `span`.
fn assert_modifiers(published: &str, cases: &[(&str, &str, &str, &str, Option<&str>)]) {
    for (t, span, kind, iso, modifier) in cases {
        let v = tag_on(t, published);
        let got = brief(t, &v);
        assert!(
            got.iter().any(|g| g.0 == *span
                && g.1 == *kind
                && g.3.as_deref() == Some(*iso)
                && g.4.as_deref() == *modifier),
            "{t}: want ({span}, {kind}, {iso}, {modifier:?}), got {got:?}"
        );
    }
}

#[test]
fn early_mid_late_years_and_decades() {
    assert_modifiers(
        "2019-06-12",
        &[
            (
                "prices rose in early 2020.",
                "early 2020",
                "date",
                "2020",
                Some("early"),
            ),
            (
                "in mid-2019 the firm",
                "mid-2019",
                "date",
                "2019",
                Some("mid"),
            ),
            ("since late 2017", "late 2017", "date", "2017", Some("late")),
            ("Mid 1989 was", "Mid 1989", "date", "1989", Some("mid")),
            (
                "in the early 1990s",
                "early 1990s",
                "date_range",
                "1990/1999",
                Some("early"),
            ),
            (
                "the mid-1960s",
                "mid-1960s",
                "date_range",
                "1960/1969",
                Some("mid"),
            ),
            (
                "in the late 80s",
                "late 80s",
                "date_range",
                "1980/1989",
                Some("late"),
            ),
            (
                "since the mid-90s",
                "mid-90s",
                "date_range",
                "1990/1999",
                Some("mid"),
            ),
            (
                "in the mid-nineties",
                "the mid-nineties",
                "date_range",
                "1990/1999",
                Some("mid"),
            ),
            (
                "the late 20th century",
                "late 20th century",
                "date_range",
                "1900/1999",
                Some("late"),
            ),
            (
                "artists of the 1980's",
                "1980's",
                "date_range",
                "1980/1989",
                None,
            ),
            (
                "in the early 1970's",
                "early 1970's",
                "date_range",
                "1970/1979",
                Some("early"),
            ),
            (
                "between early 1989 and early 1990.",
                "between early 1989 and early 1990",
                "date_range",
                "1989/1990",
                None,
            ),
        ],
    );
    // an age or a price in the mid-70s; the possessive of a year
    for t in ["now around the mid-70s, society", "2010's budget was cut"] {
        let v = tag_on(t, "2019-06-12");
        assert!(
            !v.iter().any(|m| m.kind == NumberKind::DateRange),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
}

#[test]
fn quarters_of_a_year_and_years_with_a_quarter() {
    assert_isos(
        "2019-06-12",
        &[
            (
                "profits in the 2018 Q4",
                "2018 Q4",
                "date_range",
                "2018-10/2018-12",
            ),
            (
                "results for Q3-2017 were",
                "Q3-2017",
                "date_range",
                "2017-07/2017-09",
            ),
            (
                "from 2017 q1 on",
                "2017 q1",
                "date_range",
                "2017-01/2017-03",
            ),
            (
                "Sales fell for the past two quarters.",
                "the past two quarters",
                "date_range",
                "2018-10/2019-03",
            ),
            (
                "The economy has grown for six quarters but",
                "six quarters",
                "duration",
                "P18M",
            ),
            (
                "GDP growth two quarters ahead",
                "two quarters",
                "duration",
                "P6M",
            ),
            (
                "in the first three quarters.",
                "first three quarters",
                "duration",
                "P9M",
            ),
            // (`of` names the year after `first`, `past`...: no fraction)
            (
                "profit in the first two quarters of fiscal 2019",
                "first two quarters",
                "duration",
                "P6M",
            ),
            // a financial year or a season written with a slash (the next year only)
            (
                "In 1998/99, for example",
                "1998/99",
                "date_range",
                "1998/1999",
            ),
            (
                "the 2019/2020 season",
                "2019/2020",
                "date_range",
                "2019/2020",
            ),
        ],
    );
    assert_no_date("2019-06-12", &[("ratio 2019/21 x", "2019/21")]);
    // a fraction is followed by `of`, or stands for people
    for t in [
        "three quarters of voters agree",
        "Three quarters said no.",
        "nearly three-quarters of the UK economy",
    ] {
        let v = tag(t);
        assert_eq!(v[0].kind, NumberKind::Fraction, "{t}: {:?}", brief(t, &v));
        assert_eq!(v[0].value, Some(0.75), "{t}");
    }
}

#[test]
fn feet_and_inches_and_clock_ranges_ending_pm() {
    for (t, span, v) in [
        ("Vieira is 6ft 4in and", "6ft 4in", 6.0 + 4.0 / 12.0),
        ("he is 5 feet and 6 inches.", "5 feet and 6 inches", 5.5),
        ("he is 5 feet 2 inches", "5 feet 2 inches", 5.0 + 2.0 / 12.0),
    ] {
        let m = tag(t);
        assert_eq!(m.len(), 1, "{t}: {:?}", brief(t, &m));
        assert_eq!(&t[m[0].span.clone()], span);
        assert_eq!(m[0].unit.as_deref(), Some("ft"));
        assert!((m[0].value.unwrap_or(0.0) - v).abs() < 1e-9, "{t}");
    }
    let m = one("screens of at least 42in");
    assert_eq!((m.unit.as_deref(), m.value), (Some("in"), Some(42.0)));
    assert_eq!(one("the 4in1 device").kind, NumberKind::Identifier);
    assert_isos(
        "2016-11-07",
        &[
            (
                "The show is from 7:30 to 10pm.",
                "from 7:30 to 10pm",
                "time",
                "19:30/22:00",
            ),
            (
                "tomorrow from 7:00 to 8:00pm",
                "tomorrow from 7:00 to 8:00pm",
                "time",
                "2016-11-08T19:00/2016-11-08T20:00",
            ),
            // the start would come after the end, or is written on a 24-hour clock
            (
                "between 10:30 and 2pm",
                "between 10:30 and 2pm",
                "time",
                "10:30/14:00",
            ),
            (
                "from 07:30 to 10pm",
                "from 07:30 to 10pm",
                "time",
                "07:30/22:00",
            ),
            (
                "from 9:15am to 5:30pm",
                "from 9:15am to 5:30pm",
                "time",
                "09:15/17:30",
            ),
        ],
    );
}

#[test]
fn ratios_fractions_of_a_scale_and_indian_grouping() {
    for (t, span, kind, v, object) in [
        (
            "one in five adults.",
            "one in five",
            "fraction",
            0.2,
            Some("adults"),
        ),
        ("4 in 10 people", "4 in 10", "fraction", 0.4, Some("people")),
        (
            "nine out of 10 separations",
            "nine out of 10",
            "fraction",
            0.9,
            Some("separations"),
        ),
        (
            "a quarter of a million people",
            "a quarter of a million",
            "cardinal",
            250000.0,
            Some("people"),
        ),
        (
            "two-thirds of a billion",
            "two-thirds of a billion",
            "cardinal",
            2e9 / 3.0,
            None,
        ),
        ("Net 45,00,000 vs", "45,00,000", "cardinal", 4500000.0, None),
        (
            "12,34,567.89 rupees",
            "12,34,567.89 rupees",
            "money",
            1234567.89,
            None,
        ),
        (
            "paid Rs 1,50,000 in",
            "Rs 1,50,000",
            "money",
            150000.0,
            None,
        ),
        ("Rs. 500 crore", "Rs. 500 crore", "money", 5e9, None),
    ] {
        let m = tag(t);
        let got = brief(t, &m);
        let hit = m.iter().find(|x| &t[x.span.clone()] == span);
        assert!(hit.is_some(), "{t}: want {span}, got {got:?}");
        let hit = hit.unwrap();
        assert_eq!(hit.kind.as_str(), kind, "{t}");
        assert!(
            (hit.value.unwrap_or(f64::NAN) - v).abs() <= 1e-6 * v.abs(),
            "{t}: {got:?}"
        );
        assert_eq!(hit.object.as_deref(), object, "{t}");
    }
    // a modifier bounds the ratio; a count in a span of time is no ratio; Rs only before
    let m = one("nearly one in five");
    assert_eq!(
        (m.modifier.as_deref(), m.lower, m.upper),
        (Some("almost"), None, Some(0.2))
    );
    let t = "he scored 2 in 90 minutes";
    assert!(tag(t).iter().all(|m| m.kind != NumberKind::Fraction), "{t}");
    assert_eq!(one("5 rs").kind, NumberKind::Cardinal);
    // lists of numbers are not Indian grouping
    let t = "Exercises 22,24,26,31.";
    assert!(tag(t).iter().all(|m| m.value != Some(22242631.0)), "{t}");
}

proptest::proptest! {
    #[test]
    fn exact_decimals_match_the_parser_on_random_digits(int in "[0-9]{1,12}", frac in "[0-9]{0,6}") {
        let s = if frac.is_empty() { int } else { format!("{int}.{frac}") };
        if let Some(v) = super::exact_decimal(s.as_bytes()) {
            proptest::prop_assert_eq!(Some(v), s.parse::<f64>().ok());
        }
    }
}

#[test]
fn a_number_that_ends_a_name_is_an_identifier() {
    for (text, span) in [
        ("He told BBC Radio 4's Today programme.", "4"),
        ("It airs on BBC One at 8pm.", "One"),
        ("He served in World War Two.", "Two"),
        ("He served in World War 2.", "2"),
        ("the Formula One team", "One"),
        ("They were promoted to League One.", "One"),
        ("Windows XP Service Pack 2 is out.", "2"),
    ] {
        let v = tag(text);
        assert!(
            v.iter()
                .any(|m| &text[m.span.clone()] == span && m.kind == NumberKind::Identifier),
            "{text}: {:?}",
            brief(text, &v)
        );
    }
    // a count or a score stays a count
    for (text, span) in [
        ("One man died.", "One"),
        ("He was on the radio 4 times.", "4"),
        ("They have won the League 18 times.", "18"),
        ("He told the BBC 20 people had died.", "20"),
    ] {
        let v = tag(text);
        assert!(
            v.iter()
                .any(|m| &text[m.span.clone()] == span && m.kind == NumberKind::Cardinal),
            "{text}: {:?}",
            brief(text, &v)
        );
    }
    // stock indexes and lists (not a table row with a grouped count)
    for (text, span) in [
        ("The FTSE 100 fell 45.2 points.", "100"),
        ("The S&P 500 fell 2%.", "500"),
        ("Tokyo's Nikkei 225 dropped.", "225"),
        ("the CAC 40 index", "40"),
        ("Fortune 500 companies", "500"),
    ] {
        let v = tag(text);
        assert!(
            v.iter()
                .any(|m| &text[m.span.clone()] == span && m.kind == NumberKind::Identifier),
            "{text}: {:?}",
            brief(text, &v)
        );
    }
    let text = "FTSE 25,741 10,444";
    assert!(tag(text).iter().all(|m| m.kind == NumberKind::Cardinal));
    // a score after a name is the score, not `League 2`
    let text = "their Premier League 2-1 win";
    assert_eq!(
        brief(text, &tag(text)),
        vec![("2-1".to_owned(), "identifier", None, None, None)]
    );
}

/// Each text tokenized and read by a parser (published 2019-06-01), for the pre-test tests.
fn each_parser(texts: &[&str], mut f: impl FnMut(&str, &super::P)) {
    for &text in texts {
        let (mut toks, mut starts) = (Vec::new(), Vec::new());
        super::lex::tokenize(text, &mut toks, &mut starts);
        let p = super::P::new(text, &toks, super::cal::parse_iso("2019-06-01"));
        f(text, &p);
    }
}

/// The pre-test that skips the date and clock rules at a number never skips a number where
/// one of them matches (it only saves time), and it does skip plain counts.
#[test]
fn date_time_pretest_is_exact() {
    use super::lex::TK;
    let texts = [
        "240 civilians died on 5 March, 2017 at 10:30 and 5 of March and 5 day of May.",
        "at 5 a.m. or 5 p.m., 5am, 8pm, 7 o'clock, 1000 GMT, 11ish, 9.am, 8:45a",
        "2100 EST, 0900 local time, 0600 hrs, at 1900 hours, 1986 EST, 2000 hours of work",
        "ten past nine, 20 min past eight, 20 minutes after 7, 5 past 6, 2.0 past 3",
        "19.04.2022, 6.45 today, at 2.30, 1.5 million, 3.25, 12.5%, 0.05, 1.05.",
        "2019-Q1, 2019 Q1, 2019-aug-1, 2015-03, 2008-09, 2017 April, 2016 10 16, 2019/20",
        "5-year-old, 10-day, 18-19 November 2017, 3-5 June, 10/1 to 11/7, 22/04, 9/11",
        "4,000 people, 1,50,000 rupees, 0,050 past nine, 1,000e-3 past 2, 5, 6, 7; 8) 9? 10!",
        "the 15th of next month, 3rd quarter, 15th, 2nd, 1990s, 5%, 24/7, 1e3, 12e-1 past",
        "the 3 months to June, 5 to 7 in the morning, 5 to 10, 3 days, 2 hours and 30 minutes",
    ];
    let mut skipped = 0;
    each_parser(&texts, |text, p| {
        for (i, t) in p.t.iter().enumerate() {
            if t.kind == TK::Num && p.no_date_or_time_at(i) {
                skipped += 1;
                let at = &text[t.start as usize..];
                assert!(p.date_at(i).is_none(), "date at {at:?}");
                assert!(p.time_at(i).is_none(), "time at {at:?}");
            }
        }
    });
    assert!(skipped >= 20, "{skipped}");
}

/// The pre-test that skips the clock rules in words at a word never skips a word where they
/// match (it only saves time), and it does skip number words before nouns.
#[test]
fn clock_words_pretest_is_exact() {
    use super::lex::TK;
    let texts = [
        "half past seven, quarter to five, a quarter past 9, ten past nine, five to seven",
        "twenty min past eight in the evening, 20 minutes after 7, seven o'clock, six pm",
        "six p.m. on Monday, nine A.M., eleven oclock, five-thirty, at nine fifteen, two forty five",
        "three people, a million dollars, four dozen eggs, one hundred and five past two",
        "five point five past four, two dozs past one, half an hour, three quarters past",
        "one and a half past six, twelve noon, ten AM, eight pm, one P.M. sharp, at nine tonight",
        "seven days, twelve months to June, three, four... five! six",
        "two soldiers and five civilians, nine children, eleven members, a billion euros",
    ];
    let (mut skipped, mut matched) = (0, 0);
    each_parser(&texts, |text, p| {
        for (i, t) in p.t.iter().enumerate() {
            if t.kind == TK::Word && p.no_clock_words_at(i) {
                skipped += 1;
                let at = &text[t.start as usize..];
                assert!(p.clock_words_rules(i).is_none(), "clock at {at:?}");
            }
        }
        matched += (0..p.t.len())
            .filter(|&i| p.clock_words_rules(i).is_some())
            .count();
    });
    // the phrases exercise the rules, and the pre-test skips the number words before nouns
    assert!(matched >= 15, "{matched}");
    assert!(skipped >= 15, "{skipped}");
}

/// The pre-test that skips the measure and duration rules after a figure never skips a token
/// where one of them matches (it only saves time), and it does skip nouns and marks.
#[test]
fn unit_pretest_is_exact() {
    use super::Atom;
    use crate::types::NumberKind;
    let texts = [
        "10 km, 10km, 3-inch, 200lbs, 16,000 metric tons, 660 square meters, 85°, 85 °C, 5 sq km",
        "2in, a 55in screen, 6ft 4in, 3 pounds, 10 pound note, 5 m2, 3 km/h, 60 km per hour",
        "3 years, six-month, 29 years old, 28-year-old, 3 years of age, two days ago, 2 second",
        "for 3 quarters, two quarters ago, 3 quarters of voters, 5 degrees Celsius, 5 deg F",
        "the first 3 quarters of 1986/87, for three quarters of an hour, past 2 quarters of it",
        "240 civilians died in 2017, 2% of 5,000 people; 4 (four) - 5 in 10 and 3 in the",
        "12 MW, 4 GW, 7 volts, 10 mi, 3 ha, 2 oz, 5 kw, 1 m, 9 g. 3 mins, 2 hrs, 4 secs",
        "30 seconds, 5 Seconds, 3 QUARTERS ago, 4 Pounds, 2 IN, 7 Square miles, 8 SQ km",
    ];
    let (mut skipped, mut matched) = (0, 0);
    each_parser(&texts, |text, p| {
        for k in 1..=p.t.len() {
            let a = Atom::num(k - 1, k, NumberKind::Cardinal, 3.0);
            let m = p.measure_after(k, &a);
            let d = p.duration_after_rules(k, &a, true);
            if p.no_unit_at(k) {
                skipped += 1;
                let at = text.get(p.t.get(k).map_or(text.len(), |t| t.start as usize)..);
                assert!(m.is_none(), "measure at {at:?}");
                assert!(d.is_none(), "duration at {at:?}");
            }
            matched += usize::from(m.is_some()) + usize::from(d.is_some());
        }
    });
    // the phrases exercise the rules, and the pre-test skips the nouns, numbers and marks
    assert!(matched >= 30, "{matched}");
    assert!(skipped >= 60, "{skipped}");
}

#[test]
fn possessives_keep_their_dates_durations_and_units() {
    // the word ends before an ASCII `'s` as before a typographic one
    assert_isos(
        "2019-07-04",
        &[
            ("Monday's vote was close", "Monday", "date", "2019-07-01"),
            ("Last year's profit rose", "Last year", "date", "2018"),
            ("at today's meeting", "today", "date", "2019-07-04"),
            ("on New Year's Eve", "New Year's Eve", "date", "2019-12-31"),
            (
                "about one month's imports",
                "about one month",
                "duration",
                "P1M",
            ),
        ],
    );
    let t = "The dollar's fall";
    assert_eq!(tag(t)[0].kind, NumberKind::Unit, "{:?}", brief(t, &tag(t)));
    // `don't`, `o'clock` and other inner apostrophes stay inside their word
    assert_eq!(one("at 5 o'clock").kind, NumberKind::Time);
    // India's Independence Day is another country's: left out
    assert!(tag_on("India's Independence Day", "2019-07-30").is_empty());
}

#[test]
fn a_capitalized_cent_after_a_number_is_a_name() {
    let m = one("50 Cent's album");
    assert_eq!(m.kind, NumberKind::Cardinal);
    assert_eq!(one("12 CENTS").kind, NumberKind::Money);
}

#[test]
fn named_days_of_events() {
    assert_isos(
        "2019-07-04",
        &[
            (
                "since 9/11 the US has changed",
                "9/11",
                "date",
                "2001-09-11",
            ),
            ("the 9/11 commission", "9/11", "date", "2001-09-11"),
            ("the July 7 bombings", "July 7", "date", "2019-07-07"),
        ],
    );
    // before the attacks, 9/11 is a day like any other
    let before = tag_on("due on 9/11", "2000-01-10");
    assert_eq!(before.len(), 1);
    assert_ne!(before[0].iso.as_deref(), Some("2001-09-11"));
    // a count after a month alone stays a count
    let t = "In May 4 people died";
    assert!(
        tag_on(t, "2019-07-04")
            .iter()
            .any(|m| m.kind == NumberKind::Cardinal && m.value == Some(4.0)),
        "{:?}",
        brief(t, &tag_on(t, "2019-07-04"))
    );
}

#[test]
fn a_month_before_a_count_stays_a_month() {
    // the day reading is refused (a count follows), the month is still the month
    for (t, count) in [
        ("In August, 12 people died in a similar crash.", 12.0),
        ("In May 4 people died", 4.0),
        ("In March 40 soldiers were killed.", 40.0),
        ("Since October 300 families have left.", 300.0),
        ("In March twenty more died.", 20.0),
    ] {
        let m = tag_on(t, "2019-07-04");
        assert!(
            m.iter()
                .any(|x| x.kind == NumberKind::Date && x.iso.is_some()),
            "{:?}",
            brief(t, &m)
        );
        assert!(
            m.iter()
                .any(|x| x.kind == NumberKind::Cardinal && x.value == Some(count)),
            "{:?}",
            brief(t, &m)
        );
    }
    // a lowercase `may` is the verb, and a day with no count stays a day
    let t = "They may 4 people";
    assert!(
        !tag_on(t, "2019-07-04")
            .iter()
            .any(|x| x.kind == NumberKind::Date),
        "{:?}",
        brief(t, &tag_on(t, "2019-07-04"))
    );
    let m = tag_on("In August, 12 days later, it ended.", "2019-07-04");
    assert!(m.iter().any(|x| x.kind == NumberKind::Date), "{m:?}");
    // the month before a count takes the tense of the clause's verb (`died`: a short past)
    for (t, iso) in [
        ("In August, 12 people died in a similar crash.", "2018-08"),
        ("In August, 12 people will run the race.", "2019-08"),
        ("In August 12 people died.", "2018-08"),
    ] {
        let m = tag_on(t, "2019-06-14");
        assert!(
            m.iter()
                .any(|x| x.kind == NumberKind::Date && x.iso.as_deref() == Some(iso)),
            "{:?}",
            brief(t, &m)
        );
    }
    // after a determiner or `on`, the day qualifies the noun: one full date
    for (t, span, iso) in [
        (
            "He will prepare for a November 19 news conference.",
            "November 19",
            "2019-11-19",
        ),
        (
            "The strike which began on February 27 looks close to ending.",
            "February 27",
            "2019-02-27",
        ),
        (
            "Its April 23 stockholders meeting was delayed.",
            "April 23",
            "2019-04-23",
        ),
    ] {
        let m = tag_on(t, "2019-07-04");
        assert!(
            m.iter()
                .any(|x| &t[x.span.clone()] == span && x.iso.as_deref() == Some(iso)),
            "{:?}",
            brief(t, &m)
        );
    }
}

#[test]
fn first_and_last_few_units_of_a_period() {
    // a vague count in a part of a named period: a calendar range flagged vague
    for (t, span, iso) in [
        (
            "Sales rose in the first few months of 2020.",
            "the first few months of 2020",
            "2020-01/2020-03",
        ),
        (
            "in the first few months of this year",
            "the first few months of this year",
            "2019-01/2019-03",
        ),
        (
            "prices fell in the last few days of March",
            "the last few days of March",
            "2019-03-29/2019-03-31",
        ),
    ] {
        let m = one_on(t, "2019-07-04");
        assert_eq!(&t[m.span.clone()], span, "{t}");
        assert_eq!(m.iso.as_deref(), Some(iso), "{t}");
        assert!(m.vague, "{t}");
    }
    // without a named period: the length from the start of something, no ordinal row
    for (t, span, iso) in [
        (
            "growth was strong in the first few months, he said",
            "first few months",
            "P3M",
        ),
        (
            "in the first two years of the war",
            "first two years",
            "P2Y",
        ),
    ] {
        let m = one_on(t, "2019-07-04");
        assert_eq!(&t[m.span.clone()], span, "{t}");
        assert_eq!(m.kind, NumberKind::Duration, "{t}");
        assert_eq!(m.iso.as_deref(), Some(iso), "{t}");
    }
    // an ordinal of things stays one
    let v = tag("the first three cars");
    assert!(v.iter().any(|m| m.kind == NumberKind::Ordinal), "{v:?}");
}

#[test]
fn nine_eleven_without_a_publication_date() {
    // news without a date is read as news written after the attacks
    for (t, span) in [
        ("since 9/11 the US has changed", "9/11"),
        ("the 9/11 commission said", "9/11"),
    ] {
        let m = one(t);
        assert_eq!(&t[m.span.clone()], span);
        assert_eq!(m.iso.as_deref(), Some("2001-09-11"), "{t}");
    }
    // with a year it is the day of that year
    assert_eq!(one("on 9/11/2019").iso.as_deref(), Some("2019-09-11"));
}

#[test]
fn decimals_written_without_their_zero() {
    for (t, span, v) in [
        ("rates rose .08 percent", ".08 percent", 0.08),
        ("a .45 caliber pistol", ".45", 0.45),
        ("he is batting .300 this year", ".300", 0.3),
        ("the price was $.50 a share", "$.50", 0.5),
    ] {
        let got = tag(t);
        assert!(
            got.iter()
                .any(|m| &t[m.span.clone()] == span && m.value == Some(v)),
            "{t}: {:?}",
            brief(t, &got)
        );
    }
    // a point inside a name, a version or an address is no decimal point
    for t in [
        "see file.08 now",
        "version 2.08 out",
        "at 192.168.1.2 today",
    ] {
        assert!(
            tag(t).iter().all(|m| m.value.is_none_or(|v| v >= 1.0)),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

#[test]
fn twice_a_year_and_every_two_months() {
    for (t, span, iso) in [
        ("a semi-annual dividend", "semi-annual", "P6M"),
        ("paid semiannually to holders", "semiannually", "P6M"),
        ("the semiannual report", "semiannual", "P6M"),
        ("its half-yearly results", "half-yearly", "P6M"),
        ("a biannual meeting", "biannual", "P6M"),
        ("the bi-annual summit", "bi-annual", "P6M"),
        ("a bimonthly magazine", "bimonthly", "P2M"),
        ("an annual report", "annual", "P1Y"),
    ] {
        let m = one(t);
        assert_eq!(&t[m.span.clone()], span, "{t}");
        assert_eq!(m.iso.as_deref(), Some(iso), "{t}");
        assert_eq!(m.modifier.as_deref(), Some("every"), "{t}");
    }
    // twice a month is no whole period: no row rather than a wrong one
    assert!(tag("a semi-monthly payment").is_empty());
}

#[test]
fn a_dash_between_two_full_numeric_dates() {
    assert_isos(
        "2018-10-24",
        &[
            (
                "I will leave from 5/1/2019-5/7/2020",
                "5/1/2019-5/7/2020",
                "date_range",
                "2019-05-01/2020-05-07",
            ),
            (
                "closed 1/5/2019-1/7/2019.",
                "1/5/2019-1/7/2019",
                "date_range",
                "2019-01-05/2019-01-07",
            ),
        ],
    );
}

#[test]
fn counted_decades_from_publication_are_calendar_decades() {
    assert_isos(
        "2018-07-02",
        &[
            (
                "in the next two decades.",
                "the next two decades",
                "date_range",
                "2020/2039",
            ),
            (
                "over the past three decades",
                "the past three decades",
                "date_range",
                "1980/2009",
            ),
            // one decade, as before
            (
                "in the next decade",
                "next decade",
                "date_range",
                "2020/2029",
            ),
        ],
    );
    // part of another period stays a duration
    let t = "the last two decades of the century";
    assert!(
        tag_on(t, "2018-07-02")
            .iter()
            .any(|m| m.kind == NumberKind::Duration),
        "{:?}",
        brief(t, &tag_on(t, "2018-07-02"))
    );
}

#[test]
fn two_counts_before_ago_are_one_date() {
    assert_isos(
        "2016-11-07",
        &[
            (
                "2 weeks and 2 days ago they found it",
                "2 weeks and 2 days ago",
                "date",
                "2016-10-22",
            ),
            (
                "it closed two years and three months ago.",
                "two years and three months ago",
                "date",
                "2014-08",
            ),
            (
                "it closed 1 year, 2 months ago.",
                "1 year, 2 months ago",
                "date",
                "2015-09",
            ),
        ],
    );
}

#[test]
fn a_weekday_before_a_plural_part_of_the_day_recurs() {
    for (t, span, iso) in [
        (
            "the shop opens on Sunday mornings",
            "Sunday mornings",
            "XXXX-WXX-7",
        ),
        (
            "he plays on tuesday nights.",
            "tuesday nights",
            "XXXX-WXX-2",
        ),
    ] {
        let m = one_on(t, "2019-05-03");
        assert_eq!(&t[m.span.clone()], span, "{t}");
        assert_eq!(m.iso.as_deref(), Some(iso), "{t}");
        assert_eq!(m.modifier.as_deref(), Some("every"), "{t}");
    }
    // one morning is one day
    let v = tag_on("on Sunday morning", "2019-05-03");
    assert_eq!(v[0].iso.as_deref(), Some("2019-04-28"));
}

#[test]
fn every_morning_is_daily_like_every_night() {
    for t in [
        "we run every morning",
        "she calls every evening.",
        "every night",
    ] {
        let m = one(t);
        assert_eq!(m.kind, NumberKind::Duration, "{t}");
        assert_eq!(m.iso.as_deref(), Some("P1D"), "{t}");
        assert_eq!(m.modifier.as_deref(), Some("every"), "{t}");
    }
}

/// (text, kind, value, unit) of the only mention of `t` that is not a `unit` row.
fn figure(t: &str) -> (String, &'static str, Option<f64>, Option<String>) {
    let v: Vec<NumberMention> = tag(t)
        .into_iter()
        .filter(|m| m.kind != NumberKind::Unit)
        .collect();
    assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
    let m = &v[0];
    (
        t[m.span.clone()].to_owned(),
        m.kind.as_str(),
        m.value,
        m.unit.clone(),
    )
}

#[test]
fn engine_power_sea_distances_and_energy_are_measures() {
    for (t, text, v, unit) in [
        ("The car has a 300 hp engine.", "300 hp", 300.0, "hp"),
        (
            "a 150-horsepower outboard motor",
            "150-horsepower",
            150.0,
            "hp",
        ),
        ("It develops 500bhp at full revs.", "500bhp", 500.0, "hp"),
        (
            "Engines of 1,200 horsepower were fitted",
            "1,200 horsepower",
            1200.0,
            "hp",
        ),
        (
            "sailed 200 nautical miles north",
            "200 nautical miles",
            200.0,
            "nmi",
        ),
        ("a 12-nautical-mile limit", "12-nautical-mile", 12.0, "nmi"),
        ("Winds of 60 knots were reported", "60 knots", 60.0, "kn"),
        ("a speed of one knot", "one knot", 1.0, "kn"),
        (
            "it produced 3.5 gigawatt-hours in total",
            "3.5 gigawatt-hours",
            3.5,
            "GWh",
        ),
        (
            "sold 400 megawatt hours of power",
            "400 megawatt hours",
            400.0,
            "MWh",
        ),
        (
            "used 12 kilowatt-hours in total",
            "12 kilowatt-hours",
            12.0,
            "kWh",
        ),
        ("a 2 gigawatt plant", "2 gigawatt", 2.0, "GW"),
        (
            "250 terawatt hours of demand",
            "250 terawatt hours",
            250.0,
            "TWh",
        ),
        ("a 5 kilowatt panel", "5 kilowatt", 5.0, "kW"),
    ] {
        assert_eq!(
            figure(t),
            (text.to_owned(), "measure", Some(v), Some(unit.to_owned())),
            "{t}"
        );
    }
    // HP the company is no unit; hours after a power are not a second figure
    let t = "HP sold 300 HP printers";
    assert!(
        tag(t).iter().all(|m| m.unit.as_deref() != Some("hp")),
        "{:?}",
        brief(t, &tag(t))
    );
}

#[test]
fn currencies_of_emerging_markets() {
    for (t, text, v, unit) in [
        (
            "It costs 50 Brazilian reais per ticket",
            "50 Brazilian reais",
            50.0,
            "BRL",
        ),
        ("fined 300 reais", "300 reais", 300.0, "BRL"),
        ("a loan of R$200 million", "R$200 million", 2e8, "BRL"),
        ("a bowl costs 50,000 dong", "50,000 dong", 50000.0, "VND"),
        (
            "paid 20,000 Vietnamese dong",
            "20,000 Vietnamese dong",
            20000.0,
            "VND",
        ),
        (
            "for 100 Kenyan shillings",
            "100 Kenyan shillings",
            100.0,
            "KES",
        ),
        (
            "5,000 Ugandan shillings",
            "5,000 Ugandan shillings",
            5000.0,
            "UGX",
        ),
        (
            "a fee of 200 Ghanaian cedis",
            "200 Ghanaian cedis",
            200.0,
            "GHS",
        ),
        ("earns 300 kwacha", "300 kwacha", 300.0, "ZMW"),
        ("paid 1,000 birr", "1,000 birr", 1000.0, "ETB"),
        ("500 Bangladeshi taka", "500 Bangladeshi taka", 500.0, "BDT"),
        ("a NT$3 billion order", "NT$3 billion", 3e9, "TWD"),
    ] {
        assert_eq!(
            figure(t),
            (text.to_owned(), "money", Some(v), Some(unit.to_owned())),
            "{t}"
        );
    }
    // `real` alone is a common word, not money
    none_of_kind(
        &[
            "five real problems",
            "two real estate firms",
            "10 American real estate firms",
        ],
        NumberKind::Money,
    );
}

#[test]
fn brazilian_reals_after_a_figure() {
    // `real` is money after a figure with `Brazilian` before it, as the plural `reals`, or at
    // a phrase's end after a scale (`2 million real.`); never before a noun it qualifies
    for (t, text, v) in [
        (
            "The deal is worth 5 billion Brazilian real, the bank said.",
            "5 billion Brazilian real",
            5e9,
        ),
        (
            "He paid 300 Brazilian Reals for the ticket.",
            "300 Brazilian Reals",
            300.0,
        ),
        ("Tickets cost 40 reals each.", "40 reals", 40.0),
        ("The fine was 2 million real.", "2 million real", 2e6),
        (
            "It raised 1.5 billion real in the offer.",
            "1.5 billion real",
            1.5e9,
        ),
    ] {
        assert_eq!(
            figure(t),
            (text.to_owned(), "money", Some(v), Some("BRL".to_owned())),
            "{t}"
        );
    }
    none_of_kind(
        &[
            "five real problems",
            "two real estate firms",
            "1986 real estate sales",
            "30 real cases",
            "the 10 real and 20 fake notes",
            "Real Madrid won 2 real titles",
            "a 2 million real estate deal",
        ],
        NumberKind::Money,
    );
}
#[test]
fn votes_written_with_to_are_identifiers() {
    for (t, vote) in [
        ("The Senate voted 51 to 49 to pass the bill.", "51 to 49"),
        ("the Senate voted 60 to 40 on Tuesday", "60 to 40"),
        ("The motion was passed by 60 votes to 40.", "60 votes to 40"),
        (
            "MPs voted by 310 votes to 290 against it",
            "310 votes to 290",
        ),
        ("The board voted seven to two in favour.", "seven to two"),
        ("lawmakers voted 214 to 212", "214 to 212"),
        ("The bill passed 68 to 32 in the Senate.", "68 to 32"),
    ] {
        let v = tag(t);
        let ids: Vec<_> = v
            .iter()
            .filter(|m| m.kind != NumberKind::Date)
            .map(|m| (t[m.span.clone()].to_owned(), m.kind))
            .collect();
        assert_eq!(
            ids,
            vec![(vote.to_owned(), NumberKind::Identifier)],
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // ranges and changes stay what they were
    for (t, modifier) in [
        ("between 20 to 30 people were hurt", Some("range")),
        ("from 200 to 300 people", Some("range")),
    ] {
        let v = tag(t);
        assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
        assert_eq!(v[0].modifier.as_deref(), modifier, "{t}");
    }
    let t = "The index rose 60 to 40 points"; // a rising pair is never a vote
    assert!(
        tag(t).iter().all(|m| m.kind != NumberKind::Identifier),
        "{:?}",
        brief(t, &tag(t))
    );
}

#[test]
fn ages_between_two_figures_are_an_age_range() {
    for (t, text, lo, hi) in [
        (
            "children aged between 5 and 11 were vaccinated",
            "aged between 5 and 11",
            5.0,
            11.0,
        ),
        (
            "Children aged 5 to 11 can get the jab.",
            "aged 5 to 11",
            5.0,
            11.0,
        ),
        ("for children aged 5-11", "aged 5-11", 5.0, 11.0),
        (
            "people aged between 18 and 24",
            "aged between 18 and 24",
            18.0,
            24.0,
        ),
        ("those aged from 16 to 18", "aged from 16 to 18", 16.0, 18.0),
        (
            "women aged between forty and fifty",
            "aged between forty and fifty",
            40.0,
            50.0,
        ),
    ] {
        let v = tag(t);
        assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
        let m = &v[0];
        assert_eq!(
            (
                &t[m.span.clone()],
                m.kind,
                m.unit.as_deref(),
                m.lower,
                m.upper
            ),
            (
                text,
                NumberKind::Measure,
                Some("years_of_age"),
                Some(lo),
                Some(hi)
            ),
            "{t}"
        );
    }
}

#[test]
fn the_counted_noun_stops_before_the_verb() {
    for (t, object) in [
        ("240 civilians were killed", "civilians"),
        ("2,000 people fled the city", "people"),
        ("About 200 troops withdrew on Monday.", "troops"),
        ("The 5 children attend school.", "children"),
        (
            "Officials said 3 people hurt in the blast were in hospital",
            "people",
        ),
        ("Some 300 jobs cut last year", "jobs"),
        ("The 40 passengers aboard survived.", "passengers"),
        ("He said 100 cars sold out", "cars"),
        ("12 police officers", "police officers"),
        ("three news agencies reported it", "news agencies"),
        ("four arms dealers", "arms dealers"),
        ("two bus drivers went on strike", "bus drivers"),
        ("five new cases emerged", "new cases"),
        (
            "2,500 women, children and the elderly",
            "women, children and the elderly",
        ),
        ("10 people smugglers were arrested", "people smugglers"),
    ] {
        let v: Vec<NumberMention> = tag(t)
            .into_iter()
            .filter(|m| m.kind == NumberKind::Cardinal)
            .collect();
        assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
        let o = v[0].object.as_deref();
        assert_eq!(o, Some(object), "{t}");
    }
}

#[test]
fn initials_with_points_are_one_word_of_the_counted_noun() {
    for (t, object) in [
        (
            "At least 5 U.S. soldiers were killed",
            Some("U.S. soldiers"),
        ),
        ("They freed 12 U.N. staff on Friday", Some("U.N. staff")),
        (
            "The plant made 300 U.S. military aircraft parts",
            Some("U.S. military aircraft parts"),
        ),
        ("Two E.U. ministers resigned.", Some("E.U. ministers")),
        // initials with nothing counted after them are not a noun
        ("The firm bought 40 from the U.S. in May", None),
        ("It listed 300 U.S. in all", None),
    ] {
        assert_eq!(object_of(t, NumberKind::Cardinal).as_deref(), object, "{t}");
    }
}

#[test]
fn money_with_its_minor_unit_is_one_sum() {
    for (t, text, v, unit) in [
        (
            "It cost 30 dollars and 50 cents.",
            "30 dollars and 50 cents",
            30.5,
            "USD",
        ),
        (
            "a ticket at five pounds and 20 pence",
            "five pounds and 20 pence",
            5.2,
            "GBP",
        ),
        ("It rose to $3 and 50 cents.", "$3 and 50 cents", 3.5, "USD"),
        ("paid £12 and 5p each", "£12 and 5p", 12.05, "GBP"),
        (
            "two euros and 40 cents",
            "two euros and 40 cents",
            2.4,
            "EUR",
        ),
    ] {
        assert_eq!(
            figure(t),
            (text.to_owned(), "money", Some(v), Some(unit.to_owned())),
            "{t}"
        );
    }
    // two prices, and a weight next to a price, stay apart
    for t in [
        "$3 million and 50 cents a share",
        "five pounds of flour and 20 pence",
        "it fell 5 cents and 20 cents",
        "918,000 dlrs 38 cts, against", // a net result and its figure per share
    ] {
        assert_eq!(tag(t).len(), 2, "{t}: {:?}", brief(t, &tag(t)));
    }
}

#[test]
fn a_number_in_words_goes_on_after_a_comma() {
    for (t, text, v) in [
        (
            "Two million, three hundred thousand people voted.",
            "Two million, three hundred thousand",
            2.3e6,
        ),
        (
            "It cost one thousand, five hundred",
            "one thousand, five hundred",
            1500.0,
        ),
        (
            "for four billion, two hundred million",
            "four billion, two hundred million",
            4.2e9,
        ),
    ] {
        let v2 = tag(t);
        let m = v2
            .iter()
            .find(|m| m.kind == NumberKind::Cardinal)
            .unwrap_or_else(|| panic!("{t}"));
        assert_eq!(
            (&t[m.span.clone()], m.value),
            (text, Some(v)),
            "{t}: {:?}",
            brief(t, &v2)
        );
    }
    // lists, years and counts of their own stay apart
    for (t, n) in [
        ("In 2017, two hundred people came.", 2),
        // (a list before `or`: the range 3 to 5, not the number 3,004)
        ("three, four or five days", 1),
        ("one million, two million, three million", 3),
        ("ten thousand, ten thousand more", 2),
    ] {
        assert_eq!(tag(t).len(), n, "{t}: {:?}", brief(t, &tag(t)));
    }
}

#[test]
fn points_between_groups_of_three_digits_are_thousands_separators() {
    for (t, text, v, kind) in [
        (
            "The city has 1.234.567 residents.",
            "1.234.567",
            1234567.0,
            "cardinal",
        ),
        (
            "It cost 2.500.000 euros.",
            "2.500.000 euros",
            2.5e6,
            "money",
        ),
        (
            "a fine of 12.000.000 dollars",
            "12.000.000 dollars",
            1.2e7,
            "money",
        ),
        ("1.000.000.000 people", "1.000.000.000", 1e9, "cardinal"),
        ("It weighed 1.234 kg.", "1.234 kg", 1.234, "measure"),
        ("a rise of 1.234 percent", "1.234 percent", 1.234, "percent"),
    ] {
        let (s, k, val, _) = figure(t);
        assert_eq!((s.as_str(), k, val), (text, kind, Some(v)), "{t}");
    }
    // addresses, versions and dates are not numbers with separators
    for t in [
        "server 192.168.100.200 failed",
        "version 1.234.567.8 shipped",
        "on 12.03.2019 at noon",
        "a value of 1.234.567,5 was read",
    ] {
        assert!(
            tag(t)
                .iter()
                .all(|m| m.value.is_none_or(|v| v != 1234567.0 && v < 1e8)),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

#[test]
fn bare_hours_before_a_day_with_its_part() {
    // a bare hour before `last night`, `yesterday evening`, `this morning`: the hour of that
    // day, after `at`, `after`, `before`, `since`, `until` and in a range of hours
    assert_isos(
        "2019-03-13",
        &[
            (
                "The fire broke out shortly after 11 last night.",
                "11 last night",
                "time",
                "2019-03-12T23:00",
            ),
            (
                "Officers arrived between 7 and 9 last night, police said.",
                "between 7 and 9 last night",
                "time",
                "2019-03-12T19:00/2019-03-12T21:00",
            ),
            (
                "Shops stayed shut until 10 this morning.",
                "10 this morning",
                "time",
                "2019-03-13T10:00",
            ),
            (
                "He has not been seen since 6 yesterday evening.",
                "6 yesterday evening",
                "time",
                "2019-03-12T18:00",
            ),
            (
                "Before 9 tonight the roads will close.",
                "9 tonight",
                "time",
                "2019-03-13T21:00",
            ),
        ],
    );
    // `last` and `next` are no counted noun: 11 last night, 3 next season
    for t in [
        "Rescuers found 11 last night.",
        "He scored 3 last season and wants 20 next season.",
    ] {
        let v = tag_on(t, "2019-03-13");
        assert!(
            v.iter().all(|m| m
                .object
                .as_deref()
                .is_none_or(|o| !o.starts_with("last") && !o.starts_with("next"))),
            "{t}: {:?}",
            v
        );
    }
    // after `of the` the noun after the adjective is counted
    for (t, o) in [
        ("It was one of the last dates of the tour.", "dates"),
        ("Two of the next titles are sequels.", "titles"),
    ] {
        let v = tag(t);
        assert!(
            v.iter().any(|m| m.object.as_deref() == Some(o)),
            "{t}: {v:?}"
        );
    }
    // a count before a day stays a count
    let t = "Police arrested 11 yesterday.";
    assert!(
        tag_on(t, "2019-03-13")
            .iter()
            .all(|m| m.kind != NumberKind::Time),
        "{t}"
    );
}

#[test]
fn weekday_then_its_week() {
    // `Wednesday next week`, `on Friday last week`, `Monday this week`, with a part of the
    // day between: one date in that week (published on Wednesday 13 March 2019)
    assert_isos(
        "2019-03-13",
        &[
            (
                "The summit will be held on Wednesday next week.",
                "Wednesday next week",
                "date",
                "2019-03-20",
            ),
            (
                "Talks collapsed on Friday last week, officials said.",
                "Friday last week",
                "date",
                "2019-03-08",
            ),
            (
                "Monday this week saw the first strike.",
                "Monday this week",
                "date",
                "2019-03-11",
            ),
            (
                "A vote is set for Tuesday evening next week.",
                "Tuesday evening next week",
                "date",
                "2019-03-19",
            ),
            (
                "Sunday of next week is the deadline.",
                "Sunday of next week",
                "date",
                "2019-03-24",
            ),
        ],
    );
    // a week that is a period of its own stays one: `on Friday, last week's figures showed`
    let t = "He resigned on Friday. Next week a new chief starts.";
    let got = brief(t, &tag_on(t, "2019-03-13"));
    assert!(got.iter().any(|g| g.0 == "Friday"), "{t}: {got:?}");
    assert!(got.iter().any(|g| g.0 == "Next week"), "{t}: {got:?}");
}

#[test]
fn a_tense_chooses_the_year_of_a_date_without_one() {
    // past verbs: the last such month or day up to publication; future ones: the next
    for (published, t, span, kind, iso) in [
        (
            "2019-11-20",
            "The attack in March killed 40 people.",
            "March",
            "date",
            "2019-03",
        ),
        (
            "2019-11-20",
            "He was arrested on 5 April.",
            "5 April",
            "date",
            "2019-04-05",
        ),
        (
            "2019-11-20",
            "Prices rose 3% in February.",
            "February",
            "date",
            "2019-02",
        ),
        (
            "2019-11-20",
            "Fighting has continued since April 2.",
            "April 2",
            "date",
            "2019-04-02",
        ),
        (
            "2019-12-20",
            "Sales fell in January, the firm said.",
            "January",
            "date",
            "2019-01",
        ),
        (
            "2019-11-20",
            "Flights were halted due to the strike in April.",
            "April",
            "date",
            "2019-04",
        ),
        (
            "2019-04-20",
            "The vote is due in March.",
            "March",
            "date",
            "2020-03",
        ),
        (
            "2019-08-10",
            "The leaders will meet on June 5.",
            "June 5",
            "date",
            "2020-06-05",
        ),
        (
            "2019-05-01",
            "A ruling is expected in March.",
            "March",
            "date",
            "2020-03",
        ),
        (
            "2020-01-10",
            "The plant will close in December.",
            "December",
            "date",
            "2020-12",
        ),
        (
            "2020-01-10",
            "The plant closed in December.",
            "December",
            "date",
            "2019-12",
        ),
        (
            "2019-12-20",
            "Elections will be held in January.",
            "January",
            "date",
            "2020-01",
        ),
        (
            "2019-06-10",
            "Talks are set to resume on 2 May.",
            "2 May",
            "date",
            "2020-05-02",
        ),
        (
            "2019-06-10",
            "A summit will be held in April.",
            "April",
            "date",
            "2020-04",
        ),
        // a wrapped wire line goes on
        (
            "2019-09-03",
            "The department last made\nthe advice in January.",
            "January",
            "date",
            "2019-01",
        ),
        // quarters: the last one begun, the next one not over
        (
            "1987-03-25",
            "A charge was taken in the third quarter.",
            "third quarter",
            "date_range",
            "1986-07/1986-09",
        ),
        (
            "1987-03-25",
            "It will report in the first quarter.",
            "first quarter",
            "date_range",
            "1987-01/1987-03",
        ),
        (
            "1987-04-04",
            "The firm will report first quarter results on April 22.",
            "first quarter",
            "date_range",
            "1987-01/1987-03",
        ),
    ] {
        assert_isos(published, &[(t, span, kind, iso)]);
    }
    // a weekday after a future verb is the next one (published on Wednesday 20 November)
    assert_isos(
        "2019-11-20",
        &[
            (
                "The talks will resume on Friday.",
                "Friday",
                "date",
                "2019-11-22",
            ),
            ("Talks collapsed on Friday.", "Friday", "date", "2019-11-15"),
            (
                "MPs will vote on Wednesday.",
                "Wednesday",
                "date",
                "2019-11-20",
            ),
        ],
    );
    // no clear cue: the nearest date; a day within three days stays the nearest
    assert_isos(
        "2019-11-20",
        &[
            ("The January figures matter.", "January", "date", "2020-01"),
            ("Figures for April are weak.", "April", "date", "2020-04"),
            (
                "He died on November 21.",
                "November 21",
                "date",
                "2019-11-21",
            ),
            (
                "The deal, to be signed in March, is key.",
                "March",
                "date",
                "2020-03",
            ),
            (
                "Prices are up due to the strike in April.",
                "April",
                "date",
                "2020-04",
            ),
        ],
    );
    // `said` gives way to any other verb near, before or after; `were` after a forecast's
    // period and `no earlier than` tell no tense
    assert_isos(
        "2019-06-20",
        &[
            (
                "Smith said in April the board would decide.",
                "April",
                "date",
                "2020-04",
            ),
            (
                "Smith said sales slowed in April.",
                "April",
                "date",
                "2019-04",
            ),
            (
                "The firm said in May that it needs cash.",
                "May",
                "date",
                "2019-05",
            ),
            (
                "Jones told reporters in January that talks are on.",
                "January",
                "date",
                "2019-01",
            ),
        ],
    );
    assert_isos(
        "1987-03-23",
        &[
            (
                "Prospects for the second quarter were good.",
                "second quarter",
                "date_range",
                "1987-04/1987-06",
            ),
            (
                "The loan may come no earlier than June.",
                "June",
                "date",
                "1987-06",
            ),
        ],
    );
    // a passive future is no past (`will be held`), and `said` gives way to a nearer verb
    assert_isos(
        "2019-05-20",
        &[(
            "The minister said talks would open on 2 April.",
            "2 April",
            "date",
            "2020-04-02",
        )],
    );
}

#[test]
fn adjectives_deadlines_and_verbs_of_saying_tell_no_tense() {
    // an `-ed` adjective, a deadline with `by`, a date qualifying a noun, a passive present,
    // `would have been` and a verb of saying after the date leave the nearest date
    assert_isos(
        "1987-03-14",
        &[
            (
                "It extended a previously granted waiver to April 29.",
                "April 29",
                "date",
                "1987-04-29",
            ),
            (
                "It bought refined oil for delivery by April 24.",
                "April 24",
                "date",
                "1987-04-24",
            ),
            (
                "The paper called for comments by March 31.",
                "March 31",
                "date",
                "1987-03-31",
            ),
            // (the week between: `until the week of`)
            (
                "The vote was delayed until the week of May 4.",
                "May 4",
                "date",
                "1987-05-04",
            ),
            (
                "His election would have been effective July 1.",
                "July 1",
                "date",
                "1987-07-01",
            ),
            (
                "Trading will begin in the new complex on March 30, the exchange announced.",
                "March 30",
                "date",
                "1987-03-30",
            ),
            (
                "Prospects for a June election rose.",
                "June",
                "date",
                "1987-06",
            ),
            (
                "The outlook is improved through June.",
                "June",
                "date",
                "1987-06",
            ),
            (
                "It voted a stock split payable April 21.",
                "April 21",
                "date",
                "1987-04-21",
            ),
        ],
    );
    // while a verb with its object or preposition still tells the past
    assert_isos(
        "1987-03-14",
        &[
            (
                "The attack in April killed 40 people.",
                "April",
                "date",
                "1986-04",
            ),
            (
                "The strike ended on April 2.",
                "April 2",
                "date",
                "1986-04-02",
            ),
            (
                "Output fell in June, the ministry reported.",
                "June",
                "date",
                "1986-06",
            ),
        ],
    );
}

#[test]
fn by_before_a_date_is_a_deadline_and_after_a_passive_the_agent() {
    assert_isos(
        "1987-03-14",
        &[
            (
                "Notices were sent by the board in July.",
                "July",
                "date",
                "1986-07",
            ),
            (
                "Comments were invited by March 31.",
                "March 31",
                "date",
                "1987-03-31",
            ),
        ],
    );
}

#[test]
fn a_noun_plan_and_a_later_main_verb_tell_no_tense() {
    assert_isos(
        "1987-09-02",
        &[
            (
                "under a revised peace plan, a newspaper reported on Tuesday.",
                "Tuesday",
                "date",
                "1987-09-01",
            ),
            (
                "He vowed to press on with his plan despite Sunday's defeat.",
                "Sunday",
                "date",
                "1987-08-30",
            ),
            (
                "Rubber sold since he entered the market in August would be discussed.",
                "August",
                "date",
                "1987-08",
            ),
            (
                "The firm plans to open on Friday.",
                "Friday",
                "date",
                "1987-09-04",
            ),
        ],
    );
}

#[test]
fn a_quarter_by_the_day_it_ends_or_after_its_year() {
    assert_isos(
        "1987-04-09",
        &[
            (
                "GEODYNE INC 4TH QTR FEB 28 NET",
                "4TH QTR",
                "date_range",
                "1986-12/1987-02",
            ),
            (
                "DURO-TEST CORP 2ND QTR JAN 31 NET",
                "2ND QTR",
                "date_range",
                "1986-11/1987-01",
            ),
            (
                "CUCD 1ST QTR Periods ended January 31 Shr 18 cts",
                "1ST QTR",
                "date_range",
                "1986-11/1987-01",
            ),
            (
                "ROYAL CORP 2ND QTR\nDEC 31 LOSS",
                "2ND QTR",
                "date_range",
                "1986-10/1986-12",
            ),
            (
                "The first quarter ended March 31 was good.",
                "first quarter",
                "date_range",
                "1987-01/1987-03",
            ),
            (
                "NOTE: 1985 4th qtr includes a loss.",
                "4th qtr",
                "date_range",
                "1985-10/1985-12",
            ),
            (
                "The 1986 fourth quarter was weak.",
                "fourth quarter",
                "date_range",
                "1986-10/1986-12",
            ),
        ],
    );
    assert_isos(
        "1987-06-03",
        &[
            (
                "Note: the third quarter ended April 30.",
                "third quarter",
                "date_range",
                "1987-02/1987-04",
            ),
            (
                "Sales in the first quarter ended May 2 were flat.",
                "first quarter",
                "date_range",
                "1987-02/1987-04",
            ),
        ],
    );
    // a quarter with its own year, or no day after it, is the calendar quarter
    assert_isos(
        "1987-04-09",
        &[
            (
                "the fourth quarter of 1986 ended well",
                "the fourth quarter of 1986",
                "date_range",
                "1986-10/1986-12",
            ),
            (
                "SEES STRONG 1ST QTR RESULTS",
                "1ST QTR",
                "date_range",
                "1987-01/1987-03",
            ),
        ],
    );
}

#[test]
fn names_verbs_and_prices_that_look_like_dates() {
    // `the Today programme` is a name, `would last 90 days` a verb and a duration, `1/14 pct`
    // a fraction, `at 14.50 bolivars` a price
    let p = "1987-03-20";
    for (t, not_date) in [
        ("He told the Today programme he would go.", "Today"),
        ("Speaking on NBC's Today show, she said so.", "Today"),
        (
            "The freeze would last 90 days, officials said.",
            "last 90 days",
        ),
        (
            "The talks are expected to last two weeks.",
            "last two weeks",
        ),
        ("There is a 1/14 pct selling concession.", "1/14"),
        ("It set the rate at 14.50 bolivars to the dollar.", "14.50"),
        ("The rate was fixed at 7.50 rupees a unit.", "7.50"),
    ] {
        let got = brief(t, &tag_on(t, p));
        assert!(
            got.iter()
                .all(|g| !(g.0 == not_date && matches!(g.1, "date" | "date_range" | "time"))),
            "{t}: {got:?}"
        );
    }
    // controls: the day, the period before publication, a US date, a clock time
    assert_isos(
        p,
        &[
            ("Today the index fell.", "Today", "date", "1987-03-20"),
            (
                "Prices rose over the last 90 days.",
                "the last 90 days",
                "date_range",
                "1986-12-20/1987-03-20",
            ),
            (
                "Sales rose in the last two weeks.",
                "the last two weeks",
                "date_range",
                "1987-03-06/1987-03-20",
            ),
            (
                "The deal closed on 1/14 as planned.",
                "1/14",
                "date",
                "1987-01-14",
            ),
            (
                "They met at 10.30 on Monday.",
                "10.30 on Monday",
                "time",
                "1987-03-16T10:30",
            ),
            (
                "The meeting starts at 9.30 tomorrow.",
                "9.30 tomorrow",
                "time",
                "1987-03-21T09:30",
            ),
        ],
    );
}

#[test]
fn a_year_after_two_coordinated_dates_holds_for_both() {
    assert_isos(
        "1987-03-19",
        &[
            (
                "two stock splits in March and August 1986",
                "March",
                "date",
                "1986-03",
            ),
            (
                "talks in June or July 1985 failed",
                "June",
                "date",
                "1985-06",
            ),
            (
                "in December and January 1987 sales fell",
                "December",
                "date",
                "1986-12",
            ),
            (
                "paid on May 3 and June 5, 1985",
                "May 3",
                "date",
                "1985-05-03",
            ),
        ],
    );
    // controls: a date before `and` a month-year of its own kind only; other words between
    assert_isos(
        "1987-03-19",
        &[
            (
                "sales in March, and in August 1986 profits",
                "March",
                "date",
                "1987-03",
            ),
            ("on May 3 and in June 1985", "May 3", "date", "1987-05-03"),
        ],
    );
}

#[test]
fn a_clock_range_start_shares_the_afternoon_only_when_it_keeps_the_order() {
    assert_isos(
        "2016-11-07",
        &[
            (
                "I'll be out from 2:30 to 2:15 pm",
                "from 2:30 to 2:15 pm",
                "time",
                "02:30/14:15",
            ),
            (
                "I'll be out from 2:15 to 2:30 pm",
                "from 2:15 to 2:30 pm",
                "time",
                "14:15/14:30",
            ),
            (
                "open from 7:30 to 10pm",
                "from 7:30 to 10pm",
                "time",
                "19:30/22:00",
            ),
        ],
    );
}

#[test]
fn one_counts_a_singular_noun() {
    // after `one` (or 1) the counted noun is singular: the `-s` word after it is the verb
    for (t, o) in [
        ("One man dies in the crash.", "man"),
        ("Police said one woman remains in hospital.", "woman"),
        (
            "In the attack one police officer suffers burns.",
            "police officer",
        ),
        ("1 child needs treatment", "child"),
        ("One news agency reports the deal.", "news agency"),
    ] {
        let v = tag(t);
        assert!(
            v.iter().any(|m| m.object.as_deref() == Some(o)),
            "{t}: want {o}, got {v:?}"
        );
    }
    // plural figures keep their plural noun and the noun after it
    for (t, o) in [
        ("Two men die in the crash.", "men"),
        ("12 police officers were hurt", "police officers"),
        ("It is one of the main reasons given.", "main reasons"),
    ] {
        let v = tag(t);
        assert!(
            v.iter().any(|m| m.object.as_deref() == Some(o)),
            "{t}: want {o}, got {v:?}"
        );
    }
}

/// The object of the only mention of `kind` in `t`.
fn object_of(t: &str, kind: NumberKind) -> Option<String> {
    let v: Vec<NumberMention> = tag(t).into_iter().filter(|m| m.kind == kind).collect();
    assert_eq!(v.len(), 1, "{t}: {:?}", brief(t, &v));
    v[0].object.clone()
}

#[test]
fn a_verb_or_an_adverb_is_no_counted_noun() {
    // a past tense right after the figure (no noun follows it), an irregular past, an adverb
    // of time, the verb after a ratio's noun (it agrees with `one`)
    for (t, kind, object) in [
        ("Thousands fled the fighting.", NumberKind::Cardinal, None),
        (
            "Hundreds gathered outside the court.",
            NumberKind::Cardinal,
            None,
        ),
        (
            "About 300 protested in the square.",
            NumberKind::Cardinal,
            None,
        ),
        (
            "One in five adults smokes.",
            NumberKind::Fraction,
            Some("adults"),
        ),
        (
            "Temperatures fell to minus five overnight.",
            NumberKind::Cardinal,
            None,
        ),
        (
            "Some 40 ships struck the harbour wall.",
            NumberKind::Cardinal,
            Some("ships"),
        ),
        (
            "The 7 storm struck at dawn.",
            NumberKind::Cardinal,
            Some("storm"),
        ),
        ("They won 3 apiece.", NumberKind::Cardinal, None),
        // controls: an adjective in -ed before the noun, a compound, a plural verb
        (
            "20 registered voters",
            NumberKind::Cardinal,
            Some("registered voters"),
        ),
        ("240 armed men", NumberKind::Cardinal, Some("armed men")),
        (
            "30 copyrighted music files",
            NumberKind::Cardinal,
            Some("copyrighted music files"),
        ),
        (
            "68 unreleased Nirvana tracks",
            NumberKind::Cardinal,
            Some("unreleased Nirvana tracks"),
        ),
        (
            "Two in five adults smoke.",
            NumberKind::Fraction,
            Some("adults"),
        ),
        (
            "One in five police officers",
            NumberKind::Fraction,
            Some("police officers"),
        ),
        (
            "12 police officers",
            NumberKind::Cardinal,
            Some("police officers"),
        ),
    ] {
        assert_eq!(object_of(t, kind).as_deref(), object, "{t}");
    }
}

/// (text, kind, lower, upper, modifier, unit) of a mention.
type Bounds = (
    String,
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<String>,
);

/// The [`Bounds`] of the only mention of `t`.
fn bounds(t: &str) -> Bounds {
    let m = one(t);
    (
        t[m.span.clone()].to_owned(),
        m.kind.as_str(),
        m.lower,
        m.upper,
        m.modifier,
        m.unit,
    )
}

#[test]
fn an_age_by_decade_is_an_age_range() {
    for (t, text, lo, hi, modifier) in [
        ("She is in her 40s.", "40s", 40.0, 49.0, "range"),
        (
            "They were in their early 20s.",
            "early 20s",
            20.0,
            23.0,
            "early",
        ),
        (
            "A man in his mid-30s was arrested.",
            "mid-30s",
            34.0,
            36.0,
            "mid",
        ),
        (
            "She is in her late fifties.",
            "late fifties",
            57.0,
            59.0,
            "late",
        ),
        ("a woman in her thirties", "thirties", 30.0, 39.0, "range"),
        ("a man in his late 60s", "late 60s", 67.0, 69.0, "late"),
    ] {
        assert_eq!(
            bounds(t),
            (
                text.to_owned(),
                "measure",
                Some(lo),
                Some(hi),
                Some(modifier.to_owned()),
                Some("years_of_age".to_owned())
            ),
            "{t}"
        );
    }
    // controls: a decade of the century, a figure's decade, an age with `aged`
    assert_eq!(one("music of the nineties").kind, NumberKind::DateRange);
    let m = one("Highs will be in the upper 70s.");
    assert_eq!((m.lower, m.upper, m.object), (Some(70.0), Some(79.0), None));
    assert_eq!(
        one("People aged 18 were asked.").unit.as_deref(),
        Some("years_of_age")
    );
}

#[test]
fn basis_points_and_magnitudes_are_measures() {
    for (t, text, v, unit) in [
        (
            "The bank raised rates by 25 basis points.",
            "25 basis points",
            25.0,
            "basis_point",
        ),
        ("a cut of 50bp", "50bp", 50.0, "basis_point"),
        ("spreads widened 15 bps", "15 bps", 15.0, "basis_point"),
        (
            "The magnitude 7.8 quake struck.",
            "magnitude 7.8",
            7.8,
            "magnitude",
        ),
        (
            "a 6.1-magnitude earthquake",
            "6.1-magnitude",
            6.1,
            "magnitude",
        ),
        (
            "It measured 6.4 on the Richter scale.",
            "6.4 on the Richter scale",
            6.4,
            "magnitude",
        ),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value, m.unit.as_deref()),
            (text, NumberKind::Measure, Some(v), Some(unit)),
            "{t}"
        );
    }
    // controls: points of a score, percentage points
    assert_eq!(one("He scored 25 points.").kind, NumberKind::Cardinal);
    assert_eq!(
        one("up 2 percentage points").unit.as_deref(),
        Some("percentage_point")
    );
}

#[test]
fn a_house_number_is_no_count() {
    for t in [
        "He lives at 10 Downing Street.",
        "She lives at 221 Baker St in London.",
        "a rally at 1600 Pennsylvania Avenue",
    ] {
        assert_eq!(one(t).kind, NumberKind::Identifier, "{t}");
    }
    // controls: a count before a name, a count of streets
    assert_eq!(one("3 Labour MPs").kind, NumberKind::Cardinal);
    assert_eq!(one("5 streets were closed").kind, NumberKind::Cardinal);
    assert_eq!(
        one("300 Bakers Square restaurants").kind,
        NumberKind::Cardinal
    );
}

#[test]
fn a_phone_number_is_one_identifier() {
    for (t, phone) in [
        ("For help call 0800 123 4567 today.", "0800 123 4567"),
        ("Readers can ring 0161 496 0000.", "0161 496 0000"),
        ("Call +44 20 7946 0958 for details.", "+44 20 7946 0958"),
        ("+33 1 23 45 67 89 is the office line.", "+33 1 23 45 67 89"),
        ("Its office, (212) 555-1234, was shut.", "(212) 555-1234"),
        ("the hotline (020) 7946 0958 is open", "(020) 7946 0958"),
        ("Witnesses should call 555-0199.", "555-0199"),
        ("tel: 020 7946 0958", "020 7946 0958"),
        ("Tel. 555 1234 or write to us.", "555 1234"),
        ("dial 1 800 555 0199 now", "1 800 555 0199"),
        (
            "Contact +1 (212) 555-1234 in New York.",
            "+1 (212) 555-1234",
        ),
    ] {
        let v = tag(t);
        let nums: Vec<_> = v.iter().filter(|m| m.kind != NumberKind::Date).collect();
        assert_eq!(nums.len(), 1, "{t}: {:?}", brief(t, &v));
        assert_eq!(
            (&t[nums[0].span.clone()], nums[0].kind, nums[0].value),
            (phone, NumberKind::Identifier, None),
            "{t}"
        );
    }
    // controls: figures grouped with spaces, an emergency number, ranges, times, years
    let m = one("About 4 000 people fled.");
    assert_eq!((m.kind, m.value), (NumberKind::Cardinal, Some(4000.0)));
    assert_eq!(one("some 1 500 troops").value, Some(1500.0));
    assert_eq!(one("call 999 at once").value, Some(999.0));
    assert_eq!(one("call 2 000 reservists").value, Some(2000.0));
    let m = one("2 000 to 3 000 came.");
    assert_eq!((m.lower, m.upper), (Some(2000.0), Some(3000.0)));
    let m = one("between 300-1000 people");
    assert_eq!((m.lower, m.upper), (Some(300.0), Some(1000.0)));
    assert_eq!(one("It rose by 12 500 000 tonnes.").value, Some(12500000.0));
    // decimals in a table row, an overnight span of clock times
    assert_eq!(tag("rates 06.00 06.50 07.00 in 3 months").len(), 4);
    assert!(
        tag("from 2300-0100 GMT")
            .iter()
            .all(|m| m.kind != NumberKind::Identifier)
    );
    let t = "in (2019) 500 people";
    assert_eq!(
        brief(t, &tag(t)).last().map(|b| (b.0.as_str(), b.2)),
        Some(("500", Some(500.0)))
    );
}

#[test]
fn a_couple_a_few_dozen_and_an_article_before_a_currency() {
    // a couple of: two, approximate
    for (t, text, v, obj) in [
        (
            "A couple of soldiers died.",
            "A couple of",
            2.0,
            Some("soldiers"),
        ),
        (
            "Police held a couple of men.",
            "a couple of",
            2.0,
            Some("men"),
        ),
        (
            "He sold a couple of hundred copies.",
            "a couple of hundred",
            200.0,
            Some("copies"),
        ),
        (
            "a couple thousand fans came",
            "a couple thousand",
            2000.0,
            Some("fans"),
        ),
    ] {
        let m = one(t);
        assert_eq!(
            (
                &t[m.span.clone()],
                m.kind,
                m.value,
                m.modifier.as_deref(),
                m.object.as_deref()
            ),
            (text, NumberKind::Cardinal, Some(v), Some("about"), obj),
            "{t}"
        );
    }
    // a few dozen, a few hundred: vague, like several dozen
    for (t, text, lo) in [
        ("A few dozen protesters gathered.", "A few dozen", 24.0),
        ("They fired a few hundred rounds.", "a few hundred", 200.0),
        ("a few thousand troops stayed", "a few thousand", 2000.0),
        ("Several dozen homes burned.", "Several dozen", 24.0),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.lower, m.vague),
            (text, NumberKind::Cardinal, Some(lo), true),
            "{t}"
        );
    }
    // an article before a currency: one of it
    for (t, text, v, unit) in [
        ("It costs a dollar.", "a dollar", 1.0, "USD"),
        ("He paid a pound for it.", "a pound", 1.0, "GBP"),
        ("The coin is worth a euro, no more.", "a euro", 1.0, "EUR"),
        ("A dollar a day is not enough.", "A dollar", 1.0, "USD"),
        (
            "a million dollars was stolen",
            "a million dollars",
            1e6,
            "USD",
        ),
    ] {
        let v2 = tag(t);
        let m = &v2[0];
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value, m.unit.as_deref()),
            (text, NumberKind::Money, Some(v), Some(unit)),
            "{t}"
        );
    }
    let m = one("It cost a few hundred dollars.");
    assert_eq!(
        (m.kind, m.lower, m.unit.as_deref(), m.vague),
        (NumberKind::Money, Some(200.0), Some("USD"), true)
    );
    // a price per unit, a rate, a change and the level it reaches
    for t in [
        "zinc at 37 cents a pound",
        "coffee closed below one dlr a pound",
        "down from 1.30 dlr a pound",
        "by one U.S. ct a pound",
        "beef at £2 a pound",
        "a dollar/yen rate of 148",
    ] {
        let v = tag(t);
        assert!(
            v.iter().all(|m| !t[m.span.clone()].starts_with("a ")),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    let t = "British Telecom a penny to 253.";
    assert!(
        tag(t)
            .iter()
            .all(|m| m.modifier.as_deref() != Some("range"))
    );
    // a sum and its minor part in words: two pounds fifty
    for (t, text, v, unit) in [
        ("It cost two pounds fifty.", "two pounds fifty", 2.5, "GBP"),
        (
            "three dollars fifty a ticket",
            "three dollars fifty",
            3.5,
            "USD",
        ),
        (
            "Tickets are five euros twenty-five each.",
            "five euros twenty-five",
            5.25,
            "EUR",
        ),
        ("a pint at 4 pounds 20", "4 pounds 20", 4.2, "GBP"),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value, m.unit.as_deref()),
            (text, NumberKind::Money, Some(v), Some(unit)),
            "{t}"
        );
    }
    // controls: a couple (people), a few alone, weights, the dollar, a count after a sum
    none_of_kind(
        &[
            "The couple married in June.",
            "a couple who lived here",
            "a few people came",
            "a dollar-denominated bond",
            "The dollar fell against the yen.",
            "It weighs a pound of butter.",
        ],
        NumberKind::Money,
    );
    assert!(tag("The couple married.").is_empty());
    assert!(tag("a few people came").is_empty());
    let m = one("He weighs two pounds.");
    assert_eq!(
        (m.kind, m.unit.as_deref()),
        (NumberKind::Measure, Some("lb"))
    );
    let t = "He paid 20 dollars 50 times.";
    assert_eq!(tag(t).len(), 2, "{:?}", brief(t, &tag(t)));
    let t = "It costs two pounds, fifty people said.";
    assert_eq!(tag(t).len(), 2, "{:?}", brief(t, &tag(t)));
    let m = one("They waited a couple of hours.");
    assert_eq!(
        (m.kind, m.iso.as_deref()),
        (NumberKind::Duration, Some("PT2H"))
    );
}

#[test]
fn ordinals_of_hundreds_and_thousands_in_words() {
    for (t, text, v) in [
        ("He was the one hundredth visitor.", "one hundredth", 100.0),
        (
            "The two hundred and fiftieth anniversary falls soon.",
            "two hundred and fiftieth",
            250.0,
        ),
        ("It was its thousandth day in office.", "thousandth", 1000.0),
        ("the two hundredth anniversary", "two hundredth", 200.0),
        (
            "On the one hundred and first day he resigned.",
            "one hundred and first",
            101.0,
        ),
        (
            "Her one thousandth game was a draw.",
            "one thousandth",
            1000.0,
        ),
        (
            "the three hundred fiftieth year",
            "three hundred fiftieth",
            350.0,
        ),
        ("the hundredth time", "hundredth", 100.0),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value),
            (text, NumberKind::Ordinal, Some(v)),
            "{t}"
        );
    }
    // controls: fractions, digits, compound ordinals and cardinals that already read right
    for (t, text, kind, v) in [
        (
            "It took one hundredth of a second.",
            "one hundredth",
            NumberKind::Fraction,
            0.01,
        ),
        (
            "two hundredths of a second",
            "two hundredths",
            NumberKind::Fraction,
            0.02,
        ),
        (
            "a thousandth of a gram",
            "a thousandth of a gram",
            NumberKind::Measure,
            0.001,
        ),
        ("the 100th visitor", "100th", NumberKind::Ordinal, 100.0),
        (
            "the three hundred and sixty-fifth day",
            "three hundred and sixty-fifth",
            NumberKind::Ordinal,
            365.0,
        ),
        (
            "two hundred and forty people",
            "two hundred and forty",
            NumberKind::Cardinal,
            240.0,
        ),
        (
            "one hundred and fifty",
            "one hundred and fifty",
            NumberKind::Cardinal,
            150.0,
        ),
    ] {
        let v2 = tag(t);
        let m = &v2[0];
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value),
            (text, kind, Some(v)),
            "{t}: {:?}",
            brief(t, &v2)
        );
    }
}

#[test]
fn one_as_a_count_and_one_as_a_pronoun() {
    for (t, obj) in [
        ("Only one person was hurt.", Some("person")),
        ("Only one was hurt.", None),
        ("In the end, only one survived.", None),
        ("Just one man returned.", Some("man")),
        ("Not one soldier was hurt.", Some("soldier")),
        ("not one was left", None),
        ("One of the victims was a child.", Some("victims")),
        ("They said only one bomb exploded.", Some("bomb")),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind, m.value, m.object.as_deref()),
            (NumberKind::Cardinal, Some(1.0), obj),
            "{t}"
        );
    }
    // a pronoun, not a count
    for t in [
        "No one was hurt.",
        "He is the only one.",
        "She was the only one who stayed.",
        "the one who left",
        "Every one of them voted.",
        "They love one another.",
        "his only one",
        // a determiner and a modifier before, nothing counted after
        "It was a difficult one, he said.",
        "The old scheme was replaced by a better one.",
        "She sold the red car and kept the blue one for her son.",
        "Last season was a bad one and this one will be harder.",
    ] {
        assert!(tag(t).is_empty(), "{t}: {:?}", brief(t, &tag(t)));
    }
    // still a count: a number, a ratio or a compound follows
    for (t, want) in [
        (
            "Recovery could take a further one to two years.",
            "one to two years",
        ),
        (
            "An estimated one in four adults smokes.",
            "An estimated one in four",
        ),
        ("They signed a new one-year contract.", "one-year"),
    ] {
        let v = tag(t);
        assert!(
            v.iter().any(|m| &t[m.span.clone()] == want),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
}

#[test]
fn a_month_before_a_day_in_cardinal_words() {
    // a single-digit day in words, before a break or a date preposition, or with a year
    for (t, text, iso) in [
        (
            "The bonus is payable June two to all staff.",
            "June two",
            "2019-06-02",
        ),
        (
            "The strike began on October seven.",
            "October seven",
            "2018-10-07",
        ),
        (
            "The lease runs until May one, 2024.",
            "May one, 2024",
            "2024-05-01",
        ),
    ] {
        let v = tag_on(t, "2019-05-05");
        assert!(
            v.iter()
                .any(|m| &t[m.span.clone()] == text && m.iso.as_deref() == Some(iso)),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // a count after the month, a compound, or `the` before the word: no day
    for t in [
        "In March three were hurt in a second attack.",
        "In August one of the men escaped.",
        "The January three-month average fell.",
        "It made May and July the two busiest months.",
    ] {
        let v = tag_on(t, "2019-05-05");
        assert!(
            v.iter().all(
                |m| m.kind != NumberKind::Date || m.iso.as_deref().is_none_or(|i| i.len() < 10)
            ),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
}

#[test]
fn ages_by_decade_in_lists_and_teens() {
    type Age = (String, Option<f64>, Option<f64>, Option<String>);
    let age = |t: &str| -> Vec<Age> {
        tag(t)
            .iter()
            .filter(|m| m.unit.as_deref() == Some("years_of_age"))
            .map(|m| {
                (
                    t[m.span.clone()].to_owned(),
                    m.lower,
                    m.upper,
                    m.modifier.clone(),
                )
            })
            .collect()
    };
    let r =
        |s: &str, lo: f64, hi: f64, m: &str| (s.to_owned(), Some(lo), Some(hi), Some(m.to_owned()));
    assert_eq!(
        age("Most victims were in their 30s, 40s and 50s."),
        vec![
            r("30s", 30.0, 39.0, "range"),
            r("40s", 40.0, 49.0, "range"),
            r("50s", 50.0, 59.0, "range")
        ]
    );
    assert_eq!(
        age("women in their 20s or 30s"),
        vec![r("20s", 20.0, 29.0, "range"), r("30s", 30.0, 39.0, "range")]
    );
    assert_eq!(
        age("men in their twenties, thirties and forties"),
        vec![
            r("twenties", 20.0, 29.0, "range"),
            r("thirties", 30.0, 39.0, "range"),
            r("forties", 40.0, 49.0, "range")
        ]
    );
    assert_eq!(
        age("people in their late 40s and early 50s"),
        vec![
            r("late 40s", 47.0, 49.0, "late"),
            r("early 50s", 50.0, 53.0, "early")
        ]
    );
    // teens
    assert_eq!(
        age("a girl in her teens"),
        vec![r("teens", 13.0, 19.0, "range")]
    );
    assert_eq!(
        age("A man in his late teens was held."),
        vec![r("late teens", 17.0, 19.0, "late")]
    );
    assert_eq!(
        age("in his early teens"),
        vec![r("early teens", 13.0, 15.0, "early")]
    );
    assert_eq!(
        age("pupils in their teens and twenties"),
        vec![
            r("teens", 13.0, 19.0, "range"),
            r("twenties", 20.0, 29.0, "range")
        ]
    );
    // controls: no age without `in` and a possessive, a teenager, teenage, temperatures
    for t in [
        "A teenager was hurt.",
        "teenage boys",
        "Temperatures were in the teens.",
        "in the 1960s, 70s and 80s",
        "prices in the 30s and 40s",
        "his teens were hard",
    ] {
        assert!(age(t).is_empty(), "{t}: {:?}", brief(t, &tag(t)));
    }
    assert!(tag("A teenager was hurt.").is_empty());
}

#[test]
fn an_adjective_before_the_counted_noun() {
    for (t, obj) in [
        ("20 armed militia attacked the town.", "armed militia"),
        (
            "Some 30 wounded soldiers were flown out.",
            "wounded soldiers",
        ),
        ("12 injured people were taken to hospital", "injured people"),
        ("five unarmed protesters were shot", "unarmed protesters"),
        ("40 elderly residents", "elderly residents"),
        ("They found 15 dead bodies.", "dead bodies"),
        ("about 200 displaced families", "displaced families"),
    ] {
        let m = one(t);
        assert_eq!(m.object.as_deref(), Some(obj), "{t}");
    }
    // a past tense before a name is the verb, before a name and a plural an adjective
    for (t, obj) in [
        (
            "68 unreleased Nirvana tracks",
            Some("unreleased Nirvana tracks"),
        ),
        (
            "12 freed British detainees",
            Some("freed British detainees"),
        ),
        (
            "4 unaffiliated European institutional investors",
            Some("unaffiliated European institutional investors"),
        ),
        ("Some 300 showed Ms Simonetti the way.", None),
        ("About 40 recognised Charles Kennedy at once.", None),
        ("Only 12 discussed Washington openly.", None),
    ] {
        let m = one(t);
        assert_eq!(m.object.as_deref(), obj, "{t}");
    }
    // controls: the participle is the verb or the noun
    for t in [
        "3 wounded",
        "10 injured in the blast",
        "Thousands armed themselves.",
        "20 were wounded",
        "240 civilians were killed",
    ] {
        let m = one(t);
        assert!(
            m.object.as_deref().is_none_or(|o| o == "civilians"),
            "{t}: {:?}",
            m.object
        );
    }
}

#[test]
fn an_adverb_after_a_figure_is_not_its_counted_noun() {
    // an adverb of the adjective stays with the noun phrase
    for (t, obj) in [
        (
            "Some 300 heavily armed fighters entered.",
            "heavily armed fighters",
        ),
        (
            "About 40 badly injured people were flown out.",
            "badly injured people",
        ),
        (
            "Police held 14 newly recruited soldiers.",
            "newly recruited soldiers",
        ),
    ] {
        assert_eq!(one(t).object.as_deref(), Some(obj), "{t}");
    }
    // an adverb of the verb is no counted noun
    for t in ["The index rose 5 sharply.", "They won 3 easily."] {
        assert_eq!(one(t).object, None, "{t}");
    }
    // after `one` the `-ly` word may be the noun
    assert_eq!(
        one("Only one family stayed.").object.as_deref(),
        Some("family")
    );
}

#[test]
fn a_figure_before_a_singular_unit_ago_is_a_quantity_of_a_week_ago() {
    let t = "Receipts were put at 41,500 head against 38,200 week ago and up from year ago.";
    let got = brief(t, &tag_on(t, "1987-04-14"));
    let want = |s: &str, k: &'static str, iso: Option<&str>| {
        assert!(
            got.iter()
                .any(|g| g.0 == s && g.1 == k && g.3.as_deref() == iso),
            "{s}: {got:?}"
        );
    };
    want("38,200", "cardinal", None);
    want("week ago", "date", Some("1987-04-07"));
    want("year ago", "date", Some("1986"));
    // before a noun it is a year before the period reported: no value
    let t = "Sales beat the year ago quarter.";
    assert_eq!(one_on(t, "1987-04-14").iso, None);
    // a plural unit still counts
    assert_eq!(
        one_on("It opened 3 weeks ago.", "1987-04-14")
            .iso
            .as_deref(),
        Some("1987-03-24")
    );
}

#[test]
fn a_trade_month_is_the_next_one_whatever_the_tense() {
    // shipment, delivery and futures months are traded before they come
    for (t, iso) in [
        ("Jordan bought barley for March shipment.", "1988-03"),
        ("Dealers sold cocoa for December delivery.", "1987-12"),
        ("November soybeans closed lower.", "1987-11"),
        ("Traders sold August heating oil futures.", "1988-08"),
    ] {
        assert_eq!(one_on(t, "1987-09-16").iso.as_deref(), Some(iso), "{t}");
    }
    // a month's figures keep the clause's tense
    for t in [
        "October shipments fell 4 pct.",
        "Mills reported October wheat exports.",
    ] {
        let v = tag_on(t, "1987-11-16");
        assert!(
            v.iter().any(|m| m.iso.as_deref() == Some("1987-10")),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
}

#[test]
fn a_period_to_date_runs_from_its_start_to_publication() {
    let t = "Year-to-date deliveries rose, but month to date they eased.";
    let v = brief(t, &tag_on(t, "2005-02-16"));
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(v[0].0, "Year-to-date");
    assert_eq!(v[0].3.as_deref(), Some("2005-01-01/2005-02-16"));
    assert_eq!(v[1].3.as_deref(), Some("2005-02-01/2005-02-16"));
    // the verb `to date` is no period
    none_of_kind(
        &["Experts took a year to date the bones."],
        NumberKind::DateRange,
    );
}

#[test]
fn to_date_and_at_the_moment_are_the_time_of_writing() {
    for (t, s) in [
        ("It is the costliest storm to date.", "to date"),
        ("Officials are quiet at the moment.", "at the moment"),
        ("To date, nobody has claimed the prize.", "To date"),
    ] {
        let m = one_on(t, "2005-03-02");
        assert_eq!(
            (&t[m.span.clone()], m.iso.as_deref()),
            (s, Some("2005-03-02")),
            "{t}"
        );
    }
    // a range from a date to the time of writing
    let m = one_on("Imports from March to date fell.", "2005-06-02");
    assert_eq!(m.iso.as_deref(), Some("2005-03/2005-06-02"));
    none_of_kind(
        &[
            "The carvings are believed to date from Roman times.",
            "Keep the list up to date.",
            "Interest accrues to date of payment.",
            "At the moment the bomb went off, he ran.",
        ],
        NumberKind::Date,
    );
}

#[test]
fn from_and_a_bare_figure_after_a_day_is_a_change_not_an_hour() {
    let t = "Sailings rise to five from June 1 from three.";
    let v = brief(t, &tag_on(t, "1987-04-02"));
    assert!(v.iter().any(|m| m.0 == "June 1" && m.1 == "date"), "{v:?}");
    assert!(
        v.iter().any(|m| m.0 == "three" && m.1 == "cardinal"),
        "{v:?}"
    );
    // a clock time, or a figure a range closes, is still the day's hour
    for (t, iso) in [
        ("The polls open Thursday from 7am.", "1987-04-02T07:00"),
        ("Clinics run Thursday from 9 to noon.", "1987-04-02T09:00"),
    ] {
        let v = tag_on(t, "1987-04-02");
        assert!(
            v.iter()
                .any(|m| m.iso.as_deref().is_some_and(|s| s.starts_with(iso))),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
}

#[test]
fn three_short_groups_joined_by_dashes_are_one_code() {
    // a formation, a product name, a well's code: one identifier, not a range and a count
    for (t, code) in [
        ("The coach went back to a 3-5-2 system.", "3-5-2"),
        ("Dial 9-1-1 in an emergency.", "9-1-1"),
        ("The Xijiang 24-3-1 well flowed oil.", "24-3-1"),
        ("The 16-5-20E2 well was dry.", "16-5-20E2"),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind),
            (code, NumberKind::Identifier),
            "{t}"
        );
    }
    // a price range with a fraction stays a range
    let m = one("Bellies sold at 61-61-1/4 cents.");
    assert_eq!(m.modifier.as_deref(), Some("range"));
}

#[test]
fn a_change_and_the_level_it_reaches_stay_apart() {
    // further from the verb: an amount with its own unit after `by` or `of`, a modifier
    // between the verb and the change, a list of moves that drops the verb after the first
    for (t, change, level) in [
        (
            "Reserves grew during March by 300 mln crowns to 41.2 billion.",
            "300 mln crowns",
            "41.2 billion",
        ),
        (
            "The board approved a rise in capital of 50 mln francs to 800 mln francs.",
            "50 mln francs",
            "800 mln francs",
        ),
        (
            "Gold shed nearly $9 to $1,210 an ounce.",
            "nearly $9",
            "$1,210",
        ),
        (
            "Tesco climbed 6p to 290, Boots 3p to 511 and Next 12p to 1,944.",
            "3p",
            "511",
        ),
    ] {
        let v = tag(t);
        let spans: Vec<&str> = v.iter().map(|m| &t[m.span.clone()]).collect();
        assert!(
            spans.contains(&change) && spans.contains(&level),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // a range of changes stays a range
    let m = one("The bank cut its fees by two to 15 pct.");
    assert_eq!(m.modifier.as_deref(), Some("range"));
}

#[test]
fn the_brackets_of_a_ticker_are_no_comparison() {
    for t in [
        "Shares of Acme Corp <ACM> 12 pct higher.",
        "<NORTHERN TIN MINES LTD> NINE MTHS NET",
        "Pluto Bank <TWO> said it agreed.",
    ] {
        let v = tag(t);
        assert!(
            v.iter().all(|m| m.modifier.is_none()),
            "{t}: {:?}",
            brief(t, &v)
        );
    }
    // a comparison sign in prose stays one
    assert_eq!(
        one("Loans > 30 days fell.").modifier.as_deref(),
        Some("more_than")
    );
}

#[test]
fn a_signed_figure_grouped_by_spaces_is_one_figure() {
    let m = one("The deficit was -3 750 000 dollars.");
    assert_eq!((m.value, m.kind), (Some(-3_750_000.0), NumberKind::Money));
    let m = one("Exports changed by +2 250 000 barrels.");
    assert_eq!(m.value, Some(2_250_000.0));
    // a phone number keeps its groups out of any figure
    for t in ["Ring +1 303 555 0100 today.", "Ring +33 612 345 678 today."] {
        assert!(
            tag(t).iter().all(|m| m.value.is_none_or(|v| v < 1000.0)),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

#[test]
fn a_capital_letter_and_a_dash_before_digits_make_a_name() {
    // even when the letter also abbreviates a scale or a unit (M, G, K)
    for t in [
        "Broad money M-3 grew fast.",
        "The G-8 summit ended.",
        "The K-9 unit arrived.",
    ] {
        let m = one(t);
        assert_eq!(
            m.kind,
            NumberKind::Identifier,
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

#[test]
fn a_country_in_dotted_capitals_names_the_currency_after_a_figure() {
    for (t, code) in [
        ("Profit rose to 45 mln U.S. dlrs.", "USD"),
        ("The fund holds 3.1 billion H.K. Dlrs.", "HKD"),
        ("Exports earned 700 mln N.Z. dollars.", "NZD"),
        ("Rents reach 90 U.K. pounds a week.", "GBP"),
        // a country's cents are cents
        ("Shr loss 17.4 H.K. Cents vs 12.1 cents", "cent"),
        // wire copy wraps the line between the country and its currency
        (
            "    The trade surplus rose to a record 13.6 billion U.S.\nDlrs last year, it said.",
            "USD",
        ),
    ] {
        let m = &tag(t)[0];
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Money, Some(code)),
            "{t}"
        );
    }
}

#[test]
fn a_half_or_a_quarter_before_a_scale_is_that_share_of_it() {
    let m = one("Nearly a half million voters stayed home.");
    assert_eq!(m.value, Some(500_000.0));
    let m = one("The yacht cost a quarter billion euros.");
    assert_eq!((m.value, m.kind), (Some(250_000_000.0), NumberKind::Money));
    // a half alone stays a fraction, and a compound reads its own scale
    assert_eq!(one("Prices fell by a half.").value, Some(0.5));
    assert_eq!(one("Some two and a half million").value, Some(2_500_000.0));
}

#[test]
fn ct_after_a_figure_is_a_cent() {
    // results tables write one cent as `ct`
    let m = one("Oper shr loss nine ct");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Money, Some(9.0), Some("cent"))
    );
}

#[test]
fn a_change_right_after_the_price_it_moves_stays_apart_from_the_level() {
    let t = "Shell raised heating oil prices 4.50 dlrs to 96 dlrs.";
    let v = tag(t);
    let spans: Vec<&str> = v.iter().map(|m| &t[m.span.clone()]).collect();
    assert_eq!(spans, ["4.50 dlrs", "96 dlrs"], "{:?}", brief(t, &v));
}

#[test]
fn bpd_after_a_figure_is_barrels() {
    let m = one("The field pumps 85,000 bpd.");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Measure, Some(85_000.0), Some("bbl"))
    );
}

#[test]
fn ecus_are_a_currency() {
    let m = one("The fund holds 125 mln Ecus.");
    assert_eq!(
        (m.kind, m.unit.as_deref()),
        (NumberKind::Money, Some("XEU"))
    );
}

#[test]
fn the_end_of_a_year_or_month_written_year_end_or_end_year() {
    let cases = [
        ("Stocks were 4 mln tonnes at end-1985.", "end-1985", "1985"),
        ("Output should double by end-July.", "end-July", "XXXX-07"),
        (
            "Inventories stood at 9 mln at year-end.",
            "year-end",
            "1986",
        ),
        (
            "The firm hopes to sign before year-end.",
            "year-end",
            "1987",
        ),
        ("Debt should halve by the year end.", "the year end", "1987"),
        (
            "Assets totalled 2 bln at year-end 1985.",
            "year-end 1985",
            "1985",
        ),
        (
            "Funds tighten ahead of the tax date at month-end.",
            "month-end",
            "1987-02",
        ),
    ];
    for (t, span, iso) in cases {
        let v = tag_on(t, "1987-02-10");
        let got = brief(t, &v);
        assert!(
            got.iter().any(|g| g.0 == span
                && g.3
                    .as_deref()
                    .is_some_and(|s| s.ends_with(iso.trim_start_matches("XXXX-")))
                && g.4.as_deref() == Some("late")),
            "{t}: want ({span}, {iso}, late), got {got:?}"
        );
    }
    // an attributive use is no date of its own
    for t in [
        "Loans rose to year-end levels.",
        "The year-end results were good.",
    ] {
        assert!(
            tag_on(t, "1987-02-10")
                .iter()
                .all(|m| m.modifier.as_deref() != Some("late")),
            "{t}"
        );
    }
}

#[test]
fn an_adjective_between_a_count_and_its_time_unit_keeps_the_duration() {
    for (t, span, iso) in [
        (
            "Snow fell for four consecutive nights.",
            "four consecutive nights",
            "P4D",
        ),
        (
            "The index gained for six straight sessions over 9 straight weeks.",
            "9 straight weeks",
            "P9W",
        ),
        ("She stayed three more months.", "three more months", "P3M"),
        ("It took 36 full hours.", "36 full hours", "PT36H"),
        ("They gave him two extra years.", "two extra years", "P2Y"),
    ] {
        let v = tag(t);
        let got = brief(t, &v);
        assert!(
            got.iter()
                .any(|g| g.0 == span && g.1 == "duration" && g.3.as_deref() == Some(iso)),
            "{t}: want ({span}, {iso}), got {got:?}"
        );
    }
    // other counted nouns keep their count
    let m = one("Three more soldiers were hurt.");
    assert_eq!(m.kind, NumberKind::Cardinal);
    assert_eq!(m.object.as_deref(), Some("soldiers"));
}

#[test]
fn a_fraction_of_a_unit_is_that_share_of_the_unit() {
    for (t, span, kind, value, unit) in [
        (
            "Yields slipped half a percentage point.",
            "half a percentage point",
            NumberKind::Percent,
            0.5,
            Some("percentage_point"),
        ),
        (
            "The dam is half a kilometre long.",
            "half a kilometre",
            NumberKind::Measure,
            0.5,
            Some("km"),
        ),
        (
            "Add a quarter of a litre of water.",
            "a quarter of a litre",
            NumberKind::Measure,
            0.25,
            Some("l"),
        ),
        (
            "Growth was three quarters of a percent.",
            "three quarters of a percent",
            NumberKind::Percent,
            0.75,
            None,
        ),
    ] {
        let m = one(t);
        assert_eq!(
            (&t[m.span.clone()], m.kind, m.value, m.unit.as_deref()),
            (span, kind, Some(value), unit),
            "{t}"
        );
    }
    // a noun that is no unit leaves the fraction alone
    assert_eq!(one("She ate half a sandwich.").kind, NumberKind::Fraction);
}

#[test]
fn a_dotted_figure_after_at_before_per_is_a_rate_not_a_clock_time() {
    let m = one("Mortgage rates are at 6.45 per cent.");
    assert_eq!((m.kind, m.value), (NumberKind::Percent, Some(6.45)));
    let m = one("The offer values the stock at 3.15 per share.");
    assert_ne!(m.kind, NumberKind::Time);
    // a clock time is still one before a day
    assert_eq!(
        tag("The train leaves at 6.45 tonight.")[0].kind,
        NumberKind::Time
    );
}

#[test]
fn minutes_to_an_hour_in_words_after_at_and_a_quarter_past() {
    assert_isos(
        "2021-06-09",
        &[
            (
                "The ferry sailed at a quarter past four.",
                "a quarter past four",
                "time",
                "04:15",
            ),
            (
                "Doors close at a quarter to nine.",
                "a quarter to nine",
                "time",
                "08:45",
            ),
            (
                "She phoned at twenty to eleven.",
                "twenty to eleven",
                "time",
                "10:40",
            ),
            (
                "We land at ten to seven tomorrow.",
                "ten to seven tomorrow",
                "time",
                "2021-06-10T06:50",
            ),
        ],
    );
    // a range of counts or a level, and a share before a level, stay figures
    for t in [
        "Losses were estimated at five to ten.",
        "Tickets sold at ten to twelve dollars.",
        "Output was cut by a quarter to 3 million.",
    ] {
        assert!(
            tag(t).iter().all(|m| m.kind != NumberKind::Time),
            "{t}: {:?}",
            brief(t, &tag(t))
        );
    }
}

#[test]
fn data_sizes_and_kitchen_measures_written_out_are_units() {
    for (t, unit) in [
        ("The card stores 128 gigabytes.", "GB"),
        ("Stir in two tablespoons of honey.", "tbsp"),
        ("Add 1 teaspoon salt.", "tsp"),
        ("They shared four pints.", "pt"),
    ] {
        let m = one(t);
        assert_eq!(
            (m.kind, m.unit.as_deref()),
            (NumberKind::Measure, Some(unit)),
            "{t}"
        );
    }
}

#[test]
fn a_height_with_a_spaced_in_after_the_inches_is_one_measure() {
    let m = one("The centre is 6 ft 9 in tall.");
    assert_eq!((m.unit.as_deref(), m.value), (Some("ft"), Some(6.75)));
    // `in` that starts a phrase is the preposition
    let t = "The post stands 4 ft 6 in the yard.";
    assert!(
        tag(t)
            .iter()
            .all(|m| !(m.unit == Some("ft".into()) && m.value == Some(4.5))),
        "{t}"
    );
}

#[test]
fn a_sum_and_its_minor_unit_without_and_after_a_currency_word() {
    let m = one("The fare was 7 dollars 45 cents.");
    assert_eq!(
        (m.kind, m.value, m.unit.as_deref()),
        (NumberKind::Money, Some(7.45), Some("USD"))
    );
    let m = one("Lunch cost three pounds 80 pence.");
    assert_eq!((m.value, m.unit.as_deref()), (Some(3.8), Some("GBP")));
    // a comma parts them
    assert_eq!(tag("He paid 9 dollars, 40 cents of it in coins.").len(), 2);
}

#[test]
fn a_preposition_of_position_is_no_counted_noun() {
    for t in [
        "It was 10 below zero.",
        "The index closed 14 above its low.",
        "They sat 3 beneath the stage.",
    ] {
        let v = tag(t);
        assert!(
            v.iter().all(|m| m.object.is_none()),
            "{t}: {:?}",
            v.iter().map(|m| m.object.clone()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_day_before_or_after_a_dated_day_is_that_day_moved_by_one() {
    assert_isos(
        "2022-10-05",
        &[
            (
                "Shops reopen the day after Boxing Day.",
                "the day after Boxing Day",
                "date",
                "2022-12-27",
            ),
            (
                "He flew out the day before 3 June 2021.",
                "the day before 3 June 2021",
                "date",
                "2021-06-02",
            ),
        ],
    );
    // from an event the day has no value
    let v = tag_on("They met the day after the vote.", "2022-10-05");
    assert!(v.iter().all(|m| m.iso.is_none()), "{v:?}");
}

#[test]
fn a_weekday_deadline_is_the_next_one_unless_the_verb_is_past() {
    // published on Thursday 20 July 2023
    assert_isos(
        "2023-07-20",
        &[
            (
                "Bidders have until Monday to reply.",
                "Monday",
                "date",
                "2023-07-24",
            ),
            (
                "Submit the forms by Wednesday.",
                "Wednesday",
                "date",
                "2023-07-26",
            ),
            (
                "The strike went on until Tuesday.",
                "Tuesday",
                "date",
                "2023-07-18",
            ),
            (
                "The hearing was adjourned until Monday.",
                "Monday",
                "date",
                "2023-07-24",
            ),
            // a schedule in the present tense is ahead; a cleft and a past are not
            (
                "The vote is on Monday, officials said.",
                "Monday",
                "date",
                "2023-07-24",
            ),
            (
                "Talks are on Tuesday in Geneva.",
                "Tuesday",
                "date",
                "2023-07-25",
            ),
            (
                "It is on Tuesday that the talks failed.",
                "Tuesday",
                "date",
                "2023-07-18",
            ),
            (
                "The talks were on Tuesday in Geneva.",
                "Tuesday",
                "date",
                "2023-07-18",
            ),
        ],
    );
}

#[test]
fn a_bound_after_a_figure_and_an_age_with_its_bound() {
    for (t, span, m) in [
        (
            "Adults aged 70 and over get a jab.",
            "aged 70 and over",
            "at_least",
        ),
        (
            "Pupils aged under 11 walk to school.",
            "aged under 11",
            "fewer_than",
        ),
        (
            "Workers aged over 50 were offered the scheme.",
            "aged over 50",
            "more_than",
        ),
        (
            "Voters 18 or older may register.",
            "18 or older",
            "at_least",
        ),
        ("Children 5 and under eat free.", "5 and under", "at_most"),
    ] {
        let v = tag(t);
        let got = brief(t, &v);
        assert!(
            got.iter().any(|g| g.0 == span && g.4.as_deref() == Some(m)),
            "{t}: want ({span}, {m}), got {got:?}"
        );
    }
    assert_eq!(
        one("Women aged under 40 were asked.").unit.as_deref(),
        Some("years_of_age")
    );
    // a comparison or a second figure after `or`/`and` is no bound
    assert!(
        tag("Sales of 5 and over 10 mln.")
            .iter()
            .all(|m| m.modifier.as_deref() != Some("at_least"))
    );
}
