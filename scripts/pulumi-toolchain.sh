#!/usr/bin/env bash
# Make the Pulumi toolchain this project needs available, without get.pulumi.com or GitHub:
#
#   pulumi                  3.246.0 (the CLI/engine matching the pinned @pulumi/pulumi 3.246.0)
#   pulumi-language-nodejs  the Node.js language host
#   pulumi-resource-auth0   3.49.0 (matching @pulumi/auth0 3.49.0), where it can be obtained
#
# Usage: bash scripts/pulumi-toolchain.sh [--quiet] [--retry-provider] [--rebuild] [--help]
#
#   --quiet           print only what takes time (downloads, builds) and problems; nothing when cached
#   --retry-provider  try to obtain the Auth0 provider again even if it was found unavailable today
#   --rebuild         ignore a pulumi on PATH and the cache; rebuild .tools/bin from the Go modules
#
# Pulumi CLI and language host
#   A current build in .tools/bin (see Cache) is kept. Otherwise a `pulumi` already on PATH (outside
#   .tools/bin) is used when it is 3.x and at least 3.246.0 and a `pulumi-language-nodejs` sits next to it or
#   on PATH (a normal Pulumi install); nothing is built then. Otherwise both are built
#   with Go into .tools/bin from the Go module proxy: github.com/pulumi/pulumi/{pkg,sdk}/v3@v3.246.0 (release
#   commit df58e0d55bd2) are copied from the module cache into .tools/src/pulumi/{pkg,sdk}, laid out as in the
#   pulumi repository so pkg's `replace ... => ../sdk` works, and built with the version ldflag.
#   The upstream language host is its own untagged module (github.com/pulumi/pulumi/sdk/nodejs/cmd/
#   pulumi-language-nodejs/v3, pseudo-version v3.0.0-<commit time>-df58e0d55bd2). It is tried first; when
#   the proxy does not serve it (the case on this project's machines), a compact language host whose Go source
#   is embedded below (write_compact_langhost) is built inside the sdk module instead. It runs programs exactly
#   like upstream (node @pulumi/pulumi/cmd/run with the same flags and environment) and reports required
#   plugins from node_modules; it does not implement code generation, `pulumi package`/`convert`, policy
#   packs or Node.js-based plugins.
#
# Cache
#   .tools/toolchain.stamp records what was set up (mode=built|system, versions, language host flavour and
#   the hash of the embedded source). A run whose stamp matches and whose binaries report the right version
#   (`pulumi version` = v3.246.0, `pulumi-language-nodejs -version`) does nothing else: it takes a second or
#   two. The Go module and build caches (go env GOMODCACHE / GOCACHE) make a rebuild cheap. Build logs are in
#   .tools/logs/. A lock (.tools/.lock) serialises concurrent runs.
#
# Auth0 provider (resource plugin auth0 3.49.0)
#   1. Already installed in $PULUMI_HOME/plugins/resource-auth0-v3.49.0/ (the project's .pulumi-home by
#      default): used as is.
#   2. Installed in ~/.pulumi/plugins/resource-auth0-v3.49.0/ (a normal `pulumi plugin install`), or built
#      earlier into .tools/auth0/: registered into $PULUMI_HOME with
#      `pulumi plugin install resource auth0 3.49.0 --file <binary>`.
#   3. Otherwise built from Go modules: github.com/pulumi/pulumi-auth0/provider/v3 at commit 1d04b231b199
#      with github.com/auth0/terraform-provider-auth0@v1.53.0 as its ../upstream (plus a `shim` package
#      exposing the internal provider), then registered as in 2.
#   When the modules cannot be downloaded (the Go module proxy refuses them on this project's machines) the
#   script says so once, names each module with the exact error, writes .tools/auth0-provider.status (first
#   line `available` or `unavailable`, then the reasons) and still exits 0: the CLI works, only programs that
#   create auth0 resources cannot run. That negative result is cached for the rest of the UTC day; pass
#   --retry-provider (or delete the status file) to try again sooner.
#
# Exit status: 0 when pulumi and the language host are usable (whatever the provider's status), 1 otherwise
# (for example no suitable pulumi and no Go to build one).
set -euo pipefail

PULUMI_VERSION=3.246.0
PULUMI_COMMIT=df58e0d55bd20393f98bdad1c0026f15a5c5ae2c
PULUMI_PKG_MODULE=github.com/pulumi/pulumi/pkg/v3
PULUMI_SDK_MODULE=github.com/pulumi/pulumi/sdk/v3
LANGHOST_MODULE=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
VERSION_LDFLAG=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

