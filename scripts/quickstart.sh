#!/bin/sh
# One command on a fresh machine with Node.js and npm: install, build, migrate, seed and start a demo.
cd "$(dirname "$0")/.."
. scripts/env.sh
"$PNPM" install --frozen-lockfile
"$PNPM" build
exec "$PNPM" demo
