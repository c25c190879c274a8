# newscorpus tasks. `just --list` shows them all.

set shell := ["bash", "-euo", "pipefail", "-c"]

venv := ".venv"
py := venv / "bin/python"
bin := "target/release/newscorpus"
# Development evaluation sets and benchmark corpora (never needed by a build).
eval_dir := env_var_or_default("NEWSCORPUS_EVAL_DIR", "../shared/eval")
corpora_dir := env_var_or_default("NEWSCORPUS_CORPORA_DIR", "../shared/corpora")

# Build the release binary.
build:
    cargo build --release --locked

# Build a release of the corpus from seeds/ into out/ (extra arguments go to `newscorpus build`).
build-dataset *ARGS: build
    {{bin}} build --input seeds --out out {{ARGS}}

# The Python virtual environment for consumer tests, evaluation and benchmarks.
venv:
    [ -x {{py}} ] || python3 -m venv {{venv}}
    {{py}} -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# Every test: Rust unit, property and end-to-end tests, then the Python consumer tests.
test: build venv
    cargo test --release --locked
    NEWSCORPUS_BIN={{bin}} {{py}} -m pytest -q tests/python

# Accuracy on the evaluation sets (JSON summaries go to out/eval/).
eval: build venv
    mkdir -p out/eval
    for s in scripts/eval_*.py; do {{py}} "$s" --eval-dir {{eval_dir}} --bin {{bin}} --out out/eval; done

# Fuzz a text stage with cargo-fuzz for SECONDS (TARGET: normalize, segment, numbers, places,
# structure, analyze, names, or all). Needs `cargo install cargo-fuzz --locked`; see scripts/fuzz.sh.
fuzz TARGET="all" SECONDS="60":
    scripts/fuzz.sh {{TARGET}} {{SECONDS}} {{eval_dir}}

# Speed and scale on a SIZE-MB corpus made from the benchmark news (see BENCHMARKS.md); results in out/bench/.
bench SIZE="500" *ARGS: build
    python3 scripts/bench.py --corpora-dir {{corpora_dir}} --bin {{bin}} --size-mb {{SIZE}} {{ARGS}}
