//! Properties of `segment::segment` on arbitrary input. Throughput: `newscorpus bench stages DIR`.

use newscorpus::segment::segment;
use proptest::prelude::*;

/// Checks every invariant of the span list for `text`.
fn check(text: &str) -> Result<(), TestCaseError> {
    let spans = segment(text);
    let mut prev_end = 0;
    for s in &spans {
        prop_assert!(s.start < s.end, "empty span {:?}", s);
        prop_assert!(s.start >= prev_end, "overlap or disorder at {:?}", s);
        prop_assert!(s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = &text[s.clone()];
        prop_assert_eq!(t.trim(), t, "not trimmed");
        prev_end = s.end;
    }
    // Every non-whitespace character is inside a span.
    let mut it = spans.iter().peekable();
    for (i, c) in text.char_indices() {
        while it.peek().is_some_and(|s| s.end <= i) {
            it.next();
        }
        if !c.is_whitespace() {
            prop_assert!(
                it.peek().is_some_and(|s| s.start <= i),
                "char {:?} at {} not covered",
                c,
                i
            );
        }
    }
    Ok(())
}

const TRICKY: &str = "[a-zA-Z0-9 .!?\"'“”‘’()\\[\\]…\n\t,:;@/$%&•⁃é中。！\u{a0}\u{2009}-]{0,160}";

proptest! {
    // 2000 cases each unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_on_tricky_chars(text in TRICKY) {
        check(&text)?;
    }

    #[test]
    fn invariants_on_any_string(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn invariants_on_sentence_like_text(
        parts in prop::collection::vec(
            (
                prop::sample::select(vec!["The", "U.S.", "Mr.", "It", "he", "1.", "a.", "•", "\"Why?\"", "Inc.", "e.g.", "No.", "(AP)", "...", ". . .", "2)", "Sept.", "J."]),
                prop::sample::select(vec![" ", "\n", "\n\n", ". ", "! ", "? ", ".\n", "", " \n", "…"]),
            ),
            0..40,
        )
    ) {
        let text: String = parts.iter().flat_map(|(w, s)| [*w, *s]).collect();
        check(&text)?;
    }
}
