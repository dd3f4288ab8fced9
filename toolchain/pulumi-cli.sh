# shellcheck shell=bash
# The Pulumi CLI and Node.js language host (sourced by toolchain/bootstrap.sh, after toolchain/ready.sh):
# ensure_cli sets PULUMI_BIN to a usable pulumi, in this order:
#
#   1. .tools/bin is current (toolchain_ready): kept.
#   2. Only the compact language host's source changed: that host is rebuilt (seconds).
#   3. An installed pulumi on PATH, 3.x and at least PULUMI_VERSION, with pulumi-language-nodejs beside it or
#      on PATH: used; a stale build in .tools/bin is removed so that it cannot shadow it.
#   4. Otherwise both are built with Go into .tools/bin. github.com/pulumi/pulumi/{pkg,sdk}/v3@vPULUMI_VERSION
#      are copied from the module cache into .tools/src/pulumi/{pkg,sdk}, laid out as in the pulumi
#      repository so pkg's `replace ... => ../sdk` works. The language host: the upstream module
#      (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, an untagged pseudo-version at
#      PULUMI_COMMIT) when the Go module proxy serves it; otherwise (the case on this project's machines) the
#      compact host in toolchain/langhost/, which runs programs exactly like upstream (node
#      @pulumi/pulumi/cmd/run with the same flags and environment) and reports required plugins from
#      node_modules, but implements no code generation, `pulumi package`/`convert`, policy packs or
#      Node.js-based plugins.

