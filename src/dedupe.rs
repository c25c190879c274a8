//! Hash-dedupe: blake3 of raw bytes and of normalized text. The first file in path order is
//! kept; every later copy points to it. Deciding in path order (not arrival order) is what makes
//! the choice independent of the thread count.

use std::collections::HashMap;

use crate::spill::Records;

/// Hex blake3 of bytes: the `raw_hash` of files and the `doc_id` of documents.
pub fn hash_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// First 32 hex digits of blake3: the row ids, long enough to never collide in practice.
pub fn short_hash(bytes: &[u8]) -> String {
    short_hex(blake3::hash(bytes))
}

/// The first 16 bytes of a hash as 32 lowercase hex digits (a release has millions of ids:
/// this skips `to_hex`'s 64 digits and the copy of half of them).
fn short_hex(h: blake3::Hash) -> String {
    let mut b = [0u8; 16];
    b.copy_from_slice(&h.as_bytes()[..16]);
    hex16(&b)
}

/// 16 bytes as 32 lowercase hex digits.
pub fn hex16(b: &[u8; 16]) -> String {
    String::from_utf8(hex16_digits(b).to_vec()).unwrap_or_default()
}

/// The digits of [`hex16`] in an array: for writers that copy them into a buffer of their own
/// (an allocation per id cost more than the digits).
pub fn hex16_digits(b: &[u8; 16]) -> [u8; 32] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 32];
    for (pair, &b) in out.chunks_exact_mut(2).zip(b) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    out
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

/// Seen hashes: 8 bytes of each hash and a record number in memory (about 30 bytes per
/// distinct file in all), and in a record file on disk the 16-byte keys and what each kept file
/// became, read back only when a duplicate points to it. A hit on the 8 bytes is confirmed
/// against the 16 on disk; the one-in-billions file whose 8 bytes collide with another's goes
/// to a small map of full keys.
pub struct Deduper {
    raw: HashMap<[u8; 8], u32, KeyHasher>,
    text: HashMap<[u8; 8], u32, KeyHasher>,
    /// Full keys whose first 8 bytes were taken by another hash.
    raw_more: HashMap<[u8; 16], u32, KeyHasher>,
    text_more: HashMap<[u8; 16], u32, KeyHasher>,
    kept: Records,
    offsets: Vec<u64>,
}

/// Which hash of a file a key is.
#[derive(Clone, Copy)]
enum Which {
    Raw,
    Text,
}

/// Hashing for keys that are already blake3 output: their first 8 bytes are the hash.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(29) ^ u64::from_le_bytes(b);
        }
    }
}

impl std::hash::BuildHasher for KeyHasher {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

/// The 32 bytes of a 64-digit hex hash.
pub fn hex32(hex: &str) -> Option<[u8; 32]> {
    let b = hex.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, slot) in out.iter_mut().enumerate() {
        let h = (b[2 * i] as char).to_digit(16)?;
        let l = (b[2 * i + 1] as char).to_digit(16)?;
        *slot = (h << 4 | l) as u8;
    }
    Some(out)
}

/// Lower-case hex of bytes.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// The map key of a hex hash: its first 16 bytes (128 bits: no collision in any real corpus);
/// anything that is not hex is hashed first.
pub fn key(hash: &str) -> [u8; 16] {
    let mut k = [0u8; 16];
    let hex = hash.as_bytes();
    let val = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    if hex.len() >= 32 {
        let mut ok = true;
        for (i, slot) in k.iter_mut().enumerate() {
            match (val(hex[2 * i]), val(hex[2 * i + 1])) {
                (Some(h), Some(l)) => *slot = h << 4 | l,
                _ => ok = false,
            }
        }
        if ok {
            return k;
        }
    }
    k.copy_from_slice(&blake3::hash(hex).as_bytes()[..16]);
    k
}

impl Deduper {
    /// A deduper whose record file goes to `dir`.
    pub fn new(dir: &std::path::Path) -> std::io::Result<Deduper> {
        Ok(Deduper {
            raw: HashMap::default(),
            text: HashMap::default(),
            raw_more: HashMap::default(),
            text_more: HashMap::default(),
            kept: Records::new(dir)?,
            offsets: Vec::new(),
        })
    }

