import { beforeAll, describe, expect, it } from "vitest";
import { CREATED, event, form, type EventParts } from "./fixtures";
import { buildActions } from "../../testkit";
import { type Call, HOUR, NOW, runAction } from "./harness";

beforeAll(async () => {
  await buildActions();
});

const ASN_REVOKE: Call = ["session.revoke", "Network (ASN) changed during the session; sign in again"];
const IP_REVOKE: Call = ["session.revoke", "IP address changed during the session; sign in again"];
const OTHER_ASN = { ip: "192.0.2.10", asn: "AS64511" };
const OTHER_IP = { ip: "198.51.100.7", asn: "AS64500" };
const OTHER_BOTH = { ip: "198.51.100.7", asn: "AS64511" };
const CONNECTION_8H = { session_timeout: String(8 * HOUR) };
const ORG_15M = { idle_session_timeout: String(15 * 60 * 1000) };
const WANT_MS = "want positive integer milliseconds";

interface Case {
  name: string;
  parts: EventParts;
  calls: Call[];
  logs?: string[];
}

const cases: Case[] = [
  // Network binding: asn (the default stack value).
  { name: "asn: same ASN", parts: {}, calls: [] },
  { name: "asn: same ASN, other IP", parts: { request: OTHER_IP }, calls: [] },
  { name: "asn: ASN change revokes", parts: { request: OTHER_ASN }, calls: [ASN_REVOKE] },
  {
    name: "asn: revoke ends the Action (metadata ignored)",
    parts: { request: OTHER_ASN, connectionMetadata: CONNECTION_8H, organizationMetadata: ORG_15M },
    calls: [ASN_REVOKE],
  },
  {
    name: "asn: change on an interactive login still revokes",
    parts: { request: OTHER_ASN, body: form() },
    calls: [ASN_REVOKE],
  },
  {
    name: "asn: no initial_asn (old session)",
    parts: { request: OTHER_ASN, session: { device: { initial_ip: "192.0.2.10" } } },
    calls: [],
  },
  { name: "asn: no device at all", parts: { request: OTHER_BOTH, session: { device: undefined } }, calls: [] },
  { name: "asn: request without ASN", parts: { request: { ip: "192.0.2.10" } }, calls: [] },
  { name: "asn: empty request ASN", parts: { request: { ip: "192.0.2.10", asn: "" } }, calls: [] },

  // Network binding: ip.
  {
    name: "ip: IP change revokes",
    parts: { secrets: { NETWORK_BINDING: "ip" }, request: OTHER_IP },
    calls: [IP_REVOKE],
  },
  {
    name: "ip: ASN change, same IP, no revoke",
    parts: { secrets: { NETWORK_BINDING: "ip" }, request: OTHER_ASN },
    calls: [],
  },
  { name: "ip: same IP", parts: { secrets: { NETWORK_BINDING: "ip" } }, calls: [] },
  {
    name: "ip: no initial_ip",
    parts: { secrets: { NETWORK_BINDING: "ip" }, request: OTHER_IP, session: { device: { initial_asn: "AS64500" } } },
    calls: [],
  },
  {
    name: "ip: request without IP",
    parts: { secrets: { NETWORK_BINDING: "ip" }, request: { asn: "AS64500" } },
    calls: [],
  },

  // Network binding: off.
  { name: "off: never revokes", parts: { secrets: { NETWORK_BINDING: "off" }, request: OTHER_BOTH }, calls: [] },

  // No session: nothing at all, not even secret parsing logs.
  {
    name: "no session",
    parts: {
      session: null,
      request: OTHER_BOTH,
      connectionMetadata: CONNECTION_8H,
      secrets: { NETWORK_BINDING: undefined },
    },
    calls: [],
  },
  { name: "session without id", parts: { session: { id: "" }, request: OTHER_BOTH }, calls: [] },

  // Connection lifetime: absolute expiry = created_at + session_timeout.
  {
    name: "connection session_timeout (string)",
    parts: { connectionMetadata: CONNECTION_8H },
    calls: [["session.setExpiresAt", CREATED + 8 * HOUR]],
  },
  {
    name: "connection session_timeout (number)",
    parts: { connectionMetadata: { session_timeout: 8 * HOUR } },
    calls: [["session.setExpiresAt", CREATED + 8 * HOUR]],
  },
  {
    name: "connection session_timeout, exact epoch ms",
    parts: { connectionMetadata: { session_timeout: "60000" } },
    calls: [["session.setExpiresAt", 1736938860000]],
  },
  {
    name: "connection session_timeout already elapsed still applies (ends the session)",
    parts: { connectionMetadata: { session_timeout: "60000" }, session: { created_at: "2025-01-01T00:00:00.000Z" } },
    calls: [["session.setExpiresAt", Date.UTC(2025, 0, 1) + 60000]],
  },
  {
    name: "connection metadata empty value is unset",
    parts: { connectionMetadata: { session_timeout: "" } },
    calls: [],
  },
  {
    name: "CONNECTION_LIFETIMES off",
    parts: { connectionMetadata: CONNECTION_8H, secrets: { CONNECTION_LIFETIMES: "off" } },
    calls: [],
  },

  // Organization idle: idle expiry = now + idle_session_timeout.
  {
    name: "organization idle_session_timeout (string)",
    parts: { organizationMetadata: ORG_15M },
    calls: [["session.setIdleExpiresAt", NOW + 15 * 60 * 1000]],
  },
  {
    name: "organization idle_session_timeout (number)",
    parts: { organizationMetadata: { idle_session_timeout: 900000 } },
    calls: [["session.setIdleExpiresAt", 1736943300000]],
  },
  {
    name: "ORGANIZATION_IDLE off",
    parts: { organizationMetadata: ORG_15M, secrets: { ORGANIZATION_IDLE: "off" } },
    calls: [],
  },
  {
    name: "connection and organization together, in that order",
    parts: { connectionMetadata: CONNECTION_8H, organizationMetadata: ORG_15M },
    calls: [
      ["session.setExpiresAt", CREATED + 8 * HOUR],
      ["session.setIdleExpiresAt", NOW + 15 * 60 * 1000],
    ],
  },
  {
    name: "ip binding, same IP, limits still apply",
    parts: { secrets: { NETWORK_BINDING: "ip" }, request: OTHER_ASN, connectionMetadata: CONNECTION_8H },
    calls: [["session.setExpiresAt", CREATED + 8 * HOUR]],
  },

  // Malformed metadata: ignored with a log line.
  ...(
    [
      ["abc", '"abc"'],
      ["0", '"0"'],
      ["-3600000", '"-3600000"'],
      ["8h", '"8h"'],
      [0, "0"],
      [-1, "-1"],
      [Number.NaN, "NaN"],
      [1.5, "1.5"],
      [true, "true"],
      [{ ms: 1 }, '{"ms":1}'],
    ] as const
  ).map(([bad, shown]): Case => ({
    name: `connection session_timeout malformed ${shown}`,
    parts: { connectionMetadata: { session_timeout: bad } },
    calls: [],
    logs: [`[risk] ignoring connection session_timeout ${shown}: ${WANT_MS}`],
  })),
  {
    name: "long malformed value is truncated in the log",
    parts: { connectionMetadata: { session_timeout: "x".repeat(100) } },
    calls: [],
    logs: [`[risk] ignoring connection session_timeout "${"x".repeat(36)}...: ${WANT_MS}`],
  },
  {
    name: "unparsable created_at",
    parts: { connectionMetadata: CONNECTION_8H, session: { created_at: "not-a-date" } },
    calls: [],
    logs: ['[risk] ignoring connection session_timeout: session created_at "not-a-date" is not a date'],
  },
  {
    name: "missing created_at",
    parts: { connectionMetadata: CONNECTION_8H, session: { created_at: undefined } },
    calls: [],
    logs: ["[risk] ignoring connection session_timeout: session created_at undefined is not a date"],
  },
  {
    name: "organization idle_session_timeout malformed; connection limit still applied",
    parts: { connectionMetadata: CONNECTION_8H, organizationMetadata: { idle_session_timeout: "15m" } },
    calls: [["session.setExpiresAt", CREATED + 8 * HOUR]],
    logs: [`[risk] ignoring organization idle_session_timeout "15m": ${WANT_MS}`],
  },

  // Missing or malformed secrets: binding falls back to asn, switches to on; one log line each.
  {
    name: "NETWORK_BINDING missing: asn, ASN change revokes",
    parts: { secrets: { NETWORK_BINDING: undefined }, request: OTHER_ASN },
    calls: [ASN_REVOKE],
    logs: ['[risk] NETWORK_BINDING is missing; using "asn"'],
  },
  {
    name: "NETWORK_BINDING malformed 'IP': asn, IP change alone does not revoke",
    parts: { secrets: { NETWORK_BINDING: "IP" }, request: OTHER_IP },
    calls: [],
    logs: ['[risk] NETWORK_BINDING is malformed (want asn | ip | off); using "asn"'],
  },
  {
    name: "NETWORK_BINDING malformed 'none' does not turn binding off",
    parts: { secrets: { NETWORK_BINDING: "none" }, request: OTHER_ASN },
    calls: [ASN_REVOKE],
    logs: ['[risk] NETWORK_BINDING is malformed (want asn | ip | off); using "asn"'],
  },
  {
    name: "CONNECTION_LIFETIMES missing: on",
    parts: { secrets: { CONNECTION_LIFETIMES: undefined }, connectionMetadata: CONNECTION_8H },
    calls: [["session.setExpiresAt", CREATED + 8 * HOUR]],
    logs: ['[risk] CONNECTION_LIFETIMES is missing; using "on"'],
  },
  {
    name: "CONNECTION_LIFETIMES malformed: on",
    parts: { secrets: { CONNECTION_LIFETIMES: "false" }, connectionMetadata: CONNECTION_8H },
    calls: [["session.setExpiresAt", CREATED + 8 * HOUR]],
    logs: ['[risk] CONNECTION_LIFETIMES is malformed (want on | off); using "on"'],
  },
  {
    name: "ORGANIZATION_IDLE missing: on",
    parts: { secrets: { ORGANIZATION_IDLE: "" }, organizationMetadata: ORG_15M },
    calls: [["session.setIdleExpiresAt", NOW + 15 * 60 * 1000]],
    logs: ['[risk] ORGANIZATION_IDLE is missing; using "on"'],
  },
  {
    name: "ORGANIZATION_IDLE malformed: on",
    parts: { secrets: { ORGANIZATION_IDLE: "OFF" }, organizationMetadata: ORG_15M },
    calls: [["session.setIdleExpiresAt", NOW + 15 * 60 * 1000]],
    logs: ['[risk] ORGANIZATION_IDLE is malformed (want on | off); using "on"'],
  },
  {
    name: "all secrets missing: three lines, safe behaviour",
    parts: {
      secrets: { NETWORK_BINDING: undefined, CONNECTION_LIFETIMES: undefined, ORGANIZATION_IDLE: undefined },
      connectionMetadata: CONNECTION_8H,
      organizationMetadata: ORG_15M,
    },
    calls: [
      ["session.setExpiresAt", CREATED + 8 * HOUR],
      ["session.setIdleExpiresAt", NOW + 15 * 60 * 1000],
    ],
    logs: [
      '[risk] NETWORK_BINDING is missing; using "asn"',
      '[risk] CONNECTION_LIFETIMES is missing; using "on"',
      '[risk] ORGANIZATION_IDLE is missing; using "on"',
    ],
  },
];

describe("risk bundle", () => {
  it.each(cases)("$name", async ({ parts, calls, logs = [] }) => {
    const run = await runAction("risk", event(parts));
    expect(run.calls).toEqual(calls);
    expect(run.logs).toEqual(logs);
  });
});
