/**
 * Universal Login facts: which prompt and screen carry the checkbox per login flow, and what Auth0 accepts as a
 * page template and as a partial.
 */

/** The two Universal Login flows a tenant can use. */
export const LOGIN_FLOWS = ["identifier-first", "classic"] as const;
export type LoginFlow = (typeof LOGIN_FLOWS)[number];

/**
 * Which Universal Login prompt and screen carry the KMSI checkbox, and how `auth0.Prompt` is set, per flow.
 *
 * With identifier first, the first screen (`login-id`) asks only for the identifier; its form is posted before
 * the password, so the checkbox must be on that screen for `ulp-remember-me` to reach the Action.
 */
export interface LoginScreen {
  prompt: "login-id" | "login";
  screen: "login-id" | "login";
  identifierFirst: boolean;
}

export const LOGIN_SCREENS: Record<LoginFlow, LoginScreen> = {
  "identifier-first": { prompt: "login-id", screen: "login-id", identifierFirst: true },
  classic: { prompt: "login", screen: "login", identifierFirst: false },
};

/**
 * The page template: Auth0 renders the head (scripts, styles) at `{%- auth0:head -%}` and the login widget at
 * `{%- auth0:widget -%}`; a template without them is refused, and a second head tag would load the widget twice.
 */
export const PAGE_TEMPLATE_MAX_BYTES = 100 * 1024;
export const HEAD_TAG = "{%- auth0:head -%}";
export const WIDGET_TAG = "{%- auth0:widget -%}";

/** Auth0's limit for one partial's content. */
export const PARTIAL_MAX_CHARS = 10_000;

/** The problems of a template body, as Auth0 applies them when the template is saved; empty when it is fine. */
export function pageTemplateProblems(body: string): string[] {
  const problems: string[] = [];
  const heads = countOccurrences(body, HEAD_TAG);
  if (heads !== 1) problems.push(`must contain ${HEAD_TAG} exactly once (found ${heads})`);
  if (countOccurrences(body, WIDGET_TAG) === 0) problems.push(`must contain ${WIDGET_TAG} at least once (found 0)`);
  return problems;
}

function countOccurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
