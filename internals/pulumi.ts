/**
 * Every reach into @pulumi/pulumi beyond its typed public API, in one place, each with why it is needed.
 * An SDK upgrade that moves one of these breaks here first (test/unit and test/integration run each of them).
 *
 * Two more reaches cannot live here, and say so where they are:
 * - program-preload.cjs defers SDK modules a program never uses and formats RPC stack traces lazily (start-up
 *   cost, README "Performance"); it is plain CommonJS that Node loads before any TypeScript.
 * - policy/stack-context.ts wraps grpc-js's `Server.addService` to see the stack's config in the analyzer; the
 *   policy pack is its own package and imports nothing from this one.
 */
import * as pulumi from "@pulumi/pulumi";

/** The SDK's runtime functions that exist at run time but are missing from its type declarations. */
interface UntypedRuntime {
  isConfigSecret(key: string): boolean;
  waitForRPCs(): Promise<void>;
}
const runtime = pulumi.runtime as unknown as UntypedRuntime;

/**
 * Whether a config key was set with `--secret`. Needed so config problems print `[secret]` instead of a
 * decrypted value: `pulumi.Config` only offers getters that return a secret Output, not the plain answer.
 */
export function isConfigSecret(key: string): boolean {
  return runtime.isConfigSecret(key);
}

/**
 * Waits until every registration a program started under mocks has been answered: the provider stand-in reads
 * the registrations only once the program is done, as the engine would.
 */
export function waitForRPCs(): Promise<void> {
  return runtime.waitForRPCs();
}

/** The parts of a RegisterResourceRequest/Response the provider stand-in reads (generated protobuf classes). */
export interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getObject(): unknown;
  getParent(): string;
  getDependenciesList(): string[];
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getReplaceonchangesList(): string[];
  getDeletebeforereplace(): boolean | undefined;
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}
export interface RegisterResponse {
  getUrn(): string;
}

/**
 * Calls `observe` with every resource registration the mocked engine accepts. Pulumi's mocks answer
 * `newResource` with the inputs but not the resource options (protect, retainOnDelete, replaceOnChanges,
 * customTimeouts, dependencies), which the stand-in needs to act like the engine; the request carries them.
 */
export function observeRegistrations(observe: (request: RegisterRequest, response: RegisterResponse) => void): void {
  type Callback = (err: unknown, res: RegisterResponse) => void;
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: Callback): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, res) => {
      if (!err) observe(req, res);
      callback(err, res);
    });
}
