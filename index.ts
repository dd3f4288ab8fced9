import * as pulumi from "@pulumi/pulumi";
import { readActionBundle } from "./actions/bundles";
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
// Production's tenant settings and custom domain must not be deleted or replaced by an accidental change.
const protect = PRODUCTION_STACKS.includes(pulumi.getStack());
const kmsi = config.keepMeSignedIn;
const risk = config.risk;
const riskEnabled = risk.networkBinding !== "off" || risk.connectionLifetimes || risk.organizationIdle;

// An async program: what it needs from the tenant is read before anything is declared. A kept Action that cannot
// be bound (auth0.getAction) fails the preview with one config-style error, like the checks above, and a failed
// read fails it the same way every time, with nothing declared and nothing sent.
export = async () => {
  const keepBound = await lookUpKeptActions(config.actions.keepBound, undefined, {
    secret: isConfigSecret(`${CONFIG_NAMESPACE}:actions`),
  });
  // The tenant settings the stack does not manage, as the tenant holds them (auth0.getTenant).
  const kept = await readKeptTenantSettings();

  const sessions = new TenantSessions("sessions", {
    persistent: config.sessions.persistent,
    ephemeral: config.sessions.ephemeral,
    cookieMode: config.sessions.cookieMode,
    kept,
    protect,
  });

  const domain = new CustomDomain("login-domain", {
    domain: config.customDomain.domain,
    certificates: config.customDomain.certificates,
    verify: config.customDomain.verify,
    verifyTimeoutMs: config.customDomain.verifyTimeout,
    protect,
  });

  const login = new UniversalLogin("universal-login", {
    loginFlow: config.loginFlow,
    pageTemplate: config.pageTemplate.body,
    kmsiLabel: kmsi.enabled ? kmsi.label : undefined,
    customDomain: domain.ready,
  });

  const actions = new SessionActions("session-actions", {
    runtime: config.actions.runtime,
    kmsi: kmsi.enabled
      ? {
          code: readActionBundle("kmsi"),
          trustedAbsoluteMs: kmsi.trustedDevice.absolute,
          trustedIdleMs: kmsi.trustedDevice.idle,
        }
      : undefined,
    risk: riskEnabled ? { code: readActionBundle("risk"), ...risk } : undefined,
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
