/**
 * Runs one post-login Action's deployed code in an isolated node:vm context, the way Auth0 runs it in its own
 * sandbox: `exports.onExecutePostLogin(event, api)`, with a 20-second limit.
 *
 * Isolation: the context is created from a null-prototype object and receives only strings (the event as JSON,
 * the clock settings). Everything the code can touch — `event`, `api`, `console`, `Date`, `setTimeout` — is
 * built inside the context by PRELUDE, so no host object (whose `.constructor.constructor` would be the host's
 * Function, and through it `process`) is reachable, and there is no `require`, `process`, `Buffer` or network.
 * The host reads the outcome back as a JSON string: the api calls in order, console lines, and how the handler
 * settled.
 *
 * Time limit: the context drains its own microtasks after every evaluation (`microtaskMode: "afterEvaluate"`),
 * so synchronous code and promise chains run inside vm's `timeout`; timers are held inside the context and
 * fired by the host loop below, which awaits them against the same deadline. A handler still pending with no
 * timer left can never settle (nothing else can resolve a promise in here), so it fails at once instead of
 * after 20 s.
 */
import { setTimeout as sleep } from "node:timers/promises";
import * as vm from "node:vm";

export const ACTION_TIMEOUT_MS = 20_000;
const MAX_CALLS = 1_000;
const MAX_LOG_LINES = 200;

export type ApiCall = [method: string, ...args: unknown[]];

export interface SandboxResult {
  calls: ApiCall[];
  logs: string[];
  /** Why the Action failed (threw, rejected, timed out, never settled); absent on success. */
  error?: string;
}

export interface SandboxInput {
  code: string;
  /** Shown in stack traces, e.g. "actions/kmsi/v3.js". */
  filename: string;
  /** The `event` object; must survive JSON. */
  event: unknown;
  /** The login clock: frozen at a time, or real time plus an offset. */
  time: { frozenAt: number | null; offsetMs: number };
  timeoutMs?: number;
}

/** Everything the Action sees, created inside the context. `g` is the context's global object. */
const PRELUDE = String.raw`
"use strict";
(function (g) {
  const RealDate = g.Date;
  const realNow = RealDate.now;
  const time = JSON.parse(g.__time);
  const now = () => (time.frozenAt !== null ? time.frozenAt : realNow() + time.offsetMs);

  // Date on the login clock: new Date(), Date.now() and Date() read it; explicit dates parse as usual.
  function LocalDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
  }
  LocalDate.prototype = RealDate.prototype;
  LocalDate.now = now;
  LocalDate.parse = RealDate.parse;
  LocalDate.UTC = RealDate.UTC;
  g.Date = LocalDate;

  const calls = [];
  const logs = [];
  const describe = (value) => {
    if (typeof value === "string") return value;
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch (error) {
      return String(value);
    }
  };
  const log = (...args) => {
    if (logs.length < ${MAX_LOG_LINES}) logs.push(args.map(describe).join(" "));
  };
  g.console = Object.freeze({ log, info: log, warn: log, error: log, debug: log });

  // Only JSON-safe primitives leave the sandbox; anything else is described, so the host can report it.
  const arg = (value) =>
    (typeof value === "number" && Number.isFinite(value)) || typeof value === "string" || typeof value === "boolean"
      ? value
      : "<" + (value === null ? "null" : typeof value) + ": " + describe(value) + ">";
  const record = (method) => function (...args) {
    if (calls.length < ${MAX_CALLS}) calls.push([method, ...args.map(arg)]);
    return api;
  };
  const api = Object.freeze({
    session: Object.freeze({
      setCookieMode: record("session.setCookieMode"),
      setExpiresAt: record("session.setExpiresAt"),
      setIdleExpiresAt: record("session.setIdleExpiresAt"),
      revoke: record("session.revoke"),
    }),
    access: Object.freeze({ deny: record("access.deny") }),
  });

  // Timers run on real time, fired by the host; ids are numbers as in Node.
  const timers = new Map();
  let nextId = 1;
  g.setTimeout = (fn, ms, ...args) => {
    const id = nextId++;
    if (typeof fn === "function") timers.set(id, { fn, args, due: realNow() + Math.max(0, Number(ms) || 0) });
    return id;
  };
  g.clearTimeout = (id) => void timers.delete(id);
  g.__nextTimerInMs = () => {
    let due = Infinity;
    for (const timer of timers.values()) due = Math.min(due, timer.due);
    return due === Infinity ? -1 : Math.max(0, due - realNow());
  };
  g.__fireTimers = () => {
    const due = [...timers.entries()].filter(([, t]) => t.due <= realNow()).sort((a, b) => a[1].due - b[1].due || a[0] - b[0]);
    for (const [id, timer] of due) {
      timers.delete(id);
      timer.fn(...timer.args);
    }
  };

  const event = JSON.parse(g.__event);
  delete g.__event;
  delete g.__time;
  g.module = { exports: {} };
  g.exports = g.module.exports;

  let settled = null;
  const failed = (error) => {
    settled = { ok: false, error: error instanceof Error ? String(error.stack || error.message) : "Non-error thrown: " + describe(error) };
  };
  g.__start = () => {
    const handler = g.module.exports.onExecutePostLogin;
    if (typeof handler !== "function") return failed(new TypeError("the Action does not export onExecutePostLogin"));
    try {
      Promise.resolve(handler(event, api)).then(() => (settled = { ok: true }), failed);
    } catch (error) {
      failed(error);
    }
  };
  g.__outcome = () => JSON.stringify({ calls, logs, settled });
})(globalThis);
`;

