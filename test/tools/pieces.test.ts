/** The pure pieces of adopt and audit, table-driven: labels, ids, history, diffs, the certificate check. */
import { describe, expect, it } from "vitest";
import { parseStackConfig } from "../../config";
import { renderKmsiPartial } from "../../components";
import { singletonId } from "../../tools/adopt/import-plan";
import { applyChanges, configDiff } from "../../tools/adopt/stack-file-edit";
import { auditChecks } from "../../tools/audit/checks";
import { lastUpdateOf } from "../../tools/audit/history";
import { findCheckboxes, labelOf } from "../../tools/tenant/checkbox";
import { certificatesOf, runtimeOf } from "../../tools/tenant/facts";
import { NotReadOnlyError, traffic } from "../../tools/tenant/fetch";
import type { TenantSnapshot } from "../../tools/tenant/snapshot";

describe("labelOf", () => {
  it.each([
    ['<label for="remember-me">Stay signed in on this device?</label>', "Stay signed in on this device?"],
    [renderKmsiPartial('Keep "me" <signed> in & on'), 'Keep "me" <signed> in & on'],
    ["<label>\n  Keep <b>me</b>\n  signed&#32;in&#x21;</label>", "Keep me signed in!"],
    ["<label for=x></label>", undefined],
    ["<div>no label</div>", undefined],
  ])("%j → %j", (html, label) => expect(labelOf(html)).toBe(label));
});

describe("findCheckboxes", () => {
  it("finds inputs named ulp-remember-me on the login prompts only, wherever they are", () => {
    const partials = {
      "login-id": {
        "login-id": {
          "form-content-start": "<p>hello</p>",
          "form-content-end": "<input type='checkbox' name='ulp-remember-me'>",
        },
      },
      login: {
        login: {
          "form-footer-end": '<input name="ulp-remember-me-not">',
          "secondary-actions-start": "<input name=ulp-remember-me>",
        },
      },
    };
    expect(findCheckboxes(partials).map(({ html: _html, ...where }) => where)).toEqual([
      { prompt: "login-id", screen: "login-id", insertionPoint: "form-content-end" },
      { prompt: "login", screen: "login", insertionPoint: "secondary-actions-start" },
    ]);
  });
});

describe("value spellings", () => {
  it.each([
    ["auth0_managed_certs", "auth0-managed"],
    ["self_managed_certs", "self-managed"],
    ["other", undefined],
  ])("certificates of %s", (type, expected) => expect(certificatesOf(type)).toBe(expected));
  it.each([
    ["node22", "node22"],
    ["node18-actions", "node18"],
    ["node18", "node18"],
    ["node16", undefined],
  ])("runtime %s", (runtime, expected) => expect(runtimeOf(runtime)).toBe(expected));
});

describe("singletonId", () => {
  it("is a version-4-shaped UUID, the same for the same tenant and resource, different otherwise", () => {
    const id = singletonId("kmsi-dev.eu.auth0.com", "tenant");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(singletonId("kmsi-dev.eu.auth0.com", "tenant")).toBe(id);
    expect(singletonId("kmsi-dev.eu.auth0.com", "prompt")).not.toBe(id);
    expect(singletonId("kmsi-prod.eu.auth0.com", "tenant")).not.toBe(id);
  });
});

describe("lastUpdateOf (pulumi stack history --json, newest first)", () => {
  it.each([
    [
      [
        { kind: "refresh", endTime: "2026-11-02T10:00:00.000Z" },
        { kind: "update", endTime: "2026-11-01T09:30:05.000Z" },
      ],
      { endTime: new Date("2026-11-01T09:30:05.000Z") },
    ],
    [
      [{ kind: "update" }, { kind: "update", endTime: "2026-11-01T09:30:05.000+01:00" }],
      { endTime: new Date("2026-11-01T08:30:05.000Z") },
    ],
    [
      [{ kind: "refresh", endTime: "2026-11-02T10:00:00.000Z" }],
      { unknown: "could not check: no pulumi up in the stack's last 100 history entries" },
    ],
    [[], { unknown: "could not check: no pulumi up in the stack's last 100 history entries" }],
    [[{ kind: "update", endTime: "yesterday" }], { unknown: 'could not check: unreadable endTime "yesterday"' }],
  ])("%j", (history, expected) => expect(lastUpdateOf(history)).toEqual(expected));
});

