/**
 * Policy pack "auth0-sessions": mandatory security policies for the Keep Me Signed In session setup.
 *
 *   pulumi preview --stack prod --policy-pack policy
 *
 * The policies are listed in policies.ts (tests import them from there); this file only serves them.
 */
import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { captureStackContext } from "./stack-context";

// The @grpc/grpc-js instance @pulumi/policy serves with (resolved from its own directory).
const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
type Grpc = Parameters<typeof captureStackContext>[0];
// A path known only at run time, and loaded before `new PolicyPack` below starts the server: a synchronous require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [policyDir] })) as Grpc;
captureStackContext(grpc);

new PolicyPack("auth0-sessions", { policies, enforcementLevel: "mandatory" });
