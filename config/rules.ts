/**
 * The rules between values. Each runs when the values it reads could be read, and names the key to change.
 */
import { ACTION_NAMES, type CookieMode, type Plan } from "../auth0";
import type { Check, Reading } from "./check";
import { formatDuration } from "./duration";
import { SECRET } from "./problems";
import { PLAN_LIMITS } from "./schema";

export function crossFieldRules(check: Check): void {
  const add = (reading: Reading, rule: string) => check.add(reading.path, reading.root, reading.shown, rule);
  /** `a` must not exceed `b`; `b`'s value is shown as the limit. */
  const notAbove = (a: string, b: string) => {
    const [x, y] = [check.get<number>(a), check.get<number>(b)];
    if (x && y && x.value > y.value) add(x, `must not exceed ${b} (${check.reveal(y.root, formatDuration(y.value))})`);
  };
  const plan = check.get<Plan>("plan");

  for (const kind of ["persistent", "ephemeral"] as const) {
    for (const which of ["idle", "absolute"] as const) {
      const lifetime = check.get<number>(`sessions.${kind}.${which}`);
      if (!plan || !lifetime || lifetime.value <= PLAN_LIMITS[plan.value][which]) continue;
      // The limit a secret plan sets would tell the plan.
      const limit = formatDuration(PLAN_LIMITS[plan.value][which]);
      add(
        lifetime,
        check.isSecret(plan.root)
          ? `more than the ${SECRET} plan allows`
          : `at most ${limit} on the ${plan.value} plan`,
      );
    }
    notAbove(`sessions.${kind}.idle`, `sessions.${kind}.absolute`);
  }

  const kmsi = check.get<boolean>("keepMeSignedIn.enabled");
  if (kmsi?.value) {
    notAbove("keepMeSignedIn.trustedDevice.absolute", "sessions.persistent.absolute");
    notAbove("keepMeSignedIn.trustedDevice.idle", "sessions.persistent.idle");
    notAbove("keepMeSignedIn.trustedDevice.idle", "keepMeSignedIn.trustedDevice.absolute");
    const cookieMode = check.get<CookieMode>("sessions.cookieMode");
    if (cookieMode && cookieMode.value !== "non-persistent") {
      add(
        cookieMode,
        "must be non-persistent while keepMeSignedIn is enabled (only a ticked box may make a session persistent)",
      );
    }
    if (plan?.value === "self-service") {
      add(
        kmsi,
        "api.session.setCookieMode, setExpiresAt and setIdleExpiresAt are Enterprise features: " +
          "set plan to enterprise or keepMeSignedIn.enabled to false",
      );
    }
  }

  if (plan?.value === "self-service") {
    const enterpriseOnly = [
      ["risk.networkBinding", (v: unknown) => v !== "off", "api.session.revoke", "off"],
      ["risk.connectionLifetimes", (v: unknown) => v === true, "api.session.setExpiresAt", "off"],
      ["risk.organizationIdle", (v: unknown) => v === true, "api.session.setIdleExpiresAt", "off"],
    ] as const;
    for (const [keyPath, enabled, method, off] of enterpriseOnly) {
      const reading = check.get(keyPath);
      if (reading && enabled(reading.value)) {
        add(reading, `${method} is an Enterprise feature: set plan to enterprise or ${keyPath} to ${off}`);
      }
    }
  }

  const seen = new Set<string>();
  const ours = new Set<string>(Object.values(ACTION_NAMES));
  for (const item of check.get<Reading<string>[]>("actions.keepBound")?.value ?? []) {
    if (ours.has(item.value)) add(item, "is the name of an Action this project manages");
    else if (seen.has(item.value)) add(item, "is listed twice");
    seen.add(item.value);
  }
}
