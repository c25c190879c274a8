//! Benchmarks behind `newscorpus bench`: the hashing floor (what reading and hashing the input
//! costs, the lower bound a build is compared against) and the throughput of each text stage
//! over a corpus held in memory, on one thread and on all threads.
//!
//! Stage timings run the same public functions the build composes in [`crate::analyze`], so
//! they measure whatever those stages are at the time; nothing here feeds into a release.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

use crate::gazetteer::Gazetteer;
use crate::normalize::{decode, normalize};
use crate::types::DocContext;
use crate::{analyze, rows, segment, structure, tag};

/// Per-core throughput targets of the issue, MB/s (stage name, target).
pub const STAGE_TARGETS: [(&str, f64); 3] =
    [("segment", 150.0), ("numbers", 200.0), ("places", 100.0)];

/// A stage is timed over the whole corpus repeatedly until at least this long has passed, so
/// that small corpora still give stable figures.
pub const MIN_STAGE_TIME: Duration = Duration::from_millis(300);

/// Errors of the benchmarks (I/O on the benchmark corpus, thread pool setup).
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} is not a folder")]
    NotADir(PathBuf),
    #[error("no readable files under {0}")]
    Empty(PathBuf),
    #[error("thread pool: {0}")]
    Pool(String),
    #[error("no stage is named {0:?} (the stages: {1})")]
    NoStage(Vec<String>, String),
}

/// The hashing floor: list, read and blake3 every file, in parallel.
#[derive(Debug, Clone, Serialize)]
pub struct HashFloor {
    pub dir: String,
    pub threads: usize,
    pub files: u64,
    pub bytes: u64,
    /// Walking the folder and stat-ing every file.
    pub list_secs: f64,
    /// Reading every file into memory and hashing it with blake3.
    pub read_hash_secs: f64,
    /// `list_secs + read_hash_secs`: the floor a build's wall time is compared against.
    pub total_secs: f64,
    /// MB/s (10^6 bytes) of `read_hash_secs`.
    pub read_hash_mb_s: f64,
    /// MB/s of `total_secs`.
    pub total_mb_s: f64,
    /// XOR of the first 8 bytes of every hash, printed so the work cannot be optimized away.
    pub checksum: String,
}

/// Every regular file under `dir` (symlinks not followed), sorted by path, with its size.
pub fn list_files(dir: &Path) -> Result<Vec<(PathBuf, u64)>, BenchError> {
    if !dir.is_dir() {
        return Err(BenchError::NotADir(dir.to_path_buf()));
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let e = entry.map_err(|e| BenchError::Io {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.into()),
            source: e.into(),
        })?;
        if e.file_type().is_file() {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            out.push((e.into_path(), size));
        }
    }
    Ok(out)
}

fn pool(threads: usize) -> Result<rayon::ThreadPool, BenchError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| BenchError::Pool(e.to_string()))
}

/// Threads used when none are asked for: every core rayon sees.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Read and blake3 every file under `dir` on `threads` threads (the way a build reads them:
/// each file whole into memory, then hashed).
pub fn hash_floor(dir: &Path, threads: usize) -> Result<HashFloor, BenchError> {
    let pool = pool(threads)?;
    let t = Instant::now();
    let files = list_files(dir)?;
    let list_secs = t.elapsed().as_secs_f64();
    if files.is_empty() {
        return Err(BenchError::Empty(dir.to_path_buf()));
    }
    let t = Instant::now();
    let results: Vec<Result<(u64, u64), BenchError>> = pool.install(|| {
        files
            .par_iter()
            .map(|(path, _)| {
                let bytes = std::fs::read(path).map_err(|e| BenchError::Io {
                    path: path.clone(),
                    source: e,
                })?;
                let h = blake3::hash(&bytes);
                let mut first = [0u8; 8];
                first.copy_from_slice(&h.as_bytes()[..8]);
                Ok((bytes.len() as u64, u64::from_le_bytes(first)))
            })
            .collect()
    });
    let read_hash_secs = t.elapsed().as_secs_f64();
    let (mut bytes, mut check) = (0u64, 0u64);
    for r in results {
        let (n, h) = r?;
        bytes += n;
        check ^= h;
    }
    let total_secs = list_secs + read_hash_secs;
    Ok(HashFloor {
        dir: dir.display().to_string(),
        threads: pool.current_num_threads(),
        files: files.len() as u64,
        bytes,
        list_secs,
        read_hash_secs,
        total_secs,
        read_hash_mb_s: mb_per_s(bytes, read_hash_secs),
        total_mb_s: mb_per_s(bytes, total_secs),
        checksum: format!("{check:016x}"),
    })
}

