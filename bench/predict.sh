#!/usr/bin/env bash
# Scores the progress engine's predictions over a simulated week with its ground truth:
#   ./bench/predict.sh [--days N] [--jobs N] [--seed N] [--start ISO-instant] [--parallelism N]
#                      [--state-cut-hours N | --no-state] [--skip-build]
# Builds the bench module (and what it needs) unless --skip-build, then runs
# io.milepost.bench.PredictionBench with a 3 GiB heap (MILEPOST_BENCH_HEAP to change it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

args=()
build=true
for arg in "$@"; do
  if [[ "$arg" == --skip-build ]]; then build=false; else args+=("$arg"); fi
done

if [[ "$build" == true ]]; then
  echo "Building the benchmark: ./mvnw -q -B -pl bench -am package -DskipTests"
  ./mvnw -q -B -pl bench -am package -DskipTests
fi
classpath_file="bench/target/classpath.txt"
[[ -f "$classpath_file" ]] || { echo "predict: $classpath_file is missing; run without --skip-build" >&2; exit 1; }

echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)'); $(uptime | sed 's/.*load/load/')"
export CLASSPATH="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat "$classpath_file")"
# Other jars on the classpath carry their own log4j2 configs: name ours.
exec java "-Xmx${MILEPOST_BENCH_HEAP:-3g}" -Dlog4j2.configurationFile=milepost-bench-log4j2.xml io.milepost.bench.PredictionBench "${args[@]+"${args[@]}"}"
