//! Orchestration of a build: lock, discover, batches through the text stages on rayon, a writer
//! thread encoding Parquet while the next batch is analyzed, and an atomic publish.
//!
//! Texts, analyses and table rows are held one batch (`batch_bytes` of input) at a time. What
//! the whole-corpus tables need (repeated sentences, near-duplicate signatures, story features)
//! goes to temporary files (see [`crate::spill`]) and is sorted and grouped on disk after the
//! last batch; per file, memory keeps only its name, a dedupe key and a few offsets (about 400
//! bytes). Order is fixed by path, never by thread timing, so output is byte-identical whatever
//! the thread count.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::cache::{Cache, Record, Stamp, Stored};
use crate::dedupe::{Deduper, Verdict, hash_hex};
use crate::discover::{Candidate, FileList, discover_excluding};
use crate::error::BuildError;
use crate::gazetteer::Gazetteer;
use crate::manifest::{self, TableEntry};
use crate::neardup::{NearDupClusterer, NearDupConfig};
use crate::normalize::{decode, normalize};
use crate::passages::{PassageCounter, SentenceRef, source_of};
use crate::rows::{DocRows, RowIds};
use crate::schema::TABLES;
use crate::stories::{StoryConfig, StoryFeatures, StoryGrouper};
use crate::types::{AnalyzedDoc, FileRecord, FileStatus};
use crate::write::{TableBuilder, TableWriter, Val};

/// Files larger than this are rejected unread by default: the longest news articles are a few
/// hundred KB, and the text stages hold several times a document's size while analyzing it.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 << 20;

/// Input bytes per batch. A batch's rows (ids, spans, mentions, features) take about 25 times
/// its text, and two batches are in flight (one analyzed, one written): 2 MiB keeps that near
/// 100 MB, and is still thousands of documents to spread over the cores.
pub const BATCH_BYTES: u64 = 2 << 20;

/// Files per batch at most (a batch of tiny files is bounded by its count, not its bytes).
pub const BATCH_FILES: usize = 2048;

/// What a build reads and how; everything here that changes output goes into the manifest.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    /// Release name; `None` derives `dev-<12 hex of the corpus hash>`.
    pub release: Option<String>,
    /// Files larger than this are rejected unread (no news article is this large).
    pub max_file_bytes: u64,
    /// Input bytes per batch: the unit of memory and of parallel work.
    pub batch_bytes: u64,
    /// Wait for another build's lock instead of refusing.
    pub wait_for_lock: bool,
    /// Reuse what earlier builds into the same output folder found (`OUT/cache`).
    pub cache: bool,
    /// Near-duplicate detection (shingle size, threshold, signature length, bands).
    pub neardup: NearDupConfig,
    /// Story grouping parameters.
    pub stories: StoryConfig,
    /// Bytes of memory of each external sort of the whole-corpus tables (output is the same
    /// for any value).
    pub sort_budget: usize,
}

impl BuildConfig {
    pub fn new(inputs: Vec<PathBuf>, out: PathBuf) -> BuildConfig {
        BuildConfig {
            inputs,
            out,
            release: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            batch_bytes: BATCH_BYTES,
            wait_for_lock: false,
            cache: true,
            neardup: NearDupConfig::default(),
            stories: StoryConfig::default(),
            sort_budget: crate::spill::SORT_BUDGET,
        }
    }
}

/// What a build reports while it runs; the binary shows it as a progress bar or log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Another build holds the output folder's lock and this one waits for it (`--wait`).
    WaitingForLock,
    Discovered {
        files: usize,
        bytes: u64,
    },
    Processed {
        files: usize,
        bytes: u64,
    },
}

/// Counts and timings of a finished build, for the summary and the manifest.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    pub release: String,
    pub release_dir: PathBuf,
    pub corpus_hash: String,
    /// True when an identical release already existed and was kept.
    pub reused: bool,
    /// True when a release of the same name and corpus hash existed, but its files did not
    /// match its manifest (damaged or edited), and was replaced by the one just built.
    pub repaired: bool,
    pub files: u64,
    pub accepted: u64,
    pub duplicates: u64,
    pub rejected: u64,
    pub input_bytes: u64,
    pub sentences: u64,
    pub numbers: u64,
    pub places: u64,
    /// Files the cache let the build skip reading (unchanged size and mtime).
    pub cache_unread: u64,
    /// Documents whose analysis came from the cache.
    pub cache_reused: u64,
    /// Rejection reasons (first words) and their counts, sorted.
    pub rejected_by_reason: Vec<(String, u64)>,
    /// Wall time per stage, in order.
    pub stage_times: Vec<(&'static str, Duration)>,
    pub total_time: Duration,
}

/// The exclusive lock on an output folder, held for the whole build and released by the OS
/// even when the process is killed.
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// With `wait`, blocks until the lock is free, calling `on_wait` first if it is not.
    pub fn acquire(out: &Path, wait: bool, on_wait: &dyn Fn()) -> Result<OutputLock, BuildError> {
        let path = out.join(".lock");
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| BuildError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) if wait => {
                on_wait();
                file.lock().map_err(|e| BuildError::io(&path, e))?;
            }
            Err(std::fs::TryLockError::WouldBlock) => return Err(BuildError::Locked(path)),
            Err(std::fs::TryLockError::Error(e)) => return Err(BuildError::io(&path, e)),
        }
        Ok(OutputLock { _file: file })
    }
}

/// A file after reading, hashing, decoding and normalizing (phase 1, parallel), or after
/// finding all of that in the cache.
struct Prepared {
    rel: String,
    size: u64,
    stamp: Option<Stamp>,
    raw_hash: Option<String>,
    outcome: Result<DecodedFile, String>,
    /// The cache had this file's record: it is carried into the next generation as stored.
    from_cache: Option<Stored>,
    /// The stat cache said it is unchanged, so it was not read at all.
    unread: bool,
}

