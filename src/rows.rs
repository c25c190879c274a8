//! The rows of the output tables for one analyzed document: code-point offsets and
//! content-hash ids, computed in the worker threads so the writer only appends.

use crate::dedupe::hex16;
use crate::neardup::NearDupConfig;
use crate::offsets::CharOffsets;
use crate::stories::StoryFeatures;
use crate::types::{AnalyzedDoc, ByteSpan, NumberMention, PlaceMention};

#[derive(Debug, Clone, PartialEq)]
pub struct SentenceRow {
    /// Its place in the document: its `sentence_id` and `sentence_hash` are
    /// `DocRows::ids.sentence_ids[idx]` and `.sentence_hashes[idx]` (hex is written by the
    /// writer: a release has millions of ids, and a `String` each cost an allocation, a copy
    /// per mention of its sentence, and a free on another thread).
    pub idx: i32,
    pub start: i64,
    pub end: i64,
    pub role: &'static str,
    /// Its bytes in the document's text ([`DocRows::text_of`] gives the text, not copied).
    pub bytes: ByteSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow<M> {
    /// The `idx` of the sentence it starts in (its `sentence_id` is that sentence's); its own
    /// `mention_id` is in `DocRows::ids` at the mention's place.
    pub sentence: Option<u32>,
    pub start: i64,
    pub end: i64,
    /// Its bytes in the document's text ([`DocRows::text_of`] gives the text, not copied).
    pub bytes: ByteSpan,
    pub mention: M,
}

impl MentionRow<()> {
    /// The row with its mention.
    fn carrying<M>(self, mention: M) -> MentionRow<M> {
        let MentionRow {
            sentence,
            start,
            end,
            bytes,
            mention: (),
        } = self;
        MentionRow {
            sentence,
            start,
            end,
            bytes,
            mention,
        }
    }
}

/// Everything one document contributes to the release.
#[derive(Debug, Clone, PartialEq)]
pub struct DocRows {
    pub doc_id: String,
    pub source_path: String,
    pub raw_hash: String,
    pub encoding: String,
    pub n_chars: i64,
    /// The analysis; its `numbers` and `places` have moved into the rows below.
    pub doc: AnalyzedDoc,
    pub sentences: Vec<SentenceRow>,
    pub numbers: Vec<MentionRow<NumberMention>>,
    pub places: Vec<MentionRow<PlaceMention>>,
    /// MinHash signature of the text, for `near_duplicates`.
    pub signature: Vec<u32>,
    /// What the document is compared on for `stories`.
    pub story: StoryFeatures,
    /// The rows' ids as bytes, for the cache.
    pub ids: RowIds,
}

/// The ids of a document's rows as 16 bytes each, in row order: what the cache keeps so that
/// a rebuild does not hash them again (5% of its instructions), and what the writer writes as
/// hex.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RowIds {
    pub sentence_ids: Vec<[u8; 16]>,
    pub sentence_hashes: Vec<[u8; 16]>,
    pub number_ids: Vec<[u8; 16]>,
    pub place_ids: Vec<[u8; 16]>,
}

impl RowIds {
    /// Whether these ids can be the ones of `doc`'s rows (else they are computed again).
    fn fit(&self, doc: &AnalyzedDoc) -> bool {
        self.sentence_ids.len() == doc.sentences.len()
            && self.sentence_hashes.len() == doc.sentences.len()
            && self.number_ids.len() == doc.numbers.len()
            && self.place_ids.len() == doc.places.len()
    }
}

/// `sentence_id`: stable across builds, recomputable from the published columns.
pub fn sentence_id(doc_id: &str, start: i64, end: i64) -> String {
    span_id(doc_id, 's', start, end)
}

/// `mention_id` of a number (`tag` = `n`) or place (`tag` = `p`) mention.
pub fn mention_id(doc_id: &str, tag: char, start: i64, end: i64) -> String {
    span_id(doc_id, tag, start, end)
}

/// `short_hash` of `"{doc_id}:{tag}:{start}:{end}"`, the key written by hand: a release has
/// millions of these ids, and `format!` cost as much as the hash itself.
fn span_id(doc_id: &str, tag: char, start: i64, end: i64) -> String {
    hex16(&span_hash(doc_id, tag, start, end))
}

