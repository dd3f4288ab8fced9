/**
 * Engine events of a `pulumi preview --refresh` → drift records. Pure: no I/O, no Pulumi runtime.
 *
 * How the engine reports a refreshing preview (checked against Pulumi 3.246's event log):
 *
 * - a `refresh` step per resource: its `resOutputsEvent` carries the state before (`old`) and the state read from
 *   the provider (`new`, absent when the resource no longer exists), with `diffs`/`detailedDiff` when they differ;
 * - then the preview's own step per resource (`same`, `update`, `replace`, `create`, `delete`, ...): `old` is the
 *   refreshed state (what the tenant has), `new.inputs` what the program declares, and `detailedDiff` (or only
 *   `diffs`, from providers that do not report details) the property paths that differ.
 *
 * Every non-`same` step of a custom resource becomes records, one per differing field, each with an origin that
 * says only what the events can show:
 *
 * - `tenant`: the refresh read a value different from the one the state held (read back at the last
 *   deployment or refresh): changed in the tenant outside Pulumi. Where a secret hides both values, the engine's
 *   refresh diff decides instead (see below).
 * - `rounding`: a tenant lifetime that Auth0 holds as go-auth0 rounded the declared value (explain.ts); every
 *   deployment sends the same rounded value, so the difference never goes away by deploying.
 * - `code`: the program declares something else than the last deployment did: not deployed yet.
 * - `undeclared`: a value the tenant has at a path the program does not set (and never did), such as a
 *   tenant's Default Login Route (`defaultRedirectionUri`).
 * - `differs`: none of the above; the check does not guess.
 * - `unknown`: no refresh ran, so nothing can be said.
 *
 * Why not the engine's refresh diff alone: in Pulumi 3.246 (resource/deploy/step.go:1640-1668, unless
 * UseLegacyRefreshDiff) it is the diff an `up` of the *last deployed inputs* would show against the refreshed
 * state, so it also names every difference that no deployment removes (a rounded lifetime, an undeclared
 * setting), which are not edits in the tenant.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, PropertyDiff, StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import { isLifetimeRounding } from "./explain";

/** What the preview would do to the resource to make the tenant match the program. */
export type Change = "update" | "replace" | "create" | "delete";
/** What the difference is, as far as the events show (see the header). */
export type Origin = "tenant" | "rounding" | "code" | "undeclared" | "differs" | "unknown";
/** The origins in the order the report's legend explains them. */
export const ORIGINS: readonly Origin[] = ["tenant", "rounding", "code", "undeclared", "differs", "unknown"];

export interface DriftRecord {
  stack: string;
  urn: string;
  type: string;
  /** The resource's logical name (last part of the URN). */
  name: string;
  change: Change;
  /** Property path (`sessionCookie.mode`, `actions[1].displayName`), or `(resource)` for a create or delete. */
  field: string;
  /** The program's value; absent when the program does not set the field. Secrets are `[secret]`. */
  declared?: unknown;
  /** The tenant's value (refreshed state); absent when the tenant does not have it. Secrets are `[secret]`. */
  actual?: unknown;
  origin: Origin;
}

export const WHOLE_RESOURCE = "(resource)";
export const UNSPECIFIED_FIELD = "(unspecified)";
export const SECRET = "[secret]";
export const UNKNOWN = "[unknown]";
// How the engine marks a secret in event payloads (`{[specialSigKey]: specialSecretSig, ciphertext | plaintext}`)
// and a value only known after the update (unknownValue): the SDK's own exported markers.
const { specialSigKey, specialSecretSig, unknownValue } = pulumi.runtime;
/** Property names whose values are never shown, wherever they are (Action `secrets`, credentials). */
const SENSITIVE_NAME =
  /^(secrets?|client_?secret|client_?assertion_?private_?key|private_?key|api_?token|token|password|credentials?)$/i;

const CHANGES: Record<string, Change | undefined> = {
  update: "update",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  create: "create",
  delete: "delete",
};

interface RefreshFinding {
  deleted: boolean;
  /** Paths (detailed diff keys, or top-level keys) of the engine's refresh diff. */
  paths: string[];
  /** The state before the refresh: the last deployed inputs, and the outputs last read back. */
  before?: StepEventStateMetadata;
  /** The state the refresh read. */
  after?: StepEventStateMetadata;
}

/** The drift records of one stack's preview, in the order the engine reported the resources. */
export function driftRecords(stack: string, events: readonly EngineEvent[]): DriftRecord[] {
  const refreshed = new Map<string, RefreshFinding>();
  for (const event of events) {
    const metadata = event.resOutputsEvent?.metadata;
    if (metadata?.op !== "refresh") continue;
    refreshed.set(metadata.urn, {
      deleted: metadata.new === undefined || metadata.new === null,
      paths: changedPaths(metadata),
      before: metadata.old ?? undefined,
      after: metadata.new ?? undefined,
    });
  }

  const records: DriftRecord[] = [];
  const seen = new Set<string>();
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (!metadata) continue;
    const change = CHANGES[metadata.op];
    if (!change || !isManagedResource(metadata) || seen.has(metadata.urn)) continue;
    seen.add(metadata.urn);
    records.push(...recordsOf(stack, change, metadata, refreshed.get(metadata.urn)));
  }
  return records;
}