/// A file that decoded to text.
struct DecodedFile {
    encoding: String,
    doc_id: String,
    /// The normalized text; `None` when the cached analysis (which holds it) is used.
    text: Option<String>,
    /// The analysis from the cache, when the same bytes were analyzed before.
    cached: Option<AnalyzedDoc>,
    /// Its near-duplicate signature from the cache (empty: compute it).
    signature: Vec<u32>,
    /// Its story features from the cache.
    story: Option<StoryFeatures>,
    /// Its rows' ids from the cache.
    ids: Option<RowIds>,
}

impl DecodedFile {
    /// The file as a cached record has it, when the record holds an analysis.
    fn cached(r: Record) -> Option<DecodedFile> {
        match r {
            Record::Decoded {
                encoding,
                doc_id,
                doc: Some(doc),
                signature,
                story,
                ids,
            } => Some(DecodedFile {
                encoding,
                doc_id,
                text: None,
                cached: Some(doc),
                signature,
                story,
                ids,
            }),
            _ => None,
        }
    }
}

fn prepare(c: &Candidate, roots: &[PathBuf], max_bytes: u64, cache: Option<&Cache>) -> Prepared {
    let mut p = Prepared {
        rel: c.rel.clone(),
        size: c.size,
        stamp: None,
        raw_hash: None,
        outcome: Err(String::new()),
        from_cache: None,
        unread: false,
    };
    let Some(abs) = &c.path(roots) else {
        p.outcome = Err(c.problem.clone().unwrap_or_else(|| "unreadable".into()));
        return p;
    };
    if c.size > max_bytes {
        p.outcome = Err(format!("too large: {} bytes (limit {max_bytes})", c.size));
        return p;
    }
    // Unchanged since the last build (same path, size, mtime): no need to read it at all.
    p.stamp = std::fs::metadata(abs).ok().and_then(|m| Stamp::of(&m));
    if let (Some(cache), Some(stamp)) = (cache, p.stamp)
        && let Some(hash) = cache.raw_hash_if_unchanged(&c.rel, stamp)
    {
        // (a record without an analysis was a duplicate's: the file is read)
        let cached = cache.get(&hash).and_then(|(r, stored)| match r {
            Record::Rejected(reason) => Some((Err(reason), stored)),
            r => DecodedFile::cached(r).map(|f| (Ok(f), stored)),
        });
        if let Some((outcome, stored)) = cached {
            p.raw_hash = Some(hash);
            p.outcome = outcome;
            p.from_cache = Some(stored);
            p.unread = true;
            return p;
        }
    }
    let bytes = match read_limited(abs, max_bytes) {
        Ok(b) => b,
        Err(e) => {
            p.outcome = Err(match e.kind() {
                std::io::ErrorKind::NotFound => "vanished during the build".into(),
                std::io::ErrorKind::PermissionDenied => "unreadable: permission denied".into(),
                std::io::ErrorKind::FileTooLarge => {
                    format!("too large: grew past the limit of {max_bytes} bytes during the build")
                }
                std::io::ErrorKind::InvalidInput => {
                    "not a regular file (replaced during the build)".into()
                }
                _ => format!("unreadable: {e}"),
            });
            return p;
        }
    };
    p.size = bytes.len() as u64;
    let raw_hash = hash_hex(&bytes);
    // Same bytes analyzed before (the file was touched, renamed or copied): reuse the analysis.
    if let Some((f, stored)) = cache
        .and_then(|c| c.get(&raw_hash))
        .and_then(|(r, stored)| Some((DecodedFile::cached(r)?, stored)))
    {
        p.raw_hash = Some(raw_hash);
        p.outcome = Ok(f);
        p.from_cache = Some(stored);
        return p;
    }
    p.outcome = decode(&bytes)
        .and_then(|d| normalize(&d.text).map(|t| (t, d.encoding)))
        .map(|(text, enc)| DecodedFile {
            encoding: enc.to_string(),
            doc_id: hash_hex(text.as_bytes()),
            text: Some(text),
            cached: None,
            signature: Vec::new(),
            story: None,
            ids: None,
        })
        .map_err(|e| e.to_string());
    p.raw_hash = Some(raw_hash);
    p
}

