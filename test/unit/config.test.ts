import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
  auth0StoredTenantLifetime,
  ConfigError,
  DAY_MS,
  DEFAULTS,
  formatDuration,
  HOUR_MS,
  LABEL_MAX_CHARS,
  MINUTE_MS,
  namespaceKeys,
  parseDuration,
  type ParseOptions,
  parseStackConfig,
  PLAN_LIMITS,
  readStackConfig,
  type StackConfig,
  TENANT_MIN_LIFETIME_MS,
  toHours,
} from "../../config";
import { PAGE_TEMPLATE_MAX_BYTES, PROVIDER_MIN_LIFETIME_HOURS } from "../../auth0";
import { asPulumiHandsOver, loadStackFile } from "../testkit";

const BASE = { plan: "enterprise", customDomain: { domain: "login.example.com" } };
/** Switches every Enterprise-only feature off, so self-service cases test one rule at a time. */
const SELF_SERVICE = {
  plan: "self-service",
  customDomain: { domain: "login.example.com" },
  keepMeSignedIn: { enabled: false },
  risk: { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "off" },
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "auth0-sessions-config-"));
function templateFile(name: string, body: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, body);
  return file;
}
const HEAD = "{%- auth0:head -%}";
const WIDGET = "{%- auth0:widget -%}";

