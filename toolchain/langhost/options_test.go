package main

import (
	"reflect"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func TestParseOptions(t *testing.T) {
	tests := []struct {
		name    string
		options map[string]any // nil: no options in the ProgramInfo
		want    runtimeOptions
		wantErr string
	}{
		{name: "no options: TypeScript on", want: runtimeOptions{typescript: true}},
		{name: "empty options: TypeScript on", options: map[string]any{}, want: runtimeOptions{typescript: true}},
		{
			name: "every option",
			options: map[string]any{
				"typescript": false, "tsconfig": "tsconfig.build.json",
				"nodeargs": " --max-old-space-size=4096   --enable-source-maps ", "packagemanager": "pnpm",
			},
			want: runtimeOptions{
				typescript: false, tsconfig: "tsconfig.build.json",
				nodeargs: []string{"--max-old-space-size=4096", "--enable-source-maps"}, packagemanager: "pnpm",
			},
		},
		{name: "typescript not a boolean", options: map[string]any{"typescript": "no"},
			wantErr: "typescript option must be a boolean, got string"},
		{name: "tsconfig not a string", options: map[string]any{"tsconfig": true},
			wantErr: "tsconfig option must be a string, got bool"},
		{name: "nodeargs not a string", options: map[string]any{"nodeargs": []any{"--inspect"}},
			wantErr: "nodeargs option must be a string, got []interface {}"},
		{name: "packagemanager not a string (numbers arrive as float64)", options: map[string]any{"packagemanager": 3},
			wantErr: "packagemanager option must be a string, got float64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := &pulumirpc.ProgramInfo{}
			if tt.options != nil {
				s, err := structpb.NewStruct(tt.options)
				if err != nil {
					t.Fatal(err)
				}
				info.Options = s
			}
			got, err := parseOptions(info)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("parseOptions error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseOptions = %+v, want %+v", got, tt.want)
			}
		})
	}
}
