#!/usr/bin/env python3
"""Evaluate the structure stage (roles, title, publication date, dateline, agencies).

1. Seeds: runs `newscorpus annotate` (with normalization) on each raw seed file and compares
   with the gold (`seeds_gold.jsonl`): title, published, dateline, and that every gold
   boilerplate line lies only in sentences with role boilerplate or link, and every gold
   caption starts a sentence with role caption.
2. Corpus sample (when the BBC/Reuters benchmark is available): 300 BBC and 300 Reuters
   articles (fixed seed), distribution of roles, share of documents with a title / dateline /
   publication date / agency, and a file of the non-body parts to eyeball.

Writes OUT/structure.json (and OUT/structure_sample.txt), prints a short report.
Usage: eval_structure.py --eval-dir DIR --bin BIN --out DIR [--seeds DIR] [--corpus DIR|TAR]
"""

import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate_client import annotate  # noqa: E402

BOILER_OK = {"boilerplate", "link"}
SAMPLE_PER_SOURCE = 300
EYEBALL = 30


def squash(s):
    """Whitespace as normalization leaves it (NBSP and runs of spaces to one space)."""
    return " ".join(s.replace("\u00a0", " ").split())


def sentence_texts(doc):
    text = doc["text"]
    return [(text[s["start"] : s["end"]], s["start"], s["end"], s["role"]) for s in doc["sentences"]]


def eval_seeds(bin_path, seeds_dir, gold_path):
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    texts = [(seeds_dir / g["file"]).read_bytes().decode("utf-8", errors="replace") for g in gold]
    docs = annotate(bin_path, texts, normalize=True)
    checks = collections.Counter()
    passed = collections.Counter()
    failures = []

    def check(kind, ok, detail):
        checks[kind] += 1
        passed[kind] += bool(ok)
        if not ok:
            failures.append({"kind": kind, **detail})

    for g, doc in zip(gold, docs):
        f = g["file"]
        for field in ("title", "published", "dateline"):
            want, got = g.get(field), doc.get(field)
            ok = (squash(want) if want else None) == (squash(got) if got else None)
            check(field, ok, {"file": f, "want": want, "got": got})
        sents = sentence_texts(doc)
        text = doc["text"]
        for line in g.get("boilerplate", []):
            want = squash(line)
            pos = text.find(want)
            if pos < 0:
                check("boilerplate", False, {"file": f, "line": line, "why": "not in normalized text"})
                continue
            end = pos + len(want)
            over = [(t, r) for t, s, e, r in sents if s < end and pos < e]
            ok = bool(over) and all(r in BOILER_OK for _, r in over)
            check("boilerplate", ok, {"file": f, "line": line, "got": over})
        for cap in g.get("captions", []):
            want = squash(cap)
            hit = [(t, r) for t, s, e, r in sents if t.startswith(want)]
            ok = bool(hit) and all(r == "caption" for _, r in hit)
            check("caption", ok, {"file": f, "caption": cap, "got": hit or "no sentence starts with it"})
    per_kind = {k: {"passed": passed[k], "total": checks[k]} for k in sorted(checks)}
    total = sum(checks.values())
    return {
        "documents": len(gold),
        "checks": per_kind,
        "passed": sum(passed.values()),
        "total": total,
        "accuracy": round(sum(passed.values()) / total, 4) if total else None,
        "failures": failures,
    }


def find_corpus(arg, eval_dir, tmp):
    """A directory holding bbc/ and reuters21578/: given, or unpacked from the tarball."""
    candidates = [Path(arg)] if arg else [Path(eval_dir).resolve().parent / "corpora" / "news-bbc-reuters.tar.zst"]
    for c in candidates:
        if c.is_dir() and (c / "bbc").is_dir():
            return c
        if c.is_file():
            subprocess.run(["tar", "--zstd", "-xf", str(c), "-C", tmp], check=True)
            return Path(tmp)
    return None


