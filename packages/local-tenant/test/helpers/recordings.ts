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
  /** The response headers the recorder kept (see RECORDED_RESPONSE_HEADERS), names as recorded. */
  responseHeaders: Record<string, string[]>;
  /**
   * go-vcr's `content_length`, Go's http.Response.ContentLength: the declared Content-Length, 0 for a 204
   * whatever was sent, -1 when unknown (always so when `uncompressed`).
   */
  contentLength: number;
  /** go-vcr's `uncompressed`: Auth0 sent the body gzip-compressed and Go's transport decompressed it. */
  uncompressed: boolean;
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
      responseHeaders: (it.response.headers ?? {}) as Record<string, string[]>,
      contentLength: it.response.content_length as number,
      uncompressed: it.response.uncompressed === true,
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

/** Response headers as node:http gives them, or as a recording holds them (a list per name). */
export type HeaderValues = Record<string, string | string[] | undefined>;

/**
 * The only response headers a recording can hold: the provider's recorder deletes every other one before saving
 * (terraform-provider-auth0 a00b692, internal/acctest/http_recorder.go:82-98, redactHeaders keeps Content-Type and
 * User-Agent). A header outside this list is missing from every recording whatever Auth0 sent (X-RateLimit-*,
 * Date, cf-ray, ...), so its absence is no evidence and it is not compared; Content-Length, which go-vcr keeps
 * apart as `content_length`, is compared by compareContentLength().
 */
export const RECORDED_RESPONSE_HEADERS = ["Content-Type", "User-Agent"] as const;

/**
 * The headers of RECORDED_RESPONSE_HEADERS, both ways and exactly (names case-insensitive, values as sent, a
 * repeated header joined with ", "): one the recording has and the local answer lacks or sends otherwise, and one
 * the local answer sends where the recording has none (`recorded: undefined`). Fields are "header <Name>".
 */
export function compareHeaders(recorded: HeaderValues, actual: HeaderValues): Difference[] {
  const diffs: Difference[] = [];
  for (const name of RECORDED_RESPONSE_HEADERS) {
    const want = headerValue(recorded, name);
    const got = headerValue(actual, name);
    if (want !== got) diffs.push({ field: `header ${name}`, recorded: want, actual: got });
  }
  return diffs;
}

function headerValue(headers: HeaderValues, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** What the recording says about the answer's length: what go-vcr's content_length and uncompressed mean. */
export type RecordedLength = number | "none" | "gzip";

/**
 * - a 204 has no Content-Length ("none": RFC 9110 section 8.6 forbids it, and Go reports 0 for a 204 whatever
 *   was sent, so the recorded 0 proves nothing more);
 * - `uncompressed` means Auth0 gzip-compressed the body, whose length Go then drops ("gzip", content_length -1);
 * - otherwise Auth0 declared the length (content_length >= 0). It is not compared with the recorded body's
 *   length: the recorder rewrites the tenant name in bodies after the fact (http_recorder.go redactDomain).
 */
export function recordedLength(
  interaction: Pick<Interaction, "status" | "contentLength" | "uncompressed">,
): RecordedLength | undefined {
  if (interaction.status === 204) return "none";
  if (interaction.uncompressed) return "gzip";
  return interaction.contentLength >= 0 ? interaction.contentLength : undefined;
}

/**
 * Content-Length, field "header Content-Length": where the recording shows a declared length the local answer
 * must declare one too (its own body's byte length; ids and timestamps make the numbers differ), where it shows
 * none (204) the local answer must declare none and send no body, and a declared length must always equal the
 * body's bytes. `actual` is the local declared length (a number), or undefined when none was sent.
 */
export function compareContentLength(
  recorded: RecordedLength | undefined,
  actual: { headers: HeaderValues; text: string },
): Difference[] {
  const field = "header Content-Length";
  const header = headerValue(actual.headers, "Content-Length");
  const declared = header === undefined ? undefined : Number(header);
  const bytes = Buffer.byteLength(actual.text);
  if (declared !== undefined && declared !== bytes)
    return [{ field, recorded, actual: `${header} for a ${bytes}-byte body` }];
  if (recorded === "none")
    return declared === undefined && bytes === 0 ? [] : [{ field, recorded, actual: declared ?? `${bytes}-byte body` }];
  if (typeof recorded === "number") return declared === undefined ? [{ field, recorded, actual: undefined }] : [];
  // "gzip" (or unknown): whatever the local answer does is a difference for ACCEPTED to judge.
  return [{ field, recorded, actual: declared }];
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
