/**
 * Auth0's rules, each as one invalid (or boundary) request with the exact status and body expected.
 *
 * Three tenants: "bare" (nothing configured), "configured" (a custom domain, a page template, a deployed and
 * bound action, an action built but never deployed) and "selfService" (plan limits of self-service plans).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../src/index";
import type { TenantClient } from "../src/client";
import { removeTempStateDirs, startTestTenant } from "./helpers/tenant";

type TenantKey = "bare" | "configured" | "selfService";

interface Fixture {
  tenant: LocalTenant;
  client: TenantClient;
}

const fixtures = {} as Record<TenantKey, Fixture>;
const ids = { domain: "", bound: "", undeployed: "", unbound: "", version: "" };
const TEMPLATE = "<!DOCTYPE html><html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>";
const POST_LOGIN = [{ id: "post-login", version: "v3" }];

async function createBuiltAction(client: TenantClient, name: string, triggers = POST_LOGIN): Promise<string> {
  const res = await client.post("/api/v2/actions/actions", {
    name,
    supported_triggers: triggers,
    code: "exports.onExecutePostLogin = async () => {};",
  });
  expect(res.status).toBe(201);
  for (let i = 0; i < 250; i++) {
    if ((await client.get(`/api/v2/actions/actions/${res.json.id}`)).json.status === "built")
      return res.json.id as string;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("build did not finish");
}

beforeAll(async () => {
  fixtures.bare = await startTestTenant();
  fixtures.selfService = await startTestTenant({ plan: "self-service" });
  // Builds long enough that "deploy at once" below still finds the action pending on a busy machine.
  fixtures.configured = await startTestTenant({ buildDelayMs: 600 });
  const c = fixtures.configured.client;
  ids.domain = (
    await c.post("/api/v2/custom-domains", { domain: "login.example.com", type: "auth0_managed_certs" })
  ).json.custom_domain_id;
  expect((await c.put("/api/v2/branding/templates/universal-login", TEMPLATE)).status).toBe(201);
  ids.bound = await createBuiltAction(c, "bound");
  ids.version = (await c.post(`/api/v2/actions/actions/${ids.bound}/deploy`)).json.id;
  expect(
    (
      await c.patch("/api/v2/actions/triggers/post-login/bindings", {
        bindings: [{ ref: { type: "action_id", value: ids.bound } }],
      })
    ).status,
  ).toBe(200);
  ids.undeployed = await createBuiltAction(c, "undeployed");
  ids.unbound = await createBuiltAction(c, "registration", [{ id: "pre-user-registration", version: "v2" }]);
  await c.post(`/api/v2/actions/actions/${ids.unbound}/deploy`);
});

afterAll(async () => {
  await Promise.all(Object.values(fixtures).map((f) => f.tenant.stop()));
  removeTempStateDirs();
});

const invalid = (message: string) => ({
  statusCode: 400,
  error: "Bad Request",
  message: `Payload validation error: '${message}`,
  errorCode: "invalid_body",
});

interface Case {
  name: string;
  on: TenantKey;
  method: string;
  path: string | (() => string);
  /** A function when it needs ids known only after setup. */
  body?: unknown;
  raw?: string;
  status: number;
  response?: unknown;
  /** For successes, a subset of the body. */
  contains?: Record<string, unknown>;
}

