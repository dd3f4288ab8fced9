/** The stack config: read and parse, schema, rules between values, problem reporting, durations. */
export { CONFIG_NAMESPACE, namespaceKeys } from "./namespace";
export * from "./duration";
export { ConfigError, SECRET, type ConfigProblem } from "./problems";
export { PROJECT_DIR, isConfigSecret, parseStackConfig, readStackConfig, type ParseOptions } from "./read";
export {
  CHOICES,
  CONFIG_KEYS,
  CONFIG_OBJECT_KEYS,
  CONFIG_PATHS,
  DEFAULTS,
  LABEL_MAX_CHARS,
  MIN_LIFETIME_MS,
  PLAN_LIMITS,
  PRODUCTION_STACKS,
  TENANT_MIN_LIFETIME_MS,
  VERIFY_TIMEOUT_MAX_MS,
  type ActionsConfig,
  type CustomDomainConfig,
  type KeepMeSignedInConfig,
  type PageTemplateConfig,
  type RiskConfig,
  type SessionsConfig,
  type StackConfig,
} from "./schema";
