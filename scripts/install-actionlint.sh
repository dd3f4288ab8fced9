#!/usr/bin/env bash
# Install actionlint (the GitHub Actions workflow linter) into <repo>/.tools/bin, built with Go from the Go
# module proxy:
#
#   GOBIN=<repo>/.tools/bin go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
#
# Cached: does nothing when .tools/bin/actionlint already reports v1.7.12. Prints the version (stdout).
# Usage: bash scripts/install-actionlint.sh      then: .tools/bin/actionlint .github/workflows/*.yml
set -euo pipefail

VERSION=1.7.12
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BIN="$ROOT/.tools/bin"
ACTIONLINT="$BIN/actionlint"

installed_version() {
  [ -x "$ACTIONLINT" ] || return 1
  "$ACTIONLINT" -version 2>/dev/null | head -n 1
}

if [ "$(installed_version || true)" = "v$VERSION" ]; then
  echo "v$VERSION"
  exit 0
fi

mkdir -p "$BIN"
# Several test workers may ask at once: one builds, the others wait and reuse it.
exec 9>"$ROOT/.tools/.actionlint.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if [ "$(installed_version || true)" = "v$VERSION" ]; then
  echo "v$VERSION"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-actionlint: Go is needed to build actionlint v$VERSION (https://go.dev/dl/)" >&2
  exit 1
fi
echo "install-actionlint: building actionlint v$VERSION into .tools/bin" >&2
GOBIN="$BIN" GOFLAGS=-buildvcs=false GOWORK=off go install "github.com/rhysd/actionlint/cmd/actionlint@v$VERSION" >&2

version="$(installed_version || true)"
if [ "$version" != "v$VERSION" ]; then
  echo "install-actionlint: .tools/bin/actionlint reports '${version:-nothing}', expected v$VERSION" >&2
  exit 1
fi
echo "$version"
