#!/usr/bin/env python3
"""Make a deterministic benchmark corpus of a given size from real news articles.

The corpus is the real articles (in path order, cut short if SIZE is smaller than they are),
followed by as many replica rounds as needed to reach SIZE MB (10^6 bytes). A replica of an
article keeps its title line and:
  - shuffles its paragraphs (blank-line separated; for Reuters-style text, indented lines),
  - changes its digits (a random permutation of 0-9 per file, so figures keep their shape),
  - adds 1-3 lines taken from other real articles at random paragraph boundaries.
So replicas are made of real sentences in a new order, with new figures, and are (almost all)
distinct documents for the build's dedupe. Every random choice comes from a generator seeded with
(seed, replica, path), so a corpus is the same on every machine, and a smaller corpus is an exact
prefix (same files, same bytes) of a larger one made with the same seed.

Layout: OUT/orig/<source path> and OUT/rep-NNN/<source path>. OUT.json (beside the folder, so
that it is not an input) records the parameters and counts (files, bytes, synthetic share); an
existing corpus with the same parameters is reused, so `just bench` only generates once.

Usage: make_bench_corpus.py --src DIR --out DIR --size-mb 500 [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

VERSION = 2  # bump when the generation rules change: cached corpora are then regenerated


def meta_path(out: Path) -> Path:
    """The description of a corpus, beside its folder."""
    return out.with_name(out.name + ".json")


def dirty_path(out: Path) -> Path:
    """Present while bench.py has edited files of the corpus (the 1% rebuild); forces regeneration."""
    return out.with_name(out.name + ".modified")


def list_sources(src: Path) -> list[tuple[str, bytes]]:
    """Every regular file under src, as (relative posix path, bytes), in path order; hidden
    files and folders (names starting with '.') are left out."""
    out = []
    for root, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            p = Path(root) / name
            if p.is_file() and not p.is_symlink():
                out.append((p.relative_to(src).as_posix(), p.read_bytes()))
    out.sort(key=lambda x: x[0])
    return out


def paragraphs(body: str) -> list[str]:
    """Paragraphs of an article body: blank-line separated, else indented-line separated."""
    blocks = [b for b in body.split("\n\n") if b.strip()]
    if len(blocks) > 1:
        return blocks
    paras: list[str] = []
    for line in body.split("\n"):
        if not paras or (line[:1] in (" ", "\t") and line.strip()):
            paras.append(line)
        else:
            paras[-1] += "\n" + line
    return [p for p in paras if p.strip()]


def line_pool(sources: list[tuple[str, bytes]]) -> list[str]:
    """Body lines of real articles that read as sentences: what replicas get as added lines."""
    pool = []
    for _, raw in sources:
        text = raw.decode("utf-8", errors="replace")
        for line in text.split("\n")[1:]:
            s = line.strip()
            if 60 <= len(s) <= 400 and s[:1].isupper() and s[-1:] in ".\"'":
                pool.append(s)
    return pool


def replica(text: str, rng: random.Random, pool: list[str]) -> tuple[str, int]:
    """A replica of one article and the number of bytes of added lines in it."""
    title, _, body = text.partition("\n")
    paras = paragraphs(body)
    blank = "\n\n" in body
    rng.shuffle(paras)
    digits = list("0123456789")
    rng.shuffle(digits)
    table = str.maketrans("0123456789", "".join(digits))
    paras = [p.translate(table) for p in paras]
    added = 0
    for _ in range(rng.randint(1, 3)):
        if not pool:
            break
        line = rng.choice(pool).translate(table)
        added += len(line.encode("utf-8")) + 1
        indent = "" if blank else "    "
        paras.insert(rng.randint(0, len(paras)), indent + line)
    sep = "\n\n" if blank else "\n"
    return title.translate(table) + "\n" + ("\n" if blank else "") + sep.join(paras) + "\n", added


def params_of(args: argparse.Namespace) -> dict:
    return {"version": VERSION, "size_mb": args.size_mb, "seed": args.seed}


def generate(src: Path, out: Path, size_mb: float, seed: int, quiet: bool = False) -> dict:
    """Write the corpus into out (replacing what is there); return its description."""
    t0 = time.monotonic()
    target = int(size_mb * 1_000_000)
    sources = list_sources(src)
    if not sources:
        raise SystemExit(f"no files under {src}")
    pool = line_pool(sources)
    meta_path(out).unlink(missing_ok=True)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    total = orig_bytes = orig_files = rep_files = rep_bytes = added_bytes = 0
    made_dirs: set[Path] = set()

    def write(rel: str, data: bytes) -> None:
        p = out / rel
        if p.parent not in made_dirs:
            p.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(p.parent)
        p.write_bytes(data)

    for rel, raw in sources:
        if total >= target:
            break
        write(f"orig/{rel}", raw)
        total += len(raw)
        orig_bytes += len(raw)
        orig_files += 1
    rep = 0
    while total < target:
        rep += 1
        for rel, raw in sources:
            if total >= target:
                break
            rng = random.Random(f"{seed}:{rep}:{rel}")
            text, added = replica(raw.decode("utf-8", errors="replace"), rng, pool)
            data = text.encode("utf-8")
            write(f"rep-{rep:03d}/{rel}", data)
            total += len(data)
            rep_bytes += len(data)
            added_bytes += added
            rep_files += 1
        if not quiet:
            print(f"make_bench_corpus: replica {rep}: {total / 1e6:.0f}/{size_mb:g} MB", file=sys.stderr)
    info = {
        "version": VERSION,
        "size_mb": size_mb,
        "seed": seed,
        "source": str(src),
        "source_files": len(sources),
        "files": orig_files + rep_files,
        "bytes": total,
        "original_files": orig_files,
        "original_bytes": orig_bytes,
        "replica_files": rep_files,
        "replica_bytes": rep_bytes,
        "replica_rounds": rep,
        "added_line_bytes": added_bytes,
        "synthetic_share": rep_bytes / total if total else 0.0,
        "generation_secs": round(time.monotonic() - t0, 2),
    }
    meta_path(out).write_text(json.dumps(info, indent=2) + "\n")
    dirty_path(out).unlink(missing_ok=True)
    return info


def ensure(src: Path, out: Path, size_mb: float, seed: int, quiet: bool = False) -> dict:
    """The corpus at out, generated only when missing, made with other parameters, or edited."""
    meta = meta_path(out)
    if meta.exists() and out.is_dir() and not dirty_path(out).exists():
        try:
            info = json.loads(meta.read_text())
            if (info.get("version"), info.get("size_mb"), info.get("seed")) == (VERSION, size_mb, seed):
                info["reused"] = True
                return info
        except (OSError, ValueError):
            pass
    info = generate(src, out, size_mb, seed, quiet)
    info["reused"] = False
    return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, required=True, help="folder of real articles (the unpacked news)")
    ap.add_argument("--out", type=Path, required=True, help="corpus folder (replaced)")
    ap.add_argument("--size-mb", type=float, default=500.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--force", action="store_true", help="regenerate even when a matching corpus exists")
    args = ap.parse_args()
    if args.force:
        info = generate(args.src, args.out, args.size_mb, args.seed)
    else:
        info = ensure(args.src, args.out, args.size_mb, args.seed)
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