AUTH0_VERSION=3.49.0
AUTH0_PROVIDER_MODULE=github.com/pulumi/pulumi-auth0/provider/v3
AUTH0_PROVIDER_COMMIT=1d04b231b1992eb5c714263cdb106faf59db6742
AUTH0_UPSTREAM_MODULE=github.com/auth0/terraform-provider-auth0
AUTH0_UPSTREAM_VERSION=v1.53.0
AUTH0_VERSION_LDFLAG=github.com/pulumi/pulumi-auth0/provider/v3/pkg/version.Version

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
SRC="$TOOLS/src"
LOGS="$TOOLS/logs"
STAMP="$TOOLS/toolchain.stamp"
PROVIDER_STATUS="$TOOLS/auth0-provider.status"

QUIET=0
RETRY_PROVIDER=0
REBUILD=0
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
      echo "pulumi-toolchain: unknown argument: $arg (see --help)" >&2
      exit 2
      ;;
  esac
done

# shellcheck source=scripts/pulumi-env.sh
source "$ROOT/scripts/pulumi-env.sh"

say() { printf '%s\n' "$*" >&2; }
info() { if [ "$QUIET" = 0 ]; then say "$@"; fi; }
progress() { say "$@"; } # work that takes time: shown even with --quiet
die() {
  say "pulumi-toolchain: error: $*"
  exit 1
}

mkdir -p "$TOOLS" "$LOGS"
exec 9>"$TOOLS/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi

export GOWORK=off GO111MODULE=on
GO_BUILD_FLAGS=(-trimpath -buildvcs=false)

# ---------------------------------------------------------------------------------------------------------
# helpers

# version_ok VERSION: true when VERSION (v-prefix and pre-release/build suffix allowed) is 3.x >= PULUMI_VERSION.
version_ok() {
  local v="${1#v}"
  v="${v%%[-+]*}"
  case "$v" in
    3.*.*) ;;
    *) return 1 ;;
  esac
  [ "$(printf '%s\n%s\n' "$PULUMI_VERSION" "$v" | sort -V | head -n 1)" = "$PULUMI_VERSION" ]
}

# on_path NAME: first executable NAME on PATH outside .tools/bin.
on_path() {
  local dir
  local IFS=:
  for dir in $PATH; do
    [ -n "$dir" ] || continue
    [ "$dir" = "$BIN" ] && continue
    if [ -x "$dir/$1" ] && [ ! -d "$dir/$1" ]; then
      printf '%s\n' "$dir/$1"
      return 0
    fi
  done
  return 1
}

stamp_get() { [ -f "$STAMP" ] && sed -n "s/^$1=//p" "$STAMP" | head -n 1; }

# json_field NAME: the first top-level-ish "NAME": "value" of `go mod download -json` output on stdin.
json_field() { sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" | head -n 1; }

# go_error_lines FILE: the error a go command printed, one line per error line, tabs removed.
go_error_lines() { sed -e 's/\t/ /g' -e 's/^ *//' "$1" | grep -v '^$' || true; }

# go_download MODULE@VERSION ERRFILE: download into the module cache, print `go mod download -json` output.
go_download() {
  if (cd "$TOOLS" && go mod download "$1") 2>"$2"; then
    (cd "$TOOLS" && go mod download -json "$1")
  else
    return 1
  fi
}

# copy_module DIR DEST: writable copy of a module cache directory.
copy_module() {
  rm -rf "$2"
  mkdir -p "$(dirname "$2")"
  cp -R "$1" "$2"
  chmod -R u+w "$2"
}

# run_logged LOGFILE CMD...: run CMD with output to LOGFILE; on failure show its tail and fail.
run_logged() {
  local log="$1"
  shift
  if ! "$@" >"$log" 2>&1; then
    say "pulumi-toolchain: command failed: $*"
    say "---- last lines of $log ----"
    tail -n 40 "$log" >&2 || true
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------------
# the compact language host (used when the upstream language host module is not obtainable)

write_compact_langhost() {
  cat <<'GO'
// pulumi-language-nodejs (compact edition), generated by scripts/pulumi-toolchain.sh.
//
// The upstream Node.js language host is a separate, untagged Go module that the Go module proxy available to
// this project does not serve, so the toolchain script builds this small replacement inside the
// github.com/pulumi/pulumi/sdk/v3 module tree instead. It implements the parts of the LanguageRuntime
// protocol that `pulumi preview/up/destroy/refresh/stack/about/install` use with a Node.js program:
// Handshake, GetPluginInfo, GetRequiredPackages/GetRequiredPlugins (package.json files in node_modules with
// "pulumi": {"resource": true}), Run (node @pulumi/pulumi/cmd/run, same flags and environment as upstream),
// InstallDependencies, About, GetProgramDependencies, RuntimeOptionsPrompts and Cancel. Code generation,
// packing, linking and running Node.js plugins/policy packs are not implemented (Unimplemented over gRPC).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	defaultRunPath = "@pulumi/pulumi/cmd/run"
	// Exit code of @pulumi/pulumi/cmd/run after it has already shown the user an actionable message.
	exitCodeBail = 32
)

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	// Flags the engine may pass to every plugin (-v and --logtostderr come from glog): accepted, ignored.
	for _, name := range []string{"tracing", "root"} {
		if flag.Lookup(name) == nil {
			flag.String(name, "", "ignored")
		}
	}
	for _, name := range []string{"logtostderr", "logflow"} {
		if flag.Lookup(name) == nil {
			flag.Bool(name, false, "ignored")
		}
	}
	if flag.Lookup("v") == nil {
		flag.Int("v", 0, "ignored")
	}
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}

	h := &host{}
	if args := flag.Args(); len(args) > 0 {
		h.engineAddress = args[0]
	}

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "fatal: could not start language host RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "fatal: language host RPC stopped serving: %v\n", err)
		os.Exit(1)
	}
}

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	running       map[*exec.Cmd]struct{}
}