/** The problem lines of the error `parseStackConfig` throws for `raw` (the first line is a summary). */
function problemLines(raw: Record<string, unknown>, options?: ParseOptions): string[] {
  try {
    parseStackConfig(raw, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split("\n");
    const count = (error as ConfigError).problems.length;
    expect(lines[0]).toBe(`Invalid auth0-sessions stack config (${count} problem${count === 1 ? "" : "s"}):`);
    return lines.slice(1);
  }
  throw new Error("expected a ConfigError, but the config was accepted");
}

describe("parseStackConfig: valid configs", () => {
  it("fills every default from the schema for a minimal config", () => {
    const config = parseStackConfig(BASE);
    const expected: Omit<StackConfig, "pageTemplate"> = {
      plan: "enterprise",
      sessions: {
        cookieMode: "non-persistent",
        persistent: { idle: 3 * DAY_MS, absolute: 7 * DAY_MS },
        ephemeral: { idle: 1 * DAY_MS, absolute: 3 * DAY_MS },
      },
      customDomain: {
        domain: "login.example.com",
        certificates: "auth0-managed",
        verify: false,
        verifyTimeout: 15 * MINUTE_MS,
      },
      loginFlow: "identifier-first",
      keepMeSignedIn: {
        enabled: true,
        label: "Keep me signed in on this device",
        trustedDevice: { absolute: 7 * DAY_MS, idle: 3 * DAY_MS },
      },
      risk: { networkBinding: "asn", connectionLifetimes: true, organizationIdle: true },
      actions: { runtime: "node22", keepBound: [] },
    };
    const { pageTemplate, ...rest } = config;
    expect(rest).toEqual(expected);
    expect(path.relative(path.resolve(__dirname, "../.."), pageTemplate.path)).toBe(DEFAULTS.pageTemplate);
    expect(pageTemplate.body).toContain("{%- auth0:head -%}");
    // The literal values above agree with the schema's DEFAULTS table, which the README documents.
    expect(config.sessions.persistent.idle).toBe(parseDuration(DEFAULTS.sessions.persistent.idle));
    expect(config.keepMeSignedIn.trustedDevice.absolute).toBe(
      parseDuration(DEFAULTS.keepMeSignedIn.trustedDevice.absolute),
    );
  });

  it.each([
    ["2m", 2 * MINUTE_MS],
    ["30m", 30 * MINUTE_MS],
    ["59m", 59 * MINUTE_MS],
    ["1h", HOUR_MS],
    ["60m", HOUR_MS],
    ["120m", 2 * HOUR_MS],
    ["12h", 12 * HOUR_MS],
    ["7d", 7 * DAY_MS],
    ["1d12h", 36 * HOUR_MS],
    ["36h", 36 * HOUR_MS],
    ["1d1h", 25 * HOUR_MS],
  ])("reads the tenant lifetime %s as %d ms", (text, ms) => {
    const config = parseStackConfig({ ...BASE, sessions: { ephemeral: { idle: text, absolute: "30d" } } });
    expect(config.sessions.ephemeral.idle).toBe(ms);
  });

  it("accepts 1m for a persistent lifetime: the provider's minimum there is 0.01 h", () => {
    const config = parseStackConfig({
      ...BASE,
      sessions: { persistent: { idle: "1m", absolute: "1m" } },
      keepMeSignedIn: { enabled: false },
    });
    expect(config.sessions.persistent).toEqual({ idle: MINUTE_MS, absolute: MINUTE_MS });
  });

  it.each([
    ["1h30m", 90 * MINUTE_MS],
    ["1d1h30m", 25 * HOUR_MS + 30 * MINUTE_MS],
    ["2h29m", 2 * HOUR_MS + 29 * MINUTE_MS],
    ["1m", MINUTE_MS],
  ])("keeps minute precision for the Action-side lifetime %s (%d ms)", (text, ms) => {
    const config = parseStackConfig({ ...BASE, keepMeSignedIn: { trustedDevice: { idle: text, absolute: "3d" } } });
    expect(config.keepMeSignedIn.trustedDevice.idle).toBe(ms);
  });

  it("accepts values as the Pulumi engine hands them over (objects as JSON text, booleans as strings)", () => {
    const raw = asPulumiHandsOver({
      ...BASE,
      customDomain: { domain: "login.example.com", certificates: "self-managed", verify: true },
      keepMeSignedIn: { enabled: true, label: "Stay signed in" },
      risk: { networkBinding: "ip", connectionLifetimes: "off", organizationIdle: true },
    });
    expect(typeof raw.customDomain).toBe("string");
    const config = parseStackConfig(raw);
    expect(config.customDomain).toEqual({
      domain: "login.example.com",
      certificates: "self-managed",
      verify: true,
      verifyTimeout: 15 * MINUTE_MS,
    });
    expect(config.keepMeSignedIn.label).toBe("Stay signed in");
    expect(config.risk).toEqual({ networkBinding: "ip", connectionLifetimes: false, organizationIdle: true });
    expect(
      parseStackConfig({ ...BASE, customDomain: { domain: "a.example.com", verify: "true" } }).customDomain.verify,
    ).toBe(true);
  });

  it("accepts the self-service plan at exactly its limits when the Enterprise features are off", () => {
    const limits = PLAN_LIMITS["self-service"];
    const config = parseStackConfig({
      ...SELF_SERVICE,
      sessions: {
        cookieMode: "persistent",
        persistent: { idle: "3d", absolute: "30d" },
        ephemeral: { idle: "3d", absolute: "30d" },
      },
    });
    expect(config.sessions.persistent).toEqual({ idle: limits.idle, absolute: limits.absolute });
    expect(config.sessions.cookieMode).toBe("persistent");
  });

  it("accepts the enterprise plan at exactly its limits", () => {
    const config = parseStackConfig({ ...BASE, sessions: { persistent: { idle: "100d", absolute: "365d" } } });
    expect(config.sessions.persistent).toEqual({ idle: 100 * DAY_MS, absolute: 365 * DAY_MS });
  });

  it("keeps external Action names in the given order", () => {
    const config = parseStackConfig({ ...BASE, actions: { runtime: "node18", keepBound: ["fraud-score", "audit"] } });
    expect(config.actions).toEqual({ runtime: "node18", keepBound: ["fraud-score", "audit"] });
  });

  it("accepts a custom template that has the required tags", () => {
    const file = templateFile("ok.liquid", `<html><head>${HEAD}</head><body>${WIDGET}${WIDGET}</body></html>`);
    expect(parseStackConfig({ ...BASE, pageTemplate: file }).pageTemplate).toEqual({
      path: file,
      body: `<html><head>${HEAD}</head><body>${WIDGET}${WIDGET}</body></html>`,
    });
  });

  it.each(["dev", "prod"])("parses the real Pulumi.%s.yaml", (stack) => {
    const raw = namespaceKeys(loadStackFile(stack));
    const fromYaml = parseStackConfig(raw);
    const fromEngine = parseStackConfig(asPulumiHandsOver(raw));
    expect(fromEngine).toEqual(fromYaml);
    expect(fromYaml.plan).toBe("enterprise");
    expect(fromYaml.sessions.cookieMode).toBe("non-persistent");
  });
});

const longTemplate = templateFile("big.liquid", `${HEAD}${WIDGET}`.padEnd(PAGE_TEMPLATE_MAX_BYTES + 1, " "));
const noHead = templateFile("nohead.liquid", `<html><body>${WIDGET}</body></html>`);
const twoHeadsNoWidget = templateFile("twoheads.liquid", `<html><head>${HEAD}${HEAD}</head><body></body></html>`);
const missingTemplate = path.join(tmp, "missing.liquid");

const INVALID: [string, Record<string, unknown>, string[]][] = [
  [
    "plan missing",
    { customDomain: BASE.customDomain },
    ["plan: (missing) — required: one of self-service, enterprise"],
  ],
  ["unknown plan", { ...BASE, plan: "free" }, ['plan: "free" — one of self-service, enterprise']],
  [
    "customDomain missing",
    { plan: "enterprise" },
    ["customDomain: (missing) — required: an object with domain, certificates, verify and verifyTimeout"],
  ],
  [
    "domain missing",
    { ...BASE, customDomain: { verify: true } },
    ["customDomain.domain: (missing) — required: a host name like login.example.com"],
  ],
  [
    "upper-case domain",
    { ...BASE, customDomain: { domain: "Login.Example.com" } },
    ['customDomain.domain: "Login.Example.com" — a lowercase host name like login.example.com'],
  ],
  [
    "single-label domain",
    { ...BASE, customDomain: { domain: "login" } },
    ['customDomain.domain: "login" — a lowercase host name like login.example.com'],
  ],
  [
    "domain under auth0.com",
    { ...BASE, customDomain: { domain: "acme.eu.auth0.com" } },
    ['customDomain.domain: "acme.eu.auth0.com" — must be your own domain, not under auth0.com'],
  ],
  [
    "auth0.com itself",
    { ...BASE, customDomain: { domain: "auth0.com" } },
    ['customDomain.domain: "auth0.com" — must be your own domain, not under auth0.com'],
  ],
  [
    "unknown certificate type",
    { ...BASE, customDomain: { domain: "login.example.com", certificates: "letsencrypt" } },
    ['customDomain.certificates: "letsencrypt" — one of auth0-managed, self-managed'],
  ],
  [
    "verify not a boolean",
    { ...BASE, customDomain: { domain: "login.example.com", verify: "yes" } },
    ['customDomain.verify: "yes" — true or false'],
  ],
  [
    "the seed's misspelt cookie mode",
    { ...BASE, sessions: { cookieMode: "nonpersistent" } },
    ['sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent'],
  ],
  [
    "persistent default cookie with KMSI",
    { ...BASE, sessions: { cookieMode: "persistent" } },
    [
      'sessions.cookieMode: "persistent" — must be non-persistent while keepMeSignedIn is enabled (only a ticked box may make a session persistent)',
    ],
  ],
  [
    "unparsable duration",
    { ...BASE, sessions: { persistent: { idle: "3x" } } },
    ['sessions.persistent.idle: "3x" — a duration of whole minutes like 30m, 12h, 7d or 1d12h'],
  ],
  [
    "seconds are below Auth0's granularity",
    { ...BASE, sessions: { persistent: { idle: "30s" } } },
    ['sessions.persistent.idle: "30s" — a duration of whole minutes like 30m, 12h, 7d or 1d12h'],
  ],
  [
    "a bare number of hours",
    { ...BASE, sessions: { persistent: { absolute: 72 } } },
    ["sessions.persistent.absolute: 72 — a duration of whole minutes like 30m, 12h, 7d or 1d12h"],
  ],
  [
    "zero lifetime (a value that breaks a limit is still compared)",
    { ...BASE, sessions: { ephemeral: { absolute: "0m" } } },
    [
      'sessions.ephemeral.absolute: "0m" — at least 2m (the Auth0 provider refuses ephemeral lifetimes under 0.0167 h)',
      'sessions.ephemeral.idle: "1d" (default) — must not exceed sessions.ephemeral.absolute (0m)',
    ],
  ],
  [
    "enterprise idle above 100 days",
    { ...BASE, sessions: { persistent: { idle: "101d", absolute: "365d" } } },
    ['sessions.persistent.idle: "101d" — at most 100d on the enterprise plan'],
  ],
  [
    "enterprise absolute above 365 days",
    { ...BASE, sessions: { persistent: { absolute: "366d" } } },
    ['sessions.persistent.absolute: "366d" — at most 365d on the enterprise plan'],
  ],
  [
    "self-service idle above 3 days",
    { ...SELF_SERVICE, sessions: { persistent: { idle: "4d", absolute: "30d" } } },
    ['sessions.persistent.idle: "4d" — at most 3d on the self-service plan'],
  ],
  [
    "self-service ephemeral absolute above 30 days",
    { ...SELF_SERVICE, sessions: { ephemeral: { absolute: "31d" } } },
    ['sessions.ephemeral.absolute: "31d" — at most 30d on the self-service plan'],
  ],
  [
    "idle longer than absolute",
    { ...BASE, sessions: { ephemeral: { idle: "2d", absolute: "1d" } } },
    ['sessions.ephemeral.idle: "2d" — must not exceed sessions.ephemeral.absolute (1d)'],
  ],
  [
    "trusted device longer than the persistent absolute lifetime",
    { ...BASE, keepMeSignedIn: { trustedDevice: { absolute: "8d" } } },
    ['keepMeSignedIn.trustedDevice.absolute: "8d" — must not exceed sessions.persistent.absolute (7d)'],
  ],
  [
    "trusted device idle longer than the persistent idle lifetime",
    { ...BASE, keepMeSignedIn: { trustedDevice: { idle: "4d" } } },
    ['keepMeSignedIn.trustedDevice.idle: "4d" — must not exceed sessions.persistent.idle (3d)'],
  ],
  [
    "trusted device idle longer than its absolute",
    { ...BASE, keepMeSignedIn: { trustedDevice: { idle: "2d", absolute: "1d" } } },
    ['keepMeSignedIn.trustedDevice.idle: "2d" — must not exceed keepMeSignedIn.trustedDevice.absolute (1d)'],
  ],
  [
    "KMSI and risk rules on the self-service plan (the defaults)",
    { plan: "self-service", customDomain: BASE.customDomain },
    [
      "keepMeSignedIn.enabled: true (default) — api.session.setCookieMode, setExpiresAt and setIdleExpiresAt are Enterprise features: set plan to enterprise or keepMeSignedIn.enabled to false",
      'risk.networkBinding: "asn" (default) — api.session.revoke is an Enterprise feature: set plan to enterprise or risk.networkBinding to off',
      'risk.connectionLifetimes: "on" (default) — api.session.setExpiresAt is an Enterprise feature: set plan to enterprise or risk.connectionLifetimes to off',
      'risk.organizationIdle: "on" (default) — api.session.setIdleExpiresAt is an Enterprise feature: set plan to enterprise or risk.organizationIdle to off',
    ],
  ],
  [
    "IP binding on the self-service plan",
    { ...SELF_SERVICE, risk: { ...SELF_SERVICE.risk, networkBinding: "ip" } },
    [
      'risk.networkBinding: "ip" — api.session.revoke is an Enterprise feature: set plan to enterprise or risk.networkBinding to off',
    ],
  ],
  [
    "unknown network binding",
    { ...BASE, risk: { networkBinding: "geo" } },
    ['risk.networkBinding: "geo" — one of asn, ip, off'],
  ],
  [
    "switch that is neither on nor off",
    { ...BASE, risk: { connectionLifetimes: "maybe" } },
    ['risk.connectionLifetimes: "maybe" — on or off'],
  ],
  [
    "unknown login flow",
    { ...BASE, loginFlow: "passwordless" },
    ['loginFlow: "passwordless" — one of identifier-first, classic'],
  ],
  [
    "missing page template file",
    { ...BASE, pageTemplate: missingTemplate },
    [`pageTemplate: ${JSON.stringify(missingTemplate)} — cannot be read (ENOENT: ${missingTemplate})`],
  ],
  [
    "template without the head tag",
    { ...BASE, pageTemplate: noHead },
    [`pageTemplate: ${JSON.stringify(noHead)} — must contain {%- auth0:head -%} exactly once (found 0)`],
  ],
  [
    "template with two head tags and no widget",
    { ...BASE, pageTemplate: twoHeadsNoWidget },
    [
      `pageTemplate: ${JSON.stringify(twoHeadsNoWidget)} — must contain {%- auth0:head -%} exactly once (found 2)`,
      `pageTemplate: ${JSON.stringify(twoHeadsNoWidget)} — must contain {%- auth0:widget -%} at least once (found 0)`,
    ],
  ],
  [
    "template over 100 KB",
    { ...BASE, pageTemplate: longTemplate },
    [
      `pageTemplate: ${JSON.stringify(longTemplate)} — is ${PAGE_TEMPLATE_MAX_BYTES + 1} bytes; Auth0 allows at most ${PAGE_TEMPLATE_MAX_BYTES} (100 KB)`,
    ],
  ],
  ["empty label", { ...BASE, keepMeSignedIn: { label: "  " } }, ['keepMeSignedIn.label: "  " — must not be empty']],
  [
    "label too long",
    { ...BASE, keepMeSignedIn: { label: "x".repeat(LABEL_MAX_CHARS + 1) } },
    [`keepMeSignedIn.label: "${"x".repeat(LABEL_MAX_CHARS + 1)}" — at most ${LABEL_MAX_CHARS} characters`],
  ],
  [
    "enabled not a boolean",
    { ...BASE, keepMeSignedIn: { enabled: "on" } },
    ['keepMeSignedIn.enabled: "on" — true or false'],
  ],
  [
    "unsupported runtime",
    { ...BASE, actions: { runtime: "node16" } },
    ['actions.runtime: "node16" — one of node22, node18'],
  ],
  [
    "keeping one of our own Actions",
    { ...BASE, actions: { keepBound: ["audit", "kmsi"] } },
    ['actions.keepBound.1: "kmsi" — is the name of an Action this project manages'],
  ],
  [
    "an external Action listed twice",
    { ...BASE, actions: { keepBound: ["audit", "audit"] } },
    ['actions.keepBound.1: "audit" — is listed twice'],
  ],
  [
    "keepBound not a list",
    { ...BASE, actions: { keepBound: "audit" } },
    ['actions.keepBound: "audit" — a list of post-login Action names'],
  ],
  [
    "misspelt top-level key",
    { ...BASE, keepMeSignedin: { enabled: false } },
    ['keepMeSignedin: {"enabled":false} — unknown key'],
  ],
  [
    "misspelt nested key",
    { ...BASE, sessions: { persistant: { idle: "1d" } } },
    ['sessions.persistant: {"idle":"1d"} — unknown key'],
  ],
  [
    "a section that is not an object",
    { ...BASE, sessions: "7d" },
    ['sessions: "7d" — an object with cookieMode, persistent and ephemeral'],
  ],
  [
    "an empty YAML key (null)",
    { ...BASE, keepMeSignedIn: null },
    ["keepMeSignedIn: null — an object with enabled, label and trustedDevice"],
  ],
  [
    "lifetimes that are not an object",
    { ...BASE, sessions: { persistent: "3d" } },
    ['sessions.persistent: "3d" — an object with idle and absolute'],
  ],
  [
    "risk as a list",
    { ...BASE, risk: ["asn"] },
    ['risk: ["asn"] — an object with networkBinding, connectionLifetimes and organizationIdle'],
  ],
  ["actions as a string", { ...BASE, actions: "node22" }, ['actions: "node22" — an object with runtime and keepBound']],
  [
    "malformed JSON from the engine",
    { ...BASE, sessions: '{"persistent": {' },
    ['sessions: "{\\"persistent\\": {" — not valid JSON'],
  ],
  [
    "every problem at once, in one error",
    {
      plan: "enterprise",
      customDomain: { domain: "acme.auth0.com" },
      sessions: { cookieMode: "persistent", persistent: { idle: "101d", absolute: "2d" } },
      risk: { networkBinding: "geo" },
    },
    [
      'customDomain.domain: "acme.auth0.com" — must be your own domain, not under auth0.com',
      'risk.networkBinding: "geo" — one of asn, ip, off',
      'sessions.persistent.idle: "101d" — at most 100d on the enterprise plan',
      'sessions.persistent.idle: "101d" — must not exceed sessions.persistent.absolute (2d)',
      'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute (2d)',
      'sessions.cookieMode: "persistent" — must be non-persistent while keepMeSignedIn is enabled (only a ticked box may make a session persistent)',
    ],
  ],
];

describe("parseStackConfig: invalid configs", () => {
  it("has at least 30 invalid cases", () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(30);
  });

  it.each(INVALID)("%s", (_name, raw, expected) => {
    expect(problemLines(raw)).toEqual(expected);
  });

  it("reports the problems of values handed over by the engine the same way", () => {
    const raw = asPulumiHandsOver({ ...BASE, sessions: { persistent: { idle: "3x" } } });
    expect(problemLines(raw)).toEqual([
      'sessions.persistent.idle: "3x" — a duration of whole minutes like 30m, 12h, 7d or 1d12h',
    ]);
  });
});

