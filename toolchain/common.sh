# shellcheck shell=bash
# What the toolchain scripts share: the paths, the versions (toolchain/versions.env) and how they talk.
# Sourced; defines variables and functions only.

TOOLCHAIN_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(dirname "$TOOLCHAIN_DIR")"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
SRC="$TOOLS/src"
LOGS="$TOOLS/logs"
# What the bootstrap built into .tools/bin (absent when an installed Pulumi is used): see write_stamp.
STAMP="$TOOLS/toolchain.stamp"
# Whether the Auth0 provider plugin could be obtained, and if not why: see toolchain/auth0-provider.sh.
PROVIDER_STATUS="$TOOLS/auth0-provider.status"

# shellcheck source=toolchain/versions.env
source "$TOOLCHAIN_DIR/versions.env"

QUIET="${QUIET:-0}"
say() { printf '%s\n' "$*" >&2; }
info() { if [ "$QUIET" = 0 ]; then say "$@"; fi; }
progress() { say "$@"; } # work that takes time: shown even with --quiet
die() {
  say "toolchain: error: $*"
  exit 1
}

# run_logged LOGFILE CMD...: run CMD with its output in LOGFILE; on failure show the log's tail and fail.
run_logged() {
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    say "toolchain: command failed: $*"
    say "---- last lines of $log ----"
    tail -n 40 "$log" >&2 || true
    return 1
  fi
}

# Go: module mode outside any workspace; reproducible, VCS-free builds.
export GOWORK=off GO111MODULE=on
GO_BUILD_FLAGS=(-trimpath -buildvcs=false)

# go_download MODULE@VERSION ERRFILE: download into the module cache; print `go mod download -json`.
go_download() {
  if (cd "$TOOLS" && go mod download "$1") 2>"$2"; then
    (cd "$TOOLS" && go mod download -json "$1")
  else
    return 1
  fi
}

# json_field NAME: the first "NAME": "value" of `go mod download -json` output on stdin.
json_field() { sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" | head -n 1; }

# error_lines FILE: what a command printed, one line per non-empty line, tabs and indentation removed.
error_lines() { sed -e 's/\t/ /g' -e 's/^ *//' "$1" | grep -v '^$' || true; }

# copy_module DIR DEST: a writable copy of a module cache directory.
copy_module() {
  rm -rf "$2"
  mkdir -p "$(dirname "$2")"
  cp -R "$1" "$2"
  chmod -R u+w "$2"
}
