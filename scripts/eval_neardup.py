#!/usr/bin/env python3
"""Near-duplicate detection: recall and precision on edited copies of real news articles.

Unpacks the benchmark corpus (news-bbc-reuters.tar.zst) into a temporary folder, picks source
articles with a fixed seed, and makes one edited copy of each source per edit rate: a share
`rate` of the words is deleted, replaced or followed by an inserted word (a third each; new
words come from other articles), then every copy gets its lines re-wrapped at a random width
and its quotes changed (straight <-> typographic). All original articles are in the test corpus
too (as distractors; the corpus has natural near-duplicates of its own).

`newscorpus neardup` clusters the whole corpus. Truth is the exact Jaccard similarity of the
word-shingle sets (same words as the Rust side: lowercased, punctuation dropped).

- recall above threshold: share of (source, copy) pairs whose exact Jaccard >= threshold that
  end up in one cluster; also given per edit rate, with the rate's mean exact Jaccard.
- precision: share of all pairs of documents put in one cluster that are genuine: both come
  from the same source, or their exact Jaccard is >= threshold - 0.1, or their sources' is
  (natural near-duplicates in the corpus). `precision_strict` accepts only the same source or
  exact Jaccard >= threshold.
- determinism: the same rows with 1 and 2 threads and with the input lines shuffled.
- speed: wall-clock MB/s of the whole `neardup` command (JSON parsing, signatures, clustering).

Usage: eval_neardup.py --bin target/release/newscorpus --out out/eval [--corpora DIR]
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

RATES = [0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3]
APOS = re.compile(r"(?<=[^\W_])['\u2019\u2018\u02bc\u2032]+")
WORD = re.compile(r"[^\W_]+")


def words(text):
    return WORD.findall(APOS.sub("", text).lower())


def shingles(text, k):
    w = words(text)
    if not w:
        return frozenset()
    if len(w) < k:
        return frozenset([tuple(w)])
    return frozenset(tuple(w[i : i + k]) for i in range(len(w) - k + 1))


def jaccard(a, b):
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def load_corpus(corpora_dir, tmp):
    tar = Path(corpora_dir) / "news-bbc-reuters.tar.zst"
    if not tar.exists():
        sys.exit(f"eval_neardup: {tar} not found (give --corpora DIR)")
    subprocess.run(["tar", "--zstd", "-xf", str(tar), "-C", tmp], check=True)
    texts = []
    for p in sorted(Path(tmp).rglob("*.txt")):
        t = p.read_bytes().decode("utf-8", errors="replace")
        if t.strip():
            texts.append(t)
    return texts


QUOTE_SWAP = {'"': "\u201c", "\u201c": '"', "\u201d": '"', "'": "\u2019", "\u2019": "'"}


def make_copy(rng, text, rate, donor_words):
    toks = text.split()
    out = []
    for t in toks:
        if rng.random() < rate:
            op = rng.randrange(3)
            if op == 0:
                continue  # delete
            if op == 1:
                out.append(t)
                out.append(rng.choice(donor_words))  # insert after
            else:
                out.append(rng.choice(donor_words))  # replace
        else:
            out.append(t)
    # re-wrap at a random width
    width = rng.randrange(50, 90)
    lines, line = [], ""
    for t in out:
        if line and len(line) + 1 + len(t) > width:
            lines.append(line)
            line = t
        else:
            line = f"{line} {t}" if line else t
    if line:
        lines.append(line)
    s = "\n".join(lines)
    # change quote characters
    return "".join(QUOTE_SWAP.get(c, c) for c in s)


def run_neardup(bin_path, lines, threshold, shingle, threads):
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    args = [bin_path, "neardup", "--threshold", str(threshold), "--shingle", str(shingle)]
    data = "".join(lines)
    t0 = time.perf_counter()
    proc = subprocess.run(args, input=data.encode(), capture_output=True, env=env, check=True)
    secs = time.perf_counter() - t0
    rows = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
    return rows, secs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", default="../shared/eval", help="unused; accepted for `just eval`")
    ap.add_argument("--bin", default="target/release/newscorpus")
    ap.add_argument("--out", default="out/eval")
    ap.add_argument("--corpora", default=None, help="folder with news-bbc-reuters.tar.zst")
    ap.add_argument("--sources", type=int, default=2000, help="articles that get edited copies")
    ap.add_argument("--seed", type=int, default=20221)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--shingle", type=int, default=5)
    a = ap.parse_args()

    corpora = a.corpora or os.environ.get("NEWSCORPUS_CORPORA_DIR")
    if not corpora:
        corpora = "../shared/corpora"
        if not Path(corpora).exists():
            corpora = str(Path(a.eval_dir).parent / "corpora")

    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory(prefix="neardup-eval-") as tmp:
        originals = load_corpus(corpora, tmp)
    n_orig = len(originals)
    pool = [i for i, t in enumerate(originals) if len(words(t)) >= 10]
    sources = sorted(rng.sample(pool, min(a.sources, len(pool))))
    donor = [w for t in rng.sample(originals, min(500, n_orig)) for w in t.split()]

    docs = []  # (id, text, source index, rate or None)
    for i, t in enumerate(originals):
        docs.append((f"o{i:06d}", t, i, None))
    for s in sources:
        for r in RATES:
            docs.append((f"c{s:06d}_{int(r * 1000):03d}", make_copy(rng, originals[s], r, donor), s, r))

    lines = [json.dumps({"id": d[0], "text": d[1]}) + "\n" for d in docs]
    mb = sum(len(d[1].encode()) for d in docs) / 1e6
    rows, secs2 = run_neardup(a.bin, lines, a.threshold, a.shingle, threads=2)
    rows1, secs1 = run_neardup(a.bin, lines, a.threshold, a.shingle, threads=1)
    shuffled = lines[:]
    random.Random(a.seed + 1).shuffle(shuffled)
    rows_sh, _ = run_neardup(a.bin, shuffled, a.threshold, a.shingle, threads=2)
    deterministic = rows == rows1 == rows_sh

    by_id = {d[0]: d for d in docs}
    cluster = {r["doc_id"]: r["cluster_id"] for r in rows}
    sh_cache = {}

    def sh(doc_id):
        if doc_id not in sh_cache:
            sh_cache[doc_id] = shingles(by_id[doc_id][1], a.shingle)
        return sh_cache[doc_id]

    # recall: (source, copy) pairs
    per_rate = defaultdict(lambda: {"copies": 0, "jsum": 0.0, "above": 0, "found_above": 0, "found": 0})
    pos = found = 0
    for d in docs:
        if d[3] is None:
            continue
        oid = f"o{d[2]:06d}"
        j = jaccard(sh(d[0]), sh(oid))
        together = d[0] in cluster and cluster.get(d[0]) == cluster.get(oid)
        pr = per_rate[d[3]]
        pr["copies"] += 1
        pr["jsum"] += j
        pr["found"] += together
        if j >= a.threshold:
            pr["above"] += 1
            pr["found_above"] += together
            pos += 1
            found += together

    # precision: all pairs inside clusters
    members = defaultdict(list)
    for r in rows:
        members[r["cluster_id"]].append(r["doc_id"])
    pairs = ok = ok_strict = 0
    bad_examples = []
    for cid, ms in sorted(members.items()):
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                dx, dy = by_id[ms[x]], by_id[ms[y]]
                pairs += 1
                if dx[2] == dy[2]:
                    ok += 1
                    ok_strict += 1
                    continue
                j = jaccard(sh(dx[0]), sh(dy[0]))
                if j >= a.threshold:
                    ok += 1
                    ok_strict += 1
                elif j >= a.threshold - 0.1 or jaccard(
                    sh(f"o{dx[2]:06d}"), sh(f"o{dy[2]:06d}")
                ) >= a.threshold - 0.1:
                    ok += 1
                elif len(bad_examples) < 5:
                    bad_examples.append({"a": dx[0], "b": dy[0], "jaccard": round(j, 3)})

    rates_out = []
    for r in RATES:
        pr = per_rate[r]
        n = max(pr["copies"], 1)
        rates_out.append(
            {
                "rate": r,
                "copies": pr["copies"],
                "mean_jaccard": round(pr["jsum"] / n, 3),
                "above_threshold": pr["above"],
                "recall_above_threshold": round(pr["found_above"] / pr["above"], 4) if pr["above"] else None,
                "recall_all": round(pr["found"] / n, 4),
            }
        )
    summary = {
        "task": "near-duplicate documents",
        "corpus": {
            "originals": n_orig,
            "sources_copied": len(sources),
            "copies": len(docs) - n_orig,
            "mb": round(mb, 2),
            "seed": a.seed,
        },
        "config": {"threshold": a.threshold, "shingle": a.shingle},
        "recall_above_threshold": round(found / pos, 4) if pos else None,
        "pairs_above_threshold": pos,
        "precision": round(ok / pairs, 4) if pairs else None,
        "precision_strict": round(ok_strict / pairs, 4) if pairs else None,
        "clustered_pairs": pairs,
        "clusters": len(members),
        "by_rate": rates_out,
        "deterministic_threads_and_order": deterministic,
        "mb_per_s_command_2_threads": round(mb / secs2, 1),
        "mb_per_s_command_1_thread": round(mb / secs1, 1),
        "bad_pair_examples": bad_examples,
    }
    Path(a.out).mkdir(parents=True, exist_ok=True)
    (Path(a.out) / "neardup.json").write_text(json.dumps(summary, indent=2) + "\n")

    print(f"neardup: {len(docs)} docs ({mb:.1f} MB: {n_orig} originals + {len(docs) - n_orig} edited copies)")
    print(
        f"  recall above threshold {a.threshold}: {summary['recall_above_threshold']} ({found}/{pos});"
        f" precision {summary['precision']} (strict {summary['precision_strict']}) over {pairs} clustered pairs"
    )
    for r in rates_out:
        print(
            f"  edit rate {r['rate']:.2f}: mean J {r['mean_jaccard']:.3f}, above thr {r['above_threshold']:5d},"
            f" recall above thr {r['recall_above_threshold']}, recall all {r['recall_all']}"
        )
    print(
        f"  deterministic (1 vs 2 threads, shuffled input): {deterministic};"
        f" speed of the whole command: {summary['mb_per_s_command_1_thread']} MB/s (1 thread),"
        f" {summary['mb_per_s_command_2_threads']} MB/s (2 threads)"
    )


if __name__ == "__main__":
    main()
