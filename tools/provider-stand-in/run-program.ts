/**
 * Runs the real Pulumi program (index.ts), or a component constructed alone (runDeclarations), under Pulumi's
 * mocks and records every resource registration with the options the engine would see: parent, explicit and
 * implicit dependencies, protect (inherited from a parent included), retainOnDelete, replaceOnChanges,
 * deleteBeforeReplace and custom timeouts. Invokes (the provider's data sources) are answered
 * by an `invoke` handler: a static fresh tenant by default, the local tenant itself in deploy.ts. No test runner
 * is needed: the program is loaded anew for each run (fresh-program.ts), so `npm start` runs it with plain tsx.
 */
import * as pulumi from "@pulumi/pulumi";
import { observeRegistrations, waitForRPCs } from "../../internals/pulumi";
import { actionNotFound } from "./provider/actions";
import { tenantAsRead } from "./provider/tenant";
import { requireProgramFresh } from "./fresh-program";
import type { Registration } from "./registration";

export type { Registration };

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
  /** Actions that exist in the tenant, by name, for the default answer to `auth0.getAction`. */
  tenantActions?: Record<string, { id: string; trigger: string }>;
  /** Answers the program's invokes; by default `staticInvoke` over `tenantActions`. May return a promise. */
  invoke?: InvokeHandler;
}

export type InvokeHandler = (token: string, args: Record<string, any>) => unknown;

/**
 * The default answers: `auth0.getTenant` as the provider's data source reads a tenant that holds none of the
 * settings the program passes through (flatten of an empty settings object), and `auth0.getAction` from
 * `tenantActions`, failing like the provider for any other name.
 */
export function staticInvoke(tenantActions: Record<string, { id: string; trigger: string }> = {}): InvokeHandler {
  return (token, args) => {
    if (token === "auth0:index/getTenant:getTenant") return tenantAsRead({});
    if (token === "auth0:index/getAction:getAction") {
      const action = tenantActions[args.name];
      if (!action) throw new Error(actionNotFound(args.name));
      return { id: action.id, name: args.name, supportedTriggers: [{ id: action.trigger, version: "v3" }] };
    }
    // Every other invoke is unexpected: fail loudly instead of inventing an answer.
    throw new Error(`unexpected invoke ${token} ${JSON.stringify(args)}`);
  };
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

/**
 * Runs `declare` alone under the same mocks and records as a program run: a component constructed with its args,
 * as a test of that component sees it (pulumi-awsx awsx/ecs/fargateService.test.ts). `declare` may return outputs
 * to resolve. No config is set unless given; invokes are answered as for a program.
 */
export async function runDeclarations(
  declare: () => Record<string, unknown> | void,
  options: Partial<ProgramOptions> = {},
): Promise<ProgramRun> {
  const run = await declareUnderMocks({ stack: "declarations", config: {}, ...options }, async () => declare() ?? {});
  if ("error" in run) throw run.error;
  return run;
}

function loadProgram(options: ProgramOptions): Promise<ProgramRun | FailedRun> {
  return declareUnderMocks(options, async () => {
    const loaded = requireProgramFresh();
    // An async program (`export = async () => outputs`) is the module itself: run it, as the Node.js language
    // host does.
    return typeof loaded === "function" ? ((await loaded()) as Record<string, unknown>) : loaded;
  });
}

async function declareUnderMocks(
  { stack, config, secretKeys = [], tenantActions = {}, invoke }: ProgramOptions,
  declare: () => Promise<Record<string, unknown>>,
): Promise<ProgramRun | FailedRun> {
  const answer = invoke ?? staticInvoke(tenantActions);
  const registrations: Registration[] = [];
  const invokes: ProgramRun["invokes"] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const extra =
          args.type === "auth0:index/customDomain:CustomDomain"
            ? customDomainState(args.inputs.domain, args.inputs.type)
            : {};
        return { id: args.custom ? `${args.name}-id` : undefined, state: { ...args.inputs, ...extra } };
      },
      async call(args) {
        invokes.push({ token: args.token, args: args.inputs });
        try {
          return (await answer(args.token, args.inputs)) as Record<string, any>;
        } catch (error) {
          // A failed invoke reaches the SDK as a gRPC error, whose `details` become the message the program sees
          // (@pulumi/pulumi runtime/invoke.js: `new Error(err.details)`).
          const message = error instanceof Error ? error.message : String(error);
          throw Object.assign(new Error(message), { details: message });
        }
      },
    },
    "auth0-sessions",
    stack,
    false,
  );
  observeRegistrations((req, res) =>
    registrations.push({
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      inputs: pulumi.runtime.deserializeProperties(
        req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0],
      ) as Record<string, any>,
      parent: req.getParent(),
      dependencies: req.getDependenciesList(),
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      replaceOnChanges: req.getReplaceonchangesList(),
      deleteBeforeReplace: req.getDeletebeforereplace() === true,
      customTimeouts: timeoutsOf(req.getCustomtimeouts()),
      urn: res.getUrn(),
    }),
  );
  pulumi.runtime.setAllConfig(config, secretKeys);

  let program: Record<string, unknown>;
  try {
    program = await declare();
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

function timeoutsOf(
  timeouts: { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined,
): Registration["customTimeouts"] {
  const set = { create: timeouts?.getCreate(), update: timeouts?.getUpdate(), delete: timeouts?.getDelete() };
  return Object.fromEntries(Object.entries(set).filter(([, value]) => value));
}

/** The plain value of an output (or of a structure of outputs). */
export function resolve(value: unknown): Promise<unknown> {
  const output: pulumi.Output<unknown> = pulumi.output(value as pulumi.Input<object>);
  return new Promise((done) => output.apply((plain) => done(plain)));
}