func (h *host) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.mu.Lock()
		h.engineAddress = req.GetEngineAddress()
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml understood by this host.
type runtimeOptions struct {
	typescript     bool
	tsconfig       string
	nodeargs       []string
	packagemanager string
}

func parseOptions(info *pulumirpc.ProgramInfo) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts, nil
	}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		b, ok := v.(bool)
		if !ok {
			return opts, fmt.Errorf("typescript option must be a boolean, got %T", v)
		}
		opts.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, fmt.Errorf("tsconfig option must be a string, got %T", v)
		}
		opts.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, fmt.Errorf("nodeargs option must be a string, got %T", v)
		}
		opts.nodeargs = strings.Fields(s)
	}
	if v, ok := m["packagemanager"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, fmt.Errorf("packagemanager option must be a string, got %T", v)
		}
		opts.packagemanager = s
	}
	return opts, nil
}

func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if info != nil && info.GetProgramDirectory() != "" {
		return info.GetProgramDirectory()
	}
	if fallback != "" {
		return fallback
	}
	wd, _ := os.Getwd()
	return wd
}

// resolveModule resolves a module specifier the way node would from dir.
func resolveModule(nodeBin, dir, mod string) (string, error) {
	cmd := exec.Command(nodeBin, "-e",
		"process.stdout.write(require.resolve(process.argv[1], {paths: [process.cwd()]}))", mod)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	dir := programDir(info, req.GetPwd())
	entry := req.GetProgram()
	if info != nil && info.GetEntryPoint() != "" {
		entry = info.GetEntryPoint()
	}
	if entry == "" {
		entry = "."
	}
	opts, err := parseOptions(info)
	if err != nil {
		return nil, err
	}

	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not find node on the $PATH: %v", err)}, nil
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		runPath = defaultRunPath
	}
	if !filepath.IsAbs(runPath) {
		resolved, err := resolveModule(nodeBin, dir, runPath)
		if err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf(
				"It looks like the Pulumi SDK has not been installed. Have you run npm install or yarn install? "+
					"(resolving %s from %s: %v)", runPath, dir, err)}, nil
		}
		runPath = resolved
	}

	h.mu.Lock()
	engineAddress := h.engineAddress
	h.mu.Unlock()

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k+"="+v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", dir)
	if info != nil {
		add("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		add("parallel", strconv.Itoa(int(req.GetParallel())))
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("serializing configuration: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing secret configuration keys: %w", err)
	}

	env := os.Environ()
	env = append(env,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(opts.typescript),
	)
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.Command(nodeBin, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"Problem executing program (could not run language executor): %v", err)}, nil
	}
	h.track(cmd, true)
	err = cmd.Wait()
	h.track(cmd, false)
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeBail {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf(
				"Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

func (h *host) track(cmd *exec.Cmd, add bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.running == nil {
		h.running = map[*exec.Cmd]struct{}{}
	}
	if add {
		h.running[cmd] = struct{}{}
	} else {
		delete(h.running, cmd)
	}
}

func (h *host) Cancel(ctx context.Context, _ *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.running {
		if cmd.Process != nil {
			_ = cmd.Process.Signal(os.Interrupt)
		}
	}
	return &emptypb.Empty{}, nil
}

// packageJSON is the part of package.json this host reads.
type packageJSON struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func readPackageJSON(path string) (*packageJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p packageJSON
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("parsing %s: %w", path, err)
	}
	return &p, nil
}

type pluginDep struct{ name, version, server string }

// findNodeModules returns the node_modules directory node would search first from dir: dir/node_modules or
// the nearest ancestor's (workspaces, hoisting).
func findNodeModules(dir string) string {
	for d := dir; ; {
		nm := filepath.Join(d, "node_modules")
		if st, err := os.Stat(nm); err == nil && st.IsDir() {
			return nm
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// requiredPlugins lists the resource plugins of all packages installed under the program's node_modules
// (nested node_modules included) whose package.json says "pulumi": {"resource": true}.
func requiredPlugins(dir string) ([]pluginDep, error) {
	nm := findNodeModules(dir)
	if nm == "" {
		return nil, nil
	}
	seen := map[string]bool{}
	visited := map[string]bool{}
	var deps []pluginDep
	var walk func(nm string) error
	visitPackage := func(pkgDir string) error {
		real, err := filepath.EvalSymlinks(pkgDir)
		if err != nil || visited[real] {
			return nil
		}
		visited[real] = true
		p, err := readPackageJSON(filepath.Join(pkgDir, "package.json"))
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if p.Pulumi.Resource {
			name := p.Pulumi.Name
			if name == "" {
				name = strings.TrimPrefix(strings.TrimPrefix(p.Name, "@pulumi/"), "@")
			}
			v := p.Pulumi.Version
			if v == "" {
				v = p.Version
			}
			if name != "" && v != "" {
				if !strings.HasPrefix(v, "v") {
					v = "v" + v
				}
				key := name + "@" + v
				if !seen[key] {
					seen[key] = true
					deps = append(deps, pluginDep{name: name, version: v, server: p.Pulumi.Server})
				}
			}
		}
		nested := filepath.Join(pkgDir, "node_modules")
		if st, err := os.Stat(nested); err == nil && st.IsDir() {
			return walk(nested)
		}
		return nil
	}
	walk = func(nm string) error {
		entries, err := os.ReadDir(nm)
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			p := filepath.Join(nm, name)
			if strings.HasPrefix(name, "@") {
				scoped, err := os.ReadDir(p)
				if err != nil {
					continue
				}
				for _, s := range scoped {
					if err := visitPackage(filepath.Join(p, s.Name())); err != nil {
						return err
					}
				}
				continue
			}
			if err := visitPackage(p); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(nm); err != nil {
		return nil, err
	}
	sort.Slice(deps, func(i, j int) bool {
		if deps[i].name != deps[j].name {
			return deps[i].name < deps[j].name
		}
		return deps[i].version < deps[j].version
	})
	return deps, nil
}

func (h *host) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := requiredPlugins(programDir(req.GetInfo(), ""))
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetRequiredPackagesResponse{}
	for _, d := range deps {
		resp.Packages = append(resp.Packages, &pulumirpc.PackageDependency{
			Name: d.name, Kind: "resource", Version: d.version, Server: d.server,
		})
	}
	return resp, nil
}

func (h *host) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := requiredPlugins(programDir(req.GetInfo(), req.GetProgram()))
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.GetRequiredPluginsResponse{}
	for _, d := range deps {
		resp.Plugins = append(resp.Plugins, &pulumirpc.PluginDependency{
			Name: d.name, Kind: "resource", Version: d.version, Server: d.server,
		})
	}
	return resp, nil
}

func (h *host) RuntimeOptionsPrompts(
	ctx context.Context, req *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	out, err := exec.Command(nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo(), req.GetProgram())
	p, err := readPackageJSON(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	nm := findNodeModules(dir)
	names := map[string]string{}
	for k, v := range p.Dependencies {
		names[k] = v
	}
	for k, v := range p.DevDependencies {
		if _, ok := names[k]; !ok {
			names[k] = v
		}
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for name, wanted := range names {
		v := wanted
		if nm != "" {
			if installed, err := readPackageJSON(filepath.Join(nm, name, "package.json")); err == nil &&
				installed.Version != "" {
				v = installed.Version
			}
		}
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: v})
	}
	sort.Slice(resp.Dependencies, func(i, j int) bool {
		return resp.Dependencies[i].Name < resp.Dependencies[j].Name
	})
	return resp, nil
}

type streamWriter struct {
	send   func(*pulumirpc.InstallDependenciesResponse) error
	stderr bool
}

func (w streamWriter) Write(b []byte) (int, error) {
	data := append([]byte(nil), b...)
	resp := &pulumirpc.InstallDependenciesResponse{Stdout: data}
	if w.stderr {
		resp = &pulumirpc.InstallDependenciesResponse{Stderr: data}
	}
	if err := w.send(resp); err != nil {
		return 0, err
	}
	return len(b), nil
}

// InstallDependencies runs `<package manager> install` in the program directory: the `packagemanager` runtime
// option (npm, yarn, pnpm or bun) if set, else the one whose lock file is present, else npm.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := req.GetDirectory()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}
	manager := opts.packagemanager
	for _, c := range []struct{ lock, manager string }{
		{"package-lock.json", "npm"},
		{"yarn.lock", "yarn"},
		{"pnpm-lock.yaml", "pnpm"},
		{"bun.lock", "bun"},
		{"bun.lockb", "bun"},
	} {
		if manager != "" {
			break
		}
		if _, err := os.Stat(filepath.Join(dir, c.lock)); err == nil {
			manager = c.manager
		}
	}
	switch manager {
	case "":
		manager = "npm"
	case "npm", "yarn", "pnpm", "bun":
	default:
		return fmt.Errorf("unsupported packagemanager %q (expected npm, yarn, pnpm or bun)", manager)
	}
	var mu sync.Mutex
	send := func(r *pulumirpc.InstallDependenciesResponse) error {
		mu.Lock()
		defer mu.Unlock()
		return server.Send(r)
	}
	var stdout, stderr io.Writer = streamWriter{send: send}, streamWriter{send: send, stderr: true}
	fmt.Fprintf(stdout, "Installing dependencies in %s: %s install\n", dir, manager)
	cmd := exec.Command(manager, "install")
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s install failed: %w", manager, err)
	}
	return nil
}
GO
}

