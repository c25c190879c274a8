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

fn read_exact_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
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

/// External sort of fixed-width records, compared as byte strings.
pub struct Sorter<const W: usize> {
    dir: PathBuf,
    buf: Vec<[u8; W]>,
    cap: usize,
    runs: Vec<(File, u64)>,
    count: u64,
}

impl<const W: usize> Sorter<W> {
    /// A sorter whose in-memory run holds about `budget` bytes; its files go to `dir`.
    pub fn new(dir: &Path, budget: usize) -> Sorter<W> {
        Sorter {
            dir: dir.to_path_buf(),
            buf: Vec::new(),
            cap: (budget / W.max(1)).max(1024),
            runs: Vec::new(),
            count: 0,
        }
    }

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

    fn spill_run(&mut self) -> io::Result<()> {
        self.buf.par_sort_unstable();
        let file = temp_file(&self.dir)?;
        let mut out = BufWriter::with_capacity(1 << 20, file.try_clone()?);
        for r in &self.buf {
            out.write_all(r)?;
        }
        out.flush()?;
        let len = (self.buf.len() * W) as u64;
        self.runs.push((file, len));
        self.buf.clear();
        Ok(())
    }

    /// Every record pushed, in byte order (equal records all kept).
    pub fn finish(mut self) -> io::Result<Sorted<W>> {
        if self.runs.is_empty() {
            self.buf.par_sort_unstable();
            return Ok(Sorted {
                inner: SortedInner::Memory(std::mem::take(&mut self.buf).into_iter()),
            });
        }
        if !self.buf.is_empty() {
            self.spill_run()?;
        }
        self.buf = Vec::new();
        Ok(Sorted {
            inner: SortedInner::Runs(Merge::new(std::mem::take(&mut self.runs))?),
        })
    }
}

/// The output of a [`Sorter`]: records in byte order.
pub struct Sorted<const W: usize> {
    inner: SortedInner<W>,
}

enum SortedInner<const W: usize> {
    Memory(std::vec::IntoIter<[u8; W]>),
    Runs(Merge<W>),
}

/// k-way merge of sorted run files.
struct Merge<const W: usize> {
    runs: Vec<(File, u64)>,
    /// Per run: position of the next unread byte, and a buffer of read-ahead records.
    pos: Vec<u64>,
    bufs: Vec<std::collections::VecDeque<[u8; W]>>,
    heap: BinaryHeap<Reverse<([u8; W], usize)>>,
}

/// Records read ahead from each run at a time.
const MERGE_CHUNK: usize = 4096;

impl<const W: usize> Merge<W> {
    fn new(runs: Vec<(File, u64)>) -> io::Result<Merge<W>> {
        let n = runs.len();
        let mut m = Merge {
            runs,
            pos: vec![0; n],
            bufs: (0..n).map(|_| Default::default()).collect(),
            heap: BinaryHeap::with_capacity(n),
        };
        for i in 0..n {
            if let Some(r) = m.next_of(i)? {
                m.heap.push(Reverse((r, i)));
            }
        }
        Ok(m)
    }

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

impl<const W: usize> Iterator for Sorted<W> {
    type Item = io::Result<[u8; W]>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            SortedInner::Memory(it) => it.next().map(Ok),
            SortedInner::Runs(m) => {
                let Reverse((rec, i)) = m.heap.pop()?;
                match m.next_of(i) {
                    Ok(Some(r)) => m.heap.push(Reverse((r, i))),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
                Some(Ok(rec))
            }
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
        }
        let all: Vec<(u64, Vec<u8>)> = r.iter().map(Result::unwrap).collect();
        assert_eq!(all.len(), recs.len());
        for (i, (off, rec)) in all.iter().enumerate() {
            assert_eq!((*off, rec), (offsets[i], &recs[i]));
        }
    }

    #[test]
    fn keys_sort_like_their_fields() {
        let a = Key::<12>::new().u32(1).u64(u64::MAX).done();
        let b = Key::<12>::new().u32(2).u64(0).done();
        assert!(a < b);
        assert_eq!((be_u32(&a, 0), be_u64(&a, 4)), (1, u64::MAX));
    }
}
