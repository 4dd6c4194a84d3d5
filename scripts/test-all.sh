#!/bin/sh
# One command on a fresh machine with Node.js and npm: install everything, then run every test —
# type checks, lint (layout boundaries, unused code), unit and integration (vitest, also on a
# throwaway PostgreSQL), end-to-end
# (Playwright in Debian's Chromium), and the benchmarks at a tiny size.
cd "$(dirname "$0")/.."
. scripts/env.sh

CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the end-to-end tests …"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the end-to-end tests (sudo) …"
    sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The end-to-end tests need Chromium at $CHROMIUM: run 'sudo apt-get install -y chromium'" >&2
    echo "(or set CHROMIUM_PATH to a Chromium binary)." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$CHROMIUM"

"$PNPM" install --frozen-lockfile
"$PNPM" typecheck
"$PNPM" lint
"$PNPM" build
# vitest through a throwaway PostgreSQL (scripts/with-postgres.sh; unless COUNTERSIGN_TEST_DATABASE_URL
# names one), so the PostgreSQL tests run rather than skip: the whole suite on SQLite, then the
# server's suite again with every test database on PostgreSQL (COUNTERSIGN_TEST_ENGINE=postgres).
# Several files at once (vitest.config.ts); the two scale tests last, one at a time (server-alone).
sh scripts/with-postgres.sh sh -c '"$0" test && COUNTERSIGN_TEST_ENGINE=postgres "$0" exec vitest run --project server --project server-alone' "$PNPM"
# The Python client's own suite, standard library only, against a real server it starts.
python3 -m unittest discover -s clients/python/tests
# The benchmarks at a tiny size (under a minute), so that their code cannot rot between full runs.
"$PNPM" bench:smoke
"$PNPM" test:e2e
