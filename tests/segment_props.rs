//! Properties of `segment::segment` on arbitrary input, and two opt-in tools:
//! - `SEG_BENCH_DIR=<dir> cargo test --release --test segment_props -- --ignored --nocapture bench`
//!   measures single-thread throughput on every `*.txt` under a directory (normalized first);
//! - `SEG_DUMP=<file> cargo test --release --test segment_props -- --ignored --nocapture dump`
//!   prints the sentences of files or directories (comma-separated; normalized), for reading.

use std::path::{Path, PathBuf};

use newscorpus::normalize::normalize;
use newscorpus::segment::{segment, throughput_mb_s};
use proptest::prelude::*;

/// Checks every invariant of the span list for `text`.
fn check(text: &str) -> Result<(), TestCaseError> {
    let spans = segment(text);
    let mut prev_end = 0;
    for s in &spans {
        prop_assert!(s.start < s.end, "empty span {:?}", s);
        prop_assert!(s.start >= prev_end, "overlap or disorder at {:?}", s);
        prop_assert!(s.end <= text.len());
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = &text[s.clone()];
        prop_assert_eq!(t.trim(), t, "not trimmed");
        prev_end = s.end;
    }
    // Every non-whitespace character is inside a span.
    let mut it = spans.iter().peekable();
    for (i, c) in text.char_indices() {
        while it.peek().is_some_and(|s| s.end <= i) {
            it.next();
        }
        if !c.is_whitespace() {
            prop_assert!(
                it.peek().is_some_and(|s| s.start <= i),
                "char {:?} at {} not covered",
                c,
                i
            );
        }
    }
    Ok(())
}

const TRICKY: &str = "[a-zA-Z0-9 .!?\"'“”‘’()\\[\\]…\n\t,:;@/$%&•⁃é中。！\u{a0}\u{2009}-]{0,160}";

proptest! {
    // 2000 cases each unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_on_tricky_chars(text in TRICKY) {
        check(&text)?;
    }

    #[test]
    fn invariants_on_any_string(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn invariants_on_sentence_like_text(
        parts in prop::collection::vec(
            (
                prop::sample::select(vec!["The", "U.S.", "Mr.", "It", "he", "1.", "a.", "•", "\"Why?\"", "Inc.", "e.g.", "No.", "(AP)", "...", ". . .", "2)", "Sept.", "J."]),
                prop::sample::select(vec![" ", "\n", "\n\n", ". ", "! ", "? ", ".\n", "", " \n", "…"]),
            ),
            0..40,
        )
    ) {
        let text: String = parts.iter().flat_map(|(w, s)| [*w, *s]).collect();
        check(&text)?;
    }
}

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// Nanoseconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

#[test]
#[ignore = "timing; run in release with SEG_BENCH_DIR set"]
fn bench() {
    let Ok(dir) = std::env::var("SEG_BENCH_DIR") else {
        eprintln!("SEG_BENCH_DIR not set");
        return;
    };
    let mut files = Vec::new();
    txt_files(Path::new(&dir), &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| normalize(&String::from_utf8_lossy(&b)).ok())
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let bytes: usize = refs.iter().map(|t| t.len()).sum();
    let sentences: usize = refs.iter().map(|t| segment(t).len()).sum();
    if let Some(n) = std::env::var("SEG_BENCH_PASSES")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        // A fixed amount of work, for `perf stat` (instructions and cycles per byte).
        let s: usize = (0..n)
            .map(|_| newscorpus::segment::bench_pass(&refs).1)
            .sum();
        println!("segment: {n} passes, {s} sentences");
        return;
    }
    let cpu0 = thread_cpu_ns();
    let wall0 = std::time::Instant::now();
    let mbs = throughput_mb_s(&refs, 3.0);
    let wall = wall0.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns().zip(cpu0).map(|(a, b)| (a - b) as f64 / 1e9);
    // On a loaded machine wall time overstates the cost; time on CPU (Linux) does not.
    let cpu_mbs = cpu.map(|c| mbs * wall / c);
    println!(
        "segment: {} files, {:.1} MB normalized, {} sentences, {:.0} MB/s wall, {} MB/s on CPU, single thread",
        refs.len(),
        bytes as f64 / 1e6,
        sentences,
        mbs,
        cpu_mbs.map_or("?".to_string(), |m| format!("{m:.0}"))
    );
}

#[test]
#[ignore = "prints the sentences of SEG_DUMP"]
fn dump() {
    let Ok(path) = std::env::var("SEG_DUMP") else {
        return;
    };
    let mut files = Vec::new();
    for p in path.split(',') {
        let p = PathBuf::from(p);
        if p.is_dir() {
            txt_files(&p, &mut files);
        } else {
            files.push(p);
        }
    }
    for p in &files {
        let p = p.display();
        let Ok(bytes) = std::fs::read(p.to_string()) else {
            continue;
        };
        let Ok(text) = normalize(&String::from_utf8_lossy(&bytes)) else {
            continue;
        };
        println!("=== {p}");
        for s in segment(&text) {
            println!("[{}]", text[s].replace('\n', "⏎"));
        }
    }
}
