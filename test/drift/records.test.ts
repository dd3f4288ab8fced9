/**
 * Engine event stream → drift records (tools/drift/records.ts), on event sequences in the shape Pulumi emits
 * for a refreshing preview of this project's resources.
 */
import { describe, expect, it } from "vitest";
import { driftRecords, overlaps, parsePath, redact, valueAt, type DriftRecord } from "../../tools/drift/records";
import { EventLog, RES, SECRET_VALUE, SHOWN_SECRET, STACK, UNKNOWN_VALUE, state, urnOf } from "./events";

const TENANT = {
  sessionLifetime: 168,
  idleSessionLifetime: 72,
  ephemeralSessionLifetime: 24,
  idleEphemeralSessionLifetime: 12,
  sessionCookie: { mode: "non-persistent" },
};
const RISK = {
  name: "risk",
  code: "exports.onExecutePostLogin = async () => {};",
  runtime: "node22",
  deploy: true,
  supportedTriggers: { id: "post-login", version: "v3" },
  secrets: [
    { name: "NETWORK_BINDING", value: "asn" },
    { name: "CONNECTION_LIFETIMES", value: "on" },
    { name: "ORGANIZATION_IDLE", value: "on" },
  ],
};
const KMSI = { ...RISK, name: "kmsi", secrets: [{ name: "TRUSTED_ABSOLUTE_MS", value: "604800000" }] };
const DOMAIN = { domain: "login.dev.example.com", type: "auth0_managed_certs" };
const BINDING = {
  trigger: "post-login",
  actions: [
    { id: "risk-id", displayName: "risk" },
    { id: "kmsi-id", displayName: "kmsi" },
  ],
};

/** The preview of an unchanged dev stack: refresh everything, then `same` everywhere. */
function unchanged(log = new EventLog()): EventLog {
  log.prelude();
  log.refresh(state(RES.stack, {}), state(RES.stack, {}));
  log.refresh(state(RES.provider, { version: "3.49.0" }), state(RES.provider, { version: "3.49.0" }));
  for (const [res, inputs] of [
    [RES.tenant, TENANT],
    [RES.risk, RISK],
    [RES.kmsi, KMSI],
  ] as const) {
    log.refresh(state(res, inputs), state(res, inputs));
  }
  log.step("same", state(RES.stack, {}), state(RES.stack, {}));
  log.step("same", state(RES.provider, { version: "3.49.0" }), state(RES.provider, { version: "3.49.0" }));
  log.step("same", state(RES.sessions, {}), state(RES.sessions, {}));
  return log;
}

const record = (res: typeof RES.tenant, extra: Partial<DriftRecord>): DriftRecord => ({
  stack: STACK,
  urn: urnOf(res),
  type: res.type,
  name: res.name,
  change: "update",
  field: "",
  origin: "tenant",
  ...extra,
});

