/**
 * The auth0 SDK's ManagementClient (7.1.0) on the Management API routes this project's resources use (the
 * Auth0 provider sends the same requests): tenant session settings, custom domain, branding and the page
 * template, prompts and partials, Actions with their versions and binding, and the tenant logs. Cases run in
 * order on one tenant; each creates what it needs.
 */
import { ManagementClient, ManagementError } from "auth0";
import { expect } from "vitest";
import { CLIENTS, type ConformanceCase } from "../conformance";
import type { ClientsEnv } from "../support/env";

const name = CLIENTS.management;
const TEMPLATE = "<!DOCTYPE html><html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>";
const clients = new WeakMap<ClientsEnv, ManagementClient>();

function management(env: ClientsEnv): ManagementClient {
  let client = clients.get(env);
  if (!client) {
    client = new ManagementClient({
      domain: env.tenant.domain,
      clientId: env.tenant.client.client_id,
      clientSecret: env.tenant.client.client_secret,
      fetch: env.fetch,
    });
    clients.set(env, client);
  }
  return client;
}

async function managementError(promise: Promise<unknown>): Promise<ManagementError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManagementError);
  return error as ManagementError;
}

/** A custom domain (verified) and the page template: what partials need. */
async function customDomainAndTemplate(env: ClientsEnv, client: ManagementClient): Promise<void> {
  if ((await client.customDomains.list()).length === 0) {
    const created = await client.customDomains.create({
      domain: "login.partials.example.test",
      type: "auth0_managed_certs",
    });
    await env.publishDns(created.domain);
    await client.customDomains.verify(created.custom_domain_id);
  }
  await client.branding.templates.updateUniversalLogin({ template: TEMPLATE });
}

/** A deployed post-login Action with versions 1 (code v1) and 2 (code v2); its id and versions. */
async function actionWithTwoVersions(client: ManagementClient, actionName: string) {
  const code = (n: number) => `exports.onExecutePostLogin = async () => { /* v${n} */ };`;
  const { id } = await client.actions.create({
    name: actionName,
    supported_triggers: [{ id: "post-login", version: "v3" }],
    code: code(1),
    runtime: "node22",
  });
  const built = async () => {
    for (let i = 0; i < 200 && (await client.actions.get(id!)).status !== "built"; i++)
      await new Promise((r) => setTimeout(r, 20));
  };
  await built();
  const v1 = await client.actions.deploy(id!);
  await client.actions.update(id!, { code: code(2) });
  await built();
  const v2 = await client.actions.deploy(id!);
  return { id: id!, v1, v2, code };
}

