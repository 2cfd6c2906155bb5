#!/usr/bin/env bash
# Runs the throughput benchmark: ./bench/run.sh [--events N | --quick] [--parallelism N] [--seed N]
#                                               [--skip-build]
# Builds the bench module (and what it needs), then runs io.milepost.bench.ThroughputBench with a
# 3 GiB heap (MILEPOST_BENCH_HEAP to change it). Not part of `mvn test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

args=()
build=true
for arg in "$@"; do
  if [[ "$arg" == --skip-build ]]; then build=false; else args+=("$arg"); fi
done

if [[ "$build" == true ]]; then
  echo "Building the benchmark: ./mvnw -q -pl bench -am install -DskipTests"
  ./mvnw -q -B -pl bench -am install -DskipTests
fi
classpath_file="bench/target/classpath.txt"
[[ -f "$classpath_file" ]] || { echo "bench: $classpath_file is missing; run without --skip-build" >&2; exit 1; }

export CLASSPATH="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat "$classpath_file")"
# Other jars on the classpath carry their own log4j2 configs: name ours.
exec java "-Xmx${MILEPOST_BENCH_HEAP:-3g}" -Dlog4j2.configurationFile=milepost-bench-log4j2.xml io.milepost.bench.ThroughputBench "${args[@]}"
