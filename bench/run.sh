#!/usr/bin/env bash
# Runs the throughput benchmark: ./bench/run.sh [--events N | --quick] [--parallelism N] [--seed N]
#                                               [--skip-build]
# Builds the bench module (and what it needs), then runs io.milepost.bench.ThroughputBench with a
# 3 GiB heap (MILEPOST_BENCH_HEAP to change it). Not part of `mvn test`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/launch.sh"
BENCH_MODULES=bench

args=()
build=true
for arg in "$@"; do
  if [[ "$arg" == --skip-build ]]; then build=false; else args+=("$arg"); fi
done

[[ "$build" == true ]] && bench_build
bench_exec 3g io.milepost.bench.ThroughputBench "${args[@]+"${args[@]}"}"