compact_langhost_hash() { write_compact_langhost | sha256sum | cut -c1-16; }

# ---------------------------------------------------------------------------------------------------------
# Pulumi CLI + language host

need_go() {
  if command -v go >/dev/null 2>&1; then
    return 0
  fi
  local found=""
  if [ -n "${1:-}" ]; then
    found="
  (found $1, which is not usable: it must be 3.x and at least $PULUMI_VERSION, with pulumi-language-nodejs beside it)"
  fi
  say "pulumi-toolchain: error: no suitable Pulumi CLI is installed and Go is not available to build one.$found
  Either install Pulumi the normal way (https://www.pulumi.com/docs/install/), version $PULUMI_VERSION or a newer 3.x,
  and the Auth0 provider plugin:   pulumi plugin install resource auth0 $AUTH0_VERSION
  or install Go (https://go.dev/doc/install) and re-run:   bash scripts/pulumi-toolchain.sh
  which builds Pulumi $PULUMI_VERSION from Go modules into .tools/bin."
  exit 1
}

# check_built: sets BUILT_PULUMI_OK / BUILT_LANGHOST_OK to 1 when .tools/bin/pulumi resp. the language host
# match the stamp and report version v$PULUMI_VERSION (the compact host also needs the current source hash).
BUILT_PULUMI_OK=0
BUILT_LANGHOST_OK=0
check_built() {
  BUILT_PULUMI_OK=0
  BUILT_LANGHOST_OK=0
  [ -f "$STAMP" ] && [ "$(stamp_get mode)" = built ] && [ "$(stamp_get pulumi)" = "v$PULUMI_VERSION" ] || return 0
  if [ -x "$BIN/pulumi" ] && [ "$("$BIN/pulumi" version 2>/dev/null)" = "v$PULUMI_VERSION" ]; then
    BUILT_PULUMI_OK=1
  fi
  [ -x "$BIN/pulumi-language-nodejs" ] || return 0
  case "$(stamp_get language_host)" in
    upstream:*) BUILT_LANGHOST_OK=1 ;;
    "compact:$(compact_langhost_hash)")
      if [ "$("$BIN/pulumi-language-nodejs" -version 2>/dev/null)" = "v$PULUMI_VERSION" ]; then
        BUILT_LANGHOST_OK=1
      fi
      ;;
  esac
}

