/**
 * Runs the real Pulumi program (index.ts) under Pulumi's mocks and records every resource registration with
 * the options the engine would see: parent, explicit and implicit dependencies, protect, retainOnDelete.
 */
import * as pulumi from "@pulumi/pulumi";
import { vi } from "vitest";

export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  inputs: Record<string, any>;
  parent: string;
  /** URNs this resource depends on (dependsOn plus resources its inputs come from). */
  dependencies: string[];
  protect: boolean;
  retainOnDelete: boolean;
  urn: string;
}

export interface ProgramRun {
  registrations: Registration[];
  invokes: { token: string; args: Record<string, any> }[];
  outputs: Record<string, unknown>;
  /** Registrations of one type, in declaration order. */
  ofType(type: string): Registration[];
  /** The single registration of a type; fails when there is not exactly one. */
  one(type: string): Registration;
}

/** Auth0's answer for a new custom domain (shape from the recorded Management API traffic). */
export function customDomainState(domain: string, type: string): Record<string, unknown> {
  const method =
    type === "self_managed_certs"
      ? { name: "TXT", record: "d25acff6-575d-4c27-af40-02f3880a0c4c", domain: `_cf-custom-hostname.${domain}` }
      : { name: "CNAME", record: "kmsi-dev-cd-abc123.edge.tenants.auth0.com", domain };
  return { status: "pending_verification", primary: false, verifications: [{ methods: [method] }] };
}

export interface ProgramOptions {
  stack: string;
  /** Config as the engine hands it to the program: `namespace:key` to string. */
  config: Record<string, string>;
  /** Config keys (`namespace:key`) set with `--secret`. */
  secretKeys?: string[];
  /** Actions that exist in the tenant, by name, for `auth0.getAction`. */
  tenantActions?: Record<string, { id: string; trigger: string }>;
}

/** What a program that throws while loading left behind: the error and whatever it registered before. */
export interface FailedRun {
  error: unknown;
  registrations: Registration[];
}

export async function runProgram(options: ProgramOptions): Promise<ProgramRun> {
  const run = await loadProgram(options);
  if ("error" in run) throw run.error;
  return run;
}

/** Runs a program that must fail while loading; fails itself if the program loads. */
export async function runFailingProgram(options: ProgramOptions): Promise<FailedRun> {
  const run = await loadProgram(options);
  if (!("error" in run)) throw new Error("expected the program to fail, but it loaded");
  return run;
}

async function loadProgram({ stack, config, secretKeys = [], tenantActions = {} }: ProgramOptions): Promise<ProgramRun | FailedRun> {
  vi.resetModules();
  const registrations: Registration[] = [];
  const invokes: ProgramRun["invokes"] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const extra = args.type === "auth0:index/customDomain:CustomDomain"
          ? customDomainState(args.inputs.domain, args.inputs.type)
          : {};
        return { id: args.custom ? `${args.name}-id` : undefined, state: { ...args.inputs, ...extra } };
      },
      call(args) {
        invokes.push({ token: args.token, args: args.inputs });
        if (args.token === "auth0:index/getAction:getAction" && args.inputs.name in tenantActions) {
          const action = tenantActions[args.inputs.name];
          return { id: action.id, name: args.inputs.name, supportedTriggers: [{ id: action.trigger, version: "v3" }] };
        }
        // Every other invoke is unexpected: fail loudly instead of inventing an answer.
        throw new Error(`unexpected invoke ${args.token} ${JSON.stringify(args.inputs)}`);
      },
    },
    "auth0-sessions",
    stack,
    false,
  );
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, res: any) => void) =>
    register(req, (err: unknown, res: any) => {
      if (!err) {
        registrations.push({
          type: req.getType(),
          name: req.getName(),
          custom: req.getCustom(),
          inputs: pulumi.runtime.deserializeProperties(req.getObject()),
          parent: req.getParent(),
          dependencies: req.getDependenciesList(),
          protect: req.getProtect() === true,
          retainOnDelete: req.getRetainondelete() === true,
          urn: res.getUrn(),
        });
      }
      callback(err, res);
    });
  pulumi.runtime.setAllConfig(config, secretKeys);

  let program: Record<string, unknown>;
  try {
    program = (await import("../../index")) as Record<string, unknown>;
  } catch (error) {
    await waitForRPCs();
    return { error, registrations };
  }
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program)) outputs[key] = await resolve(value);
  await waitForRPCs();

  const ofType = (type: string) => registrations.filter((r) => r.type === type);
  return {
    registrations,
    invokes,
    outputs,
    ofType,
    one(type) {
      const found = ofType(type);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0];
    },
  };
}

/**
 * Waits until every registration the program started has been answered. The SDK exports this at runtime but
 * not in its type declarations.
 */
function waitForRPCs(): Promise<void> {
  return (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/** The plain value of an output (or of a structure of outputs). */
export function resolve(value: unknown): Promise<unknown> {
  const output: pulumi.Output<unknown> = pulumi.output(value as pulumi.Input<object>);
  return new Promise((done) => output.apply((plain) => done(plain)));
}
