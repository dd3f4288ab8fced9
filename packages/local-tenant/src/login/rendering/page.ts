/**
 * Renders a login screen through the deployed Universal Login page template (liquidjs), as Auth0 does:
 * `{%- auth0:head -%}` becomes the head, `{%- auth0:widget -%}` the login widget, and the template's Liquid
 * sees `locale`, `application`, `branding`, `tenant`, `custom_domain`, `organization`, `prompt` (name, screen
 * name, screen texts) and `transaction`. Partials are Liquid too (Auth0 renders them with the same variables).
 *
 * liquidjs parses `auth0:head` as a tag named `auth0` with the argument `:head`, so one `auth0` tag serves both.
 * Variables are HTML-escaped on output; the template and partials are admin content and are not.
 */
import { Liquid, Tag, type Context, type Emitter, type TagToken, type TopLevelToken } from "liquidjs";
import type { LiquidOptions } from "liquidjs";
import type { InsertionPoint } from "./widget";

/** Auth0's page when a tenant has no custom template. */
export const DEFAULT_TEMPLATE = `<!DOCTYPE html><html lang="{{locale}}"><head>{%- auth0:head -%}<title>{{ prompt.screen.texts.pageTitle }}</title></head><body class="_widget-auto-layout">{%- auth0:widget -%}</body></html>`;

/** Bounds for admin-supplied Liquid: a template with a runaway loop fails the page instead of the tenant. */
const LIMITS: LiquidOptions = {
  outputEscape: "escape",
  parseLimit: 1_000_000,
  renderLimit: 2_000,
  memoryLimit: 50_000_000,
};

/** Renders partials (no auth0 tags: a partial cannot contain the widget it is part of). */
const partialEngine = new Liquid(LIMITS);

export type LiquidScope = Record<string, unknown>;

export async function renderPartials(
  points: Record<string, string> | undefined,
  scope: LiquidScope,
): Promise<Partial<Record<InsertionPoint, string>>> {
  const out: Partial<Record<InsertionPoint, string>> = {};
  for (const [point, html] of Object.entries(points ?? {})) {
    out[point as InsertionPoint] = (await partialEngine.parseAndRender(html, scope)) as string;
  }
  return out;
}

export async function renderTemplate(
  template: string,
  scope: LiquidScope,
  parts: { head: string; widget: string },
): Promise<string> {
  // A fresh engine per page binds the tag to this page's head and widget without putting them in the scope.
  const engine = new Liquid(LIMITS);
  engine.registerTag(
    "auth0",
    class Auth0Tag extends Tag {
      private readonly part: "head" | "widget";
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
        const arg = token.args.trim();
        if (arg !== ":head" && arg !== ":widget")
          throw new Error(`unknown tag auth0${arg}; expected auth0:head or auth0:widget`);
        this.part = arg === ":head" ? "head" : "widget";
      }
      render(_ctx: Context, emitter: Emitter): void {
        emitter.write(parts[this.part]);
      }
    },
  );
  return (await engine.parseAndRender(template, scope)) as string;
}
