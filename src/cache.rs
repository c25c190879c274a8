//! Incremental rebuilds: what the text stages found for each file, keyed by the file's raw hash
//! under a fingerprint of everything that shapes the output (this binary, the gazetteer, the
//! configuration), so that a rebuild analyzes only new or changed files and still writes
//! byte-identical tables.
//!
//! Layout, under `OUT/cache/` (only touched under the build lock):
//! - `current/`: the generation the last successful build wrote: `FINGERPRINT`, `records.bin`
//!   (records back to back, each with a checksum), `index.tsv` (`raw_hash offset len`: the
//!   records of this generation), `stat.tsv` (`size mtime_ns raw_hash path`: lets a rebuild
//!   skip reading files that did not change), and `BUILT` (what the input was and which
//!   release it gave, see [`Built`]).
//! - `next/`: the generation being written; it replaces `current/` only after the release is
//!   published, so a crash leaves the old cache usable and the next build removes `next/`.
//!
//! `records.bin` is shared by the generations (a hard link) and only appended to: a rebuild
//! writes the records of new files after the old ones and lists the unchanged ones in its
//! index where they are, instead of copying the whole file (a quarter of a GB per 100 MB of
//! input). The records no index lists any more (changed or removed files) are dropped when
//! they are more than half of the file: that build copies the listed ones into a new file.
//!
//! A damaged or foreign cache is never an error: a record that does not decode is a miss.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::dedupe::{KeyHasher, hex32, key, to_hex};
use crate::error::BuildError;
use crate::rows::{DocRows, RowIds};
use crate::stories::{Fact, FactClass, PlaceFact, StoryFeatures};
use crate::types::{
    AnalyzedDoc, ByteSpan, DocMeta, NumberKind, NumberMention, PlaceKind, PlaceMention, Role,
    Sentence,
};

/// What a build found for one file's bytes.
// A record lives one at a time, between the cache and a batch: boxing the large variant would
// only add an allocation per document.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// The bytes are not text; the reason.
    Rejected(String),
    /// The bytes decoded; for accepted documents also the analysis (which holds the text),
    /// the text's near-duplicate signature (empty when not stored) and its story features.
    Decoded {
        encoding: String,
        doc_id: String,
        doc: Option<AnalyzedDoc>,
        signature: Vec<u32>,
        story: Option<StoryFeatures>,
        /// The ids of its rows (see [`RowIds`]).
        ids: Option<RowIds>,
    },
}

/// A file's size and modification time, as the stat cache compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let m = meta.modified().ok()?;
        let ns = match m.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        Some(Stamp {
            size: meta.len(),
            mtime_ns: ns,
        })
    }
}

/// Files modified this close to a build's start are not stat-cached: a later change within
/// the file system's timestamp granularity could leave size and mtime unchanged.
const RACY_NS: i128 = 2_000_000_000;

#[derive(Debug, Clone, Copy)]
struct Loc {
    offset: u64,
    len: u64,
}

/// Where a record read by [`Cache::get`] is stored, and its bytes (checksum, payload) when the
/// next generation gets a new records file: a rebuild carries it into the next generation
/// without reading it a second time.
#[derive(Debug)]
pub struct Stored {
    loc: Loc,
    bytes: Option<Vec<u8>>,
}

/// What the last build read and what it published: a build whose input files all have the
/// same paths, sizes and modification times (and so the same raw hashes) keeps that release
/// without reading or writing anything. Written only when every input file was stat-cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// The [`InputDigest`] of the input files.
    pub input: String,
    pub files: u64,
    pub release: String,
    pub corpus_hash: String,
}

impl Built {
    fn parse(line: &str) -> Option<Built> {
        let mut f = line.trim_end_matches('\n').split('\t');
        let built = Built {
            input: f.next()?.to_string(),
            files: f.next()?.parse().ok()?,
            release: f.next()?.to_string(),
            corpus_hash: f.next()?.to_string(),
        };
        f.next().is_none().then_some(built)
    }
}

/// A digest of a set of input files (path and raw hash): the sum of their blake3 hashes, in
/// four 64-bit lanes. A sum, because the cache sees files in the order their records are
/// ready, which is not path order; paths are unique, so no file can cancel another.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct InputDigest([u64; 4]);

impl InputDigest {
    fn add(&mut self, rel: &str, raw_hash: &str) {
        let mut h = blake3::Hasher::new();
        h.update(rel.as_bytes());
        h.update(b"\0");
        h.update(raw_hash.as_bytes());
        for (lane, w) in self
            .0
            .iter_mut()
            .zip(h.finalize().as_bytes().chunks_exact(8))
        {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            *lane = lane.wrapping_add(u64::from_le_bytes(b));
        }
    }

    fn hex(&self) -> String {
        self.0.iter().map(|l| format!("{l:016x}")).collect()
    }
}

/// The cache of the previous build, opened for reading, and the next generation being written.
pub struct Cache {
    dir: PathBuf,
    fingerprint: String,
    started_ns: i128,
    /// By 16 bytes of blake3 of the path: stamp and raw hash (about 80 bytes per file).
    stat: HashMap<[u8; 16], (Stamp, [u8; 32]), KeyHasher>,
    /// By 16 bytes of the raw hash.
    index: HashMap<[u8; 16], Loc, KeyHasher>,
    /// Read by position from every worker thread at once (no lock, no shared cursor).
    records: Option<File>,
    /// The next generation appends to `records` (see the module's doc): an unchanged record
    /// is listed where it is, not copied.
    shared: bool,
    built: Option<Built>,
    next: Mutex<NextGen>,
}

struct NextGen {
    records: BufWriter<File>,
    index: BufWriter<File>,
    stat: BufWriter<File>,
    offset: u64,
    /// [`Built::input`] of the files stat-cached so far, and how many they are.
    input: InputDigest,
    stat_lines: u64,
}

/// Counts of what the cache saved, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub unread: u64,
    pub reused: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BuildError + '_ {
    move |e| BuildError::io(path, e)
}

