/**
 * One login screen as the browser gets it: the deployed page template (or Auth0's default) with the head, the
 * widget of this screen and the deployed partials of its prompt (prompts/{prompt}/partials → {screen} →
 * insertion point).
 */
import type { Reply } from "../../http/router";
import type { LoginTransactionRecord } from "../../store/state";
import type { LoginContext } from "../state/context";
import { renderHead } from "./head";
import { DEFAULT_TEMPLATE, renderPartials, renderTemplate, type LiquidScope } from "./page";
import { errorPage, htmlPage } from "../../http/pages";
import { SCREENS, screenTexts, type ScreenDefinition } from "./screens";
import { renderWidget } from "./widget";

export interface ScreenView {
  screen: ScreenDefinition;
  transaction: LoginTransactionRecord;
  error?: string;
  status?: number;
}

export async function renderScreen(context: LoginContext, view: ScreenView): Promise<Reply> {
  const state = context.store.state;
  const { screen, transaction } = view;
  const application = context.directory.application(transaction.client_id);
  const organization = transaction.organization_id
    ? context.directory.organization(transaction.organization_id)
    : undefined;
  const companyName =
    typeof state.tenantSettings.friendly_name === "string" ? state.tenantSettings.friendly_name : context.tenantName;
  const texts = screenTexts(screen, { companyName, clientName: application?.name ?? transaction.client_id });
  const domain = state.customDomains.find((d) => d.primary) ?? state.customDomains[0];
  const scope: LiquidScope = {
    locale: "en",
    application: {
      id: transaction.client_id,
      name: application?.name ?? transaction.client_id,
      metadata: { ...(application?.metadata ?? {}) },
    },
    branding: structuredClone(state.branding),
    tenant: {
      friendly_name: companyName,
      enabled_locales: state.tenantSettings.enabled_locales ?? ["en"],
      support_email: state.tenantSettings.support_email ?? null,
      support_url: state.tenantSettings.support_url ?? null,
    },
    custom_domain: domain ? { domain: domain.domain } : null,
    organization: organization
      ? {
          id: organization.id,
          name: organization.name,
          display_name: organization.display_name ?? organization.name,
          metadata: { ...organization.metadata },
        }
      : null,
    prompt: { name: screen.prompt, screen: { name: screen.screen, texts } },
    transaction: { state: transaction.id, locale: "en" },
  };
  try {
    const partials = await renderPartials(state.partials[screen.prompt]?.[screen.screen], scope);
    const widget = renderWidget({
      screen,
      texts,
      state: transaction.id,
      partials,
      ...(transaction.identifier !== undefined ? { identifier: transaction.identifier } : {}),
      ...(view.error !== undefined ? { error: view.error } : {}),
      ...(screen === SCREENS["login-password"]
        ? { editIdentifierUrl: `${SCREENS["login-id"].path}?state=${encodeURIComponent(transaction.id)}` }
        : {}),
    });
    const html = await renderTemplate(state.universalLoginTemplate ?? DEFAULT_TEMPLATE, scope, {
      head: renderHead(state.branding),
      widget,
    });
    return htmlPage(view.status ?? 200, html);
  } catch (error) {
    // A template or partial that does not render is a tenant configuration error, shown as Auth0 shows errors.
    return errorPage(
      500,
      "server_error",
      `The login page could not be rendered: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
