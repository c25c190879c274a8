//! Story grouping in external memory: the same rule and the same rows as the in-memory version
//! this replaced (kept in the tests as the reference), with memory bounded by a few tens of
//! bytes per document plus fixed budgets, whatever the corpus size.
//!
//! What stays in memory per document: where its features and its id are on disk, its union-find
//! parent, and its best accepted pair so far (score, partner, where that pair's signals are).
//! Everything else goes through spill files:
//! 1. `add`: features are appended to a [`Records`] file (a small binary encoding) and the id's
//!    first 64 bytes to a [`Sorter`], which later gives every document its rank (`doc_id` order).
//! 2. Near-duplicate members (rows given to `near_duplicate`, matched to ranks) are left out
//!    of everything below but one candidate pair with their representative. One pass over the
//!    other documents' features writes postings: (sampled shingle, rank) and (fact key id,
//!    rank), both sorted externally. Per-key statistics (fact factors, shingle weights) only
//!    hold keys above a document-frequency threshold and stay in memory.
//! 3. Candidate pairs: every pair of a fact posting list (documents sharing an anchor fact); for
//!    text, pairs are counted per document instead of materialized per shingle: short shingle
//!    lists give their pairs directly, longer ones (up to `max_key_df` documents) are written
//!    once and each member reads the list back, so the work is the sum of the lists' lengths
//!    squared but the disk is only their lengths.
//!    A text candidate that shares no paragraph and no anchor fact with its partner, and whose
//!    shared shingles could not reach the text needed even if they all weighed 1 against the
//!    two documents' weighted totals, is dropped here (most text candidates of a large corpus).
//! 4. Candidates (counted per block of documents in rank order) are sorted by the parts of the
//!    rank space their two documents are in (parts of half the budget): each part is loaded
//!    and prepared once per part it pairs with, pairs are scored in parallel, and a pair that
//!    could not be one story even with every shingle the two share (counted in step 3) is
//!    rejected without intersecting their shingle lists.
//! 5. Accepted pairs are sorted back into `(x, y)` order and folded into the union-find and the
//!    best pair of each document exactly as the in-memory version did; rows are emitted in rank
//!    order with the signals of each document's best pair read back from disk.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{
    CorpusStats, FACT_DF_FREE, FACT_DF_SHARE, Fact, FactClass, MIN_SHARED_SAMPLES, PlaceFact,
    Prepared, SHINGLE_DF_FREE, SHINGLE_DF_SHARE, StoryConfig, StoryFeatures, StoryRow,
    TEXT_MIN_SAMPLES, nonempty_paragraph_hashes, score_pair_capped,
};
use crate::error::BuildError;
use crate::spill::{Key, Records, SORT_BUDGET, Sorter, be_u32, be_u64};

/// Bytes of a `doc_id` in its sort key; longer ids sharing this prefix are ordered by reading
/// them back (ids of builds are 64 hex digits).
const ID_PREFIX: usize = 64;
/// Sort key of an id: prefix (zero-padded), arrival index, length.
const ID_W: usize = ID_PREFIX + 8;
/// Fact posting: key (16 bytes, see [`fact_key_id`]), rank, runs of the key in the document,
/// its best weight, and where the document's features are plus the fact's index (to read the
/// key back).
const FACT_W: usize = 16 + 4 + 4 + 8 + 8 + 4;
/// Pair record: x, y, and what they share: [`FACT_PAIR`], [`TEXT_PAIR`] or [`NEAR_PAIR`].
const PAIR_W: usize = 9;
/// An anchor fact.
const FACT_PAIR: u8 = 0;
/// One sampled shingle.
const TEXT_PAIR: u8 = 1;
/// A near-duplicate member (y) and its cluster's representative (x).
const NEAR_PAIR: u8 = 2;
/// A non-empty paragraph, word for word.
const PARA_PAIR: u8 = 3;
/// A long shingle list seen from one member: x, list offset, list length.
const JOIN_W: usize = 16;
/// Shingle lists with up to this many documents give their pairs directly (fewer records than
/// reading the list back from every member).
const SMALL_LIST: usize = 16;
/// Candidate pair: part of x, part of y, x, y, shared sampled shingles (255: that many or
/// more), 1 for a near-duplicate pair.
const CAND_W: usize = 18;
/// Accepted pair: x, y, score, offset of its signals.
const ACC_W: usize = 24;
const NONE: u32 = u32::MAX;
/// Rows built at a time (in parallel) before they are handed over in order.
const ROWS_CHUNK: usize = 4096;

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

/// The rank in the first four bytes of a sort's next record (`None` at its end), or its error.
fn peek_rank<I, K>(it: &mut std::iter::Peekable<I>) -> io::Result<Option<u32>>
where
    I: Iterator<Item = io::Result<K>>,
    K: AsRef<[u8]>,
{
    match it.peek() {
        Some(Ok(k)) => Ok(Some(be_u32(k.as_ref(), 0))),
        Some(Err(_)) => Err(it
            .next()
            .and_then(Result::err)
            .unwrap_or_else(|| bad("sort"))),
        None => Ok(None),
    }
}

// ---------------------------------------------------------------------------------------------
// Features encoding (little-endian, length-prefixed)

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_len(out: &mut Vec<u8>, n: usize) -> io::Result<()> {
    put_u32(
        out,
        u32::try_from(n).map_err(|_| bad("story features too large"))?,
    );
    Ok(())
}

fn put_str(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    put_len(out, s.len())?;
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// Append the encoding of `f` to `out`; the id comes first (see [`decode_id`]).
pub(super) fn encode(f: &StoryFeatures, out: &mut Vec<u8>) -> io::Result<()> {
    put_str(out, &f.doc_id)?;
    put_len(out, f.facts.len())?;
    for x in &f.facts {
        out.push(match x.class {
            FactClass::Figure => 0,
            FactClass::Date => 1,
        });
        put_str(out, &x.key)?;
        out.extend_from_slice(&x.weight.to_bits().to_le_bytes());
        match &x.object {
            None => out.push(0),
            Some(o) => {
                out.push(1);
                put_str(out, o)?;
            }
        }
        put_u32(out, x.paragraph);
    }
    put_len(out, f.places.len())?;
    for p in &f.places {
        put_u32(out, p.geonameid);
        out.extend_from_slice(&p.weight.to_bits().to_le_bytes());
        put_u32(out, p.paragraph);
    }
    put_len(out, f.shingles.len())?;
    for s in &f.shingles {
        put_u32(out, s.0);
        put_u32(out, s.1);
    }
    put_len(out, f.paragraphs.len())?;
    for p in &f.paragraphs {
        out.extend_from_slice(&p.0.to_le_bytes());
        put_u32(out, p.1);
    }
    Ok(())
}

struct Cur<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cur<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let s = self
            .b
            .get(self.at..self.at.saturating_add(n))
            .ok_or_else(|| bad("truncated story features"))?;
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> io::Result<u32> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn u64(&mut self) -> io::Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    fn f64(&mut self) -> io::Result<f64> {
        Ok(f64::from_bits(self.u64()?))
    }
    fn str(&mut self) -> io::Result<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| bad("story features: not UTF-8"))
    }
    /// The bytes of a string (checked to be UTF-8, as [`Cur::str`]), without copying them.
    fn str_bytes(&mut self) -> io::Result<&'a [u8]> {
        let n = self.u32()? as usize;
        let s = self.take(n)?;
        std::str::from_utf8(s).map_err(|_| bad("story features: not UTF-8"))?;
        Ok(s)
    }
    /// A count of items at least `min` bytes each (so a damaged count cannot allocate much).
    fn count(&mut self, min: usize) -> io::Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min) > self.b.len() - self.at.min(self.b.len()) {
            return Err(bad("story features: bad count"));
        }
        Ok(n)
    }
}

/// The little-endian `u32` at `at` of a fixed-width entry (`e` holds at least `at + 4` bytes).
fn le_u32(e: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&e[at..at + 4]);
    u32::from_le_bytes(a)
}

/// The little-endian `u64` at `at` of a fixed-width entry (`e` holds at least `at + 8` bytes).
fn le_u64(e: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&e[at..at + 8]);
    u64::from_le_bytes(a)
}

