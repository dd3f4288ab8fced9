import { beforeAll, describe, expect, it } from "vitest";
import { event, form, TRUSTED_ABSOLUTE_MS, TRUSTED_IDLE_MS, type EventParts } from "./fixtures";
import { buildActions } from "../../testkit";
import { type Call, NOW, runAction } from "./harness";

beforeAll(async () => {
  await buildActions();
});

const PERSISTENT: Call = ["session.setCookieMode", "persistent"];
const NON_PERSISTENT: Call = ["session.setCookieMode", "non-persistent"];
const TRUSTED_ABSOLUTE: Call = ["session.setExpiresAt", NOW + TRUSTED_ABSOLUTE_MS];
const TRUSTED_IDLE: Call = ["session.setIdleExpiresAt", NOW + TRUSTED_IDLE_MS];
const NOT_EXTENDING = "(want positive integer milliseconds); not extending the session";

interface Case {
  name: string;
  parts: EventParts;
  calls: Call[];
  logs?: string[];
}

const cases: Case[] = [
  // Interactive login, box ticked.
  {
    name: "ticked 'on'",
    parts: { body: form({ "ulp-remember-me": "on" }) },
    calls: [PERSISTENT, TRUSTED_ABSOLUTE, TRUSTED_IDLE],
  },
  {
    name: "ticked true",
    parts: { body: form({ "ulp-remember-me": true }) },
    calls: [PERSISTENT, TRUSTED_ABSOLUTE, TRUSTED_IDLE],
  },
  {
    name: "ticked 'true'",
    parts: { body: form({ "ulp-remember-me": "true" }) },
    calls: [PERSISTENT, TRUSTED_ABSOLUTE, TRUSTED_IDLE],
  },
  {
    name: "ticked on an already persistent session re-applies both lifetimes",
    parts: { body: form({ "ulp-remember-me": "on" }), session: { cookie: { mode: "persistent" } } },
    calls: [PERSISTENT, TRUSTED_ABSOLUTE, TRUSTED_IDLE],
  },
  {
    name: "exact epoch ms (literal check of the arithmetic)",
    parts: { body: form({ "ulp-remember-me": "on" }), secrets: { TRUSTED_ABSOLUTE_MS: "1000", TRUSTED_IDLE_MS: "1" } },
    calls: [PERSISTENT, ["session.setExpiresAt", 1736942401000], ["session.setIdleExpiresAt", 1736942400001]],
  },

  // Interactive login, box not ticked.
  { name: "unticked (field absent)", parts: { body: form() }, calls: [NON_PERSISTENT] },
  { name: "unticked 'off'", parts: { body: form({ "ulp-remember-me": "off" }) }, calls: [NON_PERSISTENT] },
  { name: "unticked 'false'", parts: { body: form({ "ulp-remember-me": "false" }) }, calls: [NON_PERSISTENT] },
  { name: "unticked false", parts: { body: form({ "ulp-remember-me": false }) }, calls: [NON_PERSISTENT] },
  { name: "odd value 'ON' is not a tick", parts: { body: form({ "ulp-remember-me": "ON" }) }, calls: [NON_PERSISTENT] },
  {
    name: "unticked downgrades a persistent session",
    parts: { body: form(), session: { cookie: { mode: "persistent" } } },
    calls: [NON_PERSISTENT],
  },

  // Silent authentication / SSO: no form body.
  {
    name: "silent, persistent (body missing)",
    parts: { session: { cookie: { mode: "persistent" } } },
    calls: [TRUSTED_IDLE],
  },
  {
    name: "silent, persistent (body {})",
    parts: { body: {}, session: { cookie: { mode: "persistent" } } },
    calls: [TRUSTED_IDLE],
  },
  { name: "silent, non-persistent", parts: { session: { cookie: { mode: "non-persistent" } } }, calls: [] },
  { name: "silent, cookie mode unknown", parts: { session: { cookie: undefined } }, calls: [] },

  // No session: api.session must not be touched.
  { name: "no session, ticked", parts: { session: null, body: form({ "ulp-remember-me": "on" }) }, calls: [] },
  {
    name: "session without id, ticked",
    parts: { session: { id: "" }, body: form({ "ulp-remember-me": "on" }) },
    calls: [],
  },
  { name: "no session, unticked", parts: { session: null, body: form() }, calls: [] },

  // The box counts only from the POST body.
  { name: "forged query, silent", parts: { query: { "ulp-remember-me": "on" } }, calls: [] },
  {
    name: "forged query, unticked form",
    parts: { query: { "ulp-remember-me": "on" }, body: form() },
    calls: [NON_PERSISTENT],
  },

  // Missing or malformed secrets: keep the cookie choice, never extend, say why in one line.
  {
    name: "TRUSTED_ABSOLUTE_MS missing",
    parts: { body: form({ "ulp-remember-me": "on" }), secrets: { TRUSTED_ABSOLUTE_MS: undefined } },
    calls: [PERSISTENT],
    logs: [`[kmsi] TRUSTED_ABSOLUTE_MS is missing ${NOT_EXTENDING}`],
  },
  {
    name: "TRUSTED_IDLE_MS empty counts as missing",
    parts: { body: form({ "ulp-remember-me": "on" }), secrets: { TRUSTED_IDLE_MS: "" } },
    calls: [PERSISTENT],
    logs: [`[kmsi] TRUSTED_IDLE_MS is missing ${NOT_EXTENDING}`],
  },
  ...["7d", "0", "-5", "1e9", "3600000.5", " 3600000", "0x10", "99999999999999999999"].map((bad): Case => ({
    name: `TRUSTED_IDLE_MS malformed ${JSON.stringify(bad)}`,
    parts: { body: form({ "ulp-remember-me": "on" }), secrets: { TRUSTED_IDLE_MS: bad } },
    calls: [PERSISTENT],
    logs: [`[kmsi] TRUSTED_IDLE_MS is malformed ${NOT_EXTENDING}`],
  })),
  {
    name: "both secrets bad: one line naming both",
    parts: {
      body: form({ "ulp-remember-me": true }),
      secrets: { TRUSTED_ABSOLUTE_MS: "abc", TRUSTED_IDLE_MS: undefined },
    },
    calls: [PERSISTENT],
    logs: [`[kmsi] TRUSTED_ABSOLUTE_MS is malformed, TRUSTED_IDLE_MS is missing ${NOT_EXTENDING}`],
  },
  {
    name: "silent persistent with a bad secret: no idle re-apply",
    parts: { session: { cookie: { mode: "persistent" } }, secrets: { TRUSTED_ABSOLUTE_MS: "soon" } },
    calls: [],
    logs: [`[kmsi] TRUSTED_ABSOLUTE_MS is malformed ${NOT_EXTENDING}`],
  },
  {
    name: "unticked with missing secrets: they are not needed, no log",
    parts: { body: form(), secrets: { TRUSTED_ABSOLUTE_MS: undefined, TRUSTED_IDLE_MS: undefined } },
    calls: [NON_PERSISTENT],
  },
];

describe("kmsi bundle", () => {
  it.each(cases)("$name", async ({ parts, calls, logs = [] }) => {
    const run = await runAction("kmsi", event(parts));
    expect(run.calls).toEqual(calls);
    expect(run.logs).toEqual(logs);
  });

  it("never uses the misspelled cookie mode", async () => {
    for (const { parts } of cases) {
      const run = await runAction("kmsi", event(parts));
      expect(run.calls.flat()).not.toContain("nonpersistent");
    }
  });

  it("tolerates an event with no secrets object at all", async () => {
    const bare = event({ body: form({ "ulp-remember-me": "on" }) });
    const run = await runAction("kmsi", { ...bare, secrets: undefined as unknown as typeof bare.secrets });
    expect(run.calls).toEqual([PERSISTENT]);
    expect(run.logs).toEqual([`[kmsi] TRUSTED_ABSOLUTE_MS is missing, TRUSTED_IDLE_MS is missing ${NOT_EXTENDING}`]);
  });
});