const CASES: Case[] = [
  // Session lifetimes (hours) within the plan's limits.
  {
    name: "absolute lifetime above 365 days (enterprise)",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_lifetime: 8761 },
    status: 400,
    response: invalid("Value 8761 is greater than maximum 8760' on property session_lifetime."),
  },
  {
    name: "idle lifetime above 100 days (enterprise)",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { idle_session_lifetime: 2400.5 },
    status: 400,
    response: invalid("Value 2400.5 is greater than maximum 2400' on property idle_session_lifetime."),
  },
  {
    name: "non-persistent absolute lifetime above 365 days",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { ephemeral_session_lifetime: 9000 },
    status: 400,
    response: invalid("Value 9000 is greater than maximum 8760' on property ephemeral_session_lifetime."),
  },
  {
    name: "lifetime below one minute",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { idle_ephemeral_session_lifetime: 0.01 },
    status: 400,
    response: invalid(`Value 0.01 is less than minimum ${1 / 60}' on property idle_ephemeral_session_lifetime.`),
  },
  {
    name: "lifetime as a string",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_lifetime: "72" },
    status: 400,
    response: invalid("Expected type number but found type string' on property session_lifetime."),
  },
  {
    name: "maximum enterprise lifetimes are accepted",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_lifetime: 8760, idle_session_lifetime: 2400 },
    status: 200,
    contains: { session_lifetime: 8760, idle_session_lifetime: 2400 },
  },
  {
    name: "fractional hours are accepted",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { idle_ephemeral_session_lifetime: 0.5, ephemeral_session_lifetime: 12.25 },
    status: 200,
    contains: { idle_ephemeral_session_lifetime: 0.5, ephemeral_session_lifetime: 12.25 },
  },
  {
    name: "minutes variants are stored as hours",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { idle_session_lifetime_in_minutes: 90 },
    status: 200,
    contains: { idle_session_lifetime: 1.5 },
  },
  {
    name: "idle lifetime above 3 days (self-service)",
    on: "selfService",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { idle_session_lifetime: 73 },
    status: 400,
    response: invalid("Value 73 is greater than maximum 72' on property idle_session_lifetime."),
  },
  {
    name: "absolute lifetime above 30 days (self-service)",
    on: "selfService",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_lifetime: 721 },
    status: 400,
    response: invalid("Value 721 is greater than maximum 720' on property session_lifetime."),
  },
  {
    name: "non-persistent idle above 3 days (self-service)",
    on: "selfService",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { idle_ephemeral_session_lifetime: 72.5 },
    status: 400,
    response: invalid("Value 72.5 is greater than maximum 72' on property idle_ephemeral_session_lifetime."),
  },
  {
    name: "self-service maximums are accepted",
    on: "selfService",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_lifetime: 720, idle_session_lifetime: 72 },
    status: 200,
    contains: { session_lifetime: 720, idle_session_lifetime: 72 },
  },
  // Session cookie mode.
  {
    name: "cookie mode other than persistent/non-persistent",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_cookie: { mode: "ephemeral" } },
    status: 400,
    response: invalid(`No enum match for: "ephemeral"' on property session_cookie.mode.`),
  },
  {
    name: "cookie mode non-persistent",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_cookie: { mode: "non-persistent" } },
    status: 200,
    contains: { session_cookie: { mode: "non-persistent" } },
  },
  // Page template.
  {
    name: "template without a custom domain",
    on: "bare",
    method: "PUT",
    path: "/api/v2/branding/templates/universal-login",
    body: TEMPLATE,
    status: 403,
    response: {
      statusCode: 403,
      error: "Forbidden",
      message: "The Universal Login page template requires a custom domain to be configured for the tenant.",
      errorCode: "custom_domain_required",
    },
  },
  {
    name: "template without auth0:widget",
    on: "configured",
    method: "PUT",
    path: "/api/v2/branding/templates/universal-login",
    body: "<html><head>{%- auth0:head -%}</head></html>",
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: "The template must contain a single auth0:head tag and at least one auth0:widget tag.",
      errorCode: "invalid_template",
    },
  },
  {
    name: "template with two auth0:head tags",
    on: "configured",
    method: "PUT",
    path: "/api/v2/branding/templates/universal-login",
    body: { template: `{%- auth0:head -%}${TEMPLATE}` },
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: "The template must contain a single auth0:head tag and at least one auth0:widget tag.",
      errorCode: "invalid_template",
    },
  },
  {
    name: "template over 102,400 characters",
    on: "configured",
    method: "PUT",
    path: "/api/v2/branding/templates/universal-login",
    body: TEMPLATE + " ".repeat(102_401 - TEMPLATE.length),
    status: 400,
    response: invalid("String is too long (102401 chars), maximum 102400' on property template."),
  },
  {
    name: "template as text/html",
    on: "configured",
    method: "PUT",
    path: "/api/v2/branding/templates/universal-login",
    raw: TEMPLATE,
    status: 201,
    response: {},
  },
  {
    name: "no template yet",
    on: "bare",
    method: "GET",
    path: "/api/v2/branding/templates/universal-login",
    status: 404,
    response: {
      statusCode: 404,
      error: "Not Found",
      message: "Template does not exist.",
      errorCode: "inexistent_templates_universal_login",
    },
  },
  // Partials.
  {
    name: "partials on a prompt without partials",
    on: "configured",
    method: "PUT",
    path: "/api/v2/prompts/consent/partials",
    body: {},
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: `Path validation error: 'No enum match for: "consent"' on property prompt.`,
      errorCode: "invalid_uri",
    },
  },
  {
    name: "partials for a screen of another prompt",
    on: "configured",
    method: "PUT",
    path: "/api/v2/prompts/login-id/partials",
    body: { "login-password": { "form-content-end": "<p/>" } },
    status: 400,
    response: invalid("Additional properties not allowed: login-password'."),
  },
  {
    name: "partials at an unknown insertion point",
    on: "configured",
    method: "PUT",
    path: "/api/v2/prompts/login-id/partials",
    body: { "login-id": { "form-header": "<p/>" } },
    status: 400,
    response: invalid("Additional properties not allowed: form-header' on property login-id."),
  },
  {
    name: "partial over 10,000 characters",
    on: "configured",
    method: "PUT",
    path: "/api/v2/prompts/login/partials",
    body: { login: { "form-content-end": "x".repeat(10_001) } },
    status: 400,
    response: invalid("String is too long (10001 chars), maximum 10000' on property login.form-content-end."),
  },
  {
    name: "partials without a custom domain and template",
    on: "bare",
    method: "PUT",
    path: "/api/v2/prompts/login-id/partials",
    body: { "login-id": { "form-content-end": "<p/>" } },
    status: 403,
    response: {
      statusCode: 403,
      error: "Forbidden",
      message: "Partials require a custom domain and a Universal Login page template to be configured for the tenant.",
      errorCode: "custom_domain_required",
    },
  },
  {
    name: "partial of 10,000 characters at a valid point",
    on: "configured",
    method: "PUT",
    path: "/api/v2/prompts/signup-id/partials",
    body: { "signup-id": { "secondary-actions-end": "y".repeat(10_000) } },
    status: 200,
    response: { "signup-id": { "secondary-actions-end": "y".repeat(10_000) } },
  },
  // Actions.
  {
    name: "unknown runtime",
    on: "bare",
    method: "POST",
    path: "/api/v2/actions/actions",
    body: { name: "a", supported_triggers: POST_LOGIN, runtime: "node99" },
    status: 400,
    response: invalid(`No enum match for: "node99"' on property runtime.`),
  },
  {
    name: "unknown trigger",
    on: "bare",
    method: "POST",
    path: "/api/v2/actions/actions",
    body: { name: "a", supported_triggers: [{ id: "post-logon", version: "v3" }] },
    status: 400,
    response: invalid(`No enum match for: "post-logon"' on property supported_triggers[0].id.`),
  },
  {
    name: "unsupported trigger version",
    on: "bare",
    method: "POST",
    path: "/api/v2/actions/actions",
    body: { name: "a", supported_triggers: [{ id: "post-login", version: "v9" }] },
    status: 400,
    response: invalid(`No enum match for: "v9"' on property supported_triggers[0].version.`),
  },
  {
    name: "action without a name",
    on: "bare",
    method: "POST",
    path: "/api/v2/actions/actions",
    body: { supported_triggers: POST_LOGIN },
    status: 400,
    response: invalid("Missing required property: name'."),
  },
  {
    name: "deploying an action that is not built",
    on: "configured",
    method: "PATCH",
    path: () => `/api/v2/actions/actions/${ids.undeployed}`,
    body: { code: "exports.onExecutePostLogin = async () => { };" },
    status: 200,
    contains: { status: "pending" },
  },
  {
    name: "…then deploying it at once",
    on: "configured",
    method: "POST",
    path: () => `/api/v2/actions/actions/${ids.undeployed}/deploy`,
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: 'Unable to deploy the action: its build status is "pending", it must be "built".',
      errorCode: "invalid_action_status",
    },
  },
  {
    name: "binding an action that was never deployed",
    on: "configured",
    method: "PATCH",
    path: "/api/v2/actions/triggers/post-login/bindings",
    body: () => ({ bindings: [{ ref: { type: "action_id", value: ids.undeployed } }] }),
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: "action not deployed yet",
      errorCode: "action_not_deployed",
    },
  },
  {
    name: "binding an action to a trigger it does not support",
    on: "configured",
    method: "PATCH",
    path: "/api/v2/actions/triggers/post-login/bindings",
    body: { bindings: [{ ref: { type: "action_name", value: "registration" } }] },
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: "Trying to create a binding between an incompatible action and trigger.",
    },
  },
  {
    name: "binding with an unknown ref type",
    on: "configured",
    method: "PATCH",
    path: "/api/v2/actions/triggers/post-login/bindings",
    body: { bindings: [{ ref: { type: "action_key", value: "x" } }] },
    status: 400,
    response: invalid(`No enum match for: "action_key"' on property bindings[0].ref.type.`),
  },
  {
    name: "bindings of an unknown trigger",
    on: "configured",
    method: "GET",
    path: "/api/v2/actions/triggers/post-logon/bindings",
    status: 400,
    response: {
      statusCode: 400,
      error: "Bad Request",
      message: `Path validation error: 'No enum match for: "post-logon"' on property triggerId.`,
      errorCode: "invalid_uri",
    },
  },
  {
    name: "deleting a bound action",
    on: "configured",
    method: "DELETE",
    path: () => `/api/v2/actions/actions/${ids.bound}`,
    status: 409,
    response: { statusCode: 409, error: "Conflict", message: "Unable to delete an action bound to a trigger." },
  },
  {
    name: "moving a bound action to another trigger",
    on: "configured",
    method: "PATCH",
    path: () => `/api/v2/actions/actions/${ids.bound}`,
    body: { supported_triggers: [{ id: "post-user-registration", version: "v2" }] },
    status: 400,
    response: { statusCode: 400, error: "Bad Request", message: "can't upgrade to this trigger." },
  },
  // Unknown ids and routes.
  {
    name: "unknown custom domain",
    on: "configured",
    method: "GET",
    path: "/api/v2/custom-domains/cd_AAAAAAAAAAAAAAAA",
    status: 404,
    response: {
      statusCode: 404,
      error: "Not Found",
      message: "The custom domain does not exist",
      errorCode: "inexistent_custom_domain",
    },
  },
  {
    name: "unknown action",
    on: "configured",
    method: "PATCH",
    path: "/api/v2/actions/actions/00000000-0000-4000-8000-000000000000",
    body: { name: "x" },
    status: 404,
    response: {
      statusCode: 404,
      error: "Not Found",
      message: "That action does not exist.",
      errorCode: "inexistent_action",
    },
  },
  {
    name: "unknown action version",
    on: "configured",
    method: "GET",
    path: () => `/api/v2/actions/actions/${ids.bound}/versions/00000000-0000-4000-8000-000000000000`,
    status: 404,
    response: {
      statusCode: 404,
      error: "Not Found",
      message: "That action version does not exist.",
      errorCode: "inexistent_action_version",
    },
  },
  {
    name: "unknown route",
    on: "bare",
    method: "GET",
    path: "/api/v2/nothing-here",
    status: 404,
    response: { statusCode: 404, error: "Not Found", message: "Not Found" },
  },
  // Custom domains and bodies.
  {
    name: "custom domain of an unknown type",
    on: "bare",
    method: "POST",
    path: "/api/v2/custom-domains",
    body: { domain: "a.example.com", type: "managed" },
    status: 400,
    response: invalid(`No enum match for: "managed"' on property type.`),
  },
  {
    name: "custom domain that already exists",
    on: "configured",
    method: "POST",
    path: "/api/v2/custom-domains",
    body: { domain: "login.example.com", type: "self_managed_certs" },
    status: 409,
    response: {
      statusCode: 409,
      error: "Conflict",
      message: "Custom domain already exists",
      errorCode: "duplicated_custom_domain",
    },
  },
  {
    name: "read-only tenant setting",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { sandbox_versions_available: ["22"] },
    status: 400,
    response: invalid("Additional properties not allowed: sandbox_versions_available'."),
  },
  {
    name: "body that is not JSON",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/prompts",
    raw: "{not json",
    status: 400,
    response: { statusCode: 400, error: "Bad Request", message: "Invalid request payload JSON format" },
  },
  {
    name: "unknown prompts setting",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/prompts",
    body: { universal_login_experience: "newest" },
    status: 400,
    response: invalid(`No enum match for: "newest"' on property universal_login_experience.`),
  },
  // Unknown or ill-typed tenant settings (the names and types of go-auth0's Tenant, management/tenant.go:13-186).
  {
    name: "unknown tenant setting",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { foo: true },
    status: 400,
    response: invalid("Additional properties not allowed: foo'."),
  },
  {
    name: "two unknown tenant settings beside a valid one",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { foo: 1, friendly_name: "x", bar: 2 },
    status: 400,
    response: invalid("Additional properties not allowed: foo,bar'."),
  },
  {
    name: "an unknown setting wins over an out-of-range lifetime",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_lifetime: 99999, sessionLifetime: 1 },
    status: 400,
    response: invalid("Additional properties not allowed: sessionLifetime'."),
  },
  {
    name: "tenant setting named constructor",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { constructor: { name: "x" } },
    status: 400,
    response: invalid("Additional properties not allowed: constructor'."),
  },
  {
    name: "tenant setting named __proto__",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    raw: '{"__proto__":{"friendly_name":"polluted"}}',
    status: 400,
    response: invalid("Additional properties not allowed: __proto__'."),
  },
  {
    name: "tenant setting named toString",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    raw: '{"toString":"x","hasOwnProperty":1}',
    status: 400,
    response: invalid("Additional properties not allowed: toString,hasOwnProperty'."),
  },
  {
    name: "friendly_name as a number",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { friendly_name: 5 },
    status: 400,
    response: invalid("Expected type string but found type integer' on property friendly_name."),
  },
  {
    name: "enabled_locales as a string",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { enabled_locales: "en" },
    status: 400,
    response: invalid("Expected type array but found type string' on property enabled_locales."),
  },
  {
    name: "session_cookie as a string",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { session_cookie: "persistent" },
    status: 400,
    response: invalid("Expected type object but found type string' on property session_cookie."),
  },
  {
    name: "a flag that is not a boolean",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { flags: { enable_sso: "yes" } },
    status: 400,
    response: invalid("Expected type boolean but found type string' on property flags.enable_sso."),
  },
  {
    name: "a boolean setting as a number",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: { allow_organization_name_in_authentication_api: 1 },
    status: 400,
    response: invalid(
      "Expected type boolean but found type integer' on property allow_organization_name_in_authentication_api.",
    ),
  },
  {
    name: "settings go-auth0 sends are accepted",
    on: "bare",
    method: "PATCH",
    path: "/api/v2/tenants/settings",
    body: {
      support_email: "help@example.com",
      allowed_logout_urls: ["https://app.example.com/bye"],
      sessions: { oidc_logout_prompt_enabled: false },
    },
    status: 200,
    contains: {
      support_email: "help@example.com",
      allowed_logout_urls: ["https://app.example.com/bye"],
      sessions: { oidc_logout_prompt_enabled: false },
    },
  },
  // Names every JavaScript object has are no prompt and no trigger.
  ...["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf"].flatMap((name): Case[] => [
    {
      name: `partials of prompt ${name} (GET)`,
      on: "configured",
      method: "GET",
      path: `/api/v2/prompts/${name}/partials`,
      status: 400,
      response: {
        statusCode: 400,
        error: "Bad Request",
        message: `Path validation error: 'No enum match for: "${name}"' on property prompt.`,
        errorCode: "invalid_uri",
      },
    },
    {
      name: `partials of prompt ${name} (PUT)`,
      on: "configured",
      method: "PUT",
      path: `/api/v2/prompts/${name}/partials`,
      body: { [name]: { "form-content-end": "<p/>" } },
      status: 400,
      response: {
        statusCode: 400,
        error: "Bad Request",
        message: `Path validation error: 'No enum match for: "${name}"' on property prompt.`,
        errorCode: "invalid_uri",
      },
    },
    {
      name: `bindings of trigger ${name} (GET)`,
      on: "configured",
      method: "GET",
      path: `/api/v2/actions/triggers/${name}/bindings`,
      status: 400,
      response: {
        statusCode: 400,
        error: "Bad Request",
        message: `Path validation error: 'No enum match for: "${name}"' on property triggerId.`,
        errorCode: "invalid_uri",
      },
    },
    {
      name: `bindings of trigger ${name} (PATCH)`,
      on: "configured",
      method: "PATCH",
      path: `/api/v2/actions/triggers/${name}/bindings`,
      body: { bindings: [] },
      status: 400,
      response: {
        statusCode: 400,
        error: "Bad Request",
        message: `Path validation error: 'No enum match for: "${name}"' on property triggerId.`,
        errorCode: "invalid_uri",
      },
    },
  ]),
];