impl Cache {
    /// Open `OUT/cache` for a build whose output is shaped by `fingerprint`. A cache written
    /// under another fingerprint is ignored (and replaced when the build succeeds).
    pub fn open(out: &Path, fingerprint: &str) -> Result<Cache, BuildError> {
        let dir = out.join("cache");
        let next_dir = dir.join("next");
        if next_dir.exists() {
            std::fs::remove_dir_all(&next_dir).map_err(io(&next_dir))?;
        }
        std::fs::create_dir_all(&next_dir).map_err(io(&next_dir))?;
        let current = dir.join("current");
        let same = std::fs::read_to_string(current.join("FINGERPRINT"))
            .is_ok_and(|f| f.trim() == fingerprint);
        let (mut stat, mut index, mut records) = (HashMap::default(), HashMap::default(), None);
        let mut built = None;
        if same {
            stat = read_stat(&current.join("stat.tsv"));
            index = read_index(&current.join("index.tsv"));
            records = File::open(current.join("records.bin")).ok();
            built = std::fs::read_to_string(current.join("BUILT"))
                .ok()
                .and_then(|l| Built::parse(&l));
        }
        let create = |name: &str| -> Result<BufWriter<File>, BuildError> {
            let p = next_dir.join(name);
            Ok(BufWriter::with_capacity(
                1 << 20,
                File::create(&p).map_err(io(&p))?,
            ))
        };
        let shared = records.as_ref().and_then(|f| {
            let len = f.metadata().ok()?.len();
            let live: u64 = index.values().map(|l: &Loc| l.len).sum();
            (live >= len / 2).then_some(len)
        });
        // (A crash while appending leaves bytes that no index lists: they stay unlisted. A
        // file system without hard links gets a new file, as after a compaction.)
        let appended = shared.and_then(|len| {
            let p = next_dir.join("records.bin");
            std::fs::hard_link(current.join("records.bin"), &p).ok()?;
            let f = File::options().append(true).open(&p).ok()?;
            Some((BufWriter::with_capacity(1 << 20, f), len))
        });
        let shared = appended.is_some();
        let (records_out, offset) = match appended {
            Some(a) => a,
            None => {
                // (never truncate through a link that was made but could not be opened)
                let _ = std::fs::remove_file(next_dir.join("records.bin"));
                (create("records.bin")?, 0)
            }
        };
        let next = NextGen {
            records: records_out,
            index: create("index.tsv")?,
            stat: create("stat.tsv")?,
            offset,
            input: InputDigest::default(),
            stat_lines: 0,
        };
        let started_ns = Stamp::of(&std::fs::metadata(&next_dir).map_err(io(&next_dir))?)
            .map_or(0, |s| s.mtime_ns);
        Ok(Cache {
            dir,
            fingerprint: fingerprint.to_string(),
            started_ns,
            stat,
            index,
            records,
            shared,
            built,
            next: Mutex::new(next),
        })
    }

    /// What the last build under this fingerprint read and published, if it noted it.
    pub fn last_build(&self) -> Option<&Built> {
        self.built.as_ref()
    }

