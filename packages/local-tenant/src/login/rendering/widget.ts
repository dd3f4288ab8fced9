/**
 * The login widget (`{%- auth0:widget -%}`): the screen's form, with the deployed partials at their insertion
 * points, in the places Auth0 documents them:
 *
 *   form-content-start / form-content-end    inside the form, before / after the built-in fields,
 *                                            so partial inputs (the KMSI checkbox) are posted with it;
 *   form-footer-start / form-footer-end      around the form's footer, after the submit button;
 *   secondary-actions-start / -end           around the alternative actions under the form.
 *
 * Partial HTML is inserted as rendered (it is admin content, as on Auth0); everything else is escaped.
 */
import { escapeHtml } from "../../http/html";
import type { ScreenDefinition, ScreenTexts } from "./screens";

export type InsertionPoint =
  | "form-content-start"
  | "form-content-end"
  | "form-footer-start"
  | "form-footer-end"
  | "secondary-actions-start"
  | "secondary-actions-end";

export interface WidgetInput {
  screen: ScreenDefinition;
  texts: ScreenTexts;
  /** The login transaction's state (hidden field and form action). */
  state: string;
  /** Rendered partials of this screen, by insertion point. */
  partials: Partial<Record<InsertionPoint, string>>;
  /** The identifier entered so far (shown on the password screen, prefilled on a retry). */
  identifier?: string;
  /** An error to show above the form, e.g. wrong password. */
  error?: string;
  /** Where "Edit" goes on the password screen (back to the identifier screen). */
  editIdentifierUrl?: string;
}

export function renderWidget(input: WidgetInput): string {
  const { screen, texts, state } = input;
  const point = (name: InsertionPoint) => input.partials[name] ?? "";
  const action = `${screen.path}?state=${encodeURIComponent(state)}`;
  return `<main class="_widget ulp-widget ${screen.screen}" data-screen="${screen.screen}">
  <section class="ulp-card">
    <header class="ulp-header">
      <div class="ulp-logo" aria-hidden="true"></div>
      <h1 class="ulp-title">${escapeHtml(texts.title)}</h1>
      <p class="ulp-description">${escapeHtml(texts.description)}</p>
    </header>
    <div class="ulp-body">
      ${input.error ? `<div class="ulp-error" role="alert" id="error-element">${escapeHtml(input.error)}</div>` : ""}
      <form method="POST" action="${escapeHtml(action)}" class="ulp-form" data-form-primary="true">
        <input type="hidden" name="state" value="${escapeHtml(state)}">
        ${point("form-content-start")}
        ${fields(input)}
        ${point("form-content-end")}
        <div class="ulp-button-bar">
          <button type="submit" name="action" value="default" class="ulp-button">${escapeHtml(texts.buttonText)}</button>
        </div>
      </form>
      <footer class="ulp-form-footer">
        ${point("form-footer-start")}
        ${point("form-footer-end")}
      </footer>
      <div class="ulp-secondary-actions">
        ${point("secondary-actions-start")}
        ${point("secondary-actions-end")}
      </div>
    </div>
  </section>
</main>`;
}

function fields(input: WidgetInput): string {
  const { screen, texts } = input;
  const identifier = escapeHtml(input.identifier ?? "");
  const usernameField = `<div class="ulp-input">
          <label for="username">${escapeHtml(texts.emailPlaceholder ?? "Email address")}</label>
          <input id="username" name="username" type="text" inputmode="email" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${identifier}"${identifier ? "" : " autofocus"}>
        </div>`;
  const passwordField = (autofocus: boolean) => `<div class="ulp-input">
          <label for="password">${escapeHtml(texts.passwordPlaceholder ?? "Password")}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required${autofocus ? " autofocus" : ""}>
        </div>`;
  switch (screen.screen) {
    case "login-id":
      return usernameField;
    case "login-password":
      return `<div class="ulp-identifier">
          <span class="ulp-identifier-value">${identifier}</span>
          ${input.editIdentifierUrl ? `<a class="ulp-edit" href="${escapeHtml(input.editIdentifierUrl)}">${escapeHtml(texts.editEmailText ?? "Edit")}</a>` : ""}
          <input type="hidden" name="username" value="${identifier}">
        </div>
        ${passwordField(true)}`;
    case "login":
      return `${usernameField}
        ${passwordField(Boolean(identifier))}`;
  }
}
