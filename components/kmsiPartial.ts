/**
 * The Universal Login partial that adds the Keep Me Signed In checkbox (seed 000, step 2).
 *
 * The field name must start with `ulp-`: Auth0 only forwards custom prompt fields with that prefix to
 * `event.request.body`, where the kmsi Action reads it. The box is unchecked by default so that a session is
 * persistent only when the person asks for it.
 */
export const KMSI_FIELD_NAME = "ulp-remember-me";
/** Where the partial goes on the login screen: under the form, as the guide shows. */
export const KMSI_INSERTION_POINT = "form-content-end";
/** Auth0's limit for one partial's content. */
export const KMSI_PARTIAL_MAX_CHARS = 10_000;

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

export function renderKmsiPartial(label: string): string {
  return [
    '<div class="ulp-field ulp-remember-me">',
    `  <input type="checkbox" name="${KMSI_FIELD_NAME}" id="${KMSI_FIELD_NAME}" value="on">`,
    `  <label for="${KMSI_FIELD_NAME}">${escapeHtml(label)}</label>`,
    "</div>",
  ].join("\n");
}
