# The part every benchmark script shares; sourced, not run. A script sets BENCH_MODULES (what to
# build), then calls bench_build (unless --skip-build) and bench_exec <heap> <main class> [args].
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bench_build() {
  echo "Building: ./mvnw -q -B -pl $BENCH_MODULES -am package -DskipTests"
  ./mvnw -q -B -pl "$BENCH_MODULES" -am package -DskipTests
}

# Runs <main class> on the bench module's classpath with <heap> (MILEPOST_BENCH_HEAP wins), after a
# line saying which commit and what load it ran on: figures are read against both.
bench_exec() {
  local heap="$1" main="$2"
  shift 2
  local classpath_file="bench/target/classpath.txt"
  [[ -f "$classpath_file" ]] || { echo "bench: $classpath_file is missing; run without --skip-build" >&2; exit 1; }
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)'); $(uptime | sed 's/.*load/load/')"
  export CLASSPATH="bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat "$classpath_file")"
  # Other jars on the classpath carry their own log4j2 configs: name ours.
  exec java "-Xmx${MILEPOST_BENCH_HEAP:-$heap}" -Dlog4j2.configurationFile=milepost-bench-log4j2.xml "$main" "$@"
}
