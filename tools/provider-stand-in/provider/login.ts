/**
 * auth0.Prompt, auth0.Branding and auth0.PromptScreenPartials (terraform-provider-auth0 v1.53.0,
 * internal/auth0/prompt/ and internal/auth0/branding/).
 */
import { randomUUID } from "node:crypto";
import { defined } from "./tenant";
import type { ProviderContext, ResourceType } from "./types";

type Json = Record<string, any>;

/** prompt/resource.go:55-85: create = update = PATCH the configured settings, then GET; delete does nothing. */
async function writePrompt(ctx: ProviderContext, inputs: Json): Promise<Json> {
  await ctx.api.call(
    "PATCH",
    "/api/v2/prompts",
    defined({
      universal_login_experience: inputs.universalLoginExperience,
      identifier_first: inputs.identifierFirst,
      webauthn_platform_first_factor: inputs.webauthnPlatformFirstFactor,
    }),
  );
  return readPrompt(ctx);
}

async function readPrompt(ctx: ProviderContext): Promise<Json> {
  const prompt = (await ctx.api.call("GET", "/api/v2/prompts")).json;
  return {
    universalLoginExperience: prompt.universal_login_experience,
    identifierFirst: prompt.identifier_first,
    webauthnPlatformFirstFactor: prompt.webauthn_platform_first_factor,
  };
}

export const promptType: ResourceType = {
  inputs: ["universalLoginExperience", "identifierFirst", "webauthnPlatformFirstFactor"],
  // All three Optional+Computed (prompt/resource.go:27-50).
  fields: {
    universalLoginExperience: { computed: true },
    identifierFirst: { computed: true },
    webauthnPlatformFirstFactor: { computed: true },
  },
  create: async (ctx, inputs) => ({ id: randomUUID(), outputs: await writePrompt(ctx, inputs) }),
  read: (ctx) => readPrompt(ctx),
  update: (ctx, _state, inputs) => writePrompt(ctx, inputs),
  delete: async () => undefined,
};

/** checkForCustomDomains (branding/resource.go:210-221) and its error text (:19-22). */
async function hasCustomDomain(ctx: ProviderContext): Promise<boolean> {
  return ((await ctx.api.call("GET", "/api/v2/custom-domains")).json as unknown[]).length > 0;
}
const NO_CUSTOM_DOMAIN =
  "managing the Universal Login body through the 'auth0_branding' resource requires at least one custom domain " +
  "to be configured for the tenant.\n\nUse the 'auth0_custom_domain' resource to set one up";

/** readBranding (branding/resource.go:113-130): the branding, then the template only if a custom domain exists. */
async function readBranding(ctx: ProviderContext): Promise<Json> {
  await ctx.api.call("GET", "/api/v2/branding");
  if (!(await hasCustomDomain(ctx))) return { universalLogin: undefined };
  const template = await ctx.api.call("GET", "/api/v2/branding/templates/universal-login", undefined, [404]);
  return { universalLogin: template.status === 404 ? undefined : { body: template.json.body } };
}

/**
 * updateBranding (branding/resource.go:132-173), which create also runs: the branding PATCH only with colors,
 * logo, favicon or font (none here); a removed template is deleted; a template body is PUT (as a JSON string) only
 * after the custom domains were listed and at least one found.
 */
async function writeBranding(ctx: ProviderContext, old: Json | undefined, inputs: Json): Promise<Json> {
  if (old?.universalLogin !== undefined && inputs.universalLogin === undefined) {
    await ctx.api.call("DELETE", "/api/v2/branding/templates/universal-login");
    return readBranding(ctx);
  }
  const body = inputs.universalLogin?.body;
  if (body) {
    if (!(await hasCustomDomain(ctx))) throw new Error(NO_CUSTOM_DOMAIN);
    await ctx.api.call("PUT", "/api/v2/branding/templates/universal-login", body);
  }
  return readBranding(ctx);
}

export const brandingType: ResourceType = {
  inputs: ["universalLogin"],
  // universal_login is Optional, not Computed (branding/resource.go:88-103).
  fields: { universalLogin: {} },
  create: async (ctx, inputs) => ({ id: randomUUID(), outputs: await writeBranding(ctx, undefined, inputs) }),
  read: (ctx) => readBranding(ctx),
  update: (ctx, state, inputs) => writeBranding(ctx, state.outputs, inputs),
  // deleteBranding (:175-185): the template is deleted only if a custom domain still exists.
  delete: async (ctx) => {
    if (await hasCustomDomain(ctx)) await ctx.api.call("DELETE", "/api/v2/branding/templates/universal-login");
  },
};

/** formContentEnd ↔ form-content-end: the provider's insertion point names and Auth0's. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** expandPromptScreenPartials (prompt/expand.go:54-70). */
function expandPartials(inputs: Json): Json {
  const screens: Json = {};
  for (const partial of (inputs.screenPartials ?? []) as Array<{
    screenName: string;
    insertionPoints: Record<string, string>;
  }>) {
    screens[partial.screenName] = Object.fromEntries(
      Object.entries(partial.insertionPoints)
        .filter(([, html]) => html !== undefined)
        .map(([point, html]) => [kebab(point), html]),
    );
  }
  return screens;
}

/** readPromptScreenPartials (resource_screen_partials.go:116-124) by the id, flattened with the id as the
 *  prompt (flatten.go:39-45), screens sorted by name (65-89). */
async function readPartials(ctx: ProviderContext, id: string): Promise<Json> {
  const partials = (await ctx.api.call("GET", `/api/v2/prompts/${encodeURIComponent(id)}/partials`)).json as Record<
    string,
    Record<string, string>
  >;
  const screens = Object.keys(partials ?? {}).sort();
  return {
    promptType: id,
    screenPartials:
      screens.length === 0
        ? undefined
        : screens.map((screenName) => ({
            screenName,
            insertionPoints: Object.fromEntries(
              Object.entries(partials[screenName]).map(([point, html]) => [camel(point), html]),
            ),
          })),
  };
}

/**
 * create sets the id to the prompt and runs the update (resource_screen_partials.go:109-114); update PUTs the
 * partials of the configured prompt but reads back by the id (126-135); delete PUTs `{}` to the id's prompt
 * (137-145). prompt_type is Required but not ForceNew (39-45): changing it in place strands the old prompt.
 */
export const partialsType: ResourceType = {
  inputs: ["promptType", "screenPartials"],
  fields: { promptType: {}, screenPartials: {} },
  async create(ctx, inputs) {
    const id = inputs.promptType as string;
    await ctx.api.call("PUT", `/api/v2/prompts/${encodeURIComponent(id)}/partials`, expandPartials(inputs));
    return { id, outputs: await readPartials(ctx, id) };
  },
  read: (ctx, id) => readPartials(ctx, id),
  async update(ctx, state, inputs) {
    await ctx.api.call(
      "PUT",
      `/api/v2/prompts/${encodeURIComponent(inputs.promptType)}/partials`,
      expandPartials(inputs),
    );
    return readPartials(ctx, state.id);
  },
  delete: async (ctx, state) => {
    await ctx.api.call("PUT", `/api/v2/prompts/${encodeURIComponent(state.id)}/partials`, {});
  },
};