export const managementClientCases: ConformanceCase[] = [
  {
    client: name,
    call: "tenants.settings.update({session_lifetime, idle_session_lifetime, session_cookie})",
    expected: "the merged settings",
    async run(env) {
      const settings = await management(env).tenants.settings.update({
        session_lifetime: 336,
        idle_session_lifetime: 72,
        session_cookie: { mode: "non-persistent" },
      });
      expect(settings).toMatchObject({
        session_lifetime: 336,
        idle_session_lifetime: 72,
        session_cookie: { mode: "non-persistent" },
      });
    },
  },
  {
    client: name,
    call: "tenants.settings.get({fields, include_fields: true})",
    expected: "only the named fields",
    async run(env) {
      const settings = await management(env).tenants.settings.get({
        fields: "session_lifetime,idle_session_lifetime,session_cookie",
        include_fields: true,
      });
      expect(settings).toEqual({
        session_lifetime: 336,
        idle_session_lifetime: 72,
        session_cookie: { mode: "non-persistent" },
      });
    },
  },
  {
    client: name,
    call: "tenants.settings.get({fields: 'flags', include_fields: false})",
    expected: "every field but the named ones",
    async run(env) {
      const settings = (await management(env).tenants.settings.get({
        fields: "flags",
        include_fields: false,
      })) as Record<string, unknown>;
      expect(settings.flags).toBeUndefined();
      expect(settings.session_lifetime).toBe(336);
      expect(settings.sandbox_versions_available).toBeDefined();
    },
  },
  {
    client: name,
    call: "customDomains.create({domain, type}) and verify(id)",
    expected: "pending_verification with a CNAME record; verify keeps it pending until the record resolves, then ready",
    async run(env) {
      const client = management(env);
      const created = await client.customDomains.create({
        domain: "login.kmsi.example.test",
        type: "auth0_managed_certs",
      });
      expect(created).toMatchObject({
        domain: "login.kmsi.example.test",
        status: "pending_verification",
        type: "auth0_managed_certs",
      });
      expect(created.verification?.methods?.[0]?.name).toBe("CNAME");
      // Until its CNAME resolves, verify leaves the domain pending (the local tenant's DNS: control/dns.ts).
      expect((await client.customDomains.verify(created.custom_domain_id)).status).toBe("pending_verification");
      await env.publishDns(created.domain);
      expect((await client.customDomains.verify(created.custom_domain_id)).status).toBe("ready");
    },
  },
  {
    client: name,
    call: "customDomains.list({fields: 'domain,status'})",
    expected: "each domain with only those fields",
    async run(env) {
      expect(await management(env).customDomains.list({ fields: "domain,status" })).toEqual([
        { domain: "login.kmsi.example.test", status: "ready" },
      ]);
    },
  },
  {
    client: name,
    call: "branding.templates.updateUniversalLogin({template}), getUniversalLogin()",
    expected: "the template back as {body}",
    async run(env) {
      const client = management(env);
      await client.branding.templates.updateUniversalLogin({ template: TEMPLATE });
      expect(await client.branding.templates.getUniversalLogin()).toEqual({ body: TEMPLATE });
    },
  },
  {
    client: name,
    call: "prompts.updateSettings({universal_login_experience, identifier_first})",
    expected: "the prompt settings",
    async run(env) {
      const prompts = await management(env).prompts.updateSettings({
        universal_login_experience: "new",
        identifier_first: true,
      });
      expect(prompts).toEqual({
        universal_login_experience: "new",
        identifier_first: true,
        webauthn_platform_first_factor: false,
      });
    },
  },
  {
    client: name,
    call: "prompts.partials.set(prompt, {screen: {insertion point: html}}) for every documented prompt",
    expected: "accepted for all 10 prompts, read back by partials.get",
    async run(env) {
      const client = management(env);
      await customDomainAndTemplate(env, client);
      const prompts = {
        login: "login",
        "login-id": "login-id",
        "login-password": "login-password",
        "login-passwordless": "login-passwordless-email-code",
        signup: "signup",
        "signup-id": "signup-id",
        "signup-password": "signup-password",
        "customized-consent": "customized-consent",
        passkeys: "passkey-enrollment",
        confirmation: "confirmation",
      } as const;
      for (const [prompt, screen] of Object.entries(prompts)) {
        const partials = { [screen]: { "form-content-end": `<div class="${prompt}">end</div>` } };
        await client.prompts.partials.set(prompt as keyof typeof prompts, partials);
        expect(await client.prompts.partials.get(prompt as keyof typeof prompts), prompt).toEqual(partials);
      }
    },
  },
  {
    client: name,
    call: "actions.create, deploy, update, deploy; versions.list(id)",
    expected: "versions 2 and 1, newest first, the second deployed",
    async run(env) {
      const client = management(env);
      const { id, code } = await actionWithTwoVersions(client, "conformance-versions");
      const versions = (await client.actions.versions.list(id)).data;
      expect(versions.map((v) => [v.number, v.code, v.deployed])).toEqual([
        [2, code(2), true],
        [1, code(1), false],
      ]);
    },
  },
  {
    client: name,
    call: "actions.versions.deploy(id, versionId) (roll back)",
    expected: "a new version identical to the old one, deployed; the draft kept",
    async run(env) {
      const client = management(env);
      const { id, v1, code } = await actionWithTwoVersions(client, "conformance-rollback");
      const rolled = await client.actions.versions.deploy(id, v1.id!);
      expect(rolled).toMatchObject({ number: 3, code: code(1), action_id: id });
      const action = await client.actions.get(id);
      expect(action.deployed_version).toMatchObject({ number: 3, code: code(1), deployed: true });
      expect(action.code).toBe(code(2));
      expect(action.all_changes_deployed).toBe(false);
    },
  },
  {
    client: name,
    call: "actions.versions.deploy(id, versionId, {update_draft: true})",
    expected: "the draft becomes that version as well",
    async run(env) {
      const client = management(env);
      const { id, v1, code } = await actionWithTwoVersions(client, "conformance-rollback-draft");
      await client.actions.versions.deploy(id, v1.id!, { update_draft: true });
      const action = await client.actions.get(id);
      expect([action.code, action.deployed_version?.number, action.all_changes_deployed]).toEqual([code(1), 3, true]);
    },
  },
  {
    client: name,
    call: "actions.list({triggerId, actionName, deployed: true})",
    expected: "the deployed Action of that name",
    async run(env) {
      const listed = await management(env).actions.list({
        triggerId: "post-login",
        actionName: "conformance-versions",
        deployed: true,
      });
      expect(listed.data.map((a) => a.name)).toEqual(["conformance-versions"]);
    },
  },
  {
    client: name,
    call: "actions.list({installed: true}) / ({installed: false})",
    expected: "no Marketplace integrations installed / every custom Action",
    async run(env) {
      const client = management(env);
      expect((await client.actions.list({ installed: true })).data).toEqual([]);
      expect((await client.actions.list({ installed: false })).data.map((a) => a.name).sort()).toEqual([
        "conformance-rollback",
        "conformance-rollback-draft",
        "conformance-versions",
      ]);
    },
  },
  {
    client: name,
    call: "actions.triggers.bindings.updateMany('post-login', {bindings}); list('post-login')",
    expected: "the binding, in order",
    async run(env) {
      const client = management(env);
      const id = (await client.actions.list({ actionName: "conformance-versions" })).data[0].id!;
      await client.actions.triggers.bindings.updateMany("post-login", {
        bindings: [{ ref: { type: "action_id", value: id }, display_name: "versions" }],
      });
      const bindings = (await client.actions.triggers.bindings.list("post-login")).data;
      expect(bindings.map((b) => [b.display_name, b.action?.id])).toEqual([["versions", id]]);
    },
  },
  {
    client: name,
    call: "actions.delete(id) of a bound Action",
    expected: "409 Unable to delete an action bound to a trigger.",
    async run(env) {
      const client = management(env);
      const id = (await client.actions.list({ actionName: "conformance-versions" })).data[0].id!;
      const error = await managementError(client.actions.delete(id));
      expect(error.statusCode).toBe(409);
      expect(error.body).toMatchObject({ message: "Unable to delete an action bound to a trigger." });
    },
  },
  {
    client: name,
    call: "logs.list({fields: 'type,description', include_fields: true})",
    expected: "log events with only those fields",
    async run(env) {
      await env.tenant.logs.append({ type: "s", description: "Success Login", user_id: "auth0|1" });
      const logs = (await management(env).logs.list({ fields: "type,description", include_fields: true })).data;
      expect(logs.length).toBeGreaterThan(0);
      for (const log of logs) expect(Object.keys(log).sort()).toEqual(["description", "type"]);
    },
  },
];
