/**
 * The local tenant's one entry point: everything outside packages/local-tenant (the provider stand-in, the
 * bench, the repository's tests and tools) imports from here and from nowhere deeper.
 */
export { startLocalTenant, type LocalTenant, type LocalTenantOptions } from "./start";
export type { MintOptions } from "./auth/token-issuer";
export { MANAGEMENT_SCOPES, type ManagementScope } from "./auth/scopes";
export type { FaultPatch, FaultSettings } from "./control/faults";
export type { RequestLogEntry } from "./control/request-log";
export type { NewLogEvent } from "./store/tenant-logs";
export type { LogEvent } from "./store/state";
export type { Plan } from "./plan";
export { mulberry32 } from "./util/prng";
export { writeFileAtomic } from "./store/atomic-write";
export { TenantClient, type Response, type SendOptions } from "./client";
export { removeTempStateDirs, startTestTenant, tempStateDir } from "./test-tenants";
export { ASN_HEADER, IP_HEADER, type LoginOptions, type LoginSeedInput } from "./login/index";
export type { SessionRecord } from "./store/state";
// The post-login Action runtime on its own, for the bench: the event a login builds, the sandbox, the seed.
export { loadSeed, postLoginEvent, runInSandbox, type SandboxResult } from "./login/index";
