/**
 * The part of the Pulumi engine the stand-in needs: diff every registration against the previous deployment's
 * state by URN (the provider's field rules decide what differs; `replaceOnChanges` and ForceNew fields turn a
 * change into a replacement), then create, update, replace (create first unless `deleteBeforeReplace`) and,
 * last and in reverse dependency order, delete what is gone or was replaced. `protect` refuses a delete or
 * replacement; `retainOnDelete` skips the provider's delete.
 */
import { isDeepStrictEqual } from "node:util";
import type { Registration } from "../registration";
import { actionType, triggerActionsType } from "./actions";
import { customDomainType, verificationType } from "./domain";
import { brandingType, partialsType, promptType } from "./login";
import { tenantType } from "./tenant";
import type { ProviderContext, ResourceState, ResourceType } from "./types";

/** Every type the program declares, in an order where what a resource depends on comes first. */
export const RESOURCE_TYPES: ReadonlyArray<[string, ResourceType]> = [
  ["auth0:index/tenant:Tenant", tenantType],
  ["auth0:index/customDomain:CustomDomain", customDomainType],
  ["auth0:index/customDomainVerification:CustomDomainVerification", verificationType],
  ["auth0:index/prompt:Prompt", promptType],
  ["auth0:index/branding:Branding", brandingType],
  ["auth0:index/promptScreenPartials:PromptScreenPartials", partialsType],
  ["auth0:index/action:Action", actionType],
  ["auth0:index/triggerActions:TriggerActions", triggerActionsType],
];
const TYPES = new Map(RESOURCE_TYPES);
const ORDER = RESOURCE_TYPES.map(([type]) => type);

export type Operation = "create" | "update" | "replace" | "delete" | "same";

export interface Step {
  op: Operation;
  type: string;
  name: string;
  /** The inputs that differ from the provider's state (update, replace). */
  diffs: string[];
}

/** URN → state: what the engine's checkpoint holds between deployments. */
export type Checkpoint = Map<string, ResourceState>;

/** SDKv2 compares an unset value and its type's zero value as equal ("", 0, false, an empty block). */
function normalize(value: unknown): unknown {
  if (value === undefined || value === null || value === "" || value === false || value === 0) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(normalize);
    return items.every((item) => item === undefined) ? undefined : items;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [k, normalize(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** The fields whose input differs from the provider's state, by the provider's schema (types.ts FieldSchema). */
export function diffFields(type: ResourceType, state: Record<string, any>, inputs: Record<string, any>): string[] {
  return Object.entries(type.fields)
    .filter(([field, schema]) => {
      const configured = inputs[field];
      if (schema.computed && configured === undefined) return false;
      if (schema.suppress?.(state[field], configured)) return false;
      return !isDeepStrictEqual(normalize(configured), normalize(state[field]));
    })
    .map(([field]) => field);
}

function typeOf(type: string): ResourceType {
  const found = TYPES.get(type);
  if (!found) throw new Error(`the provider stand-in cannot handle ${type}`);
  return found;
}

function checkInputs(registration: Registration, type: ResourceType): void {
  const extra = Object.keys(registration.inputs).filter(
    (key) => !type.inputs.includes(key) && registration.inputs[key] !== undefined,
  );
  if (extra.length > 0)
    throw new Error(
      `the provider stand-in does not translate ${registration.type} ${registration.name} inputs: ${extra.join(", ")}`,
    );
}

/** The provider's read of every resource in the checkpoint (`--refresh`); a resource that is gone is dropped. */
export async function refresh(ctx: ProviderContext, checkpoint: Checkpoint): Promise<void> {
  for (const [urn, state] of checkpoint) {
    const read = await typeOf(state.registration.type).read(ctx, state.id, state.inputs);
    if (read === undefined) checkpoint.delete(urn);
    else state.outputs = { ...state.outputs, ...read };
  }
}

/**
 * Plans the program's registrations against the checkpoint and, unless `dryRun` (a preview), applies the plan.
 * The checkpoint is updated in place as each step completes.
 */
export async function runEngine(
  ctx: ProviderContext,
  checkpoint: Checkpoint,
  registrations: Registration[],
  dryRun: boolean,
): Promise<Step[]> {
  const custom = registrations.filter((r) => r.custom);
  custom.forEach((r) => checkInputs(r, typeOf(r.type)));
  const ordered = ORDER.flatMap((type) => custom.filter((r) => r.type === type));
  const steps: Step[] = [];
  const toDelete: ResourceState[] = [];
  const step = (op: Operation, r: Registration, diffs: string[] = []) =>
    steps.push({ op, type: r.type, name: r.name, diffs });
  const where = (r: Registration) => `${r.type} ${r.name}`;

  const create = async (registration: Registration, type: ResourceType, inputs: Record<string, any>) => {
    try {
      const { id, outputs } = await type.create(ctx, inputs, registration);
      checkpoint.set(registration.urn, { registration, id, inputs, outputs: { ...inputs, ...outputs } });
    } catch (error) {
      throw new Error(`creating ${where(registration)}: ${(error as Error).message}`, { cause: error });
    }
  };

  for (const registration of ordered) {
    const type = typeOf(registration.type);
    const inputs = type.resolve ? type.resolve(registration.inputs, ctx) : registration.inputs;
    const old = checkpoint.get(registration.urn);
    if (!old) {
      step("create", registration);
      if (!dryRun) await create(registration, type, inputs);
      continue;
    }
    const diffs = diffFields(type, old.outputs, inputs);
    if (diffs.length === 0) {
      step("same", registration);
      old.registration = registration;
      continue;
    }
    const replace = diffs.some(
      (field) => type.fields[field]?.forceNew || registration.replaceOnChanges.includes(field),
    );
    if (!replace) {
      step("update", registration, diffs);
      if (dryRun) continue;
      if (!type.update)
        throw new Error(`the provider stand-in does not update ${where(registration)} (no test needs it yet)`);
      const outputs = await type.update(ctx, old, inputs, new Set(diffs));
      checkpoint.set(registration.urn, { registration, id: old.id, inputs, outputs: { ...inputs, ...outputs } });
      continue;
    }
    // The engine's refusal to replace a protected resource.
    if (old.registration.protect) throw new Error(`unable to replace ${where(registration)}: it is protected`);
    step("replace", registration, diffs);
    if (dryRun) continue;
    if (registration.deleteBeforeReplace) await deleteResource(ctx, old);
    else toDelete.push(old);
    await create(registration, type, inputs);
  }

  const declared = new Set(ordered.map((r) => r.urn));
  for (const [urn, state] of [...checkpoint]) {
    if (declared.has(urn)) continue;
    if (state.registration.protect) throw new Error(`unable to delete ${where(state.registration)}: it is protected`);
    step("delete", state.registration);
    if (!dryRun) {
      toDelete.push(state);
      checkpoint.delete(urn);
    }
  }
  const rank = (state: ResourceState) => ORDER.indexOf(state.registration.type);
  for (const state of toDelete.sort((a, b) => rank(b) - rank(a))) await deleteResource(ctx, state);
  return steps;
}

async function deleteResource(ctx: ProviderContext, state: ResourceState): Promise<void> {
  if (state.registration.retainOnDelete) return;
  await typeOf(state.registration.type).delete(ctx, state);
}
