/**
 * What the tests and the bench share: the Pulumi CLI on a throwaway copy of the project (pulumi-cli.ts), the
 * Action bundles built now (build-actions.ts), Management API steps by hand and a tenant set up like Auth0's
 * guide (management-steps.ts, handmade-tenant.ts), and the provider stand-in with its program runner and stack
 * files (tools/provider-stand-in, which `npm start` uses too). This file only re-exports.
 */
export * from "./pulumi-cli";
export * from "./build-actions";
export * from "./management-steps";
export * from "./handmade-tenant";
export * from "../../tools/provider-stand-in";
