package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

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
