#!/usr/bin/env bash
# Starts the API on an empty embedded database, waits for /health, logs in as the demo admin,
# queries `me`, sends SIGTERM and checks a clean exit; then restarts on the same data and
# checks the committed demo rows are still there.
set -euo pipefail
DATA_DIR="$(mktemp -d)"
PORT="${SMOKE_PORT:-3999}"
LOG="$DATA_DIR/server.log"
export DATA_DIR PORT DEMO_PASSWORD="smoke-test-password" HOST=127.0.0.1 LOG_LEVEL=info
trap 'kill "${PID:-0}" 2>/dev/null || true; rm -rf "$DATA_DIR"' EXIT

start() {
  npm start --silent >>"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$PID" 2>/dev/null; then echo "server exited early"; cat "$LOG"; exit 1; fi
    sleep 1
  done
  echo "server did not become healthy"; cat "$LOG"; exit 1
}

gql() {
  curl -fsS "http://127.0.0.1:$PORT/graphql" -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} -d "$1"
}

# The node process serving the API (npm start -> sh -> node), found through the process tree.
server_pid() {
  local p="$PID"
  for _ in 1 2 3 4; do
    local child
    child=$(pgrep -P "$p" | head -n1 || true)
    [ -z "$child" ] && break
    p="$child"
  done
  echo "$p"
}

stop() {
  local node_pid
  node_pid=$(server_pid)
  echo "sending SIGTERM to the server (pid $node_pid: $(ps -o args= -p "$node_pid"))"
  kill -TERM "$node_pid"
  set +e
  wait "$PID"
  local code=$?
  set -e
  if [ "$code" -ne 0 ]; then echo "server exited with $code after SIGTERM"; tail -50 "$LOG"; exit 1; fi
  grep -q '"stopped cleanly"' "$LOG" || { echo "no clean-stop log line"; tail -50 "$LOG"; exit 1; }
}

start
curl -fsS "http://127.0.0.1:$PORT/health"; echo
TOKEN=$(gql '{"query":"mutation { login(email: \"admin@demo.school\", password: \"smoke-test-password\") { accessToken } }"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const b=JSON.parse(s);if(!b.data)throw new Error(s);process.stdout.write(b.data.login.accessToken)})')
ME=$(gql '{"query":"{ me { email role } }"}' "$TOKEN")
echo "me: $ME"
echo "$ME" | grep -q '"email":"admin@demo.school"'
stop
echo "first run stopped cleanly"

start
COUNT=$(gql '{"query":"{ users(first: 100) { nodes { id } } }"}' "$TOKEN" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{process.stdout.write(String(JSON.parse(s).data.users.nodes.length))})')
echo "users after restart: $COUNT"
[ "$COUNT" -ge 20 ]
gql '{"query":"mutation { createLegion(input: { name: \"Smoke Legion\", kind: PRE_SALES }) { id } }"}' "$TOKEN" >/dev/null
NODE_PID=$(server_pid)
kill -KILL "$NODE_PID"
wait "$PID" 2>/dev/null || true
echo "killed the server with SIGKILL after a committed write"

start
gql '{"query":"{ legions { name } }"}' "$TOKEN" | grep -q 'Smoke Legion' || { echo "the committed legion was lost after SIGKILL"; exit 1; }
echo "the committed write survived SIGKILL"
stop
echo "smoke passed"