describe("tenant lifetimes: only what Auth0 stores exactly", () => {
  // go-auth0 v1.45.0 Tenant.MarshalJSON (management/tenant.go:229-296): >= 1 h as math.Round(hours) whole hours,
  // < 1 h as *_in_minutes. Go's math.Round rounds halves away from zero.
  it.each([
    ["1m", "1m"],
    ["30m", "30m"],
    ["59m", "59m"],
    ["1h", "1h"],
    ["1h29m", "1h"],
    ["1h30m", "2h"],
    ["2h29m", "2h"],
    ["2h30m", "3h"],
    ["1d1h30m", "1d2h"],
    ["167h11m", "6d23h"],
  ])("go-auth0 sends %s as %s", (text, stored) => {
    expect(formatDuration(auth0StoredTenantLifetime(parseDuration(text)!))).toBe(stored);
  });

  const rounding = (value: string, deployed: string, lower: string, upper: string) =>
    `Auth0 stores tenant lifetimes of 1h or more in whole hours (${value} would be deployed as ${deployed}): use ${lower} or ${upper}`;
  const EPHEMERAL_MIN = "at least 2m (the Auth0 provider refuses ephemeral lifetimes under 0.0167 h)";

  const KMSI_OFF = { keepMeSignedIn: { enabled: false } };
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      "90m",
      { ...KMSI_OFF, sessions: { persistent: { idle: "90m" } } },
      [`sessions.persistent.idle: "90m" — ${rounding("1h30m", "2h", "1h", "2h")}`],
    ],
    [
      "1d1h30m, which the trusted device is compared with as written",
      {
        sessions: { persistent: { idle: "1d", absolute: "1d1h30m" } },
        keepMeSignedIn: { trustedDevice: { idle: "1d" } },
      },
      [
        `sessions.persistent.absolute: "1d1h30m" — ${rounding("1d1h30m", "1d2h", "1d1h", "1d2h")}`,
        'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute (1d1h30m)',
      ],
    ],
    [
      "2h29m",
      { sessions: { ephemeral: { idle: "2h29m" } } },
      [`sessions.ephemeral.idle: "2h29m" — ${rounding("2h29m", "2h", "2h", "3h")}`],
    ],
    [
      "61m",
      { sessions: { ephemeral: { absolute: "61m", idle: "30m" } } },
      [`sessions.ephemeral.absolute: "61m" — ${rounding("1h1m", "1h", "1h", "2h")}`],
    ],
    [
      "1h59m",
      { sessions: { ephemeral: { idle: "1h59m" } } },
      [`sessions.ephemeral.idle: "1h59m" — ${rounding("1h59m", "2h", "1h", "2h")}`],
    ],
    [
      "167h11m",
      { sessions: { persistent: { absolute: "167h11m" } } },
      [
        `sessions.persistent.absolute: "167h11m" — ${rounding("6d23h11m", "6d23h", "6d23h", "7d")}`,
        'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute (6d23h11m)',
      ],
    ],
    [
      "every lifetime at once",
      {
        ...KMSI_OFF,
        sessions: {
          persistent: { idle: "25h1m", absolute: "99d23h59m" },
          ephemeral: { idle: "3h30m", absolute: "1d30m" },
        },
      },
      [
        `sessions.persistent.idle: "25h1m" — ${rounding("1d1h1m", "1d1h", "1d1h", "1d2h")}`,
        `sessions.persistent.absolute: "99d23h59m" — ${rounding("99d23h59m", "100d", "99d23h", "100d")}`,
        `sessions.ephemeral.idle: "3h30m" — ${rounding("3h30m", "4h", "3h", "4h")}`,
        `sessions.ephemeral.absolute: "1d30m" — ${rounding("1d30m", "1d1h", "1d", "1d1h")}`,
      ],
    ],
    [
      "a 1-minute ephemeral idle lifetime",
      { sessions: { ephemeral: { idle: "1m" } } },
      [`sessions.ephemeral.idle: "1m" — ${EPHEMERAL_MIN}`],
    ],
    [
      "1-minute ephemeral lifetimes",
      { sessions: { ephemeral: { idle: "1m", absolute: "1m" } } },
      [`sessions.ephemeral.idle: "1m" — ${EPHEMERAL_MIN}`, `sessions.ephemeral.absolute: "1m" — ${EPHEMERAL_MIN}`],
    ],
    [
      "a zero persistent idle lifetime, which the trusted device is compared with",
      { sessions: { persistent: { idle: "0m" } } },
      [
        'sessions.persistent.idle: "0m" — at least 1m',
        'keepMeSignedIn.trustedDevice.idle: "3d" (default) — must not exceed sessions.persistent.idle (0m)',
      ],
    ],
  ])("refuses %s with the reason", (_name, extra, expected) => {
    expect(problemLines({ ...BASE, ...extra })).toEqual(expected);
  });

  it("refuses a zero Action-side lifetime", () => {
    expect(problemLines({ ...BASE, keepMeSignedIn: { trustedDevice: { idle: "0m" } } })).toEqual([
      'keepMeSignedIn.trustedDevice.idle: "0m" — at least 1m',
    ]);
  });

  it("accepts, for every whole minute up to 26 hours, exactly what Auth0 stores unchanged and the provider allows", () => {
    for (let minutes = 1; minutes <= 26 * 60; minutes++) {
      const ms = minutes * MINUTE_MS;
      for (const kind of ["persistent", "ephemeral"] as const) {
        const sessions = { [kind]: { idle: `${minutes}m`, absolute: "30d" } };
        const exact = ms < HOUR_MS || ms % HOUR_MS === 0;
        const allowed = toHours(ms) >= PROVIDER_MIN_LIFETIME_HOURS[kind];
        let accepted = true;
        try {
          parseStackConfig({ ...BASE, sessions, keepMeSignedIn: { enabled: false } });
        } catch {
          accepted = false;
        }
        expect([kind, minutes, accepted]).toEqual([kind, minutes, exact && allowed]);
      }
    }
    expect(TENANT_MIN_LIFETIME_MS).toEqual({ persistent: MINUTE_MS, ephemeral: 2 * MINUTE_MS });
  });
});