/// MB/s (10^6 bytes per second); 0 when no time was measured.
pub fn mb_per_s(bytes: u64, secs: f64) -> f64 {
    if secs > 0.0 {
        bytes as f64 / 1e6 / secs
    } else {
        0.0
    }
}

/// A corpus held in memory: raw file bytes, and the normalized texts of those that decode.
#[derive(Debug, Default)]
pub struct MemCorpus {
    pub raw: Vec<Vec<u8>>,
    pub texts: Vec<String>,
    /// The context each tagger gets, from the structure stage (computed once, untimed).
    pub contexts: Vec<DocContext>,
}

impl MemCorpus {
    pub fn raw_bytes(&self) -> u64 {
        self.raw.iter().map(|r| r.len() as u64).sum()
    }
    pub fn text_bytes(&self) -> u64 {
        self.texts.iter().map(|t| t.len() as u64).sum()
    }

    /// Build from raw file contents: decode, normalize and structure once, untimed.
    pub fn from_raw(raw: Vec<Vec<u8>>) -> MemCorpus {
        let texts: Vec<String> = raw
            .par_iter()
            .filter_map(|b| decode(b).and_then(|d| normalize(&d.text)).ok())
            .collect();
        let contexts = texts
            .par_iter()
            .map(|t| {
                let st = structure::analyze(t);
                DocContext {
                    published: st.meta.published,
                    dateline: st.meta.dateline,
                }
            })
            .collect();
        MemCorpus {
            raw,
            texts,
            contexts,
        }
    }
}

/// Read the files under `dir` in path order, stopping after `limit_bytes` (0: no limit).
pub fn load_corpus(dir: &Path, limit_bytes: u64) -> Result<MemCorpus, BenchError> {
    let mut files = list_files(dir)?;
    if limit_bytes > 0 {
        let mut total = 0u64;
        let keep = files
            .iter()
            .take_while(|(_, size)| {
                let under = total < limit_bytes;
                total += size;
                under
            })
            .count();
        files.truncate(keep);
    }
    let raw: Result<Vec<Vec<u8>>, BenchError> = files
        .par_iter()
        .map(|(p, _)| {
            std::fs::read(p).map_err(|e| BenchError::Io {
                path: p.clone(),
                source: e,
            })
        })
        .collect();
    let corpus = MemCorpus::from_raw(raw?);
    if corpus.texts.is_empty() {
        return Err(BenchError::Empty(dir.to_path_buf()));
    }
    Ok(corpus)
}

/// One stage's throughput on one thread and on `threads` threads.
#[derive(Debug, Clone, Serialize)]
pub struct StageResult {
    pub stage: &'static str,
    /// Bytes one pass goes over: raw bytes for decode+normalize, normalized text otherwise.
    pub bytes: u64,
    /// Wall-clock MB/s on one thread.
    pub single_mb_s: f64,
    /// MB per CPU-second of that thread: close to `single_mb_s` on a quiet machine, and the
    /// better estimate of per-core speed on a busy one (`None` where not measurable).
    pub single_cpu_mb_s: Option<f64>,
    /// Wall-clock MB/s on `threads` threads.
    pub multi_mb_s: f64,
    pub threads: usize,
    /// `multi_mb_s / single_mb_s`.
    pub speedup: f64,
    /// Per-core target of the issue, when it sets one for this stage.
    pub target_mb_s: Option<f64>,
    /// What one pass counted: sentences, figures, places... (figures per KB explain most of the
    /// number tagger's speed on a given corpus).
    pub items: u64,
}

/// Everything `bench stages` measured.
#[derive(Debug, Clone, Serialize)]
pub struct StagesReport {
    pub dir: String,
    pub documents: u64,
    pub raw_bytes: u64,
    pub text_bytes: u64,
    pub threads: usize,
    pub stages: Vec<StageResult>,
    /// Wall time of loading the gazetteer (the start-up cost of every build), set by the caller.
    pub gazetteer_load_ms: f64,
}

