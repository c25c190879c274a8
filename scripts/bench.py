#!/usr/bin/env python3
"""`just bench [SIZE]`: speed and scale of `newscorpus build`, in one run.

Steps (each one's figures go to out/bench/results.json, and a Markdown report is printed and
written to out/bench/results.md, ready to paste into BENCHMARKS.md):
  1. unpack the benchmark news (NEWSCORPUS_CORPORA_DIR/news-bbc-reuters.tar.zst) into WORK/src;
  2. make the deterministic benchmark corpus of SIZE MB and a SMALL MB one (make_bench_corpus.py);
  3. the hashing floor: `newscorpus bench hash` over the same files (after one untimed warm-up
     pass, so every figure is for a warm page cache);
  4. a full build on all threads: wall time, MB/s, documents/s, peak RSS, time per stage;
  5. the same build with --threads 1 (speedup), and a build of the SMALL corpus (RSS growth);
  6. a rebuild after changing 1% of the files (into the same output folder, so any
     incremental cache of the build is used); the files are restored afterwards;
  7. per-stage throughput in memory: `newscorpus bench stages` over the first STAGES_MB;
  8. the number tagger alone on each source of the original news (`bench stages SRC --only numbers`):
     its speed follows the figures per KB, which differ twofold between the sources.
Peak RSS is the child's ru_maxrss from wait4(2), one figure per process.

Usage: bench.py --corpora-dir DIR --bin target/release/newscorpus [--size-mb 500] [--work out/bench]
Only the Python standard library is needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_bench_corpus as mbc  # noqa: E402

ARCHIVE = "news-bbc-reuters.tar.zst"
SEED = 7

# Targets of issue 7.
TARGET_FLOOR_RATIO = 0.5  # build throughput at least half the hashing floor's
TARGET_RSS_PER_GB = 1 << 30  # peak RSS under 1 GiB for 1 GB of input
TARGET_GROWTH = 0.20  # RSS growth from SMALL to SIZE under 20%
TARGET_SPEEDUP_2 = 1.8  # 2 threads at least 1.8x one
TARGET_REBUILD = 0.10  # a 1% rebuild at most 10% of a full build


def log(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- machine and load


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "ram_gib": round(mem_kb / (1 << 20), 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def loadavg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return []


def git_rev(repo: Path) -> str:
    try:
        rev = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# ---------------------------------------------------------------- running and measuring


def run_measured(cmd: list[str], log_path: Path) -> dict:
    """Run cmd to completion; wall time, peak RSS (wait4's ru_maxrss) and its stdout."""
    with open(log_path.with_suffix(".out"), "wb") as out, open(log_path.with_suffix(".err"), "wb") as err:
        t0 = time.monotonic()
        # NEWSCORPUS_TRACE: builds print wall and CPU time of their whole-corpus steps (stderr)
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, "NEWSCORPUS_TRACE": "1"})
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
    stdout = log_path.with_suffix(".out").read_text(errors="replace")
    stderr = log_path.with_suffix(".err").read_text(errors="replace")
    if p.returncode != 0:
        tail = log_path.with_suffix(".err").read_text(errors="replace")[-2000:]
        raise SystemExit(f"bench: {' '.join(cmd)} failed (exit {p.returncode}):\n{tail}")
    return {
        "cmd": " ".join(cmd),
        "wall_secs": wall,
        "user_secs": ru.ru_utime,
        "sys_secs": ru.ru_stime,
        "peak_rss_bytes": ru.ru_maxrss * 1024,  # Linux reports KiB
        "stdout": stdout,
        "trace": parse_trace(stderr),
    }


TRACE_LINE = re.compile(r"^trace (.+?): wall ([\d.]+)s cpu ([\d.]+)s", re.M)


def parse_trace(stderr: str) -> dict:
    """Wall and CPU seconds of the build's whole-corpus steps (`NEWSCORPUS_TRACE` lines)."""
    return {m[1]: {"wall_secs": float(m[2]), "cpu_secs": float(m[3])} for m in TRACE_LINE.finditer(stderr)}


