# shellcheck shell=bash
# Offline defaults for running this project's Pulumi CLI. Source it (bash), from any directory:
#
#   source toolchain/pulumi-env.sh
#
# Each variable is exported ONLY when it is unset (PULUMI_HOME / PULUMI_BACKEND_URL: unset or empty), so a
# caller (CI, a developer with a real backend) can override any of them:
#
#   PULUMI_SKIP_UPDATE_CHECK=true                       no call home for "a new version is available"
#   PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true    never download plugins; missing ones are an error
#   PULUMI_HOME=<repo>/.pulumi-home                     plugin cache and credentials, kept inside the repo
#   PULUMI_BACKEND_URL=file://<repo>/.state/backend     local file-state backend (directory created here);
#                                                       not when PULUMI_ACCESS_TOKEN is set (Pulumi Cloud)
#
# No passphrase is set here: a stack's secrets (e.g. auth0:clientSecret, written encrypted into the committed
# Pulumi.<stack>.yaml) must be protected by the user's own PULUMI_CONFIG_PASSPHRASE or by a managed secrets
# provider. Only the local tenant's `local` stack and the tests use a fixed local-only passphrase, which they
# set themselves (toolchain/pulumi-env.ts, LOCAL_PASSPHRASE); that stack stores no secrets.
#
# <repo>/.tools/bin (built by toolchain/bootstrap.sh) is put in front of PATH when it exists.
# Safe to source repeatedly; it defines no functions and leaves only the exported variables behind.

_pulumi_env_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

if [ -z "${PULUMI_SKIP_UPDATE_CHECK+x}" ]; then
  export PULUMI_SKIP_UPDATE_CHECK=true
fi
if [ -z "${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION+x}" ]; then
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
fi
if [ -z "${PULUMI_HOME:-}" ]; then
  export PULUMI_HOME="${_pulumi_env_root}/.pulumi-home"
fi
if [ -z "${PULUMI_BACKEND_URL:-}" ] && [ -z "${PULUMI_ACCESS_TOKEN:-}" ]; then
  mkdir -p "${_pulumi_env_root}/.state/backend"
  export PULUMI_BACKEND_URL="file://${_pulumi_env_root}/.state/backend"
fi

if [ -d "${_pulumi_env_root}/.tools/bin" ]; then
  case ":${PATH}:" in
    ":${_pulumi_env_root}/.tools/bin:"*) ;; # already first
    *) export PATH="${_pulumi_env_root}/.tools/bin:${PATH}" ;;
  esac
fi

unset _pulumi_env_root