    /// The last build's input and release, when its input is the one given: every file's path
    /// and raw hash (from [`Cache::raw_hash_if_unchanged`]), as many as it had. `None` also
    /// when the last build left some file out of the stat cache.
    pub fn unchanged_input<'a>(
        &self,
        files: impl ExactSizeIterator<Item = (&'a str, &'a str)>,
    ) -> Option<&Built> {
        let built = self.built.as_ref()?;
        if files.len() as u64 != built.files {
            return None;
        }
        let mut digest = InputDigest::default();
        for (rel, raw_hash) in files {
            digest.add(rel, raw_hash);
        }
        (digest.hex() == built.input).then_some(built)
    }

    /// The raw hash of an unchanged file (same path, size and mtime as when it was cached).
    pub fn raw_hash_if_unchanged(&self, rel: &str, stamp: Stamp) -> Option<String> {
        self.stat
            .get(&path_key(rel))
            .filter(|(s, _)| *s == stamp)
            .map(|(_, h)| to_hex(h))
    }

    /// The cached record for `raw_hash`, if any and intact (its checksum matches), and where
    /// it is stored.
    pub fn get(&self, raw_hash: &str) -> Option<(Record, Stored)> {
        let loc = *self.index.get(&key(raw_hash))?;
        let mut buf = vec![0; usize::try_from(loc.len).ok()?];
        crate::spill::read_exact_at(self.records.as_ref()?, &mut buf, loc.offset).ok()?;
        let (sum, payload) = buf.split_at_checked(CHECKSUM)?;
        (crate::checksum::checksum64(payload).to_le_bytes() == *sum).then_some(())?;
        let record = decode_record(payload)?;
        let bytes = (!self.shared).then_some(buf);
        Some((record, Stored { loc, bytes }))
    }

    /// Seal a record for [`Cache::put`] (done in the worker threads).
    pub fn encode(record: &Record) -> Vec<u8> {
        match record {
            Record::Rejected(reason) => Cache::encode_rejected(reason),
            Record::Decoded {
                encoding,
                doc_id,
                doc,
                signature,
                story,
                ids,
            } => {
                let mut e = sealable(doc.as_ref().map_or(0, |d| 3 * d.text.len()));
                let parts = Parts {
                    encoding,
                    doc_id,
                    signature,
                    story: story.as_ref(),
                    ids: ids.as_ref(),
                };
                match doc {
                    Some(d) => parts.encode(&mut e, Some((d, d.numbers.iter(), d.places.iter()))),
                    None => parts.encode(&mut e, NO_DOC),
                }
                seal(e)
            }
        }
    }

    /// The sealed record of an analyzed document, from its rows (no copy of the text).
    pub fn encode_rows(rows: &DocRows) -> Vec<u8> {
        let mut e = sealable(3 * rows.doc.text.len() + 4 * rows.signature.len());
        let parts = Parts {
            encoding: &rows.encoding,
            doc_id: &rows.doc_id,
            signature: &rows.signature,
            story: Some(&rows.story),
            ids: Some(&rows.ids),
        };
        let numbers = rows.numbers.iter().map(|r| &r.mention);
        let places = rows.places.iter().map(|r| &r.mention);
        parts.encode(&mut e, Some((&rows.doc, numbers, places)));
        seal(e)
    }

    /// A sealed [`Record::Rejected`].
    pub fn encode_rejected(reason: &str) -> Vec<u8> {
        let mut e = sealable(reason.len() + 16);
        e.u8(0);
        e.str(reason);
        seal(e)
    }

    /// The sealed record of bytes that decoded to a text that is no document of the release
    /// (a duplicate's): its encoding and doc id only.
    pub fn encode_decoded(encoding: &str, doc_id: &str) -> Vec<u8> {
        let mut e = sealable(encoding.len() + doc_id.len() + 16);
        let parts = Parts {
            encoding,
            doc_id,
            signature: &[],
            story: None,
            ids: None,
        };
        parts.encode(&mut e, NO_DOC);
        seal(e)
    }

    /// Record a file for the next generation: its stamp (unless too recent to trust) and its
    /// sealed record. The caller puts one record per raw hash, from the first file with
    /// those bytes; later copies pass `None` and add only their stamp (knowing that from the
    /// deduper costs no memory here, where a set of the hashes written took 30 bytes a file).
    pub fn put(
        &self,
        rel: &str,
        stamp: Option<Stamp>,
        raw_hash: &str,
        sealed: Option<&[u8]>,
    ) -> Result<(), BuildError> {
        let mut n = self.next.lock().map_err(|_| poisoned())?;
        self.put_stamp(&mut n, rel, stamp, raw_hash)?;
        if let Some(sealed) = sealed.filter(|c| !c.is_empty()) {
            let p = self.dir.join("next");
            n.records.write_all(sealed).map_err(io(&p))?;
            let loc = Loc {
                offset: n.offset,
                len: sealed.len() as u64,
            };
            n.offset += loc.len;
            put_loc(&mut n, &p, raw_hash, loc)?;
        }
        Ok(())
    }

    /// Put a file whose record is unchanged, as [`Cache::get`] read it: listed where it is
    /// when the records file is shared, else copied.
    pub fn carry(
        &self,
        rel: &str,
        stamp: Option<Stamp>,
        raw_hash: &str,
        stored: &Stored,
    ) -> Result<(), BuildError> {
        match &stored.bytes {
            Some(bytes) => self.put(rel, stamp, raw_hash, Some(bytes)),
            None => {
                let mut n = self.next.lock().map_err(|_| poisoned())?;
                self.put_stamp(&mut n, rel, stamp, raw_hash)?;
                put_loc(&mut n, &self.dir.join("next"), raw_hash, stored.loc)
            }
        }
    }

    /// The stat line of a file (unless too recent to trust, or its name cannot be one field).
    fn put_stamp(
        &self,
        n: &mut NextGen,
        rel: &str,
        stamp: Option<Stamp>,
        raw_hash: &str,
    ) -> Result<(), BuildError> {
        if let Some(s) = stamp
            && s.mtime_ns < self.started_ns - RACY_NS
            && !rel.contains(['\t', '\n'])
        {
            let p = self.dir.join("next");
            writeln!(n.stat, "{}\t{}\t{raw_hash}\t{rel}", s.size, s.mtime_ns).map_err(io(&p))?;
            n.input.add(rel, raw_hash);
            n.stat_lines += 1;
        }
        Ok(())
    }

    /// Drop the next generation: the build kept the last release, and the current generation
    /// still describes it.
    pub fn abandon(self) -> Result<(), BuildError> {
        let next_dir = self.dir.join("next");
        drop(self.next);
        std::fs::remove_dir_all(&next_dir).map_err(io(&next_dir))
    }

    /// Make the next generation the current one (after the release is written), noting that
    /// `files` input files gave the release `release` with `corpus_hash`.
    pub fn commit(self, files: u64, release: &str, corpus_hash: &str) -> Result<(), BuildError> {
        let next_dir = self.dir.join("next");
        let n = self.next.into_inner().map_err(|_| poisoned())?;
        // Every input file is in the stat cache: a later build with the same files can keep
        // this release as it is.
        if n.stat_lines == files {
            let p = next_dir.join("BUILT");
            let line = format!("{}\t{files}\t{release}\t{corpus_hash}\n", n.input.hex());
            std::fs::write(&p, line).map_err(io(&p))?;
        }
        for mut w in [n.records, n.index, n.stat] {
            w.flush().map_err(io(&next_dir))?;
        }
        let fp = next_dir.join("FINGERPRINT");
        std::fs::write(&fp, format!("{}\n", self.fingerprint)).map_err(io(&fp))?;
        drop(self.records);
        let current = self.dir.join("current");
        let old = self.dir.join("old");
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        if current.exists() {
            std::fs::rename(&current, &old).map_err(io(&current))?;
        }
        std::fs::rename(&next_dir, &current).map_err(io(&current))?;
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(())
    }
}

/// Bytes of checksum ([`crate::checksum::checksum64`]) kept per record, before its payload:
/// a damaged record must be a miss, never a plausible wrong result.
const CHECKSUM: usize = 8;

/// An encoder for a record to seal: room for the checksum first, and for `payload` bytes.
fn sealable(payload: usize) -> Enc {
    let mut v = Vec::with_capacity(CHECKSUM + payload + 64);
    v.resize(CHECKSUM, 0);
    Enc(v)
}

/// A stored record: the checksum of the payload, then the payload as it is. Records are not
/// compressed: zstd (level -7, literals stored raw) saved 13% of their bytes for 3% of a full
/// build's instructions, and a rebuild decompressed every record of the corpus.
fn seal(mut e: Enc) -> Vec<u8> {
    let sum = crate::checksum::checksum64(&e.0[CHECKSUM..]);
    e.0[..CHECKSUM].copy_from_slice(&sum.to_le_bytes());
    e.0
}

/// The index line of a record of the next generation.
fn put_loc(n: &mut NextGen, dir: &Path, raw_hash: &str, loc: Loc) -> Result<(), BuildError> {
    writeln!(n.index, "{raw_hash}\t{}\t{}", loc.offset, loc.len).map_err(io(dir))
}

fn poisoned() -> BuildError {
    BuildError::Write {
        table: "cache".into(),
        message: "a worker thread panicked".into(),
    }
}

/// The stat map's key of a path.
fn path_key(rel: &str) -> [u8; 16] {
    let mut k = [0u8; 16];
    k.copy_from_slice(&blake3::hash(rel.as_bytes()).as_bytes()[..16]);
    k
}