describe("Auth0 rules", () => {
  // Sequential on purpose: some cases build on the state earlier ones leave (noted with "…then").
  for (const c of CASES) {
    it(`${c.name} → ${c.status}`, async () => {
      const { client } = fixtures[c.on];
      const path = typeof c.path === "function" ? c.path() : c.path;
      const body = typeof c.body === "function" ? (c.body as () => unknown)() : c.body;
      const res = await client.send(
        c.method,
        path,
        c.raw !== undefined
          ? { raw: c.raw, contentType: c.method === "PUT" ? "text/html" : "application/json" }
          : { body },
      );
      expect({ status: res.status, body: c.response === undefined ? undefined : res.json }).toEqual({
        status: c.status,
        body: c.response,
      });
      if (c.contains) expect(res.json).toMatchObject(c.contains);
    });
  }

  it("a rejected PATCH leaves the settings unchanged", async () => {
    const { client } = fixtures.bare;
    const before = (await client.get("/api/v2/tenants/settings")).json;
    expect(
      (await client.patch("/api/v2/tenants/settings", { friendly_name: "changed", session_lifetime: 99999 })).status,
    ).toBe(400);
    expect((await client.get("/api/v2/tenants/settings")).json).toEqual(before);
  });

  it("a refused unknown setting is not stored, nor anything else of its body", async () => {
    const { client, tenant } = fixtures.bare;
    const before = (await client.get("/api/v2/tenants/settings")).json;
    for (const raw of [
      '{"foo":1,"friendly_name":"should not"}',
      '{"__proto__":{"friendly_name":"polluted"},"friendly_name":"should not"}',
      '{"constructor":{"prototype":{"x":1}}}',
    ]) {
      expect((await client.send("PATCH", "/api/v2/tenants/settings", { raw })).status).toBe(400);
    }
    expect((await client.get("/api/v2/tenants/settings")).json).toEqual(before);
    expect((await client.patch("/api/v2/tenants/settings", { friendly_name: before.friendly_name })).status).toBe(200);
    const onDisk = JSON.parse(readFileSync(join(tenant.stateDir, "tenant.json"), "utf8"));
    expect(
      Object.keys(onDisk.tenantSettings).filter((key) => ["foo", "__proto__", "constructor", "x"].includes(key)),
    ).toEqual([]);
    expect(onDisk.tenantSettings.friendly_name).toBe(before.friendly_name);
  });

  it("force=true unbinds and deletes a bound action", async () => {
    const { client } = fixtures.configured;
    expect((await client.delete(`/api/v2/actions/actions/${ids.bound}?force=true`)).status).toBe(204);
    expect((await client.get("/api/v2/actions/triggers/post-login/bindings")).json).toEqual({
      bindings: [],
      per_page: 50,
    });
  });
});