/// Read at most `max` bytes; a file that is (or became) larger is an error, not truncated.
/// Opened non-blocking and checked through the handle, so that a file replaced by a FIFO or a
/// device during the build is rejected instead of blocking the build forever.
fn read_limited(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut options = File::options();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    let f = options.open(path)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut buf = Vec::new();
    f.take(max + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > max {
        return Err(std::io::Error::from(std::io::ErrorKind::FileTooLarge));
    }
    Ok(buf)
}

/// One batch's rows, sent to the writer thread.
struct BatchOut {
    files: Vec<FileRecord>,
    docs: Vec<DocRows>,
}

/// Where a build's gazetteer comes from. It is loaded when the first document has to be
/// analyzed: a build whose input did not change, or whose changed files were all analyzed
/// before, never parses it (most of such a build's time and memory).
#[derive(Debug, Clone)]
pub enum GazetteerSource {
    /// The one built into the binary.
    Embedded,
    /// A file in the same format (`--gazetteer`).
    File(PathBuf),
}

impl GazetteerSource {
    fn load(&self) -> Result<Gazetteer, BuildError> {
        Ok(match self {
            GazetteerSource::Embedded => Gazetteer::embedded()?,
            GazetteerSource::File(p) => Gazetteer::from_path(p)?,
        })
    }

    /// What the cache's fingerprint knows of it: the embedded one is part of the binary,
    /// which the fingerprint hashes; a file is hashed here.
    fn identity(&self) -> Result<String, BuildError> {
        match self {
            GazetteerSource::Embedded => Ok("embedded".into()),
            // (an unreadable file is a gazetteer error, as loading it would report)
            GazetteerSource::File(p) => {
                manifest::file_hash(p).map(|(h, _)| h).map_err(|e| match e {
                    BuildError::Io { source, .. } => crate::gazetteer::GazetteerError::Io {
                        path: p.display().to_string(),
                        source,
                    }
                    .into(),
                    e => e,
                })
            }
        }
    }
}

/// Build a release. Bad input files never fail a build; I/O errors on the output do. The
/// gazetteer is loaded when first needed, and dropped after the last batch: the whole-corpus
/// tables are built without it, in the memory it held.
pub fn build(
    cfg: &BuildConfig,
    gazetteer_source: GazetteerSource,
    progress: &dyn Fn(Progress),
) -> Result<BuildSummary, BuildError> {
    let t0 = Instant::now();
    let mut summary = BuildSummary::default();
    if let Some(name) = &cfg.release {
        validate_release_name(name)?;
    }
    let releases = cfg.out.join("releases");
    std::fs::create_dir_all(&releases).map_err(|e| BuildError::io(&releases, e))?;
    let _lock = OutputLock::acquire(&cfg.out, cfg.wait_for_lock, &|| {
        progress(Progress::WaitingForLock)
    })?;
    clean_leftovers(&releases)?;

    let t = Instant::now();
    // The output folder is never read as input, even when it lies inside an input folder.
    let candidates = discover_excluding(&cfg.inputs, std::slice::from_ref(&cfg.out))?;
    summary.stage_times.push(("discover", t.elapsed()));
    let total_bytes = candidates.total_size();
    progress(Progress::Discovered {
        files: candidates.len(),
        bytes: total_bytes,
    });

    let mut cache_gen = if cfg.cache {
        Some(Cache::open(
            &cfg.out,
            &fingerprint(cfg, &gazetteer_source.identity()?),
        )?)
    } else {
        None
    };
    if let Some(cache) = cache_gen {
        let t = Instant::now();
        match unchanged_release(cfg, &cache, &candidates, &releases) {
            Some((name, manifest)) => {
                cache.abandon()?;
                point_latest(&cfg.out, &name)?;
                summary
                    .stage_times
                    .push(("input unchanged: release kept", t.elapsed()));
                summary_from_manifest(&mut summary, &manifest);
                summary.release_dir = releases.join(&name);
                summary.release = name;
                summary.total_time = t0.elapsed();
                return Ok(summary);
            }
            None => summary.stage_times.push(("input check", t.elapsed())),
        }
        cache_gen = Some(cache);
    }

    let tmp = releases.join(format!(".tmp-{}", std::process::id()));
    std::fs::create_dir(&tmp).map_err(|e| BuildError::io(&tmp, e))?;

    // A rendezvous channel: at most one batch analyzed while the previous one is written.
    let (tx, rx) = mpsc::sync_channel::<BatchOut>(0);
    let writer_dir = tmp.clone();
    // Temporary files of the whole-corpus tables (unlinked at creation where the OS allows;
    // the folder is removed at the end, or by the next build after a crash).
    let spill = releases.join(format!(".tmp-{}-spill", std::process::id()));
    std::fs::create_dir(&spill).map_err(|e| BuildError::io(&spill, e))?;
    let spill_dir = spill.clone();
    let (nd_cfg, story_cfg, budget) = (cfg.neardup.clone(), cfg.stories.clone(), cfg.sort_budget);
    let writer = std::thread::spawn(move || {
        write_tables(&writer_dir, &spill_dir, budget, rx, &nd_cfg, &story_cfg)
    });

    // The batches are planned now; the list is read back from disk as they run.
    let plan = batches(&candidates, cfg.batch_bytes);
    let files_seen = candidates.len() as u64;
    let listed = candidates
        .spill(&spill)
        .map_err(|e| BuildError::io(&spill, e))?;
    let mut next_candidate = listed.iter();
    let mut deduper = Deduper::new(&spill)?;
    let (mut t_prepare, mut t_dedupe, mut t_analyze) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut reasons: std::collections::BTreeMap<String, u64> = Default::default();
    let (mut done_files, mut done_bytes) = (0usize, 0u64);
    let mut t_send = Duration::ZERO;
    let mut n_batches = 0u64;
    let mut gazetteer: Option<Gazetteer> = None;
    let cache = cache_gen.as_ref();
    for range in plan {
        let batch: Vec<Candidate> = next_candidate
            .by_ref()
            .take(range.len())
            .collect::<Result<_, _>>()
            .map_err(|e| BuildError::io(&spill, e))?;
        let t = Instant::now();
        let prepared: Vec<Prepared> = batch
            .par_iter()
            .map(|c| prepare(c, &cfg.inputs, cfg.max_file_bytes, cache))
            .collect();
        t_prepare += t.elapsed();

        // Dedupe in path order (sequential), then analyze the new documents in parallel.
        let t = Instant::now();
        let mut files = Vec::with_capacity(prepared.len());
        let mut todo = Vec::new();
        for p in prepared {
            let (rec, same_bytes) = judge(&mut deduper, &p)?;
            summary.input_bytes += p.size;
            match rec.status {
                FileStatus::Accepted => summary.accepted += 1,
                FileStatus::Duplicate => summary.duplicates += 1,
                FileStatus::Rejected => {
                    summary.rejected += 1;
                    let key = rec
                        .reason
                        .as_deref()
                        .unwrap_or("")
                        .split(':')
                        .next()
                        .unwrap_or("")
                        .to_string();
                    *reasons.entry(key).or_default() += 1;
                }
            }
            summary.cache_unread += u64::from(p.unread);
            if let (Some(c), Some(raw)) = (cache, &p.raw_hash) {
                // Into the next cache generation: one record per raw hash, from the first file
                // with those bytes (a later copy adds only its stamp); unchanged records as they
                // are, new ones now (accepted documents after their analysis, below).
                if same_bytes {
                    c.put(&p.rel, p.stamp, raw, None)?;
                } else if let Some(stored) = &p.from_cache {
                    c.carry(&p.rel, p.stamp, raw, stored)?;
                } else {
                    match &p.outcome {
                        Err(reason) => {
                            c.put(&p.rel, p.stamp, raw, Some(&Cache::encode_rejected(reason)))?
                        }
                        Ok(f) if rec.status != FileStatus::Accepted => c.put(
                            &p.rel,
                            p.stamp,
                            raw,
                            Some(&Cache::encode_decoded(&f.encoding, &f.doc_id)),
                        )?,
                        Ok(_) => {}
                    }
                }
            }
            if rec.status == FileStatus::Accepted
                && let (Ok(f), Some(raw)) = (p.outcome, p.raw_hash)
            {
                todo.push((f, p.rel, raw, p.stamp, p.from_cache.is_some()));
            }
            files.push(rec);
        }
        t_dedupe += t.elapsed();

        let t = Instant::now();
        if gazetteer.is_none() && todo.iter().any(|(f, ..)| f.cached.is_none()) {
            gazetteer = Some(gazetteer_source.load()?);
        }
        let gaz = gazetteer.as_ref();
        let analyzed: Vec<(DocRows, Option<Vec<u8>>, Option<Stamp>)> = todo
            .into_par_iter()
            .map(|(f, rel, raw, stamp, from_cache)| {
                let (doc, derived, fresh) = match (f.cached, f.text, gaz) {
                    (Some(doc), ..) => (doc, (f.signature, f.story, f.ids), false),
                    (None, _, None) => return Err(BuildError::NoGazetteer),
                    (None, text, Some(gazetteer)) => {
                        let doc = crate::analyze::analyze(text.unwrap_or_default(), gazetteer);
                        let signature = crate::neardup::signature(&doc.text, &cfg.neardup);
                        let story = StoryFeatures::from_doc(&f.doc_id, &doc);
                        (doc, (signature, Some(story), None), true)
                    }
                };
                let rows = DocRows::new(f.doc_id, rel, raw, f.encoding, doc, derived, &cfg.neardup);
                // (sealed from the rows, with their ids)
                let record =
                    (fresh && cache.is_some() && !from_cache).then(|| Cache::encode_rows(&rows));
                Ok((rows, record, stamp))
            })
            .collect::<Result<_, _>>()?;
        let mut docs = Vec::with_capacity(analyzed.len());
        for (d, record, stamp) in analyzed {
            if let (Some(c), Some(record)) = (cache, record) {
                c.put(&d.source_path, stamp, &d.raw_hash, Some(&record))?;
            } else if cache.is_some() {
                summary.cache_reused += 1;
            }
            summary.sentences += d.sentences.len() as u64;
            summary.numbers += d.numbers.len() as u64;
            summary.places += d.places.len() as u64;
            docs.push(d);
        }
        t_analyze += t.elapsed();
        done_files += files.len();
        done_bytes += batch.iter().map(|c| c.size).sum::<u64>();
        let ts = Instant::now();
        if tx.send(BatchOut { files, docs }).is_err() {
            break; // the writer failed; its error is reported below
        }
        t_send += ts.elapsed();
        progress(Progress::Processed {
            files: done_files,
            bytes: done_bytes,
        });
        n_batches += 1;
        if crate::spill::tracing() && n_batches.is_multiple_of(64) {
            let (rss, peak) = crate::spill::rss_mib();
            eprintln!("trace batch {n_batches}: {done_files} files, rss {rss} MiB (peak {peak})");
        }
    }
    drop(tx);
    // What was kept per input file (dedupe keys, about 50 bytes a file) and the gazetteer are
    // not needed by the whole-corpus tables the writer builds now.
    drop(next_candidate);
    drop(listed);
    drop(deduper);
    // (A build that analyzed nothing still names the gazetteer in its manifest.)
    let gazetteer_meta = match gazetteer.take() {
        Some(g) => g.describe(),
        None => gazetteer_source.load()?.describe(),
    };
    if crate::spill::tracing() {
        eprintln!(
            "trace batches (main thread): prepare {:.3}s dedupe {:.3}s analyze {:.3}s waiting for the writer {:.3}s; {:.3}s since the start, cpu {:.3}s",
            t_prepare.as_secs_f64(),
            t_dedupe.as_secs_f64(),
            t_analyze.as_secs_f64(),
            t_send.as_secs_f64(),
            t0.elapsed().as_secs_f64(),
            crate::spill::process_cpu()
        );
    }
    let t = Instant::now();
    let joined = writer.join();
    let _ = std::fs::remove_dir_all(&spill); // else the next build removes it
    let written = joined.map_err(|_| BuildError::Write {
        table: "all".into(),
        message: "writer thread panicked".into(),
    })??;
    summary
        .stage_times
        .push(("read+hash+decode+normalize", t_prepare));
    summary.stage_times.push(("dedupe", t_dedupe));
    summary
        .stage_times
        .push(("structure+segment+tag", t_analyze));
    summary
        .stage_times
        .push(("write (after the last batch)", t.elapsed()));
    summary.stage_times.extend(written.times);
    summary.files = files_seen;
    summary.rejected_by_reason = reasons.into_iter().collect();

    // Manifest, then publish.
    let t = Instant::now();
    let mut entries = Vec::new();
    for (table, path, rows) in written.files {
        let (blake3, bytes) = manifest::file_hash(&path)?;
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        entries.push(TableEntry {
            table: table.to_string(),
            file,
            rows,
            bytes,
            blake3,
        });
    }
    let body = manifest::manifest_body(
        &entries,
        config_json(cfg),
        counts_json(&summary),
        &gazetteer_meta,
    );
    let name = cfg
        .release
        .clone()
        .unwrap_or_else(|| manifest::default_release_name(&body));
    let manifest = manifest::finish(body, &name);
    summary.corpus_hash = manifest["corpus_hash"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mpath = tmp.join(manifest::MANIFEST);
    write_synced(&mpath, &manifest::to_bytes(&manifest))?;
    sync_dir(&tmp)?;

    // The cache's new generation is valid whatever happens to the release, so it is committed
    // first: once `latest` moves, the build has nothing left to do but report.
    if let Some(c) = cache_gen {
        c.commit(files_seen, &name, &summary.corpus_hash)?;
    }
    let final_dir = releases.join(&name);
    match publish(&tmp, &final_dir, &summary.corpus_hash)? {
        Published::New => {}
        Published::Kept => summary.reused = true,
        Published::Repaired => summary.repaired = true,
    }
    point_latest(&cfg.out, &name)?;
    summary.stage_times.push(("manifest+publish", t.elapsed()));
    summary.release = name;
    summary.release_dir = final_dir;
    summary.total_time = t0.elapsed();
    Ok(summary)
}

/// Contiguous batches of candidates holding about `max_bytes` of input each.
fn batches(c: &FileList, max_bytes: u64) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for i in 0..c.len() {
        bytes += c.size(i).max(1);
        if bytes >= max_bytes || i + 1 - start >= BATCH_FILES {
            out.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < c.len() {
        out.push(start..c.len());
    }
    out
}

/// The file's row, and whether an earlier file had the same bytes.
fn judge(d: &mut Deduper, p: &Prepared) -> Result<(FileRecord, bool), BuildError> {
    let mut rec = FileRecord {
        path: p.rel.clone(),
        size_bytes: p.size,
        raw_hash: p.raw_hash.clone(),
        status: FileStatus::Accepted,
        reason: None,
        encoding: None,
        doc_id: None,
    };
    let Some(raw) = &p.raw_hash else {
        rec.status = FileStatus::Rejected;
        rec.reason = p.outcome.as_ref().err().cloned();
        return Ok((rec, false));
    };
    let (doc_id, rejected) = match &p.outcome {
        Ok(f) => {
            rec.encoding = Some(f.encoding.clone());
            (Some(f.doc_id.as_str()), None)
        }
        Err(reason) => (None, Some(reason.as_str())),
    };
    let verdict = d.judge(&p.rel, raw, doc_id, rejected)?;
    let same_bytes = matches!(verdict, Verdict::SameBytes(_));
    match verdict {
        Verdict::New => {
            rec.doc_id = doc_id.map(str::to_string);
            if let Some(r) = rejected {
                rec.status = FileStatus::Rejected;
                rec.reason = Some(r.to_string());
            }
        }
        Verdict::SameBytes(k) | Verdict::SameText(k) if k.rejected.is_some() => {
            rec.status = FileStatus::Rejected;
            rec.reason = k.rejected.clone();
        }
        Verdict::SameBytes(k) => {
            rec.status = FileStatus::Duplicate;
            rec.reason = Some(format!("same bytes as {}", k.path));
            rec.doc_id = k.doc_id;
        }
        Verdict::SameText(k) => {
            rec.status = FileStatus::Duplicate;
            rec.reason = Some(format!("same text after normalization as {}", k.path));
            rec.doc_id = k.doc_id;
        }
    }
    Ok((rec, same_bytes))
}

/// The Parquet files of a release being written, each with its builder of pending rows.
struct Tables {
    writers: Vec<TableWriter>,
    builders: Vec<TableBuilder>,
}

impl Tables {
    fn create(dir: &Path) -> Result<Tables, BuildError> {
        let mut t = Tables {
            writers: Vec::new(),
            builders: Vec::new(),
        };
        for name in TABLES {
            t.writers.push(TableWriter::create(
                name,
                &dir.join(format!("{name}.parquet")),
            )?);
            t.builders.push(TableBuilder::new(name)?);
        }
        Ok(t)
    }

    /// Append a batch's rows and write them, the tables in parallel (building the Arrow
    /// arrays, encoding and zstd are the writer's work).
    fn append_and_write(&mut self, batch: &BatchOut) -> Result<(), BuildError> {
        self.writers
            .par_iter_mut()
            .zip(self.builders.par_iter_mut())
            .zip(TABLES.par_iter())
            .try_for_each(|((w, b), table)| {
                append_rows(table, b, batch)?;
                w.write(b)
            })
    }

    /// The sinks of the named tables, in that order (each table at most once), to be filled
    /// at the same time.
    fn sinks<const N: usize>(&mut self, names: [&str; N]) -> Result<[Sink<'_>; N], BuildError> {
        let mut all: Vec<Option<Sink<'_>>> = self
            .writers
            .iter_mut()
            .zip(self.builders.iter_mut())
            .map(|(writer, builder)| Some(Sink { writer, builder }))
            .collect();
        let mut out = Vec::with_capacity(N);
        for name in names {
            let i = table_index(name)?;
            out.push(
                all.get_mut(i)
                    .and_then(Option::take)
                    .ok_or_else(|| BuildError::Write {
                        table: name.into(),
                        message: "table asked for twice".into(),
                    })?,
            );
        }
        out.try_into().map_err(|_| BuildError::Write {
            table: "all".into(),
            message: "wrong number of tables".into(),
        })
    }

    fn close(self) -> Result<Vec<(&'static str, PathBuf, u64)>, BuildError> {
        let mut out = Vec::new();
        for (t, w) in TABLES.into_iter().zip(self.writers) {
            let (path, rows) = w.close()?;
            out.push((t, path, rows));
        }
        Ok(out)
    }
}

/// One table's file and pending rows, borrowed from [`Tables`].
struct Sink<'a> {
    writer: &'a mut TableWriter,
    builder: &'a mut TableBuilder,
}

impl Sink<'_> {
    /// Add one row, writing a row group when enough are pending.
    fn push(&mut self, row: &[Val]) -> Result<(), BuildError> {
        self.builder.push(row)?;
        if self.builder.len() >= crate::write::ROW_GROUP_ROWS {
            self.writer.write(self.builder)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), BuildError> {
        self.writer.write(self.builder)
    }
}

/// What the writer thread wrote (table, file, rows) and how long its parts took.
struct Written {
    files: Vec<(&'static str, PathBuf, u64)>,
    times: Vec<(&'static str, Duration)>,
}

/// The writer thread: appends each batch's rows to the per-document tables, a row group at a
/// time, and feeds the whole-corpus tables (passages, near-duplicates, stories), whose state is
/// kept in temporary files under `spill`; they are written after the last batch.
fn write_tables(
    dir: &Path,
    spill: &Path,
    budget: usize,
    rx: mpsc::Receiver<BatchOut>,
    nd_cfg: &NearDupConfig,
    story_cfg: &StoryConfig,
) -> Result<Written, BuildError> {
    let mut times = Vec::new();
    let mut t_batches = Duration::ZERO;
    let mut tables = Tables::create(dir)?;
    let mut passages = PassageCounter::with_budget(spill, budget)?;
    let mut near = NearDupClusterer::with_budget(spill, nd_cfg, budget)?;
    let mut stories = StoryGrouper::with_budget(spill, story_cfg, budget)?;
    let (mut t_tables, mut t_spill, mut t_wait) = (0.0f64, 0.0f64, Duration::ZERO);
    let mut tw = Instant::now();
    for batch in rx {
        t_wait += tw.elapsed();
        let t = Instant::now();
        // The tables' rows, and the whole-corpus state to disk, at the same time.
        let (written, spilled) = rayon::join(
            || timed(|| tables.append_and_write(&batch)),
            || {
                timed(|| -> Result<(), BuildError> {
                    for d in &batch.docs {
                        let sentences =
                            (d.sentences.iter().zip(&d.ids.sentence_hashes)).map(|(s, h)| {
                                SentenceRef {
                                    hash: h,
                                    text: d.text_of(&s.bytes),
                                    role: s.role,
                                }
                            });
                        passages.add_doc(source_of(&d.source_path), sentences)?;
                        near.add(&d.doc_id, &d.signature)?;
                        stories.add(&d.story)?;
                    }
                    Ok(())
                })
            },
        );
        t_tables += written.1;
        t_spill += spilled.1;
        written.0?;
        spilled.0?;
        t_batches += t.elapsed();
        tw = Instant::now();
    }
    if crate::spill::tracing() {
        eprintln!(
            "trace batches (writer): waiting for a batch {:.3}s, per-document tables {t_tables:.3}s, whole-corpus state {t_spill:.3}s",
            t_wait.as_secs_f64()
        );
    }
    times.push(("write batches (overlapped)", t_batches));
    let mut tr = crate::spill::Trace::start();

    // Tables that need the whole corpus, written after the last batch: passages on one side,
    // near-duplicates and then stories (which need the near-duplicate rows) on the other, so
    // that the sequential parts of each (merging sorted runs, building rows, encoding) run
    // on both cores. Each table has its own file, so the output does not depend on timing.
    let [mut sp, mut sn, mut ss] = tables.sinks(["passages", "near_duplicates", "stories"])?;
    let (t_passages, t_rest) = rayon::join(
        || -> Result<Duration, BuildError> {
            let t = Instant::now();
            passages.finish(|r| {
                sp.push(&[
                    Val::Str(Some(&r.sentence_hash)),
                    Val::Str(Some(&r.text)),
                    Val::Str(Some(r.role)),
                    Val::I64(Some(r.n_docs)),
                    Val::I64(Some(r.n_sources)),
                    Val::StrList(&r.sources),
                ])
            })?;
            sp.flush()?;
            Ok(t.elapsed())
        },
        || -> Result<(Duration, Duration), BuildError> {
            let t = Instant::now();
            near.finish(|r| {
                stories
                    .near_duplicate(&r.doc_id, &r.cluster_id)
                    .map_err(|e| BuildError::io(spill, e))?;
                sn.push(&[
                    Val::Str(Some(&r.doc_id)),
                    Val::Str(Some(&r.cluster_id)),
                    Val::F64(Some(r.jaccard)),
                ])
            })?;
            sn.flush()?;
            let t_near = t.elapsed();
            let t = Instant::now();
            stories.finish(&mut |r| {
                ss.push(&[
                    Val::Str(Some(&r.doc_id)),
                    Val::Str(Some(&r.story_id)),
                    Val::F64(Some(r.score)),
                    Val::Str(Some(&r.signals)),
                ])
            })?;
            ss.flush()?;
            Ok((t_near, t.elapsed()))
        },
    );
    let (t_near, t_stories) = t_rest?;
    times.push(("passages (beside the next two)", t_passages?));
    times.push(("near_duplicates", t_near));
    times.push(("stories", t_stories));
    tr.mark("whole-corpus tables");
    let t = Instant::now();
    let files = tables.close()?;
    times.push(("close", t.elapsed()));
    tr.mark("close");
    Ok(Written { files, times })
}

/// The result of `f` and its wall time in seconds.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed().as_secs_f64())
}

/// Append a batch's rows for one per-document table (the whole-corpus tables get none).
fn append_rows(table: &str, b: &mut TableBuilder, batch: &BatchOut) -> Result<(), BuildError> {
    if let Some(d) = batch.docs.iter().find(|d| !d.ids_fit()) {
        return Err(BuildError::Write {
            table: table.into(),
            message: format!("{}: row ids do not match the rows", d.source_path),
        });
    }
    match table {
        "files" => {
            for f in &batch.files {
                b.push(&[
                    Val::Str(Some(&f.path)),
                    Val::I64(Some(f.size_bytes as i64)),
                    Val::Str(f.raw_hash.as_deref()),
                    Val::Str(Some(f.status.as_str())),
                    Val::Str(f.reason.as_deref()),
                    Val::Str(f.encoding.as_deref()),
                    Val::Str(f.doc_id.as_deref()),
                ])?;
            }
        }
        "documents" => {
            for d in &batch.docs {
                let m = &d.doc.meta;
                b.push(&[
                    Val::Str(Some(&d.doc_id)),
                    Val::Str(Some(&d.source_path)),
                    Val::Str(Some(&d.raw_hash)),
                    Val::Str(Some(&d.encoding)),
                    Val::Str(m.title.as_deref()),
                    Val::Str(m.published.as_deref()),
                    Val::Str(m.dateline.as_deref()),
                    Val::StrList(&m.agencies),
                    Val::Str(d.doc.focus_country.as_deref()),
                    Val::I64(Some(d.n_chars)),
                    Val::I32(Some(d.sentences.len() as i32)),
                    Val::Str(Some(&d.doc.text)),
                ])?;
            }
        }
        "sentences" => {
            for d in &batch.docs {
                let ids = d.ids.sentence_ids.iter().zip(&d.ids.sentence_hashes);
                for (s, (id, hash)) in d.sentences.iter().zip(ids) {
                    b.push(&[
                        Val::Hex(Some(id)),
                        Val::Str(Some(&d.doc_id)),
                        Val::I32(Some(s.idx)),
                        Val::I64(Some(s.start)),
                        Val::I64(Some(s.end)),
                        Val::Str(Some(s.role)),
                        Val::Str(Some(d.text_of(&s.bytes))),
                        Val::Hex(Some(hash)),
                    ])?;
                }
            }
        }
        "numbers" => {
            for d in &batch.docs {
                for (n, id) in d.numbers.iter().zip(&d.ids.number_ids) {
                    let x = &n.mention;
                    b.push(&[
                        Val::Hex(Some(id)),
                        Val::Str(Some(&d.doc_id)),
                        Val::Hex(d.sentence_id_of(n)),
                        Val::I64(Some(n.start)),
                        Val::I64(Some(n.end)),
                        Val::Str(Some(d.text_of(&n.bytes))),
                        Val::Str(Some(x.kind.as_str())),
                        Val::F64(x.value),
                        Val::F64(x.lower),
                        Val::F64(x.upper),
                        Val::Str(x.iso.as_deref()),
                        Val::Str(x.modifier.as_deref()),
                        Val::Str(x.unit.as_deref()),
                        Val::Str(x.object.as_deref()),
                        Val::Bool(Some(x.vague)),
                    ])?;
                }
            }
        }
        "places" => {
            for d in &batch.docs {
                for (p, id) in d.places.iter().zip(&d.ids.place_ids) {
                    let x = &p.mention;
                    b.push(&[
                        Val::Hex(Some(id)),
                        Val::Str(Some(&d.doc_id)),
                        Val::Hex(d.sentence_id_of(p)),
                        Val::I64(Some(p.start)),
                        Val::I64(Some(p.end)),
                        Val::Str(Some(d.text_of(&p.bytes))),
                        Val::Str(Some(x.kind.as_str())),
                        Val::I64(x.geonameid.map(i64::from)),
                        Val::Str(x.name.as_deref()),
                        Val::Str(x.country_code.as_deref()),
                        Val::Str(x.feature_code.as_deref()),
                        Val::F64(x.lat),
                        Val::F64(x.lon),
                        Val::F32(Some(x.confidence)),
                    ])?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// What the cache is valid for: this very binary (so a code change never reuses stale
/// analyses), the gazetteer and the configuration.
fn fingerprint(cfg: &BuildConfig, gazetteer: &str) -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| manifest::file_hash(&p).ok())
        .map_or_else(|| crate::TOOL_VERSION.to_string(), |(h, _)| h);
    let key = format!(
        "{exe}\n{}\n{}\n{}",
        crate::TOOL_VERSION,
        gazetteer,
        config_json(cfg)
    );
    hash_hex(key.as_bytes())
}

fn table_index(table: &str) -> Result<usize, BuildError> {
    TABLES
        .iter()
        .position(|t| *t == table)
        .ok_or_else(|| BuildError::Write {
            table: table.into(),
            message: "not a table".into(),
        })
}

fn config_json(cfg: &BuildConfig) -> Value {
    json!({
        "near_duplicates": {
            "shingle_words": cfg.neardup.shingle,
            "num_perm": cfg.neardup.num_perm,
            "bands": cfg.neardup.bands,
            "threshold": cfg.neardup.threshold,
        },
        "stories": {
            "min_score": cfg.stories.min_score,
            "text_weight": cfg.stories.text_weight,
            "strong_text": cfg.stories.strong_text,
            "max_key_df": cfg.stories.max_key_df,
        },
        "max_file_bytes": cfg.max_file_bytes,
        "input_folders": cfg.inputs.len(),
    })
}

fn counts_json(s: &BuildSummary) -> Value {
    let reasons: serde_json::Map<String, Value> = s
        .rejected_by_reason
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({
        "files": s.files, "accepted": s.accepted, "duplicates": s.duplicates, "rejected": s.rejected,
        "input_bytes": s.input_bytes, "sentences": s.sentences, "numbers": s.numbers, "places": s.places,
        "rejected_by_reason": reasons,
    })
}

/// The counts of a kept release, as its manifest has them (the inverse of [`counts_json`]);
/// every file counts as unread and every document as reused.
fn summary_from_manifest(s: &mut BuildSummary, manifest: &Value) {
    let c = &manifest["counts"];
    let n = |k: &str| c[k].as_u64().unwrap_or(0);
    (s.files, s.accepted, s.duplicates, s.rejected) =
        (n("files"), n("accepted"), n("duplicates"), n("rejected"));
    (s.input_bytes, s.sentences, s.numbers, s.places) =
        (n("input_bytes"), n("sentences"), n("numbers"), n("places"));
    s.rejected_by_reason = c["rejected_by_reason"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0)))
                .collect()
        })
        .unwrap_or_default();
    s.corpus_hash = manifest["corpus_hash"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (s.cache_unread, s.cache_reused) = (s.files, s.accepted);
    s.reused = true;
}

/// The last build's release, when no input file changed since (the same paths, sizes and
/// modification times, in a cache of the same fingerprint), the release asked for is that one,
/// and it is still there as published (it passes `verify`). Costs a `stat` per input file and
/// reading the release once.
fn unchanged_release(
    cfg: &BuildConfig,
    cache: &Cache,
    candidates: &FileList,
    releases: &Path,
) -> Option<(String, Value)> {
    cache
        .last_build()
        .filter(|b| b.files == candidates.len() as u64)?;
    // Every file's raw hash from the stat cache, stopping at the first file it does not have
    // (after a small change that is one of the first files, so the check costs next to nothing).
    let hashes: Vec<String> = (0..candidates.len())
        .into_par_iter()
        .map(|i| {
            let c = candidates.get(i).filter(|c| c.problem.is_none())?;
            let stamp = Stamp::of(&std::fs::metadata(c.path(&cfg.inputs)?).ok()?)?;
            cache.raw_hash_if_unchanged(&c.rel, stamp)
        })
        .collect::<Option<_>>()?;
    let listing = (0..candidates.len()).map(|i| candidates.name(i));
    let built = cache.unchanged_input(listing.zip(hashes.iter().map(String::as_str)))?;
    let name =
        (cfg.release.clone()).unwrap_or_else(|| manifest::release_name_of(&built.corpus_hash));
    if name != built.release {
        return None;
    }
    let dir = releases.join(&name);
    let bytes = std::fs::read(dir.join(manifest::MANIFEST)).ok()?;
    let m: Value = serde_json::from_slice(&bytes).ok()?;
    let intact = m["corpus_hash"].as_str() == Some(built.corpus_hash.as_str())
        && crate::verify::verify(&dir).is_empty();
    intact.then_some((name, m))
}

/// A release name is one plain path component.
fn validate_release_name(name: &str) -> Result<(), BuildError> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'));
    if ok {
        Ok(())
    } else {
        Err(BuildError::BadReleaseName(name.to_string()))
    }
}

/// Remove what an interrupted build left behind (only ever under the lock).
fn clean_leftovers(releases: &Path) -> Result<(), BuildError> {
    let entries = std::fs::read_dir(releases).map_err(|e| BuildError::io(releases, e))?;
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with(".tmp-") {
            std::fs::remove_dir_all(e.path()).map_err(|err| BuildError::io(e.path(), err))?;
        }
    }
    Ok(())
}

/// What [`publish`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Published {
    New,
    /// The release existed with the same content.
    Kept,
    /// The release existed with the same corpus hash, but its files did not match its
    /// manifest: it was replaced.
    Repaired,
}