function recordsOf(
  stack: string,
  change: Change,
  step: StepEventMetadata,
  refresh: RefreshFinding | undefined,
): DriftRecord[] {
  const base = { stack, urn: step.urn, type: step.type, name: nameOf(step.urn), change };
  if (change === "create") {
    // The program declares a resource the tenant does not have: deleted outside Pulumi, or never deployed.
    const origin: Origin = refresh?.deleted ? "tenant" : "code";
    return [{ ...base, field: WHOLE_RESOURCE, declared: "exists", actual: "missing", origin }];
  }
  if (change === "delete") {
    return [{ ...base, field: WHOLE_RESOURCE, declared: "missing", actual: "exists", origin: "code" }];
  }

  const declaredInputs = step.new?.inputs ?? {};
  const actualState = step.old;
  const originOf = (path: string, declared: unknown, actual: unknown): Origin =>
    refresh ? originAt(step.type, path, declared, actual, declaredInputs, refresh) : "unknown";

  const allDetailed = Object.entries(step.detailedDiff ?? {});
  const detailed = allDetailed.filter(([path]) => !isInternal(path));
  const allKeys = step.diffs ?? [];
  // Only engine-internal properties differ (e.g. a dynamic provider's code): nothing in the tenant.
  if ((allDetailed.length > 0 || allKeys.length > 0) && detailed.length === 0 && allKeys.every(isInternal)) return [];
  if (detailed.length > 0) {
    return detailed
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, diff]) => {
        const shown = values(path, diff, declaredInputs, actualState);
        return { ...base, field: path, ...redacted(shown, path), origin: originOf(path, shown.declared, shown.actual) };
      });
  }
  const keys = allKeys.filter((key) => !isInternal(key));
  if (keys.length > 0) {
    return [...keys].sort().map((key) => {
      const shown = {
        declared: valueAt(declaredInputs, key),
        actual: valueAt(actualState?.inputs ?? {}, key) ?? valueAt(actualState?.outputs ?? {}, key),
      };
      return { ...base, field: key, ...redacted(shown, key), origin: originOf(key, shown.declared, shown.actual) };
    });
  }
  // The provider reported a change without saying where.
  return [
    { ...base, field: UNSPECIFIED_FIELD, origin: refresh ? wholeResourceOrigin(declaredInputs, refresh) : "unknown" },
  ];
}

/** The origin of one differing field (see the header); `declared` and `actual` as shown, before redaction. */
function originAt(
  type: string,
  path: string,
  declared: unknown,
  actual: unknown,
  declaredInputs: Record<string, unknown>,
  refresh: RefreshFinding,
): Origin {
  const tenantChange = compare(
    valueAt(refresh.before?.outputs ?? {}, path),
    valueAt(refresh.after?.outputs ?? {}, path),
  );
  if (tenantChange === "differ") return "tenant";
  if (tenantChange === "hidden" && refresh.paths.some((changed) => overlaps(changed, path))) return "tenant";
  if (isLifetimeRounding(type, path, declared, actual)) return "rounding";
  const lastDeployed = valueAt(refresh.before?.inputs ?? {}, path);
  if (compare(lastDeployed, valueAt(declaredInputs, path)) === "differ") return "code";
  if (declared === undefined && lastDeployed === undefined && actual !== undefined) return "undeclared";
  return "differs";
}

/** The origin of a change the provider did not place: the same questions, asked of the whole resource. */
function wholeResourceOrigin(declaredInputs: Record<string, unknown>, refresh: RefreshFinding): Origin {
  const tenantChange = compare(withoutInternal(refresh.before?.outputs), withoutInternal(refresh.after?.outputs));
  if (tenantChange === "differ" || (tenantChange === "hidden" && refresh.paths.length > 0)) return "tenant";
  if (compare(withoutInternal(refresh.before?.inputs), withoutInternal(declaredInputs)) === "differ") return "code";
  return "differs";
}

function withoutInternal(properties: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties ?? {}).filter(([key]) => !isInternal(key)));
}

/**
 * Whether two property values are the same. `hidden` when they may differ only inside secrets, which engine
 * events never show (both sides read `[secret]` whatever the values).
 */
export function compare(a: unknown, b: unknown): "same" | "differ" | "hidden" {
  if (isSecretWrapper(a) || isSecretWrapper(b)) return "hidden";
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return "differ";
    return combine(a.map((item, i) => compare(item, b[i])));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return combine([...keys].map((key) => compare(a[key], b[key])));
  }
  return Object.is(a, b) ? "same" : "differ";
}

