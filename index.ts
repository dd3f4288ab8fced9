import * as pulumi from "@pulumi/pulumi";
import {
  CustomDomain,
  SessionActions,
  TenantSessions,
  UniversalLogin,
  lookUpKeptActions,
  readKeptTenantSettings,
} from "./components";
import { CONFIG_NAMESPACE, isConfigSecret, PRODUCTION_STACKS, readStackConfig } from "./config";

// Throws one error listing every config problem before any resource is declared.
const config = readStackConfig();
// Production's tenant settings and custom domain must not be deleted or replaced by an accidental change: a
// resource option, so it goes in the components' options and every child inherits it.
const protect = PRODUCTION_STACKS.includes(pulumi.getStack());

// An async program: what it needs from the tenant is read before anything is declared. A kept Action that cannot
// be bound (auth0.getAction) fails the preview with one config-style error, like the checks above, and a failed
// read fails it the same way every time, with nothing declared and nothing sent.
export = async () => {
  const keepBound = await lookUpKeptActions(config.actions.keepBound, undefined, {
    secret: isConfigSecret(`${CONFIG_NAMESPACE}:actions`),
  });
  // The tenant settings the stack does not manage, as the tenant holds them (auth0.getTenant).
  const kept = await readKeptTenantSettings();

  // Each component takes its config sections whole; what they become is its own business.
  const sessions = new TenantSessions("sessions", { sessions: config.sessions, kept }, { protect });
  const domain = new CustomDomain("login-domain", { customDomain: config.customDomain }, { protect });
  const login = new UniversalLogin("universal-login", {
    loginFlow: config.loginFlow,
    pageTemplate: config.pageTemplate,
    keepMeSignedIn: config.keepMeSignedIn,
    domainReady: domain.ready,
  });
  const actions = new SessionActions("session-actions", {
    actions: config.actions,
    keepMeSignedIn: config.keepMeSignedIn,
    risk: config.risk,
    keepBound,
  });

  // The stack outputs.
  return {
    customDomainDnsRecords: domain.dnsRecords,
    customDomainStatus: domain.customDomain.status,
    actionIds: { kmsi: actions.kmsi?.id, risk: actions.risk?.id },
    postLoginBinding: actions.binding?.actions.apply((bound) => bound.map((a) => a.displayName)),
    loginPrompt: login.screen.prompt,
    loginScreen: login.screen.screen,
    sessionLifetimesHours: {
      persistent: { idle: sessions.tenant.idleSessionLifetime, absolute: sessions.tenant.sessionLifetime },
      ephemeral: {
        idle: sessions.tenant.idleEphemeralSessionLifetime,
        absolute: sessions.tenant.ephemeralSessionLifetime,
      },
    },
  };
};