describe("one error lists every problem: a malformed value skips only the checks that need it", () => {
  const DURATION = "a duration of whole minutes like 30m, 12h, 7d or 1d12h";
  // The last column, where given, is what the same config gives as the engine hands it over: a string key's
  // value arrives as text and is taken as written.
  it.each<[string, Record<string, unknown>, string[], string[]?]>([
    [
      "a malformed lifetime does not hide a plan limit in the same section",
      { ...BASE, sessions: { persistent: { idle: "3 days" }, ephemeral: { absolute: "400d" } } },
      [
        `sessions.persistent.idle: "3 days" — ${DURATION}`,
        'sessions.ephemeral.absolute: "400d" — at most 365d on the enterprise plan',
      ],
    ],
    [
      "a malformed cookie mode does not hide idle > absolute",
      { ...BASE, sessions: { cookieMode: "nonpersistent", ephemeral: { idle: "2d", absolute: "1d" } } },
      [
        'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent',
        'sessions.ephemeral.idle: "2d" — must not exceed sessions.ephemeral.absolute (1d)',
      ],
    ],
    [
      "a malformed persistent absolute skips only the rules that read it",
      {
        ...BASE,
        sessions: { persistent: { idle: "2d", absolute: "7 d" } },
        keepMeSignedIn: { trustedDevice: { idle: "3d" } },
      },
      [
        `sessions.persistent.absolute: "7 d" — ${DURATION}`,
        'keepMeSignedIn.trustedDevice.idle: "3d" — must not exceed sessions.persistent.idle (2d)',
      ],
    ],
    [
      "a section that is not an object does not hide the trusted device's own rule",
      { ...BASE, sessions: "7d", keepMeSignedIn: { trustedDevice: { idle: "5d", absolute: "4d" } } },
      [
        'sessions: "7d" — an object with cookieMode, persistent and ephemeral',
        'keepMeSignedIn.trustedDevice.idle: "5d" — must not exceed keepMeSignedIn.trustedDevice.absolute (4d)',
      ],
    ],
    [
      "an unknown key does not hide its siblings",
      { ...BASE, risk: { networkBinding: "geo", conectionLifetimes: "off", organizationIdle: "maybe" } },
      [
        'risk.conectionLifetimes: "off" — unknown key',
        'risk.networkBinding: "geo" — one of asn, ip, off',
        'risk.organizationIdle: "maybe" — on or off',
      ],
    ],
    [
      "a malformed plan skips the plan limits, not idle > absolute",
      { ...BASE, plan: "free", sessions: { persistent: { idle: "400d", absolute: "1d" } } },
      [
        'plan: "free" — one of self-service, enterprise',
        'sessions.persistent.idle: "400d" — must not exceed sessions.persistent.absolute (1d)',
        'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute (1d)',
      ],
    ],
    [
      "a malformed keepMeSignedIn.enabled skips the KMSI rules, not the risk rules",
      { ...SELF_SERVICE, keepMeSignedIn: { enabled: "yes" }, risk: { ...SELF_SERVICE.risk, networkBinding: "ip" } },
      [
        'keepMeSignedIn.enabled: "yes" — true or false',
        'risk.networkBinding: "ip" — api.session.revoke is an Enterprise feature: set plan to enterprise or risk.networkBinding to off',
      ],
    ],
    [
      "malformed JSON from the engine does not hide other sections' rules",
      {
        ...BASE,
        sessions: '{"persistent": {',
        loginFlow: "sideways",
        keepMeSignedIn: { trustedDevice: { idle: "8d" } },
      },
      [
        'sessions: "{\\"persistent\\": {" — not valid JSON',
        'loginFlow: "sideways" — one of identifier-first, classic',
        'keepMeSignedIn.trustedDevice.idle: "8d" — must not exceed keepMeSignedIn.trustedDevice.absolute (7d)',
      ],
    ],
    [
      "a malformed list item does not hide the others' problems",
      { ...BASE, actions: { runtime: "node16", keepBound: ["audit", 5, "audit", " ", "kmsi"] } },
      [
        'actions.runtime: "node16" — one of node22, node18',
        "actions.keepBound.1: 5 — an Action name",
        'actions.keepBound.3: " " — an Action name',
        'actions.keepBound.2: "audit" — is listed twice',
        'actions.keepBound.4: "kmsi" — is the name of an Action this project manages',
      ],
    ],
    [
      "a missing required section does not hide the rest",
      {
        plan: "self-service",
        sessions: { persistent: { idle: "4d" } },
        keepMeSignedIn: { enabled: false },
        risk: { networkBinding: "off", connectionLifetimes: "off", organizationIdle: "on" },
      },
      [
        "customDomain: (missing) — required: an object with domain, certificates, verify and verifyTimeout",
        'sessions.persistent.idle: "4d" — at most 3d on the self-service plan',
        'risk.organizationIdle: "on" — api.session.setIdleExpiresAt is an Enterprise feature: set plan to enterprise or risk.organizationIdle to off',
      ],
    ],
    [
      "a bad page template path does not hide anything, and a bad label does not hide the template's problems",
      { ...BASE, pageTemplate: 42, keepMeSignedIn: { label: "", trustedDevice: { absolute: "8d" } } },
      [
        "pageTemplate: 42 — a path to a Liquid template",
        'keepMeSignedIn.label: "" — must not be empty',
        'keepMeSignedIn.trustedDevice.absolute: "8d" — must not exceed sessions.persistent.absolute (7d)',
      ],
      [
        'keepMeSignedIn.label: "" — must not be empty',
        'keepMeSignedIn.trustedDevice.absolute: "8d" — must not exceed sessions.persistent.absolute (7d)',
        `pageTemplate: "42" — cannot be read (ENOENT: ${path.resolve(__dirname, "../..", "42")})`,
      ],
    ],
    [
      "malformed values in every section at once",
      {
        plan: "enterprise",
        sessions: {
          cookieMode: 1,
          persistent: { idle: "x", absolute: "2d" },
          ephemeral: { idle: "3d", absolute: "2d" },
        },
        customDomain: { domain: "Login.Example.com", verify: "sometimes" },
        loginFlow: ["classic"],
        keepMeSignedIn: { enabled: true, trustedDevice: { absolute: "3d", idle: "1 day" } },
        risk: { networkBinding: "ip", connectionLifetimes: 1 },
        actions: { keepBound: "audit" },
      },
      [
        "sessions.cookieMode: 1 — one of persistent, non-persistent",
        `sessions.persistent.idle: "x" — ${DURATION}`,
        'customDomain.domain: "Login.Example.com" — a lowercase host name like login.example.com',
        'customDomain.verify: "sometimes" — true or false',
        'loginFlow: ["classic"] — one of identifier-first, classic',
        `keepMeSignedIn.trustedDevice.idle: "1 day" — ${DURATION}`,
        "risk.connectionLifetimes: 1 — on or off",
        'actions.keepBound: "audit" — a list of post-login Action names',
        'sessions.ephemeral.idle: "3d" — must not exceed sessions.ephemeral.absolute (2d)',
        'keepMeSignedIn.trustedDevice.absolute: "3d" — must not exceed sessions.persistent.absolute (2d)',
      ],
      [
        "sessions.cookieMode: 1 — one of persistent, non-persistent",
        `sessions.persistent.idle: "x" — ${DURATION}`,
        'customDomain.domain: "Login.Example.com" — a lowercase host name like login.example.com',
        'customDomain.verify: "sometimes" — true or false',
        'loginFlow: "[\\"classic\\"]" — one of identifier-first, classic',
        `keepMeSignedIn.trustedDevice.idle: "1 day" — ${DURATION}`,
        "risk.connectionLifetimes: 1 — on or off",
        'actions.keepBound: "audit" — a list of post-login Action names',
        'sessions.ephemeral.idle: "3d" — must not exceed sessions.ephemeral.absolute (2d)',
        'keepMeSignedIn.trustedDevice.absolute: "3d" — must not exceed sessions.persistent.absolute (2d)',
      ],
    ],
  ])("%s", (_name, raw, expected, fromEngine = expected) => {
    expect(problemLines(raw)).toEqual(expected);
    expect(problemLines(asPulumiHandsOver(raw))).toEqual(fromEngine);
  });
});

