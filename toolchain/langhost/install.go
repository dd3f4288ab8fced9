package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// lockFiles name the package manager that wrote them, in the order they are looked for.
var lockFiles = []struct{ lock, manager string }{
	{"package-lock.json", "npm"},
	{"yarn.lock", "yarn"},
	{"pnpm-lock.yaml", "pnpm"},
	{"bun.lock", "bun"},
	{"bun.lockb", "bun"},
}

// packageManager is the `packagemanager` runtime option (npm, yarn, pnpm or bun) if set, else the manager
// whose lock file is in dir (the first of lockFiles found), else npm.
func packageManager(dir, option string) (string, error) {
	manager := option
	for _, c := range lockFiles {
		if manager != "" {
			break
		}
		if _, err := os.Stat(filepath.Join(dir, c.lock)); err == nil {
			manager = c.manager
		}
	}
	switch manager {
	case "":
		return "npm", nil
	case "npm", "yarn", "pnpm", "bun":
		return manager, nil
	default:
		return "", fmt.Errorf("unsupported packagemanager %q (expected npm, yarn, pnpm or bun)", manager)
	}
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

// InstallDependencies runs `<package manager> install` in the program directory (see packageManager),
// streaming its output to the engine.
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
	manager, err := packageManager(dir, opts.packagemanager)
	if err != nil {
		return err
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
