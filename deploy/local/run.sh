#!/usr/bin/env bash
# Runs all of Milepost on this machine with one command, from the repository root:
#
#   ./deploy/local/run.sh [--skip-build] [--no-simulator] [--kafka host:port] [--postgres jdbc-url]
#                         [--fresh] [--notifier-port N] [--flink-ui-port N] [--sandbox-port N]
#                         [--kafka-port N] [--postgres-port N]
#
# Builds, then starts (each a separate process, logs in deploy/local/run/logs/): a Kafka broker,
# PostgreSQL (the local server if one answers, else an embedded one), the Twilio sandbox (unless
# real Twilio credentials are set), the notifier, the Flink job with its web UI, and the simulator.
# Ctrl-C stops everything it started, in reverse order, and nothing else. See README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN="$HERE/run"
LOGS="$RUN/logs"
TARGET="$HERE/target"
VERSION="0.1.0-SNAPSHOT"

# ---- settings: flags win over environment variables, which win over defaults ----------------
SKIP_BUILD="${MILEPOST_SKIP_BUILD:-false}"
SIMULATOR="${MILEPOST_SIMULATOR:-true}"
KAFKA="${KAFKA_BOOTSTRAP_SERVERS:-}"
POSTGRES_URL="${SPRING_DATASOURCE_URL:-}"
FRESH=false
NOTIFIER_PORT="${MILEPOST_NOTIFIER_PORT:-8080}"
FLINK_UI_PORT="${MILEPOST_FLINK_UI_PORT:-8081}"
SANDBOX_PORT="${MILEPOST_SANDBOX_PORT:-8089}"
KAFKA_PORT="${MILEPOST_KAFKA_PORT:-9092}"
POSTGRES_PORT="${MILEPOST_POSTGRES_PORT:-5432}"
SIM_JOBS="${MILEPOST_SIM_JOBS:-12}"
SIM_SPEED="${MILEPOST_SIM_SPEED:-600}"

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=true ;;
    --no-simulator) SIMULATOR=false ;;
    --fresh) FRESH=true ;;
    --kafka) KAFKA="${2:?--kafka needs host:port}"; shift ;;
    --postgres) POSTGRES_URL="${2:?--postgres needs a JDBC URL}"; shift ;;
    --notifier-port) NOTIFIER_PORT="${2:?}"; shift ;;
    --flink-ui-port) FLINK_UI_PORT="${2:?}"; shift ;;
    --sandbox-port) SANDBOX_PORT="${2:?}"; shift ;;
    --kafka-port) KAFKA_PORT="${2:?}"; shift ;;
    --postgres-port) POSTGRES_PORT="${2:?}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

# ---- output helpers ---------------------------------------------------------------------------
if [[ -t 1 ]]; then BOLD=$'\e[1m'; GREEN=$'\e[32m'; RED=$'\e[31m'; DIM=$'\e[2m'; OFF=$'\e[0m'
else BOLD=""; GREEN=""; RED=""; DIM=""; OFF=""; fi
step() { printf '%s==>%s %s\n' "$BOLD" "$OFF" "$*"; }
ok() { printf '    %s✓%s %s\n' "$GREEN" "$OFF" "$*"; }
fail() { printf '%s✗ %s%s\n' "$RED" "$*" "$OFF" >&2; }

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# True when something accepts TCP connections on host:port (bash's /dev/tcp: no nc needed).
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# GET over plain HTTP/1.0 with bash alone (a fresh machine may lack curl); prints the body.
http_get() (
  host="$1" port="$2" path="$3" header="${4:-}"
  exec 3<>"/dev/tcp/$host/$port" || exit 1
  printf 'GET %s HTTP/1.0\r\nHost: %s:%s\r\n%s\r\n' "$path" "$host" "$port" \
    "${header:+$header$'\r\n'}" >&3
  response="$(cat <&3)"
  [[ "${response%%$'\r'*}" == *" 200"* ]] || exit 1
  printf '%s' "${response#*$'\r\n\r\n'}"
)

