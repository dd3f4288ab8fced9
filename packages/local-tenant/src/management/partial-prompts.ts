/**
 * Every prompt Auth0 documents for prompt partials, with the screens of each that take partials: the prompt enum
 * of PUT /api/v2/prompts/{prompt}/partials (auth0 SDK 7.1.0 PartialGroupsEnum: login, login-id, login-password,
 * login-passwordless, signup, signup-id, signup-password, customized-consent, passkeys, confirmation; go-auth0
 * management/prompt.go allowedPromptsWithPartials, the same but confirmation) and their screen names (go-auth0
 * ScreenName constants; SDK ScreenGroupNameEnum).
 */
export const PARTIAL_SCREENS: Readonly<Record<string, readonly string[]>> = {
  login: ["login"],
  "login-id": ["login-id"],
  "login-password": ["login-password"],
  "login-passwordless": ["login-passwordless-email-code", "login-passwordless-sms-otp"],
  signup: ["signup"],
  "signup-id": ["signup-id"],
  "signup-password": ["signup-password"],
  "customized-consent": ["customized-consent"],
  passkeys: ["passkey-enrollment", "passkey-enrollment-local"],
  confirmation: ["confirmation"],
};
