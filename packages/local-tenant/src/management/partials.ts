/**
 * GET/PUT /api/v2/prompts/{prompt}/partials: custom HTML inserted into Universal Login screens.
 *
 * The body maps screen → insertion point → HTML (`{"login-id": {"form-content-end": "<div>..."}}`); PUT
 * replaces everything for that prompt and `{}` clears it. Only the prompts, screens and insertion points that
 * support partials are accepted, each partial at most 10,000 characters, and (as on Auth0) partials need a
 * custom domain and a page template, since they render inside the template.
 */
import { apiError, invalidPath } from "../http/errors";
import type { Router } from "../http/router";
import { saved, type ManagementContext } from "./context";
// Prompt → screens that accept partials: every prompt Auth0 documents.
import { PARTIAL_SCREENS } from "./partial-prompts";
import { asObject, expectString, objectBody, rejectUnknown } from "./validation";

export const INSERTION_POINTS = [
  "form-content-start",
  "form-content-end",
  "form-footer-start",
  "form-footer-end",
  "secondary-actions-start",
  "secondary-actions-end",
] as const;

export const PARTIAL_MAX_LENGTH = 10_000;

export function registerPartials(router: Router, context: ManagementContext): void {
  router.add("GET", "/api/v2/prompts/:prompt/partials", { scope: "read:prompts" }, (request) => {
    const prompt = checkPrompt(request.params.prompt);
    const partials = context.store.state.partials;
    return { status: 200, body: Object.hasOwn(partials, prompt) ? structuredClone(partials[prompt]) : {} };
  });

  router.add("PUT", "/api/v2/prompts/:prompt/partials", { scope: "update:prompts" }, async (request) => {
    const prompt = checkPrompt(request.params.prompt);
    const body = objectBody(request);
    const screens = PARTIAL_SCREENS[prompt];
    rejectUnknown(body, screens);
    const next: Record<string, Record<string, string>> = {};
    for (const [screen, value] of Object.entries(body)) {
      const points = asObject(value, screen);
      rejectUnknown(points, INSERTION_POINTS, screen);
      next[screen] = {};
      for (const [point, html] of Object.entries(points)) {
        next[screen][point] = expectString(html, `${screen}.${point}`, { maxLength: PARTIAL_MAX_LENGTH });
      }
    }
    const state = context.store.state;
    if (Object.keys(next).length > 0 && (state.customDomains.length === 0 || state.universalLoginTemplate === null)) {
      throw apiError(
        403,
        "Partials require a custom domain and a Universal Login page template to be configured for the tenant.",
        "custom_domain_required",
      );
    }
    if (Object.keys(next).length === 0) delete state.partials[prompt];
    else state.partials[prompt] = next;
    return saved(context, { status: 200, body: structuredClone(next) });
  });
}

/**
 * The prompt names are an enum in Auth0's path schema; an own-property test, so names every object has
 * ("constructor", "toString", "__proto__") are refused like any other unknown name.
 */
function checkPrompt(prompt: string): string {
  if (!Object.hasOwn(PARTIAL_SCREENS, prompt))
    throw invalidPath(`No enum match for: ${JSON.stringify(prompt)}`, "prompt");
  return prompt;
}
