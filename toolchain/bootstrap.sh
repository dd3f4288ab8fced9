#!/usr/bin/env bash
# Makes the Pulumi toolchain this project needs available (versions: toolchain/versions.env):
#
#   pulumi                  PULUMI_VERSION, the CLI/engine matching @pulumi/pulumi   (toolchain/pulumi-cli.sh)
#   pulumi-language-nodejs  the Node.js language host                                 (toolchain/pulumi-cli.sh)
#   pulumi-resource-auth0   AUTH0_VERSION, matching @pulumi/auth0, where obtainable   (toolchain/auth0-provider.sh)
#
# Usage: bash toolchain/bootstrap.sh [--quiet] [--retry-provider] [--rebuild] [--help]
#
#   --quiet           print only what takes time (downloads, builds) and problems; nothing when ready
#   --retry-provider  try to obtain the Auth0 provider again even if it was found unavailable today
#   --rebuild         ignore an installed pulumi and the cache; rebuild .tools/bin from the Go modules
#
# When toolchain/ready.sh finds everything ready, this takes well under a second. Otherwise the first build
# takes minutes; the Go module and build caches (go env GOMODCACHE / GOCACHE) make a rebuild cheap. Build
# logs are in .tools/logs/; a lock (.tools/.lock) serialises concurrent runs.
#
# Exit status: 0 when pulumi and the language host are usable (whatever the provider's status), 1 otherwise
# (for example no suitable pulumi and no Go to build one).
set -euo pipefail

QUIET=0 RETRY_PROVIDER=0 REBUILD=0
for arg in "$@"; do
  case "$arg" in
    --quiet | -q) QUIET=1 ;;
    --retry-provider) RETRY_PROVIDER=1 ;;
    --rebuild) REBUILD=1 ;;
    -h | --help)
      sed -n '2,/^set -euo pipefail/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "toolchain: unknown argument: $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=toolchain/ready.sh
source "$here/ready.sh" # also common.sh (paths, versions) and toolchain/pulumi-env.sh (PULUMI_HOME, PATH)
# shellcheck source=toolchain/pulumi-cli.sh
source "$here/pulumi-cli.sh"
# shellcheck source=toolchain/auth0-provider.sh
source "$here/auth0-provider.sh"

mkdir -p "$TOOLS" "$LOGS"
exec 9>"$TOOLS/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

PULUMI_BIN="" LANGHOST_ID=""
ensure_cli
ensure_provider