PULUMI_PKG_MODULE=github.com/pulumi/pulumi/pkg/v3
PULUMI_SDK_MODULE=github.com/pulumi/pulumi/sdk/v3
LANGHOST_MODULE=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
VERSION_LDFLAG=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  say "toolchain: error: no suitable Pulumi CLI is installed and Go is not available to build one.${1:+
  (found $1, which is not usable: it must be 3.x and at least $PULUMI_VERSION, with pulumi-language-nodejs beside it)}
  Either install Pulumi the normal way (https://www.pulumi.com/docs/install/), version $PULUMI_VERSION or a newer 3.x,
  and the Auth0 provider plugin:   pulumi plugin install resource auth0 $AUTH0_VERSION
  or install Go $GO_VERSION or newer (https://go.dev/doc/install) and re-run:   bash toolchain/bootstrap.sh
  which builds Pulumi $PULUMI_VERSION from Go modules into .tools/bin."
  exit 1
}

# write_stamp LANGUAGE_HOST: records what .tools/bin holds (read by built_current in toolchain/ready.sh).
write_stamp() {
  printf 'pulumi=v%s\nlanguage_host=%s\ngo=%s\ndate=%s\n' "$PULUMI_VERSION" "$1" \
    "$(go env GOVERSION)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$STAMP.new"
  mv -f "$STAMP.new" "$STAMP"
}

# go_build_into_bin NAME LOG DIR PACKAGE: builds PACKAGE (in module directory DIR) as .tools/bin/NAME,
# stamped with PULUMI_VERSION as every Pulumi binary is.
go_build_into_bin() {
  mkdir -p "$BIN"
  run_logged "$LOGS/$2" go -C "$3" build "${GO_BUILD_FLAGS[@]}" \
    -ldflags "-s -w -X $VERSION_LDFLAG=v$PULUMI_VERSION" -o "$BIN/.$1.new" "$4"
  mv -f "$BIN/.$1.new" "$BIN/$1"
}

build_compact_langhost() {
  progress "==> building the compact pulumi-language-nodejs (toolchain/langhost)"
  go_build_into_bin pulumi-language-nodejs build-langhost.log "$TOOLCHAIN_DIR/langhost" .
  LANGHOST_ID="compact:$(langhost_source_hash)"
}

# Copies pkg and sdk from the module cache (downloading them when needed) to .tools/src/pulumi.
prepare_pulumi_sources() {
  local json err="$LOGS/download-pulumi.err" m name
  progress "==> downloading pulumi pkg v$PULUMI_VERSION modules"
  for m in "$PULUMI_PKG_MODULE" "$PULUMI_SDK_MODULE"; do
    if ! json="$(go_download "$m@v$PULUMI_VERSION" "$err")"; then
      say "toolchain: could not download $m@v$PULUMI_VERSION:"
      error_lines "$err" | sed 's/^/    /' >&2
      exit 1
    fi
    if [ "$m" = "$PULUMI_PKG_MODULE" ] && ! grep -q "$PULUMI_COMMIT" <<<"$json"; then
      say "toolchain: warning: $m@v$PULUMI_VERSION does not report commit $PULUMI_COMMIT as its origin"
    fi
    name="${m%/v3}"
    copy_module "$(json_field Dir <<<"$json")" "$SRC/pulumi/${name##*/}"
  done
  progress "==> downloading pulumi build dependencies (go mod download)"
  run_logged "$LOGS/download-pulumi-deps.log" go -C "$SRC/pulumi/pkg" mod download
}

# The upstream language host, when the Go module proxy serves it; sets LANGHOST_ID.
build_upstream_langhost() {
  local err="$LOGS/download-langhost.err" json time pseudo
  time="$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' \
    "$(go env GOMODCACHE)/cache/download/$PULUMI_PKG_MODULE/@v/v$PULUMI_VERSION.info")"
  time="${time//[-T:Z]/}"
  pseudo="v3.0.0-${time}-${PULUMI_COMMIT:0:12}"
  json="$(go_download "$LANGHOST_MODULE@$pseudo" "$err")" || {
    info "==> $LANGHOST_MODULE@$pseudo is not available from the Go module proxy:"
    if [ "$QUIET" = 0 ]; then error_lines "$err" | sed 's/^/      /' >&2; fi
    return 1
  }
  progress "==> building pulumi-language-nodejs ($LANGHOST_MODULE@$pseudo)"
  local dir="$SRC/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs"
  copy_module "$(json_field Dir <<<"$json")" "$dir"
  go_build_into_bin pulumi-language-nodejs build-langhost.log "$dir" .
  LANGHOST_ID="upstream:$pseudo"
}

ensure_cli() {
  local start=$SECONDS sys="" version=""
  if [ "$REBUILD" = 0 ] && toolchain_ready; then
    PULUMI_BIN="$READY_PULUMI"
    info "==> pulumi $READY_PULUMI_VERSION: $READY_PULUMI (ready)"
    return 0
  fi
  stamp_read
  if [ "$REBUILD" = 0 ] && [ "$STAMP_pulumi" = "v$PULUMI_VERSION" ] && [ "${STAMP_language_host%%:*}" = compact ] &&
    [ -x "$BIN/pulumi" ] && command -v go >/dev/null 2>&1; then
    build_compact_langhost
    write_stamp "$LANGHOST_ID"
    PULUMI_BIN="$BIN/pulumi"
    return 0
  fi
  if [ "$REBUILD" = 0 ] && sys="$(on_path pulumi)"; then
    version="$("$sys" version 2>/dev/null || true)"
    if version_ok "$version" && { [ -x "$(dirname "$sys")/pulumi-language-nodejs" ] || on_path pulumi-language-nodejs >/dev/null; }; then
      rm -f "$BIN/pulumi" "$BIN/pulumi-language-nodejs" "$STAMP"
      PULUMI_BIN="$sys"
      info "==> pulumi $version: using $sys"
      return 0
    fi
  fi

  need_go "${sys:+$sys ($version)}"
  rm -f "$STAMP"
  prepare_pulumi_sources
  progress "==> building pulumi (first time takes several minutes)"
  go_build_into_bin pulumi build-pulumi.log "$SRC/pulumi/pkg" ./cmd/pulumi
  build_upstream_langhost || build_compact_langhost
  version="$("$BIN/pulumi" version 2>/dev/null || true)"
  [ "$version" = "v$PULUMI_VERSION" ] || die ".tools/bin/pulumi reports version '$version', expected v$PULUMI_VERSION"
  write_stamp "$LANGHOST_ID"
  PULUMI_BIN="$BIN/pulumi"
  info "==> pulumi v$PULUMI_VERSION ready in .tools/bin ($((SECONDS - start))s)"
}