# Prepares .tools/src/pulumi/{pkg,sdk} from the module cache (downloading when needed). Sets PULUMI_TIME.
prepare_pulumi_sources() {
  local json err="$LOGS/download-pulumi.err" m dir
  progress "==> downloading pulumi pkg v$PULUMI_VERSION modules"
  for m in "$PULUMI_PKG_MODULE" "$PULUMI_SDK_MODULE"; do
    if ! json="$(go_download "$m@v$PULUMI_VERSION" "$err")"; then
      say "pulumi-toolchain: could not download $m@v$PULUMI_VERSION:"
      go_error_lines "$err" | sed 's/^/    /' >&2
      exit 1
    fi
    dir="$(json_field Dir <<<"$json")"
    [ -d "$dir" ] || die "no module directory for $m@v$PULUMI_VERSION"
    if [ "$m" = "$PULUMI_PKG_MODULE" ]; then
      PULUMI_TIME="$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$(json_field Info <<<"$json")")"
      if ! grep -q "$PULUMI_COMMIT" <<<"$json"; then
        say "pulumi-toolchain: warning: $m@v$PULUMI_VERSION does not report commit $PULUMI_COMMIT as its origin"
      fi
      copy_module "$dir" "$SRC/pulumi/pkg"
    else
      copy_module "$dir" "$SRC/pulumi/sdk"
    fi
  done
  progress "==> downloading pulumi build dependencies (go mod download)"
  run_logged "$LOGS/download-pulumi-deps.log" go -C "$SRC/pulumi/pkg" mod download
}

