/** The stack's components, one per file; the program (index.ts) creates them. */
export { CustomDomain, dnsRecordsOf, type CustomDomainArgs, type DnsRecord } from "./customDomain";
export {
  keptTenantSettings,
  readKeptTenantSettings,
  type KeptTenantSettings,
  type TenantAsRead,
} from "./keptTenantSettings";
export {
  SessionActions,
  lookUpKeptActions,
  type ActionLookup,
  type KeptAction,
  type KmsiActionArgs,
  type RiskActionArgs,
  type SessionActionsArgs,
} from "./sessionActions";
export { TenantSessions, type Lifetimes, type TenantSessionsArgs } from "./tenantSessions";
export { UniversalLogin, escapeHtml, renderKmsiPartial, type UniversalLoginArgs } from "./universalLogin";