describe("custom domain lifecycle", () => {
  it("creates, verifies, updates metadata and deletes a self-managed domain", async () => {
    const { client } = fixtures.bare;
    const created = await client.post("/api/v2/custom-domains", {
      domain: "Auth.Example.org",
      type: "self_managed_certs",
      domain_metadata: { team: "identity" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      domain: "auth.example.org",
      primary: false,
      is_default: false,
      status: "pending_verification",
      type: "self_managed_certs",
      verification: { methods: [{ name: "TXT", domain: "_cf-custom-hostname.auth.example.org" }] },
      custom_client_ip_header: null,
      domain_metadata: { team: "identity" },
    });
    expect(created.json.custom_domain_id).toMatch(/^cd_[A-Za-z0-9]{16}$/);
    const id = created.json.custom_domain_id as string;
    // Verification waits for the records in DNS (packages/local-tenant/test/dns.test.ts).
    expect((await client.post("/__local/dns/publish", { domain: "auth.example.org" }, { token: null })).status).toBe(
      200,
    );
    const verified = await client.post(`/api/v2/custom-domains/${id}/verify`);
    expect(verified.json).toMatchObject({
      status: "ready",
      origin_domain_name: expect.stringMatching(/-cd-[a-z0-9]{16}\.edge\.tenants\.us\.auth0\.com$/),
    });
    expect(verified.json.cname_api_key).toMatch(/^[0-9a-f]{64}$/);
    const patched = await client.patch(`/api/v2/custom-domains/${id}`, {
      custom_client_ip_header: "cf-connecting-ip",
      domain_metadata: { team: null, env: "dev" },
    });
    expect(patched.json).toMatchObject({
      custom_client_ip_header: "cf-connecting-ip",
      domain_metadata: { env: "dev" },
    });
    expect(patched.json.domain_metadata).toEqual({ env: "dev" });
    const rejected = await client.patch(`/api/v2/custom-domains/${id}`, { custom_client_ip_header: "x-real-ip" });
    expect(rejected.status).toBe(400);
    expect((await client.get(`/api/v2/custom-domains/${id}`)).json.custom_client_ip_header).toBe("cf-connecting-ip");
    expect((await client.delete(`/api/v2/custom-domains/${id}`)).status).toBe(204);
    expect((await client.get(`/api/v2/custom-domains/${id}`)).status).toBe(404);
  });
});
