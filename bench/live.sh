#!/usr/bin/env bash
# Runs the notifier live-path benchmark: ./bench/live.sh [--skip-build] [--clients N]
#   [--rates 70,250,2000] [--watched-rate N] [--seconds N] [--warmup N]
#   [--notifier-jar FILE] [--notifier-heap 768m] [--label TEXT]
# Builds the notifier's runnable jar and the bench module, then runs io.milepost.bench.live.LiveBench:
# a Kafka broker and the bench in this JVM, the notifier in its own. Not part of `mvn test`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

args=()
build=true
jar="notifier-app/target/notifier-app-0.1.0-SNAPSHOT-exec.jar"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) build=false; shift ;;
    --notifier-jar) jar="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

if [[ "$build" == true ]]; then
  echo "Building the notifier and the benchmark: ./mvnw -q -pl notifier-app,bench -am package -DskipTests"
  ./mvnw -q -B -pl notifier-app,bench -am package -DskipTests
fi
classpath_file="bench/target/classpath.txt"
[[ -f "$classpath_file" ]] || { echo "bench: $classpath_file is missing; run without --skip-build" >&2; exit 1; }

export CLASSPATH="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat "$classpath_file")"
exec java "-Xmx${MILEPOST_BENCH_HEAP:-2g}" -Dlog4j2.configurationFile=milepost-bench-log4j2.xml \
  io.milepost.bench.live.LiveBench --notifier-jar "$jar" "${args[@]}"
