/**
 * Drift results → exit code, table, JSON and Markdown (tools/drift/report.ts), and failures → one line
 * (tools/drift/failure.ts).
 */
import { describe, expect, it } from "vitest";
import { classifyFailure, type FailureKind } from "../../tools/drift/failure";
import type { DriftRecord } from "../../tools/drift/records";
import {
  exitCodeOf,
  formatValue,
  originLegend,
  renderJson,
  renderMarkdown,
  renderTable,
  type StackResult,
} from "../../tools/drift/report";

const TENANT_URN =
  "urn:pulumi:prod::auth0-sessions::auth0-sessions:index:TenantSessions$auth0:index/tenant:Tenant::sessions-tenant";
const RISK_URN =
  "urn:pulumi:prod::auth0-sessions::auth0-sessions:index:SessionActions$auth0:index/action:Action::session-actions-risk";
const rec = (extra: Partial<DriftRecord>): DriftRecord => ({
  stack: "prod",
  urn: TENANT_URN,
  type: "auth0:index/tenant:Tenant",
  name: "sessions-tenant",
  change: "update",
  field: "sessionCookie.mode",
  declared: "non-persistent",
  actual: "persistent",
  origin: "tenant",
  ...extra,
});
const DRIFT: StackResult = {
  stack: "prod",
  records: [
    rec({}),
    rec({ field: "sessionLifetime", declared: 2160, actual: 720, origin: "code" }),
    rec({
      urn: RISK_URN,
      type: "auth0:index/action:Action",
      name: "session-actions-risk",
      field: "secrets[0].value",
      declared: "[secret]",
      actual: "[secret]",
    }),
  ],
};
const CLEAN: StackResult = { stack: "dev", records: [] };
const FAILED: StackResult = {
  stack: "local",
  records: [],
  error: "the Auth0 tenant is unreachable: dial tcp 127.0.0.1:8443: connect: connection refused",
};

describe("exit codes", () => {
  it.each([
    ["no drift", 0, [CLEAN]],
    ["drift", 2, [CLEAN, DRIFT]],
    ["a failed check", 1, [FAILED]],
    ["drift and a failed check (the drift found is incomplete)", 1, [DRIFT, FAILED]],
  ] as const)("%s → %i", (_name, code, results) => {
    expect(exitCodeOf(results)).toBe(code);
  });
});

describe("the table", () => {
  it("lists every drifted field, then one line per stack", () => {
    expect(renderTable([CLEAN, DRIFT, FAILED])).toBe(
      [
        "STACK  RESOURCE                                          FIELD               DECLARED          ACTUAL        ORIGIN",
        'prod   sessions-tenant (auth0:index/tenant:Tenant)       sessionCookie.mode  "non-persistent"  "persistent"  tenant',
        "prod   sessions-tenant (auth0:index/tenant:Tenant)       sessionLifetime     2160              720           code",
        "prod   session-actions-risk (auth0:index/action:Action)  secrets[0].value    [secret]          [secret]      tenant",
        "",
        "dev: no drift",
        "prod: drift in 2 resources (3 fields)",
        "local: check failed: the Auth0 tenant is unreachable: dial tcp 127.0.0.1:8443: connect: connection refused",
        "origin: tenant = changed in the tenant outside Pulumi; code = program change not deployed yet",
        "",
      ].join("\n"),
    );
  });

  it("is just the summary when nothing drifted", () => {
    expect(renderTable([CLEAN])).toBe("dev: no drift\n");
  });

  it("shows absent values, whole-resource changes and cuts long values", () => {
    expect(formatValue(rec({ actual: undefined }), "actual")).toBe("(absent)");
    expect(
      formatValue(rec({ field: "(resource)", change: "create", declared: "exists", actual: "missing" }), "actual"),
    ).toBe("missing");
    expect(formatValue(rec({ declared: "x".repeat(100) }), "declared")).toBe(`"${"x".repeat(58)}…`);
    expect(formatValue(rec({ declared: { mode: "persistent" } }), "declared")).toBe('{"mode":"persistent"}');
  });
});

