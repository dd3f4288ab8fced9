/**
 * The Universal Login partial that adds the Keep Me Signed In checkbox (seed 000, step 2), at the
 * `form-content-end` insertion point. The field name (`ulp-remember-me`) is shared with the kmsi Action. The box
 * is unchecked by default so that a session is persistent only when the person asks for it.
 */
import { KMSI_FIELD } from "../../auth0";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export function renderKmsiPartial(label: string): string {
  return [
    '<div class="ulp-field ulp-remember-me">',
    `  <input type="checkbox" name="${KMSI_FIELD}" id="${KMSI_FIELD}" value="on">`,
    `  <label for="${KMSI_FIELD}">${escapeHtml(label)}</label>`,
    "</div>",
  ].join("\n");
}