fn read_stat(path: &Path) -> HashMap<[u8; 16], (Stamp, [u8; 32]), KeyHasher> {
    let mut out = HashMap::default();
    let Ok(f) = File::open(path) else { return out };
    for line in BufReader::new(f).lines().map_while(Result::ok) {
        let mut parts = line.splitn(4, '\t');
        let (Some(size), Some(mtime), Some(hash), Some(rel)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if let (Ok(size), Ok(mtime_ns), Some(hash)) = (size.parse(), mtime.parse(), hex32(hash)) {
            out.insert(path_key(rel), (Stamp { size, mtime_ns }, hash));
        }
    }
    out
}

fn read_index(path: &Path) -> HashMap<[u8; 16], Loc, KeyHasher> {
    let mut out = HashMap::default();
    let Ok(f) = File::open(path) else { return out };
    for line in BufReader::new(f).lines().map_while(Result::ok) {
        let mut parts = line.split('\t');
        if let (Some(h), Some(Ok(offset)), Some(Ok(len))) = (
            parts.next(),
            parts.next().map(str::parse),
            parts.next().map(str::parse),
        ) {
            out.insert(key(h), Loc { offset, len });
        }
    }
    out
}

// ---- The record format: little-endian, length-prefixed, versioned by the fingerprint. ----

struct Enc(Vec<u8>);

impl Enc {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    /// Counts, lengths, offsets: LEB128, mostly one or two bytes. With fixed 8-byte integers
    /// a record was 4.3 times its text, and the runs of zeros made zstd's work (and a
    /// rebuild's decoding) mostly tiny matches.
    fn u64(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    /// Hashes and float bits, which LEB128 would only lengthen.
    fn fixed64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn fixed32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        self.u8(s.is_some() as u8);
        if let Some(s) = s {
            self.str(s);
        }
    }
    fn opt_f64(&mut self, v: Option<f64>) {
        self.u8(v.is_some() as u8);
        if let Some(v) = v {
            self.fixed64(v.to_bits());
        }
    }
    /// Start and length (a reversed span is stored as empty).
    fn span(&mut self, s: &ByteSpan) {
        self.u64(s.start as u64);
        self.u64(s.end.saturating_sub(s.start) as u64);
    }
}

struct Dec<'a> {
    buf: &'a [u8],
}

impl<'a> Dec<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.buf.len() < n {
            return None;
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u64(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for (i, &b) in self.buf.iter().enumerate().take(10) {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b < 0x80 {
                self.buf = &self.buf[i + 1..];
                return Some(v);
            }
        }
        None
    }
    fn fixed64(&mut self) -> Option<u64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }
    fn fixed32(&mut self) -> Option<u32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    fn usize(&mut self) -> Option<usize> {
        self.u64().and_then(|v| usize::try_from(v).ok())
    }
    fn str(&mut self) -> Option<String> {
        let n = self.usize()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.str().map(Some),
            _ => None,
        }
    }
    fn opt_f64(&mut self) -> Option<Option<f64>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.fixed64().map(|b| Some(f64::from_bits(b))),
            _ => None,
        }
    }
    fn span(&mut self) -> Option<ByteSpan> {
        let start = self.usize()?;
        Some(start..start.checked_add(self.usize()?)?)
    }
}

fn role_code(r: Role) -> u8 {
    match r {
        Role::Title => 0,
        Role::Dateline => 1,
        Role::Byline => 2,
        Role::Body => 3,
        Role::Caption => 4,
        Role::Link => 5,
        Role::Boilerplate => 6,
        Role::Metadata => 7,
    }
}

fn role_of(c: u8) -> Option<Role> {
    [
        Role::Title,
        Role::Dateline,
        Role::Byline,
        Role::Body,
        Role::Caption,
        Role::Link,
        Role::Boilerplate,
        Role::Metadata,
    ]
    .into_iter()
    .find(|r| role_code(*r) == c)
}

fn kind_code(k: NumberKind) -> u8 {
    match k {
        NumberKind::Cardinal => 0,
        NumberKind::Ordinal => 1,
        NumberKind::Fraction => 2,
        NumberKind::Percent => 3,
        NumberKind::Money => 4,
        NumberKind::Measure => 5,
        NumberKind::Date => 6,
        NumberKind::DateRange => 7,
        NumberKind::Time => 8,
        NumberKind::Duration => 9,
        NumberKind::Identifier => 10,
        NumberKind::Unit => 11,
    }
}

fn kind_of(c: u8) -> Option<NumberKind> {
    use NumberKind::*;
    [
        Cardinal, Ordinal, Fraction, Percent, Money, Measure, Date, DateRange, Time, Duration,
        Identifier, Unit,
    ]
    .into_iter()
    .find(|k| kind_code(*k) == c)
}

fn place_code(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Name => 0,
        PlaceKind::Demonym => 1,
        PlaceKind::Local => 2,
    }
}

fn place_of(c: u8) -> Option<PlaceKind> {
    [PlaceKind::Name, PlaceKind::Demonym, PlaceKind::Local]
        .into_iter()
        .find(|k| place_code(*k) == c)
}

/// The analysis: `doc` without its own `numbers` and `places` (empty when they have moved
/// into rows), and the mentions given.
fn encode_doc<'m>(
    e: &mut Enc,
    doc: &AnalyzedDoc,
    numbers: impl ExactSizeIterator<Item = &'m NumberMention>,
    places: impl ExactSizeIterator<Item = &'m PlaceMention>,
) {
    // Destructured, so that a new field is a compile error here rather than a silent loss.
    let AnalyzedDoc {
        text,
        meta,
        sentences,
        numbers: _,
        places: _,
        focus_country,
    } = doc;
    let DocMeta {
        title,
        published,
        dateline,
        dateline_span,
        agencies,
    } = meta;
    e.str(text);
    e.opt_str(title.as_deref());
    e.opt_str(published.as_deref());
    e.opt_str(dateline.as_deref());
    e.u8(dateline_span.is_some() as u8);
    if let Some(s) = dateline_span {
        e.span(s);
    }
    e.u64(agencies.len() as u64);
    agencies.iter().for_each(|a| e.str(a));
    e.opt_str(focus_country.as_deref());
    e.u64(sentences.len() as u64);
    for Sentence { span, role } in sentences {
        e.span(span);
        e.u8(role_code(*role));
    }
    e.u64(numbers.len() as u64);
    for n in numbers {
        let NumberMention {
            span,
            kind,
            value,
            lower,
            upper,
            iso,
            modifier,
            unit,
            object,
            vague,
        } = n;
        e.span(span);
        e.u8(kind_code(*kind));
        e.opt_f64(*value);
        e.opt_f64(*lower);
        e.opt_f64(*upper);
        e.opt_str(iso.as_deref());
        e.opt_str(modifier.as_deref());
        e.opt_str(unit.as_deref());
        e.opt_str(object.as_deref());
        e.u8(*vague as u8);
    }
    e.u64(places.len() as u64);
    for p in places {
        let PlaceMention {
            span,
            kind,
            geonameid,
            name,
            country_code,
            feature_code,
            lat,
            lon,
            confidence,
        } = p;
        e.span(span);
        e.u8(place_code(*kind));
        e.u8(geonameid.is_some() as u8);
        if let Some(g) = geonameid {
            e.u64(u64::from(*g));
        }
        e.opt_str(name.as_deref());
        e.opt_str(country_code.as_deref());
        e.opt_str(feature_code.as_deref());
        e.opt_f64(*lat);
        e.opt_f64(*lon);
        e.fixed32(confidence.to_bits());
    }
}

