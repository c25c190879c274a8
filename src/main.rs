//! The `newscorpus` command line.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use newscorpus::gazetteer::Gazetteer;

/// mimalloc instead of the system allocator: the text stages allocate many small, short-lived
/// values on every thread, and glibc's malloc took about a fifth of a build's CPU time.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use newscorpus::pipeline::{BuildConfig, BuildSummary, GazetteerSource, Progress};

#[derive(Parser)]
#[command(
    name = "newscorpus",
    version,
    about = "Folders of news articles in, a versioned, reproducible Parquet corpus out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a release from folders of articles: OUT/releases/NAME, with OUT/latest pointing at it.
    Build {
        /// Input folder (repeat for several); every file under it is read.
        #[arg(long = "input", default_value = "seeds")]
        inputs: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Release name (default: dev-<first 12 hex of the corpus hash>, the same for the same input).
        #[arg(long)]
        release: Option<String>,
        /// Worker threads (default: all cores). Output is identical for any value.
        #[arg(long)]
        threads: Option<usize>,
        /// Reject files larger than this many bytes without reading them.
        #[arg(long, default_value_t = newscorpus::pipeline::DEFAULT_MAX_FILE_BYTES)]
        max_file_bytes: u64,
        /// Wait for another build of the same output folder to finish instead of refusing.
        #[arg(long)]
        wait: bool,
        /// Use this gazetteer file instead of the embedded one.
        #[arg(long)]
        gazetteer: Option<PathBuf>,
        /// Near-duplicates: estimated Jaccard similarity of word shingles from which two documents
        /// are near-copies (0.5: about 7% of words edited, or half the text cut).
        #[arg(long, default_value_t = newscorpus::neardup::NearDupConfig::default().threshold)]
        near_dup_threshold: f64,
        /// Near-duplicates: words per shingle (5: long enough that common phrases are not shared
        /// by chance, short enough that a few edits leave most shingles intact).
        #[arg(long, default_value_t = newscorpus::neardup::NearDupConfig::default().shingle)]
        shingle_words: usize,
        /// Do not reuse (or write) the cache of earlier builds in OUT/cache.
        #[arg(long)]
        no_cache: bool,
        /// Memory, in MiB, of each external sort of the whole-corpus tables (their state is on
        /// disk; a few such sorts run at once). More is faster on large corpora; the output is
        /// the same for any value.
        #[arg(long, default_value_t = (newscorpus::spill::SORT_BUDGET >> 20) as u64, value_parser = clap::value_parser!(u64).range(1..=65536))]
        sort_memory_mb: u64,
        /// Print only the summary, no progress lines.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check a release: every table file against the manifest's hashes and row counts.
    Verify {
        /// The release folder (e.g. out/latest or out/releases/NAME).
        release_dir: PathBuf,
    },
    /// Annotate JSON Lines `{"id", "text"}` from stdin: sentences, numbers and places, one line out per line in.
    Annotate {
        /// Keep the input text as it is (offsets then point into the input text).
        #[arg(long)]
        no_normalize: bool,
        /// Use this gazetteer file instead of the embedded one.
        #[arg(long)]
        gazetteer: Option<PathBuf>,
    },
    /// Near-duplicate clusters of JSON Lines `{"id", "text"}` from stdin: one JSON line
    /// `{"doc_id", "cluster_id", "jaccard"}` per document in a cluster of two or more.
    #[command(hide = true)]
    Neardup {
        /// Words per shingle.
        #[arg(long, default_value_t = newscorpus::neardup::NearDupConfig::default().shingle)]
        shingle: usize,
        /// Jaccard similarity from which two texts are near-duplicates.
        #[arg(long, default_value_t = newscorpus::neardup::NearDupConfig::default().threshold)]
        threshold: f64,
        /// MinHash signature length.
        #[arg(long, default_value_t = newscorpus::neardup::NearDupConfig::default().num_perm)]
        num_perm: usize,
        /// LSH bands (each of num_perm / bands rows).
        #[arg(long, default_value_t = newscorpus::neardup::NearDupConfig::default().bands)]
        bands: usize,
    },
    /// Benchmarks: the hashing floor and per-stage throughput (see BENCHMARKS.md).
    #[command(subcommand)]
    Bench(BenchCommand),
}

// ---- `newscorpus bench` (measurement only; nothing here touches a release) ----