/// Names of the stages, in the order they are measured.
pub const STAGES: [&str; 10] = [
    "blake3 (in memory)",
    "decode+normalize",
    "structure",
    "segment",
    "numbers",
    "numbers (tokenizer only)",
    "places",
    "minhash signature (near-duplicates)",
    "analyze (all text stages)",
    "analyze+rows (ids, offsets)",
];

/// CPU time (user + system) of the calling thread, from `/proc/thread-self/stat` (Linux; 10 ms
/// resolution). `None` elsewhere. Used for the single-thread figures, which then hold on a
/// machine shared with other work: time spent waiting for a core is not counted.
pub fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    // USER_HZ is 100 on every Linux architecture the project targets.
    Some((utime + stime) / 100.0)
}

/// Time one pass of `stage` over the corpus on the current rayon pool; returns bytes, what a pass
/// counted, wall seconds and, when `cpu` is set and known, CPU seconds of this thread (the pass is
/// repeated until `min_time` (e.g. [`MIN_STAGE_TIME`]) has passed, in wall time and, when
/// measured, in CPU time, and the mean is taken).
fn time_stage(
    c: &MemCorpus,
    gaz: &Gazetteer,
    stage: &str,
    min_time: Duration,
    cpu: bool,
) -> (u64, u64, f64, Option<f64>) {
    let one_pass = || -> u64 {
        match stage {
            "blake3 (in memory)" => c
                .raw
                .par_iter()
                .map(|b| blake3::hash(b).as_bytes()[0] as u64)
                .sum(),
            "decode+normalize" => c
                .raw
                .par_iter()
                .map(|b| {
                    decode(b)
                        .and_then(|d| normalize(&d.text))
                        .map(|t| t.len() as u64)
                        .unwrap_or(0)
                })
                .sum(),
            "structure" => c
                .texts
                .par_iter()
                .map(|t| structure::analyze(t).blocks.len() as u64)
                .sum(),
            "segment" => c
                .texts
                .par_iter()
                .map(|t| segment::segment(t).len() as u64)
                .sum(),
            "numbers" => c
                .texts
                .par_iter()
                .zip(&c.contexts)
                .map(|(t, ctx)| tag::numbers::tag_numbers(t, ctx).len() as u64)
                .sum(),
            "numbers (tokenizer only)" => c
                .texts
                .par_iter()
                .map(|t| tag::numbers::tokenize_only(t) as u64)
                .sum(),
            "places" => c
                .texts
                .par_iter()
                .zip(&c.contexts)
                .map(|(t, ctx)| tag::places::tag_places(t, gaz, ctx).len() as u64)
                .sum(),
            "minhash signature (near-duplicates)" => {
                let cfg = crate::neardup::NearDupConfig::default();
                c.texts
                    .par_iter()
                    .map(|t| crate::neardup::signature(t, &cfg).len() as u64)
                    .sum()
            }
            "analyze (all text stages)" => c
                .texts
                .par_iter()
                .map(|t| {
                    let d = analyze::analyze(t.clone(), gaz);
                    (d.sentences.len() + d.numbers.len() + d.places.len()) as u64
                })
                .sum(),
            "analyze+rows (ids, offsets)" => c
                .texts
                .par_iter()
                .map(|t| {
                    let id = crate::dedupe::hash_hex(t.as_bytes());
                    let d = analyze::analyze(t.clone(), gaz);
                    let nd = crate::neardup::NearDupConfig::default();
                    let r = rows::DocRows::new(
                        id,
                        String::new(),
                        String::new(),
                        String::new(),
                        d,
                        (Vec::new(), None, None),
                        &nd,
                    );
                    (r.sentences.len() + r.numbers.len() + r.places.len()) as u64
                })
                .sum(),
            _ => 0,
        }
    };
    let bytes = if matches!(stage, "blake3 (in memory)" | "decode+normalize") {
        c.raw_bytes()
    } else {
        c.text_bytes()
    };
    let cpu0 = if cpu { thread_cpu_secs() } else { None };
    let cpu_used = || cpu0.and_then(|c0| thread_cpu_secs().map(|c1| c1 - c0));
    let t = Instant::now();
    let mut passes = 0u32;
    let mut items;
    loop {
        items = std::hint::black_box(one_pass());
        passes += 1;
        let enough_cpu = cpu_used().is_none_or(|c| c >= min_time.as_secs_f64());
        if (t.elapsed() >= min_time && enough_cpu) || passes >= 1000 {
            break;
        }
    }
    let n = f64::from(passes);
    (
        bytes,
        items,
        t.elapsed().as_secs_f64() / n,
        cpu_used().filter(|c| *c > 0.0).map(|c| c / n),
    )
}

