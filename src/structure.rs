//! Article structure: a role for every part of the text, and the article's metadata.

use crate::types::{Block, ByteSpan, Role, Sentence, Structure};

/// Roles and metadata of a normalized document text (paragraphs separated by blank lines).
pub fn analyze(text: &str) -> Structure {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            blocks.push(Block {
                span: start..start + trimmed.len(),
                role: Role::Body,
            });
        }
        offset += line.len();
    }
    Structure {
        meta: Default::default(),
        blocks,
    }
}

/// Sentences cut at block edges, each with the role of its block.
pub fn assign_roles(sentences: &[ByteSpan], blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut covered = false;
        for b in blocks
            .iter()
            .filter(|b| b.span.start < s.end && s.start < b.span.end)
        {
            let span = s.start.max(b.span.start)..s.end.min(b.span.end);
            out.push(Sentence { span, role: b.role });
            covered = true;
        }
        if !covered {
            out.push(Sentence {
                span: s.clone(),
                role: Role::Body,
            });
        }
    }
    out
}
