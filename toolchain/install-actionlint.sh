#!/usr/bin/env bash
# Installs actionlint (the GitHub Actions workflow linter), ACTIONLINT_VERSION of toolchain/versions.env, into
# <repo>/.tools/bin, built with Go from the Go module proxy:
#
#   GOBIN=<repo>/.tools/bin go install github.com/rhysd/actionlint/cmd/actionlint@v<ACTIONLINT_VERSION>
#
# Cached: does nothing when .tools/bin/actionlint already reports that version. Prints the version (stdout).
# Usage: bash toolchain/install-actionlint.sh      then: .tools/bin/actionlint .github/workflows/*.yml
set -euo pipefail

# shellcheck source=toolchain/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ACTIONLINT="$BIN/actionlint"

installed_version() {
  [ -x "$ACTIONLINT" ] || return 1
  "$ACTIONLINT" -version 2>/dev/null | head -n 1
}

if [ "$(installed_version || true)" = "v$ACTIONLINT_VERSION" ]; then
  echo "v$ACTIONLINT_VERSION"
  exit 0
fi

mkdir -p "$BIN"
# Several test workers may ask at once: one builds, the others wait and reuse it.
exec 9>"$TOOLS/.actionlint.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if [ "$(installed_version || true)" = "v$ACTIONLINT_VERSION" ]; then
  echo "v$ACTIONLINT_VERSION"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-actionlint: Go is needed to build actionlint v$ACTIONLINT_VERSION (https://go.dev/dl/)" >&2
  exit 1
fi
echo "install-actionlint: building actionlint v$ACTIONLINT_VERSION into .tools/bin" >&2
GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" >&2

version="$(installed_version || true)"
if [ "$version" != "v$ACTIONLINT_VERSION" ]; then
  echo "install-actionlint: .tools/bin/actionlint reports '${version:-nothing}', expected v$ACTIONLINT_VERSION" >&2
  exit 1
fi
echo "$version"
