//! Spill: whole-corpus state kept on disk instead of in memory, so that a build's memory is
//! bounded by its batches and a fixed budget per table, not by the number of documents.
//!
//! Two tools, both over temporary files in one folder:
//! - [`Records`]: an append-only file of variable-length records, read back by offset or in
//!   order (per-document features, texts);
//! - [`Sorter`]: an external sort of fixed-width records compared as bytes (encode keys
//!   big-endian, most significant field first), sorted in runs of bounded size in parallel and
//!   merged at the end (postings, pairs, band keys).
//!
//! On Unix the files are unlinked as soon as they are created: they live as long as their
//! handles, so a killed build leaves nothing behind.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

/// Default memory for one [`Sorter`]'s in-memory run.
pub const SORT_BUDGET: usize = 32 << 20;

static NEXT_FILE: AtomicU64 = AtomicU64::new(0);

/// A new temporary file in `dir`, already unlinked where the OS allows it.
pub fn temp_file(dir: &Path) -> io::Result<File> {
    loop {
        let n = NEXT_FILE.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".spill-{}-{n}", std::process::id()));
        match File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => {
                #[cfg(unix)]
                std::fs::remove_file(&path)?;
                return Ok(f);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Read `buf.len()` bytes at `offset` without moving the handle's cursor (so threads can
/// share one file without a lock).
pub fn read_exact_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
    }
    #[cfg(windows)]
    {
        let (mut buf, mut offset) = (buf, offset);
        while !buf.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(f, buf, offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                n => {
                    buf = &mut buf[n..];
                    offset += n as u64;
                }
            }
        }
        Ok(())
    }
}

/// Reads a file in order through a buffer, by position (never moving the handle's cursor, so
/// several readers can share one file).
struct PosReader<'a> {
    file: &'a File,
    pos: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
}

impl<'a> PosReader<'a> {
    fn new(file: &'a File, end: u64, buf_size: usize) -> PosReader<'a> {
        PosReader {
            file,
            pos: 0,
            end,
            buf: Vec::with_capacity(buf_size),
            at: 0,
        }
    }

    /// Fill `out` completely; `Ok(false)` at the end of the file.
    fn read_into(&mut self, out: &mut [u8]) -> io::Result<bool> {
        let mut done = 0;
        while done < out.len() {
            if self.at == self.buf.len() {
                if self.pos >= self.end {
                    return if done == 0 {
                        Ok(false)
                    } else {
                        Err(io::ErrorKind::UnexpectedEof.into())
                    };
                }
                let n = (self.end - self.pos).min(self.buf.capacity().max(1) as u64) as usize;
                self.buf.resize(n, 0);
                read_exact_at(self.file, &mut self.buf, self.pos)?;
                self.pos += n as u64;
                self.at = 0;
            }
            let n = (out.len() - done).min(self.buf.len() - self.at);
            out[done..done + n].copy_from_slice(&self.buf[self.at..self.at + n]);
            self.at += n;
            done += n;
        }
        Ok(true)
    }
}

/// An append-only file of byte records, each found again by the offset `push` returned.
pub struct Records {
    file: File,
    out: BufWriter<File>,
    /// Bytes written.
    end: u64,
    count: u64,
}

impl Records {
    pub fn new(dir: &Path) -> io::Result<Records> {
        let file = temp_file(dir)?;
        let out = BufWriter::with_capacity(1 << 20, file.try_clone()?);
        Ok(Records {
            file,
            out,
            end: 0,
            count: 0,
        })
    }

    /// Append a record; returns its offset.
    pub fn push(&mut self, rec: &[u8]) -> io::Result<u64> {
        let len = u32::try_from(rec.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "record over 4 GiB"))?;
        let at = self.end;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(rec)?;
        self.end += 4 + u64::from(len);
        self.count += 1;
        Ok(at)
    }

