# Sourced by the quick-start and test scripts: makes a fresh machine with only Node.js and npm
# able to install this workspace without downloading anything but npm packages.
set -eu

# Native addons (better-sqlite3) compile here; point node-gyp at Node's own headers instead of
# letting it download them.
node_prefix=$(node -p 'require("path").resolve(process.execPath, "..", "..")')
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$node_prefix"
fi

# Browsers come from the operating system (Debian's chromium), never from a download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# pnpm, pinned; installed into the project (./.tools) when the machine has no matching one.
PNPM_VERSION=12.21.0
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  PNPM=pnpm
else
  if [ ! -x .tools/node_modules/.bin/pnpm ]; then
    echo "Installing pnpm $PNPM_VERSION into ./.tools …"
    npm install --silent --no-save --no-package-lock --prefix .tools "pnpm@$PNPM_VERSION"
  fi
  PNPM="$(pwd)/.tools/node_modules/.bin/pnpm"
  export PATH="$(pwd)/.tools/node_modules/.bin:$PATH"
fi
