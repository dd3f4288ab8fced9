/** Public entry point of the local tenant for tests and scripts. */
export { startLocalTenant, type LocalTenant, type LocalTenantOptions } from "./start";
export type { MintOptions } from "./auth/token-issuer";
export { MANAGEMENT_SCOPES, type ManagementScope } from "./auth/scopes";
export type { FaultPatch, FaultSettings } from "./control/faults";
export type { RequestLogEntry } from "./control/request-log";
export type { NewLogEvent } from "./management/logs";
export type { LogEvent } from "./store/state";
export type { Plan } from "./plan";
export { mulberry32 } from "./util/prng";
export { writeFileAtomic } from "./store/atomic-write";