/// Throughput of every stage over `corpus` (or of those whose name starts with one of `only`,
/// when it is not empty), on one thread and on `threads` threads.
pub fn run_stages(
    corpus: &MemCorpus,
    gaz: &Gazetteer,
    threads: usize,
    dir: &str,
    min_time: Duration,
    only: &[String],
) -> Result<StagesReport, BenchError> {
    let single = pool(1)?;
    let multi = pool(threads)?;
    let mut stages = Vec::new();
    let chosen =
        |stage: &str| only.is_empty() || only.iter().any(|o| stage.starts_with(o.as_str()));
    if !STAGES.iter().any(|s| chosen(s)) {
        return Err(BenchError::NoStage(only.to_vec(), STAGES.join(", ")));
    }
    for stage in STAGES.into_iter().filter(|s| chosen(s)) {
        let (bytes, items, s1, cpu1) =
            single.install(|| time_stage(corpus, gaz, stage, min_time, true));
        let (_, _, sn, _) = multi.install(|| time_stage(corpus, gaz, stage, min_time, false));
        let (single_mb_s, multi_mb_s) = (mb_per_s(bytes, s1), mb_per_s(bytes, sn));
        stages.push(StageResult {
            stage,
            bytes,
            single_mb_s,
            single_cpu_mb_s: cpu1.map(|c| mb_per_s(bytes, c)),
            multi_mb_s,
            threads: multi.current_num_threads(),
            speedup: if single_mb_s > 0.0 {
                multi_mb_s / single_mb_s
            } else {
                0.0
            },
            target_mb_s: STAGE_TARGETS
                .iter()
                .find(|(n, _)| *n == stage)
                .map(|(_, t)| *t),
            items,
        });
    }
    Ok(StagesReport {
        dir: dir.to_string(),
        documents: corpus.texts.len() as u64,
        raw_bytes: corpus.raw_bytes(),
        text_bytes: corpus.text_bytes(),
        threads: multi.current_num_threads(),
        stages,
        gazetteer_load_ms: 0.0,
    })
}

/// The hashing floor as a few human-readable lines.
pub fn format_hash_floor(h: &HashFloor) -> String {
    format!(
        "hashing floor over {}: {} files, {:.1} MB, {} threads\n\
         list {:.2}s, read+blake3 {:.2}s ({:.0} MB/s), total {:.2}s ({:.0} MB/s) [checksum {}]\n",
        h.dir,
        h.files,
        h.bytes as f64 / 1e6,
        h.threads,
        h.list_secs,
        h.read_hash_secs,
        h.read_hash_mb_s,
        h.total_secs,
        h.total_mb_s,
        h.checksum
    )
}

