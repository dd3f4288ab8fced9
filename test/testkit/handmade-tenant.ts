/**
 * A tenant set up by hand the way Auth0's guide does it (seed 000, /work/shared/seeds/000_*.txt), through the
 * Management API and not through our stack: non-persistent sessions with lifetimes, a custom domain, the
 * guide's page template, identifier first with its checkbox partial on `login-id` / `form-content-end`, and a
 * post-login Action named `kmsi` (the guide's code), deployed and bound.
 */
import type { TenantClient } from "../../packages/local-tenant";
import { createDeployedAction, ok } from "./management-steps";

/** Seed 000, step 1: "a minimal example template with a background and wrapped widget". */
export const SEED_TEMPLATE = `<!DOCTYPE html>
<html lang="{{locale}}">
  <head>
    {%- auth0:head -%}
    <style>
      body {
        background-image: url("https://images.unsplash.com/photo-1643916861364-02e63ce3e52f");
        background-size: cover;
        background-position: center;
      }
      .prompt-wrapper {
        display: flex;
        align-items: center;
        justify-content: center;
        height: 100%;
        background-color: rgba(0, 0, 0, 0.3);
      }
    </style>
    <title>{{ prompt.screen.texts.pageTitle }}</title>
  </head>
  <body class="_widget-auto-layout">
    {% if prompt.name == "login" or prompt.name == "signup" %}
      <div class="prompt-wrapper">
        {%- auth0:widget -%}
      </div>
    {% else %}
      {%- auth0:widget -%}
    {% endif %}
  </body>
</html>
`;

/** Seed 000, step 2: the checkbox snippet. */
export const SEED_PARTIAL = `<div class="ulp-field">
  <input type="checkbox" name="ulp-remember-me" id="remember-me">
  <label for="remember-me">Stay signed in on this device?</label>
</div>`;

/** Seed 000, step 3: the Action with trusted-device lifetime. */
export const SEED_ACTION_CODE = `exports.onExecutePostLogin = async (event, api) => {
  if (event.request.body['ulp-remember-me']) {
    api.session.setCookieMode("persistent");

    const now = Date.now();
    api.session.setExpiresAt(now + 7 * 24 * 60 * 60 * 1000); // 7 days
  } else {
    api.session.setCookieMode("nonpersistent");
  }
};`;

export const HANDMADE = {
  domain: "login.handmade.test",
  lifetimesHours: {
    session_lifetime: 720,
    idle_session_lifetime: 72,
    ephemeral_session_lifetime: 24,
    idle_ephemeral_session_lifetime: 12,
  },
} as const;

/** The guide's steps, by hand. Returns the ids the tenant gave. */
export async function setUpLikeSeed000(client: TenantClient): Promise<{ customDomainId: string; kmsiId: string }> {
  await ok(
    client.patch("/api/v2/tenants/settings", {
      ...HANDMADE.lifetimesHours,
      session_cookie: { mode: "non-persistent" },
    }),
  );
  const domain = await ok(
    client.post("/api/v2/custom-domains", { domain: HANDMADE.domain, type: "auth0_managed_certs" }),
  );
  const customDomainId = domain.json.custom_domain_id as string;
  // The guide's person creates the CNAME record at their DNS provider before verifying.
  await ok(client.post("/__local/dns/publish", { domain: HANDMADE.domain }, { token: null }));
  await ok(client.post(`/api/v2/custom-domains/${customDomainId}/verify`));
  await ok(client.put("/api/v2/branding/templates/universal-login", { template: SEED_TEMPLATE }));
  await ok(client.patch("/api/v2/prompts", { universal_login_experience: "new", identifier_first: true }));
  await ok(client.put("/api/v2/prompts/login-id/partials", { "login-id": { "form-content-end": SEED_PARTIAL } }));
  const kmsiId = await createDeployedAction(client, "kmsi", SEED_ACTION_CODE);
  await ok(
    client.patch("/api/v2/actions/triggers/post-login/bindings", {
      bindings: [{ ref: { type: "action_name", value: "kmsi" } }],
    }),
  );
  return { customDomainId, kmsiId };
}
