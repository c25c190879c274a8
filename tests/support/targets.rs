//! One check per fuzz target: run a stage on an input and panic on any broken invariant.
//! The fuzz targets (`fuzz/fuzz_targets/*.rs`) and the regression tests
//! (`tests/fuzz_regressions.rs`) call the same functions, so a crash found by fuzzing is
//! replayed exactly by `cargo test`. Include with `#[path]` next to `invariants.rs`.

#![allow(dead_code)]

use std::sync::LazyLock;

use newscorpus::gazetteer::Gazetteer;
use newscorpus::types::DocContext;

use crate::invariants;

static GAZ: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::embedded().expect("the embedded gazetteer loads"));

fn fail(stage: &str, e: String) -> ! {
    panic!("{stage}: {e}")
}

/// The first line as a context value (publication date or dateline), the rest as text, so
/// that odd context values are fuzzed too.
fn split_context(text: &str) -> (Option<String>, &str) {
    let (first, body) = text.split_once('\n').unwrap_or(("", text));
    ((!first.is_empty()).then(|| first.to_string()), body)
}

/// decode + normalize on arbitrary bytes: the output keeps the normalization contract and
/// normalizing again changes nothing.
pub fn normalize(data: &[u8]) {
    let Ok(d) = newscorpus::normalize::decode(data) else {
        return;
    };
    let Ok(t) = newscorpus::normalize::normalize(&d.text) else {
        return;
    };
    if let Err(e) = invariants::normalized_ok(&t) {
        fail("normalize", e);
    }
    assert_eq!(
        newscorpus::normalize::normalize(&t).as_deref(),
        Ok(t.as_str()),
        "normalize is not idempotent"
    );
}

/// segment::segment on raw text and on the normalized text the build gives it.
pub fn segment(text: &str) {
    let spans = newscorpus::segment::segment(text);
    if let Err(e) = invariants::spans_ok(text, &spans, "sentence") {
        fail("segment (raw text)", e);
    }
    if let Ok(n) = newscorpus::normalize::normalize(text) {
        let spans = newscorpus::segment::segment(&n);
        if let Err(e) = invariants::spans_ok(&n, &spans, "sentence") {
            fail("segment (normalized text)", e);
        }
    }
}

/// tag::numbers::tag_numbers, the first line being the publication date.
pub fn numbers(text: &str) {
    let (published, body) = split_context(text);
    let ctx = DocContext {
        published,
        dateline: None,
    };
    let found = newscorpus::tag::numbers::tag_numbers(body, &ctx);
    if let Err(e) = invariants::spans_ok(body, found.iter().map(|n| &n.span), "number") {
        fail("numbers", e);
    }
    for n in &found {
        for v in [n.value, n.lower, n.upper].into_iter().flatten() {
            assert!(v.is_finite(), "numbers: non-finite value in {n:?}");
        }
    }
}

/// tag::places::tag_places with the embedded gazetteer, the first line being the dateline.
pub fn places(text: &str) {
    let (dateline, body) = split_context(text);
    let ctx = DocContext {
        published: None,
        dateline,
    };
    let found = newscorpus::tag::places::tag_places(body, &GAZ, &ctx);
    if let Err(e) = invariants::spans_ok(body, found.iter().map(|p| &p.span), "place") {
        fail("places", e);
    }
    for p in &found {
        assert!(
            (0.0..=1.0).contains(&p.confidence),
            "places: confidence out of range: {p:?}"
        );
    }
    let _ = newscorpus::tag::places::focus_country(&found);
}

fn structure_ok(text: &str) -> Result<(), String> {
    let st = newscorpus::structure::analyze(text);
    invariants::blocks_ok(text, &st.blocks)?;
    if let Some(s) = &st.meta.dateline_span {
        invariants::span_ok(text, s, "dateline")?;
    }
    let sentences =
        newscorpus::structure::assign_roles(&newscorpus::segment::segment(text), &st.blocks);
    invariants::spans_ok(
        text,
        sentences.iter().map(|s| &s.span),
        "sentence with role",
    )
}

/// structure::analyze and assign_roles on raw and normalized text.
pub fn structure(text: &str) {
    if let Err(e) = structure_ok(text) {
        fail("structure (raw text)", e);
    }
    if let Ok(n) = newscorpus::normalize::normalize(text)
        && let Err(e) = structure_ok(&n)
    {
        fail("structure (normalized text)", e);
    }
}

/// The whole text path of a build on arbitrary bytes (decode, normalize, analyze, the JSON of
/// `annotate`), and `annotate --no-normalize` on the decoded text.
pub fn analyze(data: &[u8]) {
    let Ok(d) = newscorpus::normalize::decode(data) else {
        return;
    };
    if let Ok(text) = newscorpus::normalize::normalize(&d.text) {
        let doc = newscorpus::analyze::analyze(text, &GAZ);
        if let Err(e) = invariants::analyzed_ok(&doc) {
            fail("analyze", e);
        }
        let json = newscorpus::annotate::to_json(serde_json::Value::Null, &doc);
        if let Err(e) = invariants::annotate_json_ok(&json) {
            fail("annotate", e);
        }
    }
    let line = serde_json::json!({"id": 1, "text": d.text}).to_string();
    match newscorpus::annotate::annotate_line(&line, false, &GAZ) {
        Ok(v) => {
            if let Err(e) = invariants::annotate_json_ok(&v) {
                fail("annotate --no-normalize", e);
            }
        }
        Err(e) => fail("annotate --no-normalize", e.to_string()),
    }
}

/// The inverse of discover's name escaping: `\\` is a backslash, `\xNN` a raw byte.
fn unescape(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
        } else if b.get(i + 1) == Some(&b'\\') {
            out.push(b'\\');
            i += 2;
        } else if b.get(i + 1) == Some(&b'x') {
            let hex = std::str::from_utf8(b.get(i + 2..i + 4)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 4;
        } else {
            return None;
        }
    }
    Some(out)
}

/// discover's file-name escaping: plain UTF-8 names unchanged, and reversible (so two names
/// never share a row path).
#[cfg(unix)]
pub fn names(data: &[u8]) {
    use std::os::unix::ffi::OsStrExt;
    let shown = newscorpus::discover::display_component(std::ffi::OsStr::from_bytes(data));
    if let Ok(s) = std::str::from_utf8(data)
        && !s.contains('\\')
    {
        assert_eq!(shown, s, "names: a plain UTF-8 name changed");
    }
    assert_eq!(
        unescape(&shown).as_deref(),
        Some(data),
        "names: escaping is not reversible: {shown:?}"
    );
}
