import type { LoginFlow } from "../../config/schema";

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