describe("what the report explains, and what it does not", () => {
  const ROUNDED = rec({ field: "idleSessionLifetime", declared: 1.5, actual: 2, origin: "rounding" });
  const LOGIN_ROUTE = rec({
    field: "defaultRedirectionUri",
    declared: undefined,
    actual: "https://app.example.com/login",
    origin: "undeclared",
  });
  const UNEXPLAINED = rec({ field: "sessionLifetime", declared: 168, actual: 720, origin: "differs" });

  it("names each explained difference by its cause, an unexplained one only as differing, and never as not deployed", () => {
    const text = renderTable([{ stack: "prod", records: [ROUNDED, LOGIN_ROUTE, UNEXPLAINED] }]);
    expect(text).toBe(
      [
        "STACK  RESOURCE                                     FIELD                  DECLARED  ACTUAL                           ORIGIN",
        "prod   sessions-tenant (auth0:index/tenant:Tenant)  idleSessionLifetime    1.5       2                                rounding",
        'prod   sessions-tenant (auth0:index/tenant:Tenant)  defaultRedirectionUri  (absent)  "https://app.example.com/login"  undeclared',
        "prod   sessions-tenant (auth0:index/tenant:Tenant)  sessionLifetime        168       720                              differs",
        "",
        "prod: drift in 1 resource (3 fields)",
        "origin: rounding = the Auth0 provider sends tenant lifetimes in whole hours (whole minutes under 1 h): the tenant " +
          "holds the declared value rounded, and deploying again changes nothing; undeclared = a setting the tenant has and " +
          "the stack does not declare; differs = tenant and program differ for no reason the check can name",
        "",
      ].join("\n"),
    );
    expect(text).not.toContain("not deployed");
  });

  it("explains every origin in one fixed order, whatever order the records come in", () => {
    const all = [
      rec({ origin: "unknown" }),
      rec({ origin: "differs" }),
      rec({ origin: "undeclared" }),
      rec({ origin: "code" }),
      rec({ origin: "rounding" }),
      rec({ origin: "tenant" }),
    ];
    expect(originLegend([{ stack: "prod", records: all }])).toBe(
      "origin: tenant = changed in the tenant outside Pulumi; rounding = the Auth0 provider sends tenant lifetimes in " +
        "whole hours (whole minutes under 1 h): the tenant holds the declared value rounded, and deploying again changes " +
        "nothing; code = program change not deployed yet; undeclared = a setting the tenant has and the stack does not " +
        "declare; differs = tenant and program differ for no reason the check can name; unknown = not refreshed",
    );
    expect(originLegend([CLEAN, FAILED])).toBeUndefined();
  });

  it("says the same in the job summary", () => {
    const md = renderMarkdown([{ stack: "prod", records: [ROUNDED, LOGIN_ROUTE] }]);
    expect(md).toContain(
      "| `sessions-tenant` | `auth0:index/tenant:Tenant` | `idleSessionLifetime` | `1.5` | `2` | rounding |",
    );
    expect(md).toContain(
      '| `sessions-tenant` | `auth0:index/tenant:Tenant` | `defaultRedirectionUri` | `(absent)` | `"https://app.example.com/login"` | undeclared |',
    );
    expect(md.trimEnd().split("\n").at(-1)).toBe(
      "_origin: rounding = the Auth0 provider sends tenant lifetimes in whole hours (whole minutes under 1 h): the tenant " +
        "holds the declared value rounded, and deploying again changes nothing; undeclared = a setting the tenant has and " +
        "the stack does not declare_",
    );
  });
});

describe("the JSON report", () => {
  it("has the overall status and exit code, and each stack's drift with JSON values", () => {
    expect(JSON.parse(renderJson([CLEAN, DRIFT, FAILED]))).toEqual({
      status: "error",
      exitCode: 1,
      stacks: [
        { stack: "dev", status: "no-drift", drift: [] },
        {
          stack: "prod",
          status: "drift",
          drift: DRIFT.records.map(({ stack: _stack, ...r }) => r),
        },
        { stack: "local", status: "error", error: FAILED.error, drift: [] },
      ],
    });
    expect(JSON.parse(renderJson([DRIFT])).stacks[0].drift[1]).toEqual({
      urn: TENANT_URN,
      type: "auth0:index/tenant:Tenant",
      name: "sessions-tenant",
      change: "update",
      field: "sessionLifetime",
      declared: 2160,
      actual: 720,
      origin: "code",
    });
  });
});

describe("the GitHub job summary", () => {
  it("names each stack's status and every drifted resource and field", () => {
    expect(renderMarkdown([CLEAN, DRIFT, FAILED])).toBe(
      [
        "### Drift check: `dev` — no drift",
        "",
        "### Drift check: `prod` — drift",
        "",
        "prod: drift in 2 resources (3 fields)",
        "",
        "| resource | type | field | declared | actual | origin |",
        "| --- | --- | --- | --- | --- | --- |",
        '| `sessions-tenant` | `auth0:index/tenant:Tenant` | `sessionCookie.mode` | `"non-persistent"` | `"persistent"` | tenant |',
        "| `sessions-tenant` | `auth0:index/tenant:Tenant` | `sessionLifetime` | `2160` | `720` | code |",
        "| `session-actions-risk` | `auth0:index/action:Action` | `secrets[0].value` | `[secret]` | `[secret]` | tenant |",
        "",
        "### Drift check: `local` — check failed",
        "",
        "the Auth0 tenant is unreachable: dial tcp 127.0.0.1:8443: connect: connection refused",
        "",
        "_origin: tenant = changed in the tenant outside Pulumi; code = program change not deployed yet_",
        "",
      ].join("\n"),
    );
  });

  it("escapes table syntax in values", () => {
    const md = renderMarkdown([{ stack: "dev", records: [rec({ declared: "a|b`c" })] }]);
    expect(md).toContain('| `"a\\|b\'c"` |');
  });
});

