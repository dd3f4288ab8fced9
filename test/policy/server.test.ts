/**
 * The policy pack as the Pulumi engine runs it: `node @pulumi/pulumi/cmd/run-policy-pack <engine> <pack>` in the
 * pack's directory (TypeScript through Pulumi's ts-node harness, with the root node_modules), then the analyzer
 * gRPC protocol: GetAnalyzerInfo, ConfigureStack (stack config and its secret keys), Analyze (a resource's
 * inputs, secrets marked as the engine marks them) and AnalyzeStack.
 *
 * `pulumi preview --policy-pack policy` itself cannot run here: this machine's compact Node.js language host does
 * not implement RunPlugin, which the engine uses to start policy packs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as auth0 from "@pulumi/auth0";
import * as pulumi from "@pulumi/pulumi";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDuration, PROJECT_DIR, toHours } from "../../config";
import { policies } from "../../policy/policies";
import {
  asPulumiHandsOver,
  buildActions,
  loadStackFile,
  type ProgramRun,
  type Registration,
  runProgram,
} from "../testkit";
import { typeOf } from "./helpers";

const POLICY_DIR = path.join(PROJECT_DIR, "policy");
const RUN_POLICY_PACK = path.join(PROJECT_DIR, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
/** How the engine marks a secret value in a resource's properties (the SDK's own markers). */
const SECRET_SIG = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig };
const CLIENT_SECRET_LIKE = "Xq3vN8rT0bLw5ZkPc2YhGd7JmA9sEu4RfVo1WiKn6ByCt_zHx-QeSlMjDpUaIg0O";

let pack: ChildProcess | undefined;
let client: AnalyzerClient;
let prod: ProgramRun;
let stderr = "";

beforeAll(async () => {
  await buildActions();
  prod = await runProgram({ stack: "prod", config: asPulumiHandsOver(loadStackFile("prod")) });
  const port = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:1", POLICY_DIR], {
      cwd: POLICY_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    pack = child;
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const line = /^(\d+)\s*$/m.exec(stdout);
      if (line) resolve(line[1]);
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) =>
      reject(new Error(`the policy pack exited (${code}) before serving:\n${stdout}\n${stderr}`)),
    );
  });
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  pack?.kill();
});

function call<Req, Res>(
  method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) => method(req, (err, res) => (err ? reject(err) : resolve(res))));
}