    /// Record `n`: the raw key, the text key (zeros when it has no text) and what it became.
    fn record(&mut self, n: u32) -> std::io::Result<([u8; 16], [u8; 16], Kept)> {
        self.kept.flush()?;
        let rec = self.kept.get(self.offsets[n as usize])?;
        let (keys, rest) = rec
            .split_at_checked(32)
            .ok_or_else(|| std::io::Error::other("damaged dedupe record"))?;
        let mut raw = [0u8; 16];
        let mut text = [0u8; 16];
        raw.copy_from_slice(&keys[..16]);
        text.copy_from_slice(&keys[16..]);
        let rest = String::from_utf8_lossy(rest);
        let mut parts = rest.splitn(3, '\0');
        let path = parts.next().unwrap_or("").to_string();
        let opt = |s: Option<&str>| s.and_then(|s| s.strip_prefix('+')).map(str::to_string);
        let doc_id = opt(parts.next());
        let rejected = opt(parts.next());
        Ok((
            raw,
            text,
            Kept {
                path,
                doc_id,
                rejected,
            },
        ))
    }

    /// The kept file with this key, if any.
    fn find(&mut self, which: Which, k: &[u8; 16]) -> std::io::Result<Option<Kept>> {
        let (map, more) = match which {
            Which::Raw => (&self.raw, &self.raw_more),
            Which::Text => (&self.text, &self.text_more),
        };
        let Some(&n) = map.get(&short(k)) else {
            return Ok(None);
        };
        let other = more.get(k).copied();
        let (raw, text, kept) = self.record(n)?;
        let stored = match which {
            Which::Raw => raw,
            Which::Text => text,
        };
        if stored == *k {
            return Ok(Some(kept));
        }
        match other {
            Some(m) => Ok(Some(self.record(m)?.2)),
            None => Ok(None),
        }
    }

    fn remember(&mut self, which: Which, k: [u8; 16], n: u32) {
        let (map, more) = match which {
            Which::Raw => (&mut self.raw, &mut self.raw_more),
            Which::Text => (&mut self.text, &mut self.text_more),
        };
        match map.entry(short(&k)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(n);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                more.insert(k, n);
            }
        }
    }

    /// Judge a file by its raw hash, then by its document id (if it decoded), and remember it
    /// when it is new. Must be called in path order.
    pub fn judge(
        &mut self,
        path: &str,
        raw_hash: &str,
        doc_id: Option<&str>,
        rejected: Option<&str>,
    ) -> std::io::Result<Verdict> {
        let raw = key(raw_hash);
        if let Some(k) = self.find(Which::Raw, &raw)? {
            return Ok(Verdict::SameBytes(k));
        }
        let n = u32::try_from(self.offsets.len())
            .map_err(|_| std::io::Error::other("more than 4 billion files"))?;
        let text = doc_id.map(key);
        // raw key, text key, then path NUL +doc_id NUL +reason (a file name has no NUL; '-'
        // marks an absent field)
        let field = |v: Option<&str>| v.map_or_else(|| "-".to_string(), |v| format!("+{v}"));
        let mut rec = Vec::with_capacity(32 + path.len() + 80);
        rec.extend_from_slice(&raw);
        rec.extend_from_slice(&text.unwrap_or_default());
        rec.extend_from_slice(format!("{path}\0{}\0{}", field(doc_id), field(rejected)).as_bytes());
        self.offsets.push(self.kept.push(&rec)?);
        self.remember(Which::Raw, raw, n);
        if let Some(t) = text {
            if let Some(k) = self.find(Which::Text, &t)? {
                return Ok(Verdict::SameText(k));
            }
            self.remember(Which::Text, t, n);
        }
        Ok(Verdict::New)
    }
}