const scripts = new Map<string, vm.Script>();

/** Compiled once per code and file name; a Script runs in any number of contexts. */
function compiled(code: string, filename: string): vm.Script {
  const key = `${filename}\n${code}`;
  let script = scripts.get(key);
  if (!script) {
    script = new vm.Script(code, { filename });
    if (scripts.size > 50) scripts.clear();
    scripts.set(key, script);
  }
  return script;
}

export async function runInSandbox(input: SandboxInput): Promise<SandboxResult> {
  const timeoutMs = input.timeoutMs ?? ACTION_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  const remaining = () => Math.max(1, Math.floor(deadline - performance.now()));
  const sandbox = Object.assign(Object.create(null) as Record<string, unknown>, {
    __event: JSON.stringify(input.event),
    __time: JSON.stringify(input.time),
  });
  const context = vm.createContext(sandbox, { name: input.filename, microtaskMode: "afterEvaluate" });
  const run = (code: string) => vm.runInContext(code, context, { timeout: remaining() }) as unknown;
  type Outcome = { calls: ApiCall[]; logs: string[]; settled: { ok: boolean; error?: string } | null };
  const outcome = () => JSON.parse(run("__outcome()") as string) as Outcome;

  try {
    run(PRELUDE);
  } catch (error) {
    // The prelude is ours: failing here is a bug in the local tenant, not in the Action.
    throw new Error(`action sandbox prelude failed: ${String(error)}`, { cause: error });
  }
  try {
    let script: vm.Script;
    try {
      script = compiled(input.code, input.filename);
    } catch (error) {
      return { calls: [], logs: [], error: `the Action's code does not compile: ${String(error)}` };
    }
    script.runInContext(context, { timeout: remaining() });
    run("__start()");
    for (;;) {
      const state = outcome();
      if (state.settled)
        return { calls: state.calls, logs: state.logs, ...(state.settled.ok ? {} : { error: state.settled.error }) };
      const next = run("__nextTimerInMs()") as number;
      if (next < 0)
        return {
          calls: state.calls,
          logs: state.logs,
          error: "the Action never finished: it awaits a promise that nothing can resolve",
        };
      if (performance.now() + next >= deadline) {
        await sleep(Math.max(0, deadline - performance.now()));
        return { calls: state.calls, logs: state.logs, error: timeoutMessage(timeoutMs) };
      }
      await sleep(next);
      run("__fireTimers()");
    }
  } catch (error) {
    const partial = safeOutcome(outcome);
    const message = isTimeout(error)
      ? timeoutMessage(timeoutMs)
      : String(error instanceof Error ? (error.stack ?? error.message) : error);
    return { calls: partial.calls, logs: partial.logs, error: message };
  }
}

function safeOutcome(read: () => { calls: ApiCall[]; logs: string[] }): { calls: ApiCall[]; logs: string[] } {
  try {
    return read();
  } catch {
    return { calls: [], logs: [] };
  }
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

function timeoutMessage(ms: number): string {
  return `Script execution did not complete within ${ms / 1000} seconds`;
}
