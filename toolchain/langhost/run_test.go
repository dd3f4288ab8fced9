package main

import (
	"reflect"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestRunArgs(t *testing.T) {
	const runPath = "/p/node_modules/@pulumi/pulumi/cmd/run/index.js"
	tests := []struct {
		name   string
		req    *pulumirpc.RunRequest
		opts   runtimeOptions
		engine string
		want   []string
	}{
		{
			name: "every flag, in upstream's order; nodeargs before the run script, program args last",
			req: &pulumirpc.RunRequest{
				MonitorAddress: "127.0.0.1:4001", Organization: "acme", Project: "auth0-sessions", Stack: "dev",
				DryRun: true, Parallel: 8, Args: []string{"--extra"},
				Info: &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p", EntryPoint: "index.ts"},
			},
			opts:   runtimeOptions{nodeargs: []string{"--enable-source-maps"}},
			engine: "127.0.0.1:4002",
			want: []string{
				"--enable-source-maps", runPath, "--monitor=127.0.0.1:4001", "--engine=127.0.0.1:4002",
				"--organization=acme", "--project=auth0-sessions", "--stack=dev", "--pwd=/p", "--root-directory=/p",
				"--dry-run", "--parallel=8", "index.ts", "--extra",
			},
		},
		{
			name: "empty values are left out; no entry point runs the directory",
			req:  &pulumirpc.RunRequest{},
			want: []string{runPath, "--pwd=/p", "."},
		},
		{
			name: "the request's program when the ProgramInfo names no entry point",
			req:  &pulumirpc.RunRequest{Program: "bin/main.js", Info: &pulumirpc.ProgramInfo{ProgramDirectory: "/p"}},
			want: []string{runPath, "--pwd=/p", "bin/main.js"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runArgs(tt.req, tt.opts, runPath, tt.engine, "/p")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("runArgs =\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}

func TestRunEnv(t *testing.T) {
	tests := []struct {
		name string
		req  *pulumirpc.RunRequest
		opts runtimeOptions
		want []string
	}{
		{
			name: "no config: empty JSON object and array",
			req:  &pulumirpc.RunRequest{},
			opts: runtimeOptions{typescript: true},
			want: []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]", "PULUMI_NODEJS_TYPESCRIPT=true"},
		},
		{
			name: "config, secret keys and the TypeScript options",
			req: &pulumirpc.RunRequest{
				Config:           map[string]string{"auth0:domain": "kmsi-dev.eu.auth0.com", "auth0:clientSecret": "s"},
				ConfigSecretKeys: []string{"auth0:clientSecret"},
			},
			opts: runtimeOptions{typescript: false, tsconfig: "tsconfig.build.json"},
			want: []string{
				`PULUMI_CONFIG={"auth0:clientSecret":"s","auth0:domain":"kmsi-dev.eu.auth0.com"}`,
				`PULUMI_CONFIG_SECRET_KEYS=["auth0:clientSecret"]`,
				"PULUMI_NODEJS_TYPESCRIPT=false",
				"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.build.json",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runEnv(tt.req, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("runEnv =\n  %q\nwant\n  %q", got, tt.want)
			}
		})
	}
}
