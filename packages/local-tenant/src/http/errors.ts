/**
 * Errors in the body shapes Auth0 answers with.
 *
 * Management API errors are `{statusCode, error, message, errorCode}`; the 401s produced by its JWT check are
 * hapi-style and carry `attributes` instead of an errorCode (that is what real tenants send, and what go-auth0
 * parses into its error message). Handlers throw an ApiError and the server turns it into the response.
 */
import { STATUS_CODES } from "node:http";

export type ErrorBody = Record<string, unknown> & { statusCode: number; error: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: ErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** `{statusCode, error, message, errorCode?}` with the standard reason phrase as `error`. */
export function apiError(
  status: number,
  message: string,
  errorCode?: string,
  headers: Record<string, string> = {},
): ApiError {
  const body: ErrorBody = { statusCode: status, error: STATUS_CODES[status] ?? "Error", message };
  if (errorCode !== undefined) body.errorCode = errorCode;
  return new ApiError(status, body, headers);
}

/**
 * Auth0 reports schema failures as "Payload validation error: '<reason>' on property <path>." (or without the
 * property part for problems with the whole body), errorCode invalid_body.
 */
export function invalidBody(reason: string, property?: string): ApiError {
  const where = property === undefined ? "" : ` on property ${property}`;
  return apiError(400, `Payload validation error: '${reason}'${where}.`, "invalid_body");
}

/** Same shape for path parameters (errorCode invalid_uri). */
export function invalidPath(reason: string, property: string): ApiError {
  return apiError(400, `Path validation error: '${reason}' on property ${property}.`, "invalid_uri");
}

/** Same shape for the query string (errorCode invalid_query_string). */
export function invalidQuery(reason: string, property: string): ApiError {
  return apiError(400, `Query validation error: '${reason}' on property ${property}.`, "invalid_query_string");
}

/** The hapi 404 for paths no route serves. */
export function routeNotFound(): ApiError {
  return new ApiError(404, { statusCode: 404, error: "Not Found", message: "Not Found" });
}
