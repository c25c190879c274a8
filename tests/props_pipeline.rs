//! Property tests of the invariants the build relies on, for any text: normalize is idempotent
//! and keeps its contract; analyze's sentence, number and place spans lie inside the text, on
//! char boundaries, ordered and non-overlapping within each kind; annotate's code-point offsets
//! slice the text to each mention.
//!
//! Texts are drawn from a mix that reaches the awkward corners: news-like words and figures,
//! every kind of whitespace and line end, combining marks, invisible characters, controls,
//! emoji and arbitrary code points.

use newscorpus::gazetteer::Gazetteer;
use newscorpus::normalize::{decode, normalize};
use proptest::prelude::*;

#[path = "support/invariants.rs"]
mod invariants;

fn gazetteer() -> &'static Gazetteer {
    static GAZ: std::sync::LazyLock<Gazetteer> =
        std::sync::LazyLock::new(|| Gazetteer::embedded().expect("embedded gazetteer"));
    &GAZ
}

/// A piece of text; `text()` strings many of them together.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        // News-like words, figures, dates and places.
        4 => prop::sample::select(vec![
            "Raqqa", "Syria", "Aleppo", "Damascus", "Dresden", "Paris", "Georgia", "Jordan",
            "more than", "4,000", "1.5m", "12%", "$3bn", "half", "dozens", "thousands",
            "19 April 2022", "2017-06-01", "10:30", "Mr.", "U.S.", "e.g.", "No. 5", "BEIRUT (Reuters) -",
            "the", "said", "killed", "civilians", "at least", "between 10 and 20", "1st", "3/4",
            "(AP)", "Photo:", "Read more", "Syrian", "Deir ez-Zor", "Ḥamāh", "Zürich", "İstanbul",
        ])
        .prop_map(str::to_string),
        // Separators: every whitespace, line end and punctuation that rules look at.
        4 => prop::sample::select(vec![
            " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u{a0}", "\u{2009}", "\u{3000}",
            "\u{2028}", "\u{2029}", "\u{85}", "\u{0b}", "\u{0c}", ".", ". ", "!", "?", "...",
            "…", ",", ";", ":", "\"", "“", "”", "'", "’", "(", ")", "-", "–", "—", "/",
        ])
        .prop_map(str::to_string),
        // Invisible and odd characters.
        2 => prop::sample::select(vec![
            "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{9c}", "\u{ad}", "\u{200b}", "\u{200d}",
            "\u{2060}", "\u{feff}", "\u{fffd}", "\u{301}", "\u{308}", "\u{30a}", "\u{327}",
            "\u{200e}", "\u{202e}", "😀", "👍🏽", "🇸🇾", "\u{10ffff}", "ﬁ", "Å", "Ω",
        ])
        .prop_map(str::to_string),
        // Digits and letters in runs.
        2 => "[0-9]{1,12}",
        2 => "[A-Za-z]{1,12}",
        // Anything at all.
        1 => any::<String>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

proptest! {
    // 400 cases by default; PROPTEST_CASES=N for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalize_keeps_its_contract_and_is_idempotent(t in text()) {
        if let Ok(n) = normalize(&t) {
            if let Err(e) = invariants::normalized_ok(&n) {
                prop_assert!(false, "{e}: {t:?} -> {n:?}");
            }
            prop_assert_eq!(normalize(&n), Ok(n.clone()));
        }
    }

    #[test]
    fn decode_then_normalize_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(d) = decode(&bytes)
            && let Ok(n) = normalize(&d.text) {
                prop_assert!(invariants::normalized_ok(&n).is_ok());
            }
    }

    #[test]
    fn analyze_spans_are_inside_ordered_and_disjoint(t in text()) {
        // The build analyzes normalized text; `annotate --no-normalize` analyzes raw text.
        let mut inputs = vec![t.clone()];
        if let Ok(n) = normalize(&t) {
            inputs.push(n);
        }
        for input in inputs {
            let doc = newscorpus::analyze::analyze(input.clone(), gazetteer());
            prop_assert_eq!(&doc.text, &input);
            if let Err(e) = invariants::analyzed_ok(&doc) {
                prop_assert!(false, "{e}: {input:?}");
            }
        }
    }

    #[test]
    fn annotate_offsets_slice_the_text(t in text(), normalize_text in any::<bool>()) {
        let line = serde_json::json!({"id": "x", "text": t}).to_string();
        let v = newscorpus::annotate::annotate_line(&line, normalize_text, gazetteer())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Err(e) = invariants::annotate_json_ok(&v) {
            prop_assert!(false, "{e}: {t:?}");
        }
        prop_assert_eq!(&v["id"], "x");
    }
}

/// Spans of the same document in the `annotate` output and in `analyze` agree once converted:
/// the byte-to-code-point conversion is exact for every sentence boundary.
#[test]
fn code_point_offsets_match_byte_offsets() {
    let text = "Ḥamāh – 12 killed.\n\nİstanbul 😀 said: more than 4,000. Zürich?";
    let n = normalize(text).unwrap();
    let doc = newscorpus::analyze::analyze(n.clone(), gazetteer());
    let v = newscorpus::annotate::to_json(serde_json::Value::Null, &doc);
    let chars: Vec<char> = n.chars().collect();
    let sentences = v["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), doc.sentences.len());
    for (s, j) in doc.sentences.iter().zip(sentences) {
        let (a, b) = (
            j["start"].as_u64().unwrap() as usize,
            j["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(chars[a..b].iter().collect::<String>(), &n[s.span.clone()]);
    }
}
