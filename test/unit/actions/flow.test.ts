/**
 * risk then kmsi, as bound in the post-login flow. Auth0 keeps the earliest expiry set in a transaction, so the
 * effective values are the minimum over both Actions' calls; the per-connection and per-organization limits must
 * survive kmsi's trusted-device lifetimes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CREATED, event, form, TRUSTED_ABSOLUTE_MS, TRUSTED_IDLE_MS, type EventParts } from "./fixtures";
import { buildActions } from "../../testkit";
import { type Call, DAY, HOUR, NOW, runFlow } from "./harness";

beforeAll(async () => {
  await buildActions();
});

/** What Auth0 keeps: the earliest value per expiry method, or undefined if none was set. */
function effective(calls: Call[], method: "session.setExpiresAt" | "session.setIdleExpiresAt"): number | undefined {
  const values = calls.filter(([name]) => name === method).map(([, at]) => at as number);
  return values.length === 0 ? undefined : Math.min(...values);
}

const TICKED = form({ "ulp-remember-me": "on" });

interface Case {
  name: string;
  parts: EventParts;
  calls: Call[];
  absolute: number | undefined;
  idle: number | undefined;
}

const cases: Case[] = [
  {
    name: "ticked login: connection and organization limits beat the trusted lifetimes",
    parts: {
      body: TICKED,
      connectionMetadata: { session_timeout: String(8 * HOUR) },
      organizationMetadata: { idle_session_timeout: "900000" },
    },
    calls: [
      ["session.setExpiresAt", CREATED + 8 * HOUR],
      ["session.setIdleExpiresAt", NOW + 900000],
      ["session.setCookieMode", "persistent"],
      ["session.setExpiresAt", NOW + TRUSTED_ABSOLUTE_MS],
      ["session.setIdleExpiresAt", NOW + TRUSTED_IDLE_MS],
    ],
    absolute: CREATED + 8 * HOUR,
    idle: NOW + 900000,
  },
  {
    name: "ticked login: a longer connection lifetime leaves the trusted lifetime in force",
    parts: { body: TICKED, connectionMetadata: { session_timeout: String(90 * DAY) } },
    calls: [
      ["session.setExpiresAt", CREATED + 90 * DAY],
      ["session.setCookieMode", "persistent"],
      ["session.setExpiresAt", NOW + TRUSTED_ABSOLUTE_MS],
      ["session.setIdleExpiresAt", NOW + TRUSTED_IDLE_MS],
    ],
    absolute: NOW + TRUSTED_ABSOLUTE_MS,
    idle: NOW + TRUSTED_IDLE_MS,
  },
  {
    name: "silent on a persistent session: organization idle beats the re-applied trusted idle",
    parts: {
      session: { cookie: { mode: "persistent" } },
      connectionMetadata: { session_timeout: String(8 * HOUR) },
      organizationMetadata: { idle_session_timeout: "900000" },
    },
    calls: [
      ["session.setExpiresAt", CREATED + 8 * HOUR],
      ["session.setIdleExpiresAt", NOW + 900000],
      ["session.setIdleExpiresAt", NOW + TRUSTED_IDLE_MS],
    ],
    absolute: CREATED + 8 * HOUR,
    idle: NOW + 900000,
  },
  {
    name: "revoked by risk: the transaction ends there, kmsi never extends the revoked session",
    parts: {
      body: TICKED,
      request: { ip: "192.0.2.10", asn: "AS64511" },
      connectionMetadata: { session_timeout: String(8 * HOUR) },
    },
    calls: [["session.revoke", "Network (ASN) changed during the session; sign in again"]],
    absolute: undefined,
    idle: undefined,
  },
];

describe("risk then kmsi", () => {
  it.each(cases)("$name", async ({ parts, calls, absolute, idle }) => {
    const run = await runFlow(["risk", "kmsi"], event(parts));
    expect(run.calls).toEqual(calls);
    expect(effective(run.calls, "session.setExpiresAt")).toBe(absolute);
    expect(effective(run.calls, "session.setIdleExpiresAt")).toBe(idle);
    expect(run.logs).toEqual([]);
  });
});
