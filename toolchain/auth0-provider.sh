# shellcheck shell=bash
# The Auth0 provider plugin (resource auth0 AUTH0_VERSION), sourced by toolchain/bootstrap.sh after
# toolchain/pulumi-cli.sh. ensure_provider tries, in order, until one works:
#
#   1. Already in $PULUMI_HOME/plugins (auth0_provider_ready): used as is.
#   2. In ~/.pulumi/plugins/ (a normal `pulumi plugin install`) or built earlier into .tools/auth0/: registered
#      into $PULUMI_HOME with `pulumi plugin install resource auth0 AUTH0_VERSION --file <binary>`.
#   3. A negative result from earlier today (below) is reused: nothing slower is tried until tomorrow, or
#      --retry-provider.
#   4. The normal way, `pulumi plugin install resource auth0 AUTH0_VERSION` (downloads from Pulumi's plugin
#      servers), stopped after AUTH0_INSTALL_TIMEOUT seconds so that a machine without that access fails fast.
#   5. Built from Go modules: github.com/pulumi/pulumi-auth0/provider/v3 at AUTH0_PROVIDER_COMMIT with
#      github.com/auth0/terraform-provider-auth0@vAUTH0_UPSTREAM_VERSION as its ../upstream (plus the shim of
#      toolchain/auth0-shim), then registered as in 2.
#
# The result goes to .tools/auth0-provider.status: first line `available` or `unavailable`, then where the
# plugin is or, word for word, why each way failed. Unavailable is not an error (the bootstrap still exits 0):
# the CLI works, only programs that create auth0 resources cannot run.

AUTH0_PROVIDER_MODULE=github.com/pulumi/pulumi-auth0/provider/v3
AUTH0_UPSTREAM_MODULE=github.com/auth0/terraform-provider-auth0
AUTH0_VERSION_LDFLAG=github.com/pulumi/pulumi-auth0/provider/v3/pkg/version.Version
# A download of the plugin (about 40 MB) takes seconds where Pulumi's servers are reachable.
AUTH0_INSTALL_TIMEOUT="${AUTH0_INSTALL_TIMEOUT:-60}"

write_provider_status() {
  printf '%s\n' "$@" >"$PROVIDER_STATUS.new"
  mv -f "$PROVIDER_STATUS.new" "$PROVIDER_STATUS"
}

register_provider() {
  local log="$LOGS/plugin-install-auth0.log"
  progress "==> registering auth0 provider $AUTH0_VERSION from $1 in $PULUMI_HOME/plugins"
  if ! "$PULUMI_BIN" plugin install resource auth0 "$AUTH0_VERSION" --file "$1" >"$log" 2>&1; then
    say "toolchain: warning: 'pulumi plugin install resource auth0 $AUTH0_VERSION --file $1' failed:"
    sed 's/^/    /' "$log" >&2
    return 1
  fi
}

