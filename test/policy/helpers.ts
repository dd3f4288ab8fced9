/**
 * Resource registrations of the real program (run under Pulumi mocks) in the shape @pulumi/policy hands to
 * policies, and a runner that collects what a policy reports.
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
import type { StackContext } from "../../policy/stackContext";
import type { Registration } from "../helpers/pulumiProgram";
import { loadStackFile } from "../helpers/stackFiles";

class NotApplicable extends Error {}

/** What validateResource receives for a registration: its type, name, URN, options and inputs as `props`. */
export function resourceArgs(reg: Pick<Registration, "type" | "name" | "urn" | "inputs"> & Partial<Registration>): ResourceValidationArgs {
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
    isType: (cls) => (cls as unknown as { __pulumiType?: string }).__pulumiType === reg.type,
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
    isType: () => false,
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
    for (const validate of validations) await validate(resourceArgs(reg), report);
  }
  return messages;
}

export async function stackViolations(name: string, regs: Registration[]): Promise<string[]> {
  const p = policy(name) as StackValidationPolicy;
  const messages: string[] = [];
  await p.validateStack(stackArgs(regs), (message) => messages.push(message));
  return messages;
}

/** The stack context the engine would send for a shipped stack file (plus extra keys, secret or not). */
export function contextFor(stack: string, extra: { key: string; value: string; secret: boolean }[] = []): StackContext {
  const file = loadStackFile(stack);
  const config = new Map<string, string>();
  for (const [key, value] of Object.entries(file)) config.set(key, typeof value === "string" ? value : JSON.stringify(value));
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