    /// Records pushed so far.
    pub fn len(&self) -> u64 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Make everything pushed readable (call once writing is done, before reading).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The record at `offset` (after [`Records::flush`]).
    pub fn get(&self, offset: u64) -> io::Result<Vec<u8>> {
        let mut len = [0u8; 4];
        read_exact_at(&self.file, &mut len, offset)?;
        let mut rec = vec![0u8; u32::from_le_bytes(len) as usize];
        read_exact_at(&self.file, &mut rec, offset + 4)?;
        Ok(rec)
    }

    /// The first `out.len()` bytes of the record at `offset` (after [`Records::flush`]); an
    /// error if it is shorter.
    pub fn get_prefix(&self, offset: u64, out: &mut [u8]) -> io::Result<()> {
        let mut len = [0u8; 4];
        read_exact_at(&self.file, &mut len, offset)?;
        if (u32::from_le_bytes(len) as usize) < out.len() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        read_exact_at(&self.file, out, offset + 4)
    }

    /// Every record in the order pushed, with its offset (after [`Records::flush`]).
    pub fn iter(&self) -> impl Iterator<Item = io::Result<(u64, Vec<u8>)>> + '_ {
        let mut r = PosReader::new(&self.file, self.end, 1 << 20);
        let mut offset = 0u64;
        std::iter::from_fn(move || {
            let mut len = [0u8; 4];
            match r.read_into(&mut len) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => return Some(Err(e)),
            }
            let mut rec = vec![0u8; u32::from_le_bytes(len) as usize];
            if let Err(e) = r.read_into(&mut rec).and_then(|ok| {
                ok.then_some(())
                    .ok_or_else(|| io::ErrorKind::UnexpectedEof.into())
            }) {
                return Some(Err(e));
            }
            let at = offset;
            offset += 4 + rec.len() as u64;
            Some(Ok((at, rec)))
        })
    }
}

/// Byte order of two records, 8 bytes at a time as big-endian integers (the same order as
/// comparing the arrays, without a `memcmp` call per comparison: sorts and merges are mostly
/// comparisons).
#[inline]
fn cmp_rec<const W: usize>(a: &[u8; W], b: &[u8; W]) -> std::cmp::Ordering {
    let word = |r: &[u8; W], i: usize| {
        let mut w = [0u8; 8];
        let n = (W - i).min(8);
        w[..n].copy_from_slice(&r[i..i + n]);
        u64::from_be_bytes(w)
    };
    let mut i = 0;
    while i < W {
        let (x, y) = (word(a, i), word(b, i));
        if x != y {
            return x.cmp(&y);
        }
        i += 8;
    }
    std::cmp::Ordering::Equal
}

/// Slices shorter than this are sorted by comparisons, longer ones split by their next byte.
const RADIX_MIN: usize = 64;

/// Sort records in byte order: an in-place most-significant-byte radix sort (bytes all
/// records of a slice share are skipped, one counting pass each), slices below [`RADIX_MIN`]
/// sorted by comparisons. Equal records are equal bytes, so the result is that of any sort.
/// With `par`, the buckets of each split are sorted on the rayon pool.
fn sort_recs<const W: usize>(v: &mut [[u8; W]], par: bool) {
    sort_from(v, 0, par);
}

