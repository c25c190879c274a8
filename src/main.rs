//! The `newscorpus` command line.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use newscorpus::gazetteer::Gazetteer;

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
}

fn load_gazetteer(path: Option<&PathBuf>) -> Result<Gazetteer> {
    match path {
        Some(p) => {
            Gazetteer::from_path(p).with_context(|| format!("loading gazetteer {}", p.display()))
        }
        None => Gazetteer::embedded().context("loading the embedded gazetteer"),
    }
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.command {
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
    }
    Ok(())
}
