//! The GeoNames gazetteer: loaded once, shared read-only by every thread.
//!
//! The data (`data/gazetteer.tsv.zst`, built by `scripts/build_gazetteer.py`, format in
//! `data/README.md`) holds one line per place with its names, demonyms and abbreviations as
//! written. Matching keys are computed here at load time by the same code that reads the
//! documents ([`Tokens`], [`KeyBuilder`]), so the two sides can never disagree.
//!
//! Lookup is by a 64-bit hash of the normalized key (case, accents, apostrophes, hyphens and
//! the Arabic article folded away): a document is tokenized once and each capitalized run of
//! tokens is looked up, longest first. Every proper token-prefix of a multi-word name is
//! stored too, so extending a candidate span stops as soon as no name can continue it.

use std::path::Path;

use rayon::prelude::*;

const EMBEDDED: &[u8] = include_bytes!("../data/gazetteer.tsv.zst");

/// What kind of place an entry is, in the order a reader prefers them when a name is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceClass {
    Continent,
    Country,
    Region,
    Capital,
    City,
    /// A second-level division named with its generic word ("Metcalfe County"): US counties.
    County,
}

impl PlaceClass {
    /// The GeoNames feature code reported for this class.
    pub fn feature_code(self) -> &'static str {
        match self {
            PlaceClass::Continent => "CONT",
            PlaceClass::Country => "PCLI",
            PlaceClass::Region => "ADM1",
            PlaceClass::Capital => "PPLC",
            PlaceClass::City => "PPL",
            PlaceClass::County => "ADM2",
        }
    }
}

/// How a name refers to its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// A name or alternate name ("Raqqa", "Ar Raqqah").
    Name,
    /// An adjective of a country or region ("Syrian").
    Demonym,
    /// An AP-style abbreviation of a state or province ("Ky."), only after "<Place>, ".
    Abbrev,
}

/// One gazetteer entry. Its name and country code are read with [`Gazetteer::name`] and
/// [`Gazetteer::country`] (kept as spans of the loaded text: no string per place).
// One cache line each: building the index reads places in random order.
#[derive(Debug, Clone, PartialEq)]
#[repr(align(64))]
pub struct Place {
    pub geonameid: u32,
    pub class: PlaceClass,
    /// The country code packed in two bytes (0 = none), for cheap comparison.
    pub cc: u16,
    /// Preference before context (feature type and size), see [`prior`].
    pub prior: f32,
    /// Id of the `country.admin1` code (0 = none); a region and the towns in it share it.
    pub admin1: u64,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    /// Byte span of the name in [`Gazetteer::text`].
    name: (u32, u32),
    /// Byte span of the ISO 3166-1 alpha-2 code (empty for continents).
    country: (u32, u32),
}

/// A place a key may refer to, with a copy of what resolution compares (so the candidates
/// of a name are read from one contiguous block, not from places all over memory).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Index of the place ([`Gazetteer::place`]); places are sorted by geonameid.
    pub place: u32,
    pub prior: f32,
    pub lat: f32,
    pub lon: f32,
    pub population: u64,
    pub admin1: u64,
    pub cc: u16,
    pub class: PlaceClass,
    pub kind: NameKind,
    /// The name as written is an all-capital acronym ("US", "UAE", "U.S.").
    pub acronym: bool,
    /// The name is one of the place's alternate names, not its own ("Sydney" for Sidney,
    /// Montana; "The Bank" for Portsmouth, New Hampshire).
    pub alias: bool,
}

/// One key of the index: its hash, its candidates (`cands[start..start + len]` of its part)
/// and whether a longer name continues it (`prefix`).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    start: u32,
    /// `len << 1 | prefix`.
    meta: u32,
}

/// The keys whose hashes share their top [`PART_BITS`] bits: a sorted table of key hashes
/// with a directory by the next bits of the hash. Built by a counting pass and small sorts
/// (no hash map to grow, 16 bytes per key), the parts on all cores; a look-up reads one
/// directory entry and about one slot.
#[derive(Debug, Default)]
struct Part {
    /// `slots[dir[b]..dir[b + 1]]` hold the keys of directory bucket `b`.
    dir: Vec<u32>,
    slots: Vec<Slot>,
    cands: Vec<Candidate>,
}

/// log2 of the number of index parts (built in parallel).
const PART_BITS: u32 = 4;
const PARTS: usize = 1 << PART_BITS;

/// The loaded gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    /// The decompressed data file: names and country codes are spans of it.
    text: String,
    /// The places, in file order (by geonameid), in the blocks they were parsed in.
    blocks: Vec<Vec<Place>>,
    /// Index of the first place of each block.
    block_start: Vec<u32>,
    nplaces: usize,
    /// The index, by the top [`PART_BITS`] bits of the key hash.
    parts: Vec<Part>,
    /// Directory bits per part: a key's bucket is `(hash >> dir_shift) & dir_mask`.
    dir_shift: u32,
    dir_mask: u64,
    /// A two-bit Bloom filter over the index keys (512 KiB, stays in cache; both bits in one
    /// word): most capitalized words of a text are no place and are rejected here without
    /// touching the index.
    filter: Vec<u64>,
    header: String,
}

/// Errors loading a gazetteer file.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read gazetteer {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("damaged gazetteer {path}: {message}")]
    Format { path: String, message: String },
}

impl Gazetteer {
    /// The gazetteer embedded in the binary (built from `data/`).
    pub fn embedded() -> Result<Gazetteer, GazetteerError> {
        Self::from_bytes(EMBEDDED, "<embedded>")
    }

    /// Load a gazetteer file in the same format as the embedded one.
    pub fn from_path(path: &Path) -> Result<Gazetteer, GazetteerError> {
        let bytes = std::fs::read(path).map_err(|source| GazetteerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// A short description recorded in the manifest (source, version, entry count).
    pub fn describe(&self) -> String {
        format!(
            "{} ({} places, {} keys)",
            self.header.replace('\t', " "),
            self.nplaces,
            self.parts.iter().map(|p| p.slots.len()).sum::<usize>()
        )
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.nplaces
    }

    /// True when the gazetteer holds no place.
    pub fn is_empty(&self) -> bool {
        self.nplaces == 0
    }

    /// The place at `idx` (as found in a [`Candidate`]).
    pub fn place(&self, idx: u32) -> Option<&Place> {
        let b = self
            .block_start
            .partition_point(|&s| s <= idx)
            .checked_sub(1)?;
        let start = *self.block_start.get(b)?;
        self.blocks.get(b)?.get((idx - start) as usize)
    }

    /// The main name of a place of this gazetteer.
    pub fn name(&self, p: &Place) -> &str {
        self.span(p.name)
    }

    /// The ISO country code of a place of this gazetteer (empty for continents).
    pub fn country(&self, p: &Place) -> &str {
        self.span(p.country)
    }

    fn span(&self, (start, len): (u32, u32)) -> &str {
        let s = start as usize;
        self.text.get(s..s + len as usize).unwrap_or("")
    }

    /// Candidates for a key hash, and whether a longer name continues it.
    #[inline]
    pub fn lookup(&self, key: u64) -> (&[Candidate], bool) {
        if !self.maybe_contains(key) {
            return (&[], false);
        }
        let Some(part) = self.parts.get((key >> (64 - PART_BITS)) as usize) else {
            return (&[], false);
        };
        let b = ((key >> self.dir_shift) & self.dir_mask) as usize;
        let (Some(&lo), Some(&hi)) = (part.dir.get(b), part.dir.get(b + 1)) else {
            return (&[], false);
        };
        for s in part.slots.get(lo as usize..hi as usize).unwrap_or(&[]) {
            if s.hash == key {
                let start = s.start as usize;
                let len = (s.meta >> 1) as usize;
                let c = part.cands.get(start..start + len).unwrap_or(&[]);
                return (c, s.meta & 1 != 0);
            }
            if s.hash > key {
                break;
            }
        }
        (&[], false)
    }

    /// Can `key` be in the index? (The Bloom filter alone: false means surely not.)
    #[inline]
    pub fn maybe_contains(&self, key: u64) -> bool {
        let (w, bits) = filter_bits(key);
        self.filter.get(w).is_some_and(|&x| x & bits == bits)
    }

    /// Candidates for a name as written (normalized the same way as document text).
    pub fn lookup_name(&self, name: &str) -> &[Candidate] {
        let toks = Tokens::new(name);
        let mut kb = KeyBuilder::default();
        let mut buf = String::new();
        let n = toks.toks.len();
        for (i, t) in toks.toks.iter().enumerate() {
            kb.push(&name[t.start..t.end], i == 0, i + 1 == n, &mut buf);
        }
        if kb.is_empty() {
            return &[];
        }
        self.lookup(kb.hash()).0
    }

    fn from_bytes(bytes: &[u8], path: &str) -> Result<Gazetteer, GazetteerError> {
        let fmt_err = |message: String| GazetteerError::Format {
            path: path.to_string(),
            message,
        };
        let raw = decompress(bytes).map_err(fmt_err)?;
        let text = String::from_utf8(raw).map_err(|e| fmt_err(e.to_string()))?;
        let header_len = text.find('\n').unwrap_or(text.len());
        let header = text[..header_len].trim_end_matches('\r');
        if !header.starts_with("#newscorpus-gazetteer\tv1") {
            return Err(fmt_err("missing #newscorpus-gazetteer v1 header".into()));
        }
        let header = header.trim_start_matches('#').to_string();
        // Parse in blocks of whole lines on all cores; the blocks keep their order, so the
        // gazetteer is the same whatever the number of threads.
        let body = header_len..text.len();
        let nblocks = BLOCKS;
        let mut bounds = vec![body.start];
        for k in 1..nblocks {
            let want = body.start + body.len() * k / nblocks;
            let at = memchr_nl(text.as_bytes(), want).map_or(body.end, |o| o + 1);
            if at > *bounds.last().unwrap_or(&0) && at < body.end {
                bounds.push(at);
            }
        }
        bounds.push(body.end);
        let parsed: Vec<Result<Block, String>> = bounds
            .windows(2)
            .enumerate()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(i, w)| parse_block(&text, w[0]..w[1], i as u16))
            .collect();
        let mut blocks = Vec::with_capacity(parsed.len());
        for b in parsed {
            blocks.push(b.map_err(fmt_err)?);
        }
        let mut block_start = Vec::with_capacity(blocks.len());
        let mut nplaces = 0usize;
        for b in &blocks {
            block_start.push(nplaces as u32);
            nplaces += b.places.len();
        }
        let nkeys: usize = blocks.iter().map(|b| b.nkeys).sum();
        // About one key per directory bucket.
        let bits = dir_bits(nkeys).max(PART_BITS + 1);
        let dir_shift = 64 - bits;
        let dir_mask = (1u64 << (bits - PART_BITS)) - 1;
        let places: Vec<&[Place]> = blocks.iter().map(|b| b.places.as_slice()).collect();
        let at = |p: u32| -> &Place {
            let b = block_start.partition_point(|&s| s <= p).saturating_sub(1);
            &places[b][(p - block_start[b]) as usize]
        };
        // In file order by geonameid (as the build script writes), the place index orders
        // places like their geonameid, and the index is built without reading places to sort.
        let by_id = places
            .iter()
            .flat_map(|b| b.first().zip(b.last()))
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| w[0].1.geonameid <= w[1].0.geonameid)
            && blocks.iter().all(|b| b.sorted);
        let parts: Vec<Part> = (0..PARTS)
            .into_par_iter()
            .map(|part| {
                build_part(
                    &blocks,
                    part,
                    &block_start,
                    (dir_shift, dir_mask),
                    by_id,
                    &at,
                )
            })
            .collect();
        let mut filter = vec![0u64; FILTER_BITS / 64];
        for s in parts.iter().flat_map(|p| &p.slots) {
            let (w, bits) = filter_bits(s.hash);
            filter[w] |= bits;
        }
        drop(places);
        Ok(Gazetteer {
            text,
            blocks: blocks.into_iter().map(|b| b.places).collect(),
            block_start,
            nplaces,
            parts,
            dir_shift,
            dir_mask,
            filter,
            header,
        })
    }
}

