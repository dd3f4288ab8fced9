#!/usr/bin/env bash
# Run this project's Pulumi CLI (`npm run pulumi -- <args>`, or `bash scripts/pulumi.sh <args>`):
# offline defaults from scripts/pulumi-env.sh (local file backend in .state/, plugins in .pulumi-home/, no
# update check, no automatic plugin downloads), the toolchain from scripts/pulumi-toolchain.sh (set up on
# first use), and the repository root as the working directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=scripts/pulumi-env.sh
source "$root/scripts/pulumi-env.sh"

# The toolchain script leaves .tools/toolchain.stamp behind once pulumi and the language host are usable
# (built into .tools/bin, or an installed Pulumi). Run it (quietly) only when that is not the case.
toolchain_ready() {
  local stamp="$root/.tools/toolchain.stamp"
  [ -f "$stamp" ] || return 1
  if grep -qx 'mode=built' "$stamp"; then
    [ -x "$root/.tools/bin/pulumi" ] && [ -x "$root/.tools/bin/pulumi-language-nodejs" ]
  else
    command -v pulumi >/dev/null 2>&1
  fi
}

if ! toolchain_ready; then
  bash "$root/scripts/pulumi-toolchain.sh" --quiet
  source "$root/scripts/pulumi-env.sh" # puts a freshly built .tools/bin on PATH
fi

# The program deploys dist/actions/*.js; rebuild them (well under a second) so a stale bundle is never deployed.
node "$root/scripts/build-actions.mjs" >&2

cd "$root"
exec pulumi "$@"