pub(super) fn decode(b: &[u8]) -> io::Result<StoryFeatures> {
    let mut c = Cur { b, at: 0 };
    let doc_id = c.str()?;
    let n = c.count(18)?;
    let mut facts = Vec::with_capacity(n);
    for _ in 0..n {
        let class = match c.u8()? {
            0 => FactClass::Figure,
            _ => FactClass::Date,
        };
        let key = c.str()?;
        let weight = c.f64()?;
        let object = match c.u8()? {
            0 => None,
            _ => Some(c.str()?),
        };
        let paragraph = c.u32()?;
        facts.push(Fact {
            class,
            key,
            weight,
            object,
            paragraph,
        });
    }
    let n = c.count(16)?;
    let mut places = Vec::with_capacity(n);
    for _ in 0..n {
        places.push(PlaceFact {
            geonameid: c.u32()?,
            weight: c.f64()?,
            paragraph: c.u32()?,
        });
    }
    // the fixed-width lists are taken whole (one bounds check, not one per field)
    let n = c.count(8)?;
    let shingles = c
        .take(8 * n)?
        .chunks_exact(8)
        .map(|e| (le_u32(e, 0), le_u32(e, 4)))
        .collect();
    let n = c.count(12)?;
    let paragraphs = c
        .take(12 * n)?
        .chunks_exact(12)
        .map(|e| (le_u64(e, 0), le_u32(e, 8)))
        .collect();
    Ok(StoryFeatures {
        doc_id,
        facts,
        places,
        shingles,
        paragraphs,
    })
}

/// The `doc_id` of an encoded record, without decoding the rest.
fn decode_id(b: &[u8]) -> io::Result<Vec<u8>> {
    let mut c = Cur { b, at: 0 };
    let n = c.u32()? as usize;
    Ok(c.take(n)?.to_vec())
}

// ---------------------------------------------------------------------------------------------

/// Union-find over ranks whose roots are the smallest rank of their set (4 bytes a document).
struct MinUf {
    parent: Vec<u32>,
}

