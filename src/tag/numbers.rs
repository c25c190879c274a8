//! Numbers, quantities and dates: every figure a news report states, as a typed value.

use crate::types::{DocContext, NumberMention};

/// All figures in `text`, in order of position, non-overlapping, as byte spans.
pub fn tag_numbers(text: &str, ctx: &DocContext) -> Vec<NumberMention> {
    let _ = (text, ctx);
    Vec::new()
}
