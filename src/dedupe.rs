//! Hash-dedupe: blake3 of raw bytes and of normalized text. The first file in path order is
//! kept; every later copy points to it. Deciding in path order (not arrival order) is what makes
//! the choice independent of the thread count.

use std::collections::HashMap;

/// Hex blake3 of bytes: the `raw_hash` of files and the `doc_id` of documents.
pub fn hash_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// First 32 hex digits of blake3: the row ids, long enough to never collide in practice.
pub fn short_hash(bytes: &[u8]) -> String {
    let h = blake3::hash(bytes).to_hex();
    h[..32].to_string()
}

/// What the first file with these bytes or this text became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub path: String,
    /// The document it produced; `None` when it was rejected.
    pub doc_id: Option<String>,
    /// Why it was rejected, when it was.
    pub rejected: Option<String>,
}

/// Verdict on a file, given the ones before it in path order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// First of its kind: keep it.
    New,
    /// Same raw bytes as an earlier file.
    SameBytes(Kept),
    /// Different bytes, same normalized text as an earlier file.
    SameText(Kept),
}

/// Seen hashes. Memory is 32 bytes plus a path per distinct file, never file contents.
#[derive(Debug, Default)]
pub struct Deduper {
    raw: HashMap<String, Kept>,
    text: HashMap<String, Kept>,
}

impl Deduper {
    /// Judge a file by its raw hash, then by its document id (if it decoded), and remember it
    /// when it is new. Must be called in path order.
    pub fn judge(
        &mut self,
        path: &str,
        raw_hash: &str,
        doc_id: Option<&str>,
        rejected: Option<&str>,
    ) -> Verdict {
        if let Some(k) = self.raw.get(raw_hash) {
            return Verdict::SameBytes(k.clone());
        }
        let kept = Kept {
            path: path.to_string(),
            doc_id: doc_id.map(str::to_string),
            rejected: rejected.map(str::to_string),
        };
        self.raw.insert(raw_hash.to_string(), kept.clone());
        if let Some(d) = doc_id {
            if let Some(k) = self.text.get(d) {
                return Verdict::SameText(k.clone());
            }
            self.text.insert(d.to_string(), kept);
        }
        Verdict::New
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_in_order_is_kept() {
        let mut d = Deduper::default();
        assert_eq!(d.judge("a", "r1", Some("d1"), None), Verdict::New);
        match d.judge("b", "r1", Some("d1"), None) {
            Verdict::SameBytes(k) => {
                assert_eq!((k.path.as_str(), k.doc_id.as_deref()), ("a", Some("d1")))
            }
            v => panic!("{v:?}"),
        }
        match d.judge("c", "r2", Some("d1"), None) {
            Verdict::SameText(k) => assert_eq!(k.path, "a"),
            v => panic!("{v:?}"),
        }
        assert_eq!(d.judge("d", "r3", Some("d2"), None), Verdict::New);
        assert_eq!(d.judge("e", "r4", None, Some("binary file")), Verdict::New);
        assert!(matches!(
            d.judge("f", "r4", None, Some("binary file")),
            Verdict::SameBytes(_)
        ));
    }

    #[test]
    fn hashes_are_blake3_hex() {
        assert_eq!(hash_hex(b"").len(), 64);
        assert_eq!(short_hash(b"abc"), hash_hex(b"abc")[..32]);
    }
}
