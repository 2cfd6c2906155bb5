#!/usr/bin/env bash
# Runs the notifier live-path benchmark: ./bench/live.sh [--skip-build] [--clients N]
#   [--rates 70,250,2000] [--watched-rate N] [--seconds N] [--warmup N]
#   [--notifier-jar FILE] [--notifier-heap 768m] [--label TEXT]
#   or, to find how many tracking pages one notifier serves: --step-clients 250,500,1000,2000
#   [--rates 100 (background events/s)] [--p99-limit-ms 500] (the notifier then gets 1g of heap)
# Builds the notifier's runnable jar and the bench module, then runs io.milepost.bench.live.LiveBench:
# a Kafka broker and the bench in this JVM, the notifier in its own. Not part of `mvn test`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/launch.sh"
BENCH_MODULES=notifier-app,bench

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

[[ "$build" == true ]] && bench_build
bench_exec 2g io.milepost.bench.live.LiveBench --notifier-jar "$jar" "${args[@]+"${args[@]}"}"
