"""Consumer tests: a fresh release read the way users read it, with pyarrow, polars and DuckDB."""

import json
import os
import pathlib
import re

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TABLES = sorted(p.stem for p in (ROOT / "schemas").glob("*.json"))
SPAN_TABLES = ["sentences", "numbers", "places"]
PA_TYPES = {"string": "string", "int64": "int64", "int32": "int32", "float64": "double",
            "float32": "float", "bool": "bool", "list<string>": "list<item: string>"}


def test_every_table_reads_with_pyarrow_and_matches_its_schema(release):
    for table in TABLES:
        t = pq.read_table(release / f"{table}.parquet")
        doc = json.loads((ROOT / "schemas" / f"{table}.json").read_text())
        assert t.schema.names == [c["name"] for c in doc["columns"]], table
        for field, col in zip(t.schema, doc["columns"]):
            assert str(field.type) == PA_TYPES[col["type"]], (table, col["name"])
            assert field.nullable == col["nullable"], (table, col["name"])
            if not col["nullable"]:
                assert t.column(col["name"]).null_count == 0, (table, col["name"])


def test_manifest_lists_every_table_with_row_counts(release):
    m = json.loads((release / "manifest.json").read_text())
    assert m["release"] == os.path.basename(os.path.realpath(release))
    for table in TABLES:
        entry = m["tables"][table]
        assert pq.read_metadata(release / entry["file"]).num_rows == entry["rows"]
    assert "GeoNames" in m["attribution"]
    assert "/" not in json.dumps(m["configuration"]).replace("\\/", "")  # no paths in the data


def test_every_seed_is_a_document(release):
    files = pl.read_parquet(release / "files.parquet")
    assert files.height == 5
    assert files["status"].to_list() == ["accepted"] * 5
    docs = pl.read_parquet(release / "documents.parquet")
    assert sorted(docs["source_path"].to_list()) == sorted(p.name for p in (ROOT / "seeds").iterdir())
    # doc_id is the blake3 of the text: recomputable by a user (checked in Rust); here: unique and 64 hex.
    assert docs["doc_id"].n_unique() == 5
    assert all(re.fullmatch(r"[0-9a-f]{64}", d) for d in docs["doc_id"])


def test_offsets_slice_the_text_in_python(release):
    docs = {r["doc_id"]: r["text"] for r in pq.read_table(release / "documents.parquet").to_pylist()}
    for table in SPAN_TABLES:
        rows = pq.read_table(release / f"{table}.parquet").to_pylist()
        if table == "sentences":
            assert rows, "the seeds have sentences"
        for r in rows:
            assert docs[r["doc_id"]][r["start"]:r["end"]] == r["text"], (table, r)


def test_offsets_slice_the_text_in_duckdb(release):
    con = duckdb.connect()
    for table in SPAN_TABLES:
        bad = con.execute(f"""
            SELECT count(*) FROM '{release}/{table}.parquet' t
            JOIN '{release}/documents.parquet' d USING (doc_id)
            WHERE substring(d.text, t.start + 1, t."end" - t.start) <> t.text
        """).fetchone()[0]
        assert bad == 0, table


def test_offsets_slice_the_text_in_polars(release):
    docs = pl.read_parquet(release / "documents.parquet").select("doc_id", "text")
    for table in SPAN_TABLES:
        t = pl.read_parquet(release / f"{table}.parquet").join(docs, on="doc_id", suffix="_doc")
        sliced = t.select(pl.col("text_doc").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
        assert sliced.to_series().to_list() == t["text"].to_list(), table


def test_sentences_are_ordered_and_disjoint(release):
    s = pl.read_parquet(release / "sentences.parquet")
    for _, g in s.group_by("doc_id"):
        g = g.sort("idx")
        assert g["idx"].to_list() == list(range(g.height))
        starts, ends = g["start"].to_list(), g["end"].to_list()
        assert all(a < b for a, b in zip(starts, ends))
        assert all(e <= s2 for e, s2 in zip(ends, starts[1:]))


def test_template_paragraph_shared_by_two_seeds_is_a_passage(release):
    """Seeds 002 and 003 (one outlet's template) share a closing paragraph."""
    con = duckdb.connect()
    rows = con.execute(f"""
        SELECT p.n_docs, list(DISTINCT d.source_path ORDER BY d.source_path)
        FROM '{release}/passages.parquet' p
        JOIN '{release}/sentences.parquet' s USING (sentence_hash)
        JOIN '{release}/documents.parquet' d ON d.doc_id = s.doc_id
        WHERE p.text LIKE 'The US-led coalition has been conducting airstrikes%'
        GROUP BY p.n_docs
    """).fetchall()
    assert len(rows) == 1
    n_docs, paths = rows[0]
    assert n_docs == 2
    assert [p[:3] for p in paths] == ["002", "003"]


def _readme_blocks(lang):
    text = (ROOT / "README.md").read_text()
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


@pytest.fixture
def readme_cwd(release, tmp_path, monkeypatch):
    """A working folder where `out/latest` is a fresh release, as the README's examples assume."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "latest").symlink_to(release.resolve())
    monkeypatch.chdir(tmp_path)


def test_readme_sql_queries_run(readme_cwd):
    """Every ```sql block of the README runs against a fresh release (paths as written there)."""
    blocks = _readme_blocks("sql")
    assert blocks, "the README shows DuckDB queries"
    con = duckdb.connect()
    for sql in blocks:
        con.execute(sql).fetchall()


def test_readme_python_examples_run(readme_cwd):
    """Every ```python block of the README runs against a fresh release."""
    blocks = _readme_blocks("python")
    assert blocks, "the README shows polars examples"
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