/// [`sort_recs`] of records that share their first `d` bytes.
fn sort_from<const W: usize>(v: &mut [[u8; W]], mut d: usize, par: bool) {
    loop {
        if v.len() < RADIX_MIN || d >= W {
            v.sort_unstable_by(cmp_rec);
            return;
        }
        let mut count = [0usize; 256];
        for r in v.iter() {
            count[usize::from(r[d])] += 1;
        }
        if count[usize::from(v[0][d])] == v.len() {
            d += 1;
            continue;
        }
        let mut next = [0usize; 256];
        let mut end = [0usize; 256];
        let mut s = 0;
        for b in 0..256 {
            next[b] = s;
            s += count[b];
            end[b] = s;
        }
        // American flag sort: each record swapped straight into its bucket
        for b in 0..256 {
            while next[b] < end[b] {
                let mut r = v[next[b]];
                let mut rb = usize::from(r[d]);
                while rb != b {
                    std::mem::swap(&mut r, &mut v[next[rb]]);
                    next[rb] += 1;
                    rb = usize::from(r[d]);
                }
                v[next[b]] = r;
                next[b] += 1;
            }
        }
        let mut rest = v;
        if par && rayon::current_num_threads() > 1 {
            let mut buckets: Vec<&mut [[u8; W]]> = Vec::with_capacity(256);
            for &c in count.iter() {
                let (head, tail) = rest.split_at_mut(c);
                if c > 1 {
                    buckets.push(head);
                }
                rest = tail;
            }
            buckets
                .into_par_iter()
                .for_each(|b| sort_from(b, d + 1, false));
        } else {
            for &c in count.iter() {
                let (head, tail) = rest.split_at_mut(c);
                if c > 1 {
                    sort_from(head, d + 1, false);
                }
                rest = tail;
            }
        }
        return;
    }
}

/// A run being sorted and written on its own thread: the file and its length, and the
/// emptied buffer (reused for the next run).
type Pending<const W: usize> = std::thread::JoinHandle<io::Result<((File, u64), Vec<[u8; W]>)>>;

/// External sort of fixed-width records, compared as byte strings.
///
/// A full run is sorted and written on a thread of its own while the next one fills, so that
/// the code pushing records (often sequential) does not wait for the sort; the two buffers
/// share the budget. With more than one rayon thread, the run is sorted as two halves on two
/// threads and merged as it is written. Those threads never use the rayon pool, so waiting
/// for them is safe from anywhere (also from inside the pool, with one thread).
pub struct Sorter<const W: usize> {
    dir: PathBuf,
    buf: Vec<[u8; W]>,
    cap: usize,
    runs: Vec<(File, u64)>,
    pending: Option<Pending<W>>,
    count: u64,
}

impl<const W: usize> Sorter<W> {
    /// A sorter holding about `budget` bytes of records in memory; its files go to `dir`.
    pub fn new(dir: &Path, budget: usize) -> Sorter<W> {
        Sorter {
            dir: dir.to_path_buf(),
            buf: Vec::new(),
            cap: (budget / 2 / W.max(1)).max(1024),
            runs: Vec::new(),
            pending: None,
            count: 0,
        }
    }

    #[inline]
    pub fn push(&mut self, rec: [u8; W]) -> io::Result<()> {
        self.buf.push(rec);
        self.count += 1;
        if self.buf.len() >= self.cap {
            self.spill_run()?;
        }
        Ok(())
    }

    /// Records pushed so far.
    pub fn len(&self) -> u64 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Wait for the run being written, if any; returns its buffer.
    fn wait_pending(&mut self) -> io::Result<Option<Vec<[u8; W]>>> {
        let Some(h) = self.pending.take() else {
            return Ok(None);
        };
        let (run, buf) = h
            .join()
            .map_err(|_| io::Error::other("sort thread panicked"))??;
        self.runs.push(run);
        Ok(Some(buf))
    }

    /// Hand the full buffer to a thread that sorts and writes it (after the previous one).
    fn spill_run(&mut self) -> io::Result<()> {
        let next = self
            .wait_pending()?
            .unwrap_or_else(|| Vec::with_capacity(self.cap));
        let mut buf = std::mem::replace(&mut self.buf, next);
        let file = temp_file(&self.dir)?;
        let halves = rayon::current_num_threads() > 1;
        let h = std::thread::Builder::new()
            .name("sort-run".into())
            .spawn(move || {
                let len = if halves {
                    // two halves sorted on two threads, merged while written
                    let mid = buf.len() / 2;
                    let (a, b) = buf.split_at_mut(mid);
                    std::thread::scope(|s| {
                        s.spawn(|| sort_recs(a, false));
                        sort_recs(b, false);
                    });
                    write_merged(&file, a, b)?
                } else {
                    sort_recs(&mut buf, false);
                    write_run(&file, &buf)?
                };
                buf.clear();
                Ok(((file, len), buf))
            })?;
        self.pending = Some(h);
        Ok(())
    }

