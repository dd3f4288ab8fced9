/**
 * The post-login trigger: runs the bound Actions (actions/triggers/post-login/bindings) in binding order, each
 * with its deployed version's code and its own secrets, and folds their api calls into one outcome with
 * Auth0's rules:
 *
 * - api.session.setCookieMode: "persistent" or "non-persistent"; the last call wins; any other value is an
 *   error, logged (tenant log `w`) and ignored;
 * - api.session.setExpiresAt / setIdleExpiresAt: epoch milliseconds; the earliest value set in the transaction
 *   wins (so a stricter Action bound earlier cannot be loosened by a later one); capping at the plan limits
 *   happens when the outcome is applied (routes/complete.ts);
 * - api.session.revoke(reason): revokes the session and denies the transaction; later Actions do not run;
 * - api.access.deny(reason): denies the transaction; later Actions do not run;
 * - an Action that throws, rejects or times out fails the login (Auth0 returns access_denied to the app).
 */
import type { CookieMode } from "../../store/state";
import type { LoginContext } from "../state/context";
import { runInSandbox, type ApiCall } from "./sandbox";

export const POST_LOGIN = "post-login";

export interface FlowOutcome {
  cookieMode?: CookieMode;
  expiresAt?: number;
  idleExpiresAt?: number;
  revoked?: { action: string; reason: string };
  denied?: { action: string; reason: string };
  failed?: { action: string; message: string };
  /** Api calls that were refused, one line each (logged as `w`). */
  problems: Array<{ action: string; message: string }>;
  /** Names of the Actions that ran, in order. */
  executed: string[];
}

export async function runPostLoginFlow(
  context: LoginContext,
  event: Record<string, unknown>,
  sessionId: string,
): Promise<FlowOutcome> {
  const outcome: FlowOutcome = { problems: [], executed: [] };
  const state = context.store.state;
  for (const binding of state.bindings[POST_LOGIN] ?? []) {
    const action = state.actions.find((a) => a.id === binding.action_id);
    const version = action?.versions.find((v) => v.id === action.deployed_version_id);
    if (!action || !version) continue; // Auth0 refuses to bind undeployed actions; a deleted one is unbound.
    const secrets = Object.fromEntries(action.secrets.map((s) => [s.name, s.value]));
    const filename = `actions/${action.name}/v${version.number}.js`;
    const result = await runInSandbox({
      code: version.code,
      filename,
      event: { ...event, secrets },
      time: context.clock.sandboxTime(),
      timeoutMs: context.actionTimeoutMs,
    });
    const error = result.error === undefined ? undefined : cleanStack(result.error, filename);
    context.executions.add({
      date: new Date(context.clock.now()).toISOString(),
      action: action.name,
      session_id: sessionId,
      logs: result.logs,
      ...(error !== undefined ? { error } : {}),
    });
    outcome.executed.push(action.name);
    apply(outcome, action.name, result.calls);
    if (outcome.revoked || outcome.denied) break;
    if (error !== undefined) {
      outcome.failed = { action: action.name, message: error.split("\n")[0] };
      break;
    }
  }
  return outcome;
}

function apply(outcome: FlowOutcome, action: string, calls: ApiCall[]): void {
  const problem = (message: string) => outcome.problems.push({ action, message });
  for (const [method, ...args] of calls) {
    const [first] = args;
    switch (method) {
      case "session.setCookieMode":
        if (first === "persistent" || first === "non-persistent") outcome.cookieMode = first;
        else
          problem(
            `api.session.setCookieMode(${show(first)}): not a cookie mode (persistent or non-persistent); ignored`,
          );
        break;
      case "session.setExpiresAt":
        if (isEpochMs(first)) outcome.expiresAt = Math.min(outcome.expiresAt ?? Infinity, first);
        else problem(`api.session.setExpiresAt(${show(first)}): not a time in epoch milliseconds; ignored`);
        break;
      case "session.setIdleExpiresAt":
        if (isEpochMs(first)) outcome.idleExpiresAt = Math.min(outcome.idleExpiresAt ?? Infinity, first);
        else problem(`api.session.setIdleExpiresAt(${show(first)}): not a time in epoch milliseconds; ignored`);
        break;
      case "session.revoke":
        outcome.revoked = { action, reason: typeof first === "string" ? first : "" };
        return;
      case "access.deny":
        outcome.denied = { action, reason: typeof first === "string" ? first : "" };
        return;
    }
  }
}

function isEpochMs(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 && value < 8.64e15;
}

function show(value: unknown): string {
  return typeof value === "string" && !value.startsWith("<") ? JSON.stringify(value) : String(value);
}

/**
 * The message and the Action's own frames (those in its script, `filename`): the sandbox's and the local tenant's
 * frames (evalmachine, node:vm, this package's files) say nothing to the Action's author, and would show the
 * machine's paths. Matching the Action's file, not the host's paths, keeps this right wherever the package lives.
 */
function cleanStack(stack: string, filename: string): string {
  return stack
    .split("\n")
    .filter((line) => !/^\s+at /.test(line) || line.includes(filename))
    .join("\n");
}
