#!/bin/sh
# Runs a command with COUNTERSIGN_TEST_DATABASE_URL pointing at a PostgreSQL: the one already set,
# or a throwaway server started here (Debian's `postgresql`, installed when missing), stopped and
# deleted when the command ends, fails or is interrupted. Usage: scripts/with-postgres.sh CMD…
set -eu

if [ -n "${COUNTERSIGN_TEST_DATABASE_URL:-}" ]; then
  exec "$@"
fi

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else
    echo "with-postgres: needs root (or sudo without a password) to $*;" >&2
    echo "or set COUNTERSIGN_TEST_DATABASE_URL to a PostgreSQL 15+ database the tests may create databases in." >&2
    exit 1
  fi
}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(find_bin)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "Installing Debian's postgresql for the tests …"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN=$(find_bin)
fi

# initdb refuses to run as root: the server runs as the postgres user (the package creates it).
if [ "$(id -u)" = "0" ]; then as_pg() { runuser -u postgres -- "$@"; }
else as_pg() { "$@"; }
fi

# A free port on the loopback, never 5432 (a machine may already serve it).
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{const p=s.address().port;s.close(()=>console.log(p))})')
[ "$PORT" = "5432" ] && PORT=$(( PORT + 1 ))

DIR=$(mktemp -d "${TMPDIR:-/tmp}/countersign-pg.XXXXXX")
[ "$(id -u)" = "0" ] && chown postgres "$DIR"
stop() {
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_pg "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
  { cat "$DIR/initdb.log" >&2; exit 1; }
# fsync off: a throwaway server whose data nobody keeps past the run.
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w start \
  -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null ||
  { cat "$DIR/log" >&2; exit 1; }

export COUNTERSIGN_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on port $PORT for this run"
set +e
"$@"
status=$?
exit $status