build_pulumi_cli() {
  progress "==> building pulumi (first time takes several minutes)"
  local start=$SECONDS
  mkdir -p "$BIN"
  run_logged "$LOGS/build-pulumi.log" go -C "$SRC/pulumi/pkg" build \
    "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w -X $VERSION_LDFLAG=v$PULUMI_VERSION" -o "$BIN/.pulumi.new" \
    ./cmd/pulumi
  mv -f "$BIN/.pulumi.new" "$BIN/pulumi"
  info "    built .tools/bin/pulumi in $((SECONDS - start))s"
}

# Builds the language host: upstream module if the proxy serves it, else the compact one. Sets LANGHOST_ID.
build_langhost() {
  local start=$SECONDS pseudo err="$LOGS/download-langhost.err" json dir
  local ts="${PULUMI_TIME//[-T:Z]/}"
  pseudo="v3.0.0-${ts}-${PULUMI_COMMIT:0:12}"
  local langdir="$SRC/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs"
  mkdir -p "$BIN"
  if json="$(go_download "$LANGHOST_MODULE@$pseudo" "$err")" && dir="$(json_field Dir <<<"$json")" &&
    [ -d "$dir" ]; then
    progress "==> building pulumi-language-nodejs ($LANGHOST_MODULE@$pseudo)"
    copy_module "$dir" "$langdir"
    run_logged "$LOGS/build-langhost.log" go -C "$langdir" build \
      "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w -X $VERSION_LDFLAG=v$PULUMI_VERSION" \
      -o "$BIN/.pulumi-language-nodejs.new" .
    LANGHOST_ID="upstream:$pseudo"
  else
    info "==> $LANGHOST_MODULE@$pseudo is not available from the Go module proxy:"
    if [ "$QUIET" = 0 ]; then go_error_lines "$err" | sed 's/^/      /' >&2; fi
    progress "==> building the compact pulumi-language-nodejs (embedded in scripts/pulumi-toolchain.sh; the upstream module is not served)"
    rm -rf "$langdir"
    mkdir -p "$langdir"
    write_compact_langhost >"$langdir/main.go"
    run_logged "$LOGS/build-langhost.log" go -C "$SRC/pulumi/sdk" build \
      "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w -X $VERSION_LDFLAG=v$PULUMI_VERSION" \
      -o "$BIN/.pulumi-language-nodejs.new" ./nodejs/cmd/pulumi-language-nodejs
    LANGHOST_ID="compact:$(compact_langhost_hash)"
  fi
  mv -f "$BIN/.pulumi-language-nodejs.new" "$BIN/pulumi-language-nodejs"
  info "    built .tools/bin/pulumi-language-nodejs in $((SECONDS - start))s"
}