    /// Every record pushed, in byte order (equal records all kept).
    pub fn finish(mut self) -> io::Result<Sorted<W>> {
        self.wait_pending()?;
        let mut last = std::mem::take(&mut self.buf);
        sort_recs(&mut last, true);
        if self.runs.is_empty() {
            return Ok(Sorted {
                inner: SortedInner::Memory(last.into_iter()),
            });
        }
        let mut runs = std::mem::take(&mut self.runs);
        if !last.is_empty() {
            let file = temp_file(&self.dir)?;
            let len = write_run(&file, &last)?;
            runs.push((file, len));
        }
        drop(last);
        Ok(Sorted {
            inner: SortedInner::Runs(Merged::start(runs)?),
        })
    }
}

/// Write sorted records to a run file; returns its length in bytes.
fn write_run<const W: usize>(file: &File, recs: &[[u8; W]]) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, file.try_clone()?);
    for r in recs {
        out.write_all(r)?;
    }
    out.flush()?;
    Ok((recs.len() * W) as u64)
}

/// Write two sorted slices as one sorted run file; returns its length in bytes.
fn write_merged<const W: usize>(file: &File, a: &[[u8; W]], b: &[[u8; W]]) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, file.try_clone()?);
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if cmp_rec(&b[j], &a[i]).is_lt() {
            out.write_all(&b[j])?;
            j += 1;
        } else {
            out.write_all(&a[i])?;
            i += 1;
        }
    }
    for r in a[i..].iter().chain(&b[j..]) {
        out.write_all(r)?;
    }
    out.flush()?;
    Ok(((a.len() + b.len()) * W) as u64)
}

/// The output of a [`Sorter`]: records in byte order.
pub struct Sorted<const W: usize> {
    inner: SortedInner<W>,
}

enum SortedInner<const W: usize> {
    Memory(std::vec::IntoIter<[u8; W]>),
    Runs(Merged<W>),
}

/// Records merged from run files on a thread of their own, handed over in chunks, so that
/// merging and the caller's work on the merged records run at the same time.
struct Merged<const W: usize> {
    rx: std::sync::mpsc::Receiver<io::Result<Vec<[u8; W]>>>,
    chunk: std::vec::IntoIter<[u8; W]>,
}

/// Bytes of merged records per chunk handed over (two chunks wait at most).
const MERGED_CHUNK_BYTES: usize = 256 << 10;

impl<const W: usize> Merged<W> {
    fn start(runs: Vec<(File, u64)>) -> io::Result<Merged<W>> {
        let (tx, rx) = std::sync::mpsc::sync_channel(2);
        std::thread::Builder::new()
            .name("merge-runs".into())
            .spawn(move || {
                let per_chunk = (MERGED_CHUNK_BYTES / W.max(1)).max(64);
                let mut m = match Merge::<W>::new(runs) {
                    Ok(m) => m,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                };
                loop {
                    let mut chunk = Vec::with_capacity(per_chunk);
                    while chunk.len() < per_chunk {
                        match m.next_rec() {
                            Ok(Some(r)) => chunk.push(r),
                            Ok(None) => break,
                            Err(e) => {
                                let _ = tx.send(Err(e));
                                return;
                            }
                        }
                    }
                    let done = chunk.len() < per_chunk;
                    // a closed channel means the reader stopped early: nothing left to do
                    if (!chunk.is_empty() && tx.send(Ok(chunk)).is_err()) || done {
                        return;
                    }
                }
            })?;
        Ok(Merged {
            rx,
            chunk: Vec::new().into_iter(),
        })
    }

    fn next(&mut self) -> Option<io::Result<[u8; W]>> {
        loop {
            if let Some(r) = self.chunk.next() {
                return Some(Ok(r));
            }
            match self.rx.recv() {
                Ok(Ok(c)) => self.chunk = c.into_iter(),
                Ok(Err(e)) => return Some(Err(e)),
                Err(_) => return None, // the merge is done
            }
        }
    }
}

