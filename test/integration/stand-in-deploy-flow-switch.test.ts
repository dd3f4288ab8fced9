/**
 * Issue #11 item 4, through the stand-in provider and the local tenant: switching `loginFlow` on a deployed stack
 * moves the checkbox, leaving exactly one, on the new prompt, and the next refreshed preview is clean. The
 * provider keeps a partial's id on its first prompt and reads it from there, so an in-place update would leave
 * the old checkbox behind and never converge; the program replaces the partial instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderKmsiPartial } from "../../components";
import { type LocalTenant, removeTempStateDirs, startTestTenant, type TenantClient } from "../../packages/local-tenant";
import { type Deployment, deployStackToLocalTenant, previewStackOnLocalTenant } from "../testkit";

let tenant: LocalTenant;
let client: TenantClient;
beforeAll(async () => {
  ({ tenant, client } = await startTestTenant());
});
afterAll(async () => {
  await tenant?.stop();
  removeTempStateDirs();
});

/** Every prompt that can carry partials (the local tenant's list, README "Rules"). */
const PROMPTS = ["login", "login-id", "login-password", "login-passwordless", "signup", "signup-id", "signup-password"];
const CHECKBOX = renderKmsiPartial("Keep me signed in on this device");

/** Where the checkbox is, over every prompt: `prompt/screen`. */
async function checkboxes(): Promise<string[]> {
  const found: string[] = [];
  for (const prompt of PROMPTS) {
    const partials = (await client.get(`/api/v2/prompts/${prompt}/partials`)).json as Record<
      string,
      Record<string, string>
    >;
    for (const [screen, points] of Object.entries(partials)) {
      if (Object.values(points).includes(CHECKBOX)) found.push(`${prompt}/${screen}`);
    }
  }
  return found;
}

const writes = (deployment: Deployment) =>
  deployment.calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)}`);
const changes = (deployment: Deployment) =>
  deployment.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.name} ${s.diffs.join(",")}`.trim());

describe("switching loginFlow on a deployed stack", () => {
  let identifierFirst: Deployment;
  let classic: Deployment;
  beforeAll(async () => {
    identifierFirst = await deployStackToLocalTenant(tenant, { stack: "local" });
    classic = await deployStackToLocalTenant(tenant, {
      stack: "local",
      previous: identifierFirst,
      refresh: true,
      overrides: { loginFlow: "classic" },
    });
  });

  it("starts with the checkbox on login-id", () => {
    expect(identifierFirst.steps.map((s) => s.op)).toEqual(Array(8).fill("create"));
  });

  it("replaces the partial (new prompt first, then the old one cleared) and updates the prompt setting", () => {
    expect(changes(classic)).toEqual([
      "update universal-login-prompt identifierFirst",
      "replace universal-login-kmsi-partial promptType,screenPartials",
    ]);
    expect(writes(classic)).toEqual([
      `PATCH /api/v2/prompts ${JSON.stringify({ universal_login_experience: "new", identifier_first: false })}`,
      `PUT /api/v2/prompts/login/partials ${JSON.stringify({ login: { "form-content-end": CHECKBOX } })}`,
      "PUT /api/v2/prompts/login-id/partials {}",
    ]);
  });

  it("leaves exactly one checkbox, on the login screen", async () => {
    expect(await checkboxes()).toEqual(["login/login"]);
    expect((await client.get("/api/v2/prompts")).json).toMatchObject({ identifier_first: false });
  });

  it("previews clean afterwards, refreshed", async () => {
    const preview = await previewStackOnLocalTenant(tenant, {
      stack: "local",
      previous: classic,
      refresh: true,
      overrides: { loginFlow: "classic" },
    });
    expect(changes(preview)).toEqual([]);
  });

  it("and switching back moves it back to login-id, again exactly one", async () => {
    const back = await deployStackToLocalTenant(tenant, { stack: "local", previous: classic, refresh: true });
    expect(changes(back)).toEqual([
      "update universal-login-prompt identifierFirst",
      "replace universal-login-kmsi-partial promptType,screenPartials",
    ]);
    expect(await checkboxes()).toEqual(["login-id/login-id"]);
    const preview = await previewStackOnLocalTenant(tenant, { stack: "local", previous: back, refresh: true });
    expect(changes(preview)).toEqual([]);
  });
});