TIME_LINE = re.compile(r"^time ([\d.]+)s: (.*)$", re.M)
STAGE = re.compile(r"\s*(.+?) ([\d.]+)s$")
FILES_LINE = re.compile(
    r"^files (\d+) \((\d+) accepted, (\d+) duplicate, (\d+) rejected\), ([\d.]+) MB in", re.M)


def parse_summary(stdout: str) -> dict:
    """Counts and stage times from the build's summary; missing pieces are left out, not guessed."""
    out: dict = {}
    m = FILES_LINE.search(stdout)
    if m:
        out.update(files=int(m[1]), accepted=int(m[2]), duplicates=int(m[3]), rejected=int(m[4]),
                   input_mb=float(m[5]))
    m = TIME_LINE.search(stdout)
    if m:
        out["reported_total_secs"] = float(m[1])
        stages = {}
        for part in m[2].split(", "):
            s = STAGE.match(part)
            if s:
                stages[s[1]] = float(s[2])
        out["stage_secs"] = stages
    m = re.search(r"^release (\S+)", stdout, re.M)
    if m:
        out["release"] = m[1]
    return out


def build(binary: str, inputs: Path, out: Path, logs: Path, name: str, threads: int | None = None,
          fresh: bool = True, prefix: list[str] | None = None) -> dict:
    if fresh and out.exists():
        shutil.rmtree(out)
    cmd = [*(prefix or []), binary, "build", "--input", str(inputs), "--out", str(out), "--quiet"]
    if threads:
        cmd += ["--threads", str(threads)]
    log(f"{name}: {' '.join(cmd)}")
    r = run_measured(cmd, logs / name)
    r.update(parse_summary(r["stdout"]))
    r["load_after"] = loadavg()
    mb = r.get("input_mb") or 0.0
    r["mb_per_s"] = mb / r["wall_secs"] if r["wall_secs"] else 0.0
    r["docs_per_s"] = r.get("accepted", 0) / r["wall_secs"] if r["wall_secs"] else 0.0
    r["cpu_secs"] = r["user_secs"] + r["sys_secs"]
    r["mb_per_cpu_s"] = mb / r["cpu_secs"] if r["cpu_secs"] else 0.0
    log(f"{name}: {r['wall_secs']:.2f}s, {r['mb_per_s']:.1f} MB/s, peak RSS {r['peak_rss_bytes'] / 2**20:.0f} MiB")
    return r


def bench_json(binary: str, args: list[str], logs: Path, name: str) -> dict:
    log(f"{name}: {binary} {' '.join(args)}")
    r = run_measured([binary, *args, "--json"], logs / name)
    data = json.loads(r["stdout"])
    data["peak_rss_bytes"] = r["peak_rss_bytes"]
    data["cpu_secs"] = r["user_secs"] + r["sys_secs"]
    data["wall_secs"] = r["wall_secs"]
    return data


def numbers_by_source(binary: str, corpus: Path, logs: Path, min_ms: int = 1000) -> list[dict]:
    """The number tagger and its tokenizer on one thread over each top-level source folder of the
    corpus's original news (`orig/bbc`, `orig/reuters21578`)."""
    out = []
    orig = corpus / "orig"
    for src in sorted(p for p in orig.iterdir() if p.is_dir()) if orig.is_dir() else []:
        data = bench_json(binary, ["bench", "stages", str(src), "--only", "numbers", "--threads", "1",
                                   "--min-ms", str(min_ms)], logs, f"numbers_{src.name}")
        row = {"source": src.name, "documents": data["documents"], "text_bytes": data["text_bytes"]}
        for st in data["stages"]:
            key = "tokenizer" if "tokenizer" in st["stage"] else "numbers"
            row[f"{key}_cpu_mb_s"] = st.get("single_cpu_mb_s") or st["single_mb_s"]
            row[f"{key}_items"] = st["items"]
        out.append(row)
    return out


