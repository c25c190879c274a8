"""The benchmark scripts: the corpus is deterministic and a prefix of larger ones; the build's
summary is parsed; the 1% edit is undone; the number tagger is measured per source. No benchmark
corpus is needed (the last test runs the release binary on a small made-up one)."""

import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("NEWSCORPUS_BIN", str(ROOT / "target/release/newscorpus"))
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402
import make_bench_corpus as mbc  # noqa: E402


def make_src(tmp: pathlib.Path) -> pathlib.Path:
    src = tmp / "src"
    (src / "bbc" / "world").mkdir(parents=True)
    (src / "reuters" / "r1").mkdir(parents=True)
    for i in range(30):
        (src / "bbc" / "world" / f"{i:03d}.txt").write_text(
            f"Headline number {i}\n\nAt least {i * 7} people were killed in Aleppo on Tuesday, officials said.\n\n"
            f"Another {i + 3} were hurt, according to the Red Crescent.\n\nThe talks in Geneva will resume in 2016.\n"
        )
        (src / "reuters" / "r1" / f"{i}.txt").write_text(
            f"OIL OUTPUT UP {i} PCT\nOutput rose {i} pct in March, the ministry said.\n"
            f"    Exports were {i * 11} mln barrels a day, it said.\n    Prices fell 1.5 dlrs.\n"
        )
    return src


def tree(d: pathlib.Path) -> dict:
    return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def test_corpus_is_deterministic_and_a_prefix_of_larger_ones(tmp_path):
    src = make_src(tmp_path)
    a = mbc.generate(src, tmp_path / "a", 0.03, 7, quiet=True)
    b = mbc.generate(src, tmp_path / "b", 0.03, 7, quiet=True)
    big = mbc.generate(src, tmp_path / "big", 0.06, 7, quiet=True)
    ta, tb, tbig = tree(tmp_path / "a"), tree(tmp_path / "b"), tree(tmp_path / "big")
    assert ta == tb
    assert all(tbig[k] == v for k, v in ta.items())
    assert a["bytes"] >= 30_000 and big["bytes"] >= 60_000
    assert a["replica_files"] > 0 and 0 < a["synthetic_share"] < 1
    # Another seed gives other replicas (the originals stay).
    other = mbc.generate(src, tmp_path / "c", 0.03, 8, quiet=True)
    tc = tree(tmp_path / "c")
    assert other["files"] > 0
    assert any(tc.get(k) != v for k, v in ta.items() if k.startswith("rep-"))


def test_replicas_keep_the_title_and_change_figures(tmp_path):
    src = make_src(tmp_path)
    mbc.generate(src, tmp_path / "a", 0.03, 7, quiet=True)
    orig = (src / "bbc/world/010.txt").read_text()
    rep = (tmp_path / "a/rep-001/bbc/world/010.txt").read_text()
    assert rep != orig
    assert rep.split("\n")[0].startswith("Headline number")
    assert "Aleppo" in rep and "\n\n" in rep


def test_ensure_reuses_only_a_clean_matching_corpus(tmp_path):
    src = make_src(tmp_path)
    out = tmp_path / "c"
    assert mbc.ensure(src, out, 0.03, 7, quiet=True)["reused"] is False
    assert mbc.ensure(src, out, 0.03, 7, quiet=True)["reused"] is True
    mbc.dirty_path(out).write_text("x")
    assert mbc.ensure(src, out, 0.03, 7, quiet=True)["reused"] is False
    assert not mbc.dirty_path(out).exists()
    assert mbc.ensure(src, out, 0.04, 7, quiet=True)["reused"] is False


def test_change_files_edits_one_percent_and_can_be_undone(tmp_path):
    src = make_src(tmp_path)
    before = tree(src)
    saved = bench.change_files(src, 0.1)
    assert len(saved) == 6  # every 10th of 60 files
    assert sum(tree(src)[k] != v for k, v in before.items()) == 6
    for p, data in saved:
        p.write_bytes(data)
    assert tree(src) == before


def test_parse_summary():
    out = (
        "release dev-0123 written: out/releases/dev-0123\ncorpus hash abc\n"
        "files 10 (7 accepted, 2 duplicate, 1 rejected), 1.5 MB in\n  rejected 1: empty file\n"
        "sentences 5, numbers 0, places 0\n"
        "time 2.50s: discover 0.10s, read+hash+decode+normalize 1.00s, write (after the last batch) 0.20s\n"
    )
    s = bench.parse_summary(out)
    assert (s["files"], s["accepted"], s["duplicates"], s["rejected"]) == (10, 7, 2, 1)
    assert s["input_mb"] == 1.5 and s["reported_total_secs"] == 2.5 and s["release"] == "dev-0123"
    assert s["stage_secs"] == {
        "discover": 0.10,
        "read+hash+decode+normalize": 1.00,
        "write (after the last batch)": 0.20,
    }
    assert bench.parse_summary("nothing here") == {}


def test_numbers_by_source_measures_each_source_and_counts_its_figures(tmp_path):
    src = make_src(tmp_path)
    corpus = tmp_path / "corpus"
    (corpus / "orig").mkdir(parents=True)
    for d in src.iterdir():
        d.rename(corpus / "orig" / d.name)
    logs = tmp_path / "logs"
    logs.mkdir()
    rows = bench.numbers_by_source(BINARY, corpus, logs, min_ms=1)
    assert [r["source"] for r in rows] == ["bbc", "reuters"]
    for r in rows:
        assert r["documents"] == 30 and r["text_bytes"] > 0
        assert r["numbers_cpu_mb_s"] > 0 and r["tokenizer_cpu_mb_s"] > 0
        # a figure starts where the tokenizer offers a start, not everywhere it does
        assert 0 < r["numbers_items"] <= r["tokenizer_items"]
    # each Reuters brief has four figures (a percent, a month, a rate, a price); the headline one too
    assert rows[1]["numbers_items"] >= 4 * 30
    md = bench.markdown_numbers_by_source(rows)
    assert "| reuters | 30 |" in md and "figures per KB" in md
