/**
 * "Never an exception" (README, The Actions): whatever the event and the api hold, the bundled Actions resolve,
 * make no session call they cannot make completely, and say in exactly one log line what they skipped.
 *
 * Seed 003 ("Set session cookie persistence with Actions"): a session call "used in a context where api.session is
 * not available ... fails silently". Our Actions must degrade the same way instead of throwing a TypeError, which
 * fails the login. Every case runs the bundle in node:vm with the inputs passed as they are (no clone, no freeze).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionName } from "../../../actions/bundles";
import { event, form, type EventParts } from "./fixtures";
import { buildActions } from "../../testkit";
import { type Call, fullApi, partialApi, runRaw } from "./harness";

beforeAll(async () => {
  await buildActions();
});

/** A ticked login: kmsi wants all three calls. */
const TICKED = event({ body: form({ "ulp-remember-me": "on" }) });
const TICKED_CALLS =
  'setCookieMode("persistent"), setExpiresAt(2025-02-14T12:00:00.000Z), setIdleExpiresAt(2025-01-22T12:00:00.000Z)';
/** A network change: risk wants to revoke. */
const MOVED = event({ request: { ip: "192.0.2.10", asn: "AS64511" } });
const REVOKE_CALL = 'revoke("Network (ASN) changed during the session; sign in again")';
/** Connection and organization limits: risk wants both expiry calls. */
const LIMITED = event({
  connectionMetadata: { session_timeout: "28800000" },
  organizationMetadata: { idle_session_timeout: "900000" },
});
const LIMIT_CALLS = "setExpiresAt(2025-01-15T19:00:00.000Z), setIdleExpiresAt(2025-01-15T12:15:00.000Z)";

const boom =
  (message = "boom") =>
  () => {
    throw new Error(message);
  };
/** An object whose `key` getter throws. */
const throwingGetter = (base: object, key: string, message = "boom"): object =>
  Object.defineProperty({ ...base }, key, { get: boom(message), enumerable: true });
/** A Proxy on which every read throws. */
const hostile = (message = "trap") => new Proxy({}, { get: boom(message), ownKeys: boom(message) });

interface ApiCase {
  name: string;
  api: (calls: Call[]) => unknown;
  /** What the run reports after "skipped <calls>: ". */
  problem: string;
}

/** Each broken api, for a ticked kmsi login: no call at all, one line naming the calls and every problem. */
const apiCases: ApiCase[] = [
  { name: "api undefined", api: () => undefined, problem: "api is missing" },
  { name: "api null", api: () => null, problem: "api is missing" },
  { name: "api a number", api: () => 42, problem: "api is not an object (got 42)" },
  { name: "api a string", api: () => "api", problem: 'api is not an object (got "api")' },
  { name: "api.session missing (older runtime)", api: () => ({}), problem: "api.session is missing" },
  { name: "api.session null", api: () => ({ session: null }), problem: "api.session is missing" },
  {
    name: "api.session a string",
    api: () => ({ session: "sess" }),
    problem: 'api.session is not an object (got "sess")',
  },
  { name: "api.session a boolean", api: () => ({ session: true }), problem: "api.session is not an object (got true)" },
  {
    name: "api.session getter throws",
    api: () => throwingGetter({}, "session", "no sessions here"),
    problem: "api.session cannot be read (Error: no sessions here)",
  },
  {
    name: "api.session empty",
    api: partialApi({}),
    problem:
      "api.session.setCookieMode is missing, api.session.setExpiresAt is missing, api.session.setIdleExpiresAt is missing",
  },
  {
    name: "only setCookieMode: not even the cookie is set",
    api: partialApi({ setCookieMode: "record" }),
    problem: "api.session.setExpiresAt is missing, api.session.setIdleExpiresAt is missing",
  },
  {
    name: "setIdleExpiresAt missing",
    api: partialApi({ setCookieMode: "record", setExpiresAt: "record" }),
    problem: "api.session.setIdleExpiresAt is missing",
  },
  {
    name: "setExpiresAt not a function",
    api: partialApi({ setCookieMode: "record", setExpiresAt: "soon", setIdleExpiresAt: "record" }),
    problem: 'api.session.setExpiresAt is not a function (got "soon")',
  },
  {
    name: "setCookieMode null, setIdleExpiresAt an object",
    api: partialApi({ setCookieMode: null, setExpiresAt: "record", setIdleExpiresAt: { call: true } }),
    problem: 'api.session.setCookieMode is missing, api.session.setIdleExpiresAt is not a function (got {"call":true})',
  },
  {
    name: "a method getter throws",
    api: (calls) => ({
      session: throwingGetter(
        (partialApi({ setCookieMode: "record", setExpiresAt: "record" })(calls) as { session: object }).session,
        "setIdleExpiresAt",
      ),
    }),
    problem: "api.session.setIdleExpiresAt cannot be read (Error: boom)",
  },
  {
    name: "api.session a Proxy whose every read throws",
    api: () => ({ session: hostile("no") }),
    problem:
      "api.session.setCookieMode cannot be read (Error: no), api.session.setExpiresAt cannot be read (Error: no), " +
      "api.session.setIdleExpiresAt cannot be read (Error: no)",
  },
];