describe("driftRecords", () => {
  it("finds nothing when every resource is the same after the refresh", () => {
    const log = unchanged();
    for (const [res, inputs] of [
      [RES.tenant, TENANT],
      [RES.risk, RISK],
      [RES.kmsi, KMSI],
    ] as const) {
      log.step("same", state(res, inputs), state(res, inputs));
    }
    log.summary({ same: 6 });
    expect(driftRecords(STACK, log.events)).toEqual([]);
  });

  it("reports a tenant setting and an Action secret changed in the dashboard, the secret redacted", () => {
    const persistent = { ...TENANT, sessionCookie: { mode: "persistent" } };
    const riskOff = { ...RISK, secrets: [{ name: "NETWORK_BINDING", value: "off" }, ...RISK.secrets.slice(1)] };
    const log = new EventLog().prelude();
    log.refresh(state(RES.tenant, TENANT), state(RES.tenant, persistent), {
      diffs: ["sessionCookie"],
      detailedDiff: { "sessionCookie.mode": { diffKind: "update", inputDiff: true } },
    });
    log.refresh(state(RES.risk, RISK), state(RES.risk, riskOff), {
      diffs: ["secrets"],
      detailedDiff: { "secrets[0].value": { diffKind: "update", inputDiff: true } },
    });
    log.refresh(state(RES.kmsi, KMSI), state(RES.kmsi, KMSI));
    log.step("update", state(RES.tenant, persistent), state(RES.tenant, TENANT, {}), {
      diffs: ["sessionCookie"],
      detailedDiff: { "sessionCookie.mode": { diffKind: "update", inputDiff: true } },
    });
    log.step("update", state(RES.risk, riskOff), state(RES.risk, RISK, {}), {
      diffs: ["secrets"],
      detailedDiff: { "secrets[0].value": { diffKind: "update", inputDiff: true } },
    });
    log.step("same", state(RES.kmsi, KMSI), state(RES.kmsi, KMSI));
    log.summary({ update: 2, same: 1 });

    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "sessionCookie.mode", declared: "non-persistent", actual: "persistent" }),
      record(RES.risk, { field: "secrets[0].value", declared: "[secret]", actual: "[secret]" }),
    ]);
  });

  it("redacts engine-marked secrets, with or without their plaintext", () => {
    const log = new EventLog();
    const declared = { ...TENANT, friendlyName: SECRET_VALUE };
    const actual = { ...TENANT, friendlyName: SHOWN_SECRET("Acme (edited)") };
    log.refresh(state(RES.tenant, declared), state(RES.tenant, actual), {
      detailedDiff: { friendlyName: { diffKind: "update", inputDiff: true } },
    });
    log.step("update", state(RES.tenant, actual), state(RES.tenant, declared, {}), {
      detailedDiff: { friendlyName: { diffKind: "update", inputDiff: true } },
    });
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "friendlyName", declared: "[secret]", actual: "[secret]" }),
    ]);
  });

  it("reports a resource deleted outside Pulumi as one to create, from the tenant", () => {
    const log = new EventLog();
    log.refresh(state(RES.domain, DOMAIN), null);
    log.step("create", undefined, state(RES.domain, DOMAIN, {}));
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.domain, { change: "create", field: "(resource)", declared: "exists", actual: "missing" }),
    ]);
  });

  it("attributes to the code a difference the refresh did not find (a program change not deployed)", () => {
    const log = unchanged();
    const longer = { ...TENANT, sessionLifetime: 720 };
    log.step("update", state(RES.tenant, TENANT), state(RES.tenant, longer, {}), {
      diffs: ["sessionLifetime"],
      detailedDiff: { sessionLifetime: { diffKind: "update", inputDiff: true } },
    });
    log.step("create", undefined, state(RES.binding, BINDING, {}));
    log.step("delete", state(RES.domain, DOMAIN), undefined);
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "sessionLifetime", declared: 720, actual: 168, origin: "code" }),
      record(RES.binding, {
        change: "create",
        field: "(resource)",
        declared: "exists",
        actual: "missing",
        origin: "code",
      }),
      record(RES.domain, {
        change: "delete",
        field: "(resource)",
        declared: "missing",
        actual: "exists",
        origin: "code",
      }),
    ]);
  });

  /** The engine's refresh diff (Pulumi 3.246): what an `up` of the last deployed inputs would change. */
  const REFRESH_SEES = (path: string) => ({
    detailedDiff: { [path]: { diffKind: "update" as const, inputDiff: false } },
  });

  it.each<[string, number, number]>([
    ["1.5 h sent as 2 h", 1.5, 2],
    ["2 h 29 m sent as 2 h", 2 + 29 / 60, 2],
    ["2 h 30 m sent as 3 h (half away from zero)", 2.5, 3],
    ["30.5 min sent as 31 min", 30.5 / 60, 31 / 60],
    ["1 min read back as 0.0167 h", 1 / 60, 0.0167],
  ])(
    "explains a lifetime the provider rounded (%s): never a tenant edit, never undeployed code",
    (_name, declared, held) => {
      const declaredTenant = { ...TENANT, idleSessionLifetime: declared };
      const heldTenant = { ...TENANT, idleSessionLifetime: held };
      const log = new EventLog();
      // After `up`: the state keeps the program's inputs and the value read back; the refresh reads the same again.
      log.refresh(
        state(RES.tenant, declaredTenant, heldTenant),
        state(RES.tenant, declaredTenant, heldTenant),
        REFRESH_SEES("idleSessionLifetime"),
      );
      log.step(
        "update",
        state(RES.tenant, declaredTenant, heldTenant),
        state(RES.tenant, declaredTenant, {}),
        REFRESH_SEES("idleSessionLifetime"),
      );
      expect(driftRecords(STACK, log.events)).toEqual([
        record(RES.tenant, { field: "idleSessionLifetime", declared, actual: held, origin: "rounding" }),
      ]);
    },
  );

  it("explains a rounded lifetime even when the program changed it since (deploying would send the same value)", () => {
    const log = new EventLog();
    const before = { ...TENANT, sessionLifetime: 168 };
    log.refresh(state(RES.tenant, before), state(RES.tenant, before));
    log.step(
      "update",
      state(RES.tenant, before),
      state(RES.tenant, { ...TENANT, sessionLifetime: 167.75 }, {}),
      REFRESH_SEES("sessionLifetime"),
    );
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "sessionLifetime", declared: 167.75, actual: 168, origin: "rounding" }),
    ]);
  });

  it("does not call a lifetime rounded when the tenant holds another value, or when it is not a tenant lifetime", () => {
    const log = new EventLog();
    const declaredTenant = { ...TENANT, idleSessionLifetime: 1.5 };
    const heldTenant = { ...TENANT, idleSessionLifetime: 3 };
    log.refresh(
      state(RES.tenant, declaredTenant, heldTenant),
      state(RES.tenant, declaredTenant, heldTenant),
      REFRESH_SEES("idleSessionLifetime"),
    );
    log.step(
      "update",
      state(RES.tenant, declaredTenant, heldTenant),
      state(RES.tenant, declaredTenant, {}),
      REFRESH_SEES("idleSessionLifetime"),
    );
    const kmsi = { ...KMSI, timeout: 1.5 };
    log.refresh(
      state(RES.kmsi, kmsi, { ...kmsi, timeout: 2 }),
      state(RES.kmsi, kmsi, { ...kmsi, timeout: 2 }),
      REFRESH_SEES("timeout"),
    );
    log.step(
      "update",
      state(RES.kmsi, kmsi, { ...kmsi, timeout: 2 }),
      state(RES.kmsi, kmsi, {}),
      REFRESH_SEES("timeout"),
    );
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "idleSessionLifetime", declared: 1.5, actual: 3, origin: "differs" }),
      record(RES.kmsi, { field: "timeout", declared: 1.5, actual: 2, origin: "differs" }),
    ]);
  });

  it("explains a Default Login Route the stack does not declare as undeclared, however the refresh reports inputs", () => {
    const route = "https://app.example.com/login";
    const diff = { detailedDiff: { defaultRedirectionUri: { diffKind: "delete" as const, inputDiff: false } } };
    for (const refreshedInputs of [TENANT, { ...TENANT, defaultRedirectionUri: route }]) {
      const log = new EventLog();
      log.refresh(
        state(RES.tenant, TENANT, { ...TENANT, defaultRedirectionUri: route }),
        state(RES.tenant, refreshedInputs, { ...TENANT, defaultRedirectionUri: route }),
        diff,
      );
      log.step(
        "update",
        state(RES.tenant, refreshedInputs, { ...TENANT, defaultRedirectionUri: route }),
        state(RES.tenant, TENANT, {}),
        diff,
      );
      expect(driftRecords(STACK, log.events)).toEqual([
        record(RES.tenant, { field: "defaultRedirectionUri", actual: route, origin: "undeclared" }),
      ]);
    }
  });

  it("calls a setting the program stopped declaring a program change, and one added in the tenant since an edit", () => {
    const route = "https://app.example.com/login";
    const withRoute = { ...TENANT, defaultRedirectionUri: route };
    const diff = { detailedDiff: { defaultRedirectionUri: { diffKind: "delete" as const, inputDiff: false } } };
    const dropped = new EventLog();
    dropped.refresh(state(RES.tenant, withRoute), state(RES.tenant, withRoute));
    dropped.step("update", state(RES.tenant, withRoute), state(RES.tenant, TENANT, {}), diff);
    expect(driftRecords(STACK, dropped.events)).toEqual([
      record(RES.tenant, { field: "defaultRedirectionUri", actual: route, origin: "code" }),
    ]);

    const added = new EventLog();
    added.refresh(state(RES.tenant, TENANT), state(RES.tenant, TENANT, withRoute), diff);
    added.step("update", state(RES.tenant, TENANT, withRoute), state(RES.tenant, TENANT, {}), diff);
    expect(driftRecords(STACK, added.events)).toEqual([
      record(RES.tenant, { field: "defaultRedirectionUri", actual: route, origin: "tenant" }),
    ]);
  });

  it("says only `differs` when neither the refresh nor the program explains a difference", () => {
    // The state already holds the tenant's value (a `pulumi refresh` ran after an edit), and the program is unchanged.
    const log = new EventLog();
    const edited = { ...TENANT, sessionCookie: { mode: "persistent" } };
    log.refresh(
      state(RES.tenant, TENANT, edited),
      state(RES.tenant, TENANT, edited),
      REFRESH_SEES("sessionCookie.mode"),
    );
    log.step(
      "update",
      state(RES.tenant, TENANT, edited),
      state(RES.tenant, TENANT, {}),
      REFRESH_SEES("sessionCookie.mode"),
    );
    log.step("update", state(RES.risk, RISK), state(RES.risk, RISK, {}), {});
    log.refresh(state(RES.risk, RISK), state(RES.risk, RISK));
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, {
        field: "sessionCookie.mode",
        declared: "non-persistent",
        actual: "persistent",
        origin: "differs",
      }),
      record(RES.risk, { field: "(unspecified)", origin: "differs" }),
    ]);
  });

  it("places an unplaced change by the whole resource: a tenant edit, or a program change", () => {
    const log = new EventLog();
    log.refresh(state(RES.risk, RISK), state(RES.risk, { ...RISK, code: "edited in the dashboard" }));
    log.step("update", state(RES.risk, { ...RISK, code: "edited in the dashboard" }), state(RES.risk, RISK, {}), {});
    log.refresh(state(RES.kmsi, KMSI), state(RES.kmsi, KMSI));
    log.step("update", state(RES.kmsi, KMSI), state(RES.kmsi, { ...KMSI, runtime: "node18" }, {}), {});
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.risk, { field: "(unspecified)", origin: "tenant" }),
      record(RES.kmsi, { field: "(unspecified)", origin: "code" }),
    ]);
  });

  it("takes the engine's word for a change hidden in a secret, and never calls a hidden difference a tenant edit without it", () => {
    const declared = { ...TENANT, friendlyName: SECRET_VALUE };
    const seen = new EventLog();
    seen.refresh(state(RES.tenant, declared), state(RES.tenant, declared), REFRESH_SEES("friendlyName"));
    seen.step("update", state(RES.tenant, declared), state(RES.tenant, declared, {}), REFRESH_SEES("friendlyName"));
    expect(driftRecords(STACK, seen.events)).toEqual([
      record(RES.tenant, { field: "friendlyName", declared: "[secret]", actual: "[secret]" }),
    ]);

    const unseen = new EventLog();
    unseen.refresh(state(RES.tenant, declared), state(RES.tenant, declared));
    unseen.step("update", state(RES.tenant, declared), state(RES.tenant, declared, {}), REFRESH_SEES("friendlyName"));
    expect(driftRecords(STACK, unseen.events)).toEqual([
      record(RES.tenant, { field: "friendlyName", declared: "[secret]", actual: "[secret]", origin: "differs" }),
    ]);
  });

  it("reports a replacement once, from its create-replacement, replace and delete-replaced steps", () => {
    const log = new EventLog();
    const moved = { ...DOMAIN, domain: "login.old.example.com" };
    const diff = {
      diffs: ["domain"],
      detailedDiff: { domain: { diffKind: "update-replace" as const, inputDiff: true } },
    };
    log.refresh(state(RES.domain, moved), state(RES.domain, moved));
    log.step("create-replacement", state(RES.domain, moved), state(RES.domain, DOMAIN, {}), diff);
    log.step("replace", state(RES.domain, moved), state(RES.domain, DOMAIN, {}), diff);
    log.step("delete-replaced", state(RES.domain, moved), state(RES.domain, DOMAIN, {}), diff);
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.domain, {
        change: "replace",
        field: "domain",
        declared: "login.dev.example.com",
        actual: "login.old.example.com",
        origin: "code",
      }),
    ]);
  });

  it("shows added and removed fields as absent on one side, and values unknown until the update", () => {
    const log = new EventLog();
    const actual = { ...TENANT, sandboxVersion: "18", sessionCookie: undefined };
    const declared = { ...TENANT, defaultRedirectionUri: UNKNOWN_VALUE };
    log.refresh(state(RES.tenant, TENANT), state(RES.tenant, actual), {
      detailedDiff: {
        sandboxVersion: { diffKind: "delete", inputDiff: true },
        sessionCookie: { diffKind: "add", inputDiff: true },
      },
    });
    log.step("update", state(RES.tenant, actual), state(RES.tenant, declared, {}), {
      detailedDiff: {
        sandboxVersion: { diffKind: "delete", inputDiff: true },
        sessionCookie: { diffKind: "add", inputDiff: true },
        defaultRedirectionUri: { diffKind: "add", inputDiff: true },
      },
    });
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "defaultRedirectionUri", declared: "[unknown]", origin: "code" }),
      record(RES.tenant, { field: "sandboxVersion", actual: "18" }),
      record(RES.tenant, { field: "sessionCookie", declared: { mode: "non-persistent" } }),
    ]);
  });

  it("falls back to top-level keys when the provider gives no detailed diff, and to outputs for output diffs", () => {
    const log = new EventLog();
    // No refresh events: origin unknown.
    log.step("update", state(RES.tenant, { ...TENANT, idleSessionLifetime: 48 }), state(RES.tenant, TENANT, {}), {
      diffs: ["idleSessionLifetime"],
    });
    log.step("update", state(RES.kmsi, KMSI, { ...KMSI, runtime: "node18" }), state(RES.kmsi, KMSI, {}), {
      detailedDiff: { runtime: { diffKind: "update", inputDiff: false } },
    });
    log.step("update", state(RES.risk, RISK), state(RES.risk, RISK, {}), {});
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "idleSessionLifetime", declared: 72, actual: 48, origin: "unknown" }),
      record(RES.kmsi, { field: "runtime", declared: "node22", actual: "node18", origin: "unknown" }),
      record(RES.risk, { field: "(unspecified)", origin: "unknown" }),
    ]);
  });

  it("ignores the stack, providers, components and engine-internal properties", () => {
    const log = new EventLog();
    log.step("update", state(RES.stack, {}), state(RES.stack, {}), { diffs: ["outputs"] });
    log.step("update", state(RES.provider, { version: "3.48.0" }), state(RES.provider, { version: "3.49.0" }), {
      detailedDiff: { version: { diffKind: "update", inputDiff: true } },
    });
    log.step("create", undefined, state(RES.sessions, {}));
    log.step(
      "update",
      state(RES.tenant, { ...TENANT, __provider: "old" }),
      state(RES.tenant, { ...TENANT, __provider: "new" }, {}),
      {
        detailedDiff: { __provider: { diffKind: "update", inputDiff: true } },
      },
    );
    expect(driftRecords(STACK, log.events)).toEqual([]);
  });

  it("keeps what it found before a failure", () => {
    const log = new EventLog();
    log.refresh(state(RES.tenant, TENANT), state(RES.tenant, { ...TENANT, sessionLifetime: 1 }), {
      detailedDiff: { sessionLifetime: { diffKind: "update", inputDiff: true } },
    });
    log.step("update", state(RES.tenant, { ...TENANT, sessionLifetime: 1 }), state(RES.tenant, TENANT, {}), {
      detailedDiff: { sessionLifetime: { diffKind: "update", inputDiff: true } },
    });
    log.diagnostic(
      "error",
      'Get "https://kmsi-dev.eu.auth0.com/api/v2/actions/actions/risk-id": dial tcp: i/o timeout',
      urnOf(RES.risk),
    );
    expect(driftRecords(STACK, log.events)).toEqual([
      record(RES.tenant, { field: "sessionLifetime", declared: 168, actual: 1 }),
    ]);
  });
});

