/** The stack's components, one per file; the program (index.ts) creates them. */
export { CustomDomain, dnsRecordsOf, type CustomDomainArgs, type DnsRecord } from "./custom-domain";
export {
  keptTenantSettings,
  readKeptTenantSettings,
  type KeptTenantSettings,
  type TenantAsRead,
} from "./kept-tenant-settings";
export {
  SessionActions,
  lookUpKeptActions,
  type ActionLookup,
  type KeptAction,
  riskEnabled,
  type SessionActionsArgs,
} from "./session-actions";
export { TenantSessions, type TenantSessionsArgs } from "./tenant-sessions";
export { UniversalLogin, escapeHtml, renderKmsiPartial, type UniversalLoginArgs } from "./universal-login";
