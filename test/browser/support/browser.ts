/**
 * Debian's Chromium (toolchain/install-browser.sh) driven by playwright-core, with a persistent profile so a test
 * can close the browser and start it again on the same profile — a browser restart, as far as cookies go.
 *
 * Chromium keeps persistent cookies in the profile's cookie database and drops session cookies (no Expires)
 * when it exits, unless the profile restores the last session ("Continue where you left off"), which a fresh
 * profile does not. `restart()` checks nothing by itself: the tests assert what survived.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Cookie, type Page } from "playwright-core";
import { afterEach } from "vitest";

/** Debian's Chromium by default; `CHROMIUM_PATH` points the tests at another Chromium or Chrome build. */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing: run \`bash toolchain/install-browser.sh\` (Debian) or set CHROMIUM_PATH`;
}

export class Browser {
  private context: BrowserContext | undefined;
  readonly profile = mkdtempSync(join(tmpdir(), "browser-profile-"));

  /** Starts Chromium on this profile (again). */
  async start(): Promise<Page> {
    if (this.context) throw new Error("the browser is already running");
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      // The tenant's certificate comes from its own local CA.
      ignoreHTTPSErrors: true,
      viewport: { width: 760, height: 640 },
    });
    return this.context.pages()[0] ?? (await this.context.newPage());
  }

  /** Closes Chromium the way a user quits it: the profile is flushed, session cookies are gone. */
  async close(): Promise<void> {
    await this.context?.close();
    this.context = undefined;
  }

  async restart(): Promise<Page> {
    await this.close();
    return this.start();
  }

  get running(): BrowserContext {
    if (!this.context) throw new Error("the browser is not running");
    return this.context;
  }

  /** Headers every later request carries (x-local-asn / x-local-ip simulate the client's network). */
  async setNetwork(headers: Record<string, string>): Promise<void> {
    await this.running.setExtraHTTPHeaders(headers);
  }

  async cookie(name: string): Promise<Cookie | undefined> {
    return (await this.running.cookies()).find((c) => c.name === name);
  }

  async dispose(): Promise<void> {
    await this.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** A Browser factory for one test file: every Browser it made is disposed after each test. */
export function useBrowsers(): () => Browser {
  const made: Browser[] = [];
  afterEach(async () => {
    for (const browser of made.splice(0)) await browser.dispose();
  });
  return () => {
    const browser = new Browser();
    made.push(browser);
    return browser;
  };
}