describe("secret values are never restated, in any form", () => {
  const secretTemplateDir = fs.mkdtempSync(path.join(tmp, "private-dir-"));
  const secretMissing = path.join(secretTemplateDir, "tenant-private.liquid");
  const secretNoHead = path.join(secretTemplateDir, "tenant-private-nohead.liquid");
  fs.writeFileSync(secretNoHead, `<html><body>${WIDGET}</body></html>`);
  const ROUNDED =
    "Auth0 stores tenant lifetimes of 1h or more in whole hours ([secret] would be deployed rounded): use whole hours";

  // [name, raw, secret top-level keys, expected lines, texts that must not appear anywhere in the message]
  it.each<[string, Record<string, unknown>, string[], string[], string[]]>([
    [
      "a secret lifetime printed normalised by another key's rule, and its rounding",
      { ...BASE, sessions: { persistent: { absolute: "167h11m" } } },
      ["sessions"],
      [
        `sessions.persistent.absolute: [secret] — ${ROUNDED}`,
        'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute ([secret])',
      ],
      ["167h11m", "6d23h11m", "6d23h", "167", "10031", "7d)"],
    ],
    [
      "a valid secret lifetime as another key's limit",
      { ...BASE, sessions: { persistent: { absolute: "160h" } } },
      ["sessions"],
      [
        'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute ([secret])',
      ],
      ["160h", "6d16h"],
    ],
    [
      "secret idle and absolute compared with each other and with the trusted device",
      { ...BASE, sessions: { persistent: { idle: "50h", absolute: "48h" } } },
      ["sessions"],
      [
        "sessions.persistent.idle: [secret] — must not exceed sessions.persistent.absolute ([secret])",
        'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute ([secret])',
        'keepMeSignedIn.trustedDevice.idle: "3d" (default) — must not exceed sessions.persistent.idle ([secret])',
      ],
      ["50h", "2d2h", "48h", "2d"],
    ],
    [
      "a secret Action-side lifetime against a public limit",
      { ...BASE, keepMeSignedIn: { trustedDevice: { idle: "100h7m" } } },
      ["keepMeSignedIn"],
      ["keepMeSignedIn.trustedDevice.idle: [secret] — must not exceed sessions.persistent.idle (3d)"],
      ["100h7m", "4d4h7m"],
    ],
    [
      "a secret lifetime as the limit of another secret",
      { ...BASE, keepMeSignedIn: { trustedDevice: { idle: "2d", absolute: "1d" } } },
      ["keepMeSignedIn"],
      [
        "keepMeSignedIn.trustedDevice.idle: [secret] — must not exceed keepMeSignedIn.trustedDevice.absolute ([secret])",
      ],
      ["2d", "1d"],
    ],
    [
      "a secret ephemeral lifetime under the provider's minimum",
      { ...BASE, sessions: { ephemeral: { idle: "1m" } } },
      ["sessions"],
      [
        "sessions.ephemeral.idle: [secret] — at least 2m (the Auth0 provider refuses ephemeral lifetimes under 0.0167 h)",
      ],
      ['"1m"'],
    ],
    [
      "a secret malformed lifetime",
      { ...BASE, sessions: { persistent: { idle: "3 days" } } },
      ["sessions"],
      ["sessions.persistent.idle: [secret] — a duration of whole minutes like 30m, 12h, 7d or 1d12h"],
      ["3 days"],
    ],
    [
      "a secret page template path that cannot be read: the resolved path too",
      { ...BASE, pageTemplate: secretMissing },
      ["pageTemplate"],
      ["pageTemplate: [secret] — cannot be read (ENOENT: [secret])"],
      ["tenant-private", "private-dir-", tmp],
    ],
    [
      "a secret relative page template path, resolved against the project",
      { ...BASE, pageTemplate: "private/tenant-page.liquid" },
      ["pageTemplate"],
      ["pageTemplate: [secret] — cannot be read (ENOENT: [secret])"],
      ["tenant-page", "private/", path.resolve(__dirname, "../..")],
    ],
    [
      "a secret page template path to a template with problems",
      { ...BASE, pageTemplate: secretNoHead },
      ["pageTemplate"],
      ["pageTemplate: [secret] — must contain {%- auth0:head -%} exactly once (found 0)"],
      ["tenant-private", "private-dir-"],
    ],
    [
      "a secret plan: the limit it sets is not named either",
      { ...SELF_SERVICE, sessions: { persistent: { idle: "4d", absolute: "30d" } } },
      ["plan"],
      ['sessions.persistent.idle: "4d" — more than the [secret] plan allows'],
      ["self-service", "3d"],
    ],
    [
      "a secret malformed plan",
      { ...BASE, plan: "enterprise-plus" },
      ["plan"],
      ["plan: [secret] — one of self-service, enterprise"],
      ["enterprise-plus"],
    ],
    [
      "a secret domain",
      { ...BASE, customDomain: { domain: "acme-private.auth0.com" } },
      ["customDomain"],
      ["customDomain.domain: [secret] — must be your own domain, not under auth0.com"],
      ["acme-private"],
    ],
    [
      "secret list items",
      { ...BASE, actions: { keepBound: ["kmsi", "audit-private", "audit-private", 7] } },
      ["actions"],
      [
        "actions.keepBound.3: [secret] — an Action name",
        "actions.keepBound.0: [secret] — is the name of an Action this project manages",
        "actions.keepBound.2: [secret] — is listed twice",
      ],
      ["audit-private", '"kmsi"', ": 7"],
    ],
    [
      "an unknown key inside a secret section",
      { ...BASE, sessions: { persistant: { idle: "77h" } } },
      ["sessions"],
      ["sessions.persistant: [secret] — unknown key"],
      ["77h"],
    ],
    [
      "a secret section that is not valid JSON",
      { ...BASE, sessions: '{"persistent": {"idle": "77h' },
      ["sessions"],
      ["sessions: [secret] — not valid JSON"],
      ["77h"],
    ],
    [
      "a secret section that is not an object",
      { ...BASE, risk: "ip-private" },
      ["risk"],
      ["risk: [secret] — an object with networkBinding, connectionLifetimes and organizationIdle"],
      ["ip-private"],
    ],
    [
      "secret defaults of a secret section on the self-service plan",
      { ...SELF_SERVICE, risk: { networkBinding: "ip", connectionLifetimes: "off", organizationIdle: "off" } },
      ["risk"],
      [
        "risk.networkBinding: [secret] — api.session.revoke is an Enterprise feature: set plan to enterprise or risk.networkBinding to off",
      ],
      ['"ip"'],
    ],
    [
      "a secret cookie mode",
      { ...BASE, sessions: { cookieMode: "persistent" } },
      ["sessions"],
      [
        "sessions.cookieMode: [secret] — must be non-persistent while keepMeSignedIn is enabled (only a ticked box may make a session persistent)",
      ],
      ['"persistent"'],
    ],
    [
      "a secret unknown top-level key",
      { ...BASE, clientSecret: "s3cr3t-value" },
      ["clientSecret"],
      ["clientSecret: [secret] — unknown key"],
      ["s3cr3t"],
    ],
    [
      "a secret unknown top-level key whose name has a dot",
      { ...BASE, "client.secret": "s3cr3t-value" },
      ["client.secret"],
      ["client.secret: [secret] — unknown key"],
      ["s3cr3t"],
    ],
  ])("%s", (_name, raw, secretKeys, expected, forms) => {
    for (const input of [raw, asPulumiHandsOver(raw)]) {
      const lines = problemLines(input, { secretKeys });
      expect(lines).toEqual(expected);
      const error = captureError(input, secretKeys);
      for (const form of forms) expect([form, error.message.includes(form)]).toEqual([form, false]);
      expect(JSON.stringify(error.problems)).not.toMatch(new RegExp(forms.map(escapeRegExp).join("|")));
      // Without the secret, the same problems are reported, values shown: only the values are hidden.
      const revealed = captureError(input, []).problems;
      expect(revealed.map((p) => p.path)).toEqual(error.problems.map((p) => p.path));
      expect(revealed.some((p, i) => p.value !== error.problems[i].value || p.rule !== error.problems[i].rule)).toBe(
        true,
      );
    }
  });

  it("hides nothing of keys that are not secret", () => {
    expect(
      problemLines({ ...BASE, sessions: { persistent: { absolute: "160h" } } }, { secretKeys: ["keepMeSignedIn"] }),
    ).toEqual([
      "keepMeSignedIn.trustedDevice.absolute: [secret] — must not exceed sessions.persistent.absolute (6d16h)",
    ]);
  });
});