/** What the engine sends for a stack: config values by key, and which keys are secrets. */
async function configureStack(stack: string, extra: Record<string, string>, secretKeys: string[]): Promise<void> {
  const req = new pb.AnalyzerStackConfigureRequest();
  req.setStack(stack);
  req.setProject("auth0-sessions");
  const config = req.getConfigMap();
  for (const [key, value] of Object.entries({ ...asPulumiHandsOver(loadStackFile(stack)), ...extra }))
    config.set(key, value);
  req.setConfigSecretKeysList(secretKeys);
  await call((r: pb.AnalyzerStackConfigureRequest, cb) => client.configureStack(r, cb), req);
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

async function analyze(reg: Registration, inputs: Record<string, unknown> = reg.inputs): Promise<string[]> {
  return (await analyzeResponse(reg, inputs)).getDiagnosticsList().map(diagnostic);
}

async function analyzeResponse(reg: Registration, inputs: Record<string, unknown>): Promise<pb.AnalyzeResponse> {
  const req = new pb.AnalyzeRequest();
  req.setType(reg.type);
  req.setName(reg.name);
  req.setUrn(reg.urn);
  req.setProperties(Struct.fromJavaScript(plain(inputs) as never));
  req.setOptions(new pb.AnalyzerResourceOptions());
  return call<pb.AnalyzeRequest, pb.AnalyzeResponse>((r, cb) => client.analyze(r, cb), req);
}

async function analyzeStack(regs: Registration[]): Promise<string[]> {
  const req = new pb.AnalyzeStackRequest();
  req.setResourcesList(
    regs.map((reg) => {
      const resource = new pb.AnalyzerResource();
      resource.setType(reg.type);
      resource.setName(reg.name);
      resource.setUrn(reg.urn);
      resource.setProperties(Struct.fromJavaScript(plain(reg.inputs) as never));
      resource.setOptions(new pb.AnalyzerResourceOptions());
      return resource;
    }),
  );
  const res = await call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>((r, cb) => client.analyzeStack(r, cb), req);
  return res.getDiagnosticsList().map(diagnostic);
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];
function diagnostic(d: pb.AnalyzeDiagnostic): string {
  return `${d.getPolicyname()} [${LEVELS[d.getEnforcementlevel()]}] ${d.getMessage()}`;
}
const descriptionOf = (name: string) => policies.find((p) => p.name === name)!.description;

it("serves the pack: name, version from policy/package.json, six mandatory policies", async () => {
  const info = await call<Empty, pb.AnalyzerInfo>((r, cb) => client.getAnalyzerInfo(r, cb), new Empty());
  expect(info.getName()).toBe("auth0-sessions");
  expect(info.getVersion()).toBe("0.1.0");
  expect(info.getPoliciesList().map((p) => `${p.getName()} ${LEVELS[p.getEnforcementlevel()]}`)).toEqual(
    policies.map((p) => `${p.name} mandatory`),
  );
});

describe("prod, as the engine hands it over", () => {
  it("passes every resource and the stack with auth0:clientSecret stored as a secret", async () => {
    await configureStack("prod", { "auth0:clientSecret": "s3cret" }, ["auth0:clientSecret"]);
    for (const reg of prod.registrations) expect(await analyze(reg), reg.name).toEqual([]);
    expect(await analyzeStack(prod.registrations)).toEqual([]);
  });

  it("fails the stack when auth0:clientSecret is plaintext config", async () => {
    await configureStack("prod", { "auth0:clientSecret": CLIENT_SECRET_LIKE }, []);
    expect(await analyzeStack(prod.registrations)).toEqual([
      `no-plaintext-credentials [mandatory] ${descriptionOf("no-plaintext-credentials")}\n` +
        "Stack config auth0:clientSecret is stored in plaintext in Pulumi.prod.yaml: remove it and set it with " +
        "`pulumi config set --secret auth0:clientSecret <value> --stack prod`, or pass it to the provider from the " +
        "environment (AUTH0_CLIENT_SECRET) / a Pulumi ESC environment.",
    ]);
  });

  it("fails a prod tenant with a persistent default cookie, and lifetimes over a self-service plan", async () => {
    await configureStack("prod", { "auth0-sessions:plan": "self-service" }, []);
    const tenant = prod.one(typeOf(auth0.Tenant));
    expect(await analyze(tenant, { ...tenant.inputs, sessionCookie: { mode: "persistent" } })).toEqual([
      `prod-cookie-non-persistent [mandatory] ${descriptionOf("prod-cookie-non-persistent")}\n` +
        'Stack "prod" is production: the tenant\'s default session cookie must be non-persistent, but ' +
        'sessionCookie.mode is "persistent". Only a ticked "Keep me signed in" box may make a session persistent.',
      `session-lifetimes-within-plan [mandatory] ${descriptionOf("session-lifetimes-within-plan")}\n` +
        "idleSessionLifetime (persistent idle lifetime) is 336 h (14d); the self-service plan allows at most 72 h (3d).",
      `session-lifetimes-within-plan [mandatory] ${descriptionOf("session-lifetimes-within-plan")}\n` +
        "sessionLifetime (persistent absolute lifetime) is 2160 h (90d); the self-service plan allows at most 720 h (30d).",
    ]);
  });

  it("tells a hard-coded credential from one the program marked secret", async () => {
    await configureStack("prod", {}, []);
    const risk = prod.registrations.find((r) => r.name === "session-actions-risk")!;
    const added = (value: unknown) => ({ ...risk.inputs, secrets: [...risk.inputs.secrets, { name: "KEY", value }] });
    expect(await analyze(risk, added({ ...SECRET_SIG, value: CLIENT_SECRET_LIKE }))).toEqual([]);
    expect(await analyze(risk, added(CLIENT_SECRET_LIKE))).toEqual([
      `no-hardcoded-credentials [mandatory] ${descriptionOf("no-hardcoded-credentials")}\n` +
        'auth0:index/action:Action "session-actions-risk" input secrets[3].value looks like a credential (client ' +
        "secret, API token or private key): keep credentials out of resource inputs and stack files; read them with " +
        "`config.requireSecret` / Pulumi ESC.",
    ]);
  });

  it("fails kmsi bound before risk, and an Action not deployed", async () => {
    const binding = prod.one(typeOf(auth0.TriggerActions));
    const [risk, kmsi] = binding.inputs.actions;
    expect(await analyze(binding, { ...binding.inputs, actions: [kmsi, risk] })).toEqual([
      `risk-before-kmsi [mandatory] ${descriptionOf("risk-before-kmsi")}\n` +
        'The post-login binding runs "kmsi" → "risk": "risk" must run before "kmsi", so a session the risk rules ' +
        "revoke is never extended.",
    ]);
    const action = prod.registrations.find((r) => r.name === "session-actions-kmsi")!;
    expect(await analyze(action, { ...action.inputs, deploy: false })).toEqual([
      `actions-deployed [mandatory] ${descriptionOf("actions-deployed")}\n` +
        'Action "kmsi" must set deploy: true (it is false): otherwise a code change stays an undeployed draft and the ' +
        "trigger keeps running the previous version.",
    ]);
  });

  it("fails tenant lifetimes under the tenant minima, and ones Auth0 would store rounded", async () => {
    await configureStack("prod", {}, []);
    const tenant = prod.one(typeOf(auth0.Tenant));
    const hours = (duration: string) => toHours(parseDuration(duration)!);
    const inputs = {
      ...tenant.inputs,
      idleSessionLifetime: 0.01,
      sessionLifetime: hours("1h30m"),
      idleEphemeralSessionLifetime: hours("1m"),
    };
    const lifetimes = `session-lifetimes-within-plan [mandatory] ${descriptionOf("session-lifetimes-within-plan")}\n`;
    expect(await analyze(tenant, inputs)).toEqual([
      `${lifetimes}idleSessionLifetime (persistent idle lifetime) is 0.01 h; it must be at least 1m.`,
      `${lifetimes}sessionLifetime (persistent absolute lifetime) is 1.5 h (1h30m); Auth0 stores tenant lifetimes of 1h ` +
        "or more in whole hours and would keep 2h: use 1h or 2h.",
      `${lifetimes}idleEphemeralSessionLifetime (ephemeral idle lifetime) is 0.016666666666666666 h (1m); it must be at ` +
        "least 2m (the Auth0 provider refuses ephemeral lifetimes under 0.0167 h).",
    ]);
  });

  it("checks each resource only with the policies typed on its class: the others answer not applicable", async () => {
    await configureStack("prod", {}, []);
    const action = prod.registrations.find((r) => r.name === "session-actions-kmsi")!;
    const res = await analyzeResponse(action, action.inputs);
    expect(res.getDiagnosticsList()).toEqual([]);
    expect(res.getNotApplicableList().map((n) => `${n.getPolicyName()}: ${n.getReason()}`)).toEqual([
      "prod-cookie-non-persistent: Policy only applies to resources of type 'auth0:index/tenant:Tenant'",
      "session-lifetimes-within-plan: Policy only applies to resources of type 'auth0:index/tenant:Tenant'",
      "risk-before-kmsi: Policy only applies to resources of type 'auth0:index/triggerActions:TriggerActions'",
    ]);
  });
});
