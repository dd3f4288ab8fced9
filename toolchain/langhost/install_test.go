package main

import (
	"testing"
)

func TestPackageManager(t *testing.T) {
	tests := []struct {
		name    string
		locks   []string
		option  string
		want    string
		wantErr string
	}{
		{name: "no lock file, no option: npm", want: "npm"},
		{name: "yarn.lock", locks: []string{"yarn.lock"}, want: "yarn"},
		{name: "pnpm-lock.yaml", locks: []string{"pnpm-lock.yaml"}, want: "pnpm"},
		{name: "bun.lockb", locks: []string{"bun.lockb"}, want: "bun"},
		{name: "package-lock.json is looked for first", locks: []string{"yarn.lock", "package-lock.json"}, want: "npm"},
		{name: "the option wins over a lock file", locks: []string{"package-lock.json"}, option: "yarn", want: "yarn"},
		{name: "an unknown option", option: "cargo",
			wantErr: `unsupported packagemanager "cargo" (expected npm, yarn, pnpm or bun)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{}
			for _, l := range tt.locks {
				files[l] = ""
			}
			writeFiles(t, dir, files)
			got, err := packageManager(dir, tt.option)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("packageManager error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("packageManager = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