describe("configDiff and applyChanges", () => {
  it("treats another spelling of the same value as no change", () => {
    expect(
      configDiff(
        {
          sessions: { persistent: { idle: "72h" } },
          risk: { connectionLifetimes: true },
          keepMeSignedIn: { enabled: "true" },
        },
        {
          sessions: { persistent: { idle: "3d" } },
          risk: { connectionLifetimes: "on" },
          keepMeSignedIn: { enabled: true, label: "x" },
        },
      ),
    ).toEqual([{ path: "keepMeSignedIn.label", before: undefined, after: "x" }]);
  });
  it("replaces a section held as JSON text by a map, and quotes YAML 1.1 booleans", () => {
    const text = 'config:\n  auth0-sessions:risk: \'{"networkBinding":"ip"}\'\n';
    const changes = configDiff(
      { risk: '{"networkBinding":"ip"}' },
      { risk: { networkBinding: "asn", connectionLifetimes: "off" } },
    );
    expect(applyChanges(text, changes)).toBe(
      'config:\n  auth0-sessions:risk:\n    networkBinding: asn\n    connectionLifetimes: "off"\n',
    );
    expect(applyChanges(undefined, changes)).toBe(
      'config:\n  auth0-sessions:risk:\n    networkBinding: asn\n    connectionLifetimes: "off"\n',
    );
  });
});

describe("the custom domain check", () => {
  const config = parseStackConfig({ plan: "enterprise", customDomain: { domain: "login.example.com" } });
  const snapshot = (domain: Partial<TenantSnapshot["customDomains"][number]>): TenantSnapshot => ({
    domain: "t",
    settings: {},
    customDomains: [
      { id: "cd_1", domain: "login.example.com", type: "auth0_managed_certs", status: "ready", ...domain },
    ],
    prompts: {},
    partials: { "login-id": {}, login: {} },
    template: null,
    actions: [],
    postLogin: [],
    calls: { management: 0, token: 0 },
  });
  it.each([
    [{ certificateStatus: "provisioned" }, "ok", "ready, certificate provisioned"],
    [{}, "ok", "ready, certificate not reported"],
    [{ certificateStatus: "renewing_failed" }, "finding", "ready, certificate renewing_failed"],
    [
      { status: "pending_verification", certificateStatus: "provisioning" },
      "finding",
      "pending_verification, certificate provisioning",
    ],
    [{ type: "self_managed_certs", status: "ready" }, "ok", "ready"],
    [{ type: "self_managed_certs", status: "disabled" }, "finding", "disabled"],
  ])("%j → %s", (domain, status, found) => {
    const row = auditChecks(snapshot(domain), config, { unknown: "-" }).find((r) => r.check === "custom domain ready")!;
    expect({ status: row.status, found: row.found }).toEqual({ status, found });
  });
});

describe("the read-only fetch", () => {
  it.each(["PATCH", "POST", "PUT", "DELETE"])(
    "refuses %s on the Management API before anything is sent",
    async (method) => {
      const net = traffic();
      await expect(net.fetch("https://tenant.invalid/api/v2/prompts", { method })).rejects.toThrow(
        new NotReadOnlyError(`refused ${method} /api/v2/prompts: these tools only read`),
      );
      expect(net.managementCalls).toBe(0);
    },
  );
  it("refuses a POST anywhere but the token endpoint", async () => {
    await expect(traffic().fetch("https://tenant.invalid/oauth/revoke", { method: "POST" })).rejects.toThrow(
      NotReadOnlyError,
    );
  });
});
