/**
 * Request body reading. The provider sends JSON; `/oauth/token` also accepts form posts (OAuth clients send
 * those), and the page-template endpoint also accepts text/html, as Auth0's does.
 */
import type { IncomingMessage } from "node:http";
import { apiError } from "./errors";

/** Larger than any legitimate Management API body here (templates are capped at 100 KiB). */
const MAX_BODY_BYTES = 1024 * 1024;

export async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw apiError(413, "Payload content length greater than maximum allowed: 1048576");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type ParsedBody =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "form"; value: Record<string, string> }
  | { kind: "text"; value: string };

export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
  if (raw.trim() === "") return { kind: "none" };
  const type = (contentType ?? "application/json").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    // Field names come from the client: a null-prototype object, so `form.constructor` is only ever a field.
    return {
      kind: "form",
      value: Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(new URLSearchParams(raw))),
    };
  }
  if (type === "text/html" || type === "text/plain") return { kind: "text", value: raw };
  try {
    return { kind: "json", value: JSON.parse(raw) as unknown };
  } catch {
    // hapi's wording for a body it cannot parse.
    throw apiError(400, "Invalid request payload JSON format");
  }
}
