//! Repeated passages: how many documents, and how many distinct sources, contain each
//! sentence, so that an outlet's template paragraph can be found and filtered.
//!
//! A *source* is the top-level folder of a document's path (organize inputs one folder per
//! outlet: `bbc/...`, `reuters/...`); files directly in an input folder share the source `""`.
//! Memory is 16 bytes per distinct sentence plus the text of the repeated ones only.

use std::collections::{BTreeSet, HashMap};

/// The source of a document: the first component of its `files.path`.
pub fn source_of(path: &str) -> &str {
    path.split_once('/').map(|(first, _)| first).unwrap_or("")
}

#[derive(Debug, Clone, Copy)]
struct Seen {
    n_docs: u32,
    first_source: u32,
}

#[derive(Debug, Clone)]
struct Repeated {
    hash: String,
    text: String,
    role: &'static str,
    sources: BTreeSet<u32>,
}

/// One row of the `passages` table.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageRow {
    pub sentence_hash: String,
    pub text: String,
    pub role: &'static str,
    pub n_docs: i64,
    pub n_sources: i64,
    pub sources: Vec<String>,
}

/// Counts sentences across documents, one document at a time, in any order.
#[derive(Debug, Default)]
pub struct PassageCounter {
    seen: HashMap<u64, Seen>,
    repeated: HashMap<u64, Repeated>,
    source_ids: HashMap<String, u32>,
    source_names: Vec<String>,
}

/// A sentence of a document: its `sentence_hash` (hex), text and role.
pub struct SentenceRef<'a> {
    pub hash: &'a str,
    pub text: &'a str,
    pub role: &'static str,
}

fn key(hash: &str) -> u64 {
    u64::from_str_radix(hash.get(..16).unwrap_or(hash), 16).unwrap_or(0)
}

impl PassageCounter {
    /// Count the distinct sentences of one document from `source`.
    pub fn add_doc<'a>(
        &mut self,
        source: &str,
        sentences: impl IntoIterator<Item = SentenceRef<'a>>,
    ) {
        let sid = match self.source_ids.get(source) {
            Some(&id) => id,
            None => {
                let id = self.source_names.len() as u32;
                self.source_ids.insert(source.to_string(), id);
                self.source_names.push(source.to_string());
                id
            }
        };
        let mut in_doc = std::collections::HashSet::new();
        for s in sentences {
            let k = key(s.hash);
            if !in_doc.insert(k) {
                continue; // counted once per document
            }
            let e = self.seen.entry(k).or_insert(Seen {
                n_docs: 0,
                first_source: sid,
            });
            e.n_docs += 1;
            if e.n_docs == 2 {
                let first = e.first_source;
                self.repeated.insert(
                    k,
                    Repeated {
                        hash: s.hash.to_string(),
                        text: s.text.to_string(),
                        role: s.role,
                        sources: [first, sid].into_iter().collect(),
                    },
                );
            } else if e.n_docs > 2
                && let Some(r) = self.repeated.get_mut(&k)
            {
                r.sources.insert(sid);
            }
        }
    }

    /// Rows for sentences found in two or more documents, sorted by `sentence_hash`.
    pub fn rows(&self) -> Vec<PassageRow> {
        let mut rows: Vec<PassageRow> = self
            .repeated
            .iter()
            .map(|(k, r)| PassageRow {
                sentence_hash: r.hash.clone(),
                text: r.text.clone(),
                role: r.role,
                n_docs: self.seen.get(k).map(|s| s.n_docs).unwrap_or(0) as i64,
                n_sources: r.sources.len() as i64,
                sources: r
                    .sources
                    .iter()
                    .map(|&i| self.source_names[i as usize].clone())
                    .collect(),
            })
            .collect();
        rows.sort_by(|a, b| a.sentence_hash.cmp(&b.sentence_hash));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s<'a>(hash: &'a str, text: &'a str) -> SentenceRef<'a> {
        SentenceRef {
            hash,
            text,
            role: "body",
        }
    }

    #[test]
    fn counts_documents_and_sources() {
        let mut c = PassageCounter::default();
        let (a, b) = ("aaaaaaaaaaaaaaaa0000", "bbbbbbbbbbbbbbbb0000");
        c.add_doc("bbc", [s(a, "Template."), s(a, "Template."), s(b, "Once.")]);
        c.add_doc("bbc", [s(a, "Template.")]);
        c.add_doc("reuters", [s(a, "Template.")]);
        let rows = c.rows();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].n_docs, rows[0].n_sources), (3, 2));
        assert_eq!(
            rows[0].sources,
            vec!["bbc".to_string(), "reuters".to_string()]
        );
    }

    #[test]
    fn source_is_the_top_folder() {
        assert_eq!(source_of("bbc/politics/001.txt"), "bbc");
        assert_eq!(source_of("001.txt"), "");
    }
}
