// Package shim exposes the provider of terraform-provider-auth0 (an internal package) to pulumi-auth0.
//
// pulumi-auth0's provider imports github.com/auth0/terraform-provider-auth0/shim (provider/resources.go,
// line 26 at v3.49.0), a package its own build adds to the upstream checkout from
// patches/0001-Add-a-shim.patch; this file is that patch's shim.go. The Go module of terraform-provider-auth0
// does not contain it, so toolchain/auth0-provider.sh copies this file to <that module>/shim/ before building
// the provider from Go modules. An internal package can only be imported from inside its module, so this file
// is type-checked (go vet, toolchain/check-go.sh) only where those sources have been downloaded.
package shim

import (
	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"

	"github.com/auth0/terraform-provider-auth0/internal/provider"
)

// NewProvider returns the Terraform provider that pulumi-auth0 bridges.
func NewProvider() *schema.Provider { return provider.New() }
