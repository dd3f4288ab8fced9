/**
 * Management API steps a test or the bench takes by hand against a local tenant (not through our stack): insist
 * on a 2xx answer, and create, build and deploy a post-login Action the way the dashboard does.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Response, TenantClient } from "../../packages/local-tenant";

/** The answer when it is a 2xx; otherwise fails with the status and body, so a setup step cannot fail silently. */
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

/** Waits (up to 10 s) until the tenant has built the Action, as the dashboard does before it offers Deploy. */
export async function waitBuilt(client: TenantClient, id: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const status = (await ok(client.get(`/api/v2/actions/actions/${id}`))).json.status;
    if (status === "built") return;
    await sleep(25);
  }
  throw new Error(`action ${id} did not build`);
}
