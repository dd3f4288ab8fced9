/**
 * Finding the Keep Me Signed In checkbox in a tenant's partials, and reading its label back.
 *
 * A partial holds the checkbox when it has an input named `ulp-remember-me` (KMSI_FIELD, the field the kmsi
 * Action reads): ours (components/universal-login/kmsi-partial.ts) and the guide's (seed 000, step 2) both do.
 */
import { KMSI_FIELD } from "../../auth0";
import { CHECKBOX_PROMPTS, type CheckboxPrompt, type TenantSnapshot } from "./snapshot";

export interface CheckboxLocation {
  prompt: CheckboxPrompt;
  screen: string;
  /** Auth0's insertion point name, e.g. `form-content-end`. */
  insertionPoint: string;
  html: string;
}

const FIELD = new RegExp(`name\\s*=\\s*["']?${KMSI_FIELD.replace(/-/g, "\\-")}["'\\s/>]`, "i");

export function findCheckboxes(partials: TenantSnapshot["partials"]): CheckboxLocation[] {
  const found: CheckboxLocation[] = [];
  for (const prompt of CHECKBOX_PROMPTS) {
    for (const [screen, points] of Object.entries(partials[prompt] ?? {})) {
      for (const [insertionPoint, html] of Object.entries(points ?? {})) {
        if (typeof html === "string" && FIELD.test(html)) found.push({ prompt, screen, insertionPoint, html });
      }
    }
  }
  return found;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * The text of the partial's first `<label>`, as a person reads it: tags dropped, entities decoded, white space
 * collapsed. Undefined when there is no label with text.
 */
export function labelOf(html: string): string | undefined {
  const match = /<label\b[^>]*>([\s\S]*?)<\/label>/i.exec(html);
  if (!match) return undefined;
  const text = match[1]
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
  return text === "" ? undefined : text;
}
