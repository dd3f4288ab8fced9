/**
 * The Universal Login screens the local tenant serves, with their prompt, URL and default texts.
 *
 * Identifier first (prompts.identifier_first = true): `login-id` asks for the identifier, then `login-password`
 * for the password. Classic: one `login` screen with both. Each screen is its own prompt, which is how Auth0
 * names them for partials (`/prompts/login-id/partials` → screen `login-id`) and for `prompt.name` in the page
 * template. Texts follow Auth0's English defaults; `${companyName}` and `${clientName}` are filled in.
 */
export type ScreenName = "login-id" | "login-password" | "login";
export type LoginFlowName = "identifier-first" | "classic";

export interface ScreenTexts {
  pageTitle: string;
  title: string;
  description: string;
  buttonText: string;
  [key: string]: string;
}

export interface ScreenDefinition {
  prompt: ScreenName;
  screen: ScreenName;
  /** Where the screen is served and posted (GET shows it, POST submits it). */
  path: string;
  texts: ScreenTexts;
}

export const SCREENS: Readonly<Record<ScreenName, ScreenDefinition>> = {
  "login-id": {
    prompt: "login-id",
    screen: "login-id",
    path: "/u/login/identifier",
    texts: {
      pageTitle: "Log in | ${clientName}",
      title: "Welcome",
      description: "Log in to ${companyName} to continue to ${clientName}.",
      buttonText: "Continue",
      emailPlaceholder: "Email address",
    },
  },
  "login-password": {
    prompt: "login-password",
    screen: "login-password",
    path: "/u/login/password",
    texts: {
      pageTitle: "Enter your password | ${clientName}",
      title: "Enter Your Password",
      description: "Enter your password for ${companyName} to continue to ${clientName}.",
      buttonText: "Continue",
      passwordPlaceholder: "Password",
      editEmailText: "Edit",
    },
  },
  login: {
    prompt: "login",
    screen: "login",
    path: "/u/login",
    texts: {
      pageTitle: "Log in | ${clientName}",
      title: "Welcome",
      description: "Log in to ${companyName} to continue to ${clientName}.",
      buttonText: "Continue",
      emailPlaceholder: "Email address",
      passwordPlaceholder: "Password",
    },
  },
};

/** The first screen of a flow: where /authorize sends a new login. */
export function firstScreen(flow: LoginFlowName): ScreenDefinition {
  return flow === "identifier-first" ? SCREENS["login-id"] : SCREENS.login;
}

export function screenTexts(screen: ScreenDefinition, names: { companyName: string; clientName: string }): ScreenTexts {
  const fill = (text: string) =>
    text.replaceAll("${companyName}", names.companyName).replaceAll("${clientName}", names.clientName);
  return Object.fromEntries(Object.entries(screen.texts).map(([key, text]) => [key, fill(text)])) as ScreenTexts;
}
