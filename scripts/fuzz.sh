#!/usr/bin/env bash
# Fuzz one text stage (or all of them) with cargo-fuzz (libFuzzer + AddressSanitizer).
#
#   scripts/fuzz.sh TARGET SECONDS [EVAL_DIR]     (or: just fuzz TARGET SECONDS)
#
# TARGET: normalize, segment, numbers, places, structure, analyze, names, or `all` (each in
# turn for SECONDS). The corpus fuzz/corpus/TARGET/ is seeded at run time from seeds/ and, when
# EVAL_DIR (default $NEWSCORPUS_EVAL_DIR, else ../shared/eval) exists, from the `text` of every
# line of its *.jsonl files; the corpus and crash artifacts are never committed.
#
# cargo-fuzz needs nightly-only flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
# Install it once with `cargo install cargo-fuzz --locked` (or put it on PATH).
# A crash stops the run and leaves fuzz/artifacts/TARGET/crash-*; minimize it with
#   (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz tmin TARGET artifacts/TARGET/crash-...)
# and keep the minimized input as a test in tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [EVAL_DIR]}
seconds=${2:-60}
eval_dir=${3:-${NEWSCORPUS_EVAL_DIR:-../shared/eval}}
all_targets=(normalize segment numbers places structure analyze names)

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
    exit 1
fi
export RUSTC_BOOTSTRAP=1
# The fuzz crate has its own target folder: its instrumented builds never touch the main one.
export CARGO_TARGET_DIR="$root/fuzz/target"

seed() {
    local dir="$root/fuzz/corpus/$1"
    mkdir -p "$dir"
    python3 - "$dir" "$root/seeds" "$eval_dir" <<'PY'
import hashlib, json, pathlib, sys
out, seeds, eval_dir = (pathlib.Path(p) for p in sys.argv[1:])
texts = [p.read_bytes() for p in sorted(seeds.glob("*")) if p.is_file()]
if eval_dir.is_dir():
    for f in sorted(eval_dir.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            try:
                t = json.loads(line).get("text")
            except (ValueError, AttributeError):
                continue
            if isinstance(t, str) and t:
                texts.append(t.encode("utf-8"))
else:
    print(f"note: no evaluation sets at {eval_dir}; seeding from seeds/ only", file=sys.stderr)
new = 0
for t in texts:
    p = out / hashlib.sha1(t).hexdigest()
    if not p.exists():
        p.write_bytes(t)
        new += 1
print(f"{out.name}: {new} new seeds ({len(texts)} texts)", file=sys.stderr)
PY
}

run() {
    local t=$1
    seed "$t"
    echo "fuzzing $t for ${seconds}s" >&2
    (cd "$root/fuzz" && cargo fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1)
}

if [ "$target" = all ]; then
    for t in "${all_targets[@]}"; do run "$t"; done
else
    run "$target"
fi
