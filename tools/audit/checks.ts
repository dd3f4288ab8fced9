/**
 * What the audit checks: the live tenant against the stack's declared intent, where a refreshing preview does
 * not look (/work/shared/provider-behaviour.md "What drift can see": never secrets, the deployed version, the
 * domain's status or certificate, partials on another prompt).
 *
 * Pure: a snapshot, the parsed config and the stack's last update in, rows out. Secret values are never read
 * (Auth0 does not return them), only names and `updated_at`.
 */
import { ACTION_NAMES, KMSI_SECRETS, LOGIN_SCREENS, pageTemplateProblems, RISK_SECRETS } from "../../auth0";
import { formatDuration, HOUR_MS, PLAN_LIMITS, type StackConfig } from "../../config";
import { riskEnabled } from "../../components";
import { findCheckboxes } from "../tenant/checkbox";
import { AUTH0_DEFAULT_COOKIE_MODE, CERTIFICATE_TYPES } from "../tenant/facts";
import { CHECKBOX_PROMPTS, POST_LOGIN, type TenantSnapshot } from "../tenant/snapshot";

export type Status = "ok" | "finding" | "not checked";

export interface CheckRow {
  check: string;
  status: Status;
  expected: string;
  found: string;
  /** What to do about a finding (or why the check could not run); empty when ok. */
  fix: string;
}

/** The stack's last `pulumi up`, or why it is not known. */
export type LastUpdate = { endTime: Date } | { unknown: string };

/** Auth0 answers `updated_at` to the millisecond and Pulumi's history to the second: one second of slack. */
const HISTORY_RESOLUTION_MS = 1000;

/** The certificate status of a usable Auth0-managed certificate (Auth0 docs, custom-domains/troubleshoot). */
const CERTIFICATE_PROVISIONED = "provisioned";