/// The stage report as a Markdown table.
pub fn format_stages(r: &StagesReport) -> String {
    let mut s = format!(
        "stage throughput over {} ({} documents, {:.1} MB raw, {:.1} MB normalized text, in memory)\n\n\
         | stage | MB/s, 1 thread | MB per CPU-s, 1 thread | MB/s, {} threads | speedup | target per core |\n\
         |---|---:|---:|---:|---:|---|\n",
        r.dir,
        r.documents,
        r.raw_bytes as f64 / 1e6,
        r.text_bytes as f64 / 1e6,
        r.threads
    );
    for st in &r.stages {
        let per_core = st.single_cpu_mb_s.unwrap_or(st.single_mb_s);
        let target = match st.target_mb_s {
            Some(t) if per_core >= t => format!("{t:.0} (met)"),
            Some(t) => format!("{t:.0} (NOT met)"),
            None => String::new(),
        };
        s.push_str(&format!(
            "| {} | {:.1} | {} | {:.1} | {:.2}x | {} |\n",
            st.stage,
            st.single_mb_s,
            st.single_cpu_mb_s
                .map(|c| format!("{c:.1}"))
                .unwrap_or_default(),
            st.multi_mb_s,
            st.speedup,
            target
        ));
    }
    s.push_str(&format!(
        "\ngazetteer load (start-up): {:.0} ms (target 300 ms)\n",
        r.gazetteer_load_ms
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_dir() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let article = "Title line\n\nDAMASCUS (Reuters) - At least 12 people were killed on \
                       Tuesday in Aleppo, officials said. Another 3 were hurt.\n";
        for i in 0..20 {
            std::fs::write(
                dir.path().join(format!("sub/{i}.txt")),
                article.repeat(i + 1),
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("empty.txt"), "").unwrap();
        dir
    }

    #[test]
    fn hash_floor_reads_every_file() {
        let dir = corpus_dir();
        let expected: u64 = list_files(dir.path()).unwrap().iter().map(|f| f.1).sum();
        let h = hash_floor(dir.path(), 2).unwrap();
        assert_eq!(h.files, 21);
        assert_eq!(h.bytes, expected);
        assert!(h.total_secs >= h.read_hash_secs);
        assert!(format_hash_floor(&h).contains("21 files"));
    }

    #[test]
    fn hash_floor_checksum_does_not_depend_on_threads() {
        let dir = corpus_dir();
        let a = hash_floor(dir.path(), 1).unwrap();
        let b = hash_floor(dir.path(), 3).unwrap();
        assert_eq!(a.checksum, b.checksum);
    }

    #[test]
    fn missing_or_empty_folders_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            hash_floor(dir.path(), 1),
            Err(BenchError::Empty(_))
        ));
        assert!(matches!(
            hash_floor(&dir.path().join("nope"), 1),
            Err(BenchError::NotADir(_))
        ));
    }

    #[test]
    fn load_corpus_respects_the_limit() {
        let dir = corpus_dir();
        let all = load_corpus(dir.path(), 0).unwrap();
        assert_eq!(all.raw.len(), 21);
        assert_eq!(all.texts.len(), 20); // the empty file does not decode
        let some = load_corpus(dir.path(), 1).unwrap();
        assert!(some.raw.len() < all.raw.len());
    }

    #[test]
    fn every_stage_is_measured() {
        let dir = corpus_dir();
        let c = load_corpus(dir.path(), 0).unwrap();
        let gaz = Gazetteer::embedded().unwrap();
        let r = run_stages(&c, &gaz, 2, "test", Duration::from_millis(1), &[]).unwrap();
        let names: Vec<&str> = r.stages.iter().map(|s| s.stage).collect();
        assert_eq!(names, STAGES);
        for s in &r.stages {
            assert!(s.bytes > 0, "{}", s.stage);
            assert!(s.single_mb_s > 0.0 && s.multi_mb_s > 0.0, "{}", s.stage);
        }
        // the corpus says `12 people`, `Tuesday` and `3` in each copy of the article
        let numbers = &r.stages[STAGES.iter().position(|s| *s == "numbers").unwrap()];
        assert_eq!(numbers.items, 3 * (1..=20).sum::<u64>());
        let table = format_stages(&r);
        assert!(table.contains("| segment |"));
        assert!(table.contains("target per core"));
    }

    #[test]
    fn only_the_chosen_stages_are_measured() {
        let dir = corpus_dir();
        let c = load_corpus(dir.path(), 0).unwrap();
        let gaz = Gazetteer::embedded().unwrap();
        let only = ["numbers".to_string()];
        let r = run_stages(&c, &gaz, 1, "test", Duration::from_millis(1), &only).unwrap();
        let names: Vec<&str> = r.stages.iter().map(|s| s.stage).collect();
        assert_eq!(names, ["numbers", "numbers (tokenizer only)"]);
        // the tokenizer finds more places a figure may start than there are figures
        assert!(r.stages[1].items >= r.stages[0].items);
        // a name that starts no stage is an error, not an empty report
        let typo = ["nubmers".to_string()];
        let e = run_stages(&c, &gaz, 1, "test", Duration::from_millis(1), &typo).unwrap_err();
        assert!(e.to_string().contains("nubmers"), "{e}");
    }

    #[test]
    fn thread_cpu_time_grows_with_work() {
        let Some(a) = thread_cpu_secs() else {
            return; // not Linux
        };
        let t = Instant::now();
        let mut x = 0u64;
        while t.elapsed() < Duration::from_millis(60) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let b = thread_cpu_secs().unwrap();
        assert!(b >= a);
        assert!(b - a < 10.0);
    }

    #[test]
    fn mb_per_s_handles_zero_time() {
        assert_eq!(mb_per_s(1_000_000, 0.0), 0.0);
        assert!((mb_per_s(2_000_000, 1.0) - 2.0).abs() < 1e-9);
    }
}