/// The whole data file, decompressed. The build script writes several frames that record
/// their sizes: they are decompressed in parallel, each into its place in one buffer. Any
/// other zstd file (one frame, no recorded size) is decoded as a stream.
fn decompress(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut frames: Vec<(&[u8], usize)> = Vec::new();
    let mut total = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        let n = zstd::zstd_safe::find_frame_compressed_size(rest).unwrap_or(0);
        let size = zstd::zstd_safe::get_frame_content_size(rest).ok().flatten();
        // Cap the total so a damaged file cannot ask for huge memory.
        let Some(size) = size
            .map(|s| s as usize)
            .filter(|&s| n > 0 && total + s <= 1 << 30)
        else {
            return zstd::stream::decode_all(bytes).map_err(|e| e.to_string());
        };
        let (frame, tail) = rest.split_at(n.min(rest.len()));
        frames.push((frame, size));
        total += size;
        rest = tail;
    }
    let mut out = vec![0u8; total];
    let mut parts: Vec<(&[u8], &mut [u8])> = Vec::with_capacity(frames.len());
    let mut free = out.as_mut_slice();
    for (frame, size) in frames {
        let (dst, tail) = free.split_at_mut(size);
        parts.push((frame, dst));
        free = tail;
    }
    parts.into_par_iter().try_for_each(|(src, dst)| {
        match zstd::bulk::decompress_to_buffer(src, dst) {
            Ok(n) if n == dst.len() => Ok(()),
            Ok(n) => Err(format!("frame holds {n} bytes, {} recorded", dst.len())),
            Err(e) => Err(e.to_string()),
        }
    })?;
    Ok(out)
}

/// Position of the first `\n` at or after `from`.
fn memchr_nl(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b'\n')
        .map(|o| from + o)
}

/// A name key: its hash, the place's prior and `meta`: the place, the block and the kind of
/// name (`kind << 2`: 0 name, 1 demonym, 2 abbreviation; | 2 for an alternate name, not the
/// place's own; | 1 when written as an acronym: of a place's entries under one key, the first
/// is kept, a name before an abbreviation even when an alternate one). As parsed, `meta` is
/// `index in block << 9 | block << 4 | kind`; in an index part, `place << 4 | kind`
/// (so sorting by `(hash, meta)` sorts by hash, place, kind).
#[derive(Debug, Clone, Copy, Default)]
struct KeyRec {
    hash: u64,
    meta: u32,
    prior: f32,
}

/// Blocks a data file is parsed in (at most 32: five bits of [`KeyRec::meta`]).
const BLOCKS: usize = 16;
/// Places per block (the rest of [`KeyRec::meta`]).
const MAX_BLOCK_PLACES: usize = 1 << 23;

/// A parsed block of lines: its places, and its name keys and prefix keys by index part.
struct Block {
    places: Vec<Place>,
    /// The places are in order of geonameid.
    sorted: bool,
    keys: Vec<Vec<KeyRec>>,
    prefixes: Vec<Vec<u64>>,
    nkeys: usize,
}

/// Bits of a directory for `n` keys: about one key per bucket.
fn dir_bits(n: usize) -> u32 {
    (usize::BITS - n.max(1).leading_zeros()).clamp(4, 28) - 1
}

/// Build index part `part` from the keys of every block: a counting sort by directory
/// bucket, then each bucket (a few keys) sorted on its own. Within a key the most preferred
/// place comes first (then by geonameid: deterministic); a place named twice under one key
/// keeps its first kind (name before demonym before abbreviation).
fn build_part<'p>(
    blocks: &[Block],
    part: usize,
    block_start: &[u32],
    (dir_shift, dir_mask): (u32, u64),
    by_id: bool,
    at: &(impl Fn(u32) -> &'p Place + Sync),
) -> Part {
    let nb = dir_mask as usize + 1;
    let bucket = |h: u64| ((h >> dir_shift) & dir_mask) as usize;
    let mut kpos = vec![0u32; nb + 1];
    let mut ppos = vec![0u32; nb + 1];
    let (mut nk, mut np) = (0, 0);
    for b in blocks {
        for k in &b.keys[part] {
            kpos[bucket(k.hash) + 1] += 1;
        }
        for &h in &b.prefixes[part] {
            ppos[bucket(h) + 1] += 1;
        }
        nk += b.keys[part].len();
        np += b.prefixes[part].len();
    }
    for i in 0..nb {
        kpos[i + 1] += kpos[i];
        ppos[i + 1] += ppos[i];
    }
    // Scatter (place indices made global), advancing each bucket's start to its end...
    let mut keys = vec![KeyRec::default(); nk];
    let mut pre = vec![0u64; np];
    for b in blocks {
        for &k in &b.keys[part] {
            let at = &mut kpos[bucket(k.hash)];
            let place = (k.meta >> 9) + block_start[(k.meta >> 4 & 31) as usize];
            keys[*at as usize] = KeyRec {
                meta: place << 4 | (k.meta & 15),
                ..k
            };
            *at += 1;
        }
        for &h in &b.prefixes[part] {
            let at = &mut ppos[bucket(h)];
            pre[*at as usize] = h;
            *at += 1;
        }
    }
    // ... so bucket `i` now ends at `pos[i]` and starts at `pos[i - 1]`.
    let mut out = Part {
        dir: Vec::with_capacity(nb + 1),
        slots: Vec::with_capacity(nk + np / 2),
        cands: Vec::with_capacity(nk),
    };
    let (mut k0, mut p0) = (0usize, 0usize);
    let mut group: Vec<KeyRec> = Vec::new();
    for i in 0..nb {
        out.dir.push(out.slots.len() as u32);
        let (k1, p1) = (kpos[i] as usize, ppos[i] as usize);
        let ks = &mut keys[k0..k1];
        let ps = &mut pre[p0..p1];
        (k0, p0) = (k1, p1);
        if ks.len() > 1 {
            ks.sort_unstable_by_key(|k| (k.hash, k.meta));
        }
        if ps.len() > 1 {
            ps.sort_unstable();
        }
        // Merge the distinct hashes of both lists, in order.
        let (mut a, mut c) = (0, 0);
        while a < ks.len() || c < ps.len() {
            let h = match (ks.get(a), ps.get(c)) {
                (Some(k), Some(&p)) => k.hash.min(p),
                (Some(k), None) => k.hash,
                (None, Some(&p)) => p,
                (None, None) => break,
            };
            // The places under this key, each once (the first, smallest kind).
            group.clear();
            while let Some(&k) = ks.get(a) {
                if k.hash != h {
                    break;
                }
                if group.last().is_none_or(|g| g.meta >> 4 != k.meta >> 4) {
                    group.push(k);
                }
                a += 1;
            }
            if group.len() > 1 && by_id {
                // By place (= by geonameid): the group is already in that order.
                group.sort_by(|x, y| y.prior.total_cmp(&x.prior));
            } else if group.len() > 1 {
                group.sort_by(|x, y| {
                    let (px, py) = (at(x.meta >> 4), at(y.meta >> 4));
                    py.prior
                        .total_cmp(&px.prior)
                        .then(px.geonameid.cmp(&py.geonameid))
                });
            }
            let start = out.cands.len() as u32;
            for k in &group {
                let pl = at(k.meta >> 4);
                out.cands.push(Candidate {
                    place: k.meta >> 4,
                    prior: pl.prior,
                    lat: pl.lat as f32,
                    lon: pl.lon as f32,
                    population: pl.population,
                    admin1: pl.admin1,
                    cc: pl.cc,
                    class: pl.class,
                    kind: match k.meta >> 2 & 3 {
                        0 => NameKind::Name,
                        1 => NameKind::Demonym,
                        _ => NameKind::Abbrev,
                    },
                    acronym: k.meta & 1 != 0,
                    alias: k.meta & 2 != 0,
                });
            }
            let mut prefix = false;
            while ps.get(c) == Some(&h) {
                prefix = true;
                c += 1;
            }
            let len = group.len() as u32;
            out.slots.push(Slot {
                hash: h,
                start: if len == 0 { 0 } else { start },
                meta: len << 1 | u32::from(prefix),
            });
        }
    }
    out.dir.push(out.slots.len() as u32);
    out
}

