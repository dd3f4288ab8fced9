/**
 * The resources the program declares (index.ts and components/*.ts), by the names `pulumi import` needs, and
 * which of them a given config declares.
 *
 * The program composes these names at run time (`${componentName}-${suffix}`), so they are written out here;
 * test/tools/resources.test.ts runs the real program under Pulumi's mocks and checks every entry (type, name,
 * parent) and `declaredResources` against what it registers, so this table cannot drift from the program.
 */
import { riskEnabled } from "../../components";
import type { StackConfig } from "../../config";

export const COMPONENTS = {
  sessions: { type: "auth0-sessions:index:TenantSessions", name: "sessions" },
  domain: { type: "auth0-sessions:index:CustomDomain", name: "login-domain" },
  login: { type: "auth0-sessions:index:UniversalLogin", name: "universal-login" },
  actions: { type: "auth0-sessions:index:SessionActions", name: "session-actions" },
} as const;
export type ComponentKey = keyof typeof COMPONENTS;

export const RESOURCES = {
  tenant: { type: "auth0:index/tenant:Tenant", name: "sessions-tenant", parent: "sessions" },
  customDomain: { type: "auth0:index/customDomain:CustomDomain", name: "login-domain-domain", parent: "domain" },
  verification: {
    type: "auth0:index/customDomainVerification:CustomDomainVerification",
    name: "login-domain-verification",
    parent: "domain",
  },
  prompt: { type: "auth0:index/prompt:Prompt", name: "universal-login-prompt", parent: "login" },
  branding: { type: "auth0:index/branding:Branding", name: "universal-login-branding", parent: "login" },
  partial: {
    type: "auth0:index/promptScreenPartials:PromptScreenPartials",
    name: "universal-login-kmsi-partial",
    parent: "login",
  },
  risk: { type: "auth0:index/action:Action", name: "session-actions-risk", parent: "actions" },
  kmsi: { type: "auth0:index/action:Action", name: "session-actions-kmsi", parent: "actions" },
  binding: { type: "auth0:index/triggerActions:TriggerActions", name: "session-actions-post-login", parent: "actions" },
} as const satisfies Record<string, { type: string; name: string; parent: ComponentKey }>;
export type ResourceKey = keyof typeof RESOURCES;

/** The resources the program declares for a config, in declaration order. */
export function declaredResources(
  config: Pick<StackConfig, "customDomain" | "keepMeSignedIn" | "risk" | "actions">,
): ResourceKey[] {
  const kmsi = config.keepMeSignedIn.enabled;
  const risk = riskEnabled(config.risk);
  const keys: (ResourceKey | false)[] = [
    "tenant",
    "customDomain",
    config.customDomain.verify && "verification",
    "prompt",
    "branding",
    kmsi && "partial",
    risk && "risk",
    kmsi && "kmsi",
    (kmsi || risk || config.actions.keepBound.length > 0) && "binding",
  ];
  return keys.filter((key): key is ResourceKey => key !== false);
}
