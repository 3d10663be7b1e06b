# Sourced by .ci/run: starts a throw-away PostgreSQL server on loopback for the persistence tests,
# and exports LABRADOR_TEST_POSTGRES_URL. Debian's postgresql package is installed if missing.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
PG_DIR=$(mktemp -d /tmp/labrador-pg.XXXXXX)
PG_PORT=${LABRADOR_TEST_POSTGRES_PORT:-55432}
chown postgres:postgres "$PG_DIR"
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as_postgres "$PG_BIN/initdb -D $PG_DIR/data -U labrador -A trust >/dev/null"
as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1' -l $PG_DIR/log -w start >/dev/null"
as_postgres "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U labrador labrador_test"
export LABRADOR_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/labrador_test?user=labrador"
trap 'as_postgres "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop >/dev/null" || true' EXIT
echo "PostgreSQL on 127.0.0.1:$PG_PORT for the persistence tests"