/// Split `line` at tabs into `f`; returns the number of fields.
#[inline]
fn split_tabs<'a>(line: &'a str, f: &mut [&'a str; 11]) -> usize {
    let b = line.as_bytes();
    let mut n = 0;
    let mut s = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\t' {
            if n < 11 {
                f[n] = &line[s..i];
            }
            n += 1;
            s = i + 1;
        }
    }
    if n < 11 {
        f[n] = &line[s..];
    }
    n + 1
}

/// A decimal number as `str::parse::<f64>` reads it. The usual form ("-12.34567": at most
/// 15 digits) is exact as an integer divided by a power of ten, both exactly representable,
/// so the one correctly rounded division gives the same double; anything else is parsed by
/// the standard library.
fn parse_f64(s: &str) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let b = s.as_bytes();
    let (neg, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let mut m: u64 = 0;
    let mut nd = 0;
    let mut frac: Option<usize> = None;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                nd += 1;
            }
            b'.' if frac.is_none() && i > 0 => frac = Some(digits.len() - i - 1),
            _ => return s.parse().ok(),
        }
    }
    if nd == 0 || nd > 15 || frac == Some(0) {
        return s.parse().ok();
    }
    let v = m as f64 / POW10[frac.unwrap_or(0)];
    Some(if neg { -v } else { v })
}

/// Parse the lines of `text[range]` (whole lines), block number `block`.
fn parse_block(text: &str, range: std::ops::Range<usize>, block: u16) -> Result<Block, String> {
    let chunk = text.get(range.clone()).unwrap_or("");
    let per_part = chunk.len() / 30 / PARTS + 16;
    let mut out = Block {
        places: Vec::with_capacity(chunk.len() / 70),
        sorted: true,
        keys: (0..PARTS).map(|_| Vec::with_capacity(per_part)).collect(),
        prefixes: (0..PARTS)
            .map(|_| Vec::with_capacity(per_part / 3))
            .collect(),
        nkeys: 0,
    };
    let mut buf = String::new();
    let mut tokbuf = Vec::new();
    let base = text.as_ptr() as usize;
    let span = |s: &str| ((s.as_ptr() as usize - base) as u32, s.len() as u32);
    let part_of = |h: u64| (h >> (64 - PART_BITS)) as usize;
    let mut f = [""; 11];
    for line in chunk.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = split_tabs(line, &mut f);
        if n != 11 {
            return Err(format!("{n} fields in line {line:?}"));
        }
        let num = |s: &str| -> Result<f64, String> {
            parse_f64(s).ok_or_else(|| format!("bad number {s:?} in line {line:?}"))
        };
        let class = match f[1] {
            "CONT" => PlaceClass::Continent,
            "PCLI" => PlaceClass::Country,
            "ADM1" => PlaceClass::Region,
            "ADM2" => PlaceClass::County,
            "PPLC" => PlaceClass::Capital,
            _ => PlaceClass::City,
        };
        let idx = out.places.len();
        if idx >= MAX_BLOCK_PLACES {
            return Err("too many places".into());
        }
        let population = f[6]
            .parse::<u64>()
            .map_err(|_| format!("bad population in line {line:?}"))?;
        let geonameid = f[0]
            .parse::<u32>()
            .map_err(|_| format!("bad geonameid in line {line:?}"))?;
        if out.places.last().is_some_and(|p| p.geonameid > geonameid) {
            out.sorted = false;
        }
        let prior = prior(class, population) as f32;
        out.places.push(Place {
            geonameid,
            class,
            cc: pack_cc(f[2]),
            prior,
            admin1: admin1_key(f[2], f[3]),
            lat: num(f[4])?,
            lon: num(f[5])?,
            population,
            name: span(f[7]),
            country: span(f[2]),
        });
        for (field, kind) in [(f[8], 0u8), (f[9], 1u8), (f[10], 2u8)] {
            for name in field.split('|').filter(|n| !n.is_empty()) {
                let kind = kind << 2
                    | if kind == 0 && name != f[7] { 2 } else { 0 }
                    | if is_acronym(name) { 1 } else { 0 };
                add_name(name, &mut buf, &mut tokbuf, |hash, is_prefix| {
                    if is_prefix {
                        out.prefixes[part_of(hash)].push(hash);
                    } else {
                        out.keys[part_of(hash)].push(KeyRec {
                            hash,
                            meta: (idx as u32) << 9 | u32::from(block) << 4 | u32::from(kind),
                            prior,
                        });
                        out.nkeys += 1;
                    }
                });
            }
        }
    }
    Ok(out)
}

const FILTER_BITS: usize = 1 << 22;

/// The filter word of a key hash and the two bits set in it (a blocked Bloom filter: one
/// memory read per test; parts of the hash independent of the index directory's top bits).
fn filter_bits(h: u64) -> (usize, u64) {
    let w = (h >> 32) as usize & (FILTER_BITS / 64 - 1);
    (w, 1 << (h & 63) | 1 << ((h >> 6) & 63))
}

/// Two ASCII bytes of a country code as one number (0 for none).
pub fn pack_cc(cc: &str) -> u16 {
    let b = cc.as_bytes();
    if b.len() == 2 {
        u16::from(b[0]) << 8 | u16::from(b[1])
    } else {
        0
    }
}

/// Preference of a place before any context: countries and continents first, then
/// capitals, regions and towns by type and size (log10 of the population).
pub fn prior(class: PlaceClass, population: u64) -> f64 {
    let pop = (population as f64 + 1.0).log10();
    match class {
        PlaceClass::Continent | PlaceClass::Country => 100.0,
        PlaceClass::Region => 20.0 + pop,
        PlaceClass::Capital => 25.0 + pop,
        PlaceClass::City => 10.0 + 2.0 * pop,
        // Only ever shares a name ("Adair County") with other counties.
        PlaceClass::County => 15.0 + pop,
    }
}

/// A non-zero id of a first-level region code (country + admin1), 0 when there is none.
fn admin1_key(cc: &str, a1: &str) -> u64 {
    if a1.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in cc.as_bytes().iter().chain(b".").chain(a1.as_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h | 1
}

/// All letters upper-case and at most four of them ("US", "UAE", "U.S.", "DRC").
#[inline]
pub fn is_acronym(s: &str) -> bool {
    // Most words are capitalized, not all-capital: the second byte tells (inline).
    if s.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    is_acronym_chars(s)
}

/// [`is_acronym`] past its byte test: one to four letters, all upper-case.
#[inline(never)]
fn is_acronym_chars(s: &str) -> bool {
    let mut n = 0;
    for c in s.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            n += 1;
        }
    }
    (1..=4).contains(&n)
}

