/**
 * Conformance: every request of every recording in shared/auth0-recordings is replayed, in order, against a
 * fresh local tenant, and the status code and the recorded answer's fields are compared.
 *
 * Recorded ids (custom domains, actions, versions, bindings) are mapped to the ones the local tenant hands
 * out, and the recorded tenant host to the local one (requests are sent by path). The recordings were made on
 * a real tenant with state left by earlier tests and with real build times, so:
 * - PRE_STATE puts each fresh tenant in the state the recording started from (through the API);
 * - the replay re-reads an action while it is still building when the recording shows it already "built" or
 *   "failed" (as the provider itself polls);
 * - every remaining difference (a field missing, different, or sent locally where Auth0 sent none) must match a
 *   row of ACCEPTED below, which says why it is accepted.
 * Response headers are compared as far as the recordings hold them (compareHeaders, compareContentLength: the
 * recorder kept only Content-Type, and Content-Length as go-vcr's content_length); those differences are named
 * "header <Name>" and go through ACCEPTED like the body's.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../src/index";
import type { TenantClient } from "../src/client";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  compare,
  compareContentLength,
  compareHeaders,
  type Difference,
  IdMap,
  type Interaction,
  loadRecording,
  parseJson,
  recordedLength,
  recordingFiles,
  RECORDINGS_DIR,
  SHARED_RECORDINGS_DIR,
} from "./helpers/recordings";
import { removeTempStateDirs, startTestTenant } from "./helpers/tenant";

interface Accepted {
  /** Recording files, or "*" for every one. */
  file: "*" | readonly string[];
  /** Which interactions: "*" or a pattern on "<METHOD> <path>" of the recorded request. */
  interaction: "*" | RegExp;
  /** Field pattern; "*" matches one key, "[*]" an array position. */
  field: RegExp;
  reason: string;
  /** Both values must still satisfy this; `recorded` is undefined for a field only the local answer has. */
  check: (recorded: unknown, actual: unknown, context: { ids: IdMap }) => boolean;
  /** Timing-dependent rows may see no difference in a given run. */
  mayNotOccur?: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Recorded on 2025-04-25 (terraform-provider-auth0 commit 8e16edc5), before Auth0's multiple-custom-domains API
 * (provider #1258, 2025-07-15): a custom domain there has no `is_default` and no `created_at`, and the first one
 * is `primary: true`. TestAccCustomDomain.yaml (2026-01-28) shows the current shape, which the local tenant sends:
 * `"primary":false,"is_default":false`, and `created_at` in milliseconds.
 */
const OLDER_CUSTOM_DOMAIN_SHAPE = ["TestAccBranding.yaml", "TestAccPromptScreenPartials.yaml"] as const;

export const ACCEPTED: Accepted[] = [
  {
    file: "*",
    interaction: "*",
    field: /(^|\.)(created_at|updated_at|build_time|built_at)$/,
    reason: "timestamps record when the request ran; compared as RFC 3339 UTC instants only",
    check: (recorded, actual) => typeof recorded === "string" && typeof actual === "string" && RFC3339.test(actual),
  },
  {
    file: "*",
    interaction: /custom-domains/,
    field: /(^|\.)verification\.methods\[\*\]\.record$/,
    reason: "TXT records are random per domain; CNAME targets embed the tenant name, region and the (mapped) domain id",
    check: (recorded, actual) =>
      typeof recorded === "string" &&
      typeof actual === "string" &&
      (UUID.test(actual) || /^[a-z0-9-]+-cd-[a-z0-9]{16}\.edge\.tenants\.us\.auth0\.com$/.test(actual)),
  },
  {
    file: OLDER_CUSTOM_DOMAIN_SHAPE,
    interaction: /custom-domains/,
    field: /(^|\.)primary$/,
    reason:
      "older custom-domain shape (OLDER_CUSTOM_DOMAIN_SHAPE): the first domain was primary:true; current answers (TestAccCustomDomain.yaml) and the local tenant say false",
    check: (recorded, actual) => recorded === true && actual === false,
  },
  {
    file: OLDER_CUSTOM_DOMAIN_SHAPE,
    interaction: /custom-domains/,
    field: /(^|\.)is_default$/,
    reason:
      "older custom-domain shape (OLDER_CUSTOM_DOMAIN_SHAPE) had no is_default; current answers (TestAccCustomDomain.yaml) and the local tenant send is_default:false",
    check: (recorded, actual) => recorded === undefined && actual === false,
  },
  {
    file: OLDER_CUSTOM_DOMAIN_SHAPE,
    interaction: /custom-domains/,
    field: /(^|\.)created_at$/,
    reason:
      "older custom-domain shape (OLDER_CUSTOM_DOMAIN_SHAPE) had no created_at; current answers (TestAccCustomDomain.yaml) and the local tenant send it, in milliseconds",
    check: (recorded, actual) =>
      recorded === undefined &&
      typeof actual === "string" &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(actual),
  },
  {
    file: "*",
    interaction: /^GET \/api\/v2\/actions\/actions\/[^/]+$/,
    field: /^status$/,
    reason:
      "transient build states (pending/building/retrying) depend on real build timing; the local build takes 60 ms",
    check: (recorded, actual) =>
      ["pending", "building", "retrying"].includes(String(recorded)) &&
      ["pending", "building", "built", "failed"].includes(String(actual)),
    mayNotOccur: true,
  },
  {
    file: "*",
    interaction: "*",
    field: /^header Content-Length$/,
    reason:
      "Auth0 gzip-compressed the larger answers (go-vcr uncompressed: true, content_length -1) because Go's transport asks for gzip; the local tenant answers uncompressed with the exact Content-Length, which the transport makes invisible to go-auth0",
    check: (recorded, actual) => recorded === "gzip" && typeof actual === "number",
  },
];

/** State each recording's tenant already had, recreated through the API before the replay. */
const PRE_STATE: Record<string, (client: TenantClient, tenant: LocalTenant) => Promise<void>> = {
  "TestAccTenant_Main.yaml": async (client) => {
    await ok(
      client.patch("/api/v2/tenants/settings", {
        friendly_name: "My Test Tenant with Token Quota",
        picture_url: "https://example.com/logo.png",
        default_directory: "Username-Password-Authentication",
        flags: { enable_dynamic_client_registration: true },
      }),
    );
    await ok(client.patch("/api/v2/branding", { colors: { page_background: "#FF4F40", primary: "#2A2E35" } }));
  },
  "TestAccBranding.yaml": async (client) => {
    await ok(client.patch("/api/v2/branding", { colors: { page_background: "#FF4F40", primary: "#2A2E35" } }));
  },
  "TestAccPromptScreenPartials.yaml": async (client) => {
    await ok(
      client.patch("/api/v2/branding", {
        colors: { page_background: "#FF4F40", primary: "#2A2E35" },
        favicon_url: "https://mycompany.org/favicon.ico",
        logo_url: "https://mycompany.org/v1/logo.png",
      }),
    );
  },
  "TestAccPrompt.yaml": async (client) => {
    await ok(client.patch("/api/v2/prompts", { webauthn_platform_first_factor: true }));
  },
  // A bound action left by another provider test (TestAccAction_DeleteWithUnbind) shows up in this file's bindings.
  "TestAccAction.yaml": async (client) => {
    const created = await ok(
      client.post("/api/v2/actions/actions", {
        name: "Test Action Delete With Unbind TestAccAction_DeleteWithUnbind",
        supported_triggers: [{ id: "post-login", version: "v3" }],
        code: "exports.onExecutePostLogin = async (event, api) => {};",
        runtime: "node18-actions",
      }),
    );
    await waitForBuild(client, created.json.id as string);
    await ok(client.post(`/api/v2/actions/actions/${created.json.id}/deploy`));
    await ok(
      client.patch("/api/v2/actions/triggers/post-login/bindings", {
        bindings: [
          {
            ref: { type: "action_id", value: created.json.id },
            display_name: "Test Action Delete With Unbind TestAccAction_DeleteWithUnbind",
          },
        ],
      }),
    );
  },
};

/**
 * TestAccAction's last update adds the dependency crypto@17.7.1, which npm cannot install, and the recorded
 * build ends "failed"; the local tenant cannot ask npm, so the replay names it through fault injection.
 */
const FAILING_BUILDS: Record<string, string[]> = { "TestAccAction.yaml": ["crypto@17.7.1"] };

async function ok<T extends { status: number; text: string }>(response: Promise<T>): Promise<T> {
  const res = await response;
  if (res.status >= 300) throw new Error(`pre-state request failed: ${res.status} ${res.text}`);
  return res;
}

async function waitForBuild(client: TenantClient, id: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await client.get(`/api/v2/actions/actions/${id}`);
    if (res.json?.status === "built" || res.json?.status === "failed") return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`action ${id} did not finish building`);
}

