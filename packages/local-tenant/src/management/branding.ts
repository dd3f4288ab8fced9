/**
 * GET/PATCH /api/v2/branding: colors, favicon, logo and font. PATCH merges (`colors` and `font` key by key,
 * as the recordings show when only some keys are sent) and `null` removes a key.
 */
import { invalidBody } from "../http/errors";
import type { Router } from "../http/router";
import type { Json, JsonObject } from "../store/state";
import { saved, type ManagementContext } from "./context";
import { asObject, expectString, objectBody, rejectUnknown, type Obj } from "./validation";

const HEX_COLOR = /^#([0-9a-fA-F]{3}){1,2}$/;

export function registerBranding(router: Router, context: ManagementContext): void {
  router.add("GET", "/api/v2/branding", { scope: "read:branding" }, () => ({
    status: 200,
    body: view(context.store.state.branding),
  }));

  router.add("PATCH", "/api/v2/branding", { scope: "update:branding" }, async (request) => {
    const patch = validate(objectBody(request));
    const branding = context.store.state.branding;
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete branding[key];
      else if (key === "colors" || key === "font") branding[key] = merge(branding[key], value as JsonObject);
      else branding[key] = value as Json;
    }
    return saved(context, { status: 200, body: view(branding) });
  });
}

/** Keys in alphabetical order, as Auth0 answers (colors, favicon_url, font, logo_url). */
function view(branding: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.keys(branding)
      .sort()
      .map((key) => [key, structuredClone(branding[key]!)]),
  );
}

function merge(current: Json | undefined, patch: JsonObject): JsonObject {
  const out = { ...(current !== null && typeof current === "object" && !Array.isArray(current) ? current : {}) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

function validate(body: Obj): Obj {
  rejectUnknown(body, ["colors", "favicon_url", "logo_url", "font"]);
  if (body.colors !== undefined && body.colors !== null) {
    const colors = asObject(body.colors, "colors");
    rejectUnknown(colors, ["primary", "page_background"], "colors");
    if (colors.primary !== undefined && colors.primary !== null) {
      const primary = expectString(colors.primary, "colors.primary");
      if (!HEX_COLOR.test(primary))
        throw invalidBody(`String does not match pattern ${HEX_COLOR.source}: ${primary}`, "colors.primary");
    }
    if (typeof colors.page_background === "string" && !HEX_COLOR.test(colors.page_background)) {
      throw invalidBody(
        `String does not match pattern ${HEX_COLOR.source}: ${colors.page_background}`,
        "colors.page_background",
      );
    }
  }
  for (const key of ["favicon_url", "logo_url"] as const) {
    if (body[key] !== undefined && body[key] !== null) expectString(body[key], key);
  }
  if (body.font !== undefined && body.font !== null) {
    const font = asObject(body.font, "font");
    rejectUnknown(font, ["url"], "font");
    if (font.url !== undefined) expectString(font.url, "font.url");
  }
  return body;
}
