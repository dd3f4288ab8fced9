/**
 * The stack's config, as the Pulumi engine sends it to policy packs.
 *
 * Before running any policy the engine calls the analyzer's `ConfigureStack` with the stack and project names,
 * the stack's config (decrypted) and the list of config keys that are secrets (Pulumi 3.246:
 * pkg/engine/update.go, `AnalyzerStackConfigureRequest{Config, ConfigSecretKeys}`). @pulumi/policy 1.21
 * answers that call but keeps only the stack tags, and it hands secret values to policies unwrapped, so a
 * policy cannot tell a secret from plaintext. `captureStackContext` wraps the analyzer service's
 * `configureStack` handler to keep what the no-plaintext-credentials policy needs: which keys exist, which are
 * secrets, and the values of the non-secret keys (secret values are dropped on arrival). It wraps `analyze` the
 * same way to record which inputs of a resource are secrets (for no-hardcoded-credentials).
 */
import * as pulumi from "@pulumi/pulumi";

export interface StackContext {
  stack: string;
  project: string;
  /** Every config key (`namespace:key`). */
  configKeys: ReadonlySet<string>;
  /** The keys stored encrypted (`pulumi config set --secret`). */
  secretKeys: ReadonlySet<string>;
  /** Values of the keys that are not secrets. */
  config: ReadonlyMap<string, string>;
}

/** The parts of `pulumirpc.AnalyzerStackConfigureRequest` read here. */
export interface StackConfigureRequest {
  getStack(): string;
  getProject(): string;
  getConfigMap(): { forEach(callback: (value: string, key: string) => void): void };
  getConfigSecretKeysList(): string[];
}

let current: StackContext | undefined;

export function currentStackContext(): StackContext | undefined {
  return current;
}

/** For tests, and for the capture below. */
export function setStackContext(context: StackContext | undefined): void {
  current = context;
}

export function stackContextOf(request: StackConfigureRequest): StackContext {
  const secretKeys = new Set(request.getConfigSecretKeysList());
  const configKeys = new Set<string>();
  const config = new Map<string, string>();
  request.getConfigMap().forEach((value, key) => {
    configKeys.add(key);
    if (!secretKeys.has(key)) config.set(key, value);
  });
  return { stack: request.getStack(), project: request.getProject(), configKeys, secretKeys, config };
}

// ---------------------------------------------------------------------------------------------------------
// Which inputs of a resource are secrets. @pulumi/policy unwraps secrets before policies see the inputs; the
// engine sends them marked (`{[specialSigKey]: specialSecretSig, value}`, the SDK's own markers). A secret input
// is encrypted in the state, so a credential there is not a plaintext credential.

const secretInputs = new Map<string, ReadonlySet<string>>();

/** Property paths (`a.b[0].c`) of the values marked secret in raw engine properties. */
export function secretPaths(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretPaths(item, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return [path];
  return Object.entries(record).flatMap(([key, item]) => secretPaths(item, path ? `${path}.${key}` : key));
}

/** The secret input paths of the resource last analyzed with this URN. */
export function secretInputPaths(urn: string): ReadonlySet<string> {
  return secretInputs.get(urn) ?? new Set();
}

export function setSecretInputPaths(urn: string, paths: Iterable<string>): void {
  secretInputs.set(urn, new Set(paths));
}

/** The parts of `pulumirpc.AnalyzeRequest` read here. */
interface AnalyzeRequest {
  getUrn(): string;
  getProperties(): { toJavaScript(): unknown } | undefined;
}

type Handler = (call: { request: unknown }, callback: (...args: unknown[]) => void) => unknown;
interface GrpcServerClass {
  prototype: { addService(service: unknown, implementation: Record<string, unknown>): void };
}

/**
 * Wraps `configureStack` and `analyze` of the analyzer service later added to a gRPC server of `grpc` (the
 * @grpc/grpc-js instance @pulumi/policy uses), so the stack context and a resource's secret inputs are recorded
 * before @pulumi/policy answers. Call it before
 * `new PolicyPack(...)`, which starts the server.
 */
export function captureStackContext(grpc: { Server: GrpcServerClass }): void {
  const proto = grpc.Server.prototype;
  // Unbound on purpose: the wrapper below calls it with the server it is invoked on (`addService.call(this, ...)`).
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const addService = proto.addService;
  proto.addService = function (service, implementation) {
    const configureStack = implementation.configureStack as Handler | undefined;
    const analyze = implementation.analyze as Handler | undefined;
    if (typeof configureStack === "function" && typeof analyze === "function") {
      implementation = {
        ...implementation,
        configureStack: (call: { request: unknown }, callback: (...args: unknown[]) => void) => {
          try {
            setStackContext(stackContextOf(call.request as StackConfigureRequest));
          } catch {
            // An engine that sends no config: the policies report that they cannot verify it.
            setStackContext(undefined);
          }
          return configureStack(call, callback);
        },
        analyze: (call: { request: unknown }, callback: (...args: unknown[]) => void) => {
          const request = call.request as AnalyzeRequest;
          setSecretInputPaths(request.getUrn(), secretPaths(request.getProperties()?.toJavaScript() ?? {}));
          return analyze(call, callback);
        },
      };
    }
    return addService.call(this, service, implementation);
  };
}
