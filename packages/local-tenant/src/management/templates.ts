/**
 * GET/PUT/DELETE /api/v2/branding/templates/universal-login: the Universal Login page template.
 *
 * Rules as Auth0 enforces them: the tenant must have a custom domain (any status: the recordings set a
 * template while the domain is still pending_verification), the template must contain the
 * `{%- auth0:head -%}` and `{%- auth0:widget -%}` tags, and it is at most 102,400 characters. The body may be
 * a JSON string (what go-auth0 sends), `{"template": "..."}` or text/html.
 */
import { apiError } from "../http/errors";
import type { Request, Router } from "../http/router";
import { noContent, saved, type ManagementContext } from "./context";
import { asObject, expectString, rejectUnknown, requireProps } from "./validation";

export const TEMPLATE_MAX_LENGTH = 102_400;
const HEAD_TAG = /\{%-?\s*auth0:head\s*-?%\}/g;
const WIDGET_TAG = /\{%-?\s*auth0:widget\s*-?%\}/g;

export function registerTemplates(router: Router, context: ManagementContext): void {
  const path = "/api/v2/branding/templates/universal-login";

  router.add("GET", path, { scope: "read:branding" }, () => {
    const template = context.store.state.universalLoginTemplate;
    if (template === null) throw apiError(404, "Template does not exist.", "inexistent_templates_universal_login");
    return { status: 200, body: { body: template } };
  });

  router.add("PUT", path, { scope: "update:branding" }, async (request) => {
    const template = readTemplate(request);
    if (context.store.state.customDomains.length === 0) {
      throw apiError(
        403,
        "The Universal Login page template requires a custom domain to be configured for the tenant.",
        "custom_domain_required",
      );
    }
    const heads = template.match(HEAD_TAG)?.length ?? 0;
    const widgets = template.match(WIDGET_TAG)?.length ?? 0;
    if (heads !== 1 || widgets < 1) {
      throw apiError(
        400,
        "The template must contain a single auth0:head tag and at least one auth0:widget tag.",
        "invalid_template",
      );
    }
    context.store.state.universalLoginTemplate = template;
    // The recordings show 201 with an empty object for every successful PUT.
    return saved(context, { status: 201, body: {} });
  });

  // Deleting is idempotent: the recordings delete an already deleted template and get 204.
  router.add("DELETE", path, { scope: "delete:branding" }, async () => {
    context.store.state.universalLoginTemplate = null;
    return saved(context, noContent());
  });
}

function readTemplate(request: Request): string {
  const body = request.body;
  if (body.kind === "text") return expectString(body.value, "template", { maxLength: TEMPLATE_MAX_LENGTH });
  if (body.kind === "json" && typeof body.value === "string")
    return expectString(body.value, "template", { maxLength: TEMPLATE_MAX_LENGTH });
  const object = asObject(body.kind === "json" ? body.value : null);
  rejectUnknown(object, ["template"]);
  requireProps(object, ["template"]);
  return expectString(object.template, "template", { maxLength: TEMPLATE_MAX_LENGTH });
}
