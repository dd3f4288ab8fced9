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
 * Every non-`same` step of a custom resource becomes records, one per differing field. A field is attributed to
 * the `tenant` when the refresh found that it changed since the last deployment (an edit outside Pulumi), to the
 * `code` when the tenant still matches the last deployment (a change in the program not deployed yet).
 */
import type { EngineEvent, PropertyDiff, StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation";

/** What the preview would do to the resource to make the tenant match the program. */
export type Change = "update" | "replace" | "create" | "delete";
/** Where the difference comes from: changed in the tenant outside Pulumi, or a program change not deployed yet. */
export type Origin = "tenant" | "code" | "unknown";

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
/** How the engine marks a secret in event payloads (`{sig: secret, ciphertext: "[secret]"}` or `plaintext`). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";
/** How the engine shows a value that is only known after the update. */
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Property names whose values are never shown, wherever they are (Action `secrets`, credentials). */
const SENSITIVE_NAME = /^(secrets?|client_?secret|client_?assertion_?private_?key|private_?key|api_?token|token|password|credentials?)$/i;

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
  /** Paths (detailed diff keys, or top-level keys) the refresh found changed since the last deployment. */
  paths: string[];
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

function recordsOf(stack: string, change: Change, step: StepEventMetadata, refresh: RefreshFinding | undefined): DriftRecord[] {
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
  const originOf = (path: string): Origin => {
    if (!refresh) return "unknown";
    return refresh.paths.some((changed) => overlaps(changed, path)) ? "tenant" : "code";
  };

  const allDetailed = Object.entries(step.detailedDiff ?? {});
  const detailed = allDetailed.filter(([path]) => !isInternal(path));
  const allKeys = step.diffs ?? [];
  // Only engine-internal properties differ (e.g. a dynamic provider's code): nothing in the tenant.
  if ((allDetailed.length > 0 || allKeys.length > 0) && detailed.length === 0 && allKeys.every(isInternal)) return [];
  if (detailed.length > 0) {
    return detailed
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, diff]) => ({
        ...base,
        field: path,
        ...values(path, diff, declaredInputs, actualState),
        origin: originOf(path),
      }));
  }
  const keys = allKeys.filter((key) => !isInternal(key));
  if (keys.length > 0) {
    return [...keys].sort().map((key) => ({
      ...base,
      field: key,
      ...present("declared", valueAt(declaredInputs, key), key),
      ...present("actual", valueAt(actualState?.inputs ?? {}, key) ?? valueAt(actualState?.outputs ?? {}, key), key),
      origin: originOf(key),
    }));
  }
  // The provider reported a change without saying where.
  return [{ ...base, field: UNSPECIFIED_FIELD, origin: refresh ? (refresh.paths.length > 0 ? "tenant" : "code") : "unknown" }];
}

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
    ...(declaredAbsent ? {} : present("declared", valueAt(declaredInputs, path), path)),
    ...(actualAbsent ? {} : present("actual", actualValue, path)),
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
    (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG_VALUE
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
  if (value === UNKNOWN_VALUE) return UNKNOWN;
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
