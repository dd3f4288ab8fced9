#!/usr/bin/env bash
# Checks the toolchain's Go code like any Go code: every .go file under toolchain/ gofmt-formatted, and
# `go vet` and `go test` clean for the language host module (toolchain/langhost). The Auth0 shim imports an
# internal package of terraform-provider-auth0, so it is vetted inside that module, and only where the
# bootstrap has downloaded it (.tools/src/pulumi-auth0/upstream). Quick when cached (Go's build and test
# caches). Run by test/toolchain/go.test.ts, hence by `npm test`.
#
# Prints one line per check; exits 1 on the first that fails, after its output.
set -euo pipefail

# shellcheck source=toolchain/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

unformatted="$(gofmt -l "$TOOLCHAIN_DIR")"
if [ -n "$unformatted" ]; then
  echo "gofmt: not formatted (gofmt -w <file>):"
  printf '%s\n' "${unformatted//$TOOLCHAIN_DIR\//toolchain/}"
  exit 1
fi
echo "gofmt: clean"

go -C "$TOOLCHAIN_DIR/langhost" vet ./...
echo "go vet: clean (toolchain/langhost)"
if ! out="$(go -C "$TOOLCHAIN_DIR/langhost" test ./... 2>&1)"; then
  printf '%s\n' "$out"
  exit 1
fi
echo "go test: ok (toolchain/langhost)"

shim_module="$SRC/pulumi-auth0/upstream"
if [ -f "$shim_module/go.mod" ]; then
  cp "$TOOLCHAIN_DIR/auth0-shim/shim.go" "$shim_module/shim/shim.go"
  go -C "$shim_module" vet ./shim
  echo "go vet: clean (toolchain/auth0-shim, inside terraform-provider-auth0)"
else
  echo "go vet: toolchain/auth0-shim not vetted (terraform-provider-auth0's sources are not in .tools/src)"
fi