/// Hash every key of `name`: the full key, and each proper token-prefix (flagged).
fn add_name(name: &str, buf: &mut String, toks: &mut Vec<Tok>, mut emit: impl FnMut(u64, bool)) {
    let b = name.as_bytes();
    if b.iter().all(|&c| BYTE_CLASS[c as usize] != OTHER) {
        // ASCII without apostrophes (most names): the tokens are the runs of letters and
        // digits, exactly as `Tokens::fill` finds them (only `OTHER` bytes need more).
        toks.clear();
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && BYTE_CLASS[b[i] as usize] == SKIP {
                i += 1;
            }
            let start = i;
            while i < b.len() && BYTE_CLASS[b[i] as usize] == ALNUM {
                i += 1;
            }
            if i > start {
                toks.push(Tok {
                    start,
                    end: i,
                    sep: Sep::Space,
                    may_start: may_start(b, start, i),
                });
            }
        }
    } else {
        Tokens::fill(name, toks);
    }
    let n = toks.len();
    if n == 0 {
        return;
    }
    let mut kb = KeyBuilder::default();
    for (i, t) in toks.iter().enumerate() {
        buf.clear();
        fold_token(&name[t.start..t.end], buf);
        if i + 1 < n {
            // A prefix is looked up as if its last token were the last one.
            let mut pk = kb.clone();
            pk.push_folded(buf, i == 0, true);
            if !pk.is_empty() {
                emit(pk.hash(), true);
            }
            kb.push_folded(buf, i == 0, false);
        } else {
            kb.push_folded(buf, i == 0, true);
            if !kb.is_empty() {
                emit(kb.hash(), false);
            }
        }
    }
}

/// How two consecutive tokens are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sep {
    /// Start of text.
    Start,
    /// One space.
    Space,
    /// A hyphen, no spaces.
    Hyphen,
    /// A period, optionally followed by one space ("U.S.", "St. Louis").
    Dot,
    /// Anything else: a name never spans it.
    Break,
}

/// A word token: a run of letters and digits, apostrophes inside a word included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    /// How this token is joined to the previous one.
    pub sep: Sep,
    /// [`may_start`]: false for a token no name can begin at (most lower-case words), so
    /// a matcher can pass it over by this flag alone.
    pub may_start: bool,
}

/// The tokens of a text.
#[derive(Debug, Default)]
pub struct Tokens {
    pub toks: Vec<Tok>,
}

