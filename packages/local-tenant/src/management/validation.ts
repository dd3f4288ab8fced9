/**
 * Request validation with Auth0's wording. Auth0 validates Management API bodies against JSON schemas and
 * reports the first failure as "Payload validation error: '<reason>' on property <path>." with the schema
 * validator's phrases ("Expected type number but found type string", "No enum match for: ...",
 * "Additional properties not allowed: ...", "Missing required property: ..."), reproduced here.
 */
import { invalidBody, invalidQuery } from "../http/errors";
import type { Request } from "../http/router";

export type Obj = Record<string, unknown>;

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function expected(type: string, value: unknown, property?: string): never {
  throw invalidBody(`Expected type ${type} but found type ${typeName(value)}`, property);
}

/** The JSON body as an object; an absent body counts as `{}` only where `optional` is set. */
export function objectBody(request: Request, optional = false): Obj {
  if (request.body.kind === "none") {
    if (optional) return {};
    return expected("object", null);
  }
  if (request.body.kind !== "json") return expected("object", "string");
  return asObject(request.body.value);
}

export function asObject(value: unknown, property?: string): Obj {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return expected("object", value, property);
  return value as Obj;
}

export function rejectUnknown(obj: Obj, allowed: readonly string[], property?: string): void {
  const extra = Object.keys(obj).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw invalidBody(`Additional properties not allowed: ${extra.join(",")}`, property);
}

export function requireProps(obj: Obj, required: readonly string[], property?: string): void {
  for (const key of required) {
    if (!Object.hasOwn(obj, key)) throw invalidBody(`Missing required property: ${key}`, property);
  }
}

export function expectString(
  value: unknown,
  property: string,
  options: { maxLength?: number; minLength?: number } = {},
): string {
  if (typeof value !== "string") return expected("string", value, property);
  if (options.minLength !== undefined && value.length < options.minLength) {
    throw invalidBody(`String is too short (${value.length} chars), minimum ${options.minLength}`, property);
  }
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw invalidBody(`String is too long (${value.length} chars), maximum ${options.maxLength}`, property);
  }
  return value;
}

export function expectBoolean(value: unknown, property: string): boolean {
  if (typeof value !== "boolean") return expected("boolean", value, property);
  return value;
}

export function expectNumber(
  value: unknown,
  property: string,
  range: { minimum?: number; maximum?: number } = {},
): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return expected("number", value, property);
  if (range.minimum !== undefined && value < range.minimum)
    throw invalidBody(`Value ${value} is less than minimum ${range.minimum}`, property);
  if (range.maximum !== undefined && value > range.maximum)
    throw invalidBody(`Value ${value} is greater than maximum ${range.maximum}`, property);
  return value;
}

export function expectEnum<T extends string>(value: unknown, allowed: readonly T[], property: string): T {
  if (!allowed.includes(value as T)) throw invalidBody(`No enum match for: ${JSON.stringify(value)}`, property);
  return value as T;
}

export function expectArray(value: unknown, property: string): unknown[] {
  if (!Array.isArray(value)) return expected("array", value, property);
  return value;
}

/** Page/per_page query parameters as Auth0 reads them (per_page at most `max`). */
export function paging(
  query: URLSearchParams,
  defaults: { perPage: number; max: number },
): { page: number; perPage: number } {
  const page = Number(query.get("page") ?? "0");
  const perPage = Number(query.get("per_page") ?? String(defaults.perPage));
  if (!Number.isInteger(page) || page < 0)
    throw invalidQuery(`Value ${query.get("page")} is not a non-negative integer`, "page");
  if (!Number.isInteger(perPage) || perPage < 0)
    throw invalidQuery(`Value ${query.get("per_page")} is not a non-negative integer`, "per_page");
  if (perPage > defaults.max)
    throw invalidQuery(`Value ${perPage} is greater than maximum ${defaults.max}`, "per_page");
  return { page, perPage };
}
