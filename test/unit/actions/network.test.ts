/**
 * Network binding compares canonical forms (actions/network.ts), through the bundled risk Action: one address or
 * ASN written two ways never revokes, a real change does, and garbage never does (one line saying the check was
 * skipped; the metadata limits still apply).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CREATED, event } from "./fixtures";
import { buildActions } from "../../testkit";
import { type Call, fullApi, HOUR, runRaw } from "./harness";

beforeAll(async () => {
  await buildActions();
});

const IP_REVOKE: Call = ["session.revoke", "IP address changed during the session; sign in again"];
const ASN_REVOKE: Call = ["session.revoke", "Network (ASN) changed during the session; sign in again"];
/** Present on every run: applied unless the session is revoked, so a skipped check visibly keeps the limits. */
const LIMIT: Call = ["session.setExpiresAt", CREATED + 8 * HOUR];

function ipRun(initial: unknown, current: unknown) {
  const input = event({
    secrets: { NETWORK_BINDING: "ip" },
    session: { device: { initial_ip: initial as string, initial_asn: "AS64500" } },
    request: { ip: current as string, asn: "AS64500" },
    connectionMetadata: { session_timeout: String(8 * HOUR) },
  });
  return runRaw("risk", input, fullApi);
}

function asnRun(initial: unknown, current: unknown) {
  const input = event({
    session: { device: { initial_ip: "192.0.2.10", initial_asn: initial as string } },
    request: { ip: "192.0.2.10", asn: current as string },
    connectionMetadata: { session_timeout: String(8 * HOUR) },
  });
  return runRaw("risk", input, fullApi);
}