/// Can a name begin at the token `text[start..end]`? True for every token that begins with
/// an ASCII capital, a non-ASCII char or an apostrophe (capitals of other scripts, "‘Ayn"),
/// and for "a"/"e"-words followed by a hyphen, an apostrophe or a non-ASCII char (an article
/// joined to a name: "al-Raqqa"); false for the rest (most lower-case words and numbers).
#[inline(always)]
pub fn may_start(b: &[u8], start: usize, end: usize) -> bool {
    match b.get(start) {
        Some(&c) if c.is_ascii_uppercase() || c >= 0x80 || c == b'\'' || c == b'`' => true,
        Some(b'a' | b'e') => {
            matches!(b.get(end), Some(&n) if n == b'-' || n == b'\'' || n == b'`' || n >= 0x80)
        }
        _ => false,
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | '´')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Tokens {
    /// Tokenize `text` (byte scan; only non-ASCII bytes decode a char).
    pub fn new(text: &str) -> Tokens {
        let mut toks = Vec::with_capacity(text.len() / 6);
        Self::fill(text, &mut toks);
        Tokens { toks }
    }

    /// Tokenize `text` into `toks` (cleared first), reusing its allocation.
    pub fn fill(text: &str, toks: &mut Vec<Tok>) {
        toks.clear();
        let mut i = 0;
        let mut gap_start = 0;
        while let Some((start, end)) = next_token(text, i) {
            let sep = if toks.is_empty() {
                Sep::Start
            } else {
                gap_sep(text, gap_start, start)
            };
            toks.push(Tok {
                start,
                end,
                sep,
                may_start: may_start(text.as_bytes(), start, end),
            });
            gap_start = end;
            i = end;
        }
    }

    /// Only the tokens a place name can involve: windows around capitalized words (from the
    /// word before to [`WINDOW_AFTER`] words after the last capitalized one). Most of a text
    /// is lower-case prose that is skipped with a byte scan. A token that does not follow the
    /// previous one in the text gets [`Sep::Break`], so no name spans a skipped stretch.
    pub fn sparse(text: &str) -> Tokens {
        Self::sparse_marked(text, |_| false).0
    }

    /// [`Tokens::sparse`], and the indices of the tokens `mark` accepts (each token tested
    /// once, while it is at hand: a caller need not walk every token for a rare word).
    pub fn sparse_marked(text: &str, mark: impl Fn(&[u8]) -> bool) -> (Tokens, Vec<usize>) {
        // About one token in 12 bytes of news is kept: sized so it rarely grows.
        let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 10 + 16);
        let mut marks: Vec<usize> = Vec::new();
        Self::sparse_marked_into(text, mark, &mut toks, &mut marks);
        (Tokens { toks }, marks)
    }

    /// [`Tokens::sparse_marked`] into `toks` and `marks` (cleared first), reusing their
    /// allocations: a caller that tokenizes document after document keeps them.
    #[inline(never)]
    pub fn sparse_marked_into(
        text: &str,
        mark: impl Fn(&[u8]) -> bool,
        toks: &mut Vec<Tok>,
        marks: &mut Vec<usize>,
    ) {
        toks.clear();
        marks.clear();
        // About one token in 12 bytes of news is kept: sized so it rarely grows.
        toks.reserve(text.len() / 10 + 16);
        let bytes = text.as_bytes();
        let mut pos = 0;
        while let Some(cap) = next_capital(text, pos) {
            // The window starts at the word before the capital (an article, a title, or the
            // word that tells whether this is a sentence start).
            let mut i = prev_word_start(text, cap).max(pos);
            let mut first = true;
            let mut since_cap = 0;
            // The next token, and whether it is one space after the previous one (`fast`).
            let mut next = next_token_ascii(text, i).map(|(s, e)| (s, e, false));
            while let Some((start, end, fast)) = next {
                let sep = if fast {
                    Sep::Space
                } else if first {
                    // Does this token follow the previous kept one with no word between?
                    // (Bytes first: a gap of spaces and punctuation has none, an ASCII letter
                    // or digit begins one; anything else asks the tokenizer.)
                    let prev_end = toks.last().map_or(0, |t| t.end);
                    let gap = bytes.get(prev_end..start).unwrap_or(&[]);
                    let class = |b: &u8| BYTE_CLASS[*b as usize];
                    let follows = if gap.iter().all(|b| class(b) == SKIP) {
                        Some(start)
                    } else if gap
                        .iter()
                        .take_while(|b| class(b) != OTHER)
                        .any(|b| class(b) == ALNUM)
                    {
                        None
                    } else {
                        next_token(text, prev_end).map(|(s0, _)| s0)
                    };
                    match follows {
                        Some(s0) if s0 == start => {
                            if toks.is_empty() {
                                Sep::Start
                            } else {
                                gap_sep(text, prev_end, start)
                            }
                        }
                        _ => Sep::Break,
                    }
                } else {
                    gap_sep(text, i, start)
                };
                first = false;
                if mark(&bytes[start..end]) {
                    marks.push(toks.len());
                }
                toks.push(Tok {
                    start,
                    end,
                    sep,
                    may_start: may_start(bytes, start, end),
                });
                i = end;
                let b = bytes[start];
                let capital = b.is_ascii_uppercase()
                    || b >= 0x80
                        && text[start..end]
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                    || !fast && is_apostrophe_before(text, start);
                if capital || start < cap {
                    since_cap = 0;
                } else {
                    since_cap += 1;
                    if since_cap >= WINDOW_AFTER {
                        break;
                    }
                }
                // Most often one space and an ASCII word ended by a space or punctuation:
                // what `next_token_ascii` finds too, without its loop over the gap.
                next = match space_then_word(bytes, end) {
                    Some(e) => Some((end + 1, e, true)),
                    None => next_token_ascii(text, end).map(|(s, e)| (s, e, false)),
                };
            }
            // Always move on, even past a capital that began no token.
            pos = i.max(cap + 1);
            while !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
    }
}

/// Words kept after the last capitalized word of a window: lower-case particles inside a
/// name ("Rio de la Plata"). Cue words after a name are read from the text itself, so two
/// suffice (the tagger's output on 21 MB of news is the same as with five; 28% fewer tokens).
pub const WINDOW_AFTER: usize = 2;

fn is_apostrophe_before(text: &str, start: usize) -> bool {
    match start.checked_sub(1).map(|k| text.as_bytes()[k]) {
        None => false,
        // An ASCII byte: only the two ASCII apostrophes.
        Some(b) if b < 0x80 => b == b'\'' || b == b'`',
        Some(_) => text[..start].chars().next_back().is_some_and(is_apostrophe),
    }
}

/// [`next_token`] with the common case inline: spaces or ASCII punctuation, then a run of
/// ASCII letters and digits ended by the same (or the end of the text). Anything else (an
/// apostrophe, a non-ASCII byte) asks [`next_token`] from `i` again.
#[inline(always)]
fn next_token_ascii(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut k = i;
    while k < b.len() && BYTE_CLASS[b[k] as usize] == SKIP {
        k += 1;
    }
    if k >= b.len() {
        return None;
    }
    if BYTE_CLASS[b[k] as usize] == ALNUM
        && let Some(end) = ascii_word_end(b, k + 1)
    {
        return Some((k, end));
    }
    next_token(text, i)
}

/// The end of the run of ASCII letters and digits that goes on at `k` (eight bytes at a time,
/// near the end of the text one at a time), if a space or ASCII punctuation or the end of the
/// text ends it; `None` when another byte (an apostrophe, a non-ASCII char) does.
#[inline(always)]
fn ascii_word_end(b: &[u8], mut k: usize) -> Option<usize> {
    loop {
        // Sixteen bytes at a time where there are sixteen (SSE2: one pass for nearly every
        // word), else eight, else one.
        #[cfg(target_arch = "x86_64")]
        if let Some(c) = b
            .get(k..k.saturating_add(16))
            .and_then(|c| <&[u8; 16]>::try_from(c).ok())
        {
            let m = alnum16(c);
            if m != 0xFFFF {
                k += (!m & 0xFFFF).trailing_zeros() as usize;
                break;
            }
            k += 16;
            continue;
        }
        let Some(x) = load8(b, k) else {
            while k < b.len() && BYTE_CLASS[b[k] as usize] == ALNUM {
                k += 1;
            }
            break;
        };
        let non = !alnum8(x) & HI8;
        if non != 0 {
            // `alnum8` is exact up to the first byte that is not: `k` lands on it.
            k += (non.trailing_zeros() / 8) as usize;
            break;
        }
        k += 8;
    }
    (k == b.len() || BYTE_CLASS[b[k] as usize] == SKIP).then_some(k)
}

/// A bit per byte of `c` (bit `i` for byte `i`) that is an ASCII letter or digit.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn alnum16(c: &[u8; 16]) -> u32 {
    // SAFETY: SSE2 is part of every x86_64 CPU (the target's baseline).
    unsafe { alnum16_sse2(c) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn alnum16_sse2(c: &[u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    // SAFETY: the 16 bytes lie inside `c`; the load is unaligned.
    let x = unsafe { _mm_loadu_si128(c.as_ptr().cast::<__m128i>()) };
    // (x | 0x20) - 'a' <= 25 as an unsigned byte: exactly the ASCII letters (no byte >= 0x80
    // lands there); x - '0' <= 9: the digits.
    let t = _mm_sub_epi8(
        _mm_or_si128(x, _mm_set1_epi8(0x20)),
        _mm_set1_epi8(b'a' as i8),
    );
    let letter = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
    let d = _mm_sub_epi8(x, _mm_set1_epi8(b'0' as i8));
    let digit = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u32
}

/// The token after the one that ends at `end` when one space and an ASCII word follow (the
/// word ended by a space, ASCII punctuation or the end of the text): its end.
#[inline(always)]
fn space_then_word(b: &[u8], end: usize) -> Option<usize> {
    match b.get(end..end + 2) {
        Some(&[b' ', c]) if BYTE_CLASS[c as usize] == ALNUM => ascii_word_end(b, end + 2),
        _ => None,
    }
}

/// The next word token at or after byte `i`: letters, digits, marks, and apostrophes
/// followed by a letter, except a possessive "'s" at the end of a word.
#[inline]
fn next_token(text: &str, mut i: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        // Fast path: ASCII bytes that cannot start a word (spaces, punctuation).
        if BYTE_CLASS[b as usize] == SKIP {
            i += 1;
            continue;
        }
        let (c, w) = if b < 0x80 {
            (b as char, 1)
        } else {
            match text.get(i..).and_then(|s| s.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        let starts_word = is_word_char(c) || (is_apostrophe(c) && starts_ayn(text, i + w));
        if !starts_word {
            i += w;
            continue;
        }
        let start = i;
        i += w;
        while i < n {
            let b = bytes[i];
            match BYTE_CLASS[b as usize] {
                ALNUM => {
                    i += 1;
                    continue;
                }
                // A space or punctuation ends the word (the common case: no char decoding).
                SKIP => break,
                _ => {}
            }
            let (c, w) = if b < 0x80 {
                (b as char, 1)
            } else {
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if is_word_char(c) || is_combining(c) {
                i += w;
            } else if is_apostrophe(c) {
                let rest = &text[i + w..];
                let mut it = rest.chars();
                match it.next() {
                    Some(n1) if n1.is_alphabetic() => {
                        let possessive =
                            (n1 == 's' || n1 == 'S') && !it.next().is_some_and(is_word_char);
                        if possessive {
                            break;
                        }
                        i += w;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        return Some((start, i));
    }
    None
}

const SKIP: u8 = 0;
const ALNUM: u8 = 1;
const OTHER: u8 = 2;

/// Byte classes for the tokenizer's fast paths: ASCII letters and digits, ASCII bytes that
/// never begin a word, and the rest (apostrophes, non-ASCII bytes: decoded as chars).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b'\'' || c == b'`' {
            OTHER
        } else {
            SKIP
        };
        b += 1;
    }
    t
};

/// Byte offset of the next capital letter at or after `from` that begins a word (a
/// letter not preceded by a letter or digit).
#[inline(always)]
fn next_capital(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        // Sixteen bytes at a time: skip a chunk with no ASCII capital and no non-ASCII byte
        // (most of a text is lower-case prose); else go to the first such byte.
        if let Some(chunk) = bytes
            .get(i..i + 16)
            .and_then(|c| <&[u8; 16]>::try_from(c).ok())
        {
            let k = first_capital_or_high(chunk);
            if k == 16 {
                i += 16;
                continue;
            }
            i += k;
        } else if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            const HI: u64 = 0x8080_8080_8080_8080;
            const LO: u64 = 0x0101_0101_0101_0101;
            // For bytes < 0x80: high bit of (x + 0x80 - 'A') is set iff byte >= 'A', of
            // (x + 0x80 - 'Z' - 1) iff byte > 'Z' (no carry crosses bytes below 0x80).
            let ge_a = x.wrapping_add(LO * (0x80 - u64::from(b'A')));
            let gt_z = x.wrapping_add(LO * (0x80 - u64::from(b'Z') - 1));
            let upper = ge_a & !gt_z & !x & HI;
            let hits = (upper | x) & HI;
            if hits == 0 {
                i += 8;
                continue;
            }
            // The bytes before the first flagged one are exact (a carry starts only at a
            // byte >= 0x80) and are neither capitals nor non-ASCII: skip them.
            i += (hits.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        if b.is_ascii_uppercase() {
            if i == 0 || !prev_is_word(text, i) {
                return Some(i);
            }
        } else if b >= 0xC0 {
            // Start of a multi-byte char: a non-ASCII capital ("Ö", "Ḩ").
            if let Some(c) = text.get(i..).and_then(|s| s.chars().next())
                && c.is_uppercase()
                && (i == 0 || !prev_is_word(text, i))
            {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Index of the first byte of `c` that is an ASCII capital or not ASCII (16 for none).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn first_capital_or_high(c: &[u8; 16]) -> usize {
    // SAFETY: SSE2 is part of every x86_64 CPU (the target's baseline).
    unsafe { first_capital_or_high_sse2(c) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn first_capital_or_high_sse2(c: &[u8; 16]) -> usize {
    use std::arch::x86_64::*;
    // SAFETY: the 16 bytes lie inside `c`; the load is unaligned.
    let x = unsafe { _mm_loadu_si128(c.as_ptr().cast::<__m128i>()) };
    // x - 'A' <= 25 as an unsigned byte: exactly the ASCII capitals; the sign bit of `x`
    // marks the non-ASCII bytes.
    let t = _mm_sub_epi8(x, _mm_set1_epi8(b'A' as i8));
    let upper = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(25)), t);
    let m = (_mm_movemask_epi8(_mm_or_si128(upper, x)) as u32) | 1 << 16;
    m.trailing_zeros() as usize
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn first_capital_or_high(c: &[u8; 16]) -> usize {
    first_capital_or_high_swar(c)
}

/// [`first_capital_or_high`] eight bytes at a time (the portable version).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn first_capital_or_high_swar(c: &[u8; 16]) -> usize {
    for h in 0..2 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&c[8 * h..8 * h + 8]);
        let x = u64::from_le_bytes(w);
        // As in `next_capital`: exact up to the first flagged byte.
        let ge_a = x.wrapping_add(LO8 * (0x80 - u64::from(b'A')));
        let gt_z = x.wrapping_add(LO8 * (0x80 - u64::from(b'Z') - 1));
        let hits = ((ge_a & !gt_z & !x) | x) & HI8;
        if hits != 0 {
            return 8 * h + (hits.trailing_zeros() / 8) as usize;
        }
    }
    16
}

fn prev_is_word(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        return b.is_ascii_alphanumeric();
    }
    text.get(..i)
        .and_then(|h| h.chars().next_back())
        .is_some_and(|c| is_word_char(c) || is_combining(c))
}

/// Start of the word before byte `at` (or `at` itself when there is none).
#[inline(always)]
fn prev_word_start(text: &str, at: usize) -> usize {
    // ASCII fast path, the same as the general one below on such bytes: up to four
    // separator bytes (spaces, ASCII punctuation: ". ", "\n\n"), then an ASCII word; any
    // other byte takes the general path.
    let b = text.as_bytes();
    let class = |k: usize| BYTE_CLASS[b[k] as usize];
    let mut k = at.min(b.len());
    let mut skipped = 0;
    while skipped < 4 && k > 0 && class(k - 1) == SKIP {
        k -= 1;
        skipped += 1;
    }
    if k == 0 {
        return at;
    }
    match class(k - 1) {
        // A fifth separator: no word before.
        SKIP => return at,
        ALNUM => {
            // Eight bytes at a time while they are all ASCII (then `alnum8` is exact on
            // every byte): the last byte that is no letter or digit ends the scan.
            while k >= 8 {
                let Some(x) = load8(b, k - 8) else {
                    break;
                };
                if x & HI8 != 0 {
                    break;
                }
                let non = !alnum8(x) & HI8;
                if non != 0 {
                    k = k - 8 + (63 - non.leading_zeros() as usize) / 8 + 1;
                    break;
                }
                k -= 8;
            }
            while k > 0 && class(k - 1) == ALNUM {
                k -= 1;
            }
            if k == 0 || class(k - 1) == SKIP {
                return k;
            }
        }
        _ => {}
    }
    prev_word_start_slow(text, at)
}

/// [`prev_word_start`] on chars.
fn prev_word_start_slow(text: &str, at: usize) -> usize {
    let head = &text[..at];
    let mut it = head.char_indices().rev().peekable();
    // Skip the separator (at most a few characters: " ", "-", ". ", "‘").
    let mut skipped = 0;
    while let Some(&(_, c)) = it.peek() {
        if is_word_char(c) || skipped > 3 {
            break;
        }
        skipped += 1;
        it.next();
    }
    let mut start = at;
    while let Some(&(i, c)) = it.peek() {
        if is_word_char(c) || is_combining(c) || is_apostrophe(c) {
            start = i;
            it.next();
        } else {
            break;
        }
    }
    start
}

/// An apostrophe that transliterates the Arabic ayn at a word start ("‘Ayn", "`Arab").
fn starts_ayn(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_uppercase())
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// How the token at `end` joins the one that ends at `start`: a newswire's fixed-width line
/// break inside a name (`New` / `York`) is a space, any other line break a boundary.
#[inline(always)]
fn gap_sep(text: &str, start: usize, end: usize) -> Sep {
    // Nearly every gap is one (ASCII) byte: decided here without building the gap.
    if end == start + 1 {
        match text.as_bytes().get(start) {
            Some(b' ') => return Sep::Space,
            Some(b'-') => return Sep::Hyphen,
            Some(b'.') => return Sep::Dot,
            Some(b'\n') => {}
            _ => return Sep::Break,
        }
    }
    // Two ASCII bytes (", ", ". ", "\n\n"): a period and a space, else a boundary (as
    // [`classify_gap`] says; no soft line break is two bytes).
    if end == start + 2
        && let Some(&[a, c]) = text.as_bytes().get(start..end)
        && a < 0x80
        && c < 0x80
    {
        return if a == b'.' && c == b' ' {
            Sep::Dot
        } else {
            Sep::Break
        };
    }
    gap_sep_slow(text, start, end)
}

#[inline(never)]
fn gap_sep_slow(text: &str, start: usize, end: usize) -> Sep {
    let gap = text.get(start..end).unwrap_or("");
    match classify_gap(gap) {
        Sep::Break if gap == "\n" && crate::wrap::soft_break(text.as_bytes(), start) => Sep::Space,
        // Text read as-is keeps the indentation of wrapped lines ("Manchester" / "    United"):
        // one line break with spaces or tabs around it, where it only wraps the sentence.
        Sep::Break
            if matches!(gap.as_bytes().first(), Some(b'\n' | b' ' | b'\t' | b'\r'))
                && matches!(gap.as_bytes().last(), Some(b'\n' | b' ' | b'\t' | b'\r'))
                && gap.bytes().filter(|&b| b == b'\n').count() == 1
                && gap
                    .bytes()
                    .all(|b| matches!(b, b'\n' | b' ' | b'\t' | b'\r'))
                && gap
                    .bytes()
                    .position(|b| b == b'\n')
                    .is_some_and(|nl| crate::wrap::soft_break(text.as_bytes(), start + nl)) =>
        {
            Sep::Space
        }
        sep => sep,
    }
}

fn classify_gap(gap: &str) -> Sep {
    // Nearly every gap is one byte.
    if let &[b] = gap.as_bytes() {
        return match b {
            b' ' => Sep::Space,
            b'-' => Sep::Hyphen,
            b'.' => Sep::Dot,
            _ => Sep::Break,
        };
    }
    match gap.as_bytes() {
        b" " => Sep::Space,
        b"-" => Sep::Hyphen,
        b"." | b". " => Sep::Dot,
        g if g.is_ascii() => Sep::Break,
        _ => {
            // Apostrophes left between tokens ("Ayn al ‘Arab") count as nothing.
            let mut spaces = 0;
            let mut hyphens = 0;
            for c in gap.chars() {
                match c {
                    ' ' => spaces += 1,
                    '-' | '‐' => hyphens += 1,
                    c if is_apostrophe(c) => {}
                    _ => return Sep::Break,
                }
            }
            match (spaces, hyphens) {
                (0, 1) => Sep::Hyphen,
                (0 | 1, 0) => Sep::Space,
                _ => Sep::Break,
            }
        }
    }
}

/// Arabic articles dropped from keys ("al-Raqqa" = "Raqqa", "Deir ez-Zor" = "Deir Zor").
pub fn is_article(folded: &str) -> bool {
    is_article_bytes(folded.as_bytes())
}

/// [`is_article`] on the bytes of a folded token.
#[inline]
pub fn is_article_bytes(folded: &[u8]) -> bool {
    matches!(
        folded,
        b"al"
            | b"el"
            | b"ar"
            | b"ad"
            | b"az"
            | b"ez"
            | b"as"
            | b"ash"
            | b"an"
            | b"at"
            | b"ed"
            | b"es"
            | b"ul"
            | b"ud"
            | b"ur"
            | b"adh"
            | b"ath"
    )
}

/// Builds a key hash token by token: each folded token is absorbed a word (eight bytes) at a
/// time after a tag that holds its length, so the tokens of a key can be told apart as if
/// joined by spaces (see [`absorb`]). The index is built with this same builder.
#[derive(Debug, Clone)]
pub struct KeyBuilder {
    hash: u64,
    ntok: usize,
}

impl Default for KeyBuilder {
    fn default() -> Self {
        KeyBuilder {
            hash: 0xcbf2_9ce4_8422_2325,
            ntok: 0,
        }
    }
}

impl KeyBuilder {
    /// Add a token as written. `first`/`last`: its place in the span (articles are dropped
    /// unless last; an article glued by assimilation, "Ezzor", loses it when not first).
    pub fn push(&mut self, token: &str, first: bool, last: bool, buf: &mut String) {
        buf.clear();
        fold_token(token, buf);
        self.push_folded(buf, first, last);
    }

    /// Add a token already folded by [`fold_token`].
    pub fn push_folded(&mut self, folded: &str, first: bool, last: bool) {
        self.push_folded_bytes(folded.as_bytes(), first, last);
    }

    /// [`KeyBuilder::push_folded`] on the bytes of a folded token.
    #[inline]
    pub fn push_folded_bytes(&mut self, folded: &[u8], first: bool, last: bool) {
        if folded.is_empty() || (!last && is_article_bytes(folded)) {
            return;
        }
        let mut s: &[u8] = folded;
        if !first {
            s = strip_glued_article(s);
        }
        if s == b"saint" {
            s = b"st";
        }
        self.hash = absorb(self.hash, s);
        self.ntok += 1;
    }

    /// The builder after a first token whose key hash is `hash` (see [`first_token_key`]).
    pub fn after_first(hash: u64) -> KeyBuilder {
        KeyBuilder { hash, ntok: 1 }
    }

    pub fn hash(&self) -> u64 {
        self.hash
    }

    pub fn is_empty(&self) -> bool {
        self.ntok == 0
    }
}

/// The high and low halves of a 128-bit product folded together: one multiplication mixes
/// every bit of `x` into every bit of the result (as in ahash's fallback hasher).
#[inline(always)]
fn fold_mul(x: u64, k: u64) -> u64 {
    let p = u128::from(x) * u128::from(k);
    (p as u64) ^ ((p >> 64) as u64)
}

const MUL: u64 = 0x5851_f42d_4c95_7f2d;
const TAG: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash `h` after a token `s` (non-empty): a tag with the token's length, then its bytes
/// eight at a time, the last up to seven as one word. Given the lengths the words spell the
/// token, so different keys give different word sequences (a collision needs the 64-bit
/// mixing itself to collide).
#[inline]
fn absorb(h: u64, s: &[u8]) -> u64 {
    let n = s.len();
    let mut h = fold_mul(h ^ TAG ^ n as u64, MUL);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = fold_mul(h ^ u64::from_le_bytes(w), MUL);
    }
    let t = chunks.remainder();
    let r = t.len();
    if r > 0 {
        // Four to seven bytes: the first four and the last four (they overlap); one to three:
        // the first, middle and last byte. Either spells the rest, its length being known.
        let w = if r >= 4 {
            let lo = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
            let hi = u32::from_le_bytes([t[r - 4], t[r - 3], t[r - 2], t[r - 1]]);
            u64::from(lo) | u64::from(hi) << 32
        } else {
            u64::from(t[0]) | u64::from(t[r / 2]) << 8 | u64::from(t[r - 1]) << 16
        };
        h = fold_mul(h ^ w, MUL);
    }
    h
}

/// `fold_mul(INIT ^ TAG ^ n, MUL)` for `n` in `0..=8`: the state of [`absorb`] from the
/// initial key after the length tag of a first token of `n` bytes.
const FIRST_TAG: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut n = 0;
    while n < 9 {
        let x = 0xcbf2_9ce4_8422_2325u64 ^ TAG ^ n as u64;
        let p = (x as u128) * (MUL as u128);
        t[n] = (p as u64) ^ ((p >> 64) as u64);
        n += 1;
    }
    t
};

/// The key hash of the one-token name `text[start..end]` when the token is 1 to 8 ASCII
/// letters and digits with eight bytes readable from `start` (the common capitalized word):
/// what [`KeyBuilder`] gives for it as a first and last token, from one load and two
/// multiplications, and whether the token is an article ([`is_article_bytes`]). `None` for
/// any other token (and for "saint", which the builder rewrites), left to the builder.
#[inline(always)]
pub fn first_token_key(b: &[u8], start: usize, end: usize) -> Option<(u64, bool)> {
    let n = end.checked_sub(start)?;
    if n == 0 || n > 8 {
        return None;
    }
    let x = load8(b, start)?;
    let own = if n == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    // `alnum8` and `bytes_in` are exact on the token's own bytes (the first `n`): a byte
    // after them can only carry upwards.
    if (!alnum8(x) & HI8 & own) != 0 {
        return None;
    }
    let w = (x | (bytes_in(x, b'A', b'Z') >> 2)) & own;
    if n == 5 && w == u64::from_le_bytes(*b"saint\0\0\0") {
        return None;
    }
    // As `absorb` on the folded bytes: eight bytes are one chunk; four to seven the first
    // and last four; one to three the first, middle and last byte.
    let v = match n {
        8 => w,
        4..=7 => (w & 0xFFFF_FFFF) | (w >> (8 * (n - 4))) << 32,
        _ => (w & 0xFF) | ((w >> (8 * (n / 2))) & 0xFF) << 8 | ((w >> (8 * (n - 1))) & 0xFF) << 16,
    };
    let article = n <= 3 && is_article_bytes(&w.to_le_bytes()[..n]);
    Some((fold_mul(FIRST_TAG[n] ^ v, MUL), article))
}

/// "ezzor" -> "zor", "arraqqa" -> "raqqa": a/e + doubled sun letter.
fn strip_glued_article(b: &[u8]) -> &[u8] {
    if b.len() >= 5
        && (b[0] == b'a' || b[0] == b'e')
        && b[1] == b[2]
        && matches!(b[1], b't' | b'd' | b'r' | b'z' | b's' | b'n')
    {
        &b[2..]
    } else {
        b
    }
}

const LO8: u64 = 0x0101_0101_0101_0101;
const HI8: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that lies in `lo..=hi` (ASCII bounds). Exact for every
/// byte below the first byte >= 0x80 (only such a byte can carry into the next one); a
/// byte >= 0x80 itself is never in the range.
#[inline(always)]
fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    x.wrapping_add(LO8 * (0x80 - u64::from(lo)))
        & !x.wrapping_add(LO8 * (0x7F - u64::from(hi)))
        & !x
        & HI8
}

/// The high bit of each byte of `x` that is an ASCII letter or digit (exact up to the first
/// byte that is not, which is all a caller looks at).
#[inline(always)]
fn alnum8(x: u64) -> u64 {
    bytes_in(x | (LO8 * 0x20), b'a', b'z') | bytes_in(x, b'0', b'9')
}

/// Eight bytes of `b` from `at`, little-endian, if there are eight.
#[inline(always)]
fn load8(b: &[u8], at: usize) -> Option<u64> {
    let chunk = b.get(at..at.checked_add(8)?)?;
    let mut w = [0u8; 8];
    w.copy_from_slice(chunk);
    Some(u64::from_le_bytes(w))
}

/// [`fold_token`] of the common token `text[start..end]`, ASCII letters and digits only and
/// at most 32 bytes, lower-cased into `out` eight bytes at a time (no `String`); `None` for
/// any other token.
#[inline]
pub fn fold_ascii<'a>(
    text: &str,
    start: usize,
    end: usize,
    out: &'a mut [u8; 40],
) -> Option<&'a [u8]> {
    let b = text.as_bytes();
    let n = end.checked_sub(start)?;
    if n > 32 || end > b.len() {
        return None;
    }
    let mut k = 0;
    while k < n {
        let m = (n - k).min(8);
        if let Some(x) = load8(b, start + k) {
            // Only the token's own bytes (the first `m`) are tested and kept.
            let own = if m == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * m)) - 1
            };
            if (!alnum8(x) & HI8 & own) != 0 {
                return None;
            }
            let lower = x | (bytes_in(x, b'A', b'Z') >> 2);
            out.get_mut(k..k + 8)?.copy_from_slice(&lower.to_le_bytes());
        } else {
            // Near the end of the text: a byte at a time.
            for (d, &c) in out
                .get_mut(k..k + m)?
                .iter_mut()
                .zip(b.get(start + k..end)?)
            {
                if BYTE_CLASS[c as usize] != ALNUM {
                    return None;
                }
                *d = c.to_ascii_lowercase();
            }
        }
        k += m;
    }
    out.get(..n)
}

