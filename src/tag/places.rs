//! Places: toponyms resolved to GeoNames entries.

use crate::gazetteer::Gazetteer;
use crate::types::{DocContext, PlaceMention};

/// All place mentions in `text`, in order of position, non-overlapping, as byte spans.
pub fn tag_places(text: &str, gazetteer: &Gazetteer, ctx: &DocContext) -> Vec<PlaceMention> {
    let _ = (text, gazetteer, ctx);
    Vec::new()
}

/// The country a document is mostly about: the most frequent country among its resolved
/// mentions (ties broken by code, for determinism).
pub fn focus_country(places: &[PlaceMention]) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in places {
        if let Some(cc) = p.country_code.as_deref() {
            *counts.entry(cc).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(cc, _)| cc.to_string())
}