fn decode_doc(d: &mut Dec) -> Option<AnalyzedDoc> {
    let text = d.str()?;
    let title = d.opt_str()?;
    let published = d.opt_str()?;
    let dateline = d.opt_str()?;
    let dateline_span = if d.u8()? == 1 { Some(d.span()?) } else { None };
    let agencies = (0..d.usize()?)
        .map(|_| d.str())
        .collect::<Option<Vec<_>>>()?;
    let focus_country = d.opt_str()?;
    let sentences = (0..d.usize()?)
        .map(|_| {
            Some(Sentence {
                span: d.span()?,
                role: role_of(d.u8()?)?,
            })
        })
        .collect::<Option<_>>()?;
    let numbers = (0..d.usize()?)
        .map(|_| {
            Some(NumberMention {
                span: d.span()?,
                kind: kind_of(d.u8()?)?,
                value: d.opt_f64()?,
                lower: d.opt_f64()?,
                upper: d.opt_f64()?,
                iso: d.opt_str()?,
                modifier: d.opt_str()?,
                unit: d.opt_str()?,
                object: d.opt_str()?,
                vague: d.u8()? == 1,
            })
        })
        .collect::<Option<_>>()?;
    let places = (0..d.usize()?)
        .map(|_| {
            Some(PlaceMention {
                span: d.span()?,
                kind: place_of(d.u8()?)?,
                geonameid: match d.u8()? {
                    0 => None,
                    1 => Some(u32::try_from(d.u64()?).ok()?),
                    _ => return None,
                },
                name: d.opt_str()?,
                country_code: d.opt_str()?,
                feature_code: d.opt_str()?,
                lat: d.opt_f64()?,
                lon: d.opt_f64()?,
                confidence: f32::from_bits(d.fixed32()?),
            })
        })
        .collect::<Option<_>>()?;
    let doc = AnalyzedDoc {
        text,
        meta: DocMeta {
            title,
            published,
            dateline,
            dateline_span,
            agencies,
        },
        sentences,
        numbers,
        places,
        focus_country,
    };
    // Spans must be valid for the text, or the record is damaged.
    let ok = |s: &ByteSpan| s.start <= s.end && doc.text.get(s.clone()).is_some();
    let valid = doc.sentences.iter().all(|s| ok(&s.span))
        && doc.numbers.iter().all(|n| ok(&n.span))
        && doc.places.iter().all(|p| ok(&p.span))
        && doc.meta.dateline_span.as_ref().is_none_or(ok);
    valid.then_some(doc)
}

/// A decoded record's parts other than the analysis, borrowed.
struct Parts<'a> {
    encoding: &'a str,
    doc_id: &'a str,
    signature: &'a [u32],
    story: Option<&'a StoryFeatures>,
    ids: Option<&'a RowIds>,
}

/// No analysis, for [`Parts::encode`].
const NO_DOC: Option<(
    &AnalyzedDoc,
    std::slice::Iter<'static, NumberMention>,
    std::slice::Iter<'static, PlaceMention>,
)> = None;

impl Parts<'_> {
    /// The record's payload. The analysis comes as the document and its mentions apart: the
    /// rows of an analyzed document hold its mentions, not the document.
    fn encode<'m>(
        &self,
        e: &mut Enc,
        doc: Option<(
            &AnalyzedDoc,
            impl ExactSizeIterator<Item = &'m NumberMention>,
            impl ExactSizeIterator<Item = &'m PlaceMention>,
        )>,
    ) {
        e.u8(1);
        e.str(self.encoding);
        e.str(self.doc_id);
        e.u8(doc.is_some() as u8);
        if let Some((doc, numbers, places)) = doc {
            encode_doc(e, doc, numbers, places);
        }
        // The MinHash signature: computing it again from each reused text was an eighth of a
        // rebuild's instructions.
        e.u64(self.signature.len() as u64);
        for &v in self.signature {
            e.0.extend_from_slice(&v.to_le_bytes());
        }
        // The story features (as much again): their `doc_id` is the record's.
        e.u8(self.story.is_some() as u8);
        if let Some(s) = self.story {
            encode_story(e, s);
        }
        // The rows' ids (5% of a rebuild, hashed again).
        e.u8(self.ids.is_some() as u8);
        if let Some(ids) = self.ids {
            for v in [
                &ids.sentence_ids,
                &ids.sentence_hashes,
                &ids.number_ids,
                &ids.place_ids,
            ] {
                e.u64(v.len() as u64);
                v.iter().for_each(|id| e.0.extend_from_slice(id));
            }
        }
    }
}

fn encode_story(e: &mut Enc, s: &StoryFeatures) {
    e.u64(s.facts.len() as u64);
    for f in &s.facts {
        e.u8(match f.class {
            FactClass::Figure => 0,
            FactClass::Date => 1,
        });
        e.str(&f.key);
        e.fixed64(f.weight.to_bits());
        e.opt_str(f.object.as_deref());
        e.u64(u64::from(f.paragraph));
    }
    e.u64(s.places.len() as u64);
    for p in &s.places {
        e.u64(u64::from(p.geonameid));
        e.fixed64(p.weight.to_bits());
        e.u64(u64::from(p.paragraph));
    }
    e.u64(s.shingles.len() as u64);
    for &(h, p) in &s.shingles {
        e.fixed32(h);
        e.u64(u64::from(p));
    }
    e.u64(s.paragraphs.len() as u64);
    for &(h, n) in &s.paragraphs {
        e.fixed64(h);
        e.u64(u64::from(n));
    }
}

