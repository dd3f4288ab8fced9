#!/usr/bin/env bash
# Run this project's Pulumi CLI (`npm run pulumi -- <args>`, or `bash toolchain/pulumi.sh <args>`):
# offline defaults from toolchain/pulumi-env.sh (local file backend in .state/, plugins in .pulumi-home/, no
# update check, no automatic plugin downloads), the toolchain from toolchain/bootstrap.sh (set up on first
# use, or when toolchain/ready.sh finds it out of date), and the repository root as the working directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=toolchain/ready.sh
source "$root/toolchain/ready.sh" # sources toolchain/pulumi-env.sh

if ! toolchain_ready; then
  bash "$root/toolchain/bootstrap.sh" --quiet
  source "$root/toolchain/pulumi-env.sh" # puts a freshly built .tools/bin on PATH
fi

# The program deploys dist/actions/*.js; rebuild them (well under a second) so a stale bundle is never deployed.
node "$root/tools/build-actions.mjs" >&2

cd "$root"
exec pulumi "$@"