write_stamp() {
  {
    printf 'mode=%s\n' "$1"
    printf 'pulumi=v%s\n' "$PULUMI_VERSION"
    printf 'pulumi_path=%s\n' "$2"
    printf 'language_host=%s\n' "$3"
    printf 'go=%s\n' "$(go env GOVERSION 2>/dev/null || echo none)"
    printf 'date=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  } >"$STAMP.new"
  mv -f "$STAMP.new" "$STAMP"
}

ensure_cli() {
  if [ "$REBUILD" = 0 ]; then
    check_built
    if [ "$BUILT_PULUMI_OK" = 1 ] && [ "$BUILT_LANGHOST_OK" = 1 ]; then
      PULUMI_BIN="$BIN/pulumi"
      info "==> pulumi v$PULUMI_VERSION: .tools/bin (cached; language host: $(stamp_get language_host | cut -d: -f1))"
      return 0
    fi
    # Only the language host is out of date (e.g. the compact source above changed): rebuild just that.
    if [ "$BUILT_PULUMI_OK" = 1 ] && [ -d "$SRC/pulumi/sdk" ] && command -v go >/dev/null 2>&1; then
      PULUMI_TIME="$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' \
        "$(go env GOMODCACHE)/cache/download/$PULUMI_PKG_MODULE/@v/v$PULUMI_VERSION.info" 2>/dev/null || true)"
      if [ -n "$PULUMI_TIME" ]; then
        build_langhost
        write_stamp built "$BIN/pulumi" "$LANGHOST_ID"
        PULUMI_BIN="$BIN/pulumi"
        return 0
      fi
    fi
  fi

  local sys="" sys_version=""
  if [ "$REBUILD" = 0 ] && sys="$(on_path pulumi)"; then
    sys_version="$("$sys" version 2>/dev/null || true)"
    if version_ok "$sys_version" &&
      { [ -x "$(dirname "$sys")/pulumi-language-nodejs" ] || on_path pulumi-language-nodejs >/dev/null; }; then
      # A built toolchain that is out of date must not shadow the installed one on PATH.
      rm -f "$BIN/pulumi" "$BIN/pulumi-language-nodejs"
      rmdir "$BIN" 2>/dev/null || true
      PULUMI_BIN="$sys"
      write_stamp system "$sys" installed
      info "==> pulumi $sys_version: using $sys"
      return 0
    fi
  fi

  need_go "${sys:+$sys ($sys_version)}"
  rm -f "$STAMP"
  local start=$SECONDS
  prepare_pulumi_sources
  build_pulumi_cli
  build_langhost
  local got
  got="$("$BIN/pulumi" version 2>/dev/null || true)"
  [ "$got" = "v$PULUMI_VERSION" ] || die ".tools/bin/pulumi reports version '$got', expected v$PULUMI_VERSION"
  write_stamp built "$BIN/pulumi" "$LANGHOST_ID"
  PULUMI_BIN="$BIN/pulumi"
  info "==> pulumi v$PULUMI_VERSION ready in .tools/bin ($((SECONDS - start))s)"
}


# ---------------------------------------------------------------------------------------------------------
# Auth0 provider

write_provider_status() {
  printf '%s\n' "$@" >"$PROVIDER_STATUS.new"
  mv -f "$PROVIDER_STATUS.new" "$PROVIDER_STATUS"
}

register_provider() {
  local binary="$1" log="$LOGS/plugin-install-auth0.log"
  progress "==> registering auth0 provider $AUTH0_VERSION from $binary in $PULUMI_HOME/plugins"
  if ! "$PULUMI_BIN" plugin install resource auth0 "$AUTH0_VERSION" --file "$binary" >"$log" 2>&1; then
    say "pulumi-toolchain: warning: 'pulumi plugin install resource auth0 $AUTH0_VERSION --file $binary' failed:"
    sed 's/^/    /' "$log" >&2
    return 1
  fi
}

# Downloads the provider's modules and builds .tools/auth0/pulumi-resource-auth0. On failure sets
# PROVIDER_FAILURE (lines for the status file and the message) and returns 1.
build_provider() {
  local err json provider_dir upstream_dir failed=0 m
  PROVIDER_FAILURE=("The Go module proxy does not serve the provider's source modules:")
  progress "==> downloading auth0 provider $AUTH0_VERSION modules"
  for m in "$AUTH0_PROVIDER_MODULE@$AUTH0_PROVIDER_COMMIT" "$AUTH0_UPSTREAM_MODULE@$AUTH0_UPSTREAM_VERSION"; do
    err="$m"
    err="$LOGS/download-${err//[\/@]/_}.err"
    if json="$(go_download "$m" "$err")"; then
      case "$m" in
        "$AUTH0_PROVIDER_MODULE"@*) provider_dir="$(json_field Dir <<<"$json")" ;;
        *) upstream_dir="$(json_field Dir <<<"$json")" ;;
      esac
    else
      failed=1
      PROVIDER_FAILURE+=("$m")
      while IFS= read -r line; do PROVIDER_FAILURE+=("  $line"); done < <(go_error_lines "$err")
    fi
  done
  [ "$failed" = 0 ] || return 1

  local src="$SRC/pulumi-auth0" start=$SECONDS
  copy_module "$provider_dir" "$src/provider"
  copy_module "$upstream_dir" "$src/upstream"
  mkdir -p "$src/upstream/shim"
  cat >"$src/upstream/shim/shim.go" <<'GO'
// Package shim exposes the provider of terraform-provider-auth0 (an internal package) to pulumi-auth0.
package shim

import (
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

	"github.com/auth0/terraform-provider-auth0/internal/provider"
)

