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

/// Seen hashes: 16 bytes of each hash and a record number in memory (about 50 bytes per
/// distinct file in all), and what each kept file became in a record file on disk, read back
/// only when a duplicate points to it.
pub struct Deduper {
    raw: HashMap<[u8; 16], u32, KeyHasher>,
    text: HashMap<[u8; 16], u32, KeyHasher>,
    kept: Records,
    offsets: Vec<u64>,
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
            kept: Records::new(dir)?,
            offsets: Vec::new(),
        })
    }

    fn kept(&mut self, n: u32) -> std::io::Result<Kept> {
        self.kept.flush()?;
        let rec = self.kept.get(self.offsets[n as usize])?;
        let text = String::from_utf8_lossy(&rec);
        let mut parts = text.splitn(3, '\0');
        let path = parts.next().unwrap_or("").to_string();
        let opt = |s: Option<&str>| s.and_then(|s| s.strip_prefix('+')).map(str::to_string);
        let doc_id = opt(parts.next());
        let rejected = opt(parts.next());
        Ok(Kept {
            path,
            doc_id,
            rejected,
        })
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
        if let Some(&n) = self.raw.get(&raw) {
            return Ok(Verdict::SameBytes(self.kept(n)?));
        }
        let n = u32::try_from(self.offsets.len())
            .map_err(|_| std::io::Error::other("more than 4 billion files"))?;
        // path NUL +doc_id NUL +reason (a file name has no NUL; '-' marks an absent field)
        let field = |v: Option<&str>| v.map_or_else(|| "-".to_string(), |v| format!("+{v}"));
        let rec = format!("{path}\0{}\0{}", field(doc_id), field(rejected));
        self.offsets.push(self.kept.push(rec.as_bytes())?);
        self.raw.insert(raw, n);
        if let Some(d) = doc_id {
            let t = key(d);
            if let Some(&k) = self.text.get(&t) {
                return Ok(Verdict::SameText(self.kept(k)?));
            }
            self.text.insert(t, n);
        }
        Ok(Verdict::New)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