#[derive(Subcommand)]
enum BenchCommand {
    /// The hashing floor: list, read and blake3 every file under DIR on all threads; MB/s.
    Hash {
        dir: PathBuf,
        /// Threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Per-stage throughput (decode+normalize, structure, segment, numbers, places, all of
    /// analyze), single-thread and all threads, over the files under DIR held in memory.
    Stages {
        dir: PathBuf,
        /// Threads for the parallel figures (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Load at most about this many MB of files, in path order (0: all).
        #[arg(long, default_value_t = 0)]
        limit_mb: u64,
        /// Time each stage for at least this many milliseconds (whole passes, mean taken).
        #[arg(long, default_value_t = 300)]
        min_ms: u64,
        /// Use this gazetteer file instead of the embedded one.
        #[arg(long)]
        gazetteer: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Measure only the stages whose name starts with one of these (comma-separated:
        /// `--only numbers` gives the number tagger and its tokenizer alone).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
}

fn run_bench(cmd: BenchCommand) -> Result<()> {
    use newscorpus::bench;
    match cmd {
        BenchCommand::Hash { dir, threads, json } => {
            let threads = threads.unwrap_or_else(bench::default_threads);
            let h = bench::hash_floor(&dir, threads)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&h)?);
            } else {
                print!("{}", bench::format_hash_floor(&h));
            }
        }
        BenchCommand::Stages {
            dir,
            threads,
            limit_mb,
            min_ms,
            gazetteer,
            json,
            only,
        } => {
            let threads = threads.unwrap_or_else(bench::default_threads);
            let t = std::time::Instant::now();
            let gaz = load_gazetteer(gazetteer.as_ref())?;
            let gazetteer_load_ms = t.elapsed().as_secs_f64() * 1e3;
            let corpus = bench::load_corpus(&dir, limit_mb.saturating_mul(1_000_000))?;
            let mut r = bench::run_stages(
                &corpus,
                &gaz,
                threads,
                &dir.display().to_string(),
                std::time::Duration::from_millis(min_ms),
                &only,
            )?;
            r.gazetteer_load_ms = gazetteer_load_ms;
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                print!("{}", bench::format_stages(&r));
            }
        }
    }
    Ok(())
}

// ---- end of `newscorpus bench` ----

fn load_gazetteer(path: Option<&PathBuf>) -> Result<Gazetteer> {
    match path {
        Some(p) => {
            Gazetteer::from_path(p).with_context(|| format!("loading gazetteer {}", p.display()))
        }
        None => Gazetteer::embedded().context("loading the embedded gazetteer"),
    }
}

/// Progress on stderr: a bar on an interactive terminal, plain log lines otherwise.
struct Reporter {
    quiet: bool,
    bar: Option<indicatif::ProgressBar>,
    last_line: std::cell::Cell<std::time::Instant>,
}

impl Reporter {
    fn new(quiet: bool) -> Reporter {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(0);
            let style = indicatif::ProgressStyle::with_template(
                "{elapsed_precise} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, eta {eta}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Reporter {
            quiet,
            bar,
            last_line: std::cell::Cell::new(std::time::Instant::now()),
        }
    }

