#!/usr/bin/env bash
# CI step (issue 19 item 5): a streaming read replica of the CI PostgreSQL on this machine, and the
# board and metric e2e tests run with their heavy reads on it (DATABASE_READ_URL, see
# docs/deploy.md "Read replica").
#
# 1. Lets replication connections from 127.0.0.1 in (trust) on the primary.
# 2. Creates (or reuses, when it already streams from the primary) the cluster REPLICA_CLUSTER on
#    REPLICA_PORT: pg_createcluster, its data directory replaced by pg_basebackup -R -X stream.
# 3. Runs the e2e files with TEST_DATABASE_URL (primary) and TEST_DATABASE_READ_URL (replica).
#    Replica lag: the primary stays asynchronous (its configuration is not changed: a synchronous
#    standby that went away would hang every commit on the machine); instead the test harness waits,
#    before each GraphQL request, until the replica has replayed the primary's current WAL position
#    (test/support/harness.ts, replicaCatchUp), so a test reads its own writes as on the primary.
#
# 4. Stops the replica cluster (kept for the next run).
#
# Idempotent; run as root from the repository root: bash scripts/ci-read-replica.sh
set -euo pipefail

PRIMARY_PORT="${PRIMARY_PORT:-5432}"
REPLICA_PORT="${REPLICA_PORT:-5433}"
CLUSTER="${REPLICA_CLUSTER:-replica}"
FILES=(${REPLICA_TEST_FILES:-test/read-replica.e2e-spec.ts test/rankings.e2e-spec.ts test/commerce.e2e-spec.ts test/course-service.e2e-spec.ts test/sop.e2e-spec.ts})

psql_p() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_r() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
# The replica must run the primary's major version.
VERSION="$(psql_p -c 'SHOW server_version_num' | cut -c1-2)"
DATA="/var/lib/postgresql/$VERSION/$CLUSTER"
CONF="/etc/postgresql/$VERSION/$CLUSTER"

# 1. Replication connections from 127.0.0.1 (first matching pg_hba line wins: put ours first).
HBA="$(psql_p -c 'SHOW hba_file')"
RULE='host replication all 127.0.0.1/32 trust'
if ! grep -qxF "$RULE" "$HBA"; then
  sed -i "1i $RULE" "$HBA"
  psql_p -c 'SELECT pg_reload_conf()' >/dev/null
  echo "read replica: allowed replication connections from 127.0.0.1 in $HBA"
fi

streaming() {
  [ "$(psql_r -c "SELECT pg_is_in_recovery() AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming' AND sender_port = $PRIMARY_PORT)" 2>/dev/null)" = "t" ]
}

# 2. The replica cluster.
if pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start >/dev/null 2>&1 || true
  for _ in $(seq 1 20); do streaming && break; sleep 1; done
  if ! streaming; then
    echo "read replica: cluster $VERSION/$CLUSTER exists but does not stream from port $PRIMARY_PORT; recreating it"
    pg_dropcluster --stop "$VERSION" "$CLUSTER"
  fi
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  pg_createcluster "$VERSION" "$CLUSTER" -p "$REPLICA_PORT" >/dev/null
  cat >"$CONF/pg_hba.conf" <<EOF
local all all trust
host all all 127.0.0.1/32 trust
$RULE
EOF
  rm -rf "${DATA:?}"/*
  runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DATA" -R -X stream -c fast
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start
  for _ in $(seq 1 60); do streaming && break; sleep 1; done
fi
streaming || { echo "read replica: $VERSION/$CLUSTER on port $REPLICA_PORT does not stream from the primary" >&2; exit 1; }
echo "read replica: $VERSION/$CLUSTER on port $REPLICA_PORT streams from port $PRIMARY_PORT ($(psql_p -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'") standby)"

# The replica is stopped afterwards (kept for the next run, which starts it again, or recreates it
# when the primary no longer has the WAL it needs): nothing keeps running on the machine.
trap 'pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" stop >/dev/null 2>&1 || true' EXIT

# 3. The tests (bounded in time).
TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/test" \
  TEST_DATABASE_READ_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/test" \
  timeout 1200 node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects e2e --runInBand "${FILES[@]}"