# install_provider: the normal way (4). On failure adds the command's exact output to FAILURES.
install_provider() {
  local log="$LOGS/plugin-install-auth0-download.log" code=0 limit=()
  if command -v timeout >/dev/null 2>&1; then limit=(timeout -k 5 "$AUTH0_INSTALL_TIMEOUT"); fi
  progress "==> installing auth0 provider $AUTH0_VERSION: pulumi plugin install resource auth0 $AUTH0_VERSION"
  "${limit[@]}" "$PULUMI_BIN" plugin install resource auth0 "$AUTH0_VERSION" >"$log" 2>&1 || code=$?
  [ "$code" != 0 ] || return 0
  if [ "$code" = 124 ] && [ ${#limit[@]} -gt 0 ]; then
    FAILURES+=("pulumi plugin install resource auth0 $AUTH0_VERSION: no answer within ${AUTH0_INSTALL_TIMEOUT}s (stopped)")
  else
    FAILURES+=("pulumi plugin install resource auth0 $AUTH0_VERSION failed (exit $code):")
  fi
  while IFS= read -r line; do FAILURES+=("  $line"); done < <(error_lines "$log")
  return 1
}

# build_provider: from Go modules (5) into .tools/auth0/pulumi-resource-auth0. On failure adds why to FAILURES.
build_provider() {
  local err json m provider_dir="" upstream_dir="" failed=0 line
  if ! command -v go >/dev/null 2>&1; then
    FAILURES+=("go is not installed, so the provider cannot be built from Go modules")
    return 1
  fi
  progress "==> downloading auth0 provider $AUTH0_VERSION modules"
  for m in "$AUTH0_PROVIDER_MODULE@$AUTH0_PROVIDER_COMMIT" "$AUTH0_UPSTREAM_MODULE@v$AUTH0_UPSTREAM_VERSION"; do
    err="$LOGS/download-${m//[\/@]/_}.err"
    if json="$(go_download "$m" "$err")"; then
      case "$m" in
        "$AUTH0_PROVIDER_MODULE"@*) provider_dir="$(json_field Dir <<<"$json")" ;;
        *) upstream_dir="$(json_field Dir <<<"$json")" ;;
      esac
    else
      [ "$failed" = 1 ] || FAILURES+=("The Go module proxy does not serve the provider's source modules:")
      failed=1
      FAILURES+=("$m")
      while IFS= read -r line; do FAILURES+=("  $line"); done < <(error_lines "$err")
    fi
  done
  [ "$failed" = 0 ] || return 1

  local src="$SRC/pulumi-auth0" start=$SECONDS
  copy_module "$provider_dir" "$src/provider"
  copy_module "$upstream_dir" "$src/upstream"
  mkdir -p "$src/upstream/shim"
  cp "$TOOLCHAIN_DIR/auth0-shim/shim.go" "$src/upstream/shim/shim.go"
  local cmd_dir="$src/provider/cmd/pulumi-resource-auth0"
  if [ -f "$cmd_dir/schema.json" ]; then
    # The provider embeds its schema with the release's version, as pulumi-auth0's Makefile writes it.
    node -e 'const fs = require("fs"); const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      s.version = process.argv[3]; fs.writeFileSync(process.argv[2], JSON.stringify(s));' \
      "$cmd_dir/schema.json" "$cmd_dir/schema-embed.json" "$AUTH0_VERSION"
  fi
  progress "==> building pulumi-resource-auth0 $AUTH0_VERSION (first time takes several minutes)"
  mkdir -p "$TOOLS/auth0"
  if ! run_logged "$LOGS/build-auth0.log" go -C "$src/provider" build "${GO_BUILD_FLAGS[@]}" \
    -ldflags "-s -w -X $AUTH0_VERSION_LDFLAG=$AUTH0_VERSION" \
    -o "$TOOLS/auth0/.pulumi-resource-auth0.new" ./cmd/pulumi-resource-auth0; then
    FAILURES+=("go build of $AUTH0_PROVIDER_MODULE/cmd/pulumi-resource-auth0 failed (see .tools/logs/build-auth0.log):")
    while IFS= read -r line; do FAILURES+=("  $line"); done < <(grep -v '^$' "$LOGS/build-auth0.log" | tail -n 15)
    return 1
  fi
  mv -f "$TOOLS/auth0/.pulumi-resource-auth0.new" "$TOOLS/auth0/pulumi-resource-auth0"
  info "    built .tools/auth0/pulumi-resource-auth0 in $((SECONDS - start))s"
}

provider_unavailable() {
  write_provider_status unavailable "checked: $TODAY (UTC); retried the next day or with --retry-provider" "$@"
  say "==> auth0 provider $AUTH0_VERSION: UNAVAILABLE. pulumi works, but programs that create auth0 resources cannot run."
  local line
  for line in "$@"; do say "      $line"; done
  say "    To get it: where Pulumi's plugin downloads are reachable this script installs it; or put the plugin in"
  say "    ~/.pulumi/plugins/resource-auth0-v$AUTH0_VERSION/ and re-run this script."
  say "    Status: .tools/auth0-provider.status (this result is reused until tomorrow; --retry-provider retries now)."
}

ensure_provider() {
  TODAY="$(date -u +%Y-%m-%d)"
  FAILURES=()
  if auth0_provider_ready; then
    write_provider_status available "plugin: $AUTH0_PLUGIN" "checked: $TODAY (UTC)"
    info "==> auth0 provider $AUTH0_VERSION: installed in $PULUMI_HOME/plugins"
    return 0
  fi
  local candidate
  for candidate in "$HOME/.pulumi/plugins/resource-auth0-v$AUTH0_VERSION/pulumi-resource-auth0" "$TOOLS/auth0/pulumi-resource-auth0"; do
    if [ -x "$candidate" ] && register_provider "$candidate"; then
      write_provider_status available "plugin: $AUTH0_PLUGIN" "registered from: $candidate" "checked: $TODAY (UTC)"
      return 0
    fi
  done
  if [ "$RETRY_PROVIDER" = 0 ] && [ "$(head -n 2 "$PROVIDER_STATUS" 2>/dev/null | cut -d' ' -f1-2)" = "unavailable
checked: $TODAY" ]; then
    info "==> auth0 provider $AUTH0_VERSION: unavailable (checked today, see .tools/auth0-provider.status; --retry-provider to retry)"
    return 0
  fi

  if install_provider; then
    write_provider_status available "plugin: $AUTH0_PLUGIN" \
      "installed by: pulumi plugin install resource auth0 $AUTH0_VERSION" "checked: $TODAY (UTC)"
  elif build_provider && register_provider "$TOOLS/auth0/pulumi-resource-auth0"; then
    write_provider_status available "plugin: $AUTH0_PLUGIN" \
      "built from: $AUTH0_PROVIDER_MODULE@$AUTH0_PROVIDER_COMMIT + $AUTH0_UPSTREAM_MODULE@v$AUTH0_UPSTREAM_VERSION" \
      "checked: $TODAY (UTC)"
  elif [ -x "$TOOLS/auth0/pulumi-resource-auth0" ]; then
    provider_unavailable "${FAILURES[@]}" "registering the built plugin failed (see .tools/logs/plugin-install-auth0.log)"
  else
    provider_unavailable "${FAILURES[@]}"
  fi
}
