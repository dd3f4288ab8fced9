/**
 * The pack's policies, in the order the engine reports them. Every one is mandatory: a violation fails
 * `pulumi preview` and blocks `pulumi up`.
 *
 * Resource policies are typed on the Auth0 resource classes (`validateResourceOfType(auth0.Tenant, …)`): they see
 * a resource's inputs as the program declares them, before anything reaches Auth0. The stack policy sees the
 * stack's config as the engine hands it to policy packs (stack-context.ts).
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { actionsDeployed, riskBeforeKmsi } from "./actions";
import { noHardcodedCredentials, noPlaintextCredentials } from "./credentials";
import { prodCookieNonPersistent, sessionLifetimesWithinPlan } from "./tenant";

export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  prodCookieNonPersistent,
  sessionLifetimesWithinPlan,
  riskBeforeKmsi,
  actionsDeployed,
  noPlaintextCredentials,
  noHardcodedCredentials,
];
