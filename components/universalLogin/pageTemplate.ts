/**
 * Checks for a Universal Login page template, as Auth0 applies them when the template is saved.
 *
 * Auth0 renders the head (scripts, styles) at `{%- auth0:head -%}` and the login widget at `{%- auth0:widget -%}`;
 * a template without them is refused, and a second head tag would load the widget twice.
 */
export const PAGE_TEMPLATE_MAX_BYTES = 100 * 1024;
export const HEAD_TAG = "{%- auth0:head -%}";
export const WIDGET_TAG = "{%- auth0:widget -%}";

/** The problems of a template body, each as a rule sentence; empty when the template is fine. */
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