fn decode_story(d: &mut Dec, doc_id: &str) -> Option<StoryFeatures> {
    let u32_of = |v: u64| u32::try_from(v).ok();
    let facts = (0..d.usize()?)
        .map(|_| {
            Some(Fact {
                class: match d.u8()? {
                    0 => FactClass::Figure,
                    1 => FactClass::Date,
                    _ => return None,
                },
                key: d.str()?,
                weight: f64::from_bits(d.fixed64()?),
                object: d.opt_str()?,
                paragraph: u32_of(d.u64()?)?,
            })
        })
        .collect::<Option<_>>()?;
    let places = (0..d.usize()?)
        .map(|_| {
            Some(PlaceFact {
                geonameid: u32_of(d.u64()?)?,
                weight: f64::from_bits(d.fixed64()?),
                paragraph: u32_of(d.u64()?)?,
            })
        })
        .collect::<Option<_>>()?;
    let shingles = (0..d.usize()?)
        .map(|_| Some((d.fixed32()?, u32_of(d.u64()?)?)))
        .collect::<Option<_>>()?;
    let paragraphs = (0..d.usize()?)
        .map(|_| Some((d.fixed64()?, u32_of(d.u64()?)?)))
        .collect::<Option<_>>()?;
    Some(StoryFeatures {
        doc_id: doc_id.to_string(),
        facts,
        places,
        shingles,
        paragraphs,
    })
}

#[cfg(test)]
/// The payload of a record, without its checksum.
fn encode_record(r: &Record) -> Vec<u8> {
    Cache::encode(r)[CHECKSUM..].to_vec()
}

