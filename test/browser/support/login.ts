/**
 * What the test application does: send the browser to /authorize and read what comes back on its callback.
 * The seeded test application ("local-test-app") allows `{tenant}/__local/callback`, a page of the tenant that
 * shows the query it received, so no application server is needed.
 *
 * Silent authentication is a top-level navigation with prompt=none here (an SPA does it in a hidden iframe;
 * the auth0 cookie is SameSite=None so both send it).
 */
import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { LocalTenant } from "../../../packages/local-tenant";

export const CLIENT_ID = "local-test-app";
/** The seeded user (packages/local-tenant/src/session/seed.json) and its password. */
export const USER = { email: "user@example.test", password: "Local-Passw0rd!" };

export interface Callback {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

export function callbackUrl(tenant: LocalTenant): string {
  return `${tenant.url}/__local/callback`;
}

export function authorizeUrl(tenant: LocalTenant, params: Record<string, string> = {}): string {
  const url = new URL("/authorize", tenant.url);
  url.search = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: callbackUrl(tenant),
    response_type: "code",
    scope: "openid profile",
    state: `st-${Math.random().toString(36).slice(2)}`,
    nonce: "n-0S6_WzA2Mj",
    ...params,
  }).toString();
  return url.toString();
}

/** Waits for the callback page and returns its query. */
export async function callbackOf(page: Page, tenant: LocalTenant): Promise<Callback> {
  await page.waitForURL((url) => url.href.startsWith(callbackUrl(tenant)));
  return Object.fromEntries(new URL(page.url()).searchParams);
}

export interface LoginInput {
  tick: boolean;
  flow?: "identifier-first" | "classic";
  email?: string;
  password?: string;
  params?: Record<string, string>;
}

/** An interactive login through the rendered screens; the checkbox is ticked or left alone. */
export async function login(page: Page, tenant: LocalTenant, input: LoginInput): Promise<Callback> {
  const url = authorizeUrl(tenant, input.params);
  const state = new URL(url).searchParams.get("state")!;
  await page.goto(url);
  const box = page.locator('input[name="ulp-remember-me"]');
  await page.fill("#username", input.email ?? USER.email);
  if (input.tick) await box.check();
  if ((input.flow ?? "identifier-first") === "identifier-first") {
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/u\/login\/password/);
  }
  await page.fill("#password", input.password ?? USER.password);
  await page.click('button[type="submit"]');
  const callback = await callbackOf(page, tenant);
  expect(callback.state).toBe(state);
  return callback;
}

/** Silent authentication: /authorize with prompt=none. */
export async function silentAuth(
  page: Page,
  tenant: LocalTenant,
  params: Record<string, string> = {},
): Promise<Callback> {
  const url = authorizeUrl(tenant, { prompt: "none", ...params });
  await page.goto(url);
  const callback = await callbackOf(page, tenant);
  expect(callback.state).toBe(new URL(url).searchParams.get("state"));
  return callback;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