/// Lower-case ASCII letters and digits of `token`, accents and apostrophes removed.
pub fn fold_token(token: &str, out: &mut String) {
    if token.bytes().all(|b| BYTE_CLASS[b as usize] == ALNUM) {
        let at = out.len();
        out.push_str(token);
        if let Some(tail) = out.get_mut(at..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    if token.is_ascii() {
        for b in token.bytes() {
            if b.is_ascii_alphanumeric() {
                out.push(b.to_ascii_lowercase() as char);
            }
        }
        return;
    }
    for c in token.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'ħ' | 'Ħ' => out.push('h'),
            'þ' | 'Þ' => out.push_str("th"),
            _ => unicode_normalization::char::decompose_canonical(c, |d| {
                if d.is_ascii_alphanumeric() {
                    out.push(d.to_ascii_lowercase());
                } else if d.is_alphanumeric() && !is_combining(d) {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_capital_or_high_agrees_with_the_byte_loop() {
        let mut seed = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as u8
        };
        let alphabet = b"aZ zA@[`{\x80\xff\x7f09.-'\n";
        for round in 0..20_000 {
            let mut c = [0u8; 16];
            for b in &mut c {
                // Mostly bytes near the edges of the ranges, some anything.
                let r = next();
                *b = if round % 3 == 0 {
                    r
                } else {
                    alphabet[usize::from(r) % alphabet.len()]
                };
            }
            let want = c
                .iter()
                .position(|&b| b.is_ascii_uppercase() || b >= 0x80)
                .unwrap_or(16);
            assert_eq!(first_capital_or_high(&c), want, "{c:?}");
            assert_eq!(first_capital_or_high_swar(&c), want, "{c:?}");
        }
    }

    #[test]
    fn first_token_key_is_the_builders_key() {
        let text = "Paris London Saint saint Z Ab Abc Abcd ABCDEFG Abcdefgh Abcdefghi al Al-Raqqa Ayn x9 \
                    Zürich O'Neil Deir 12345678 SAINT Stadt ....................";
        let b = text.as_bytes();
        let mut fast = 0;
        for t in Tokens::new(text).toks {
            let w = &text[t.start..t.end];
            let mut kb = KeyBuilder::default();
            let mut buf = String::new();
            kb.push(w, true, true, &mut buf);
            if let Some((h, article)) = first_token_key(b, t.start, t.end) {
                assert_eq!(h, kb.hash(), "{w}");
                assert_eq!(article, is_article(&w.to_lowercase()), "{w}");
                fast += 1;
            }
        }
        assert!(fast >= 15, "{fast}");
        // Fewer than eight bytes left: not taken.
        assert_eq!(first_token_key(b"Paris", 0, 5), None);
    }

    fn key(s: &str) -> u64 {
        let toks = Tokens::new(s);
        let mut kb = KeyBuilder::default();
        let mut buf = String::new();
        let n = toks.toks.len();
        for (i, t) in toks.toks.iter().enumerate() {
            kb.push(&s[t.start..t.end], i == 0, i + 1 == n, &mut buf);
        }
        kb.hash()
    }

    #[test]
    fn spelling_variants_share_a_key() {
        assert_eq!(key("Deir ez-Zor"), key("Deir Ezzor"));
        assert_eq!(key("Deir ez-Zor"), key("Deir-ez-Zor"));
        assert_eq!(key("Dayr al-Zawr"), key("Dayr az Zawr"));
        assert_eq!(key("Ayn al-Arab"), key("‘Ayn al ‘Arab"));
        assert_eq!(key("al-Raqqa"), key("Raqqa"));
        assert_eq!(key("Ar Raqqah"), key("RAQQAH"));
        assert_eq!(key("Al Ḩasakah"), key("Hasakah"));
        assert_eq!(key("São Paulo"), key("Sao Paulo"));
        assert_eq!(key("St. Louis"), key("Saint Louis"));
        assert_ne!(key("Raqqa"), key("Raqqah"));
    }

    #[test]
    fn prev_word_start_fast_path_agrees_with_chars() {
        let parts = [
            "a", "Bc", "12", " ", "  ", ".", ". ", "\n\n", "-", "'", "’", "é", "Ö", "x\u{301}",
            "‘", ",", "     ", "    ", ". \n\n", ".  \n\n", "’ ",
        ];
        // Every string of up to three parts (a part may hold five separators), asked at
        // every char boundary.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let mut longer = Vec::new();
            for t in &texts {
                for p in parts {
                    longer.push(format!("{t}{p}"));
                }
            }
            texts.extend(longer);
        }
        for t in &texts {
            for at in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                assert_eq!(
                    prev_word_start(t, at),
                    prev_word_start_slow(t, at),
                    "{t:?} at {at}"
                );
            }
        }
    }

    #[test]
    fn keys_tell_token_boundaries_and_lengths_apart() {
        let keys = [
            "ab c",
            "a bc",
            "abc",
            "abcdefgh ij",
            "abcdefghij",
            "abcdefgh",
            "abcdefg",
            "abcdefgh i j",
            "abcd efgh",
            "abcdefghijklmnop",
            "abcdefghijklmno",
            "New York",
            "New York City",
            "York New",
            "a",
            "aa",
            "aaa",
            "aaaa",
            "aaaaa",
            "aaaaaaa",
            "aaaaaaaa",
            "aaaaaaaaa",
        ];
        let mut hashes: Vec<u64> = keys.iter().map(|k| key(k)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), keys.len());
    }

    #[test]
    fn possessive_is_not_part_of_the_word() {
        let t = Tokens::new("Russia’s role and N'Djamena");
        let words: Vec<&str> = t
            .toks
            .iter()
            .map(|t| &"Russia’s role and N'Djamena"[t.start..t.end])
            .collect();
        assert_eq!(words, vec!["Russia", "s", "role", "and", "N'Djamena"]);
    }

    #[test]
    fn separators() {
        let s = "U.S. Deir-ez-Zor, Syria";
        let t = Tokens::new(s);
        let seps: Vec<Sep> = t.toks.iter().map(|t| t.sep).collect();
        assert_eq!(
            seps,
            vec![
                Sep::Start,
                Sep::Dot,
                Sep::Dot,
                Sep::Hyphen,
                Sep::Hyphen,
                Sep::Break
            ]
        );
    }

    #[test]
    fn embedded_loads_and_finds_known_places() {
        let g = Gazetteer::embedded().expect("embedded gazetteer");
        let ids = |name: &str| -> Vec<u32> {
            g.lookup_name(name)
                .iter()
                .filter_map(|c| g.place(c.place).map(|p| p.geonameid))
                .collect()
        };
        assert!(ids("Syria").contains(&163843));
        assert!(ids("U.S.").contains(&6252001));
        assert!(ids("Britain").contains(&2635167));
        assert!(ids("Raqqa").contains(&172955));
        assert!(ids("Deir Ezzor").contains(&170794));
        assert!(ids("Ayn al-Arab").contains(&172256));
        assert!(ids("Hasakah").contains(&173813));
        assert!(ids("Syrian").contains(&163843));
    }

    #[test]
    fn sparse_tokens_are_the_windows_of_the_full_ones() {
        let s = "the report said that in the north of the country, where the \
                 al-Raqqa fighting is, things were bad and nobody knew why it was so";
        let full = Tokens::new(s).toks;
        let sparse = Tokens::sparse(s).toks;
        assert!(sparse.len() < full.len());
        let words: Vec<&str> = sparse.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(words[..3], ["al", "Raqqa", "fighting"]);
        assert_eq!(sparse[0].sep, Sep::Break);
        assert_eq!(sparse[1].sep, Sep::Hyphen);
        for t in &sparse {
            assert!(full.iter().any(|f| f.start == t.start && f.end == t.end));
        }
        let s2 = "Raqqa is in Syria";
        assert_eq!(Tokens::sparse(s2).toks, Tokens::new(s2).toks);
    }

    #[test]
    fn from_path_reads_the_same_format_and_rejects_damage() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer.tsv.zst");
        let g = Gazetteer::from_path(&path).expect("data file");
        assert!(g.len() > 200_000);
        assert!(g.describe().contains("GeoNames"));
        let dir = tempfile::tempdir().expect("tempdir");
        let bad = dir.path().join("bad.zst");
        std::fs::write(&bad, b"not zstd").expect("write");
        assert!(matches!(
            Gazetteer::from_path(&bad),
            Err(GazetteerError::Format { .. })
        ));
        assert!(matches!(
            Gazetteer::from_path(&dir.path().join("missing")),
            Err(GazetteerError::Io { .. })
        ));
    }

    #[test]
    fn next_capital_skips_chunks_exactly() {
        // The eight-byte skip finds the same capitals as a byte-by-byte scan.
        let naive = |t: &str, from: usize| {
            (from..t.len()).find(|&i| {
                t.is_char_boundary(i)
                    && t[i..].chars().next().is_some_and(char::is_uppercase)
                    && (i == 0 || !prev_is_word(t, i))
            })
        };
        for t in [
            "abcdefghijklmnopqrstuvwxyz Zebra",
            "the quick brown fox jumps over the lazy dog and then Oslo",
            "@[\\]^_`{ABCZ xyz",
            "mcDonald went to the Ölberg and ḩalab, then to Ḩalab",
            "aaaaaaa A",
            "aaaaaaaa A",
            "",
        ] {
            for from in 0..t.len() {
                if t.is_char_boundary(from) {
                    assert_eq!(next_capital(t, from), naive(t, from), "{t:?} from {from}");
                }
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn alnum16_agrees_with_the_byte_test() {
        for v in 0u8..=255 {
            for at in 0..16 {
                let mut c = [b'a'; 16];
                c[at] = v;
                let want = (0..16)
                    .filter(|&i| c[i].is_ascii_alphanumeric())
                    .fold(0u32, |m, i| m | 1 << i);
                assert_eq!(alnum16(&c), want, "{v} at {at}");
            }
        }
    }

    #[test]
    fn word_at_a_time_paths_agree_with_the_byte_paths() {
        // Every byte value next to letters, at every offset from the end of the text.
        let mut texts: Vec<String> = Vec::new();
        for c in (0u8..128)
            .map(char::from)
            .chain(['é', '’', 'Ḩ', '\u{301}', '—'])
        {
            for n in 0..20 {
                let mut s = String::new();
                for k in 0..n {
                    s.push(if k % 3 == 0 { 'A' } else { 'z' });
                }
                s.push(c);
                s.push_str("Qu9 x");
                texts.push(s.clone());
                texts.push(format!("  {s}"));
                texts.push(s.chars().rev().collect());
            }
        }
        texts.push("AbcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 end".into());
        for t in &texts {
            let mut i = 0;
            while i <= t.len() {
                assert_eq!(next_token_ascii(t, i), next_token(t, i), "{t:?} at {i}");
                i += 1;
                while !t.is_char_boundary(i) && i < t.len() {
                    i += 1;
                }
            }
            for tok in Tokens::new(t).toks {
                let mut out = [0u8; 40];
                let mut want = String::new();
                fold_token(&t[tok.start..tok.end], &mut want);
                match fold_ascii(t, tok.start, tok.end, &mut out) {
                    Some(f) => assert_eq!(f, want.as_bytes(), "{t:?}"),
                    None => assert!(
                        tok.end - tok.start > 32
                            || !t[tok.start..tok.end]
                                .bytes()
                                .all(|b| b.is_ascii_alphanumeric()),
                        "{t:?}"
                    ),
                }
            }
        }
    }

    #[test]
    fn tokenizer_never_panics_on_odd_text() {
        for s in [
            "",
            "’",
            "a’",
            "‘A",
            "-",
            "é’s",
            "\u{300}x",
            "U.S.’",
            "ÉÖ ‘Ḩ x-Y",
        ] {
            for tok in Tokens::new(s)
                .toks
                .into_iter()
                .chain(Tokens::sparse(s).toks)
            {
                assert!(s.is_char_boundary(tok.start) && s.is_char_boundary(tok.end));
            }
        }
    }
}
