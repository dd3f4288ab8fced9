package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeFiles creates each file (path relative to root, parent directories included) with its content.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRequiredPlugins(t *testing.T) {
	auth0 := `{"name": "@pulumi/auth0", "version": "3.49.0", "pulumi": {"resource": true}}`
	tests := []struct {
		name    string
		files   map[string]string
		program string // relative to the root; "" is the root
		want    []pluginDep
	}{
		{
			name: "a resource package; the SDK and other packages are not plugins",
			files: map[string]string{
				"node_modules/@pulumi/auth0/package.json":  auth0,
				"node_modules/@pulumi/pulumi/package.json": `{"name": "@pulumi/pulumi", "version": "3.246.0"}`,
				"node_modules/zod/package.json":            `{"name": "zod", "version": "4.6.7"}`,
			},
			want: []pluginDep{{name: "auth0", version: "v3.49.0"}},
		},
		{
			name: "pulumi.name, pulumi.version and pulumi.server win over the package's own name and version",
			files: map[string]string{
				"node_modules/@acme/pulumi-foo/package.json": `{"name": "@acme/pulumi-foo", "version": "1.0.0",
					"pulumi": {"resource": true, "name": "foo", "version": "v2.1.0", "server": "https://plugins.example.com"}}`,
			},
			want: []pluginDep{{name: "foo", version: "v2.1.0", server: "https://plugins.example.com"}},
		},
		{
			name: "an unscoped package keeps its name; a scope other than @pulumi loses only the @",
			files: map[string]string{
				"node_modules/random/package.json":           `{"name": "random", "version": "4.16.0", "pulumi": {"resource": true}}`,
				"node_modules/@acme/widgets/package.json":    `{"name": "@acme/widgets", "version": "0.1.0", "pulumi": {"resource": true}}`,
				"node_modules/@acme/no-version/package.json": `{"name": "@acme/no-version", "pulumi": {"resource": true}}`,
			},
			want: []pluginDep{{name: "acme/widgets", version: "v0.1.0"}, {name: "random", version: "v4.16.0"}},
		},
		{
			name: "nested node_modules are searched; the same plugin version is listed once; sorted by name, version",
			files: map[string]string{
				"node_modules/@pulumi/auth0/package.json":                    auth0,
				"node_modules/old/package.json":                              `{"name": "old", "version": "1.0.0"}`,
				"node_modules/old/node_modules/@pulumi/auth0/package.json":   strings.Replace(auth0, "3.49.0", "3.48.0", 1),
				"node_modules/other/package.json":                            `{"name": "other", "version": "1.0.0"}`,
				"node_modules/other/node_modules/@pulumi/auth0/package.json": auth0,
				"node_modules/.bin/package.json":                             `{"name": "hidden", "version": "1.0.0", "pulumi": {"resource": true}}`,
				"node_modules/not-a-package/README.md":                       "no package.json here",
				"node_modules/@pulumi/aws/package.json":                      `{"name": "@pulumi/aws", "version": "7.0.0", "pulumi": {"resource": true}}`,
			},
			want: []pluginDep{
				{name: "auth0", version: "v3.48.0"}, {name: "auth0", version: "v3.49.0"}, {name: "aws", version: "v7.0.0"},
			},
		},
		{
			name: "a program in a subdirectory uses the nearest ancestor's node_modules (workspaces, hoisting)",
			files: map[string]string{
				"node_modules/@pulumi/auth0/package.json": auth0,
				"infra/stacks/Pulumi.yaml":                "name: x",
			},
			program: "infra/stacks",
			want:    []pluginDep{{name: "auth0", version: "v3.49.0"}},
		},
		{
			name:  "no node_modules anywhere: no plugins",
			files: map[string]string{"Pulumi.yaml": "name: x"},
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			got, err := requiredPlugins(filepath.Join(root, tt.program))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("requiredPlugins = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRequiredPluginsFollowsSymlinksOnce(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"packages/auth0/package.json": `{"name": "@pulumi/auth0", "version": "3.49.0", "pulumi": {"resource": true}}`,
		"node_modules/.keep":          "",
	})
	// npm workspaces and pnpm link packages into node_modules; two links to one package count once.
	for _, link := range []string{"node_modules/@pulumi/auth0", "node_modules/auth0-alias"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, link)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(root, "packages/auth0"), filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := requiredPlugins(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []pluginDep{{name: "auth0", version: "v3.49.0"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("requiredPlugins = %+v, want %+v", got, want)
	}
}

func TestRequiredPluginsReportsABrokenPackageJSON(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"node_modules/broken/package.json": `{"name": "broken",`})
	_, err := requiredPlugins(root)
	want := "parsing " + filepath.Join(root, "node_modules/broken/package.json") + ": unexpected end of JSON input"
	if err == nil || err.Error() != want {
		t.Errorf("requiredPlugins error = %v, want %q", err, want)
	}
}
