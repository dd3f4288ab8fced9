/**
 * What `{%- auth0:head -%}` renders: the meta tags and the widget's styles. Auth0 puts its scripts and
 * stylesheets here; the local widget needs no script, only CSS that looks roughly like the New Universal
 * Login card so screenshots of a custom page template are meaningful. The primary colour comes from the
 * branding settings (GET /api/v2/branding), as on Auth0.
 */
import type { JsonObject } from "../../store/state";

const DEFAULT_PRIMARY = "#635dff";

export function renderHead(branding: JsonObject): string {
  const colors = (branding.colors ?? {}) as { primary?: unknown };
  const primary =
    typeof colors.primary === "string" && /^#[0-9a-fA-F]{3,8}$/.test(colors.primary) ? colors.primary : DEFAULT_PRIMARY;
  return `<meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <style id="auth0-widget-styles">
      :root { --ulp-primary: ${primary}; }
      body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1e212a; }
      body._widget-auto-layout { display: flex; align-items: center; justify-content: center; min-height: 100vh; }
      .ulp-card { box-sizing: border-box; width: 400px; max-width: 100vw; padding: 40px; background: #fff;
        border-radius: 5px; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.18); }
      .ulp-header { text-align: center; margin-bottom: 24px; }
      .ulp-logo { width: 52px; height: 52px; margin: 0 auto 16px; border-radius: 50%; background: var(--ulp-primary); }
      .ulp-title { font-size: 24px; font-weight: 400; margin: 0 0 12px; }
      .ulp-description { font-size: 14px; line-height: 1.5; margin: 0; color: #65676e; }
      .ulp-form { display: flex; flex-direction: column; gap: 16px; }
      .ulp-input { display: flex; flex-direction: column; gap: 6px; font-size: 14px; }
      .ulp-input input { box-sizing: border-box; width: 100%; height: 52px; padding: 0 16px; font-size: 16px;
        border: 1px solid #c9cace; border-radius: 3px; }
      .ulp-input input:focus { outline: none; border-color: var(--ulp-primary); box-shadow: 0 0 0 1px var(--ulp-primary); }
      .ulp-identifier { display: flex; justify-content: space-between; align-items: center; padding: 12px 16px;
        border: 1px solid #c9cace; border-radius: 3px; font-size: 14px; }
      .ulp-edit { color: var(--ulp-primary); text-decoration: none; font-weight: 600; }
      .ulp-field { font-size: 14px; }
      .ulp-error { padding: 10px 12px; margin-bottom: 16px; border-radius: 3px; background: #fdecec; color: #d03c38; font-size: 14px; }
      .ulp-button { width: 100%; height: 52px; border: 0; border-radius: 3px; background: var(--ulp-primary); color: #fff;
        font-size: 16px; cursor: pointer; }
      .ulp-form-footer, .ulp-secondary-actions { font-size: 14px; text-align: center; }
      .ulp-form-footer:empty, .ulp-secondary-actions:empty { display: none; }
    </style>`;
}