def change_files(corpus: Path, share: float) -> list[tuple[Path, bytes]]:
    """Edit every (1/share)-th file in path order (a figure changed and a line added); return
    the originals so that they can be restored."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    step = max(1, round(1 / share))
    saved = []
    for i, p in enumerate(files[::step]):
        data = p.read_bytes()
        saved.append((p, data))
        p.write_bytes(data.rstrip(b"\n") + f"\n\nUpdated: {i + 1} more people were counted later.\n".encode())
    return saved


# ---------------------------------------------------------------- report


def fmt_mb(b: float) -> str:
    return f"{b / 1e6:.1f} MB"


def fmt_mib(b: float) -> str:
    return f"{b / 2**20:.0f} MiB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**not met**")


def markdown(res: dict) -> str:
    m, c, h = res["machine"], res["corpus"], res["hash_floor"]
    full, lines = res["build_full"], []
    add = lines.append
    add(f"### Run of {res['date_utc']} (commit {res['commit']}, {c['bytes'] / 1e6:.0f} MB corpus)")
    add("")
    add(f"- Machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gib']} GiB RAM, Linux {m['kernel']}.")
    add(f"- Load average (1, 5, 15 min) before: {res['load_before']}, after: {res['load_after']}"
        " (the machine is shared; a load above the core count means the figures are low and noisy).")
    add(f"- Corpus: {c['files']} files, {fmt_mb(c['bytes'])}; {c['original_files']} real articles "
        f"({fmt_mb(c['original_bytes'])}), {c['replica_files']} synthetic replicas in {c['replica_rounds']} rounds "
        f"({fmt_mb(c['replica_bytes'])}): **{100 * c['synthetic_share']:.0f}% synthetic** "
        f"(of which added lines {fmt_mb(c['added_line_bytes'])}); seed {c['seed']}.")
    add(f"- Command: `{res['command']}`; warm page cache; binary `{res['binary']}`.")
    add("")
    add("| measure | value |")
    add("|---|---|")
    add(f"| hashing floor (list + read + blake3, {h['threads']} threads) | {h['total_secs']:.2f}s, "
        f"{h['total_mb_s']:.0f} MB/s (read + blake3 alone {h['read_hash_mb_s']:.0f} MB/s); "
        f"CPU {h.get('cpu_secs', 0):.2f}s |")
    add(f"| full build, {res['threads']} threads | {full['wall_secs']:.2f}s, {full['mb_per_s']:.1f} MB/s, "
        f"{full['docs_per_s']:.0f} documents/s, peak RSS {fmt_mib(full['peak_rss_bytes'])}; "
        f"CPU {full['cpu_secs']:.2f}s ({full['mb_per_cpu_s']:.1f} MB per CPU-s) |")
    if res.get("build_t1"):
        t1 = res["build_t1"]
        pinned = " (pinned to one core)" if res.get("t1_pinned") else ""
        add(f"| full build, 1 thread{pinned} | {t1['wall_secs']:.2f}s, {t1['mb_per_s']:.1f} MB/s, "
            f"peak RSS {fmt_mib(t1['peak_rss_bytes'])}; CPU {t1['cpu_secs']:.2f}s |")
    if res.get("build_small"):
        s = res["build_small"]
        add(f"| build of the {res['small_mb']:g} MB corpus, {res['threads']} threads | {s['wall_secs']:.2f}s, "
            f"{s['mb_per_s']:.1f} MB/s, peak RSS {fmt_mib(s['peak_rss_bytes'])}; CPU {s['cpu_secs']:.2f}s |")
    if res.get("rebuild"):
        r = res["rebuild"]
        add(f"| rebuild after changing {r['changed_files']} files (1%) | {r['wall_secs']:.2f}s, "
            f"peak RSS {fmt_mib(r['peak_rss_bytes'])}; CPU {r['cpu_secs']:.2f}s |")
    add(f"| documents | {full.get('accepted', 0)} accepted, {full.get('duplicates', 0)} duplicate, "
        f"{full.get('rejected', 0)} rejected of {full.get('files', 0)} files |")
    add("")
    add("Time per stage of the full build (from its summary; stages overlap with the writer thread):")
    add("")
    t1 = res.get("build_t1")
    if t1:
        add("| stage | all threads | 1 thread |")
        add("|---|---:|---:|")
    else:
        add("| stage | all threads |")
        add("|---|---:|")
    t1s = (t1 or {}).get("stage_secs", {})
    for k, v in full.get("stage_secs", {}).items():
        one = (f" {t1s[k]:.2f}s |" if k in t1s else " |") if t1 else ""
        add(f"| {k} | {v:.2f}s |{one}")
    one = f" {t1.get('reported_total_secs', 0):.2f}s |" if t1 else ""
    add(f"| total (reported by the build) | {full.get('reported_total_secs', 0):.2f}s |{one}")
    add("")
    if full.get("trace"):
        add("Steps after the last batch (`NEWSCORPUS_TRACE`): wall and CPU seconds, CPU / wall = cores kept busy:")
        add("")
        add("| step | wall | CPU | cores |" + (" wall, 1 thread |" if t1 else ""))
        add("|---|---:|---:|---:|" + ("---:|" if t1 else ""))
        t1t = (t1 or {}).get("trace", {})
        for k, v in full["trace"].items():
            cores = v["cpu_secs"] / v["wall_secs"] if v["wall_secs"] else 0.0
            one = (f" {t1t[k]['wall_secs']:.2f}s |" if k in t1t else " |") if t1 else ""
            add(f"| {k} | {v['wall_secs']:.2f}s | {v['cpu_secs']:.2f}s | {cores:.2f} |{one}")
        add("")
    add("Targets of issue 7:")
    add("")
    add("| target | measured | |")
    add("|---|---|---|")
    for t in res["targets"]:
        add(f"| {t['target']} | {t['measured']} | {verdict(t['ok'])} |")
    if res.get("stages"):
        st = res["stages"]
        add("")
        add(f"Stage throughput in memory (`newscorpus bench stages`, first {fmt_mb(st['raw_bytes'])} of the corpus, "
            f"{st['documents']} documents; MB of normalized text per second, decode+normalize and blake3 per MB of "
            f"raw bytes):")
        add("")
        add(f"| stage | MB/s, 1 thread | MB per CPU-s, 1 thread | MB/s, {st['threads']} threads | speedup "
            f"| target per core (judged on MB per CPU-s) |")
        add("|---|---:|---:|---:|---:|---|")
        for s in st["stages"]:
            placeholder = s["single_mb_s"] > 50_000
            per_core = s.get("single_cpu_mb_s") or s["single_mb_s"]
            target = ""
            if s.get("target_mb_s"):
                target = f"{s['target_mb_s']:.0f}: " + verdict(None if placeholder else per_core >= s["target_mb_s"])
            one = "no work (placeholder)" if placeholder else f"{s['single_mb_s']:.1f}"
            cpu = "" if placeholder or not s.get("single_cpu_mb_s") else f"{s['single_cpu_mb_s']:.1f}"
            many = "" if placeholder else f"{s['multi_mb_s']:.1f}"
            sp = "" if placeholder else f"{s['speedup']:.2f}x"
            add(f"| {s['stage']} | {one} | {cpu} | {many} | {sp} | {target} |")
    if res.get("numbers_by_source"):
        add("")
        add(markdown_numbers_by_source(res["numbers_by_source"]))
    add("")
    return "\n".join(lines)


def markdown_numbers_by_source(rows: list[dict]) -> str:
    """The per-source rows of the number tagger as a paragraph and a Markdown table."""
    lines = ["The number tagger by source of the original news (`newscorpus bench stages SRC --only numbers "
             "--threads 1`; MB per CPU-s; figures per KB of text):", "",
             "| source | documents | MB | figures per KB | numbers | its tokenizer alone |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        per_kb = r["numbers_items"] / (r["text_bytes"] / 1e3) if r["text_bytes"] else 0.0
        lines.append(f"| {r['source']} | {r['documents']} | {r['text_bytes'] / 1e6:.1f} | {per_kb:.1f} "
                     f"| {r['numbers_cpu_mb_s']:.1f} | {r['tokenizer_cpu_mb_s']:.1f} |")
    return "\n".join(lines)


def targets(res: dict) -> list[dict]:
    out = []
    full, h = res["build_full"], res["hash_floor"]
    ratio = full["mb_per_s"] / h["total_mb_s"] if h["total_mb_s"] else 0.0
    res["floor_ratio"] = ratio
    cpu_ratio = (h.get("cpu_secs") or 0) / full["cpu_secs"] if full.get("cpu_secs") else 0.0
    res["floor_cpu_ratio"] = cpu_ratio
    out.append({"target": "full build >= 1/2 of the hashing floor's throughput",
                "measured": f"{ratio:.3f} (build {full['mb_per_s']:.1f} MB/s, floor {h['total_mb_s']:.0f} MB/s; "
                            f"build time {full['wall_secs'] / h['total_secs']:.1f}x the floor's; "
                            f"in CPU time {cpu_ratio:.3f})",
                "ok": ratio >= TARGET_FLOOR_RATIO})
    gb = res["corpus"]["bytes"] / 1e9
    rss = full["peak_rss_bytes"]
    out.append({"target": "peak RSS < 1 GiB for 1 GB of input",
                "measured": f"{fmt_mib(rss)} for {gb:.2f} GB"
                            + ("" if gb >= 0.999 else " (corpus smaller than 1 GB: run `just bench 1000`)"),
                "ok": rss < TARGET_RSS_PER_GB if gb >= 0.999 else None})
    if res.get("build_small"):
        small = res["build_small"]["peak_rss_bytes"]
        growth = rss / small - 1 if small else 0.0
        res["rss_growth"] = growth
        out.append({"target": f"peak RSS growth < 20% from {res['small_mb']:g} MB to the full size",
                    "measured": f"{100 * growth:+.0f}% ({fmt_mib(small)} -> {fmt_mib(rss)})",
                    "ok": growth < TARGET_GROWTH})
    if res.get("build_t1"):
        sp = res["build_t1"]["wall_secs"] / full["wall_secs"] if full["wall_secs"] else 0.0
        res["speedup"] = sp
        n = res["threads"]
        out.append({"target": "2 threads >= 1.8x one",
                    "measured": f"{sp:.2f}x with {n} threads",
                    "ok": sp >= TARGET_SPEEDUP_2 if n >= 2 else None})
    if res.get("rebuild"):
        rr = res["rebuild"]["wall_secs"] / full["wall_secs"] if full["wall_secs"] else 0.0
        res["rebuild_ratio"] = rr
        out.append({"target": "rebuild after changing 1% of the files <= 10% of a full build",
                    "measured": f"{100 * rr:.0f}% ({res['rebuild']['wall_secs']:.2f}s vs {full['wall_secs']:.2f}s)",
                    "ok": rr <= TARGET_REBUILD})
    return out


# ---------------------------------------------------------------- main


def unpack(corpora: Path, dest: Path) -> Path:
    archive = corpora / ARCHIVE
    mark = dest.with_name(dest.name + ".unpacked")
    if mark.exists():
        return dest
    if not archive.exists():
        raise SystemExit(f"bench: {archive} not found (set NEWSCORPUS_CORPORA_DIR)")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    log(f"unpacking {archive} into {dest}")
    try:
        subprocess.run(["tar", "--zstd", "-xf", str(archive), "-C", str(dest)], check=True)
    except (OSError, subprocess.CalledProcessError):
        # tar without zstd support: Python 3.14 reads zstd itself.
        with tarfile.open(archive, "r:zst") as tf:  # type: ignore[call-overload]
            tf.extractall(dest, filter="data")
    mark.write_text(str(archive) + "\n")
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora-dir", type=Path,
                    default=Path(os.environ.get("NEWSCORPUS_CORPORA_DIR", "../shared/corpora")))
    ap.add_argument("--bin", default="target/release/newscorpus")
    ap.add_argument("--size-mb", type=float, default=500.0)
    ap.add_argument("--small-mb", type=float, default=100.0, help="the corpus RSS growth is measured from")
    ap.add_argument("--stages-mb", type=float, default=100.0, help="MB held in memory for `bench stages`")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="threads of the parallel runs")
    ap.add_argument("--work", type=Path, default=Path("out/bench"), help="cache and output folder (not in git)")
    ap.add_argument("--pin-t1", action="store_true",
                    help="run the --threads 1 build pinned to one core (taskset -c 0): the build's writer "
                         "thread then shares that core, so the speedup is one core against all")
    ap.add_argument("--skip", default="", help="comma list of steps to skip: t1,small,rebuild,stages")
    ap.add_argument("--from-json", type=Path,
                    help="only print the Markdown report of an earlier run's results JSON (nothing is run)")
    ap.add_argument("--markdown", type=Path, help="also write the Markdown report here (default WORK/results.md)")
    args = ap.parse_args()
    if args.from_json:
        print(markdown(json.loads(args.from_json.read_text())))
        return
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    binary = args.bin
    if not Path(binary).exists():
        raise SystemExit(f"bench: {binary} not found (cargo build --release)")

    res: dict = {
        "date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_rev(Path(".")),
        "machine": machine(),
        "command": "python3 scripts/bench.py " + " ".join(sys.argv[1:]),
        "binary": binary,
        "threads": args.threads,
        "size_mb": args.size_mb,
        "small_mb": args.small_mb,
    }
    src = unpack(args.corpora_dir, work / "src")
    size_tag = f"{args.size_mb:g}mb"
    corpus = work / f"corpus-{size_tag}"
    log(f"corpus {corpus} ({args.size_mb:g} MB, seed {SEED})")
    res["corpus"] = mbc.ensure(src, corpus, args.size_mb, SEED)
    small = None
    if "small" not in skip and args.small_mb < args.size_mb:
        small = work / f"corpus-{args.small_mb:g}mb"
        log(f"corpus {small} ({args.small_mb:g} MB)")
        res["corpus_small"] = mbc.ensure(src, small, args.small_mb, SEED)

    res["load_before"] = loadavg()
    # Warm the page cache (untimed), then the floor.
    run_measured([binary, "bench", "hash", str(corpus)], logs / "warmup")
    res["hash_floor"] = bench_json(binary, ["bench", "hash", str(corpus), "--threads", str(args.threads)],
                                   logs, "hash_floor")
    log(f"hashing floor: {res['hash_floor']['total_secs']:.2f}s, {res['hash_floor']['total_mb_s']:.0f} MB/s")

    builds = work / "builds"
    builds.mkdir(exist_ok=True)
    res["build_full"] = build(binary, corpus, builds / "full", logs, "build_full", args.threads)
    if "t1" not in skip:
        pin = ["taskset", "-c", "0"] if args.pin_t1 and shutil.which("taskset") else None
        res["t1_pinned"] = bool(pin)
        res["build_t1"] = build(binary, corpus, builds / "t1", logs, "build_t1", 1, prefix=pin)
        shutil.rmtree(builds / "t1", ignore_errors=True)
    if small is not None:
        res["build_small"] = build(binary, small, builds / "small", logs, "build_small", args.threads)
        shutil.rmtree(builds / "small", ignore_errors=True)
    if "rebuild" not in skip:
        mbc.dirty_path(corpus).write_text("files edited by bench.py for the 1% rebuild\n")
        saved = change_files(corpus, 0.01)
        try:
            r = build(binary, corpus, builds / "full", logs, "rebuild", args.threads, fresh=False)
            r["changed_files"] = len(saved)
            res["rebuild"] = r
        finally:
            for p, data in saved:
                p.write_bytes(data)
            mbc.dirty_path(corpus).unlink(missing_ok=True)
    if "stages" not in skip:
        res["stages"] = bench_json(binary, ["bench", "stages", str(corpus), "--threads", str(args.threads),
                                            "--limit-mb", f"{args.stages_mb:g}"], logs, "stages")
        res["numbers_by_source"] = numbers_by_source(binary, corpus, logs)
    res["load_after"] = loadavg()
    res["targets"] = targets(res)
    for k in ("build_full", "build_t1", "build_small", "rebuild"):
        if k in res:
            res[k].pop("stdout", None)

    text = json.dumps(res, indent=2) + "\n"
    (work / "results.json").write_text(text)
    (work / f"results-{size_tag}.json").write_text(text)
    md = markdown(res)
    (args.markdown or work / "results.md").write_text(md)
    print(md)
    log(f"results in {work / 'results.json'} (and results-{size_tag}.json) and {args.markdown or work / 'results.md'}")


if __name__ == "__main__":
    main()