/// A record at the head of a run, ordered for a min-heap by [`cmp_rec`] (then run number).
#[derive(Clone, Copy)]
struct Head<const W: usize>([u8; W], usize);

impl<const W: usize> PartialEq for Head<W> {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == std::cmp::Ordering::Equal
    }
}
impl<const W: usize> Eq for Head<W> {}
impl<const W: usize> PartialOrd for Head<W> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl<const W: usize> Ord for Head<W> {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        cmp_rec(&self.0, &o.0).then(self.1.cmp(&o.1))
    }
}

/// k-way merge of sorted run files.
struct Merge<const W: usize> {
    readers: RunReaders<W>,
    heap: BinaryHeap<Reverse<Head<W>>>,
}

/// The run files of a merge, each read ahead in chunks.
struct RunReaders<const W: usize> {
    runs: Vec<(File, u64)>,
    /// Per run: position of the next unread byte, and a buffer of read-ahead records.
    pos: Vec<u64>,
    bufs: Vec<std::collections::VecDeque<[u8; W]>>,
}

/// Records read ahead from each run at a time.
const MERGE_CHUNK: usize = 4096;

impl<const W: usize> RunReaders<W> {
    fn next_of(&mut self, i: usize) -> io::Result<Option<[u8; W]>> {
        if self.bufs[i].is_empty() {
            let (file, len) = &self.runs[i];
            let left = (len - self.pos[i]) as usize / W.max(1);
            let n = left.min(MERGE_CHUNK);
            if n == 0 {
                return Ok(None);
            }
            let mut raw = vec![0u8; n * W];
            read_exact_at(file, &mut raw, self.pos[i])?;
            self.pos[i] += raw.len() as u64;
            for c in raw.chunks_exact(W) {
                let mut r = [0u8; W];
                r.copy_from_slice(c);
                self.bufs[i].push_back(r);
            }
        }
        Ok(self.bufs[i].pop_front())
    }
}

impl<const W: usize> Merge<W> {
    fn new(runs: Vec<(File, u64)>) -> io::Result<Merge<W>> {
        let n = runs.len();
        let mut m = Merge {
            readers: RunReaders {
                runs,
                pos: vec![0; n],
                bufs: (0..n).map(|_| Default::default()).collect(),
            },
            heap: BinaryHeap::with_capacity(n),
        };
        for i in 0..n {
            if let Some(r) = m.readers.next_of(i)? {
                m.heap.push(Reverse(Head(r, i)));
            }
        }
        Ok(m)
    }

    /// The smallest record left, or `None` when every run is done.
    fn next_rec(&mut self) -> io::Result<Option<[u8; W]>> {
        let Some(mut top) = self.heap.peek_mut() else {
            return Ok(None);
        };
        let Reverse(Head(rec, i)) = *top;
        // replace the head in place (one sift instead of a pop and a push)
        match self.readers.next_of(i)? {
            Some(r) => *top = Reverse(Head(r, i)),
            None => {
                std::collections::binary_heap::PeekMut::pop(top);
            }
        }
        Ok(Some(rec))
    }
}

impl<const W: usize> Iterator for Sorted<W> {
    type Item = io::Result<[u8; W]>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            SortedInner::Memory(it) => it.next().map(Ok),
            SortedInner::Runs(m) => m.next(),
        }
    }
}

/// Big-endian field writer for sort keys: `Key::<W>::new().u32(a).u64(b).bytes(c).done()`.
pub struct Key<const W: usize> {
    buf: [u8; W],
    at: usize,
}

impl<const W: usize> Default for Key<W> {
    fn default() -> Self {
        Key { buf: [0; W], at: 0 }
    }
}