describe("failures in one line", () => {
  const CONFIG_MESSAGE =
    "Invalid auth0-sessions stack config (2 problems):\n" +
    'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent\n' +
    'customDomain.domain: "acme.auth0.com" — must be your own domain, not under auth0.com\n';
  const CONFIG_LINE =
    "Invalid auth0-sessions stack config (2 problems): " +
    'sessions.cookieMode: "nonpersistent" — one of persistent, non-persistent; ' +
    'customDomain.domain: "acme.auth0.com" — must be your own domain, not under auth0.com';

  it.each<[string, string[], FailureKind, string]>([
    ["our config validation (a RunError: the message alone)", [CONFIG_MESSAGE], "invalid-config", CONFIG_LINE],
    [
      "our config validation thrown as an unhandled exception with a stack trace",
      [
        "Running program '/work/main' failed with an unhandled exception:\n" +
          `ConfigError: ${CONFIG_MESSAGE}    at parseStackConfig (/work/main/config/read.ts:170:45)\n    at Object.<anonymous> (/work/main/index.ts:10:16)`,
      ],
      "invalid-config",
      CONFIG_LINE,
    ],
    [
      "a config value of the wrong type for Pulumi.yaml",
      ["Stack 'dev' with configuration key 'auth0-sessions:sessions' must be of type 'object', not 'string'"],
      "invalid-config",
      "Stack 'dev' with configuration key 'auth0-sessions:sessions' must be of type 'object', not 'string'",
    ],
    [
      "the Auth0 provider plugin missing (the engine's words, 3.246)",
      ["no resource plugin 'pulumi-resource-auth0' found in the workspace at version v3.49.0 or on your $PATH\n"],
      "missing-plugin",
      "Auth0 provider plugin (resource auth0 v3.49.0) is not installed: run `npm run pulumi -- plugin install resource " +
        "auth0 3.49.0`, or let Pulumi download it (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=false)",
    ],
    [
      "a stack the backend does not have",
      ["", "error: no stack named 'staging' found\n"],
      "stack-not-found",
      "no stack named 'staging' in the Pulumi backend https://api.pulumi.com: check the stack name, PULUMI_BACKEND_URL and the organization",
    ],
    [
      "Pulumi Cloud refusing the token",
      [
        "",
        "error: getting user info from https://api.pulumi.com: [401] Unauthorized: No credentials provided or are invalid.\n",
      ],
      "pulumi-backend",
      "cannot use the Pulumi backend: getting user info from https://api.pulumi.com: [401] Unauthorized: No credentials provided or are invalid.",
    ],
    [
      "a stack being updated",
      ["", "error: [409] Conflict: Another update is currently in progress.\n"],
      "stack-locked",
      "the stack is being updated by someone else: [409] Conflict: Another update is currently in progress.",
    ],
    [
      "no Auth0 credentials (the Auth0 provider's configure diagnostic)",
      [
        "pulumi:providers:auth0 resource 'default_3_49_0' has a problem: Missing environment variables: AUTH0_DOMAIN is required. " +
          "Then, configure either AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or enable CLI login with AUTH0_CLI_LOGIN=true.",
      ],
      "missing-credentials",
      "Auth0 credentials are not set (AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or auth0:clientId and secret auth0:clientSecret): " +
        "pulumi:providers:auth0 resource 'default_3_49_0' has a problem: Missing environment variables: AUTH0_DOMAIN is required. " +
        "Then, configure either AUTH0_API_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET, or enable CLI login with AUTH0_CLI_LOGIN=true.",
    ],
    [
      "a wrong client secret (golang.org/x/oauth2 RetrieveError)",
      [
        'reading tenant settings: Get "https://kmsi-dev.eu.auth0.com/api/v2/tenants/settings": oauth2: "access_denied" "Unauthorized"',
      ],
      "bad-credentials",
      "Auth0 rejected the client credentials (AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET): " +
        'reading tenant settings: Get "https://kmsi-dev.eu.auth0.com/api/v2/tenants/settings": oauth2: "access_denied" "Unauthorized"',
    ],
    [
      "a client without the Management API scope",
      ["403 Forbidden: Insufficient scope, expected any of: read:actions"],
      "missing-scope",
      "the Auth0 client lacks Management API scopes: 403 Forbidden: Insufficient scope, expected any of: read:actions",
    ],
    [
      "an unreachable tenant",
      [
        'Post "https://kmsi-dev.eu.auth0.com/oauth/token": dial tcp: lookup kmsi-dev.eu.auth0.com on 127.0.0.53:53: no such host',
      ],
      "unreachable-tenant",
      'the Auth0 tenant is unreachable: Post "https://kmsi-dev.eu.auth0.com/oauth/token": dial tcp: lookup kmsi-dev.eu.auth0.com on 127.0.0.53:53: no such host',
    ],
    [
      "anything else: its first error line",
      ["", "warning: something\nerror: the preview could not finish\nmore detail\n"],
      "other",
      "the preview could not finish",
    ],
  ])("%s", (_name, texts, kind, message) => {
    expect(classifyFailure(texts, { backendUrl: "https://api.pulumi.com" })).toEqual({ kind, message });
  });
});