fn decode_record(bytes: &[u8]) -> Option<Record> {
    let mut d = Dec { buf: bytes };
    let r = match d.u8()? {
        0 => Record::Rejected(d.str()?),
        1 => {
            let encoding = d.str()?;
            let doc_id = d.str()?;
            let doc = if d.u8()? == 1 {
                Some(decode_doc(&mut d)?)
            } else {
                None
            };
            let n = d.usize()?;
            let signature = d
                .take(n.checked_mul(4)?)?
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            let story = match d.u8()? {
                0 => None,
                1 => Some(decode_story(&mut d, &doc_id)?),
                _ => return None,
            };
            let ids = match d.u8()? {
                0 => None,
                1 => {
                    let mut list = || -> Option<Vec<[u8; 16]>> {
                        let n = d.usize()?;
                        let bytes = d.take(n.checked_mul(16)?)?;
                        bytes.chunks_exact(16).map(|c| c.try_into().ok()).collect()
                    };
                    Some(RowIds {
                        sentence_ids: list()?,
                        sentence_hashes: list()?,
                        number_ids: list()?,
                        place_ids: list()?,
                    })
                }
                _ => return None,
            };
            Record::Decoded {
                encoding,
                doc_id,
                doc,
                signature,
                story,
                ids,
            }
        }
        _ => return None,
    };
    d.buf.is_empty().then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> AnalyzedDoc {
        let text = "DAMASCUS – More than 4,000 bodies in Raqqa.".to_string();
        AnalyzedDoc {
            meta: DocMeta {
                title: Some("T".into()),
                published: Some("2022-04-19".into()),
                dateline: Some("DAMASCUS".into()),
                dateline_span: Some(0..8),
                agencies: vec!["AP".into(), "SANA".into()],
            },
            sentences: vec![Sentence {
                span: 0..text.len(),
                role: Role::Body,
            }],
            numbers: vec![NumberMention {
                span: 13..28,
                kind: NumberKind::Cardinal,
                value: Some(4000.0),
                lower: Some(4000.0),
                upper: None,
                iso: None,
                modifier: Some("more_than".into()),
                unit: None,
                object: Some("bodies".into()),
                vague: false,
            }],
            places: vec![PlaceMention {
                span: 39..44,
                kind: PlaceKind::Name,
                geonameid: Some(172955),
                name: Some("Ar Raqqah".into()),
                country_code: Some("SY".into()),
                feature_code: Some("PPLA".into()),
                lat: Some(35.95),
                lon: Some(39.01),
                confidence: 0.9,
            }],
            focus_country: Some("SY".into()),
            text,
        }
    }

    #[test]
    fn records_round_trip_exactly() {
        let story = StoryFeatures::from_doc("cd", &sample());
        assert!(
            !story.shingles.is_empty() && !story.paragraphs.is_empty(),
            "{story:?}"
        );
        for r in [
            Record::Rejected("binary file (NUL bytes)".into()),
            Record::Decoded {
                encoding: "utf-8".into(),
                doc_id: "ab".into(),
                doc: None,
                signature: Vec::new(),
                story: None,
                ids: None,
            },
            Record::Decoded {
                encoding: "windows-1252".into(),
                doc_id: "cd".into(),
                doc: Some(sample()),
                signature: vec![7, u32::MAX, 0, 123_456],
                story: Some(StoryFeatures::from_doc("cd", &sample())),
                ids: None,
            },
            Record::Decoded {
                encoding: "utf-8".into(),
                doc_id: "ef".into(),
                doc: Some(sample()),
                signature: Vec::new(),
                story: Some(StoryFeatures {
                    doc_id: "ef".into(),
                    facts: vec![Fact {
                        class: FactClass::Date,
                        key: "date:2017-06".into(),
                        weight: 0.5,
                        object: Some("bodies".into()),
                        paragraph: 2,
                    }],
                    places: vec![PlaceFact {
                        geonameid: 172955,
                        weight: 0.25,
                        paragraph: 1,
                    }],
                    shingles: vec![(u32::MAX, 0)],
                    paragraphs: vec![(u64::MAX, 7)],
                }),
                ids: Some(RowIds {
                    sentence_ids: vec![[1; 16]],
                    sentence_hashes: vec![[0xff; 16]],
                    number_ids: vec![[0; 16]],
                    place_ids: Vec::new(),
                }),
            },
        ] {
            assert_eq!(decode_record(&encode_record(&r)), Some(r));
        }
    }

    /// A record sealed from a document's rows gives back the same rows, ids included.
    #[test]
    fn rows_come_back_from_their_record() {
        let gaz = crate::gazetteer::Gazetteer::embedded().unwrap();
        let cfg = crate::neardup::NearDupConfig::default();
        let text = "DAMASCUS – More than 4,000 bodies were found in Raqqa, officials said.\n\n\
                    About 240 civilians fled to Deir ez-Zor on Monday.";
        let doc = crate::analyze::analyze(text.to_string(), &gaz);
        let rows_of = |doc| {
            DocRows::new(
                "d".into(),
                "a.txt".into(),
                "r".into(),
                "utf-8".into(),
                doc,
                (Vec::new(), None, None),
                &cfg,
            )
        };
        let rows = rows_of(doc);
        assert!(!rows.numbers.is_empty() && !rows.places.is_empty());
        let Some(Record::Decoded {
            encoding,
            doc_id,
            doc: Some(doc),
            signature,
            story,
            ids: Some(ids),
        }) = decode_record(&Cache::encode_rows(&rows)[CHECKSUM..])
        else {
            panic!("no analysis or no ids in the record");
        };
        assert_eq!((encoding.as_str(), doc_id.as_str()), ("utf-8", "d"));
        let again = DocRows::new(
            doc_id,
            "a.txt".into(),
            "r".into(),
            encoding,
            doc,
            (signature, story, Some(ids.clone())),
            &cfg,
        );
        assert_eq!(again, rows);
        // ids that do not fit the document are computed again
        let mut short = ids;
        short.place_ids.pop();
        let Some(Record::Decoded { doc: Some(doc), .. }) =
            decode_record(&Cache::encode_rows(&rows)[CHECKSUM..])
        else {
            panic!("no analysis");
        };
        let recomputed = DocRows::new(
            "d".into(),
            "a.txt".into(),
            "r".into(),
            "utf-8".into(),
            doc,
            (
                rows.signature.clone(),
                Some(rows.story.clone()),
                Some(short),
            ),
            &cfg,
        );
        assert_eq!(recomputed, rows);
    }

    #[test]
    fn integers_round_trip_at_every_length() {
        let values = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX - 1,
            u64::MAX,
        ];
        let mut e = Enc(Vec::new());
        for v in values {
            e.u64(v);
            e.fixed64(v);
            e.fixed32(v as u32);
        }
        e.span(&(70_000..70_123));
        assert_eq!(e.0[..1], [0], "0 takes one byte");
        let mut d = Dec { buf: &e.0 };
        for v in values {
            assert_eq!(d.u64(), Some(v));
            assert_eq!(d.fixed64(), Some(v));
            assert_eq!(d.fixed32(), Some(v as u32));
        }
        assert_eq!(d.span(), Some(70_000..70_123));
        assert!(d.buf.is_empty());
        // A varint cut short, or one whose continuation bit never ends, is no value.
        assert_eq!(Dec { buf: &[0x80, 0x80] }.u64(), None);
        assert_eq!(Dec { buf: &[0xff; 11] }.u64(), None);
        // A span whose end would overflow is no span.
        let mut e = Enc(Vec::new());
        e.u64(u64::MAX);
        e.u64(2);
        assert_eq!(Dec { buf: &e.0 }.span(), None);
    }

    #[test]
    fn damaged_records_are_misses_not_panics() {
        let bytes = encode_record(&Record::Decoded {
            encoding: "utf-8".into(),
            doc_id: "x".into(),
            doc: Some(sample()),
            signature: vec![1, 2, 3],
            story: Some(StoryFeatures::from_doc("x", &sample())),
            ids: None,
        });
        for cut in 0..bytes.len() {
            assert_eq!(decode_record(&bytes[..cut]), None);
        }
        let mut flipped = bytes.clone();
        flipped[40] ^= 0xff;
        let _ = decode_record(&flipped);
    }

    #[test]
    fn a_damaged_stored_record_is_never_a_wrong_record() {
        let out = tempfile::tempdir().unwrap();
        let rec = Record::Decoded {
            encoding: "utf-8".into(),
            doc_id: "d".into(),
            doc: Some(sample()),
            signature: vec![9; 128],
            story: Some(StoryFeatures::from_doc("d", &sample())),
            ids: None,
        };
        let c = Cache::open(out.path(), "fp").unwrap();
        c.put("a.txt", None, "h", Some(&Cache::encode(&rec)))
            .unwrap();
        c.commit(1, "r", "c").unwrap();
        let records = out.path().join("cache/current/records.bin");
        let clean = std::fs::read(&records).unwrap();
        for i in 0..clean.len() {
            let mut b = clean.clone();
            b[i] ^= 0x20;
            std::fs::write(&records, &b).unwrap();
            // A miss, or (when the flipped bit does not change the payload) the same record:
            // never a different one.
            let got = Cache::open(out.path(), "fp")
                .unwrap()
                .get("h")
                .map(|(r, _)| r);
            assert!(got.is_none() || got == Some(rec.clone()), "byte {i}");
        }
    }

    #[test]
    fn a_generation_is_read_back_by_the_next_build() {
        let out = tempfile::tempdir().unwrap();
        let rec = Record::Decoded {
            encoding: "utf-8".into(),
            doc_id: "d".into(),
            doc: Some(sample()),
            signature: vec![9; 128],
            story: Some(StoryFeatures::from_doc("d", &sample())),
            ids: None,
        };
        let old = Stamp {
            size: 10,
            mtime_ns: 1,
        };
        let h1 = &crate::dedupe::hash_hex(b"file one");
        let c = Cache::open(out.path(), "fp1").unwrap();
        assert!(c.get(h1).is_none());
        c.put("a.txt", Some(old), h1, Some(&Cache::encode(&rec)))
            .unwrap();
        c.commit(1, "r", "c").unwrap();
        let c = Cache::open(out.path(), "fp1").unwrap();
        let (got, stored) = c.get(h1).unwrap();
        assert_eq!(got, rec);
        assert_eq!(c.raw_hash_if_unchanged("a.txt", old), Some(h1.clone()));
        assert_eq!(
            c.raw_hash_if_unchanged(
                "a.txt",
                Stamp {
                    size: 11,
                    mtime_ns: 1
                }
            ),
            None
        );
        c.carry("a.txt", Some(old), h1, &stored).unwrap();
        c.commit(1, "r", "c").unwrap();
        // Carried over once more; another fingerprint sees nothing.
        let again = Cache::open(out.path(), "fp1").unwrap().get(h1);
        assert_eq!(again.map(|(r, _)| r), Some(rec));
        assert!(Cache::open(out.path(), "fp2").unwrap().get(h1).is_none());
    }

    #[test]
    fn the_records_file_is_appended_to_and_compacted() {
        let out = tempfile::tempdir().unwrap();
        let records = out.path().join("cache/current/records.bin");
        let len = || std::fs::metadata(&records).unwrap().len();
        let rejected = |why: &str| Record::Rejected(why.to_string());
        let (a, b, c) = (rejected("a"), rejected(&"b".repeat(10_000)), rejected("c"));
        let (ea, eb, ec) = (Cache::encode(&a), Cache::encode(&b), Cache::encode(&c));
        let gen1 = Cache::open(out.path(), "fp").unwrap();
        gen1.put("a", None, "ha", Some(&ea)).unwrap();
        gen1.put("b", None, "hb", Some(&eb)).unwrap();
        gen1.commit(2, "r", "c").unwrap();
        let len1 = len();
        assert_eq!(len1, (ea.len() + eb.len()) as u64);

        // a carried record stays where it is; a new one is appended; `b` is no longer listed
        let gen2 = Cache::open(out.path(), "fp").unwrap();
        let (_, stored) = gen2.get("ha").unwrap();
        gen2.carry("a", None, "ha", &stored).unwrap();
        gen2.put("c", None, "hc", Some(&ec)).unwrap();
        gen2.commit(2, "r", "c").unwrap();
        assert_eq!(len(), len1 + ec.len() as u64);

        // a build that fails after appending leaves the current generation as it was
        let crashed = Cache::open(out.path(), "fp").unwrap();
        crashed.put("d", None, "hd", Some(&ea)).unwrap();
        drop(crashed);
        let gen3 = Cache::open(out.path(), "fp").unwrap();
        assert!(gen3.get("hd").is_none() && gen3.get("hb").is_none());
        assert_eq!(gen3.get("hc").map(|(r, _)| r), Some(c.clone()));

        // more than half of the file unlisted (`b`, the crashed `d`): the listed records are
        // copied into a new file
        let (_, sa) = gen3.get("ha").unwrap();
        let (_, sc) = gen3.get("hc").unwrap();
        gen3.carry("a", None, "ha", &sa).unwrap();
        gen3.carry("c", None, "hc", &sc).unwrap();
        gen3.commit(2, "r", "c").unwrap();
        assert_eq!(len(), (ea.len() + ec.len()) as u64);
        let gen4 = Cache::open(out.path(), "fp").unwrap();
        assert_eq!(gen4.get("ha").map(|(r, _)| r), Some(a));
        assert_eq!(gen4.get("hc").map(|(r, _)| r), Some(c));
    }

    #[test]
    fn an_unchanged_listing_finds_the_release_it_built() {
        let out = tempfile::tempdir().unwrap();
        let stamp = |size, mtime_ns| Some(Stamp { size, mtime_ns });
        let (ha, hb) = (
            &crate::dedupe::hash_hex(b"a"),
            &crate::dedupe::hash_hex(b"b"),
        );
        let c = Cache::open(out.path(), "fp").unwrap();
        c.put("a.txt", stamp(1, 5), ha, None).unwrap();
        c.put("b.txt", stamp(1, 6), hb, None).unwrap();
        c.commit(2, "dev-x", "cafe").unwrap();

        let c = Cache::open(out.path(), "fp").unwrap();
        // as the build asks: each file's raw hash from the stat cache, then the listing
        let unchanged = |c: &Cache, files: Vec<(&str, Option<Stamp>)>| -> Option<Built> {
            let hashes: Vec<String> = files
                .iter()
                .map(|&(rel, stamp)| c.raw_hash_if_unchanged(rel, stamp?))
                .collect::<Option<_>>()?;
            let listing = files
                .iter()
                .map(|f| f.0)
                .zip(hashes.iter().map(String::as_str));
            c.unchanged_input(listing).cloned()
        };
        let same = vec![("a.txt", stamp(1, 5)), ("b.txt", stamp(1, 6))];
        let built = unchanged(&c, same.clone()).unwrap();
        // the order files are seen in does not matter
        let swapped = vec![same[1], same[0]];
        assert_eq!(unchanged(&c, swapped), Some(built.clone()));
        assert_eq!((built.files, &*built.release), (2, "dev-x"));
        assert_eq!(built.corpus_hash, "cafe");
        for other in [
            vec![("a.txt", stamp(1, 5)), ("b.txt", stamp(1, 7))], // b touched
            vec![("a.txt", stamp(1, 5)), ("b.txt", None)],        // b not stat-able
            vec![("a.txt", stamp(1, 5))],                         // b removed
            vec![("a.txt", stamp(1, 5)), ("a.txt", stamp(1, 5))], // a twice
            vec![("a.txt", stamp(1, 5)), ("c.txt", stamp(1, 6))], // b renamed
            vec![
                ("a.txt", stamp(1, 5)),
                ("b.txt", stamp(1, 6)),
                ("c.txt", stamp(1, 5)),
            ],
        ] {
            assert!(unchanged(&c, other).is_none());
        }
        // Kept when the build keeps the release; gone under another fingerprint.
        c.abandon().unwrap();
        let c = Cache::open(out.path(), "fp").unwrap();
        assert!(unchanged(&c, same.clone()).is_some());
        drop(c);
        let c = Cache::open(out.path(), "fp2").unwrap();
        assert!(unchanged(&c, same.clone()).is_none());
        drop(c);
        // A build that left a file out of the stat cache (too recent, unreadable) writes none.
        let c = Cache::open(out.path(), "fp").unwrap();
        c.put("a.txt", stamp(1, 5), ha, None).unwrap();
        c.put("b.txt", stamp(1, 6), hb, None).unwrap();
        c.commit(3, "dev-y", "beef").unwrap();
        let c = Cache::open(out.path(), "fp").unwrap();
        assert!(unchanged(&c, same.clone()).is_none());
    }
}
