# shellcheck shell=bash
# Is the toolchain ready? The one answer, for the shell scripts (sourced) and for TypeScript (run:
# toolchain/ready.ts reads what it prints). It sources toolchain/pulumi-env.sh (PULUMI_HOME, .tools/bin first on
# PATH; variables already set win), so it answers for the environment the project runs Pulumi in.
#
#   toolchain_ready        the project's environment runs a usable Pulumi: READY_PULUMI, READY_PULUMI_VERSION
#   auth0_provider_ready   the Auth0 provider plugin is installed where that Pulumi looks: READY_AUTH0_PROVIDER
#
# Usable Pulumi: .tools/bin/pulumi when the bootstrap built it for this PULUMI_VERSION and this language host
# source (its stamp says so); else, when .tools/bin has no pulumi, the first `pulumi` on PATH if it is 3.x, at
# least PULUMI_VERSION, with a pulumi-language-nodejs beside it or on PATH (a normal Pulumi install). A stale
# .tools/bin/pulumi is never ready: it would shadow an installed Pulumi on PATH, so the bootstrap must run.
#
#   bash toolchain/ready.sh    prints pulumi=, pulumi_version=, auth0_provider= and auth0_provider_status=
#                              lines (empty values when not ready); always exits 0

# shellcheck source=toolchain/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source=toolchain/pulumi-env.sh
source "$ROOT/toolchain/pulumi-env.sh"

# version_ok VERSION: VERSION (v prefix, pre-release or build suffix allowed) is 3.x and >= PULUMI_VERSION.
version_ok() {
  local v="${1#v}"
  v="${v%%[-+]*}"
  case "$v" in
    3.*.*) ;;
    *) return 1 ;;
  esac
  [ "$(printf '%s\n%s\n' "$PULUMI_VERSION" "$v" | sort -V | head -n 1)" = "$PULUMI_VERSION" ]
}

# on_path NAME: the first executable NAME on PATH outside .tools/bin.
on_path() {
  local dir
  local IFS=:
  for dir in $PATH; do
    [ -n "$dir" ] && [ "$dir" != "$BIN" ] || continue
    if [ -x "$dir/$1" ] && [ ! -d "$dir/$1" ]; then
      printf '%s\n' "$dir/$1"
      return 0
    fi
  done
  return 1
}

# langhost_source_hash: identifies the compact language host's source (its non-test Go files and go.mod/sum).
langhost_source_hash() {
  local f files=()
  for f in "$TOOLCHAIN_DIR"/langhost/*.go "$TOOLCHAIN_DIR"/langhost/go.mod "$TOOLCHAIN_DIR"/langhost/go.sum; do
    case "$f" in *_test.go) ;; *) files+=("$f") ;; esac
  done
  cat "${files[@]}" | sha256sum | cut -c1-16
}

# stamp_read: STAMP_<key> for each key=value line of the stamp (see write_stamp in toolchain/pulumi-cli.sh).
stamp_read() {
  STAMP_pulumi="" STAMP_language_host=""
  [ -f "$STAMP" ] || return 0
  local key value
  while IFS='=' read -r key value; do
    case "$key" in
      pulumi | language_host) printf -v "STAMP_$key" '%s' "$value" ;;
    esac
  done <"$STAMP"
}

# built_current: .tools/bin holds the pulumi and language host the stamp describes, built for this
# PULUMI_VERSION (the upstream host) or this compact host source.
built_current() {
  stamp_read
  [ "$STAMP_pulumi" = "v$PULUMI_VERSION" ] && [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] || return 1
  case "$STAMP_language_host" in
    upstream:*) return 0 ;;
    "compact:$(langhost_source_hash)") return 0 ;;
  esac
  return 1
}

toolchain_ready() {
  READY_PULUMI="" READY_PULUMI_VERSION=""
  if [ -e "$BIN/pulumi" ]; then
    built_current || return 1
    READY_PULUMI="$BIN/pulumi" READY_PULUMI_VERSION="v$PULUMI_VERSION"
    return 0
  fi
  local sys version
  sys="$(on_path pulumi)" && version="$("$sys" version 2>/dev/null)" && version_ok "$version" || return 1
  [ -x "$(dirname "$sys")/pulumi-language-nodejs" ] || on_path pulumi-language-nodejs >/dev/null || return 1
  READY_PULUMI="$sys" READY_PULUMI_VERSION="$version"
}

# The plugin directory `pulumi plugin install` writes and the engine reads ($PULUMI_HOME/plugins).
AUTH0_PLUGIN="$PULUMI_HOME/plugins/resource-auth0-v$AUTH0_VERSION/pulumi-resource-auth0"

auth0_provider_ready() {
  READY_AUTH0_PROVIDER=""
  [ -x "$AUTH0_PLUGIN" ] || return 1
  READY_AUTH0_PROVIDER="$AUTH0_PLUGIN"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  toolchain_ready || true
  auth0_provider_ready || true
  printf 'pulumi=%s\npulumi_version=%s\nauth0_provider=%s\nauth0_provider_status=%s\n' \
    "$READY_PULUMI" "$READY_PULUMI_VERSION" "$READY_AUTH0_PROVIDER" "$PROVIDER_STATUS"
fi
