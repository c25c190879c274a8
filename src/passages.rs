//! Repeated passages: how many documents, and how many distinct sources, contain each
//! sentence, so that an outlet's template paragraph can be found and filtered.
//!
//! A *source* is the top-level folder of a document's path (organize inputs one folder per
//! outlet: `bbc/...`, `reuters/...`); files directly in an input folder share the source `""`.
//! Every sentence goes to disk (its text to a record file, its hash, document, source and text
//! offset to an external sort), so memory does not grow with the corpus; the sorted records
//! are counted in one pass at the end.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::spill::{Records, SORT_BUDGET, Sorter, be_u32, be_u64};

/// The source of a document: the first component of its `files.path`.
pub fn source_of(path: &str) -> &str {
    path.split_once('/').map(|(first, _)| first).unwrap_or("")
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

/// A sentence of a document: its `sentence_hash` (the 16 bytes whose hex the tables show), text
/// and role.
pub struct SentenceRef<'a> {
    pub hash: &'a [u8; HASH_BYTES],
    pub text: &'a str,
    pub role: &'static str,
}

/// Bytes of a sentence hash (written as 32 hex digits, which sort as the bytes do).
pub const HASH_BYTES: usize = 16;
/// Sort key: hash | document number | source number | offset of the text record.
const KEY: usize = HASH_BYTES + 4 + 4 + 8;
/// Rows built at a time (in parallel) before they are handed over in order.
const ROWS_CHUNK: usize = 4096;

/// Counts sentences across documents, one document at a time, in path order.
pub struct PassageCounter {
    /// Per sentence occurrence: role number (one byte) and text.
    texts: Records,
    keys: Sorter<KEY>,
    source_ids: HashMap<String, u32>,
    source_names: Vec<String>,
    roles: Vec<&'static str>,
    docs: u32,
}

impl PassageCounter {
    /// A counter whose temporary files go to `dir`.
    pub fn new(dir: &Path) -> std::io::Result<PassageCounter> {
        Self::with_budget(dir, SORT_BUDGET)
    }

    /// The same with `budget` bytes for its external sort.
    pub fn with_budget(dir: &Path, budget: usize) -> std::io::Result<PassageCounter> {
        Ok(PassageCounter {
            texts: Records::new(dir)?,
            keys: Sorter::new(dir, budget),
            source_ids: HashMap::new(),
            source_names: Vec::new(),
            roles: Vec::new(),
            docs: 0,
        })
    }

