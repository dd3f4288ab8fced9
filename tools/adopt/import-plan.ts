/**
 * The `pulumi import --file` document for the objects that already exist, so that the first `pulumi up`
 * creates nothing that exists and only changes what differs.
 *
 * File format: pulumi/pkg at PULUMI_VERSION (toolchain/versions.env) cmd/pulumi/operations/import.go:159-183 (`importSpec`, `importFile`): a
 * component is an entry with `component: true` and no id (310-313), and a child names its parent by the
 * parent entry's `name` (366-398), which gives the URN the program's `parent: this` gives.
 *
 * Import ids, from each resource's importer in terraform-provider-auth0 v1.53.0 (all
 * `ImportStatePassthroughContext`; examples/resources/<resource>/import.sh):
 *   Tenant, Prompt, Branding          any string (not identifiable by an id; "We recommend Version 4 UUID")
 *   CustomDomain                      the custom domain id (cd_…)
 *   CustomDomainVerification          the custom domain id (resource_verification.go:116 reads it)
 *   PromptScreenPartials              the prompt name (resource_screen_partials.go:111, 118)
 *   Action                            the Action id
 *   TriggerActions                    the trigger id, post-login (resource_trigger_actions.go:84)
 */
import { createHash } from "node:crypto";
import { ACTION_NAMES, LOGIN_SCREENS } from "../../auth0";
import type { StackConfig } from "../../config";
import { POST_LOGIN, type TenantSnapshot } from "../tenant/snapshot";
import { type ComponentKey, COMPONENTS, declaredResources, type ResourceKey, RESOURCES } from "./resources";

export interface ImportEntry {
  type: string;
  name: string;
  id?: string;
  parent?: string;
  component?: true;
}

export interface ImportPlan {
  /** The `pulumi import --file` document: `{ resources: [...] }`. */
  file: { resources: ImportEntry[] };
  /** Our resources that exist: name and the id found. */
  imported: { resource: ResourceKey; name: string; id: string }[];
  /** Our resources that the first `pulumi up` creates. */
  created: { resource: ResourceKey; name: string }[];
}

type Planned = Pick<StackConfig, "customDomain" | "keepMeSignedIn" | "risk" | "actions" | "loginFlow">;

export function importPlan(snapshot: TenantSnapshot, config: Planned): ImportPlan {
  const ids = existingIds(snapshot, config);
  const imported: ImportPlan["imported"] = [];
  const created: ImportPlan["created"] = [];
  for (const key of declaredResources(config)) {
    const id = ids[key];
    if (id === undefined) created.push({ resource: key, name: RESOURCES[key].name });
    else imported.push({ resource: key, name: RESOURCES[key].name, id });
  }
  const parents = [...new Set(imported.map((i) => RESOURCES[i.resource].parent))] as ComponentKey[];
  const resources: ImportEntry[] = [];
  for (const parent of (Object.keys(COMPONENTS) as ComponentKey[]).filter((c) => parents.includes(c))) {
    resources.push({ type: COMPONENTS[parent].type, name: COMPONENTS[parent].name, component: true });
    for (const entry of imported.filter((i) => RESOURCES[i.resource].parent === parent)) {
      resources.push({
        type: RESOURCES[entry.resource].type,
        name: entry.name,
        id: entry.id,
        parent: COMPONENTS[parent].name,
      });
    }
  }
  return { file: { resources }, imported, created };
}

/** The id of each of our resources whose object exists in the tenant. */
function existingIds(snapshot: TenantSnapshot, config: Planned): Partial<Record<ResourceKey, string>> {
  const ids: Partial<Record<ResourceKey, string>> = {
    // Singletons: they always exist. A stable id derived from the tenant, so adopting twice gives one file.
    tenant: singletonId(snapshot.domain, "tenant"),
    prompt: singletonId(snapshot.domain, "prompt"),
    branding: singletonId(snapshot.domain, "branding"),
  };
  const domain = snapshot.customDomains.find((d) => d.domain === config.customDomain.domain);
  if (domain) {
    ids.customDomain = domain.id;
    ids.verification = domain.id;
  }
  const prompt = LOGIN_SCREENS[config.loginFlow].prompt;
  if (Object.keys(snapshot.partials[prompt] ?? {}).length > 0) ids.partial = prompt;
  for (const key of ["kmsi", "risk"] as const) {
    const named = snapshot.actions.filter((a) => a.name === ACTION_NAMES[key] && a.triggers.includes(POST_LOGIN));
    if (named.length === 1) ids[key] = named[0].id;
  }
  if (snapshot.postLogin.length > 0) ids.binding = POST_LOGIN;
  return ids;
}

/** A version-4-shaped UUID from a hash of the tenant and the resource: unique per tenant, and repeatable. */
export function singletonId(domain: string, resource: string): string {
  const hex = createHash("sha256").update(`${domain}\n${resource}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
