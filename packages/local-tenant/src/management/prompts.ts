/** GET/PATCH /api/v2/prompts: Universal Login experience and identifier-first settings. */
import type { Router } from "../http/router";
import { saved, type ManagementContext } from "./context";
import { expectBoolean, expectEnum, objectBody, rejectUnknown } from "./validation";

export function registerPrompts(router: Router, context: ManagementContext): void {
  router.add("GET", "/api/v2/prompts", { scope: "read:prompts" }, () => ({
    status: 200,
    body: { ...context.store.state.prompts },
  }));

  router.add("PATCH", "/api/v2/prompts", { scope: "update:prompts" }, async (request) => {
    const body = objectBody(request);
    rejectUnknown(body, ["universal_login_experience", "identifier_first", "webauthn_platform_first_factor"]);
    const prompts = context.store.state.prompts;
    // Validate everything before changing anything, so a rejected PATCH leaves the settings as they were.
    const experience =
      body.universal_login_experience === undefined
        ? undefined
        : expectEnum(body.universal_login_experience, ["new", "classic"], "universal_login_experience");
    const identifierFirst =
      body.identifier_first === undefined ? undefined : expectBoolean(body.identifier_first, "identifier_first");
    const webauthn =
      body.webauthn_platform_first_factor === undefined
        ? undefined
        : expectBoolean(body.webauthn_platform_first_factor, "webauthn_platform_first_factor");
    if (experience !== undefined) prompts.universal_login_experience = experience;
    if (identifierFirst !== undefined) prompts.identifier_first = identifierFirst;
    if (webauthn !== undefined) prompts.webauthn_platform_first_factor = webauthn;
    return saved(context, { status: 200, body: { ...prompts } });
  });
}