describe("a missing or partial api: no session call, one line saying what was skipped", () => {
  it.each(apiCases)("kmsi, ticked box: $name", async ({ api, problem }) => {
    const run = await runRaw("kmsi", TICKED, api);
    expect(run.calls).toEqual([]);
    expect(run.logs).toEqual([`[kmsi] skipped ${TICKED_CALLS}: ${problem}`]);
  });

  it.each<[string, unknown, ApiCase["api"], string]>([
    ["api undefined", MOVED, () => undefined, `${REVOKE_CALL}: api is missing`],
    ["api.session missing", MOVED, () => ({}), `${REVOKE_CALL}: api.session is missing`],
    [
      "revoke missing, expiry methods there",
      MOVED,
      partialApi({ setExpiresAt: "record", setIdleExpiresAt: "record" }),
      `${REVOKE_CALL}: api.session.revoke is missing`,
    ],
    [
      "revoke not a function",
      MOVED,
      partialApi({ revoke: 1 }),
      `${REVOKE_CALL}: api.session.revoke is not a function (got 1)`,
    ],
    ["limits, api.session missing", LIMITED, () => ({ session: undefined }), `${LIMIT_CALLS}: api.session is missing`],
    [
      "limits, only revoke there",
      LIMITED,
      partialApi({ revoke: "record" }),
      `${LIMIT_CALLS}: api.session.setExpiresAt is missing, api.session.setIdleExpiresAt is missing`,
    ],
  ])("risk: %s", async (_name, input, api, skipped) => {
    const run = await runRaw("risk", input, api);
    expect(run.calls).toEqual([]);
    expect(run.logs).toEqual([`[risk] skipped ${skipped}`]);
  });

  it.each<[ActionName, string, unknown]>([
    ["kmsi", "silent login of a non-persistent session", event()],
    ["kmsi", "no session", event({ session: null, body: form({ "ulp-remember-me": "on" }) })],
    ["risk", "same network, no metadata", event()],
    ["risk", "no session", event({ session: null, request: { ip: "192.0.2.10", asn: "AS64511" } })],
  ])("%s, %s: nothing to call, so no api is needed and nothing is logged", async (name, _what, input) => {
    for (const api of [() => undefined, () => ({}), partialApi({})]) {
      expect(await runRaw(name, input, api)).toEqual({ calls: [], logs: [] });
    }
  });

  it("calls a complete api.session with itself as `this`", async () => {
    const seen: unknown[] = [];
    const run = await runRaw("kmsi", TICKED, (calls) => {
      const session = {
        setCookieMode(this: unknown, mode: unknown) {
          seen.push(this === session);
          calls.push(["session.setCookieMode", mode]);
        },
        setExpiresAt(this: unknown) {
          seen.push(this === session);
        },
        setIdleExpiresAt(this: unknown) {
          seen.push(this === session);
        },
      };
      return { session };
    });
    expect(seen).toEqual([true, true, true]);
    expect(run).toEqual({ calls: [["session.setCookieMode", "persistent"]], logs: [] });
  });
});

