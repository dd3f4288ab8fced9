/**
 * What the stand-in provider knows about each resource type: the fields it reads back with their schema flags
 * (which decide the engine's diff), and its create, read, update and delete, each the provider's real request
 * sequence. One module per area (tenant.ts, domain.ts, login.ts, actions.ts) implements them.
 */
import type { Registration } from "../registration";
import type { Api } from "./api";

export interface ProviderContext {
  api: Api;
  /** Mock id (`<name>-id`) → the id the tenant handed out, for inputs that reference another resource. */
  realId(mockId: string): string;
  /** Multiplies the provider's timeouts: 1 is real time; tests shrink minutes to milliseconds. */
  timeScale: number;
  /** Publish a new custom domain's DNS records at once (POST /__local/dns/publish). */
  publishDns: boolean;
  /** Called after each verify answer that is not `ready`, with its 1-based number. */
  onVerifyPending?: (attempt: number) => void | Promise<void>;
}

/** A field as the provider's schema declares it, for the diff. */
export interface FieldSchema {
  /** Optional+Computed: an unset input never diffs. */
  computed?: boolean;
  /** A change replaces the resource. */
  forceNew?: boolean;
  /** The provider's DiffSuppressFunc: true when the two count as equal. */
  suppress?: (stored: unknown, configured: unknown) => boolean;
}

/** What the engine keeps of a resource after a step: its id, the inputs applied and the state read back. */
export interface ResourceState {
  registration: Registration;
  id: string;
  /** The inputs as the provider saw them (references resolved to the tenant's ids). */
  inputs: Record<string, any>;
  /** The provider's state after its read, in the inputs' shape; inputs it does not read back are kept as sent. */
  outputs: Record<string, any>;
}

export interface ResourceType {
  /** Inputs this stand-in knows how to send; any other input fails loudly. */
  inputs: string[];
  /** Fields the provider reads back. */
  fields: Record<string, FieldSchema>;
  /** Replaces references to other resources (mock ids) by the tenant's ids. */
  resolve?(inputs: Record<string, any>, ctx: ProviderContext): Record<string, any>;
  create(
    ctx: ProviderContext,
    inputs: Record<string, any>,
    registration: Registration,
  ): Promise<{ id: string; outputs: Record<string, any> }>;
  /** The provider's read; undefined when the resource is gone (a 404 the provider turns into "recreate"). */
  read(ctx: ProviderContext, id: string, inputs: Record<string, any>): Promise<Record<string, any> | undefined>;
  /** Absent where no test needs it: the engine then fails loudly instead of pretending. */
  update?(
    ctx: ProviderContext,
    state: ResourceState,
    inputs: Record<string, any>,
    changed: Set<string>,
  ): Promise<Record<string, any>>;
  delete(ctx: ProviderContext, state: ResourceState): Promise<void>;
}

/** A Go duration as Pulumi's custom timeouts take them ("15m", "1h30m", "90s") in milliseconds. */
export function goDurationMs(text: string): number {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
  let total = 0;
  const rest = text.replace(/(\d+(?:\.\d+)?)(ms|h|m|s)/g, (_, count: string, unit: string) => {
    total += Number(count) * units[unit];
    return "";
  });
  if (rest !== "" || text === "") throw new Error(`not a Go duration: ${JSON.stringify(text)}`);
  return total;
}

/** Polls until `done` answers a value or the deadline passes; the provider backs off (retry.RetryContext), the
 *  stand-in only keeps its order of requests and its deadline. */
export async function retryUntil<T>(
  timeoutMs: number,
  attempt: () => Promise<{ done: true; value: T } | { done: false; error: string }>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result.done) return result.value;
    // retry.RetryContext returns the last retryable error when the time is up (helper/retry/wait.go).
    if (Date.now() >= deadline) throw new Error(result.error);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const POLL_MS = 10;