function captureError(raw: Record<string, unknown>, secretKeys: string[]): ConfigError {
  try {
    parseStackConfig(raw, { secretKeys });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError, but the config was accepted");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("unknown keys are unknown, even names every object has", () => {
  const NAMES = [
    "constructor",
    "toString",
    "__proto__",
    "hasOwnProperty",
    "valueOf",
    "isPrototypeOf",
    "toLocaleString",
    "__defineGetter__",
  ];
  const SECTIONS = [
    "sessions",
    "sessions.persistent",
    "sessions.ephemeral",
    "customDomain",
    "keepMeSignedIn",
    "keepMeSignedIn.trustedDevice",
    "risk",
    "actions",
  ];
  /** BASE with `name: "x"` added as an own property at `where` ("" for the top level), built from JSON. */
  function withKey(where: string, name: string): Record<string, unknown> {
    const config = JSON.parse(JSON.stringify(BASE)) as Record<string, unknown>;
    let node = config;
    for (const key of where ? where.split(".") : []) {
      if (!Object.hasOwn(node, key)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    // defineProperty, like JSON.parse and YAML, makes an own property even of `__proto__`.
    Object.defineProperty(node, name, { value: "x", enumerable: true, writable: true, configurable: true });
    return config;
  }

  const cases = ["", ...SECTIONS].flatMap((where) =>
    NAMES.map((name) => [where || "(top level)", name, where] as const),
  );
  it.each(cases)("%s: %s", (_label, name, where) => {
    const keyPath = where ? `${where}.${name}` : name;
    const raw = withKey(where, name);
    expect(problemLines(raw)).toEqual([`${keyPath}: "x" — unknown key`]);
    // The same config as the engine hands it over: sections as JSON text.
    expect(problemLines(asPulumiHandsOver(raw))).toEqual([`${keyPath}: "x" — unknown key`]);
  });

  it("has a case for every name at the top level and in every section", () => {
    expect(cases).toHaveLength(NAMES.length * 9);
  });

  it("never lets __proto__ from JSON change a prototype or stand in for a key", () => {
    const raw = Object.fromEntries([
      [
        "__proto__",
        JSON.stringify({ plan: "enterprise", customDomain: { domain: "login.example.com" }, polluted: "top" }),
      ],
      ["sessions", '{"__proto__": {"cookieMode": "persistent", "polluted": "sessions"}}'],
      ["risk", '{"__proto__": {"networkBinding": "off"}}'],
    ]);
    expect(problemLines(raw)).toEqual([
      '__proto__: {"plan":"enterprise","customDomain":{"domain":"login.example.com"},"polluted":"top"} — unknown key',
      "plan: (missing) — required: one of self-service, enterprise",
      'sessions.__proto__: {"cookieMode":"persistent","polluted":"sessions"} — unknown key',
      "customDomain: (missing) — required: an object with domain, certificates, verify and verifyTimeout",
      'risk.__proto__: {"networkBinding":"off"} — unknown key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("builds a config whose objects have no key but the schema's", () => {
    const config = parseStackConfig(
      JSON.parse('{"plan": "enterprise", "customDomain": {"domain": "login.example.com"}}'),
    );
    expect(Object.getPrototypeOf(config.sessions)).toBe(Object.prototype);
    expect(Object.keys(config.sessions)).toEqual(["cookieMode", "persistent", "ephemeral"]);
  });
});

describe("a path is a path: only the object keys are read as JSON", () => {
  const dir = fs.mkdtempSync(path.join(tmp, "paths-"));
  const GOOD = `<html><head>${HEAD}</head><body>${WIDGET}</body></html>`;
  const names = ['{"x":1}', "[1,2]", "[brackets].liquid", "{braces}.liquid", " [leading space].liquid"];
  for (const name of names) fs.writeFileSync(path.join(dir, name), GOOD);

  it.each(names)("reads the template file named %j, relative to the project", (name) => {
    for (const raw of [{ ...BASE, pageTemplate: name }, asPulumiHandsOver({ ...BASE, pageTemplate: name })]) {
      expect(parseStackConfig(raw, { projectDir: dir }).pageTemplate).toEqual({
        path: path.resolve(dir, name),
        body: GOOD,
      });
    }
  });

  it.each(['["templates/universal-login.liquid"]', '{"path": "x"}', "[", "{"])(
    "takes the missing file %j as written",
    (name) => {
      expect(problemLines({ ...BASE, pageTemplate: name }, { projectDir: dir })).toEqual([
        `pageTemplate: ${JSON.stringify(name)} — cannot be read (ENOENT: ${path.resolve(dir, name)})`,
      ]);
    },
  );

  it.each<[string, string, string]>([
    ["plan", '{"plan": "enterprise"}', 'plan: "{\\"plan\\": \\"enterprise\\"}" — one of self-service, enterprise'],
    ["loginFlow", '["classic"]', 'loginFlow: "[\\"classic\\"]" — one of identifier-first, classic'],
    ["loginFlow", '"classic"', 'loginFlow: "\\"classic\\"" — one of identifier-first, classic'],
  ])("takes the string key %s = %s as written", (key, value, line) => {
    expect(problemLines({ ...BASE, [key]: value })).toEqual([line]);
  });

  it("still reads the object keys from the engine's JSON text", () => {
    const config = parseStackConfig({
      plan: "enterprise",
      customDomain: ' {"domain": "login.example.com"} ',
      risk: '{"networkBinding": "ip"}',
    });
    expect(config.customDomain.domain).toBe("login.example.com");
    expect(config.risk.networkBinding).toBe("ip");
  });
});

describe("readStackConfig: the engine's config as the program gets it", () => {
  const base = { "auth0-sessions:plan": "enterprise", "auth0-sessions:customDomain": '{"domain":"login.example.com"}' };

  it("keeps a key named __proto__ and reports it", () => {
    pulumi.runtime.setAllConfig({ ...base, "auth0-sessions:__proto__": '{"plan":"self-service"}' }, []);
    expect(() => readStackConfig()).toThrow(
      new pulumi.RunError(
        'Invalid auth0-sessions stack config (1 problem):\n__proto__: {"plan":"self-service"} — unknown key',
      ),
    );
  });

  it("hides the values of the keys the engine marks secret", () => {
    pulumi.runtime.setAllConfig(
      { ...base, "auth0-sessions:sessions": '{"persistent":{"absolute":"167h11m"}}', "other:key": "x" },
      ["auth0-sessions:sessions", "other:key"],
    );
    expect(() => readStackConfig()).toThrow(
      new pulumi.RunError(
        "Invalid auth0-sessions stack config (2 problems):\n" +
          "sessions.persistent.absolute: [secret] — Auth0 stores tenant lifetimes of 1h or more in whole hours ([secret] would be deployed rounded): use whole hours\n" +
          'keepMeSignedIn.trustedDevice.absolute: "7d" (default) — must not exceed sessions.persistent.absolute ([secret])',
      ),
    );
  });

  it("returns the parsed config when it is valid", () => {
    pulumi.runtime.setAllConfig({ ...base, "auth0-sessions:loginFlow": "classic" }, []);
    expect(readStackConfig().loginFlow).toBe("classic");
  });
});
