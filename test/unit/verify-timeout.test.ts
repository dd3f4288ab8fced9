/**
 * customDomain.verifyTimeout (issue #11 item 5): how long the provider's verification loop may wait, applied as
 * the create timeout of auth0.CustomDomainVerification instead of the provider's 5 minutes.
 */
import { describe, expect, it } from "vitest";
import { DEFAULTS, MINUTE_MS, parseDuration, parseStackConfig, VERIFY_TIMEOUT_MAX_MS } from "../../config";
import { asPulumiHandsOver, runProgram } from "../testkit";

const BASE = { plan: "enterprise" };
const parse = (customDomain: Record<string, unknown>) =>
  parseStackConfig({ ...BASE, customDomain: { domain: "login.example.com", ...customDomain } });

describe("the schema", () => {
  it.each([
    [undefined, 15 * MINUTE_MS],
    ["1m", MINUTE_MS],
    ["25m", 25 * MINUTE_MS],
    ["0h20m", 20 * MINUTE_MS],
  ])("accepts %j", (written, ms) => {
    expect(parse(written === undefined ? {} : { verifyTimeout: written }).customDomain.verifyTimeout).toBe(ms);
  });

  it("has a default within its limits, and the maximum leaves the 30-minute deploy job time to finish", () => {
    expect(parseDuration(DEFAULTS.customDomain.verifyTimeout)).toBe(15 * MINUTE_MS);
    expect(VERIFY_TIMEOUT_MAX_MS).toBe(25 * MINUTE_MS);
  });

  it.each([
    ["26m", 'customDomain.verifyTimeout: "26m" — at most 25m, so the deploy job (30m) can finish'],
    ["1h", 'customDomain.verifyTimeout: "1h" — at most 25m, so the deploy job (30m) can finish'],
    ["0m", 'customDomain.verifyTimeout: "0m" — at least 1m'],
    ["90s", 'customDomain.verifyTimeout: "90s" — a duration of whole minutes like 30m, 12h, 7d or 1d12h'],
    [15, "customDomain.verifyTimeout: 15 — a duration of whole minutes like 30m, 12h, 7d or 1d12h"],
  ])("refuses %j in the house style", (written, line) => {
    expect(() => parse({ verifyTimeout: written })).toThrow(
      `Invalid auth0-sessions stack config (1 problem):\n${line}`,
    );
  });
});

describe("the program", () => {
  it.each([
    [{ verify: true }, { create: "15m" }],
    [{ verify: true, verifyTimeout: "25m" }, { create: "25m" }],
    [{ verify: true, verifyTimeout: "1m" }, { create: "1m" }],
  ])("gives the verification %j the custom timeouts %j", async (customDomain, timeouts) => {
    const run = await runProgram({
      stack: "variant",
      config: asPulumiHandsOver({
        "auth0-sessions:plan": "enterprise",
        "auth0-sessions:customDomain": { domain: "login.example.com", ...customDomain },
      }),
    });
    expect(run.one("auth0:index/customDomainVerification:CustomDomainVerification").customTimeouts).toEqual(timeouts);
    // Only the verification waits; every other resource keeps the provider's own timeouts.
    expect(run.registrations.filter((r) => Object.keys(r.customTimeouts).length > 0).map((r) => r.name)).toEqual([
      "login-domain-verification",
    ]);
  });
});
