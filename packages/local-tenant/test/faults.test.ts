/**
 * Fault injection: a seeded fraction of Management API requests answered 429 (Auth0's body and rate-limit
 * headers) or 503, added latency, and failing action builds; settable programmatically and via /__local/faults.
 */
import { describe, expect, it } from "vitest";
import { mulberry32, type LocalTenant } from "../src/index";
import type { TenantClient } from "../src/client";
import { useTestTenant } from "./helpers/tenant";

let tenant: LocalTenant;
let client: TenantClient;

useTestTenant((started) => ({ tenant, client } = started));

const REQUESTS = 200;

/** What the seeded generator predicts for `count` requests (429 band first, then 503). */
function predicted(seed: number, rateLimit: number, unavailable: number, count: number): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const draw = random();
    return draw < rateLimit ? 429 : draw < rateLimit + unavailable ? 503 : 200;
  });
}

describe("429 and 503 faults (30% with seed 42)", () => {
  it("follow the seeded sequence, with Auth0's bodies and rate-limit headers", async () => {
    const settings = await client.post("/__local/faults", {
      seed: 42,
      rateLimitFraction: 0.2,
      unavailableFraction: 0.1,
      rateLimit: { limit: 10, resetSeconds: 2 },
    });
    expect(settings.status).toBe(200);
    expect(settings.json).toMatchObject({
      seed: 42,
      rateLimitFraction: 0.2,
      unavailableFraction: 0.1,
      rateLimit: { limit: 10, resetSeconds: 2 },
    });

    const statuses: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const before = Math.floor(Date.now() / 1000);
      const res = await client.get("/api/v2/prompts");
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.json).toEqual({
          statusCode: 429,
          error: "Too Many Requests",
          message: "Global limit has been reached",
          errorCode: "too_many_requests",
        });
        expect(res.headers["x-ratelimit-limit"]).toBe("10");
        expect(res.headers["x-ratelimit-remaining"]).toBe("0");
        const reset = Number(res.headers["x-ratelimit-reset"]);
        expect(reset).toBeGreaterThanOrEqual(before + 2);
        expect(reset).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 2);
      } else if (res.status === 503) {
        expect(res.json).toEqual({
          statusCode: 503,
          error: "Service Unavailable",
          message: "The service is temporarily unavailable. Please try again later.",
          errorCode: "temporarily_unavailable",
        });
      } else {
        expect(res.json).toMatchObject({ universal_login_experience: "new" });
      }
    }
    expect(statuses).toEqual(predicted(42, 0.2, 0.1, REQUESTS));
    const limited = statuses.filter((s) => s === 429).length;
    const unavailable = statuses.filter((s) => s === 503).length;
    // The seeded run is also a plausible sample of a 20% / 10% split.
    expect(limited / REQUESTS).toBeGreaterThan(0.12);
    expect(limited / REQUESTS).toBeLessThan(0.28);
    expect(unavailable / REQUESTS).toBeGreaterThan(0.04);
    expect(unavailable / REQUESTS).toBeLessThan(0.16);
    // The request log marks which answers were injected.
    const faulted = tenant.requestLog
      .entries()
      .filter((e) => e.path === "/api/v2/prompts")
      .slice(-REQUESTS)
      .map((e) => e.fault ?? "none");
    expect(faulted).toEqual(statuses.map((s) => (s === 429 ? "rate_limit" : s === 503 ? "unavailable" : "none")));
  });

  it("repeats exactly when the same seed is set again (programmatically)", async () => {
    tenant.faults.set({ seed: 42, rateLimitFraction: 0.2, unavailableFraction: 0.1 });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await client.get("/api/v2/branding")).status);
    expect(statuses).toEqual(predicted(42, 0.2, 0.1, 50));
  });

  it("never applies to /oauth/token or /__local", async () => {
    tenant.faults.set({ seed: 7, rateLimitFraction: 1, unavailableFraction: 0 });
    expect((await client.get("/api/v2/prompts")).status).toBe(429);
    expect((await client.get("/__local/faults")).status).toBe(200);
    await expect(client.login()).resolves.toBeTypeOf("string");
    tenant.faults.reset();
    expect((await client.get("/api/v2/prompts")).status).toBe(200);
  });

  it.each([
    [
      "fractions above 1 together",
      '{"rateLimitFraction":0.8,"unavailableFraction":0.5}',
      "rateLimitFraction + unavailableFraction must not exceed 1",
    ],
    ["an unknown setting", '{"rateLimitFraction":0.1,"rateLimitFactor":0.2}', "unknown fault setting: rateLimitFactor"],
    [
      "settings named like object members",
      '{"__proto__":{"latencyMs":5},"constructor":1}',
      "unknown fault setting: __proto__, constructor",
    ],
    ["an unknown rateLimit setting", '{"rateLimit":{"limit":5,"reset":1}}', "unknown fault setting: rateLimit.reset"],
    ["rateLimit that is not an object", '{"rateLimit":"fast"}', "rateLimit must be an object {limit, resetSeconds}"],
    [
      "rateLimit.limit as a string",
      '{"rateLimit":{"limit":"10"}}',
      "rateLimit.limit must be > 0 and rateLimit.resetSeconds >= 0",
    ],
  ])("rejects %s, changing nothing", async (_name, raw, message) => {
    const before = (await client.get("/__local/faults")).json;
    const res = await client.send("POST", "/__local/faults", { raw });
    expect({ status: res.status, body: res.json }).toEqual({
      status: 400,
      body: { statusCode: 400, error: "Bad Request", message },
    });
    expect((await client.get("/__local/faults")).json).toEqual(before);
  });
});

describe("latency", () => {
  it("delays every API answer by latencyMs, and the request log shows it", async () => {
    expect((await client.post("/__local/faults", { latencyMs: 150 })).status).toBe(200);
    const started = performance.now();
    expect((await client.get("/api/v2/tenants/settings")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(tenant.requestLog.entries().at(-1)).toMatchObject({
      method: "GET",
      path: "/api/v2/tenants/settings",
      status: 200,
    });
    expect(tenant.requestLog.entries().at(-1)!.ms).toBeGreaterThanOrEqual(145);
    const control = performance.now();
    await client.get("/__local/requests");
    expect(performance.now() - control).toBeLessThan(145);
    expect((await client.send("DELETE", "/__local/faults")).json).toMatchObject({ latencyMs: 0, rateLimitFraction: 0 });
  });
});

describe("failing builds", () => {
  it("ends the build of an action with a named dependency in status failed, which cannot be deployed", async () => {
    tenant.faults.set({ failBuilds: ["left-pad@0.0.0-missing"] });
    const created = await client.post("/api/v2/actions/actions", {
      name: "broken",
      supported_triggers: [{ id: "post-login", version: "v3" }],
      dependencies: [{ name: "left-pad", version: "0.0.0-missing" }],
    });
    let status = created.json.status as string;
    for (let i = 0; i < 100 && status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = (await client.get(`/api/v2/actions/actions/${created.json.id}`)).json.status;
    }
    expect(status).toBe("failed");
    expect((await client.post(`/api/v2/actions/actions/${created.json.id}/deploy`)).status).toBe(400);
    tenant.faults.reset();
  });
});
