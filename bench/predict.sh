#!/usr/bin/env bash
# Scores the progress engine's predictions over a simulated week with its ground truth:
#   ./bench/predict.sh [--days N] [--jobs N] [--seed N] [--start ISO-instant] [--parallelism N]
#                      [--state-cut-hours N | --no-state] [--skip-build]
# Builds the bench module (and what it needs) unless --skip-build, then runs
# io.milepost.bench.PredictionBench with a 3 GiB heap (MILEPOST_BENCH_HEAP to change it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/launch.sh"
BENCH_MODULES=bench

args=()
build=true
for arg in "$@"; do
  if [[ "$arg" == --skip-build ]]; then build=false; else args+=("$arg"); fi
done

[[ "$build" == true ]] && bench_build
bench_exec 3g io.milepost.bench.PredictionBench "${args[@]+"${args[@]}"}"