/// Move the finished temporary folder into place. Releases are immutable: an existing release
/// of the same name is kept when its corpus hash is the same and its files still match its
/// manifest, and an existing release with other content is an error, never silently
/// replaced. A damaged copy of the same release (a table truncated, edited or removed) is
/// replaced by the one just built, which is what it was published as.
fn publish(tmp: &Path, dest: &Path, hash: &str) -> Result<Published, BuildError> {
    let mut aside = None;
    if dest.exists() {
        let existing = std::fs::read(dest.join(manifest::MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|m| m["corpus_hash"].as_str().map(str::to_string));
        if existing.as_deref() != Some(hash) {
            std::fs::remove_dir_all(tmp).map_err(|e| BuildError::io(tmp, e))?;
            return Err(BuildError::ReleaseExists(dest.to_path_buf()));
        }
        if crate::verify::verify(dest).is_empty() {
            std::fs::remove_dir_all(tmp).map_err(|e| BuildError::io(tmp, e))?;
            return Ok(Published::Kept);
        }
        // Damaged: moved aside under a leftover name (the next build removes it if this one
        // stops here), so that the name never points at a mix of the two.
        let a = tmp.with_extension("damaged");
        std::fs::rename(dest, &a).map_err(|e| BuildError::io(dest, e))?;
        aside = Some(a);
    }
    std::fs::rename(tmp, dest).map_err(|e| BuildError::io(dest, e))?;
    if let Some(parent) = dest.parent() {
        sync_dir(parent)?;
    }
    match aside {
        Some(a) => {
            std::fs::remove_dir_all(&a).map_err(|e| BuildError::io(&a, e))?;
            Ok(Published::Repaired)
        }
        None => Ok(Published::New),
    }
}

/// Point `OUT/latest` at `releases/NAME` atomically (a new symlink renamed over the old one).
fn point_latest(out: &Path, name: &str) -> Result<(), BuildError> {
    let link = out.join("latest");
    let tmp = out.join(".latest.tmp");
    let _ = std::fs::remove_file(&tmp);
    #[cfg(unix)]
    std::os::unix::fs::symlink(Path::new("releases").join(name), &tmp)
        .map_err(|e| BuildError::io(&tmp, e))?;
    #[cfg(not(unix))]
    std::fs::write(&tmp, format!("releases/{name}\n")).map_err(|e| BuildError::io(&tmp, e))?;
    std::fs::rename(&tmp, &link).map_err(|e| BuildError::io(&link, e))?;
    sync_dir(out)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let mut f = File::create(path).map_err(|e| BuildError::io(path, e))?;
    std::io::Write::write_all(&mut f, bytes).map_err(|e| BuildError::io(path, e))?;
    f.sync_all().map_err(|e| BuildError::io(path, e))
}

fn sync_dir(dir: &Path) -> Result<(), BuildError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| BuildError::io(dir, e))?;
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_everything_in_order() {
        let c: FileList = (0..10)
            .map(|i| Candidate {
                rel: format!("{i}"),
                root: 0,
                size: 30,
                problem: None,
            })
            .collect();
        let b = batches(&c, 100);
        assert_eq!(b.iter().map(|x| x.len()).sum::<usize>(), 10);
        assert!(b.iter().all(|x| x.len() <= 4));
        assert!(b.windows(2).all(|w| w[0].end == w[1].start));
        assert!(batches(&FileList::default(), 100).is_empty());
    }

    #[test]
    fn release_names_are_plain() {
        assert!(validate_release_name("v1.0").is_ok());
        for bad in ["", "../x", ".hidden", "a/b"] {
            assert!(validate_release_name(bad).is_err(), "{bad}");
        }
    }
}
