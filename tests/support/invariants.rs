//! Invariants every text stage must keep on any input, shared by the property tests
//! (`tests/props_pipeline.rs`), the fuzz regressions (`tests/fuzz_regressions.rs`) and the
//! fuzz targets (`fuzz/`), which include this file with `#[path]`.
//!
//! Each check returns `Err(description)` instead of panicking so that the caller decides how
//! to fail (proptest shrinks, libFuzzer records a crash).

#![allow(dead_code)]

use newscorpus::types::{AnalyzedDoc, Block, ByteSpan, Sentence};

/// `span` lies inside `text` and both ends are on char boundaries.
pub fn span_ok(text: &str, span: &ByteSpan, what: &str) -> Result<(), String> {
    if span.start > span.end || span.end > text.len() {
        return Err(format!(
            "{what} {span:?} outside the text (len {})",
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
        return Err(format!("{what} {span:?} not on char boundaries"));
    }
    Ok(())
}

/// Every span is valid, non-empty, and the list is ordered and non-overlapping.
pub fn spans_ok<'a>(
    text: &str,
    spans: impl IntoIterator<Item = &'a ByteSpan>,
    what: &str,
) -> Result<(), String> {
    let mut prev_end = 0usize;
    for (i, s) in spans.into_iter().enumerate() {
        span_ok(text, s, what)?;
        if s.start == s.end {
            return Err(format!("{what} #{i} {s:?} is empty"));
        }
        if s.start < prev_end {
            return Err(format!(
                "{what} #{i} {s:?} overlaps or precedes the previous one (ended at {prev_end})"
            ));
        }
        prev_end = s.end;
    }
    Ok(())
}

/// The contract of `normalize::normalize` output (see the module doc of `src/normalize.rs`).
pub fn normalized_ok(t: &str) -> Result<(), String> {
    if t.is_empty() {
        return Err("normalized text is empty (should be Err(NoText))".into());
    }
    if t.contains('\r') {
        return Err("\\r left in normalized text".into());
    }
    if t.contains("\n\n\n") {
        return Err("more than one blank line in a row".into());
    }
    if t.contains("  ") {
        return Err("a run of spaces left".into());
    }
    if t.contains(" \n") || t.contains("\n ") {
        return Err("a line not trimmed".into());
    }
    if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) {
        return Err("leading or trailing whitespace".into());
    }
    if let Some(c) = t.chars().find(|&c| c != '\n' && c.is_control()) {
        return Err(format!("control character {c:?} left"));
    }
    if let Some(c) = t
        .chars()
        .find(|&c| c != '\n' && c != ' ' && c.is_whitespace())
    {
        return Err(format!("whitespace {c:?} other than space and \\n left"));
    }
    if !unicode_normalization::is_nfc(t) {
        return Err("not NFC".into());
    }
    Ok(())
}

/// Sentences: valid, ordered, non-overlapping, and not starting or ending with whitespace.
pub fn sentences_ok(text: &str, sentences: &[Sentence]) -> Result<(), String> {
    spans_ok(text, sentences.iter().map(|s| &s.span), "sentence")?;
    for s in sentences {
        let t = &text[s.span.clone()];
        if t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace) {
            return Err(format!("sentence {:?} {t:?} not trimmed", s.span));
        }
    }
    Ok(())
}

/// Blocks of the structure stage: valid, ordered, non-overlapping.
pub fn blocks_ok(text: &str, blocks: &[Block]) -> Result<(), String> {
    spans_ok(text, blocks.iter().map(|b| &b.span), "block")
}

/// Everything `analyze` returns points into its text correctly.
pub fn analyzed_ok(doc: &AnalyzedDoc) -> Result<(), String> {
    let t = doc.text.as_str();
    sentences_ok(t, &doc.sentences)?;
    spans_ok(t, doc.numbers.iter().map(|n| &n.span), "number")?;
    spans_ok(t, doc.places.iter().map(|p| &p.span), "place")?;
    if let Some(s) = &doc.meta.dateline_span {
        span_ok(t, s, "dateline")?;
    }
    for n in &doc.numbers {
        for (name, v) in [("value", n.value), ("lower", n.lower), ("upper", n.upper)] {
            if v.is_some_and(|v| !v.is_finite()) {
                return Err(format!("number {:?} has a non-finite {name}", n.span));
            }
        }
    }
    for p in &doc.places {
        if !(0.0..=1.0).contains(&p.confidence) {
            return Err(format!(
                "place {:?} confidence {} outside 0..=1",
                p.span, p.confidence
            ));
        }
    }
    Ok(())
}

/// The code-point offsets of `annotate`'s JSON slice the returned text to each mention's text,
/// and sentences and mentions stay inside it.
pub fn annotate_json_ok(v: &serde_json::Value) -> Result<(), String> {
    let text = v["text"].as_str().ok_or("no text in annotate output")?;
    let chars: Vec<char> = text.chars().collect();
    let slice = |item: &serde_json::Value, what: &str| -> Result<String, String> {
        let (Some(s), Some(e)) = (item["start"].as_u64(), item["end"].as_u64()) else {
            return Err(format!("{what} without start/end: {item}"));
        };
        let (s, e) = (s as usize, e as usize);
        if s > e || e > chars.len() {
            return Err(format!(
                "{what} {s}..{e} outside the text ({} chars)",
                chars.len()
            ));
        }
        Ok(chars[s..e].iter().collect())
    };
    for s in v["sentences"].as_array().ok_or("no sentences array")? {
        slice(s, "sentence")?;
    }
    for kind in ["numbers", "places"] {
        for m in v[kind].as_array().ok_or("no mentions array")? {
            let got = slice(m, kind)?;
            if Some(got.as_str()) != m["text"].as_str() {
                return Err(format!(
                    "{kind}: offsets give {got:?}, text says {}",
                    m["text"]
                ));
            }
        }
    }
    Ok(())
}
