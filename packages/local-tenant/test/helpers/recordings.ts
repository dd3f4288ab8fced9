/**
 * Reading the go-vcr recordings of the Auth0 Terraform provider (shared/auth0-recordings/*.yaml) and comparing
 * a recorded answer with the local tenant's, field by field, with recorded ids mapped to local ones.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** The vendored copies (packages/local-tenant/test/recordings); LOCAL_TENANT_RECORDINGS overrides them. */
export const RECORDINGS_DIR = process.env.LOCAL_TENANT_RECORDINGS ?? resolve(__dirname, "..", "recordings");
/** Where the originals live, beside the repository, on this project's machines. */
export const SHARED_RECORDINGS_DIR = resolve(__dirname, "..", "..", "..", "..", "..", "shared", "auth0-recordings");

export interface Interaction {
  index: number;
  method: string;
  /** Path and query, host removed. */
  path: string;
  requestBody: string;
  contentType: string | undefined;
  status: number;
  responseBody: string;
}

export function recordingFiles(): string[] {
  if (!existsSync(RECORDINGS_DIR))
    throw new Error(`recordings not found at ${RECORDINGS_DIR} (set LOCAL_TENANT_RECORDINGS)`);
  return readdirSync(RECORDINGS_DIR)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

export function loadRecording(file: string): Interaction[] {
  const doc = parse(readFileSync(join(RECORDINGS_DIR, file), "utf8")) as { interactions: any[] };
  return doc.interactions.map((it, index) => {
    const url = new URL(it.request.url as string);
    return {
      index,
      method: it.request.method as string,
      path: url.pathname + url.search,
      requestBody: typeof it.request.body === "string" ? it.request.body.trim() : "",
      contentType: it.request.headers?.["Content-Type"]?.[0] as string | undefined,
      status: it.response.code as number,
      responseBody: typeof it.response.body === "string" ? it.response.body : "",
    };
  });
}

/** Recorded id → local id, learned from answers as the replay goes. */
export class IdMap {
  private readonly map = new Map<string, string>();
  readonly conflicts: string[] = [];

  learn(recorded: unknown, actual: unknown): void {
    if (Array.isArray(recorded) && Array.isArray(actual)) {
      recorded.forEach((item, i) => this.learn(item, actual[i]));
      return;
    }
    if (!isObject(recorded) || !isObject(actual)) return;
    for (const [key, value] of Object.entries(recorded)) {
      const local = actual[key];
      if ((key === "id" || key === "custom_domain_id") && typeof value === "string" && typeof local === "string") {
        const known = this.map.get(value);
        if (known === undefined) this.map.set(value, local);
        else if (known !== local) this.conflicts.push(`${value} was ${known}, now ${local}`);
      } else {
        this.learn(value, local);
      }
    }
  }

  get(recorded: string): string | undefined {
    return this.map.get(recorded);
  }

  /** Replaces every known recorded id in a URL or body (custom domain ids also appear lower-cased in hostnames). */
  apply(text: string): string {
    let out = text;
    for (const [recorded, local] of this.map) out = out.split(recorded).join(local);
    return out;
  }
}

export interface Difference {
  field: string;
  recorded: unknown;
  actual: unknown;
}

/**
 * Both ways: every field of the recorded answer must be present and equal (after id mapping) in the local
 * answer, and every field of the local answer must be in the recorded one, since a stand-in that sends what
 * Auth0 does not is not Auth0 (an extra field is reported with `recorded: undefined`). Array positions are
 * written "[*]" in field names so accepted-difference rules can name them; arrays of different lengths are
 * reported once, as `<field>.length`.
 */
export function compare(recorded: unknown, actual: unknown, ids: IdMap, field = ""): Difference[] {
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual)) return [{ field: field || "(body)", recorded, actual }];
    const diffs: Difference[] = [];
    if (recorded.length !== actual.length)
      diffs.push({ field: `${field}.length`, recorded: recorded.length, actual: actual.length });
    recorded.forEach((item, i) => diffs.push(...compare(item, actual[i], ids, `${field}[*]`)));
    return diffs;
  }
  if (isObject(recorded)) {
    if (!isObject(actual)) return [{ field: field || "(body)", recorded, actual }];
    const at = (key: string) => (field ? `${field}.${key}` : key);
    const diffs = Object.entries(recorded).flatMap(([key, value]) => {
      if (!(key in actual)) return [{ field: at(key), recorded: value, actual: undefined }];
      return compare(value, actual[key], ids, at(key));
    });
    for (const [key, value] of Object.entries(actual))
      if (!(key in recorded)) diffs.push({ field: at(key), recorded: undefined, actual: value });
    return diffs;
  }
  const expected = typeof recorded === "string" ? (ids.get(recorded) ?? recorded) : recorded;
  return expected === actual ? [] : [{ field: field || "(body)", recorded, actual }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
