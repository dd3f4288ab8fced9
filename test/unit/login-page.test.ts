import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULTS, LABEL_MAX_CHARS, PROJECT_DIR } from "../../config";
import {
  HEAD_TAG,
  KMSI_FIELD,
  LOGIN_SCREENS,
  PAGE_TEMPLATE_MAX_BYTES,
  pageTemplateProblems,
  PARTIAL_MAX_CHARS,
  WIDGET_TAG,
} from "../../auth0";
import { escapeHtml, renderKmsiPartial } from "../../components";
import * as path from "node:path";

describe("the KMSI partial", () => {
  it("is a labelled, unchecked checkbox named ulp-remember-me", () => {
    expect(renderKmsiPartial(DEFAULTS.keepMeSignedIn.label)).toBe(
      [
        '<div class="ulp-field ulp-remember-me">',
        '  <input type="checkbox" name="ulp-remember-me" id="ulp-remember-me" value="on">',
        '  <label for="ulp-remember-me">Keep me signed in on this device</label>',
        "</div>",
      ].join("\n"),
    );
    expect(renderKmsiPartial("x")).not.toMatch(/checked/);
  });

  it("names the field the kmsi Action reads, with the ulp- prefix Auth0 needs to pass it to event.request.body", () => {
    expect(KMSI_FIELD).toBe("ulp-remember-me");
    expect(renderKmsiPartial("x")).toContain(`name="${KMSI_FIELD}"`);
  });

  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['Stay "signed" in', "Stay &quot;signed&quot; in"],
    ["Tom & Jerry's", "Tom &amp; Jerry&#39;s"],
    ["Angemeldet bleiben ✓", "Angemeldet bleiben ✓"],
  ])("escapes the label %s", (label, escaped) => {
    expect(escapeHtml(label)).toBe(escaped);
    expect(renderKmsiPartial(label)).toContain(`<label for="ulp-remember-me">${escaped}</label>`);
  });

  it("stays within Auth0's 10,000 characters for the longest, worst-escaping label the schema allows", () => {
    const worst = '"'.repeat(LABEL_MAX_CHARS); // each becomes &quot; (6 characters)
    expect(renderKmsiPartial(worst).length).toBe(renderKmsiPartial("").length + 6 * LABEL_MAX_CHARS);
    expect(renderKmsiPartial(worst).length).toBeLessThanOrEqual(PARTIAL_MAX_CHARS);
  });
});

describe("the page template rules", () => {
  it.each([
    [`${HEAD_TAG}${WIDGET_TAG}`, []],
    [`${HEAD_TAG}{% if a %}${WIDGET_TAG}{% else %}${WIDGET_TAG}{% endif %}`, []],
    [WIDGET_TAG, ["must contain {%- auth0:head -%} exactly once (found 0)"]],
    [HEAD_TAG, ["must contain {%- auth0:widget -%} at least once (found 0)"]],
    [
      `${HEAD_TAG}${HEAD_TAG}`,
      [
        "must contain {%- auth0:head -%} exactly once (found 2)",
        "must contain {%- auth0:widget -%} at least once (found 0)",
      ],
    ],
    // The whitespace-control dashes are part of Auth0's tags; the plain form is not what Auth0 looks for.
    [
      "{% auth0:head %}{% auth0:widget %}",
      [
        "must contain {%- auth0:head -%} exactly once (found 0)",
        "must contain {%- auth0:widget -%} at least once (found 0)",
      ],
    ],
  ])("%s", (body, problems) => {
    expect(pageTemplateProblems(body)).toEqual(problems);
  });

  it("accepts the shipped template, which is well under 100 KB", () => {
    const body = fs.readFileSync(path.join(PROJECT_DIR, DEFAULTS.pageTemplate), "utf8");
    expect(pageTemplateProblems(body)).toEqual([]);
    expect(Buffer.byteLength(body)).toBeLessThan(PAGE_TEMPLATE_MAX_BYTES);
    expect(PAGE_TEMPLATE_MAX_BYTES).toBe(102_400);
  });
});

describe("the login flows", () => {
  it("puts the checkbox on the first screen the user posts", () => {
    expect(LOGIN_SCREENS).toEqual({
      "identifier-first": { prompt: "login-id", screen: "login-id", identifierFirst: true },
      classic: { prompt: "login", screen: "login", identifierFirst: false },
    });
  });
});