/// The in-memory part of a 16-byte key.
fn short(k: &[u8; 16]) -> [u8; 8] {
    let mut s = [0u8; 8];
    s.copy_from_slice(&k[..8]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_bytes_in_hex_as_to_hex_writes_them() {
        for b in [
            [0u8; 16],
            [0xff; 16],
            core::array::from_fn(|i| (i * 17) as u8),
        ] {
            assert_eq!(hex16(&b), to_hex(&b));
        }
        assert_eq!(
            short_hash(b"x"),
            to_hex(&blake3::hash(b"x").as_bytes()[..16])
        );
    }

    #[test]
    fn first_in_order_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Deduper::new(dir.path()).unwrap();
        assert_eq!(d.judge("a", "r1", Some("d1"), None).unwrap(), Verdict::New);
        match d.judge("b", "r1", Some("d1"), None).unwrap() {
            Verdict::SameBytes(k) => {
                assert_eq!((k.path.as_str(), k.doc_id.as_deref()), ("a", Some("d1")))
            }
            v => panic!("{v:?}"),
        }
        match d.judge("c", "r2", Some("d1"), None).unwrap() {
            Verdict::SameText(k) => assert_eq!(k.path, "a"),
            v => panic!("{v:?}"),
        }
        assert_eq!(d.judge("d", "r3", Some("d2"), None).unwrap(), Verdict::New);
        assert_eq!(
            d.judge("e", "r4", None, Some("binary file")).unwrap(),
            Verdict::New
        );
        assert!(matches!(
            d.judge("f", "r4", None, Some("binary file")).unwrap(),
            Verdict::SameBytes(_)
        ));
        // Real hashes (hex) and a rejected file's reason come back from the record file.
        let (r, t) = (hash_hex(b"x"), hash_hex(b"y"));
        assert_eq!(
            d.judge("g", &r, None, Some("empty: no text")).unwrap(),
            Verdict::New
        );
        match d.judge("h", &r, Some(&t), None).unwrap() {
            Verdict::SameBytes(k) => assert_eq!(
                k,
                Kept {
                    path: "g".into(),
                    doc_id: None,
                    rejected: Some("empty: no text".into())
                }
            ),
            v => panic!("{v:?}"),
        }
    }

    /// Keys that share their first 8 bytes (the in-memory part) are still told apart, for raw
    /// bytes and for text, and each is found again.
    #[test]
    fn keys_sharing_their_first_bytes_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = Deduper::new(dir.path()).unwrap();
        let h = |tail: char| format!("{}{}", "ab".repeat(8), tail.to_string().repeat(48));
        let (r1, r2, r3) = (h('1'), h('2'), h('3'));
        let (t1, t2) = (h('7'), h('8'));
        assert_eq!(d.judge("a", &r1, Some(&t1), None).unwrap(), Verdict::New);
        assert_eq!(d.judge("b", &r2, Some(&t2), None).unwrap(), Verdict::New);
        for (path, raw, kept) in [("c", &r1, "a"), ("d", &r2, "b")] {
            match d.judge(path, raw, Some(&t1), None).unwrap() {
                Verdict::SameBytes(k) => assert_eq!(k.path, kept),
                v => panic!("{v:?}"),
            }
        }
        match d.judge("e", &r3, Some(&t2), None).unwrap() {
            Verdict::SameText(k) => assert_eq!(k.path, "b"),
            v => panic!("{v:?}"),
        }
        assert_eq!(
            d.judge("f", &h('4'), Some(&h('9')), None).unwrap(),
            Verdict::New
        );
        assert_eq!((d.raw.len(), d.raw_more.len()), (1, 3));
        assert_eq!((d.text.len(), d.text_more.len()), (1, 2));
    }

    #[test]
    fn hashes_are_blake3_hex() {
        assert_eq!(hash_hex(b"").len(), 64);
        let h = hash_hex(b"abc");
        assert_eq!(to_hex(&hex32(&h).unwrap()), h);
        assert_eq!(key(&h), hex32(&h).unwrap()[..16]);
        assert!(hex32("zz").is_none() && hex32(&"g".repeat(64)).is_none());
        assert_eq!(short_hash(b"abc"), hash_hex(b"abc")[..32]);
    }
}