describe("a session method that throws: the run ends there with one line", () => {
  const throwingAt = (method: string, thrown: unknown) => (calls: Call[]) => ({
    session: Object.fromEntries(
      ["setCookieMode", "setExpiresAt", "setIdleExpiresAt", "revoke"].map((name) => [
        name,
        (...args: unknown[]) => {
          calls.push([`session.${name}`, ...args]);
          if (name === method) throw thrown;
        },
      ]),
    ),
  });

  it.each<[string, ActionName, unknown, string, unknown, Call[], string]>([
    [
      "the first of three",
      "kmsi",
      TICKED,
      "setCookieMode",
      new Error("sessions are an Enterprise feature"),
      [["session.setCookieMode", "persistent"]],
      '[kmsi] api.session.setCookieMode("persistent") threw (Error: sessions are an Enterprise feature); ' +
        "skipped setExpiresAt(2025-02-14T12:00:00.000Z), setIdleExpiresAt(2025-01-22T12:00:00.000Z)",
    ],
    [
      "the last of three, throwing a string",
      "kmsi",
      TICKED,
      "setIdleExpiresAt",
      "nope",
      [
        ["session.setCookieMode", "persistent"],
        ["session.setExpiresAt", 1739534400000],
        ["session.setIdleExpiresAt", 1737547200000],
      ],
      '[kmsi] api.session.setIdleExpiresAt(2025-01-22T12:00:00.000Z) threw ("nope")',
    ],
    [
      "revoke, throwing a TypeError",
      "risk",
      MOVED,
      "revoke",
      new TypeError("session is gone"),
      [["session.revoke", "Network (ASN) changed during the session; sign in again"]],
      `[risk] api.session.${REVOKE_CALL} threw (TypeError: session is gone)`,
    ],
    [
      "setExpiresAt, throwing an object without a message",
      "risk",
      LIMITED,
      "setExpiresAt",
      { code: 7 },
      [["session.setExpiresAt", 1736967600000]],
      '[risk] api.session.setExpiresAt(2025-01-15T19:00:00.000Z) threw ({"code":7}); skipped setIdleExpiresAt(2025-01-15T12:15:00.000Z)',
    ],
  ])("%s (%s)", async (_name, action, input, method, thrown, calls, line) => {
    const run = await runRaw(action, input, throwingAt(method, thrown));
    expect(run.calls).toEqual(calls);
    expect(run.logs).toEqual([line]);
  });
});

interface EventCase {
  name: string;
  event: () => unknown;
  /** The one line, after "[action] "; per Action where they read differently. */
  problem: string | Record<ActionName, string>;
}

const base = (parts: EventParts = {}) =>
  event({ body: form({ "ulp-remember-me": "on" }), request: { ip: "192.0.2.10", asn: "AS64511" }, ...parts });