/// The 16 bytes of [`span_id`].
fn span_hash(doc_id: &str, tag: char, start: i64, end: i64) -> [u8; 16] {
    let mut key = Vec::with_capacity(doc_id.len() + 48);
    key.extend_from_slice(doc_id.as_bytes());
    key.push(b':');
    key.extend_from_slice(tag.encode_utf8(&mut [0; 4]).as_bytes());
    key.push(b':');
    key.extend_from_slice(decimal(start, &mut [0; 20]));
    key.push(b':');
    key.extend_from_slice(decimal(end, &mut [0; 20]));
    hash16(&key)
}

/// The first 16 bytes of blake3: [`short_hash`] before its hex.
fn hash16(bytes: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    out.copy_from_slice(&blake3::hash(bytes).as_bytes()[..16]);
    out
}

/// `n` in decimal, as `Display` writes it, in `buf`.
pub(crate) fn decimal(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

impl DocRows {
    /// The text of a row's `bytes` (empty for a span that is not in the text, which the rows
    /// built here never have).
    pub fn text_of(&self, bytes: &ByteSpan) -> &str {
        self.doc.text.get(bytes.clone()).unwrap_or_default()
    }

    /// Whether `ids` has one id for every row (always, for rows made by [`DocRows::new`]): the
    /// writer zips rows with their ids and must not drop any.
    pub fn ids_fit(&self) -> bool {
        let ids = &self.ids;
        ids.sentence_ids.len() == self.sentences.len()
            && ids.sentence_hashes.len() == self.sentences.len()
            && ids.number_ids.len() == self.numbers.len()
            && ids.place_ids.len() == self.places.len()
    }

    /// The `sentence_id` (as bytes) of the sentence a mention starts in, if any.
    pub fn sentence_id_of<M>(&self, row: &MentionRow<M>) -> Option<&[u8; 16]> {
        (row.sentence).and_then(|i| self.ids.sentence_ids.get(i as usize))
    }

    /// The rows of `doc`. `ids`, when given and of the right lengths, are taken as the rows'
    /// ids (they are the cache's copy of what this function computed for the same document).
    pub fn new(
        doc_id: String,
        source_path: String,
        raw_hash: String,
        encoding: String,
        mut doc: AnalyzedDoc,
        (signature, story, ids): (Vec<u32>, Option<StoryFeatures>, Option<RowIds>),
        neardup: &NearDupConfig,
    ) -> DocRows {
        // (What the cache kept of the document, when it did: a signature of another length
        // is computed again.)
        let signature = if signature.len() == neardup.perms() {
            signature
        } else {
            crate::neardup::signature(&doc.text, neardup)
        };
        let story = match story {
            Some(s) if s.doc_id == doc_id => s,
            _ => StoryFeatures::from_doc(&doc_id, &doc),
        };
        let map = CharOffsets::new(&doc.text);
        let c = |b: usize| map.to_char(b) as i64;
        let ids = match ids.filter(|ids| ids.fit(&doc)) {
            Some(ids) => ids,
            None => RowIds {
                sentence_ids: (doc.sentences.iter())
                    .map(|s| span_hash(&doc_id, 's', c(s.span.start), c(s.span.end)))
                    .collect(),
                sentence_hashes: (doc.sentences.iter())
                    .map(|s| hash16(doc.text.get(s.span.clone()).unwrap_or_default().as_bytes()))
                    .collect(),
                number_ids: (doc.numbers.iter())
                    .map(|n| span_hash(&doc_id, 'n', c(n.span.start), c(n.span.end)))
                    .collect(),
                place_ids: (doc.places.iter())
                    .map(|p| span_hash(&doc_id, 'p', c(p.span.start), c(p.span.end)))
                    .collect(),
            },
        };
        let sentences: Vec<SentenceRow> = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (start, end) = (c(s.span.start), c(s.span.end));
                SentenceRow {
                    idx: i as i32,
                    start,
                    end,
                    role: s.role.as_str(),
                    bytes: s.span.clone(),
                }
            })
            .collect();
        // The sentence a mention starts in, by binary search over sentence starts (bytes).
        let sentence_of = |byte: usize| -> Option<u32> {
            let k = doc.sentences.partition_point(|s| s.span.start <= byte);
            let s = k.checked_sub(1).map(|i| &doc.sentences[i])?;
            (byte < s.span.end).then_some((k - 1) as u32)
        };
        // The columns every mention row has; the mention itself moves in (no second copy), so
        // `doc` keeps text, meta and sentences only.
        let row = |span: &ByteSpan| {
            let (start, end) = (c(span.start), c(span.end));
            MentionRow {
                sentence: sentence_of(span.start),
                start,
                end,
                bytes: span.clone(),
                mention: (),
            }
        };
        let numbers: Vec<_> = doc.numbers.iter().map(|n| row(&n.span)).collect();
        let places: Vec<_> = doc.places.iter().map(|p| row(&p.span)).collect();
        let numbers = numbers
            .into_iter()
            .zip(std::mem::take(&mut doc.numbers))
            .map(|(r, n)| r.carrying(n))
            .collect();
        let places = places
            .into_iter()
            .zip(std::mem::take(&mut doc.places))
            .map(|(r, p)| r.carrying(p))
            .collect();
        DocRows {
            n_chars: map.to_char(doc.text.len()) as i64,
            doc_id,
            source_path,
            raw_hash,
            encoding,
            doc,
            sentences,
            numbers,
            places,
            signature,
            story,
            ids,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedupe::short_hash;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn ids_are_the_hash_of_their_formatted_key() {
        for (doc, tag, start, end) in [
            ("0123456789abcdef0123456789abcdef", 's', 0, 17),
            ("d", 'n', 9, 10),
            ("", 'p', 1234567, 1234599),
            ("é", 'é', -5, i64::MAX),
            ("x", 's', i64::MIN, 0),
        ] {
            let key = format!("{doc}:{tag}:{start}:{end}");
            assert_eq!(span_id(doc, tag, start, end), short_hash(key.as_bytes()));
            assert_eq!(
                short_hash(key.as_bytes()),
                blake3::hash(key.as_bytes()).to_hex()[..32]
            );
        }
        assert_eq!(sentence_id("d", 1, 2), short_hash(b"d:s:1:2"));
        assert_eq!(mention_id("d", 'p', 1, 2), short_hash(b"d:p:1:2"));
    }

    #[test]
    fn rows_have_one_id_each_and_mentions_their_sentence() {
        let text = "More than 4,000 bodies were found in Raqqa. Officials said so on Monday.";
        let gaz = Gazetteer::embedded().unwrap();
        let doc = crate::analyze::analyze(text.to_string(), &gaz);
        let cfg = NearDupConfig::default();
        let mut rows = DocRows::new(
            "d".into(),
            String::new(),
            String::new(),
            String::new(),
            doc,
            (Vec::new(), None, None),
            &cfg,
        );
        assert!(rows.ids_fit());
        assert!(rows.numbers.len() >= 2 && !rows.places.is_empty());
        for n in &rows.numbers {
            let s = &rows.sentences[n.sentence.unwrap() as usize];
            assert!(s.bytes.start <= n.bytes.start && n.bytes.end <= s.bytes.end);
            let want = rows.ids.sentence_ids[s.idx as usize];
            assert_eq!(rows.sentence_id_of(n), Some(&want));
            assert_eq!(
                crate::dedupe::hex16(&want),
                sentence_id("d", s.start, s.end)
            );
        }
        rows.ids.place_ids.pop();
        assert!(!rows.ids_fit());
    }

    #[test]
    fn a_signature_of_the_wrong_length_is_computed_again() {
        let text = "More than 4,000 bodies were found in Raqqa, officials said on Monday.";
        let gaz = Gazetteer::embedded().unwrap();
        let cfg = NearDupConfig::default();
        let rows = |sig: Vec<u32>| {
            let doc = crate::analyze::analyze(text.to_string(), &gaz);
            let id = String::from("d");
            DocRows::new(
                id,
                String::new(),
                String::new(),
                String::new(),
                doc,
                (sig, None, None),
                &cfg,
            )
            .signature
        };
        let fresh = crate::neardup::signature(text, &cfg);
        assert_eq!(fresh.len(), cfg.perms());
        // none, a short (damaged or foreign) one: computed; one of the right length: kept
        assert_eq!(rows(Vec::new()), fresh);
        assert_eq!(rows(vec![1, 2, 3]), fresh);
        let kept = vec![5; cfg.perms()];
        assert_eq!(rows(kept.clone()), kept);
    }
}