impl<const W: usize> Key<W> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Append bytes (truncated if the key is full: widths are fixed at compile time).
    pub fn bytes(mut self, b: &[u8]) -> Self {
        let n = b.len().min(W - self.at);
        self.buf[self.at..self.at + n].copy_from_slice(&b[..n]);
        self.at += n;
        self
    }

    pub fn u8(self, v: u8) -> Self {
        self.bytes(&[v])
    }

    pub fn u32(self, v: u32) -> Self {
        self.bytes(&v.to_be_bytes())
    }

    pub fn u64(self, v: u64) -> Self {
        self.bytes(&v.to_be_bytes())
    }

    pub fn done(self) -> [u8; W] {
        self.buf
    }
}

/// Read big-endian fields back from a sorted record.
pub fn be_u32(r: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    b.copy_from_slice(&r[at..at + 4]);
    u32::from_be_bytes(b)
}

pub fn be_u64(r: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&r[at..at + 8]);
    u64::from_be_bytes(b)
}

/// Whether `NEWSCORPUS_TRACE` is set: the build then prints where its time went (stderr).
pub fn tracing() -> bool {
    static ON: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("NEWSCORPUS_TRACE").is_some());
    *ON
}

/// Resident memory of this process now and at its peak, in MiB (Linux's `/proc/self/status`;
/// zeros elsewhere).
pub fn rss_mib() -> (u64, u64) {
    let Ok(s) = std::fs::read_to_string("/proc/self/status") else {
        return (0, 0);
    };
    let field = |name: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Diagnostics of the whole-corpus phase (with `NEWSCORPUS_TRACE` set): wall time and CPU
/// time of the whole process (all threads) between marks, on stderr (see [`process_cpu`]).
/// CPU seconds over wall seconds is the number of cores a step kept busy.
pub struct Trace {
    on: bool,
    t: std::time::Instant,
    cpu: f64,
}

/// CPU seconds (user + system) of this process so far, threads that have ended included
/// (Linux's `/proc/self/stat`, in ticks of 1/100 s; 0 elsewhere).
pub fn process_cpu() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // fields after the command name (which is in parentheses and may hold spaces)
    let Some(rest) = s.rfind(')').and_then(|i| s.get(i + 2..)) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

impl Trace {
    pub fn start() -> Trace {
        let on = tracing();
        Trace {
            on,
            t: std::time::Instant::now(),
            cpu: if on { process_cpu() } else { 0.0 },
        }
    }

    /// Print what happened since the last mark under `label`.
    pub fn mark(&mut self, label: &str) {
        if !self.on {
            return;
        }
        let cpu = process_cpu();
        let wall = self.t.elapsed().as_secs_f64();
        let (rss, peak) = rss_mib();
        eprintln!(
            "trace {label}: wall {wall:.3}s cpu {:.3}s ({:.2} cores), rss {rss} MiB (peak {peak})",
            cpu - self.cpu,
            (cpu - self.cpu) / wall.max(1e-9)
        );
        self.t = std::time::Instant::now();
        self.cpu = cpu;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next_rand(s: &mut u64) -> u64 {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        *s
    }

    #[test]
    fn sorter_matches_an_in_memory_sort_across_many_runs() {
        let dir = tempfile::tempdir().unwrap();
        for (n, budget) in [(0usize, 1 << 20), (10, 1 << 20), (50_000, 12 * 1024)] {
            let mut s = Sorter::<12>::new(dir.path(), budget);
            let mut want = Vec::new();
            let mut seed = 88172645463325252u64;
            for i in 0..n {
                // few distinct keys, so equal records cross run boundaries
                let k = Key::<12>::new()
                    .u64(next_rand(&mut seed) % 1000)
                    .u32(i as u32 % 7)
                    .done();
                want.push(k);
                s.push(k).unwrap();
            }
            assert_eq!(s.len(), n as u64);
            want.sort_unstable();
            let got: Vec<[u8; 12]> = s.finish().unwrap().map(Result::unwrap).collect();
            assert_eq!(got, want, "n={n}");
        }
        // everything was unlinked (Unix) or is still open: nothing visible is left behind
        #[cfg(unix)]
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// The radix sort orders like a comparison sort: uniform bytes, bytes all records share
    /// (skipped), few distinct values (equal records), on the pool and off it.
    #[test]
    fn radix_sort_matches_a_comparison_sort() {
        let mut seed = 0x2545F4914F6CDD1Du64;
        for n in [0usize, 1, 63, 64, 65, 1000, 20_000] {
            for shape in 0..4 {
                let v: Vec<[u8; 12]> = (0..n)
                    .map(|_| {
                        let x = next_rand(&mut seed);
                        match shape {
                            0 => Key::<12>::new().u64(x).u32(x as u32).done(),
                            1 => Key::<12>::new().u32(7).u64(x % 5000).done(),
                            2 => Key::<12>::new().u64(x % 3).u32(1).done(),
                            _ => Key::<12>::new().u8(0).u8((x % 40) as u8).u64(x).done(),
                        }
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_unstable();
                for par in [false, true] {
                    let mut got = v.clone();
                    sort_recs(&mut got, par);
                    assert_eq!(got, want, "n={n} shape={shape} par={par}");
                }
            }
        }
    }

    #[test]
    fn records_read_back_by_offset_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Records::new(dir.path()).unwrap();
        let recs: Vec<Vec<u8>> = (0..3000u32)
            .map(|i| vec![(i % 251) as u8; (i as usize * 37) % 900])
            .collect();
        let offsets: Vec<u64> = recs.iter().map(|x| r.push(x).unwrap()).collect();
        r.flush().unwrap();
        assert_eq!(r.len(), 3000);
        for i in [0usize, 1, 1234, 2999] {
            assert_eq!(r.get(offsets[i]).unwrap(), recs[i]);
            let mut head = vec![0u8; recs[i].len() / 2];
            r.get_prefix(offsets[i], &mut head).unwrap();
            assert_eq!(head, recs[i][..head.len()]);
            let mut over = vec![0u8; recs[i].len() + 1];
            assert!(r.get_prefix(offsets[i], &mut over).is_err());
        }
        let all: Vec<(u64, Vec<u8>)> = r.iter().map(Result::unwrap).collect();
        assert_eq!(all.len(), recs.len());
        for (i, (off, rec)) in all.iter().enumerate() {
            assert_eq!((*off, rec), (offsets[i], &recs[i]));
        }
    }

    /// The 8-byte comparison orders like the byte arrays, for widths that are not multiples
    /// of 8 and for records differing in any one byte.
    #[test]
    fn record_comparison_is_byte_order() {
        fn check<const W: usize>(seed: &mut u64) {
            for _ in 0..2000 {
                let mut a = [0u8; W];
                for b in a.iter_mut() {
                    *b = (next_rand(seed) % 4) as u8 * 85;
                }
                let mut b = a;
                let i = (next_rand(seed) % W as u64) as usize;
                b[i] = (next_rand(seed) % 256) as u8;
                assert_eq!(cmp_rec(&a, &b), a.cmp(&b), "{a:?} {b:?}");
                assert_eq!(cmp_rec(&b, &a), b.cmp(&a));
                assert_eq!(cmp_rec(&a, &a), std::cmp::Ordering::Equal);
            }
        }
        let mut seed = 0x9E3779B97F4A7C15u64;
        check::<1>(&mut seed);
        check::<9>(&mut seed);
        check::<14>(&mut seed);
        check::<18>(&mut seed);
        check::<24>(&mut seed);
        check::<56>(&mut seed);
        check::<72>(&mut seed);
    }

    #[test]
    fn keys_sort_like_their_fields() {
        let a = Key::<12>::new().u32(1).u64(u64::MAX).done();
        let b = Key::<12>::new().u32(2).u64(0).done();
        assert!(a < b);
        assert_eq!((be_u32(&a, 0), be_u64(&a, 4)), (1, u64::MAX));
    }
}