const withField = (path: readonly string[], value: unknown): object => {
  const root = structuredClone(base()) as unknown as Record<string, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return root;
};
const withGetter = (path: readonly string[], message = "boom"): object => {
  const root = structuredClone(base()) as unknown as Record<string, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  Object.defineProperty(node, path[path.length - 1], { get: boom(message), enumerable: true });
  return root;
};
const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
/** The host's own wording for a revoked Proxy, so the expectation does not depend on the V8 version. */
const revokedMessage = (() => {
  try {
    Array.isArray(revoked());
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  throw new Error("Array.isArray accepted a revoked Proxy");
})();

/** Events neither Action can read: each gives exactly one line and no session call, from both Actions. */
const eventCases: EventCase[] = [
  { name: "event undefined", event: () => undefined, problem: "event is undefined" },
  { name: "event null", event: () => null, problem: "event is null" },
  { name: "event a string", event: () => "post-login", problem: 'event is not an object (got "post-login")' },
  { name: "event an array", event: () => [1, 2], problem: "event is not an object (got [1,2])" },
  {
    name: "event.session a string",
    event: () => withField(["session"], "sess_1"),
    problem: 'event.session is not an object (got "sess_1")',
  },
  {
    name: "event.session an array",
    event: () => withField(["session"], []),
    problem: "event.session is not an object (got [])",
  },
  {
    name: "event.session getter throws",
    event: () => withGetter(["session"]),
    problem: "event.session cannot be read (Error: boom)",
  },
  {
    name: "event.session a revoked Proxy",
    event: () => withField(["session"], revoked()),
    problem: `event.session cannot be read (${revokedMessage})`,
  },
  {
    name: "event.session.id a number",
    event: () => withField(["session", "id"], 42),
    problem: "event.session.id is not a string (got 42)",
  },
  {
    name: "event.session.id an object",
    event: () => withField(["session", "id"], { id: "s" }),
    problem: 'event.session.id is not a string (got {"id":"s"})',
  },
  {
    name: "event.session.id getter throws",
    event: () => withGetter(["session", "id"]),
    problem: "event.session.id cannot be read (Error: boom)",
  },
  {
    name: "event.session.cookie a string",
    event: () => withField(["session", "cookie"], "persistent"),
    problem: 'event.session.cookie is not an object (got "persistent")',
  },
  {
    name: "event.session.cookie.mode getter throws",
    event: () => withGetter(["session", "cookie", "mode"]),
    problem: "event.session.cookie.mode cannot be read (Error: boom)",
  },
  {
    name: "event.session.device a number",
    event: () => withField(["session", "device"], 5),
    problem: "event.session.device is not an object (got 5)",
  },
  {
    name: "event.session.created_at getter throws",
    event: () => withGetter(["session", "created_at"]),
    problem: "event.session.created_at cannot be read (Error: boom)",
  },
  {
    name: "event.secrets a string",
    event: () => withField(["secrets"], "TRUSTED_IDLE_MS=1"),
    problem: 'event.secrets is not an object (got "TRUSTED_IDLE_MS=1")',
  },
  {
    name: "event.secrets a Proxy whose reads throw (the first secret each Action reads)",
    event: () => withField(["secrets"], hostile("sealed")),
    problem: {
      kmsi: "event.secrets.TRUSTED_ABSOLUTE_MS cannot be read (Error: sealed)",
      risk: "event.secrets.NETWORK_BINDING cannot be read (Error: sealed)",
    },
  },
  {
    name: "event.request a string",
    event: () => withField(["request"], "GET /authorize"),
    problem: 'event.request is not an object (got "GET /authorize")',
  },
  {
    name: "event.request getter throws",
    event: () => withGetter(["request"], "request gone"),
    problem: "event.request cannot be read (Error: request gone)",
  },
  {
    name: "event.request.body a string",
    event: () => withField(["request", "body"], "ulp-remember-me=on"),
    problem: 'event.request.body is not an object (got "ulp-remember-me=on")',
  },
  {
    name: "event.request.body an array",
    event: () => withField(["request", "body"], ["on"]),
    problem: 'event.request.body is not an object (got ["on"])',
  },
  {
    name: "event.request.body a Proxy whose keys throw",
    event: () => withField(["request", "body"], hostile("stream consumed")),
    problem: "event.request.body cannot be read (Error: stream consumed)",
  },
  {
    name: "the checkbox field's getter throws",
    event: () => withGetter(["request", "body", "ulp-remember-me"]),
    problem: 'event.request.body["ulp-remember-me"] cannot be read (Error: boom)',
  },
  {
    name: "event.request.ip getter throws",
    event: () => withGetter(["request", "ip"]),
    problem: "event.request.ip cannot be read (Error: boom)",
  },
];

/** Only risk reads connection and organization metadata. */
const riskOnlyCases: EventCase[] = [
  {
    name: "event.connection a string",
    event: () => withField(["connection"], "con_1"),
    problem: 'event.connection is not an object (got "con_1")',
  },
  {
    name: "event.connection.metadata an array",
    event: () => withField(["connection", "metadata"], []),
    problem: "event.connection.metadata is not an object (got [])",
  },
  {
    name: "event.organization.metadata getter throws",
    event: () => ({
      ...base(),
      organization: Object.defineProperty({ id: "org_1" }, "metadata", { get: boom("org gone"), enumerable: true }),
    }),
    problem: "event.organization.metadata cannot be read (Error: org gone)",
  },
  {
    name: "a metadata value's getter throws",
    event: () => withGetter(["connection", "metadata", "session_timeout"]),
    problem: "event.connection.metadata.session_timeout cannot be read (Error: boom)",
  },
];

describe("an event that cannot be read: no session call, one line naming the field", () => {
  const table: [ActionName, EventCase][] = [
    ...eventCases.map((c): [ActionName, EventCase] => ["kmsi", c]),
    ...[...eventCases, ...riskOnlyCases].map((c): [ActionName, EventCase] => ["risk", c]),
  ];
  it.each(table)("%s: %s", async (action, { event: input, problem }) => {
    const run = await runRaw(action, input(), fullApi);
    expect(run.calls).toEqual([]);
    const line = typeof problem === "string" ? problem : problem[action];
    expect(run.logs).toEqual([`[${action}] ${line}; made no session call`]);
  });

  it("kmsi does not read what it does not use: an unreadable organization does not stop a ticked box", async () => {
    const input = { ...base(), organization: hostile() };
    const run = await runRaw("kmsi", input, fullApi);
    expect(run.calls.map(([method]) => method)).toEqual([
      "session.setCookieMode",
      "session.setExpiresAt",
      "session.setIdleExpiresAt",
    ]);
    expect(run.logs).toEqual([]);
  });

  it("a missing session is read no further: nothing else is looked at, nothing logged", async () => {
    const input = { session: undefined, request: hostile(), secrets: hostile(), connection: hostile() };
    for (const action of ["kmsi", "risk"] as const) {
      expect(await runRaw(action, input, fullApi)).toEqual({ calls: [], logs: [] });
    }
  });
});

/** Leaf values of the wrong type: each skips only the decision that needs it, with its own line. */
describe("wrong-typed values skip only what needs them", () => {
  it.each<[string, ActionName, EventParts, Call[], string[]]>([
    [
      "cookie mode a number: not persistent, silent login does nothing",
      "kmsi",
      { session: { cookie: { mode: 1 as never } } },
      [],
      [],
    ],
    [
      "checkbox value an array: not a tick",
      "kmsi",
      { body: form({ "ulp-remember-me": ["on"] }) },
      [["session.setCookieMode", "non-persistent"]],
      [],
    ],
    [
      "a secret that is a number: malformed (Auth0 sends strings)",
      "kmsi",
      { body: form({ "ulp-remember-me": "on" }), secrets: { TRUSTED_IDLE_MS: 604800000 as never } },
      [["session.setCookieMode", "persistent"]],
      ["[kmsi] TRUSTED_IDLE_MS is malformed (want positive integer milliseconds); not extending the session"],
    ],
    [
      "NETWORK_BINDING a boolean: malformed, asn",
      "risk",
      { secrets: { NETWORK_BINDING: true as never } },
      [],
      ['[risk] NETWORK_BINDING is malformed (want asn | ip | off); using "asn"'],
    ],
    [
      "created_at a number: the connection limit is skipped, the organization limit applies",
      "risk",
      {
        session: { created_at: 1736938800000 as never },
        connectionMetadata: { session_timeout: "28800000" },
        organizationMetadata: { idle_session_timeout: "900000" },
      },
      [["session.setIdleExpiresAt", 1736943300000]],
      ["[risk] ignoring connection session_timeout: session created_at 1736938800000 is not a date"],
    ],
    [
      "request ASN an object: the ASN check is skipped, the limits apply",
      "risk",
      { request: { asn: { as: 64511 } as never }, connectionMetadata: { session_timeout: "28800000" } },
      [["session.setExpiresAt", 1736967600000]],
      ['[risk] skipped the ASN check: event.request.asn {"as":64511} is not an ASN'],
    ],
  ])("%s (%s)", async (_name, action, parts, calls, logs) => {
    expect(await runRaw(action, event(parts), fullApi)).toEqual({ calls, logs });
  });
});
