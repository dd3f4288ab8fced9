/**
 * The tenant's subscription plan, which bounds session lifetimes (Auth0 "Session lifetime limits"):
 * inactivity (idle) timeout at most 3 days on self-service plans and 100 days on enterprise; absolute
 * ("require log in after") at most 30 days and 365 days. The Management API takes lifetimes in hours.
 */
export type Plan = "enterprise" | "self-service";

export interface SessionLimits {
  maxIdleHours: number;
  maxAbsoluteHours: number;
  /** One minute, the smallest timeout the dashboard offers; lifetimes may be fractional hours. */
  minHours: number;
}

export function sessionLimits(plan: Plan): SessionLimits {
  const minHours = 1 / 60;
  return plan === "enterprise"
    ? { maxIdleHours: 100 * 24, maxAbsoluteHours: 365 * 24, minHours }
    : { maxIdleHours: 3 * 24, maxAbsoluteHours: 30 * 24, minHours };
}

export function isPlan(value: string): value is Plan {
  return value === "enterprise" || value === "self-service";
}