def eval_corpus(bin_path, corpus, out_dir):
    rng = random.Random(20240419)
    sources = {
        "bbc": sorted((corpus / "bbc").rglob("*.txt")),
        "reuters": sorted((corpus / "reuters21578").rglob("*.txt")),
    }
    report = {}
    eyeball_lines = []
    for name, files in sources.items():
        picked = rng.sample(files, min(SAMPLE_PER_SOURCE, len(files)))
        texts = [p.read_bytes().decode("utf-8", errors="replace") for p in picked]
        docs = annotate(bin_path, texts, normalize=True)
        roles = collections.Counter()
        role_chars = collections.Counter()
        has = collections.Counter()
        for doc in docs:
            for s in doc["sentences"]:
                roles[s["role"]] += 1
                role_chars[s["role"]] += s["end"] - s["start"]
            for field in ("title", "dateline", "published"):
                has[field] += doc.get(field) is not None
            has["agencies"] += bool(doc.get("agencies"))
        n = len(docs)
        chars = sum(role_chars.values()) or 1
        report[name] = {
            "documents": n,
            "sentences_by_role": dict(sorted(roles.items())),
            "char_share_by_role": {r: round(c / chars, 4) for r, c in sorted(role_chars.items())},
            "share_with": {k: round(v / n, 4) for k, v in sorted(has.items())},
        }
        for p, doc in list(zip(picked, docs))[: EYEBALL // 2]:
            eyeball_lines.append(f"=== {p.relative_to(corpus)}")
            eyeball_lines.append(
                f"title={doc['title']!r} dateline={doc['dateline']!r} published={doc['published']!r} agencies={doc['agencies']}"
            )
            for t, _, _, r in sentence_texts(doc):
                if r != "body":
                    eyeball_lines.append(f"  [{r}] {t[:120]!r}")
            first_body = next((t for t, _, _, r in sentence_texts(doc) if r == "body"), "")
            eyeball_lines.append(f"  first body: {first_body[:120]!r}")
    (out_dir / "structure_sample.txt").write_text("\n".join(eyeball_lines) + "\n", encoding="utf-8")
    return report


def eval_tr_news(bin_path, eval_dir):
    """Informational: the TR-News articles of places_dev.jsonl (web news, no structure gold):
    how many get a dateline / title and which non-body roles appear."""
    path = Path(eval_dir) / "places_dev.jsonl"
    if not path.is_file():
        return None
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    docs = annotate(bin_path, [r["text"] for r in rows], normalize=True)
    roles = collections.Counter(s["role"] for d in docs for s in d["sentences"])
    return {
        "documents": len(docs),
        "share_with_dateline": round(sum(d["dateline"] is not None for d in docs) / len(docs), 4),
        "share_with_title": round(sum(d["title"] is not None for d in docs) / len(docs), 4),
        "sentences_by_role": dict(sorted(roles.items())),
        "datelines": sorted({d["dateline"] for d in docs if d["dateline"]}),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seeds", default=str(Path(__file__).resolve().parent.parent / "seeds"))
    ap.add_argument("--corpus", default=None, help="unpacked news-bbc-reuters dir or its .tar.zst")
    args = ap.parse_args()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)

    result = {"seeds": eval_seeds(args.bin, Path(args.seeds), Path(args.eval_dir) / "seeds_gold.jsonl")}
    result["tr_news"] = eval_tr_news(args.bin, args.eval_dir)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = find_corpus(args.corpus, args.eval_dir, tmp)
        result["corpus_sample"] = eval_corpus(args.bin, corpus, out_dir) if corpus else None

    (out_dir / "structure.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    s = result["seeds"]
    print(f"structure / seeds: {s['passed']}/{s['total']} checks passed ({s['accuracy']})")
    for k, v in s["checks"].items():
        print(f"  {k:12s} {v['passed']}/{v['total']}")
    for f in s["failures"]:
        print(f"  FAIL {json.dumps(f, ensure_ascii=False)[:300]}")
    if result["tr_news"]:
        t = result["tr_news"]
        print(
            f"structure / TR-News web articles ({t['documents']}, no gold): dateline found in "
            f"{t['share_with_dateline']:.0%}, roles {t['sentences_by_role']}"
        )
    if result["corpus_sample"]:
        for name, r in result["corpus_sample"].items():
            print(f"structure / {name} sample of {r['documents']}: with {r['share_with']}")
            print(f"  sentences by role: {r['sentences_by_role']}")
    else:
        print("structure / corpus sample: skipped (no corpus found; pass --corpus)")


if __name__ == "__main__":
    main()