    fn report(&self, p: Progress) {
        if self.quiet && p != Progress::WaitingForLock {
            return;
        }
        match (&self.bar, p) {
            // even with --quiet: a build that blocks says why (before any progress bar)
            (_, Progress::WaitingForLock) => {
                eprintln!("newscorpus: another build holds the lock on the output folder; waiting");
            }
            (Some(bar), Progress::Discovered { files, bytes }) => {
                bar.set_length(bytes);
                bar.set_message(format!("0/{files} files"));
            }
            (Some(bar), Progress::Processed { files, bytes }) => {
                bar.set_position(bytes);
                bar.set_message(format!("{files} files"));
            }
            (None, Progress::Discovered { files, bytes }) => {
                eprintln!(
                    "newscorpus: discovered {files} files, {:.1} MB",
                    bytes as f64 / 1e6
                );
            }
            (None, Progress::Processed { files, bytes }) => {
                // At most a line every 2 seconds in logs.
                if self.last_line.get().elapsed().as_secs_f64() >= 2.0 {
                    self.last_line.set(std::time::Instant::now());
                    eprintln!(
                        "newscorpus: processed {files} files, {:.1} MB",
                        bytes as f64 / 1e6
                    );
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The summary on stdout; a closed stdout (`| head`) is not an error worth a panic.
fn print_summary(s: &BuildSummary) {
    let mut out = std::io::stdout().lock();
    let _ = write_summary(&mut out, s);
}

fn write_summary(out: &mut impl Write, s: &BuildSummary) -> std::io::Result<()> {
    let verb = if s.reused {
        "unchanged (identical release kept)"
    } else if s.repaired {
        "rewritten (the existing copy did not match its manifest)"
    } else {
        "written"
    };
    writeln!(
        out,
        "release {} {verb}: {}",
        s.release,
        s.release_dir.display()
    )?;
    writeln!(out, "corpus hash {}", s.corpus_hash)?;
    writeln!(
        out,
        "files {} ({} accepted, {} duplicate, {} rejected), {:.1} MB in",
        s.files,
        s.accepted,
        s.duplicates,
        s.rejected,
        s.input_bytes as f64 / 1e6
    )?;
    for (reason, n) in &s.rejected_by_reason {
        writeln!(out, "  rejected {n}: {reason}")?;
    }
    if s.cache_reused > 0 {
        writeln!(
            out,
            "cache: {} documents reused, {} files not read (unchanged)",
            s.cache_reused, s.cache_unread
        )?;
    }
    writeln!(
        out,
        "sentences {}, numbers {}, places {}",
        s.sentences, s.numbers, s.places
    )?;
    let stages: Vec<String> = s
        .stage_times
        .iter()
        .map(|(k, d)| format!("{k} {:.2}s", d.as_secs_f64()))
        .collect();
    writeln!(
        out,
        "time {:.2}s: {}",
        s.total_time.as_secs_f64(),
        stages.join(", ")
    )?;
    Ok(())
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            inputs,
            out,
            release,
            threads,
            max_file_bytes,
            wait,
            gazetteer,
            near_dup_threshold,
            shingle_words,
            no_cache,
            sort_memory_mb,
            quiet,
        } => {
            if let Some(n) = threads {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()
                    .context("setting up the thread pool")?;
            }
            let gaz = match gazetteer {
                Some(p) => GazetteerSource::File(p),
                None => GazetteerSource::Embedded,
            };
            let mut cfg = BuildConfig::new(inputs, out);
            cfg.release = release;
            cfg.max_file_bytes = max_file_bytes;
            cfg.wait_for_lock = wait;
            cfg.cache = !no_cache;
            cfg.sort_budget = (sort_memory_mb as usize) << 20;
            cfg.neardup.threshold = near_dup_threshold;
            cfg.neardup.shingle = shingle_words;
            cfg.neardup
                .validate()
                .context("--near-dup-threshold / --shingle-words")?;
            let reporter = Reporter::new(quiet);
            let s = newscorpus::pipeline::build(&cfg, gaz, &|p| reporter.report(p))
                .with_context(|| format!("building into {}", cfg.out.display()))?;
            reporter.finish();
            print_summary(&s);
        }
        Command::Verify { release_dir } => {
            let problems = newscorpus::verify::verify(&release_dir);
            if problems.is_empty() {
                let _ = writeln!(std::io::stdout(), "{}: OK", release_dir.display());
            } else {
                for p in &problems {
                    eprintln!("{}: {p}", release_dir.display());
                }
                anyhow::bail!("{} problem(s) in {}", problems.len(), release_dir.display());
            }
        }
        Command::Annotate {
            no_normalize,
            gazetteer,
        } => {
            let gaz = load_gazetteer(gazetteer.as_ref())?;
            let stdin = std::io::stdin().lock();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for (n, line) in stdin.lines().enumerate() {
                let line = line.context("reading stdin")?;
                if line.trim().is_empty() {
                    continue;
                }
                let json = newscorpus::annotate::annotate_line(&line, !no_normalize, &gaz)
                    .with_context(|| format!("stdin line {}", n + 1))?;
                writeln!(out, "{json}")?;
            }
            out.flush()?;
        }
        Command::Neardup {
            shingle,
            threshold,
            num_perm,
            bands,
        } => {
            let cfg = newscorpus::neardup::NearDupConfig {
                shingle,
                num_perm,
                bands,
                threshold,
            };
            let stdin = std::io::stdin().lock();
            let out = std::io::BufWriter::new(std::io::stdout().lock());
            newscorpus::neardup::neardup_jsonl(stdin, out, &cfg)?;
        }
        Command::Bench(cmd) => run_bench(cmd)?,
    }
    Ok(())
}
