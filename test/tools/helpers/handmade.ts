/**
 * A tenant set up by hand the way Auth0's guide does it (seed 000, /work/shared/seeds/000_*.txt), through the
 * Management API and not through our stack: non-persistent sessions with lifetimes, a custom domain, the
 * guide's page template, identifier first with its checkbox partial on `login-id` / `form-content-end`, and a
 * post-login Action named `kmsi` (the guide's code), deployed and bound.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Response, TenantClient } from "../../../packages/local-tenant";

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

export async function ok(res: Promise<Response>): Promise<Response> {
  const answer = await res;
  if (answer.status < 200 || answer.status > 299) throw new Error(`answered ${answer.status}: ${answer.text}`);
  return answer;
}

/** Creates a post-login Action, waits for its build and deploys it; returns its id. */
export async function createDeployedAction(
  client: TenantClient,
  name: string,
  code: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const created = await ok(
    client.post("/api/v2/actions/actions", {
      name,
      supported_triggers: [{ id: "post-login", version: "v3" }],
      code,
      runtime: "node22",
      ...extra,
    }),
  );
  const id = created.json.id as string;
  await waitBuilt(client, id);
  await ok(client.post(`/api/v2/actions/actions/${id}/deploy`));
  return id;
}

export async function waitBuilt(client: TenantClient, id: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const status = (await ok(client.get(`/api/v2/actions/actions/${id}`))).json.status;
    if (status === "built") return;
    await sleep(25);
  }
  throw new Error(`action ${id} did not build`);
}

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
