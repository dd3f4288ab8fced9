/**
 * Action triggers and runtimes the tenant accepts. A trigger binds actions whose `supported_triggers` name it;
 * post-login v3 is what this project's Actions use.
 */
export const TRIGGER_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  "post-login": ["v1", "v2", "v3"],
  "credentials-exchange": ["v1", "v2"],
  "pre-user-registration": ["v1", "v2"],
  "post-user-registration": ["v1", "v2"],
  "post-change-password": ["v1", "v2"],
  "send-phone-message": ["v1", "v2"],
  "password-reset-post-challenge": ["v1"],
  "custom-email-provider": ["v1"],
  "custom-phone-provider": ["v1"],
  "custom-token-exchange": ["v1"],
  "login-post-identifier": ["v1"],
  "signup-post-identifier": ["v1"],
};

/** `node18-actions` is what Auth0 reports for Node 18 actions; `node22` is the default for new ones. */
export const RUNTIMES = ["node18", "node18-actions", "node22"] as const;
export const DEFAULT_RUNTIME = "node22";

export function isTrigger(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(TRIGGER_VERSIONS, id);
}
