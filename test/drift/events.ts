/**
 * Engine events in the shape the Automation API hands to `onEvent` (@pulumi/pulumi/automation/events.d.ts),
 * laid out as Pulumi 3.246 emits them for `pulumi preview --refresh` (checked against a real event log, see
 * e2e.test.ts): per resource a `refresh` step (pre event without diff; outputs event with the state before,
 * the state read back — absent when the resource is gone — and the inverted diff), then the preview's step
 * (pre and outputs events with the same metadata: `old` the refreshed state, `new` the program's inputs).
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  DiffKind,
  EngineEvent,
  OpType,
  StepEventMetadata,
  StepEventStateMetadata,
} from "@pulumi/pulumi/automation";

export const STACK = "dev";
export const PROJECT = "auth0-sessions";
export const STACK_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${STACK}`;
export const PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:auth0::default_3_49_0`;
const PROVIDER_REF = `${PROVIDER_URN}::2b6c0c1e-6d1a-4a3f-9a53-5d3f0e0f4f4e`;
/** How the engine writes a secret in event payloads (BlindingCrypter: the value is never there). */
export const SECRET_VALUE = {
  [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
  ciphertext: "[secret]",
};
/** With --show-secrets the plaintext is included (JSON text). */
export const SHOWN_SECRET = (value: unknown) => ({
  [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
  plaintext: JSON.stringify(value),
});
/** How the engine writes a value only known after the update. */
export const UNKNOWN_VALUE = pulumi.runtime.unknownValue;

export interface Res {
  type: string;
  name: string;
  /** The component that parents it, for the URN. */
  parentType?: string;
  custom?: boolean;
}

export const RES = {
  tenant: {
    type: "auth0:index/tenant:Tenant",
    name: "sessions-tenant",
    parentType: "auth0-sessions:index:TenantSessions",
  },
  domain: {
    type: "auth0:index/customDomain:CustomDomain",
    name: "login-domain-domain",
    parentType: "auth0-sessions:index:CustomDomain",
  },
  risk: {
    type: "auth0:index/action:Action",
    name: "session-actions-risk",
    parentType: "auth0-sessions:index:SessionActions",
  },
  kmsi: {
    type: "auth0:index/action:Action",
    name: "session-actions-kmsi",
    parentType: "auth0-sessions:index:SessionActions",
  },
  binding: {
    type: "auth0:index/triggerActions:TriggerActions",
    name: "session-actions-post-login",
    parentType: "auth0-sessions:index:SessionActions",
  },
  sessions: { type: "auth0-sessions:index:TenantSessions", name: "sessions", custom: false },
  provider: { type: "pulumi:providers:auth0", name: "default_3_49_0" },
  stack: { type: "pulumi:pulumi:Stack", name: `${PROJECT}-${STACK}`, custom: false },
} satisfies Record<string, Res>;

export function urnOf(res: Res): string {
  if (res.type === "pulumi:pulumi:Stack") return STACK_URN;
  if (res.type.startsWith("pulumi:providers:")) return PROVIDER_URN;
  const type = res.parentType ? `${res.parentType}$${res.type}` : res.type;
  return `urn:pulumi:${STACK}::${PROJECT}::${type}::${res.name}`;
}

export function state(
  res: Res,
  inputs: Record<string, unknown>,
  outputs: Record<string, unknown> = inputs,
): StepEventStateMetadata {
  const custom = res.custom ?? true;
  return {
    type: res.type,
    urn: urnOf(res),
    ...(custom ? { custom: true } : {}),
    id: custom ? `${res.name}-id` : "",
    parent: res.type === "pulumi:pulumi:Stack" ? "" : STACK_URN,
    inputs,
    outputs,
    provider: custom && !res.type.startsWith("pulumi:providers:") ? PROVIDER_REF : "",
  };
}

export interface Diff {
  detailedDiff?: Record<string, { diffKind: `${DiffKind}`; inputDiff: boolean }>;
  diffs?: string[];
}

export class EventLog {
  private sequence = 0;
  readonly events: EngineEvent[] = [];

  private push(payload: Omit<EngineEvent, "sequence" | "timestamp">): void {
    this.events.push({ sequence: this.sequence++, timestamp: 1795400320 + this.sequence, ...payload });
  }

  prelude(config: Record<string, string> = { "auth0:domain": "kmsi-dev.eu.auth0.com" }): this {
    this.push({ preludeEvent: { config } });
    return this;
  }

  /** A refresh step: the state before, and the state read back (null: the resource no longer exists). */
  refresh(before: StepEventStateMetadata, after: StepEventStateMetadata | null, diff: Diff = {}): this {
    const metadata = (extra: Partial<StepEventMetadata>): StepEventMetadata => ({
      op: "refresh",
      urn: before.urn,
      type: before.type,
      old: before,
      new: before,
      provider: before.provider,
      ...extra,
    });
    this.push({ resourcePreEvent: { metadata: metadata({}) } });
    this.push({
      resOutputsEvent: {
        metadata: metadata({
          new: after ?? undefined,
          diffs: diff.diffs,
          detailedDiff: diff.detailedDiff as StepEventMetadata["detailedDiff"],
        }),
      },
    });
    return this;
  }

  /** A preview step (pre and outputs events). */
  step(
    op: OpType,
    old: StepEventStateMetadata | undefined,
    next: StepEventStateMetadata | undefined,
    diff: Diff = {},
  ): this {
    const subject = (next ?? old)!;
    const metadata: StepEventMetadata = {
      op,
      urn: subject.urn,
      type: subject.type,
      ...(old ? { old } : {}),
      ...(next ? { new: next } : {}),
      ...(diff.diffs ? { diffs: diff.diffs } : {}),
      ...(diff.detailedDiff ? { detailedDiff: diff.detailedDiff as StepEventMetadata["detailedDiff"] } : {}),
      ...(op === "same" || op === "update" ? { logical: true } : {}),
      provider: subject.provider,
    };
    this.push({ resourcePreEvent: { metadata } });
    this.push({ resOutputsEvent: { metadata } });
    return this;
  }

  diagnostic(severity: "info" | "warning" | "error", message: string, urn?: string): this {
    this.push({
      diagnosticEvent: { ...(urn ? { urn } : {}), prefix: `${severity}: `, message, color: "never", severity },
    });
    return this;
  }

  summary(resourceChanges: Record<string, number>): this {
    this.push({ summaryEvent: { maybeCorrupt: false, durationSeconds: 6, resourceChanges, policyPacks: {} } });
    return this;
  }
}