    /// Count the distinct sentences of the next document, from `source`.
    pub fn add_doc<'a>(
        &mut self,
        source: &str,
        sentences: impl IntoIterator<Item = SentenceRef<'a>>,
    ) -> std::io::Result<()> {
        let sid = match self.source_ids.get(source) {
            Some(&id) => id,
            None => {
                let id = self.source_names.len() as u32;
                self.source_ids.insert(source.to_string(), id);
                self.source_names.push(source.to_string());
                id
            }
        };
        let doc = self.docs;
        self.docs += 1;
        let mut in_doc = HashSet::new();
        let mut rec = Vec::new();
        for s in sentences {
            if !in_doc.insert(s.hash) {
                continue; // counted once per document
            }
            let role = match self.roles.iter().position(|r| *r == s.role) {
                Some(i) => i,
                None => {
                    self.roles.push(s.role);
                    self.roles.len() - 1
                }
            };
            rec.clear();
            rec.push(role as u8);
            rec.extend_from_slice(s.text.as_bytes());
            let at = self.texts.push(&rec)?;
            let mut key = [0u8; KEY];
            key[..HASH_BYTES].copy_from_slice(s.hash);
            key[HASH_BYTES..HASH_BYTES + 4].copy_from_slice(&doc.to_be_bytes());
            key[HASH_BYTES + 4..HASH_BYTES + 8].copy_from_slice(&sid.to_be_bytes());
            key[HASH_BYTES + 8..].copy_from_slice(&at.to_be_bytes());
            self.keys.push(key)?;
        }
        Ok(())
    }

    /// Hand `emit` a row for each sentence found in two or more documents, sorted by
    /// `sentence_hash`; its text and role are those of its first occurrence in path order, its
    /// sources in the order they were first seen.
    pub fn finish<E: From<std::io::Error>>(
        mut self,
        mut emit: impl FnMut(PassageRow) -> Result<(), E>,
    ) -> Result<(), E> {
        self.texts.flush()?;
        let keys = std::mem::replace(&mut self.keys, Sorter::new(Path::new("."), 0));
        let mut tr = crate::spill::Trace::start();
        let mut sorted = keys.finish()?;
        tr.mark("passages.sort");
        // groups of two or more, a chunk at a time: rows (which read the texts back) built
        // in parallel, handed over in order
        let mut group: Vec<[u8; KEY]> = Vec::new();
        let mut groups: Vec<Vec<[u8; KEY]>> = Vec::new();
        let mut flush = |groups: &mut Vec<Vec<[u8; KEY]>>| -> Result<(), E> {
            let rows: Vec<std::io::Result<PassageRow>> =
                groups.par_iter().map(|g| self.row(g)).collect();
            groups.clear();
            for r in rows {
                emit(r?)?;
            }
            Ok(())
        };
        loop {
            let k = sorted.next().transpose()?;
            if let Some(first) = group.first()
                && k.is_none_or(|k| k[..HASH_BYTES] != first[..HASH_BYTES])
            {
                if group.len() >= 2 {
                    groups.push(std::mem::take(&mut group));
                    if groups.len() >= ROWS_CHUNK {
                        flush(&mut groups)?;
                    }
                }
                group.clear();
            }
            match k {
                Some(k) => group.push(k),
                None => break,
            }
        }
        flush(&mut groups)?;
        tr.mark("passages.merge+rows");
        Ok(())
    }

    /// The row of one sentence's occurrences (sorted by document number).
    fn row(&self, group: &[[u8; KEY]]) -> std::io::Result<PassageRow> {
        let first = &group[0];
        let rec = self.texts.get(be_u64(first, HASH_BYTES + 8))?;
        let (role, text) = rec.split_first().unwrap_or((&0, &[]));
        let sources: BTreeSet<u32> = group.iter().map(|k| be_u32(k, HASH_BYTES + 4)).collect();
        let mut hash = [0u8; HASH_BYTES];
        hash.copy_from_slice(&first[..HASH_BYTES]);
        Ok(PassageRow {
            sentence_hash: crate::dedupe::hex16(&hash),
            text: String::from_utf8_lossy(text).into_owned(),
            role: self.roles.get(usize::from(*role)).copied().unwrap_or(""),
            n_docs: group.len() as i64,
            n_sources: sources.len() as i64,
            sources: sources
                .iter()
                .map(|&i| self.source_names[i as usize].clone())
                .collect(),
        })
    }

    /// All rows at once (for tests and small inputs).
    pub fn rows(self) -> std::io::Result<Vec<PassageRow>> {
        let mut rows = Vec::new();
        self.finish(|r| -> std::io::Result<()> {
            rows.push(r);
            Ok(())
        })?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s<'a>(hash: &'a [u8; HASH_BYTES], text: &'a str) -> SentenceRef<'a> {
        SentenceRef {
            hash,
            text,
            role: "body",
        }
    }

    #[test]
    fn counts_documents_and_sources() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = PassageCounter::new(dir.path()).unwrap();
        let (a, b) = (&[0xaa; HASH_BYTES], &[0xbb; HASH_BYTES]);
        c.add_doc("bbc", [s(a, "Template."), s(a, "Template."), s(b, "Once.")])
            .unwrap();
        c.add_doc("bbc", [s(a, "Template.")]).unwrap();
        c.add_doc("reuters", [s(a, "Template.")]).unwrap();
        let rows = c.rows().unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].sentence_hash, "aa".repeat(HASH_BYTES));
        assert_eq!((rows[0].n_docs, rows[0].n_sources), (3, 2));
        assert_eq!(
            rows[0].sources,
            vec!["bbc".to_string(), "reuters".to_string()]
        );
    }

    /// Many documents and sources through a sort budget small enough to make many runs: the
    /// counts equal a plain in-memory count, rows come sorted by hash.
    #[test]
    fn counts_match_an_in_memory_count_across_sort_runs() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = PassageCounter::with_budget(dir.path(), 1024).unwrap();
        // hashes whose hex is a number's 32 digits: rows sorted by hex are sorted by number
        let hashes: Vec<[u8; HASH_BYTES]> = (0..40u128)
            .map(|i| (i * 7919 + (i % 3) * (1 << 100)).to_be_bytes())
            .collect();
        let mut want: std::collections::BTreeMap<String, (i64, BTreeSet<String>)> =
            Default::default();
        for d in 0..600usize {
            let source = format!("src{}", d % 5);
            let picked: Vec<&[u8; HASH_BYTES]> =
                (0..8).map(|k| &hashes[(d * 13 + k * k) % 40]).collect();
            let mut seen = HashSet::new();
            for h in &picked {
                if seen.insert(*h) {
                    let e = want.entry(crate::dedupe::hex16(h)).or_default();
                    e.0 += 1;
                    e.1.insert(source.clone());
                }
            }
            c.add_doc(&source, picked.iter().map(|h| s(h, "Some text.")))
                .unwrap();
        }
        let rows = c.rows().unwrap();
        let want: Vec<(String, i64, usize)> = want
            .into_iter()
            .filter(|(_, (n, _))| *n >= 2)
            .map(|(h, (n, src))| (h, n, src.len()))
            .collect();
        let got: Vec<(String, i64, usize)> = rows
            .iter()
            .map(|r| (r.sentence_hash.clone(), r.n_docs, r.n_sources as usize))
            .collect();
        assert_eq!(got, want);
        assert!(
            rows.iter()
                .all(|r| r.text == "Some text." && r.role == "body")
        );
    }

    #[test]
    fn source_is_the_top_folder() {
        assert_eq!(source_of("bbc/politics/001.txt"), "bbc");
        assert_eq!(source_of("001.txt"), "");
    }
}
