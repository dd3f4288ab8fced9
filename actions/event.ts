/**
 * Reads the post-login `event` into a plain copy of just the fields our Actions use, so that deciding what to do
 * can never throw.
 *
 * The event comes from Auth0's runtime, and our types (auth0-types.ts) describe what Auth0 documents, not what
 * every runtime, trigger or test sends. Two kinds of input would otherwise throw in the middle of a login, and
 * an exception in a post-login Action fails the login: a field whose getter throws (or a Proxy whose trap
 * throws), and a container that is not an object where we walk into it. Both make the event unreadable: the
 * reader throws UnreadableEvent, which the runner (session-calls.ts) turns into one log line and no session call.
 *
 * Leaf values are copied as they are (`unknown`): each is validated where it is used, so that an odd value only
 * skips the one decision that needs it (a malformed `initial_ip` skips the IP check, not the metadata limits).
 * The exception is `event.session.id`, which gates everything: it must be a string.
 */
import { describe, errorText } from "./parse";

/** Why the event cannot be used; `problem` names the field, e.g. `event.session is not an object (got "x")`. */
export class UnreadableEvent extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = "UnreadableEvent";
  }
}

type Fields = Readonly<Record<string, unknown>>;

export interface ReadSession {
  /** Non-empty: an event whose session has no id is read as having no session. */
  id: string;
  created_at?: unknown;
  cookie: { mode?: unknown };
  device: { initial_ip?: unknown; initial_asn?: unknown };
}

/** The event as our Actions see it. Absent containers are empty, so no decision needs `?.`. */
export interface ReadEvent {
  /** Without an id there is nothing api.session can act on, and nothing else is read. */
  session?: ReadSession;
  /** Only the secret names asked for. */
  secrets: Fields;
  request: {
    ip?: unknown;
    asn?: unknown;
    /** The POST body, copied; absent on silent authentication. */
    body?: Fields;
  };
  connectionMetadata: Fields;
  organizationMetadata: Fields;
}

export interface ReadOptions {
  secrets: readonly string[];
  connectionMetadata?: readonly string[];
  organizationMetadata?: readonly string[];
}

/** Reads what `options` asks for, session first. Throws UnreadableEvent; nothing else. */
export function readEvent(raw: unknown, options: ReadOptions): ReadEvent {
  const event = container(raw, "event");
  if (event === undefined) throw new UnreadableEvent(`event is ${describe(raw)}`);
  const result: ReadEvent = { secrets: {}, request: {}, connectionMetadata: {}, organizationMetadata: {} };

  const session = container(field(event, "session", "event"), "event.session");
  if (session === undefined) return result;
  const id = field(session, "id", "event.session");
  if (id === undefined || id === null || id === "") return result;
  if (typeof id !== "string") throw new UnreadableEvent(`event.session.id is not a string (got ${describe(id)})`);
  const cookie = container(field(session, "cookie", "event.session"), "event.session.cookie");
  const device = container(field(session, "device", "event.session"), "event.session.device");
  result.session = {
    id,
    created_at: field(session, "created_at", "event.session"),
    cookie: { mode: cookie && field(cookie, "mode", "event.session.cookie") },
    device: {
      initial_ip: device && field(device, "initial_ip", "event.session.device"),
      initial_asn: device && field(device, "initial_asn", "event.session.device"),
    },
  };

  result.secrets = pick(container(field(event, "secrets", "event"), "event.secrets"), options.secrets, "event.secrets");

  const request = container(field(event, "request", "event"), "event.request");
  if (request) {
    const body = container(field(request, "body", "event.request"), "event.request.body");
    result.request = {
      ip: field(request, "ip", "event.request"),
      asn: field(request, "asn", "event.request"),
      ...(body === undefined ? {} : { body: copy(body, "event.request.body") }),
    };
  }

  if (options.connectionMetadata) {
    result.connectionMetadata = metadata(event, "connection", options.connectionMetadata);
  }
  if (options.organizationMetadata) {
    result.organizationMetadata = metadata(event, "organization", options.organizationMetadata);
  }
  return result;
}

function metadata(event: Fields, owner: "connection" | "organization", keys: readonly string[]): Fields {
  const parent = container(field(event, owner, "event"), `event.${owner}`);
  if (parent === undefined) return {};
  const path = `event.${owner}.metadata`;
  return pick(container(field(parent, "metadata", `event.${owner}`), path), keys, path);
}

/** `parent[key]`; a throwing getter or Proxy trap makes the event unreadable. */
function field(parent: Fields, key: string, parentPath: string): unknown {
  try {
    return parent[key];
  } catch (error) {
    throw new UnreadableEvent(`${pathOf(parentPath, key)} cannot be read (${errorText(error)})`);
  }
}

/** An object to walk into, or undefined when absent (undefined or null); anything else is unreadable. */
function container(value: unknown, path: string): Fields | undefined {
  if (value === undefined || value === null) return undefined;
  let isObject: boolean;
  try {
    // Array.isArray throws on a revoked Proxy.
    isObject = typeof value === "object" && !Array.isArray(value);
  } catch (error) {
    throw new UnreadableEvent(`${path} cannot be read (${errorText(error)})`);
  }
  if (!isObject) throw new UnreadableEvent(`${path} is not an object (got ${describe(value)})`);
  return value as Fields;
}

/** The named keys of `source` that are present, as a fresh plain object. */
function pick(source: Fields | undefined, keys: readonly string[], path: string): Fields {
  if (source === undefined) return {};
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const value = field(source, key, path);
    if (value !== undefined) entries.push([key, value]);
  }
  // fromEntries defines properties, so a key like "__proto__" cannot set the copy's prototype.
  return Object.fromEntries(entries);
}

/** Every own enumerable key of `source`, as a fresh plain object. */
function copy(source: Fields, path: string): Fields {
  let keys: string[];
  try {
    keys = Object.keys(source);
  } catch (error) {
    throw new UnreadableEvent(`${path} cannot be read (${errorText(error)})`);
  }
  return pick(source, keys, path);
}

/** `event.request.body["ulp-remember-me"]`, `event.session.id`: dots where the key allows. */
function pathOf(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