describe("IP binding", () => {
  it.each<[string, string]>([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.7", "::ffff:203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["203.0.113.7", "::FFFF:203.0.113.7"],
    ["203.0.113.7", "::ffff:cb00:7107"],
    ["203.0.113.7", "0:0:0:0:0:ffff:203.0.113.7"],
    ["203.0.113.7", "0000:0000:0000:0000:0000:FFFF:CB00:7107"],
    ["2001:db8::1", "2001:DB8::1"],
    ["2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001"],
    ["2001:db8::1", "2001:db8:0:0:0:0:0:1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:db8:0:0:1:0:0:1", "2001:DB8:0:0:1::1"],
    ["2001:db8::", "2001:db8:0:0:0:0:0:0"],
    ["::1", "0:0:0:0:0:0:0:1"],
    ["::", "0:0:0:0:0:0:0:0"],
    ["fe80::1:2", "FE80:0:0:0:0:0:1:2"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:0.5.0.6"],
  ])("%s and %s are one address: no revoke", async (initial, current) => {
    expect(await ipRun(initial, current)).toEqual({ calls: [LIMIT], logs: [] });
  });

  it.each<[string, string]>([
    ["203.0.113.7", "203.0.113.8"],
    ["203.0.113.7", "::ffff:203.0.113.8"],
    ["::ffff:203.0.113.7", "::ffff:203.0.113.70"],
    ["2001:db8::1", "2001:db8::2"],
    ["2001:db8::1", "2001:db8::1:0"],
    ["2001:db8::1", "203.0.113.7"],
    // Not the IPv4-mapped prefix: an IPv4-compatible (deprecated) or NAT64 address is another address.
    ["203.0.113.7", "::203.0.113.7"],
    ["203.0.113.7", "64:ff9b::203.0.113.7"],
  ])("%s → %s is a change: revoke", async (initial, current) => {
    expect(await ipRun(initial, current)).toEqual({ calls: [IP_REVOKE], logs: [] });
  });

  it.each<[string, unknown, unknown, string]>([
    ["an octet over 255", "203.0.113.7", "203.0.113.256", 'event.request.ip "203.0.113.256" is not an IP address'],
    ["three octets", "203.0.113.7", "203.0.113", 'event.request.ip "203.0.113" is not an IP address'],
    ["five octets", "203.0.113.7", "203.0.113.7.1", 'event.request.ip "203.0.113.7.1" is not an IP address'],
    [
      "a leading zero (octal to some parsers)",
      "203.0.113.7",
      "203.0.113.07",
      'event.request.ip "203.0.113.07" is not an IP address',
    ],
    ["surrounding space", "203.0.113.7", " 203.0.113.7", 'event.request.ip " 203.0.113.7" is not an IP address'],
    ["a port", "203.0.113.7", "203.0.113.7:443", 'event.request.ip "203.0.113.7:443" is not an IP address'],
    ["two ::", "2001:db8::1", "2001::db8::1", 'event.request.ip "2001::db8::1" is not an IP address'],
    [":::", "2001:db8::1", "2001:db8:::1", 'event.request.ip "2001:db8:::1" is not an IP address'],
    ["nine groups", "2001:db8::1", "1:2:3:4:5:6:7:8:9", 'event.request.ip "1:2:3:4:5:6:7:8:9" is not an IP address'],
    [
      "eight groups and ::",
      "2001:db8::1",
      "1:2:3:4::5:6:7:8",
      'event.request.ip "1:2:3:4::5:6:7:8" is not an IP address',
    ],
    ["seven groups, no ::", "2001:db8::1", "1:2:3:4:5:6:7", 'event.request.ip "1:2:3:4:5:6:7" is not an IP address'],
    ["a five-digit group", "2001:db8::1", "2001:0db80::1", 'event.request.ip "2001:0db80::1" is not an IP address'],
    ["a non-hex digit", "2001:db8::1", "2001:db8::g", 'event.request.ip "2001:db8::g" is not an IP address'],
    ["a zone id", "fe80::1", "fe80::1%eth0", 'event.request.ip "fe80::1%eth0" is not an IP address'],
    ["brackets", "2001:db8::1", "[2001:db8::1]", 'event.request.ip "[2001:db8::1]" is not an IP address'],
    [
      "a short embedded IPv4",
      "203.0.113.7",
      "::ffff:203.0.113",
      'event.request.ip "::ffff:203.0.113" is not an IP address',
    ],
    [
      "IPv4 not at the end",
      "203.0.113.7",
      "::ffff:203.0.113.7:1",
      'event.request.ip "::ffff:203.0.113.7:1" is not an IP address',
    ],
    ["a leading single colon", "2001:db8::1", ":2001:db8::1", 'event.request.ip ":2001:db8::1" is not an IP address'],
    ["a trailing single colon", "2001:db8::1", "2001:db8::1:", 'event.request.ip "2001:db8::1:" is not an IP address'],
    ["a host name", "203.0.113.7", "localhost", 'event.request.ip "localhost" is not an IP address'],
    ["a number", "203.0.113.7", 3405803783, "event.request.ip 3405803783 is not an IP address"],
    ["an array", "203.0.113.7", ["203.0.113.7"], 'event.request.ip ["203.0.113.7"] is not an IP address'],
    [
      "a garbage initial_ip",
      "unknown",
      "203.0.113.7",
      'event.session.device.initial_ip "unknown" is not an IP address',
    ],
    [
      "both sides garbage: one line naming both",
      "999.1.1.1",
      "::g",
      'event.session.device.initial_ip "999.1.1.1" is not an IP address, event.request.ip "::g" is not an IP address',
    ],
  ])("%s never revokes", async (_name, initial, current, problem) => {
    expect(await ipRun(initial, current)).toEqual({
      calls: [LIMIT],
      logs: [`[risk] skipped the IP check: ${problem}`],
    });
  });

  it.each<[string, unknown, unknown]>([
    ["no initial_ip (a session older than revocation)", undefined, "203.0.113.8"],
    ["initial_ip null", null, "203.0.113.8"],
    ["request ip empty", "203.0.113.7", ""],
    ["request ip null", "203.0.113.7", null],
  ])("%s: missing data is no evidence, nothing logged", async (_name, initial, current) => {
    expect(await ipRun(initial, current)).toEqual({ calls: [LIMIT], logs: [] });
  });
});

describe("ASN binding", () => {
  it.each<[unknown, unknown]>([
    ["AS64500", "64500"],
    ["64500", "AS64500"],
    ["as64500", "AS64500"],
    ["AS64500", 64500],
    [64500, "64500"],
    ["064500", "64500"],
    ["AS0.64500", "64500"],
    ["AS1.10", "65546"],
    ["1.10", 65546],
    ["AS4294967295", 4294967295],
  ])("%j and %j are one network: no revoke", async (initial, current) => {
    expect(await asnRun(initial, current)).toEqual({ calls: [LIMIT], logs: [] });
  });

  it.each<[unknown, unknown]>([
    ["AS64500", "AS64501"],
    ["64500", 64501],
    ["AS64500", "AS1.10"],
    ["AS0", "AS1"],
  ])("%j → %j is a change: revoke", async (initial, current) => {
    expect(await asnRun(initial, current)).toEqual({ calls: [ASN_REVOKE], logs: [] });
  });

  it.each<[string, unknown, string]>([
    ["a dash", "AS-64500", 'event.request.asn "AS-64500" is not an ASN'],
    ["ASN prefix", "ASN64500", 'event.request.asn "ASN64500" is not an ASN'],
    ["just AS", "AS", 'event.request.asn "AS" is not an ASN'],
    ["a thousands separator", "64,500", 'event.request.asn "64,500" is not an ASN'],
    ["over 32 bits", "4294967296", 'event.request.asn "4294967296" is not an ASN'],
    ["asdot part over 16 bits", "AS1.65536", 'event.request.asn "AS1.65536" is not an ASN'],
    ["a space", "AS 64500", 'event.request.asn "AS 64500" is not an ASN'],
    ["a fraction", 64500.5, "event.request.asn 64500.5 is not an ASN"],
    ["negative", -1, "event.request.asn -1 is not an ASN"],
    ["NaN", Number.NaN, "event.request.asn NaN is not an ASN"],
    ["a boolean", true, "event.request.asn true is not an ASN"],
  ])("%s never revokes", async (_name, current, problem) => {
    expect(await asnRun("AS64500", current)).toEqual({
      calls: [LIMIT],
      logs: [`[risk] skipped the ASN check: ${problem}`],
    });
  });
});