function combine(results: readonly ("same" | "differ" | "hidden")[]): "same" | "differ" | "hidden" {
  if (results.includes("differ")) return "differ";
  return results.includes("hidden") ? "hidden" : "same";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function redacted(
  shown: { declared?: unknown; actual?: unknown },
  path: string,
): { declared?: unknown; actual?: unknown } {
  return { ...present("declared", shown.declared, path), ...present("actual", shown.actual, path) };
}

/** The declared and actual values at a detailed-diff path, unredacted (a side the diff says is absent is left out). */
function values(
  path: string,
  diff: PropertyDiff,
  declaredInputs: Record<string, unknown>,
  actual: StepEventStateMetadata | undefined,
): { declared?: unknown; actual?: unknown } {
  const kind = String(diff.diffKind);
  const declaredAbsent = kind === "delete" || kind === "delete-replace";
  const actualAbsent = kind === "add" || kind === "add-replace";
  const actualSource = diff.inputDiff ? actual?.inputs : actual?.outputs;
  const actualValue = valueAt(actualSource ?? {}, path) ?? valueAt(actual?.outputs ?? {}, path);
  return {
    ...(declaredAbsent ? {} : { declared: valueAt(declaredInputs, path) }),
    ...(actualAbsent ? {} : { actual: actualValue }),
  };
}

function present<K extends "declared" | "actual">(key: K, value: unknown, path: string): Partial<Record<K, unknown>> {
  return value === undefined ? {} : ({ [key]: redact(value, parsePath(path)) } as Partial<Record<K, unknown>>);
}

/** Custom resources only: the stack, providers and components are not tenant objects. */
function isManagedResource(step: StepEventMetadata): boolean {
  if (step.type === "pulumi:pulumi:Stack" || step.type.startsWith("pulumi:providers:")) return false;
  return step.new?.custom === true || step.old?.custom === true;
}

/** Engine-internal properties, e.g. a dynamic provider's serialized `__provider`. */
function isInternal(path: string): boolean {
  return path.startsWith("__");
}

function changedPaths(step: StepEventMetadata): string[] {
  const detailed = Object.keys(step.detailedDiff ?? {});
  return (detailed.length > 0 ? detailed : (step.diffs ?? [])).filter((path) => !isInternal(path));
}

/** Whether two property paths touch the same value: equal, or one inside the other. */
export function overlaps(a: string, b: string): boolean {
  const pa = parsePath(a);
  const pb = parsePath(b);
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) if (pa[i] !== pb[i]) return false;
  return true;
}

function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/**
 * Splits a Pulumi property path into its segments: `a.b[0]["c.d"]` → `["a", "b", "0", "c.d"]`.
 * Unparseable text is kept as one segment, so a lookup simply finds nothing.
 */
export function parsePath(path: string): string[] {
  const segments: string[] = [];
  let i = 0;
  let current = "";
  const flush = () => {
    if (current !== "") segments.push(current);
    current = "";
  };
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      flush();
      i++;
    } else if (c === "[") {
      flush();
      const close = path.indexOf("]", i);
      if (close < 0) return [path];
      let inner = path.slice(i + 1, close);
      if (inner.startsWith('"')) {
        // A quoted key may itself contain `]`: find the closing quote first.
        const end = path.indexOf('"]', i + 2);
        if (end < 0) return [path];
        inner = JSON.parse(path.slice(i + 1, end + 1)) as string;
        i = end + 2;
      } else {
        i = close + 1;
      }
      segments.push(inner);
    } else {
      current += c;
      i++;
    }
  }
  flush();
  return segments;
}

/** The value at a property path, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const segment of parsePath(path)) {
    // Below a secret everything is secret (even when the engine included the plaintext): the secret is the answer.
    if (isSecretWrapper(node)) return node;
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function isSecretWrapper(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === "object" &&
    (value as Record<string, unknown>)[specialSigKey] === specialSecretSig
  );
}

/**
 * A value as it may be shown: secrets (engine-marked, or under a sensitive property name such as `secrets` or
 * `clientSecret`) become `[secret]`, values unknown until the update `[unknown]`.
 */
export function redact(value: unknown, path: readonly string[] = []): unknown {
  const sensitive = path.some((segment) => SENSITIVE_NAME.test(segment));
  return redactBelow(value, sensitive);
}

function redactBelow(value: unknown, sensitive: boolean): unknown {
  if (isSecretWrapper(value)) return SECRET;
  if (value === unknownValue) return UNKNOWN;
  if (Array.isArray(value)) return value.map((item) => redactBelow(item, sensitive));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        redactBelow(item, sensitive || SENSITIVE_NAME.test(key)),
      ]),
    );
  }
  if (sensitive && value !== null && value !== undefined && value !== "") return SECRET;
  return value;
}
