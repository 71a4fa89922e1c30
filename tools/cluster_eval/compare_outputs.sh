#!/usr/bin/env bash
# tools/cluster_eval/compare_outputs.sh BUILD OUT [BASELINE]
#
# For refactors that must not change results: runs the built `precis` and
# `precis-cluster-eval` of BUILD on fixed inputs and writes every output to
# OUT; with BASELINE (an OUT of an earlier run), compares each file with cmp
# and exits 1 on the first difference. Typical use:
#
#   git stash; cmake --build build ...; tools/cluster_eval/compare_outputs.sh build /tmp/base
#   git stash pop; cmake --build build ...; tools/cluster_eval/compare_outputs.sh build /tmp/new /tmp/base
#
# Inputs: corpora/seeds; a generated corpus of 5,000 reports (seed 7, with
# gold labels, made once into OUT/../gen5k.jsonl); and, when ../shared/eval
# is there, RPM2 and AllSides (JSON Lines). Outputs: cluster (json, md),
# digest (json, md; agglomerative and streaming), dedup (json), an
# incremental run (ingest --db of the generated feed and of AllSides 2021,
# then digest --db), and the eval scores (default and method=streaming; with
# caps small enough to bind; on the dated AllSides 2021 set).
# Timings are not printed by any of these, so equal inputs give equal bytes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "$1" && pwd)"
out="$2"
baseline="${3:-}"
precis="$build/bin/precis"
eval_bin="$build/bin/precis-cluster-eval"
eval_dir="$root/../shared/eval"
mkdir -p "$out"
rm -f "$out"/*.out "$out"/*.db "$out"/*.db-*

gen="$(dirname "$out")/gen5k.jsonl"
if [[ ! -f "$gen" ]]; then
  "$build/bin/precis-gen-corpus" -n 5000 --seed 7 -o "$gen" >/dev/null
fi

corpora=("seeds:$root/corpora/seeds" "gen5k:$gen")
if [[ -d "$eval_dir" ]]; then
  corpora+=("rpm2:$eval_dir/rpm2-fr.docs.jsonl" "allsides:$eval_dir/allsides-en.docs.jsonl")
fi

# run NAME CMD...: stdout to OUT/NAME.out; the exit code (2 = some input
# skipped) is kept in the file too, so a change in it is a difference.
run() {
  local name="$1"
  shift
  local rc=0
  "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  echo "exit $rc" >>"$out/$name.out"
}

for entry in "${corpora[@]}"; do
  name="${entry%%:*}"
  path="${entry#*:}"
  run "$name.cluster.json" "$precis" cluster "$path" --format json -q
  run "$name.cluster.md" "$precis" cluster "$path" --format md -q
  run "$name.digest.json" "$precis" digest "$path" --format json -q
  run "$name.digest.md" "$precis" digest "$path" --format md -q
  run "$name.digest-streaming.json" "$precis" digest "$path" --format json --method streaming -q
  run "$name.dedup.json" "$precis" dedup "$path" --format json -q
done

# The other commands and digest options, on the seeds and RPM2.
seeds="$root/corpora/seeds"
seed_files=("$seeds"/*)
run seeds.sentences "$precis" sentences "$seeds" -q
run seeds.digest-single.json "$precis" digest "$seeds" --single-story --format json -q
run seeds.digest-words.md "$precis" digest "$seeds" --words 60 --no-timeline -q
run seeds.explain "$precis" explain "${seed_files[0]}" "${seed_files[1]}" --corpus "$seeds"
run seeds.idf "$precis" idf build "$seeds" -o /dev/stdout -q
if [[ -d "$eval_dir" ]]; then
  run rpm2.sentences "$precis" sentences "$eval_dir/rpm2-fr.docs.jsonl" -q
  run rpm2.idf "$precis" idf build "$eval_dir/rpm2-fr.docs.jsonl" -o /dev/stdout -q
fi

# Incremental: a feed into a fresh database, then its digest.
feeds=("gen5k:$gen")
[[ -d "$eval_dir" ]] && feeds+=("allsides2021:$eval_dir/allsides-en-2021.docs.jsonl")
for entry in "${feeds[@]}"; do
  name="${entry%%:*}"
  path="${entry#*:}"
  run "$name.ingest.fates" "$precis" ingest --db "$out/$name.db" - -q <"$path"
  run "$name.ingest.digest.json" "$precis" digest --db "$out/$name.db" --format json -q
  run "$name.ingest.digest.md" "$precis" digest --db "$out/$name.db" --format md -q
done
if [[ -d "$eval_dir" ]]; then
  run allsides2021.ingest.since.json "$precis" digest --db "$out/allsides2021.db" --since 2021-06-01 \
    --format json -q
  run allsides2021.ingest.single.md "$precis" digest --db "$out/allsides2021.db" --single-story -q
fi

if [[ -d "$eval_dir" ]]; then
  run eval "$eval_bin" "$eval_dir/rpm2-fr.docs.jsonl" "$eval_dir/allsides-en.docs.jsonl"
  run eval-streaming "$eval_bin" "$eval_dir/rpm2-fr.docs.jsonl" "$eval_dir/allsides-en.docs.jsonl" \
    --set method=streaming
  # Caps small enough to bind on these sets, so the budgeted search paths run.
  caps=(--set max_postings=4 --set posting_budget=40 --set max_candidates=5 --set index_terms=8)
  run eval-caps "$eval_bin" "$eval_dir/rpm2-fr.docs.jsonl" "$eval_dir/allsides-en.docs.jsonl" \
    "${caps[@]}"
  run eval-caps-streaming "$eval_bin" "$eval_dir/rpm2-fr.docs.jsonl" \
    "$eval_dir/allsides-en.docs.jsonl" "${caps[@]}" --set method=streaming
  # Dates gate events (event_max_days), streaming stories (story_window_days).
  run eval-dated "$eval_bin" "$eval_dir/allsides-en-2021.docs.jsonl"
  run eval-dated-streaming "$eval_bin" "$eval_dir/allsides-en-2021.docs.jsonl" \
    --set method=streaming
fi
rm -f "$out"/*.db "$out"/*.db-*

if [[ -n "$baseline" ]]; then
  status=0
  for f in "$baseline"/*.out; do
    if ! cmp -s "$f" "$out/$(basename "$f")"; then
      echo "DIFFERS: $(basename "$f")"
      status=1
    fi
  done
  [[ $status -eq 0 ]] && echo "identical: $(ls "$baseline"/*.out | wc -l) outputs"
  exit $status
fi
echo "wrote $(ls "$out"/*.out | wc -l) outputs to $out"
