#!/usr/bin/env bash
# Installs the browser the browser tests (test/browser/) drive: Debian's `chromium` package, launched by
# playwright-core with executablePath /usr/bin/chromium. playwright-core downloads no browser of its own, and
# Playwright's browser CDN is not reachable here; Debian's package is, and it is kept patched by apt.
#
# Idempotent: does nothing but print the version when /usr/bin/chromium already exists. Needs root (or sudo)
# for apt-get; runs non-interactively.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ ! -x "$CHROMIUM" ]]; then
  if [[ "$(id -u)" -eq 0 ]]; then SUDO=(); else SUDO=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  echo "install-browser: installing Debian chromium with apt-get"
  "${SUDO[@]}" apt-get update -q
  # --no-install-recommends keeps out the recommended extras (e.g. chromium-sandbox, fonts beyond the
  # dependencies) that headless tests do not need.
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium
fi

if [[ ! -x "$CHROMIUM" ]]; then
  echo "install-browser: $CHROMIUM is still missing after apt-get install chromium" >&2
  exit 1
fi

# Prints e.g. "Chromium 140.0.7339.185 built on Debian 12.12, running on Debian 12.11".
"$CHROMIUM" --version