# PUT a JSON file over plain HTTP/1.0, the same way; prints the status line and fails unless 2xx.
http_put_json() (
  host="$1" port="$2" path="$3" file="$4" header="$5"
  exec 3<>"/dev/tcp/$host/$port" || exit 1
  printf 'PUT %s HTTP/1.0\r\nHost: %s:%s\r\n%s\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n' \
    "$path" "$host" "$port" "$header" "$(wc -c <"$file")" >&3
  cat "$file" >&3
  response="$(cat <&3)"
  status="${response%%$'\r'*}"
  printf '%s' "$status"
  [[ "$status" == *" 200"* || "$status" == *" 202"* ]]
)

# ---- processes we start, stopped in reverse order on exit -----------------------------------
PIDS=()
NAMES=()

stop_all() {
  local i pid name waited
  # A second Ctrl-C must not cut the shutdown short and leave processes behind.
  trap '' INT TERM
  trap - EXIT
  [[ ${#PIDS[@]} -eq 0 ]] && return
  echo
  step "Stopping what this script started"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid="${PIDS[$i]}"; name="${NAMES[$i]}"
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 200)); do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      ok "$name (pid $pid) did not stop within 20 s: killed"
    else
      ok "$name stopped"
    fi
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: runs a command in the background, logging to $LOGS/NAME.log.
start() {
  local name="$1"; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=("$!"); NAMES+=("$name")
}

last_pid() { echo "${PIDS[${#PIDS[@]} - 1]}"; }

# wait_until NAME TIMEOUT CHECK...: waits for CHECK to succeed while the process lives.
wait_until() {
  local name="$1" timeout="$2" pid waited=0; shift 2
  pid="$(last_pid)"
  printf '    waiting for %s ' "$name"
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo; fail "$name exited before it was ready. Last lines of $LOGS/$name.log:"
      tail -n 30 "$LOGS/$name.log" >&2; exit 1
    fi
    if ((waited >= timeout)); then
      echo; fail "$name was not ready after ${timeout} s. Last lines of $LOGS/$name.log:"
      tail -n 30 "$LOGS/$name.log" >&2; exit 1
    fi
    printf '.'; sleep 1; waited=$((waited + 1))
  done
  printf ' %sready%s (%d s)\n' "$GREEN" "$OFF" "$waited"
}

require_free_port() {
  if port_open 127.0.0.1 "$1"; then
    fail "port $1 ($2) is already in use. Stop what uses it, or choose another with $3."
    exit 1
  fi
}

# Wall-clock start, UTC ISO-8601 like the notifier's updatedAt, so the two compare as text.
RUN_STARTED="$(date -u +%Y-%m-%dT%H:%M:%S)"

# ---- 0. prerequisites ---------------------------------------------------------------------------
cd "$ROOT"
command -v java >/dev/null || { fail "java not found: install JDK 17 or newer"; exit 1; }
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
if [[ "${JAVA_MAJOR%%.*}" -lt 17 ]]; then fail "Java 17 or newer needed, found $JAVA_MAJOR"; exit 1; fi
if [[ "$FRESH" == true ]]; then rm -rf "$RUN"; fi
mkdir -p "$LOGS"

# ---- 1. build -------------------------------------------------------------------------------------
NOTIFIER_JAR="$ROOT/notifier-app/target/notifier-app-$VERSION-exec.jar"
if [[ "$SKIP_BUILD" != true ]]; then
  step "Building Milepost: ./mvnw -B -DskipTests install (log: $LOGS/build.log; the first build downloads ~750 MB)"
  ./mvnw -B -DskipTests install >"$LOGS/build.log" 2>&1 &
  BUILD_PID=$!
  trap 'kill -TERM $BUILD_PID 2>/dev/null; exit 130' INT TERM
  started=$SECONDS
  while kill -0 "$BUILD_PID" 2>/dev/null; do
    module="$(grep -o 'Building Milepost[^[]*\[[0-9]*/[0-9]*\]' "$LOGS/build.log" 2>/dev/null | tail -n 1 || true)"
    printf '\r    %3d s  %-60s' $((SECONDS - started)) "${module:-resolving the build...}"
    sleep 2
  done
  if ! wait "$BUILD_PID"; then
    echo; fail "The build failed. Last lines of $LOGS/build.log:"
    grep -E 'ERROR|FAIL' "$LOGS/build.log" | head -n 30 >&2; exit 1
  fi
  trap 'exit 130' INT TERM
  printf '\r'; ok "built in $((SECONDS - started)) s$(printf '%40s')"
fi
for needed in "$TARGET/classpath/kafka.classpath" "$TARGET/classpath/apps.classpath" "$NOTIFIER_JAR"; do
  [[ -f "$needed" ]] || { fail "$needed is missing: run without --skip-build"; exit 1; }
done
KAFKA_CP="$(cat "$TARGET/classpath/kafka.classpath")"
APPS_CP="$(cat "$TARGET/classpath/apps.classpath")"
LOCAL_RUN_CP="$TARGET/local-run-$VERSION.jar:$APPS_CP"
LOG4J="-Dlog4j2.configurationFile=$HERE/config/log4j2.xml"
# Classpaths travel in CLASSPATH rather than -cp: `ps` then shows which program runs, not 200 jars.

# ---- 2. Kafka -----------------------------------------------------------------------------------
if [[ -n "$KAFKA" ]]; then
  step "Kafka: using $KAFKA"
  kafka_host="${KAFKA%%,*}"
  port_open "${kafka_host%:*}" "${kafka_host##*:}" || { fail "no Kafka answers at $kafka_host"; exit 1; }
else
  KAFKA="127.0.0.1:$KAFKA_PORT"
  CONTROLLER_PORT=$((KAFKA_PORT + 1))
  step "Kafka: starting a KRaft broker on $KAFKA (controller $CONTROLLER_PORT)"
  require_free_port "$KAFKA_PORT" "Kafka" "--kafka-port, or --kafka host:port to use a running broker"
  require_free_port "$CONTROLLER_PORT" "Kafka controller" "--kafka-port"
  mkdir -p "$RUN/kafka"
  cat >"$RUN/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$RUN/kafka/data
num.partitions=4
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The cap on the Flink job's --transaction-timeout (10 min by default; it must cover the checkpoint
# interval + --checkpoint-timeout + --restart-budget). 1 h leaves room to raise those without
# touching the broker; a producer asking for more than this cannot start.
transaction.max.timeout.ms=3600000
EOF
  KAFKA_JAVA=(env "CLASSPATH=$KAFKA_CP" java -Xmx512m "-Dlog4j2.configurationFile=$HERE/config/kafka-log4j2.xml")
  if [[ ! -f "$RUN/kafka/data/meta.properties" ]]; then
    cluster_id="$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log" | tail -n 1)"
    "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format --standalone -t "$cluster_id" \
      -c "$RUN/kafka/server.properties" >>"$LOGS/kafka-format.log" 2>&1 \
      || { fail "formatting Kafka's storage failed:"; tail -n 20 "$LOGS/kafka-format.log" >&2; exit 1; }
    ok "storage formatted (cluster $cluster_id, data in $RUN/kafka/data)"
  fi
  start kafka "${KAFKA_JAVA[@]}" kafka.Kafka "$RUN/kafka/server.properties"
  wait_until kafka 60 port_open 127.0.0.1 "$KAFKA_PORT"
fi

step "Kafka: creating topics (existing ones are kept)"
create_topic() {
  CLASSPATH="$KAFKA_CP" java -Xmx128m "-Dlog4j2.configurationFile=$HERE/config/kafka-log4j2.xml" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --create --if-not-exists \
    --topic "$1" --partitions 4 --replication-factor 1 "${@:2}" >>"$LOGS/topics.log" 2>&1
}
topic_pids=()
for topic in milepost.ops-events milepost.ops-events.dlq milepost.intents milepost.board milepost.cx-metrics; do
  create_topic "$topic" & topic_pids+=($!)
done
create_topic milepost.rules --config cleanup.policy=compact & topic_pids+=($!)
for pid in "${topic_pids[@]}"; do
  wait "$pid" || { fail "creating topics failed:"; tail -n 20 "$LOGS/topics.log" >&2; exit 1; }
done
ok "milepost.ops-events, .dlq, milepost.intents, milepost.board, milepost.rules (compacted), milepost.cx-metrics"

# ---- 3. PostgreSQL ------------------------------------------------------------------------------
DB_USER="${SPRING_DATASOURCE_USERNAME:-postgres}"
DB_PASSWORD="${SPRING_DATASOURCE_PASSWORD:-${PGPASSWORD:-}}"
if [[ -n "$POSTGRES_URL" ]]; then
  step "PostgreSQL: using $POSTGRES_URL"
elif port_open 127.0.0.1 "$POSTGRES_PORT"; then
  step "PostgreSQL: a server answers on 127.0.0.1:$POSTGRES_PORT; using database milepost"
  CLASSPATH="$LOCAL_RUN_CP" java "$LOG4J" io.milepost.local.postgres.LocalPostgres ensure-database \
    "jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/postgres" "$DB_USER" "$DB_PASSWORD" milepost \
    >"$LOGS/postgres-setup.log" 2>&1 \
    || { fail "could not create database milepost:"; tail -n 20 "$LOGS/postgres-setup.log" >&2; exit 1; }
  ok "$(tail -n 1 "$LOGS/postgres-setup.log")"
  POSTGRES_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/milepost"
else
  step "PostgreSQL: none on 127.0.0.1:$POSTGRES_PORT; starting an embedded PostgreSQL 14 (data in $RUN/postgres)"
  start postgres env "CLASSPATH=$LOCAL_RUN_CP" java -Xmx256m "$LOG4J" io.milepost.local.postgres.LocalPostgres \
    embedded "$POSTGRES_PORT" "$RUN/postgres" milepost
  wait_until postgres 120 grep -q "embedded PostgreSQL ready" "$LOGS/postgres.log"
  POSTGRES_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/milepost"
  DB_USER=postgres; DB_PASSWORD=postgres
fi

# ---- 4. Twilio: the real one if configured, else the sandbox ---------------------------------
if [[ -n "${MILEPOST_TWILIO_ACCOUNT_SID:-}" && -n "${MILEPOST_TWILIO_AUTH_TOKEN:-}" \
      && -n "${MILEPOST_TWILIO_FROM_NUMBER:-}${MILEPOST_TWILIO_MESSAGING_SERVICE_SID:-}" ]]; then
  step "Twilio: real credentials found in the environment (account $MILEPOST_TWILIO_ACCOUNT_SID): SMS go to real phones"
  SANDBOX_URL=""
  TWILIO_BASE="${MILEPOST_TWILIO_API_BASE_URL:-https://api.twilio.com}"
  SMS_RATE="${MILEPOST_SMS_RATE_PER_SECOND:-1}" # a real long code's rate
  QUIET_HOURS="${MILEPOST_QUIET_HOURS_ENABLED:-true}"
  CSAT_DELAY="${MILEPOST_CSAT_DELAY:-PT1H}"
else
  # Fresh credentials per run: only this run's notifier can use this run's sandbox.
  export MILEPOST_TWILIO_ACCOUNT_SID="AC$(random_hex 16)"
  export MILEPOST_TWILIO_AUTH_TOKEN="$(random_hex 16)"
  export MILEPOST_TWILIO_FROM_NUMBER="+15005550006"
  unset MILEPOST_TWILIO_MESSAGING_SERVICE_SID
  step "Twilio: no credentials set; starting the local Twilio sandbox on port $SANDBOX_PORT"
  require_free_port "$SANDBOX_PORT" "Twilio sandbox" "--sandbox-port"
  # A reply typed on the sandbox's page goes to the notifier's inbound webhook, signed as Twilio would.
  start sandbox env "CLASSPATH=$LOCAL_RUN_CP" \
    MILEPOST_SANDBOX_INBOUND_URL="${MILEPOST_PUBLIC_BASE_URL:-http://localhost:$NOTIFIER_PORT}/webhooks/twilio/inbound" \
    java -Xmx96m io.milepost.local.sandbox.TwilioSandbox --port "$SANDBOX_PORT"
  wait_until sandbox 30 port_open 127.0.0.1 "$SANDBOX_PORT"
  SANDBOX_URL="http://localhost:$SANDBOX_PORT/"
  TWILIO_BASE="http://127.0.0.1:$SANDBOX_PORT"
  # The sandbox has no carrier to protect: the demo's texts need not queue behind each other.
  SMS_RATE="${MILEPOST_SMS_RATE_PER_SECOND:-20}"
  # A demo at night should still show texts, and a survey within the demo's minutes.
  QUIET_HOURS="${MILEPOST_QUIET_HOURS_ENABLED:-false}"
  CSAT_DELAY="${MILEPOST_CSAT_DELAY:-PT1M}"
fi

# ---- 5. notifier --------------------------------------------------------------------------------
ACME_KEY="acme-$(random_hex 12)"
SWIFT_KEY="swift-$(random_hex 12)"
# Demo people, new passwords every run (printed below); production configuration names none.
DEMO_PASSWORD="demo-$(random_hex 6)"
DEMO_USERS=(
  # username      role        tenant         locations     locale
  "dana-dealer    DEALER      acme-motors    springfield   en"
  "sol-dealer     DEALER      acme-motors    shelbyville   es"
  "dex-dispatch   DISPATCHER  swift-parcels  depot-north   en"
  "otto-ops       OPS         acme-motors    -             en"
  "ada-admin      ADMIN       acme-motors    -             en"
)
USER_ENV=()
for i in "${!DEMO_USERS[@]}"; do
  read -r name role tenant locations locale <<<"${DEMO_USERS[$i]}"
  USER_ENV+=("MILEPOST_USERS_${i}_USERNAME=$name" "MILEPOST_USERS_${i}_PASSWORD={noop}$DEMO_PASSWORD"
    "MILEPOST_USERS_${i}_ROLE=$role" "MILEPOST_USERS_${i}_TENANT=$tenant" "MILEPOST_USERS_${i}_LOCALE=$locale")
  [[ "$locations" != - ]] && USER_ENV+=("MILEPOST_USERS_${i}_LOCATIONS=$locations")
done
step "Notifier: starting on port $NOTIFIER_PORT"
require_free_port "$NOTIFIER_PORT" "notifier" "--notifier-port"
start notifier env \
  SERVER_PORT="$NOTIFIER_PORT" \
  SPRING_DATASOURCE_URL="$POSTGRES_URL" \
  SPRING_DATASOURCE_USERNAME="$DB_USER" \
  SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
  SPRING_KAFKA_BOOTSTRAP_SERVERS="$KAFKA" \
  MILEPOST_TWILIO_API_BASE_URL="$TWILIO_BASE" \
  MILEPOST_SMS_RATE_PER_SECOND="$SMS_RATE" \
  MILEPOST_QUIET_HOURS_ENABLED="$QUIET_HOURS" \
  MILEPOST_CSAT_DELAY="$CSAT_DELAY" \
  MILEPOST_PUBLIC_BASE_URL="${MILEPOST_PUBLIC_BASE_URL:-http://localhost:$NOTIFIER_PORT}" \
  MILEPOST_INGEST_API_KEYS="acme-motors:$ACME_KEY,swift-parcels:$SWIFT_KEY" \
  "${USER_ENV[@]}" \
  java -Xmx512m -jar "$NOTIFIER_JAR"
notifier_healthy() { http_get 127.0.0.1 "$NOTIFIER_PORT" /actuator/health 2>/dev/null | grep -q '"UP"'; }
wait_until notifier 180 notifier_healthy

# The demo tenants' rules, scaled to the simulator's speed so that overruns, silences and delay
# alerts show within minutes (deploy/local/rules/README.md). Published before the job starts, so it
# reads them from the compacted topic before the first event.
if [[ "$SIM_SPEED" == 600 ]]; then
  RULES_DIR="$HERE/rules"
else
  RULES_DIR="$RUN/rules"
  CLASSPATH="$APPS_CP" java -Xmx64m io.milepost.simulator.RulesForSpeed --speed "$SIM_SPEED" --out "$RULES_DIR" \
    >"$LOGS/rules.log" 2>&1 || { fail "could not write rules for speed $SIM_SPEED:"; tail -n 20 "$LOGS/rules.log" >&2; exit 1; }
fi
step "Rules: publishing the demo tenants' rules from $RULES_DIR (PUT /api/v1/rules)"
for tenant_key in "acme-motors:$ACME_KEY" "swift-parcels:$SWIFT_KEY"; do
  tenant="${tenant_key%%:*}"
  status="$(http_put_json 127.0.0.1 "$NOTIFIER_PORT" /api/v1/rules "$RULES_DIR/$tenant.json" \
    "Authorization: Bearer ${tenant_key#*:}")" \
    || { fail "publishing the rules of $tenant failed: ${status:-no answer}"; exit 1; }
  ok "$tenant: $status"
done

# The demo places, named with a phone number for the tracking pages (PUT /api/v1/locations).
step "Locations: naming the demo dealers and depot"
put_location() {
  local file="$RUN/location-$2.json"
  printf '{"name":"%s","phone":"%s","address":"%s"}' "$3" "$4" "$5" >"$file"
  status="$(http_put_json 127.0.0.1 "$NOTIFIER_PORT" "/api/v1/locations/$2" "$file" "Authorization: Bearer $1")" \
    || { fail "naming location $2 failed: ${status:-no answer}"; exit 1; }
  ok "$2: $3"
}
put_location "$ACME_KEY" springfield "Acme Motors Springfield" "+12175550100" "742 Evergreen Terrace, Springfield"
put_location "$ACME_KEY" shelbyville "Acme Motors Shelbyville" "+12175550177" "19 Lemon Tree Lane, Shelbyville"
put_location "$SWIFT_KEY" depot-north "Swift Parcels North Depot" "+16175550142" "5 Harbor Road, Boston"

# ---- 6. Flink job -------------------------------------------------------------------------------
step "Flink: starting the progress job in a local MiniCluster (web UI on port $FLINK_UI_PORT)"
require_free_port "$FLINK_UI_PORT" "Flink web UI" "--flink-ui-port"
# The simulator compresses a day ~600x, so the job's clock slack is cut to match: with the
# production defaults (30 s out-of-orderness, 1 min idle, 2 min lateness) a 12 s demo silence would
# be raised minutes, i.e. simulated hours, late.
start flink env "CLASSPATH=$APPS_CP" java -Xmx1g "$LOG4J" io.milepost.stream.ProgressJob \
  --local --web-ui-port "$FLINK_UI_PORT" --bootstrap-servers "$KAFKA" \
  --max-out-of-orderness "2 s" --idle-timeout "5 s" --allowed-lateness "2 s"
flink_running() { http_get 127.0.0.1 "$FLINK_UI_PORT" /jobs/overview 2>/dev/null | grep -q '"state":"RUNNING"'; }
wait_until flink 120 flink_running

# ---- 7. simulator ---------------------------------------------------------------------------------
if [[ "$SIMULATOR" == true ]]; then
  step "Simulator: playing a day of acme-motors and swift-parcels ($SIM_JOBS jobs a day at ${SIM_SPEED}x, looping)"
  start simulator env "CLASSPATH=$APPS_CP" java -Xmx128m "$LOG4J" io.milepost.simulator.SimulatorMain \
    --bootstrap-servers "$KAFKA" --jobs "$SIM_JOBS" --speed "$SIM_SPEED" --loop --truth "$LOGS/truth.jsonl"
  wait_until simulator 30 grep -q "^Day 1" "$LOGS/simulator.log"
fi

# ---- ready --------------------------------------------------------------------------------------
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat <<EOF

${BOLD}Milepost is running.${OFF} Ctrl-C stops everything this script started.

  Notifier          http://localhost:$NOTIFIER_PORT            (health: /actuator/health)
  Flink web UI      http://localhost:$FLINK_UI_PORT
  SMS sent          ${SANDBOX_URL:-real Twilio: see your Twilio console}
  Logs              $LOGS/   (events as they are sent: tail -f $LOGS/simulator.log)

  Board             http://localhost:$NOTIFIER_PORT/board     Ops console  http://localhost:$NOTIFIER_PORT/ops
  Demo people (password for all, new every run: $DEMO_PASSWORD)
$(for u in "${DEMO_USERS[@]}"; do read -r n r t l _ <<<"$u"; [[ "$l" == - ]] && l="every location"; printf '    %-14s %-11s %-14s %s\n' "$n" "$r" "$t" "$l"; done)

  Demo API keys (new every run)
    acme-motors     $ACME_KEY
    swift-parcels   $SWIFT_KEY

  Send an event yourself:
    curl -i -X POST http://localhost:$NOTIFIER_PORT/api/v1/events \\
      -H 'Authorization: Bearer $ACME_KEY' -H 'Content-Type: application/json' \\
      -d '{"eventId":"demo-$(random_hex 4)","tenantId":"acme-motors","locationId":"springfield","jobId":"RO-900001","journey":"vehicle-service","stage":"CHECKED_IN","occurredAt":"$NOW","promisedAt":"$(date -u -d '+6 hours' +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo "$NOW")","customer":{"name":"Dana Whitfield","phone":"+12175550123","locale":"en-US","timeZone":"America/Chicago"}}'
  List jobs and their tracking links:
    curl -s http://localhost:$NOTIFIER_PORT/api/v1/jobs -H 'Authorization: Bearer $SWIFT_KEY'

Tracking links of the simulated jobs appear below as the jobs arrive:
EOF

# ---- watch: print new tracking links, notice a process that died -------------------------------
declare -A SEEN=()
while true; do
  for i in "${!PIDS[@]}"; do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      if [[ "${NAMES[$i]}" == simulator ]] && grep -q '^Summary' "$LOGS/simulator.log"; then continue; fi
      fail "${NAMES[$i]} stopped unexpectedly. Last lines of $LOGS/${NAMES[$i]}.log:"
      tail -n 30 "$LOGS/${NAMES[$i]}.log" >&2
      exit 1
    fi
  done
  for key in "$ACME_KEY" "$SWIFT_KEY"; do
    jobs_json="$(http_get 127.0.0.1 "$NOTIFIER_PORT" '/api/v1/jobs?limit=1000' "Authorization: Bearer $key" 2>/dev/null || true)"
    while IFS=$'\t' read -r job url updated; do
      # Jobs of earlier runs stay in the database: show only the ones this run moved.
      [[ -z "$url" || -n "${SEEN[$job]:-}" || "$updated" < "$RUN_STARTED" ]] && continue
      SEEN[$job]=1
      printf '  %-14s %s\n' "$job" "$url"
    done < <(printf '%s' "$jobs_json" | grep -o '"jobId":"[^"]*"[^}]*"updatedAt":"[^"]*"' \
      | sed 's/"jobId":"\([^"]*\)".*"trackingUrl":"\([^"]*\)".*"updatedAt":"\([^"]*\)"/\1\t\2\t\3/' \
      || true)
  done
  sleep 5
done
