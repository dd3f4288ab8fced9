import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  DEFAULTS,
  LABEL_MAX_CHARS,
  PLAN_LIMITS,
  parseStackConfig,
  type StackConfig,
} from "../../components/config";
import { DAY_MS, HOUR_MS, MINUTE_MS, parseDuration } from "../../components/duration";
import { PAGE_TEMPLATE_MAX_BYTES } from "../../components/pageTemplate";
import { asPulumiHandsOver, loadStackFile, namespaceKeys } from "../helpers/stackFiles";

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
function problemLines(raw: Record<string, unknown>): string[] {
  try {
    parseStackConfig(raw);
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
      customDomain: { domain: "login.example.com", certificates: "auth0-managed", verify: false, verifyTimeout: 15 * MINUTE_MS },
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
    ["30m", 30 * MINUTE_MS],
    ["12h", 12 * HOUR_MS],
    ["7d", 7 * DAY_MS],
    ["1d12h", 36 * HOUR_MS],
    ["1h30m", 90 * MINUTE_MS],
    ["1m", MINUTE_MS],
  ])("reads the duration %s as %d ms", (text, ms) => {
    const config = parseStackConfig({ ...BASE, sessions: { ephemeral: { idle: text, absolute: "30d" } } });
    expect(config.sessions.ephemeral.idle).toBe(ms);
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
    expect(config.customDomain).toEqual({ domain: "login.example.com", certificates: "self-managed", verify: true, verifyTimeout: 15 * MINUTE_MS });
    expect(config.keepMeSignedIn.label).toBe("Stay signed in");
    expect(config.risk).toEqual({ networkBinding: "ip", connectionLifetimes: false, organizationIdle: true });
    expect(parseStackConfig({ ...BASE, customDomain: { domain: "a.example.com", verify: "true" } }).customDomain.verify).toBe(true);
  });

  it("accepts the self-service plan at exactly its limits when the Enterprise features are off", () => {
    const limits = PLAN_LIMITS["self-service"];
    const config = parseStackConfig({
      ...SELF_SERVICE,
      sessions: { cookieMode: "persistent", persistent: { idle: "3d", absolute: "30d" }, ephemeral: { idle: "3d", absolute: "30d" } },
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
  ["plan missing", { customDomain: BASE.customDomain }, ["plan: (missing) — required: one of self-service, enterprise"]],
  ["unknown plan", { ...BASE, plan: "free" }, ['plan: "free" — one of self-service, enterprise']],
  [
    "customDomain missing",
    { plan: "enterprise" },
    ["customDomain: (missing) — required: an object with domain, certificates and verify"],
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
    "zero lifetime",
    { ...BASE, sessions: { ephemeral: { absolute: "0m" } } },
    ['sessions.ephemeral.absolute: "0m" — at least 1m'],
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
  ["unknown login flow", { ...BASE, loginFlow: "passwordless" }, ['loginFlow: "passwordless" — one of identifier-first, classic']],
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
    [`pageTemplate: ${JSON.stringify(longTemplate)} — is ${PAGE_TEMPLATE_MAX_BYTES + 1} bytes; Auth0 allows at most ${PAGE_TEMPLATE_MAX_BYTES} (100 KB)`],
  ],
  ["empty label", { ...BASE, keepMeSignedIn: { label: "  " } }, ['keepMeSignedIn.label: "  " — must not be empty']],
  [
    "label too long",
    { ...BASE, keepMeSignedIn: { label: "x".repeat(LABEL_MAX_CHARS + 1) } },
    [`keepMeSignedIn.label: "${"x".repeat(LABEL_MAX_CHARS + 1)}" — at most ${LABEL_MAX_CHARS} characters`],
  ],
  ["enabled not a boolean", { ...BASE, keepMeSignedIn: { enabled: "on" } }, ['keepMeSignedIn.enabled: "on" — true or false']],
  ["unsupported runtime", { ...BASE, actions: { runtime: "node16" } }, ['actions.runtime: "node16" — one of node22, node18']],
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
  ["misspelt top-level key", { ...BASE, keepMeSignedin: { enabled: false } }, ['keepMeSignedin: {"enabled":false} — unknown key']],
  [
    "misspelt nested key",
    { ...BASE, sessions: { persistant: { idle: "1d" } } },
    ['sessions.persistant: {"idle":"1d"} — unknown key'],
  ],
  ["a section that is not an object", { ...BASE, sessions: "7d" }, ['sessions: "7d" — an object with cookieMode, persistent and ephemeral']],
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
  ["risk as a list", { ...BASE, risk: ["asn"] }, ['risk: ["asn"] — an object with networkBinding, connectionLifetimes and organizationIdle']],
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
