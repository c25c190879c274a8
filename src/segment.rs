//! Sentence segmentation: pure functions over `&str`, no I/O.

use crate::types::ByteSpan;

/// Sentence spans of `text`, in order, non-overlapping, trimmed of surrounding whitespace.
pub fn segment(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        if let Some(s) = start {
            let end = i + c.len_utf8();
            let at_end = matches!(c, '.' | '!' | '?')
                && text[end..].chars().next().is_none_or(char::is_whitespace);
            if at_end || c == '\n' {
                let e = if c == '\n' { i } else { end };
                let trimmed = text[s..e].trim_end();
                if !trimmed.is_empty() {
                    out.push(s..s + trimmed.len());
                }
                start = None;
            }
        }
    }
    if let Some(s) = start {
        let trimmed = text[s..].trim_end();
        if !trimmed.is_empty() {
            out.push(s..s + trimmed.len());
        }
    }
    out
}
