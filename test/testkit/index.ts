/**
 * What the tests and the bench share: the Pulumi CLI on a throwaway copy of the project (pulumi-cli.ts), and the
 * provider stand-in with its program runner and stack files (tools/provider-stand-in, which `npm start` uses too).
 */
export * from "./pulumi-cli";
export * from "../../tools/provider-stand-in";