// NewProvider returns the Terraform provider that pulumi-auth0 bridges.
func NewProvider() *schema.Provider { return provider.New() }
GO
  local cmd_dir="$src/provider/cmd/pulumi-resource-auth0"
  if [ -f "$cmd_dir/schema.json" ]; then
    if ! command -v node >/dev/null 2>&1; then
      PROVIDER_FAILURE=("node is needed to write $cmd_dir/schema-embed.json, and it is not on PATH")
      return 1
    fi
    node -e 'const fs = require("fs"); const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      s.version = process.argv[3]; fs.writeFileSync(process.argv[2], JSON.stringify(s));' \
      "$cmd_dir/schema.json" "$cmd_dir/schema-embed.json" "$AUTH0_VERSION"
  fi
  progress "==> building pulumi-resource-auth0 $AUTH0_VERSION (first time takes several minutes)"
  mkdir -p "$TOOLS/auth0"
  if ! run_logged "$LOGS/build-auth0.log" go -C "$src/provider" build \
    "${GO_BUILD_FLAGS[@]}" -ldflags "-s -w -X $AUTH0_VERSION_LDFLAG=$AUTH0_VERSION" \
    -o "$TOOLS/auth0/.pulumi-resource-auth0.new" ./cmd/pulumi-resource-auth0; then
    PROVIDER_FAILURE=("go build of $AUTH0_PROVIDER_MODULE/cmd/pulumi-resource-auth0 failed (see .tools/logs/build-auth0.log):")
    while IFS= read -r line; do PROVIDER_FAILURE+=("  $line"); done < <(grep -v '^$' "$LOGS/build-auth0.log" | tail -n 15)
    return 1
  fi
  mv -f "$TOOLS/auth0/.pulumi-resource-auth0.new" "$TOOLS/auth0/pulumi-resource-auth0"
  info "    built .tools/auth0/pulumi-resource-auth0 in $((SECONDS - start))s"
}

provider_unavailable() {
  local today="$1"
  shift
  write_provider_status unavailable "checked: $today (UTC); retried the next day or with --retry-provider" "$@"
  say "==> auth0 provider $AUTH0_VERSION: UNAVAILABLE. pulumi works, but programs that create auth0 resources cannot run."
  local line
  for line in "$@"; do say "      $line"; done
  say "    To get it: with internet access run   npm run pulumi -- plugin install resource auth0 $AUTH0_VERSION"
  say "    (or put the plugin in ~/.pulumi/plugins/resource-auth0-v$AUTH0_VERSION/) and re-run this script."
  say "    Status: .tools/auth0-provider.status (this result is reused until tomorrow; --retry-provider retries now)."
}

ensure_provider() {
  local plugin_name="resource-auth0-v$AUTH0_VERSION" today
  today="$(date -u +%Y-%m-%d)"
  local project_plugin="$PULUMI_HOME/plugins/$plugin_name/pulumi-resource-auth0"
  if [ -x "$project_plugin" ]; then
    write_provider_status available "plugin: $project_plugin" "checked: $today (UTC)"
    info "==> auth0 provider $AUTH0_VERSION: installed in $PULUMI_HOME/plugins"
    return 0
  fi

  local candidate
  for candidate in "$HOME/.pulumi/plugins/$plugin_name/pulumi-resource-auth0" "$TOOLS/auth0/pulumi-resource-auth0"; do
    if [ -x "$candidate" ] && register_provider "$candidate"; then
      write_provider_status available "plugin: $project_plugin" "registered from: $candidate" "checked: $today (UTC)"
      return 0
    fi
  done

  if [ "$RETRY_PROVIDER" = 0 ] && [ -f "$PROVIDER_STATUS" ] &&
    [ "$(head -n 1 "$PROVIDER_STATUS")" = unavailable ] &&
    grep -q "^checked: $today " "$PROVIDER_STATUS"; then
    info "==> auth0 provider $AUTH0_VERSION: unavailable (checked today, see .tools/auth0-provider.status; --retry-provider to retry)"
    return 0
  fi

  if ! command -v go >/dev/null 2>&1; then
    provider_unavailable "$today" "go is not installed, so the provider cannot be built from Go modules"
    return 0
  fi
  if build_provider && register_provider "$TOOLS/auth0/pulumi-resource-auth0"; then
    write_provider_status available "plugin: $project_plugin" \
      "built from: $AUTH0_PROVIDER_MODULE@$AUTH0_PROVIDER_COMMIT + $AUTH0_UPSTREAM_MODULE@$AUTH0_UPSTREAM_VERSION" \
      "checked: $today (UTC)"
    return 0
  fi
  if [ -x "$TOOLS/auth0/pulumi-resource-auth0" ]; then
    provider_unavailable "$today" "registering the built plugin failed (see .tools/logs/plugin-install-auth0.log)"
  else
    provider_unavailable "$today" "${PROVIDER_FAILURE[@]}"
  fi
}

# ---------------------------------------------------------------------------------------------------------

PULUMI_BIN=""
PULUMI_TIME=""
LANGHOST_ID=""
PROVIDER_FAILURE=()

ensure_cli
ensure_provider
