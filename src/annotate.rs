//! The `annotate` interface: one JSON object in, the stages' findings out, code-point offsets.

use serde_json::{Value, json};

use crate::analyze::analyze_with;
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize;
use crate::offsets::CharOffsets;
use crate::types::AnalyzedDoc;

/// Errors in one input line.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    #[error("not a JSON object with a string \"text\": {0}")]
    BadLine(String),
}

/// Annotate one JSON Lines record `{"id": ..., "text": ...}`; an optional `"published"`
/// (ISO date) is the publication date used to resolve relative dates.
pub fn annotate_line(
    line: &str,
    normalize_text: bool,
    gazetteer: &Gazetteer,
) -> Result<Value, AnnotateError> {
    let input: Value =
        serde_json::from_str(line).map_err(|e| AnnotateError::BadLine(e.to_string()))?;
    let text = input
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| AnnotateError::BadLine("missing \"text\"".into()))?;
    let text = if normalize_text {
        normalize(text).unwrap_or_default()
    } else {
        text.to_owned()
    };
    let published = input
        .get("published")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let doc = analyze_with(text, gazetteer, published);
    Ok(to_json(
        input.get("id").cloned().unwrap_or(Value::Null),
        &doc,
    ))
}

/// The JSON form of an analyzed document (all offsets in code points).
pub fn to_json(id: Value, doc: &AnalyzedDoc) -> Value {
    let m = CharOffsets::new(&doc.text);
    let sentences: Vec<Value> = doc
        .sentences
        .iter()
        .map(|s| json!({"start": m.to_char(s.span.start), "end": m.to_char(s.span.end), "role": s.role.as_str()}))
        .collect();
    let numbers: Vec<Value> = doc
        .numbers
        .iter()
        .map(|n| {
            json!({
                "start": m.to_char(n.span.start), "end": m.to_char(n.span.end),
                "text": &doc.text[n.span.clone()], "kind": n.kind.as_str(),
                "value": n.value, "lower": n.lower, "upper": n.upper, "iso": n.iso,
                "modifier": n.modifier, "unit": n.unit, "object": n.object, "vague": n.vague,
            })
        })
        .collect();
    let places: Vec<Value> = doc
        .places
        .iter()
        .map(|p| {
            json!({
                "start": m.to_char(p.span.start), "end": m.to_char(p.span.end),
                "text": &doc.text[p.span.clone()], "kind": p.kind.as_str(),
                "geonameid": p.geonameid, "name": p.name, "country_code": p.country_code,
                "feature_code": p.feature_code, "lat": p.lat, "lon": p.lon, "confidence": p.confidence,
            })
        })
        .collect();
    json!({
        "id": id,
        "text": doc.text,
        "title": doc.meta.title,
        "published": doc.meta.published,
        "dateline": doc.meta.dateline,
        "agencies": doc.meta.agencies,
        "focus_country": doc.focus_country,
        "sentences": sentences,
        "numbers": numbers,
        "places": places,
    })
}