describe("property paths and values", () => {
  it.each([
    ["sessionCookie.mode", ["sessionCookie", "mode"]],
    ["secrets[0].value", ["secrets", "0", "value"]],
    ['metadata["a.b"].c', ["metadata", "a.b", "c"]],
    ['tags["x]y"]', ["tags", "x]y"]],
    ["name", ["name"]],
  ])("parses %s", (path, segments) => expect(parsePath(path)).toEqual(segments));

  it("finds values at paths, stopping at secrets", () => {
    const root = { a: { b: [{ c: 1 }] }, s: SECRET_VALUE, p: SHOWN_SECRET({ inner: "x" }) };
    expect(valueAt(root, "a.b[0].c")).toBe(1);
    expect(valueAt(root, "a.x.c")).toBeUndefined();
    expect(redact(valueAt(root, "s.inner"))).toBe("[secret]");
    expect(redact(valueAt(root, "p.inner"))).toBe("[secret]");
  });

  it("redacts secrets and sensitive property names at any depth", () => {
    expect(
      redact({
        mode: "persistent",
        clientSecret: "abc",
        nested: [{ password: "p", ok: 1 }],
        s: SECRET_VALUE,
        u: UNKNOWN_VALUE,
      }),
    ).toEqual({
      mode: "persistent",
      clientSecret: "[secret]",
      nested: [{ password: "[secret]", ok: 1 }],
      s: "[secret]",
      u: "[unknown]",
    });
    expect(redact([{ name: "NETWORK_BINDING", value: "asn" }], ["secrets"])).toEqual([
      { name: "[secret]", value: "[secret]" },
    ]);
  });

  it("tells overlapping paths", () => {
    expect(overlaps("sessionCookie", "sessionCookie.mode")).toBe(true);
    expect(overlaps("secrets[0].value", "secrets")).toBe(true);
    expect(overlaps("secrets[0].value", "secrets[1].value")).toBe(false);
    expect(overlaps("sessionLifetime", "idleSessionLifetime")).toBe(false);
  });
});
