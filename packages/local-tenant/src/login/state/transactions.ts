/**
 * Login transactions: one per /authorize that needs the login screens, named by the `state` of the /u/login
 * URLs, persisted with the tenant state so a restart mid-login keeps it. They expire after an hour (login clock),
 * and a completed login removes its transaction.
 *
 * The `ulp-` fields each screen posts are collected here and handed to the Actions as event.request.body when
 * the login completes: with identifier first, the KMSI checkbox is posted on the login-id screen, one request
 * before the password, and must still reach the Actions. Other fields (username, password, action) are never
 * kept.
 */
import { randomBytes } from "node:crypto";
import type { LoginTransactionRecord } from "../../store/state";
import { iso } from "../../session/context";
import type { LoginContext } from "./context";

const TRANSACTION_TTL_MS = 60 * 60 * 1000;
/** Bounds on what a form can make the tenant store. */
const MAX_ULP_FIELDS = 20;
const MAX_ULP_VALUE_LENGTH = 1_000;
export const ULP_PREFIX = "ulp-";

export class Transactions {
  constructor(private readonly context: LoginContext) {}

  private get list(): LoginTransactionRecord[] {
    return this.context.store.state.login.transactions;
  }

  /** Adds a transaction (the caller commits). Expired ones are dropped on the way. */
  create(fields: Omit<LoginTransactionRecord, "id" | "created_at" | "expires_at" | "fields">): LoginTransactionRecord {
    const now = this.context.clock.now();
    this.prune(now);
    const transaction: LoginTransactionRecord = {
      id: randomBytes(24).toString("base64url"),
      created_at: iso(now),
      expires_at: iso(now + TRANSACTION_TTL_MS),
      ...fields,
      fields: [],
    };
    this.list.push(transaction);
    return transaction;
  }

  /** The live transaction of that state, if any. */
  find(id: string | null | undefined): LoginTransactionRecord | undefined {
    if (!id) return undefined;
    const transaction = this.list.find((t) => t.id === id);
    return transaction && Date.parse(transaction.expires_at) > this.context.clock.now() ? transaction : undefined;
  }

  remove(transaction: LoginTransactionRecord): void {
    const index = this.list.indexOf(transaction);
    if (index >= 0) this.list.splice(index, 1);
  }

  /** Keeps the `ulp-` fields of one screen's post; a re-post of the same screen replaces its earlier fields. */
  collect(transaction: LoginTransactionRecord, screen: string, form: Record<string, string>): void {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(form)) {
      if (!name.startsWith(ULP_PREFIX) || Object.keys(values).length >= MAX_ULP_FIELDS) continue;
      values[name] = value.slice(0, MAX_ULP_VALUE_LENGTH);
    }
    const existing = transaction.fields.find((f) => f.screen === screen);
    if (existing) existing.values = values;
    else transaction.fields.push({ screen, values });
  }

  /** event.request.body of the completed login: the collected `ulp-` fields (later screens win) and `state`. */
  body(transaction: LoginTransactionRecord): Record<string, string> {
    const body: Record<string, string> = {};
    for (const { values } of transaction.fields) Object.assign(body, values);
    return { ...body, state: transaction.id };
  }

  private prune(now: number): void {
    const live = this.list.filter((t) => Date.parse(t.expires_at) > now);
    this.list.splice(0, this.list.length, ...live);
  }
}
