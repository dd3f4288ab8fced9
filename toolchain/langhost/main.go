// Command pulumi-language-nodejs is a compact Node.js language host for the Pulumi engine, built by
// toolchain/bootstrap.sh when the upstream host cannot be obtained.
//
// The upstream Node.js language host is a separate, untagged Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) that the Go module proxy available to
// this project does not serve. This host implements the parts of the LanguageRuntime protocol that
// `pulumi preview/up/destroy/refresh/stack/about/install` use with a Node.js program: Handshake,
// GetPluginInfo, GetRequiredPackages/GetRequiredPlugins (package.json files in node_modules with
// "pulumi": {"resource": true}), Run (node @pulumi/pulumi/cmd/run, same flags and environment as upstream),
// InstallDependencies, About, GetProgramDependencies, RuntimeOptionsPrompts and Cancel. Code generation,
// packing, linking and running Node.js plugins/policy packs are not implemented (Unimplemented over gRPC).
package main

import (
	"flag"
	"fmt"
	"os"

	"google.golang.org/grpc"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
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
