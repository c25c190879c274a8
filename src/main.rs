//! The `newscorpus` command line.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use newscorpus::gazetteer::Gazetteer;
use newscorpus::pipeline::{BuildConfig, BuildSummary};

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
        #[arg(long, default_value_t = 32 << 20)]
        max_file_bytes: u64,
        /// Wait for another build of the same output folder to finish instead of refusing.
        #[arg(long)]
        wait: bool,
        /// Use this gazetteer file instead of the embedded one.
        #[arg(long)]
        gazetteer: Option<PathBuf>,
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
        } => {
            let threads = threads.unwrap_or_else(bench::default_threads);
            let gaz = load_gazetteer(gazetteer.as_ref())?;
            let corpus = bench::load_corpus(&dir, limit_mb.saturating_mul(1_000_000))?;
            let r = bench::run_stages(
                &corpus,
                &gaz,
                threads,
                &dir.display().to_string(),
                std::time::Duration::from_millis(min_ms),
            )?;
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

fn print_summary(s: &BuildSummary) {
    let verb = if s.reused {
        "unchanged (identical release kept)"
    } else {
        "written"
    };
    println!("release {} {verb}: {}", s.release, s.release_dir.display());
    println!("corpus hash {}", s.corpus_hash);
    println!(
        "files {} ({} accepted, {} duplicate, {} rejected), {:.1} MB in",
        s.files,
        s.accepted,
        s.duplicates,
        s.rejected,
        s.input_bytes as f64 / 1e6
    );
    for (reason, n) in &s.rejected_by_reason {
        println!("  rejected {n}: {reason}");
    }
    println!(
        "sentences {}, numbers {}, places {}",
        s.sentences, s.numbers, s.places
    );
    let stages: Vec<String> = s
        .stage_times
        .iter()
        .map(|(k, d)| format!("{k} {:.2}s", d.as_secs_f64()))
        .collect();
    println!(
        "time {:.2}s: {}",
        s.total_time.as_secs_f64(),
        stages.join(", ")
    );
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
            quiet,
        } => {
            if let Some(n) = threads {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n.max(1))
                    .build_global()
                    .context("setting up the thread pool")?;
            }
            let gaz = load_gazetteer(gazetteer.as_ref())?;
            let mut cfg = BuildConfig::new(inputs, out);
            cfg.release = release;
            cfg.max_file_bytes = max_file_bytes;
            cfg.wait_for_lock = wait;
            let log = |msg: &str| {
                if !quiet {
                    eprintln!("newscorpus: {msg}");
                }
            };
            let s = newscorpus::pipeline::build(&cfg, &gaz, &log)
                .with_context(|| format!("building into {}", cfg.out.display()))?;
            print_summary(&s);
        }
        Command::Verify { release_dir } => {
            let problems = newscorpus::verify::verify(&release_dir);
            if problems.is_empty() {
                println!("{}: OK", release_dir.display());
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
        Command::Bench(cmd) => run_bench(cmd)?,
    }
    Ok(())
}
