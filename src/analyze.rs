//! The text stages of one document, composed: pure, no I/O, used by `build` and `annotate`.

use crate::gazetteer::Gazetteer;
use crate::types::{AnalyzedDoc, ByteSpan, DocContext};
use crate::{segment, structure, tag};

/// Run structure, segmentation and both taggers over an already normalized text.
pub fn analyze(text: String, gazetteer: &Gazetteer) -> AnalyzedDoc {
    analyze_with(text, gazetteer, None)
}

/// [`analyze`], with a publication date (ISO `YYYY-MM-DD`) known from outside the text; it
/// overrides the one the structure stage reads, for resolving relative dates.
pub fn analyze_with(text: String, gazetteer: &Gazetteer, published: Option<String>) -> AnalyzedDoc {
    let st = structure::analyze(&text);
    let spans: Vec<ByteSpan> = segment::segment(&text);
    let sentences = structure::assign_roles(&spans, &st.blocks);
    let ctx = DocContext {
        published: published.or_else(|| st.meta.published.clone()),
        dateline: st.meta.dateline.clone(),
    };
    let numbers = tag::numbers::tag_numbers(&text, &ctx);
    let places = tag::places::tag_places(&text, gazetteer, &ctx);
    let focus_country = tag::places::focus_country(&places);
    AnalyzedDoc {
        text,
        meta: st.meta,
        sentences,
        numbers,
        places,
        focus_country,
    }
}
