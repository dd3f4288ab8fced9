/**
 * Runs the BUNDLED Actions (dist/actions/*.js), the exact code Auth0 receives, inside node:vm with a recording api.
 *
 * Each run gets a fresh context holding only console (captured), a Date frozen at a fixed now, and
 * exports/module, so a bundle that reached for require, process or shared state would fail here.
 */
import { readFileSync } from "node:fs";
import * as vm from "node:vm";
import type { PostLoginApi, PostLoginEvent } from "../../../actions/auth0-types";
import { actionBundlePath, type ActionName } from "../../../actions/bundles";

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** 2025-01-15T12:00:00.000Z, the fixed "now" of every run. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

export type Call = [method: string, ...args: unknown[]];

export interface Run {
  calls: Call[];
  logs: string[];
}

/** A fake api whose every method, known or not, records `["session.method", ...args]` in call order. */
function recordingApi(calls: Call[]): PostLoginApi {
  const namespace = (ns: string): object =>
    new Proxy(
      {},
      {
        get:
          (_target, method) =>
          (...args: unknown[]) => {
            calls.push([`${ns}.${String(method)}`, ...args]);
          },
      },
    );
  return new Proxy({}, { get: (_target, ns) => namespace(String(ns)) });
}

/** Freezes the event so an Action that mutated its input would throw in the (strict) bundle or be caught here. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Date inside the context: `Date.now()` and `new Date()` are fixed at `now`; parsing and explicit dates work. */
function fixDate(context: vm.Context, now: number): void {
  vm.runInContext(
    `Date = class extends Date {
       constructor(...args) { if (args.length === 0) super(${now}); else super(...args); }
       static now() { return ${now}; }
     };`,
    context,
  );
}

export interface Handler {
  (event: PostLoginEvent, api: PostLoginApi): Promise<void>;
}

/** Loads a bundle into a fresh context and returns its handler plus that context's captured console lines. */
export function loadBundle(name: ActionName, logs: string[], now = NOW): Handler {
  const code = readFileSync(actionBundlePath(name), "utf8");
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext({
    console: { log: (...args: unknown[]) => logs.push(args.map(String).join(" ")) },
    exports: module.exports,
    module,
  });
  fixDate(context, now);
  vm.runInContext(code, context, { filename: actionBundlePath(name) });
  const handler = module.exports.onExecutePostLogin;
  if (typeof handler !== "function") throw new Error(`${name} bundle does not export onExecutePostLogin`);
  return handler as Handler;
}

/** Runs one bundled Action on `event` with a fresh context and recording api. */
export async function runAction(name: ActionName, event: PostLoginEvent, now = NOW): Promise<Run> {
  const run: Run = { calls: [], logs: [] };
  const handler = loadBundle(name, run.logs, now);
  await handler(deepFreeze(structuredClone(event)), recordingApi(run.calls));
  return run;
}

/**
 * Runs one bundled Action on exactly the `event` and `api` given: no clone, no freeze, so hostile inputs (getters
 * that throw, Proxies, wrong types, a missing or partial api) reach the Action as they are. The handler must
 * resolve: a rejection fails the test, as it would fail the login.
 */
export async function runRaw(
  name: ActionName,
  event: unknown,
  api: (calls: Call[]) => unknown,
  now = NOW,
): Promise<Run> {
  const run: Run = { calls: [], logs: [] };
  const handler = loadBundle(name, run.logs, now) as (event: unknown, api: unknown) => Promise<void>;
  await handler(event, api(run.calls));
  return run;
}

/** The recording api of runAction. */
export const fullApi = (calls: Call[]): unknown => recordingApi(calls);

/**
 * An api whose `session` holds only `methods`: a name mapped to "record" records its calls like the full api;
 * any other value is placed as it is (a non-function, a function that throws, ...).
 */
export function partialApi(methods: Readonly<Record<string, unknown>>): (calls: Call[]) => unknown {
  return (calls) => ({
    session: Object.fromEntries(
      Object.entries(methods).map(([method, value]) => [
        method,
        value === "record" ? (...args: unknown[]) => void calls.push([`session.${method}`, ...args]) : value,
      ]),
    ),
  });
}

/** The calls that end a transaction: Auth0 runs no later Action after them (as the local tenant's flow does). */
const ENDS_FLOW = new Set(["session.revoke", "access.deny"]);

/** Runs several Actions in flow order on one event, as Auth0 does for the bound post-login trigger. */
export async function runFlow(names: readonly ActionName[], event: PostLoginEvent, now = NOW): Promise<Run> {
  const run: Run = { calls: [], logs: [] };
  for (const name of names) {
    const step = await runAction(name, event, now);
    run.calls.push(...step.calls);
    run.logs.push(...step.logs);
    if (step.calls.some(([method]) => ENDS_FLOW.has(method))) break;
  }
  return run;
}
