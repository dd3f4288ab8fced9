/**
 * The README's config reference, generated from the schema's own defaults and limits so the docs cannot drift
 * from the code. `npm run docs:config` prints it; a test checks the README holds exactly this text.
 */
import {
  CHOICES,
  DEFAULTS,
  LABEL_MAX_CHARS,
  MIN_LIFETIME_MS,
  PLAN_LIMITS,
  TENANT_MIN_LIFETIME_MS,
  VERIFY_TIMEOUT_MAX_MS,
} from "./schema";
import { type LifetimeKind, PAGE_TEMPLATE_MAX_BYTES } from "../auth0";
import { formatDuration, TENANT_WHOLE_HOURS_FROM_MS } from "./duration";

const ss = PLAN_LIMITS["self-service"];
const ent = PLAN_LIMITS.enterprise;
const lifetimeLimit = (kind: LifetimeKind, which: "idle" | "absolute") =>
  `${formatDuration(TENANT_MIN_LIFETIME_MS[kind])} to ${formatDuration(ss[which])} (self-service) or ` +
  `${formatDuration(ent[which])} (enterprise); whole hours from ${formatDuration(TENANT_WHOLE_HOURS_FROM_MS)}`;

type Row = [key: string, defaultValue: string, allowed: string, meaning: string];

const code = (value: unknown) => `\`${Array.isArray(value) ? JSON.stringify(value) : String(value)}\``;
const oneOf = (values: readonly string[]) => values.map(code).join(", ");

export const CONFIG_ROWS: Row[] = [
  [
    "plan",
    "(required)",
    oneOf(CHOICES.plan),
    "Your Auth0 plan: sets the lifetime limits. KMSI and risk rules need enterprise.",
  ],
  [
    "sessions.cookieMode",
    code(DEFAULTS.sessions.cookieMode),
    oneOf(CHOICES.cookieMode),
    "Tenant default cookie; must be non-persistent while KMSI is on.",
  ],
  [
    "sessions.persistent.idle",
    code(DEFAULTS.sessions.persistent.idle),
    lifetimeLimit("persistent", "idle"),
    "Inactivity timeout of persistent sessions; at most the absolute one.",
  ],
  [
    "sessions.persistent.absolute",
    code(DEFAULTS.sessions.persistent.absolute),
    lifetimeLimit("persistent", "absolute"),
    "Require log in after, persistent sessions.",
  ],
  [
    "sessions.ephemeral.idle",
    code(DEFAULTS.sessions.ephemeral.idle),
    lifetimeLimit("ephemeral", "idle"),
    "Inactivity timeout of non-persistent sessions; at most the absolute one.",
  ],
  [
    "sessions.ephemeral.absolute",
    code(DEFAULTS.sessions.ephemeral.absolute),
    lifetimeLimit("ephemeral", "absolute"),
    "Require log in after, non-persistent sessions.",
  ],
  [
    "customDomain.domain",
    "(required)",
    "lowercase host name, not under auth0.com",
    "The login host, e.g. `login.example.com`.",
  ],
  [
    "customDomain.certificates",
    code(DEFAULTS.customDomain.certificates),
    oneOf(CHOICES.certificates),
    "Who provides the TLS certificate.",
  ],
  [
    "customDomain.verify",
    code(DEFAULTS.customDomain.verify),
    "`true`, `false`",
    "Wait for Auth0 to verify the DNS records (create them first).",
  ],
  [
    "customDomain.verifyTimeout",
    code(DEFAULTS.customDomain.verifyTimeout),
    `1m to ${formatDuration(VERIFY_TIMEOUT_MAX_MS)}`,
    "How long `pulumi up` waits for the verification before it fails.",
  ],
  [
    "loginFlow",
    code(DEFAULTS.loginFlow),
    oneOf(CHOICES.loginFlow),
    "Checkbox on the `login-id` screen, or on the `login` screen.",
  ],
  [
    "pageTemplate",
    code(DEFAULTS.pageTemplate),
    `path; one \`{%- auth0:head -%}\`, at least one \`{%- auth0:widget -%}\`, at most ${PAGE_TEMPLATE_MAX_BYTES / 1024} KB`,
    "Universal Login page template (Liquid).",
  ],
  [
    "keepMeSignedIn.enabled",
    code(DEFAULTS.keepMeSignedIn.enabled),
    "`true`, `false`",
    "The checkbox and the kmsi Action.",
  ],
  [
    "keepMeSignedIn.label",
    code(DEFAULTS.keepMeSignedIn.label),
    `1 to ${LABEL_MAX_CHARS} characters (HTML-escaped)`,
    "The checkbox's label.",
  ],
  [
    "keepMeSignedIn.trustedDevice.absolute",
    code(DEFAULTS.keepMeSignedIn.trustedDevice.absolute),
    `${formatDuration(MIN_LIFETIME_MS)} to \`sessions.persistent.absolute\`, whole minutes`,
    "Session lifetime when the box is ticked.",
  ],
  [
    "keepMeSignedIn.trustedDevice.idle",
    code(DEFAULTS.keepMeSignedIn.trustedDevice.idle),
    `${formatDuration(MIN_LIFETIME_MS)} to \`sessions.persistent.idle\` and the trusted absolute, whole minutes`,
    "Inactivity timeout when the box is ticked, re-applied on every silent login.",
  ],
  [
    "risk.networkBinding",
    code(DEFAULTS.risk.networkBinding),
    oneOf(CHOICES.networkBinding),
    "Revoke a session whose network (ASN) or IP changed.",
  ],
  [
    "risk.connectionLifetimes",
    code(DEFAULTS.risk.connectionLifetimes),
    "`on`, `off`",
    "Honour `session_timeout` (ms) in connection metadata.",
  ],
  [
    "risk.organizationIdle",
    code(DEFAULTS.risk.organizationIdle),
    "`on`, `off`",
    "Honour `idle_session_timeout` (ms) in organization metadata.",
  ],
  ["actions.runtime", code(DEFAULTS.actions.runtime), oneOf(CHOICES.runtime), "Node.js runtime of both Actions."],
  [
    "actions.keepBound",
    code(DEFAULTS.actions.keepBound),
    "names of existing post-login Actions",
    "Actions managed elsewhere, kept bound after ours in this order.",
  ],
];

export function configReferenceMarkdown(): string {
  const lines = [
    "| key (`auth0-sessions:`) | default | allowed | meaning |",
    "| --- | --- | --- | --- |",
    ...CONFIG_ROWS.map((row) => `| \`${row[0]}\` | ${row.slice(1).join(" | ")} |`),
  ];
  return lines.join("\n");
}

export const REFERENCE_START = "<!-- config-reference:start -->";
export const REFERENCE_END = "<!-- config-reference:end -->";

/** The README with the text between the config-reference markers replaced by `table`. */
export function replaceConfigReference(readme: string, table: string): string {
  const start = readme.indexOf(REFERENCE_START);
  const end = readme.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${REFERENCE_START} / ${REFERENCE_END} markers`);
  return `${readme.slice(0, start + REFERENCE_START.length)}\n${table}\n${readme.slice(end)}`;
}