impl MinUf {
    fn find(&mut self, x: u32) -> u32 {
        let mut root = x;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        let mut x = x;
        while self.parent[x as usize] != root {
            let next = self.parent[x as usize];
            self.parent[x as usize] = root;
            x = next;
        }
        root
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// Groups documents into stories with bounded memory: features are added one document at a
/// time (any order) and rows come out sorted by `doc_id`. Spill files go to a folder of the
/// caller's and are unlinked as soon as they are created.
pub struct StoryGrouper {
    dir: PathBuf,
    cfg: StoryConfig,
    budget: usize,
    small_list: usize,
    feats: Records,
    /// Per arrival: offset and length of the encoded features.
    feat_loc: Vec<(u64, u32)>,
    ids: Sorter<ID_W>,
    buf: Vec<u8>,
    /// Near-duplicate rows (`doc_id`, `cluster_id`), in `doc_id` order.
    near: Records,
}

/// What one document contributes to the postings (computed in parallel, pushed in order).
struct DocKeys {
    rank: u32,
    offset: u64,
    shingles: Vec<u32>,
    /// Per distinct fact key: its [`fact_key_id`], runs, best weight, index of its first
    /// occurrence.
    facts: Vec<([u8; 16], u32, f64, u32)>,
    /// Hashes of its non-empty paragraphs, distinct.
    paragraphs: Vec<u64>,
}

/// What rejects a text-only candidate before it is scored: the pair's verdict could only be
/// "same story" through a shared paragraph (masked text or a copy), an anchor fact, or text
/// overlap; pairs sharing a paragraph or an anchor of a list up to `max_key_df` are known, and
/// these bits say when one of longer lists could be shared. What is left is the text bound of
/// [`score_pair_capped`] with the shared sampled shingles counted with the candidates.
struct Bounds {
    /// Per rank: the sum of its sampled shingles' weights.
    total: Vec<f64>,
    /// Per rank: has an anchor fact stated in more than `max_key_df` documents.
    hidden_anchor: Vec<u64>,
    /// Per rank: has a paragraph found in more than `max_key_df` documents.
    common_paragraph: Vec<u64>,
}

fn bit(v: &[u64], r: u32) -> bool {
    v.get(r as usize / 64)
        .is_some_and(|w| w & (1 << (r % 64)) != 0)
}

fn set_bit(v: &mut [u64], r: u32) {
    if let Some(w) = v.get_mut(r as usize / 64) {
        *w |= 1 << (r % 64);
    }
}

/// Encoded features of some documents: (rank, offset, record).
type Chunk = Vec<(u32, u64, Vec<u8>)>;

/// Candidate work of one document of a block.
#[derive(Default)]
struct XWork {
    x: u32,
    fact_ys: Vec<u32>,
    text_ys: Vec<u32>,
    /// Near-duplicate members of x's cluster (x is its representative).
    near_ys: Vec<u32>,
    /// Documents sharing a paragraph with x (from lists up to `max_key_df`).
    para_ys: Vec<u32>,
    lists: Vec<(u64, u32)>,
}

/// Best accepted pair per rank, as in the in-memory fold.
struct Best {
    score: Vec<f64>,
    other: Vec<u32>,
    sig: Vec<u64>,
}

impl StoryGrouper {
    pub fn new(spill_dir: &Path, cfg: &StoryConfig) -> io::Result<StoryGrouper> {
        Self::with_budget(spill_dir, cfg, SORT_BUDGET)
    }

    /// A grouper whose sorters and blocks hold about `budget` bytes each (tests force many
    /// runs and blocks with a small one).
    pub fn with_budget(
        spill_dir: &Path,
        cfg: &StoryConfig,
        budget: usize,
    ) -> io::Result<StoryGrouper> {
        Ok(StoryGrouper {
            dir: spill_dir.to_path_buf(),
            cfg: cfg.clone(),
            budget: budget.max(1024),
            small_list: SMALL_LIST,
            feats: Records::new(spill_dir)?,
            feat_loc: Vec::new(),
            // One key per document, sorted once: a quarter of the budget is plenty, and the
            // memory it holds during the batches grows with the corpus up to that size.
            ids: Sorter::new(spill_dir, budget / 4),
            buf: Vec::new(),
            near: Records::new(spill_dir)?,
        })
    }

    #[cfg(test)]
    pub(crate) fn set_small_list(&mut self, n: usize) {
        self.small_list = n.max(2);
    }

    /// Called once per accepted document, in path order, on the writer thread.
    pub fn add(&mut self, f: &StoryFeatures) -> io::Result<()> {
        let arrival = u32::try_from(self.feat_loc.len())
            .ok()
            .filter(|&a| a < NONE)
            .ok_or_else(|| io::Error::other("too many documents for story grouping"))?;
        self.buf.clear();
        encode(f, &mut self.buf)?;
        let len = u32::try_from(self.buf.len()).map_err(|_| bad("story features too large"))?;
        let off = self.feats.push(&self.buf)?;
        self.feat_loc.push((off, len));
        let id = f.doc_id.as_bytes();
        let mut prefix = [0u8; ID_PREFIX];
        let n = id.len().min(ID_PREFIX);
        prefix[..n].copy_from_slice(&id[..n]);
        self.ids.push(
            Key::<ID_W>::new()
                .bytes(&prefix)
                .u32(arrival)
                .u32(u32::try_from(id.len()).unwrap_or(u32::MAX))
                .done(),
        )
    }

    /// A row of the `near_duplicates` table, given in that table's (`doc_id`) order after the
    /// last [`add`](Self::add): the document is put in the story of its cluster's
    /// representative (the cluster's smallest `doc_id`) and is compared with other documents
    /// only through it. Copies of one report, syndicated or re-posted, are one story whatever
    /// they share with others, and comparing every copy with every other document would make
    /// the work grow with the square of the copies.
    pub fn near_duplicate(&mut self, doc_id: &str, cluster_id: &str) -> io::Result<()> {
        self.buf.clear();
        put_str(&mut self.buf, doc_id)?;
        put_str(&mut self.buf, cluster_id)?;
        self.near.push(&self.buf)?;
        Ok(())
    }

    /// Every document's row, sorted by doc_id, handed to `emit` one at a time.
    pub fn finish(
        self,
        emit: &mut dyn FnMut(StoryRow) -> Result<(), BuildError>,
    ) -> Result<(), BuildError> {
        let dir = self.dir.clone();
        let mut emit_err = None;
        let r = self.run(&mut |row| match emit(row) {
            Ok(()) => Ok(()),
            Err(e) => {
                emit_err = Some(e);
                Err(io::Error::other("emit failed"))
            }
        });
        match (r, emit_err) {
            (_, Some(e)) => Err(e),
            (Err(e), None) => Err(BuildError::io(dir, e)),
            (Ok(()), None) => Ok(()),
        }
    }

    fn run(mut self, emit: &mut dyn FnMut(StoryRow) -> io::Result<()>) -> io::Result<()> {
        let mut tr = crate::spill::Trace::start();
        self.feats.flush()?;
        let ids = std::mem::replace(&mut self.ids, Sorter::new(&self.dir, 1024));
        let (rank_of, loc, mut ids_by_rank, id_off) = self.ranks(ids)?;
        tr.mark("stories.ranks");
        self.feat_loc = Vec::new();
        let n = loc.len();
        ids_by_rank.flush()?;
        let members = self.members(&ids_by_rank)?;
        tr.mark("stories.members");
        let mut is_member = vec![0u64; n.div_ceil(64)];
        for &(m, _) in &members {
            set_bit(&mut is_member, m);
        }
        let (stats, mut pairs, joins, lists, heavy, bounds) =
            self.postings(&rank_of, n, &is_member, n - members.len())?;
        tr.mark("stories.postings");
        drop(is_member);
        // every member is compared with its representative (and only with it)
        for &(m, rep) in &members {
            pairs.push(Key::<PAIR_W>::new().u32(rep).u32(m).u8(NEAR_PAIR).done())?;
        }
        drop(members);
        drop(rank_of);
        let mut uf = MinUf {
            parent: (0..n as u32).collect(),
        };
        let mut best = Best {
            score: vec![0.0; n],
            other: vec![NONE; n],
            sig: vec![0; n],
        };
        let parts = self.parts(&loc);
        let cands = self.candidates(&parts, pairs, joins, &lists, &bounds, &heavy)?;
        tr.mark("stories.candidates");
        // the shingle totals serve the scoring too
        let Bounds {
            total,
            hidden_anchor,
            common_paragraph,
        } = bounds;
        drop((hidden_anchor, common_paragraph));
        drop(lists);
        let (accepted, mut sigs) = self.score(&stats, &loc, &parts, cands, &heavy, &total)?;
        drop(total);
        tr.mark("stories.score");
        // the fold of the in-memory version: accepted pairs in (x, y) order
        for k in accepted.finish()? {
            let k = k?;
            let (x, y) = (be_u32(&k, 0), be_u32(&k, 4));
            let score = f64::from_bits(be_u64(&k, 8));
            let off = be_u64(&k, 16);
            uf.union(x, y);
            for (me, other) in [(x, y), (y, x)] {
                let m = me as usize;
                if best.other[m] == NONE || score > best.score[m] {
                    best.score[m] = score;
                    best.other[m] = other;
                    best.sig[m] = off;
                }
            }
        }
        sigs.flush()?;
        tr.mark("stories.fold");
        let id_of = |r: u32| -> io::Result<String> {
            let off = *id_off
                .get(r as usize)
                .ok_or_else(|| bad("story rank out of range"))?;
            String::from_utf8(ids_by_rank.get(off)?).map_err(|_| bad("doc_id not UTF-8"))
        };
        let roots: Vec<u32> = (0..n as u32).map(|r| uf.find(r)).collect();
        drop(uf);
        // rows in rank order, a chunk at a time: ids read in order, rows (which read the ids
        // of roots and partners and the signals back from disk) built in parallel
        let row_of = |r: u32, id: String| -> io::Result<StoryRow> {
            let root = roots[r as usize];
            let story_id = if root == r { id.clone() } else { id_of(root)? };
            let (score, signals) = match best.other[r as usize] {
                NONE => (0.0, String::new()),
                other => {
                    let suffix = String::from_utf8(sigs.get(best.sig[r as usize])?)
                        .map_err(|_| bad("signals not UTF-8"))?;
                    (
                        best.score[r as usize],
                        format!("with:{}{suffix}", id_of(other)?),
                    )
                }
            };
            Ok(StoryRow {
                doc_id: id,
                story_id,
                score,
                signals,
            })
        };
        let mut ids = ids_by_rank.iter();
        let mut next = 0u32;
        loop {
            let mut chunk: Vec<(u32, String)> = Vec::with_capacity(ROWS_CHUNK);
            for rec in ids.by_ref().take(ROWS_CHUNK) {
                let (_, id) = rec?;
                let id = String::from_utf8(id).map_err(|_| bad("doc_id not UTF-8"))?;
                chunk.push((next, id));
                next += 1;
            }
            if chunk.is_empty() {
                break;
            }
            let rows: Vec<io::Result<StoryRow>> =
                chunk.into_par_iter().map(|(r, id)| row_of(r, id)).collect();
            for row in rows {
                emit(row?)?;
            }
        }
        tr.mark("stories.rows");
        Ok(())
    }

    /// Near-duplicate members as (member rank, representative rank), in member order: the
    /// rows given to [`near_duplicate`](Self::near_duplicate) matched to ranks by walking both
    /// in `doc_id` order. Rows of ids this grouper has not seen are ignored.
    fn members(&mut self, ids_by_rank: &Records) -> io::Result<Vec<(u32, u32)>> {
        self.near.flush()?;
        let mut out = Vec::new();
        if self.near.is_empty() {
            return Ok(out);
        }
        // representatives seen so far (each comes before its members in doc_id order)
        let key = |id: &[u8]| -> [u8; 16] {
            let mut k = [0u8; 16];
            k.copy_from_slice(&blake3::hash(id).as_bytes()[..16]);
            k
        };
        let mut reps: HashMap<[u8; 16], u32> = HashMap::new();
        let mut ids = ids_by_rank.iter().enumerate();
        let mut cur: Option<(u32, Vec<u8>)> = None;
        for rec in self.near.iter() {
            let (_, rec) = rec?;
            let mut c = Cur { b: &rec, at: 0 };
            let n = c.u32()? as usize;
            let doc = c.take(n)?;
            let n = c.u32()? as usize;
            let cluster = c.take(n)?;
            while cur.as_ref().is_none_or(|(_, id)| id.as_slice() < doc) {
                match ids.next() {
                    Some((r, x)) => cur = Some((r as u32, x?.1)),
                    None => return Ok(out),
                }
            }
            let Some((r, id)) = &cur else { break };
            if id.as_slice() != doc {
                continue;
            }
            if doc == cluster {
                reps.insert(key(doc), *r);
            } else if let Some(&rep) = reps.get(&key(cluster)).filter(|&&rep| rep < *r) {
                out.push((*r, rep));
            }
        }
        Ok(out)
    }

    /// Ranks in `doc_id` order (a repeated id keeps its first arrival): per arrival its rank
    /// (`NONE` if dropped), per rank where its features are, and the ids in rank order.
    #[allow(clippy::type_complexity)]
    fn ranks(
        &self,
        ids: Sorter<ID_W>,
    ) -> io::Result<(Vec<u32>, Vec<(u64, u32)>, Records, Vec<u64>)> {
        let mut rank_of = vec![NONE; self.feat_loc.len()];
        let mut loc = Vec::new();
        let mut by_rank = Records::new(&self.dir)?;
        let mut id_off = Vec::new();
        let mut group: Vec<[u8; ID_W]> = Vec::new();
        let mut flush = |group: &mut Vec<[u8; ID_W]>| -> io::Result<()> {
            let mut full: Vec<(Vec<u8>, u32)> = Vec::with_capacity(group.len());
            for k in group.iter() {
                let arrival = be_u32(k, ID_PREFIX);
                let len = be_u32(k, ID_PREFIX + 4) as usize;
                let id = if len <= ID_PREFIX {
                    k[..len].to_vec()
                } else {
                    let (off, _) = self.feat_loc[arrival as usize];
                    decode_id(&self.feats.get(off)?)?
                };
                full.push((id, arrival));
            }
            group.clear();
            if full.len() > 1 {
                full.sort();
                full.dedup_by(|b, a| a.0 == b.0);
            }
            for (id, arrival) in full {
                let rank = u32::try_from(loc.len()).map_err(|_| bad("too many documents"))?;
                rank_of[arrival as usize] = rank;
                loc.push(self.feat_loc[arrival as usize]);
                id_off.push(by_rank.push(&id)?);
            }
            Ok(())
        };
        for k in ids.finish()? {
            let k = k?;
            if group
                .first()
                .is_some_and(|g| g[..ID_PREFIX] != k[..ID_PREFIX])
            {
                flush(&mut group)?;
            }
            group.push(k);
        }
        flush(&mut group)?;
        Ok((rank_of, loc, by_rank, id_off))
    }

    /// Postings of facts and shingles of the documents that are not near-duplicate members
    /// (`distinct` of them: copies do not make a fact or a phrase common), sorted externally:
    /// the corpus statistics, the pair
    /// records (fact pairs, pairs of short shingle lists), the join records of long shingle
    /// lists and the file of those lists.
    #[allow(clippy::type_complexity)]
    fn postings(
        &self,
        rank_of: &[u32],
        n: usize,
        is_member: &[u64],
        distinct: usize,
    ) -> io::Result<(
        CorpusStats,
        Sorter<PAIR_W>,
        Sorter<JOIN_W>,
        Records,
        Vec<u32>,
        Bounds,
    )> {
        let mut shingle_sort = Sorter::<8>::new(&self.dir, self.budget);
        let mut fact_sort = Sorter::<FACT_W>::new(&self.dir, self.budget);
        let mut para_sort = Sorter::<12>::new(&self.dir, self.budget);
        let mut process = |chunk: &mut Chunk| -> io::Result<()> {
            let keys: Vec<DocKeys> = chunk
                .par_iter()
                .map(|(rank, offset, rec)| doc_keys(*rank, *offset, rec))
                .collect::<io::Result<_>>()?;
            chunk.clear();
            for d in keys {
                for h in d.shingles {
                    shingle_sort.push(Key::<8>::new().u32(h).u32(d.rank).done())?;
                }
                for h in d.paragraphs {
                    para_sort.push(Key::<12>::new().u64(h).u32(d.rank).done())?;
                }
                for (hash, runs, w, idx) in d.facts {
                    fact_sort.push(
                        Key::<FACT_W>::new()
                            .bytes(&hash)
                            .u32(d.rank)
                            .u32(runs)
                            .u64(w.to_bits())
                            .u64(d.offset)
                            .u32(idx)
                            .done(),
                    )?;
                }
            }
            Ok(())
        };
        let mut tr = crate::spill::Trace::start();
        self.in_chunks(rank_of, is_member, &mut process)?;
        tr.mark("stories.postings.docs");

        let max_df = self.cfg.max_key_df.max(2);
        let mut pairs = Sorter::<PAIR_W>::new(&self.dir, self.budget);
        let all_pairs = |v: &[u32], tag: u8, pairs: &mut Sorter<PAIR_W>| -> io::Result<()> {
            for (i, &x) in v.iter().enumerate() {
                for &y in &v[i + 1..] {
                    pairs.push(Key::<PAIR_W>::new().u32(x).u32(y).u8(tag).done())?;
                }
            }
            Ok(())
        };

        // facts: document frequency (in runs, as counted before), factor, anchor postings
        let free = (FACT_DF_FREE as f64).max(distinct as f64 * FACT_DF_SHARE);
        let mut fact_factor: super::KeyMap<String, f64> = Default::default();
        let mut group: Vec<[u8; FACT_W]> = Vec::new();
        let mut post: Vec<u32> = Vec::new();
        let mut bounds = Bounds {
            total: Vec::new(),
            hidden_anchor: vec![0u64; n.div_ceil(64)],
            common_paragraph: vec![0u64; n.div_ceil(64)],
        };
        let hidden_anchor = &mut bounds.hidden_anchor;
        let mut fact_group =
            |group: &mut Vec<[u8; FACT_W]>, pairs: &mut Sorter<PAIR_W>| -> io::Result<()> {
                let Some(first) = group.first() else {
                    return Ok(());
                };
                let df: u64 = group.iter().map(|k| u64::from(be_u32(k, 20))).sum();
                let mut factor = 1.0;
                if df as f64 > free {
                    let rec = self.feats.get(be_u64(first, 32))?;
                    let f = decode(&rec)?;
                    let key = f
                        .facts
                        .get(be_u32(first, 40) as usize)
                        .ok_or_else(|| bad("fact index out of range"))?
                        .key
                        .clone();
                    let fac = (free / df as f64).sqrt();
                    fact_factor.insert(key, fac);
                    factor = fac;
                }
                post.clear();
                for k in group.iter() {
                    let w = f64::from_bits(be_u64(k, 24));
                    if w * factor >= 0.5 {
                        post.push(be_u32(k, 16));
                    }
                }
                group.clear();
                if post.len() >= 2 && post.len() <= max_df {
                    all_pairs(&post, FACT_PAIR, pairs)?;
                } else if post.len() > max_df {
                    // anchors that no fact pair stands for
                    for &r in post.iter() {
                        set_bit(hidden_anchor, r);
                    }
                }
                Ok(())
            };
        for k in fact_sort.finish()? {
            let k = k?;
            if group.first().is_some_and(|g| g[..16] != k[..16]) {
                fact_group(&mut group, &mut pairs)?;
            }
            group.push(k);
        }
        fact_group(&mut group, &mut pairs)?;
        tr.mark("stories.postings.facts");

        // shingles: weights of frequent ones, pairs of short lists, long lists written once
        let free = (SHINGLE_DF_FREE as f64).max(distinct as f64 * SHINGLE_DF_SHARE);
        let mut shingle_weight: super::KeyMap<u32, f64> = Default::default();
        let mut joins = Sorter::<JOIN_W>::new(&self.dir, self.budget);
        let mut lists = Records::new(&self.dir)?;
        let mut list: Vec<u32> = Vec::new();
        let mut cur: Option<u32> = None;
        let mut bytes: Vec<u8> = Vec::new();
        // per rank: its shingles in more than max_key_df documents that still weigh 1 (none
        // unless the corpus is so large that the "frequent" threshold is above max_key_df)
        let mut heavy: Vec<u32> = Vec::new();
        // Per rank, the sum of its sampled shingles' weights (as [`Prepared`] has it; 0 for
        // near-duplicate members, which are never text candidates). The postings come in hash
        // order, so each document's weights are added in the order of its sorted shingles, as
        // `shingles_of` adds them: the same sum, without a pass over the features for it.
        let mut total = vec![0.0f64; n];
        let mut shingle_group =
            |h: u32, list: &mut Vec<u32>, pairs: &mut Sorter<PAIR_W>| -> io::Result<()> {
                let df = list.len();
                let mut weight = 1.0;
                if df as f64 > free {
                    weight = if df > max_df { 0.0 } else { free / df as f64 };
                    shingle_weight.insert(h, weight);
                } else if df > max_df {
                    heavy.resize(n, 0);
                    for &r in list.iter() {
                        if let Some(c) = heavy.get_mut(r as usize) {
                            *c = c.saturating_add(1);
                        }
                    }
                }
                for &r in list.iter() {
                    if let Some(t) = total.get_mut(r as usize) {
                        *t += weight;
                    }
                }
                if df >= 2 && df <= max_df {
                    if df <= self.small_list {
                        all_pairs(list, TEXT_PAIR, pairs)?;
                    } else {
                        bytes.clear();
                        for &d in list.iter() {
                            bytes.extend_from_slice(&d.to_le_bytes());
                        }
                        let off = lists.push(&bytes)?;
                        for &x in &list[..df - 1] {
                            joins
                                .push(Key::<JOIN_W>::new().u32(x).u64(off).u32(df as u32).done())?;
                        }
                    }
                }
                list.clear();
                Ok(())
            };
        for k in shingle_sort.finish()? {
            let k = k?;
            let (h, r) = (be_u32(&k, 0), be_u32(&k, 4));
            if cur.is_some_and(|c| c != h) {
                shingle_group(cur.unwrap_or(0), &mut list, &mut pairs)?;
            }
            cur = Some(h);
            list.push(r);
        }
        if let Some(c) = cur {
            shingle_group(c, &mut list, &mut pairs)?;
        }
        lists.flush()?;
        bounds.total = total;
        tr.mark("stories.postings.shingles");

        // paragraphs: which pairs can have paragraphs masked or be copies
        let mut para_group = |list: &mut Vec<u32>, pairs: &mut Sorter<PAIR_W>| -> io::Result<()> {
            if list.len() > max_df {
                for &r in list.iter() {
                    set_bit(&mut bounds.common_paragraph, r);
                }
            } else if list.len() >= 2 {
                all_pairs(list, PARA_PAIR, pairs)?;
            }
            list.clear();
            Ok(())
        };
        let mut cur: Option<u64> = None;
        for k in para_sort.finish()? {
            let k = k?;
            let (h, r) = (be_u64(&k, 0), be_u32(&k, 8));
            if cur.is_some_and(|c| c != h) {
                para_group(&mut list, &mut pairs)?;
            }
            cur = Some(h);
            list.push(r);
        }
        para_group(&mut list, &mut pairs)?;
        tr.mark("stories.postings.paragraphs");
        Ok((
            CorpusStats {
                shingle_weight: super::ShingleWeights::new(shingle_weight),
                fact_factor,
            },
            pairs,
            joins,
            lists,
            heavy,
            bounds,
        ))
    }

    /// The encoded features of every document but near-duplicate members, handed to
    /// `process` in chunks of about a quarter of the budget as (rank, offset, record).
    fn in_chunks(
        &self,
        rank_of: &[u32],
        is_member: &[u64],
        process: &mut dyn FnMut(&mut Chunk) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut chunk: Chunk = Vec::new();
        let mut chunk_bytes = 0usize;
        for (arrival, rec) in self.feats.iter().enumerate() {
            let (offset, rec) = rec?;
            let rank = rank_of.get(arrival).copied().unwrap_or(NONE);
            if rank == NONE || bit(is_member, rank) {
                continue;
            }
            chunk_bytes += rec.len();
            chunk.push((rank, offset, rec));
            if chunk_bytes >= self.budget / 4 || chunk.len() >= 4096 {
                process(&mut chunk)?;
                chunk.clear();
                chunk_bytes = 0;
            }
        }
        process(&mut chunk)
    }

    /// Parts of the rank space (first rank of each, then `n`) whose features take about half
    /// the budget: pairs are scored part against part, two parts in memory at a time.
    fn parts(&self, loc: &[(u64, u32)]) -> Vec<u32> {
        let mut starts = vec![0u32];
        let mut bytes = 0usize;
        for (r, l) in loc.iter().enumerate() {
            if bytes > 0 && bytes + l.1 as usize > self.budget / 2 {
                starts.push(r as u32);
                bytes = 0;
            }
            bytes += l.1 as usize;
        }
        starts.push(loc.len() as u32);
        starts
    }

    /// Candidate pairs, counted in blocks of documents in rank order, as (part of x, part of
    /// y, x, y) records.
    fn candidates(
        &self,
        parts: &[u32],
        pairs: Sorter<PAIR_W>,
        joins: Sorter<JOIN_W>,
        lists: &Records,
        bounds: &Bounds,
        heavy: &[u32],
    ) -> io::Result<Sorter<CAND_W>> {
        let mut out = Sorter::<CAND_W>::new(&self.dir, self.budget);
        let mut pairs = pairs.finish()?.peekable();
        let mut joins = joins.finish()?.peekable();
        let limit = (self.budget / 16).max(64);
        // the next documents in rank order with about `limit` pairs and entries of the lists
        // they join (a list is read whole, and each of its entries may become a candidate of
        // every joining document: counting lists by their length bounds a block's memory, which
        // counting them as one record let grow with the corpus' document frequencies)
        let mut next_block = || -> io::Result<Vec<XWork>> {
            let mut block: Vec<XWork> = Vec::new();
            let mut records = 0usize;
            while records < limit {
                let px = peek_rank(&mut pairs)?;
                let jx = peek_rank(&mut joins)?;
                let x = match (px, jx) {
                    (None, None) => break,
                    (Some(a), Some(b)) => a.min(b),
                    (Some(a), None) | (None, Some(a)) => a,
                };
                let mut w = XWork {
                    x,
                    ..Default::default()
                };
                while let Some(Ok(k)) = pairs.peek() {
                    if be_u32(k, 0) != x {
                        break;
                    }
                    let y = be_u32(k, 4);
                    match k[8] {
                        FACT_PAIR => w.fact_ys.push(y),
                        TEXT_PAIR => w.text_ys.push(y),
                        NEAR_PAIR => w.near_ys.push(y),
                        _ => w.para_ys.push(y),
                    }
                    pairs.next();
                    records += 1;
                }
                while let Some(Ok(k)) = joins.peek() {
                    if be_u32(k, 0) != x {
                        break;
                    }
                    let df = be_u32(k, 12);
                    w.lists.push((be_u64(k, 4), df));
                    joins.next();
                    records += df.max(1) as usize;
                }
                block.push(w);
            }
            Ok(block)
        };
        // each block is counted (in parallel) while the next one is read from the sorts
        let mut block = next_block()?;
        while !block.is_empty() {
            let (done, next) = rayon::join(
                || self.block(parts, &block, lists, bounds, heavy, &mut out),
                &mut next_block,
            );
            done?;
            block = next?;
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn block(
        &self,
        parts: &[u32],
        block: &[XWork],
        lists: &Records,
        bounds: &Bounds,
        heavy: &[u32],
        out: &mut Sorter<CAND_W>,
    ) -> io::Result<()> {
        if block.is_empty() {
            return Ok(());
        }
        // long shingle lists of the block, each read once
        let mut offs: Vec<u64> = block
            .iter()
            .flat_map(|w| w.lists.iter().map(|l| l.0))
            .collect();
        offs.sort_unstable();
        offs.dedup();
        let read: Vec<Vec<u32>> = offs
            .par_iter()
            .map(|&o| {
                let b = lists.get(o)?;
                Ok(b.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect())
            })
            .collect::<io::Result<_>>()?;
        // candidates per x: fact pairs, and documents sharing enough sampled shingles
        // with, per candidate, how many sampled shingles (of lists up to max_key_df) both have
        let cands: Vec<Vec<(u32, u8, bool)>> = block
            .par_iter()
            .map(|w| {
                let listed: usize = w.lists.iter().map(|l| l.1 as usize).sum();
                let mut ys = Vec::with_capacity(w.text_ys.len() + listed);
                ys.extend_from_slice(&w.text_ys);
                for (o, _) in &w.lists {
                    if let Ok(i) = offs.binary_search(o) {
                        ys.extend(read[i].iter().copied().filter(|&y| y > w.x));
                    }
                }
                ys.sort_unstable();
                let mut runs: Vec<(u32, usize)> = Vec::new();
                let mut k = 0;
                while k < ys.len() {
                    let mut e = k + 1;
                    while e < ys.len() && ys[e] == ys[k] {
                        e += 1;
                    }
                    runs.push((ys[k], e - k));
                    k = e;
                }
                let shared = |c: usize| u8::try_from(c).unwrap_or(u8::MAX);
                let mut out: Vec<(u32, u8, bool)> = runs
                    .iter()
                    .filter(|r| {
                        r.1 >= MIN_SHARED_SAMPLES
                            && !self.text_cannot_do(w, r.0, r.1, bounds, heavy)
                    })
                    .map(|r| (r.0, shared(r.1), false))
                    .collect();
                for &y in &w.fact_ys {
                    let c = runs
                        .binary_search_by_key(&y, |r| r.0)
                        .map_or(0, |i| runs[i].1);
                    out.push((y, shared(c), false));
                }
                // near-duplicate members: always a pair, whatever else is shared
                out.extend(w.near_ys.iter().map(|&y| (y, u8::MAX, true)));
                out.sort_unstable_by_key(|p| (p.0, !p.2));
                out.dedup_by_key(|p| p.0);
                out
            })
            .collect();
        drop(read);

        let part = |r: u32| (parts.partition_point(|&s| s <= r) - 1) as u32;
        for (w, ys) in block.iter().zip(&cands) {
            let px = part(w.x);
            for &(y, shared, near) in ys {
                out.push(
                    Key::<CAND_W>::new()
                        .u32(px)
                        .u32(part(y))
                        .u32(w.x)
                        .u32(y)
                        .u8(shared)
                        .u8(u8::from(near))
                        .done(),
                )?;
            }
        }
        Ok(())
    }

    /// A text candidate `(w.x, y)` sharing `shared` sampled shingles (of lists up to
    /// `max_key_df`) that cannot be one story: it shares no paragraph and no anchor fact, so
    /// only text overlap could join it, and even all its shared shingles fall short.
    fn text_cannot_do(&self, w: &XWork, y: u32, shared: usize, b: &Bounds, heavy: &[u32]) -> bool {
        let x = w.x;
        if shared >= usize::from(u8::MAX)
            || w.fact_ys.binary_search(&y).is_ok()
            || w.para_ys.binary_search(&y).is_ok()
            || (bit(&b.hidden_anchor, x) && bit(&b.hidden_anchor, y))
            || (bit(&b.common_paragraph, x) && bit(&b.common_paragraph, y))
        {
            return false;
        }
        let (Some(&tx), Some(&ty)) = (b.total.get(x as usize), b.total.get(y as usize)) else {
            return false;
        };
        let heavy_of = |r: u32| heavy.get(r as usize).copied().unwrap_or(0);
        // the bound score_pair_capped applies, computed the same way
        let cap = (shared as u32).saturating_add(heavy_of(x).min(heavy_of(y)));
        let denom = tx.min(ty).max(TEXT_MIN_SAMPLES as f64);
        let text = (f64::from(cap) / denom * 100.0).round() / 100.0;
        // below the text needed with or without conflicting facts
        let strong = self.cfg.strong_text;
        let cannot = text < strong.min((2.0 * strong).min(1.0));
        #[cfg(test)]
        if cannot {
            tests::PRUNED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        cannot
    }

    /// Score the candidates part against part (each part's documents loaded and prepared once
    /// per part they pair with); accepted pairs as (x, y, score, signals offset) records and
    /// their signals (after `with:<id of y>`). `total` is [`Bounds::total`].
    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        stats: &CorpusStats,
        loc: &[(u64, u32)],
        parts: &[u32],
        cands: Sorter<CAND_W>,
        heavy: &[u32],
        total: &[f64],
    ) -> io::Result<(Sorter<ACC_W>, Records)> {
        let mut accepted = Sorter::<ACC_W>::new(&self.dir, self.budget);
        // Shared shingles that can weigh anything (at most 1 each): those counted with the
        // candidates, and at most the fewer of the two documents' heavy ones.
        let heavy_of = |r: u32| heavy.get(r as usize).copied().unwrap_or(0);
        let mut sigs = Records::new(&self.dir)?;
        let mut it = cands.finish()?.peekable();
        let load = |ranks: &[u32]| -> io::Result<Vec<StoryFeatures>> {
            ranks
                .par_iter()
                .map(|&r| {
                    let (off, _) = loc
                        .get(r as usize)
                        .ok_or_else(|| bad("story rank out of range"))?;
                    decode(&self.feats.get(*off)?)
                })
                .collect::<io::Result<_>>()
        };
        // A document's shingle total is known from the postings unless it is 0: a
        // near-duplicate member (no postings) or a document whose shingles weigh nothing.
        fn prepare<'a>(
            f: &'a [StoryFeatures],
            ranks: &[u32],
            total: &[f64],
            stats: &CorpusStats,
        ) -> Vec<Prepared<'a>> {
            f.par_iter()
                .zip(ranks)
                .map(|(f, &r)| {
                    let known = total.get(r as usize).copied().filter(|&t| t > 0.0);
                    Prepared::with_total(f, stats, known)
                })
                .collect()
        }
        let mut batch: Vec<(u32, u32, u8, bool)> = Vec::new();
        // (for NEWSCORPUS_TRACE: buckets, pairs, documents loaded, seconds loading and scoring)
        let (mut n_buckets, mut n_pairs, mut n_loaded) = (0usize, 0usize, 0usize);
        let (mut t_load, mut t_score) = (0.0f64, 0.0f64);
        loop {
            let pi = match it.peek() {
                None => break,
                Some(Ok(k)) => be_u32(k, 0),
                Some(Err(_)) => {
                    return Err(it
                        .next()
                        .and_then(Result::err)
                        .unwrap_or_else(|| bad("sort")));
                }
            };
            let lo = parts.get(pi as usize).copied().unwrap_or(0);
            let hi = parts.get(pi as usize + 1).copied().unwrap_or(lo);
            let ranks_i: Vec<u32> = (lo..hi).collect();
            let t = std::time::Instant::now();
            let feats_i = load(&ranks_i)?;
            let prep_i = prepare(&feats_i, &ranks_i, total, stats);
            t_load += t.elapsed().as_secs_f64();
            n_loaded += ranks_i.len();
            // buckets (pi, pj), in chunks of at most a budget's pairs
            while let Some(Ok(k)) = it.peek() {
                if be_u32(k, 0) != pi {
                    break;
                }
                let pj = be_u32(k, 4);
                batch.clear();
                while let Some(Ok(k)) = it.peek() {
                    if be_u32(k, 0) != pi || be_u32(k, 4) != pj || batch.len() >= self.budget / 16 {
                        break;
                    }
                    batch.push((be_u32(k, 8), be_u32(k, 12), k[16], k[17] != 0));
                    it.next();
                }
                let mut ranks_j: Vec<u32> = Vec::new();
                if pj != pi {
                    ranks_j = batch.iter().map(|p| p.1).collect();
                    ranks_j.sort_unstable();
                    ranks_j.dedup();
                }
                let t = std::time::Instant::now();
                let feats_j = load(&ranks_j)?;
                let prep_j = prepare(&feats_j, &ranks_j, total, stats);
                t_load += t.elapsed().as_secs_f64();
                (n_buckets, n_pairs, n_loaded) = (
                    n_buckets + 1,
                    n_pairs + batch.len(),
                    n_loaded + ranks_j.len(),
                );
                let t = std::time::Instant::now();
                let get = |r: u32| -> Option<&Prepared> {
                    if pj == pi {
                        prep_i.get(r.checked_sub(lo)? as usize)
                    } else if r >= lo && r < hi {
                        prep_i.get((r - lo) as usize)
                    } else {
                        prep_j.get(ranks_j.binary_search(&r).ok()?)
                    }
                };
                let scored: Vec<Option<(f64, String)>> = batch
                    .par_iter()
                    .map(|&(x, y, shared, near)| {
                        let (a, b) = (get(x)?, get(y)?);
                        if near {
                            // one story by definition; scored for its signals
                            let s = score_pair_capped(a, b, stats, &self.cfg, true, None);
                            let skip = 5 + b.f.doc_id.len();
                            let suffix = s.signals.get(skip..).unwrap_or("");
                            return Some((s.score, format!("{suffix};near_duplicate")));
                        }
                        let cap = (shared < u8::MAX).then(|| {
                            u32::from(shared).saturating_add(heavy_of(x).min(heavy_of(y)))
                        });
                        let s = score_pair_capped(a, b, stats, &self.cfg, false, cap);
                        if !s.same_story {
                            return None;
                        }
                        let skip = 5 + b.f.doc_id.len();
                        Some((s.score, s.signals.get(skip..).unwrap_or("").to_string()))
                    })
                    .collect();
                t_score += t.elapsed().as_secs_f64();
                for (&(x, y, _, _), s) in batch.iter().zip(scored) {
                    let Some((score, suffix)) = s else { continue };
                    let off = sigs.push(suffix.as_bytes())?;
                    accepted.push(
                        Key::<ACC_W>::new()
                            .u32(x)
                            .u32(y)
                            .u64(score.to_bits())
                            .u64(off)
                            .done(),
                    )?;
                }
            }
        }
        sigs.flush()?;
        if crate::spill::tracing() {
            eprintln!(
                "trace stories.score: {} parts, {n_buckets} buckets, {n_pairs} pairs, {n_loaded} documents loaded and prepared ({t_load:.3}s), pairs scored in {t_score:.3}s",
                parts.len().saturating_sub(1)
            );
        }
        Ok((accepted, sigs))
    }
}

/// A fact key in 16 bytes, equal for equal keys and (but for a 120-bit hash collision)
/// different for different ones: a key of up to 15 bytes (`cardinal:4000`, most of them) is
/// its length and its bytes, a longer one 16 and the first 15 bytes of its BLAKE3 hash. Only
/// equality matters (postings are grouped by it), and hashing short keys was most of the
/// work of reading the facts.
fn fact_key_id(key: &[u8]) -> [u8; 16] {
    let mut id = [0u8; 16];
    if key.len() < 16 {
        id[0] = key.len() as u8;
        id[1..=key.len()].copy_from_slice(key);
    } else {
        id[0] = 16;
        id[1..].copy_from_slice(&blake3::hash(key).as_bytes()[..15]);
    }
    id
}

/// Shingles (distinct hashes) and facts (per distinct key: its [`fact_key_id`], runs, best
/// weight, first index) of one encoded document, read from the record in place (what `decode`
/// checks is checked, but no strings or vectors of the features are built).
fn doc_keys(rank: u32, offset: u64, rec: &[u8]) -> io::Result<DocKeys> {
    let mut c = Cur { b: rec, at: 0 };
    c.str_bytes()?;
    let n = c.count(18)?;
    // per fact: its key and weight
    let mut keys: Vec<(&[u8], f64)> = Vec::with_capacity(n);
    for _ in 0..n {
        c.u8()?;
        let key = c.str_bytes()?;
        let weight = c.f64()?;
        if c.u8()? != 0 {
            c.str_bytes()?;
        }
        c.u32()?;
        keys.push((key, weight));
    }
    let n = c.count(16)?;
    c.take(16 * n)?;
    let n = c.count(8)?;
    let sh = c.take(8 * n)?;
    let n = c.count(12)?;
    let paras = c.take(12 * n)?;
    let mut shingles: Vec<u32> = sh
        .chunks_exact(8)
        .map(|e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    // runs: a key counts once per run of equal consecutive keys, as the document frequency
    // was always counted
    let mut by_key: Vec<(&[u8], usize)> = keys.iter().enumerate().map(|(i, x)| (x.0, i)).collect();
    by_key.sort_unstable();
    let mut facts = Vec::with_capacity(by_key.len());
    let mut k = 0;
    while k < by_key.len() {
        let key = by_key[k].0;
        let mut e = k;
        let (mut runs, mut w) = (0u32, f64::NEG_INFINITY);
        while e < by_key.len() && by_key[e].0 == key {
            let i = by_key[e].1;
            if i == 0 || keys[i - 1].0 != key {
                runs += 1;
            }
            // the largest weight decides whether any occurrence can be an anchor (NaN never)
            if keys[i].1 > w {
                w = keys[i].1;
            }
            e += 1;
        }
        facts.push((fact_key_id(key), runs, w, by_key[k].1 as u32));
        k = e;
    }
    let paragraphs = nonempty_paragraph_hashes(paras.chunks_exact(12).map(|p| {
        let hash = u64::from_le_bytes([p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]]);
        (hash, u32::from_le_bytes([p[8], p[9], p[10], p[11]]))
    }));
    Ok(DocKeys {
        rank,
        offset,
        shingles,
        facts,
        paragraphs,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{PlaceFact, group_stories_reference, shingles_of};
    use super::*;

    /// Text candidates rejected before scoring (to check that the tests exercise it).
    pub(super) static PRUNED: std::sync::atomic::AtomicUsize =
        std::sync::atomic::AtomicUsize::new(0);

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
        fn chance(&mut self, pct: u64) -> bool {
            self.below(100) < pct
        }
    }

    fn run_grouper(
        docs: &[StoryFeatures],
        cfg: &StoryConfig,
        budget: usize,
        small_list: usize,
    ) -> Vec<StoryRow> {
        run_with_near(docs, &[], cfg, budget, small_list)
    }

    /// Random documents in stories that share facts, places, shingles and paragraphs, with
    /// corpus-wide template shingles and paragraphs, frequent facts, repeated and long ids.
    fn random_docs(seed: u64, n: usize) -> Vec<StoryFeatures> {
        let mut rng = Rng(seed | 1);
        let stories = (n / 4).max(1) as u64;
        let weights = [0.2, 0.3, 0.5, 0.6, 1.0];
        let mut docs: Vec<StoryFeatures> = Vec::new();
        for i in 0..n {
            let story = rng.below(stories);
            let doc_id = if i > 0 && rng.chance(4) {
                docs[rng.below(i as u64) as usize].doc_id.clone()
            } else if rng.chance(10) {
                // long ids sharing more than the sort key's prefix
                format!("{}{:05}", "p".repeat(70), rng.below(100_000))
            } else if rng.chance(3) {
                format!("q{:05}\0", rng.below(100_000))
            } else {
                format!("d{:06}", rng.below(1_000_000))
            };
            let mut facts = Vec::new();
            for _ in 0..rng.below(9) {
                let key = match rng.below(10) {
                    0..=1 => "date:2020-01-01".to_string(),
                    2 => format!("cardinal:{}", rng.below(8)),
                    3..=6 => format!("cardinal:{}", 1000 + story * 10 + rng.below(3)),
                    7 => format!("date:2021-{:02}", 1 + story % 12),
                    8 => format!("measure:kilometre:{}", rng.below(30)),
                    _ => format!("money:USD:{}", rng.below(200)),
                };
                facts.push(Fact {
                    class: if key.starts_with("date:") {
                        FactClass::Date
                    } else {
                        FactClass::Figure
                    },
                    key,
                    weight: weights[rng.below(5) as usize],
                    object: rng.chance(20).then(|| "people".to_string()),
                    paragraph: rng.below(5) as u32,
                });
            }
            if rng.chance(70) {
                facts.sort_by(|a, b| {
                    (a.class, &a.key, a.paragraph).cmp(&(b.class, &b.key, b.paragraph))
                });
            }
            let places = (0..rng.below(4))
                .map(|_| PlaceFact {
                    geonameid: rng.below(12) as u32,
                    weight: weights[rng.below(3) as usize + 1],
                    paragraph: rng.below(5) as u32,
                })
                .collect();
            let mut shingles = Vec::new();
            for _ in 0..rng.below(40) {
                let h = match rng.below(10) {
                    0..=4 => (story * 1000 + rng.below(40)) as u32,
                    5 => 7_000_000 + rng.below(4) as u32, // templates in most documents
                    6 => 8_000_000 + rng.below(30) as u32, // common phrases
                    _ => rng.next() as u32,
                };
                shingles.push((h, rng.below(5) as u32));
            }
            if rng.chance(80) {
                shingles.sort_unstable();
                shingles.dedup_by_key(|s| s.0);
            }
            let paragraphs = (0..rng.below(6))
                .map(|_| {
                    let h = match rng.below(6) {
                        0 => 42, // a standing paragraph
                        1 | 2 => 100 + story,
                        _ => rng.next(),
                    };
                    (h, rng.below(60) as u32)
                })
                .collect();
            docs.push(StoryFeatures {
                doc_id,
                facts,
                places,
                shingles,
                paragraphs,
            });
        }
        docs
    }

    #[test]
    fn equals_the_in_memory_grouping_on_random_corpora() {
        let cfgs = [
            StoryConfig::default(),
            StoryConfig {
                max_key_df: 12,
                min_score: 1.0,
                ..StoryConfig::default()
            },
            // shingles in 4 or 5 documents are above max_key_df but still weigh 1
            StoryConfig {
                max_key_df: 3,
                ..StoryConfig::default()
            },
        ];
        for seed in 1..=12u64 {
            let n = [5usize, 60, 300, 900][seed as usize % 4];
            let docs = random_docs(seed * 7919, n);
            for cfg in &cfgs {
                let want = group_stories_reference(&docs, cfg);
                assert!(want.iter().any(|r| r.story_id != r.doc_id) || n < 50);
                for (budget, small) in [(SORT_BUDGET, SMALL_LIST), (1024, 2), (4096, 5)] {
                    let got = run_grouper(&docs, cfg, budget, small);
                    assert_eq!(got.len(), want.len(), "seed {seed} budget {budget}");
                    for (g, w) in got.iter().zip(&want) {
                        assert_eq!(g, w, "seed {seed} budget {budget} small {small}");
                    }
                }
            }
        }
        // the equality above covers candidates rejected before scoring
        assert!(PRUNED.load(std::sync::atomic::Ordering::Relaxed) > 100);
    }

    /// Runs the grouper with near-duplicate rows (doc_id, cluster_id) given in doc_id order.
    fn run_with_near(
        docs: &[StoryFeatures],
        near: &[(String, String)],
        cfg: &StoryConfig,
        budget: usize,
        small_list: usize,
    ) -> Vec<StoryRow> {
        let dir = tempfile::tempdir().unwrap();
        let mut g = StoryGrouper::with_budget(dir.path(), cfg, budget).unwrap();
        g.set_small_list(small_list);
        for d in docs {
            g.add(d).unwrap();
        }
        for (d, c) in near {
            g.near_duplicate(d, c).unwrap();
        }
        let mut rows = Vec::new();
        g.finish(&mut |r| {
            rows.push(r);
            Ok(())
        })
        .unwrap();
        rows
    }

    #[test]
    fn near_duplicates_join_their_representative_and_are_compared_only_through_it() {
        for seed in 1..=6u64 {
            let mut docs = random_docs(seed * 104_729, [60usize, 300, 700][seed as usize % 3]);
            let mut seen = std::collections::HashSet::new();
            docs.retain(|d| seen.insert(d.doc_id.clone()));
            let mut ids: Vec<String> = docs.iter().map(|d| d.doc_id.clone()).collect();
            ids.sort();
            // clusters: about a third of the documents join an earlier document's cluster
            let mut rng = Rng(seed * 31 + 7);
            let mut cluster_of: Vec<usize> = (0..ids.len()).collect();
            for i in 1..ids.len() {
                if rng.chance(35) {
                    cluster_of[i] = cluster_of[rng.below(i as u64) as usize];
                }
            }
            let mut size = vec![0usize; ids.len()];
            for &c in &cluster_of {
                size[c] += 1;
            }
            let mut near: Vec<(String, String)> = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                if size[cluster_of[i]] >= 2 {
                    near.push((id.clone(), ids[cluster_of[i]].clone()));
                }
            }
            // a row of an id the grouper never saw is ignored
            near.push(("\u{10ffff}unknown".to_string(), ids[0].clone()));
            let rep_of: HashMap<&str, &str> =
                near.iter().map(|(d, c)| (d.as_str(), c.as_str())).collect();

            let cfg = StoryConfig::default();
            let got = run_with_near(&docs, &near, &cfg, SORT_BUDGET, SMALL_LIST);
            assert_eq!(
                got,
                run_with_near(&docs, &near, &cfg, 1024, 2),
                "seed {seed}"
            );
            assert_eq!(got.len(), ids.len());
            let story: HashMap<&str, &str> = got
                .iter()
                .map(|r| (r.doc_id.as_str(), r.story_id.as_str()))
                .collect();
            // documents that are not members group exactly as a corpus without the members
            let distinct: Vec<StoryFeatures> = docs
                .iter()
                .filter(|d| rep_of.get(d.doc_id.as_str()).is_none_or(|c| *c == d.doc_id))
                .cloned()
                .collect();
            let alone = run_grouper(&distinct, &StoryConfig::default(), SORT_BUDGET, SMALL_LIST);
            for r in &alone {
                assert_eq!(story[r.doc_id.as_str()], r.story_id, "seed {seed}");
            }
            // members: in their representative's story, their pair is with it
            let mut members = 0;
            for r in &got {
                let Some(&rep) = rep_of.get(r.doc_id.as_str()) else {
                    continue;
                };
                if rep == r.doc_id {
                    continue;
                }
                members += 1;
                assert_eq!(r.story_id, story[rep], "seed {seed}");
                assert!(r.signals.starts_with(&format!("with:{rep};")), "{r:?}");
                assert!(r.signals.ends_with(";near_duplicate"), "{r:?}");
            }
            assert!(members * 5 > ids.len(), "seed {seed}: {members} members");
        }
    }

    #[test]
    fn equals_the_in_memory_grouping_on_hand_made_cases() {
        let f = |id: &str, keys: &[&str], sh: &[u32], paras: &[u64]| StoryFeatures {
            doc_id: id.to_string(),
            facts: keys
                .iter()
                .map(|k| Fact {
                    class: FactClass::Figure,
                    key: k.to_string(),
                    weight: 1.0,
                    object: None,
                    paragraph: 0,
                })
                .collect(),
            places: vec![PlaceFact {
                geonameid: 7,
                weight: 0.5,
                paragraph: 0,
            }],
            shingles: sh.iter().map(|&h| (h, 1)).collect(),
            paragraphs: paras.iter().map(|&h| (h, 30)).collect(),
        };
        let docs = vec![
            f(
                "c",
                &["cardinal:774", "cardinal:2500"],
                &[1, 2, 3, 4],
                &[9, 10],
            ),
            f(
                "a",
                &["cardinal:774", "cardinal:2500"],
                &[1, 2, 3, 5],
                &[9, 11],
            ),
            f("b", &["cardinal:5"], &[1, 2, 3, 4, 5, 6], &[12]),
            f("a", &[], &[], &[]),
            f("e", &[], &[20, 21, 22, 23], &[13]),
            f("d", &[], &[20, 21, 22, 23], &[13]),
            f("", &[], &[], &[]),
        ];
        for cfg in [
            StoryConfig::default(),
            StoryConfig {
                max_key_df: 2,
                ..StoryConfig::default()
            },
        ] {
            let want = group_stories_reference(&docs, &cfg);
            assert_eq!(run_grouper(&docs, &cfg, 1024, 2), want);
            assert_eq!(super::super::group_stories(&docs, &cfg), want);
        }
        assert!(run_grouper(&[], &StoryConfig::default(), 1024, 2).is_empty());
    }

    #[test]
    fn fact_key_ids_are_equal_for_equal_keys_only() {
        let keys: Vec<String> = [
            "",
            "a",
            "a\0",
            "cardinal:4000",
            "cardinal:400000",
            "cardinal:4000000",
            "cardinal:40000000",
            "money:USD:5000000",
            "money:USD:5000001",
        ]
        .iter()
        .map(|k| k.to_string())
        .chain((0..200).map(|i| format!("date:2017-06-{i:02}/2017-07-{i:02}")))
        .collect();
        for a in &keys {
            for b in &keys {
                let same = fact_key_id(a.as_bytes()) == fact_key_id(b.as_bytes());
                assert_eq!(same, a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn features_survive_their_encoding() {
        for d in random_docs(99, 50) {
            let mut b = Vec::new();
            encode(&d, &mut b).unwrap();
            assert_eq!(decode(&b).unwrap(), d);
            assert_eq!(decode_id(&b).unwrap(), d.doc_id.as_bytes());
            // a damaged record is an error, never a panic
            for cut in [0, 1, b.len() / 2, b.len().saturating_sub(1)] {
                let _ = decode(&b[..cut]);
            }
        }
    }

    #[test]
    fn shingle_totals_of_the_postings_equal_those_of_decoded_features() {
        let dir = std::env::temp_dir();
        for (seed, max_key_df) in [(7, 200), (8, 3)] {
            // repeated shingles make some frequent (weighted) and some above max_key_df
            let mut docs = random_docs(seed, 80);
            for (i, d) in docs.iter_mut().enumerate() {
                d.doc_id = format!("t{i:03}");
            }
            let cfg = StoryConfig {
                max_key_df,
                ..StoryConfig::default()
            };
            let mut g = StoryGrouper::with_budget(&dir, &cfg, 4096).unwrap();
            for d in &docs {
                g.add(d).unwrap();
            }
            g.feats.flush().unwrap();
            let ids = std::mem::replace(&mut g.ids, Sorter::new(&dir, 1024));
            let (rank_of, loc, _, _) = g.ranks(ids).unwrap();
            let n = loc.len();
            let is_member = vec![0u64; n.div_ceil(64)];
            let (stats, _, _, _, _, bounds) = g.postings(&rank_of, n, &is_member, n).unwrap();
            assert!(!stats.shingle_weight.is_empty());
            for (arrival, &r) in rank_of.iter().enumerate() {
                let want = shingles_of(&docs[arrival], &[], &stats).1;
                assert_eq!(bounds.total[r as usize], want, "{arrival}");
            }
        }
    }
}