interface Finding {
  file: string;
  index: number;
  request: string;
  difference: Difference;
}

describe("conformance with recorded Auth0 traffic", () => {
  const files = recordingFiles();
  const used = new Map<Accepted, number>();
  const statusMismatches: string[] = [];
  const unaccepted: Finding[] = [];
  let replayed = 0;

  afterAll(removeTempStateDirs);

  for (const file of files) {
    it(`replays ${file}`, async () => {
      const { tenant, client } = await startTestTenant({ faults: { failBuilds: FAILING_BUILDS[file] ?? [] } });
      try {
        await PRE_STATE[file]?.(client, tenant);
        const ids = new IdMap();
        for (const interaction of loadRecording(file)) {
          replayed += 1;
          await replay(file, interaction, client, ids);
        }
        expect(ids.conflicts, "a recorded id mapped to two local ids").toEqual([]);
      } finally {
        await tenant.stop();
      }
    });
  }

  async function replay(file: string, interaction: Interaction, client: TenantClient, ids: IdMap): Promise<void> {
    const path = ids.apply(interaction.path);
    const withBody = interaction.method !== "GET" && interaction.method !== "DELETE" && interaction.requestBody !== "";
    const send = () =>
      client.send(
        interaction.method,
        path,
        withBody
          ? { raw: ids.apply(interaction.requestBody), contentType: interaction.contentType ?? "application/json" }
          : {},
      );
    let res = await send();
    const recorded = parseJson(interaction.responseBody);
    // Poll like the provider while the recording already shows the build finished.
    if (interaction.method === "GET" && /^\/api\/v2\/actions\/actions\/[^/?]+$/.test(interaction.path)) {
      const want = (recorded as { status?: string } | undefined)?.status;
      for (
        let i = 0;
        i < 200 &&
        (want === "built" || want === "failed") &&
        (res.json?.status === "pending" || res.json?.status === "building");
        i++
      ) {
        await new Promise((r) => setTimeout(r, 10));
        res = await send();
      }
    }
    const request = `${interaction.method} ${interaction.path}`;
    if (res.status !== interaction.status)
      statusMismatches.push(
        `${file}#${interaction.index} ${request}: recorded ${interaction.status}, local ${res.status} ${res.text.slice(0, 200)}`,
      );
    // Both sides parsed alike, so an empty recorded answer (undefined) must be empty locally too.
    const local = parseJson(res.text);
    ids.learn(recorded, local);
    const differences = [
      ...compare(recorded, local, ids),
      ...compareHeaders(interaction.responseHeaders, res.headers),
      ...compareContentLength(recordedLength(interaction), res),
    ];
    for (const difference of differences) {
      const rule = ACCEPTED.find(
        (r) =>
          (r.file === "*" || r.file.includes(file)) &&
          (r.interaction === "*" || r.interaction.test(request)) &&
          r.field.test(difference.field) &&
          r.check(difference.recorded, difference.actual, { ids }),
      );
      if (rule) used.set(rule, (used.get(rule) ?? 0) + 1);
      else unaccepted.push({ file, index: interaction.index, request, difference });
    }
  }

  it("answers every recorded request with the recorded status code", () => {
    expect(replayed).toBeGreaterThan(300);
    expect(statusMismatches).toEqual([]);
  });

  it("differs from the recorded answers only as ACCEPTED lists", () => {
    const shown = unaccepted
      .slice(0, 40)
      .map(
        (f) =>
          `${f.file}#${f.index} ${f.request} ${f.difference.field}: recorded ${JSON.stringify(f.difference.recorded)?.slice(0, 120)}, local ${JSON.stringify(f.difference.actual)?.slice(0, 120)}`,
      );
    expect(shown).toEqual([]);
    // Every row must still be needed, so the table cannot silently grow stale.
    const unused = ACCEPTED.filter((rule) => !rule.mayNotOccur && !used.has(rule)).map((rule) => rule.reason);
    expect(unused).toEqual([]);
  });
});

describe.runIf(existsSync(SHARED_RECORDINGS_DIR))("the vendored recordings", () => {
  it("are byte for byte the ones in ../shared/auth0-recordings", () => {
    const names = readdirSync(SHARED_RECORDINGS_DIR)
      .filter((name) => name.endsWith(".yaml"))
      .sort();
    expect(recordingFiles()).toEqual(names);
    for (const name of names) {
      expect([name, readFileSync(join(RECORDINGS_DIR, name), "utf8")]).toEqual([
        name,
        readFileSync(join(SHARED_RECORDINGS_DIR, name), "utf8"),
      ]);
    }
  });
});