export function auditChecks(snapshot: TenantSnapshot, config: StackConfig, lastUpdate: LastUpdate): CheckRow[] {
  const rows: CheckRow[] = [];
  const row = (check: string, ok: boolean, expected: string, found: string, fix: string) =>
    rows.push({ check, status: ok ? "ok" : "finding", expected, found, fix: ok ? "" : fix });

  // Our Actions, in binding order (risk before kmsi): one each, all changes deployed, exactly our secret names, none changed since the last update.
  const wanted = [
    ...(riskEnabled(config.risk)
      ? [{ name: ACTION_NAMES.risk, secrets: Object.values(RISK_SECRETS) as string[] }]
      : []),
    ...(config.keepMeSignedIn.enabled
      ? [{ name: ACTION_NAMES.kmsi, secrets: Object.values(KMSI_SECRETS) as string[] }]
      : []),
  ];
  for (const { name, secrets } of wanted) {
    const named = snapshot.actions.filter((a) => a.name === name && a.triggers.includes(POST_LOGIN));
    row(
      `Action ${name} exists`,
      named.length === 1,
      `one ${POST_LOGIN} Action named ${name}`,
      named.length === 0 ? "none" : `${named.length} (${named.map((a) => a.id).join(", ")})`,
      named.length === 0 ? "pulumi up creates it" : `delete the Actions named ${name} that the stack does not manage`,
    );
    if (named.length !== 1) continue;
    const action = named[0];
    const deployed = action.deployedVersion !== undefined && action.allChangesDeployed;
    row(
      `Action ${name} deployed`,
      deployed,
      "latest version deployed (all_changes_deployed)",
      action.deployedVersion === undefined
        ? "never deployed"
        : action.allChangesDeployed
          ? `v${action.deployedVersion}`
          : `v${action.deployedVersion} deployed, later changes not deployed`,
      "an edit in the dashboard was saved but not deployed (or a rollback): deploy it or discard it, then pulumi up --refresh",
    );
    const names = action.secrets.map((s) => s.name);
    const extra = names.filter((n) => !secrets.includes(n));
    const missing = secrets.filter((n) => !names.includes(n));
    row(
      `Action ${name} secret names`,
      extra.length === 0 && missing.length === 0,
      [...secrets].sort().join(", "),
      names.length === 0 ? "none" : [...names].sort().join(", "),
      [
        extra.length > 0 ? `delete ${extra.join(", ")} (an unmanaged secret makes the next pulumi up fail)` : "",
        missing.length > 0
          ? `${missing.join(", ")} missing: pulumi up does not resend unchanged secrets, so replace the Action (pulumi up --replace)`
          : "",
      ]
        .filter(Boolean)
        .join("; "),
    );
    if ("unknown" in lastUpdate) {
      rows.push({
        check: `Action ${name} secrets unchanged since the last update`,
        status: "not checked",
        expected: "no secret updated after the last pulumi up",
        found: "—",
        fix: lastUpdate.unknown,
      });
    } else {
      const limit = lastUpdate.endTime.getTime() + HISTORY_RESOLUTION_MS;
      const changed = action.secrets.filter((s) => s.updatedAt !== undefined && Date.parse(s.updatedAt) > limit);
      row(
        `Action ${name} secrets unchanged since the last update`,
        changed.length === 0,
        `no secret updated after ${lastUpdate.endTime.toISOString()}`,
        changed.length === 0 ? "none" : changed.map((s) => `${s.name} at ${s.updatedAt}`).join(", "),
        "changed outside Pulumi (the dashboard?): pulumi up does not resend unchanged secrets, so replace the Action (pulumi up --replace) to restore the stack's values",
      );
    }
  }

  // The custom domain: ready, with its certificate when Auth0 manages it.
  const domain = snapshot.customDomains.find((d) => d.domain === config.customDomain.domain);
  if (!domain) {
    row(
      "custom domain ready",
      false,
      `${config.customDomain.domain} ready`,
      "not in the tenant",
      "pulumi up creates it; then create the DNS records of the customDomainDnsRecords output",
    );
  } else {
    const managed = domain.type === CERTIFICATE_TYPES["auth0-managed"];
    const certificateOk =
      !managed || domain.certificateStatus === undefined || domain.certificateStatus === CERTIFICATE_PROVISIONED;
    row(
      "custom domain ready",
      domain.status === "ready" && certificateOk,
      `${domain.domain} ready${managed ? `, certificate ${CERTIFICATE_PROVISIONED}` : ""}`,
      `${domain.status}${managed ? `, certificate ${domain.certificateStatus ?? "not reported"}` : ""}`,
      domain.status !== "ready"
        ? "verification slipped: check the DNS records of the customDomainDnsRecords output, then verify the domain again"
        : `the certificate is ${domain.certificateStatus}: see the domain's certificate.error_msg in the dashboard`,
    );
  }

  // The checkbox: on the configured flow's prompt (when KMSI is on), on no other prompt.
  const flowPrompt = LOGIN_SCREENS[config.loginFlow].prompt;
  const boxes = findCheckboxes(snapshot.partials);
  for (const prompt of CHECKBOX_PROMPTS) {
    const here = boxes.filter((b) => b.prompt === prompt);
    const want = config.keepMeSignedIn.enabled && prompt === flowPrompt ? 1 : 0;
    row(
      `checkbox partial on prompt ${prompt}`,
      here.length === want,
      want === 1 ? "present (the configured flow's prompt)" : "absent",
      here.length === 0 ? "absent" : here.map((b) => `${b.screen}/${b.insertionPoint}`).join(", "),
      want === 1
        ? "pulumi up restores it"
        : `remove it: PUT {} to /api/v2/prompts/${prompt}/partials (or the dashboard's partials editor); the stack does not manage this prompt`,
    );
  }

  // The post-login binding: risk, kmsi, then exactly the kept ones.
  const expectedBinding = [...wanted.map((w) => w.name), ...config.actions.keepBound];
  const foundBinding = snapshot.postLogin.map((b) => b.actionName);
  row(
    "post-login binding",
    expectedBinding.join("\n") === foundBinding.join("\n"),
    expectedBinding.join(", ") || "empty",
    foundBinding.join(", ") || "empty",
    "pulumi up restores the order; an Action bound outside Pulumi belongs in actions.keepBound or must be unbound",
  );

  // The page template's required tags.
  const problems = snapshot.template === null ? ["no template"] : pageTemplateProblems(snapshot.template);
  row(
    "page template tags",
    problems.length === 0,
    "one {%- auth0:head -%}, at least one {%- auth0:widget -%}",
    problems.length === 0 ? "both" : problems.join("; "),
    "pulumi up writes the stack's template again",
  );

  // Posture: non-persistent default cookie while KMSI is on; lifetimes within the plan.
  if (config.keepMeSignedIn.enabled) {
    const mode = snapshot.settings.cookieMode ?? AUTH0_DEFAULT_COOKIE_MODE;
    row(
      "default cookie non-persistent",
      mode === "non-persistent",
      "non-persistent (Keep Me Signed In is on)",
      snapshot.settings.cookieMode ?? `unset (${AUTH0_DEFAULT_COOKIE_MODE})`,
      "pulumi up sets it back",
    );
  }
  const limits = PLAN_LIMITS[config.plan];
  const lifetimes = [
    ["persistent idle", snapshot.settings.idleSessionLifetime, limits.idle],
    ["persistent absolute", snapshot.settings.sessionLifetime, limits.absolute],
    ["non-persistent idle", snapshot.settings.idleEphemeralSessionLifetime, limits.idle],
    ["non-persistent absolute", snapshot.settings.ephemeralSessionLifetime, limits.absolute],
  ] as const;
  for (const [label, hours, limit] of lifetimes) {
    const ms = hours === undefined ? undefined : hours * HOUR_MS;
    row(
      `${label} lifetime within the ${config.plan} plan`,
      ms !== undefined && ms <= limit,
      `at most ${formatDuration(limit)}`,
      ms === undefined ? "not reported" : `${hours} h (${formatDuration(ms)})`,
      "pulumi up sets the stack's lifetimes again; check plan in the stack config",
    );
  }
  return rows;
}

export function exitCodeOf(rows: CheckRow[]): 0 | 2 {
  return rows.some((r) => r.status === "finding") ? 2 : 0;
}
