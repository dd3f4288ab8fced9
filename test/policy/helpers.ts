/**
 * Resource registrations of the real program (run under Pulumi mocks) in the shape @pulumi/policy hands to
 * policies, and a runner that collects what a policy reports, as @pulumi/policy's analyzer does (server.js:
 * `isType` compares the engine type with the class's Pulumi type; a policy that calls `notApplicable` reports
 * nothing).
 */
import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { policies } from "../../policy/policies";
import type { StackContext } from "../../policy/stack-context";
import { loadStackFile, type Registration } from "../testkit";

class NotApplicable extends Error {}

/**
 * The engine type of a generated resource class (`auth0:index/tenant:Tenant`): the static `__pulumiType` that
 * @pulumi/policy's `isType` reads, left out of the classes' declarations.
 */
export function typeOf(resourceClass: object): string {
  const type = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof type !== "string") throw new Error("not a generated Pulumi resource class");
  return type;
}

const isTypeOf = (type: string) => (resourceClass: object) => typeOf(resourceClass) === type;

/** What validateResource receives for a registration: its type, name, URN, options and inputs as `props`. */
export function resourceArgs(
  reg: Pick<Registration, "type" | "name" | "urn" | "inputs"> & Partial<Registration>,
): ResourceValidationArgs {
  return {
    type: reg.type,
    name: reg.name,
    urn: reg.urn,
    props: reg.inputs,
    opts: {
      protect: reg.protect ?? false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      ...(reg.parent ? { parent: reg.parent } : {}),
    },
    stackTags: new Map(),
    isType: isTypeOf(reg.type),
    asType: () => undefined,
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

/** What validateStack receives: every resource of the stack. */
export function stackArgs(regs: Registration[]): StackValidationArgs {
  const resources: PolicyResource[] = regs.map((reg) => ({
    ...resourceArgs(reg),
    dependencies: [],
    propertyDependencies: {},
    asType: () => undefined,
  }));
  return {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
}

export function policy(name: string): ResourceValidationPolicy | StackValidationPolicy {
  const found = policies.find((p) => p.name === name);
  if (!found) throw new Error(`no policy ${name}`);
  return found;
}

/** Runs a resource policy on each registration; returns every violation message (with the resource's name). */
export async function resourceViolations(name: string, regs: Registration[]): Promise<string[]> {
  const p = policy(name) as ResourceValidationPolicy;
  const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
  const messages: string[] = [];
  for (const reg of regs) {
    const report: ReportViolation = (message) => messages.push(message);
    for (const validate of validations) {
      try {
        await validate(resourceArgs(reg), report);
      } catch (e) {
        if (!(e instanceof NotApplicable)) throw e;
      }
    }
  }
  return messages;
}

export async function stackViolations(name: string, regs: Registration[]): Promise<string[]> {
  const p = policy(name) as StackValidationPolicy;
  const messages: string[] = [];
  try {
    await p.validateStack(stackArgs(regs), (message) => messages.push(message));
  } catch (e) {
    if (!(e instanceof NotApplicable)) throw e;
  }
  return messages;
}

/** The stack context the engine would send for a shipped stack file (plus extra keys, secret or not). */
export function contextFor(stack: string, extra: { key: string; value: string; secret: boolean }[] = []): StackContext {
  const file = loadStackFile(stack);
  const config = new Map<string, string>();
  for (const [key, value] of Object.entries(file))
    config.set(key, typeof value === "string" ? value : JSON.stringify(value));
  const secretKeys = new Set<string>();
  for (const { key, value, secret } of extra) {
    if (secret) secretKeys.add(key);
    else config.set(key, value);
  }
  return {
    stack,
    project: "auth0-sessions",
    configKeys: new Set([...Object.keys(file), ...extra.map((e) => e.key)]),
    secretKeys,
    config,
  };
}

/** A registration with some inputs replaced (a resource set that breaks a policy). */
export function withInputs(reg: Registration, inputs: Record<string, unknown>): Registration {
  return { ...reg, inputs: { ...reg.inputs, ...inputs } };
}
